/**
 * The order of lid, onderdeel and subonderdeel numbers: `1, 2, 2a, 2b, 3`; `a … z, aa, bb …` (as
 * Dutch law letters them after `z`); `1°, 2°`. A sequence is read against the highest number so
 * far, so that one swapped pair (`a, c, b, d`) gives two findings, not a cascade.
 */

export interface NumberScheme {
  /** Sort key, or undefined for a number outside the scheme (it is skipped). */
  key(num: string): number[] | undefined
  /** The number expected instead of `current` after `previous` (undefined: the first), or undefined when it follows. */
  expected(previous: string | undefined, current: string): string | undefined
}

export type Finding =
  | { kind: 'herhaald'; num: string }
  | { kind: 'volgorde'; num: string; after: string }
  | { kind: 'gat'; num: string; expected: string }

/** Findings for a sequence of numbers, index-aligned with `nums` (undefined: in order). */
export function checkSequence(nums: readonly string[], scheme: NumberScheme): Array<Finding | undefined> {
  let highest: { num: string; key: number[] } | undefined
  return nums.map((num) => {
    const key = scheme.key(num)
    if (!key) return undefined
    const order = highest ? compareKeys(key, highest.key) : 1
    if (highest && order === 0) return { kind: 'herhaald', num }
    if (highest && order < 0) return { kind: 'volgorde', num, after: highest.num }
    const expected = scheme.expected(highest?.num, num)
    highest = { num, key }
    return expected === undefined ? undefined : { kind: 'gat', num, expected }
  })
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0)
    if (d !== 0) return d
  }
  return 0
}

// ---- leden: 1, 2, 2a, 2b, 3 -----------------------------------------------------------------------

function parseLid(num: string): { base: number; suffix: string } | undefined {
  const m = /^(\d+)([a-z]*)$/.exec(num)
  return m ? { base: Number(m[1]), suffix: m[2] as string } : undefined
}

/** `''` → `a`, `a` → `b`, `z` → `aa`. */
function nextSuffix(suffix: string): string {
  if (suffix === '') return 'a'
  const index = letterIndex(suffix)
  return (index === undefined ? undefined : letterAt(index + 1)) ?? `${suffix}a`
}

export const LEDEN: NumberScheme = {
  key(num) {
    const lid = parseLid(num)
    if (!lid) return undefined
    return [lid.base, lid.suffix === '' ? 0 : (letterIndex(lid.suffix) ?? 0)]
  },
  expected(previous, current) {
    const cur = parseLid(current)
    const prev = previous === undefined ? undefined : parseLid(previous)
    if (!cur) return undefined
    if (!prev) return cur.base === 1 && cur.suffix === '' ? undefined : '1'
    if (cur.suffix === '') return cur.base === prev.base + 1 ? undefined : String(prev.base + 1)
    // An inserted lid (`2a`) follows its base number or the previous insertion (`2b` after `2a`).
    if (cur.base === prev.base) {
      const next = `${prev.base}${nextSuffix(prev.suffix)}`
      return current === next ? undefined : next
    }
    // `3a` after `2`: lid 3 is missing.
    return String(prev.base + 1)
  },
}

// ---- onderdelen: a … z, aa, bb -----------------------------------------------------------------

/** `a` → 1, `z` → 26, `aa` → 27, `bb` → 28; undefined for anything else (`ab`, `-`). */
export function letterIndex(letters: string): number | undefined {
  if (!/^([a-z])\1*$/.test(letters)) return undefined
  return (letters.length - 1) * 26 + (letters.charCodeAt(0) - 96)
}

/** 1 → `a`, 27 → `aa`. */
export function letterAt(index: number): string | undefined {
  if (!Number.isInteger(index) || index < 1) return undefined
  const letter = String.fromCharCode(96 + ((index - 1) % 26) + 1)
  return letter.repeat(Math.floor((index - 1) / 26) + 1)
}

export const ONDERDELEN: NumberScheme = {
  key(num) {
    const index = letterIndex(num)
    return index === undefined ? undefined : [index]
  },
  expected(previous, current) {
    const cur = letterIndex(current) as number
    const prev = previous === undefined ? 0 : (letterIndex(previous) as number)
    return cur === prev + 1 ? undefined : letterAt(prev + 1)
  },
}

// ---- subonderdelen: 1°, 2° ----------------------------------------------------------------------

function degree(num: string): number | undefined {
  const m = /^(\d+)°$/.exec(num)
  return m ? Number(m[1]) : undefined
}

export const SUBONDERDELEN: NumberScheme = {
  key(num) {
    const n = degree(num)
    return n === undefined ? undefined : [n]
  },
  expected(previous, current) {
    const next = (previous === undefined ? 0 : (degree(previous) as number)) + 1
    return degree(current) === next ? undefined : `${next}°`
  },
}
