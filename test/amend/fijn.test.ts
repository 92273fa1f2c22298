/**
 * Issue 14, point 4: where most of a provision stays, amend writes the instructions a drafter
 * would (Ar 6.x) instead of "komt te luiden", and apply reads each of them back. Every case goes
 * through Markdown both ways (amend, then apply); the result must be the new text exactly.
 */
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

function check(oud: string, nieuw: string) {
  const b = tree(nieuw)
  const rt = roundTrip(tree(oud), b)
  expect(rt.file.messages.map(String)).toEqual([])
  expect(signature(rt.result?.tree as Regeling)).toEqual(signature(b))
  expect(body(rt.result?.tree as Regeling)).toBe(body(b))
  const zinnen = rt.model.artikelI.items.flatMap((i) => i.opdrachten.map((o) => o.tekst))
  return { ...rt, zinnen }
}

/** Apply a besluit (its ARTIKEL I) to `oud`: the messages, and the text when it was applied. */
function apply(oud: string, artikelI: string) {
  const md = `# Besluit tot wijziging van de Proefregeling\n\n## ARTIKEL I\n\nDe Proefregeling wordt als volgt gewijzigd:\n\n${artikelI}\n\n## ARTIKEL II\n\nDit besluit treedt in werking met ingang van 1 januari 2016.\n`
  const file = new VFile({ path: 'besluit.md', value: md })
  const result = applyAmendment(tree(oud), parseAmendment(md, file), file)
  return {
    meldingen: file.messages.map((m) => `${m.line}:${m.column} ${m.reason}`),
    tekst: result && body(result.tree),
  }
}

const LANG = 'De werkgever stelt de regels vast na overleg met de ondernemingsraad en de vakbonden.'
const ANDER = 'De regels gelden voor iedere medewerker die in dienst is van de gemeente op de dag van de vaststelling.'

describe('the aanduiding "1." (circulaires BZK BWBR0022915 and BWBR0027067)', () => {
  it('an article that gets a second lid: its text is numbered first, then the lid is added', () => {
    const { zinnen } = check(`## Artikel 3\n\n${LANG}\n`, `## Artikel 3\n\n1. ${LANG}\n\n2. ${ANDER}\n`)
    expect(zinnen).toEqual([
      'Voor de tekst wordt de aanduiding „1.” geplaatst.',
      'Aan artikel 3 wordt een lid toegevoegd, luidende:',
    ])
  })
  it('an article that gets leden and whose text changes besides', () => {
    const { zinnen } = check(
      `## Artikel 3\n\n${LANG}\n`,
      `## Artikel 3\n\n1. ${LANG.replace('de vakbonden', 'de bonden')}\n\n2. ${ANDER}\n`,
    )
    // In the order of the text: the first lid, then the lid after it.
    expect(zinnen).toEqual([
      'Voor de tekst wordt de aanduiding „1.” geplaatst.',
      'In het eerste lid wordt „vakbonden” vervangen door „bonden”.',
      'Aan artikel 3 wordt een lid toegevoegd, luidende:',
    ])
  })
  it('an article that keeps only its first lid: the other leden lapse with the aanduiding', () => {
    const { zinnen } = check(`## Artikel 3\n\n1. ${LANG}\n\n2. Twee regels gelden.\n`, `## Artikel 3\n\n${LANG}\n`)
    expect(zinnen).toEqual(['Artikel 3, tweede lid, alsmede de aanduiding „1.” voor het eerste lid vervallen.'])
  })
  it('three leden lapse: one sentence, in the form of the circulaire', () => {
    const { zinnen } = check(
      `## Artikel 3\n\n1. ${LANG}\n\n2. Twee.\n\n3. Drie regels.\n\n4. Vier regels.\n`,
      `## Artikel 3\n\n${LANG}\n`,
    )
    expect(zinnen).toEqual([
      'In artikel 3 vervallen het tweede tot en met vierde lid alsmede de aanduiding „1.” voor het eerste lid.',
    ])
  })
  it('the real phrasings are read: "Artikel 9, tweede tot en met vijfde lid, alsmede de aanduiding ‘1.’ …"', () => {
    const oud = `## Artikel 9\n\n1. ${LANG}\n\n2. ${ANDER}\n\n3. Drie.\n`
    const { meldingen, tekst } = apply(
      oud,
      'A. Artikel 9, tweede tot en met derde lid, alsmede de aanduiding ‘1.’ voor het eerste lid vervallen.',
    )
    expect(meldingen).toEqual([])
    expect(tekst).toContain(`## Artikel 9\n\n${LANG}\n`)
  })
  it('refused: a number placed before the text of an article that has leden, or taken from a lid that is not the only one', () => {
    const oud = `## Artikel 9\n\n1. ${LANG}\n\n2. ${ANDER}\n`
    const plaatsen = apply(oud, 'A. In artikel 9 wordt voor de tekst de aanduiding „1.” geplaatst.')
    expect(plaatsen.tekst).toBeUndefined()
    expect(plaatsen.meldingen.join('\n')).toContain('Artikel 9 heeft al leden')
    const weg = apply(oud, 'A. In artikel 9 vervalt de aanduiding „1.” voor het eerste lid.')
    expect(weg.tekst).toBeUndefined()
    expect(weg.meldingen.join('\n')).toContain('de aanduiding „1.” kan alleen vervallen voor het enige lid')
  })
})

describe('leden inserted and deleted at more than one place', () => {
  const leden = (nums: string[]) => nums.map((n, i) => `${i + 1}. ${n}`).join('\n\n')
  it('deletions only: one sentence, renumbered from the old numbers to the new', () => {
    const { zinnen } = check(
      `## Artikel 4\n\n${leden(['Een.', 'Twee.', 'Drie.', 'Vier.', 'Vijf.'])}\n`,
      `## Artikel 4\n\n${leden(['Een.', 'Drie.', 'Vijf.'])}\n`,
    )
    expect(zinnen).toEqual([
      'In artikel 4 vervallen het tweede en vierde lid, onder vernummering van het derde en vijfde lid tot tweede en derde lid.',
    ])
  })
  it('an insertion and a deletion: the last place first, so that the first names the old numbers', () => {
    const { zinnen } = check(
      `## Artikel 4\n\n${leden(['Een.', 'Twee.', 'Drie.'])}\n`,
      `## Artikel 4\n\n${leden(['Een.', 'Nieuw.', 'Twee.'])}\n`,
    )
    expect(zinnen).toEqual([
      'Het derde lid vervalt.',
      'Onder vernummering van het tweede lid tot derde lid wordt na het eerste lid een lid ingevoegd, luidende:',
    ])
  })
  it('a lid deleted where another is inserted: the one that takes its place komt te luiden', () => {
    const { zinnen } = check(
      `## Artikel 4\n\n${leden([LANG, ANDER, 'Drie regels gelden.', 'Vier regels gelden hier.'])}\n`,
      `## Artikel 4\n\n${leden([ANDER, 'Drie regels gelden.', 'Een heel andere bepaling over iets anders.'])}\n`,
    )
    expect(zinnen).toEqual([
      'Het eerste lid vervalt, onder vernummering van het tweede tot en met vierde lid tot eerste tot en met derde lid.',
      'Het derde lid komt te luiden:',
    ])
  })
})

describe('sentences, gedachtestreepjes and what is left unquoted', () => {
  it('a sentence added at the end of a lid: "Aan het eerste lid wordt een zin toegevoegd"', () => {
    const { zinnen } = check(
      `## Artikel 5\n\n1. ${LANG}\n\n2. Twee.\n`,
      `## Artikel 5\n\n1. ${LANG} ${ANDER}\n\n2. Twee.\n`,
    )
    expect(zinnen).toEqual([`Aan artikel 5, eerste lid, wordt een zin toegevoegd, luidende: „${ANDER}”.`])
  })
  it('a changed gedachtestreepje is cited by its words in the lid around it', () => {
    const { zinnen } = check(
      '## Artikel 6\n\n1. Dit geldt niet voor:\n\n   - ministers;\n\n   - wethouders.\n',
      '## Artikel 6\n\n1. Dit geldt niet voor:\n\n   - ministers;\n\n   - gedeputeerden.\n',
    )
    expect(zinnen).toEqual(['In artikel 6, eerste lid, wordt „wethouders” vervangen door „gedeputeerden”.'])
  })
  it('a gedachtestreepje added at the end of a list', () => {
    const { zinnen } = check(
      '## Artikel 6\n\n1. Dit geldt niet voor:\n\n   - ministers;\n\n   - wethouders.\n',
      '## Artikel 6\n\n1. Dit geldt niet voor:\n\n   - ministers;\n\n   - wethouders;\n\n   - gedeputeerden.\n',
    )
    expect(zinnen).toEqual([
      'In het eerste lid wordt „wethouders.” vervangen door „wethouders;”.',
      'Aan het eerste lid wordt een gedachtestreepje toegevoegd, luidende:',
    ])
  })
  it('words both texts share at the ends are not quoted: a lapse begins with its comma', () => {
    const { zinnen } = check(
      '## Artikel 7\n\nDe regels gelden voor het college, de raad en de burgemeester.\n',
      '## Artikel 7\n\nDe regels gelden voor het college.\n',
    )
    expect(zinnen).toEqual(['In artikel 7 vervalt „, de raad en de burgemeester”.'])
  })
  it('a sentence whose changed words lie all over it: the lid komt te luiden rather than quoting it nearly whole', () => {
    const { zinnen } = check(
      '## Artikel 8\n\n1. De boete bedraagt per overtreding ten hoogste € 6 700, behoudens het tweede lid.\n\n2. Twee.\n',
      '## Artikel 8\n\n1. De boete die voor een overtreding kan worden opgelegd bedraagt ten hoogste het bedrag van de vijfde categorie.\n\n2. Twee.\n',
    )
    expect(zinnen).toEqual(['Artikel 8, eerste lid, komt te luiden:'])
  })
  it('two changes with more unchanged words between them stay two replacements', () => {
    const { zinnen } = check(
      '## Artikel 9\n\n- a. terzake van de rechtbank Oost-Nederland: de rechtbank Midden-Nederland;\n\n- b. ter zake van het gerechtshof.\n',
      '## Artikel 9\n\n- a. ter zake van de rechtbank Overijssel: de rechtbank Gelderland;\n\n- b. ter zake van het gerechtshof.\n',
    )
    expect(zinnen).toEqual([
      'In artikel 9, onderdeel a, wordt „terzake” vervangen door „ter zake”, wordt „Oost-Nederland” vervangen door „Overijssel” en wordt „Midden-Nederland” vervangen door „Gelderland”.',
    ])
  })
})
