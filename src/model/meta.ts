/** The front-matter keys of a regulation version (CVDR fields, DOMAIN.md §3) and their types. */

export type MetaType = 'tekst' | 'datum' | 'lijst' | 'janee' | 'map'

export const META_KEYS: Readonly<Record<string, MetaType>> = {
  work: 'tekst',
  citeertitel: 'tekst',
  'officiele-titel': 'tekst',
  organisatie: 'tekst',
  organisatietype: 'tekst',
  soort: 'tekst',
  'vastgesteld-door': 'tekst',
  onderwerp: 'tekst',
  'eigen-onderwerp': 'tekst',
  grondslagen: 'lijst',
  inwerkingtreding: 'datum',
  'terugwerkende-kracht': 'datum',
  uitwerkingtreding: 'datum',
  ondertekening: 'datum',
  bekendmaking: 'tekst',
  'bekendmaking-datum': 'datum',
  betreft: 'tekst',
  kenmerk: 'tekst',
  bron: 'tekst',
  opmerkingen: 'tekst',
  identificatie: 'tekst',
  /** `true` when the file holds only part of the regulation (references elsewhere are not checked). */
  deeltekst: 'janee',
  /** `true` on a wijzigingsbesluit that is not yet signed (`amend` writes it): no kenmerk or ondertekening needed. */
  ontwerp: 'janee',
  /** Per provision an explanation for the was-wordt table's Toelichting column (`diff --was-wordt`). */
  toelichting: 'map',
}

/** Keys every regulation version must have. */
export const REQUIRED_META_KEYS: readonly string[] = ['citeertitel']

/** The order in which `import` writes keys. */
export const META_ORDER: readonly string[] = Object.keys(META_KEYS)
