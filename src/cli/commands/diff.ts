/** `regelwerk diff <oud> <nieuw> [--format text|json|html|docx] [--out F] [--was-wordt]`. */
import { resolve } from 'node:path'
import { VFile } from 'vfile'
import { diffForReaders } from '../../diff/index.js'
import { countProvisions, describeCounts } from '../../diff/provisions.js'
import { frontMatterToelichting, readToelichting, type ToelichtingEntry } from '../../diff/toelichting.js'
import type { DiffResult } from '../../model/changes.js'
import { decodeText, type ParseResult } from '../../parse/index.js'
import { writeFileAtomic } from '../../util/fs.js'
import { fout, hasErrors } from '../../util/messages.js'
import { EXIT, printMessages, readInput, UsageError } from '../io.js'
import { loadVersion } from '../load-version.js'

export interface DiffCliOptions {
  format?: string
  out?: string
  wasWordt?: boolean
  /** A YAML file with an explanation per provision for the was-wordt table's Toelichting column. */
  toelichting?: string
  force?: boolean
}

const FORMATS = ['text', 'json', 'html', 'docx'] as const
type Format = (typeof FORMATS)[number]

function workOf(meta: Record<string, unknown>): string | undefined {
  const w = meta.work ?? meta.citeertitel ?? meta.identificatie
  return typeof w === 'string' ? w : undefined
}

/** A deterministic revision date: the new version's own date, so the same input gives the same file. */
function revisionDate(result: DiffResult): Date {
  const d = result.nieuwMeta.inwerkingtreding ?? result.nieuwMeta.ondertekening
  return new Date(`${typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : '2000-01-01'}T00:00:00Z`)
}

export async function runDiff(oudRef: string, nieuwRef: string, options: DiffCliOptions): Promise<number> {
  const format = (options.format ?? 'text') as Format
  if (!FORMATS.includes(format)) throw new UsageError(`Onbekend formaat \`${format}\`; kies uit ${FORMATS.join(', ')}`)
  if (format === 'docx' && !options.out)
    throw new UsageError('Een Word-bestand gaat niet naar het scherm: geef `--out renvooi.docx`')
  if (options.toelichting !== undefined && !(format === 'docx' && options.wasWordt))
    throw new UsageError('`--toelichting` hoort bij de was-wordttabel: geef ook `--format docx --was-wordt`')
  if (options.out && resolve(options.out) === resolve(oudRef))
    throw new UsageError('`--out` mag niet de oude versie zelf zijn')
  // Both sides are read and checked, so that one run shows the messages of both.
  const oud = loadVersion(oudRef, { force: options.force })
  const nieuw = loadVersion(nieuwRef, { force: options.force })
  if (typeof oud === 'number') return oud
  if (typeof nieuw === 'number') return nieuw
  const wa = workOf(oud.result.tree.data.meta)
  const wb = workOf(nieuw.result.tree.data.meta)
  if (wa && wb && wa !== wb) {
    process.stderr.write(
      `${nieuw.path}:1:1: waarschuwing De versies horen bij verschillende werken (\`${wa}\` en \`${wb}\`); het verschil wordt toch getoond [diff-ander-werk]\n`,
    )
  }
  const result = diffForReaders(oud.result.tree, nieuw.result.tree)
  const counts = countProvisions(result)
  let toelichting: Record<string, string> | undefined
  if (format === 'docx' && options.wasWordt) {
    const read = await readToelichtingen(result, nieuw, options.toelichting)
    if (typeof read === 'number') return read
    toelichting = read
  }
  let output: string | Uint8Array
  switch (format) {
    case 'json':
      output = `${JSON.stringify(
        {
          oud: oud.path,
          nieuw: nieuw.path,
          samenvatting: { ...counts, tekst: describeCounts(counts) },
          wijzigingen: result.changes,
        },
        null,
        2,
      )}\n`
      break
    case 'html': {
      const { renderDiffHtml } = await import('../../render/html-diff.js')
      output = renderDiffHtml(result, {})
      break
    }
    case 'docx': {
      const { renderRenvooiDocx } = await import('../../render/docx-renvooi.js')
      output = await renderRenvooiDocx(result, {
        date: revisionDate(result),
        wasWordt: options.wasWordt ?? false,
        ...(toelichting ? { toelichting } : {}),
      })
      break
    }
    default: {
      const { renderDiffText } = await import('../../render/text-diff.js')
      output = renderDiffText(result, { color: options.out === undefined && process.stdout.isTTY === true })
    }
  }
  if (options.out) {
    writeFileAtomic(options.out, output)
    process.stderr.write(`${options.out}: ${describeCounts(counts)}\n`)
  } else process.stdout.write(output)
  return EXIT.ok
}

/**
 * The explanations for the was-wordt table: the new version's front-matter `toelichting`, then the
 * side file's (which wins for the same key). A key that names no row of the table, or a wrong
 * shape, is a placed error and nothing is written (an explanation under the wrong provision in a
 * raadsvoorstel is worse than none).
 */
async function readToelichtingen(
  result: DiffResult,
  nieuw: { result: ParseResult; path: string },
  sideFile: string | undefined,
): Promise<Record<string, string> | number> {
  const { matchToelichting, wasWordtRows } = await import('../../render/docx-renvooi.js')
  const sources: Array<{ file: VFile; path: string; entries: ToelichtingEntry[] }> = []
  const fmFile = new VFile({ path: nieuw.path })
  sources.push({ file: fmFile, path: nieuw.path, entries: frontMatterToelichting(nieuw.result.frontMatter, fmFile) })
  if (sideFile !== undefined) {
    const file = readInput(sideFile)
    const text = hasErrors(file) ? undefined : decodeText(file)
    sources.push({ file, path: sideFile, entries: text === undefined ? [] : readToelichting(text, file) })
  }
  const rows = wasWordtRows(result.tree)
  const out: Record<string, string> = {}
  for (const source of sources) {
    const { unknown } = matchToelichting(rows, Object.fromEntries(source.entries.map((e) => [e.key, e.text])))
    const onbekend = new Set(unknown)
    for (const e of source.entries) {
      if (onbekend.has(e.key)) {
        fout(
          source.file,
          `De toelichting noemt \`${e.key}\`, maar die bepaling staat niet in de was-wordttabel (zij is niet gewijzigd, of de vindplaats is verkeerd gespeld); schrijf de vindplaats zoals de tabel haar noemt, bijvoorbeeld \`${rows[0]?.plaats ?? 'Artikel 1'}\`, of het id van de bepaling`,
          e.place,
          'toelichting-onbekend',
        )
      } else out[e.key] = e.text
    }
  }
  let failed = false
  for (const source of sources) {
    if (source.file.messages.length === 0) continue
    printMessages(source.file, source.path)
    failed ||= hasErrors(source.file)
  }
  return failed ? EXIT.input : out
}
