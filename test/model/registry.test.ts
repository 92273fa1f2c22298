import { describe, expect, expectTypeOf, it } from 'vitest'
import type { RegelingNode } from '../../src/model/nodes.js'
import {
  DIVISION_TYPES,
  dispatch,
  type Handlers,
  ITEM_TYPES,
  REGELING_TYPES,
  type RegelingType,
  ROLE,
} from '../../src/model/registry.js'

/** A complete handler map: what every dispatching consumer (differ, renderers, amend …) holds. */
const names: Handlers<string> = {
  regeling: () => 'regeling',
  opschrift: () => 'opschrift',
  aanhef: () => 'aanhef',
  titel: () => 'titel',
  hoofdstuk: () => 'hoofdstuk',
  afdeling: () => 'afdeling',
  paragraaf: () => 'paragraaf',
  artikel: () => 'artikel',
  lid: (node) => `lid ${node.children.length}`,
  onderdeel: () => 'onderdeel',
  subonderdeel: () => 'subonderdeel',
  alinea: () => 'alinea',
  blok: () => 'blok',
  tabel: (node) => `tabel ${node.align.length}`,
  tabelrij: () => 'tabelrij',
  tabelcel: () => 'tabelcel',
  kop: () => 'kop',
  ondertekening: () => 'ondertekening',
  toelichting: () => 'toelichting',
  artikeltoelichting: () => 'artikeltoelichting',
  bijlage: () => 'bijlage',
  nummer: (node) => `nummer ${node.value}`,
  koptekst: () => 'koptekst',
}

describe('the registry of node types', () => {
  it('is the union of the tree, no more and no less', () => {
    // A node interface added to RegelingNode without a registry entry (or the other way round) fails here.
    expectTypeOf<RegelingType>().toEqualTypeOf<RegelingNode['type']>()
    expect(new Set(REGELING_TYPES).size).toBe(REGELING_TYPES.length)
    expect(Object.keys(ROLE).sort()).toEqual([...REGELING_TYPES].sort())
  })

  it('makes a handler map that misses a type a compile error', () => {
    const { nummer: _, ...withoutNummer } = names
    // @ts-expect-error `nummer` has no handler: adding a node type fails tsc in every such map.
    const incomplete: Handlers<string> = withoutNummer
    expect(Object.keys(incomplete)).toHaveLength(REGELING_TYPES.length - 1)
    // A `Record<RegelingType, …>` table (renvooi styles, outline) is held to the same rule.
    // @ts-expect-error `koptekst` is missing
    const table: Record<RegelingType, boolean> = { ...Object.fromEntries(REGELING_TYPES.map((t) => [t, true])) } as {
      [T in Exclude<RegelingType, 'koptekst'>]: boolean
    }
    expect(Object.keys(table)).toHaveLength(REGELING_TYPES.length)
  })

  it('hands each handler its own node type', () => {
    expectTypeOf(names.nummer).parameter(0).toHaveProperty('value').toEqualTypeOf<string>()
    expect(dispatch(names, { type: 'nummer', value: '2a' })).toBe('nummer 2a')
    expect(dispatch(names, { type: 'lid', children: [{ type: 'nummer', value: '1' }] })).toBe('lid 1')
  })

  it('derives the groups the consumers used to spell out', () => {
    expect([...DIVISION_TYPES]).toEqual(['titel', 'hoofdstuk', 'afdeling', 'paragraaf'])
    expect([...ITEM_TYPES]).toEqual(['lid', 'onderdeel', 'subonderdeel'])
  })
})
