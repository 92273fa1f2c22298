/**
 * GFM pipe tables, read line by line in linear time, before micromark sees the text.
 *
 * The Markdown parser underneath reads CommonMark, which has no tables; micromark's table
 * extension keeps a whole table in one event list and edits it in time quadratic in its cells,
 * and the chunked parser (parse/markdown.ts) must read a block without blank lines whole. So a
 * table is found here, on lines, and only the text between tables goes to micromark:
 *
 * - A table starts at a line with an unescaped `|` (the header row) followed by a delimiter row
 *   (`| --- | :-: |`) with the same number of cells, at the top level: not in a fenced code
 *   block, indented at most three spaces, the header line not a heading, quote or list item.
 *   As in GFM, it may interrupt a paragraph: the lines before it stay a paragraph.
 * - Body rows follow until a blank line or a line that starts another block (heading, quote,
 *   fence, list item, thematic break, HTML). As in GFM, a line without a pipe directly under a
 *   table is a row of one cell; `check` warns about it (it is mostly text that lost its blank line).
 * - Cells are split at unescaped pipes (`\|` is a pipe in the cell, also in code); a cell's
 *   inline content (emphasis, links, code) is parsed on its own, so a cell's cost is bounded by
 *   its length.
 * - Where GFM drops cells (a row longer than the header) they are kept, with a warning; where GFM
 *   reads no table (a delimiter row with another number of cells than the header) the lines stay
 *   a paragraph, with a warning. Cells are never lost silently.
 *
 * Tables inside list items or quotes are not recognised (they stay text with pipes, as written).
 */
import type { AlignType, Paragraph, PhrasingContent, RootContent, Table, TableCell, TableRow } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import type { Position } from 'unist'
import type { Tabel } from '../model/nodes.js'

/** A problem with a table-like run of lines, for a placed warning (`tabel-onjuist`). */
export interface TableWarning {
  line: number
  column: number
  reason: string
}

export interface FoundTable {
  node: Table
  /** Offset of the start of the header line and of the end of the last row (before its line end). */
  start: number
  end: number
  /** 1-based lines of the header and the last row. */
  startLine: number
  endLine: number
}

export interface TableScan {
  tables: FoundTable[]
  warnings: TableWarning[]
}

export interface Line {
  text: string
  /** Offset of the line's first character in the scanned text. */
  offset: number
  /** 1-based. */
  number: number
}

/** Find the pipe tables of a Markdown body (front-matter blanked, LF line ends). Linear time. */
export function scanTables(body: string): TableScan {
  const tables: FoundTable[] = []
  const warnings: TableWarning[] = []
  // Cheap test first: no pipe, no table.
  if (!body.includes('|')) return { tables, warnings }
  let fence: { char: string; length: number } | undefined
  // Lines like table rows without a delimiter row: how many in a row, and whether that was said.
  let pipeRun = 0
  let warned = false
  // Content columns of the list items open at this line (approximate CommonMark): a table in a
  // list item is found by the block parser in the item's paragraph (`tablesInParagraph`).
  const items: number[] = []
  let previousBlank = true
  let offset = 0
  let number = 0
  const next = (): Line | undefined => {
    if (offset > body.length) return undefined
    let end = body.indexOf('\n', offset)
    if (end === -1) end = body.length
    const line = { text: body.slice(offset, end), offset, number: ++number }
    offset = end + 1
    return line
  }
  let line = next()
  while (line) {
    const text = line.text
    const first = text.charCodeAt(0)
    const open = first === 96 || first === 126 || first === 32 ? /^ {0,3}(`{3,}|~{3,})/.exec(text) : null
    if (fence || open) {
      if (fence) {
        if (open && (open[1] as string)[0] === fence.char && (open[1] as string).length >= fence.length) {
          if (text.slice(open[0].length).trim() === '') fence = undefined
        }
      } else if (open) {
        const marker = open[1] as string
        // A backtick fence whose info string has a backtick is no fence (CommonMark).
        if (marker[0] === '~' || !text.slice(open[0].length).includes('`'))
          fence = { char: marker[0] as string, length: marker.length }
      }
      pipeRun = 0
      previousBlank = false
      line = next()
      continue
    }
    trackItems(items, text, previousBlank)
    previousBlank = isBlank(text)
    // One line read ahead: the delimiter row, if this is a header.
    const ahead = headerCandidate(text) ? next() : undefined
    const align = ahead ? delimiterRow(ahead.text) : undefined
    if (ahead && align) {
      const header = splitRow(line)
      if (header.cells.length === align.length && items.length > 0) {
        // A table in a list item: the block parser reads it from the item's paragraph
        // (`tablesInParagraph`); its rows are passed over here.
        line = next()
        while (line && !isBlank(line.text)) line = next()
        pipeRun = 0
        continue
      }
      if (header.cells.length === align.length) {
        const table = readTable(line, header, ahead, align, next, warnings)
        tables.push(table.found)
        pipeRun = 0
        previousBlank = false
        line = table.after
        continue
      }
      warnings.push({
        line: ahead.number,
        column: 1,
        reason: `Deze regels lijken een tabel, maar de scheidingsregel heeft ${align.length} ${cellen(align.length)} en de kopregel erboven ${header.cells.length}; de tekst blijft een gewone alinea met streepjes. Geef beide regels evenveel cellen (\`| --- |\` per kolom)`,
      })
      warned = true
      pipeRun = 1
      line = next()
      continue
    }
    if (isPipeRow(text)) {
      if (pipeRun === 0) warned = false
      pipeRun++
      if (pipeRun === 2 && !warned) {
        warned = true
        warnings.push({
          line: line.number - 1,
          column: 1,
          reason:
            'Deze regels met `|` lijken een tabel, maar onder de eerste regel staat geen scheidingsregel (`| --- | --- |`); zonder die regel is het geen tabel maar één alinea. Voeg de scheidingsregel toe als het een tabel is',
        })
      }
    } else pipeRun = 0
    // The line read ahead is looked at again as a line of its own.
    line = ahead ?? next()
  }
  return { tables, warnings }
}

const ITEM = /^( *)([-+*]|\d{1,9}[.)])( {1,4}(?=\S)|[ \t]*$)/

/** Update the content columns of the open list items for a line. */
function trackItems(items: number[], text: string, previousBlank: boolean): void {
  // Outside lists only a line that starts an item matters (most lines: one character looked at).
  const c = text.charCodeAt(0)
  if (items.length === 0 && c !== 45 && c !== 43 && c !== 42 && c !== 32 && !(c >= 48 && c <= 57)) return
  if (text.trim() === '') return
  const indent = /^ */.exec(text)?.[0].length ?? 0
  const item = ITEM.exec(text)
  const closes = (column: number) => {
    while (items.length > 0 && (items[items.length - 1] as number) > column) items.pop()
  }
  if (item) {
    closes(indent)
    const spaces = (item[3] as string).length
    items.push(indent + (item[2] as string).length + (spaces === 0 || spaces > 4 ? 1 : spaces))
    return
  }
  // A lazy line (right after text, not starting a block) stays in the item.
  if (previousBlank || BLOCK_START.test(text)) closes(indent)
}

function cellen(n: number): string {
  return n === 1 ? 'cel' : 'cellen'
}

/** `| a | b |`: starts and ends with a pipe (a table row written out in full). */
function isPipeRow(text: string): boolean {
  const t = text.trim()
  return t.length >= 2 && t.startsWith('|') && t.endsWith('|') && !/^\|[\s|:-]*\|$/.test(t)
}

/** A line another block starts with: heading, quote, list item, fence, thematic break, HTML. */
const BLOCK_START =
  /^ {0,3}(?:#{1,6}(?:[ \t]|$)|>|[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|`{3,}|~{3,}|<[A-Za-z/!?]|(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$)/

/** Whether a line may be a table's header row: an unescaped pipe, no other block start. */
function headerCandidate(text: string): boolean {
  if (!text.includes('|') || /^(?: {4}|\t)/.test(text) || BLOCK_START.test(text)) return false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 92) i++
    else if (c === 124) return true
  }
  return false
}

/** The alignment of each column when `text` is a delimiter row (`| :--- | ---: |`). */
function delimiterRow(text: string): AlignType[] | undefined {
  if (!text.includes('|') || !text.includes('-') || /^(?: {4}|\t)/.test(text)) return undefined
  let t = text.trim()
  if (t.startsWith('|')) t = t.slice(1)
  if (t.endsWith('|')) t = t.slice(0, -1)
  const out: AlignType[] = []
  for (const raw of t.split('|')) {
    const cell = raw.trim()
    if (!/^:?-+:?$/.test(cell)) return undefined
    const left = cell.startsWith(':')
    const right = cell.endsWith(':')
    out.push(left && right ? 'center' : left ? 'left' : right ? 'right' : null)
  }
  return out
}

interface RawCell {
  /** The cell's text, trimmed, as written (escapes included). */
  text: string
  /** Offset (in the scanned text) and 1-based column of its first character. */
  offset: number
  column: number
}

interface RawRow {
  cells: RawCell[]
  /** Whether the line has a pipe at all. */
  piped: boolean
}

/** Split a row at its unescaped pipes; the outer pipes are optional. Linear in the line. */
function splitRow(line: Line): RawRow {
  const text = line.text
  const bounds: Array<[number, number]> = []
  let start = 0
  let piped = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 92) {
      i++
      continue
    }
    if (c === 124) {
      piped = true
      bounds.push([start, i])
      start = i + 1
    }
  }
  bounds.push([start, text.length])
  // Outer pipes: an empty first piece before a leading pipe, an empty last one after a trailing one.
  const first = bounds[0] as [number, number]
  if (piped && text.slice(first[0], first[1]).trim() === '') bounds.shift()
  const last = bounds[bounds.length - 1]
  if (piped && last && bounds.length > 0 && text.slice(last[0], last[1]).trim() === '' && endsWithPipe(text))
    bounds.pop()
  const cells = bounds.map(([from, to]) => {
    let a = from
    let b = to
    while (a < b && isSpace(text.charCodeAt(a))) a++
    while (b > a && isSpace(text.charCodeAt(b - 1))) b--
    // A trailing backslash before the closing pipe was read as escaping it: keep it as text.
    return { text: text.slice(a, b), offset: line.offset + a, column: a + 1 }
  })
  return { cells, piped }
}

function endsWithPipe(text: string): boolean {
  let end = text.length
  while (end > 0 && isSpace(text.charCodeAt(end - 1))) end--
  if (end === 0 || text.charCodeAt(end - 1) !== 124) return false
  // An escaped pipe (`\|`) at the end is text.
  let slashes = 0
  for (let i = end - 2; i >= 0 && text.charCodeAt(i) === 92; i--) slashes++
  return slashes % 2 === 0
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isSpace(text.charCodeAt(i))) return false
  return true
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9
}

function readTable(
  headerLine: Line,
  header: RawRow,
  delimiterLine: Line,
  align: AlignType[],
  next: () => Line | undefined,
  warnings: TableWarning[],
): { found: FoundTable; after: Line | undefined } {
  const pending: PendingCell[] = []
  const rows: TableRow[] = [tableRow(headerLine, header, pending)]
  let last = delimiterLine
  let line = next()
  while (line && line.text.trim() !== '' && !BLOCK_START.test(line.text)) {
    const row = splitRow(line)
    if (row.cells.length > align.length)
      warnings.push({
        line: line.number,
        column: (row.cells[align.length] as RawCell).column,
        reason: `Deze tabelrij heeft ${row.cells.length} cellen, de kopregel ${align.length}: de cellen voorbij de laatste kolom horen bij geen kolom (GitHub laat ze weg). Voeg een kolom toe aan de kop en de scheidingsregel, of haal de overtollige cellen weg`,
      })
    else if (!row.piped)
      warnings.push({
        line: line.number,
        column: 1,
        reason:
          'Deze regel staat direct onder een tabel en is daarom een tabelrij met één cel; is het gewone tekst, zet er dan een lege regel boven',
      })
    rows.push(tableRow(line, row, pending))
    last = line
    line = next()
  }
  parseCells(pending)
  const end = last.offset + last.text.length
  const position: Position = {
    start: { line: headerLine.number, column: 1, offset: headerLine.offset },
    end: { line: last.number, column: last.text.length + 1, offset: end },
  }
  return {
    found: {
      node: { type: 'table', align, children: rows, position },
      start: headerLine.offset,
      end,
      startLine: headerLine.number,
      endLine: last.number,
    },
    after: line,
  }
}

/** A cell with inline markup, parsed once the table is read (see `parseCells`). */
interface PendingCell {
  node: TableCell
  line: Line
  cell: RawCell
}

function tableRow(line: Line, row: RawRow, pending: PendingCell[]): TableRow {
  return {
    type: 'tableRow',
    children: row.cells.map((cell) => tableCell(line, cell, pending)),
    position: {
      start: { line: line.number, column: 1, offset: line.offset },
      end: { line: line.number, column: line.text.length + 1, offset: line.offset + line.text.length },
    },
  }
}

/** Characters that may start inline markup; a cell without any is plain text. */
const MARKUP = /[\\*_[\]!<>&~`]/

function tableCell(line: Line, cell: RawCell, pending: PendingCell[]): TableCell {
  const position: Position = {
    start: { line: line.number, column: cell.column, offset: cell.offset },
    end: { line: line.number, column: cell.column + cell.text.length, offset: cell.offset + cell.text.length },
  }
  const node: TableCell = { type: 'tableCell', children: [], position }
  if (cell.text === '') return node
  node.children = [{ type: 'text', value: cell.text, position }]
  if (MARKUP.test(cell.text)) pending.push({ node, line, cell })
  return node
}

/** Cells parsed together in one call of the Markdown parser, at most this many characters. */
const BATCH = 32_768

/**
 * The inline content of the cells with markup. Cells are parsed many at a time, as paragraphs
 * separated by blank lines (one parser call per cell would cost more than the parsing itself);
 * a cell that could open a block running past a blank line (HTML, a link definition) is parsed on
 * its own, and a batch that does not come out as one paragraph per cell is parsed cell by cell.
 * A start that would open a block (`# `, `> `, `1. `, `---`) is escaped: a cell holds inline
 * content only.
 */
function parseCells(pending: readonly PendingCell[]): void {
  let batch: Array<{ p: PendingCell; source: string; line: number; offset: number }> = []
  let size = 0
  const flush = () => {
    if (batch.length === 0) return
    const text = batch.map((b) => b.source).join('\n\n')
    const root = fromMarkdown(text)
    const fits = root.children.length === batch.length && root.children.every((c) => c.type === 'paragraph')
    batch.forEach((b, i) => {
      if (fits) fill(b.p, b.source, root.children[i] as Paragraph, b.line, b.offset)
      else alone(b.p, b.source)
    })
    batch = []
    size = 0
  }
  let line = 1
  let offset = 0
  for (const p of pending) {
    const source = escapeBlockStart(p.cell.text)
    if (/^(?:<|\[)/.test(source)) {
      alone(p, source)
      continue
    }
    if (size + source.length > BATCH) {
      flush()
      line = 1
      offset = 0
    }
    batch.push({ p, source, line, offset })
    size += source.length + 2
    line += 2
    offset += source.length + 2
  }
  flush()
}

function alone(p: PendingCell, source: string): void {
  const root = fromMarkdown(source)
  const paragraph = root.children[0]
  if (root.children.length === 1 && paragraph?.type === 'paragraph') fill(p, source, paragraph, 1, 0)
}

/** Put a parsed paragraph's content into the cell, positions moved to where the cell stands. */
function fill(p: PendingCell, source: string, paragraph: Paragraph, line: number, offset: number): void {
  const { cell } = p
  const shifted = source.length !== cell.text.length ? 1 : 0
  const children = paragraph.children
  shiftInline(children, p.line.number - line, cell.column - 1 - shifted, cell.offset - offset - shifted, cell)
  unescapePipesInCode(children)
  p.node.children = children
}

/** A block start (heading, quote, list item, thematic break, fence) at the start of a cell, escaped. */
function escapeBlockStart(text: string): string {
  const ordered = /^(\d{1,9})([.)])(?=[ \t]|$)/.exec(text)
  if (ordered) return `${ordered[1]}\\${text.slice((ordered[1] as string).length)}`
  if (/^(?:#{1,6}(?=[ \t]|$)|>|`{3,}|~{3,}|[-+*](?=[ \t]|$)|[-*_](?:[ \t]*[-*_]){2,}[ \t]*$)/.test(text))
    return `\\${text}`
  return text
}

/** Move positions of inline nodes parsed on their own (line 1) into the row's line. */
function shiftInline(
  nodes: RootContent[] | PhrasingContent[],
  lines: number,
  columns: number,
  offset: number,
  cell: RawCell,
): void {
  const stack: Array<RootContent | PhrasingContent> = [...nodes]
  for (let n = stack.pop(); n; n = stack.pop()) {
    const p = n.position
    if (p) {
      const move = (point: Position['start']) => ({
        line: point.line + lines,
        column: Math.max(cell.column, point.column + columns),
        offset: Math.max(cell.offset, (point.offset ?? 0) + offset),
      })
      n.position = { start: move(p.start), end: move(p.end) }
    }
    if ('children' in n) for (const child of n.children) stack.push(child as PhrasingContent)
  }
}

/** GFM: `\|` in code inside a table cell is a pipe. */
function unescapePipesInCode(nodes: PhrasingContent[]): void {
  const stack: PhrasingContent[] = [...nodes]
  for (let n = stack.pop(); n; n = stack.pop()) {
    if (n.type === 'inlineCode') n.value = n.value.replace(/\\\|/g, '|')
    else if ('children' in n) for (const child of n.children) stack.push(child as PhrasingContent)
  }
}

/** The regeling node of an mdast table (a row's cells as they stand; no padding). */
export function tabelFromMdast(table: Table): Tabel {
  return {
    type: 'tabel',
    align: (table.align ?? []).map((a) => a ?? null),
    children: table.children.map((row) => ({
      type: 'tabelrij',
      children: row.children.map((cell) => ({ type: 'tabelcel', children: cell.children, position: cell.position })),
      position: row.position,
    })),
    position: table.position,
  }
}

/** The mdast table of a regeling table. */
export function tabelToMdast(tabel: Tabel): Table {
  return {
    type: 'table',
    align: [...tabel.align],
    children: tabel.children.map((row) => ({
      type: 'tableRow',
      children: row.children.map((cell) => ({ type: 'tableCell', children: cell.children })),
    })),
  }
}

/**
 * A paragraph that holds a pipe table (in a list item, where `scanTables` does not look; or any
 * paragraph of an mdast tree read without it, as the unified plugin gets from remark-parse):
 * the paragraph before the table, the table, and a paragraph after it. Undefined when there is
 * no table in it. Lines are read from the source (`lineAt`), without the item's indentation.
 */
export function tablesInParagraph(
  node: Paragraph,
  lineAt: (line: number) => Line | undefined,
  warnings: TableWarning[],
): Array<Paragraph | Table> | undefined {
  const p = node.position
  if (!p || p.start.line === p.end.line) return undefined
  const read = (n: number): Line | undefined => {
    if (n > p.end.line) return undefined
    const line = lineAt(n)
    if (!line) return undefined
    let skip = n === p.start.line ? p.start.column - 1 : 0
    while (skip < line.text.length && isSpace(line.text.charCodeAt(skip))) skip++
    return { text: line.text.slice(skip), offset: line.offset + skip, number: n }
  }
  for (let n = p.start.line; n < p.end.line; n++) {
    const line = read(n) as Line
    if (!headerCandidate(line.text)) continue
    const ahead = read(n + 1)
    const align = ahead ? delimiterRow(ahead.text) : undefined
    if (!ahead || !align) continue
    const header = splitRow(line)
    if (header.cells.length !== align.length) continue
    const before = cut(node.children, n)
    if (!before) return undefined
    let at = n + 2
    const table = readTable(line, header, ahead, align, () => read(at++), warnings)
    const out: Array<Paragraph | Table> = []
    if (before.before.length > 0) out.push(paragraphOf(before.before))
    out.push(table.found.node)
    if (table.after) {
      const after = cut(before.after, table.after.number)
      if (!after) return undefined
      const rest = paragraphOf(after.after)
      out.push(...(tablesInParagraph(rest, lineAt, warnings) ?? [rest]))
    }
    return out
  }
  return undefined
}

function paragraphOf(children: PhrasingContent[]): Paragraph {
  const start = children[0]?.position?.start
  const end = children[children.length - 1]?.position?.end
  return { type: 'paragraph', children, ...(start && end ? { position: { start, end } } : {}) }
}

/**
 * Inline content split before source line `line`: text nodes are cut at their line ends; any
 * other node that runs over the line end makes the split impossible (undefined).
 */
function cut(
  children: readonly PhrasingContent[],
  line: number,
): { before: PhrasingContent[]; after: PhrasingContent[] } | undefined {
  const before: PhrasingContent[] = []
  const after: PhrasingContent[] = []
  for (const child of children) {
    const p = child.position
    if (!p) return undefined
    if (p.end.line < line || (child.type === 'break' && p.start.line < line)) before.push(child)
    else if (p.start.line >= line) after.push(child)
    else if (child.type === 'text') {
      const lines = child.value.split('\n')
      const k = line - p.start.line
      const head = lines.slice(0, k).join('\n')
      const tail = lines.slice(k).join('\n')
      if (head !== '')
        before.push({ type: 'text', value: head, position: { start: p.start, end: { line: line - 1, column: 1 } } })
      if (tail !== '') after.push({ type: 'text', value: tail, position: { start: { line, column: 1 }, end: p.end } })
    } else return undefined
  }
  return { before, after }
}
