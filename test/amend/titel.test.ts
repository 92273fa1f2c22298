/**
 * Divisions without a number cited by their title (issue 14, point 4): `apply` reads
 * `de paragraaf „…”` as a place, whatever words the title holds, and refuses a title that names no
 * division or more than one; `amend` cites such a division by its title when it must change, with
 * the hoofdstuk around it when the title alone is not unique.
 * TEST DATA: the small regulations below are made up for these cases.
 */
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { applyAmendment } from '../../src/amend/apply.js'
import { plaatsWords, readPlaats } from '../../src/amend/citation.js'
import { parseAmendment, readInstruction } from '../../src/amend/parse-amendment.js'
import { formatRegeling } from '../../src/format/markdown.js'
import type { Regeling } from '../../src/model/nodes.js'
import { parseString, signature } from '../helpers.js'
import { roundTrip } from './helpers.js'

const body = (t: Regeling) => formatRegeling({ ...t, data: { meta: {} } })

describe('reading a division by its title', () => {
  it('reads the phrasings of real texts, in any quotes, with or without "met het opschrift"', () => {
    const t = { soort: 'paragraaf', titel: 'Last onder bestuursdwang' }
    expect(readPlaats('de paragraaf „Last onder bestuursdwang”')).toEqual([t])
    expect(readPlaats('de paragraaf met het opschrift "Last onder bestuursdwang"')).toEqual([t])
    expect(readPlaats('de paragraaf met als opschrift „Last onder bestuursdwang“')).toEqual([t])
    expect(readPlaats('hoofdstuk 5, paragraaf «Last onder bestuursdwang»')).toEqual([
      { soort: 'hoofdstuk', num: '5' },
      t,
    ])
    // A numbered paragraaf and one without a number under it: both steps are kept, in order.
    expect(readPlaats('paragraaf 3, paragraaf „Slot”')).toEqual([
      { soort: 'paragraaf', num: '3' },
      { soort: 'paragraaf', titel: 'Slot' },
    ])
  })

  it('never reads the words of a title as part of the instruction', () => {
    expect(readInstruction('De paragraaf „Wat vervalt bij artikel 5” vervalt.', [])).toEqual({
      soort: 'vervalt',
      doelen: [[{ soort: 'paragraaf', titel: 'Wat vervalt bij artikel 5' }]],
    })
    expect(
      readInstruction(
        'Het opschrift van de paragraaf „Risico’s, die worden vervangen” komt te luiden: „Risico’s”.',
        [],
      ),
    ).toEqual({
      soort: 'opschrift',
      doel: [{ soort: 'paragraaf', titel: 'Risico’s, die worden vervangen' }],
      inhoud: '',
      titel: 'Risico’s',
    })
    expect(
      readInstruction('In de paragraaf „Na artikel 3” wordt voor artikel 8 een artikel ingevoegd, luidende:', []),
    ).toMatchObject({
      soort: 'invoegen',
      wat: 'artikel',
      ouder: [{ soort: 'paragraaf', titel: 'Na artikel 3' }],
      voor: [
        { soort: 'paragraaf', titel: 'Na artikel 3' },
        { soort: 'artikel', num: '8' },
      ],
    })
  })

  it('writes what it reads: the citation in words reads back to the same place', () => {
    for (const plaats of [
      [{ soort: 'paragraaf' as const, titel: 'Last onder bestuursdwang' }],
      [
        { soort: 'hoofdstuk' as const, num: '5' },
        { soort: 'paragraaf' as const, titel: 'Werk en „inkomen”' },
      ],
    ])
      expect(readPlaats(plaatsWords(plaats))).toEqual(plaats)
    expect(plaatsWords([{ soort: 'paragraaf', titel: 'Last onder bestuursdwang' }])).toBe(
      'de paragraaf „Last onder bestuursdwang”',
    )
  })
})

/** Two hoofdstukken, each with a paragraaf "Algemeen" without a number, and paragrafen at the top. */
const TWEE = `# Testregeling werk

## Hoofdstuk 1 Begin

### Algemeen

#### Artikel 1 Doel

Deze regeling regelt het werk.

#### Artikel 2 Begrippen

In deze regeling wordt verstaan onder werk: arbeid in dienst van de gemeente.

## Hoofdstuk 2 Einde

### Algemeen

#### Artikel 3 Slot

Deze regeling heet Testregeling werk.
`

const ZONDER = `# Testregeling zonder hoofdstukken

## Begin

### Artikel 1 Doel

Deze regeling regelt het werk.

## Einde

### Artikel 2 Slot

Deze regeling heet Testregeling zonder hoofdstukken.
`

function amend(oud: string, nieuw: string) {
  const a = parseString(oud, 'oud.md').result.tree
  const b = parseString(nieuw, 'nieuw.md').result.tree
  const rt = roundTrip(a, b)
  expect(rt.file.messages.map(String)).toEqual([])
  expect(signature(rt.result?.tree as Regeling)).toEqual(signature(b))
  expect(body(rt.result?.tree as Regeling)).toBe(body(b))
  return { ...rt, items: rt.model.artikelI.items.map((i) => i.opdrachten.map((o) => o.tekst)) }
}

function apply(oud: string, artikelI: string) {
  const text = `# Besluit tot wijziging van de Testregeling werk\n\n## ARTIKEL I\n\nDe Testregeling werk wordt als volgt gewijzigd:\n\n${artikelI}\n\n## ARTIKEL II\n\nDit besluit treedt in werking met ingang van 1 januari 2016.\n`
  const file = new VFile({ path: 'besluit.md', value: text })
  const result = applyAmendment(parseString(oud).result.tree, parseAmendment(text, file), file)
  return { result, meldingen: file.messages.map((m) => m.reason) }
}

describe('amend cites a division without a number by its title', () => {
  it('with the hoofdstuk around it when another division has the same title', () => {
    const { items, model } = amend(
      TWEE,
      TWEE.replace('## Hoofdstuk 2 Einde\n\n### Algemeen', '## Hoofdstuk 2 Einde\n\n### Slotbepaling'),
    )
    expect(items).toEqual([['Het opschrift van hoofdstuk 2, paragraaf „Algemeen” komt te luiden: „Slotbepaling”.']])
    expect(model.grofheid).toBe('fijn')
  })

  it('at the top of a regulation without hoofdstukken: one item, not the whole text', () => {
    const { items, model } = amend(ZONDER, ZONDER.replace('## Einde', '## Slotbepalingen'))
    expect(items).toEqual([['Het opschrift van de paragraaf „Einde” komt te luiden: „Slotbepalingen”.']])
    expect(model.grofheid).toBe('fijn')
  })

  it('a new division without a number at the top, with its article', () => {
    const { items } = amend(
      ZONDER,
      `${ZONDER}\n## Overgang\n\n### Artikel 3 Overgangsrecht\n\nLopende aanvragen worden afgehandeld volgens de oude regels.\n`,
    )
    expect(items).toEqual([['Na de paragraaf „Einde” wordt een paragraaf ingevoegd, luidende:']])
  })
})

describe('apply refuses a title that names no division or more than one', () => {
  it('two paragrafen "Algemeen" in different hoofdstukken: the candidates, and how to name one', () => {
    const { result, meldingen } = apply(TWEE, 'A\n\nDe paragraaf „Algemeen” vervalt.')
    expect(result).toBeUndefined()
    expect(meldingen).toEqual([
      'De opdracht A «De paragraaf „Algemeen” vervalt.» past niet op de paragraaf „Algemeen”: Het opschrift „Algemeen” staat boven 2 delen zonder nummer (in hoofdstuk 1 met de artikelen 1 en 2, en in hoofdstuk 2 met artikel 3); welk deel de opdracht bedoelt, is niet te zeggen. Noem ook het deel eromheen ("hoofdstuk 1, paragraaf „Algemeen”"). Er is niets geschreven',
    ])
  })

  it('named with its hoofdstuk, the same paragraaf is found', () => {
    const { result, meldingen } = apply(TWEE, 'A\n\nDe paragraaf „Algemeen” van hoofdstuk 2 vervalt.')
    expect(meldingen).toEqual([])
    expect(body(result?.tree as Regeling)).not.toContain('Artikel 3')
    expect(body(result?.tree as Regeling)).toContain('Artikel 2')
  })

  it('a numbered division with that title is named by its number', () => {
    const { meldingen } = apply(TWEE, 'A\n\nDe paragraaf „Einde” vervalt.')
    expect(meldingen[0]).toContain(
      'De paragraaf „Einde” bestaat niet als deel zonder nummer: hoofdstuk 2 heeft dat opschrift; noem het bij zijn nummer',
    )
  })
})
