/**
 * The named rules a template may use (`regels: [inpassing, toelage]`). A rule reads fields of the
 * row by fixed names, computes what the statuut gives, and puts its outcome under its own name
 * (`{{ inpassing.schaal }}`, `{{ toelage.afkoop | bedrag }}`, `{{ citeer statuut toelage.grond }}`).
 * Rules never read the template: the template only shows and cites their outcome.
 */
import { bedrag, type FieldType, isBedrag, type Value } from '../values.js'
import { salarisBijPlaatsing } from './art10-salaris.js'
import { AFKOOP_FACTOR_PER_MAAND, toelageBijPlaatsing } from './art10-toelagen.js'
import { FUNCTIETYPES, type Functietype, inpassing } from './art11-inpassing.js'

export interface RuleInput {
  name: string
  type: FieldType
  required: boolean
  /** For `keuze`: the values the rule understands. */
  waarden?: readonly string[]
}

export type RuleOutcome = { ok: true; values: Record<string, Value> } | { ok: false; kolom: string; reden: string }

export interface Rule {
  name: string
  /** One line for `docs/templates.md` and `--dry-run`. */
  beschrijving: string
  /** The work whose articles the rule applies. */
  werk: string
  /** Every provision the rule may give as `grond` (checked against the version at the letter date). */
  bepalingen: readonly string[]
  inputs: readonly RuleInput[]
  /** The outcome values (`inpassing.schaal` …), their types and, where closed, their values. */
  uitkomsten: Readonly<Record<string, { type: FieldType; waarden?: readonly string[] }>>
  evaluate(row: Record<string, Value>): RuleOutcome
}

const cents = (v: Value | undefined): number => (isBedrag(v) ? v.cents : 0)
const num = (v: Value | undefined): number | undefined => (typeof v === 'number' ? v : undefined)
const str = (v: Value | undefined): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined)

const INPASSING: Rule = {
  name: 'inpassing',
  beschrijving: 'inpassing in de nieuwe schaal, artikel 11, onderdelen a tot en met d',
  werk: 'sociaal-statuut-cgm',
  bepalingen: ['11, onderdeel a', '11, onderdeel b', '11, onderdeel c', '11, onderdeel d'],
  inputs: [
    { name: 'schaal', type: 'getal', required: true },
    { name: 'nieuwe_schaal', type: 'getal', required: true },
    { name: 'functietype', type: 'keuze', required: true, waarden: FUNCTIETYPES },
    { name: 'plaatsingsdatum', type: 'datum', required: true },
    { name: 'aanloopschaal', type: 'getal', required: false },
  ],
  uitkomsten: {
    onderdeel: { type: 'keuze', waarden: ['a', 'b', 'c', 'd'] },
    grond: { type: 'tekst' },
    schaal: { type: 'getal' },
    functieschaal: { type: 'getal' },
    functieschaal_per: { type: 'datum' },
    garantieschaal: { type: 'getal' },
  },
  evaluate(row) {
    const r = inpassing({
      schaalOud: num(row.schaal) as number,
      schaalNieuw: num(row.nieuwe_schaal) as number,
      functietype: str(row.functietype) as Functietype,
      plaatsingsdatum: str(row.plaatsingsdatum) as string,
      aanloopschaal: num(row.aanloopschaal),
    })
    if (!r.ok) return r
    const values: Record<string, Value> = { onderdeel: r.onderdeel, grond: r.grond, schaal: r.schaal }
    if (r.functieschaal !== undefined) values.functieschaal = r.functieschaal
    if (r.functieschaalPer !== undefined) values.functieschaal_per = r.functieschaalPer
    if (r.garantieschaal !== undefined) values.garantieschaal = r.garantieschaal
    return { ok: true, values }
  },
}

const TOELAGE: Rule = {
  name: 'toelage',
  beschrijving: 'functiegebonden toelage bij plaatsing, artikel 10, vierde tot en met zevende lid',
  werk: 'sociaal-statuut-cgm',
  bepalingen: ['10, vierde lid', '10, vijfde lid', '10, zesde lid', '10, zevende lid'],
  inputs: [
    { name: 'functietoelage', type: 'bedrag', required: false },
    { name: 'nieuwe_functietoelage', type: 'bedrag', required: false },
    { name: 'minder_inzet', type: 'keuze', required: false, waarden: ['ja', 'nee'] },
    { name: 'salaris', type: 'bedrag', required: true },
    { name: 'nieuw_salaris', type: 'bedrag', required: true },
    { name: 'geboortedatum', type: 'datum', required: true },
    { name: 'functietoelage_sinds', type: 'datum', required: false },
    { name: 'plaatsingsdatum', type: 'datum', required: true },
  ],
  uitkomsten: {
    uitkomst: { type: 'keuze', waarden: ['geen', 'behouden', 'afkoop-verschil', 'blijft', 'afkoop', 'gedekt'] },
    grond: { type: 'tekst' },
    bedrag: { type: 'bedrag' },
    afkoop: { type: 'bedrag' },
    jaarbedrag: { type: 'bedrag' },
    verschil_per_jaar: { type: 'bedrag' },
    leeftijd: { type: 'getal' },
    jaren: { type: 'getal' },
  },
  evaluate(row) {
    if (cents(row.functietoelage) > 0 && cents(row.nieuwe_functietoelage) === 0 && !str(row.functietoelage_sinds)) {
      // Without the start date the seventh lid (10 years) cannot be decided: never guess.
      return {
        ok: false,
        kolom: 'functietoelage_sinds',
        reden:
          'nodig voor artikel 10, zevende lid (10 jaar of meer met de toelage): vul de datum in sinds wanneer de toelage loopt',
      }
    }
    const r = toelageBijPlaatsing({
      toelageOud: cents(row.functietoelage),
      toelageNieuw: cents(row.nieuwe_functietoelage),
      minderInzet: str(row.minder_inzet) === 'ja',
      salarisOud: cents(row.salaris),
      salarisNieuw: cents(row.nieuw_salaris),
      geboortedatum: str(row.geboortedatum) as string,
      toelageSinds: str(row.functietoelage_sinds),
      plaatsingsdatum: str(row.plaatsingsdatum) as string,
    })
    return {
      ok: true,
      values: {
        uitkomst: r.uitkomst,
        grond: r.grond,
        bedrag: bedrag(r.toelagePerMaand),
        afkoop: bedrag(r.afkoop),
        jaarbedrag: bedrag(cents(row.functietoelage) * 12),
        verschil_per_jaar: bedrag(Math.max(0, cents(row.functietoelage) - cents(row.nieuwe_functietoelage)) * 12),
        leeftijd: r.leeftijd,
        jaren: r.jaren,
      },
    }
  },
}

const SALARIS: Rule = {
  name: 'salarisbehoud',
  beschrijving: 'behoud van salaris en persoonlijke toelagen bij plaatsing, artikel 10, tweede lid',
  werk: 'sociaal-statuut-cgm',
  bepalingen: ['10, tweede lid'],
  inputs: [
    { name: 'salaris', type: 'bedrag', required: true },
    { name: 'persoonlijke_toelagen', type: 'bedrag', required: false },
    { name: 'nieuw_salaris', type: 'bedrag', required: true },
  ],
  uitkomsten: {
    uitkomst: { type: 'keuze', waarden: ['behoud', 'nieuw'] },
    grond: { type: 'tekst' },
    bedrag: { type: 'bedrag' },
  },
  evaluate(row) {
    const r = salarisBijPlaatsing({
      salarisOud: cents(row.salaris),
      persoonlijkeToelagen: cents(row.persoonlijke_toelagen),
      salarisNieuw: cents(row.nieuw_salaris),
    })
    return { ok: true, values: { uitkomst: r.uitkomst, grond: '10, tweede lid', bedrag: bedrag(r.salaris) } }
  },
}

/** Every rule by name. */
export const RULES: ReadonlyMap<string, Rule> = new Map([INPASSING, TOELAGE, SALARIS].map((r) => [r.name, r]))

/** 250% of a yearly amount, for docs and tests: the factor on a monthly amount. */
export { AFKOOP_FACTOR_PER_MAAND }
