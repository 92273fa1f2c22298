/**
 * Markdown → mdast in linear time and bounded memory, with the positions of a whole-document parse.
 *
 * micromark keeps every event of a document in one array until the end; on a regulation of
 * several megabytes that is millions of token objects, and the garbage collector, not parsing,
 * takes most of the time (4.2 MB: 8.2 s whole, 2.5 s in chunks). So the text is parsed in chunks
 * of about CHUNK characters, each a run of whole top-level blocks:
 *
 * - A chunk ends at a line start. Its last top-level node may be cut off by that end (a list
 *   whose next item lies beyond, an unclosed fence), so the next chunk starts at the line where
 *   the last top-level node that follows a blank line starts, and only the nodes before it are
 *   kept. Each of those closed before that line, so micromark (which reads left to right and
 *   never revisits a closed block) built it exactly as a whole-document parse would.
 * - A top-level node that starts after a blank line, after a node that ends in a paragraph,
 *   heading or thematic break (see endsClosed), starts in a fresh parser state: all earlier
 *   blocks are closed there, no paragraph is open that it could interrupt (micromark reads a
 *   line that interrupts a paragraph differently: `- >-` after a paragraph line is not a list in
 *   a quote), and blocks never start mid-line at the top level.
 * - A chunk holding one node only grows (doubling) until that node ends or the text does, so one
 *   giant list costs what a whole parse costs, and never more than twice that.
 * - Link reference definitions are global to a document: a text that has one is parsed whole.
 *
 * The quadratic part of micromark (an edit map copied once per closing list) is fixed in the
 * vendored `micromark-util-edit-map` (see vendor/), so a whole parse is linear in time as well.
 */
import type { Nodes, Root, RootContent } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import type { FoundTable } from './table.js'

/**
 * The top-level nodes of `text` in document order, as `markdownChunks` gives them, with the GFM
 * pipe tables `tables` (from `scanTables(text)`) as mdast `table` nodes and only the text
 * between them read by micromark.
 */
export function* markdownChunksWithTables(
  text: string,
  tables: readonly FoundTable[],
  chunk = CHUNK,
): Generator<RootContent[]> {
  if (tables.length === 0) {
    yield* markdownChunks(text, chunk)
    return
  }
  let start = 0
  let line = 1
  const between = function* (end: number): Generator<RootContent[]> {
    if (end <= start) return
    for (const nodes of markdownChunks(text.slice(start, end), chunk))
      yield nodes.map((node) => shift(node, line - 1, start))
  }
  for (const table of tables) {
    yield* between(table.start)
    yield [table.node]
    // Past the last row and its line end.
    start = Math.min(text.length, table.end + 1)
    line = table.endLine + 1
  }
  yield* between(text.length)
}

/** Target chunk size in characters. Small enough to keep micromark's event arrays short. */
export const CHUNK = 8192

/** A line that may be a link reference definition (`[label]: destination`). */
const DEFINITION = /^ {0,3}\[(?:[^\]\\\n]|\\.)+\]:/m

/** Parse `text` as CommonMark; the same tree and positions as `fromMarkdown(text)`. */
export function parseMarkdown(text: string, chunk = CHUNK): Root {
  const children: RootContent[] = []
  for (const nodes of markdownChunks(text, chunk)) for (const node of nodes) children.push(node)
  return {
    type: 'root',
    children,
    position: { start: { line: 1, column: 1, offset: 0 }, end: endPoint(text) },
  }
}

/**
 * The top-level nodes of `text` in document order, a chunk at a time, positions relative to the
 * whole text. A caller that turns each chunk into something smaller keeps memory bounded.
 */
export function* markdownChunks(text: string, chunk = CHUNK): Generator<RootContent[]> {
  if (text.length <= chunk * 2 || DEFINITION.test(text)) {
    yield fromMarkdown(text).children
    return
  }
  let start = 0
  let startLine = 1
  while (start < text.length) {
    let size = chunk
    for (;;) {
      const end = lineStartAtOrAfter(text, start + size)
      const part = fromMarkdown(text.slice(start, end))
      const nodes = part.children
      if (end >= text.length) {
        yield nodes.map((node) => shift(node, startLine - 1, start))
        start = text.length
        break
      }
      // Restart at the last node that starts after a blank line (see above); keep those before it.
      let restart = 0
      let at = start
      for (let i = nodes.length - 1; i > 0; i--) {
        at = lineStartOf(text, start + ((nodes[i] as RootContent).position?.start.offset ?? 0))
        if (afterBlankLine(text, at) && endsClosed(nodes[i - 1] as RootContent)) {
          restart = i
          break
        }
      }
      if (restart === 0) {
        if (nodes.length === 0 && end > start) {
          // Only blank lines: nothing to keep, nothing open.
          startLine += countLines(text, start, end)
          start = end
          break
        }
        // One block (or blocks glued together) that may go on beyond `end`: read on.
        size *= 2
        continue
      }
      yield nodes.slice(0, restart).map((node) => shift(node, startLine - 1, start))
      startLine += countLines(text, start, at)
      start = at
      break
    }
  }
}

/**
 * Whether `node` ends in a closed leaf block: a paragraph (closed by the blank line after it), a
 * heading or a thematic break, at the end of any lists and quotes around it. Code and HTML can
 * go on after a blank line, and an empty list item is still waiting for content, so after those
 * micromark reads the next line in another state than at the start of a document.
 */
function endsClosed(node: Nodes): boolean {
  let n: Nodes | undefined = node
  while (n && (n.type === 'list' || n.type === 'listItem' || n.type === 'blockquote'))
    n = n.children[n.children.length - 1]
  return n !== undefined && (n.type === 'paragraph' || n.type === 'heading' || n.type === 'thematicBreak')
}

/** Whether the line before the one starting at `at` is blank (only spaces and tabs). */
function afterBlankLine(text: string, at: number): boolean {
  if (at === 0) return true
  for (let i = at - 2; i >= 0; i--) {
    const c = text.charCodeAt(i)
    if (c === 10) return true
    if (c !== 32 && c !== 9) return false
  }
  return true
}

/** The offset of the first line start at or after `at` (or the end of the text). */
function lineStartAtOrAfter(text: string, at: number): number {
  if (at >= text.length) return text.length
  if (at > 0 && text.charCodeAt(at - 1) === 10) return at
  const nl = text.indexOf('\n', at)
  return nl === -1 ? text.length : nl + 1
}

/** The offset where the line holding `at` starts. */
function lineStartOf(text: string, at: number): number {
  const nl = text.lastIndexOf('\n', at - 1)
  return nl + 1
}

function countLines(text: string, from: number, to: number): number {
  let n = 0
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++
  return n
}

function endPoint(text: string): { line: number; column: number; offset: number } {
  const line = countLines(text, 0, text.length) + 1
  return { line, column: text.length - lineStartOf(text, text.length) + 1, offset: text.length }
}

/** Move the positions of `node` and everything under it by whole lines (columns stay). */
export function shift<T extends Nodes>(node: T, lines: number, offset: number): T {
  if (lines === 0 && offset === 0) return node
  const stack: Nodes[] = [node]
  for (let n = stack.pop(); n; n = stack.pop()) {
    const p = n.position
    if (p) {
      p.start = { line: p.start.line + lines, column: p.start.column, offset: (p.start.offset ?? 0) + offset }
      p.end = { line: p.end.line + lines, column: p.end.column, offset: (p.end.offset ?? 0) + offset }
    }
    if ('children' in n) for (const child of n.children) stack.push(child)
  }
  return node
}
