/** Walking the regeling tree: the rules see every provision and text node with its ancestors. */
import type { Artikel, Regeling, RegelingNode, Tekst } from '../model/nodes.js'

export type Node = RegelingNode | Tekst

/** Nodes whose children are inline (phrasing) content rather than tree nodes. */
const PHRASING_PARENTS = new Set<Node['type']>(['alinea', 'kop', 'opschrift', 'blok'])

/** The tree children of `node` (none for text nodes). */
export function childrenOf(node: Node): readonly Node[] {
  if (PHRASING_PARENTS.has(node.type) || !('children' in node)) return []
  return node.children as readonly Node[]
}

/** Call `visitor` for every node below `tree` in document order, with its ancestors (root first). */
export function visit(tree: Regeling, visitor: (node: Node, ancestors: readonly Node[]) => void): void {
  const walk = (node: Node, ancestors: Node[]) => {
    visitor(node, ancestors)
    const children = childrenOf(node)
    if (children.length === 0) return
    ancestors.push(node)
    for (const child of children) walk(child, ancestors)
    ancestors.pop()
  }
  for (const child of tree.children) walk(child, [])
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
    if (child.type === 'bijlage') {
      const scope: Artikel[] = []
      collectArticles(child, scope)
      scopes.push(scope)
    } else collectArticles(child, body)
  }
  return scopes
}

function collectArticles(node: Node, out: Artikel[]): void {
  if (node.type === 'artikel') {
    out.push(node)
    return
  }
  if (node.type === 'toelichting') return
  for (const child of childrenOf(node)) collectArticles(child, out)
}

/** The point a node starts at, when the parser gave it a place. */
export function startOf(node: { position?: { start: { line: number; column: number } } | undefined }) {
  const start = node.position?.start
  return start ? { line: start.line, column: start.column } : undefined
}
