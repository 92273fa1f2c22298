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
import { visit } from 'unist-util-visit'
import { SKIP, visitParents } from 'unist-util-visit-parents'
import { contentOf, headingOf, numOf } from '../model/access.js'
import type { Change, DiffNode, DiffResult, WordOp } from '../model/changes.js'
import { type CitationStep, citeSteps } from '../model/citation.js'
import type { Aanhef, Alinea, Kop, Ondertekening, Regeling, RegelingNode, Toelichting } from '../model/nodes.js'
import { dispatch, type Handlers, isDivision, isItem, isNumbered, type Numbered } from '../model/registry.js'
import { groupPhrases } from './phrases.js'
import { sameText, sameToken } from './redactioneel.js'

export interface DiffOptions {
  /** Upper bound on the word edit script per provision (default 4000 tokens). */
  maxEditLength?: number
  /** Milliseconds per provision before the word diff gives up (default 250). */
  timeout?: number
  /**
   * Compare as a reader does (renvooi, was-wordt, text, json, html): redactional differences
   * (white space, no-break spaces, table alignment markup, link targets) are no change, and changes
   * are grouped into phrases. Off by default: a wijzigingsbesluit must reproduce the new text byte
   * for byte, white space included.
   */
  forReaders?: boolean
}

type AnyNode = RegelingNode

/** What the differ compares of a node: its alignment key, its own text and its content. */
interface Parts {
  /** Same key in both versions = the same provision (type and number, or a singleton). */
  key?: string | undefined
  /** Running text of a text node. */
  text?: string
  children: readonly RegelingNode[]
}

const numbered = (node: Numbered): Parts => {
  const num = numOf(node)
  return { key: num && num !== '-' ? `${node.type}#${num.toLowerCase()}` : undefined, children: contentOf(node) }
}
const singleton = (node: Aanhef | Ondertekening | Toelichting): Parts => ({ key: node.type, children: contentOf(node) })
const phrasing = (node: Alinea | Kop): Parts => ({ text: phrasingText(node.children), children: [] })
/** A number or heading is compared as part of its provision (`num`, `heading` of the DiffNode). */
const part = (): Parts => ({ children: [] })

const PARTS: Handlers<Parts> = {
  regeling: (node) => ({ children: node.children }),
  opschrift: (node) => ({ key: 'opschrift', text: phrasingText(node.children), children: [] }),
  aanhef: singleton,
  titel: numbered,
  hoofdstuk: numbered,
  afdeling: numbered,
  paragraaf: numbered,
  artikel: numbered,
  lid: numbered,
  onderdeel: numbered,
  subonderdeel: numbered,
  alinea: phrasing,
  kop: phrasing,
  blok: (node) => ({ text: blokText(node.children[0]), children: [] }),
  // Tables align with tables in order; rows by their first cell (the schaal, the klasse) or by
  // their words (alignChildren); cells by column (diffChildren).
  tabel: (node) => ({ key: 'tabel', children: node.children }),
  tabelrij: (node) => ({
    key: `rij#${phrasingText(node.children[0]?.children).trim().toLowerCase()}`,
    children: node.children,
  }),
  tabelcel: (node) => ({ text: phrasingText(node.children), children: [] }),
  ondertekening: singleton,
  toelichting: singleton,
  artikeltoelichting: (node) => ({
    key: `atl#${phrasingText(headingOf(node)).trim().toLowerCase()}`,
    children: contentOf(node),
  }),
  bijlage: numbered,
  nummer: part,
  koptekst: part,
}

function partsOf(node: AnyNode): Parts {
  return dispatch(PARTS, node)
}

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
  return partsOf(node).text
}

function blokText(node: RootContent): string {
  return node.type === 'html' || node.type === 'code' ? node.value : mdastToString(node)
}

function keyOf(node: AnyNode): string | undefined {
  return partsOf(node).key
}

function childrenOf(node: AnyNode): readonly AnyNode[] {
  return partsOf(node).children
}

/** All words of a node (its text, heading and descendants), for similarity. */
function wordsOf(node: AnyNode): string[] {
  const out: string[] = []
  visit(node, (child) => {
    const n = child as AnyNode
    const parts = partsOf(n)
    if (parts.text) out.push(...(parts.text.match(/[\p{L}\p{N}]+/gu) ?? []))
    const heading = headingOf(n)
    if (heading) out.push(...(phrasingText(heading).match(/[\p{L}\p{N}]+/gu) ?? []))
    // Text and parts (number, heading) are read whole above; provisions are gone into.
    return parts.children.length === 0 ? SKIP : undefined
  })
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

/**
 * Word operations turning `oud` into `nieuw`; `geheel` when the bounded diff gave up. With
 * `forReaders`, redactional differences (white space, no-break spaces, table alignment markup,
 * link targets: see `redactioneel.ts`) are no change (such text is unchanged, in the new
 * version's form) and changes are grouped into phrases (`phrases.ts`), each deletion before its
 * insertion.
 */
export function diffWords(oud: string, nieuw: string, options: DiffOptions = {}): { ops: WordOp[]; geheel: boolean } {
  const reader = options.forReaders === true
  if (oud === nieuw || (reader && sameText(oud, nieuw)))
    return { ops: nieuw ? [{ op: 'gelijk', text: nieuw }] : [], geheel: false }
  const a = tokenize(oud)
  const b = tokenize(nieuw)
  const changes = diffArrays(a, b, {
    ...(reader ? { comparator: sameToken } : {}),
    maxEditLength: options.maxEditLength ?? 4000,
    timeout: options.timeout ?? 250,
  })
  if (!changes) {
    const ops: WordOp[] = []
    if (oud) ops.push({ op: 'del', text: oud })
    if (nieuw) ops.push({ op: 'ins', text: nieuw })
    return { ops, geheel: true }
  }
  const ops: WordOp[] = []
  let ai = 0
  let bi = 0
  for (const c of changes) {
    const n = c.count ?? c.value.length
    const op: WordOp['op'] = c.added ? 'ins' : c.removed ? 'del' : 'gelijk'
    // Unchanged tokens are taken from the new version, whose white space they keep.
    let text: string
    if (op === 'del') {
      text = a.slice(ai, ai + n).join('')
      ai += n
    } else {
      text = b.slice(bi, bi + n).join('')
      bi += n
      if (op === 'gelijk') ai += n
    }
    const last = ops[ops.length - 1]
    if (last && last.op === op) last.text += text
    else if (text !== '') ops.push({ op, text })
  }
  return { ops: reader ? groupPhrases(dropRedactional(ops)) : ops, geheel: false }
}

/**
 * A run of changes whose two sides differ only redactionally becomes unchanged text (the new
 * side). One character of the unchanged text on either side is compared along, so that deleting
 * the space in `a b` (giving `ab`) stays a change.
 */
function dropRedactional(ops: WordOp[]): WordOp[] {
  const out: WordOp[] = []
  let i = 0
  while (i < ops.length) {
    const o = ops[i] as WordOp
    if (o.op === 'gelijk') {
      pushWord(out, o)
      i++
      continue
    }
    let j = i
    let del = ''
    let ins = ''
    for (; j < ops.length && (ops[j] as WordOp).op !== 'gelijk'; j++) {
      const c = ops[j] as WordOp
      if (c.op === 'del') del += c.text
      else ins += c.text
    }
    const before = out[out.length - 1]?.text.slice(-1) ?? ''
    const after = ops[j]?.text.charAt(0) ?? ''
    if (sameText(before + del + after, before + ins + after)) pushWord(out, { op: 'gelijk', text: ins })
    else for (let k = i; k < j; k++) pushWord(out, ops[k] as WordOp)
    i = j
  }
  return out
}

function pushWord(ops: WordOp[], op: WordOp): void {
  if (op.text === '') return
  const last = ops[ops.length - 1]
  if (last && last.op === op.op) last.text += op.text
  else ops.push({ ...op })
}

function changed(ops: WordOp[] | undefined): boolean {
  return ops?.some((o) => o.op !== 'gelijk') ?? false
}

// ---- alignment ---------------------------------------------------------------------------------

type Pair = { oud?: AnyNode; nieuw?: AnyNode }

/** Align two sibling lists: pairs in the new order, deleted ones where they stood. */
export function alignChildren(oud: readonly AnyNode[], nieuw: readonly AnyNode[]): Pair[] {
  // First pass: the same provision. Articles and divisions keep their numbers (Ar: articles are
  // never renumbered); leden, onderdelen and plain paragraphs are matched by their text, so that
  // a renumbered lid is found again. Edited provisions are paired in the second pass.
  const eq = (x: AnyNode, y: AnyNode) => {
    if (x.type !== y.type) return false
    // A table row is the same row by its first cell or by its words.
    if (x.type === 'tabelrij') return keyOf(x) === keyOf(y) || similarity(x, y) >= 0.85
    const kx = keyOf(x)
    if (kx && !isItem(x)) return kx === keyOf(y)
    return similarity(x, y) >= 0.85
  }
  const changes = diffArrays([...oud], [...nieuw], { comparator: eq })
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

function labelOf(node: AnyNode): string | undefined {
  return isDivision(node) ? node.data?.label : undefined
}

function idOf(node: AnyNode | undefined): string | undefined {
  const data = node?.data
  return data && 'id' in data ? data.id : undefined
}

function leaf(node: AnyNode, status: 'toegevoegd' | 'verwijderd'): DiffNode {
  const text = ownText(node)
  const d: DiffNode = {
    type: node.type,
    status,
    id: idOf(node),
    children: childrenOf(node).map((c) => leaf(c, status)),
  }
  if (isNumbered(node)) {
    if (status === 'toegevoegd') d.nieuwNum = numOf(node)
    else d.oudNum = numOf(node)
  }
  const label = labelOf(node)
  if (label) d.label = label
  const op: WordOp['op'] = status === 'toegevoegd' ? 'ins' : 'del'
  const heading = headingOf(node)
  if (heading) d.heading = [{ op, text: phrasingText(heading) }]
  if (text !== undefined) d.text = text ? [{ op, text }] : []
  if (status === 'toegevoegd') d.nieuw = node
  else d.oud = node
  return d
}

function diffNode(oud: AnyNode, nieuw: AnyNode, ctx: Context, parentId: string): DiffNode {
  const d: DiffNode = { type: nieuw.type, status: 'gelijk', id: idOf(nieuw), children: [], oud, nieuw }
  if (isNumbered(oud) || isNumbered(nieuw)) {
    d.oudNum = numOf(oud)
    d.nieuwNum = numOf(nieuw)
  }
  const label = labelOf(nieuw) ?? labelOf(oud)
  if (label) d.label = label
  let different = numOf(oud) !== numOf(nieuw) || labelOf(oud) !== labelOf(nieuw)
  const oudHeading = headingOf(oud)
  const nieuwHeading = headingOf(nieuw)
  if (oudHeading || nieuwHeading) {
    const { ops } = diffWords(phrasingText(oudHeading), phrasingText(nieuwHeading), ctx.options)
    d.heading = ops
    different ||= changed(ops) || (oudHeading === undefined) !== (nieuwHeading === undefined)
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

/** The cells of two versions of a row, column by column. */
function byColumn(oud: readonly AnyNode[], nieuw: readonly AnyNode[]): Pair[] {
  const out: Pair[] = []
  for (let i = 0; i < Math.max(oud.length, nieuw.length); i++) out.push({ oud: oud[i], nieuw: nieuw[i] })
  return out
}

function diffChildren(oud: readonly AnyNode[], nieuw: readonly AnyNode[], ctx: Context, parentId: string): DiffNode[] {
  const out: DiffNode[] = []
  const cells = oud[0]?.type === 'tabelcel' || nieuw[0]?.type === 'tabelcel'
  for (const pair of cells ? byColumn(oud, nieuw) : alignChildren(oud, nieuw)) {
    if (pair.oud && pair.nieuw) out.push(diffNode(pair.oud, pair.nieuw, ctx, parentId))
    else if (pair.nieuw) {
      const added = leaf(pair.nieuw, 'toegevoegd')
      const moved = pair.nieuw.type === 'artikel' ? ctx.oudArtikelen.get(numOf(pair.nieuw).toLowerCase()) : undefined
      if (moved && moved.parent !== parentId) added.verplaatstVan = moved.parent
      out.push(added)
    } else if (pair.oud) out.push(leaf(pair.oud, 'verwijderd'))
  }
  return out
}

/** The articles of a version by number, each with the id of the provision it stands in. */
function collectArtikelen(tree: Regeling, out: Map<string, { node: AnyNode; parent: string }>): void {
  visitParents(tree, (node, ancestors) => {
    const n = node as AnyNode
    if (n.type === 'artikel') {
      const ids = ancestors.map((a) => idOf(a as AnyNode)).filter((id) => id !== undefined)
      const parent = ids[ids.length - 1] ?? 'regeling'
      if (numOf(n)) out.set(numOf(n).toLowerCase(), { node: n, parent })
      return SKIP
    }
    return n.type === 'toelichting' || partsOf(n).text !== undefined || n.type === 'koptekst' ? SKIP : undefined
  })
}

/**
 * Compare two versions as a reader does (`forReaders`): what every output for people (text, json,
 * html, docx renvooi and was-wordt) is made from, so that all show and count the same changes.
 */
export function diffForReaders(oud: Regeling, nieuw: Regeling, options: DiffOptions = {}): DiffResult {
  return diffRegelingen(oud, nieuw, { ...options, forReaders: true })
}

/** Compare two versions of a regulation. */
export function diffRegelingen(oud: Regeling, nieuw: Regeling, options: DiffOptions = {}): DiffResult {
  const oudArtikelen = new Map<string, { node: AnyNode; parent: string }>()
  collectArtikelen(oud, oudArtikelen)
  const nieuwArtikelen = new Map<string, { node: AnyNode; parent: string }>()
  collectArtikelen(nieuw, nieuwArtikelen)
  const ctx: Context = { options, oudArtikelen, nieuwArtikelen: new Set(nieuwArtikelen.keys()) }
  const children = diffChildren(oud.children, nieuw.children, ctx, 'regeling')
  const tree: DiffNode = {
    type: 'regeling',
    status: children.some((c) => c.status !== 'gelijk') ? 'gewijzigd' : 'gelijk',
    id: undefined,
    children,
  }
  const changes = [...metaChanges(oud.data.meta, nieuw.data.meta), ...changeList(tree, nieuwArtikelen)]
  return { tree, changes, oudMeta: oud.data.meta, nieuwMeta: nieuw.data.meta }
}

function metaChanges(a: Record<string, unknown>, b: Record<string, unknown>): Change[] {
  const out: Change[] = []
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])]
  for (const key of keys) {
    // The toelichting is about the change itself (the was-wordt table's column), not a property of a version.
    if (key === 'toelichting') continue
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key]))
      out.push({ type: 'metadata', sleutel: key, oud: a[key] ?? null, nieuw: b[key] ?? null })
  }
  return out
}

// ---- change list -------------------------------------------------------------------------------

/** The words of one side of word operations: the old text (`gelijk` and `del`) or the new one. */
function sideWords(ops: readonly WordOp[] | undefined, side: 'oud' | 'nieuw'): string {
  const skip = side === 'oud' ? 'ins' : 'del'
  return (ops ?? [])
    .filter((o) => o.op !== skip)
    .map((o) => o.text)
    .join('')
    .replace(/\s+/g, ' ')
}

/**
 * A node of the aligned tree as a citation step, in the version it belongs to (the old one for a
 * deleted node); `num` overrides its number (`was tweede lid` cites the old number).
 */
export function citationStep(node: DiffNode, parent: DiffNode | undefined, num?: string): CitationStep {
  const side = node.status === 'verwijderd' ? 'oud' : 'nieuw'
  const own = num ?? (side === 'oud' ? (node.oudNum ?? node.nieuwNum) : (node.nieuwNum ?? node.oudNum))
  const step: CitationStep = { type: node.type, num: own }
  if (node.heading) step.heading = sideWords(node.heading, side)
  if (node.type === 'tabelrij' || node.type === 'tabelcel') {
    // Rows and cells are cited by their place in their own version (`rij 3`, `kolom 2`); the
    // header row is row 0 (`kopregel`).
    const skip = side === 'oud' ? 'toegevoegd' : 'verwijderd'
    const at = (parent?.children ?? []).filter((c) => c.status !== skip).indexOf(node)
    step.num = String(node.type === 'tabelrij' ? at : at + 1)
  }
  if (isItem(node) && (own === undefined || own === '' || own === '-')) {
    // A dash item is cited by its place among the dash items of its parent, in its own version.
    const skip = side === 'oud' ? 'toegevoegd' : 'verwijderd'
    const dashes = (parent?.children ?? []).filter((c) => {
      const n = c.status === 'verwijderd' ? (c.oudNum ?? c.nieuwNum) : (c.nieuwNum ?? c.oudNum)
      return c.type === node.type && c.status !== skip && (n ?? '-') === '-'
    })
    const at = dashes.indexOf(node)
    if (at >= 0) step.streepje = at + 1
  }
  return step
}

/** `artikel 10, vijfde lid, onderdeel b` for a path of aligned nodes (root first). */
export function citation(path: readonly DiffNode[]): string {
  return citeSteps(path.map((node, i) => citationStep(node, path[i - 1])))
}

function changeList(tree: DiffNode, nieuwArtikelen: Map<string, { node: AnyNode; parent: string }>): Change[] {
  const out: Change[] = []
  visitParents(tree, (node, ancestors) => {
    if (node === tree) return
    // The regulation itself is no step of a citation.
    const here = [...ancestors.slice(1), node]
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
      return SKIP
    }
    if (node.status === 'gelijk') return SKIP
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
    return undefined
  })
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
