/**
 * parse: bytes → regeling tree. Decoding problems (empty, binary, not UTF-8) and front-matter
 * syntax errors become messages on the file; the parser itself never throws on content.
 */
import type { VFile } from 'vfile'
import type { Regeling } from '../model/nodes.js'
import { fout } from '../util/messages.js'
import { BlockCollector } from './blocks.js'
import { type FrontMatter, parseFrontMatter } from './frontmatter.js'
import { assignIds } from './ids.js'
import { markdownChunks } from './markdown.js'
import { recognize } from './recognize.js'

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

/** Headings written without a space after `#` (`####Algemene bepalingen`) are still headings. */
export function normaliseHeadings(body: string): string {
  return body.replace(/^(#{1,6})(?=[^#\s])/gm, '$1 ')
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
  const container = /^[ \t]*(?:[-*+>]|\d{1,9}[.)])(?=[ \t]|$)/
  let line = 0
  for (const text of body.split('\n')) {
    line++
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
  if (deep) {
    reportTooDeep(file, deep.line)
    return { tree: { ...EMPTY, data: { meta: frontMatter.data } }, frontMatter, text }
  }
  const body = normaliseHeadings(frontMatter.body)
  // Chunk by chunk: the mdast of a chunk is dropped once it is turned into blocks.
  const blocks = new BlockCollector(body)
  for (const nodes of markdownChunks(body, options.chunk)) blocks.add(nodes)
  const tree = recognize(blocks.blocks, frontMatter.data)
  assignIds(tree)
  return { tree, frontMatter, text }
}
