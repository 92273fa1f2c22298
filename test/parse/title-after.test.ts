import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { headingOf, numOf } from '../../src/model/access.js'
import type { Artikel, Kop } from '../../src/model/nodes.js'
import { parseRegeling } from '../../src/parse/index.js'
import { textOf } from '../../src/validate/text.js'
import { visit } from '../../src/validate/tree.js'

/** laws-markdown of an article inserted later (Arbeidsomstandighedenwet art. 4, 2011–2015). */
const SOURCE = `##Wet van 1 januari 2000 houdende regels

### Artikel  3

Tekst drie.

####Aspecten van arbobeleid

###Artikel 4

####Aanpassing arbeidsplaats werknemer met structurele functionele beperking

1. Tekst vier.

####Slotbepaling

### Artikel  5

Tekst vijf.
`

function parse(text: string) {
  const artikelen: Artikel[] = []
  const koppen: Kop[] = []
  const groepen: string[] = []
  const { tree } = parseRegeling(new VFile({ path: 'wet.md', value: text }))
  visit(tree, (node) => {
    if (node.type === 'artikel') artikelen.push(node)
    if (node.type === 'kop') koppen.push(node)
    if (node.type === 'paragraaf') groepen.push(textOf(headingOf(node) ?? []))
  })
  return { artikelen, koppen, groepen }
}

describe('an article title before and after the article heading', () => {
  it('gives the article the title after its heading and keeps the one before as a heading of its own', () => {
    const { artikelen, koppen, groepen } = parse(SOURCE)
    const titles = artikelen.map((a) => `${numOf(a)} ${textOf(headingOf(a) ?? [])}`.trim())
    expect(titles).toEqual([
      '3',
      '4 Aanpassing arbeidsplaats werknemer met structurele functionele beperking',
      '5 Slotbepaling',
    ])
    expect(koppen).toEqual([])
    expect(groepen).toEqual(['Aspecten van arbobeleid'])
  })
})
