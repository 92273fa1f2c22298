import { describe, expect, it } from 'vitest'
import { articleHeadingNumber, findReferences } from '../../src/validate/references.js'

/** Phrases from seed 002 (sociaal statuut) and the corpus laws, as a reader sees them (no Markdown). */
const OWN = { ownNames: ['Sociaal Statuut Samenwerking CGM 2012'] }

function read(text: string, options = OWN) {
  return findReferences(text, options).map((r) => ({
    nums: r.numbers.map((n) => n.num),
    external: r.external,
    ...(r.quoted ? { quoted: true } : {}),
    ...(r.former ? { former: true } : {}),
  }))
}

describe('findReferences: references to this regulation', () => {
  it.each([
    ['als bedoeld in artikel 24 van dit Sociaal Statuut, kan de werkgever', ['24']],
    ['zoals in de statusbrief als bedoeld in artikel 10, lid 1 is vastgelegd;', ['10']],
    ['de vastgestelde kwalificatie zoals bedoeld in artikel 16, lid 2 en 3 van het Sociaal Statuut.', ['16']],
    ['Als er sprake is van een ongewijzigde functie, als bedoeld in artikel 16 onder a, maar', ['16']],
    ['In de artikelen 13 tot en met 15 wordt een stapsgewijze planning', ['13', '15']],
    ['Toelichting artikel 3 t/m. 7: Procedurele bepalingen', ['3', '7']],
    ['zijn de artikelen 1-4 van overeenkomstige toepassing', ['1', '4']],
    ['de artikelen 5:3, eerste en tweede lid, 5:4, eerste lid, 5:5,', ['5:3', '5:4', '5:5']],
    ['bedoeld in art. 12 is', ['12']],
    ['de artikelen 125, 125bis, 125ter en 126 zijn niet van toepassing', ['125', '125bis', '125ter', '126']],
    ['als bedoeld in artikel 40, aanhef en eerste lid, onderdeel b, van deze wet', ['40']],
  ])('%s', (text, nums) => {
    expect(read(text)).toEqual([{ nums, external: false }])
  })
})

describe('findReferences: references to another regulation', () => {
  it.each([
    ['als bedoeld in artikel 12:1 van de CAR;', ['12:1']],
    ['Het salaris, als bedoeld in artikel 3:1, tweede lid onder b, van de CAR;', ['3:1']],
    ['de in artikel 10d:5 CAR-UWO voorgeschreven re-integratiefase', ['10d:5']],
    ['conform artikel 25, zesde lid, van de Wet op de ondernemingsraden.', ['25']],
    ['een aanstelling op grond van artikel 2.4 en 2.5 van de CAR/UWO;', ['2.4', '2.5']],
    ['Op grond van artikel 125 Ambtenarenwet en', ['125']],
    ['bedoeld in artikel 145 van diezelfde wet.', ['145']],
    ['een uitzendovereenkomst als bedoeld in artikel 690 van Titel 7.10 van het Burgerlijk Wetboek', ['690']],
    ['de beslagvrije voet als bedoeld in artikel 475 d van het Wetboek van Burgerlijke Rechtsvordering', ['475d']],
    [
      'zijn de artikelen 124, 124a, 124c tot en met 124h, alsmede hoofdstuk XVII van de Gemeentewet',
      ['124', '124a', '124c', '124h'],
    ],
    ['is artikel X 7, eerste tot en met vijfde lid, van de Kieswet van overeenkomstige toepassing', ['X7']],
    ['Dat uitgangspunt uit de CAO/ CAR/UWO artikel 10d:5, wordt hierna geciteerd.', ['10d:5']],
    ['bedoeld in artikel 4, onderdeel b, onderscheidenlijk onderdeel c, van de Wet', ['4']],
    ['artikel 2a, tweede lid, onder a , van de Regeling elektronische bekendmaking', ['2a']],
    ['zoals bedoeld in artikel 5 van de wet van 12 mei 1950', ['5']],
  ])('%s', (text, nums) => {
    expect(read(text)).toEqual([{ nums, external: true }])
  })

  it('applies a name at the end of a list to every reference in it', () => {
    const text =
      'als bedoeld in artikel 74, tweede lid, onderdeel f, of artikel 77f, eerste lid, onderdeel b, van het Wetboek van Strafrecht'
    expect(read(text)).toEqual([
      { nums: ['74'], external: true },
      { nums: ['77f'], external: true },
    ])
  })

  it('reads the short own name as this regulation only when it is given', () => {
    const text = 'zoals bedoeld in artikel 16, lid 2 en 3 van het Sociaal Statuut.'
    expect(read(text, { ownNames: [] })).toEqual([{ nums: ['16'], external: true }])
    expect(read(text)).toEqual([{ nums: ['16'], external: false }])
  })
})

describe('findReferences: text that is not the current text', () => {
  it('marks quoted text and reading instructions', () => {
    const text = 'voor «artikel 40, aanhef en eerste lid, onderdeel b» gelezen: artikel 122d, tweede lid.'
    expect(read(text)).toEqual([
      { nums: ['40'], external: false, quoted: true },
      { nums: ['122d'], external: false, quoted: true },
    ])
  })

  it('marks references to the text as it was', () => {
    const text = 'De artikelen 18a, 19 en 44, zoals deze luidden op de dag voor de datum van inwerkingtreding'
    expect(read(text)).toEqual([{ nums: ['18a', '19', '44'], external: false, former: true }])
  })

  it('finds nothing in words that only look like references', () => {
    expect(read('In betreffende artikelen staat de rolverdeling; artikelsgewijze toelichting')).toEqual([])
  })
})

describe('articleHeadingNumber', () => {
  it('reads article headings the parser could not place', () => {
    expect(articleHeadingNumber('Artikel 125quater')).toBe('125quater')
    expect(articleHeadingNumber('Artikel 5a')).toBe('5a')
    expect(articleHeadingNumber('Uitgangspunten individueel')).toBeUndefined()
  })
})

describe('findReferences: the regulation named before the reference, and `deze wet` in a regulation that is no wet', () => {
  const name = (text: string, options = {}) =>
    findReferences(text, options).map(
      (r) => `${r.numbers.map((n) => n.num).join(',')} ${r.external ? r.regulation : '-'}`,
    )

  it('a name with a comma right before the reference is the regulation (Lbr. 15/069, toelichting op 1:2c)', () => {
    expect(
      name(
        'De omschrijving van deze doelgroep staat in de Wet financiering sociale verzekeringen, artikel 38b lid 1 sub a.',
      ),
    ).toEqual(['38b Wet financiering sociale verzekeringen'])
    // Not a lowercase word or a sentence: `In deze regeling, artikel 5` stays this regulation.
    expect(name('Zoals bepaald in deze regeling, artikel 5, eerste lid.')).toEqual(['5 -'])
  })

  it('the name of an external reference stops at the verb that continues the sentence', () => {
    expect(name('Artikel 139 Gemeentewet bepaalt dat besluiten pas verbinden wanneer')).toEqual(['139 Gemeentewet'])
    expect(name('Op de ambtenaar is artikel 125quater van de wet van toepassing.')).toEqual(['125quater wet'])
  })

  it('`van deze wet` is this regulation, unless the regulation is known to be no wet', () => {
    const text = 'De artikelen 125a tot en met 125f van deze wet zijn van toepassing.'
    expect(name(text)).toEqual(['125a,125f -'])
    expect(name(text, { notAWet: true })).toEqual(['125a,125f deze wet'])
    // `van deze regeling` in a regeling is always itself.
    expect(name('artikel 5 van deze regeling', { notAWet: true })).toEqual(['5 -'])
  })
})
