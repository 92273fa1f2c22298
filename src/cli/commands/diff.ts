/** `regelwerk diff <oud> <nieuw> [--format text|json|html|docx] [--out F] [--was-wordt]`. */
import { resolve } from 'node:path'
import { diffForReaders } from '../../diff/index.js'
import { countProvisions, describeCounts } from '../../diff/provisions.js'
import type { DiffResult } from '../../model/changes.js'
import { writeFileAtomic } from '../../util/fs.js'
import { EXIT, UsageError } from '../io.js'
import { loadVersion } from '../load-version.js'

export interface DiffCliOptions {
  format?: string
  out?: string
  wasWordt?: boolean
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
      output = await renderRenvooiDocx(result, { date: revisionDate(result), wasWordt: options.wasWordt ?? false })
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
