import { describe, expect, it } from 'vitest'
import { closest, levenshtein } from '../../src/validate/closest.js'
import {
  checkSequence,
  LEDEN,
  letterAt,
  letterIndex,
  type NumberScheme,
  ONDERDELEN,
  SUBONDERDELEN,
} from '../../src/validate/numbering.js'

function findings(nums: string[], scheme: NumberScheme) {
  return checkSequence(nums, scheme).flatMap((f, i) => (f ? [`${i}:${f.kind}:${f.num}`] : []))
}

describe('lid numbers', () => {
  it('accepts 1, 2, 3 and inserted leden', () => {
    expect(findings(['1', '2', '2a', '2b', '3'], LEDEN)).toEqual([])
    expect(findings(['1', '2', '3', '3a'], LEDEN)).toEqual([])
  })
  it('reports a gap once and goes on from the number found', () => {
    expect(checkSequence(['1', '2', '4', '5'], LEDEN)).toEqual([
      undefined,
      undefined,
      { kind: 'gat', num: '4', expected: '3' },
      undefined,
    ])
  })
  it('reports a first lid other than 1, a repeat and a step back', () => {
    expect(findings(['2', '3'], LEDEN)).toEqual(['0:gat:2'])
    expect(findings(['1', '2', '2'], LEDEN)).toEqual(['2:herhaald:2'])
    expect(findings(['1', '3', '2', '4'], LEDEN)).toEqual(['1:gat:3', '2:volgorde:2'])
    expect(findings(['1', '2', '3a'], LEDEN)).toEqual(['2:gat:3a'])
    expect(findings(['1', '2', '2b'], LEDEN)).toEqual(['2:gat:2b'])
  })
})

describe('onderdeel letters', () => {
  it('counts a … z, then aa, bb (as Dutch law does)', () => {
    expect(letterIndex('a')).toBe(1)
    expect(letterIndex('z')).toBe(26)
    expect(letterIndex('aa')).toBe(27)
    expect(letterIndex('bb')).toBe(28)
    expect(letterIndex('ab')).toBeUndefined()
    expect(letterAt(27)).toBe('aa')
    for (let i = 1; i < 80; i++) expect(letterIndex(letterAt(i) as string)).toBe(i)
  })
  it('accepts z followed by aa and skips letters outside the scheme', () => {
    const az = Array.from({ length: 26 }, (_, i) => letterAt(i + 1) as string)
    expect(findings([...az, 'aa', 'bb'], ONDERDELEN)).toEqual([])
    expect(findings(['a', 'ab', 'b'], ONDERDELEN)).toEqual([])
  })
  it('reports one swap as two findings, not a cascade', () => {
    expect(findings(['a', 'c', 'b', 'd'], ONDERDELEN)).toEqual(['1:gat:c', '2:volgorde:b'])
  })
})

describe('subonderdeel numbers', () => {
  it('accepts 1°, 2°, 3° and reports a gap', () => {
    expect(findings(['1°', '2°', '3°'], SUBONDERDELEN)).toEqual([])
    expect(findings(['1°', '3°'], SUBONDERDELEN)).toEqual(['1:gat:3°'])
  })
})

describe('closest key', () => {
  it('suggests a key within two edits, ignoring case and _ for -', () => {
    expect(levenshtein('betrefd', 'betreft')).toBe(1)
    expect(closest('betrefd', ['betreft', 'bron'])).toBe('betreft')
    expect(closest('Vastgesteld_door', ['vastgesteld-door'])).toBe('vastgesteld-door')
    expect(closest('publicatie', ['bekendmaking', 'bron'])).toBeUndefined()
  })
})
