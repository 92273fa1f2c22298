/** `regelwerk apply <basis> <wijziging> [--out F]`: the next version, or a positioned refusal. */
import { resolve } from 'node:path'
import { VFile } from 'vfile'
import { stringify } from 'yaml'
import { applyBesluit, type Verslag } from '../../amend/apply.js'
import { parseAmendment } from '../../amend/parse-amendment.js'
import { formatRegeling } from '../../format/markdown.js'
import { parseFrontMatter } from '../../parse/frontmatter.js'
import { decodeText } from '../../parse/index.js'
import { writeFileAtomic } from '../../util/fs.js'
import { hasErrors } from '../../util/messages.js'
import { frontmatterDatum } from '../../validate/rules/frontmatter-datum.js'
import type { RuleContext } from '../../validate/types.js'
import { EXIT, printMessages, readInput, UsageError } from '../io.js'
import { loadVersion } from '../load-version.js'

export interface ApplyCliOptions {
  out?: string
  force?: boolean
  /** The regulation the besluit is for, when it names another or none (`--regeling`). */
  regeling?: string
  /** Per instruction what was done, on stderr. */
  verbose?: boolean
  /** Per instruction what was done, as JSON (on stdout; the new version then needs `--out`). */
  json?: boolean
}

function verslagRegel(v: Verslag, path: string): string {
  return `${path}:${v.line}:${v.column}: ${v.label} ${v.operatie} ${v.doel}: «${v.tekst}» (${v.gedaan})\n`
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
  if (options.json && !options.out)
    throw new UsageError('`--json` schrijft het verslag op stdout; geef de nieuwe versie met `--out` een bestand')
  const read = parseAmendment(text, file)
  // A date in the besluit's front-matter that does not exist (`ondertekening: 2015-13-45`) would be
  // carried into the new version: the same check as `check` gives, placed, and nothing is written.
  const frontMatter = parseFrontMatter(text, new VFile({ path: amendmentPath, value: text }))
  frontmatterDatum.run({ file, frontMatter } as RuleContext)
  const result = applyBesluit(base.result.tree, read, file, {
    bron: `${amendmentPath} toegepast op ${base.path}`,
    ...(options.regeling !== undefined ? { regeling: options.regeling } : {}),
  })
  if (!result || hasErrors(file)) {
    printMessages(file, amendmentPath)
    if (options.json)
      process.stdout.write(`${JSON.stringify({ toegepast: false, opdrachten: read.opdrachten.length }, null, 2)}\n`)
    return EXIT.input
  }
  printMessages(file, amendmentPath)
  // `deeltekst` is ja/nee: written as YAML `true`, not as the string "true".
  const meta = { ...result.tree.data.meta }
  if (meta.deeltekst === 'true' || meta.deeltekst === 'false') meta.deeltekst = meta.deeltekst === 'true'
  const output = formatRegeling(result.tree, { frontMatter: stringify(meta, { lineWidth: 0 }) })
  if (options.verbose) for (const v of result.verslag) process.stderr.write(verslagRegel(v, amendmentPath))
  if (options.out) {
    writeFileAtomic(options.out, output)
    if (options.json)
      process.stdout.write(
        `${JSON.stringify({ toegepast: true, uitvoer: options.out, opdrachten: result.verslag }, null, 2)}\n`,
      )
    process.stderr.write(
      `${options.out}: ${result.toegepast} ${result.toegepast === 1 ? 'opdracht' : 'opdrachten'} toegepast\n`,
    )
  } else process.stdout.write(output)
  return EXIT.ok
}
