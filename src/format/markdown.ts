/**
 * fmt: the canonical Markdown of a regeling tree (docs/format.md). One handler per node type;
 * `parse(fmt(x))` equals `parse(x)` and `fmt(fmt(x)) === fmt(x)`.
 */
import type { PhrasingContent, RootContent } from 'mdast'
import { toMarkdown } from 'mdast-util-to-markdown'
import { contentOf, headingOf, numOf } from '../model/access.js'
import { DIVISION_KEYWORD } from '../model/glossary.js'
import type {
  Artikel,
  ArtikelToelichting,
  Bijlage,
  Division,
  Kop,
  Koptekst,
  Lid,
  Nummer,
  Onderdeel,
  Ondertekening,
  Regeling,
  RegelingNode,
  Subonderdeel,
  Tekst,
  Toelichting,
} from '../model/nodes.js'
import { dispatch, type Handlers } from '../model/registry.js'
import { matchMarker } from '../parse/blocks.js'
import { ONDERTEKENING_START } from '../parse/recognize.js'

export interface FormatOptions {
  /** The front-matter YAML text to write above the body (without `---` lines). */
  frontMatter?: string | undefined
}

const MD_OPTIONS = {
  bullet: '-',
  emphasis: '*',
  strong: '*',
  listItemIndent: 'one',
  rule: '-',
  fences: true,
} as const

/** Write the canonical Markdown for `tree`. */
export function formatRegeling(tree: Regeling, options: FormatOptions = {}): string {
  const parts: string[] = []
  const yaml = options.frontMatter?.replace(/\s+$/, '')
  if (yaml !== undefined) parts.push(`---\n${yaml}${yaml ? '\n' : ''}---`)
  for (const child of tree.children) parts.push(...body(child, 0))
  return `${parts.filter((p) => p !== '').join('\n\n')}\n`
}

/** The Markdown blocks of a node at nesting `level` (0: directly in the regulation). */
const FORMAT: Handlers<string[], [level: number]> = {
  regeling: (node) => node.children.flatMap((c) => body(c, 0)),
  opschrift: (node) => [heading(1, node.children)],
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
  kop: (node, level) => [tekst(node, level + 2)],
  ondertekening,
  toelichting,
  artikeltoelichting,
  bijlage,
  nummer: part,
  koptekst: part,
}

/** A number or heading is written on its provision's heading line, never on its own. */
function part(node: Nummer | Koptekst): string[] {
  throw new Error(`fmt: a \`${node.type}\` node is written by its provision, not on its own`)
}

function body(node: RegelingNode, level: number): string[] {
  return dispatch(FORMAT, node, level)
}

function division(node: Division, level: number): string[] {
  const words: string[] = []
  const num = numOf(node)
  const title = headingOf(node)
  if (num !== '') words.push(node.data?.label ?? DIVISION_KEYWORD[node.type], num)
  if (title) words.push(inline(title))
  const out = [`${hashes(level + 2)} ${words.join(' ')}`]
  for (const child of contentOf(node)) out.push(...body(child, level + 1))
  return out
}

function bijlage(node: Bijlage): string[] {
  const words = ['Bijlage']
  const num = numOf(node)
  const title = headingOf(node)
  if (num !== '') words.push(num)
  if (title) words.push(inline(title))
  const out = [`## ${words.join(' ')}`]
  for (const child of contentOf(node)) out.push(...body(child, 1))
  return out
}

function artikel(node: Artikel, level: number): string[] {
  const depth = level + 2
  const heading = headingOf(node)
  const title = heading ? ` ${inline(heading)}` : ''
  const out = [`${hashes(depth)} Artikel ${numOf(node)}${title}`]
  out.push(...items(contentOf(node), depth))
  return out
}

type Item = Lid | Onderdeel | Subonderdeel

/**
 * The children of an article, lid or onderdeel. Leden with plain numbers are ordered list items;
 * when the numbering does not continue the list before (a gap, `2a`), a new list is started with
 * the other delimiter so every viewer shows the number as written.
 */
function items(children: ReadonlyArray<Tekst | Item>, depth: number): string[] {
  const out: string[] = []
  let list: { delimiter: '.' | ')'; next: number } | undefined
  for (const child of children) {
    const num = numOf(child)
    if (child.type === 'lid' && /^\d+$/.test(num)) {
      const n = Number(num)
      let delimiter: '.' | ')' = '.'
      if (list) delimiter = list.next === n ? list.delimiter : list.delimiter === '.' ? ')' : '.'
      list = { delimiter, next: n + 1 }
      out.push(item(child, `${num}${delimiter}`, depth))
      continue
    }
    list = undefined
    if (child.type === 'lid' || child.type === 'onderdeel' || child.type === 'subonderdeel') {
      out.push(item(child, '-', depth, num === '-' ? '' : `${num}.`))
    } else out.push(tekst(child, depth + 1))
  }
  return out
}

function item(node: Item, marker: string, depth: number, number = ''): string {
  const indent = ' '.repeat(marker.length + 1)
  const content = contentOf(node)
  const [first, ...rest] = content
  const lines: string[] = []
  let restChildren = rest as ReadonlyArray<Tekst | Item>
  if (first?.type === 'alinea') {
    const text = inlineBlock(first.children, number === '')
    lines.push(`${marker} ${number ? `${number} ` : ''}${text}`.trimEnd())
  } else {
    lines.push(`${marker}${number ? ` ${number}` : ''}`)
    restChildren = content
  }
  const nested = items(restChildren, depth)
  const head = indentLines(lines.join('\n'), indent, false)
  if (nested.length === 0) return head
  return `${head}\n\n${nested.map((n) => indentLines(n, indent, true)).join('\n\n')}`
}

function ondertekening(node: Ondertekening): string[] {
  const out = node.children.map((t) => tekst(t, 2))
  const first = node.children[0]
  const startsItself = first?.type === 'alinea' && ONDERTEKENING_START.test(plainText(first.children))
  return startsItself ? out : ['## Ondertekening', ...out]
}

function toelichting(node: Toelichting): string[] {
  const heading = headingOf(node)
  const out = [`## ${heading ? inline(heading) : 'Toelichting'}`]
  for (const child of contentOf(node)) {
    if (child.type === 'artikeltoelichting') out.push(...artikeltoelichting(child))
    else out.push(tekst(child, 3))
  }
  return out
}

function artikeltoelichting(node: ArtikelToelichting): string[] {
  return [`### ${inline(headingOf(node) ?? [])}`, ...contentOf(node).map((t) => tekst(t, 4))]
}

/** A paragraph, a kept block, or an unplaced heading (at `depth`). */
function tekst(node: Tekst, depth: number): string {
  switch (node.type) {
    case 'alinea':
      return inlineBlock(node.children, true)
    case 'kop':
      return `${hashes(depth)} ${inline((node satisfies Kop).children)}`
    case 'blok':
      return block(node.children[0])
  }
}

function block(node: RootContent): string {
  return toMarkdown({ type: 'root', children: [node] }, MD_OPTIONS).replace(/\n+$/, '')
}

function heading(depth: number, children: PhrasingContent[]): string {
  return `${hashes(depth)} ${inline(children)}`
}

function hashes(depth: number): string {
  return '#'.repeat(Math.max(1, Math.min(6, depth)))
}

/** Inline content on one heading line. */
function inline(children: PhrasingContent[]): string {
  return inlineBlock(children, false).replace(/\s*\n\s*/g, ' ')
}

/**
 * Inline content as a paragraph. Lines that would be read as a number (`a.`, `2a.`, `1°`) are
 * escaped when `escapeNumbers` is set, so plain text never turns into a lid or onderdeel.
 */
function inlineBlock(children: PhrasingContent[], escapeNumbers: boolean): string {
  if (children.length === 0) return ''
  let md = toMarkdown({ type: 'paragraph', children }, MD_OPTIONS).replace(/\n+$/, '')
  if (escapeNumbers) md = md.split('\n').map(escapeNumber).join('\n')
  return md
}

function escapeNumber(line: string): string {
  const m = matchMarker(line, false)
  if (!m) return line
  const at = line.indexOf(m.marker) + m.marker.length
  if (m.kind === 'sub') return `${line.slice(0, at - 1)}&#176;${line.slice(at)}`
  if (line.charAt(at) === '\\') return line
  return `${line.slice(0, at)}\\${line.slice(at)}`
}

function indentLines(text: string, indent: string, first: boolean): string {
  return text
    .split('\n')
    .map((line, i) => (line === '' || (i === 0 && !first) ? line : indent + line))
    .join('\n')
}

function plainText(children: PhrasingContent[]): string {
  return children
    .map((c) => ('value' in c ? c.value : 'children' in c ? plainText(c.children as PhrasingContent[]) : ''))
    .join('')
}
