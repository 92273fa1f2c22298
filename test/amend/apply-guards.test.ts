/**
 * `apply` accounts for every sentence of ARTIKEL I and refuses, with a placed Dutch message and
 * nothing written, whatever it cannot carry out exactly (issue 14, points 1 and 2): an unknown
 * phrasing between two known ones, text that is no instruction, a besluit for another regulation,
 * new text that stops mid-word, numbering that does not fit, a result with a new `fout`.
 */
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { applyBesluit } from '../../src/amend/apply.js'
import { generateAmendment } from '../../src/amend/generate.js'
import { parseAmendment } from '../../src/amend/parse-amendment.js'
import { diffRegelingen } from '../../src/diff/index.js'
import { formatRegeling } from '../../src/format/markdown.js'
import type { Regeling } from '../../src/model/nodes.js'
import { renderAmendmentMarkdown } from '../../src/render/amendment-markdown.js'
import { parseString } from '../helpers.js'
import { proefregeling } from './helpers.js'

const BASIS = `${proefregeling('verlof', 1)}
## Artikel 1

1. De werknemer heeft recht op verlof.

2. Het verlof wordt op aanvraag verleend.

3. Het college beslist binnen zes weken.

## Artikel 2

Deze regeling treedt in werking op 1 januari 2014.
`

const base = () => parseString(BASIS).result.tree

function besluit(artikelI: string, naam = 'De Proefregeling verlof wordt als volgt gewijzigd:'): string {
  return `---\nsoort: wijzigingsbesluit\nondertekening: 2015-12-01\n---\n\n# Besluit tot wijziging van de Proefregeling verlof\n\n## ARTIKEL I\n\n${naam}\n\n${artikelI}\n\n## ARTIKEL II\n\nDit besluit treedt in werking met ingang van 1 januari 2016.\n`
}

function apply(text: string, regeling?: string) {
  const file = new VFile({ path: 'w.md', value: text })
  const read = parseAmendment(text, file)
  const result = applyBesluit(base(), read, file, regeling === undefined ? {} : { regeling })
  return { file, result, messages: file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`) }
}

const body = (t: Regeling) => formatRegeling({ ...t, data: { meta: {} } })

describe('every instruction is accounted for (point 1)', () => {
  it('an unknown phrasing between two known ones: refused at its line, nothing applied', () => {
    const text = besluit(
      'A\n\nIn artikel 1, eerste lid, wordt "verlof" vervangen door "buitengewoon verlof".\n\nB\n\nArtikel 1, tweede lid, wordt naar voren gehaald.\n\nC\n\nArtikel 1, derde lid, vervalt.',
    )
    const { result, file, messages } = apply(text)
    expect(result).toBeUndefined()
    expect(messages).toEqual(['18:1 wijziging-geen-opdracht'])
    expect(file.messages[0]?.reason).toContain('«Artikel 1, tweede lid, wordt naar voren gehaald.»')
  })
  it('an instruction that looks like one but cannot be read: wijziging-onleesbaar, nothing applied', () => {
    const { result, messages, file } = apply(
      besluit(
        'A\n\nArtikel 1, eerste lid, vervalt.\n\nB\n\nArtikel 1 vervalt gedeeltelijk.\n\nC\n\nArtikel 2 vervalt.',
      ),
    )
    expect(result).toBeUndefined()
    expect(messages).toEqual(['18:1 wijziging-onleesbaar'])
    expect(file.messages[0]?.reason).toContain('«Artikel 1 vervalt gedeeltelijk.»')
  })
  it('a quote after an instruction that takes no new text is no part of any instruction', () => {
    const { result, messages } = apply(besluit('A\n\nArtikel 1, derde lid, vervalt.\n\n> 3. Iets anders.'))
    expect(result).toBeUndefined()
    expect(messages).toEqual(['16:1 wijziging-geen-opdracht'])
  })
  it('reports per instruction: label, line, target, operation', () => {
    const { result } = apply(
      besluit(
        'A\n\nArtikel 1 wordt als volgt gewijzigd:\n\n1. In het eerste lid wordt "verlof" vervangen door "buitengewoon verlof".\n\n2. Het derde lid vervalt.',
      ),
    )
    expect(result?.verslag.map((v) => [v.label, v.line, v.doel, v.operatie])).toEqual([
      ['A.1', 16, 'artikel 1, eerste lid', 'woorden'],
      ['A.2', 18, 'artikel 1, derde lid', 'vervalt'],
    ])
  })
  it('aanhef, "besluit:", "Aldus vastgesteld" and ondertekening around ARTIKEL I/II are no instructions', () => {
    const text = `---\nsoort: wijzigingsbesluit\n---\n\n# Besluit tot wijziging van de Proefregeling verlof\n\nHet college van burgemeester en wethouders van Proefstad;\n\ngelet op artikel 160 van de Gemeentewet;\n\nbesluit:\n\n## ARTIKEL I\n\nDe Proefregeling verlof wordt als volgt gewijzigd:\n\nArtikel 1, derde lid, vervalt.\n\n## ARTIKEL II\n\nDit besluit treedt in werking met ingang van 1 januari 2016.\n\nAldus vastgesteld in de vergadering van 1 december 2015.\n\nDe secretaris, De burgemeester,\n`
    const { result, messages } = apply(text)
    expect(messages).toEqual([])
    expect(result?.verslag.map((v) => v.label)).toEqual(['I'])
  })
})

describe('items on one line, as a Staatsblad text is sometimes reproduced (BZK-circulaire BWBR0027067, bijlage)', () => {
  it('are split before each item letter that follows the previous one, with their own column', () => {
    const text = besluit(
      'A. In artikel 1, eerste lid, wordt ‘verlof’ vervangen door: buitengewoon verlof. B. Artikel 1, derde lid, vervalt. C. In artikel 1, tweede lid, wordt "op aanvraag" vervangen door "op verzoek".',
      'Het Proefregeling verlof wordt als volgt gewijzigd:',
    )
    const { result, messages } = apply(text)
    expect(messages).toEqual([])
    expect(result?.verslag.map((v) => `${v.label} ${v.line}:${v.column} ${v.operatie}`)).toEqual([
      'A 12:1 woorden',
      'B 12:82 vervalt',
      'C 12:116 woorden',
    ])
    const out = body(result?.tree as Regeling)
    expect(out).toContain('1. De werknemer heeft recht op buitengewoon verlof.')
    expect(out).toContain('2. Het verlof wordt op verzoek verleend.')
    expect(out).not.toContain('binnen zes weken')
  })
  it('a letter out of order is not an item: the sentence stays whole and is refused', () => {
    const { result, messages } = apply(
      besluit(
        'A. Artikel 1, derde lid, vervalt. C. Artikel 2 vervalt.',
        'Het Proefregeling verlof wordt als volgt gewijzigd:',
      ),
    )
    expect(result).toBeUndefined()
    expect(messages).toEqual(['12:1 wijziging-onleesbaar'])
  })
})

describe('guards (point 2)', () => {
  it('a besluit naming another regulation is refused at that sentence, unless --regeling', () => {
    const text = besluit(
      'A\n\nArtikel 1, derde lid, vervalt.',
      'De Arbeidstijdenwet wordt als volgt gewijzigd:',
    ).replace('de Proefregeling verlof', 'de Arbeidstijdenwet')
    const refused = apply(text)
    expect(refused.result).toBeUndefined()
    expect(refused.messages).toEqual(['10:1 wijziging-andere-regeling'])
    expect(refused.file.messages[0]?.reason).toContain('«Arbeidstijdenwet»')
    const forced = apply(text, 'Proefregeling verlof')
    expect(forced.messages).toEqual([])
    expect(forced.result?.toegepast).toBe(1)
    expect(apply(text, 'Ambtenarenwet').messages).toEqual(['1:1 wijziging-andere-regeling'])
  })
  it('a besluit that names no regulation at all is refused', () => {
    const text = '---\nsoort: wijzigingsbesluit\n---\n\n## ARTIKEL I\n\n### A\n\nArtikel 1, derde lid, vervalt.\n'
    expect(apply(text).messages).toEqual(['1:1 wijziging-regeling-onbekend'])
    expect(apply(text, 'Proefregeling verlof').messages).toEqual([])
  })
  it('new text cut off mid-word is refused', () => {
    const { result, messages, file } = apply(
      besluit(
        'A\n\nArtikel 1, derde lid, komt te luiden:\n\n> 3. Het college beslist binnen acht weken na ontvangst van de aanv',
      ),
    )
    expect(result).toBeUndefined()
    expect(messages).toEqual(['14:1 wijziging-afgebroken'])
    expect(file.messages[0]?.reason).toContain('midden in een zin of woord')
  })
  it('lid 5 added to an article with three leden is refused', () => {
    const { result, messages, file } = apply(
      besluit('A\n\nAan artikel 1 wordt een lid toegevoegd, luidende:\n\n> 5. Het verlof vervalt na een jaar.'),
    )
    expect(result).toBeUndefined()
    expect(messages).toEqual(['14:1 wijziging-nummering'])
    expect(file.messages[0]?.reason).toContain('1, 2, 3, 5')
  })
  it('two leden announced, one given: refused', () => {
    const { messages } = apply(
      besluit('A\n\nAan artikel 1 worden twee leden toegevoegd, luidende:\n\n> 4. Het verlof vervalt na een jaar.'),
    )
    expect(messages).toEqual(['14:1 wijziging-nummering'])
  })
  it('a replaced lid must keep its number', () => {
    const { messages } = apply(
      besluit('A\n\nArtikel 1, derde lid, komt te luiden:\n\n> 4. Het college beslist binnen acht weken.'),
    )
    expect(messages).toEqual(['14:1 wijziging-nummering'])
  })
  it('a result with a new fout (a second artikel 2 by a moved heading) stops everything', () => {
    const { result, messages, file } = apply(
      besluit(
        'A\n\nArtikel 1 komt te luiden:\n\n> ## Artikel 1\n>\n> De werknemer heeft recht op verlof.\n>\n> ## Artikel 2\n>\n> Dubbel.',
      ),
    )
    expect(result).toBeUndefined()
    expect(messages.length).toBeGreaterThan(0)
    expect(file.messages.map((m) => m.ruleId)).toContain('wijziging-resultaat-fout')
  })
})

describe('the new version keeps the work-level keys of the base (point 5)', () => {
  it('identificatie (a work id), vastgesteld-door, onderwerp, grondslagen carry over; version keys do not', () => {
    const { result } = apply(besluit('A\n\nArtikel 1, derde lid, vervalt.'))
    const meta = result?.tree.data.meta ?? {}
    expect(meta.citeertitel).toBe('Proefregeling verlof')
    expect(meta.identificatie).toBe('CVDR100001')
    expect(meta['vastgesteld-door']).toBe('college van burgemeester en wethouders')
    expect(meta.onderwerp).toBe('bestuur en recht')
    expect(meta.grondslagen).toEqual(['Gemeentewet'])
    expect(meta.inwerkingtreding).toBe('2016-01-01')
    expect(meta.ondertekening).toBe('2015-12-01')
    for (const key of ['bekendmaking', 'kenmerk', 'bron']) expect(meta[key], key).toBeUndefined()
    expect(body(result?.tree as Regeling)).not.toContain('binnen zes weken')
  })
})

describe('amend output stays applyable (point 6)', () => {
  it('a besluit with only a redactionele bijwerking (the words are equal) is applied, not refused as empty', () => {
    const oud = base()
    const nieuw = parseString(BASIS.replace('op aanvraag', 'op *aanvraag*')).result.tree
    const markdown = renderAmendmentMarkdown(generateAmendment(diffRegelingen(oud, nieuw)))
    const file = new VFile({ path: 'w.md', value: markdown })
    const result = applyBesluit(oud, parseAmendment(markdown, file), file)
    expect(file.messages.map(String)).toEqual([])
    expect(body(result?.tree as Regeling)).toBe(body(nieuw))
  })
})
