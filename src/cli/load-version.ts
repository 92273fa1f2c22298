/** Loading a version for the commands that read a regulation (`diff`, `amend`, `apply`, `tree`, `show`). */
import { dirname, resolve } from 'node:path'
import type { VFile } from 'vfile'
import { type ParseResult, parseRegeling } from '../parse/index.js'
import { blockingErrors, hasErrors } from '../util/messages.js'
import { checkRegeling } from '../validate/index.js'
import { resolveVersion } from '../versions/refs.js'
import { isWorkDir, loadWork, versionMeta } from '../versions/work.js'
import { EXIT, plural, printMessages, readInput } from './io.js'

export { blockingErrors }

export interface LoadOptions {
  /** Go on with a regulation that has errors (`--force`); its messages are printed all the same. */
  force?: boolean
}

/**
 * Load a version (a file or `werk@JJJJ-MM-DD`). A version inside a work gets the work keys it
 * inherits (citeertitel, organisatie, …) and, when it states none, the inwerkingtreding from its file
 * name, as `history` and `show` see it. Prints the messages and returns an exit status on errors.
 */
export function loadVersion(ref: string, options: LoadOptions = {}): { result: ParseResult; path: string } | number {
  const resolved = resolveVersion(ref)
  if (!resolved.ok) {
    process.stderr.write(`fout: ${resolved.reden}\n`)
    return EXIT.input
  }
  const path = resolved.value
  const file = readInput(path)
  const result = parseChecked(file, path, options)
  if (typeof result === 'number') return result
  result.tree.data.meta = versionMeta(path, result.tree.data.meta)
  return { result, path }
}

/**
 * Parse and check the regulation in `file` as `regelwerk check` does (with what a version inherits
 * from its work). A file with a `fout` is refused: its messages are printed and the exit status
 * returned, so that nothing is written from it (a diff headed "versie van 2023-02-30", a besluit for
 * a regulation with two articles 5). With `force` the messages are printed and the work goes on,
 * unless the file could not be read as text at all.
 */
export function parseChecked(file: VFile, path: string, options: LoadOptions = {}): ParseResult | number {
  const result = hasErrors(file) ? undefined : parseRegeling(file)
  if (result?.text !== undefined) {
    const dir = dirname(resolve(path))
    const before = file.messages.length
    checkRegeling(result, file, { inherited: isWorkDir(dir) ? loadWork(dir).inherited : undefined })
    // The check's warnings are `check`'s to show; a command reading the text stops only for its fouten.
    const found = file.messages.splice(before)
    file.messages.push(...found.filter((m) => m.fatal === true))
  }
  if (!result || result.text === undefined) {
    printMessages(file, path)
    return EXIT.input
  }
  const blocking = blockingErrors(file)
  if (blocking.length === 0) return result
  printMessages(file, path)
  const n = plural(blocking.length, 'fout', 'fouten')
  if (options.force) {
    process.stderr.write(`${path}: ${n}; toch doorgegaan omdat \`--force\` is gegeven\n`)
    return result
  }
  process.stderr.write(
    `${path}: ${n}; er is niets geschreven. Herstel de regeling (zie \`regelwerk check ${path}\`) of geef \`--force\` om toch door te gaan\n`,
  )
  return EXIT.input
}
