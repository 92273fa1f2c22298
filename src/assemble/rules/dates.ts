/** Whole years between two ISO dates, as people count age and service. */

/** Full years from `from` to `to` (ISO dates): a birthday on `to` counts. Negative when `to` is earlier. */
export function fullYears(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number]
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number]
  let years = ty - fy
  if (tm < fm || (tm === fm && td < fd)) years--
  return years
}

/** `date` plus `years` whole years; 29 February becomes 28 February in a common year. */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const ny = y + years
  const last = new Date(Date.UTC(ny, m, 0)).getUTCDate()
  return `${ny}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`
}
