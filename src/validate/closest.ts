/** Suggestions for typos: the known word closest to what was written. */

/** Edit distance (insert, delete, substitute one character). */
export function levenshtein(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const next = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      next.push(Math.min((row[j] as number) + 1, (next[j - 1] as number) + 1, (row[j - 1] as number) + cost))
    }
    row = next
  }
  return row[b.length] as number
}

/** Lower case, `_` and spaces as `-`: `Officiele_titel` and `officiele-titel` are one key. */
function normalise(key: string): string {
  return key
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-')
}

/** The candidate closest to `word` within `maxDistance` edits, if any (ties: the first). */
export function closest(word: string, candidates: readonly string[], maxDistance = 2): string | undefined {
  const w = normalise(word)
  let best: string | undefined
  let bestDistance = maxDistance + 1
  for (const candidate of candidates) {
    const d = levenshtein(w, normalise(candidate))
    if (d < bestDistance) {
      best = candidate
      bestDistance = d
    }
  }
  return best
}
