import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { applyAmendment } from '../../src/amend/apply.js'
import { parseAmendment } from '../../src/amend/parse-amendment.js'
import { formatRegeling } from '../../src/format/markdown.js'
import type { Regeling } from '../../src/model/nodes.js'
import { parseString, signature } from '../helpers.js'
import { roundTrip } from './helpers.js'

const HEAD = '---\nciteertitel: Proefregeling\n---\n\n'
const tree = (md: string) => parseString(`${HEAD}${md}`).result.tree
const body = (t: Regeling) => formatRegeling({ ...t, data: { meta: {} } })

/** amend then apply through Markdown; the result must be the new text exactly. */
function check(oud: string, nieuw: string) {
  const a = tree(oud)
  const b = tree(nieuw)
  const rt = roundTrip(a, b)
  expect(rt.file.messages.map(String)).toEqual([])
  expect(signature(rt.result?.tree as Regeling)).toEqual(signature(b))
  expect(body(rt.result?.tree as Regeling)).toBe(body(b))
  const zinnen = rt.model.artikelI.items.flatMap((i) => i.opdrachten.map((o) => o.tekst))
  return { ...rt, zinnen }
}

const LINK = '[artikel 3 van de Ambtenarenwet](https://wetten.overheid.nl/jci1.3:c:BWBR0001947&artikel=3)'

describe('words next to and inside links', () => {
  it('changed words beside a link are quoted as words; the link stays', () => {
    const { zinnen, model } = check(
      `## Artikel 1\n\n1. De werkgever meldt het binnen zes weken, bedoeld in ${LINK}.\n`,
      `## Artikel 1\n\n1. De werkgever meldt het binnen vier weken, bedoeld in ${LINK}.\n`,
    )
    expect(zinnen).toEqual(['In artikel 1, eerste lid, wordt „zes” vervangen door „vier”.'])
    expect(model.redactioneel).toEqual([])
  })
  it('changed words inside a link are quoted as the reader sees them, without the Markdown of the link', () => {
    const { zinnen, markdown } = check(
      `## Artikel 1\n\n1. Zie ${LINK}.\n`,
      `## Artikel 1\n\n1. Zie [artikel 4 van de Ambtenarenwet](https://wetten.overheid.nl/jci1.3:c:BWBR0001947&artikel=4).\n`,
    )
    expect(zinnen).toEqual(['In artikel 1, eerste lid, wordt „artikel 3” vervangen door „artikel 4”.'])
    expect(markdown.split('## ARTIKEL II')[0]).not.toContain('](')
  })
  it('a link that only gets another address is no instruction but a redactionele weergave', () => {
    const { model, markdown } = check(
      `## Artikel 1\n\n1. Zie ${LINK}.\n\n2. Tweede lid.\n`,
      `## Artikel 1\n\n1. Zie ${LINK.replace('artikel=3', 'artikel=3&z=2015-01-01')}.\n\n2. Tweede lid.\n`,
    )
    expect(model.artikelI.items).toEqual([])
    expect(model.redactioneel.map((o) => o.tekst)).toEqual(['Weergave van artikel 1, eerste lid:'])
    expect(markdown).toContain('## Redactionele bijwerking')
  })
})

describe('several leden at once', () => {
  const oud = '## Artikel 2\n\n1. Een.\n\n2. Twee.\n\n3. Drie.\n'
  it('two leden inserted after the second, without renumbering at the end', () => {
    const { zinnen } = check(oud, '## Artikel 2\n\n1. Een.\n\n2. Twee.\n\n3. Drie.\n\n4. Vier.\n\n5. Vijf.\n')
    expect(zinnen).toEqual(['Aan artikel 2 worden twee leden toegevoegd, luidende:'])
  })
  it('two leden inserted in the middle, with renumbering', () => {
    const { zinnen } = check(oud, '## Artikel 2\n\n1. Een.\n\n2. Nieuw a.\n\n3. Nieuw b.\n\n4. Twee.\n\n5. Drie.\n')
    expect(zinnen).toEqual([
      'Onder vernummering van het tweede en derde lid tot vierde en vijfde lid worden na artikel 2, eerste lid, twee leden ingevoegd, luidende:',
    ])
  })
  it('a lid inserted with renumbering names its place, also inside an item with several instructions', () => {
    const zin = 'De werkgever stelt de regels vast na overleg met de ondernemingsraad.'
    const { zinnen } = check(
      `## Artikel 2\n\n1. Een zin over de werkgever.\n\n2. Twee.\n\n3. ${zin}\n`,
      `## Artikel 2\n\n1. Een zin over de werknemer.\n\n2. Twee.\n\n3. Nieuw.\n\n4. ${zin}\n`,
    )
    expect(zinnen).toEqual([
      'Onder vernummering van het derde lid tot vierde lid wordt na het tweede lid een lid ingevoegd, luidende:',
      'In het eerste lid wordt „werkgever” vervangen door „werknemer”.',
    ])
  })
  it('a lid inserted before the first: the renumbering names the place (Ar 6.11)', () => {
    const { zinnen } = check(oud, '## Artikel 2\n\n1. Nul.\n\n2. Een.\n\n3. Twee.\n\n4. Drie.\n')
    expect(zinnen).toEqual([
      'Onder vernummering van het eerste tot en met derde lid tot tweede tot en met vierde lid wordt in artikel 2 een lid ingevoegd, luidende:',
    ])
  })
  it('two leden repealed, with renumbering', () => {
    const lang = 'Het college stelt de regels vast na overleg met de ondernemingsraad.'
    const { zinnen } = check(
      `## Artikel 2\n\n1. ${lang}\n\n2. Twee.\n\n3. Drie.\n\n4. ${lang} Vier.\n`,
      `## Artikel 2\n\n1. ${lang}\n\n2. ${lang} Vier.\n`,
    )
    expect(zinnen).toEqual([
      'In artikel 2 vervallen het tweede en derde lid, onder vernummering van het vierde lid tot tweede lid.',
    ])
  })
})

describe('what no besluit speaks of', () => {
  const ONE = 'Deze regeling geldt voor alle medewerkers van de gemeente en van haar bedrijven.'
  it('white space only: a weergave, no instruction', () => {
    const { model } = check('## Artikel 1\n\nDe  werkgever meldt het.\n', '## Artikel 1\n\nDe werkgever meldt het.\n')
    expect(model.artikelI.items).toEqual([])
    expect(model.redactioneel.map((o) => o.tekst)).toEqual(['Weergave van artikel 1:'])
  })
  it('a consolidator note in a hoofdstuk: the articles lapse in ARTIKEL I, the note is a weergave', () => {
    const { zinnen, model } = check(
      `## Hoofdstuk 1\n\n### Artikel 1\n\n${ONE}\n\n## Hoofdstuk 2\n\n### Artikel 2\n\nTwee.\n`,
      `## Hoofdstuk 1\n\n### Artikel 1\n\n${ONE}\n\n## Hoofdstuk 2\n\nVervallen per 01-01-2015\n`,
    )
    expect(zinnen).toEqual(['Artikel 2 vervalt.'])
    expect(model.redactioneel.map((o) => o.tekst)).toEqual(['Weergave van hoofdstuk 2:'])
  })
  it('apply refuses a weergave that changes the words of a provision', () => {
    const base = tree('## Artikel 1\n\n1. De werkgever meldt het.\n')
    const text = `---\nsoort: wijzigingsbesluit\n---\n\n## ARTIKEL I\n\n## ARTIKEL II\n\nDit besluit treedt in werking met ingang van 1 januari 2016.\n\n## Redactionele bijwerking\n\nWeergave van artikel 1, eerste lid:\n\n> 1. De werknemer meldt het.\n`
    const file = new VFile({ path: 'w.md', value: text })
    const result = applyAmendment(base, parseAmendment(text, file), file)
    expect(result).toBeUndefined()
    expect(file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual(['13:1 wijziging-past-niet'])
    expect(file.messages[0]?.reason).toContain('verandert de woorden van een bepaling')
  })
})
