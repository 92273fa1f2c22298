import { join } from 'node:path'
import { toString as mdastToString } from 'mdast-util-to-string'
import { visit } from 'unist-util-visit'
import { describe, expect, it } from 'vitest'
import { contentOf, headingOf, numOf, setHeading, setNum } from '../../src/model/access.js'
import type { Artikel, Regeling } from '../../src/model/nodes.js'
import { isNumbered } from '../../src/model/registry.js'
import { allArtikelen } from '../../src/versions/find-provision.js'
import { parsePath, parseString, ROOT } from '../helpers.js'

const STATUUT = join(ROOT, 'regulations', 'sociaal-statuut-cgm', '2013-01-03.md')

describe('the regeling tree is unist-true', () => {
  const { result } = parsePath(STATUUT)
  const tree: Regeling = result.tree

  it('gives mdast-util-to-string every heading, number and paragraph', () => {
    const text = mdastToString(tree)
    expect(text).toContain('Algemene bepalingen')
    expect(text).toContain('Algemene bepalingen en definities')
    expect(text).toContain('Procedurele bepalingen over medezeggenschap en overleg')
    // Everything the articles say, number and heading included, is in the whole.
    for (const artikel of allArtikelen(tree)) expect(text).toContain(mdastToString(artikel))
    expect(text.length).toBeGreaterThan(52_000)
  })

  it('lets unist-util-visit find the text under every artikel', () => {
    const artikelen = allArtikelen(tree)
    expect(artikelen.length).toBe(29)
    for (const artikel of artikelen) {
      let words = 0
      visit(artikel, 'text', () => {
        words++
      })
      expect(words, numOf(artikel)).toBeGreaterThan(0)
    }
  })

  it('keeps computed values in data and text in children', () => {
    expect(tree.data.meta.citeertitel).toBeTypeOf('string')
    expect(Object.keys(tree).sort()).toEqual(['children', 'data', 'type'])
    visit(tree, (node) => {
      if (!isNumbered(node)) return
      expect(Object.keys(node).filter((k) => !['type', 'children', 'data', 'position'].includes(k))).toEqual([])
    })
  })
})

describe('accessors', () => {
  const text = '## Hoofdstuk 2 Rechten\n\n### Artikel 10 Afkoop\n\n1. Eerste.\n2. Tweede.\n'
  const artikel = () => allArtikelen(parseString(text).result.tree)[0] as Artikel

  it('read the number, heading and content', () => {
    const a = artikel()
    expect(a.children.map((c) => c.type)).toEqual(['nummer', 'koptekst', 'lid', 'lid'])
    expect(numOf(a)).toBe('10')
    expect(mdastToString({ type: 'paragraph', children: headingOf(a) ?? [] })).toBe('Afkoop')
    expect(contentOf(a).map((c) => numOf(c))).toEqual(['1', '2'])
  })

  it('write them in place, keeping the order number › heading › content', () => {
    const a = artikel()
    setHeading(a, undefined)
    expect(a.children.map((c) => c.type)).toEqual(['nummer', 'lid', 'lid'])
    setNum(a, '10a')
    setHeading(a, [{ type: 'text', value: 'Nieuw' }])
    expect(a.children.map((c) => c.type)).toEqual(['nummer', 'koptekst', 'lid', 'lid'])
    expect(numOf(a)).toBe('10a')
    setNum(a, '')
    expect(a.children.map((c) => c.type)).toEqual(['koptekst', 'lid', 'lid'])
    expect(headingOf(a)).toEqual([{ type: 'text', value: 'Nieuw' }])
  })
})
