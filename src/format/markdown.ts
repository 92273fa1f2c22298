/**
 * fmt: the canonical Markdown of a regeling tree (docs/format.md). The tree becomes mdast
 * (`regelingToMdast`, one handler per node type), and `mdast-util-to-markdown` writes it with the
 * canonical settings and regelwerk's handlers (`CANONICAL_MARKDOWN`, `regelwerkHandlers()`).
 * `parse(fmt(x))` equals `parse(x)` and `fmt(fmt(x)) === fmt(x)`. The unified plugin
 * `regelwerkToMarkdown` (src/plugin/) gives remark-stringify the same mdast and settings, so it
 * writes the same bytes.
 *
 * Plain mdast cannot say everything the canonical form says: numbers are written as they stand
 * (`007.`, `2a.` after a `-`), a line inside a paragraph that would read as a number is escaped
 * (`a\.`, `1&#176;`), and a heading is `Artikel 10` plus its title rendered as running text. The
 * nodes built here carry that in `data.regelwerk`, and the handlers honour it; nodes without it
 * (from other plugins) are written by the default handlers.
 */
import type {
  Heading,
  List,
  ListItem,
  Paragraph,
  Parents,
  PhrasingContent,
  Root,
  RootContent,
  Table,
  Text,
  Yaml,
} from 'mdast'
import { defaultHandlers, type Info, type Options, type State, toMarkdown } from 'mdast-util-to-markdown'
import { contentOf, headingOf, numOf } from '../model/access.js'
import { DIVISION_KEYWORD } from '../model/glossary.js'
import type {
  Artikel,
  ArtikelToelichting,
  Bijlage,
  Division,
  Koptekst,
  Lid,
  Nummer,
  Onderdeel,
  Ondertekening,
  Regeling,
  RegelingNode,
  Subonderdeel,
  TabelCel,
  TabelRij,
  Tekst,
  Toelichting,
} from '../model/nodes.js'
import { dispatch, type Handlers } from '../model/registry.js'
import { matchMarker } from '../parse/blocks.js'
import { ONDERTEKENING_START } from '../parse/recognize.js'
import { tabelToMdast } from '../parse/table.js'
import { joinLines } from '../util/text.js'

export interface FormatOptions {
  /** The front-matter YAML text to write above the body (without `---` lines). */
  frontMatter?: string | undefined
}

/** How regelwerk writes a heading: the words before the title are written as they stand. */
export interface RegelwerkHeadingData {
  /**
   * The first child is a text node with the words before the title, written as they stand
   * (`Artikel 10`, with a space after it when a title follows).
   */
  prefix: boolean
  /** Whether a title follows (it may be empty: `Artikel 10 ` keeps its space). */
  title: boolean
}

/** How regelwerk writes a paragraph. */
export interface RegelwerkParagraphData {
  /** Escape lines that would read as a number (`a.`, `2a.`, `1°`). */
  escapeNumbers: boolean
  /** A number written before the text (`a.` for an onderdeel in a `-` list). */
  number?: string | undefined
}

/** A list item with its marker as written (`1.`, `3)`, `-`). */
export interface RegelwerkListItemData {
  marker: string
}

declare module 'mdast' {
  interface HeadingData {
    regelwerk?: RegelwerkHeadingData
  }
  interface ParagraphData {
    regelwerk?: RegelwerkParagraphData
  }
  interface ListItemData {
    regelwerk?: RegelwerkListItemData
  }
  interface ListData {
    regelwerk?: true
  }
  interface RootData {
    regelwerk?: true
  }
}

/** The `mdast-util-to-markdown` (and remark-stringify) settings of the canonical form. */
export const CANONICAL_MARKDOWN: Options = {
  bullet: '-',
  emphasis: '*',
  strong: '*',
  listItemIndent: 'one',
  rule: '-',
  fences: true,
}

/** `fmt`'s settings: the canonical ones, regelwerk's handlers, and the front-matter block. */
const FORMAT_SETTINGS: Options = {
  ...CANONICAL_MARKDOWN,
  extensions: [{ handlers: { ...regelwerkHandlers(), yaml: frontMatterBlock } }],
}

/** Write the canonical Markdown for `tree`. */
export function formatRegeling(tree: Regeling, options: FormatOptions = {}): string {
  return toMarkdown(regelingToMdast(tree, options.frontMatter), FORMAT_SETTINGS)
}

/** The front-matter between `---` lines (as remark-frontmatter writes it). */
function frontMatterBlock(node: Yaml): string {
  return `---\n${node.value}${node.value ? '\n' : ''}---`
}

/**
 * The handlers `mdast-util-to-markdown` needs for the mdast `regelingToMdast` makes; they write
 * nodes without `data.regelwerk` as the default handlers do.
 */
export function regelwerkHandlers(): Options['handlers'] {
  return {
    root(node: Root, parent: Parents | undefined, state: State, info: Info): string {
      // Every file ends with a line end, an empty one too.
      const value = defaultHandlers.root(node, parent, state, info)
      return node.data?.regelwerk && value === '' ? '\n' : value
    },
    heading(node: Heading, parent: Parents | undefined, state: State, info: Info): string {
      const flags = node.data?.regelwerk
      if (!flags) return defaultHandlers.heading(node, parent, state, info)
      const [first, ...rest] = node.children
      const prefix = flags.prefix ? (first as Text).value : ''
      const title = flags.title ? inline(flags.prefix ? rest : node.children, state) : ''
      return `${'#'.repeat(node.depth)} ${prefix}${title}`
    },
    paragraph(node: Paragraph, parent: Parents | undefined, state: State, info: Info): string {
      const flags = node.data?.regelwerk
      if (!flags) return defaultHandlers.paragraph(node, parent, state, info)
      const text = inlineBlock(node.children, flags.escapeNumbers, state)
      return flags.number === undefined ? text : `${flags.number ? `${flags.number} ` : ''}${text}`.trimEnd()
    },
    table(node: Table, _parent: Parents | undefined, state: State): string {
      return pipeTable(node, state)
    },
    list(node: List, parent: Parents | undefined, state: State, info: Info): string {
      const value = defaultHandlers.list(node, parent, state, info)
      // Our items write their own markers; a kept block after the list must not see a bullet in use.
      if (node.data?.regelwerk) state.bulletLastUsed = undefined
      return value
    },
    listItem(node: ListItem, parent: Parents | undefined, state: State, info: Info): string {
      const flags = node.data?.regelwerk
      if (!flags) return defaultHandlers.listItem(node, parent, state, info)
      const marker = flags.marker
      const indent = ' '.repeat(marker.length + 1)
      const tracker = state.createTracker(info)
      tracker.move(`${marker} `)
      tracker.shift(indent.length)
      const exit = state.enter('listItem')
      const value = state.indentLines(state.containerFlow(node, tracker.current()), (line, index, blank) => {
        // `- ---` would be one thematic break; `- ***` is an item holding one.
        if (index === 0) return blank ? marker : `${marker} ${line === '---' ? '***' : line}`
        return blank ? line : indent + line
      })
      exit()
      return value
    },
  }
}

/**
 * A GFM pipe table in canonical form: a pipe at both ends of every row, one space inside each,
 * columns padded to their widest cell (the delimiter row at least `---`), alignment colons in the
 * delimiter row, a pipe in a cell escaped (`\|`). Rows shorter than the header are padded with
 * empty cells; cells beyond the header are written as they are (parse keeps and reports them).
 * Linear in the table's size.
 */
function pipeTable(node: Table, state: State): string {
  const align = node.align ?? []
  const rows = node.children.map((row) => row.children.map((cell) => tableCellText(cell.children, state)))
  const columns = Math.max(align.length, rows[0]?.length ?? 0)
  const widths: number[] = []
  for (const row of rows) {
    while (row.length < columns) row.push('')
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 3, width(cell))
    })
  }
  const pad = (text: string, i: number) => {
    const room = (widths[i] ?? 3) - width(text)
    const a = align[i]
    if (a === 'right') return ' '.repeat(room) + text
    if (a === 'center') return ' '.repeat(room >> 1) + text + ' '.repeat(room - (room >> 1))
    return text + ' '.repeat(room)
  }
  const line = (cells: string[]) => `| ${cells.map(pad).join(' | ')} |`
  const delimiter = Array.from({ length: columns }, (_, i) => {
    const w = widths[i] ?? 3
    const a = align[i]
    if (a === 'left') return `:${'-'.repeat(w - 1)}`
    if (a === 'right') return `${'-'.repeat(w - 1)}:`
    if (a === 'center') return `:${'-'.repeat(Math.max(1, w - 2))}:`
    return '-'.repeat(w)
  })
  const out = [line(rows[0] ?? []), `| ${delimiter.join(' | ')} |`]
  for (const row of rows.slice(1)) out.push(line(row))
  return out.join('\n')
}

/** A cell's inline content on one line, its pipes escaped. */
function tableCellText(children: PhrasingContent[], state: State): string {
  if (children.length === 0) return ''
  const info: Info = { before: ' ', after: ' ', now: { line: 1, column: 1 }, lineShift: 0 }
  // In a paragraph's constructs, so that text that would read as markup (`*`, `_`, `[`) is escaped.
  const exitParagraph = state.enter('paragraph')
  const exitPhrasing = state.enter('phrasing')
  const md = state.containerPhrasing({ type: 'paragraph', children }, info)
  exitPhrasing()
  exitParagraph()
  // A cell is one line: a line break inside (only a tree built by hand has one) becomes a space.
  return md
    .replace(/\|/g, '\\|')
    .replace(/[ \t]*\n[ \t]*/g, ' ')
    .trim()
}

/** Width of a cell as a reader counts characters (code points). */
function width(text: string): number {
  let n = 0
  for (const _ of text) n++
  return n
}

/** Inline content as a paragraph, written where a paragraph starts. */
function inlineBlock(children: PhrasingContent[], escapeNumbers: boolean, state: State): string {
  if (children.length === 0) return ''
  const info: Info = { before: '\n', after: '\n', now: { line: 1, column: 1 }, lineShift: 0 }
  let md = defaultHandlers.paragraph({ type: 'paragraph', children }, undefined, state, info).replace(/\n+$/, '')
  if (escapeNumbers) md = md.split('\n').map(escapeNumber).join('\n')
  return md
}

/** Inline content on one heading line. */
function inline(children: PhrasingContent[], state: State): string {
  return joinLines(inlineBlock(children, false, state))
}

/** A line that would be read as a number (`a.`, `2a.`, `1°`) is escaped, so text stays text. */
function escapeNumber(line: string): string {
  const m = matchMarker(line, false)
  if (!m) return line
  const at = line.indexOf(m.marker) + m.marker.length
  if (m.kind === 'sub') return `${line.slice(0, at - 1)}&#176;${line.slice(at)}`
  if (line.charAt(at) === '\\') return line
  return `${line.slice(0, at)}\\${line.slice(at)}`
}

/**
 * The mdast of a regeling tree in canonical form; `frontMatter` is the YAML text to put above it.
 * Written with `CANONICAL_MARKDOWN` and `regelwerkHandlers()` it gives `formatRegeling`'s bytes.
 */
export function regelingToMdast(tree: Regeling, frontMatter?: string): Root {
  const children: RootContent[] = []
  const yaml = frontMatter?.trimEnd()
  if (yaml !== undefined) children.push({ type: 'yaml', value: yaml })
  for (const child of tree.children) children.push(...toMdast(child, 0))
  // Top-level parts that come out empty are left out.
  return { type: 'root', children: children.filter((node) => !writesNothing(node)), data: { regelwerk: true } }
}

function writesNothing(node: RootContent): boolean {
  if (node.type === 'paragraph') return node.children.length === 0 && !node.data?.regelwerk?.number
  if (node.type === 'html') return /^\n*$/.test(node.value)
  return false
}

/** The mdast blocks of a node at nesting `level` (0: directly in the regulation). */
const TO_MDAST: Handlers<RootContent[], [level: number]> = {
  regeling: (node) => node.children.flatMap((c) => toMdast(c, 0)),
  opschrift: (node) => [heading(1, undefined, node.children)],
  aanhef: (node) => node.children.map((t) => tekst(t, 2)),
  titel: division,
  hoofdstuk: division,
  afdeling: division,
  paragraaf: division,
  artikel,
  lid: (node, level) => items([node], level + 2),
  onderdeel: (node, level) => items([node], level + 2),
  subonderdeel: (node, level) => items([node], level + 2),
  alinea: (node, level) => [tekst(node, level + 2)],
  blok: (node, level) => [tekst(node, level + 2)],
  tabel: (node, level) => [tekst(node, level + 2)],
  tabelrij: tablePart,
  tabelcel: tablePart,
  kop: (node, level) => [tekst(node, level + 2)],
  ondertekening,
  toelichting,
  artikeltoelichting,
  bijlage,
  nummer: part,
  koptekst: part,
}

function toMdast(node: RegelingNode, level: number): RootContent[] {
  return dispatch(TO_MDAST, node, level)
}

/** A row or cell is written by its table. */
function tablePart(node: TabelRij | TabelCel): RootContent[] {
  throw new Error(`fmt: a \`${node.type}\` node is written by its table, not on its own`)
}

/** A number or heading is written on its provision's heading line, never on its own. */
function part(node: Nummer | Koptekst): RootContent[] {
  throw new Error(`fmt: a \`${node.type}\` node is written by its provision, not on its own`)
}

function division(node: Division, level: number): RootContent[] {
  const num = numOf(node)
  const prefix = num !== '' ? `${node.data?.label ?? DIVISION_KEYWORD[node.type]} ${num}` : undefined
  const out: RootContent[] = [heading(level + 2, prefix, headingOf(node))]
  for (const child of contentOf(node)) out.push(...toMdast(child, level + 1))
  return out
}

function bijlage(node: Bijlage): RootContent[] {
  const num = numOf(node)
  const out: RootContent[] = [heading(2, num !== '' ? `Bijlage ${num}` : 'Bijlage', headingOf(node))]
  for (const child of contentOf(node)) out.push(...toMdast(child, 1))
  return out
}

function artikel(node: Artikel, level: number): RootContent[] {
  const depth = level + 2
  return [heading(depth, `Artikel ${numOf(node)}`, headingOf(node)), ...items(contentOf(node), depth)]
}

type Item = Lid | Onderdeel | Subonderdeel

/**
 * The children of an article, lid or onderdeel. Leden with plain numbers are ordered list items;
 * when the numbering does not continue the list before (a gap, `2a`), a new list is started with
 * the other delimiter so every viewer shows the number as written. Other items are `-` items with
 * their number as text.
 */
function items(children: ReadonlyArray<Tekst | Item>, depth: number): RootContent[] {
  const out: RootContent[] = []
  let ordered: { list: List; delimiter: '.' | ')'; next: number } | undefined
  let dashes: List | undefined
  for (const child of children) {
    const num = numOf(child)
    if (child.type === 'lid' && /^\d+$/.test(num)) {
      dashes = undefined
      const n = Number(num)
      const continues = ordered?.next === n
      let delimiter: '.' | ')' = '.'
      if (ordered) delimiter = continues ? ordered.delimiter : ordered.delimiter === '.' ? ')' : '.'
      if (!ordered || !continues) {
        ordered = { list: list(true, n), delimiter, next: n }
        out.push(ordered.list)
      }
      ordered.next = n + 1
      ordered.list.children.push(item(child, `${num}${delimiter}`, depth))
      continue
    }
    ordered = undefined
    if (child.type === 'lid' || child.type === 'onderdeel' || child.type === 'subonderdeel') {
      if (!dashes) {
        dashes = list(false)
        out.push(dashes)
      }
      dashes.children.push(item(child, '-', depth, num === '-' ? '' : `${num}.`))
    } else {
      dashes = undefined
      out.push(tekst(child, depth + 1))
    }
  }
  return out
}

function list(ordered: boolean, start?: number): List {
  const node: List = { type: 'list', ordered, spread: true, children: [], data: { regelwerk: true } }
  if (start !== undefined) node.start = start
  return node
}

function item(node: Item, marker: string, depth: number, number = ''): ListItem {
  const content = contentOf(node) as ReadonlyArray<Tekst | Item>
  const [first, ...rest] = content
  const head: Paragraph =
    first?.type === 'alinea' ? paragraph(first.children, number === '', number) : paragraph([], false, number)
  const nested = items(first?.type === 'alinea' ? rest : content, depth)
  // An item without text of its own starts with its first nested item on the marker's line
  // (`1. - tekst`): a marker alone on its line, then a blank line, ends an empty item in CommonMark,
  // and the nested items would fall out of it.
  const empty = first?.type !== 'alinea' && number === '' && nested.length > 0
  return {
    type: 'listItem',
    spread: true,
    children: empty ? (nested as ListItem['children']) : [head, ...(nested as ListItem['children'])],
    data: { regelwerk: { marker } },
  }
}

function ondertekening(node: Ondertekening): RootContent[] {
  const out = node.children.map((t) => tekst(t, 2))
  const first = node.children[0]
  const startsItself = first?.type === 'alinea' && ONDERTEKENING_START.test(plainText(first.children))
  return startsItself ? out : [heading(2, undefined, [{ type: 'text', value: 'Ondertekening' }]), ...out]
}

function toelichting(node: Toelichting): RootContent[] {
  const out: RootContent[] = [heading(2, undefined, headingOf(node) ?? [{ type: 'text', value: 'Toelichting' }])]
  for (const child of contentOf(node)) {
    if (child.type === 'artikeltoelichting') out.push(...artikeltoelichting(child))
    else out.push(tekst(child, 3))
  }
  return out
}

function artikeltoelichting(node: ArtikelToelichting): RootContent[] {
  return [heading(3, undefined, headingOf(node)), ...contentOf(node).map((t) => tekst(t, 4))]
}

/** A paragraph, a kept block, or an unplaced heading (at `depth`). */
function tekst(node: Tekst, depth: number): RootContent {
  switch (node.type) {
    case 'alinea':
      return paragraph(node.children, true)
    case 'kop':
      return heading(depth, undefined, node.children)
    case 'blok':
      return node.children[0]
    case 'tabel':
      return tabelToMdast(node)
  }
}

function paragraph(children: PhrasingContent[], escapeNumbers: boolean, number?: string): Paragraph {
  return { type: 'paragraph', children, data: { regelwerk: { escapeNumbers, number } } }
}

/** `prefix` is written as it stands (`Artikel 10`); the title, if any, as running text. */
function heading(depth: number, prefix: string | undefined, title: PhrasingContent[] | undefined): Heading {
  const children: PhrasingContent[] =
    prefix === undefined ? [] : [{ type: 'text', value: title === undefined ? prefix : `${prefix} ` }]
  if (title) children.push(...title)
  return {
    type: 'heading',
    depth: Math.max(1, Math.min(6, depth)) as Heading['depth'],
    children,
    data: { regelwerk: { prefix: prefix !== undefined, title: title !== undefined } },
  }
}

function plainText(children: PhrasingContent[]): string {
  return children
    .map((c) => ('value' in c ? c.value : 'children' in c ? plainText(c.children as PhrasingContent[]) : ''))
    .join('')
}
