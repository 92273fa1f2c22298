/**
 * Rebuild the new version from the old one and a diff: equal provisions are taken from the old
 * tree, changed ones are rebuilt from their word operations and new numbers, added ones come from
 * the diff. `applyDiff(a, diffRegelingen(a, b))` equals `b` (ids, numbers and text), which proves
 * that the alignment and the word operations are complete.
 */
import type { PhrasingContent } from 'mdast'
import { lead, numOf } from '../model/access.js'
import type { DiffNode, DiffResult, WordOp } from '../model/changes.js'
import type { Regeling, RegelingNode } from '../model/nodes.js'
import { isDivision } from '../model/registry.js'
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
  // Equal up to redactional differences (white space, table alignment, link targets): the new form.
  if (d.status === 'gelijk') return d.nieuw ?? d.oud
  const oud = d.oud as RegelingNode
  if (d.type === 'alinea' || d.type === 'kop' || d.type === 'opschrift' || d.type === 'tabelcel')
    return { ...oud, children: phrasing(newText(d.text)) } as RegelingNode
  if (d.type === 'blok') return d.nieuw
  const content = d.children.map(rebuild).filter((n): n is RegelingNode => n !== undefined)
  if (d.type === 'tabel' || d.type === 'tabelrij') {
    // A table takes its column alignment from the new version.
    const align = d.nieuw?.type === 'tabel' ? { align: d.nieuw.align } : {}
    return { ...oud, ...align, children: content } as RegelingNode
  }
  const heading = d.heading ? phrasing(newText(d.heading)) : undefined
  const node = { ...oud, children: [...lead(d.nieuwNum ?? numOf(oud), heading), ...content] } as RegelingNode
  if (isDivision(node)) {
    const { label: _, ...data } = node.data ?? {}
    node.data = d.label === undefined ? data : { ...data, label: d.label }
  }
  return node
}

/** The new version, rebuilt from the old tree and the diff (front-matter from the new side). */
export function applyDiff(oud: Regeling, result: DiffResult): Regeling {
  const children = result.tree.children.map(rebuild).filter((n): n is RegelingNode => n !== undefined)
  return assignIds({ ...oud, data: { meta: result.nieuwMeta }, children: children as Regeling['children'] })
}
