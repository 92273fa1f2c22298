/**
 * The publication model: a besluit as it goes to the gemeenteblad (DOMAIN.md §7). Types only.
 *
 * A publication is the text in its standard order (opschrift, aanhef, `besluit:`, dictum,
 * ondertekening, toelichting, bijlagen) plus the metadata the publication channel and the CVDR ask
 * for. The text is a flat list of renderer-neutral blocks per part, so that the Word and HTML
 * renderers stay small and a test can look at the document as data.
 */

/** A run of inline text. */
export interface Run {
  text: string
  italic?: boolean
  bold?: boolean
  /** A link target as written in the regulation. */
  href?: string
}

/** What a heading stands for; renderers pick a style or a heading level from it. */
export type KopRol =
  | 'titel'
  | 'hoofdstuk'
  | 'afdeling'
  | 'paragraaf'
  | 'artikel'
  | 'bijlage'
  | 'toelichting'
  | 'artikeltoelichting'
  | 'tussenkop'

/** A heading. `level` 1 is the highest heading inside a part (the opschrift is not a block). */
export interface KopBlock {
  kind: 'kop'
  rol: KopRol
  level: 1 | 2 | 3 | 4 | 5
  runs: Run[]
  /** The stable provision id (`hfd_1__art_1`), used as the HTML anchor. */
  id?: string
}

/** A paragraph; `num` is a lid number (`1.`), onderdeel letter (`a.`) or subonderdeel (`1°`). */
export interface AlineaBlock {
  kind: 'alinea'
  /** 0: running text; 1: lid; 2: onderdeel; 3: subonderdeel. */
  depth: 0 | 1 | 2 | 3
  /** The number as shown, with its punctuation (`1.`, `a.`, `1°`). Only on the first paragraph of an item. */
  num?: string
  runs: Run[]
  id?: string
  /** Quoted new text in a wijzigingsbesluit ("komt te luiden:"), not a provision of the besluit. */
  citaat?: boolean
  /** The instruction replaces the whole text of the regulation (`De tekst van de regeling komt te luiden:`). */
  heleTekst?: boolean
}

/** A table kept from the regulation (a Markdown table). */
export interface TabelBlock {
  kind: 'tabel'
  /** Rows of cells of runs; the first row is the header row. */
  rows: Run[][][]
  /** Alignment per column, as the regulation's table gives it (left when absent). */
  align?: Array<'left' | 'right' | 'center' | null>
}

/** The signatories of a besluit, shown side by side (function above name). */
export interface OndertekenaarsBlock {
  kind: 'ondertekenaars'
  ondertekenaars: Array<{ functie: string; naam: string }>
}

export type PubBlock = KopBlock | AlineaBlock | TabelBlock | OndertekenaarsBlock

/** `regeling`: a new regulation (the dictum is its text); `wijziging`: a wijzigingsbesluit. */
export type PublicatieSoort = 'regeling' | 'wijziging'

/** A version of a work that the publication is about. */
export interface VersieVerwijzing {
  /** The work id (`car-uwo`). */
  werk: string
  /** The version as `werk@inwerkingtreding` (`car-uwo@2015-07-01`); never a file path. */
  versie: string
  /** Its datum inwerkingtreding (ISO), if known. */
  inwerkingtreding: string | null
  citeertitel: string | null
  /** The official title of the regulation (`officiele-titel`, else its opschrift). */
  officieleTitel: string | null
}

/** The metadata of a publication: what the gemeenteblad web form and the CVDR ask for. */
export interface PublicatieMetadata {
  soortBesluit: 'nieuwe regeling' | 'wijzigingsbesluit'
  organisatie: string | null
  soortOrganisatie: string | null
  officieleTitel: string
  citeertitel: string | null
  vastgesteldDoor: string | null
  onderwerp: string | null
  juridischeGrondslagen: string[]
  /** ISO dates. */
  datumOndertekening: string | null
  datumBekendmaking: string | null
  inwerkingtreding: string | null
  /** Terugwerkende kracht tot en met. */
  terugwerkendeKracht: string | null
  /** Datum uitwerkingtreding of the version, when already known (ISO). */
  uitwerkingtreding: string | null
  betreft: string | null
  /** Bron bekendmaking as the CVDR shows it (`Gemeenteblad 2024, 216934`), when already known. */
  bronBekendmaking: string | null
  kenmerk: string | null
  /** The version this publication makes known (for a wijziging: the version it produces). */
  regeling: VersieVerwijzing
  /** For a wijzigingsbesluit: the work and version it changes. */
  wijzigt: VersieVerwijzing | null
  /** The organisation is a fictional example: the text is not a real publication. */
  voorbeeld: boolean
}

/** One publication: the text in its standard parts, and its metadata. */
export interface Publicatie {
  soort: PublicatieSoort
  /** The title line, with the citeertitel in brackets when it differs from the title. */
  opschrift: string
  aanhef: PubBlock[]
  /** The decision formula: `besluit:`, `besluiten vast te stellen de volgende verordening:`. */
  besluit: string
  dictum: PubBlock[]
  ondertekening: PubBlock[]
  toelichting: PubBlock[]
  bijlagen: PubBlock[]
  metadata: PublicatieMetadata
  /** A note shown above the text of a fictional example (`voorbeeld: true`), else null. */
  voorbeeldmelding: string | null
}
