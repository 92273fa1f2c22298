/**
 * The regeling tree: a unist tree, discriminated on `type`. Types only.
 *
 * Numbers are opaque strings as written (`1:2c`, `14a`, `2a`, `1°`, `II`), never
 * inferred from a list position. Ids and other computed values live in `data`.
 */
import type { PhrasingContent, RootContent } from 'mdast'
import type { Node, Parent, Position } from 'unist'

/** Computed per-node data, filled by the parser (`assignIds`). */
export interface ProvisionData {
  /** Stable path-derived id, e.g. `hfd_2__art_10__lid_5__ond_b`. */
  id?: string
}

interface Base extends Node {
  position?: Position
  data?: ProvisionData
}

/** A paragraph of running text (inline content is mdast phrasing). */
export interface Alinea extends Base {
  type: 'alinea'
  children: PhrasingContent[]
}

/** A block kept as Markdown that has no legal structure of its own (table, code, quote, html). */
export interface Blok extends Base {
  type: 'blok'
  /** The mdast node as parsed; written back as Markdown. */
  node: RootContent
}

/** A heading the recognizer could not place; its text is kept where it stood. */
export interface Kop extends Base {
  type: 'kop'
  children: PhrasingContent[]
}

export type Tekst = Alinea | Blok | Kop

export interface Subonderdeel extends Base {
  type: 'subonderdeel'
  /** As written: `1°`, `2°`, `i`, `-`. */
  num: string
  children: Tekst[]
}

export interface Onderdeel extends Base {
  type: 'onderdeel'
  /** As written: `a`, `b`, `aa`, `-` (a dash item without a letter). */
  num: string
  children: Array<Tekst | Subonderdeel>
}

export interface Lid extends Base {
  type: 'lid'
  /** As written: `1`, `2a`. */
  num: string
  children: Array<Tekst | Onderdeel>
}

export interface Artikel extends Base {
  type: 'artikel'
  /** As written, normalised: `'1:2c'`, `'10'`, `'14a'`, `'I'`. */
  num: string
  heading?: PhrasingContent[]
  children: Array<Tekst | Lid | Onderdeel>
}

export type DivisionType = 'titel' | 'hoofdstuk' | 'afdeling' | 'paragraaf'

/** A grouping of articles: titel › hoofdstuk › afdeling › paragraaf. */
export interface Division extends Base {
  type: DivisionType
  /** As written (`1`, `IVA`, `2.3`); empty for a grouping heading without number. */
  num: string
  /** The keyword as written when it differs from the type (`§` for a paragraaf). */
  label?: string
  heading?: PhrasingContent[]
  children: BodyContent[]
}

export type BodyContent = Division | Artikel | Tekst

/** The title of the regulation (the first heading). */
export interface Opschrift extends Base {
  type: 'opschrift'
  children: PhrasingContent[]
}

/** Preamble: from the title up to the first article or division. */
export interface Aanhef extends Base {
  type: 'aanhef'
  children: Tekst[]
}

/** Signature block ("Aldus vastgesteld", "Gegeven te"). */
export interface Ondertekening extends Base {
  type: 'ondertekening'
  children: Tekst[]
}

/** Explanation of one or more articles inside the toelichting. */
export interface ArtikelToelichting extends Base {
  type: 'artikeltoelichting'
  /** The heading as written, e.g. `Toelichting artikel 3 t/m. 7: Procedurele bepalingen`. */
  heading: PhrasingContent[]
  children: Tekst[]
}

export interface Toelichting extends Base {
  type: 'toelichting'
  heading?: PhrasingContent[]
  children: Array<Tekst | ArtikelToelichting>
}

export interface Bijlage extends Base {
  type: 'bijlage'
  /** As written (`1`, `IIa`), or empty. */
  num: string
  heading?: PhrasingContent[]
  children: BodyContent[]
}

export type RegelingContent = Opschrift | Aanhef | BodyContent | Ondertekening | Toelichting | Bijlage

/** The root: one version of a regulation. */
export interface Regeling extends Parent {
  type: 'regeling'
  /** Front-matter as parsed (plain values; strings stay strings). */
  meta: Record<string, unknown>
  children: RegelingContent[]
}

export type Provision = Division | Artikel | Lid | Onderdeel | Subonderdeel | Bijlage

export type RegelingNode = Regeling | RegelingContent | Lid | Onderdeel | Subonderdeel | ArtikelToelichting
