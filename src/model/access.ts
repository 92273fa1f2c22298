/**
 * Accessors for the leading parts of a provision: its `nummer` and `koptekst` children. The tree
 * keeps them as children (so every word is reachable by unist utilities); consumers read and
 * write them here so that they stay readable and never index children by position.
 */

import type { PhrasingContent } from 'mdast'
import { SKIP, visit } from 'unist-util-visit'
import type { Artikel, Koptekst, Nummer, Regeling, RegelingNode } from './nodes.js'
import { type Headed, isTekst, type Numbered } from './registry.js'

type Lead = Nummer | Koptekst
type WithChildren = { children: readonly unknown[] }

/** The content of a node: its children after the `nummer` and `koptekst`. */
export type ContentOf<N extends WithChildren> = Exclude<N['children'][number], Lead>

function isLead(child: unknown): child is Lead {
  const type = (child as { type?: string } | undefined)?.type
  return type === 'nummer' || type === 'koptekst'
}

/** How many children lead the content (0, 1 or 2). */
export function leadLength(node: WithChildren): number {
  let i = 0
  while (i < node.children.length && i < 2 && isLead(node.children[i])) i++
  return i
}

/** The `nummer` child, if any. */
export function nummerOf(node: RegelingNode | WithChildren): Nummer | undefined {
  if (!('children' in node)) return undefined
  const first = node.children[0] as Lead | undefined
  return first?.type === 'nummer' ? first : undefined
}

/** The number as written (`10`, `2a`, `-`), or `''` for a node without one. */
export function numOf(node: RegelingNode | WithChildren): string {
  return nummerOf(node)?.value ?? ''
}

/** The `koptekst` child, if any. */
export function koptekstOf(node: RegelingNode | WithChildren): Koptekst | undefined {
  if (!('children' in node)) return undefined
  for (let i = 0; i < 2 && i < node.children.length; i++) {
    const child = node.children[i] as Lead | undefined
    if (child?.type === 'koptekst') return child
    if (child?.type !== 'nummer') return undefined
  }
  return undefined
}

/** The heading text (without keyword and number), if any. */
export function headingOf(node: RegelingNode | WithChildren): PhrasingContent[] | undefined {
  return koptekstOf(node)?.children
}

/** The children after the `nummer` and `koptekst`. */
export function contentOf<N extends WithChildren>(node: N): Array<ContentOf<N>> {
  const start = leadLength(node)
  return (start === 0 ? node.children : node.children.slice(start)) as Array<ContentOf<N>>
}

/** The leading children for a new node: a `nummer` unless `num` is empty, a `koptekst` if given. */
export function lead(num: string, heading?: PhrasingContent[] | undefined): Lead[] {
  const out: Lead[] = []
  if (num !== '') out.push({ type: 'nummer', value: num })
  if (heading && heading.length > 0) out.push({ type: 'koptekst', children: heading })
  return out
}

/** Set (or, with `''`, remove) the number of a provision, in place. */
export function setNum(node: Numbered, num: string): void {
  const children = node.children as unknown[]
  const current = nummerOf(node)
  if (current && num !== '') current.value = num
  else if (current) children.shift()
  else if (num !== '') children.unshift({ type: 'nummer', value: num } satisfies Nummer)
}

/** Set (or, with `undefined` or `[]`, remove) the heading of a provision, in place. */
export function setHeading(node: Headed, heading: PhrasingContent[] | undefined): void {
  const children = node.children as unknown[]
  const current = koptekstOf(node)
  const at = nummerOf(node) ? 1 : 0
  if (!heading || heading.length === 0) {
    if (current) children.splice(at, 1)
  } else if (current) current.children = heading
  else children.splice(at, 0, { type: 'koptekst', children: heading } satisfies Koptekst)
}

/** Replace the content of a node, keeping its `nummer` and `koptekst`, in place. */
export function setContent<N extends WithChildren>(node: N, content: ReadonlyArray<ContentOf<N>>): void {
  const children = node.children as unknown[]
  children.splice(leadLength(node), children.length, ...content)
}

/** Every article below `node`, in order (in divisions and bijlagen too; not in the toelichting). */
export function artikelenOf(node: Regeling | RegelingNode): Artikel[] {
  const out: Artikel[] = []
  visit(node, (child) => {
    if (child.type === 'artikel') {
      out.push(child as Artikel)
      return SKIP
    }
    // Articles stand in the body: text, numbers, headings and the toelichting hold none.
    return child.type === 'toelichting' || isTekst(child) || child.type === 'koptekst' ? SKIP : undefined
  })
  return out
}

/** The front-matter of a regulation. */
export function metaOf(tree: Regeling): Record<string, unknown> {
  return tree.data.meta
}
