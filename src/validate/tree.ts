/** Walking the regeling tree: the rules see every provision and text node with its ancestors. */
import { SKIP, visitParents } from 'unist-util-visit-parents'
import { artikelenOf, contentOf } from '../model/access.js'
import type { Artikel, Regeling, RegelingNode, Tekst } from '../model/nodes.js'
import { type RegelingType, ROLE } from '../model/registry.js'

export type Node = RegelingNode | Tekst

/** Whether the children of `node` are inline (phrasing) or kept mdast content, not provisions. */
function holdsText(node: { type: string }): boolean {
  const role = ROLE[node.type as RegelingType]
  // A table holds rows, a row cells; a cell holds text (and is read as running text).
  if (node.type === 'tabel' || node.type === 'tabelrij') return false
  return role === 'tekst' || role === 'part' || node.type === 'opschrift' || node.type === 'tabelcel'
}

/** The content children of `node`: no number, heading or inline content. */
export function childrenOf(node: Node): readonly Node[] {
  if (holdsText(node) || !('children' in node)) return []
  return contentOf(node) as readonly Node[]
}

/**
 * Call `visitor` for every node below `tree` in document order (numbers and headings included,
 * inline content not), with its ancestors below the root (outermost first).
 */
export function visit(tree: Regeling, visitor: (node: Node, ancestors: readonly Node[]) => void): void {
  visitParents(tree, (node, parents) => {
    if (node === tree) return
    visitor(node as Node, parents.slice(1) as Node[])
    return holdsText(node) ? SKIP : undefined
  })
}

/** Whether a node with these ancestors stands in the toelichting. */
export function inToelichting(ancestors: readonly Node[]): boolean {
  return ancestors.some((a) => a.type === 'toelichting')
}

/**
 * The articles per numbering scope: the body is one scope, each bijlage its own. Articles in the
 * toelichting do not exist (it has artikeltoelichtingen), so they never count.
 */
export function articleScopes(tree: Regeling): Artikel[][] {
  const body: Artikel[] = []
  const scopes: Artikel[][] = [body]
  for (const child of tree.children) {
    if (child.type === 'bijlage') scopes.push(artikelenOf(child))
    else body.push(...artikelenOf(child))
  }
  return scopes
}

/** The point a node starts at, when the parser gave it a place. */
export function startOf(node: { position?: { start: { line: number; column: number } } | undefined }) {
  const start = node.position?.start
  return start ? { line: start.line, column: start.column } : undefined
}
