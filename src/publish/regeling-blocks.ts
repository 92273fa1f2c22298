/**
 * Regeling tree → publication blocks: headings for divisions, articles, the toelichting and
 * bijlagen; paragraphs for leden, onderdelen and text. Every word of the tree ends up in a block;
 * ids are the stable provision ids of the tree. Headings are levelled by nesting inside their part,
 * so the outline never skips a level (an artikel directly under a hoofdstuk is one level below it).
 */
import type { PhrasingContent, RootContent, TableCell, TableRow } from 'mdast'
import { toString as mdastToString } from 'mdast-util-to-string'
import { contentOf, headingOf, numOf } from '../model/access.js'
import { DIVISION_KEYWORD } from '../model/glossary.js'
import type {
  Artikel,
  ArtikelToelichting,
  Bijlage,
  BodyContent,
  Division,
  Koptekst,
  Lid,
  Nummer,
  Onderdeel,
  RegelingNode,
  Subonderdeel,
  Tabel,
  TabelCel,
  TabelRij,
  Tekst,
  Toelichting,
} from '../model/nodes.js'
import type { AlineaBlock, KopBlock, KopRol, PubBlock, Run, TabelBlock } from '../model/publication.js'
import { dispatch, type Handlers } from '../model/registry.js'
import { joinLines } from '../util/text.js'

type Level = KopBlock['level']

function level(n: number): Level {
  return Math.max(1, Math.min(5, n)) as Level
}

/** Inline mdast content as runs; formatting that carries no meaning in a gazette text is dropped. */
export function inlineRuns(children: readonly PhrasingContent[], style: Omit<Run, 'text'> = {}): Run[] {
  const out: Run[] = []
  for (const c of children) {
    switch (c.type) {
      case 'text':
      case 'inlineCode':
        push(out, { ...style, text: joinLines(c.value) })
        break
      case 'break':
        push(out, { ...style, text: ' ' })
        break
      case 'emphasis':
        out.push(...inlineRuns(c.children, { ...style, italic: true }))
        break
      case 'strong':
        out.push(...inlineRuns(c.children, { ...style, bold: true }))
        break
      case 'link':
        out.push(...inlineRuns(c.children, { ...style, href: c.url }))
        break
      case 'html':
        push(out, { ...style, text: c.value })
        break
      default:
        push(out, { ...style, text: mdastToString(c) })
    }
  }
  return out
}

function push(out: Run[], run: Run): void {
  if (run.text === '') return
  const last = out[out.length - 1]
  if (
    last &&
    last.italic === run.italic &&
    last.bold === run.bold &&
    last.href === run.href &&
    !last.href &&
    !run.href
  ) {
    last.text += run.text
    return
  }
  out.push(run)
}

function text(value: string): Run[] {
  return value === '' ? [] : [{ text: value }]
}

/** `Artikel 1:2c Aanstellingen ...`, `Hoofdstuk 1 Algemene bepalingen`, `Bijlage IIa`. */
function headingRuns(keyword: string, num: string, heading: readonly PhrasingContent[] | undefined): Run[] {
  const head = [keyword, num].filter((p) => p !== '').join(' ')
  const rest = heading ? inlineRuns(heading) : []
  if (head === '') return rest
  if (rest.length === 0) return text(head)
  return [{ text: `${head} ` }, ...rest].reduce<Run[]>((acc, r) => {
    push(acc, { ...r })
    return acc
  }, [])
}

function kop(rol: KopRol, n: number, runs: Run[], id: string | undefined): KopBlock {
  return { kind: 'kop', rol, level: level(n), runs, ...(id ? { id } : {}) }
}

/** Paragraphs of running text (aanhef, ondertekening, text between articles). */
export function tekstBlocks(children: readonly Tekst[], depth: AlineaBlock['depth'], headingLevel: number): PubBlock[] {
  return children.map((t) => tekstBlock(t, depth, headingLevel))
}

function tekstBlock(t: Tekst, depth: AlineaBlock['depth'], headingLevel: number): PubBlock {
  switch (t.type) {
    case 'alinea':
      return { kind: 'alinea', depth, runs: inlineRuns(t.children) }
    case 'tabel':
      return tabelBlock(t)
    case 'kop':
      return kop('tussenkop', headingLevel, inlineRuns(t.children), undefined)
    case 'blok':
      return blokBlock(t.children[0], depth)
  }
}

/** A table: rows of cells of runs, the header row first, with the columns' alignment. */
export function tabelBlock(t: Tabel): TabelBlock {
  return {
    kind: 'tabel',
    rows: t.children.map((row) => row.children.map((cell) => inlineRuns(cell.children))),
    align: [...t.align],
  }
}

function blokBlock(node: RootContent, depth: AlineaBlock['depth']): PubBlock {
  if (node.type === 'table') {
    return {
      kind: 'tabel',
      rows: node.children.map((row: TableRow) => row.children.map((cell: TableCell) => inlineRuns(cell.children))),
    }
  }
  // A list, quote or code block without legal structure: its text, as one paragraph.
  return { kind: 'alinea', depth, runs: text(joinLines(mdastToString(node))) }
}

/** The body of a regulation (divisions, articles, text) at heading level `n`. */
export function bodyBlocks(children: readonly BodyContent[], n: number): PubBlock[] {
  return children.flatMap((c) => nodeBlocks(c, n))
}

/** The blocks of any node, its headings at level `n`. */
export function nodeBlocks(node: RegelingNode, n: number): PubBlock[] {
  return dispatch(BLOCKS, node, n)
}

/** A row or cell is part of its table's block. */
function tablePart(node: TabelRij | TabelCel): PubBlock[] {
  throw new Error(`publish: a \`${node.type}\` node is part of its table's block`)
}

/** A number or heading is part of its provision's heading block. */
function part(node: Nummer | Koptekst): PubBlock[] {
  throw new Error(`publish: a \`${node.type}\` node is part of its provision's heading, not a block`)
}

const BLOCKS: Handlers<PubBlock[], [n: number]> = {
  regeling: (node, n) => node.children.flatMap((c) => nodeBlocks(c, n)),
  // The title of quoted text: a heading line like any other.
  opschrift: (node, n) => [kop('tussenkop', n, inlineRuns(node.children), undefined)],
  aanhef: (node, n) => tekstBlocks(node.children, 0, n),
  titel: divisionBlocks,
  hoofdstuk: divisionBlocks,
  afdeling: divisionBlocks,
  paragraaf: divisionBlocks,
  artikel: artikelBlocks,
  lid: (node, n) => itemBlocks(node, 1, n),
  onderdeel: (node, n) => itemBlocks(node, 1, n),
  subonderdeel: (node, n) => itemBlocks(node, 1, n),
  alinea: (node, n) => [tekstBlock(node, 0, n)],
  blok: (node, n) => [tekstBlock(node, 0, n)],
  tabel: (node, n) => [tekstBlock(node, 0, n)],
  tabelrij: tablePart,
  tabelcel: tablePart,
  kop: (node, n) => [tekstBlock(node, 0, n)],
  ondertekening: (node, n) => tekstBlocks(node.children, 0, n),
  toelichting: (node) => toelichtingBlocks(node),
  artikeltoelichting: (node) => artikelToelichtingBlocks(node),
  bijlage: (node) => bijlageBlocks(node),
  nummer: part,
  koptekst: part,
}

function divisionBlocks(d: Division, n: number): PubBlock[] {
  const num = numOf(d)
  const keyword = num === '' ? '' : (d.data?.label ?? DIVISION_KEYWORD[d.type])
  return [kop(d.type, n, headingRuns(keyword, num, headingOf(d)), d.data?.id), ...bodyBlocks(contentOf(d), n + 1)]
}

function artikelBlocks(a: Artikel, n: number): PubBlock[] {
  const out: PubBlock[] = [kop('artikel', n, headingRuns('Artikel', numOf(a), headingOf(a)), a.data?.id)]
  for (const c of contentOf(a)) {
    if (c.type === 'lid' || c.type === 'onderdeel') out.push(...itemBlocks(c, 1, n + 1))
    else out.push(tekstBlock(c, 0, n + 1))
  }
  return out
}

function numberLabel(num: string): string | undefined {
  if (num === '-' || num === '') return '–'
  return num.endsWith('°') ? num : `${num}.`
}

function itemBlocks(item: Lid | Onderdeel | Subonderdeel, depth: 1 | 2 | 3, n: number): PubBlock[] {
  const out: PubBlock[] = []
  let numbered = false
  const label = numberLabel(numOf(item))
  for (const c of contentOf<Lid | Onderdeel | Subonderdeel>(item)) {
    if (c.type === 'onderdeel' || c.type === 'subonderdeel') {
      if (!numbered) {
        // An item that starts with a nested item still shows its own number first.
        out.push({ kind: 'alinea', depth, ...(label ? { num: label } : {}), runs: [], ...idOf(item) })
        numbered = true
      }
      out.push(...itemBlocks(c, Math.min(3, depth + 1) as 1 | 2 | 3, n))
      continue
    }
    const block = tekstBlock(c, depth, n)
    if (!numbered && block.kind === 'alinea') {
      out.push({ ...block, ...(label ? { num: label } : {}), ...idOf(item) })
      numbered = true
    } else out.push(block)
  }
  if (!numbered) out.push({ kind: 'alinea', depth, ...(label ? { num: label } : {}), runs: [], ...idOf(item) })
  return out
}

function idOf(node: { data?: { id?: string } }): { id?: string } {
  return node.data?.id ? { id: node.data.id } : {}
}

/** The toelichting: its heading (default `Toelichting`) and the explanations per article. */
export function toelichtingBlocks(t: Toelichting): PubBlock[] {
  const heading = headingOf(t)
  const out: PubBlock[] = [kop('toelichting', 1, heading ? inlineRuns(heading) : text('Toelichting'), t.data?.id)]
  for (const c of contentOf(t)) {
    if (c.type === 'artikeltoelichting') out.push(...artikelToelichtingBlocks(c))
    else out.push(tekstBlock(c, 0, 2))
  }
  return out
}

function artikelToelichtingBlocks(a: ArtikelToelichting): PubBlock[] {
  return [kop('artikeltoelichting', 2, inlineRuns(headingOf(a) ?? []), a.data?.id), ...tekstBlocks(contentOf(a), 0, 3)]
}

/** A bijlage: `Bijlage IIa` and its content. */
export function bijlageBlocks(b: Bijlage): PubBlock[] {
  return [kop('bijlage', 1, headingRuns('Bijlage', numOf(b), headingOf(b)), b.data?.id), ...bodyBlocks(contentOf(b), 2)]
}

/** The plain text of runs. */
export function runsText(runs: readonly Run[]): string {
  return runs.map((r) => r.text).join('')
}
