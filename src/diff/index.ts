/**
 * Structural diff of two versions. Provisions are aligned first (by type and number, then by
 * text similarity so that a renumbered lid is recognised, then articles across divisions so that
 * a moved article is recognised), and only then are words compared inside aligned provisions,
 * with `diff` (jsdiff) bounded by `maxEditLength` and `timeout`: when it gives up, the text is
 * reported as replaced as a whole instead of hanging.
 */
import { diffArrays } from 'diff'
import type { PhrasingContent, RootContent } from 'mdast'
import { toString as mdastToString } from 'mdast-util-to-string'
import type { Change, DiffNode, DiffResult, WordOp } from '../model/changes.js'
import { ordinal } from '../model/glossary.js'
import type { Regeling, RegelingNode } from '../model/nodes.js'

export interface DiffOptions {
  /** Upper bound on the word edit script per provision (default 4000 tokens). */
  maxEditLength?: number
  /** Milliseconds per provision before the word diff gives up (default 250). */
  timeout?: number
}

type AnyNode = RegelingNode & { num?: string; heading?: PhrasingContent[]; label?: string; data?: { id?: string } }

const NUMBERED = new Set([
  'titel',
  'hoofdstuk',
  'afdeling',
  'paragraaf',
  'artikel',
  'lid',
  'onderdeel',
  'subonderdeel',
  'bijlage',
])
const SINGLETONS = new Set(['opschrift', 'aanhef', 'ondertekening', 'toelichting'])
const TEXT_NODES = new Set(['alinea', 'kop', 'opschrift'])
const RENUMBERED = new Set(['lid', 'onderdeel', 'subonderdeel'])

/** Plain text of inline content; a hard break is a line break. */
export function phrasingText(children: PhrasingContent[] | undefined): string {
  if (!children) return ''
  let out = ''
  for (const c of children) {
    if (c.type === 'break') out += '\n'
    else if ('children' in c) out += phrasingText(c.children as PhrasingContent[])
    else out += mdastToString(c)
  }
  return out
}

function ownText(node: AnyNode): string | undefined {
  if (TEXT_NODES.has(node.type)) return phrasingText((node as { children: PhrasingContent[] }).children)
  if (node.type === 'blok') return blokText((node as { node: RootContent }).node)
  return undefined
}

function blokText(node: RootContent): string {
  return node.type === 'html' || node.type === 'code' ? node.value : mdastToString(node)
}

function keyOf(node: AnyNode): string | undefined {
  if (NUMBERED.has(node.type) && node.num && node.num !== '-') return `${node.type}#${node.num.toLowerCase()}`
  if (SINGLETONS.has(node.type)) return node.type
  if (node.type === 'artikeltoelichting') return `atl#${phrasingText(node.heading).trim().toLowerCase()}`
  return undefined
}

function childrenOf(node: AnyNode): AnyNode[] {
  if (TEXT_NODES.has(node.type) || node.type === 'blok') return []
  return ((node as { children?: AnyNode[] }).children ?? []) as AnyNode[]
}

/** All words of a node (its text, heading and descendants), for similarity. */
function wordsOf(node: AnyNode): string[] {
  const out: string[] = []
  const walk = (n: AnyNode) => {
    const own = ownText(n)
    if (own) out.push(...(own.match(/[\p{L}\p{N}]+/gu) ?? []))
    if (n.heading) out.push(...(phrasingText(n.heading).match(/[\p{L}\p{N}]+/gu) ?? []))
    for (const c of childrenOf(n)) walk(c)
  }
  walk(node)
  return out
}

/** Dice similarity of the word multisets of two nodes (0..1). */
export function similarity(a: AnyNode, b: AnyNode): number {
  const wa = wordsOf(a)
  const wb = wordsOf(b)
  if (wa.length === 0 && wb.length === 0) return 1
  const counts = new Map<string, number>()
  for (const w of wa) counts.set(w, (counts.get(w) ?? 0) + 1)
  let common = 0
  for (const w of wb) {
    const n = counts.get(w) ?? 0
    if (n > 0) {
      common++
      counts.set(w, n - 1)
    }
  }
  return (2 * common) / (wa.length + wb.length)
}

// ---- words -------------------------------------------------------------------------------------

/**
 * Tokens for the word diff: a reference (`artikel 3:1, tweede lid`) and an amount (`€ 1.234,56`,
 * `250%`) stay one token; otherwise words with their punctuation, and runs of white space.
 */
const TOKEN = /(?:artikel(?:en)?\s+\d+[a-z]*(?:[:.]\d+[a-z]*)*(?:,\s+\p{L}+\s+lid)?|€\s?\d[\d.]*(?:,\d+)?|\S+|\s+)/giu

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? []
}

/** Word operations turning `oud` into `nieuw`; `geheel` when the bounded diff gave up. */
export function diffWords(oud: string, nieuw: string, options: DiffOptions = {}): { ops: WordOp[]; geheel: boolean } {
  if (oud === nieuw) return { ops: oud ? [{ op: 'gelijk', text: oud }] : [], geheel: false }
  const a = tokenize(oud)
  const b = tokenize(nieuw)
  const changes = diffArrays(a, b, { maxEditLength: options.maxEditLength ?? 4000, timeout: options.timeout ?? 250 })
  if (!changes) {
    const ops: WordOp[] = []
    if (oud) ops.push({ op: 'del', text: oud })
    if (nieuw) ops.push({ op: 'ins', text: nieuw })
    return { ops, geheel: true }
  }
  const ops: WordOp[] = []
  for (const c of changes) {
    const op: WordOp['op'] = c.added ? 'ins' : c.removed ? 'del' : 'gelijk'
    const text = c.value.join('')
    const last = ops[ops.length - 1]
    if (last && last.op === op) last.text += text
    else if (text !== '') ops.push({ op, text })
  }
  return { ops, geheel: false }
}

function changed(ops: WordOp[] | undefined): boolean {
  return ops?.some((o) => o.op !== 'gelijk') ?? false
}

// ---- alignment ---------------------------------------------------------------------------------

type Pair = { oud?: AnyNode; nieuw?: AnyNode }

/** Align two sibling lists: pairs in the new order, deleted ones where they stood. */
export function alignChildren(oud: AnyNode[], nieuw: AnyNode[]): Pair[] {
  // First pass: the same provision. Articles and divisions keep their numbers (Ar: articles are
  // never renumbered); leden, onderdelen and plain paragraphs are matched by their text, so that
  // a renumbered lid is found again. Edited provisions are paired in the second pass.
  const eq = (x: AnyNode, y: AnyNode) => {
    if (x.type !== y.type) return false
    const kx = keyOf(x)
    if (kx && !RENUMBERED.has(x.type)) return kx === keyOf(y)
    return similarity(x, y) >= 0.85
  }
  const changes = diffArrays(oud, nieuw, { comparator: eq })
  const out: Pair[] = []
  let oi = 0
  let ni = 0
  let removed: AnyNode[] = []
  let added: AnyNode[] = []
  const flush = () => {
    if (removed.length > 0 || added.length > 0) out.push(...pairLeftovers(removed, added))
    removed = []
    added = []
  }
  for (const c of changes) {
    const n = c.count ?? c.value.length
    if (c.removed) {
      removed.push(...oud.slice(oi, oi + n))
      oi += n
    } else if (c.added) {
      added.push(...nieuw.slice(ni, ni + n))
      ni += n
    } else {
      flush()
      for (let k = 0; k < n; k++) out.push({ oud: oud[oi + k], nieuw: nieuw[ni + k] })
      oi += n
      ni += n
    }
  }
  flush()
  return out
}

/**
 * Pair a run of deleted with a run of inserted siblings by type and similarity (renumbering).
 * Matches keep the order of both lists, so that reading only the old sides gives the old text
 * and reading only the new sides gives the new one (a renvooi can be accepted or rejected).
 */
function pairLeftovers(removed: AnyNode[], added: AnyNode[]): Pair[] {
  const matchOf = new Map<AnyNode, number>()
  let lastOld = -1
  for (const b of added) {
    let best = -1
    let bestScore = 0.5
    const kb = keyOf(b)
    for (let i = lastOld + 1; i < removed.length; i++) {
      const a = removed[i] as AnyNode
      if (a.type !== b.type) continue
      // The same number counts for more than similar words: an edited lid stays that lid.
      const s = similarity(a, b) + (kb !== undefined && keyOf(a) === kb ? 1 : 0)
      if (s >= bestScore) {
        best = i
        bestScore = s
      }
    }
    if (best >= 0) {
      matchOf.set(b, best)
      lastOld = best
    }
  }
  const out: Pair[] = []
  let next = 0
  for (const b of added) {
    const i = matchOf.get(b)
    if (i === undefined) {
      out.push({ nieuw: b })
      continue
    }
    for (; next < i; next++) out.push({ oud: removed[next] })
    out.push({ oud: removed[i], nieuw: b })
    next = i + 1
  }
  for (; next < removed.length; next++) out.push({ oud: removed[next] })
  return out
}

// ---- tree --------------------------------------------------------------------------------------

interface Context {
  options: DiffOptions
  /** Old articles by number, for recognising moved articles. */
  oudArtikelen: Map<string, { node: AnyNode; parent: string }>
  /** Articles (by number) that exist in the new version, anywhere. */
  nieuwArtikelen: Set<string>
}

function idOf(node: AnyNode | undefined): string | undefined {
  return node?.data?.id
}

function leaf(node: AnyNode, status: 'toegevoegd' | 'verwijderd'): DiffNode {
  const text = ownText(node)
  const d: DiffNode = {
    type: node.type,
    status,
    id: idOf(node),
    children: childrenOf(node).map((c) => leaf(c, status)),
  }
  if (node.num !== undefined) {
    if (status === 'toegevoegd') d.nieuwNum = node.num
    else d.oudNum = node.num
  }
  if (node.label) d.label = node.label
  const op: WordOp['op'] = status === 'toegevoegd' ? 'ins' : 'del'
  if (node.heading) d.heading = [{ op, text: phrasingText(node.heading) }]
  if (text !== undefined) d.text = text ? [{ op, text }] : []
  if (status === 'toegevoegd') d.nieuw = node
  else d.oud = node
  return d
}

function diffNode(oud: AnyNode, nieuw: AnyNode, ctx: Context, parentId: string): DiffNode {
  const d: DiffNode = { type: nieuw.type, status: 'gelijk', id: idOf(nieuw), children: [], oud, nieuw }
  if (oud.num !== undefined || nieuw.num !== undefined) {
    d.oudNum = oud.num
    d.nieuwNum = nieuw.num
  }
  if (nieuw.label ?? oud.label) d.label = nieuw.label ?? oud.label
  let different = oud.num !== nieuw.num || oud.label !== nieuw.label
  if (oud.heading || nieuw.heading) {
    const { ops } = diffWords(phrasingText(oud.heading), phrasingText(nieuw.heading), ctx.options)
    d.heading = ops
    different ||= changed(ops) || (oud.heading === undefined) !== (nieuw.heading === undefined)
  }
  const a = ownText(oud)
  const b = ownText(nieuw)
  if (a !== undefined || b !== undefined) {
    const { ops, geheel } = diffWords(a ?? '', b ?? '', ctx.options)
    d.text = ops
    if (geheel) d.geheelVervangen = true
    different ||= changed(ops)
  }
  d.children = diffChildren(childrenOf(oud), childrenOf(nieuw), ctx, idOf(nieuw) ?? parentId)
  different ||= d.children.some((c) => c.status !== 'gelijk')
  d.status = different ? 'gewijzigd' : 'gelijk'
  return d
}

function diffChildren(oud: AnyNode[], nieuw: AnyNode[], ctx: Context, parentId: string): DiffNode[] {
  const out: DiffNode[] = []
  for (const pair of alignChildren(oud, nieuw)) {
    if (pair.oud && pair.nieuw) out.push(diffNode(pair.oud, pair.nieuw, ctx, parentId))
    else if (pair.nieuw) {
      const added = leaf(pair.nieuw, 'toegevoegd')
      const moved =
        pair.nieuw.type === 'artikel' ? ctx.oudArtikelen.get((pair.nieuw.num ?? '').toLowerCase()) : undefined
      if (moved && moved.parent !== parentId) added.verplaatstVan = moved.parent
      out.push(added)
    } else if (pair.oud) out.push(leaf(pair.oud, 'verwijderd'))
  }
  return out
}

function collectArtikelen(node: AnyNode, parent: string, out: Map<string, { node: AnyNode; parent: string }>): void {
  for (const c of childrenOf(node)) {
    if (c.type === 'artikel' && c.num) out.set(c.num.toLowerCase(), { node: c, parent })
    else if (c.type !== 'toelichting') collectArtikelen(c, idOf(c) ?? parent, out)
  }
}

/** Compare two versions of a regulation. */
export function diffRegelingen(oud: Regeling, nieuw: Regeling, options: DiffOptions = {}): DiffResult {
  const oudArtikelen = new Map<string, { node: AnyNode; parent: string }>()
  collectArtikelen(oud as unknown as AnyNode, 'regeling', oudArtikelen)
  const nieuwArtikelen = new Map<string, { node: AnyNode; parent: string }>()
  collectArtikelen(nieuw as unknown as AnyNode, 'regeling', nieuwArtikelen)
  const ctx: Context = { options, oudArtikelen, nieuwArtikelen: new Set(nieuwArtikelen.keys()) }
  const children = diffChildren(
    oud.children as unknown as AnyNode[],
    nieuw.children as unknown as AnyNode[],
    ctx,
    'regeling',
  )
  const tree: DiffNode = {
    type: 'regeling',
    status: children.some((c) => c.status !== 'gelijk') ? 'gewijzigd' : 'gelijk',
    id: undefined,
    children,
  }
  const changes = [...metaChanges(oud.meta, nieuw.meta), ...changeList(tree, nieuwArtikelen)]
  return { tree, changes, oudMeta: oud.meta, nieuwMeta: nieuw.meta }
}

function metaChanges(a: Record<string, unknown>, b: Record<string, unknown>): Change[] {
  const out: Change[] = []
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])]
  for (const key of keys) {
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key]))
      out.push({ type: 'metadata', sleutel: key, oud: a[key] ?? null, nieuw: b[key] ?? null })
  }
  return out
}

// ---- change list -------------------------------------------------------------------------------

/** `artikel 10, vijfde lid, onderdeel b` for a path of DiffNodes. */
export function citation(path: readonly DiffNode[]): string {
  const parts: string[] = []
  for (const n of path) {
    const num = n.nieuwNum ?? n.oudNum ?? ''
    switch (n.type) {
      case 'artikel':
        parts.length = 0
        parts.push(`artikel ${num}`)
        break
      case 'lid':
        parts.push(/^\d+$/.test(num) ? `${ordinal(num)} lid` : `lid ${num}`)
        break
      case 'onderdeel':
        parts.push(num && num !== '-' ? `onderdeel ${num}` : 'onderdeel')
        break
      case 'subonderdeel':
        parts.push(num && num !== '-' ? `onder ${num}` : 'subonderdeel')
        break
      case 'titel':
      case 'hoofdstuk':
      case 'afdeling':
      case 'paragraaf':
      case 'bijlage':
        if (!parts.some((p) => p.startsWith('artikel'))) {
          parts.length = 0
          parts.push(num ? `${n.label ?? n.type} ${num}` : n.type)
        }
        break
      case 'aanhef':
      case 'opschrift':
      case 'ondertekening':
      case 'toelichting':
        parts.length = 0
        parts.push(n.type)
        break
      case 'artikeltoelichting':
        parts.length = 0
        parts.push(
          `toelichting (${phrasingText((n.nieuw as AnyNode | undefined)?.heading ?? (n.oud as AnyNode | undefined)?.heading).trim()})`,
        )
        break
      default:
        break
    }
  }
  return parts.join(', ') || 'regeling'
}

function changeList(tree: DiffNode, nieuwArtikelen: Map<string, { node: AnyNode; parent: string }>): Change[] {
  const out: Change[] = []
  const walk = (node: DiffNode, path: DiffNode[]) => {
    const here = [...path, node]
    const plaats = citation(here)
    if (node.status === 'toegevoegd' || node.status === 'verwijderd') {
      if (node.type === 'artikel' && node.verplaatstVan) {
        out.push({ type: 'verplaatst', soort: node.type, id: node.id, plaats, van: node.verplaatstVan })
      } else if (
        node.status === 'verwijderd' &&
        node.type === 'artikel' &&
        nieuwArtikelen.has((node.oudNum ?? '').toLowerCase())
      ) {
        // The other half of a move: reported once, at the new place.
      } else out.push({ type: node.status, soort: node.type, id: node.id, plaats })
      return
    }
    if (node.status === 'gelijk') return
    if (node.oudNum !== node.nieuwNum && node.oudNum !== undefined && node.nieuwNum !== undefined) {
      out.push({ type: 'vernummerd', soort: node.type, id: node.id, plaats, oud: node.oudNum, nieuw: node.nieuwNum })
    }
    if (changed(node.heading))
      out.push({ type: 'kop', soort: node.type, id: node.id, plaats, woorden: node.heading as WordOp[] })
    if (changed(node.text)) {
      out.push({
        type: 'tekst',
        soort: node.type,
        id: node.id,
        plaats,
        woorden: node.text as WordOp[],
        geheelVervangen: node.geheelVervangen ?? false,
      })
    }
    for (const c of node.children) walk(c, TEXT_NODES.has(c.type) || c.type === 'blok' ? here : here)
  }
  for (const c of tree.children) walk(c, [])
  return out
}

/**
 * The aligned tree of text that is the same on both sides (every node `gelijk`), for renderers
 * that draw text quoted whole in the regulation's own styles, such as the new text of an
 * amendment instruction. A version compared with itself gives exactly that tree.
 */
export function unchangedTree(tree: Regeling): DiffNode {
  return diffRegelingen(tree, tree).tree
}
