/**
 * Carry out one amendment operation on a regeling tree (in place). An operation that does not fit
 * (the words are not there or stand there twice, the lid does not exist, the article to insert is
 * already there) throws `OpdrachtFout` with the reason in Dutch; the caller positions it on the
 * instruction and writes nothing.
 */

import type { PhrasingContent, Text } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { SKIP, visit } from 'unist-util-visit'
import { visitParents } from 'unist-util-visit-parents'
import { VFile } from 'vfile'
import { phrasingText } from '../diff/index.js'
import { artikelenOf, contentOf, headingOf, koptekstOf, numOf, setHeading, setNum } from '../model/access.js'
import type { Operatie, Plaats, Stap, Vernummering, Vervanging } from '../model/amendment.js'
import { ordinal } from '../model/glossary.js'
import type {
  Alinea,
  Kop,
  Opschrift,
  Regeling,
  RegelingNode,
  Tabel,
  TabelCel,
  Tekst,
  Toelichting,
} from '../model/nodes.js'
import { isDivision as isDivisionNode, isHeaded, isItem, isNumbered, isSingleton, isTekst } from '../model/registry.js'
import { parseText } from '../parse/index.js'
import {
  divisionTitel,
  isDivision,
  isUnnumberedDivision,
  matchesTitel,
  plaatsWords,
  quoteTitel,
  RANK,
  sameTitel,
  stapWords,
} from './citation.js'
import { isNote, sameBepalingen } from './compare.js'

/** An instruction that does not fit the text it amends. */
export class OpdrachtFout extends Error {
  constructor(
    message: string,
    /** The provision the instruction names, in words. */
    readonly doel: string,
  ) {
    super(message)
  }
}

type AnyNode = RegelingNode
/** A node whose children are provisions or text nodes (its own number and heading included). */
type Holder = { children: RegelingNode[] }
/** A node whose children are inline text (a table cell only where words are replaced). */
type TextHolder = Alinea | Kop | Opschrift | TabelCel

/** Root children that close the body: an inserted article goes before them. */
const AFTER_BODY: ReadonlySet<string> = new Set(['ondertekening', 'toelichting', 'bijlage'])

/** Whether the children of `node` are inline content (or none), not tree nodes. */
function holdsText(node: AnyNode | Regeling): boolean {
  return isTekst(node) || node.type === 'opschrift' || node.type === 'nummer' || node.type === 'koptekst'
}

/**
 * The children array of `node` itself (so that an index found in it can be spliced), with its
 * `nummer` and `koptekst`; none for a text node.
 */
function kids(node: AnyNode | Regeling): RegelingNode[] {
  return holdsText(node) ? [] : (node as Holder).children
}

function sameNum(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return a === b
  const norm = (s: string) => s.replace(/\s+/g, '').replace(/\.$/, '').toLowerCase()
  return norm(a) === norm(b)
}

/** Where a node stands: its parent's children and its index there. */
interface Found {
  node: AnyNode
  parent: Holder
  index: number
}

/** All nodes matching `test`, outside the toelichting and inside no article. */
function findAll(root: Regeling, test: (n: AnyNode) => boolean): Found[] {
  const out: Found[] = []
  visit(root, (node, index, parent) => {
    if (node === root) return undefined
    const n = node as AnyNode
    if (test(n) && parent && index !== undefined) out.push({ node: n, parent: parent as Holder, index })
    return n.type === 'toelichting' || n.type === 'artikel' || isItem(n) || holdsText(n) ? SKIP : undefined
  })
  return out
}

function stapText(stap: Stap): string {
  return plaatsWords([stap])
}

/** Whether `node` is what a step names: by type and number, or a division without a number by its title. */
function matches(node: AnyNode, stap: Stap): boolean {
  if (stap.titel !== undefined) return matchesTitel(node, stap)
  return node.type === stap.soort && sameNum(numOf(node), stap.num)
}

/** The numbered divisions around `node` in `root`, outermost first (`hoofdstuk 3`). */
function numberedAround(root: Regeling, node: AnyNode): Stap[] {
  return (ancestorsOf(root, node).slice(1) as AnyNode[])
    .filter((a) => (isDivisionNode(a) || a.type === 'bijlage') && !isUnnumberedDivision(a))
    .map((a) => ({ soort: a.type as Stap['soort'], num: numOf(a) }))
}

/** A division without a number described for a message: `in hoofdstuk 3 met de artikelen 8 tot en met 12`. */
function describeUnnumbered(root: Regeling, node: AnyNode): string {
  const around = numberedAround(root, node)
  const nums = artikelenOf(node).map((a) => numOf(a))
  const arts =
    nums.length === 0
      ? 'zonder artikelen'
      : nums.length === 1
        ? `met artikel ${nums[0]}`
        : `met de artikelen ${nums[0]} ${nums.length === 2 ? 'en' : 'tot en met'} ${nums[nums.length - 1]}`
  return around.length > 0 ? `in ${plaatsWords(around.slice(-1))} ${arts}` : arts
}

/**
 * Why a division named by its title was not found, naming what is there: a numbered division with
 * that title (cite it by its number), or the titles of the divisions without a number.
 */
function titelNotFound(root: Regeling, within: AnyNode | Regeling, stap: Stap, plaats: Plaats): OpdrachtFout {
  const titel = stap.titel ?? ''
  const wanted = `${cap(stapText(stap))} bestaat niet`
  const numbered = findAll(within as Regeling, (n) => isDivisionNode(n) && !isUnnumberedDivision(n)).filter((f) =>
    sameTitel(divisionTitel(f.node), titel),
  )
  const first = numbered[0]?.node
  if (first)
    return new OpdrachtFout(
      `${wanted} als deel zonder nummer: ${plaatsWords([{ soort: first.type as Stap['soort'], num: numOf(first) }])} heeft dat opschrift; noem het bij zijn nummer`,
      plaatsWords(plaats),
    )
  const others = findAll(within as Regeling, (n) => isUnnumberedDivision(n) && divisionTitel(n) !== '')
  const shown = others
    .slice(0, 6)
    .map((f) => `${quoteTitel(divisionTitel(f.node))} (${describeUnnumbered(root, f.node)})`)
  const more = others.length > 6 ? ` en ${others.length - 6} andere` : ''
  const holder =
    within === root
      ? 'de regeling'
      : plaatsWords(numberedAround(root, within as AnyNode).concat(stepOf(within as AnyNode)))
  return new OpdrachtFout(
    others.length === 0
      ? `${wanted}: ${holder} heeft geen deel zonder nummer`
      : `Geen deel zonder nummer${within === root ? '' : ` in ${holder}`} heeft het opschrift ${quoteTitel(titel)}; ${within === root ? 'de regeling' : holder} heeft wel ${shown.join(', ')}${more}`,
    plaatsWords(plaats),
  )
}

/** The step that names a node (by number, or by title when it has none). */
function stepOf(node: AnyNode): Stap[] {
  if (isUnnumberedDivision(node)) return [{ soort: node.type as Stap['soort'], titel: divisionTitel(node) }]
  return [{ soort: node.type as Stap['soort'], num: numOf(node) }]
}

/** A title that stands above more than one division without a number: the candidates, and how to tell them apart. */
function titelAmbiguous(root: Regeling, hits: Found[], stap: Stap, plaats: Plaats): OpdrachtFout {
  const where = hits.map((f) => describeUnnumbered(root, f.node))
  const parents = hits.map((f) => numberedAround(root, f.node).slice(-1))
  const names = parents.map((p) => plaatsWords(p))
  const distinct = parents.every((p) => p.length > 0) && new Set(names).size === hits.length
  const hint = distinct
    ? `Noem ook het deel eromheen ("${names[0]}, ${stapWords(stap)}")`
    : 'Een besluit kan delen zonder nummer met hetzelfde opschrift niet uit elkaar houden; wijzig de artikelen erin bij hun nummer'
  return new OpdrachtFout(
    `Het opschrift ${quoteTitel(stap.titel ?? '')} staat boven ${hits.length} delen zonder nummer (${where.join(', en ')}); welk deel de opdracht bedoelt, is niet te zeggen. ${hint}`,
    plaatsWords(plaats),
  )
}

/** Find the node a place names; throws when it is not there or not unique. */
export function resolve(root: Regeling, plaats: Plaats): Found | { node: Regeling; parent: undefined; index: -1 } {
  if (plaats.length === 0) return { node: root, parent: undefined, index: -1 }
  const [first, ...rest] = plaats as [Stap, ...Stap[]]
  let found: Found
  if (isSingleton({ type: first.soort })) {
    const i = root.children.findIndex((c) => c.type === first.soort)
    const n = root.children.filter((c) => c.type === first.soort).length
    if (n > 1)
      throw new OpdrachtFout(
        `${cap(stapText(first))} komt ${n} keer voor; de opdracht is niet eenduidig`,
        plaatsWords(plaats),
      )
    if (i < 0)
      throw new OpdrachtFout(`De regeling heeft geen ${stapText(first).replace(/^(de|het) /, '')}`, plaatsWords(plaats))
    found = { node: root.children[i] as AnyNode, parent: root, index: i }
  } else {
    const hits = findAll(root, (n) => matches(n, first))
    if (hits.length === 0 && first.titel !== undefined) throw titelNotFound(root, root, first, plaats)
    if (hits.length > 1 && first.titel !== undefined) throw titelAmbiguous(root, hits, first, plaats)
    if (hits.length === 0) throw new OpdrachtFout(`${cap(plaatsWords([first]))} bestaat niet`, plaatsWords(plaats))
    if (hits.length > 1)
      throw new OpdrachtFout(
        `${cap(plaatsWords([first]))} komt ${hits.length} keer voor; de opdracht is niet eenduidig`,
        plaatsWords(plaats),
      )
    found = hits[0] as Found
  }
  const done: Stap[] = [first]
  for (const stap of rest) {
    done.push(stap)
    const children = kids(found.node)
    if (stap.soort === 'gedachtestreepje') {
      found = streepje(found.node, stap, done, plaats)
      continue
    }
    const i = children.findIndex((c) => matches(c, stap))
    if (i < 0) {
      // A division step followed by an article: articles are found anywhere below.
      if (stap.soort === 'artikel' || isDivision(stap.soort)) {
        const within = found.node
        const below = findAll(
          { type: 'regeling', data: { meta: {} }, children: [within as Regeling['children'][number]] },
          (n) => n !== within && matches(n, stap),
        )
        if (below.length === 1) {
          found = below[0] as Found
          continue
        }
        if (below.length > 1 && stap.titel !== undefined) throw titelAmbiguous(root, below, stap, plaats)
        if (stap.titel !== undefined) throw titelNotFound(root, within, stap, plaats)
      }
      throw new OpdrachtFout(`${cap(plaatsWords(done))} bestaat niet`, plaatsWords(plaats))
    }
    found = { node: children[i] as AnyNode, parent: found.node as Holder, index: i }
  }
  return found
}

/**
 * The gedachtestreepje a step names in `node`: the item without a number at that place among the
 * items without a number (`het veertiende gedachtestreepje`), counted in the text as it stands.
 */
function streepje(node: AnyNode, stap: Stap, done: Stap[], plaats: Plaats): Found {
  const children = kids(node)
  const dashes = children
    .map((c, index) => ({ node: c, parent: node as Holder, index }))
    .filter((f) => isItem(f.node) && (numOf(f.node) === '' || numOf(f.node) === '-'))
  const n = /^\d+$/.test(stap.num ?? '') ? Number(stap.num) : 0
  const hit = dashes[n - 1]
  if (n > 0 && hit) return hit
  const waar = cap(plaatsWords(done.slice(0, -1)))
  const telt =
    dashes.length === 0
      ? 'heeft geen gedachtestreepjes'
      : `heeft ${dashes.length === 1 ? 'één gedachtestreepje' : `${dashes.length} gedachtestreepjes`}`
  // Ar 3.29: a citation in parts is closed by a comma ("Artikel 2, eerste lid, heeft …").
  throw new OpdrachtFout(
    `${waar}${waar.includes(',') ? ',' : ''} ${telt}; het ${stapText(stap).replace(/^het /, '')} bestaat niet`,
    plaatsWords(plaats),
  )
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}

/** Numbering in new text that does not fit (lid 5 added to an article with three leden). */
export class NummeringFout extends OpdrachtFout {}

// ---- new text ---------------------------------------------------------------------------------

/**
 * Drop `position` from a parsed fragment and everything in it. The new text of an instruction is
 * parsed from a string made here (the words of a block quote without their `>`, inside a stand-in
 * article), so its positions would point into that string, not into the amendment file; the new
 * nodes carry none, and a problem with an instruction is placed on the instruction itself.
 */
function withoutPositions<T>(value: T): T {
  if (Array.isArray(value)) for (const v of value) withoutPositions(v)
  else if (value !== null && typeof value === 'object') {
    delete (value as { position?: unknown }).position
    for (const v of Object.values(value)) if (v !== null && typeof v === 'object') withoutPositions(v)
  }
  return value
}

/** The title of the stand-in hoofdstuk new text is read in (never in a regulation). */
const STAND_IN = 'regelwerk-inhoud'

/**
 * Parse the new text of an instruction into nodes of the kind the instruction names. Leden and
 * onderdelen are read inside an article; a subonderdeel that the parser placed as an onderdeel
 * (it has no onderdeel around it here) is taken as a subonderdeel. The nodes have no position.
 */
export function parseInhoud(inhoud: string, wat: string): AnyNode[] {
  const file = new VFile({ path: 'inhoud.md' })
  if (isItem({ type: wat })) {
    const tree = withoutPositions(parseText(`## Artikel 0\n\n${inhoud}\n`, file).tree)
    const art = tree.children.find((c) => c.type === 'artikel')
    const nodes: AnyNode[] = art ? contentOf(art) : []
    return nodes.map((n) =>
      wat === 'subonderdeel' && n.type === 'onderdeel' ? ({ ...n, type: 'subonderdeel' } as AnyNode) : n,
    )
  }
  let tree = withoutPositions(parseText(`${inhoud}\n`, file).tree)
  if (isDivision(wat) && tree.children[0]?.type === 'opschrift') {
    // A division without a number opens with a heading without keyword, which at the top of a text
    // is the regulation's title: it is read inside a stand-in hoofdstuk, where it is a division.
    const inner = withoutPositions(parseText(`## Hoofdstuk 0 ${STAND_IN}\n\n${inhoud}\n`, file).tree)
    const standIn = inner.children[0]
    if (standIn?.type === 'hoofdstuk' && inner.children.length === 1)
      tree = { ...inner, children: contentOf(standIn) as Regeling['children'] }
  }
  const nodes = tree.children as AnyNode[]
  const teksten = (): AnyNode[] =>
    nodes.flatMap((n) => (n.type === 'aanhef' || n.type === 'ondertekening' ? n.children : [n]))
  if (wat === 'tekst') return teksten()
  if (wat === 'aanhef' || wat === 'ondertekening') {
    // What the parser read as body text stands in the aanhef or ondertekening the instruction names.
    return [{ type: wat, children: teksten() as Tekst[] }]
  }
  return nodes
}

// ---- words --------------------------------------------------------------------------------------

interface TextHit {
  holder: TextHolder
  start: number
  end: number
}

/** Where a table cell stands: its table, its row (0: the header row) and its column (from 1). */
interface CelPlaats {
  tabel: Tabel
  rij: number
  kolom: number
}

/** The place of each cell `textNodes` handed out with `cells` (a cell is inline content without a parent). */
const celPlaatsen = new WeakMap<TabelCel, CelPlaats>()

/**
 * The text nodes (alinea, kop) of a subtree, in order; the toelichting only when it is the target.
 * With `cells`, the cells of its tables too, row by row (where words are looked for and counted:
 * a word replacement in a provision also finds its words in a table cell).
 */
export function textNodes(node: AnyNode | Regeling, cells = false): TextHolder[] {
  const out: TextHolder[] = []
  visit(node, (child) => {
    const n = child as AnyNode
    if (n.type === 'alinea' || n.type === 'kop' || n.type === 'opschrift') out.push(n)
    else if (cells && n.type === 'tabel')
      n.children.forEach((rij, r) => {
        rij.children.forEach((cel, k) => {
          celPlaatsen.set(cel, { tabel: n, rij: r, kolom: k + 1 })
          out.push(cel)
        })
      })
    return holdsText(n) ? SKIP : undefined
  })
  return out
}

/** A cell's place in words: `rij 2, kolom 3`, the header row `de kopregel, kolom 1`. */
function celWoorden(cel: TabelCel): string {
  const p = celPlaatsen.get(cel)
  if (!p) return 'een cel'
  return `${p.rij === 0 ? 'de kopregel' : `rij ${p.rij}`}, kolom ${p.kolom}`
}

/**
 * The refusal for words that are not in any text node: when they do stand in a table, read across
 * the cells (`3 en 4 € 345,23`), the quote runs over a cell boundary, which a replacement cannot.
 */
function notFound(nodes: TextHolder[], oud: string, doel: string): OpdrachtFout {
  const tabellen = new Set<Tabel>()
  for (const holder of nodes) {
    const p = holder.type === 'tabelcel' ? celPlaatsen.get(holder) : undefined
    if (p) tabellen.add(p.tabel)
  }
  for (const tabel of tabellen) {
    const text = tabel.children
      .map((rij) => rij.children.map((cel) => phrasingText(cel.children as PhrasingContent[])).join(' '))
      .join(' ')
    if (pattern(oud).test(text))
      return new OpdrachtFout(
        `De woorden "${oud}" lopen in ${doel} over meer dan één cel van de tabel; een vervanging van woorden blijft binnen één cel. Vervang de woorden per cel (één vervanging voor elke cel die verandert)`,
        doel,
      )
  }
  return new OpdrachtFout(`De woorden "${oud}" staan niet in ${doel}`, doel)
}

/** The refusal for words that stand more than once; where some stand in table cells, which cells. */
function notUnique(hits: TextHit[], oud: string, doel: string): OpdrachtFout {
  const cellen = hits.filter((h) => h.holder.type === 'tabelcel').map((h) => celWoorden(h.holder as TabelCel))
  const where =
    cellen.length === 0
      ? ''
      : ` (in de tabel: ${cellen.join('; ')}${cellen.length < hits.length ? '; en in de tekst erbuiten' : ''})`
  const advice =
    cellen.length === 0
      ? ''
      : '. Citeer meer woorden uit dezelfde cel, zodat de woorden één keer voorkomen, of laat de bepaling opnieuw luiden'
  return new OpdrachtFout(
    `De woorden "${oud}" staan ${hits.length} keer in ${doel}${where}; de opdracht is niet eenduidig${advice}`,
    doel,
  )
}

function pattern(oud: string): RegExp {
  const parts = oud
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  return new RegExp(parts.join('\\s+'), 'gu')
}

/** How often words occur in the text nodes (white space may differ). */
export function countMatches(nodes: TextHolder[], oud: string): number {
  let n = 0
  for (const holder of nodes) n += [...phrasingText(holder.children as PhrasingContent[]).matchAll(pattern(oud))].length
  return n
}

function locateAll(nodes: TextHolder[], oud: string, doel: string): TextHit[] {
  const hits: TextHit[] = []
  for (const holder of nodes) {
    const text = phrasingText(holder.children as PhrasingContent[])
    for (const m of text.matchAll(pattern(oud))) hits.push({ holder, start: m.index, end: m.index + m[0].length })
  }
  if (hits.length === 0) throw notFound(nodes, oud, doel)
  return hits
}

function locate(nodes: TextHolder[], oud: string, doel: string): TextHit {
  const hits = locateAll(nodes, oud, doel)
  if (hits.length > 1) throw notUnique(hits, oud, doel)
  return hits[0] as TextHit
}

/** The new words of a replacement as inline content (without positions: they point into the quoted words). */
function inlineOf(markdown: string): PhrasingContent[] {
  if (markdown === '') return []
  const root = fromMarkdown(markdown)
  const para = root.children[0]
  if (root.children.length === 1 && para?.type === 'paragraph') return withoutPositions(para.children)
  return [{ type: 'text', value: markdown }]
}

/** Whether inline content is plain text only. */
function plainOnly(children: PhrasingContent[]): boolean {
  return children.every((c) => c.type === 'text')
}

/** Replace characters [start, end) of a text holder's plain text by `nieuw`. */
function spliceText(holder: TextHolder, start: number, end: number, nieuw: PhrasingContent[], doel: string): void {
  const children = holder.children as PhrasingContent[]
  if (plainOnly(children) && plainOnly(nieuw)) {
    const text = phrasingText(children)
    const value = tidyJoin(text.slice(0, start), nieuw.map((c) => (c as Text).value).join(''), text.slice(end))
    ;(holder as { children: PhrasingContent[] }).children = value === '' ? [] : [{ type: 'text', value }]
    return
  }
  if (!spliceInline(children, start, end, nieuw))
    throw new OpdrachtFout('De te vervangen woorden lopen over opmaak (een link of nadruk) heen', doel)
}

/**
 * Whether the visible characters [start, end) of inline content can be replaced: the range lies
 * inside one link or nadruk (then it is replaced there), or its ends lie in plain text or on the
 * edges of markup it covers whole (covered links and nadruk give way to the new words). With
 * `nieuw`, the replacement is made (in place); without, it is only tested.
 */
export function spliceInline(
  children: PhrasingContent[],
  start: number,
  end: number,
  nieuw?: PhrasingContent[],
): boolean {
  const ranges: Array<[number, number]> = []
  let at = 0
  for (const c of children) {
    const len = phrasingText([c]).length
    ranges.push([at, at + len])
    at += len
  }
  // Strictly inside one child with children of its own (a link, nadruk): replace in there.
  for (let i = 0; i < children.length; i++) {
    const c = children[i] as PhrasingContent
    const [a, b] = ranges[i] as [number, number]
    if ('children' in c && start >= a && end <= b && (start > a || end < b))
      return spliceInline(c.children as PhrasingContent[], start - a, end - a, nieuw)
  }
  // The children the range touches; a text child right before or after joins for the white space.
  let first = ranges.findIndex(([a, b]) => b > start || (a === start && b === start))
  let last = -1
  for (let i = ranges.length - 1; i >= 0; i--)
    if ((ranges[i] as [number, number])[0] < end) {
      last = i
      break
    }
  if (first < 0 || last < first) return false
  const isText = (i: number) => children[i]?.type === 'text'
  if (!isText(first) && (ranges[first] as [number, number])[0] < start) return false
  if (!isText(last) && (ranges[last] as [number, number])[1] > end) return false
  if (!isText(first) && first > 0 && isText(first - 1)) first--
  if (!isText(last) && last < children.length - 1 && isText(last + 1)) last++
  if (!nieuw) return true
  const [a0] = ranges[first] as [number, number]
  const [, b1] = ranges[last] as [number, number]
  const textOf = (i: number) => (children[i] as Text).value
  const before = isText(first) ? textOf(first).slice(0, Math.max(0, start - a0)) : ''
  const after = isText(last) ? textOf(last).slice(textOf(last).length - Math.max(0, b1 - end)) : ''
  const replaced: PhrasingContent[] = []
  if (nieuw.length === 0) {
    // What stands before the touched children (a link or nadruk) counts for the white space.
    const preceding = phrasingText(children.slice(0, first)).slice(-1)
    const joined = tidyJoin(before, '', after, preceding)
    if (joined !== '') replaced.push({ type: 'text', value: joined })
  } else {
    if (before) replaced.push({ type: 'text', value: before })
    replaced.push(...structuredClone(nieuw))
    if (after) replaced.push({ type: 'text', value: after })
  }
  children.splice(first, last - first + 1, ...replaced)
  mergeText(children)
  return true
}

/**
 * Join the text around lapsed words without a double space or a space before punctuation.
 * `preceding`: the last character of what stands before `before` in the same text (a link or
 * nadruk), so that `*Staatscourant*` keeps the space after it.
 */
function tidyJoin(before: string, middle: string, after: string, preceding = ''): string {
  if (middle !== '') return before + middle + after
  const left = preceding + before
  if (/\s$/.test(left) && (after === '' || /^\s/.test(after) || /^[,.;:)]/.test(after)))
    return before === '' ? after.replace(/^\s+/, '') : before.trimEnd() + after
  if ((left === '' || /\($/.test(left)) && /^\s/.test(after)) return before + after.replace(/^\s+/, '')
  return before + after
}

function mergeText(children: PhrasingContent[]): void {
  for (let i = children.length - 1; i > 0; i--) {
    const a = children[i - 1] as PhrasingContent
    const b = children[i] as PhrasingContent
    if (a.type === 'text' && b.type === 'text') {
      a.value += b.value
      children.splice(i, 1)
    }
  }
}

/**
 * A change at the end of a provision (`aanHetSlot`: words added, a punt becoming a puntkomma) or of
 * one sentence (`zin`). The provision must end in a plain-text alinea; a sentence is counted in a
 * provision of one alinea, sentences ending in `.`, `!` or `?` followed by a capital.
 */
function applySpecial(target: AnyNode | Regeling, v: Vervanging, doel: string): void {
  const alineas = textNodes(target).filter((n) => n.type === 'alinea') as Alinea[]
  if (v.zin !== undefined) {
    if (alineas.length !== 1)
      throw new OpdrachtFout(
        `${cap(doel)} heeft ${alineas.length} alinea's; een zin is daarin niet eenduidig te tellen`,
        doel,
      )
    const alinea = alineas[0] as Alinea
    const children = alinea.children as PhrasingContent[]
    if (!plainOnly(children))
      throw new OpdrachtFout(
        `${cap(doel)} bevat opmaak (een link of nadruk); de zinnen zijn niet zeker te tellen`,
        doel,
      )
    const text = phrasingText(children)
    const zinnen = text.split(/(?<=[.!?])\s+(?=[A-Z0-9"„‘(])/)
    const i = v.zin < 0 ? zinnen.length - 1 : v.zin - 1
    const j = v.totZin !== undefined ? v.totZin - 1 : i
    if (i < 0 || j >= zinnen.length || j < i)
      throw new OpdrachtFout(
        `${cap(doel)} heeft ${zinnen.length === 1 ? 'één zin' : `${zinnen.length} zinnen`}${v.totZin !== undefined ? `; de opdracht noemt de ${ordinal(String(v.zin))} tot en met de ${ordinal(String(v.totZin))}` : ''}`,
        doel,
      )
    zinnen.splice(i, j - i + 1, ...(v.nieuw === '' ? [] : [v.nieuw]))
    if (zinnen.length === 0)
      throw new OpdrachtFout(`Dan blijft er van ${doel} niets over; laat de bepaling vervallen`, doel)
    ;(alinea as { children: PhrasingContent[] }).children = [{ type: 'text', value: zinnen.join(' ') }]
    return
  }
  const alinea = alineas[alineas.length - 1]
  const last = alinea?.children[alinea.children.length - 1]
  if (!alinea || last?.type !== 'text') throw new OpdrachtFout(`${cap(doel)} eindigt niet op gewone tekst`, doel)
  const value = last.value.replace(/\s+$/, '')
  if (v.oud !== '') {
    if (!value.endsWith(v.oud)) throw new OpdrachtFout(`${cap(doel)} eindigt niet op "${v.oud}"`, doel)
    last.value = value.slice(0, value.length - v.oud.length) + v.nieuw
    return
  }
  // Words that start no sentence cannot follow a closing punt: the instruction must say where the punt goes.
  if (/[.;:]$/.test(value) && /^[,;:)\p{Ll}]/u.test(v.nieuw.trim()))
    throw new OpdrachtFout(
      `${cap(doel)} eindigt op "${value.slice(-1)}"; de toegevoegde woorden beginnen geen nieuwe zin. Zeg waar dat teken blijft ("onder vervanging van de punt door een komma") of vervang de woorden ervoor`,
      doel,
    )
  const nieuw = inlineOf(v.nieuw)
  const joint = /^[,.;:)]/.test(v.nieuw) ? '' : ' '
  last.value = value + joint
  ;(alinea.children as PhrasingContent[]).push(...nieuw)
  mergeText(alinea.children as PhrasingContent[])
}

function applyWords(target: AnyNode | Regeling, vervangingen: Vervanging[], doel: string): void {
  applyWordsIn(textNodes(target, true), vervangingen, doel)
}

function applyWordsIn(nodes: TextHolder[], vervangingen: Vervanging[], doel: string): void {
  // All words are found before any is replaced (one sentence speaks of one text).
  const located = vervangingen.flatMap((v) =>
    v.telkens ? locateAll(nodes, v.oud, doel).map((hit) => ({ v, hit })) : [{ v, hit: locate(nodes, v.oud, doel) }],
  )
  for (let i = 0; i < located.length; i++)
    for (let j = i + 1; j < located.length; j++) {
      const a = (located[i] as (typeof located)[number]).hit
      const b = (located[j] as (typeof located)[number]).hit
      if (a.holder === b.holder && a.start < b.end && b.start < a.end)
        throw new OpdrachtFout('Twee vervangingen in één zin overlappen elkaar', doel)
    }
  // Per text node, replace from the end so that earlier offsets stay valid.
  const byHolder = new Map<TextHolder, typeof located>()
  for (const x of located) byHolder.set(x.hit.holder, [...(byHolder.get(x.hit.holder) ?? []), x])
  for (const group of byHolder.values()) {
    group.sort((x, y) => y.hit.start - x.hit.start)
    for (const { v, hit } of group) spliceText(hit.holder, hit.start, hit.end, inlineOf(v.nieuw), doel)
  }
}

// ---- structure ----------------------------------------------------------------------------------

function renumber(parent: AnyNode | Regeling, v: Vernummering, doel: string): void {
  const children = kids(parent)
  const targets = v.van.map((num) => {
    const c = children.find((x) => x.type === v.soort && sameNum(numOf(x), num))
    if (!c) throw new OpdrachtFout(`Bij de vernummering: ${plaatsWords([{ soort: v.soort, num }])} bestaat niet`, doel)
    return c
  })
  targets.forEach((c, i) => {
    if (isNumbered(c)) setNum(c, v.naar[i] as string)
  })
}

/** The last alinea of a provision (for the punt/puntkomma at its end). */
function lastAlinea(node: AnyNode): Alinea | undefined {
  const texts = textNodes(node).filter((n) => n.type === 'alinea')
  return texts[texts.length - 1] as Alinea | undefined
}

function replaceEnd(node: AnyNode, from: RegExp, to: string, what: string, doel: string): void {
  const alinea = lastAlinea(node)
  const last = alinea?.children[alinea.children.length - 1]
  if (!alinea || last?.type !== 'text' || !from.test(last.value))
    throw new OpdrachtFout(`${cap(doel)} eindigt niet op ${what}`, doel)
  last.value = last.value.replace(from, to)
}

function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, 'nl', { numeric: true, sensitivity: 'base' })
}

/** Insert `nodes` into `holder` at the place the operation says. */
function insertAt(
  root: Regeling,
  op: Extract<Operatie, { soort: 'invoegen' | 'verplaatsen' }>,
  nodes: AnyNode[],
  doel: string,
): void {
  if (op.na || op.voor) {
    const anchor = resolve(root, (op.na ?? op.voor) as Plaats)
    if (!anchor.parent) throw new OpdrachtFout('Er kan niet voor of na de hele regeling worden ingevoegd', doel)
    const first = nodes[0]
    const at = first && isDivisionNode(first) ? divisionPlace(root, anchor, first, op.na !== undefined, doel) : anchor
    at.parent.children.splice(at.index + (op.na ? 1 : 0), 0, ...nodes)
    return
  }
  const ouder = resolve(root, op.ouder ?? [])
  const holder = ouder.node as Holder
  const first = nodes[0]
  if (first?.type === 'artikel') {
    // Loose wording ("wordt artikel 1:2c toegevoegd"): in number order among the articles there.
    const arts = findAll(ouder.node as Regeling, (n) => n.type === 'artikel')
    const before = arts.filter((a) => naturalCompare(numOf(a.node), numOf(first)) < 0).pop()
    if (before) {
      before.parent.children.splice(before.index + 1, 0, ...nodes)
      return
    }
    const after = arts[0]
    if (after) {
      after.parent.children.splice(after.index, 0, ...nodes)
      return
    }
  }
  if (ouder.node.type === 'regeling' && first && !isSingleton(first) && first.type !== 'bijlage') {
    const end = holder.children.findIndex((c) => AFTER_BODY.has(c.type))
    holder.children.splice(end < 0 ? holder.children.length : end, 0, ...nodes)
    return
  }
  if (ouder.node.type === 'regeling' && first && isSingleton(first)) {
    const order = ['opschrift', 'aanhef', 'body', 'ondertekening', 'toelichting', 'bijlage']
    const rank = (t: string) => order.indexOf(isSingleton({ type: t }) || t === 'bijlage' ? t : 'body')
    const at = holder.children.findIndex((c) => rank(c.type) > rank(first.type))
    holder.children.splice(at < 0 ? holder.children.length : at, 0, ...nodes)
    return
  }
  holder.children.push(...nodes)
}

/** The rank of a division: a division without a number ranks below a numbered paragraaf (as the parser places it). */
function divisionRank(node: AnyNode): number {
  return isUnnumberedDivision(node) ? RANK.paragraaf + 0.5 : (RANK[node.type as Stap['soort']] ?? 0)
}

/**
 * Where a division goes that is inserted after (`na`) or before an article or division: a division
 * cannot stand inside one of its own rank or lower (`In hoofdstuk 4 wordt na artikel 27 een
 * paragraaf ingevoegd`, with artikel 27 the last of a paragraaf: the new paragraaf follows that
 * paragraaf). The anchor must then be the last (or, for `voor`, the first) part of that division;
 * in its middle the new division would split it, which the instruction does not say.
 */
function divisionPlace(root: Regeling, anchor: Found, inserted: AnyNode, na: boolean, doel: string): Found {
  const chain = ancestorsOf(root, anchor.node)
  let at = anchor
  for (let k = chain.length - 1; k > 0; k--) {
    const holder = chain[k] as AnyNode
    if (!isDivisionNode(holder) || divisionRank(holder) < divisionRank(inserted)) break
    const content = contentOf(holder) as AnyNode[]
    const edge = na ? content[content.length - 1] : content[0]
    if (edge !== at.node)
      throw new OpdrachtFout(
        `${cap(describeNode(at.node))} staat midden in ${describeNode(holder)}; een nieuwe ${inserted.type} ${na ? 'erna' : 'ervoor'} zou die splitsen, en de opdracht zegt niet waar de artikelen ${na ? 'erna' : 'ervoor'} komen. Voeg de ${inserted.type} in ${na ? 'na' : 'voor'} ${describeNode(holder)}, of noem een artikel aan ${na ? 'het eind' : 'het begin'} ervan`,
        doel,
      )
    const parent = chain[k - 1] as Holder
    at = { node: holder, parent, index: parent.children.indexOf(holder) }
  }
  return at
}

/** `root` and the nodes from it down to the parent of `node`. */
function ancestorsOf(root: Regeling, node: AnyNode): Array<AnyNode | Regeling> {
  let out: Array<AnyNode | Regeling> = []
  visitParents(root, (n, ancestors) => {
    if (n !== node) return undefined
    out = ancestors as Array<AnyNode | Regeling>
    return false
  })
  return out
}

/** Move toelichting parts of new text (LOGA letters give an article with its toelichting) into the toelichting. */
function placeToelichting(root: Regeling, nodes: AnyNode[]): AnyNode[] {
  const toelichtingen = nodes.filter((n) => n.type === 'toelichting')
  if (toelichtingen.length === 0) return nodes
  // The parts under the toelichting heading of the new text; that heading itself is not moved.
  const parts = toelichtingen.flatMap((t) => (t.type === 'toelichting' ? contentOf(t) : []))
  const existing = root.children.find((c) => c.type === 'toelichting')
  if (existing) existing.children.push(...parts)
  else {
    const at = root.children.findIndex((c) => c.type === 'bijlage')
    const node: Toelichting = { type: 'toelichting', children: parts }
    root.children.splice(at < 0 ? root.children.length : at, 0, node)
  }
  return nodes.filter((n) => n.type !== 'toelichting')
}

function existsAlready(root: Regeling, holder: AnyNode | Regeling, node: AnyNode): boolean {
  const num = numOf(node)
  if (node.type === 'artikel') return findAll(root, (n) => n.type === 'artikel' && sameNum(numOf(n), num)).length > 0
  if (node.type === 'bijlage')
    return num !== '' && findAll(root, (n) => n.type === node.type && sameNum(numOf(n), num)).length > 0
  // A division number is unique among its siblings (paragraaf 1 of each afdeling): see siblingTaken.
  if (isDivision(node.type)) return false
  if (isItem(node) && num !== '-') return kids(holder).some((c) => c.type === node.type && sameNum(numOf(c), num))
  if (isSingleton(node)) return root.children.some((c) => c.type === node.type)
  return false
}

/** A numbered division that was just inserted must not have a sibling of the same kind and number. */
function siblingTaken(root: Regeling, node: AnyNode, doel: string): void {
  const num = numOf(node)
  if (num === '') return
  const chain = ancestorsOf(root, node)
  const holder = chain[chain.length - 1]
  if (holder && kids(holder).some((c) => c !== node && c.type === node.type && sameNum(numOf(c), num)))
    throw new OpdrachtFout(`${cap(describeNode(node))} bestaat al`, doel)
}

function describeNode(node: AnyNode): string {
  if (isUnnumberedDivision(node)) return plaatsWords(stepOf(node))
  if (node.type === 'artikel' || node.type === 'bijlage' || isItem(node) || isDivision(node.type))
    return plaatsWords([{ soort: node.type as Stap['soort'], num: numOf(node) }])
  return node.type
}

function expectKind(nodes: AnyNode[], wat: string, doel: string): void {
  if (wat === 'tekst' || wat === 'regeling') return
  if (wat === 'toelichting') {
    if (nodes.length > 0 && nodes.every((n) => n.type === 'toelichting')) return
    throw new OpdrachtFout('De nieuwe tekst is geen toelichting, maar de opdracht spreekt van een toelichting', doel)
  }
  const main = nodes.filter((n) => n.type !== 'toelichting')
  if (main.length === 0 || main.some((n) => n.type !== wat))
    throw new OpdrachtFout(
      `De nieuwe tekst is ${main.length === 0 ? 'leeg' : `een ${main[0]?.type}`}, maar de opdracht spreekt van een ${wat}`,
      doel,
    )
}

function whatOf(plaats: Plaats): string {
  return plaats.length === 0 ? 'regeling' : (plaats[plaats.length - 1] as Stap).soort
}

/** Carry out one operation on `root` (in place). */
export function applyOperatie(root: Regeling, op: Operatie): void {
  switch (op.soort) {
    case 'komt-te-luiden': {
      const doel = plaatsWords(op.doel)
      const wat = whatOf(op.doel)
      const target = resolve(root, op.doel)
      if (wat === 'gedachtestreepje') {
        // "Het vijftiende gedachtestreepje komt te luiden:": one item without a number, of the kind
        // of the one it replaces.
        if (op.totEnMet) throw new OpdrachtFout('Gedachtestreepjes komen elk afzonderlijk te luiden', doel)
        const type = target.node.type
        const nieuw = parseInhoud(op.inhoud, type)
        if (nieuw.length !== 1 || nieuw[0]?.type !== type || numOf(nieuw[0]) !== '-')
          throw new OpdrachtFout(
            `De nieuwe tekst is ${nieuw.length === 1 ? 'geen gedachtestreepje' : `${nieuw.length === 0 ? 'leeg' : `${nieuw.length} delen`}`}, maar de opdracht spreekt van één gedachtestreepje`,
            doel,
          )
        ;(target.parent as Holder).children.splice(target.index, 1, nieuw[0] as AnyNode)
        return
      }
      let nodes = parseInhoud(op.inhoud, wat === 'regeling' ? 'regeling' : wat)
      if (!target.parent) {
        root.children = nodes as Regeling['children']
        return
      }
      if (wat === 'artikel') nodes = placeToelichting(root, nodes)
      expectKind(nodes, wat, doel)
      let count = 1
      if (op.totEnMet) {
        const last = resolve(root, op.totEnMet)
        if (last.parent !== target.parent || last.index < target.index)
          throw new OpdrachtFout(`${cap(plaatsWords(op.totEnMet))} volgt niet op ${doel} in dezelfde bepaling`, doel)
        count = last.index - target.index + 1
      }
      const replaced = target.parent.children.slice(target.index, target.index + count)
      const before = kids(target.parent as AnyNode).map((c) => c)
      target.parent.children.splice(target.index, count, ...nodes)
      checkReplacedNumbers(replaced, nodes, doel)
      checkSequence(target.parent as AnyNode, before, wat, doel)
      return
    }
    case 'opschrift': {
      const doel = plaatsWords(op.doel)
      const target = resolve(root, op.doel)
      const node = target.node
      if (!isHeaded(node)) throw new OpdrachtFout(`${cap(doel)} heeft geen opschrift`, doel)
      if (op.titel !== undefined) {
        setHeading(node, [{ type: 'text', value: op.titel }])
        return
      }
      if (op.inhoud === '') {
        setHeading(node, undefined)
        return
      }
      const [parsed] = parseInhoud(op.inhoud, node.type)
      if (!parsed || parsed.type !== node.type || !sameNum(numOf(parsed), numOf(node)))
        throw new OpdrachtFout(`Het nieuwe opschrift hoort niet bij ${doel}`, doel)
      setHeading(node, headingOf(parsed))
      if (isDivisionNode(node)) {
        const { label: _, ...data } = node.data ?? {}
        const label = isDivisionNode(parsed) ? parsed.data?.label : undefined
        node.data = label === undefined ? data : { ...data, label }
      }
      return
    }
    case 'woorden': {
      const last = op.doel[op.doel.length - 1]
      const inHeading = op.doel.length > 1 && last?.soort === 'opschrift'
      const doel = inHeading ? `het opschrift van ${plaatsWords(op.doel.slice(0, -1))}` : plaatsWords(op.doel)
      const target = resolve(root, inHeading ? op.doel.slice(0, -1) : op.doel).node
      const special = op.vervangingen.filter((v) => v.aanHetSlot || v.zin !== undefined)
      if (special.length > 0) {
        if (op.vervangingen.length > 1 || inHeading)
          throw new OpdrachtFout('Een wijziging aan het slot of van een zin staat in een opdracht van zichzelf', doel)
        applySpecial(target, special[0] as Vervanging, doel)
        return
      }
      if (inHeading) {
        const kop = koptekstOf(target)
        if (!kop) throw new OpdrachtFout(`${cap(plaatsWords(op.doel.slice(0, -1)))} heeft geen opschrift`, doel)
        applyWordsIn([kop as unknown as TextHolder], op.vervangingen, doel)
        return
      }
      applyWords(target, op.vervangingen, doel)
      return
    }
    case 'vervalt': {
      const doel = op.totEnMet
        ? `${plaatsWords(op.doelen[0] ?? [])} tot en met ${plaatsWords(op.totEnMet)}`
        : op.doelen.map((d) => plaatsWords(d)).join(', ')
      const found = op.totEnMet
        ? reeks(root, op.doelen[0] ?? [], op.totEnMet, doel)
        : op.doelen.map((d) => resolve(root, d))
      const parent = found[0]?.parent
      for (const f of found) {
        if (!f.parent) throw new OpdrachtFout('De hele regeling kan niet met een wijzigingsopdracht vervallen', doel)
        const i = f.parent.children.indexOf(f.node)
        f.parent.children.splice(i, 1)
      }
      if (op.vernummering && parent) renumber(parent as Regeling | AnyNode, op.vernummering, doel)
      if (op.aanduiding) aanduidingVervalt(root, op.aanduiding)
      if (op.slotPunt)
        replaceEnd(
          resolve(root, op.slotPunt).node,
          /;(\s*(en|of))?\s*$/,
          '.',
          'een puntkomma',
          plaatsWords(op.slotPunt),
        )
      return
    }
    case 'invoegen': {
      const doel = plaatsWords(op.na ?? op.voor ?? op.ouder)
      if (op.wat === 'gedachtestreepje') {
        streepjesToevoegen(root, op, doel)
        return
      }
      const ouder = op.na || op.voor ? resolve(root, (op.na ?? op.voor) as Plaats).parent : resolve(root, op.ouder).node
      let nodes = parseInhoud(op.inhoud, op.wat)
      if (op.wat === 'artikel') nodes = placeToelichting(root, nodes)
      expectKind(nodes, op.wat, doel)
      const expected = op.aantal ?? 1
      const counted = nodes.filter((n) => n.type === op.wat).length
      if (isItem({ type: op.wat }) && counted !== expected)
        throw new NummeringFout(
          `De opdracht noemt ${expected === 1 ? 'één' : expected} ${expected === 1 ? op.wat : plural(op.wat)}, maar de nieuwe tekst heeft er ${counted}`,
          doel,
        )
      if (ouder && isItem({ type: op.wat }) && !canHold(ouder as AnyNode | Regeling, op.wat))
        throw new OpdrachtFout(
          `Een ${op.wat} kan niet in ${(ouder as AnyNode).type === 'regeling' ? 'de regeling zelf' : describeNode(ouder as AnyNode)} worden ingevoegd; noem het artikel${op.wat === 'lid' ? '' : ' of lid'}`,
          doel,
        )
      const beforeSeq = ouder ? kids(ouder as AnyNode).map((c) => c) : []
      if (op.vernummering && ouder) renumber(ouder as Regeling | AnyNode, op.vernummering, doel)
      for (const n of nodes)
        if (ouder && existsAlready(root, ouder as Regeling | AnyNode, n))
          throw new OpdrachtFout(`${cap(describeNode(n))} bestaat al`, doel)
      if (op.puntkomma)
        replaceEnd(resolve(root, op.puntkomma).node, /\.\s*$/, ';', 'een punt', plaatsWords(op.puntkomma))
      if (op.vernummering && !op.na && !op.voor && ouder) {
        // Ar 6.11: "onder vernummering van het tweede lid tot derde lid wordt een lid ingevoegd":
        // the new lid takes the place of the first renumbered one.
        const children = kids(ouder as Regeling | AnyNode)
        const first = children.findIndex(
          (c) => c.type === op.vernummering?.soort && sameNum(numOf(c), op.vernummering?.naar[0]),
        )
        children.splice(first < 0 ? children.length : first, 0, ...nodes)
        if (isItem({ type: op.wat })) checkSequence(ouder as AnyNode, beforeSeq, op.wat, doel)
        return
      }
      insertAt(root, op, nodes, doel)
      for (const n of nodes) if (isDivision(n.type)) siblingTaken(root, n, doel)
      if (ouder && isItem({ type: op.wat })) checkSequence(ouder as AnyNode, beforeSeq, op.wat, doel)
      return
    }
    case 'aanduiding': {
      if (op.actie === 'vervalt') aanduidingVervalt(root, op.doel)
      else aanduidingGeplaatst(root, op.doel)
      return
    }
    case 'vernummeren':
      vernummeren(root, op.doel, op.naar)
      return
    case 'kop-invoegen':
      kopInvoegen(root, op.voor, op.inhoud)
      return
    case 'tabel':
      tabelVervangen(root, op.doel, op.inhoud)
      return
    case 'verplaatsen': {
      const doel = plaatsWords(op.doel)
      const found = resolve(root, op.doel)
      if (!found.parent) throw new OpdrachtFout('De hele regeling kan niet worden verplaatst', doel)
      found.parent.children.splice(found.index, 1)
      insertAt(root, op, [found.node], doel)
      return
    }
  }
}

/** A table of a provision and where it stands: the children of the node that holds it, and its index there. */
export interface TabelPlek {
  tabel: Tabel
  children: RegelingNode[]
  index: number
}

/**
 * The tables of a provision, in the order of the text: those in it and, for a lid, onderdeel or
 * subonderdeel, those printed after it before the next provision (`1. … overeenkomstig de volgende
 * tabel:` and then the table: a pipe table cannot stand in a Markdown list item, so the parser puts
 * it in the article, after the lid; a besluit says "In artikel 16, eerste lid, wordt de tabel
 * vervangen door:", circulaire BZK BWBR0027067 onder H). `siblings` and `index`: where the
 * provision itself stands. The toelichting is not searched unless it is the provision.
 */
export function tabellenVan(node: AnyNode | Regeling, siblings?: RegelingNode[], index?: number): TabelPlek[] {
  const out: TabelPlek[] = []
  visit(node, (child, i, parent) => {
    const n = child as AnyNode
    if (n.type === 'tabel' && parent && i !== undefined)
      out.push({ tabel: n, children: (parent as Holder).children, index: i })
    if (n.type === 'toelichting' && n !== node) return SKIP
    return holdsText(n) ? SKIP : undefined
  })
  if (isItem(node) && siblings && index !== undefined)
    for (let j = index + 1; j < siblings.length; j++) {
      const next = siblings[j] as AnyNode
      if (!isTekst(next)) break
      if (next.type === 'tabel') out.push({ tabel: next, children: siblings, index: j })
    }
  return out
}

const SOORT_NAMEN: Readonly<Record<string, readonly [string, string]>> = {
  tabel: ['tabel', 'tabellen'],
  alinea: ['alinea', "alinea's"],
  kop: ['kop', 'koppen'],
  blok: ['blok', 'blokken'],
  artikel: ['artikel', 'artikelen'],
  lid: ['lid', 'leden'],
  onderdeel: ['onderdeel', 'onderdelen'],
  subonderdeel: ['subonderdeel', 'subonderdelen'],
  titel: ['titel', 'titels'],
  hoofdstuk: ['hoofdstuk', 'hoofdstukken'],
  afdeling: ['afdeling', 'afdelingen'],
  paragraaf: ['paragraaf', 'paragrafen'],
  bijlage: ['bijlage', 'bijlagen'],
  opschrift: ['opschrift', 'opschriften'],
  toelichting: ['toelichting', 'toelichtingen'],
}

/** What new text consists of, in words: `leeg`, `een alinea`, `2 tabellen en een alinea`. */
function inhoudWoorden(nodes: AnyNode[]): string {
  if (nodes.length === 0) return 'leeg'
  const counts = new Map<string, number>()
  for (const n of nodes) counts.set(n.type, (counts.get(n.type) ?? 0) + 1)
  const parts = [...counts].map(([type, n]) => {
    const [een, meer] = SOORT_NAMEN[type] ?? [type, type]
    return n === 1 ? `een ${een}` : `${n} ${meer}`
  })
  return parts.length === 1 ? (parts[0] as string) : `${parts.slice(0, -1).join(', ')} en ${parts[parts.length - 1]}`
}

/**
 * `De tabel in artikel 16, eerste lid, komt te luiden:`: the one table of the provision is replaced
 * by the new text, which must be one table. A table has no number: a provision with none or with
 * more than one is refused, naming how many it has.
 */
function tabelVervangen(root: Regeling, plaats: Plaats, inhoud: string): void {
  const doel = plaatsWords(plaats)
  // Ar 3.29: a citation in parts is closed by a comma ("Artikel 5, tweede lid, heeft geen tabel").
  const onderwerp = `${cap(doel)}${doel.includes(',') ? ',' : ''}`
  const target = resolve(root, plaats)
  if (!target.parent)
    throw new OpdrachtFout('Een tabel wordt vervangen in de bepaling waarin zij staat; noem die bepaling', doel)
  const tabellen = tabellenVan(target.node, target.parent.children, target.index)
  if (tabellen.length === 0) {
    // Where the tables are, when the provision around it has them ("artikel 16 heeft er 1").
    let hint = ''
    for (let n = plaats.length - 1; n > 0 && hint === ''; n--) {
      const around = resolve(root, plaats.slice(0, n))
      const count = around.parent ? tabellenVan(around.node, around.parent.children, around.index).length : 0
      if (count > 0) hint = `; ${plaatsWords(plaats.slice(0, n))} heeft er ${count}`
    }
    throw new OpdrachtFout(`${onderwerp} heeft geen tabel${hint}`, doel)
  }
  if (tabellen.length > 1)
    throw new OpdrachtFout(
      `${onderwerp} heeft ${tabellen.length} tabellen; welke de opdracht bedoelt, is niet te zeggen (een tabel heeft geen nummer). Noem een bepaling met één tabel, of laat ${doel} als geheel luiden`,
      doel,
    )
  const nodes = parseInhoud(inhoud, 'tekst')
  const [nieuw] = nodes
  if (nodes.length !== 1 || nieuw?.type !== 'tabel')
    throw new OpdrachtFout(
      `De nieuwe tekst moet precies één tabel zijn (een Markdown-tabel met een kopregel en een scheidingsregel), maar is ${inhoudWoorden(nodes)}`,
      doel,
    )
  const plek = tabellen[0] as TabelPlek
  plek.children.splice(plek.index, 1, nieuw)
}

/**
 * `Paragraaf 1 van hoofdstuk I wordt vernummerd tot afdeling 1.`: the division gets the new kind and
 * number and keeps its heading words and what is in it. The new kind must fit between the division
 * around it and the divisions in it (an afdeling cannot hold an afdeling), and the new name must be
 * free among its siblings.
 */
function vernummeren(root: Regeling, plaats: Plaats, naar: Stap): void {
  const doel = plaatsWords(plaats)
  const found = resolve(root, plaats)
  const node = found.node as AnyNode
  if (!found.parent || !isDivisionNode(node) || isUnnumberedDivision(node))
    throw new OpdrachtFout(
      `Alleen een genummerd deel (hoofdstuk, afdeling, paragraaf) kan worden vernummerd, niet ${doel}`,
      doel,
    )
  if (!isDivision(naar.soort) || naar.num === undefined || naar.num === '')
    throw new OpdrachtFout(
      `${cap(doel)} kan alleen worden vernummerd tot een hoofdstuk, afdeling, paragraaf of titel met een nummer`,
      doel,
    )
  const rank = RANK[naar.soort] ?? 0
  const ouder = found.parent as AnyNode | Regeling
  if (isDivisionNode(ouder as AnyNode) && divisionRank(ouder as AnyNode) >= rank)
    throw new OpdrachtFout(`Een ${naar.soort} kan niet in ${describeNode(ouder as AnyNode)} staan`, doel)
  const inner = (contentOf(node) as AnyNode[]).find((c) => isDivisionNode(c) && divisionRank(c) <= rank)
  if (inner) throw new OpdrachtFout(`${cap(describeNode(inner))} kan niet in een ${naar.soort} staan`, doel)
  const clash = kids(ouder).find((c) => c !== node && c.type === naar.soort && sameNum(numOf(c), naar.num))
  if (clash) throw new OpdrachtFout(`${cap(describeNode(clash))} bestaat al`, doel)
  ;(node as { type: string }).type = naar.soort
  setNum(node as Parameters<typeof setNum>[0], naar.num)
  const { label: _, ...data } = node.data ?? {}
  node.data = data
}

/**
 * `Voor artikel 8 wordt ingevoegd: § 1. Inhoud van de regeling`: a heading placed in the text, as in
 * print. The new division starts at the article and holds everything up to the next heading of the
 * same or a higher level; a division of the same or a lower level that the article stands in ends
 * there (what of it follows the article moves into the new one).
 */
function kopInvoegen(root: Regeling, plaats: Plaats, inhoud: string): void {
  const doel = plaatsWords(plaats)
  const nodes = parseInhoud(inhoud, 'paragraaf')
  const kop = nodes[0]
  if (nodes.length !== 1 || !kop || !isDivisionNode(kop) || contentOf(kop).length > 0)
    throw new OpdrachtFout(
      'Na „wordt ingevoegd:” zonder te zeggen wat, leest regelwerk alleen het opschrift van een deel (zoals „§ 1. Inhoud van de regeling”); noem anders wat er wordt ingevoegd („wordt een artikel ingevoegd, luidende:”)',
      doel,
    )
  const anchor = resolve(root, plaats)
  const start = anchor.node as AnyNode
  if (!anchor.parent || (start.type !== 'artikel' && !isDivisionNode(start)))
    throw new OpdrachtFout(
      `Een opschrift kan alleen voor een artikel of deel worden ingevoegd, niet voor ${doel}`,
      doel,
    )
  const rank = divisionRank(kop)
  const chain = [...ancestorsOf(root, start), start] as Array<AnyNode | Regeling>
  // The holder the new division goes in: the deepest one above the article that is no division of
  // the same or a lower level.
  let k = chain.length - 2
  while (k > 0 && isDivisionNode(chain[k] as AnyNode) && divisionRank(chain[k] as AnyNode) >= rank) k--
  const holder = chain[k] as Holder
  const split = chain[k + 1] as AnyNode
  if (isDivisionNode(start) && divisionRank(start) <= rank && split === start)
    throw new OpdrachtFout(`Een ${kop.type} kan ${describeNode(start)} niet bevatten`, doel)
  if (split !== start && opensWith(split, start))
    throw new OpdrachtFout(
      `${cap(describeNode(start))} is het begin van ${describeNode(split)}: een nieuw opschrift ervoor zou ${describeNode(split)} leeg laten. Vernummer ${describeNode(split)} of geef het een nieuw opschrift`,
      doel,
    )
  const clash = holder.children.find((c) => c.type === kop.type && sameNum(numOf(c as AnyNode), numOf(kop)))
  if (clash && numOf(kop) !== '') throw new OpdrachtFout(`${cap(describeNode(kop))} bestaat al`, doel)
  const tail = split === start ? [] : splitOff(split, start)
  const i = holder.children.indexOf(split as never) + (split === start ? 0 : 1)
  let j = i
  while (j < holder.children.length) {
    const c = holder.children[j] as AnyNode
    if (isDivisionNode(c) && divisionRank(c) <= rank) break
    if (c.type !== 'artikel' && !isDivisionNode(c)) break
    j++
  }
  const moved = holder.children.splice(i, j - i) as AnyNode[]
  ;(kop as Holder).children.push(...(tail as never[]), ...(moved as never[]))
  holder.children.splice(i, 0, kop as never)
}

/** Whether `start` is the first thing in `holder` (below its heading), at any depth. */
function opensWith(holder: AnyNode, start: AnyNode): boolean {
  let n = holder
  while (n !== start) {
    const first = (contentOf(n as Parameters<typeof contentOf>[0]) as AnyNode[]).find((c) => !isNote(c, n.type))
    if (!first || (first !== start && !contains(first, start))) return false
    n = first
  }
  return true
}

/** Take everything from `start` on (in the order of the text) out of `holder`; the divisions it opens stay, shorter. */
function splitOff(holder: AnyNode, start: AnyNode): AnyNode[] {
  const children = (holder as Holder).children as AnyNode[]
  const i = children.findIndex((c) => c === start || contains(c, start))
  if (i < 0) return []
  const c = children[i] as AnyNode
  if (c === start) return children.splice(i)
  const inner = splitOff(c, start)
  return [...inner, ...children.splice(i + 1)]
}

function contains(node: AnyNode, target: AnyNode): boolean {
  let hit = false
  visit(node as never, (n) => {
    if (n === (target as never)) {
      hit = true
      return false
    }
    return undefined
  })
  return hit
}

/**
 * `Voor de tekst wordt de aanduiding „1.” geplaatst.`: the text of an article without leden becomes
 * its lid 1 (so that leden can be added after it). A consolidator's heading at its end stays after.
 */
function aanduidingGeplaatst(root: Regeling, plaats: Plaats): void {
  const doel = plaatsWords(plaats)
  const node = resolve(root, plaats).node
  if (node.type !== 'artikel')
    throw new OpdrachtFout(`De aanduiding „1.” wordt voor de tekst van een artikel geplaatst, niet van ${doel}`, doel)
  const lead = node.children.slice(0, node.children.length - contentOf(node).length)
  const content = contentOf(node) as AnyNode[]
  if (content.some((c) => c.type === 'lid')) throw new OpdrachtFout(`${cap(doel)} heeft al leden`, doel)
  let end = content.length
  while (end > 0 && content[end - 1]?.type === 'kop') end--
  const body = content.slice(0, end)
  if (body.length === 0) throw new OpdrachtFout(`${cap(doel)} heeft geen tekst om te nummeren`, doel)
  const lid = { type: 'lid', children: [{ type: 'nummer', value: '1' }, ...body] } as unknown as AnyNode
  ;(node as Holder).children = [...lead, lid, ...content.slice(end)]
}

/**
 * `De aanduiding „1.” voor het eerste lid vervalt.` (also after `alsmede` when the other leden
 * lapse): the one lid left loses its number; its text becomes the text of the article.
 */
function aanduidingVervalt(root: Regeling, plaats: Plaats): void {
  const doel = plaatsWords(plaats)
  const found = resolve(root, plaats)
  const artikel = found.parent as AnyNode | undefined
  if (found.node.type !== 'lid' || artikel?.type !== 'artikel')
    throw new OpdrachtFout(`De aanduiding „1.” staat voor een lid van een artikel, niet voor ${doel}`, doel)
  if (!sameNum(numOf(found.node), '1'))
    throw new OpdrachtFout(`${cap(doel)} heeft de aanduiding „${numOf(found.node)}.”, niet „1.”`, doel)
  const leden = kids(artikel).filter((c) => c.type === 'lid')
  if (leden.length > 1)
    throw new OpdrachtFout(
      `${cap(plaatsWords(plaats.slice(0, -1)))} heeft daarna nog ${leden.length} leden; de aanduiding „1.” kan alleen vervallen voor het enige lid`,
      doel,
    )
  ;(artikel as Holder).children.splice(found.index, 1, ...(contentOf(found.node) as AnyNode[]))
}

/**
 * `Aan het eerste lid wordt een gedachtestreepje toegevoegd, luidende:`: items without a number
 * (`- …`), after the last item of the provision, which must be gedachtestreepjes too. `In het
 * eerste lid wordt na het dertiende gedachtestreepje een gedachtestreepje ingevoegd, luidende:`:
 * directly after (or before) the gedachtestreepje named.
 */
function streepjesToevoegen(root: Regeling, op: Extract<Operatie, { soort: 'invoegen' }>, doel: string): void {
  const anchor = op.na ?? op.voor
  if (
    op.vernummering ||
    (op.puntkomma && anchor) ||
    (anchor && anchor[anchor.length - 1]?.soort !== 'gedachtestreepje')
  )
    throw new OpdrachtFout(
      'Een gedachtestreepje wordt aan het slot van een opsomming toegevoegd of na of voor een ander gedachtestreepje ingevoegd',
      doel,
    )
  const at = anchor ? resolve(root, anchor) : undefined
  const ouder = at ? (at.parent as AnyNode | undefined) : resolve(root, op.ouder).node
  if (!ouder || !(canHold(ouder, 'onderdeel') || canHold(ouder, 'subonderdeel')))
    throw new OpdrachtFout(`In ${doel} staat geen opsomming waaraan een gedachtestreepje kan worden toegevoegd`, doel)
  const type = ouder.type === 'onderdeel' ? 'subonderdeel' : 'onderdeel'
  const nodes = parseInhoud(op.inhoud, type)
  const expected = op.aantal ?? 1
  if (nodes.length !== expected || nodes.some((n) => n.type !== type || numOf(n) !== '-'))
    throw new NummeringFout(
      `De opdracht noemt ${expected === 1 ? 'één gedachtestreepje' : `${expected} gedachtestreepjes`}, maar de nieuwe tekst is ${nodes.map((n) => (isItem(n) ? `${n.type} ${numOf(n)}` : n.type)).join(', ') || 'leeg'}`,
      doel,
    )
  const children = kids(ouder)
  if (at) {
    children.splice(op.na ? at.index + 1 : at.index, 0, ...nodes)
    return
  }
  const last = children[children.length - 1]
  if (last?.type !== type || numOf(last) !== '-')
    throw new OpdrachtFout(`${cap(doel)} eindigt niet op een gedachtestreepje`, doel)
  if (op.puntkomma) {
    const slot = resolve(root, op.puntkomma)
    if (slot.node !== last)
      throw new OpdrachtFout(
        `${cap(plaatsWords(op.puntkomma))} is niet het laatste gedachtestreepje van ${plaatsWords(op.ouder)}`,
        doel,
      )
    replaceEnd(last, /\.\s*$/, ';', 'een punt', plaatsWords(op.puntkomma))
  }
  children.push(...nodes)
}

/**
 * Carry out a redactionele bijwerking (`Weergave van artikel 1, eerste lid:` + text): the unit is
 * shown as the new text has it. Only opmaak and notes in a hoofdstuk or paragraaf may differ; a
 * provision whose words would change is refused, so this part can never amend the regulation.
 */
export function applyRedactioneel(root: Regeling, op: Operatie): void {
  if (op.soort !== 'komt-te-luiden') throw new TypeError('applyRedactioneel: alleen komt-te-luiden')
  const doel = plaatsWords(op.doel)
  const target = resolve(root, op.doel)
  const wat = whatOf(op.doel)
  const nodes = parseInhoud(op.inhoud, wat === 'regeling' ? 'regeling' : wat)
  const before = target.parent ? [target.node] : root.children
  if (!sameBepalingen(before, nodes))
    throw new OpdrachtFout(
      'De weergave verandert de woorden van een bepaling; dat kan alleen met een opdracht in ARTIKEL I',
      doel,
    )
  if (!target.parent) root.children = nodes as Regeling['children']
  else target.parent.children.splice(target.index, 1, ...nodes)
}

function plural(wat: string): string {
  return wat === 'lid'
    ? 'leden'
    : wat === 'onderdeel'
      ? 'onderdelen'
      : wat === 'subonderdeel'
        ? 'subonderdelen'
        : `${wat}s`
}

/** Whether a lid, onderdeel or subonderdeel may stand in `node`. */
function canHold(node: AnyNode | Regeling, wat: string): boolean {
  if (wat === 'lid') return node.type === 'artikel'
  if (wat === 'onderdeel') return node.type === 'artikel' || node.type === 'lid'
  if (wat === 'subonderdeel') return node.type === 'onderdeel'
  return true
}

/** The nodes from `van` up to and including `tot`: siblings, or articles in the order of the text. */
function reeks(root: Regeling, van: Plaats, tot: Plaats, doel: string): Found[] {
  const first = resolve(root, van)
  const last = resolve(root, tot)
  if (!first.parent || !last.parent) throw new OpdrachtFout('Een reeks kan niet de hele regeling zijn', doel)
  const type = first.node.type
  const all =
    first.parent === last.parent
      ? kids(first.parent as AnyNode)
          .map((node, index) => ({ node, parent: first.parent as Holder, index }))
          .filter((f) => f.node.type === type)
      : findAll(root, (n) => n.type === type)
  const a = all.findIndex((f) => f.node === first.node)
  const b = all.findIndex((f) => f.node === last.node)
  if (a < 0 || b < 0 || b <= a)
    throw new OpdrachtFout(`${cap(plaatsWords(tot))} staat niet na ${plaatsWords(van)}`, doel)
  return all.slice(a, b + 1)
}

/** `2` → [2, ''], `2a` → [2, 'a'], `c` → letters as numbers (a = 1), `ca` → [3, 'a']. */
function numParts(num: string): [number, string] | undefined {
  const m = /^(\d+)([a-z]*)$/i.exec(num.replace(/[.)°]+$/, ''))
  if (m) return [Number(m[1]), (m[2] as string).toLowerCase()]
  const l = /^([a-z])([a-z]*)$/i.exec(num.replace(/[.)°]+$/, ''))
  if (l) return [(l[1] as string).toLowerCase().charCodeAt(0) - 96, (l[2] as string).toLowerCase()]
  return undefined
}

/** Whether numbers follow each other as a drafter numbers them: 1, 2, 2a, 2b, 3 / a, b, ba, c. */
function fitsSequence(nums: string[]): boolean {
  let prev: [number, string] | undefined
  for (const num of nums) {
    const p = numParts(num)
    if (!p) return false
    if (prev) {
      const [n, s] = p
      const [pn, ps] = prev
      const next = n === pn + 1 && s === ''
      const suffix =
        n === pn &&
        s !== '' &&
        (ps === ''
          ? s === 'a'
          : s.length === ps.length && s.charCodeAt(s.length - 1) === ps.charCodeAt(ps.length - 1) + 1)
      if (!next && !suffix) return false
    } else if (p[0] !== 1 || p[1] !== '') return false
    prev = p
  }
  return true
}

/**
 * After leden or onderdelen were inserted or replaced: their numbers must follow each other
 * (no lid 5 after lid 3, no second lid 2). Only judged when the numbering fitted before, so that
 * a base text with its own gaps can still be amended elsewhere.
 */
function checkSequence(parent: AnyNode | Regeling, before: RegelingNode[], wat: string, doel: string): void {
  if (!isItem({ type: wat })) return
  const numsOf = (list: RegelingNode[]) => list.filter((c) => c.type === wat).map((c) => numOf(c))
  const oud = numsOf(before)
  const nieuw = numsOf(kids(parent))
  if (nieuw.some((n) => n === '' || n === '-')) return
  if (oud.length > 0 && !fitsSequence(oud)) return
  if (!fitsSequence(nieuw))
    throw new NummeringFout(
      `De nummering van de ${plural(wat)} klopt daarna niet: ${nieuw.join(', ')}${oud.length > 0 ? ` (was ${oud.join(', ')})` : ''}`,
      doel,
    )
}

/** A replaced lid or onderdeel keeps its number: `Het derde lid komt te luiden:` + `3. …`. */
function checkReplacedNumbers(replaced: RegelingNode[], nodes: AnyNode[], doel: string): void {
  const first = replaced[0]
  if (!first || !(isItem(first) || first.type === 'artikel')) return
  const oud = replaced.map((n) => numOf(n))
  const nieuw = nodes.filter((n) => n.type === first.type).map((n) => numOf(n))
  if (nieuw[0] !== undefined && !sameNum(nieuw[0], oud[0]) && !(oud[0] === '-' || nieuw[0] === '-'))
    throw new NummeringFout(`De nieuwe tekst begint met ${nieuw[0]}, maar de opdracht vervangt ${oud[0]}`, doel)
  if (replaced.length > 1 && nieuw.length !== replaced.length)
    throw new NummeringFout(
      `De opdracht vervangt ${replaced.length} ${plural(first.type)}, maar de nieuwe tekst heeft er ${nieuw.length}`,
      doel,
    )
}

/** Whether a step list is ordered (ranks rise): a sanity check for places read from text. */
export function isOrdered(plaats: Plaats): boolean {
  return plaats.every((s, i) => i === 0 || RANK[s.soort] >= RANK[(plaats[i - 1] as Stap).soort])
}
