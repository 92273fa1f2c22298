/**
 * `amend` on the bundled sociaal statuut, whose articles 3–24 stand in paragrafen without a number
 * (`### Procedurele bepalingen over medezeggenschap en overleg`). Edits a legal adviser makes each
 * give one or two items that cite the article by its own number, and the besluit applies back.
 * TEST DATA: the edits below are made here, not real versions of the statuut.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatRegeling } from '../../src/format/markdown.js'
import type { Regeling } from '../../src/model/nodes.js'
import { regelwerk } from '../cli-helpers.js'
import { parseString, signature } from '../helpers.js'
import { STATUUT } from '../render/statuut-edit.js'
import { roundTrip } from './helpers.js'

const ORIGINEEL = readFileSync(STATUUT, 'utf8')
const body = (t: Regeling) => formatRegeling({ ...t, data: { meta: {} } })

function edit(...edits: Array<[string | RegExp, string]>): string {
  let text = ORIGINEEL
  for (const [from, to] of edits) {
    const before = text
    text = text.replace(from, to)
    if (text === before) throw new Error(`testbewerking niet toegepast: ${from}`)
  }
  return text
}

/** amend(statuut, edited) through Markdown and back; the result must be the edited text exactly. */
function amend(nieuw: string) {
  const a = parseString(ORIGINEEL, 'statuut.md').result.tree
  const b = parseString(nieuw, 'bewerkt.md').result.tree
  const rt = roundTrip(a, b)
  expect(rt.file.messages.map(String)).toEqual([])
  expect(signature(rt.result?.tree as Regeling)).toEqual(signature(b))
  expect(body(rt.result?.tree as Regeling)).toBe(body(b))
  const items = rt.model.artikelI.items.map((i) => [i.aanhef, ...i.opdrachten.map((o) => o.tekst)].filter(Boolean))
  return { ...rt, items }
}

describe('amend on the sociaal statuut (articles in paragrafen without a number)', () => {
  it('art. 10 lid 5: 250% becomes 300% in one word instruction, not the whole text', () => {
    const { items, model, markdown } = amend(
      edit(['ter grootte van 250% van de jaarlijkse', 'ter grootte van 300% van de jaarlijkse']),
    )
    expect(items).toEqual([['In artikel 10, vijfde lid, wordt „250%” vervangen door „300%”.']])
    expect(model.grofheid).toBe('fijn')
    expect(markdown).not.toContain('De tekst van de regeling komt te luiden')
  })

  it('a new lid 8 in art. 10 is added at the end', () => {
    const lid8 = '8. De medewerker die jonger is dan 55 jaar, behoudt de toelage gedurende twee jaar.'
    const { items, markdown } = amend(edit([/(\n#### Artikel 11 )/, `\n${lid8}\n$1`]))
    expect(items).toEqual([['Aan artikel 10 wordt een lid toegevoegd, luidende:']])
    expect(markdown).toContain(`> ${lid8}`)
  })

  it('a changed description in art. 1, second lid, is one replacement of the words that changed', () => {
    const { items } = amend(
      edit([
        'wordt daarmee bedoeld de ‘Gemeenschappelijke',
        'wordt daarmee bedoeld het openbaar lichaam ‘Gemeenschappelijke',
      ]),
    )
    expect(items).toEqual([
      ['In artikel 1, tweede lid, wordt „bedoeld de” vervangen door „bedoeld het openbaar lichaam”.'],
    ])
  })

  it('a changed definition in art. 2 (a list without letters) is one replacement', () => {
    const { items } = amend(
      edit([
        'Deelnemende gemeenten: De gemeenten Cuijk, Grave en Mill en Sint Hubert;',
        'Deelnemende gemeenten: De gemeenten Cuijk, Grave, Mill, Sint Hubert en Boxmeer;',
      ]),
    )
    expect(items).toHaveLength(1)
    expect(items[0]).toHaveLength(1)
    // The puntkomma both texts end on is not quoted.
    expect(items[0]?.[0]).toBe(
      'In artikel 2 wordt „De gemeenten Cuijk, Grave en Mill en Sint Hubert” vervangen door „De gemeenten Cuijk, Grave, Mill, Sint Hubert en Boxmeer”.',
    )
  })

  it('changes in two articles of different paragrafen give two items', () => {
    const { items } = amend(
      edit(
        ['ter grootte van 250% van de jaarlijkse', 'ter grootte van 300% van de jaarlijkse'],
        ['\n#### Artikel 18 Advies over plaatsing', '\n#### Artikel 18 Advies van de commissie over plaatsing'],
      ),
    )
    expect(items).toEqual([
      ['In artikel 10, vijfde lid, wordt „250%” vervangen door „300%”.'],
      ['Het opschrift van artikel 18 komt te luiden:'],
    ])
  })

  it('a new heading of a paragraaf without a number: one item that cites it by its title', () => {
    const { items, model } = amend(
      edit(['### Procedurele bepalingen over medezeggenschap en overleg', '### Medezeggenschap en overleg']),
    )
    expect(items).toEqual([
      [
        'Het opschrift van de paragraaf „Procedurele bepalingen over medezeggenschap en overleg” komt te luiden: „Medezeggenschap en overleg”.',
      ],
    ])
    expect(model.grofheid).toBe('fijn')
    expect(model.geheelVervangen).toEqual([])
  })

  it('a new paragraaf without a number, with a new article, is inserted after the paragraaf before it', () => {
    const nieuw =
      '### Bezwaar tegen plaatsing\n\n#### Artikel 21a Bezwaar\n\nDe medewerker kan tegen het plaatsingsbesluit bezwaar maken.\n\n'
    const { items, markdown, model } = amend(edit([/(## Hoofdstuk 6 )/, `${nieuw}$1`]))
    expect(items).toEqual([
      [
        'Na de paragraaf „Plaatsingsadviescommissie en werkwijze plaatsingsproces” wordt een paragraaf ingevoegd, luidende:',
      ],
    ])
    expect(markdown).toContain('> ## Bezwaar tegen plaatsing')
    expect(model.grofheid).toBe('fijn')
  })

  it('a paragraaf without a number that lapses with its articles is one item', () => {
    const { items, model } = amend(edit([/### Plaatsingsproces\n[\s\S]*?(?=### Plaatsingsadviescommissie)/, '']))
    expect(items).toEqual([['De paragraaf „Plaatsingsproces” vervalt.']])
    expect(model.grofheid).toBe('fijn')
  })

  it('a heading placed above an existing article: the paragraaf is inserted and the article placed in it', () => {
    const { items, model } = amend(
      edit(['### Artikel 24 Flankerend beleid', '### Maatwerk\n\n#### Artikel 24 Flankerend beleid']),
    )
    expect(items).toEqual([
      ['Na artikel 23 wordt een paragraaf ingevoegd, luidende:'],
      ['Artikel 24 wordt geplaatst aan het slot van de paragraaf „Maatwerk”.'],
    ])
    expect(model.grofheid).toBe('fijn')
  })

  it('a heading without a number that is taken away: its articles are placed in the hoofdstuk, then it lapses', () => {
    const { items, model } = amend(edit(['### Plaatsingsproces\n\n', '']))
    expect(items.at(-1)).toEqual(['De paragraaf „Plaatsingsproces” vervalt.'])
    expect(
      items
        .slice(0, -1)
        .flat()
        .every((t) => /^Artikel 1[67] wordt geplaatst /.test(t ?? '')),
    ).toBe(true)
    expect(model.grofheid).toBe('fijn')
  })

  it('text of its own under a heading without a number cannot be cited: the hoofdstuk around it is replaced', () => {
    const { items, model } = amend(
      edit(['### Plaatsingsproces\n', '### Plaatsingsproces\n\nDit deel regelt de plaatsing.\n']),
    )
    expect(items).toEqual([['Hoofdstuk 5 komt te luiden:']])
    expect(model.grofheid).toBe('artikel')
    expect(model.geheelVervangen).toEqual(['hoofdstuk 5'])
  })

  it('on the command line the replaced hoofdstuk is a placed warning, and the besluit is written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'regelwerk-statuut-'))
    try {
      const nieuw = join(dir, 'bewerkt.md')
      writeFileSync(nieuw, edit(['### Plaatsingsproces\n', '### Plaatsingsproces\n\nDit deel regelt de plaatsing.\n']))
      const run = regelwerk(['amend', STATUUT, nieuw, '--out', join(dir, 'besluit.md')])
      expect(run.status).toBe(0)
      expect(run.stderr).toContain(
        `${nieuw}:1:1: waarschuwing Hoofdstuk 5 komt als geheel te luiden, omdat fijnere opdrachten`,
      )
      expect(run.stderr).toContain('[wijziging-geheel]')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('amend writes no besluit that apply would refuse', () => {
  it('a provision of the new version that lost its closing punctuation: exit 1, the reason, no file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'regelwerk-afgebroken-'))
    try {
      const nieuw = join(dir, 'nieuw.md')
      writeFileSync(nieuw, edit(['e. outplacementbegeleiding;', 'e. outplacementbegeleiding; binnen zes weken']))
      const out = join(dir, 'besluit.md')
      const run = regelwerk(['amend', STATUUT, nieuw, '--out', out])
      expect(run.status).toBe(1)
      expect(run.stderr).toContain('Het wijzigingsbesluit zou door `apply` worden geweigerd')
      expect(run.stderr).toContain('binnen zes weken')
      expect(run.stderr).toContain('leesteken aan het slot mist')
      expect(run.stderr).toContain('[wijziging-onmogelijk]')
      // Placed at the provision concerned in the new version, not at 1:1.
      const line =
        readFileSync(nieuw, 'utf8')
          .split('\n')
          .findIndex((l) => l.includes('binnen zes weken')) + 1
      expect(run.stderr).toContain(`nieuw.md:${line}:4: fout`)
      expect(() => readFileSync(out)).toThrow()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
