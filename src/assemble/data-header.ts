/**
 * The header row of a data file matched to a template's fields: names compared after normalising
 * case, spaces, underscores, hyphens and accents (`Aard aanstelling` = `aard_aanstelling`), near
 * misses with a suggestion, duplicates and a missing header row as errors. Messages name columns
 * of the template and header cells that look like column names (a near miss), never other cells:
 * a "header" may really be a row of personal data.
 */
import type { FieldDef } from './template.js'

/** `Aard  Aanstelling ` → `aard_aanstelling`; `Coördinator` → `coordinator`. */
export function normaliseColumn(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[\s_-]/)
    .filter((p) => p !== '')
    .join('_')
}

/** Levenshtein distance, given up above `max` (names are short; longer strings are not compared). */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max || a.length > 64 || b.length > 64) return max + 1
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    let best = i
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(
        (prev[j] as number) + 1,
        (cur[j - 1] as number) + 1,
        (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      )
      cur.push(v)
      if (v < best) best = v
    }
    if (best > max) return max + 1
    prev = cur
  }
  return prev[b.length] as number
}

/** How far a header cell may be from a column name to be suggested. */
const nearness = (name: string) => (name.length <= 4 ? 1 : name.length <= 10 ? 2 : 3)

export type HeaderResult = { ok: true; index: Map<string, number> } | { ok: false; reden: string }

/**
 * Match the header cells to the fields' columns. `index` maps a normalised column name to its cell.
 * Fails on: no field found at all (probably no header row), a duplicate name, a required column
 * missing, or a header cell that is a near miss of a column the template uses but did not find.
 */
export function matchHeader(
  cells: readonly string[],
  fields: readonly FieldDef[],
  delimiterHint?: string,
): HeaderResult {
  const index = new Map<string, number>()
  const dupes: Array<{ key: string; text: string }> = []
  cells.forEach((cell, i) => {
    const key = normaliseColumn(cell)
    if (key === '') return
    const before = index.get(key)
    if (before !== undefined) dupes.push({ key, text: `"${cell.trim()}" (kolom ${before + 1} en ${i + 1})` })
    else index.set(key, i)
  })
  const wanted = fields.map((f) => ({ field: f, key: normaliseColumn(f.column) }))
  const found = wanted.filter((w) => index.has(w.key))
  if (found.length === 0 && wanted.length > 0) {
    const examples = wanted
      .slice(0, 3)
      .map((w) => `"${w.field.column}"`)
      .join(', ')
    return {
      ok: false,
      reden: `de eerste rij is geen kopregel: geen enkele kolom van het sjabloon (zoals ${examples}) staat erin${delimiterHint ?? ''}. Zet de kolomnamen in de eerste rij`,
    }
  }
  const usedFields = new Set(wanted.filter((w) => index.has(w.key)).map((w) => w.key))
  const dupUsed = dupes.filter((d) => usedFields.has(d.key))
  if (dupUsed.length > 0)
    return {
      ok: false,
      reden: `de kopregel noemt een kolom twee keer: ${dupUsed.map((d) => d.text).join(', ')}; welke geldt is niet te zeggen. Geef elke kolom één naam`,
    }
  const known = new Set(wanted.map((w) => w.key))
  const unmatchedCells = cells
    .map((c, i) => ({ c: c.trim(), key: normaliseColumn(c), i }))
    .filter((x) => x.key !== '' && !known.has(x.key))
  const problems: string[] = []
  for (const w of wanted) {
    if (index.has(w.key)) continue
    const max = nearness(w.key)
    let best: { c: string; d: number; i: number } | undefined
    for (const x of unmatchedCells) {
      const d = distance(w.key, x.key, max)
      if (d <= max && (!best || d < best.d)) best = { c: x.c, d, i: x.i }
    }
    if (best)
      problems.push(
        `de kolom "${w.field.column}" ontbreekt; bedoelt u "${best.c}" (kolom ${best.i + 1})? Geef die kolom de naam "${w.field.column}"`,
      )
    else if (w.field.required) problems.push(`de verplichte kolom "${w.field.column}" ontbreekt`)
  }
  if (problems.length > 0) return { ok: false, reden: `${problems.join('; ')} (in de kopregel)` }
  return { ok: true, index }
}
