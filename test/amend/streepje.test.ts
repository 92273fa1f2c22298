/**
 * Issue 14, point 4: gedachtestreepjes cited by their place (`het veertiende gedachtestreepje`)
 * and consecutive leden replaced together (`Het tweede en derde lid komen te luiden:`). apply reads
 * each form and counts the gedachtestreepjes in the text as it stands; amend writes them where it
 * replaced the whole lid before, and what it writes applies back to the new text exactly.
 */
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { applyBesluit } from '../../src/amend/apply.js'
import { parseAmendment, readInstruction } from '../../src/amend/parse-amendment.js'
import { formatRegeling } from '../../src/format/markdown.js'
import { ordinal } from '../../src/model/glossary.js'
import type { Regeling } from '../../src/model/nodes.js'
import { parseString } from '../helpers.js'
import { roundTrip } from './helpers.js'

const HEAD = '---\nciteertitel: Proefregeling\n---\n\n'
const tree = (md: string) => parseString(`${HEAD}${md}`).result.tree
const body = (t: Regeling) => formatRegeling({ ...t, data: { meta: {} } })

/** An article whose first lid lists `n` gedachtestreepjes (`- item 1;` … `- item n.`), `skip` left out. */
function lijst(n: number, skip: number[] = [], extra: Record<number, string> = {}): string {
  const items: string[] = []
  for (let i = 1; i <= n; i++) {
    if (extra[i]) items.push(`   - ${extra[i]};`)
    if (!skip.includes(i)) items.push(`   - item ${i};`)
  }
  const last = items.length - 1
  items[last] = (items[last] as string).replace(/;$/, '.')
  return `## Artikel 2\n\n1. Dit geldt niet voor:\n\n${items.join('\n\n')}\n\n2. Slot.\n`
}

/** amend, then apply, through Markdown: the sentences, and the new text must come back exactly. */
function check(oud: string, nieuw: string) {
  const b = tree(nieuw)
  const rt = roundTrip(tree(oud), b)
  expect(rt.file.messages.map(String)).toEqual([])
  expect(body(rt.result?.tree as Regeling)).toBe(body(b))
  return rt.model.artikelI.items.flatMap((i) => i.opdrachten.map((o) => o.tekst))
}

/** Apply ARTIKEL I to `oud`: the messages, and the text when it was applied. */
function apply(oud: string, artikelI: string) {
  const md = `# Besluit tot wijziging van de Proefregeling\n\n## ARTIKEL I\n\nDe Proefregeling wordt als volgt gewijzigd:\n\n${artikelI}\n\n## ARTIKEL II\n\nDit besluit treedt in werking met ingang van 1 januari 2016.\n`
  const file = new VFile({ path: 'besluit.md', value: md })
  const result = applyBesluit(tree(oud), parseAmendment(md, file), file)
  return {
    meldingen: file.messages.map((m) => `${m.line}:${m.column} ${m.reason}`),
    tekst: result && body(result.tree),
  }
}

describe('ordinal words', () => {
  it('go beyond twenty', () => {
    expect(ordinal('21')).toBe('eenentwintigste')
    expect(ordinal('22')).toBe('tweeëntwintigste')
    expect(ordinal('30')).toBe('dertigste')
    expect(ordinal('99')).toBe('negenennegentigste')
  })
})

describe('apply reads gedachtestreepjes by their place', () => {
  const ctx = [{ soort: 'artikel' as const, num: '2' }]
  it('one that lapses', () => {
    expect(readInstruction('In artikel 2, eerste lid, vervalt het veertiende gedachtestreepje.', [])).toEqual({
      soort: 'vervalt',
      doelen: [
        [
          { soort: 'artikel', num: '2' },
          { soort: 'lid', num: '1' },
          { soort: 'gedachtestreepje', num: '14' },
        ],
      ],
    })
  })
  it('two that lapse, and a range', () => {
    const twee = readInstruction('In het eerste lid vervallen het derde en vierde gedachtestreepje.', ctx)
    expect(twee).toMatchObject({ soort: 'vervalt' })
    expect((twee as { doelen: unknown[] }).doelen).toEqual([
      [
        { soort: 'artikel', num: '2' },
        { soort: 'lid', num: '1' },
        { soort: 'gedachtestreepje', num: '3' },
      ],
      [
        { soort: 'artikel', num: '2' },
        { soort: 'lid', num: '1' },
        { soort: 'gedachtestreepje', num: '4' },
      ],
    ])
    const reeks = readInstruction(
      'In artikel 2, eerste lid, vervallen het eenentwintigste tot en met drieëntwintigste gedachtestreepje.',
      [],
    ) as { doelen: Array<Array<{ num: string }>> }
    expect(reeks.doelen.map((d) => d[2]?.num)).toEqual(['21', '22', '23'])
  })
  it('one inserted after another', () => {
    expect(
      readInstruction(
        'In artikel 2, eerste lid, wordt na het dertiende gedachtestreepje een gedachtestreepje ingevoegd, luidende:',
        [],
      ),
    ).toMatchObject({
      soort: 'invoegen',
      wat: 'gedachtestreepje',
      ouder: [
        { soort: 'artikel', num: '2' },
        { soort: 'lid', num: '1' },
      ],
      na: [
        { soort: 'artikel', num: '2' },
        { soort: 'lid', num: '1' },
        { soort: 'gedachtestreepje', num: '13' },
      ],
    })
  })
  it('words in one, in both forms', () => {
    const doel = [
      { soort: 'artikel', num: '2' },
      { soort: 'lid', num: '1' },
      { soort: 'onderdeel', num: 'a' },
      { soort: 'gedachtestreepje', num: '2' },
    ]
    expect(
      readInstruction(
        'In artikel 2, eerste lid, onderdeel a, wordt in het tweede gedachtestreepje „x” vervangen door „y”.',
        [],
      ),
    ).toEqual({ soort: 'woorden', doel, vervangingen: [{ oud: 'x', nieuw: 'y' }] })
    expect(
      readInstruction(
        'In artikel 2, eerste lid, onderdeel a, tweede gedachtestreepje, wordt „x” vervangen door „y”.',
        [],
      ),
    ).toEqual({ soort: 'woorden', doel, vervangingen: [{ oud: 'x', nieuw: 'y' }] })
  })
  it('an ordinal it does not know is refused, never the lid around it', () => {
    expect(typeof readInstruction('In artikel 2, eerste lid, vervalt het honderdste gedachtestreepje.', [])).toBe(
      'string',
    )
  })
  it('carries them out, counting in the text as it stands', () => {
    const { meldingen, tekst } = apply(
      lijst(6),
      'A\n\nArtikel 2 wordt als volgt gewijzigd:\n\n1\\. In het eerste lid vervalt het tweede gedachtestreepje.\n\n2\\. In het eerste lid vervallen het derde en vierde gedachtestreepje.\n\n3\\. In het eerste lid, eerste gedachtestreepje, wordt „item 1” vervangen door „item een”.\n\n4\\. In het eerste lid wordt na het eerste gedachtestreepje een gedachtestreepje ingevoegd, luidende:\n\n> - nieuw;',
    )
    expect(meldingen).toEqual([])
    // After 1 the list is 1 3 4 5 6: its third and fourth are items 4 and 5.
    expect(tekst).toBe(body(tree(lijst(6, [1, 2, 4, 5], { 1: 'item een', 3: 'nieuw' }))))
  })
  it('an ordinal beyond the list is refused with a placed Dutch message', () => {
    const { meldingen, tekst } = apply(lijst(3), 'A\n\nIn artikel 2, eerste lid, vervalt het vijfde gedachtestreepje.')
    expect(tekst).toBeUndefined()
    expect(meldingen.join('\n')).toMatch(
      /^9:1 .*Artikel 2, eerste lid, heeft 3 gedachtestreepjes; het vijfde gedachtestreepje bestaat niet/,
    )
  })
  it('one that comes to read anew must be one gedachtestreepje', () => {
    const goed = apply(
      lijst(3),
      'A\n\nArtikel 2, eerste lid, tweede gedachtestreepje, komt te luiden:\n\n> - twee nieuw;',
    )
    expect(goed.meldingen).toEqual([])
    expect(goed.tekst).toBe(body(tree(lijst(3, [2], { 2: 'twee nieuw' }))))
    const fout = apply(
      lijst(3),
      'A\n\nArtikel 2, eerste lid, tweede gedachtestreepje, komt te luiden:\n\n> - twee nieuw;\n>\n> - en nog een;',
    )
    expect(fout.tekst).toBeUndefined()
    expect(fout.meldingen.join('\n')).toContain('maar de opdracht spreekt van één gedachtestreepje')
  })
  it('a lid without gedachtestreepjes says so', () => {
    const { meldingen } = apply(lijst(3), 'A\n\nIn artikel 2, tweede lid, vervalt het eerste gedachtestreepje.')
    expect(meldingen.join('\n')).toContain('Artikel 2, tweede lid, heeft geen gedachtestreepjes')
  })
})

describe('amend cites gedachtestreepjes by their place', () => {
  it('deleted mid-list at two places: counted after the first is gone', () => {
    expect(check(lijst(25), lijst(25, [19, 22]))).toEqual([
      'In het eerste lid vervalt het negentiende gedachtestreepje.',
      'In het eerste lid vervalt het eenentwintigste gedachtestreepje.',
    ])
  })
  it('two deleted together, and a changed one cited by its place', () => {
    expect(check(lijst(8), lijst(8, [3, 4]).replace('item 7', 'item zeven'))).toEqual([
      'In het eerste lid vervallen het derde en vierde gedachtestreepje.',
      'In het eerste lid, vijfde gedachtestreepje, wordt „7” vervangen door „zeven”.',
    ])
  })
  it('inserted after one, and before the first', () => {
    expect(check(lijst(5), lijst(5, [], { 4: 'nieuw' }))).toEqual([
      'In artikel 2, eerste lid, wordt na het derde gedachtestreepje een gedachtestreepje ingevoegd, luidende:',
    ])
    expect(check(lijst(5), lijst(5, [], { 1: 'nieuw' }))).toEqual([
      'In artikel 2, eerste lid, wordt voor het eerste gedachtestreepje een gedachtestreepje ingevoegd, luidende:',
    ])
  })
  it('a changed one whose words mostly go comes to read anew, by its place', () => {
    expect(
      check(lijst(6), lijst(6, [2]).replace('item 5', 'een geheel andere groep ambtenaren met eigen regels')),
    ).toEqual([
      'In het eerste lid vervalt het tweede gedachtestreepje.',
      'Het eerste lid, vierde gedachtestreepje, komt te luiden:',
    ])
  })
  it('the last ones lapse: the puntkomma before them becomes a punt in the same sentence', () => {
    expect(check(lijst(5), lijst(5, [4, 5]))).toEqual([
      'In artikel 2, eerste lid, vervallen het vierde en vijfde gedachtestreepje, onder vervanging van de puntkomma aan het slot van het derde gedachtestreepje door een punt.',
    ])
    expect(check(lijst(5), lijst(5, [5]))).toEqual([
      'In artikel 2, eerste lid, vervalt het vijfde gedachtestreepje, onder vervanging van de puntkomma aan het slot van het vierde gedachtestreepje door een punt.',
    ])
  })
  it('in an onderdeel', () => {
    const oud = '## Artikel 3\n\n- a. voor:\n\n  - een;\n\n  - twee;\n\n  - drie;\n\n- b. slot.\n'
    const nieuw = '## Artikel 3\n\n- a. voor:\n\n  - een;\n\n  - drie;\n\n- b. slot.\n'
    expect(check(oud, nieuw)).toEqual(['In artikel 3, onderdeel a, vervalt het tweede gedachtestreepje.'])
  })
  it('the Ambtenarenwet 2012 → 2013: no longer the whole lid', () => {
    const a = parseString(
      '---\nciteertitel: Ambtenarenwet\n---\n\n'.concat(
        lijst(33).replace('item 15', 'de voorzitter van het Nederlands Instituut van Registeraccountants'),
      ),
    ).result.tree
    const b = parseString(
      '---\nciteertitel: Ambtenarenwet\n---\n\n'.concat(
        lijst(33, [19, 30]).replace('item 15', 'de Nederlandse beroepsorganisatie van accountants'),
      ),
    ).result.tree
    const rt = roundTrip(a, b)
    expect(rt.file.messages.map(String)).toEqual([])
    expect(body(rt.result?.tree as Regeling)).toBe(body(b))
    // The one changed gedachtestreepje keeps few of its words and comes to read anew; the lid does not.
    const luiden = rt.model.artikelI.items
      .flatMap((i) => i.opdrachten.map((o) => o.operatie))
      .filter((op) => op.soort === 'komt-te-luiden')
    expect(luiden.map((op) => op.doel.map((s) => s.soort))).toEqual([['artikel', 'lid', 'gedachtestreepje']])
  })
})

describe('consecutive leden komen te luiden together', () => {
  const leden = (teksten: string[]) => `## Artikel 1\n\n${teksten.map((t, i) => `${i + 1}. ${t}`).join('\n\n')}\n`
  const lang = 'Dit lid blijft staan met genoeg woorden om het artikel niet als geheel te vervangen, en nog meer.'
  const oud = leden([lang, 'Oud twee gaat helemaal weg.', 'Oud drie gaat helemaal weg.', 'Oud vier weg.', lang, lang])
  it('two', () => {
    const nieuw = leden([
      lang,
      'Nieuwe tekst van het tweede.',
      'Nieuwe tekst van het derde.',
      'Oud vier weg.',
      lang,
      lang,
    ])
    expect(check(oud, nieuw)).toEqual(['Het tweede en derde lid van artikel 1 komen te luiden:'])
  })
  it('three, in an item with another instruction', () => {
    const nieuw = leden([
      lang.replace('genoeg', 'voldoende'),
      'Nieuwe tekst van het tweede.',
      'Nieuwe tekst van het derde.',
      'Nieuwe tekst van het vierde.',
      lang,
      lang,
    ])
    expect(check(oud, nieuw)).toEqual([
      'In het eerste lid wordt „genoeg” vervangen door „voldoende”.',
      'Het tweede tot en met het vierde lid komen te luiden:',
    ])
  })
  it('apply reads two, and refuses two that do not follow each other', () => {
    const twee = apply(
      oud,
      'A\n\nHet tweede en derde lid van artikel 1 komen te luiden:\n\n> 2. Twee nieuw.\n>\n> 3. Drie nieuw.',
    )
    expect(twee.meldingen).toEqual([])
    expect(twee.tekst).toContain('2. Twee nieuw.\n\n3. Drie nieuw.\n\n4. Oud vier weg.')
    const los = apply(
      oud,
      'A\n\nHet tweede en vierde lid van artikel 1 komen te luiden:\n\n> 2. Twee nieuw.\n>\n> 4. Vier nieuw.',
    )
    expect(los.tekst).toBeUndefined()
    expect(los.meldingen.join('\n')).toContain('noem een reeks')
  })
})
