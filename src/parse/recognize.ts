/**
 * Blocks → regeling tree. Tolerant of messy real text: it places what it can and keeps the rest
 * (as `kop` or `alinea`) where it stood, so that no word is ever lost.
 */
import type { PhrasingContent } from 'mdast'
import { toString as mdastToString } from 'mdast-util-to-string'
import type { Position } from 'unist'
import { contentOf, headingOf, lead, setHeading } from '../model/access.js'
import { DIVISION_RANK } from '../model/glossary.js'
import type {
  Aanhef,
  Alinea,
  Artikel,
  ArtikelToelichting,
  Bijlage,
  BodyContent,
  Division,
  DivisionType,
  Kop,
  Lid,
  Onderdeel,
  Ondertekening,
  Regeling,
  Subonderdeel,
  Tekst,
  Toelichting,
} from '../model/nodes.js'
import type { Block } from './blocks.js'
import { trimPhrasing } from './blocks.js'
import { tabelFromMdast } from './table.js'

/** An article or division number as written: `1`, `14a`, `1:2c`, `10d:5`, `2.3`, `IVA`, `VII B`. */
const SUFFIX = `(?:quinquies|quater|sexies|septies|octies|novies|decies|bis|ter|[a-z]{1,3})?`
export const NUM = String.raw`(?:\d+${SUFFIX}(?:[:.]\d+${SUFFIX})*\*?|[IVXLC]+(?:-[A-Z](?![\p{L}])| ?[A-Z](?![\p{L}]))?[a-z]{0,2})`
const ARTIKEL_RE = new RegExp(String.raw`^artikel\s+(${NUM})\.?(?:\s*[-–:.]\s+|\s+|$)`, 'iu')
const DIVISION_RE = new RegExp(
  String.raw`^(titel|hoofdstuk|afdeling|paragraaf|§)\s*(${NUM})\.?(?:\s*[-–:.]\s+|\s+|$)`,
  'iu',
)
const BIJLAGE_RE = new RegExp(String.raw`^bijlage(?:\s+(${NUM}))?\.?(?:\s*[-–:.]\s+|\s+|$)`, 'iu')
const TOELICHTING_RE = /^(?:(?:algemene|memorie van|nota van)\s+)?toelichting\b/iu
const ARTIKELTOELICHTING_RE = /^(?:toelichting\s+(?:op\s+|bij\s+)?)?(?:de\s+)?(?:artikel|artikelen|art\.)\s*\d/iu
const ONDERTEKENING_RE = /^ondertekening$/iu
/** `Artikel` or `Hoofdstuk` without a usable number: kept as a heading that could not be placed. */
const KEYWORD_WITHOUT_NUMBER_RE = /^(?:artikel|hoofdstuk|afdeling|paragraaf|titel|§)(?![\p{L}])/iu
/** Paragraphs that open the signature block after the last article. */
export const ONDERTEKENING_START =
  /^(?:Aldus vastgesteld|Gegeven te|Lasten en bevelen|Vastgesteld in de (?:openbare )?vergadering|Ondertekend)/u

type Container = Artikel | Lid | Onderdeel | Subonderdeel

interface Open {
  node: Container
  level: number
}

interface PendingHeading {
  block: Block
  /** Consolidation notes between the title and its article heading (`Treedt in werking per …`). */
  notes: Block[]
}

/** A consolidation note of wetten.overheid.nl: `Treedt in werking per 01-01-2016`, `[Vervallen per 01-01-2015]`. */
const NOTE_RE = /^\[?(?:Vervallen|Treedt in werking|Vervalt) per \d{1,2}-\d{1,2}-\d{4}\]?\.?$/u

function isNote(block: Block): boolean {
  if (block.kind !== 'para') return false
  const text = mdastToString({ type: 'paragraph', children: block.raw }).trim()
  return text.length < 60 && NOTE_RE.test(text)
}

/** The block after `i`, looking past consolidation notes (at most a few: they come one by one). */
function nextHeading(blocks: readonly Block[], i: number): Block | undefined {
  let j = i + 1
  while (j < blocks.length && j <= i + 4 && isNote(blocks[j] as Block)) j++
  return blocks[j]
}

interface DivisionFrame {
  node: Division | Bijlage
  rank: number
  depth: number
}

type Phase = 'start' | 'body' | 'ondertekening' | 'toelichting'

/** Build the regeling tree from blocks. */
export function recognize(blocks: Block[], meta: Record<string, unknown>): Regeling {
  return new Recognizer(meta).run(blocks)
}

class Recognizer {
  readonly root: Regeling
  private phase: Phase = 'start'
  private aanhef: Aanhef | undefined
  private hasOpschrift = false
  private divisions: DivisionFrame[] = []
  private artikel: { node: Artikel; depth: number } | undefined
  private open: Open[] = []
  private pending: PendingHeading | undefined
  private ondertekening: Ondertekening | undefined
  private toelichting: Toelichting | undefined
  private artikelToelichting: { node: ArtikelToelichting; depth: number } | undefined

  constructor(meta: Record<string, unknown>) {
    this.root = { type: 'regeling', data: { meta }, children: [] }
  }

  run(blocks: Block[]): Regeling {
    for (let i = 0; i < blocks.length; i++) {
      const block = blocks[i] as Block
      if (block.kind === 'heading') this.heading(block, nextHeading(blocks, i))
      else if (this.pending && isNote(block)) this.pending.notes.push(block)
      else {
        this.flushPending()
        this.content(block)
      }
    }
    this.flushPending()
    return this.root
  }

  // ---- headings -------------------------------------------------------------------------------

  private heading(block: Block, next: Block | undefined): void {
    const text = mdastToString({ type: 'paragraph', children: block.children }).trim()
    let m = ARTIKEL_RE.exec(text)
    if (m && this.phase !== 'toelichting') return this.startArtikel(block, m[1] as string, m[0].length, next)
    this.flushPending()
    if (this.phase === 'toelichting') return this.toelichtingHeading(block, text)
    m = DIVISION_RE.exec(text)
    // A roman number is written in capitals: `Titel van de wet` is no titel numbered `van`.
    if (m && /^[ivxlc]/.test(m[2] as string)) m = null
    if (m) {
      const label = m[1] as string
      const type = divisionType(label)
      return this.startDivision(block, type, m[2] as string, m[0].length, normaliseLabel(label))
    }
    m = BIJLAGE_RE.exec(text)
    if (m) return this.startBijlage(block, m[1] ?? '', m[0].length)
    if (TOELICHTING_RE.test(text) || (ARTIKELTOELICHTING_RE.test(text) && /^toelichting/iu.test(text))) {
      this.startToelichting()
      if (ARTIKELTOELICHTING_RE.test(text)) return this.toelichtingHeading(block, text)
      if (text !== 'Toelichting') setHeading(this.toelichting as Toelichting, block.children)
      extend(this.toelichting as Toelichting, block.position)
      return
    }
    if (ONDERTEKENING_RE.test(text)) {
      this.startOndertekening(block.position)
      return
    }
    if (KEYWORD_WITHOUT_NUMBER_RE.test(text)) return this.placeKop(block)
    this.keywordless(block, next)
  }

  private keywordless(block: Block, next: Block | undefined): void {
    if (this.phase === 'start' && !this.hasOpschrift) {
      this.hasOpschrift = true
      this.aanhef = undefined
      this.root.children.push({ type: 'opschrift', children: block.children, position: block.position })
      return
    }
    // Directly after an untitled, still empty division heading, deeper: its title (BWB layout
    // `### § 1`, `####Bevoegdheid tot het treffen van een regeling`, `### Artikel 1`), also when
    // an untitled article follows: the title line belongs to the heading it comes after.
    if (this.titlesDivision(block)) return
    // Directly before an untitled article heading at the same or a lower depth: its title.
    if (next?.kind === 'heading') {
      const nextText = mdastToString({ type: 'paragraph', children: next.children }).trim()
      const m = ARTIKEL_RE.exec(nextText)
      if (m && m[0].length >= nextText.length && block.depth >= next.depth) {
        this.pending = { block, notes: [] }
        return
      }
    }
    if (this.phase === 'start' || this.phase === 'ondertekening') {
      this.pushKop(block)
      return
    }
    // Directly after an untitled article heading, deeper: its title (laws-markdown, BWB layout).
    const artikel = this.artikel
    if (
      artikel &&
      block.depth > artikel.depth &&
      headingOf(artikel.node) === undefined &&
      contentOf(artikel.node).length === 0
    ) {
      setHeading(artikel.node, block.children)
      extend(artikel.node, block.position)
      return
    }
    this.placeKeywordless(block)
  }

  /** A title line directly after an untitled division heading (laws-markdown style) becomes its title. */
  private titlesDivision(block: Block): boolean {
    const top = this.divisions[this.divisions.length - 1]
    if (
      !top ||
      this.artikel ||
      headingOf(top.node) !== undefined ||
      contentOf(top.node).length > 0 ||
      block.depth <= top.depth
    )
      return false
    setHeading(top.node, block.children)
    extend(top.node, block.position)
    return true
  }

  /** A keywordless heading that is not a title: a heading inside an article, or a group. */
  private placeKeywordless(block: Block): void {
    if (this.artikel && block.depth > this.artikel.depth) {
      this.appendToArtikelLevel(kopOf(block))
      return
    }
    this.startDivision(block, 'paragraaf', '', 0, undefined, 4.5)
  }

  /** A heading that cannot be placed: keep it, as text, where it stands. */
  private placeKop(block: Block): void {
    if (this.phase === 'start' || this.phase === 'ondertekening') return this.pushKop(block)
    if (this.artikel) return this.appendToArtikelLevel(kopOf(block))
    this.appendBody(kopOf(block))
  }

  private flushPending(): void {
    const p = this.pending
    if (!p) return
    this.pending = undefined
    this.placeKeywordless(p.block)
    for (const note of p.notes) this.content(note)
  }

  private startArtikel(block: Block, num: string, prefix: number, next: Block | undefined): void {
    this.phase = 'body'
    this.closeArtikel()
    const heading = stripPrefix(block.children, prefix)
    const artikel: Artikel = { type: 'artikel', children: lead(num, heading), position: block.position }
    const pending = this.pending
    if (pending) {
      this.pending = undefined
      // A title both before and after the heading (laws-markdown, an article inserted or changed
      // later: `####Aspecten van arbobeleid`, `###Artikel 4`, `####Aanpassing arbeidsplaats …`):
      // the one after is the article's own; the one before is a heading of its own, placed as any
      // keywordless heading between articles is (so that fmt's output reads back the same).
      if (heading.length === 0 && !isTitleAfter(block, next)) {
        setHeading(artikel, pending.block.children)
        if (pending.block.position && block.position) {
          artikel.position = { start: pending.block.position.start, end: block.position.end }
        }
      } else this.placeKeywordless(pending.block)
    }
    this.appendBody(artikel)
    this.artikel = { node: artikel, depth: block.depth }
    this.open = [{ node: artikel, level: 0 }]
    // A consolidation note that stood between the title and the article heading opens the article.
    for (const note of pending?.notes ?? []) this.content(note)
  }

  private startDivision(
    block: Block,
    type: DivisionType,
    num: string,
    prefix: number,
    label: string | undefined,
    rank: number = DIVISION_RANK[type],
  ): void {
    if (this.phase === 'start' || this.phase === 'ondertekening') this.phase = 'body'
    this.closeArtikel()
    while (this.divisions.length > 0) {
      const top = this.divisions[this.divisions.length - 1] as DivisionFrame
      if (top.node.type === 'bijlage' || top.rank < rank) break
      this.divisions.pop()
    }
    const heading = stripPrefix(block.children, prefix)
    const division: Division = { type, children: lead(num, heading), position: block.position }
    if (label && label !== defaultLabel(type)) division.data = { label }
    this.appendBody(division)
    this.divisions.push({ node: division, rank, depth: block.depth })
  }

  private startBijlage(block: Block, num: string, prefix: number): void {
    this.closeArtikel()
    this.divisions = []
    this.phase = 'body'
    this.toelichting = undefined
    this.artikelToelichting = undefined
    const heading = stripPrefix(block.children, prefix)
    const bijlage: Bijlage = { type: 'bijlage', children: lead(num, heading), position: block.position }
    this.root.children.push(bijlage)
    this.divisions.push({ node: bijlage, rank: 0, depth: block.depth })
  }

  private startToelichting(): void {
    this.closeArtikel()
    this.divisions = []
    this.phase = 'toelichting'
    this.artikelToelichting = undefined
    this.toelichting = { type: 'toelichting', children: [] }
    this.root.children.push(this.toelichting)
  }

  private toelichtingHeading(block: Block, text: string): void {
    const toelichting = this.toelichting as Toelichting
    if (BIJLAGE_RE.test(text)) {
      const m = BIJLAGE_RE.exec(text) as RegExpExecArray
      return this.startBijlage(block, m[1] ?? '', m[0].length)
    }
    if (ARTIKELTOELICHTING_RE.test(text)) {
      const node: ArtikelToelichting = {
        type: 'artikeltoelichting',
        children: [{ type: 'koptekst', children: block.children }],
        position: block.position,
      }
      toelichting.children.push(node)
      extend(toelichting, block.position)
      this.artikelToelichting = { node, depth: block.depth }
      return
    }
    const kop = kopOf(block)
    const current = this.artikelToelichting
    if (current && block.depth > current.depth) {
      current.node.children.push(kop)
      extend(current.node, block.position)
    } else {
      this.artikelToelichting = undefined
      toelichting.children.push(kop)
    }
    extend(toelichting, block.position)
  }

  private startOndertekening(position: Position | undefined): void {
    this.closeArtikel()
    this.divisions = []
    this.phase = 'ondertekening'
    this.ondertekening = { type: 'ondertekening', children: [], position }
    this.root.children.push(this.ondertekening)
  }

  private closeArtikel(): void {
    this.artikel = undefined
    this.open = []
  }

  // ---- content ---------------------------------------------------------------------------------

  private content(block: Block): void {
    switch (this.phase) {
      case 'start':
        return this.appendAanhef(textOf(block))
      case 'ondertekening':
        return this.appendOndertekening(textOf(block))
      case 'toelichting': {
        const target = this.artikelToelichting?.node ?? (this.toelichting as Toelichting)
        target.children.push(textOf(block))
        extend(target, block.position)
        if (target !== this.toelichting) extend(this.toelichting as Toelichting, block.position)
        return
      }
      case 'body':
        return this.bodyContent(block)
    }
  }

  private bodyContent(block: Block): void {
    if (block.level === 0 && block.kind === 'para' && !block.marker && ONDERTEKENING_START.test(plain(block.raw))) {
      this.startOndertekening(block.position)
      return this.appendOndertekening(textOf(block))
    }
    if (!this.artikel) return this.appendBody(textOf(block))
    if (block.kind === 'other' || !block.marker) return this.unnumbered(block)
    this.numbered(block)
  }

  private unnumbered(block: Block): void {
    const tekst = textOf(block)
    if (block.level === 0) return this.appendToArtikelLevel(tekst)
    // A further paragraph of a list item: it belongs to the item at its level.
    while (this.open.length > 1 && (this.open[this.open.length - 1] as Open).level > block.level) this.open.pop()
    this.appendTo(this.open[this.open.length - 1] as Open, tekst, block.position)
  }

  private numbered(block: Block): void {
    const kind = block.markerKind
    const num = block.marker as string
    if (block.level === 0) {
      // A paragraph that starts with a number: place it by the kind of number.
      if (kind === 'lid') {
        this.open.length = 1
        return this.pushContainer(lid(num, block), 0)
      }
      if (kind === 'onderdeel' || kind === 'dash') {
        this.popTo((n) => n.type === 'lid' || n.type === 'artikel')
        return this.pushContainer(onderdeel(num, block), 0)
      }
      this.popTo((n) => n.type !== 'subonderdeel')
      const parent = this.top().node
      return this.pushContainer(parent.type === 'onderdeel' ? sub(num, block) : onderdeel(num, block), 0)
    }
    // A list item: its nesting says where it belongs, its number what it is.
    while (this.open.length > 1 && (this.open[this.open.length - 1] as Open).level >= block.level) this.open.pop()
    // A numbered list after leden written as paragraphs (`4a.` then `5.`): leden again, not nested.
    if (kind === 'lid' && this.open.every((o) => o.level === 0)) this.open.length = 1
    const parent = this.top().node
    let node: Container
    if (kind === 'lid' && parent.type === 'artikel') node = lid(num, block)
    else if (parent.type === 'artikel' || parent.type === 'lid') node = onderdeel(num, block)
    else if (parent.type === 'onderdeel') node = sub(num, block)
    else {
      this.open.pop()
      node = sub(num, block)
    }
    this.pushContainer(node, block.level)
  }

  private top(): Open {
    return this.open[this.open.length - 1] as Open
  }

  private popTo(accept: (n: Container) => boolean): void {
    while (this.open.length > 1 && !accept(this.top().node)) this.open.pop()
  }

  private pushContainer(node: Lid | Onderdeel | Subonderdeel, level: number): void {
    const parent = this.top()
    ;(parent.node.children as Array<typeof node>).push(node)
    this.extendOpen(node.position)
    this.open.push({ node, level })
  }

  private appendTo(open: Open, tekst: Tekst, position: Position | undefined): void {
    ;(open.node.children as Tekst[]).push(tekst)
    this.extendOpen(position)
  }

  private appendToArtikelLevel(tekst: Tekst): void {
    this.open.length = 1
    this.appendTo(this.top(), tekst, tekst.position)
  }

  private extendOpen(position: Position | undefined): void {
    for (const o of this.open) extend(o.node, position)
    for (const d of this.divisions) extend(d.node, position)
  }

  private appendBody(node: BodyContent): void {
    const parent = this.divisions[this.divisions.length - 1]
    if (parent) {
      parent.node.children.push(node)
      for (const d of this.divisions) extend(d.node, node.position)
    } else this.root.children.push(node)
  }

  private appendAanhef(tekst: Tekst): void {
    if (!this.aanhef) {
      this.aanhef = { type: 'aanhef', children: [], position: tekst.position }
      this.root.children.push(this.aanhef)
    }
    this.aanhef.children.push(tekst)
    extend(this.aanhef, tekst.position)
  }

  private appendOndertekening(tekst: Tekst): void {
    const o = this.ondertekening as Ondertekening
    o.children.push(tekst)
    extend(o, tekst.position)
  }

  private pushKop(block: Block): void {
    const kop = kopOf(block)
    if (this.phase === 'ondertekening') return this.appendOndertekening(kop)
    this.appendAanhef(kop)
  }
}

// ---- helpers -------------------------------------------------------------------------------------

/** A keywordless heading directly after an article heading, one level deeper: the article's title. */
function isTitleAfter(artikel: Block, next: Block | undefined): boolean {
  if (next?.kind !== 'heading' || next.depth <= artikel.depth) return false
  const text = plain(next.children)
  return (
    text !== '' &&
    !ARTIKEL_RE.test(text) &&
    !DIVISION_RE.test(text) &&
    !BIJLAGE_RE.test(text) &&
    !TOELICHTING_RE.test(text) &&
    !KEYWORD_WITHOUT_NUMBER_RE.test(text)
  )
}

function divisionType(label: string): DivisionType {
  const l = label.toLowerCase()
  if (l === '§') return 'paragraaf'
  return l as DivisionType
}

function normaliseLabel(label: string): string {
  if (label === '§') return '§'
  return label.charAt(0).toUpperCase() + label.slice(1).toLowerCase()
}

function defaultLabel(type: DivisionType): string {
  return type.charAt(0).toUpperCase() + type.slice(1)
}

function lid(num: string, block: Block): Lid {
  return { type: 'lid', children: [...lead(num), ...firstAlinea(block)] as Lid['children'], position: block.position }
}

function onderdeel(num: string, block: Block): Onderdeel {
  return {
    type: 'onderdeel',
    children: [...lead(num), ...firstAlinea(block)] as Onderdeel['children'],
    position: block.position,
  }
}

function sub(num: string, block: Block): Subonderdeel {
  return {
    type: 'subonderdeel',
    children: [...lead(num), ...firstAlinea(block)] as Subonderdeel['children'],
    position: block.position,
  }
}

function firstAlinea(block: Block): Alinea[] {
  if (block.children.length === 0) return []
  return [{ type: 'alinea', children: block.children, position: block.position }]
}

/** The block as plain text content: the marker, if any, stays part of the text. */
function textOf(block: Block): Tekst {
  if (block.kind === 'other' && block.node) {
    if (block.node.type === 'table') return tabelFromMdast(block.node)
    return { type: 'blok', children: [block.node], position: block.position }
  }
  const children = block.kind === 'item' && block.markerKind === 'lid' ? withNumber(block) : trimPhrasing(block.raw)
  return { type: 'alinea', children, position: block.position } satisfies Alinea
}

function withNumber(block: Block): PhrasingContent[] {
  const [first, ...rest] = block.children
  const prefix = `${block.marker}. `
  if (first?.type === 'text') return [{ type: 'text', value: prefix + first.value }, ...rest]
  return [{ type: 'text', value: prefix.trim() }, ...block.children]
}

function kopOf(block: Block): Kop {
  return { type: 'kop', children: block.children, position: block.position }
}

function plain(content: PhrasingContent[]): string {
  return mdastToString({ type: 'paragraph', children: content }).trim()
}

/** Remove the first `length` characters of plain text (keyword and number) from a heading. */
export function stripPrefix(content: PhrasingContent[], length: number): PhrasingContent[] {
  if (length === 0) return content
  let remaining = length
  const out: PhrasingContent[] = []
  let i = 0
  // Leading white space is not counted in the regex match: skip it first.
  for (; i < content.length && remaining > 0; i++) {
    const node = content[i] as PhrasingContent
    if (node.type !== 'text') {
      const len = mdastToString(node).length
      remaining -= len
      continue
    }
    const value = node.value.replace(/^\s+/, i === 0 ? '' : (node.value.match(/^\s*/)?.[0] ?? ''))
    if (value.length > remaining) {
      out.push({ ...node, value: value.slice(remaining) })
      remaining = 0
      i++
      break
    }
    remaining -= value.length
  }
  return trimPhrasing([...out, ...content.slice(i)])
}

function extend(node: { position?: Position | undefined }, position: Position | undefined): void {
  if (!position) return
  if (!node.position) {
    node.position = { start: position.start, end: position.end }
    return
  }
  if (
    position.end.line > node.position.end.line ||
    (position.end.line === node.position.end.line && position.end.column > node.position.end.column)
  ) {
    node.position = { start: node.position.start, end: position.end }
  }
}
