/** `regelwerk apply <basis> <wijziging> [--out F]`: the next version, or a positioned refusal. */
import { resolve } from 'node:path'
import { stringify } from 'yaml'
import { applyAmendment } from '../../amend/apply.js'
import { parseAmendment } from '../../amend/parse-amendment.js'
import { formatRegeling } from '../../format/markdown.js'
import { decodeText } from '../../parse/index.js'
import { writeFileAtomic } from '../../util/fs.js'
import { fout, hasErrors } from '../../util/messages.js'
import { EXIT, printMessages, readInput, UsageError } from '../io.js'
import { loadVersion } from '../load-version.js'

export interface ApplyCliOptions {
  out?: string
  force?: boolean
}

export function runApply(baseRef: string, amendmentPath: string, options: ApplyCliOptions): number {
  if (options.out && [baseRef, amendmentPath].some((r) => resolve(options.out as string) === resolve(r)))
    throw new UsageError('`--out` mag niet de basisversie of de wijziging zelf zijn')
  const base = loadVersion(baseRef, { force: options.force })
  if (typeof base === 'number') return base
  const file = readInput(amendmentPath)
  const text = hasErrors(file) ? undefined : decodeText(file)
  if (text === undefined) {
    printMessages(file, amendmentPath)
    return EXIT.input
  }
  const read = parseAmendment(text, file)
  if (read.opdrachten.length === 0 && !hasErrors(file))
    fout(file, 'Er staan geen wijzigingsopdrachten in dit bestand', { line: 1, column: 1 }, 'wijziging-leeg')
  const result = hasErrors(file)
    ? undefined
    : applyAmendment(base.result.tree, read, file, { bron: `${amendmentPath} toegepast op ${base.path}` })
  if (!result || hasErrors(file)) {
    printMessages(file, amendmentPath)
    return EXIT.input
  }
  printMessages(file, amendmentPath)
  // `deeltekst` is ja/nee: written as YAML `true`, not as the string "true".
  const meta = { ...result.tree.data.meta }
  if (meta.deeltekst === 'true' || meta.deeltekst === 'false') meta.deeltekst = meta.deeltekst === 'true'
  const output = formatRegeling(result.tree, { frontMatter: stringify(meta, { lineWidth: 0 }) })
  if (options.out) {
    writeFileAtomic(options.out, output)
    process.stderr.write(`${options.out}: ${result.toegepast} opdrachten toegepast\n`)
  } else process.stdout.write(output)
  return EXIT.ok
}
