/**
 * Words in a table cell (issue 14, point 4): a word replacement in a provision also finds its words
 * in the cells of its tables, counted over the whole provision; a quote that runs over two cells or
 * stands twice is refused with a placed Dutch message; and `amend` writes a changed cell as such a
 * replacement instead of restating the provision, while a row added or removed replaces the table
 * whole (test/amend/tabel-geheel.test.ts).
 */
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { applyBesluit } from '../../src/amend/apply.js'
import { generateAmendment } from '../../src/amend/generate.js'
import { parseAmendment } from '../../src/amend/parse-amendment.js'
import { diffRegelingen } from '../../src/diff/index.js'
import { formatRegeling } from '../../src/format/markdown.js'
import type { Regeling } from '../../src/model/nodes.js'
import { parseString } from '../helpers.js'
import { proefregeling, roundTrip } from './helpers.js'

const HEAD = `${proefregeling('toelagen', 2)}
## Artikel 1 Ambtstoelage

1. De burgemeester ontvangt een ambtstoelage per maand overeenkomstig de volgende tabel:

`

const TAIL = `
2. De bedragen, genoemd in het eerste lid, worden jaarlijks aangepast.

## Artikel 2

Deze regeling treedt in werking op 1 januari 2014.
`

const TABEL = `| Inwonersklasse | Ambtstoelage per maand |
| :--- | :--- |
| 1 en 2 | € 322,57 |
| 3 en 4 | € 336,15 (bruto) |
| 5 tot en met 9 | € 336,15 |
`

const regeling = (tabel: string) => parseString(HEAD + tabel + TAIL).result.tree

function besluit(opdracht: string): string {
  return `---\nsoort: wijzigingsbesluit\nondertekening: 2015-12-01\n---\n\n# Besluit tot wijziging van de Proefregeling toelagen\n\n## ARTIKEL I\n\nDe Proefregeling toelagen wordt als volgt gewijzigd:\n\n${opdracht}\n\n## ARTIKEL II\n\nDit besluit treedt in werking met ingang van 1 januari 2016.\n`
}

function apply(opdracht: string) {
  const text = besluit(opdracht)
  const file = new VFile({ path: 'w.md', value: text })
  const result = applyBesluit(regeling(TABEL), parseAmendment(text, file), file)
  return { result, messages: file.messages.map((m) => `${m.line}:${m.column} ${m.reason} [${m.ruleId}]`) }
}

const body = (t: Regeling) => formatRegeling({ ...t, data: { meta: {} } })

describe('apply: words in a table cell', () => {
  it('finds the words in a cell and replaces them there, the rest of the table as it was', () => {
    const { result, messages } = apply('In artikel 1 wordt „€ 322,57” vervangen door „€ 331,28”.')
    expect(messages).toEqual([])
    expect(result).toBeDefined()
    expect(body((result as { tree: Regeling }).tree)).toBe(body(regeling(TABEL.replace('€ 322,57', '€ 331,28'))))
  })

  it('quotes neighbouring words of the same cell to make the words unique', () => {
    const { result, messages } = apply('In artikel 1 wordt „€ 336,15 (bruto)” vervangen door „€ 345,23 (bruto)”.')
    expect(messages).toEqual([])
    expect(body((result as { tree: Regeling }).tree)).toBe(
      body(regeling(TABEL.replace('€ 336,15 (bruto)', '€ 345,23 (bruto)'))),
    )
  })

  it('replaces several cells in one sentence, and telkens in every cell', () => {
    const twee = apply(
      'In artikel 1 wordt „€ 322,57” vervangen door „€ 331,28” en wordt „(bruto)” vervangen door „(netto)”.',
    )
    expect(twee.messages).toEqual([])
    expect(body((twee.result as { tree: Regeling }).tree)).toBe(
      body(regeling(TABEL.replace('€ 322,57', '€ 331,28').replace('(bruto)', '(netto)'))),
    )
    const telkens = apply('In artikel 1 wordt „€ 336,15” telkens vervangen door „€ 345,23”.')
    expect(telkens.messages).toEqual([])
    expect(body((telkens.result as { tree: Regeling }).tree)).toBe(
      body(regeling(TABEL.replaceAll('€ 336,15', '€ 345,23'))),
    )
  })

  it('refuses words that stand in two cells, naming the cells, and writes nothing', () => {
    const { result, messages } = apply('In artikel 1 wordt „€ 336,15” vervangen door „€ 345,23”.')
    expect(result).toBeUndefined()
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatch(/^12:1 /)
    expect(messages[0]).toContain(
      'De woorden "€ 336,15" staan 2 keer in artikel 1 (in de tabel: rij 2, kolom 2; rij 3, kolom 2); de opdracht is niet eenduidig. Citeer meer woorden uit dezelfde cel',
    )
    expect(messages[0]).toContain('[wijziging-past-niet]')
  })

  it('counts the words over the whole provision: a cell and the text outside the table', () => {
    const { result, messages } = apply('In artikel 1 wordt „per maand” vervangen door „per jaar”.')
    expect(result).toBeUndefined()
    expect(messages[0]).toContain(
      'De woorden "per maand" staan 2 keer in artikel 1 (in de tabel: de kopregel, kolom 2; en in de tekst erbuiten)',
    )
  })

  it('refuses a quote that runs over two cells, with the reason', () => {
    const { result, messages } = apply('In artikel 1 wordt „1 en 2 € 322,57” vervangen door „1 en 2 € 331,28”.')
    expect(result).toBeUndefined()
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatch(/^12:1 /)
    expect(messages[0]).toContain(
      'De woorden "1 en 2 € 322,57" lopen in artikel 1 over meer dan één cel van de tabel; een vervanging van woorden blijft binnen één cel',
    )
  })

  it('still says plainly that words are not there', () => {
    const { result, messages } = apply('In artikel 1 wordt „€ 999,99” vervangen door „€ 1.000,00”.')
    expect(result).toBeUndefined()
    expect(messages[0]).toContain('De woorden "€ 999,99" staan niet in artikel 1')
  })
})

describe('amend: a changed cell becomes a word replacement', () => {
  const ops = (oud: Regeling, nieuw: Regeling) =>
    generateAmendment(diffRegelingen(oud, nieuw)).artikelI.items.flatMap((i) => i.opdrachten)

  it('writes the changed amounts as replacements in the article, and the round trip gives the new text', () => {
    const oud = regeling(TABEL)
    const nieuw = regeling(TABEL.replace('€ 322,57', '€ 331,28').replace('€ 336,15 (bruto)', '€ 345,23 (bruto)'))
    const opdrachten = ops(oud, nieuw)
    expect(opdrachten.map((o) => o.tekst)).toEqual([
      'In artikel 1 wordt „€ 322,57” vervangen door „€ 331,28” en wordt „€ 336,15 (bruto)” vervangen door „€ 345,23 (bruto)”.',
    ])
    const { result, file } = roundTrip(oud, nieuw)
    expect(file.messages).toEqual([])
    expect(body((result as { tree: Regeling }).tree)).toBe(body(nieuw))
  })

  it('lets words in a cell lapse, and replaces the table when an empty cell is filled in', () => {
    const oud = regeling(TABEL)
    const leeg = regeling(TABEL.replace(' (bruto)', ''))
    expect(ops(oud, leeg).map((o) => o.tekst)).toEqual(['In artikel 1 vervalt „(bruto)”.'])
    const gevuld = regeling(TABEL.replace('| 1 en 2 | € 322,57 |', '| 1 en 2 | |'))
    // No words to quote in an empty cell: the table is replaced whole (test/amend/tabel-geheel.test.ts).
    expect(ops(gevuld, oud).map((o) => o.tekst)).toEqual(['De tabel in artikel 1, eerste lid, komt te luiden:'])
    for (const [a, b] of [
      [oud, leeg],
      [gevuld, oud],
    ] as const) {
      const { result, file } = roundTrip(a, b)
      expect(file.messages).toEqual([])
      expect(body((result as { tree: Regeling }).tree)).toBe(body(b))
    }
  })

  it('replaces the table whole when a row is added, and when the same amount changes in two cells', () => {
    const oud = regeling(TABEL)
    for (const nieuw of [
      regeling(`${TABEL}| 10 en hoger | € 380,00 |\n`),
      regeling(TABEL.replace('€ 336,15 (bruto)', '€ 345,23 (bruto)').replace('€ 336,15 |', '€ 345,23 |')),
    ]) {
      const opdrachten = ops(oud, nieuw)
      expect(opdrachten.map((o) => o.tekst)).toEqual(['De tabel in artikel 1, eerste lid, komt te luiden:'])
      const { result, file } = roundTrip(oud, nieuw)
      expect(file.messages).toEqual([])
      expect(body((result as { tree: Regeling }).tree)).toBe(body(nieuw))
    }
  })
})

describe('a pipe in the new words of a cell', () => {
  it('stays in its cell, written as \\|, in apply and in the round trip', () => {
    const { result, messages } = apply('In artikel 1 wordt „€ 322,57” vervangen door „€ 322,57 \\| € 1”.')
    expect(messages).toEqual([])
    expect(body((result as { tree: Regeling }).tree)).toBe(
      body(regeling(TABEL.replace('€ 322,57', '€ 322,57 \\| € 1'))),
    )
    const oud = regeling(TABEL)
    const nieuw = regeling(TABEL.replace('€ 322,57', '€ 322,57 \\| *€ 1*'))
    const trip = roundTrip(oud, nieuw)
    expect(trip.file.messages).toEqual([])
    expect(body((trip.result as { tree: Regeling }).tree)).toBe(body(nieuw))
  })
})

describe('a table in the toelichting', () => {
  it('a changed cell there is a word replacement in the toelichting too', () => {
    const toelichting = (bedrag: string) =>
      `${HEAD}${TABEL}${TAIL}\n# Toelichting\n\nDe bedragen van 2014:\n\n| Jaar | Bedrag |\n| :--- | :--- |\n| 2014 | ${bedrag} |\n`
    const oud = parseString(toelichting('€ 322,57')).result.tree
    const nieuw = parseString(toelichting('€ 331,28')).result.tree
    const opdrachten = generateAmendment(diffRegelingen(oud, nieuw)).artikelI.items.flatMap((i) => i.opdrachten)
    expect(opdrachten.map((o) => o.tekst)).toEqual(['In de toelichting wordt „€ 322,57” vervangen door „€ 331,28”.'])
    const trip = roundTrip(oud, nieuw)
    expect(trip.file.messages).toEqual([])
    expect(body((trip.result as { tree: Regeling }).tree)).toBe(body(nieuw))
  })
})

describe('a table inside a lid', () => {
  it('a changed cell is a word replacement in that lid', () => {
    const inLid = TABEL.split('\n')
      .map((l) => (l === '' ? l : `   ${l}`))
      .join('\n')
    const oud = regeling(inLid)
    const nieuw = regeling(inLid.replace('€ 322,57', '€ 331,28'))
    const opdrachten = generateAmendment(diffRegelingen(oud, nieuw)).artikelI.items.flatMap((i) => i.opdrachten)
    expect(opdrachten.map((o) => o.tekst)).toEqual([
      'In artikel 1, eerste lid, wordt „€ 322,57” vervangen door „€ 331,28”.',
    ])
    const trip = roundTrip(oud, nieuw)
    expect(trip.file.messages).toEqual([])
    expect(body((trip.result as { tree: Regeling }).tree)).toBe(body(nieuw))
  })
})
