/** Dates are ISO strings in files (`2013-01-03`) and Dutch words for people (`3 januari 2013`). */

const MONTHS = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
]

/** Whether `value` is `YYYY-MM-DD` and a real calendar day (`2013-02-30` is not). */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (mo < 1 || mo > 12 || d < 1) return false
  return d <= daysInMonth(y, mo)
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** `2013-01-03` → `3 januari 2013`. The input must be a valid ISO date. */
export function formatDutchDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number)
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`
}

/** `03-01-2013` (Dutch spreadsheet/CVDR style) → `2013-01-03`, or undefined if it is no real day. */
export function dutchNumericToIso(value: string): string | undefined {
  const m = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(value.trim())
  if (!m) return undefined
  const iso = `${m[3]}-${(m[2] as string).padStart(2, '0')}-${(m[1] as string).padStart(2, '0')}`
  return isIsoDate(iso) ? iso : undefined
}

/** `1 januari 2013` → `2013-01-01`, or undefined. Accepts `1e`/`1ste` and any case. */
export function dutchWordsToIso(value: string): string | undefined {
  const m = /^(\d{1,2})(?:e|ste)?\s+([a-z]+)\s+(\d{4})$/i.exec(value.trim())
  if (!m) return undefined
  const month = MONTHS.indexOf((m[2] as string).toLowerCase()) + 1
  if (month === 0) return undefined
  const iso = `${m[3]}-${String(month).padStart(2, '0')}-${(m[1] as string).padStart(2, '0')}`
  return isIsoDate(iso) ? iso : undefined
}

export const DUTCH_MONTHS: readonly string[] = MONTHS
