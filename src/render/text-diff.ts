/**
 * `diff --format text`: a diff of two versions as a lawyer reads it in a terminal. One block per
 * changed provision, cited in words (`artikel 10, vijfde lid, onderdeel b`), with the words
 * marked like `git diff --word-diff` (`[-oud-]{+nieuw+}`) or in colour on a TTY.
 *
 * The walk over the aligned tree that finds the changed provisions and cites them
 * (`changedProvisions`, `citeer`) is exported: the HTML renderer builds its was-wordt table from it,
 * so both outputs always list the same provisions under the same citations.
 */

import type { Change, DiffNode, DiffResult, WordOp } from '../model/changes.js'
import { DIVISION_KEYWORD } from '../model/glossary.js'
import type { DivisionType } from '../model/nodes.js'
import { isItem, type RegelingType } from '../model/registry.js'
import { formatDutchDate, isIsoDate } from '../util/dates.js'
import { splitSpace } from '../util/text.js'

export interface TextDiffOptions {
  /** ANSI colours (red strike-through, green underline); pass `process.stdout.isTTY`. */
  color: boolean
}

import {
  changedProvisions,
  countProvisions,
  describeCounts,
  isTekst,
  numberOf,
  ownHeading,
  type ProvisionChange,
  tekstChanged,
} from '../diff/provisions.js'

// The changed provisions and the counting rule live in `diff/provisions.ts`, shared by every
// format; they are re-exported here for the renderers that import them from this module.
export {
  changedProvisions,
  citeer,
  findMoves,
  hasChanges,
  isTekst,
  numberOf,
  ownHeading,
  type ProvisionChange,
  placeInWords,
  tekstChanged,
} from '../diff/provisions.js'

// ---- lines: the provision text as word operations ------------------------------------------------

/** One line of provision text; `depth` counts nesting (onderdelen under a lid are one deeper). */
export interface Line {
  depth: number
  ops: WordOp[]
}

/** Which text to show: one version, or both with the differences marked (`renvooi`). */
export type View = 'oud' | 'nieuw' | 'renvooi'

/** The words of a run as one version has them. */
export function sideText(ops: readonly WordOp[] | undefined, side: 'oud' | 'nieuw'): string {
  if (ops === undefined) return ''
  const skip = side === 'oud' ? 'ins' : 'del'
  return ops
    .filter((op) => op.op !== skip)
    .map((op) => op.text)
    .join('')
}

/** Word operations reduced to what `view` shows; a whole added or deleted node is all `ins`/`del`. */
export function viewOps(ops: readonly WordOp[] | undefined, view: View, status: DiffNode['status']): WordOp[] {
  if (ops === undefined) return []
  if (status === 'toegevoegd' || status === 'verwijderd') {
    const side = status === 'toegevoegd' ? 'nieuw' : 'oud'
    const text = sideText(ops, side)
    if (text === '' || view === (side === 'nieuw' ? 'oud' : 'nieuw')) return []
    return [{ op: view === 'renvooi' ? (side === 'nieuw' ? 'ins' : 'del') : 'gelijk', text }]
  }
  if (view === 'renvooi') return tidyOps(ops)
  const text = sideText(ops, view)
  return text === '' ? [] : [{ op: 'gelijk', text }]
}

/**
 * Word operations as a reader wants them: empty runs dropped, neighbours of the same kind joined,
 * and changes that only white space separates taken together (`[-De Commissie-]{+Het College+}`
 * rather than `[-De-]{+Het+} [-Commissie-]{+College+}`). Each side keeps exactly its text.
 */
export function tidyOps(ops: readonly WordOp[]): WordOp[] {
  const out: WordOp[] = []
  let i = 0
  while (i < ops.length) {
    const op = ops[i] as WordOp
    if (op.op === 'gelijk') {
      pushOp(out, op)
      i++
      continue
    }
    let j = i + 1
    while (j < ops.length) {
      const o = ops[j] as WordOp
      if (o.op !== 'gelijk') j++
      else if (/^\s*$/.test(o.text) && j + 1 < ops.length && (ops[j + 1] as WordOp).op !== 'gelijk') j += 2
      else break
    }
    const group = ops.slice(i, j)
    const del = sideText(
      group.filter((o) => o.op !== 'ins'),
      'oud',
    )
    const ins = sideText(
      group.filter((o) => o.op !== 'del'),
      'nieuw',
    )
    if (/\S/.test(del) && /\S/.test(ins) && group.some((o) => o.op === 'gelijk')) {
      pushOp(out, { op: 'del', text: del })
      pushOp(out, { op: 'ins', text: ins })
    } else for (const o of group) pushOp(out, o)
    i = j
  }
  return out
}

/** Append an operation, joining it to the last one when they are of the same kind. */
export function pushOp(out: WordOp[], op: WordOp): void {
  if (op.text === '') return
  const last = out.at(-1)
  if (last !== undefined && last.op === op.op) out[out.length - 1] = { op: op.op, text: last.text + op.text }
  else out.push({ ...op })
}

/** The words of a text node (a `kop` may carry them as its heading). */
export function tekstOps(node: DiffNode): WordOp[] | undefined {
  return node.text ?? node.heading
}

/** A whole added or deleted provision is shown as such, whatever its descendants say. */
export type Forced = 'toegevoegd' | 'verwijderd' | undefined

/**
 * The number of a provision as written in front of its text (`5.`, `b.`, `1°`), as word
 * operations: a renumbered provision shows its old number deleted and its new one inserted.
 */
export function numberOps(node: DiffNode, view: View, forced?: Forced): WordOp[] {
  const label = (num: string | undefined): string | undefined => {
    if (num === undefined || num === '') return undefined
    if (num === '-') return '–'
    if (node.type === 'subonderdeel' && num.endsWith('°')) return num
    // Items (lid, onderdeel, subonderdeel) write their number in front of their first paragraph.
    return isItem(node) ? `${num}.` : num
  }
  const status = forced ?? node.status
  if (status === 'toegevoegd' || status === 'verwijderd') {
    const own = label(numberOf(node, status === 'toegevoegd' ? 'nieuw' : 'oud') ?? numberOf(node))
    return own === undefined ? [] : viewOps([{ op: 'gelijk', text: own }], view, status)
  }
  const oud = label(numberOf(node, 'oud'))
  const nieuw = label(numberOf(node, 'nieuw'))
  if (oud === nieuw || oud === undefined || nieuw === undefined) {
    const own = nieuw ?? oud
    return own === undefined ? [] : [{ op: 'gelijk', text: own }]
  }
  if (view === 'oud') return [{ op: 'gelijk', text: oud }]
  if (view === 'nieuw') return [{ op: 'gelijk', text: nieuw }]
  return [
    { op: 'del', text: oud },
    { op: 'ins', text: nieuw },
  ]
}

/**
 * The heading line of an artikel, division, bijlage, opschrift or toelichting (`Artikel 10
 * Inpassingregels`), or undefined for provisions that have none (leden, onderdelen, aanhef).
 */
export function headingOps(node: DiffNode, view: View, forced?: Forced): WordOp[] | undefined {
  const status = forced ?? node.status
  const heading = viewOps(ownHeading(node), view, status)
  const plain = (text: string): WordOp[] => viewOps([{ op: 'gelijk', text }], view, status)
  const keyword = (word: string): WordOp[] => {
    const out = plain(word)
    const num = numberOps(node, view, forced)
    if (num.length > 0) out.push(...plain(' '), ...num)
    if (heading.length > 0) out.push(...plain(' '), ...heading)
    return out
  }
  return HEADING[node.type]({ node, heading, plain, keyword })
}

/** What a heading rule gets: the node, its heading words and the helpers that write its line. */
interface HeadingParts {
  node: DiffNode
  heading: WordOp[]
  plain: (text: string) => WordOp[]
  /** `word`, the number and the heading: `Artikel 10 Inpassingregels`. */
  keyword: (word: string) => WordOp[]
}

type HeadingRule = (parts: HeadingParts) => WordOp[] | undefined

const noHeading: HeadingRule = () => undefined
const headingOnly: HeadingRule = ({ heading }) => heading
const divisionHeading =
  (type: DivisionType): HeadingRule =>
  ({ node, heading, keyword }) =>
    (numberOf(node) ?? '') === '' ? heading : keyword(node.label ?? DIVISION_KEYWORD[type])

/** The heading line per node type: a new type must say whether (and how) it has one. */
const HEADING: Record<RegelingType, HeadingRule> = {
  regeling: noHeading,
  opschrift: headingOnly,
  aanhef: noHeading,
  titel: divisionHeading('titel'),
  hoofdstuk: divisionHeading('hoofdstuk'),
  afdeling: divisionHeading('afdeling'),
  paragraaf: divisionHeading('paragraaf'),
  artikel: ({ keyword }) => keyword('Artikel'),
  lid: noHeading,
  onderdeel: noHeading,
  subonderdeel: noHeading,
  alinea: noHeading,
  blok: noHeading,
  tabel: noHeading,
  tabelrij: noHeading,
  tabelcel: noHeading,
  kop: noHeading,
  ondertekening: noHeading,
  toelichting: ({ heading, plain }) => (heading.length > 0 ? heading : plain('Toelichting')),
  artikeltoelichting: headingOnly,
  bijlage: ({ keyword }) => keyword('Bijlage'),
  nummer: noHeading,
  koptekst: noHeading,
}

/**
 * Siblings in reading order for a renvooi: in a run of added and deleted siblings the deleted ones
 * come first (old text struck through, then the new text), each side keeping its own order.
 */
export function readingOrder(children: readonly DiffNode[]): DiffNode[] {
  const out: DiffNode[] = []
  let run: DiffNode[] = []
  const flush = (): void => {
    out.push(...run.filter((c) => c.status === 'verwijderd'), ...run.filter((c) => c.status !== 'verwijderd'))
    run = []
  }
  for (const child of children) {
    if (child.status === 'toegevoegd' || child.status === 'verwijderd') run.push(child)
    else {
      flush()
      out.push(child)
    }
  }
  flush()
  return out
}

/**
 * The lines of a provision below its heading. `geheel`: its paragraphs and everything nested in
 * it; `eigen`: only its own paragraphs, unchanged ones shortened to `…` (nested provisions are
 * entries of their own). The number of a lid or onderdeel goes in front of its first line.
 */
function bodyLines(node: DiffNode, view: View, forced: Forced, depth: number, mode: 'geheel' | 'eigen'): Line[] {
  const lines: Line[] = []
  let numberPending = isItem(node)
  const push = (ops: WordOp[]): void => {
    if (numberPending) {
      const num = numberOps(node, view, forced)
      if (num.length > 0) ops = ops.length > 0 ? [...num, ...viewOps(SPACE, view, forced ?? 'gelijk'), ...ops] : num
      numberPending = false
    }
    lines.push({ depth, ops })
  }
  let elided = false
  for (const child of readingOrder(node.children)) {
    if (child.type === 'tabel' && (mode === 'geheel' || tekstChanged(child))) {
      if (numberPending) push([])
      elided = false
      lines.push(...tabelLines(child, view, forced, depth, mode))
      continue
    }
    if (isTekst(child)) {
      if (mode === 'eigen' && !tekstChanged(child)) {
        if (!elided) push([{ op: 'gelijk', text: '…' }])
        elided = true
        continue
      }
      elided = false
      const ops = viewOps(tekstOps(child), view, forced ?? child.status)
      if (ops.length > 0) push(ops)
      continue
    }
    if (mode === 'eigen') continue
    const nested = subtreeLines(child, view, forced, isItem(node) ? depth + 1 : depth)
    if (nested.length > 0 && numberPending) push([])
    lines.push(...nested)
  }
  return lines
}

const SPACE: readonly WordOp[] = [{ op: 'gelijk', text: ' ' }]

/**
 * A table as lines, one per row (`| cel | cel |`), each cell with its own word operations; a row
 * added or deleted whole is marked whole. `eigen`: the header row and the changed rows, runs of
 * unchanged rows as `…`.
 */
export function tabelLines(
  node: DiffNode,
  view: View,
  forced: Forced,
  depth: number,
  mode: 'geheel' | 'eigen',
): Line[] {
  const lines: Line[] = []
  let elided = false
  const rows = readingOrder(node.children)
  rows.forEach((row, i) => {
    const status = forced ?? row.status
    if (mode === 'eigen' && i > 0 && !tekstChanged(row) && !row.children.some(tekstChanged)) {
      if (!elided) lines.push({ depth, ops: [{ op: 'gelijk', text: '…' }] })
      elided = true
      return
    }
    elided = false
    const rowForced: Forced = status === 'toegevoegd' || status === 'verwijderd' ? status : undefined
    // A row that one version does not have shows nothing in that version.
    if (rowForced && viewOps([{ op: 'gelijk', text: '|' }], view, rowForced).length === 0) return
    const bar = (text: string): WordOp[] => viewOps([{ op: 'gelijk', text }], view, rowForced ?? 'gelijk')
    const ops: WordOp[] = [...bar('|')]
    for (const cell of readingOrder(row.children)) {
      const cellForced: Forced =
        rowForced ?? (cell.status === 'toegevoegd' || cell.status === 'verwijderd' ? cell.status : undefined)
      if (cellForced && !rowForced && viewOps([{ op: 'gelijk', text: '|' }], view, cellForced).length === 0) continue
      ops.push(...bar(' '), ...viewOps(tekstOps(cell), view, cellForced ?? cell.status), ...bar(' |'))
    }
    lines.push({ depth, ops })
  })
  return lines
}

/** The whole text of a provision and everything in it, as lines. */
export function subtreeLines(node: DiffNode, view: View, forced?: Forced, depth = 0): Line[] {
  const lines: Line[] = []
  const heading = headingOps(node, view, forced)
  if (heading !== undefined && heading.length > 0) lines.push({ depth, ops: heading })
  lines.push(...bodyLines(node, view, forced, depth, 'geheel'))
  return lines
}

/**
 * The lines that show what changed in a provision: all of it when it was added or deleted;
 * otherwise the heading line when it changed and its own paragraphs, unchanged ones as `…`.
 */
export function changedLines(entry: ProvisionChange, view: View): Line[] {
  const { node } = entry
  if (entry.soort === 'verplaatst') return movedLines(entry, view)
  if (entry.soort !== 'gewijzigd') return subtreeLines(node, view, entry.soort)
  const lines: Line[] = []
  if (entry.headingChanged) {
    const heading = headingOps(node, view)
    if (heading !== undefined && heading.length > 0) lines.push({ depth: 0, ops: heading })
  }
  if (entry.textChanged) lines.push(...bodyLines(node, view, undefined, 0, 'eigen'))
  return lines
}

/**
 * A moved article: nothing when its text is the same at both places (the heading says it all),
 * otherwise its old text deleted and its new text inserted.
 */
function movedLines(entry: ProvisionChange, view: View): Line[] {
  const oude = entry.oudeNode
  const nieuw = subtreeLines(entry.node, view, 'toegevoegd')
  if (oude === undefined) return nieuw
  const oud = subtreeLines(oude, view, 'verwijderd')
  const words = (lines: Line[], side: 'oud' | 'nieuw'): string =>
    lines.map((l) => `${l.depth}:${sideText(l.ops, side)}`).join('\n')
  if (words(oud, 'oud') === words(nieuw, 'nieuw')) return []
  return [...oud, ...nieuw]
}

/** Whether a moved article's text differs between its old and new place. */
export function movedTextChanged(entry: ProvisionChange): boolean {
  return entry.soort === 'verplaatst' && entry.oudeNode !== undefined && movedLines(entry, 'renvooi').length > 0
}

// ---- front-matter --------------------------------------------------------------------------------

/** A front-matter value for people: ISO dates in Dutch words, lists joined, nothing as `(geen)`. */
export function formatMetaValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return '(geen)'
  if (value instanceof Date) return formatDutchDate(value.toISOString().slice(0, 10))
  if (typeof value === 'string') return isIsoDate(value) ? formatDutchDate(value) : value.replace(/\s+/g, ' ').trim()
  if (typeof value === 'boolean') return value ? 'ja' : 'nee'
  if (typeof value === 'number' || typeof value === 'bigint') return String(value)
  if (Array.isArray(value)) return value.length === 0 ? '(geen)' : value.map(formatMetaValue).join(', ')
  return JSON.stringify(value)
}

export type MetadataChange = Extract<Change, { type: 'metadata' }>

/** The front-matter changes of a diff, in the order the differ listed them. */
export function metadataChanges(result: DiffResult): MetadataChange[] {
  return result.changes.filter((c): c is MetadataChange => c.type === 'metadata')
}

// ---- text output ---------------------------------------------------------------------------------

interface Style {
  del(text: string): string
  ins(text: string): string
  bold(text: string): string
}

const PLAIN: Style = {
  del: (t) => `[-${t}-]`,
  ins: (t) => `{+${t}+}`,
  bold: (t) => t,
}

/** SGR 9 (strike) and 4 (underline) are ignored by terminals without them; the colour remains. */
const ANSI: Style = {
  del: (t) => `\x1b[31;9m${t}\x1b[29;39m`,
  ins: (t) => `\x1b[32;4m${t}\x1b[24;39m`,
  bold: (t) => `\x1b[1m${t}\x1b[22m`,
}

const INDENT = '   '

/** The diff as text for a terminal: front-matter changes first, then one block per changed provision. */
export function renderDiffText(result: DiffResult, options: TextDiffOptions): string {
  const style = options.color ? ANSI : PLAIN
  const blocks: string[] = []
  const entries = changedProvisions(result.tree)
  blocks.push(style.bold(`${title(result)}: ${versionDate(result.oudMeta)} → ${versionDate(result.nieuwMeta)}`))
  const meta = metadataChanges(result)
  if (meta.length > 0) {
    // The arrow already says what is old and new; markers only where colour can show them.
    const oud = (t: string): string => (options.color ? style.del(t) : t)
    const nieuw = (t: string): string => (options.color ? style.ins(t) : t)
    blocks.push(
      meta.map((c) => `${c.sleutel}: ${oud(formatMetaValue(c.oud))} → ${nieuw(formatMetaValue(c.nieuw))}`).join('\n'),
    )
  }
  for (const entry of entries) {
    const lines = changedLines(entry, 'renvooi')
    const head = describe(entry)
    const body = lines.map((line) => formatLine(line, style))
    blocks.push([style.bold(`${head}${body.length > 0 ? ':' : ''}`), ...body].join('\n'))
  }
  blocks.push(`${describeCounts(countProvisions(result, entries))}.`)
  return `${blocks.join('\n\n')}\n`
}

/** `versie van 3 januari 2013` (the date the version takes effect), or what is known. */
export function versionDate(meta: Record<string, unknown>): string {
  const date = meta.inwerkingtreding
  const iso = date instanceof Date ? date.toISOString().slice(0, 10) : typeof date === 'string' ? date : undefined
  if (iso !== undefined && isIsoDate(iso)) return `versie van ${formatDutchDate(iso)}`
  return iso !== undefined && iso !== '' ? `versie van ${iso}` : 'versie zonder datum van inwerkingtreding'
}

function title(result: DiffResult): string {
  for (const v of [result.nieuwMeta.citeertitel, result.oudMeta.citeertitel]) {
    if (typeof v === 'string' && v.trim() !== '') return v.trim()
  }
  return 'Regeling'
}

/**
 * The heading of a block in words: `artikel 5a toegevoegd`, `artikel 10, derde lid (was: tweede
 * lid)`, `artikel 14 verplaatst van hoofdstuk 3 naar hoofdstuk 4`.
 */
export function describe(entry: ProvisionChange): string {
  if (entry.verplaatst) return `${entry.citation} verplaatst van ${entry.verplaatst.van} naar ${entry.verplaatst.naar}`
  if (entry.soort !== 'gewijzigd') return `${entry.citation} ${entry.soort}`
  let out = entry.citation
  if (entry.was !== undefined) out += ` (was: ${entry.was})`
  if (entry.geheelVervangen) out += ' (geheel vervangen)'
  return out
}

function formatLine(line: Line, style: Style): string {
  const indent = INDENT.repeat(line.depth + 1)
  const ops: WordOp[] = []
  for (const op of line.ops) pushOp(ops, op)
  // A kept block (a table) keeps its lines: each line is indented and marked on its own, so that
  // neither the markers nor the colour run over the indentation.
  const text = ops
    .map((op) =>
      op.text
        .split('\n')
        .map((part) => formatOp({ op: op.op, text: part }, style))
        .join(`\n${indent}`),
    )
    .join('')
  return indent + text
}

/** Markers go around the words only: white space at either end stays outside, as git does. */
function formatOp(op: WordOp, style: Style): string {
  if (op.op === 'gelijk' || op.text === '') return op.text
  const [lead, core, trail] = splitSpace(op.text)
  if (core === '') return op.op === 'del' ? style.del(op.text) : style.ins(op.text)
  return `${lead}${op.op === 'del' ? style.del(core) : style.ins(core)}${trail}`
}
