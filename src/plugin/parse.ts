/**
 * regelwerk as a unified plugin: `unified().use(remarkParse).use(remarkFrontmatter, ['yaml'])
 * .use(regelwerk)` turns a file into the same regeling tree and the same check messages as
 * `parseRegeling` + `checkRegeling` (and so `regelwerk check`).
 *
 * Two parts, because some of what `parseText` does happens before the Markdown parser reads the
 * text and cannot be undone on a finished mdast tree:
 * - the parser of remark-parse is wrapped: it decodes the bytes (BOM, CRLF, not UTF-8, empty),
 *   reads the front-matter (YAML messages), refuses absurd nesting before micromark sees it, and
 *   writes headings without a space after `#` as headings, exactly as `parseText` does;
 * - the transformer turns the mdast into the regeling tree with the parser's own stages
 *   (`toBlocks`, `recognize`, `assignIds`) and runs the check rules.
 *
 * Positions are file positions: lines and columns as in `parseRegeling`, offsets counted from the
 * start of the file (`parseRegeling` counts offsets from the end of the front-matter).
 */
import type { Root } from 'mdast'
import type { Plugin, Processor } from 'unified'
import type { VFile } from 'vfile'
import type { Regeling } from '../model/nodes.js'
import { toBlocks } from '../parse/blocks.js'
import { type FrontMatter, parseFrontMatter } from '../parse/frontmatter.js'
import { assignIds } from '../parse/ids.js'
import {
  decodeText,
  normaliseHeadings,
  reportTableWarnings,
  reportTooComplex,
  reportTooDeep,
  tooComplex,
  tooDeep,
} from '../parse/index.js'
import { recognize } from '../parse/recognize.js'
import { scanTables, type TableWarning } from '../parse/table.js'
import { checkRegeling } from '../validate/index.js'

export interface RegelwerkOptions {
  /**
   * Run the check rules (`regelwerk check`) and add their messages to the file. Default `true`;
   * `false` only builds the tree (the parser's own messages, such as YAML errors, stay).
   */
  check?: boolean | undefined
  /**
   * Front-matter keys a later version inherits from the first version of its work (`citeertitel`,
   * `organisatie`, `soort`), as `loadWork(dir).inherited` gives them; `regelwerk check` passes
   * these for a file in a work folder.
   */
  inherited?: Readonly<Record<string, unknown>> | undefined
}

/** What the wrapped parser found out about the file, for the transformer (`file.data.regelwerk`). */
export interface RegelwerkFileData {
  /** The decoded text (BOM removed, LF line ends), or undefined when the file could not be read. */
  text: string | undefined
  frontMatter: FrontMatter
  /**
   * The text remark-parse read: `text` with headings normalised after the front-matter; a
   * front-matter that remark-frontmatter does not recognise (closed by `...`, or not closed) is
   * blanked with spaces, so that it never turns into Markdown.
   */
  source: string
  /** Offset where the body starts (just after the front-matter's closing line), 0 without one. */
  bodyStart: number
  /** Line of the front-matter's closing fence (0 without front-matter). */
  frontMatterEndLine: number
  /** Nested deeper than MAX_NESTING: the body was not parsed. */
  tooDeep: boolean
}

declare module 'vfile' {
  interface DataMap {
    regelwerk: RegelwerkFileData
  }
}

/** What the wrapped parser found, by the mdast root it returned. */
const seen = new WeakMap<object, RegelwerkFileData>()

/**
 * The unified plugin: an mdast root (from remark-parse, with remark-frontmatter) becomes the
 * regeling tree; check messages are added to the file. Use it after remark-parse.
 */
export const regelwerk: Plugin<[RegelwerkOptions?], Root, Regeling> = function (
  this: Processor,
  options: RegelwerkOptions = {},
) {
  const parse = this.parser
  if (parse) {
    this.parser = (document: string, file: VFile) => {
      // `processor.parse('')` makes a file without a value.
      if (file.value === undefined) file.value = document
      const mdast = parse(prepare(file), file)
      seen.set(mdast, file.data.regelwerk as RegelwerkFileData)
      return mdast
    }
  }
  return (tree: Root, file: VFile): Regeling => {
    // By tree: `processor.runSync(processor.parse(doc))` runs on another file than it parsed.
    const prepared = seen.get(tree) ?? file.data.regelwerk
    if (!prepared) {
      throw new TypeError(
        'regelwerk: parse the file with the same processor (`unified().use(remarkParse).use(remarkFrontmatter, ["yaml"]).use(regelwerk)`), so that regelwerk can read it before remark-parse does',
      )
    }
    const result = toRegeling(tree, prepared, file)
    if (options.check !== false) {
      checkRegeling(
        {
          tree: result,
          // The checks map node offsets into `body`: give them the text remark-parse read, with
          // the front-matter blanked so that a YAML comment line is never taken for a heading.
          frontMatter: { ...prepared.frontMatter, body: blankFrontMatter(prepared) },
          text: prepared.text,
        },
        file,
        { inherited: options.inherited },
      )
    }
    return result
  }
}

/** Decode and read the file as `parseText` does; returns the text remark-parse is to read. */
function prepare(file: VFile): string {
  const text = decodeText(file)
  if (text === undefined) {
    const frontMatter = parseFrontMatter('', file)
    file.data.regelwerk = {
      text,
      frontMatter,
      source: '',
      bodyStart: 0,
      frontMatterEndLine: 0,
      tooDeep: false,
    }
    return ''
  }
  const frontMatter = parseFrontMatter(text, file)
  const { bodyStart, endLine, fenced } = frontMatterExtent(text, frontMatter)
  // As `parseText`: tables are found in the body with its headings normalised.
  const tables = scanTables(normaliseHeadings(frontMatter.body))
  const complex = tooComplex(frontMatter.body, tables.tables)
  const deep = tooDeep(frontMatter.body) ?? (complex ? { line: complex.line, depth: 0 } : undefined)
  if (complex) reportTooComplex(file, complex)
  else if (deep) reportTooDeep(file, deep.line)
  else reportTableWarnings(file, tables.warnings)
  const head = fenced ? text.slice(0, bodyStart) : blank(text.slice(0, bodyStart))
  const source = deep ? '' : head + normaliseHeadings(text.slice(bodyStart))
  file.data.regelwerk = { text, frontMatter, source, bodyStart, frontMatterEndLine: endLine, tooDeep: !!deep }
  return source
}

/**
 * Where the front-matter `parseFrontMatter` found ends: the line of its closing `---` or `...`
 * (the last line when it is not closed), and whether remark-frontmatter reads it too (both fences
 * exactly `---`).
 */
function frontMatterExtent(text: string, fm: FrontMatter): { bodyStart: number; endLine: number; fenced: boolean } {
  if (!fm.present) return { bodyStart: 0, endLine: 0, fenced: false }
  const lines = text.split('\n')
  let close = lines.length - 1
  for (let i = 1; i < lines.length; i++) {
    if (/^(---|\.\.\.)[ \t]*$/.test(lines[i] as string)) {
      close = i
      break
    }
  }
  let bodyStart = 0
  for (let i = 0; i <= close; i++) bodyStart += (lines[i] as string).length + 1
  // remark-frontmatter knows only `---` as the closing fence, without trailing white space.
  const fenced = /^---$/.test(lines[close] ?? '') && close > 0 && /^---$/.test(lines[0] ?? '')
  return { bodyStart: Math.min(bodyStart, text.length), endLine: close + 1, fenced }
}

/** Replace every character but line ends with a space: same lines, same offsets. */
function blank(text: string): string {
  return text.replace(/[^\n]/g, ' ')
}

function blankFrontMatter(prepared: RegelwerkFileData): string {
  return blank(prepared.source.slice(0, prepared.bodyStart)) + prepared.source.slice(prepared.bodyStart)
}

/** The regeling tree of a prepared file's mdast: the front-matter nodes are left out. */
function toRegeling(tree: Root, prepared: RegelwerkFileData, file?: VFile): Regeling {
  const meta = prepared.frontMatter.data
  if (prepared.text === undefined) return { type: 'regeling', data: { meta: {} }, children: [] }
  if (prepared.tooDeep) return { type: 'regeling', data: { meta }, children: [] }
  const end = prepared.frontMatterEndLine
  const body = tree.children.filter((node) => {
    const position = node.position
    if (!position || end === 0 || position.start.line > end) return true
    if (position.end.line > end) {
      throw new TypeError(
        `regelwerk: the Markdown on line ${position.start.line} runs through the front-matter; add remark-frontmatter before regelwerk: \`.use(remarkFrontmatter, ['yaml'])\``,
      )
    }
    return false
  })
  // remark-parse reads no tables: they come as paragraphs, which the block parser splits (as it
  // does for a table in a list item). `scanTables` in `prepare` reported on them already.
  const warnings: TableWarning[] = []
  const blocks = toBlocks({ type: 'root', children: body }, prepared.source, warnings)
  if (file) {
    const said = new Set(file.messages.map((m) => `${m.line}:${m.column}:${m.reason}`))
    reportTableWarnings(
      file,
      warnings.filter((w) => !said.has(`${w.line}:${w.column}:${w.reason}`)),
    )
  }
  const regeling = recognize(blocks, meta)
  assignIds(regeling)
  return regeling
}
