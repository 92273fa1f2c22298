/** `regelwerk history <work> [--json]`: the version table as CVDR shows it, with the version checks. */
import { formatDutchDate } from '../../util/dates.js'
import { formatMessage, sortMessages } from '../../util/messages.js'
import { checkWork } from '../../versions/check-work.js'
import { resolveWork } from '../../versions/refs.js'
import type { Version } from '../../versions/work.js'
import { counts, EXIT, messageJson, plural } from '../io.js'

export interface HistoryOptions {
  json?: boolean
}

const d = (iso: string | undefined) => (iso ? formatDutchDate(iso) : '')

function uitwerking(v: Version): string {
  if (v.uitwerkingtreding) return d(v.uitwerkingtreding)
  return v.uitwerkingtredingAfgeleid ? `${d(v.uitwerkingtredingAfgeleid)}*` : ''
}

export function runHistory(ref: string, options: HistoryOptions): number {
  const found = resolveWork(ref)
  if (!found.ok) {
    process.stderr.write(`fout: ${found.reden}\n`)
    return EXIT.input
  }
  const work = found.value
  checkWork(work)
  const messages = work.versions.flatMap((v) => sortMessages(v.file.messages).map((m) => ({ m, path: v.path })))
  const c = counts(messages.map((x) => x.m))
  if (options.json) {
    const out = {
      werk: work.id,
      titel: work.citeertitel ?? null,
      versies: work.versions.map((v) => ({
        versie: v.name,
        pad: v.path,
        inwerkingtreding: v.inwerkingtreding ?? null,
        inwerkingtredingBron: v.inwerkingtredingBron,
        uitwerkingtreding: v.uitwerkingtredingAfgeleid ?? null,
        uitwerkingtredingAfgeleid: v.uitwerkingtreding === undefined && v.uitwerkingtredingAfgeleid !== undefined,
        terugwerkendeKracht: v.terugwerkendeKracht ?? null,
        betreft: v.betreft ?? null,
        ondertekening: v.ondertekening ?? null,
        bronBekendmaking: v.bekendmaking ?? null,
        bekendgemaakt: v.bekendgemaakt ?? null,
        kenmerk: v.kenmerk ?? null,
        wijzigingen: v.wijzigingen,
      })),
      berichten: messages.map(({ m, path }) => messageJson(m, path)),
    }
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`)
    return c.fouten > 0 ? EXIT.input : EXIT.ok
  }
  const head = [
    'versie',
    'inwerkingtreding',
    'uitwerkingtreding',
    'terugwerkende kracht',
    'betreft',
    'ondertekening',
    'bron bekendmaking',
  ]
  const rows = work.versions.map((v) => [
    v.name,
    d(v.inwerkingtreding) + (v.inwerkingtredingBron === 'bestandsnaam' ? '†' : ''),
    uitwerking(v),
    d(v.terugwerkendeKracht),
    v.betreft ?? '',
    d(v.ondertekening),
    v.bekendmaking ?? '',
  ])
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)))
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] as number))
      .join('  ')
      .trimEnd()
  const out: string[] = [
    `${work.citeertitel ?? work.id} (${work.dir}): ${plural(work.versions.length, 'versie', 'versies')}`,
    '',
  ]
  out.push(line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line))
  const notes: string[] = []
  if (rows.some((r) => (r[2] as string).endsWith('*')))
    notes.push('* afgeleid: de inwerkingtreding van de volgende versie')
  if (rows.some((r) => (r[1] as string).endsWith('†')))
    notes.push('† datum uit de bestandsnaam (geen inwerkingtreding in de front-matter)')
  for (const v of work.versions) {
    if (v.wijzigingen.length > 0) notes.push(`versie ${v.name} is tot stand gekomen door: ${v.wijzigingen.join(', ')}`)
  }
  if (notes.length > 0) out.push('', ...notes)
  if (messages.length > 0) out.push('', ...messages.map(({ m, path }) => formatMessage(m, path)))
  out.push('', `${plural(c.fouten, 'fout', 'fouten')}, ${plural(c.waarschuwingen, 'waarschuwing', 'waarschuwingen')}`)
  process.stdout.write(`${out.join('\n')}\n`)
  return c.fouten > 0 ? EXIT.input : EXIT.ok
}
