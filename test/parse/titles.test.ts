/**
 * Article titles where official texts put them (issue 15): laws-markdown and the BWB layout put the
 * title above the number, sometimes with a consolidation note in between, and sometimes below it;
 * "Hoofdstuk V-A" and "§ 4*" are divisions.
 */

import { toString as mdastToString } from 'mdast-util-to-string'
import { describe, expect, it } from 'vitest'
import { formatRegeling } from '../../src/format/markdown.js'
import { contentOf, headingOf, numOf } from '../../src/model/access.js'
import type { Artikel } from '../../src/model/nodes.js'
import { allArtikelen } from '../../src/versions/find-provision.js'
import { parseString } from '../helpers.js'

const title = (a: Artikel | undefined) => {
  const h = a && headingOf(a)
  return h ? mdastToString({ type: 'paragraph', children: h }) : undefined
}

describe('article titles', () => {
  it('a title line right after an untitled division heading is the division’s, also when an untitled article follows (BWB)', () => {
    // Wet gemeenschappelijke regelingen (BWBR0003740) 2015-01-05, as published: the paragraaf has the
    // title, the articles have none.
    const text = [
      '# Wet',
      '### Hoofdstuk  I  ',
      '####Regelingen tussen gemeenten ',
      '###Afdeling 1 ',
      '####Bevoegdheid tot het treffen van een regeling',
      '### Artikel  1  ',
      'Tekst van artikel 1.',
      '###§ 1  ',
      '####Inhoud van de regeling',
      '### Artikel  8  ',
      '####Openbaar lichaam',
      'Tekst van artikel 8.',
    ].join('\n\n')
    const { result } = parseString(`${text}\n`)
    const [a1, a8] = allArtikelen(result.tree)
    expect(title(a1)).toBeUndefined()
    // A title both before and after the article heading: the one after is the article's own.
    expect(title(a8)).toBe('Openbaar lichaam')
    const headings = formatRegeling(result.tree)
      .split('\n')
      .filter((l) => l.startsWith('#'))
    expect(headings).toEqual([
      '# Wet',
      '## Hoofdstuk I Regelingen tussen gemeenten',
      '### Afdeling 1 Bevoegdheid tot het treffen van een regeling',
      '#### Artikel 1',
      '#### § 1 Inhoud van de regeling',
      '##### Artikel 8 Openbaar lichaam',
    ])
  })

  it('a title, a consolidation note, then the article heading: the title is the article’s', () => {
    const text = [
      '# Wet',
      '### Artikel 1',
      'Tekst van artikel 1.',
      '####Beperking toepassingsbereik',
      'Treedt in werking per 01-01-2016',
      '### Artikel 1a',
      'Deze wet is niet van toepassing.',
    ].join('\n\n')
    const { result, file } = parseString(`${text}\n`)
    const [a1, a1a] = allArtikelen(result.tree)
    expect(title(a1)).toBeUndefined()
    expect(contentOf(a1 as Artikel).map((c) => c.type)).toEqual(['alinea'])
    expect(numOf(a1a as Artikel)).toBe('1a')
    expect(title(a1a)).toBe('Beperking toepassingsbereik')
    // The note is kept, as the first text of the article it stood above.
    expect(formatRegeling(result.tree)).toContain(
      '## Artikel 1a Beperking toepassingsbereik\n\nTreedt in werking per 01-01-2016\n\nDeze wet is niet van toepassing.',
    )
    expect(file.messages.filter((m) => m.ruleId === 'kop-niet-geplaatst')).toEqual([])
  })

  it('a title below an untitled article heading (BWB layout) is the article’s own', () => {
    const text = [
      '# Wet',
      '### Artikel  4:1b',
      '####Tijdelijke aanpassing arbeidstijdpatroon',
      '1.  Een lid.',
      '2.  Nog een lid.',
    ].join('\n\n')
    const [a] = allArtikelen(parseString(`${text}\n`).result.tree)
    expect(numOf(a as Artikel)).toBe('4:1b')
    expect(title(a)).toBe('Tijdelijke aanpassing arbeidstijdpatroon')
    expect(contentOf(a as Artikel).map((c) => c.type)).toEqual(['lid', 'lid'])
  })

  it('a heading after the article’s text stays a heading inside the article; before the next article it is that one’s title', () => {
    const text = [
      '# Wet',
      '### Artikel 2',
      'Tekst.',
      '####Tussenkop',
      'Meer tekst.',
      '####Werkingssfeer',
      '### Artikel 3',
      'Tekst 3.',
    ].join('\n\n')
    const [a2, a3] = allArtikelen(parseString(`${text}\n`).result.tree)
    expect(title(a2)).toBeUndefined()
    expect(contentOf(a2 as Artikel).map((c) => c.type)).toEqual(['alinea', 'kop', 'alinea'])
    expect(title(a3)).toBe('Werkingssfeer')
  })

  it('Hoofdstuk V-A and § 4* are divisions', () => {
    const text = [
      '# Wet',
      '## Hoofdstuk V-A Overgangsrecht',
      '### § 4* Bijzondere gevallen',
      '#### Artikel 40',
      'Tekst.',
    ].join('\n\n')
    const { tree } = parseString(`${text}\n`).result
    const hoofdstuk = tree.children.find((c) => c.type === 'hoofdstuk')
    expect(hoofdstuk && numOf(hoofdstuk)).toBe('V-A')
    const paragraaf = hoofdstuk && contentOf(hoofdstuk as never)[0]
    expect((paragraaf as unknown as { type: string }).type).toBe('paragraaf')
    expect(numOf(paragraaf as never)).toBe('4*')
    expect(allArtikelen(tree).map(numOf)).toEqual(['40'])
  })
})

describe('roman division numbers', () => {
  it('are capitals: "Titel van de wet" is no titel numbered "van"', () => {
    const { tree } = parseString('# Wet\n\n## Titel van de wet\n\n### Artikel 1\n\nTekst.\n').result
    expect(tree.children.some((c) => c.type === 'titel')).toBe(false)
    expect(allArtikelen(tree).map(numOf)).toEqual(['1'])
    const { tree: t2 } = parseString('# Wet\n\n## Titel IV Slotbepalingen\n\n### Artikel 1\n\nTekst.\n').result
    const titel = t2.children.find((c) => c.type === 'titel')
    expect(titel && numOf(titel)).toBe('IV')
  })
})

describe('headings without a space after #', () => {
  it('are headings in the text, but a line in a fenced code block stays code', async () => {
    const { normaliseHeadings } = await import('../../src/parse/index.js')
    expect(normaliseHeadings('####Algemene bepalingen\n\n```\n#[\n#include\n```\n\n##Slot\n')).toBe(
      '#### Algemene bepalingen\n\n```\n#[\n#include\n```\n\n## Slot\n',
    )
    expect(normaliseHeadings('~~~~\n#a\n~~~\n#b\n~~~~\n#c\n')).toBe('~~~~\n#a\n~~~\n#b\n~~~~\n# c\n')
  })
})
