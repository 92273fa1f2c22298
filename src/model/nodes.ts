/**
 * The regeling tree: a unist tree, discriminated on `type`. Types only.
 *
 * Every text of the regulation is reachable as children, so that `mdast-util-to-string` and
 * `unist-util-visit` see all of it: a numbered or headed provision starts with a `nummer` (the
 * number as written, a unist literal) and a `koptekst` (its heading), both optional, and then
 * its content (Akoma Ntoso's `<num>`, `<heading>`, content). Read them with the accessors in
 * `./access.ts` (`numOf`, `headingOf`, `contentOf`) rather than by position.
 *
 * Numbers are opaque strings as written (`1:2c`, `14a`, `2a`, `1°`, `II`), never inferred from a
 * list position. Ids and other computed values live in `data`.
 */
import type { PhrasingContent, RootContent } from 'mdast'
import type { Data, Literal, Node, Parent, Position } from 'unist'

/** Computed per-node data, filled by the parser (`assignIds`). */
export interface ProvisionData extends Data {
  /** Stable path-derived id, e.g. `hfd_2__art_10__lid_5__ond_b`. */
  id?: string
}

interface Base extends Node {
  position?: Position
  data?: ProvisionData
}

/** The number of a provision as written (`10`, `2a`, `1°`, `-`, `IVA`). Never empty. */
export interface Nummer extends Literal {
  type: 'nummer'
  value: string
  position?: Position
}

/** The heading text of a provision (`Algemene bepalingen`), without keyword and number. */
export interface Koptekst extends Parent {
  type: 'koptekst'
  children: PhrasingContent[]
  position?: Position
}

/** A paragraph of running text (inline content is mdast phrasing). */
export interface Alinea extends Base {
  type: 'alinea'
  children: PhrasingContent[]
}

/** A block kept as Markdown that has no legal structure of its own (code, quote, html). */
export interface Blok extends Base {
  type: 'blok'
  /** The one mdast node as parsed; written back as Markdown. */
  children: [RootContent]
}

/** A heading the recognizer could not place; its text is kept where it stood. */
export interface Kop extends Base {
  type: 'kop'
  children: PhrasingContent[]
}

/** Alignment of a table column, as the delimiter row writes it (`:--`, `--:`, `:-:`, `---`). */
export type Uitlijning = 'left' | 'right' | 'center' | null

/** A table cell: inline content (a GFM cell holds no blocks). */
export interface TabelCel extends Base {
  type: 'tabelcel'
  children: PhrasingContent[]
}

/** A table row; a row may have fewer cells than the table has columns (GFM pads them). */
export interface TabelRij extends Base {
  type: 'tabelrij'
  children: TabelCel[]
}

/**
 * A table (a GFM pipe table: salary scales, inpassingstabellen). The first row is the header
 * row (GFM tables always have one); `align` has one entry per column.
 */
export interface Tabel extends Base {
  type: 'tabel'
  align: Uitlijning[]
  children: TabelRij[]
}

export type Tekst = Alinea | Blok | Kop | Tabel

export interface Subonderdeel extends Base {
  type: 'subonderdeel'
  /** Starts with the number as written: `1°`, `2°`, `i`, `-`. */
  children: Array<Nummer | Tekst>
}

export interface Onderdeel extends Base {
  type: 'onderdeel'
  /** Starts with the number as written: `a`, `b`, `aa`, `-` (a dash item without a letter). */
  children: Array<Nummer | Tekst | Subonderdeel>
}

export interface Lid extends Base {
  type: 'lid'
  /** Starts with the number as written: `1`, `2a`. */
  children: Array<Nummer | Tekst | Onderdeel>
}

export interface Artikel extends Base {
  type: 'artikel'
  /** Number as written, normalised (`1:2c`, `10`, `14a`, `I`), then the optional heading. */
  children: Array<Nummer | Koptekst | Tekst | Lid | Onderdeel>
}

export type DivisionType = 'titel' | 'hoofdstuk' | 'afdeling' | 'paragraaf'

export interface DivisionData extends ProvisionData {
  /** The keyword as written when it differs from the type (`§` for a paragraaf). */
  label?: string
}

/** A grouping of articles: titel › hoofdstuk › afdeling › paragraaf. */
export interface Division extends Base {
  type: DivisionType
  data?: DivisionData
  /**
   * Number as written (`1`, `IVA`, `2.3`), absent for a grouping heading without number; then
   * the optional heading.
   */
  children: Array<Nummer | Koptekst | BodyContent>
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
  /** Starts with the heading as written, e.g. `Toelichting artikel 3 t/m. 7: Procedurele bepalingen`. */
  children: Array<Koptekst | Tekst>
}

export interface Toelichting extends Base {
  type: 'toelichting'
  /** Starts with the heading when it is not just `Toelichting`. */
  children: Array<Koptekst | Tekst | ArtikelToelichting>
}

export interface Bijlage extends Base {
  type: 'bijlage'
  /** Number as written (`1`, `IIa`) when any, then the optional heading. */
  children: Array<Nummer | Koptekst | BodyContent>
}

export type RegelingContent = Opschrift | Aanhef | BodyContent | Ondertekening | Toelichting | Bijlage

export interface RegelingData extends Data {
  /** Front-matter as parsed (plain values; strings stay strings). */
  meta: Record<string, unknown>
}

/** The root: one version of a regulation. */
export interface Regeling extends Parent {
  type: 'regeling'
  data: RegelingData
  children: RegelingContent[]
}

export type Provision = Division | Artikel | Lid | Onderdeel | Subonderdeel | Bijlage

/** Every node of the regeling tree (inline mdast content and kept blocks aside). */
export type RegelingNode =
  | Regeling
  | RegelingContent
  | Lid
  | Onderdeel
  | Subonderdeel
  | ArtikelToelichting
  | Nummer
  | Koptekst
  | TabelRij
  | TabelCel
