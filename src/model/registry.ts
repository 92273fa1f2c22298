/**
 * The one registry of regeling node types. Every consumer that dispatches on `type` does so
 * through a `Handlers<…>` map (or `satisfies Record<RegelingType, …>`), so that adding a type
 * here fails `tsc` in every place that must handle it. Groups (divisions, items, …) are derived
 * from the `ROLE` table, never written out by hand.
 */
import type {
  Artikel,
  ArtikelToelichting,
  Bijlage,
  Division,
  DivisionType,
  Lid,
  Onderdeel,
  RegelingNode,
  Subonderdeel,
  Tekst,
  Toelichting,
} from './nodes.js'

/** All node types of the regeling tree, in document order of their first appearance. */
export const REGELING_TYPES = [
  'regeling',
  'opschrift',
  'aanhef',
  'titel',
  'hoofdstuk',
  'afdeling',
  'paragraaf',
  'artikel',
  'lid',
  'onderdeel',
  'subonderdeel',
  'alinea',
  'blok',
  'tabel',
  'tabelrij',
  'tabelcel',
  'kop',
  'ondertekening',
  'toelichting',
  'artikeltoelichting',
  'bijlage',
  'nummer',
  'koptekst',
] as const

export type RegelingType = (typeof REGELING_TYPES)[number]

/** The node of one type. */
export type NodeOf<T extends RegelingType> = Extract<RegelingNode, { type: T }>

/** One handler per node type: the shape every dispatching consumer uses. */
export type Handlers<R, A extends unknown[] = []> = { [T in RegelingType]: (node: NodeOf<T>, ...args: A) => R }

/** Call the handler of `node`'s type. */
export function dispatch<R, A extends unknown[]>(handlers: Handlers<R, A>, node: RegelingNode, ...args: A): R {
  return (handlers[node.type] as (node: RegelingNode, ...args: A) => R)(node, ...args)
}

/**
 * What a type is, for the groups below:
 * `division` groups articles, `item` is a lid or (sub)onderdeel, `tekst` is running text,
 * `singleton` occurs once per regulation, `part` is the number or heading of its parent,
 * `tabeldeel` is a row or cell of a table.
 */
export type Role =
  | 'root'
  | 'singleton'
  | 'division'
  | 'artikel'
  | 'item'
  | 'tekst'
  | 'bijlage'
  | 'artikeltoelichting'
  | 'part'
  | 'tabeldeel'

export const ROLE = {
  regeling: 'root',
  opschrift: 'singleton',
  aanhef: 'singleton',
  titel: 'division',
  hoofdstuk: 'division',
  afdeling: 'division',
  paragraaf: 'division',
  artikel: 'artikel',
  lid: 'item',
  onderdeel: 'item',
  subonderdeel: 'item',
  alinea: 'tekst',
  blok: 'tekst',
  tabel: 'tekst',
  tabelrij: 'tabeldeel',
  tabelcel: 'tabeldeel',
  kop: 'tekst',
  ondertekening: 'singleton',
  toelichting: 'singleton',
  artikeltoelichting: 'artikeltoelichting',
  bijlage: 'bijlage',
  nummer: 'part',
  koptekst: 'part',
} as const satisfies Record<RegelingType, Role>

type WithRole<R extends Role> = { [T in RegelingType]: (typeof ROLE)[T] extends R ? T : never }[RegelingType]

function typesWithRole<R extends Role>(...roles: R[]): ReadonlySet<WithRole<R>> {
  const types = REGELING_TYPES.filter((t): t is WithRole<R> => (roles as Role[]).includes(ROLE[t]))
  return new Set(types)
}

export const DIVISION_TYPES: ReadonlySet<DivisionType> = typesWithRole('division')
export const ITEM_TYPES: ReadonlySet<'lid' | 'onderdeel' | 'subonderdeel'> = typesWithRole('item')
export const SINGLETON_TYPES: ReadonlySet<'opschrift' | 'aanhef' | 'ondertekening' | 'toelichting'> =
  typesWithRole('singleton')
/** Types whose node may start with a `nummer`. */
export const NUMBERED_TYPES: ReadonlySet<Numbered['type']> = typesWithRole('division', 'artikel', 'item', 'bijlage')
/** Types whose node may start with a `koptekst` (after its `nummer`). */
export const HEADED_TYPES: ReadonlySet<Headed['type']> = new Set([
  ...typesWithRole('division', 'artikel', 'bijlage', 'artikeltoelichting'),
  'toelichting',
])

export type Item = Lid | Onderdeel | Subonderdeel
export type Numbered = Division | Artikel | Item | Bijlage
export type Headed = Division | Artikel | Bijlage | Toelichting | ArtikelToelichting

function has<T extends string>(set: ReadonlySet<T>, type: string): type is T {
  return (set as ReadonlySet<string>).has(type)
}

export function isDivision(node: { type: string }): node is Division {
  return has(DIVISION_TYPES, node.type)
}

export function isItem(node: { type: string }): node is Item {
  return has(ITEM_TYPES, node.type)
}

export function isNumbered(node: { type: string }): node is Numbered {
  return has(NUMBERED_TYPES, node.type)
}

export function isHeaded(node: { type: string }): node is Headed {
  return has(HEADED_TYPES, node.type)
}

export function isTekst(node: { type: string }): node is Tekst {
  return ROLE[node.type as RegelingType] === 'tekst'
}

export function isSingleton(node: { type: string }): boolean {
  return has(SINGLETON_TYPES, node.type)
}
