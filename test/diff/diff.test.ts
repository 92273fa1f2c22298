import { describe, expect, it } from 'vitest'
import { applyDiff } from '../../src/diff/apply-diff.js'
import { diffRegelingen, diffWords, tokenize } from '../../src/diff/index.js'
import { parsePath, parseString, signature, versionPairs } from '../helpers.js'

describe('word diff', () => {
  it('keeps references and amounts together', () => {
    expect(tokenize('zie artikel 3:1, tweede lid, en € 1.234,56 of 250%')).toContain('artikel 3:1, tweede lid')
    expect(tokenize('€ 1.234,56')).toEqual(['€ 1.234,56'])
  })
  it('gives word operations', () => {
    const { ops } = diffWords(
      'ter grootte van 250% van de jaarlijkse toelage',
      'ter grootte van 300% van de jaarlijkse toelage',
    )
    expect(ops).toEqual([
      { op: 'gelijk', text: 'ter grootte van ' },
      { op: 'del', text: '250%' },
      { op: 'ins', text: '300%' },
      { op: 'gelijk', text: ' van de jaarlijkse toelage' },
    ])
  })
  it('gives up on adversarial input within bounds: whole text replaced', () => {
    const a = Array.from({ length: 5000 }, (_, i) => `w${i}`).join(' ')
    const b = Array.from({ length: 5000 }, (_, i) => `x${i}`).join(' ')
    const { ops, geheel } = diffWords(a, b, { maxEditLength: 100 })
    expect(geheel).toBe(true)
    expect(ops).toEqual([
      { op: 'del', text: a },
      { op: 'ins', text: b },
    ])
  })
})

describe('structural diff on every consecutive version pair', () => {
  const all = versionPairs()
  it('covers the pairs', () => {
    console.log(`${all.length} versieparen`)
    expect(all.length).toBeGreaterThanOrEqual(50)
  })
  for (const [a, b] of all) {
    it(`${a.split('/').slice(-2).join('/')} → ${b.split('/').pop()}`, () => {
      const oud = parsePath(a).result.tree
      const nieuw = parsePath(b).result.tree
      expect(diffRegelingen(oud, oud).changes).toEqual([])
      const result = diffRegelingen(oud, nieuw)
      expect(signature(applyDiff(oud, result))).toEqual(signature(nieuw))
    })
  }
})

describe('recognises renumbering, insertion and moves', () => {
  const base = `---
citeertitel: Sociaal Statuut Samenwerking CGM 2012
---

# Sociaal Statuut Samenwerking CGM 2012

## Hoofdstuk 1 Algemene bepalingen

### Artikel 3 Extern advies

Als het bevoegd gezag voornemens is om extern deskundig advies te vragen, wordt de ondernemingsraad daarover om advies gevraagd.

### Artikel 4 Overleg over de personele gevolgen en maatregelen

1. Voordat een definitief besluit wordt genomen, wordt in het georganiseerd overleg overleg gevoerd over de personele gevolgen.

2. Als het georganiseerd overleg van mening is dat de organisatiewijziging ingrijpende personele gevolgen heeft, wordt een sociaal plan opgesteld.

## Hoofdstuk 2 Slotbepalingen

### Artikel 5 Citeertitel

Deze regeling wordt aangehaald als: Sociaal Statuut Samenwerking CGM 2012.
`
  it('a lid inserted before others: the others are renumbered, not rewritten', () => {
    const edited = base
      .replace(
        '1. Voordat',
        '1. De leden van het georganiseerd overleg kunnen tussentijds bijeen worden geroepen.\n\n2. Voordat',
      )
      .replace('2. Als het', '3. Als het')
    const oud = parseString(base).result.tree
    const nieuw = parseString(edited).result.tree
    const { changes } = diffRegelingen(oud, nieuw)
    expect(changes.map((c) => `${c.type} ${'plaats' in c ? c.plaats : ''}`)).toEqual([
      'toegevoegd artikel 4, eerste lid',
      'vernummerd artikel 4, tweede lid',
      'vernummerd artikel 4, derde lid',
    ])
    expect(signature(applyDiff(oud, diffRegelingen(oud, nieuw)))).toEqual(signature(nieuw))
  })
  it('an article moved to another hoofdstuk is reported as moved', () => {
    const moved = base
      .replace(/### Artikel 3 Extern advies\n\n[^\n]+\n\n/, '')
      .replace(
        '## Hoofdstuk 2 Slotbepalingen\n',
        '## Hoofdstuk 2 Slotbepalingen\n\n### Artikel 3 Extern advies\n\nAls het bevoegd gezag voornemens is om extern deskundig advies te vragen, wordt de ondernemingsraad daarover om advies gevraagd.\n',
      )
    const oud = parseString(base).result.tree
    const nieuw = parseString(moved).result.tree
    const result = diffRegelingen(oud, nieuw)
    expect(result.changes.filter((c) => c.type === 'verplaatst').map((c) => 'plaats' in c && c.plaats)).toEqual([
      'artikel 3',
    ])
    expect(signature(applyDiff(oud, result))).toEqual(signature(nieuw))
  })
})
