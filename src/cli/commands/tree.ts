/** `regelwerk tree <file> [--json]`: the regeling tree (ids, numbers, positions). */
import { toString as mdastToString } from 'mdast-util-to-string'
import { SKIP, visitParents } from 'unist-util-visit-parents'
import { headingOf, numOf } from '../../model/access.js'
import type { Regeling, RegelingNode } from '../../model/nodes.js'
import type { RegelingType } from '../../model/registry.js'
import { formatMessage, sortMessages } from '../../util/messages.js'
import { resolveVersion } from '../../versions/refs.js'
import { EXIT, readInput } from '../io.js'
import { blockingErrors, parseChecked } from '../load-version.js'

export interface TreeOptions {
  json?: boolean
  force?: boolean
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
  const result = parseChecked(file, path, { force: options.force })
  if (typeof result === 'number') return result
  // Warnings are shown; with errors `parseChecked` printed every message already.
  if (blockingErrors(file).length === 0)
    for (const m of sortMessages(file.messages))
      if (m.fatal !== true) process.stderr.write(`${formatMessage(m, path)}\n`)
  if (options.json) process.stdout.write(`${JSON.stringify(result.tree, jsonReplacer, 2)}\n`)
  else process.stdout.write(`${outline(result.tree).join('\n')}\n`)
  return EXIT.ok
}

/** Inline mdast keeps its own positions; the tree's JSON carries them only on provisions. */
function jsonReplacer(this: unknown, key: string, value: unknown): unknown {
  if (key === 'position' && this && typeof this === 'object' && isInline(this)) return undefined
  return value
}

const INLINE = new Set(['text', 'emphasis', 'strong', 'link', 'break', 'inlineCode', 'image', 'html', 'delete'])
function isInline(node: object): boolean {
  return INLINE.has(String((node as { type?: unknown }).type))
}

/** Which nodes the outline shows as a line of their own (text, numbers and headings it does not). */
const SHOWN = {
  regeling: false,
  opschrift: true,
  aanhef: true,
  titel: true,
  hoofdstuk: true,
  afdeling: true,
  paragraaf: true,
  artikel: true,
  lid: true,
  onderdeel: true,
  subonderdeel: true,
  alinea: false,
  blok: false,
  tabel: false,
  tabelrij: false,
  tabelcel: false,
  kop: true,
  ondertekening: true,
  toelichting: true,
  artikeltoelichting: true,
  bijlage: true,
  nummer: false,
  koptekst: false,
} as const satisfies Record<RegelingType, boolean>

function outline(tree: Regeling): string[] {
  const out: string[] = []
  visitParents(tree, (node, ancestors) => {
    if (node === tree) return
    const child = node as RegelingNode
    if (!SHOWN[child.type]) return SKIP
    const parts: string[] = [child.type]
    const num = numOf(child)
    const heading = headingOf(child)
    if (num) parts.push(num)
    if (heading) parts.push(`“${mdastToString({ type: 'paragraph', children: heading })}”`)
    if (child.type === 'kop' || child.type === 'opschrift') parts.push(`“${mdastToString(child)}”`)
    const id = child.data && 'id' in child.data ? child.data.id : undefined
    if (id) parts.push(`[${id}]`)
    const p = child.position
    if (p) parts.push(`${p.start.line}:${p.start.column}-${p.end.line}:${p.end.column}`)
    // Every ancestor but the root is shown (what is not shown is skipped with what it holds).
    out.push(`${'  '.repeat(ancestors.length - 1)}${parts.join(' ')}`)
    return child.type === 'kop' || child.type === 'opschrift' ? SKIP : undefined
  })
  return out
}
