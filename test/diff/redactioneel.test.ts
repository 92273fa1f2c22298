/** Redactional differences are no change for readers; a real change next to them still is. */
import { describe, expect, it } from 'vitest'
import { diffWords } from '../../src/diff/index.js'

const reader = (a: string, b: string) => diffWords(a, b, { forReaders: true }).ops

describe('redactional differences', () => {
  it.each([
    ['white space', 'de  jaarlijkse\ttoelage', 'de jaarlijkse toelage'],
    ['no-break space', 'de\u00a0jaarlijkse toelage', 'de jaarlijkse toelage'],
    ['space at punctuation', 'artikel 5 - 4 ', 'artikel 5 -4'],
    ['table alignment', '| a | b |\n|:---|:---|\n| 1 | 2 |', '| a | b |\n|---|---|\n| 1 | 2 |'],
    ['table alignment with spaces', '| a |\n| :---: |', '| a |\n|---|'],
    ['link target', 'zie [artikel 5](https://example.org/5) hierna', 'zie artikel 5 hierna'],
    ['html link', 'zie <a href="#a5">artikel 5</a> hierna', 'zie artikel 5 hierna'],
  ])('%s is no change, and the new form is kept', (_name, oud, nieuw) => {
    expect(reader(oud, nieuw)).toEqual([{ op: 'gelijk', text: nieuw }])
  })

  it('a change next to a redactional difference stays, and only it', () => {
    expect(reader('van de\u00a0jaarlijkse toelage 250%', 'van de jaarlijkse toelage 300%')).toEqual([
      { op: 'gelijk', text: 'van de jaarlijkse toelage ' },
      { op: 'del', text: '250%' },
      { op: 'ins', text: '300%' },
    ])
  })

  it('joining two words is a change; so is a changed sign or link text', () => {
    expect(reader('een ander', 'eenander').some((o) => o.op !== 'gelijk')).toBe(true)
    expect(reader('bereikt.', 'bereikt;').some((o) => o.op !== 'gelijk')).toBe(true)
    expect(reader('[artikel 5](a)', '[artikel 6](a)').some((o) => o.op !== 'gelijk')).toBe(true)
  })

  it('stays exact for a wijzigingsbesluit (no forReaders)', () => {
    expect(diffWords('de  toelage', 'de toelage').ops.some((o) => o.op !== 'gelijk')).toBe(true)
  })

  it('is linear on long hostile input', () => {
    const n = 200_000
    const t = performance.now()
    reader('['.repeat(n), `${'['.repeat(n)} x`)
    reader(`${'| :--- '.repeat(n / 8)}|`, `${'|---'.repeat(n / 8)}|`)
    expect(performance.now() - t).toBeLessThan(8000)
  })
})
