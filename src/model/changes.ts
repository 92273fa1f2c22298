/**
 * The result of comparing two versions of a regulation. Types only.
 *
 * `DiffNode` is the aligned tree: the new version's structure with deleted provisions kept in
 * place, every node marked with its status; renderers (text, html, docx renvooi) walk it.
 * `Change` is the flat, documented change list derived from it (`diff --format json`).
 */
import type { RegelingNode } from './nodes.js'
import type { RegelingType } from './registry.js'

/** A run of words that is the same, inserted or deleted. Text includes its white space. */
export interface WordOp {
  op: 'gelijk' | 'ins' | 'del'
  text: string
}

export type DiffStatus = 'gelijk' | 'gewijzigd' | 'toegevoegd' | 'verwijderd'

/** One node of the aligned tree. */
export interface DiffNode {
  /** The node type (`artikel`, `lid`, `alinea`, `hoofdstuk`, ...). */
  type: RegelingType
  status: DiffStatus
  /** Id in the new version (or in the old one for a deleted node). */
  id: string | undefined
  /** Number in the old and new version; they differ when the provision was renumbered. */
  oudNum?: string
  nieuwNum?: string
  /** Division keyword as written (`§`), when any. */
  label?: string
  /** Heading words (artikel title, division title, opschrift and kop text). */
  heading?: WordOp[]
  /** The node's own text (alinea, kop), as word operations. */
  text?: WordOp[]
  /** Set when the provision now stands under another parent (an article moved to another hoofdstuk). */
  verplaatstVan?: string
  /** When the word diff gave up (too many differences), the whole text is deleted and inserted. */
  geheelVervangen?: boolean
  children: DiffNode[]
  oud?: RegelingNode
  nieuw?: RegelingNode
}

/** Where a provision is, in words a lawyer reads: `artikel 10, vijfde lid, onderdeel b`. */
export type Citation = string

/** One entry of the change list. */
export type Change =
  | { type: 'toegevoegd'; soort: string; id: string | undefined; plaats: Citation }
  | { type: 'verwijderd'; soort: string; id: string | undefined; plaats: Citation }
  | {
      type: 'tekst'
      soort: string
      id: string | undefined
      plaats: Citation
      woorden: WordOp[]
      geheelVervangen: boolean
    }
  | { type: 'kop'; soort: string; id: string | undefined; plaats: Citation; woorden: WordOp[] }
  | { type: 'vernummerd'; soort: string; id: string | undefined; plaats: Citation; oud: string; nieuw: string }
  | { type: 'verplaatst'; soort: string; id: string | undefined; plaats: Citation; van: string }
  | { type: 'metadata'; sleutel: string; oud: unknown; nieuw: unknown }

export interface DiffResult {
  /** The aligned tree (root: type `regeling`). */
  tree: DiffNode
  changes: Change[]
  /** Front-matter of both versions (for headers: citeertitel, dates). */
  oudMeta: Record<string, unknown>
  nieuwMeta: Record<string, unknown>
}
