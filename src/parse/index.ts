/**
 * parse: bytes → regeling tree. Decoding problems (empty, binary, not UTF-8) and front-matter
 * syntax errors become messages on the file; the parser itself never throws on content.
 */
import type { VFile } from 'vfile'
import type { Regeling } from '../model/nodes.js'
import { fout, waarschuwing } from '../util/messages.js'
import { BlockCollector } from './blocks.js'
import { type FrontMatter, parseFrontMatter } from './frontmatter.js'
import { assignIds } from './ids.js'
import { markdownChunksWithTables } from './markdown.js'
import { recognize } from './recognize.js'
import { type FoundTable, scanTables, type TableWarning } from './table.js'

export interface ParseResult {
  tree: Regeling
  frontMatter: FrontMatter
  /** The decoded text (BOM removed, line ends normalised), or undefined if it could not be read. */
  text: string | undefined
}

/**
 * Decode a file's bytes as UTF-8 text, reporting why it cannot be read as a regulation.
 * BOM and CRLF are accepted silently.
 */
export function decodeText(file: VFile): string | undefined {
  const value = file.value
  let text: string
  if (typeof value === 'string') text = value
  else {
    const bytes = value as Uint8Array
    if (bytes.length === 0) {
      fout(file, 'Het bestand is leeg', { line: 1, column: 1 }, 'bestand-leeg')
      return undefined
    }
    if (bytes.includes(0)) return binary(file, bytes.indexOf(0), bytes)
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    } catch {
      const at = firstInvalidUtf8(bytes)
      fout(
        file,
        'Het bestand is geen UTF-8-tekst; sla het op als UTF-8 (in Word: Opslaan als › Platte tekst › Unicode (UTF-8))',
        pointAt(bytes, at),
        'bestand-geen-utf8',
      )
      return undefined
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  if (text.includes('\0')) {
    fout(file, 'Het bestand bevat NUL-tekens: het is geen tekstbestand', { line: 1, column: 1 }, 'bestand-binair')
    return undefined
  }
  if (text.trim() === '') {
    fout(file, 'Het bestand is leeg', { line: 1, column: 1 }, 'bestand-leeg')
    return undefined
  }
  return text.replace(/\r\n?/g, '\n')
}

function binary(file: VFile, at: number, bytes: Uint8Array): undefined {
  fout(
    file,
    'Het bestand bevat NUL-tekens: het is geen tekstbestand (een Word- of PDF-bestand kan `regelwerk import` niet lezen; kopieer de tekst)',
    pointAt(bytes, at),
    'bestand-binair',
  )
  return undefined
}

function pointAt(bytes: Uint8Array, at: number): { line: number; column: number } {
  let line = 1
  let column = 1
  for (let i = 0; i < at && i < bytes.length; i++) {
    if (bytes[i] === 10) {
      line++
      column = 1
    } else if (((bytes[i] as number) & 0xc0) !== 0x80) column++
  }
  return { line, column }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let lo = 0
  let hi = bytes.length
  // Binary search for the shortest invalid prefix (an incomplete tail is also invalid).
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    try {
      decoder.decode(bytes.subarray(0, mid + 1))
      lo = mid + 1
    } catch {
      hi = mid
    }
  }
  // Step back over a multi-byte sequence cut by the prefix boundary.
  let at = lo
  while (at > 0 && ((bytes[at] as number) & 0xc0) === 0x80) at--
  return at
}

/**
 * Headings written without a space after `#` (`####Algemene bepalingen`) are still headings; a line
 * inside a fenced code block is code and stays as it is.
 */
export function normaliseHeadings(body: string): string {
  if (!/^#{1,6}[^#\s]/m.test(body)) return body
  const lines = body.split('\n')
  let fence: { char: string; length: number } | undefined
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(line)
    if (fence) {
      if (open && (open[1] as string)[0] === fence.char && (open[1] as string).length >= fence.length) {
        if (line.slice(open[0].length).trim() === '') fence = undefined
      }
      continue
    }
    if (open) {
      const marker = open[1] as string
      // A backtick fence whose info string has a backtick is no fence (CommonMark).
      if (marker[0] === '~' || !line.slice(open[0].length).includes('`'))
        fence = { char: marker[0] as string, length: marker.length }
      continue
    }
    if (/^#{1,6}[^#\s]/.test(line)) lines[i] = line.replace(/^(#{1,6})/, '$1 ')
  }
  return lines.join('\n')
}

/** Parse a regulation file (Markdown with front-matter) into a regeling tree. */
export function parseRegeling(file: VFile): ParseResult {
  const text = decodeText(file)
  if (text === undefined) {
    return {
      tree: { type: 'regeling', data: { meta: {} }, children: [] },
      frontMatter: parseFrontMatter('', file),
      text,
    }
  }
  return parseText(text, file)
}

/**
 * Deepest nesting a regulation may have. Real texts go lid › onderdeel › subonderdeel (three or
 * four levels); the Markdown parser underneath slows down super-linearly on thousands of levels.
 */
export const MAX_NESTING = 32

/** The first line nested deeper than MAX_NESTING (list markers, quotes, indentation), if any. */
export function tooDeep(body: string): { line: number; depth: number } | undefined {
  // `>` opens a quote with or without a space after it (`>>>` is three quotes deep); a list
  // marker needs a space or the end of the line after it.
  const container = /^[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$))/
  let line = 0
  // Line by line without split: ten million short lines would be ten million strings.
  for (let start = 0; start <= body.length; ) {
    line++
    let end = body.indexOf('\n', start)
    if (end === -1) end = body.length
    const text = body.slice(start, end)
    start = end + 1
    let depth = 0
    let rest = text
    for (let m = container.exec(rest); m && depth <= MAX_NESTING; m = container.exec(rest)) {
      depth++
      rest = rest.slice(m[0].length)
    }
    const indent = /^[ \t]*/.exec(text)?.[0].length ?? 0
    depth += Math.floor(indent / 4)
    if (depth > MAX_NESTING) return { line, depth }
  }
  return undefined
}

/**
 * Limits on the work a text may ask of the Markdown parser. micromark is linear on ordinary text
 * (about 1 MB/s), but each markup character costs it some 50 times an ordinary one, emphasis is
 * matched in time quadratic in the delimiters of a paragraph, nested image labels in cubic time,
 * and a list or paragraph that no heading or blank line ends is parsed as one whole. Real
 * regulations stay far below each limit (the corpus: at most 22 markup characters in a block,
 * 148 in a file, brackets 2 deep); a text over one gets a `te-complex` message, placed, instead
 * of minutes of work.
 */
export const LIMITS = {
  /**
   * Markup characters (`*_[]!<>`&~`; an escaped one, `\*`, does not count: it costs the parser
   * little, and `fmt` escapes freely) in one block of lines without a blank line.
   */
  markupPerBlock: 1_000,
  /** Markup characters in the whole text. */
  markup: 100_000,
  /** `[` nested in `[` within one block. */
  bracketDepth: 32,
  /**
   * Lines of one stretch that the parser must read as a whole: from one line that starts a new
   * top-level block after a blank line (not a list item, not indented) to the next.
   */
  stretchLines: 5_000,
} as const

function isMarkup(c: number): boolean {
  // * _ [ ] ! < > \ ` & ~
  return (
    c === 42 ||
    c === 95 ||
    c === 91 ||
    c === 93 ||
    c === 33 ||
    c === 60 ||
    c === 62 ||
    c === 92 ||
    c === 96 ||
    c === 38 ||
    c === 126
  )
}

/**
 * The first place where `body` goes over one of LIMITS, with the Dutch reason; linear time. The
 * rows of `tables` (from `scanTables`) are read one row at a time (parse/table.ts), so each row
 * counts as a block of its own and a long table is no stretch.
 */
export function tooComplex(
  body: string,
  tables: readonly FoundTable[] = [],
): { line: number; reason: string } | undefined {
  let table = 0
  let total = 0
  let block = 0
  let blockLine = 1
  let depth = 0
  let stretchLine = 1
  let previousBlank = true
  let line = 0
  for (let start = 0; start <= body.length; ) {
    line++
    let end = body.indexOf('\n', start)
    if (end === -1) end = body.length
    let blank = true
    while (table < tables.length && (tables[table] as FoundTable).endLine < line) table++
    const inTable = table < tables.length && (tables[table] as FoundTable).startLine <= line
    if (inTable) {
      block = 0
      depth = 0
      blockLine = line
      stretchLine = line
    } else if (previousBlank) blockLine = line
    for (let i = start; i < end; i++) {
      const c = body.charCodeAt(i)
      if (c !== 32 && c !== 9) blank = false
      if (c === 92) {
        // `\*` is a literal character, cheap to parse; `fmt` writes many of them.
        i++
        if (i < end && body.charCodeAt(i) !== 32 && body.charCodeAt(i) !== 9) blank = false
        continue
      }
      if (c === 124 && inTable) {
        // A table cell is parsed on its own (parse/table.ts): each cell is a block of its own.
        block = 0
        depth = 0
      }
      if (!isMarkup(c)) continue
      total++
      block++
      if (c === 91) depth++
      else if (c === 93 && depth > 0) depth--
      if (depth > LIMITS.bracketDepth)
        return { line, reason: `Hier staan meer dan ${LIMITS.bracketDepth} vierkante haken \`[\` in elkaar` }
      if (block > LIMITS.markupPerBlock)
        return {
          line: blockLine,
          reason: `Het blok dat hier begint heeft meer dan ${LIMITS.markupPerBlock.toLocaleString('nl-NL')} opmaaktekens (\`*\`, \`_\`, \`[\`, \`<\` en dergelijke) zonder lege regel ertussen`,
        }
      if (total > LIMITS.markup)
        return {
          line,
          reason: `De tekst heeft hier meer dan ${LIMITS.markup.toLocaleString('nl-NL')} opmaaktekens (\`*\`, \`_\`, \`[\`, \`<\` en dergelijke)`,
        }
    }
    if (blank) {
      block = 0
      depth = 0
    } else {
      if (previousBlank) {
        const c = body.charCodeAt(start)
        const item = /^(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/.test(body.slice(start, start + 12))
        if (c !== 32 && c !== 9 && !item) stretchLine = line
      }
      if (line - stretchLine >= LIMITS.stretchLines)
        return {
          line: stretchLine,
          reason: `Vanaf hier staan meer dan ${LIMITS.stretchLines.toLocaleString('nl-NL')} regels lijst of tekst zonder kop of losse alinea ertussen`,
        }
    }
    previousBlank = blank
    start = end + 1
  }
  return undefined
}

/** The warnings of `scanTables`, placed (`tabel-onjuist`). */
export function reportTableWarnings(file: VFile, warnings: readonly TableWarning[]): void {
  for (const w of warnings) waarschuwing(file, w.reason, { line: w.line, column: w.column }, 'tabel-onjuist')
}

/** The message for a text over one of LIMITS, placed at the line where it goes over. */
export function reportTooComplex(file: VFile, found: { line: number; reason: string }): void {
  fout(
    file,
    `${found.reason}; dat vraagt buitensporig veel rekenwerk en geen regeling ziet er zo uit. Deel de tekst op (koppen, lege regels) of verwijder de overbodige opmaaktekens`,
    { line: found.line, column: 1 },
    'te-complex',
  )
}

const EMPTY: Regeling = { type: 'regeling', data: { meta: {} }, children: [] }

export interface ParseOptions {
  /** Chunk size of the Markdown parser (see parse/markdown.ts); only tests change it. */
  chunk?: number
}

/** The message for a text nested deeper than MAX_NESTING, placed at the first such line. */
export function reportTooDeep(file: VFile, line: number): void {
  fout(
    file,
    `Lijsten of citaten zijn hier meer dan ${MAX_NESTING} niveaus diep genest; een regeling kent hoogstens lid › onderdeel › subonderdeel. Verwijder de overbodige inspringing`,
    { line, column: 1 },
    'te-diep-genest',
  )
}

/** Parse already decoded text (LF line ends, no BOM). */
export function parseText(text: string, file: VFile, options: ParseOptions = {}): ParseResult {
  const frontMatter = parseFrontMatter(text, file)
  const deep = tooDeep(frontMatter.body)
  // Headings without a space are normalised first: `#a | b` is a heading, not a table row. A text
  // over the limits is not normalised nor scanned for tables unless its tables could be why (a
  // long table is no stretch): on 20 MB of one paragraph that saves a copy of the text.
  let complex = deep ? undefined : tooComplex(frontMatter.body)
  let body = ''
  let tables: { tables: FoundTable[]; warnings: TableWarning[] } = { tables: [], warnings: [] }
  if (!deep && (!complex || frontMatter.body.includes('|'))) {
    body = normaliseHeadings(frontMatter.body)
    tables = scanTables(body)
    if (complex && tables.tables.length > 0) complex = tooComplex(frontMatter.body, tables.tables)
  }
  if (deep || complex) {
    if (deep) reportTooDeep(file, deep.line)
    if (complex) reportTooComplex(file, complex)
    return { tree: { ...EMPTY, data: { meta: frontMatter.data } }, frontMatter, text }
  }
  reportTableWarnings(file, tables.warnings)
  // Chunk by chunk: the mdast of a chunk is dropped once it is turned into blocks.
  const blocks = new BlockCollector(body)
  for (const nodes of markdownChunksWithTables(body, tables.tables, options.chunk)) blocks.add(nodes)
  reportTableWarnings(file, blocks.tableWarnings)
  const tree = recognize(blocks.blocks, frontMatter.data)
  assignIds(tree)
  return { tree, frontMatter, text }
}
