/**
 * Stable path-derived ids: `hfd_2__art_10__lid_5__ond_b`. Numbers are used as written (with
 * characters other than letters and digits replaced); unnumbered items get their ordinal (`o3`).
 * Ids are unique: a second article with the same number gets `-2` (and `check` reports it).
 */
import { SKIP, visit } from 'unist-util-visit'
import { numOf } from '../model/access.js'
import { ID_PREFIX } from '../model/glossary.js'
import type { Regeling, RegelingNode } from '../model/nodes.js'
import { isSingleton } from '../model/registry.js'

type Identified = Extract<RegelingNode, { type: keyof typeof ID_PREFIX }>

/** The id segment of a number: `1:2c` → `1-2c`, `1°` → `1`, `` → `` (ordinal used instead). */
export function idNumber(num: string): string {
  return num
    .replace(/°/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

/** Fill `data.id` on every provision of the tree (in place) and return the tree. */
export function assignIds(tree: Regeling): Regeling {
  const used = new Set<string>()
  // Per taken id, the next suffix to try: 10,000 leden numbered `1` must not cost 10,000² probes.
  const nextSuffix = new Map<string, number>()
  // Per parent, how many children of each type came so far: the ordinal of an unnumbered item.
  const ordinals = new Map<unknown, Map<string, number>>()
  visit(tree, (child, _index, parent) => {
    if (child === tree) return
    // Only provisions get ids; what is below a non-provision (text, numbers, headings) gets none.
    if (!(child.type in ID_PREFIX)) return SKIP
    const node = child as Identified
    const counts = ordinals.get(parent) ?? new Map<string, number>()
    ordinals.set(parent, counts)
    const count = (counts.get(node.type) ?? 0) + 1
    counts.set(node.type, count)
    const num = idNumber(numOf(node))
    const needsOrdinal = num === '' && !isSingleton(node)
    const segment = `${ID_PREFIX[node.type]}${needsOrdinal ? `_o${count}` : num ? `_${num}` : ''}`
    const prefix = parent === tree ? '' : ((parent as Identified | undefined)?.data?.id ?? '')
    let id = prefix ? `${prefix}__${segment}` : segment
    if (used.has(id)) {
      let n = nextSuffix.get(id) ?? 2
      while (used.has(`${id}-${n}`)) n++
      nextSuffix.set(id, n + 1)
      id = `${id}-${n}`
    }
    used.add(id)
    node.data = { ...node.data, id }
    return undefined
  })
  return tree
}
