/**
 * Rebuild the new version from the old one and a diff: equal provisions are taken from the old
 * tree, changed ones are rebuilt from their word operations and new numbers, added ones come from
 * the diff. `applyDiff(a, diffRegelingen(a, b))` equals `b` (ids, numbers and text), which proves
 * that the alignment and the word operations are complete.
 */
import type { PhrasingContent } from 'mdast'
import type { DiffNode, DiffResult, WordOp } from '../model/changes.js'
import type { Regeling, RegelingNode } from '../model/nodes.js'
import { assignIds } from '../parse/ids.js'

function newText(ops: WordOp[] | undefined): string {
  return (ops ?? [])
    .filter((o) => o.op !== 'del')
    .map((o) => o.text)
    .join('')
}

function phrasing(text: string): PhrasingContent[] {
  return text === '' ? [] : [{ type: 'text', value: text }]
}

function rebuild(d: DiffNode): RegelingNode | undefined {
  if (d.status === 'verwijderd') return undefined
  if (d.status === 'toegevoegd') return d.nieuw
  if (d.status === 'gelijk') return d.oud
  const base = { ...(d.oud as RegelingNode) } as Record<string, unknown>
  if (d.nieuwNum !== undefined) base.num = d.nieuwNum
  if (d.label !== undefined) base.label = d.label
  else delete base.label
  if (d.heading) {
    const text = newText(d.heading)
    if (text === '') delete base.heading
    else base.heading = phrasing(text)
  }
  if (d.type === 'alinea' || d.type === 'kop' || d.type === 'opschrift') base.children = phrasing(newText(d.text))
  else if (d.type === 'blok') return d.nieuw
  else base.children = d.children.map(rebuild).filter((n): n is RegelingNode => n !== undefined)
  return base as unknown as RegelingNode
}

/** The new version, rebuilt from the old tree and the diff (front-matter from the new side). */
export function applyDiff(oud: Regeling, result: DiffResult): Regeling {
  const children = result.tree.children.map(rebuild).filter((n): n is RegelingNode => n !== undefined)
  return assignIds({ ...oud, meta: result.nieuwMeta, children: children as Regeling['children'] })
}
