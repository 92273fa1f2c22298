/**
 * mdast → a flat list of blocks (headings, paragraphs, list items) with the number each one starts
 * with, as written. The recognizer builds the regeling tree from these blocks; it never looks at
 * list positions, only at the numbers the text itself carries.
 */
import type { List, ListItem, Paragraph, PhrasingContent, Root, RootContent, Text } from 'mdast'
import type { Point, Position } from 'unist'
import { type TableWarning, tablesInParagraph } from './table.js'

export type MarkerKind = 'lid' | 'onderdeel' | 'sub' | 'dash'

export interface Block {
  kind: 'heading' | 'para' | 'item' | 'other'
  /** Heading depth (1–6); 0 for other blocks. */
  depth: number
  /** List nesting: 0 outside lists, 1 in a top-level list item, 2 nested once, ... */
  level: number
  /** The number the block starts with, as written (`1`, `2a`, `a`, `1°`), or `-` for a dash item. */
  marker?: string
  markerKind?: MarkerKind
  /** Content after the marker. */
  children: PhrasingContent[]
  /** Content including the marker, for when the recognizer decides the marker is plain text. */
  raw: PhrasingContent[]
  /** For `other` blocks: the mdast node. */
  node?: RootContent
  position?: Position
}

/** `1.`, `2a.`, `12)` */
const LID = /^(\d{1,3}[a-z]{0,2})[.)](?=\s|$)[ \t\u00a0]*/
/**
 * `a.`, `bb.`, `c)`; also glued to the word (`d.toezichthouder`) or number (`a.10 uren per dienst`,
 * as the BWB text of the Arbeidstijdenwet of 2014-04-15 has it), but not `c.q.` or `o.a.`
 */
const OND = /^([a-z]{1,2})(?:[.)](?=\s)|\.(?=\p{L}{2}|\p{N}))[ \t\u00a0]*/u
/** `1°.`, `2°`, and the older `1e.`, `2e.` */
const SUB = /^(\d{1,3}°|\d{1,2}e(?=\.))(?:\.|(?=\s|$))[ \t\u00a0]*/
/**
 * `-`, `–`, `—`, `•`; a dash other than the hyphen also glued to a lower-case word (`–ministers en
 * staatssecretarissen;`, as the BWB text of the Ambtenarenwet of 2014-04-15 has it)
 */
const DASH = /^([-–—•](?=\s)|[–—•](?=\p{Ll}))[ \t\u00a0]*/u

/** Abbreviations that look like an onderdeel letter but start a sentence. */
const NOT_LETTERS = new Set(['bv', 'nb', 'ca', 'zo', 'en', 'of', 'nr', 'jo'])

interface Match {
  marker: string
  kind: MarkerKind
  length: number
}

/** The number a piece of text starts with, if any. */
export function matchMarker(text: string, allowDash = true): Match | undefined {
  let m = SUB.exec(text)
  if (m) return { marker: m[1] as string, kind: 'sub', length: m[0].length }
  m = LID.exec(text)
  if (m) return { marker: m[1] as string, kind: 'lid', length: m[0].length }
  m = OND.exec(text)
  if (m && !NOT_LETTERS.has(m[1] as string)) return { marker: m[1] as string, kind: 'onderdeel', length: m[0].length }
  if (allowDash) {
    m = DASH.exec(text)
    if (m) return { marker: '-', kind: 'dash', length: m[0].length }
  }
  return undefined
}

class LineIndex {
  private readonly starts: number[] = [0]
  constructor(readonly source: string) {
    for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) this.starts.push(i + 1)
  }
  /** Offset of the first non-blank character of 1-based `line`. */
  lineStart(line: number): number {
    let o = this.starts[line - 1] ?? this.source.length
    while (o < this.source.length && /[ \t\u00a0]/.test(this.source[o] as string)) o++
    return o
  }
  /** The text and start offset of 1-based `line`, without its line end. */
  line(line: number): { text: string; offset: number; number: number } | undefined {
    const start = this.starts[line - 1]
    if (start === undefined) return undefined
    const next = this.starts[line]
    const end = next === undefined ? this.source.length : next - 1
    return { text: this.source.slice(start, end), offset: start, number: line }
  }
  point(offset: number): Point {
    let lo = 0
    let hi = this.starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if ((this.starts[mid] as number) <= offset) lo = mid
      else hi = mid - 1
    }
    return { line: lo + 1, column: offset - (this.starts[lo] as number) + 1, offset }
  }
}

/** Flatten an mdast root into blocks. `source` is the text the root was parsed from. */
export function toBlocks(root: Root, source: string, tableWarnings?: TableWarning[]): Block[] {
  const collector = new BlockCollector(source)
  collector.add(root.children)
  tableWarnings?.push(...collector.tableWarnings)
  return collector.blocks
}

/**
 * Flattens top-level mdast nodes into blocks as they come, so that a large text's mdast can be
 * dropped chunk by chunk (see parse/markdown.ts) instead of being held whole.
 */
export class BlockCollector {
  readonly blocks: Block[] = []
  /** Problems with tables found in paragraphs (in list items), for placed warnings. */
  readonly tableWarnings: TableWarning[] = []
  private readonly index: LineIndex
  constructor(source: string) {
    this.index = new LineIndex(source)
  }
  /** Add the next top-level nodes, in document order. */
  add(nodes: readonly RootContent[]): void {
    const out = this.blocks
    const index = this.index
    // An explicit stack, not recursion: lists nested thousands deep must not overflow the call stack.
    const stack: Task[] = nodes.map((node) => ({ node, level: 0 })).reverse()
    for (let task = stack.pop(); task; task = stack.pop()) {
      const next =
        'item' in task
          ? visitItem(task.item, task.list, task.level, out, index, this.tableWarnings)
          : visitBlock(task.node, task.level, out, index, this.tableWarnings)
      for (let i = next.length - 1; i >= 0; i--) stack.push(next[i] as Task)
    }
  }
}

type Task = { node: RootContent; level: number } | { item: ListItem; list: List; level: number }

/** Emit the block for `node`; return what must be visited next, in order. */
function visitBlock(
  node: RootContent,
  level: number,
  out: Block[],
  index: LineIndex,
  warnings: TableWarning[],
): Task[] {
  switch (node.type) {
    case 'heading':
      if (level > 0) break
      out.push({
        kind: 'heading',
        depth: node.depth,
        level: 0,
        children: trimPhrasing(node.children),
        raw: node.children,
        position: node.position,
      })
      return []
    case 'paragraph': {
      // A pipe table in the paragraph (one in a list item; see parse/table.ts) is a block of its own.
      const parts = tablesInParagraph(node, (n) => index.line(n), warnings)
      if (parts) return parts.map((part) => ({ node: part, level }))
      for (const segment of splitParagraphInto(node, index)) out.push(segmentBlock(segment, level, index))
      return []
    }
    case 'list':
      return node.children.map((item) => ({ item, list: node, level: level + 1 }))
    default:
      break
  }
  out.push({ kind: 'other', depth: 0, level, children: [], raw: [], node, position: node.position })
  return []
}

function visitItem(
  item: ListItem,
  list: List,
  level: number,
  out: Block[],
  index: LineIndex,
  warnings: TableWarning[],
): Task[] {
  let [first, ...rest] = item.children
  if (first?.type === 'paragraph') {
    // A table in the item's first paragraph: the text before it is the item's own text.
    const parts = tablesInParagraph(first, (n) => index.line(n), warnings)
    if (parts) {
      const [head, ...tail] = parts
      first = head?.type === 'paragraph' ? head : undefined
      rest = [...(head?.type === 'paragraph' ? tail : parts), ...rest] as ListItem['children']
    }
  }
  if (first?.type === 'list' && !list.ordered) {
    // `- 1. tekst`: a bullet that only wraps an ordered list.
    return [
      ...first.children.map((child) => ({ item: child, list: first, level })),
      ...rest.map((node) => ({ node, level })),
    ]
  }
  const block: Block = { kind: 'item', depth: 0, level, children: [], raw: [], position: item.position }
  if (list.ordered) {
    const offset = item.position?.start.offset ?? 0
    const m = /^(\d+)[.)]/.exec(index.source.slice(offset, offset + 12))
    block.marker = m ? (m[1] as string) : String(list.start ?? 1)
    block.markerKind = 'lid'
  }
  let remaining = rest
  if (first?.type === 'paragraph') {
    const [head, ...tail] = splitParagraphInto(first, index)
    const content = head?.children ?? []
    block.raw = content
    if (list.ordered) block.children = trimPhrasing(content)
    else {
      // The bullet is the dash: a second dash in the text is text.
      const m = markerOf(content, index, first.position?.start, false)
      block.marker = m?.marker ?? '-'
      block.markerKind = m?.kind ?? 'dash'
      block.children = m ? stripLeading(content, m.length) : trimPhrasing(content)
    }
    out.push(block)
    for (const segment of tail) out.push(segmentBlock(segment, level, index))
  } else {
    if (!list.ordered) {
      block.marker = '-'
      block.markerKind = 'dash'
    }
    out.push(block)
    remaining = first ? [first, ...rest] : rest
  }
  return remaining.map((node) => ({ node, level }))
}

interface Segment {
  children: PhrasingContent[]
  start: Point | undefined
  end: Point | undefined
}

function segmentBlock(segment: Segment, level: number, index: LineIndex): Block {
  const position = segment.start && segment.end ? { start: segment.start, end: segment.end } : undefined
  const block: Block = { kind: 'para', depth: 0, level, children: [], raw: segment.children, position }
  const m = markerOf(segment.children, index, segment.start)
  if (m) {
    block.marker = m.marker
    block.markerKind = m.kind
    block.children = stripLeading(segment.children, m.length)
  } else block.children = trimPhrasing(segment.children)
  return block
}

/** The marker at the start of `content`, if the source really has it there (not escaped). */
function markerOf(
  content: PhrasingContent[],
  index: LineIndex,
  start: Point | undefined,
  allowDash = true,
): Match | undefined {
  const first = content[0]
  if (first?.type !== 'text') return undefined
  const text = first.value.replace(/^[ \t\u00a0]+/, '')
  const m = matchMarker(text, allowDash)
  if (!m) return undefined
  const offset = start?.offset
  if (offset === undefined) return m
  // The number and the character after it must stand in the source as they are in the text:
  // `a\.` (escaped) or `&#49;°` (an entity) is plain text, not a number.
  const raw = index.source.slice(offset, offset + m.marker.length + 1)
  if (m.kind === 'dash') return /[-–—•]/.test(raw.charAt(0)) ? m : undefined
  return raw === text.slice(0, m.marker.length + 1) ? m : undefined
}

/**
 * Split a paragraph where a line starts with a number: real texts glue leden and onderdelen into
 * one paragraph with (hard) line breaks.
 */
function splitParagraphInto(node: Paragraph, index: LineIndex): Segment[] {
  const segments: Segment[] = []
  let current: PhrasingContent[] = []
  let start: Point | undefined = node.position?.start
  let lastEnd: Point | undefined = node.position?.start
  const flush = (end: Point | undefined) => {
    if (current.length > 0 || segments.length === 0) segments.push({ children: current, start, end })
    current = []
  }
  const children = node.children
  for (let i = 0; i < children.length; i++) {
    const child = children[i] as PhrasingContent
    if (child.type === 'break') {
      const next = children[i + 1]
      if (next?.type === 'text' && startsWithMarkerLine(next, index)) {
        flush(child.position?.start ?? lastEnd)
        start = next.position?.start
        continue
      }
    }
    if (child.type === 'text' && child.value.includes('\n')) {
      const pieces = splitTextAtMarkerLines(child, index)
      for (let p = 0; p < pieces.length; p++) {
        const piece = pieces[p] as { text: Text; start: Point | undefined }
        if (p > 0) {
          flush(piece.start)
          start = piece.start
        }
        if (piece.text.value !== '') current.push(piece.text)
      }
      lastEnd = child.position?.end ?? lastEnd
      continue
    }
    current.push(child)
    lastEnd = child.position?.end ?? lastEnd
  }
  flush(node.position?.end ?? lastEnd)
  return segments
}

function startsWithMarkerLine(text: Text, index: LineIndex): boolean {
  const line = text.position?.start.line
  if (line === undefined) return matchMarker(text.value.trimStart(), true) !== undefined
  const offset = index.lineStart(line)
  return matchMarker(index.source.slice(offset, offset + 16)) !== undefined
}

function splitTextAtMarkerLines(text: Text, index: LineIndex): Array<{ text: Text; start: Point | undefined }> {
  const lines = text.value.split('\n')
  const pieces: Array<{ text: Text; start: Point | undefined }> = []
  let buffer = lines[0] as string
  let bufferStart = text.position?.start
  const startLine = text.position?.start.line
  for (let k = 1; k < lines.length; k++) {
    const line = lines[k] as string
    let splits = false
    let at: Point | undefined
    if (startLine !== undefined) {
      const offset = index.lineStart(startLine + k)
      splits =
        matchMarker(index.source.slice(offset, offset + 16)) !== undefined &&
        matchMarker(line.trimStart()) !== undefined
      at = index.point(offset)
    } else splits = matchMarker(line.trimStart()) !== undefined
    if (splits) {
      pieces.push({ text: { type: 'text', value: trimEndSpaceTab(buffer) }, start: bufferStart })
      buffer = line.trimStart()
      bufferStart = at
    } else buffer += `\n${line}`
  }
  pieces.push({ text: { type: 'text', value: buffer }, start: bufferStart })
  return pieces
}

/** Remove `length` characters (the marker) from the start, then trim. */
function stripLeading(content: PhrasingContent[], length: number): PhrasingContent[] {
  const [first, ...rest] = content
  if (first?.type !== 'text') return trimPhrasing(content)
  const value = first.value.replace(/^[ \t\u00a0]+/, '').slice(length)
  return trimPhrasing(value === '' ? rest : [{ ...first, value }, ...rest])
}

/** Trim white space at both ends of inline content (and a trailing hard break). */
export function trimPhrasing(content: PhrasingContent[]): PhrasingContent[] {
  const out = [...content]
  while (out.length > 0 && out[out.length - 1]?.type === 'break') out.pop()
  const first = out[0]
  if (first?.type === 'text') {
    const value = first.value.replace(/^[\s\u00a0]+/, '')
    if (value === '') out.shift()
    else out[0] = { ...first, value }
  }
  const last = out[out.length - 1]
  if (last?.type === 'text') {
    // trimEnd, not /[\s\u00a0]+$/: that regex retries at every space of a long run (quadratic).
    const value = last.value.trimEnd()
    if (value === '') out.pop()
    else out[out.length - 1] = { ...last, value }
  }
  return out
}

/** `s` without trailing spaces and tabs, in linear time (`/[ \t]+$/` is quadratic on long runs). */
function trimEndSpaceTab(s: string): string {
  let end = s.length
  while (end > 0 && (s.charCodeAt(end - 1) === 32 || s.charCodeAt(end - 1) === 9)) end--
  return s.slice(0, end)
}
