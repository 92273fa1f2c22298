/**
 * The renvooi as a Word document: the new text in which every difference from the old text is a
 * real tracked change (`w:ins`/`w:del` with author and date), so that a legal adviser can accept
 * or reject it in Word. Accepting all revisions gives the new text, rejecting all the old one.
 * With `wasWordt` the same comparison becomes a two-column table (old beside new) without
 * revisions.
 *
 * Two stages, as in the other renderers: the aligned diff tree becomes a small document model
 * (paragraphs of runs marked `gelijk`/`ins`/`del`, testable as data), and that model is written
 * with the `docx` package.
 *
 * A whole inserted or deleted paragraph also has its paragraph mark marked as inserted or deleted
 * (`w:pPr/w:rPr/w:ins|w:del`, which `docx` writes from the paragraph's `run.insertion` /
 * `run.deletion`): otherwise accepting a deleted lid would leave an empty paragraph behind.
 */

import {
  AlignmentType,
  Bookmark,
  BookmarkEnd,
  BookmarkStart,
  DeletedTextRun,
  Document,
  type FileChild,
  Footer,
  Header,
  InsertedTextRun,
  InternalHyperlink,
  type IParagraphRunOptions,
  type IStylesOptions,
  Packer,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  UnderlineType,
  WidthType,
} from 'docx'
import { citation, citationStep } from '../diff/index.js'
import { changedProvisions, countProvisions, describeCounts, type ProvisionChange } from '../diff/provisions.js'
import type { DiffNode, DiffResult, WordOp } from '../model/changes.js'
import { stepWords } from '../model/citation.js'
import { DIVISION_KEYWORD } from '../model/glossary.js'
import type { Tabel } from '../model/nodes.js'
import { isItem, isTekst, type RegelingType } from '../model/registry.js'
import { formatDutchDate, isIsoDate } from '../util/dates.js'
import {
  documentStyles,
  LANGUAGE,
  PAGE,
  RENVOOI_STYLE,
  renvooiStyles,
  STYLE,
  type StyleId,
  TEXT_WIDTH,
} from './docx-style.js'
import { versionDate } from './text-diff.js'

export interface RenvooiDocxOptions {
  /** Author of every revision (default `regelwerk`). */
  author?: string
  /**
   * Date of every revision and of the document properties. Default: the new version's
   * `ondertekening`, else its `inwerkingtreding`. Never the clock: the same input gives a
   * byte-identical file.
   */
  date?: Date
  /** Write a was-wordt table (old text beside new text, per changed provision) instead. */
  wasWordt?: boolean
  /**
   * Explanations for the was-wordt table's Toelichting column, keyed by the citation the table
   * shows (`artikel 10, vijfde lid`) or a provision id; the column appears when any key matches.
   * Check the keys first with `matchToelichting` (unknown keys are ignored here).
   */
  toelichting?: Readonly<Record<string, string>>
}

/** What a run or a paragraph mark is: unchanged, inserted or deleted. */
export type RunOp = WordOp['op']

/** A run of text. `\t` is a tab (after a number), `\n` a line break. */
export interface RenvooiRun {
  op: RunOp
  text: string
  /**
   * A revision at a paragraph end before a wholly inserted (deleted) paragraph of the same kind:
   * dated an hour later, so that LibreOffice does not join the two (see `endApart`).
   */
  apart?: boolean
}

/** A paragraph of the document model. `mark` is the revision of its paragraph mark. */
/** A paragraph style: the regulation's own, or one of the renvooi's cells. */
export type ParagraphStyle = StyleId | (typeof RENVOOI_STYLE)[keyof typeof RENVOOI_STYLE]

export interface RenvooiParagraph {
  style: ParagraphStyle
  runs: RenvooiRun[]
  mark: RunOp
  /** The bookmark the list of changed provisions links to, on a provision's first paragraph. */
  bookmark?: string
  /** Starts a new page (the regulation text after the opening block). */
  pageBreakBefore?: boolean
  /** The paragraph is the content of a table cell (one paragraph per cell). */
  cel?: TabelCel
}

/**
 * Where a cell's paragraph stands: consecutive paragraphs of the same `tabel` form one Word table,
 * row by row. A row inserted or deleted whole is a revision of the row itself (`w:trPr/w:ins`,
 * `w:del`), so that accepting or rejecting it removes the row rather than leaving it empty; a
 * changed cell has its words revised inside it.
 */
export interface TabelCel {
  /** Number of the table in the document model (tables next to each other stay apart). */
  tabel: number
  rij: number
  kolom: number
  /** The revision of the whole row. */
  rijMark: RunOp
  /** Alignment of the cell's column. */
  uitlijning?: 'left' | 'right' | 'center' | null
}

/** One row of the was-wordt table. */
export interface WasWordtRow {
  /** `Artikel 10, vijfde lid`. */
  plaats: string
  /** The provision's id (new version, or old for a deleted one), for a toelichting by id. */
  id?: string | undefined
  /** The explanation for the Toelichting column, when one was given. */
  toelichting?: string
  was: RenvooiParagraph[]
  wordt: RenvooiParagraph[]
}

const DEFAULT_AUTHOR = 'regelwerk'

/** The id, author and date of one revision (not exported by `docx` under a name). */
type IChangedAttributesProperties = NonNullable<IParagraphRunOptions['insertion']>

// ---- diff tree → document model ----------------------------------------------------------------

/** Inserted or deleted as a whole (inherited from an inserted or deleted ancestor). */
type Whole = 'ins' | 'del' | undefined

function wholeOf(node: DiffNode, inherited: Whole): Whole {
  if (inherited) return inherited
  if (node.status === 'toegevoegd') return 'ins'
  if (node.status === 'verwijderd') return 'del'
  return undefined
}

/**
 * The runs of word operations. Inside a wholly inserted (deleted) provision every word is
 * inserted (deleted); an operation of the other kind cannot belong there and is dropped.
 */
function opRuns(ops: readonly WordOp[] | undefined, whole: Whole): RenvooiRun[] {
  const out: RenvooiRun[] = []
  for (const o of ops ?? []) {
    if (o.text === '') continue
    if (whole && o.op !== 'gelijk' && o.op !== whole) continue
    push(out, { op: whole ?? o.op, text: o.text })
  }
  return out
}

function push(runs: RenvooiRun[], run: RenvooiRun): void {
  if (run.text === '') return
  const last = runs[runs.length - 1]
  if (last && last.op === run.op && last.apart === run.apart) last.text += run.text
  else runs.push({ ...run })
}

/** The op that joins a part to what stands before it: the part's own op when it is all one kind. */
function joinOp(runs: readonly RenvooiRun[], whole: Whole): RunOp {
  if (whole) return whole
  const first = runs[0]?.op
  return first !== undefined && runs.every((r) => r.op === first) ? first : 'gelijk'
}

/**
 * The number of a provision as runs: a renumbered provision shows the old number deleted and the
 * new number inserted.
 */
function numRuns(node: DiffNode, whole: Whole, label: (num: string) => string): RenvooiRun[] {
  const oud = node.oudNum
  const nieuw = node.nieuwNum
  const out: RenvooiRun[] = []
  if (whole) {
    const num = whole === 'del' ? (oud ?? nieuw) : (nieuw ?? oud)
    if (num) push(out, { op: whole, text: label(num) })
    return out
  }
  if (oud === nieuw) {
    if (nieuw) push(out, { op: 'gelijk', text: label(nieuw) })
    return out
  }
  if (oud) push(out, { op: 'del', text: label(oud) })
  if (nieuw) push(out, { op: 'ins', text: label(nieuw) })
  return out
}

/** Parts of a heading line joined by spaces, each space revised as the part after it. */
function joinParts(parts: readonly RenvooiRun[][], whole: Whole): RenvooiRun[] {
  const out: RenvooiRun[] = []
  for (const part of parts) {
    if (part.length === 0) continue
    if (out.length > 0) push(out, { op: joinOp(part, whole), text: ' ' })
    for (const r of part) push(out, r)
  }
  return out
}

/**
 * Heading words; when the heading appears or disappears, `fallback` (what a heading-less node
 * shows, e.g. `Toelichting`) stands on the other side.
 */
function headingRuns(node: DiffNode, whole: Whole, fallback?: string): RenvooiRun[] {
  const runs = opRuns(node.heading, whole)
  if (fallback === undefined) return runs
  const hasOld = runs.some((r) => r.op !== 'ins')
  const hasNew = runs.some((r) => r.op !== 'del')
  const out: RenvooiRun[] = []
  if (!hasOld && whole !== 'ins') push(out, { op: whole ?? 'del', text: fallback })
  if (!hasNew && whole !== 'del') push(out, { op: whole ?? 'ins', text: fallback })
  for (const r of runs) push(out, r)
  return out
}

function text(op: RunOp, value: string): RenvooiRun[] {
  return [{ op, text: value }]
}

/** How an item number is written: `5.`, `b.`, `1°`, `–` for a dash item. */
function itemLabel(type: string, num: string): string {
  if (num === '-') return '–'
  if (type === 'subonderdeel' && num.endsWith('°')) return num
  return `${num}.`
}

class Builder {
  readonly out: RenvooiParagraph[] = []
  private tabellen = 0

  /** Bookmarks to set on the first paragraph of these nodes. */
  constructor(private readonly anchors: ReadonlyMap<DiffNode, string> = new Map()) {}

  para(style: StyleId, runs: RenvooiRun[], mark: RunOp): void {
    this.out.push({ style, runs, mark })
  }

  node(node: DiffNode, inherited: Whole, textStyle: StyleId): void {
    const start = this.out.length
    RENDER[node.type](this, node, wholeOf(node, inherited), textStyle)
    const anchor = this.anchors.get(node)
    const first = this.out[start]
    if (anchor !== undefined && first !== undefined && first.bookmark === undefined) first.bookmark = anchor
  }

  children(node: DiffNode, whole: Whole, textStyle: StyleId): void {
    for (const c of node.children) this.node(c, whole, textStyle)
  }

  /** A table: one paragraph per cell, the header row in the table's heading style. */
  tabel(node: DiffNode, whole: Whole): void {
    const tabel = ++this.tabellen
    const align = (node.nieuw ?? node.oud)?.type === 'tabel' ? ((node.nieuw ?? node.oud) as Tabel).align : []
    node.children.forEach((row, rij) => {
      const rowWhole = wholeOf(row, whole)
      row.children.forEach((cell, kolom) => {
        const cellWhole = wholeOf(cell, rowWhole)
        this.out.push({
          style: rij === 0 ? STYLE.tabelkop : STYLE.tabeltekst,
          runs: opRuns(cell.text, cellWhole),
          mark: 'gelijk',
          cel: { tabel, rij, kolom, rijMark: rowWhole ?? 'gelijk', uitlijning: align[kolom] ?? null },
        })
      })
    })
  }

  /**
   * A lid, onderdeel or subonderdeel: the number, a tab and the first paragraph on one line;
   * further paragraphs in the follow-on style. The paragraph mark of that first line belongs to
   * the first paragraph, the number to the item.
   */
  item(node: DiffNode, whole: Whole, first: StyleId, vervolg: StyleId): void {
    const num = numRuns(node, whole, (n) => itemLabel(node.type, n))
    const tab: RenvooiRun[] = num.length > 0 ? [{ op: whole ?? 'gelijk', text: '\t' }] : []
    const [head, ...rest] = node.children
    if (head && head.type === 'alinea') {
      const headWhole = wholeOf(head, whole)
      this.para(first, [...num, ...tab, ...opRuns(head.text, headWhole)], headWhole ?? 'gelijk')
      for (const c of head.children) this.node(c, headWhole, vervolg)
      for (const c of rest) this.node(c, whole, vervolg)
      return
    }
    this.para(first, num, whole ?? 'gelijk')
    for (const c of node.children) this.node(c, whole, vervolg)
  }
}

/** Renders one aligned node; `whole` says whether it is inserted or deleted as a whole. */
type Render = (b: Builder, node: DiffNode, whole: Whole, textStyle: StyleId) => void

function division(style: StyleId, defaultKeyword: string): Render {
  return (b, node, whole) => {
    const keyword = node.oudNum || node.nieuwNum ? text(whole ?? 'gelijk', node.label ?? defaultKeyword) : []
    const num = numRuns(node, whole, (n) => n)
    b.para(style, joinParts([keyword, num, headingRuns(node, whole)], whole), whole ?? 'gelijk')
    b.children(node, whole, STYLE.normal)
  }
}

function numbered(style: StyleId, keyword: string): Render {
  return (b, node, whole) => {
    const num = numRuns(node, whole, (n) => n)
    b.para(
      style,
      joinParts([text(whole ?? 'gelijk', keyword), num, headingRuns(node, whole)], whole),
      whole ?? 'gelijk',
    )
    b.children(node, whole, STYLE.normal)
  }
}

function item(first: StyleId, vervolg: StyleId): Render {
  return (b, node, whole) => b.item(node, whole, first, vervolg)
}

const container: Render = (b, node, whole) => b.children(node, whole, STYLE.normal)

const running: Render = (b, node, whole, textStyle) => {
  if (node.text || node.children.length === 0) b.para(textStyle, opRuns(node.text, whole), whole ?? 'gelijk')
  b.children(node, whole, textStyle)
}

/** A number or heading is rendered with its provision; the differ never makes a node of it. */
const part: Render = (_b, node) => {
  throw new Error(`renvooi: a \`${node.type}\` node stands in the diff tree; it belongs to its provision`)
}

const RENDER: Record<RegelingType, Render> = {
  regeling: container,
  aanhef: container,
  ondertekening: container,
  opschrift: (b, node, whole) => b.para(STYLE.title, opRuns(node.text ?? node.heading, whole), whole ?? 'gelijk'),
  titel: division(STYLE.heading1, DIVISION_KEYWORD.titel),
  hoofdstuk: division(STYLE.heading1, DIVISION_KEYWORD.hoofdstuk),
  afdeling: division(STYLE.heading2, DIVISION_KEYWORD.afdeling),
  paragraaf: division(STYLE.heading3, DIVISION_KEYWORD.paragraaf),
  artikel: numbered(STYLE.heading4, 'Artikel'),
  lid: item(STYLE.lid, STYLE.lidVervolg),
  onderdeel: item(STYLE.onderdeel, STYLE.onderdeelVervolg),
  subonderdeel: item(STYLE.subonderdeel, STYLE.subonderdeelVervolg),
  alinea: running,
  blok: running,
  tabel: (b, node, whole) => b.tabel(node, whole),
  tabelrij: part,
  tabelcel: part,
  kop: (b, node, whole) => b.para(STYLE.tussenkop, opRuns(node.text ?? node.heading, whole), whole ?? 'gelijk'),
  toelichting: (b, node, whole) => {
    b.para(STYLE.heading1, headingRuns(node, whole, 'Toelichting'), whole ?? 'gelijk')
    b.children(node, whole, STYLE.normal)
  },
  artikeltoelichting: (b, node, whole) => {
    b.para(STYLE.heading2, headingRuns(node, whole), whole ?? 'gelijk')
    b.children(node, whole, STYLE.normal)
  },
  bijlage: numbered(STYLE.heading1, 'Bijlage'),
  nummer: part,
  koptekst: part,
}

/**
 * The renvooi as a document model: paragraphs of runs, in document order; `anchors` names the
 * bookmark to set on the first paragraph of a node.
 */
export function renvooiParagraphs(tree: DiffNode, anchors?: ReadonlyMap<DiffNode, string>): RenvooiParagraph[] {
  const b = new Builder(anchors)
  b.node(tree, undefined, STYLE.normal)
  const paras = b.out.map((p) => ({ ...p, runs: mergeRuns(p.runs) }))
  for (let i = 0; i + 1 < paras.length; i++) {
    const next = paras[i + 1] as RenvooiParagraph
    const p = paras[i] as RenvooiParagraph
    if (next.mark !== 'gelijk' && p.mark === 'gelijk') p.runs = endApart(p.runs, next.mark)
  }
  return paras
}

/**
 * LibreOffice joins two revisions of the same kind, author and minute when only a paragraph end
 * separates them, and resolves them as one: a paragraph that ends in an insertion, followed by a
 * wholly inserted paragraph, would be joined to the next paragraph when all revisions are
 * rejected (and likewise for deletions when accepting). So the revision at the end of such a
 * paragraph is dated an hour later (`apart`), which keeps it a revision of its own; the order
 * stays deletion before insertion, as everywhere.
 */
function endApart(runs: RenvooiRun[], avoid: RunOp): RenvooiRun[] {
  const last = runs[runs.length - 1]
  if (!last || last.op !== avoid) return runs
  return [...runs.slice(0, -1), { ...last, apart: true }]
}

function mergeRuns(runs: readonly RenvooiRun[]): RenvooiRun[] {
  const out: RenvooiRun[] = []
  for (const r of runs) push(out, r)
  return out
}

/** A side's runs: the other side's words gone, the own side's kept (marked, or all as `gelijk`). */
function sideRuns(runs: readonly RenvooiRun[], gone: RunOp, marked: boolean): RenvooiRun[] {
  return runs.filter((r) => r.op !== gone).map((r) => ({ op: marked ? r.op : ('gelijk' as const), text: r.text }))
}

/**
 * One side of the renvooi, as accepting (`wordt`) or rejecting (`was`) all revisions leaves it:
 * runs of the other side disappear, and a paragraph whose mark disappears joins the next one.
 * With `marked` the kept side's own changes stay marked (`del` on the was side, `ins` on the
 * wordt side), for the was-wordt table's struck and underlined words.
 */
export function projectParagraphs(
  paras: readonly RenvooiParagraph[],
  side: 'was' | 'wordt',
  marked = false,
): RenvooiParagraph[] {
  const gone: RunOp = side === 'wordt' ? 'del' : 'ins'
  const out: RenvooiParagraph[] = []
  let carry: RenvooiRun[] = []
  for (const p of paras) {
    if (p.cel) {
      // A row of the other side is gone; a paragraph mark that went before a table ends there.
      if (carry.length > 0) out.push({ style: STYLE.normal, runs: mergeRuns(carry), mark: 'gelijk' })
      carry = []
      if (p.cel.rijMark === gone) continue
      out.push({
        ...p,
        runs: mergeRuns(sideRuns(p.runs, gone, marked)),
        mark: 'gelijk',
        cel: { ...p.cel, rijMark: 'gelijk' },
      })
      continue
    }
    const runs = [...carry, ...sideRuns(p.runs, gone, marked)]
    if (p.mark === gone) {
      carry = runs
      continue
    }
    out.push({ style: p.style, runs: mergeRuns(runs), mark: 'gelijk' })
    carry = []
  }
  if (carry.length > 0) out.push({ style: STYLE.normal, runs: mergeRuns(carry), mark: 'gelijk' })
  return out
}

// ---- was-wordt rows ----------------------------------------------------------------------------

/**
 * What the row's title adds to the citation, so that two rows never read alike (a lapsed sixth
 * lid beside the seventh that becomes the sixth): `(vervalt)`, `(was: zevende lid)`,
 * `(verplaatst)`. A new provision needs none: its Was cell says `(nieuw)`.
 */
function rowNote(node: DiffNode | undefined): string {
  if (node === undefined) return ''
  if (node.verplaatstVan) return ' (verplaatst)'
  if (node.status === 'verwijderd') return ' (vervalt)'
  if (node.oudNum !== undefined && node.nieuwNum !== undefined && node.oudNum !== node.nieuwNum) {
    return ` (was: ${stepWords(citationStep(node, undefined, node.oudNum)) ?? node.oudNum})`
  }
  return ''
}

function headChanged(node: DiffNode): boolean {
  return node.oudNum !== node.nieuwNum || (node.heading?.some((o) => o.op !== 'gelijk') ?? false)
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}

/** A numbered child that a citation can name (`onderdeel b`; a dash item cannot be named). */
function citable(node: DiffNode): boolean {
  const num = node.nieuwNum ?? node.oudNum ?? ''
  return isItem(node) && num !== '' && num !== '-'
}

/**
 * The rows of the was-wordt table, one per changed provision with its citation: a lid (or an
 * onderdeel, when the onderdelen have letters) with its whole old and new text; an article's or
 * a division's heading line when it changed; a paragraph outside articles on its own. Inserted and
 * deleted provisions are one row each, with one side empty.
 */
export function wasWordtRows(tree: DiffNode): WasWordtRow[] {
  const rows: WasWordtRow[] = []
  const row = (path: DiffNode[], node: DiffNode) => {
    const b = new Builder()
    b.node(node, undefined, STYLE.normal)
    rows.push({
      plaats: capitalise(citation(path)) + rowNote(path[path.length - 1]),
      id: path[path.length - 1]?.id,
      was: projectParagraphs(b.out, 'was', true),
      wordt: projectParagraphs(b.out, 'wordt', true),
    })
  }
  // Hand-written: an article or item is split into a head row (a copy without its citable parts)
  // and its citable parts only, a choice per parent that a visitor over the tree does not express.
  const walk = (node: DiffNode, path: DiffNode[]) => {
    if (node.status === 'gelijk') return
    if (isTekst(node) || node.type === 'opschrift') {
      // A paragraph is cited by the provision it stands in.
      row(path.length > 0 ? path : [node], node)
      return
    }
    const here = node.type === 'regeling' ? path : [...path, node]
    if (node.status !== 'gewijzigd') {
      row(here, node)
      return
    }
    if (isItem(node) || node.type === 'artikel') {
      // Split only where the parts can be cited; the head is the number, heading and own text.
      if (!node.children.some(citable)) {
        row(here, node)
        return
      }
      const head = { ...node, children: node.children.filter((c) => !citable(c)) }
      if (headChanged(node) || head.children.some((c) => c.status !== 'gelijk')) row(here, head)
      for (const c of node.children) if (citable(c)) walk(c, here)
      return
    }
    if (node.type !== 'regeling' && headChanged(node)) row(here, { ...node, children: [] })
    for (const c of node.children) walk(c, here)
  }
  walk(tree, [])
  return rows
}

// ---- document model → docx ---------------------------------------------------------------------

/**
 * How much later an `apart` revision is dated. LibreOffice joins same-kind revisions of one
 * author within about a minute of each other; an hour keeps them apart (measured with
 * LibreOffice 7.4: a minute did not).
 */
const APART_MS = 3_600_000

/** Revision attributes with ids unique in the document, in document order. */
class Revisions {
  private next = 1
  constructor(
    private readonly author: string,
    private readonly date: string,
  ) {}

  /** `apart`: an hour later, so that LibreOffice keeps it apart from its neighbour (see `endApart`). */
  take(apart = false): IChangedAttributesProperties {
    const date = apart ? new Date(Date.parse(this.date) + APART_MS).toISOString().replace(/\.\d{3}Z$/, 'Z') : this.date
    return { id: this.next++, author: this.author, date }
  }
}

/** `\t` becomes a tab, `\n` a line break; docx wants them as separate run content. */
function runContent(value: string): { children: Array<string | Tab>; breakBefore: boolean }[] {
  return value.split('\n').map((line, i) => ({
    breakBefore: i > 0,
    children: line
      .split('\t')
      .flatMap((part, j) => (j === 0 ? (part ? [part] : []) : [new Tab(), ...(part ? [part] : [])])),
  }))
}

/**
 * A bookmark whose `w:id` follows from its name (`bepaling_12` → 12). `docx` numbers bookmarks
 * from a counter that lives as long as the process, so a second document made in the same process
 * would get other ids: the start and end are replaced by ones with a fixed id (both are plain
 * writable fields of the `Bookmark`), which keeps the same input giving the same bytes.
 */
function bookmark(name: string, children: ParagraphChild[]): Bookmark {
  const id = Number(/\d+$/.exec(name)?.[0] ?? '0')
  const b = new Bookmark({ id: name, children })
  Object.assign(b, { start: new BookmarkStart(name, id), end: new BookmarkEnd(id) })
  return b
}

const FORMAT: Record<RunOp, { strike?: boolean; underline?: { type: typeof UnderlineType.SINGLE } }> = {
  gelijk: {},
  del: { strike: true },
  ins: { underline: { type: UnderlineType.SINGLE } },
}

function docxRuns(run: RenvooiRun, revisions: Revisions | undefined): ParagraphChild[] {
  return runContent(run.text).map(({ children, breakBefore }) => {
    const options = { children, ...(breakBefore ? { break: 1 } : {}) }
    // Without revisions (the was-wordt table) a change is real run formatting: struck or underlined.
    if (!revisions || run.op === 'gelijk') return new TextRun({ ...options, ...FORMAT[run.op] })
    if (run.op === 'ins') return new InsertedTextRun({ ...options, ...revisions.take(run.apart) })
    return new DeletedTextRun({ ...options, ...revisions.take(run.apart) })
  })
}

/**
 * The Word blocks of the document model: paragraphs, and a Word table for each run of cell
 * paragraphs of one table (columns of equal width over the text width; the header row repeats
 * on every page).
 */
export function docxBlocks(
  paras: readonly RenvooiParagraph[],
  revisions: Revisions | undefined,
  width = TEXT_WIDTH,
): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = []
  for (let i = 0; i < paras.length; ) {
    const p = paras[i] as RenvooiParagraph
    if (!p.cel) {
      out.push(docxParagraph(p, revisions))
      i++
      continue
    }
    let j = i
    while (j < paras.length && paras[j]?.cel?.tabel === p.cel.tabel) j++
    out.push(docxTable(paras.slice(i, j), revisions, width))
    i = j
  }
  return out
}

function docxTable(cells: readonly RenvooiParagraph[], revisions: Revisions | undefined, width: number): Table {
  const rows: RenvooiParagraph[][] = []
  let last: number | undefined
  for (const c of cells) {
    const rij = (c.cel as TabelCel).rij
    if (rij !== last) rows.push([])
    last = rij
    ;(rows[rows.length - 1] as RenvooiParagraph[]).push(c)
  }
  const columns = Math.max(1, ...rows.map((r) => r.length))
  const cellWidth = Math.floor(width / columns)
  return new Table({
    width: { size: cellWidth * columns, type: WidthType.DXA },
    columnWidths: Array.from({ length: columns }, () => cellWidth),
    layout: TableLayoutType.FIXED,
    rows: rows.map((row, i) => {
      const mark = row[0]?.cel?.rijMark ?? 'gelijk'
      const revision =
        revisions && mark === 'ins'
          ? { insertion: revisions.take() }
          : revisions && mark === 'del'
            ? { deletion: revisions.take() }
            : {}
      return new TableRow({
        tableHeader: i === 0,
        cantSplit: true,
        ...revision,
        children: Array.from({ length: columns }, (_, k) => {
          const p = row[k]
          const alignment = ALIGN[p?.cel?.uitlijning ?? 'left']
          return new TableCell({
            width: { size: cellWidth, type: WidthType.DXA },
            children: [
              p
                ? docxParagraph({ ...p, cel: undefined }, revisions, alignment)
                : new Paragraph({ style: STYLE.tabeltekst, children: [] }),
            ],
          })
        }),
      })
    }),
  })
}

const ALIGN = {
  left: undefined,
  right: AlignmentType.RIGHT,
  center: AlignmentType.CENTER,
} as const

function docxParagraph(
  p: RenvooiParagraph,
  revisions: Revisions | undefined,
  alignment?: (typeof AlignmentType)[keyof typeof AlignmentType],
): Paragraph {
  let run: { insertion: IChangedAttributesProperties } | { deletion: IChangedAttributesProperties } | undefined
  if (revisions && p.mark === 'ins') run = { insertion: revisions.take() }
  else if (revisions && p.mark === 'del') run = { deletion: revisions.take() }
  const children = p.runs.flatMap((r) => docxRuns(r, revisions))
  return new Paragraph({
    style: p.style,
    ...(alignment ? { alignment } : {}),
    ...(run ? { run } : {}),
    ...(p.pageBreakBefore ? { pageBreakBefore: true } : {}),
    children: p.bookmark ? [bookmark(p.bookmark, children)] : children,
  })
}

/** How a toelichting key is compared: lower case, white space collapsed, no final full stop. */
function toelichtingKey(key: string): string {
  return key.replace(/\s+/g, ' ').trim().replace(/\.$/, '').toLowerCase()
}

/**
 * The keys of a toelichting map (`artikel 10, vijfde lid` as the table cites it, or a provision id
 * such as `art_10__lid_5`) that name a row of the table, and those that name none.
 */
export function matchToelichting(
  rows: readonly WasWordtRow[],
  toelichting: Readonly<Record<string, string>>,
): { byRow: Map<WasWordtRow, string>; unknown: string[] } {
  const byKey = new Map<string, WasWordtRow>()
  // A citation can name two rows (a lapsed sixth lid and the seventh that becomes the sixth): the
  // provision of the new version wins; `artikel 10, zesde lid (vervalt)` names the other.
  for (const r of rows) {
    const keys = [r.plaats, r.plaats.replace(/ \([^()]*\)$/, ''), ...(r.id !== undefined ? [r.id] : [])]
    for (const k of keys.map(toelichtingKey)) {
      const there = byKey.get(k)
      if (there === undefined || / \(vervalt\)$/.test(there.plaats)) byKey.set(k, r)
    }
  }
  const byRow = new Map<WasWordtRow, string>()
  const unknown: string[] = []
  for (const [key, text] of Object.entries(toelichting)) {
    const row = byKey.get(toelichtingKey(key))
    if (row === undefined) unknown.push(key)
    else byRow.set(row, byRow.has(row) ? `${byRow.get(row)}\n${text}` : text)
  }
  return { byRow, unknown }
}

/** The item level of a style (lid 1, onderdeel 2, subonderdeel 3), or 0 for other text. */
function levelOf(style: ParagraphStyle): number {
  if (style === STYLE.lid || style === STYLE.lidVervolg) return 1
  if (style === STYLE.onderdeel || style === STYLE.onderdeelVervolg) return 2
  if (style === STYLE.subonderdeel || style === STYLE.subonderdeelVervolg) return 3
  return 0
}

const CEL_NIVEAU: readonly ParagraphStyle[] = [
  STYLE.tabeltekst,
  RENVOOI_STYLE.celNiveau1,
  RENVOOI_STYLE.celNiveau2,
  RENVOOI_STYLE.celNiveau3,
]

/**
 * Inside a half-width cell the indent is compact: the outermost item of the row stands at the
 * first level, whatever its depth in the regulation, and each level indents half as far.
 */
function cellParagraphs(paras: readonly RenvooiParagraph[], width: number): Array<Paragraph | Table> {
  const levels = paras.map((p) => levelOf(p.style)).filter((l) => l > 0)
  const shift = levels.length > 0 ? Math.min(...levels) - 1 : 0
  const styled = paras.map((p) => {
    if (p.cel) return p
    const level = levelOf(p.style)
    const style = level > 0 ? (CEL_NIVEAU[level - shift] ?? RENVOOI_STYLE.celNiveau3) : cellStyle(p.style)
    return { ...p, style }
  })
  // A table in the text stands as a table inside the cell; Word wants a paragraph after it.
  const blocks = docxBlocks(styled, undefined, width - 200)
  if (blocks[blocks.length - 1] instanceof Table) blocks.push(new Paragraph({ style: STYLE.tabeltekst, children: [] }))
  return blocks
}

function wasWordtTable(rows: readonly WasWordtRow[], toelichting: ReadonlyMap<WasWordtRow, string>): Table {
  const withNotes = toelichting.size > 0
  // Was and wordt share the width; a Toelichting column takes a fifth of it.
  const noteWidth = withNotes ? Math.floor(TEXT_WIDTH / 5) : 0
  const half = Math.floor((TEXT_WIDTH - noteWidth) / 2)
  const total = 2 * half + noteWidth
  const textCell = (paras: Array<Paragraph | Table>, width: number) =>
    new TableCell({ width: { size: width, type: WidthType.DXA }, children: paras })
  const note = (text: string | undefined) =>
    textCell(
      (text ?? '').split('\n').map((line) => new Paragraph({ style: STYLE.tabeltekst, children: [new TextRun(line)] })),
      noteWidth,
    )
  const cell = (paras: readonly RenvooiParagraph[], empty: string) =>
    textCell(
      paras.length > 0
        ? cellParagraphs(paras, half)
        : [new Paragraph({ style: STYLE.tabeltekst, children: [new TextRun({ text: empty, italics: true })] })],
      half,
    )
  const kopjes = withNotes ? ['Was', 'Wordt', 'Toelichting'] : ['Was', 'Wordt']
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: kopjes.map((kop, i) =>
      textCell([new Paragraph({ style: STYLE.tabelkop, children: [new TextRun(kop)] })], i < 2 ? half : noteWidth),
    ),
  })
  const body = rows.flatMap((r) => [
    new TableRow({
      cantSplit: true,
      children: [
        new TableCell({
          columnSpan: kopjes.length,
          width: { size: total, type: WidthType.DXA },
          children: [new Paragraph({ style: STYLE.vindplaats, children: [new TextRun(r.plaats)] })],
        }),
      ],
    }),
    new TableRow({
      children: [cell(r.was, '(nieuw)'), cell(r.wordt, '(vervalt)'), ...(withNotes ? [note(toelichting.get(r))] : [])],
    }),
  ])
  return new Table({
    rows: [header, ...body],
    width: { size: total, type: WidthType.DXA },
    columnWidths: withNotes ? [half, half, noteWidth] : [half, half],
    layout: TableLayoutType.FIXED,
  })
}

/**
 * A regeling (or a fragment of one: an article, a lid) as plain Word paragraphs in the renvooi's
 * named styles, without revisions: headings, numbered leden and onderdelen as in the renvooi.
 */
export function regelingParagraphs(tree: DiffResult['tree']): Array<Paragraph | Table> {
  return docxBlocks(renvooiParagraphs(tree), undefined)
}

/** Inside the table, headings and items keep their look but body text uses the table style. */
function cellStyle(style: ParagraphStyle): ParagraphStyle {
  return style === STYLE.normal ? STYLE.tabeltekst : style
}

// ---- opening block ---------------------------------------------------------------------------------

/** One entry of the list of changed provisions, linked to its bookmark in the renvooi. */
export interface OpeningEntry {
  text: string
  anchor: string
  node: DiffNode
}

/** What the document says before the regulation text: what it is, of what, and what changed. */
export interface OpeningBlock {
  /** `Renvooi <citeertitel>` or `Was-wordttabel <citeertitel>`. */
  title: string
  /** `Was: versie van 1 januari 2011`, `Wordt: versie van 22 juni 2011`. */
  versies: string[]
  /** The counting rule's sentence (`2 bepalingen gewijzigd, 1 ingevoegd, 0 vervallen.`). */
  samenvatting: string
  /** The legend; its examples are drawn struck and underlined. */
  legenda: Array<{ op: RunOp; text: string }>
  /** Renvooi only: the changed provisions with their bookmarks. */
  bepalingen: OpeningEntry[]
}

function citeertitelOf(result: DiffResult): string {
  return metaString(result.nieuwMeta, 'citeertitel') ?? metaString(result.oudMeta, 'citeertitel') ?? 'regeling'
}

/** How an entry of the list says what happened to the provision. */
function entryText(e: ProvisionChange): string {
  const plaats = capitalise(e.citation)
  if (e.verplaatst) return `${plaats} (verplaatst van ${e.verplaatst.van} naar ${e.verplaatst.naar})`
  if (e.soort === 'toegevoegd') return `${plaats} (ingevoegd)`
  if (e.soort === 'verwijderd') return `${plaats} (vervallen)`
  const notes: string[] = []
  if (e.was !== undefined) notes.push(`was: ${e.was}`)
  if (e.geheelVervangen) notes.push('geheel vervangen')
  return notes.length > 0 ? `${plaats} (${notes.join('; ')})` : plaats
}

/** The opening block of a renvooi or was-wordt document, as data. */
export function openingBlock(
  result: DiffResult,
  kind: 'renvooi' | 'was-wordt',
  entries: readonly ProvisionChange[] = changedProvisions(result.tree),
): OpeningBlock {
  const citeertitel = citeertitelOf(result)
  const legenda: OpeningBlock['legenda'] =
    kind === 'renvooi'
      ? [
          { op: 'gelijk', text: 'Legenda: ' },
          { op: 'del', text: 'doorgehaalde tekst' },
          { op: 'gelijk', text: ' vervalt, ' },
          { op: 'ins', text: 'onderstreepte tekst' },
          {
            op: 'gelijk',
            text: ' wordt ingevoegd. Elke wijziging is een bijgehouden wijziging: Word en LibreOffice kunnen haar aanvaarden of weigeren.',
          },
        ]
      : [
          { op: 'gelijk', text: 'Legenda: in de kolom Was is ' },
          { op: 'del', text: 'doorgehaalde tekst' },
          { op: 'gelijk', text: ' tekst die vervalt; in de kolom Wordt is ' },
          { op: 'ins', text: 'onderstreepte tekst' },
          { op: 'gelijk', text: ' tekst die wordt ingevoegd.' },
        ]
  return {
    title: `${kind === 'renvooi' ? 'Renvooi' : 'Was-wordttabel'} ${citeertitel}`,
    versies: [`Was: ${versionDate(result.oudMeta)}`, `Wordt: ${versionDate(result.nieuwMeta)}`],
    samenvatting: `${describeCounts(countProvisions(result, [...entries]))}.`,
    legenda,
    bepalingen:
      kind === 'renvooi'
        ? entries.map((e, i) => ({ text: entryText(e), anchor: `bepaling_${i + 1}`, node: e.node }))
        : [],
  }
}

/** The text of the opening block's paragraphs, in order (what a reader and the tests see). */
export function openingTexts(block: OpeningBlock): string[] {
  return [
    block.title,
    ...block.versies,
    block.samenvatting,
    block.legenda.map((l) => l.text).join(''),
    ...(block.bepalingen.length > 0 ? ['Gewijzigde bepalingen', ...block.bepalingen.map((b) => b.text)] : []),
  ]
}

function openingParagraphs(block: OpeningBlock): Paragraph[] {
  const out = [
    new Paragraph({ style: STYLE.title, children: [new TextRun(block.title)] }),
    ...block.versies.map((v) => new Paragraph({ style: RENVOOI_STYLE.versies, children: [new TextRun(v)] })),
    new Paragraph({ style: RENVOOI_STYLE.versies, children: [new TextRun(block.samenvatting)] }),
    new Paragraph({
      style: RENVOOI_STYLE.legenda,
      children: block.legenda.map((l) => new TextRun({ text: l.text, ...FORMAT[l.op] })),
    }),
  ]
  if (block.bepalingen.length > 0) {
    out.push(new Paragraph({ style: STYLE.heading2, children: [new TextRun('Gewijzigde bepalingen')] }))
    for (const b of block.bepalingen) {
      out.push(
        new Paragraph({
          style: RENVOOI_STYLE.inhoud,
          children: [
            new InternalHyperlink({ anchor: b.anchor, children: [new TextRun({ text: b.text, style: 'Hyperlink' })] }),
          ],
        }),
      )
    }
  }
  return out
}

function withRenvooiStyles(styles: IStylesOptions): IStylesOptions {
  return { ...styles, paragraphStyles: [...(styles.paragraphStyles ?? []), ...renvooiStyles()] }
}

// ---- package -----------------------------------------------------------------------------------

function metaString(meta: Record<string, unknown>, key: string): string | undefined {
  const v = meta[key]
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined
}

function metaDate(meta: Record<string, unknown>, key: string): Date | undefined {
  const v = meta[key]
  if (v instanceof Date) return v
  if (typeof v === 'string' && isIsoDate(v)) return new Date(`${v}T00:00:00Z`)
  return undefined
}

/** `Wijzigingen van de versie van 1 januari 2012 naar de versie van 1 januari 2013`. */
function describe(oud: Record<string, unknown>, nieuw: Record<string, unknown>): string {
  const a = metaString(oud, 'inwerkingtreding')
  const b = metaString(nieuw, 'inwerkingtreding')
  if (a && b && isIsoDate(a) && isIsoDate(b)) {
    return `Wijzigingen van de versie van ${formatDutchDate(a)} naar de versie van ${formatDutchDate(b)}`
  }
  return 'Wijzigingen tussen twee versies'
}

function escapeXml(s: string): string {
  return s.replace(/[<>&"]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : '&quot;'))
}

/**
 * `docProps/core.xml` with fixed dates. `docx` always stamps created/modified with the clock
 * (9.x has no option for it), so the part is replaced through `Packer`'s overrides.
 */
export function coreXml(title: string, description: string, author: string, iso: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${escapeXml(title)}</dc:title>` +
    `<dc:description>${escapeXml(description)}</dc:description>` +
    `<dc:creator>${escapeXml(author)}</dc:creator>` +
    `<cp:lastModifiedBy>${escapeXml(author)}</cp:lastModifiedBy>` +
    `<dc:language>${LANGUAGE}</dc:language>` +
    '<cp:revision>1</cp:revision>' +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${iso}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${iso}</dcterms:modified>` +
    '</cp:coreProperties>'
  )
}

/**
 * Set the DOS date and time of every zip entry (local header and central directory) to `date`.
 * The zip writer inside `docx` stamps entries with the clock and takes no option; these fields are
 * not covered by any checksum, so rewriting them in place is safe.
 */
export function fixZipTimestamps(zip: Uint8Array, date: Date): Uint8Array {
  const out = new Uint8Array(zip)
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength)
  const year = Math.min(Math.max(date.getUTCFullYear(), 1980), 2107)
  const dosDate = ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate()
  const dosTime = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1)
  let eocd = -1
  for (let i = out.length - 22; i >= Math.max(0, out.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd < 0) throw new Error('fixZipTimestamps: no end-of-central-directory record')
  const entries = view.getUint16(eocd + 10, true)
  let at = view.getUint32(eocd + 16, true)
  for (let n = 0; n < entries; n++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error('fixZipTimestamps: bad central directory')
    view.setUint16(at + 12, dosTime, true)
    view.setUint16(at + 14, dosDate, true)
    const local = view.getUint32(at + 42, true)
    if (view.getUint32(local, true) !== 0x04034b50) throw new Error('fixZipTimestamps: bad local header')
    view.setUint16(local + 10, dosTime, true)
    view.setUint16(local + 12, dosDate, true)
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true)
  }
  return out
}

/**
 * Write the renvooi of `result` as a .docx file: the new text with every change a tracked
 * revision, or with `wasWordt` a two-column was-wordt table. Same input, same bytes.
 */
export async function renderRenvooiDocx(result: DiffResult, options: RenvooiDocxOptions = {}): Promise<Uint8Array> {
  const author = options.author ?? DEFAULT_AUTHOR
  const date =
    options.date ?? metaDate(result.nieuwMeta, 'ondertekening') ?? metaDate(result.nieuwMeta, 'inwerkingtreding')
  if (!date || Number.isNaN(date.getTime())) {
    throw new TypeError(
      'renderRenvooiDocx: pass `options.date` (the new version has no `ondertekening` or `inwerkingtreding` to date the revisions with)',
    )
  }
  const iso = date.toISOString().replace(/\.\d{3}Z$/, 'Z')
  const description = describe(result.oudMeta, result.nieuwMeta)

  const entries = changedProvisions(result.tree)
  const front = openingBlock(result, options.wasWordt ? 'was-wordt' : 'renvooi', entries)
  const title = front.title
  const children: FileChild[] = openingParagraphs(front)
  if (options.wasWordt) {
    const rows = wasWordtRows(result.tree)
    const { byRow } = matchToelichting(rows, options.toelichting ?? {})
    children.push(wasWordtTable(rows, byRow))
  } else {
    const revisions = new Revisions(author, iso)
    const anchors = new Map(front.bepalingen.map((b) => [b.node, b.anchor]))
    const paras = renvooiParagraphs(result.tree, anchors)
    const first = paras[0]
    if (first) first.pageBreakBefore = true
    children.push(...docxBlocks(paras, revisions))
  }

  const doc = new Document({
    creator: author,
    lastModifiedBy: author,
    title,
    description,
    styles: withRenvooiStyles(documentStyles()),
    sections: [
      {
        properties: PAGE,
        headers: {
          default: new Header({
            children: [new Paragraph({ style: RENVOOI_STYLE.koptekst, children: [new TextRun(`${title}`)] })],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                style: RENVOOI_STYLE.voettekst,
                children: [new TextRun({ children: ['pagina ', PageNumber.CURRENT, ' van ', PageNumber.TOTAL_PAGES] })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  })
  const zip = await Packer.toBuffer(doc, false, [
    { path: 'docProps/core.xml', data: coreXml(title, description, author, iso) },
  ])
  return fixZipTimestamps(new Uint8Array(zip.buffer, zip.byteOffset, zip.byteLength), date)
}
