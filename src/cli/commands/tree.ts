/** `regelwerk tree <file> [--json]`: the regeling tree (ids, numbers, positions). */
import type { PhrasingContent } from 'mdast'
import { toString as mdastToString } from 'mdast-util-to-string'
import type { Position } from 'unist'
import { parseRegeling } from '../../parse/index.js'
import { hasErrors } from '../../util/messages.js'
import { resolveVersion } from '../../versions/refs.js'
import { EXIT, printMessages, readInput } from '../io.js'

export interface TreeOptions {
  json?: boolean
}

export function runTree(ref: string, options: TreeOptions): number {
  // `werk@JJJJ-MM-DD` names the version that applies on that date.
  const resolved = ref.includes('@') ? resolveVersion(ref) : { ok: true as const, value: ref }
  if (!resolved.ok) {
    process.stderr.write(`fout: ${resolved.reden}\n`)
    return EXIT.input
  }
  const path = resolved.value
  const file = readInput(path)
  const result = hasErrors(file) ? undefined : parseRegeling(file)
  printMessages(file, path)
  if (!result || hasErrors(file)) return EXIT.input
  if (options.json) process.stdout.write(`${JSON.stringify(result.tree, jsonReplacer, 2)}\n`)
  else process.stdout.write(outline(result.tree as unknown as TreeNode, 0).join('\n') + '\n')
  return EXIT.ok
}

/** Inline mdast keeps its own positions; the tree's JSON carries them only on provisions. */
function jsonReplacer(this: unknown, key: string, value: unknown): unknown {
  if (key === 'position' && this && typeof this === 'object' && !('num' in this) && isInline(this)) return undefined
  return value
}

const INLINE = new Set(['text', 'emphasis', 'strong', 'link', 'break', 'inlineCode', 'image', 'html', 'delete'])
function isInline(node: object): boolean {
  return INLINE.has(String((node as { type?: unknown }).type))
}

interface TreeNode {
  type: string
  num?: string
  heading?: PhrasingContent[]
  children?: TreeNode[]
  data?: { id?: string }
  position?: Position
}

const SHOWN = new Set([
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
  'ondertekening',
  'toelichting',
  'artikeltoelichting',
  'bijlage',
  'kop',
])

function outline(node: TreeNode, depth: number): string[] {
  const out: string[] = []
  for (const child of node.children ?? []) {
    if (!SHOWN.has(child.type)) continue
    const parts = [child.type]
    if (child.num) parts.push(child.num)
    if (child.heading) parts.push(`“${mdastToString({ type: 'paragraph', children: child.heading })}”`)
    if (child.type === 'kop' || child.type === 'opschrift') parts.push(`“${mdastToString(child as never)}”`)
    if (child.data?.id) parts.push(`[${child.data.id}]`)
    const p = child.position
    if (p) parts.push(`${p.start.line}:${p.start.column}-${p.end.line}:${p.end.column}`)
    out.push(`${'  '.repeat(depth)}${parts.join(' ')}`)
    if (child.type !== 'kop' && child.type !== 'opschrift') out.push(...outline(child, depth + 1))
  }
  return out
}
