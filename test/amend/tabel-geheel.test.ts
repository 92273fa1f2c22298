/**
 * A table replaced whole (issue 14): `apply` reads the forms of the circulaire BZK BWBR0027067
 * ("In artikel 16, eerste lid, wordt de tabel vervangen door:", onder H; "De tabel in bijlage I komt
 * te luiden:", onder L and M) and refuses, with a placed Dutch message, a provision without exactly
 * one table, new text that is not exactly one table, and any other sentence about a table; `amend`
 * writes "De tabel in … komt te luiden:" when a table's rows or columns change (or many of its
 * cells), instead of restating the provision, and the round trip gives the new text.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { applyBesluit } from '../../src/amend/apply.js'
import { parseInhoud } from '../../src/amend/apply-operation.js'
import { generateAmendment } from '../../src/amend/generate.js'
import { parseAmendment, readInstruction } from '../../src/amend/parse-amendment.js'
import { sentence } from '../../src/amend/phrase.js'
import { diffRegelingen } from '../../src/diff/index.js'
import { formatRegeling } from '../../src/format/markdown.js'
import type { Operatie, Plaats } from '../../src/model/amendment.js'
import type { Regeling } from '../../src/model/nodes.js'
import { parseString, SHARED } from '../helpers.js'
import { roundTrip } from './helpers.js'

const HEAD = `---
citeertitel: Proefregeling toelagen
---

# Proefregeling toelagen

## Artikel 1 Ambtstoelage

1. De burgemeester ontvangt een ambtstoelage per maand overeenkomstig de volgende tabel:

`

const TABEL = `| Inwonersklasse | Ambtstoelage per maand |
| :--- | :--- |
| 1 en 2 | € 322,57 |
| 3 en 4 | € 336,15 |
| 5 tot en met 9 | € 347,33 |
`

const BIJLAGE = `| Klasse | Aantal inwoners | Bezoldiging |
| :--- | :--- | :--- |
| 1 | Tot en met 8.000 | € 5.747,72 |
| 2 | 8.001–14.000 | € 6.323,09 |
`

const tekst = (tabel: string, bijlage = BIJLAGE, tweedeLid = 'worden jaarlijks aangepast') => `${HEAD}${tabel}
2. De bedragen, genoemd in het eerste lid, ${tweedeLid}.

## Artikel 2

Deze regeling treedt in werking op 1 januari 2014.

## Bijlage I

Bezoldiging burgemeesters

${bijlage}`

const regeling = (tabel = TABEL, bijlage = BIJLAGE, tweedeLid?: string) =>
  parseString(tekst(tabel, bijlage, tweedeLid)).result.tree

const body = (t: Regeling) => formatRegeling({ ...t, data: { meta: {} } })

function besluit(opdracht: string): string {
  return `---\nsoort: wijzigingsbesluit\nondertekening: 2015-12-01\n---\n\n# Besluit tot wijziging van de Proefregeling toelagen\n\n## ARTIKEL I\n\nDe Proefregeling toelagen wordt als volgt gewijzigd:\n\n${opdracht}\n\n## ARTIKEL II\n\nDit besluit treedt in werking met ingang van 1 januari 2016.\n`
}

function apply(opdracht: string, base = regeling()) {
  const text = besluit(opdracht)
  const file = new VFile({ path: 'w.md', value: text })
  const result = applyBesluit(base, parseAmendment(text, file), file)
  return { result, messages: file.messages.map((m) => `${m.line}:${m.column} ${m.reason} [${m.ruleId}]`) }
}

const NIEUW = `| Inwonersklasse | Ambtstoelage per maand |
| :--- | :--- |
| 1 | € 322,57 |
| 2 | € 330,00 |
| 3 en 4 | € 336,15 |
| 5 tot en met 9 | € 347,33 |
`

const quoted = (md: string) =>
  md
    .trimEnd()
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n')

describe('apply: the real forms for a whole table', () => {
  it('"In artikel 1, eerste lid, wordt de tabel vervangen door:" replaces the table printed after that lid', () => {
    // The circulaire's layout: the new table as it stands, no quote.
    const { result, messages } = apply(`A\n\nIn artikel 1, eerste lid, wordt de tabel vervangen door:\n\n${NIEUW}`)
    expect(messages).toEqual([])
    expect(body((result as { tree: Regeling }).tree)).toBe(body(regeling(NIEUW)))
  })

  it('"De tabel in bijlage I komt te luiden:" replaces only the table, the title line stays', () => {
    const nieuw = `${BIJLAGE}| 3 | 14.001–24.000 | € 6.894,16 |\n`
    const { result, messages } = apply(`A\n\nDe tabel in bijlage I komt te luiden:\n\n${quoted(nieuw)}`)
    expect(messages).toEqual([])
    const out = body((result as { tree: Regeling }).tree)
    expect(out).toBe(body(regeling(TABEL, nieuw)))
    expect(out).toContain('Bezoldiging burgemeesters')
  })

  it('reads "In bijlage I komt de tabel te luiden:" and, in an item about the provision, "De tabel komt te luiden:"', () => {
    const nieuw = BIJLAGE.replace('€ 5.747,72', '€ 5.800,00')
    const a = apply(`A\n\nIn bijlage I komt de tabel te luiden:\n\n${quoted(nieuw)}`)
    expect(a.messages).toEqual([])
    expect(body((a.result as { tree: Regeling }).tree)).toBe(body(regeling(TABEL, nieuw)))
    const b = apply(
      `A\n\nArtikel 1 wordt als volgt gewijzigd:\n\n1. De tabel komt te luiden:\n\n${quoted(NIEUW)}\n\n2. In het tweede lid wordt „jaarlijks” vervangen door „elk jaar”.`,
    )
    expect(b.messages).toEqual([])
    expect(body((b.result as { tree: Regeling }).tree)).toBe(
      body(regeling(NIEUW, BIJLAGE, 'worden elk jaar aangepast')),
    )
  })

  it('reads the sentence into a tabel operation, and phrase.ts writes what it reads', () => {
    const op = readInstruction('In artikel 16, eerste lid, wordt de tabel vervangen door:', [])
    expect(op).toEqual({
      soort: 'tabel',
      doel: [
        { soort: 'artikel', num: '16' },
        { soort: 'lid', num: '1' },
      ],
      inhoud: '',
    })
    for (const [doel, rel, zin] of [
      [[{ soort: 'bijlage', num: 'I' }], [], 'De tabel in bijlage I komt te luiden:'],
      [
        [
          { soort: 'artikel', num: '16' },
          { soort: 'lid', num: '1' },
        ],
        [],
        'De tabel in artikel 16, eerste lid, komt te luiden:',
      ],
      [
        [
          { soort: 'artikel', num: '16' },
          { soort: 'lid', num: '1' },
        ],
        [{ soort: 'artikel', num: '16' }],
        'De tabel in het eerste lid komt te luiden:',
      ],
      [[{ soort: 'artikel', num: '16' }], [{ soort: 'artikel', num: '16' }], 'De tabel komt te luiden:'],
      [[{ soort: 'toelichting' }], [], 'De tabel in de toelichting komt te luiden:'],
      [[{ soort: 'aanhef' }], [], 'De tabel in de aanhef komt te luiden:'],
    ] as const) {
      const operatie: Operatie = { soort: 'tabel', doel: [...doel] as Plaats, inhoud: '' }
      expect(sentence(operatie, [...rel])).toBe(zin)
      expect(readInstruction(zin, [...rel])).toEqual(operatie)
    }
  })

  it('a word replacement that quotes the word "tabel" is still a word replacement', () => {
    const { result, messages } = apply(
      'A\n\nIn artikel 1, eerste lid, wordt „volgende tabel” vervangen door „tabel hieronder”.',
    )
    expect(messages).toEqual([])
    expect(body((result as { tree: Regeling }).tree)).toContain('overeenkomstig de tabel hieronder:')
  })
})

describe('the real circulaire BZK BWBR0027067 (Stb. 2009, 561)', () => {
  it('reads items B, H, L, M and N as table replacements, each with one table as new text', () => {
    const path = join(
      SHARED,
      'corpus/amendments/BWBR0027067-circulaire-besluit-wijziging-rechtspositiebesluiten-politieke-ambtsdragers/2009-01-01.md',
    )
    const text = readFileSync(path, 'utf8')
    const read = parseAmendment(text, new VFile({ path, value: text }))
    const tabellen = read.opdrachten.filter((o) => o.operatie.soort === 'tabel')
    expect(tabellen.map((o) => `${o.label} ${o.tekst}`)).toEqual([
      'B In artikel 5, eerste lid, wordt de tabel vervangen door:',
      'H In artikel 16, eerste lid, wordt de tabel vervangen door:',
      'L De tabel in bijlage I komt te luiden:',
      'M De tabel in bijlage I komt te luiden:',
      'N De tabel in bijlage I komt te luiden:',
    ])
    const soorten = tabellen.map((o) =>
      parseInhoud((o.operatie as Extract<Operatie, { soort: 'tabel' }>).inhoud, 'tekst').map((n) => n.type),
    )
    expect(soorten.slice(0, 4)).toEqual([['tabel'], ['tabel'], ['tabel'], ['tabel']])
    // After N the source misspells the next heading ("####Ariktel II"): what follows is read as N's
    // new text, which is then no single table, and apply refuses it rather than write it in bijlage I.
    expect(soorten[4]?.[0]).toBe('tabel')
    expect(soorten[4]?.length).toBeGreaterThan(1)
    // "Artikel 11 komt te luiden: … overeenkomstig de tabel in bijlage I aangepast." is no table instruction.
    expect(read.opdrachten.find((o) => o.label === 'E')?.operatie.soort).toBe('komt-te-luiden')
  })
})

describe('apply: what it refuses, placed and in Dutch, writing nothing', () => {
  it('a provision without a table, naming where the tables are', () => {
    const lid = apply(`A\n\nIn artikel 1, tweede lid, wordt de tabel vervangen door:\n\n${NIEUW}`)
    expect(lid.result).toBeUndefined()
    expect(lid.messages).toEqual([
      '14:1 De opdracht A «In artikel 1, tweede lid, wordt de tabel vervangen door:» past niet op artikel 1, tweede lid: Artikel 1, tweede lid, heeft geen tabel; artikel 1 heeft er 1. Er is niets geschreven [wijziging-past-niet]',
    ])
    const artikel = apply(`A\n\nDe tabel in artikel 2 komt te luiden:\n\n${quoted(NIEUW)}`)
    expect(artikel.result).toBeUndefined()
    expect(artikel.messages[0]).toContain('past niet op artikel 2: Artikel 2 heeft geen tabel. Er is niets geschreven')
  })

  it('a provision with two tables, saying how many', () => {
    const twee = regeling(`${TABEL}\nVoor wethouders:\n\n${TABEL}`)
    const { result, messages } = apply(`A\n\nDe tabel in artikel 1 komt te luiden:\n\n${quoted(NIEUW)}`, twee)
    expect(result).toBeUndefined()
    expect(messages[0]).toContain(
      'Artikel 1 heeft 2 tabellen; welke de opdracht bedoelt, is niet te zeggen (een tabel heeft geen nummer)',
    )
    expect(messages[0]).toContain('[wijziging-past-niet]')
  })

  it('new text that is not one table: an alinea above it, two tables, no table', () => {
    for (const [nieuw, wat] of [
      [`Bezoldiging burgemeesters\n\n${BIJLAGE}`, 'een alinea en een tabel'],
      [`${BIJLAGE}\n${BIJLAGE}`, '2 tabellen'],
      ['De bedragen staan in de bijlage.', 'een alinea'],
    ] as const) {
      const { result, messages } = apply(`A\n\nDe tabel in bijlage I komt te luiden:\n\n${quoted(nieuw)}`)
      expect(result).toBeUndefined()
      expect(messages).toEqual([
        `14:1 De opdracht A «De tabel in bijlage I komt te luiden:» past niet op bijlage I: De nieuwe tekst moet precies één tabel zijn (een Markdown-tabel met een kopregel en een scheidingsregel), maar is ${wat}. Er is niets geschreven [wijziging-past-niet]`,
      ])
    }
  })

  it('other sentences about a table are unreadable, never applied to the bijlage around it', () => {
    for (const [zin, reden] of [
      ['De tabel in bijlage I vervalt.', 'met een tabel leest regelwerk alleen'],
      ['In de bijlage komt tabel I te luiden:', 'een tabel bij een nummer ("tabel I") of meer tabellen tegelijk'],
      ['De in de bijlage opgenomen tabellen II en III vervallen.', 'een tabel bij een nummer'],
      [
        'In de tabel in artikel 1 wordt „€ 322,57” vervangen door „€ 331,28”.',
        'woorden in een tabel citeert regelwerk in de bepaling waarin de tabel staat',
      ],
    ]) {
      const { result, messages } = apply(`A\n\n${zin}\n\n${quoted(BIJLAGE)}`)
      expect(result, zin).toBeUndefined()
      expect(messages[0], zin).toContain(`De opdracht «${zin}» is niet te lezen: ${reden}`)
      expect(messages[0], zin).toContain('[wijziging-onleesbaar]')
    }
  })
})

describe('amend: a table whose rows or columns change is replaced whole', () => {
  const teksten = (oud: Regeling, nieuw: Regeling) =>
    generateAmendment(diffRegelingen(oud, nieuw)).artikelI.items.flatMap((i) => i.opdrachten.map((o) => o.tekst))

  const rond = (oud: Regeling, nieuw: Regeling) => {
    const trip = roundTrip(oud, nieuw)
    expect(trip.file.messages).toEqual([])
    expect(body((trip.result as { tree: Regeling }).tree)).toBe(body(nieuw))
    return trip
  }

  it('a row added: the table of the lid it follows, not the article; the round trip gives the new text', () => {
    const oud = regeling()
    const nieuw = regeling(`${TABEL}| 10 en hoger | € 360,00 |\n`)
    expect(teksten(oud, nieuw)).toEqual(['De tabel in artikel 1, eerste lid, komt te luiden:'])
    const trip = rond(oud, nieuw)
    expect(trip.markdown).toContain('> | 10 en hoger    | € 360,00               |')
    expect(trip.markdown).not.toContain('Artikel 1 komt te luiden')
  })

  it('rows merged, however much of the article the table is (the circulaire BZK BWBR0027067 onder H)', () => {
    const oud = regeling(
      TABEL.replace('| 1 en 2 | € 322,57 |', '| 1 | € 300,00 |\n| 2 | € 310,00 |\n| 3 | € 322,57 |').replace(
        '| 3 en 4 |',
        '| 4 |',
      ),
    )
    const nieuw = regeling()
    expect(teksten(oud, nieuw)).toEqual(['De tabel in artikel 1, eerste lid, komt te luiden:'])
    rond(oud, nieuw)
  })

  it('a column added in a bijlage: "De tabel in bijlage I komt te luiden:", the title line untouched', () => {
    const oud = regeling()
    const nieuw = regeling(
      TABEL,
      BIJLAGE.split('\n')
        .map((l, i) => (l === '' ? l : `${l} ${['Per jaar |', ':--- |', '€ 68.972,64 |', '€ 75.877,08 |'][i]}`))
        .join('\n'),
    )
    expect(teksten(oud, nieuw)).toEqual(['De tabel in bijlage I komt te luiden:'])
    rond(oud, nieuw)
  })

  it('three changed cells stay word replacements; four or more replace the table', () => {
    const oud = regeling()
    const drie = regeling(
      TABEL.replace('€ 322,57', '€ 331,28').replace('€ 336,15', '€ 345,23').replace('€ 347,33', '€ 356,71'),
    )
    expect(teksten(oud, drie)).toEqual([
      'In artikel 1 wordt „€ 322,57” vervangen door „€ 331,28”, wordt „€ 336,15” vervangen door „€ 345,23” en wordt „€ 347,33” vervangen door „€ 356,71”.',
    ])
    rond(oud, drie)
    const vier = regeling(
      TABEL,
      BIJLAGE.replace('Tot en met 8.000', 'Tot en met 9.000')
        .replace('8.001–14.000', '9.001–14.000')
        .replace('€ 5.747,72', '€ 5.800,00')
        .replace('€ 6.323,09', '€ 6.400,00'),
    )
    expect(teksten(oud, vier)).toEqual(['De tabel in bijlage I komt te luiden:'])
    rond(oud, vier)
  })

  it('with other changes in the article: numbered instructions, the table named in the lid', () => {
    const oud = regeling()
    const nieuw = regeling(`${TABEL}| 10 en hoger | € 360,00 |\n`, BIJLAGE, 'worden elk jaar aangepast')
    expect(teksten(oud, nieuw)).toEqual([
      'De tabel in het eerste lid komt te luiden:',
      'In het tweede lid wordt „jaarlijks” vervangen door „elk jaar”.',
    ])
    rond(oud, nieuw)
  })

  it('a table inside a lid, and one in the toelichting, are named by the lid and the toelichting', () => {
    const inLid = (tabel: string) =>
      tabel
        .split('\n')
        .map((l) => (l === '' ? l : `   ${l}`))
        .join('\n')
    // Most of the article's words are the table's and most of them change: still only the table.
    const groot = (kop: string, rij: (i: number) => string, bedrag: (i: number) => string) =>
      inLid(
        `| ${kop} | Bedrag |\n| :--- | :--- |\n${Array.from({ length: 12 }, (_, i) => `| ${rij(i)} | ${bedrag(i)} |`).join('\n')}\n`,
      )
    // A long bijlage that stays as it is: the regulation as a whole keeps most of its words.
    const bijlage = `${BIJLAGE}${Array.from({ length: 40 }, (_, i) => `| ${i + 3} | meer dan ${i + 14}.000 inwoners | € ${7000 + i},00 |`).join('\n')}\n`
    const oud = regeling(
      groot(
        'Inwonersklasse',
        (i) => `klasse ${i + 1}`,
        (i) => `€ ${300 + i},00 per maand`,
      ),
      bijlage,
    )
    const nieuw = regeling(
      groot(
        'Categorie',
        (i) => `groep ${String.fromCharCode(65 + i)}`,
        (i) => `${4000 + i * 12} euro jaarlijks`,
      ),
      bijlage,
    )
    expect(teksten(oud, nieuw)).toEqual(['De tabel in artikel 1, eerste lid, komt te luiden:'])
    rond(oud, nieuw)
    const toelichting = (tabel: string) =>
      parseString(`${tekst(TABEL)}\n# Toelichting\n\nDe bedragen van 2014:\n\n${tabel}`).result.tree
    const oudT = toelichting('| Jaar | Bedrag |\n| :--- | :--- |\n| 2014 | € 322,57 |\n')
    const nieuwT = toelichting('| Jaar | Bedrag |\n| :--- | :--- |\n| 2014 | € 322,57 |\n| 2015 | € 331,28 |\n')
    expect(teksten(oudT, nieuwT)).toEqual(['De tabel in de toelichting komt te luiden:'])
    rond(oudT, nieuwT)
  })

  it('two tables after the same lid: neither can be named, the lid or article is restated', () => {
    const twee = (extra: string) => regeling(`${TABEL}\nVoor wethouders:\n\n${TABEL}${extra}`)
    const oud = twee('')
    const nieuw = twee('| 10 en hoger | € 360,00 |\n')
    const opdrachten = generateAmendment(diffRegelingen(oud, nieuw)).artikelI.items.flatMap((i) => i.opdrachten)
    expect(opdrachten.map((o) => o.operatie.soort)).not.toContain('tabel')
    rond(oud, nieuw)
  })
})
