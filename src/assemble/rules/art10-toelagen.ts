/**
 * Sociaal Statuut Samenwerking CGM 2012, artikel 10, vierde tot en met zevende lid: what happens to
 * a functiegebonden toelage at the placement. Amounts are whole cents per month; the afkoop is
 * 250% of a yearly amount, so 30 times the monthly amount (12 × 2,5), exact in cents.
 */
import { fullYears } from './dates.js'

/** 250% of a yearly amount given per month: 12 × 2,5 = 30. */
export const AFKOOP_FACTOR_PER_MAAND = 30

/**
 * Artikel 10, vijfde lid:
 * "Indien aan de oude functie functiegebonden toelagen zijn verbonden welke niet aan de nieuwe
 * functie zijn verbonden, dan wordt deze afgekocht door middel van een eenmalige toelage ter
 * grootte van 250% van de jaarlijkse toelage, tenzij het salaris in de nieuwe functie hoger of
 * gelijk is aan het oude salaris plus de genoemde functiegebonden toelagen."
 *
 * Returns the one-off amount in cents; 0 when the new salary covers the old salary plus allowance.
 */
export function afkoopVervallenToelage(input: {
  toelagePerMaand: number
  salarisOud: number
  salarisNieuw: number
}): number {
  if (salarisGedekt(input.salarisOud, input.toelagePerMaand, input.salarisNieuw)) return 0
  return input.toelagePerMaand * AFKOOP_FACTOR_PER_MAAND
}

/**
 * Artikel 10, zesde lid:
 * "Indien een lagere dan de oorspronkelijke toelage moet worden toegekend, vanwege verminderde
 * inzet (minder inroostering), dan wordt op jaarbasis het verschil berekend tussen de oude toelage
 * en de nieuwe toelage. Het verschil wordt afgekocht door middel van een eenmalige toelage ter
 * grootte van 250% van dit bedrag."
 *
 * Returns the one-off amount in cents: 250% of twelve times the monthly difference.
 */
export function afkoopLagereToelage(input: { oudPerMaand: number; nieuwPerMaand: number }): number {
  const verschil = input.oudPerMaand - input.nieuwPerMaand
  return verschil > 0 ? verschil * AFKOOP_FACTOR_PER_MAAND : 0
}

/**
 * Artikel 10, zevende lid:
 * "Indien een medewerker 55 jaar of ouder is en 10 jaar of meer aaneengesloten een functie heeft
 * vervuld met een functiegebonden toelage, dan blijft het recht op deze toelage ook bestaan als de
 * aan de nieuwe functie in het samenwerkingsverband geen functiegebonden toelage is verbonden. De
 * hoogte van de toelage is gelijk aan de hoogte van de toelage waarop hij recht had op de dag
 * voorafgaand aan de plaatsing in het samenwerkingsverband, tenzij het nieuwe salaris hoger of
 * gelijk is aan het eerdere salaris plus de eerder genoemde toelage."
 *
 * Whether the age and service conditions hold; both are counted on the placement date.
 */
export function toelageBlijftBijLeeftijd(input: {
  geboortedatum: string
  toelageSinds: string | undefined
  plaatsingsdatum: string
}): { blijft: boolean; leeftijd: number; jaren: number } {
  const leeftijd = fullYears(input.geboortedatum, input.plaatsingsdatum)
  const jaren = input.toelageSinds ? fullYears(input.toelageSinds, input.plaatsingsdatum) : 0
  return { blijft: leeftijd >= 55 && jaren >= 10, leeftijd, jaren }
}

/** The "tenzij" of the fifth and seventh lid: the new salary is at least old salary plus allowance. */
export function salarisGedekt(salarisOud: number, toelagePerMaand: number, salarisNieuw: number): boolean {
  return salarisNieuw >= salarisOud + toelagePerMaand
}

export type ToelageUitkomst =
  /** No functiegebonden toelage before the placement. */
  | 'geen'
  /** Fourth lid: same task, the allowance is guaranteed (or the higher new one applies). */
  | 'behouden'
  /** Sixth lid: a lower allowance for less deployment; the difference is bought off. */
  | 'afkoop-verschil'
  /** Seventh lid: 55+ and 10+ years: the allowance stays although the new function has none. */
  | 'blijft'
  /** Fifth lid: the allowance lapses and is bought off at 250% of its yearly amount. */
  | 'afkoop'
  /** Fifth or seventh lid, "tenzij": the new salary covers old salary plus allowance. */
  | 'gedekt'

export interface ToelageInput {
  /** Functiegebonden toelage per month before the placement, cents (0: none). */
  toelageOud: number
  /** The allowance attached to the new function per month, cents (0: none). */
  toelageNieuw: number
  /** Whether a lower allowance is due to less deployment (minder inroostering). */
  minderInzet: boolean
  salarisOud: number
  salarisNieuw: number
  geboortedatum: string
  toelageSinds: string | undefined
  plaatsingsdatum: string
}

export interface ToelageResult {
  uitkomst: ToelageUitkomst
  /** The provision applied (`10, vijfde lid`), empty for `geen`. */
  grond: string
  /** The monthly allowance after the placement, cents. */
  toelagePerMaand: number
  /** The one-off afkoop, cents (0 when none). */
  afkoop: number
  leeftijd: number
  jaren: number
}

/**
 * Artikel 10, vierde tot en met zevende lid, applied in the order the statuut implies: an
 * allowance that continues (fourth lid) or is lowered for less deployment (sixth lid); an allowance
 * that lapses stays for 55+ with 10+ years (seventh lid), else is bought off (fifth lid); the
 * fifth and seventh lid give nothing when the new salary covers old salary plus allowance.
 *
 * Artikel 10, vierde lid: "Als de medewerker bij overgang van de gemeente naar het
 * samenwerkingsverband de taak in gelijke omvang behoud waaraan een functiegebonden toelage is
 * verbonden, dan blijft de functiegebonden toelage minimaal gegarandeerd op het bedrag van de
 * bestaande functiegebonden toelage. Als er een hogere functiegebonden toelage gaat gelden, dan
 * geldt die hogere functiegebonden toelage."
 */
export function toelageBijPlaatsing(input: ToelageInput): ToelageResult {
  const leeftijdJaren = toelageBlijftBijLeeftijd(input)
  const base = { leeftijd: leeftijdJaren.leeftijd, jaren: leeftijdJaren.jaren }
  if (input.toelageOud <= 0) {
    return { uitkomst: 'geen', grond: '', toelagePerMaand: Math.max(0, input.toelageNieuw), afkoop: 0, ...base }
  }
  if (input.toelageNieuw > 0) {
    if (input.toelageNieuw < input.toelageOud && input.minderInzet) {
      return {
        uitkomst: 'afkoop-verschil',
        grond: '10, zesde lid',
        toelagePerMaand: input.toelageNieuw,
        afkoop: afkoopLagereToelage({ oudPerMaand: input.toelageOud, nieuwPerMaand: input.toelageNieuw }),
        ...base,
      }
    }
    return {
      uitkomst: 'behouden',
      grond: '10, vierde lid',
      toelagePerMaand: Math.max(input.toelageOud, input.toelageNieuw),
      afkoop: 0,
      ...base,
    }
  }
  const gedekt = salarisGedekt(input.salarisOud, input.toelageOud, input.salarisNieuw)
  if (leeftijdJaren.blijft) {
    return gedekt
      ? { uitkomst: 'gedekt', grond: '10, zevende lid', toelagePerMaand: 0, afkoop: 0, ...base }
      : { uitkomst: 'blijft', grond: '10, zevende lid', toelagePerMaand: input.toelageOud, afkoop: 0, ...base }
  }
  if (gedekt) return { uitkomst: 'gedekt', grond: '10, vijfde lid', toelagePerMaand: 0, afkoop: 0, ...base }
  return {
    uitkomst: 'afkoop',
    grond: '10, vijfde lid',
    toelagePerMaand: 0,
    afkoop: afkoopVervallenToelage({
      toelagePerMaand: input.toelageOud,
      salarisOud: input.salarisOud,
      salarisNieuw: input.salarisNieuw,
    }),
    ...base,
  }
}
