/**
 * Plain text of inline content, with the place of every character in the file, so that a rule can
 * point at the very words it complains about (`artikel 31` on line 40, column 17), not just at the
 * start of a long paragraph.
 */
import type { PhrasingContent } from 'mdast'
import type { Point } from 'unist'
import type { FrontMatter } from '../parse/frontmatter.js'
import { normaliseHeadings } from '../parse/index.js'

/** The text the parser's offsets refer to, with a line index. */
export interface Source {
  text: string
  readonly lineStarts: number[]
}

/** Plain text of inline content; `offsets[i]` is the source offset of `text[i]`, or -1. */
export interface PlainText {
  text: string
  offsets: number[]
}

/**
 * The source as the Markdown parser saw it: the body with the front-matter blanked, and headings
 * written without a space after `#` normalised as `parseText` does (so offsets match).
 */
export function sourceOf(fm: FrontMatter): Source {
  // Built once per text and shared by the rules: on a text of millions of lines the line index
  // alone is tens of megabytes.
  const known = sources.get(fm)
  if (known) return known
  const text = normaliseHeadings(fm.body)
  // The line index is made when a place is first asked for (a text with nothing to report, or
  // one refused as too complex, never needs it).
  let lineStarts: number[] | undefined
  const source: Source = {
    text,
    get lineStarts() {
      if (!lineStarts) {
        lineStarts = [0]
        for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1)
      }
      return lineStarts
    },
  }
  sources.set(fm, source)
  return source
}

const sources = new WeakMap<FrontMatter, Source>()

/** Line and column (1-based) of a source offset. */
export function pointOf(source: Source, offset: number): Point {
  const starts = source.lineStarts
  let lo = 0
  let hi = starts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if ((starts[mid] as number) <= offset) lo = mid
    else hi = mid - 1
  }
  return { line: lo + 1, column: offset - (starts[lo] as number) + 1 }
}

/** The plain text of inline content, each character mapped to its source offset. */
export function plainText(children: readonly PhrasingContent[], source: Source): PlainText {
  const out: PlainText = { text: '', offsets: [] }
  for (const child of children) appendNode(child, source, out)
  return out
}

function appendNode(node: PhrasingContent, source: Source, out: PlainText): void {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return appendValue(node.value, node.position?.start.offset, node.position?.end.offset, source, out)
    case 'break':
      out.text += '\n'
      out.offsets.push(node.position?.start.offset ?? -1)
      return
    case 'image':
      return appendValue(node.alt ?? '', undefined, undefined, source, out)
    default:
      if ('children' in node) for (const child of node.children as PhrasingContent[]) appendNode(child, source, out)
  }
}

/**
 * Align a node's value with its source text: the value can lack characters the source has
 * (indentation of continuation lines, escapes, entities) and start later (trimmed white space).
 * Each value character is matched to the next equal source character before the node's end.
 */
function appendValue(
  value: string,
  start: number | undefined,
  end: number | undefined,
  source: Source,
  out: PlainText,
): void {
  let p = start ?? -1
  const limit = end ?? source.text.length
  for (const ch of value) {
    let at = -1
    if (p >= 0) {
      let q = p
      while (q < limit && source.text[q] !== ch) q++
      if (q < limit) {
        at = q
        p = q + 1
      }
    }
    for (let k = 0; k < ch.length; k++) out.offsets.push(at < 0 ? -1 : at + k)
    out.text += ch
  }
}

/** The point of character `index` of `plain`, or `fallback` when it has no known place. */
export function pointIn(plain: PlainText, index: number, source: Source, fallback: Point | undefined) {
  const offset = plain.offsets[index] ?? -1
  return offset >= 0 ? pointOf(source, offset) : fallback
}

/** Text of inline content without places (for message texts). */
export function textOf(children: readonly PhrasingContent[]): string {
  let text = ''
  for (const child of children) {
    if (child.type === 'text' || child.type === 'inlineCode') text += child.value
    else if (child.type === 'break') text += ' '
    else if ('children' in child) text += textOf(child.children as PhrasingContent[])
  }
  return text
}

/** Shorten text for a message: white space collapsed, at most `max` characters. */
export function excerpt(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`
}
