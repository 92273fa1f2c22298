/**
 * Sociaal Statuut Samenwerking CGM 2012, artikel 11 (Inpassingregels): in which scale a placed
 * employee lands. "Ten aanzien van de medewerkers die in een samenwerkingsverband geplaatst worden
 * gelden de volgende inpassingsregels:" onderdelen a to d, one function each below.
 */
import { addYears } from './dates.js'

/** How the new function relates to the old one (the words of artikel 11). */
export type Functietype = 'ongewijzigd' | 'passend' | 'geschikt'
export const FUNCTIETYPES: readonly Functietype[] = ['ongewijzigd', 'passend', 'geschikt']

export interface InpassingInput {
  schaalOud: number
  schaalNieuw: number
  functietype: Functietype
  plaatsingsdatum: string
  /** The aanloopschaal for onderdeel c; the statuut does not fix it, so HR data must. */
  aanloopschaal: number | undefined
}

export type InpassingResult =
  | {
      ok: true
      onderdeel: 'a' | 'b' | 'c' | 'd'
      /** `11, onderdeel a` */
      grond: string
      /** The scale the employee is placed in on the placement date. */
      schaal: number
      /** Onderdeel c: the function scale after one year of sufficient functioning. */
      functieschaal?: number
      /** Onderdeel c: the date of that step (placement date plus one year). */
      functieschaalPer?: string
      /** Onderdeel d: the employee keeps the own level as garantie. */
      garantieschaal?: number
    }
  | { ok: false; reden: string; kolom: string }

/**
 * Artikel 11, onderdeel a: "Degene die geplaatst wordt in een passende, geschikte of ongewijzigde
 * functie waarvan de functieschaal in vergelijking met de ‘oude’ functie hetzelfde is, wordt op
 * hetzelfde functieniveau ingeschaald en behoudt bij voldoende functioneren recht op de reguliere
 * doorloop binnen die functieschaal;"
 */
export function inpassingZelfdeSchaal(input: InpassingInput): boolean {
  return input.schaalNieuw === input.schaalOud
}

/**
 * Artikel 11, onderdeel b: "Degene die geplaatst wordt op een ongewijzigde functie waarvan de schaal
 * in het samenwerkingsverband één niveau hoger ligt, komt direct in die nieuwe hogere functieschaal
 * terecht, tenzij het functioneren zich daartegen verzet."
 */
export function inpassingEenSchaalHoger(input: InpassingInput): boolean {
  return input.functietype === 'ongewijzigd' && input.schaalNieuw === input.schaalOud + 1
}

/**
 * Artikel 11, onderdeel c: "Degene die op een nieuwe (passende of geschikte) functie wordt geplaatst
 * waarvoor een hogere functieschaal geldt, wordt het eerste jaar in de aanloopschaal geplaatst. (…)
 * Bij vastgesteld voldoende functioneren, volgt na 1 jaar plaatsing in functieschaal. Op basis van
 * de uitkomst van de beoordeling kan die termijn met één jaar verlengd worden."
 */
export function inpassingAanloopschaal(input: InpassingInput): boolean {
  return input.functietype !== 'ongewijzigd' && input.schaalNieuw > input.schaalOud
}

/**
 * Artikel 11, onderdeel d: "Degene die op een nieuwe of ongewijzigde functie wordt geplaatst
 * waarvan de schaal lager is dan het eigen functieniveau, behoudt garantie op zijn 'eigen
 * functieniveau en anciënniteit' en behoudt bij voldoende functioneren recht op de reguliere
 * doorloop binnen die functieschaal."
 */
export function inpassingLagereSchaal(input: InpassingInput): boolean {
  return input.schaalNieuw < input.schaalOud
}

/** Artikel 11: the onderdeel that applies and what it gives; no fit is a reason, not a guess. */
export function inpassing(input: InpassingInput): InpassingResult {
  if (inpassingZelfdeSchaal(input))
    return { ok: true, onderdeel: 'a', grond: '11, onderdeel a', schaal: input.schaalOud }
  if (inpassingEenSchaalHoger(input))
    return { ok: true, onderdeel: 'b', grond: '11, onderdeel b', schaal: input.schaalNieuw }
  if (inpassingAanloopschaal(input)) {
    const a = input.aanloopschaal
    if (a === undefined) {
      return {
        ok: false,
        kolom: 'aanloopschaal',
        reden: 'artikel 11, onderdeel c, plaatst het eerste jaar in de aanloopschaal; vul de aanloopschaal in',
      }
    }
    if (a >= input.schaalNieuw || a < input.schaalOud) {
      return {
        ok: false,
        kolom: 'aanloopschaal',
        reden: 'de aanloopschaal ligt niet tussen de oude schaal en de nieuwe functieschaal',
      }
    }
    return {
      ok: true,
      onderdeel: 'c',
      grond: '11, onderdeel c',
      schaal: a,
      functieschaal: input.schaalNieuw,
      functieschaalPer: addYears(input.plaatsingsdatum, 1),
    }
  }
  if (inpassingLagereSchaal(input)) {
    return {
      ok: true,
      onderdeel: 'd',
      grond: '11, onderdeel d',
      schaal: input.schaalNieuw,
      garantieschaal: input.schaalOud,
    }
  }
  return {
    ok: false,
    kolom: 'nieuwe_schaal',
    reden:
      'geen inpassingsregel van artikel 11 past: een ongewijzigde functie meer dan één schaal hoger (onderdeel b kent één niveau hoger)',
  }
}
