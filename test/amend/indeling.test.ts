/**
 * A new indeling (issue 14, point 4): `apply` reads `… wordt vernummerd tot afdeling 1.` and `Voor
 * artikel 8 wordt ingevoegd:` with only a heading, refuses what does not fit with a placed Dutch
 * message, and `amend` writes them instead of replacing the regulation or a chapter whole.
 */
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { applyBesluit } from '../../src/amend/apply.js'
import { parseAmendment } from '../../src/amend/parse-amendment.js'
import { formatRegeling } from '../../src/format/markdown.js'
import type { Regeling } from '../../src/model/nodes.js'
import { parseString } from '../helpers.js'
import { proefregeling, roundTrip } from './helpers.js'

const HEAD = `${proefregeling('samenwerking', 3)}
`

const art = (n: string, depth: number) => `${'#'.repeat(depth)} Artikel ${n}\n\nTekst van artikel ${n}.\n\n`

const OUD = `${HEAD}## Hoofdstuk 1 Samenwerking

### § 1 Bevoegdheid

${art('1', 4)}### § 2 Algemene bepalingen

${art('2', 4)}${art('3', 4)}${art('4', 4)}${art('5', 4)}### § 3 Goedkeuring

## Hoofdstuk 2 Slotbepalingen

${art('6', 3)}`

const NIEUW = `${HEAD}## Hoofdstuk 1 Samenwerking

### Afdeling 1 Bevoegdheid

${art('1', 4)}### Afdeling 2 Algemene bepalingen

#### § 1 Inhoud

${art('2', 5)}${art('3', 5)}#### § 2 Bestuur

${art('3a', 5)}${art('4', 5)}${art('5', 5)}#### § 3 Commissies

${art('5a', 5)}${art('5b', 5)}## Hoofdstuk 2 Slotbepalingen

${art('6', 3)}`

const tree = (text: string) => parseString(text).result.tree
const body = (t: Regeling) => formatRegeling({ ...t, data: { meta: {} } })

function apply(base: string, opdrachten: string) {
  const text = `---\nsoort: wijzigingsbesluit\nondertekening: 2015-12-01\n---\n\n# Besluit tot wijziging van de Proefregeling samenwerking\n\n## ARTIKEL I\n\nDe Proefregeling samenwerking wordt als volgt gewijzigd:\n\n${opdrachten}\n\n## ARTIKEL II\n\nDit besluit treedt in werking met ingang van 1 januari 2016.\n`
  const file = new VFile({ path: 'w.md', value: text })
  const result = applyBesluit(tree(base), parseAmendment(text, file), file)
  return { result, messages: file.messages.map((m) => `${m.line}:${m.column} ${m.reason} [${m.ruleId}]`) }
}

describe('amend: a new indeling', () => {
  it('renumbers, inserts headings and whole new divisions, and apply gives the new text', () => {
    const { model, markdown, file, result } = roundTrip(tree(OUD), tree(NIEUW))
    expect(file.messages.map((m) => m.reason)).toEqual([])
    expect(model.grofheid).not.toBe('regeling')
    expect(markdown).toContain('Hoofdstuk 1, paragraaf 1, wordt vernummerd tot afdeling 1.')
    expect(markdown).toContain('Hoofdstuk 1, paragraaf 2, wordt vernummerd tot afdeling 2.')
    expect(markdown).toContain('Hoofdstuk 1, paragraaf 3, vervalt.')
    expect(markdown).toMatch(/Voor artikel 2 wordt ingevoegd:\n\n> #+ § 1 Inhoud/)
    expect(markdown).toMatch(/Voor artikel 3a wordt ingevoegd:\n\n> #+ § 2 Bestuur/)
    expect(markdown).toContain('Na artikel 5 wordt een paragraaf ingevoegd, luidende:')
    expect(markdown).not.toContain('komt te luiden')
    expect(body((result as { tree: Regeling }).tree)).toBe(body(tree(NIEUW)))
  })
})

describe('apply: vernummerd tot, an opschrift inserted', () => {
  it('a paragraaf renumbered to a paragraaf that exists is refused, with nothing applied', () => {
    const { result, messages } = apply(OUD, 'A\n\nHoofdstuk 1, paragraaf 1, wordt vernummerd tot paragraaf 2.')
    expect(result).toBeUndefined()
    expect(messages.join('\n')).toMatch(/Paragraaf 2 bestaat al/)
  })

  it('an afdeling cannot stand in an afdeling', () => {
    const { result, messages } = apply(
      OUD,
      'A\n\nHoofdstuk 1, paragraaf 1, wordt vernummerd tot afdeling 1.\n\nB\n\nVoor artikel 1 wordt ingevoegd:\n\n> ## Afdeling 1a Eerder',
    )
    expect(result).toBeUndefined()
    expect(messages.join('\n')).toMatch(/zou afdeling 1 leeg laten/)
  })

  it('an article cannot be renumbered to a division', () => {
    const { result, messages } = apply(OUD, 'A\n\nArtikel 2 wordt vernummerd tot afdeling 2.')
    expect(result).toBeUndefined()
    expect(messages.join('\n')).toMatch(/vernummerd/)
  })

  it('a heading inserted in the middle of a paragraaf splits it: the articles from there on move', () => {
    const { result, messages } = apply(OUD, 'A\n\nVoor artikel 4 wordt ingevoegd:\n\n§ 2a. Bestuur')
    expect(messages).toEqual([])
    const text = body((result as { tree: Regeling }).tree)
    const headings = text.split('\n').filter((l) => l.startsWith('#'))
    expect(headings).toEqual([
      '# Proefregeling samenwerking',
      '## Hoofdstuk 1 Samenwerking',
      '### § 1 Bevoegdheid',
      '#### Artikel 1',
      '### § 2 Algemene bepalingen',
      '#### Artikel 2',
      '#### Artikel 3',
      '### § 2a Bestuur',
      '#### Artikel 4',
      '#### Artikel 5',
      '### § 3 Goedkeuring',
      '## Hoofdstuk 2 Slotbepalingen',
      '### Artikel 6',
    ])
  })

  it('a higher heading closes the lower division the article stands in', () => {
    const { result, messages } = apply(OUD, 'A\n\nVoor artikel 4 wordt ingevoegd:\n\n> ## Hoofdstuk 1a Bestuur')
    expect(messages).toEqual([])
    const headings = body((result as { tree: Regeling }).tree)
      .split('\n')
      .filter((l) => l.startsWith('#'))
    expect(headings.slice(6, 11)).toEqual([
      '#### Artikel 3',
      '## Hoofdstuk 1a Bestuur',
      '### Artikel 4',
      '### Artikel 5',
      '### § 3 Goedkeuring',
    ])
  })
})
