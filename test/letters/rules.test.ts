/**
 * The statuut rules as code. Each test names the article it checks; the numbers are worked out by
 * hand from the article text (250% of a yearly amount = 30 × the monthly amount).
 */
import { describe, expect, it } from 'vitest'
import { salarisBijPlaatsing } from '../../src/assemble/rules/art10-salaris.js'
import {
  afkoopLagereToelage,
  afkoopVervallenToelage,
  toelageBijPlaatsing,
  toelageBlijftBijLeeftijd,
} from '../../src/assemble/rules/art10-toelagen.js'
import { inpassing } from '../../src/assemble/rules/art11-inpassing.js'
import { addYears, fullYears } from '../../src/assemble/rules/dates.js'

const base = {
  toelageOud: 10000,
  toelageNieuw: 0,
  minderInzet: false,
  salarisOud: 285312,
  salarisNieuw: 285312,
  geboortedatum: '1970-03-12',
  toelageSinds: '2008-01-01',
  plaatsingsdatum: '2013-07-01',
}

describe('artikel 10, vijfde lid: afkoop 250% van de jaarlijkse toelage', () => {
  it('€ 100 per maand → € 1.200 per jaar → € 3.000 eenmalig', () => {
    expect(afkoopVervallenToelage({ toelagePerMaand: 10000, salarisOud: 285312, salarisNieuw: 285312 })).toBe(300000)
  })
  it('tenzij het nieuwe salaris ≥ oud salaris + toelage: geen afkoop (grens inbegrepen)', () => {
    expect(afkoopVervallenToelage({ toelagePerMaand: 10000, salarisOud: 285312, salarisNieuw: 295312 })).toBe(0)
    expect(afkoopVervallenToelage({ toelagePerMaand: 10000, salarisOud: 285312, salarisNieuw: 295311 })).toBe(300000)
  })
  it('toelageBijPlaatsing: vervallen toelage onder 55 → afkoop, grond vijfde lid', () => {
    const r = toelageBijPlaatsing(base)
    expect(r).toMatchObject({ uitkomst: 'afkoop', grond: '10, vijfde lid', afkoop: 300000, toelagePerMaand: 0 })
  })
  it('toelageBijPlaatsing: salaris dekt → gedekt, geen afkoop', () => {
    expect(toelageBijPlaatsing({ ...base, salarisNieuw: 310000 })).toMatchObject({
      uitkomst: 'gedekt',
      grond: '10, vijfde lid',
      afkoop: 0,
    })
  })
})

describe('artikel 10, zesde lid: lagere toelage door verminderde inzet', () => {
  it('verschil € 105,20 per maand → 250% van € 1.262,40 = € 3.156,00', () => {
    expect(afkoopLagereToelage({ oudPerMaand: 21040, nieuwPerMaand: 10520 })).toBe(315600)
  })
  it('alleen bij minder inzet; anders garandeert het vierde lid het oude bedrag', () => {
    expect(toelageBijPlaatsing({ ...base, toelageOud: 21040, toelageNieuw: 10520, minderInzet: true })).toMatchObject({
      uitkomst: 'afkoop-verschil',
      grond: '10, zesde lid',
      toelagePerMaand: 10520,
      afkoop: 315600,
    })
    expect(toelageBijPlaatsing({ ...base, toelageOud: 21040, toelageNieuw: 10520 })).toMatchObject({
      uitkomst: 'behouden',
      grond: '10, vierde lid',
      toelagePerMaand: 21040,
    })
  })
  it('vierde lid: een hogere nieuwe toelage geldt', () => {
    expect(toelageBijPlaatsing({ ...base, toelageOud: 12000, toelageNieuw: 17550 })).toMatchObject({
      uitkomst: 'behouden',
      toelagePerMaand: 17550,
    })
  })
})

describe('artikel 10, zevende lid: 55 jaar of ouder en 10 jaar of meer', () => {
  it('precies 55 en precies 10 jaar op de plaatsingsdatum: de toelage blijft', () => {
    const r = toelageBlijftBijLeeftijd({
      geboortedatum: '1958-07-01',
      toelageSinds: '2003-07-01',
      plaatsingsdatum: '2013-07-01',
    })
    expect(r).toEqual({ blijft: true, leeftijd: 55, jaren: 10 })
    expect(toelageBijPlaatsing({ ...base, geboortedatum: '1958-07-01', toelageSinds: '2003-07-01' })).toMatchObject({
      uitkomst: 'blijft',
      grond: '10, zevende lid',
      toelagePerMaand: 10000,
      afkoop: 0,
    })
  })
  it('één dag te jong, of één dag te kort: vijfde lid (afkoop)', () => {
    expect(
      toelageBlijftBijLeeftijd({
        geboortedatum: '1958-07-02',
        toelageSinds: '2003-07-01',
        plaatsingsdatum: '2013-07-01',
      }).blijft,
    ).toBe(false)
    expect(
      toelageBlijftBijLeeftijd({
        geboortedatum: '1950-01-01',
        toelageSinds: '2003-07-02',
        plaatsingsdatum: '2013-07-01',
      }).blijft,
    ).toBe(false)
    expect(toelageBijPlaatsing({ ...base, geboortedatum: '1958-07-02', toelageSinds: '2003-07-01' }).uitkomst).toBe(
      'afkoop',
    )
  })
  it('tenzij het nieuwe salaris oud salaris plus toelage dekt', () => {
    expect(
      toelageBijPlaatsing({ ...base, geboortedatum: '1950-01-01', toelageSinds: '1999-01-01', salarisNieuw: 310000 }),
    ).toMatchObject({
      uitkomst: 'gedekt',
      grond: '10, zevende lid',
      toelagePerMaand: 0,
    })
  })
  it('geen toelage vooraf: geen artikel', () => {
    expect(toelageBijPlaatsing({ ...base, toelageOud: 0 })).toMatchObject({ uitkomst: 'geen', grond: '' })
  })
})

describe('artikel 10, tweede lid: salarisbehoud', () => {
  it('behoud tenzij het nieuwe salaris ≥ oud salaris + persoonlijke toelagen', () => {
    expect(salarisBijPlaatsing({ salarisOud: 285312, persoonlijkeToelagen: 2000, salarisNieuw: 285312 })).toEqual({
      uitkomst: 'behoud',
      salaris: 285312,
    })
    expect(salarisBijPlaatsing({ salarisOud: 285312, persoonlijkeToelagen: 2000, salarisNieuw: 287312 })).toEqual({
      uitkomst: 'nieuw',
      salaris: 287312,
    })
  })
})

describe('artikel 11, onderdelen a tot en met d: inpassing', () => {
  const p = { plaatsingsdatum: '2013-07-01', aanloopschaal: undefined }
  it('a: zelfde schaal', () => {
    expect(inpassing({ ...p, schaalOud: 8, schaalNieuw: 8, functietype: 'passend' })).toMatchObject({
      ok: true,
      onderdeel: 'a',
      schaal: 8,
    })
  })
  it('b: ongewijzigde functie één niveau hoger: direct in de hogere schaal', () => {
    expect(inpassing({ ...p, schaalOud: 7, schaalNieuw: 8, functietype: 'ongewijzigd' })).toMatchObject({
      ok: true,
      onderdeel: 'b',
      schaal: 8,
    })
  })
  it('c: nieuwe (passende) functie hoger: eerste jaar aanloopschaal, na 1 jaar functieschaal', () => {
    expect(inpassing({ ...p, schaalOud: 9, schaalNieuw: 10, functietype: 'passend', aanloopschaal: 9 })).toMatchObject({
      ok: true,
      onderdeel: 'c',
      schaal: 9,
      functieschaal: 10,
      functieschaalPer: '2014-07-01',
    })
  })
  it('c zonder aanloopschaal of met een onmogelijke aanloopschaal: een reden, geen gok', () => {
    expect(inpassing({ ...p, schaalOud: 6, schaalNieuw: 7, functietype: 'geschikt' })).toMatchObject({
      ok: false,
      kolom: 'aanloopschaal',
    })
    expect(inpassing({ ...p, schaalOud: 6, schaalNieuw: 8, functietype: 'geschikt', aanloopschaal: 8 })).toMatchObject({
      ok: false,
    })
  })
  it('d: lagere schaal: garantie op het eigen functieniveau', () => {
    expect(inpassing({ ...p, schaalOud: 10, schaalNieuw: 9, functietype: 'ongewijzigd' })).toMatchObject({
      ok: true,
      onderdeel: 'd',
      schaal: 9,
      garantieschaal: 10,
    })
  })
  it('ongewijzigde functie twee niveaus hoger: geen onderdeel past', () => {
    const r = inpassing({ ...p, schaalOud: 6, schaalNieuw: 8, functietype: 'ongewijzigd' })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.reden).toMatch(/geen inpassingsregel van artikel 11 past/)
  })
})

describe('leeftijd en jaren op een datum', () => {
  it('een verjaardag op de dag telt mee; 29 februari', () => {
    expect(fullYears('1958-07-01', '2013-07-01')).toBe(55)
    expect(fullYears('1958-07-02', '2013-07-01')).toBe(54)
    expect(addYears('2012-02-29', 1)).toBe('2013-02-28')
  })
})
