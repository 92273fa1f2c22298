/**
 * Import a CVDR page as HTML (lokaleregelgeving.overheid.nl, decentrale.regelgeving.overheid.nl
 * XHTML output) into the canonical Markdown body plus front-matter values.
 *
 * The page is read with parse5 (the HTML parsing algorithm browsers use, so broken markup and cut
 * excerpts read as a browser shows them) and flattened into the source lines of the plain-text
 * importer: one line per block, list items marked with their nesting and number, table rows as
 * cells, headings marked. From there both importers are the same code. Class names are hardly
 * relied upon (only as a hint for numbers outside lists): the CVDR markup has changed over the
 * years, the text and its nesting have not.
 */
import { type DefaultTreeAdapterTypes, parse } from 'parse5'
import { importLines, type LinkSpan, normalizeSpace, type SourceLine } from './plain-text.js'
import type { ImportResult } from './result.js'

type ChildNode = DefaultTreeAdapterTypes.ChildNode
type Element = DefaultTreeAdapterTypes.Element
type ParentNode = DefaultTreeAdapterTypes.ParentNode
type TextNode = DefaultTreeAdapterTypes.TextNode

/** Import the HTML of a CVDR page. Never throws on content. */
export function importCvdrHtml(html: string): ImportResult {
  if (typeof html !== 'string') throw new TypeError('importCvdrHtml(html): pass the page as a string')
  const document = parse(html, { sourceCodeLocationInfo: true })
  // The walk below recurses along the nesting: a page nested deeper than any real one is refused
  // first, with its place, instead of overflowing the call stack.
  const deep = tooDeepElement(document)
  if (deep) {
    const place = elementPlace(deep) ?? { line: 1, column: 1 }
    return {
      meta: {},
      markdown: '',
      warnings: [
        {
          message: `De HTML is hier meer dan ${MAX_HTML_DEPTH} elementen diep genest; een CVDR-pagina is hoogstens enkele tientallen niveaus diep. Is dit de goede pagina? Sla anders de tekst op als platte tekst en importeer die`,
          ...place,
          ruleId: 'te-diep-genest',
          fatal: true,
        },
      ],
    }
  }
  const lines = htmlToLines(contentRoot(document))
  const rows = html.split(/\r\n?|\n/)
  return importLines(lines, {
    cutOff: !/<\/(?:body|html)>\s*$/iu.test(html),
    end: { line: rows.length, column: (rows[rows.length - 1] ?? '').length + 1 },
  })
}

/** Deepest element nesting the importer reads; real CVDR pages stay below 40. */
export const MAX_HTML_DEPTH = 256

/** The first element nested deeper than MAX_HTML_DEPTH (an explicit stack, no recursion). */
function tooDeepElement(document: DefaultTreeAdapterTypes.Document): Element | undefined {
  const stack: Array<{ node: ParentNode; depth: number }> = [{ node: document, depth: 0 }]
  for (let top = stack.pop(); top; top = stack.pop()) {
    for (const child of top.node.childNodes) {
      if (!isElement(child)) continue
      if (top.depth + 1 > MAX_HTML_DEPTH) return child
      stack.push({ node: child, depth: top.depth + 1 })
      // `<template>` content is a separate fragment.
      if (child.tagName === 'template' && 'content' in child)
        stack.push({ node: (child as DefaultTreeAdapterTypes.Template).content, depth: top.depth + 1 })
    }
  }
  return undefined
}

/** The element that holds the page's content: `<main>` when there is one, else `<body>`. */
function contentRoot(document: DefaultTreeAdapterTypes.Document): ParentNode {
  const main = findElement(document, (el) => el.tagName === 'main' || attr(el, 'role') === 'main')
  return main ?? findElement(document, (el) => el.tagName === 'body') ?? document
}

/** The first element in document order that passes `test` (an explicit stack, no recursion). */
function findElement(node: ParentNode, test: (el: Element) => boolean): Element | undefined {
  const stack: ChildNode[] = [...node.childNodes].reverse()
  for (let child = stack.pop(); child; child = stack.pop()) {
    if (!isElement(child)) continue
    if (test(child)) return child
    for (let i = child.childNodes.length - 1; i >= 0; i--) stack.push(child.childNodes[i] as ChildNode)
  }
  return undefined
}

function isElement(node: ChildNode): node is Element {
  return 'tagName' in node
}

function isText(node: ChildNode): node is TextNode {
  return node.nodeName === '#text'
}

function attr(el: Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value
}

// ---- HTML → lines --------------------------------------------------------------------------------

/** Page furniture and things that are not text. */
const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'nav',
  'form',
  'button',
  'input',
  'select',
  'textarea',
  'svg',
  'math',
  'iframe',
  'object',
  'canvas',
  'img',
  'audio',
  'video',
])

/** Elements that start a line of their own. */
const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'caption',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'main',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'tfoot',
  'thead',
  'ul',
])

/**
 * Classes of the element that holds a number in overheid.nl markup (`<span class="lidnr ol">`,
 * `<span class="ol">` for `li.nr`): a hint for numbers outside a list, as in `<div class="lid">`.
 */
const NUMBER_CLASS = /(?:^|\s)(?:ol|lidnr|li-nr|linr)(?:\s|$)/u

interface Context {
  /** Number of list items around the node. */
  depth: number
  heading: boolean
}

interface Place {
  line: number
  column: number
}

/** A link boundary in the text being collected: where an `<a href>` opens (with its URL) or closes. */
interface LinkMark {
  at: number
  url: string | undefined
}

/** Collects inline text into lines. */
class LineWriter {
  readonly lines: SourceLine[] = []
  private text = ''
  /** Link boundaries in `text`, in order. */
  private marks: LinkMark[] = []
  /** The URLs of the links open around the current point (a link inside a link is not followed). */
  private readonly open: string[] = []
  private place: Place | undefined
  private indent = 0
  private heading = false
  /** The line starts with a number element (`<span class="lidnr ol">`). */
  private numbered = false
  /** A list item has started and its first line is still to come. */
  private pendingItem: { indent: number; marker: string | undefined; place: Place | undefined } | undefined

  /** Add inline text, written in `context`. */
  add(value: string, context: Context, place: Place | undefined): void {
    if (this.text.trim() === '' && value.trim() !== '') {
      this.place = place
      this.indent = context.depth > 0 ? 2 * context.depth + 2 : 0
      this.heading = context.heading
    }
    this.text += value
  }

  /** The element about to be written holds a lid or onderdeel number. */
  number(): void {
    if (this.text.trim() === '') this.numbered = true
  }

  /** A link to `url` starts here. */
  openLink(url: string): void {
    this.open.push(url)
    if (this.open.length === 1) this.marks.push({ at: this.text.length, url })
  }

  /** The innermost open link ends here. */
  closeLink(): void {
    this.open.pop()
    if (this.open.length === 0) this.marks.push({ at: this.text.length, url: undefined })
  }

  /** End the current line. A link that goes on over a line break is continued on the next line. */
  flush(): void {
    const url = this.open[0]
    if (url !== undefined) this.marks.push({ at: this.text.length, url: undefined })
    const { text, links } = normalizeLinked(this.text, this.marks)
    const numbered = this.numbered
    this.text = ''
    this.marks = url === undefined ? [] : [{ at: 0, url }]
    this.numbered = false
    if (text === '') return
    // A bare number (`1` in `<span class="lidnr">`) gets the dot the text importer expects of it.
    const marked = numbered && /^(?:\d{1,3}[a-z]{0,2}|[a-z])$/u.test(text) ? `${text}.` : text
    const fields: Omit<SourceLine, 'line' | 'column'> = { text: marked, indent: this.indent, heading: this.heading }
    if (links.length > 0) fields.links = links
    this.push(fields, this.place)
  }

  startItem(depth: number, marker: string | undefined, place: Place | undefined): void {
    this.flush()
    this.endItem()
    this.pendingItem = { indent: 2 * depth, marker, place }
  }

  /** An item that ends before any text of its own still counts (`<li></li>`, `<li><ul>…`). */
  endItem(): void {
    const item = this.pendingItem
    if (!item) return
    this.pendingItem = undefined
    this.lines.push(this.line({ text: '', indent: item.indent, bullet: true, marker: item.marker }, item.place))
  }

  row(cells: string[], context: Context, place: Place | undefined, rowSpan = false): void {
    this.flush()
    if (cells.every((c) => c === '')) return
    const indent = context.depth > 0 ? 2 * context.depth + 2 : 0
    const fields: Omit<SourceLine, 'line' | 'column'> = { text: cells.filter((c) => c !== '').join(' '), indent, cells }
    if (rowSpan) fields.rowSpan = true
    this.push(fields, place)
  }

  private push(fields: Omit<SourceLine, 'line' | 'column'>, place: Place | undefined): void {
    const item = this.pendingItem
    if (item) {
      this.pendingItem = undefined
      fields.indent = item.indent
      fields.bullet = true
      if (item.marker) fields.marker = item.marker
    }
    this.lines.push(this.line(fields, place ?? item?.place))
  }

  private line(fields: Omit<SourceLine, 'line' | 'column'>, place: Place | undefined): SourceLine {
    const line: SourceLine = { ...fields, line: place?.line ?? 1, column: place?.column ?? 1 }
    if (!line.heading) delete line.heading
    return line
  }
}

function htmlToLines(root: ParentNode): SourceLine[] {
  const writer = new LineWriter()
  walkChildren(root, { depth: 0, heading: false }, writer)
  writer.flush()
  writer.endItem()
  return writer.lines
}

function walkChildren(node: ParentNode, context: Context, writer: LineWriter): void {
  for (const child of node.childNodes) walk(child, context, writer)
}

function walk(node: ChildNode, context: Context, writer: LineWriter): void {
  if (isText(node)) return writer.add(node.value, context, textPlace(node))
  if (!isElement(node) || isHidden(node)) return
  const tag = node.tagName
  if (tag === 'br') return writer.flush()
  if (tag === 'tr') return writer.row(cellTexts(node), context, elementPlace(node), spansRows(node))
  if (tag === 'ul' || tag === 'ol') return walkList(node, context, writer)
  if (tag === 'li') return walkItem(node, undefined, context, writer)
  if (tag === 'a') {
    const url = linkTarget(attr(node, 'href'))
    if (url === undefined) return walkChildren(node, context, writer)
    writer.openLink(url)
    walkChildren(node, context, writer)
    return writer.closeLink()
  }
  if (!BLOCKS.has(tag)) {
    if (NUMBER_CLASS.test(attr(node, 'class') ?? '')) writer.number()
    return walkChildren(node, context, writer)
  }
  writer.flush()
  walkChildren(node, { ...context, heading: context.heading || /^h[1-6]$/u.test(tag) }, writer)
  writer.flush()
}

/**
 * The target of a link worth keeping: a web address (`https://wetten.overheid.nl/…`, CVDR,
 * EUR-Lex) or an e-mail address. Anchors inside the page (`#artikel_3`), relative links (their
 * base is not known once the text leaves the page) and `javascript:` are dropped; their text stays.
 * White space a URL attribute may hold (line breaks in long hrefs) is not part of it, as in a browser.
 */
function linkTarget(href: string | undefined): string | undefined {
  if (href === undefined) return undefined
  const url = href.replace(/[\t\n\r]/gu, '').trim()
  if (!/^(?:https?:\/\/[^\s/?#]|mailto:[^\s])/iu.test(url)) return undefined
  // Other control characters cannot be written in Markdown at all: such a link is not kept.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for them is the point
  if (/[\u0000-\u001f\u007f]/u.test(url)) return undefined
  return url
}

/**
 * Normalise white space as `normalizeSpace` does, keeping the links: `marks` are link boundaries
 * as offsets into `raw`; the result has them as spans of the normalised text. A link without
 * visible text is dropped; white space at a link's edges is left outside it.
 */
function normalizeLinked(raw: string, marks: readonly LinkMark[]): { text: string; links: LinkSpan[] } {
  if (marks.length === 0) return { text: normalizeSpace(raw), links: [] }
  let out = ''
  let space = false
  const at: number[] = new Array(raw.length + 1)
  for (let i = 0; i < raw.length; i++) {
    at[i] = out.length + (space && out !== '' ? 1 : 0)
    const c = raw.charAt(i)
    if (/[\u200b-\u200d\u2060]/u.test(c)) continue
    if (/\s/u.test(c)) {
      space = true
      continue
    }
    if (space && out !== '') out += ' '
    space = false
    out += c
  }
  at[raw.length] = out.length
  const links: LinkSpan[] = []
  for (let k = 0; k < marks.length; k++) {
    const open = marks[k] as LinkMark
    if (open.url === undefined) continue
    const close = marks[k + 1]
    let start = Math.min(at[open.at] as number, out.length)
    let end = Math.min(at[close?.at ?? raw.length] as number, out.length)
    while (start < end && out.charAt(start) === ' ') start++
    while (end > start && out.charAt(end - 1) === ' ') end--
    if (end > start) links.push({ start, end, url: open.url })
  }
  return { text: out, links }
}

function isHidden(el: Element): boolean {
  if (SKIPPED.has(el.tagName)) return true
  if (isPageChrome(el)) return true
  if (attr(el, 'hidden') !== undefined || attr(el, 'aria-hidden') === 'true') return true
  return /display\s*:\s*none/iu.test(attr(el, 'style') ?? '')
}

/** `<ol>` gives its items numbers (`type`, `start`, `value`); `<ul>` items carry theirs in the text. */
function walkList(list: Element, context: Context, writer: LineWriter): void {
  writer.flush()
  const ordered = list.tagName === 'ol'
  const type = attr(list, 'type') ?? '1'
  let n = Number.parseInt(attr(list, 'start') ?? '1', 10) || 1
  for (const child of list.childNodes) {
    if (isElement(child) && child.tagName === 'li') {
      const value = Number.parseInt(attr(child, 'value') ?? '', 10)
      if (!Number.isNaN(value)) n = value
      walkItem(child, ordered ? `${listNumber(n, type)}.` : undefined, context, writer)
      n++
    } else walk(child, context, writer)
  }
  writer.flush()
  writer.endItem()
}

function walkItem(item: Element, marker: string | undefined, context: Context, writer: LineWriter): void {
  const depth = context.depth + 1
  writer.startItem(depth, marker, elementPlace(item))
  walkChildren(item, { ...context, depth }, writer)
  writer.flush()
  writer.endItem()
}

/** The number an `<ol type>` shows for item `n`: `3`, `c`, `C`, `iii`, `III`. */
function listNumber(n: number, type: string): string {
  if (type === 'a' || type === 'A') {
    let s = ''
    for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(97 + ((k - 1) % 26)) + s
    return type === 'A' ? s.toUpperCase() : s
  }
  if (type === 'i' || type === 'I') return type === 'I' ? roman(n) : roman(n).toLowerCase()
  return String(n)
}

function roman(n: number): string {
  const table: Array<[number, string]> = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ]
  let rest = n
  let out = ''
  for (const [value, letters] of table) {
    while (rest >= value) {
      out += letters
      rest -= value
    }
  }
  return out
}

/**
 * The text of each cell of a table row; blocks inside a cell are joined with spaces. A cell over
 * several columns (`colspan`) is followed by empty cells, so that the columns stay in line.
 */
function cellTexts(row: Element): string[] {
  const out: string[] = []
  for (const cell of cellsOf(row)) {
    out.push(normalizeSpace(textContent(cell)))
    const span = Math.min(Number.parseInt(attr(cell, 'colspan') ?? '1', 10) || 1, MAX_SPAN)
    for (let k = 1; k < span; k++) out.push('')
  }
  return out
}

/** The widest `colspan` honoured; a real table has a handful of columns. */
const MAX_SPAN = 50

function cellsOf(row: Element): Element[] {
  return row.childNodes.filter(
    (c): c is Element => isElement(c) && (c.tagName === 'td' || c.tagName === 'th') && !isHidden(c),
  )
}

/** A cell of the row reaches into the rows below (`rowspan`). */
function spansRows(row: Element): boolean {
  return cellsOf(row).some((cell) => (Number.parseInt(attr(cell, 'rowspan') ?? '1', 10) || 1) > 1)
}

function textContent(node: ParentNode): string {
  let out = ''
  for (const child of node.childNodes) {
    if (isText(child)) out += child.value
    else if (isElement(child) && !isHidden(child)) {
      const block = BLOCKS.has(child.tagName) || child.tagName === 'li' || child.tagName === 'br'
      out += block ? ` ${textContent(child)} ` : textContent(child)
    }
  }
  return out
}

/** The page's own header and footer (not those of an article inside it). */
function isPageChrome(el: Element): boolean {
  const parent = el.parentNode
  return (
    (el.tagName === 'header' || el.tagName === 'footer') &&
    parent !== null &&
    'tagName' in parent &&
    parent.tagName === 'body'
  )
}

// ---- places in the source ------------------------------------------------------------------------

/** Where the first visible character of a text node is. */
function textPlace(node: TextNode): Place | undefined {
  const location = node.sourceCodeLocation
  if (!location) return undefined
  const lead = /^\s*/u.exec(node.value)?.[0] ?? ''
  const breaks = lead.split('\n')
  if (breaks.length === 1) return { line: location.startLine, column: location.startCol + lead.length }
  return { line: location.startLine + breaks.length - 1, column: (breaks[breaks.length - 1] as string).length + 1 }
}

function elementPlace(el: Element): Place | undefined {
  const location = el.sourceCodeLocation
  return location ? { line: location.startLine, column: location.startCol } : undefined
}
