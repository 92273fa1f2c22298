/** Loading a version for the commands that compare or change versions (`diff`, `amend`, `apply`). */
import { type ParseResult, parseRegeling } from '../parse/index.js'
import { hasErrors } from '../util/messages.js'
import { resolveVersion } from '../versions/refs.js'
import { versionMeta } from '../versions/work.js'
import { EXIT, printMessages, readInput } from './io.js'

/**
 * Load a version (a file or `werk@JJJJ-MM-DD`). A version inside a work gets the work keys it
 * inherits (citeertitel, organisatie, …) and, when it states none, the inwerkingtreding from its file
 * name, as `history` and `show` see it. Prints the messages and returns an exit status on errors.
 */
export function loadVersion(ref: string): { result: ParseResult; path: string } | number {
  const resolved = resolveVersion(ref)
  if (!resolved.ok) {
    process.stderr.write(`fout: ${resolved.reden}\n`)
    return EXIT.input
  }
  const file = readInput(resolved.value)
  const result = hasErrors(file) ? undefined : parseRegeling(file)
  if (!result || hasErrors(file)) {
    printMessages(file, resolved.value)
    return EXIT.input
  }
  result.tree.data.meta = versionMeta(resolved.value, result.tree.data.meta)
  return { result, path: resolved.value }
}
