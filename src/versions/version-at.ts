/**
 * Which version applies on a date. Two questions (DOMAIN.md §3): the version that applies to
 * facts on D (`geldig`: terugwerkende kracht moves its start back) and the version juridisch in
 * werking on D (`in-werking`); and, with `knownOn`, what could have been known on that day.
 */
import { formatDutchDate, isIsoDate } from '../util/dates.js'
import { compareDates, type Version, type Work } from './work.js'

export type VersionMode = 'geldig' | 'in-werking'

export interface VersionAtOptions {
  mode?: VersionMode
  /** Only versions made known on or before this date count. */
  knownOn?: string
}

export type VersionAtResult = { ok: true; version: Version; reden: string } | { ok: false; reden: string }

/** The day from which `v` counts in `mode`. */
export function startOf(v: Version, mode: VersionMode): string | undefined {
  return mode === 'geldig' ? (v.terugwerkendeKracht ?? v.inwerkingtreding) : v.inwerkingtreding
}

/** The version of `work` for `date` (ISO). Never throws for content: the reason says why not. */
export function versionAt(work: Work, date: string, options: VersionAtOptions = {}): VersionAtResult {
  if (!isIsoDate(date)) throw new TypeError(`versionAt: \`date\` must be a real day as YYYY-MM-DD, got \`${date}\``)
  if (options.knownOn !== undefined && !isIsoDate(options.knownOn)) {
    throw new TypeError(`versionAt: \`knownOn\` must be a real day as YYYY-MM-DD, got \`${options.knownOn}\``)
  }
  const mode = options.mode ?? 'geldig'
  const d = formatDutchDate(date)
  const titel = work.citeertitel ?? work.id
  const dated = work.versions.filter((v) => startOf(v, mode) !== undefined)
  const known = options.knownOn
    ? dated.filter(
        (v) => v.bekendgemaakt === undefined || compareDates(v.bekendgemaakt, options.knownOn as string) <= 0,
      )
    : dated
  // The latest start on or before D; among equal starts, the latest inwerkingtreding.
  let chosen: Version | undefined
  for (const v of known) {
    const start = startOf(v, mode) as string
    if (compareDates(start, date) > 0) continue
    if (!chosen || compareDates(start, startOf(chosen, mode) as string) > 0) chosen = v
    else if (
      start === startOf(chosen, mode) &&
      compareDates(v.inwerkingtreding ?? '', chosen.inwerkingtreding ?? '') >= 0
    )
      chosen = v
  }
  if (!chosen) return { ok: false, reden: notFound(work, titel, date, d, mode, known, dated, options.knownOn) }
  const c = chosen
  if (c.intrekking) {
    return {
      ok: false,
      reden: `${titel} is ingetrokken met ingang van ${formatDutchDate(c.inwerkingtreding as string)}; op ${d} geldt geen tekst meer`,
    }
  }
  const after = (list: Version[]) =>
    list
      .filter((v) => compareDates(startOf(v, mode) as string, startOf(c, mode) as string) > 0)
      .sort((x, y) => compareDates(startOf(x, mode) as string, startOf(y, mode) as string))[0]
  const nextKnown = after(known)
  const end = c.uitwerkingtreding
  if (end && compareDates(end, date) <= 0) {
    const nextAny = after(dated)
    if (nextKnown) {
      return {
        ok: false,
        reden: `Op ${d} geldt geen tekst van ${titel}: versie ${c.name} is uitgewerkt per ${formatDutchDate(end)} en versie ${nextKnown.name} geldt pas vanaf ${formatDutchDate(startOf(nextKnown, mode) as string)} (een gat in de versies)`,
      }
    }
    const unknown =
      nextAny && options.knownOn
        ? ` De volgende versie (${nextAny.name}) was op ${formatDutchDate(options.knownOn)} nog niet bekend: bekendgemaakt op ${formatDutchDate(nextAny.bekendgemaakt as string)}.`
        : ''
    return {
      ok: false,
      reden: `Versie ${c.name} van ${titel} is uitgewerkt per ${formatDutchDate(end)}; op ${d} geldt ${unknown ? 'voor zover toen bekend ' : ''}geen tekst meer.${unknown}`,
    }
  }
  // The end as far as known: a stated uitwerkingtreding, else the next known version's start.
  const until = end ?? (nextKnown ? startOf(nextKnown, mode) : undefined)
  return { ok: true, version: c, reden: describe(c, date, mode, options.knownOn, until) }
}

function notFound(
  work: Work,
  titel: string,
  date: string,
  d: string,
  mode: VersionMode,
  known: Version[],
  dated: Version[],
  knownOn: string | undefined,
): string {
  const first = dated.reduce<Version | undefined>(
    (a, v) => (!a || compareDates(startOf(v, mode) as string, startOf(a, mode) as string) < 0 ? v : a),
    undefined,
  )
  if (!first) return `${titel} heeft geen versie met een datum van inwerkingtreding`
  if (knownOn) {
    const unknown = dated.find((v) => !known.includes(v) && compareDates(startOf(v, mode) as string, date) <= 0)
    if (unknown) {
      const wat = mode === 'geldig' ? 'geldt' : 'in werking is'
      return `Op ${formatDutchDate(knownOn)} was van ${titel} geen versie bekend die op ${d} ${wat}: de versie ${unknown.name} (${wat} vanaf ${formatDutchDate(startOf(unknown, mode) as string)}) is pas bekendgemaakt op ${formatDutchDate(unknown.bekendgemaakt as string)}`
    }
  }
  const start = startOf(first, mode) as string
  const hint =
    mode === 'in-werking' && first.terugwerkendeKracht && compareDates(first.terugwerkendeKracht, date) <= 0
      ? ` Met terugwerkende kracht geldt versie ${first.name} wel voor feiten op ${d}: laat \`--in-force\` weg.`
      : ''
  const zin =
    mode === 'geldig'
      ? `Op ${d} geldt nog geen versie van ${titel}: de eerste versie (${first.name}) geldt vanaf ${formatDutchDate(start)}.`
      : `Op ${d} is nog geen versie van ${titel} in werking: de eerste versie (${first.name}) treedt in werking op ${formatDutchDate(start)}.`
  return `${zin}${hint} (werk: ${work.dir})`
}

/** The header that says which version was chosen and why. */
function describe(
  v: Version,
  date: string,
  mode: VersionMode,
  knownOn: string | undefined,
  until: string | undefined,
): string {
  const parts: string[] = []
  const inw = v.inwerkingtreding as string
  if (v.terugwerkendeKracht && v.terugwerkendeKracht !== inw) {
    parts.push(
      `geldt vanaf ${formatDutchDate(v.terugwerkendeKracht)} (terugwerkende kracht), in werking getreden ${formatDutchDate(inw)}`,
    )
  } else
    parts.push(
      `geldt vanaf ${formatDutchDate(inw)}${v.inwerkingtredingBron === 'bestandsnaam' ? ' (datum uit de bestandsnaam)' : ''}`,
    )
  if (until) parts.push(`tot ${formatDutchDate(until)}`)
  if (v.bekendgemaakt) parts.push(`bekendgemaakt ${formatDutchDate(v.bekendgemaakt)}`)
  const vraag =
    mode === 'geldig'
      ? `de versie die geldt voor feiten op ${formatDutchDate(date)}`
      : `de versie die op ${formatDutchDate(date)} in werking is`
  const kennis = knownOn ? `, naar wat bekend was op ${formatDutchDate(knownOn)}` : ''
  return `Versie ${v.name}: ${parts.join(', ')}. Gekozen als ${vraag}${kennis}.`
}
