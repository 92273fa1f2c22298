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
  DeletedTextRun,
  Document,
  type FileChild,
  InsertedTextRun,
  type IParagraphRunOptions,
  Packer,
  Paragraph,
  type ParagraphChild,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
import { citation } from '../diff/index.js'
import type { DiffNode, DiffResult, WordOp } from '../model/changes.js'
import { DIVISION_KEYWORD } from '../model/glossary.js'
import { isItem, isTekst, type RegelingType } from '../model/registry.js'
import { formatDutchDate, isIsoDate } from '../util/dates.js'
import { splitSpace } from '../util/text.js'
import { documentStyles, LANGUAGE, PAGE, STYLE, type StyleId, TEXT_WIDTH } from './docx-style.js'

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
}

/** What a run or a paragraph mark is: unchanged, inserted or deleted. */
export type RunOp = WordOp['op']

/** A run of text. `\t` is a tab (after a number), `\n` a line break. */
export interface RenvooiRun {
  op: RunOp
  text: string
}

/** A paragraph of the document model. `mark` is the revision of its paragraph mark. */
export interface RenvooiParagraph {
  style: StyleId
  runs: RenvooiRun[]
  mark: RunOp
}

/** One row of the was-wordt table. */
export interface WasWordtRow {
  /** `Artikel 10, vijfde lid`. */
  plaats: string
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
  if (last && last.op === run.op) last.text += run.text
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

  para(style: StyleId, runs: RenvooiRun[], mark: RunOp): void {
    this.out.push({ style, runs, mark })
  }

  node(node: DiffNode, inherited: Whole, textStyle: StyleId): void {
    RENDER[node.type](this, node, wholeOf(node, inherited), textStyle)
  }

  children(node: DiffNode, whole: Whole, textStyle: StyleId): void {
    for (const c of node.children) this.node(c, whole, textStyle)
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

/** The renvooi as a document model: paragraphs of runs, in document order. */
export function renvooiParagraphs(tree: DiffNode): RenvooiParagraph[] {
  const b = new Builder()
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
 * LibreOffice joins two revisions of the same kind, author and time when only a paragraph end
 * separates them, and then takes that paragraph end with them: a paragraph that ends in an
 * insertion, followed by a wholly inserted paragraph, would be joined to the next paragraph when
 * all revisions are rejected (and likewise for deletions when accepting). So a paragraph that
 * stands before a wholly inserted (deleted) paragraph never ends in an insertion (deletion): a
 * replacement at its end is written deletion-last (insertion-last), and a bare insertion
 * (deletion) at its end takes the word before it along as a replacement.
 */
function endApart(runs: RenvooiRun[], avoid: RunOp): RenvooiRun[] {
  const last = runs[runs.length - 1]
  if (!last || last.op !== avoid) return runs
  const other: RunOp = avoid === 'ins' ? 'del' : 'ins'
  const before = runs[runs.length - 2]
  if (before && before.op === other) return [...runs.slice(0, -2), last, before]
  if (before?.op !== 'gelijk') return runs
  // The last word with the white space after it (a scan: /(\S+\s*)$/ is quadratic on long words).
  const [, core, trail] = splitSpace(before.text)
  let at = core.length
  while (at > 0 && core.charAt(at - 1).trim() !== '') at--
  const word = core.slice(at) + trail
  if (core.slice(at) === '') return runs
  const kept = before.text.slice(0, before.text.length - word.length)
  const lastText = word + last.text
  const out = runs.slice(0, -2)
  if (kept) out.push({ op: 'gelijk', text: kept })
  out.push({ op: avoid, text: lastText }, { op: other, text: word })
  return out
}

function mergeRuns(runs: readonly RenvooiRun[]): RenvooiRun[] {
  const out: RenvooiRun[] = []
  for (const r of runs) push(out, r)
  return out
}

/**
 * One side of the renvooi, as accepting (`wordt`) or rejecting (`was`) all revisions leaves it:
 * runs of the other side disappear, and a paragraph whose mark disappears joins the next one.
 */
export function projectParagraphs(paras: readonly RenvooiParagraph[], side: 'was' | 'wordt'): RenvooiParagraph[] {
  const gone: RunOp = side === 'wordt' ? 'del' : 'ins'
  const out: RenvooiParagraph[] = []
  let carry: RenvooiRun[] = []
  for (const p of paras) {
    const runs = [
      ...carry,
      ...p.runs.filter((r) => r.op !== gone).map((r) => ({ op: 'gelijk' as const, text: r.text })),
    ]
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
    const moved = path[path.length - 1]?.verplaatstVan ? ' (verplaatst)' : ''
    rows.push({
      plaats: capitalise(citation(path)) + moved,
      was: projectParagraphs(b.out, 'was'),
      wordt: projectParagraphs(b.out, 'wordt'),
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

/** Revision attributes with ids unique in the document, in document order. */
class Revisions {
  private next = 1
  constructor(
    private readonly author: string,
    private readonly date: string,
  ) {}

  take(): IChangedAttributesProperties {
    return { id: this.next++, author: this.author, date: this.date }
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

function docxRuns(run: RenvooiRun, revisions: Revisions | undefined): ParagraphChild[] {
  return runContent(run.text).map(({ children, breakBefore }) => {
    const options = { children, ...(breakBefore ? { break: 1 } : {}) }
    if (!revisions || run.op === 'gelijk') return new TextRun(options)
    if (run.op === 'ins') return new InsertedTextRun({ ...options, ...revisions.take() })
    return new DeletedTextRun({ ...options, ...revisions.take() })
  })
}

function docxParagraph(p: RenvooiParagraph, revisions: Revisions | undefined): Paragraph {
  let run: { insertion: IChangedAttributesProperties } | { deletion: IChangedAttributesProperties } | undefined
  if (revisions && p.mark === 'ins') run = { insertion: revisions.take() }
  else if (revisions && p.mark === 'del') run = { deletion: revisions.take() }
  return new Paragraph({
    style: p.style,
    ...(run ? { run } : {}),
    children: p.runs.flatMap((r) => docxRuns(r, revisions)),
  })
}

function wasWordtTable(rows: readonly WasWordtRow[]): Table {
  const half = Math.floor(TEXT_WIDTH / 2)
  const cell = (paras: readonly RenvooiParagraph[], empty: string) =>
    new TableCell({
      width: { size: half, type: WidthType.DXA },
      children:
        paras.length > 0
          ? paras.map((p) => docxParagraph({ ...p, style: cellStyle(p.style) }, undefined))
          : [new Paragraph({ style: STYLE.tabeltekst, children: [new TextRun({ text: empty, italics: true })] })],
    })
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: ['Was', 'Wordt'].map(
      (kop) =>
        new TableCell({
          width: { size: half, type: WidthType.DXA },
          children: [new Paragraph({ style: STYLE.tabelkop, children: [new TextRun(kop)] })],
        }),
    ),
  })
  const body = rows.flatMap((r) => [
    new TableRow({
      cantSplit: true,
      children: [
        new TableCell({
          columnSpan: 2,
          width: { size: 2 * half, type: WidthType.DXA },
          children: [new Paragraph({ style: STYLE.vindplaats, children: [new TextRun(r.plaats)] })],
        }),
      ],
    }),
    new TableRow({ children: [cell(r.was, '(nieuw)'), cell(r.wordt, '(vervalt)')] }),
  ])
  return new Table({
    rows: [header, ...body],
    width: { size: 2 * half, type: WidthType.DXA },
    columnWidths: [half, half],
    layout: TableLayoutType.FIXED,
  })
}

/**
 * A regeling (or a fragment of one: an article, a lid) as plain Word paragraphs in the renvooi's
 * named styles, without revisions: headings, numbered leden and onderdelen as in the renvooi.
 */
export function regelingParagraphs(tree: DiffResult['tree']): Paragraph[] {
  return renvooiParagraphs(tree).map((p) => docxParagraph(p, undefined))
}

/** Inside the table, headings and items keep their look but body text uses the table style. */
function cellStyle(style: StyleId): StyleId {
  return style === STYLE.normal ? STYLE.tabeltekst : style
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
  const citeertitel =
    metaString(result.nieuwMeta, 'citeertitel') ?? metaString(result.oudMeta, 'citeertitel') ?? 'regeling'
  const description = describe(result.oudMeta, result.nieuwMeta)

  let title: string
  let children: FileChild[]
  if (options.wasWordt) {
    title = `Was-wordttabel ${citeertitel}`
    children = [
      new Paragraph({ style: STYLE.title, children: [new TextRun(title)] }),
      new Paragraph({ style: STYLE.normal, children: [new TextRun(`${description}.`)] }),
      wasWordtTable(wasWordtRows(result.tree)),
    ]
  } else {
    title = `Renvooi ${citeertitel}`
    const revisions = new Revisions(author, iso)
    children = renvooiParagraphs(result.tree).map((p) => docxParagraph(p, revisions))
    // Word needs at least one paragraph in the body.
    if (children.length === 0) children.push(new Paragraph({}))
  }

  const doc = new Document({
    creator: author,
    lastModifiedBy: author,
    title,
    description,
    styles: documentStyles(),
    sections: [{ properties: PAGE, children }],
  })
  const zip = await Packer.toBuffer(doc, false, [
    { path: 'docProps/core.xml', data: coreXml(title, description, author, iso) },
  ])
  return fixZipTimestamps(new Uint8Array(zip.buffer, zip.byteOffset, zip.byteLength), date)
}
