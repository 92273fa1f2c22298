/**
 * A Markdown (GFM) pipe table that reached the tree as a paragraph. The parser reads CommonMark,
 * which has no tables: `| a | b |` lines with a delimiter row (`| --- | --- |`) become one
 * paragraph of text lines. A publication must show them as the table they are, so a paragraph
 * whose lines are exactly a pipe table (a header row, a delimiter row with the same number of
 * cells, body rows with no more cells than the header) becomes a table; anything else stays the
 * paragraph it is, its pipes visible, never a guessed table. Inline formatting in cells is kept.
 * Linear in the paragraph's length. (When the parser learns GFM tables, they arrive as `blok`
 * nodes and this path is not taken.)
 */
import type { PhrasingContent } from 'mdast'
import { toString as mdastToString } from 'mdast-util-to-string'
import type { Run } from '../model/publication.js'

/** A run of one line, before splitting on `|`. */
type Line = Run[]

const DELIMITER_CELL = /^\s*:?-+:?\s*$/

/** The rows of cells (header first, delimiter row left out), or undefined when it is no pipe table. */
export function pipeTable(children: readonly PhrasingContent[]): Run[][][] | undefined {
  // Cheap test first: a table's second line is a delimiter row.
  const plain = mdastToString({ type: 'paragraph', children: [...children] })
  const first = plain.indexOf('\n')
  if (first < 0 || !plain.trimStart().startsWith('|')) return undefined
  const second = plain.indexOf('\n', first + 1)
  const delimiter = plain.slice(first + 1, second < 0 ? plain.length : second)
  const delimiterCells = splitPlain(delimiter)
  if (!delimiterCells || !delimiterCells.every((c) => DELIMITER_CELL.test(c))) return undefined

  const lines = toLines(children)
  const rows: Run[][][] = []
  for (const [i, line] of lines.entries()) {
    if (i === 1) continue
    const cells = splitRuns(line)
    if (!cells) return undefined
    rows.push(cells)
  }
  const width = delimiterCells.length
  const header = rows[0]
  if (!header || header.length !== width) return undefined
  for (const row of rows) {
    if (row.length > width) return undefined
    while (row.length < width) row.push([])
  }
  return rows
}

/** `| a | b |` → `[' a ', ' b ']`; undefined when the line does not start and end with a pipe. */
function splitPlain(line: string): string[] | undefined {
  const t = line.trim()
  if (t.length < 2 || !t.startsWith('|') || !t.endsWith('|')) return undefined
  return t.slice(1, -1).split('|')
}

/** Inline content as lines of runs (a line break in a text value starts a new line). */
function toLines(children: readonly PhrasingContent[]): Line[] {
  const lines: Line[] = [[]]
  const add = (run: Run) => {
    const parts = run.text.split('\n')
    parts.forEach((part, i) => {
      if (i > 0) lines.push([])
      if (part !== '') (lines[lines.length - 1] as Line).push({ ...run, text: part })
    })
  }
  const walk = (nodes: readonly PhrasingContent[], style: Omit<Run, 'text'>) => {
    for (const c of nodes) {
      if (c.type === 'text' || c.type === 'inlineCode' || c.type === 'html') add({ ...style, text: c.value })
      else if (c.type === 'break') add({ ...style, text: '\n' })
      else if (c.type === 'emphasis') walk(c.children, { ...style, italic: true })
      else if (c.type === 'strong') walk(c.children, { ...style, bold: true })
      else if (c.type === 'link') walk(c.children, { ...style, href: c.url })
      else add({ ...style, text: mdastToString(c) })
    }
  }
  walk(children, {})
  return lines
}

/** A line of runs split into cells at its pipes; the outer pipes are required. */
function splitRuns(line: Line): Run[][] | undefined {
  const cells: Run[][] = [[]]
  for (const run of line) {
    const parts = run.text.split('|')
    parts.forEach((part, i) => {
      if (i > 0) cells.push([])
      if (part !== '') (cells[cells.length - 1] as Run[]).push({ ...run, text: part })
    })
  }
  // `| a | b |` splits into ['', a, b, ''] (after trimming the edges).
  const firstCell = cells[0] as Run[]
  const lastCell = cells[cells.length - 1] as Run[]
  if (cells.length < 3 || firstCell.some((r) => r.text.trim() !== '') || lastCell.some((r) => r.text.trim() !== ''))
    return undefined
  return cells.slice(1, -1).map(trimCell)
}

/** Leading and trailing spaces of a cell off; empty runs dropped. */
function trimCell(cell: Run[]): Run[] {
  const out = cell.map((r) => ({ ...r }))
  if (out[0]) out[0].text = out[0].text.replace(/^\s+/, '')
  const last = out[out.length - 1]
  if (last) last.text = last.text.replace(/\s+$/, '')
  return out.filter((r) => r.text !== '')
}
