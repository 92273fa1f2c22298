/**
 * From a diff to a wijzigingsbesluit: one lettered item per changed article (or other unit), the
 * smallest instruction that is still a unit of meaning (words, a lid, an onderdeel), leden and
 * onderdelen renumbered in the Ar phrasing, articles never renumbered (an inserted article keeps
 * the number it has in the new version, `5a`).
 *
 * Every item is checked as it is made: its operations are carried out on a working copy of the
 * old version, and the unit must then equal the new version. When the fine instructions would not
 * give the new text exactly (words that occur twice, markup inside the changed words, several leden
 * inserted and deleted at once), the unit is replaced as a whole ("komt te luiden"); when even that
 * does not give the new text, the whole text is. `grofheid` and `geheelVervangen` say so.
 */

import { diffWords as diffWordsLib } from 'diff'
import type { PhrasingContent } from 'mdast'
import { SKIP, visit } from 'unist-util-visit'
import { visitParents } from 'unist-util-visit-parents'
import { diffRegelingen, diffWords, phrasingText, unchangedTree } from '../diff/index.js'
// The new text of an instruction is regulation Markdown, and fmt is its one writer.
import { formatRegeling } from '../format/markdown.js'
import { artikelenOf, contentOf, headingOf, leadLength, numOf as nodeNum } from '../model/access.js'
import type {
  Grofheid,
  InhoudNode,
  NieuweTekst,
  Opdracht,
  Operatie,
  Plaats,
  Stap,
  StapSoort,
  Vernummering,
  Vervanging,
  Wijzigingsbesluit,
  WijzigingsItem,
} from '../model/amendment.js'
import type { DiffNode, DiffResult, WordOp } from '../model/changes.js'
import type { Lid, Nummer, Onderdeel, Regeling, RegelingContent, RegelingNode } from '../model/nodes.js'
import { isDivision, isItem, isNumbered, isSingleton, isTekst, type RegelingType } from '../model/registry.js'
import { assignIds } from '../parse/ids.js'
import { formatDutchDate, isIsoDate } from '../util/dates.js'
import {
  applyOperatie,
  applyRedactioneel,
  countMatches,
  OpdrachtFout,
  spliceInline,
  tabellenVan,
  textNodes,
} from './apply-operation.js'
import {
  capital,
  divisionTitel,
  isUnnumberedDivision,
  itemLetter,
  matchesTitel,
  plaatsWords,
  titelKey,
  titelQuotable,
} from './citation.js'
import { isNote, sameBepalingen, sameText, sameWords } from './compare.js'
import { escapeInline, quotable, sentence } from './phrase.js'

/**
 * The generator cannot describe the change faithfully and refuses rather than write a besluit that
 * would not give the new version: the redactionele bijwerking of a unit is ambiguous (its number
 * occurs twice) or would change its words. `plaats` names the unit in words, `position` is where
 * it stands in the new version (when known). The command line reports it as the input's problem.
 */
export class AmendmentRefusal extends Error {
  constructor(
    message: string,
    readonly plaats: string,
    readonly position: { line: number; column: number } | undefined,
  ) {
    super(message)
  }
}

/** Options of `generateAmendment`. */
export interface AmendmentOptions {
  /** Citeertitel of the amended regulation (default: from the new version's front-matter). */
  citeertitel?: string
  /** `de` or `het` before the citeertitel (default: guessed from the title, `het Besluit`, `de Regeling`). */
  lidwoord?: 'de' | 'het'
  /** Datum inwerkingtreding (ISO) for ARTIKEL II (default: the new version's `inwerkingtreding`). */
  inwerkingtreding?: string
  /** Terugwerkende kracht tot en met (ISO) (default: the new version's `terugwerkende-kracht`). */
  terugwerkendeKracht?: string
  /** Work id (default: the new version's `work`). */
  work?: string
}

type AnyNode = Exclude<RegelingNode, Nummer>

/** A division's keyword as written (`§`), if any. */
function labelOf(node: AnyNode | undefined): string | undefined {
  return node && isDivision(node) ? node.data?.label : undefined
}

/** A unit could not be described finely: the caller replaces it whole. */
class Grof extends Error {}

/** An item before it gets its letter and sentences. */
interface Draft {
  /** The place the item names (`artikel 5`), for its aanhef. */
  plaats: Plaats
  ops: Operatie[]
  /** Whether the working copy now has the new text of this unit. */
  check: (w: Regeling) => boolean
  /** The same unit replaced whole, when the fine operations do not check out. */
  whole?: () => Operatie
}

// ---- the new text -------------------------------------------------------------------------------

/** The regulation Markdown of one node, as it follows "komt te luiden:" or "luidende:". */
export function renderInhoud(node: AnyNode): string {
  if (isItem(node)) {
    const md = formatRegeling({
      type: 'regeling',
      data: { meta: {} },
      // fmt writes a subonderdeel under an article as it would under an onderdeel.
      children: [{ type: 'artikel', children: [{ type: 'nummer', value: '0' }, node as Lid | Onderdeel] }],
    })
    return md.replace(/^## Artikel 0\n\n/, '').replace(/\n+$/, '')
  }
  return formatRegeling({ type: 'regeling', data: { meta: {} }, children: [node as RegelingContent] }).replace(
    /\n+$/,
    '',
  )
}

/** The heading line of an article or division with its new heading (and no body). */
function headingLine(node: AnyNode): string {
  const bare = { ...node, children: node.children.slice(0, leadLength(node)) } as AnyNode
  return renderInhoud(bare).split('\n')[0] as string
}

/** The new text of an operation: the Markdown the besluit quotes and the nodes it was written from. */
function nieuweTekst(nodes: AnyNode[]): { inhoud: string; nodes: InhoudNode[] } {
  return { inhoud: nodes.map((n) => renderInhoud(n)).join('\n\n'), nodes: nodes as InhoudNode[] }
}

/** The new heading of an article or division: its heading line, and the provision without its body. */
function nieuwOpschrift(node: AnyNode): { inhoud: string; nodes: InhoudNode[] } {
  return {
    inhoud: headingLine(node),
    nodes: [{ ...node, children: node.children.slice(0, leadLength(node)) } as InhoudNode],
  }
}

/** The whole new text of the regulation (front-matter aside). */
function nieuweRegeling(nieuw: Regeling): { inhoud: string; nodes: InhoudNode[] } {
  return { inhoud: formatRegeling({ ...nieuw, data: { meta: {} } }).replace(/\n+$/, ''), nodes: nieuw.children }
}

// ---- words ------------------------------------------------------------------------------------------

/** A changed run: `[s, e)` in the old text, `[ns, ne)` in the new one. */
interface Span {
  s: number
  e: number
  ns: number
  ne: number
}

/**
 * The word replacements that turn the old text of `t` into the new one, each quoted words that
 * occur exactly once in `scope` (the provision the sentence names).
 */
function wordReplacements(t: DiffNode, scope: AnyNode): Vervanging[] {
  const oudNode = t.oud as AnyNode | undefined
  const nieuwNode = t.nieuw as AnyNode | undefined
  if (!oudNode || !nieuwNode || t.geheelVervangen || !['alinea', 'kop', 'opschrift', 'tabelcel'].includes(t.type))
    throw new Grof('alleen de tekst van een alinea, kop, opschrift of tabelcel is als woorden te vervangen')
  // Links and nadruk in the old text: the quoted words cover a link whole or lie inside one.
  const oudInline = oudNode.children as PhrasingContent[]
  const ops: WordOp[] = t.text ?? []
  const oud = phrasingText(oudNode.children as PhrasingContent[])
  const nieuw = phrasingText(nieuwNode.children as PhrasingContent[])
  // Changed runs as offsets in both texts; white space between two changes belongs to them.
  const spans: Span[] = []
  let o = 0
  let n = 0
  let open: Span | undefined
  ops.forEach((op, i) => {
    const len = op.text.length
    if (op.op === 'gelijk') {
      const bridge = open && /^\s+$/.test(op.text) && ops[i + 1] !== undefined && ops[i + 1]?.op !== 'gelijk'
      if (!bridge) open = undefined
      o += len
      n += len
      if (open) {
        open.e = o
        open.ne = n
      }
      return
    }
    if (!open) {
      open = { s: o, e: o, ns: n, ne: n }
      spans.push(open)
    }
    if (op.op === 'del') o += len
    else n += len
    open.e = o
    open.ne = n
  })
  if (o !== oud.length || n !== nieuw.length) throw new Grof('de woordvergelijking sluit niet aan op de tekst')
  const words = /[\p{L}\p{N}]/u
  const leftWord = (p: number): number => {
    let q = p
    while (q > 0 && /\s/.test(oud.charAt(q - 1))) q--
    while (q > 0 && !/\s/.test(oud.charAt(q - 1))) q--
    return q
  }
  const rightWord = (p: number): number => {
    let q = p
    while (q < oud.length && /\s/.test(oud.charAt(q))) q++
    while (q < oud.length && !/\s/.test(oud.charAt(q))) q++
    return q
  }
  // Counted as apply counts them: in the whole provision, its table cells included.
  const nodes = textNodes(scope, true)
  for (const sp of spans) {
    // White space the two sides share is not part of the change.
    while (sp.s < sp.e && sp.ns < sp.ne && oud.charAt(sp.s) === nieuw.charAt(sp.ns) && /\s/.test(oud.charAt(sp.s))) {
      sp.s++
      sp.ns++
    }
    while (
      sp.e > sp.s &&
      sp.ne > sp.ns &&
      oud.charAt(sp.e - 1) === nieuw.charAt(sp.ne - 1) &&
      /\s/.test(oud.charAt(sp.e - 1))
    ) {
      sp.e--
      sp.ne--
    }
  }
  // A change of white space alone is opmaak: the redactionele bijwerking shows it.
  const squeeze = (x: string) => x.replace(/\s+/g, ' ').trim()
  for (let i = spans.length - 1; i >= 0; i--) {
    const sp = spans[i] as Span
    if (squeeze(oud.slice(sp.s, sp.e)) === squeeze(nieuw.slice(sp.ns, sp.ne))) spans.splice(i, 1)
  }
  slideLapses(spans, oud)
  mergeDense(spans, oud, nieuw)
  for (let guard = 0; guard < 200; guard++) {
    const i = spans.findIndex((sp) => {
      const text = oud.slice(sp.s, sp.e)
      return !words.test(text) || countMatches(nodes, text) !== 1 || !spliceInline(oudInline, sp.s, sp.e)
    })
    if (i < 0) {
      // A line break inside quoted words is quoted as a space (a reader cannot see the difference;
      // apply matches any white space between the words, and the weergave restores the break).
      const line = (x: string) => x.replace(/\s+/g, ' ')
      spans.forEach((sp, k) => {
        quoteEnds(sp, oud, nieuw, (x: Span) => {
          const text = oud.slice(x.s, x.e)
          const neighbours = (spans[k - 1]?.e ?? 0) <= x.s && x.e <= (spans[k + 1]?.s ?? oud.length)
          return neighbours && words.test(text) && countMatches(nodes, text) === 1 && spliceInline(oudInline, x.s, x.e)
        })
        const text = oud.slice(sp.s, sp.e)
        if (countMatches(nodes, text) !== 1 || !spliceInline(oudInline, sp.s, sp.e))
          throw new Grof('de gewijzigde woorden komen in de bepaling meer dan eens voor')
      })
      const out = spans.map((sp) => ({
        oud: line(oud.slice(sp.s, sp.e)),
        nieuw: escapeInline(line(nieuw.slice(sp.ns, sp.ne))),
      }))
      if (out.some((v) => !quotable(v.oud) || !quotable(v.nieuw) || v.oud.trim() !== v.oud))
        throw new Grof('de gewijzigde woorden zijn niet op één regel tussen aanhalingstekens te citeren')
      return out
    }
    const sp = spans[i] as Span
    const prev = spans[i - 1]
    const next = spans[i + 1]
    // Take in a word: alternately the one before and the one after, as long as there is one.
    const left = leftWord(sp.s)
    const right = rightWord(sp.e)
    const goLeft = left < sp.s && (guard % 2 === 0 || right === sp.e)
    if (!goLeft && right === sp.e) throw new Grof('de gewijzigde woorden komen in de bepaling meer dan eens voor')
    if (goLeft) {
      if (prev && left < prev.e) {
        spans.splice(i - 1, 2, { s: prev.s, e: sp.e, ns: prev.ns, ne: sp.ne })
        continue
      }
      sp.ns -= sp.s - left
      sp.s = left
    } else {
      if (next && right > next.s) {
        spans.splice(i, 2, { s: sp.s, e: next.e, ns: sp.ns, ne: next.ne })
        continue
      }
      sp.ne += right - sp.e
      sp.e = right
    }
  }
  throw new Grof('de gewijzigde woorden komen in de bepaling meer dan eens voor')
}

/**
 * The ends of a change as they are quoted, once its words are unique: white space both texts share
 * is left out, lapsed words are quoted without the white space around them, words both texts share
 * at the ends (`Raad, de voorzitters …` → `Raad`, `… tweede lid.` → `… Strafrecht.`) are left out
 * as long as what is left is unique (`fits`), and white space on one side only (`1 - 4` → `1-4`) is
 * quoted with the word next to it. While words are taken in for uniqueness, a change keeps its white
 * space, so that both texts stay lined up; only here it goes.
 */
function quoteEnds(sp: Span, oud: string, nieuw: string, fits: (x: Span) => boolean): void {
  const ws = (c: string) => /\s/.test(c)
  const tidy = (x: Span) => {
    while (x.e > x.s && x.ne > x.ns && ws(oud.charAt(x.e - 1)) && ws(nieuw.charAt(x.ne - 1))) {
      x.e--
      x.ne--
    }
    while (x.e > x.s && x.ne > x.ns && ws(oud.charAt(x.s)) && ws(nieuw.charAt(x.ns))) {
      x.s++
      x.ns++
    }
    if (x.ns === x.ne) {
      while (x.s < x.e && ws(oud.charAt(x.s))) x.s++
      while (x.e > x.s && ws(oud.charAt(x.e - 1))) x.e--
    }
  }
  const oneSided = (x: Span) =>
    /^\s|\s$/.test(oud.slice(x.s, x.e)) || (x.ne > x.ns && /^\s|\s$/.test(nieuw.slice(x.ns, x.ne)))
  tidy(sp)
  // Only between two words, or before the mark that closes one (`Raad|, de`): never inside a
  // word, a number or an amount (`€ 69,|31`).
  const cut = (text: string, at: number) =>
    at <= 0 ||
    at >= text.length ||
    ws(text.charAt(at - 1)) ||
    ws(text.charAt(at)) ||
    (/[,.;:)]/.test(text.charAt(at)) && (at + 1 >= text.length || ws(text.charAt(at + 1))))
  // Left out: a closing mark, or shared words when the change then is a lapse (`Raad, de voorzitters
  // …` → `Raad`: `vervalt „, de voorzitters …”`). Shared words inside a replacement stay quoted, so
  // that it reads as a phrase (`„De artikelen 12, 13, 14, 15, 20” vervangen door „De artikelen 12, 13, 14, en 15”`).
  const marks = (x: string) => /^[\s,.;:)]*$/.test(x)
  const dropped = (part: string, rest: string) => marks(part) || (/\p{L}/u.test(part) && marks(rest))
  const a = oud.slice(sp.s, sp.e)
  const b = nieuw.slice(sp.ns, sp.ne)
  let prefix = 0
  while (prefix < a.length && prefix < b.length && a.charAt(prefix) === b.charAt(prefix)) prefix++
  let suffix = 0
  while (
    suffix < a.length - prefix &&
    suffix < b.length - prefix &&
    a.charAt(a.length - 1 - suffix) === b.charAt(b.length - 1 - suffix)
  )
    suffix++
  // A bracket the quote opens, it closes too (`„€ 336,15 (bruto)”`, never `„€ 336,15 (bruto”`).
  const balanced = (x: string) => (x.match(/\(/g) ?? []).length === (x.match(/\)/g) ?? []).length
  const wasBalanced = balanced(oud.slice(sp.s, sp.e)) && balanced(nieuw.slice(sp.ns, sp.ne))
  const tryCut = (x: Span) => {
    tidy(x)
    if (x.e <= x.s || oneSided(x) || !fits(x)) return false
    if (wasBalanced && !(balanced(oud.slice(x.s, x.e)) && balanced(nieuw.slice(x.ns, x.ne)))) return false
    Object.assign(sp, x)
    return true
  }
  for (let p = prefix; p > 0; p--)
    if (
      cut(a, p) &&
      cut(b, p) &&
      dropped(a.slice(0, p), b.slice(p)) &&
      tryCut({ s: sp.s + p, e: sp.e, ns: sp.ns + p, ne: sp.ne })
    )
      break
  const a2 = oud.slice(sp.s, sp.e)
  const b2 = nieuw.slice(sp.ns, sp.ne)
  for (let q = Math.min(suffix, a2.length - 1, b2.length); q > 0; q--)
    if (
      a2.slice(a2.length - q) === b2.slice(b2.length - q) &&
      dropped(a2.slice(a2.length - q), b2.slice(0, b2.length - q)) &&
      cut(a2, a2.length - q) &&
      cut(b2, b2.length - q) &&
      tryCut({ s: sp.s, e: sp.e - q, ns: sp.ns, ne: sp.ne - q })
    )
      break
  if (sp.ns < sp.ne && oneSided(sp)) {
    // Take in the word next to the white space, in both texts (the text around a change is the same in both).
    const left = /^\s/.test(oud.slice(sp.s, sp.e)) || /^\s/.test(nieuw.slice(sp.ns, sp.ne))
    const x = { ...sp }
    if (left) {
      let q = x.s
      while (q > 0 && ws(oud.charAt(q - 1))) q--
      while (q > 0 && !ws(oud.charAt(q - 1))) q--
      x.ns -= x.s - q
      x.s = q
    }
    if (/\s$/.test(oud.slice(x.s, x.e)) || /\s$/.test(nieuw.slice(x.ns, x.ne))) {
      let q = x.e
      while (q < oud.length && ws(oud.charAt(q))) q++
      while (q < oud.length && !ws(oud.charAt(q))) q++
      x.ne += q - x.e
      x.e = q
    }
    if (x.ns >= 0 && fits(x)) Object.assign(sp, x)
  }
  followable(sp, oud, nieuw, fits)
}

/** Articles, prepositions and conjunctions: a quote of only these is no phrase a reader can find. */
const FUNCTIEWOORD =
  /^(?:de|het|een|van|in|op|aan|voor|met|door|bij|tot|te|en|of|dat|die|dit|deze|als|om|naar|uit|over|onder|na|er)$/i

function onlyFunctionWords(text: string): boolean {
  const words = text.split(/[\s,.;:]+/).filter((w) => w !== '')
  return words.length > 0 && words.every((w) => FUNCTIEWOORD.test(w))
}

/**
 * A replacement that quotes only small words (`„van de” vervangen door „van”`) takes in the words
 * next to it, the same in both texts, up to the first word with content (`„leden van de andere”
 * vervangen door „leden van andere”`), as long as the quote stays unique.
 */
function followable(sp: Span, oud: string, nieuw: string, fits: (x: Span) => boolean): void {
  if (sp.e <= sp.s || !onlyFunctionWords(oud.slice(sp.s, sp.e))) return
  const ws = (c: string) => /\s/.test(c)
  for (const side of ['rechts', 'links'] as const) {
    const x = { ...sp }
    for (let n = 0; n < 3 && onlyFunctionWords(oud.slice(x.s, x.e)); n++) {
      if (side === 'rechts') {
        let q = x.e
        while (q < oud.length && ws(oud.charAt(q))) q++
        while (q < oud.length && !ws(oud.charAt(q))) q++
        if (q === x.e || oud.slice(x.e, q) !== nieuw.slice(x.ne, x.ne + (q - x.e))) break
        x.ne += q - x.e
        x.e = q
      } else {
        let q = x.s
        while (q > 0 && ws(oud.charAt(q - 1))) q--
        while (q > 0 && !ws(oud.charAt(q - 1))) q--
        if (q === x.s || oud.slice(q, x.s) !== nieuw.slice(x.ns - (x.s - q), x.ns)) break
        x.ns -= x.s - q
        x.s = q
      }
    }
    if (!onlyFunctionWords(oud.slice(x.s, x.e)) && x.ns >= 0 && fits(x)) {
      Object.assign(sp, x)
      return
    }
  }
}

/**
 * Words that lapse where the same words stand just before or after them (`de Staatscourant, met …
 * van de Staatscourant en`) may be quoted at either place; a drafter quotes the phrase that opens
 * with its comma: `vervalt „, met betrekking tot de verdere inhoud van de Staatscourant”`.
 */
function slideLapses(spans: Span[], oud: string): void {
  spans.forEach((sp, i) => {
    if (sp.ns !== sp.ne || sp.e <= sp.s) return
    const len = sp.e - sp.s
    const from = spans[i - 1]?.e ?? 0
    const to = spans[i + 1]?.s ?? oud.length
    const starts: number[] = []
    for (let k = sp.s; k > from && oud.charAt(k - 1) === oud.charAt(k - 1 + len); k--) starts.push(k - 1)
    for (let k = sp.s; k + len < to && oud.charAt(k) === oud.charAt(k + len); k++) starts.push(k + 1)
    const opens = (k: number) => /^\s*[,;]/.test(oud.slice(k, k + len)) && !/[\p{L}\p{N}]/u.test(oud.charAt(k + len))
    if (opens(sp.s)) return
    const k = starts.find(opens)
    if (k === undefined) return
    sp.ns += k - sp.s
    sp.ne = sp.ns
    sp.s = k
    sp.e = k + len
  })
}

/**
 * A drafter quotes the smallest phrase a reader can follow: two neighbouring changes in one sentence
 * whose changed words outweigh the unchanged words between them (more than half of the phrase from
 * the one to the other changes; a change counts the words of its longer side) become one
 * replacement ("wordt „de Commissie gelijke behandeling, bedoeld” vervangen door „het College,
 * genoemd”" rather than three). Repeated until no pair qualifies, so a sentence that mostly
 * changes is quoted as one phrase. Words are counted as a reader counts them (`Oost-Nederland:` is
 * one word), so that `terzake van de rechtbank Oost-Nederland` with two words changed stays two
 * replacements. A sentence end between two changes keeps them apart.
 */
function mergeDense(spans: Span[], oud: string, nieuw: string): void {
  // Words as a reader counts them: `Oost-Nederland:` is one, `ter zake` two.
  const count = (x: string) => x.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length
  const size = (sp: Span) => Math.max(count(oud.slice(sp.s, sp.e)), count(nieuw.slice(sp.ns, sp.ne)), 1)
  let merged = true
  while (merged) {
    merged = false
    for (let i = 1; i < spans.length; i++) {
      const a = spans[i - 1] as Span
      const b = spans[i] as Span
      const between = oud.slice(a.e, b.s)
      if (/[.;:](\s|$)/.test(between)) continue
      if (size(a) + size(b) <= count(between)) continue
      spans.splice(i - 1, 2, { s: a.s, e: b.e, ns: a.ns, ne: b.ne })
      merged = true
      i--
    }
  }
}

// ---- provisions ---------------------------------------------------------------------------------

function numOf(d: DiffNode, side: 'oud' | 'nieuw'): string {
  return side === 'oud'
    ? (d.oudNum ?? (d.oud ? nodeNum(d.oud) : ''))
    : (d.nieuwNum ?? (d.nieuw ? nodeNum(d.nieuw) : ''))
}

function stap(d: DiffNode, side: 'oud' | 'nieuw'): Stap {
  const soort = d.type as StapSoort
  return isSingleton(d) ? { soort } : { soort, num: numOf(d, side) }
}

function citable(d: DiffNode): boolean {
  if (isSingleton(d)) return true
  const num = numOf(d, d.status === 'verwijderd' ? 'oud' : 'nieuw')
  return isNumbered(d) && num !== '' && num !== '-'
}

/** Whether only the end of the last paragraph changed from `from` to `to` (a punt becoming a puntkomma). */
function onlyEndChanged(d: DiffNode, from: RegExp, to: string): boolean {
  if (!d.oud || !d.nieuw || numOf(d, 'oud') !== numOf(d, 'nieuw')) return false
  const copy = structuredClone(d.oud) as AnyNode
  const texts = textNodes(copy).filter((t) => t.type === 'alinea')
  const last = texts[texts.length - 1]?.children as PhrasingContent[] | undefined
  const run = last?.[last.length - 1]
  if (run?.type !== 'text' || !from.test(run.value)) return false
  run.value = run.value.replace(from, to)
  return sameWords(copy, d.nieuw)
}

/** New gedachtestreepjes in a lid or onderdeel: "wordt een gedachtestreepje ingevoegd/toegevoegd, luidende:". */
function streepjesInvoegen(group: DiffNode[], plaats: Plaats): Extract<Operatie, { soort: 'invoegen' }> {
  const ins: Extract<Operatie, { soort: 'invoegen' }> = {
    soort: 'invoegen',
    wat: 'gedachtestreepje',
    ouder: plaats,
    ...nieuweTekst(group.map((c) => c.nieuw as AnyNode)),
  }
  if (group.length > 1) ins.aantal = group.length
  return ins
}

/**
 * The instruction for a run of items added or deleted together (`group`, all of one status), with
 * the renumbering of the items after it when they were renumbered (then it is the only run).
 */
function structureOp(
  group: DiffNode[],
  items: DiffNode[],
  all: DiffNode[],
  plaats: Plaats,
  renumbered: DiffNode[],
  consumed: Set<DiffNode>,
): Operatie {
  const first = group[0] as DiffNode
  const lastOfGroup = group[group.length - 1] as DiffNode
  if (group.every(isStreepje) && !streepjesAanHetSlot(group, items)) return streepjeOp(group, items, plaats, consumed)
  if (streepjesAanHetSlot(group, items)) {
    const ins = streepjesInvoegen(group, plaats)
    // "Onder vervanging van de punt aan het slot van het tweeëndertigste gedachtestreepje door een
    // puntkomma wordt aan het eerste lid een gedachtestreepje toegevoegd, luidende:"
    const prev = [...items.slice(0, items.indexOf(first))].reverse().find((c) => c.status !== 'verwijderd')
    if (
      streepjesBijPlaats(items) &&
      prev &&
      isStreepje(prev) &&
      prev.status === 'gewijzigd' &&
      onlyEndChanged(prev, /\.\s*$/, ';')
    ) {
      ins.puntkomma = [...plaats, streepjeStap(prev, items)]
      consumed.add(prev)
    }
    return ins
  }
  const before = items.slice(0, items.indexOf(first))
  const after = items.slice(items.indexOf(lastOfGroup) + 1)
  if (before.some((c) => renumbered.includes(c)))
    throw new Grof('er zijn leden of onderdelen vóór de invoeging vernummerd')
  const k = after.findIndex((c) => !renumbered.includes(c))
  const shifted = k < 0 ? after : after.slice(0, k)
  if (shifted.length !== renumbered.length)
    throw new Grof('de vernummerde leden of onderdelen sluiten niet aan op de invoeging of schrapping')
  const soort = first.type as Vernummering['soort']
  const vernummering: Vernummering | undefined =
    shifted.length > 0
      ? { soort, van: shifted.map((c) => numOf(c, 'oud')), naar: shifted.map((c) => numOf(c, 'nieuw')) }
      : undefined
  // The item before the run as it stands when this instruction is carried out (earlier runs done).
  const prev = [...before].reverse().find((c) => c.status !== 'verwijderd')
  if (first.status === 'toegevoegd') {
    const ins: Extract<Operatie, { soort: 'invoegen' }> = {
      soort: 'invoegen',
      wat: first.type,
      ouder: plaats,
      ...nieuweTekst(group.map((c) => c.nieuw as AnyNode)),
    }
    if (group.length > 1) ins.aantal = group.length
    const justBefore = all[all.indexOf(first) - 1]
    const justAfter = all[all.indexOf(lastOfGroup) + 1]
    const next = after.find((c) => c.status !== 'toegevoegd')
    if (vernummering) {
      ins.vernummering = vernummering
      if (justAfter !== shifted[0]) throw new Grof('de nieuwe bepaling staat niet direct voor de vernummerde')
      // The place is named ("wordt na het tweede lid een lid ingevoegd"); before the first item the
      // renumbering alone says it (Ar 6.11: the new one takes the number of the first renumbered).
      if (prev && justBefore === prev) ins.na = [...plaats, stap(prev, 'nieuw')]
    } else if (prev && justBefore === prev) {
      const atEnd = after.every((c) => c.status === 'verwijderd') && justAfter === undefined
      if (atEnd && prev.type === first.type && prev.status === 'gewijzigd' && onlyEndChanged(prev, /\.\s*$/, ';')) {
        ins.puntkomma = [...plaats, stap(prev, 'nieuw')]
        consumed.add(prev)
      } else if (!atEnd) ins.na = [...plaats, stap(prev, 'nieuw')]
      // else: "Aan artikel 5 wordt een lid toegevoegd": at the end.
    } else if (next && justAfter === next) ins.voor = [...plaats, stap(next, 'oud')]
    else if (items.length > group.length || justAfter !== undefined)
      throw new Grof('de plaats van de nieuwe bepaling is niet te noemen')
    return ins
  }
  const op: Extract<Operatie, { soort: 'vervalt' }> = {
    soort: 'vervalt',
    doelen: group.map((c) => [...plaats, stap(c, 'oud')]),
  }
  if (vernummering) op.vernummering = vernummering
  if (after.length === 0 && prev && prev.type === first.type && prev.status === 'gewijzigd') {
    if (onlyEndChanged(prev, /;(\s*(en|of))?\s*$/, '.')) {
      op.slotPunt = [...plaats, stap(prev, 'nieuw')]
      consumed.add(prev)
    }
  }
  return op
}

/**
 * How much of the old text of a provision is still there, unchanged (1: nothing changed or
 * removed, 0: nothing kept). Text added beside the old text does not lower it; consolidator's
 * notes do not count.
 *
 * For an article, lid or onderdeel it is the share of its old words (as a reader sees them: text,
 * numbers, heading) that a word comparison finds again in the new text, in order: what
 * test/amend/measure.test.ts counts, so that "komt te luiden" is written when most of the words
 * go, wherever the comparison of the tree put them (an alinea that the diff saw as removed and
 * added, a lid that became the text of the article). For the regulation and divisions it is the
 * unchanged characters over the old ones, node by node, a changed article counting as its words do
 * (a word comparison of a whole regulation would be slow).
 */
export function behouden(d: DiffNode): number {
  if ((d.type === 'artikel' || isItem(d)) && d.oud && d.nieuw) return woordenBehouden(d.oud, d.nieuw)
  let same = 0
  let old = 0
  visit(d, (n, _i, parent) => {
    if (isNote(n.oud ?? n.nieuw, parent?.type)) return SKIP
    // A changed article counts as its words do (an article whose text became lid 1 keeps it all).
    if (n.type === 'artikel' && n.status === 'gewijzigd' && n.oud && n.nieuw) {
      const len = tekstLengte(n.oud as AnyNode)
      old += len
      same += len * woordenBehouden(n.oud, n.nieuw)
      return SKIP
    }
    for (const op of [...(n.heading ?? []), ...(n.text ?? [])]) {
      const len = op.text.replace(/\s+/g, ' ').trim().length
      if (op.op === 'gelijk') same += len
      if (op.op !== 'ins') old += len
    }
    return undefined
  })
  return old === 0 ? 1 : same / old
}

/**
 * The share of the old text kept, article by article by number wherever the article stands (a new
 * indeling), the text outside articles by the word diff of the whole.
 */
function artikelenBehouden(oud: Regeling, nieuw: Regeling): number {
  const nieuwe = new Map(artikelenIn(nieuw).map((n) => [nodeNum(n), n]))
  let same = 0
  let old = 0
  visit(oud as never, (n: AnyNode) => {
    if (n.type !== 'artikel') return undefined
    const len = tekstLengte(n)
    old += len
    const other = nieuwe.get(nodeNum(n))
    if (other) same += len * woordenBehouden(n as RegelingNode, other as RegelingNode)
    return SKIP
  })
  return old === 0 ? 0 : same / old
}

/** The words of a provision as a reader sees them (text, numbers, heading), notes left out. */
function leesWoorden(node: RegelingNode): string {
  const out: string[] = []
  type Any = { type: string; value?: unknown; children?: Any[] }
  const walk = (n: Any, parentType?: string) => {
    if (isNote(n, parentType)) return
    if ((n.type === 'text' || n.type === 'nummer') && typeof n.value === 'string') out.push(n.value)
    for (const c of n.children ?? []) walk(c, n.type)
  }
  walk(node as Any)
  return out.join(' ').replace(/\s+/g, ' ').trim()
}

/** The share of the old words of a provision that a word comparison finds in the new one. */
function woordenBehouden(oud: RegelingNode, nieuw: RegelingNode): number {
  let same = 0
  let old = 0
  for (const p of diffWordsLib(leesWoorden(oud), leesWoorden(nieuw))) {
    const n = p.value.split(/\s+/).filter((w) => w !== '').length
    if (!p.added) old += n
    if (!p.added && !p.removed) same += n
  }
  return old === 0 ? 1 : same / old
}

/** Below this share of its old text kept, an article (or the regulation) is replaced whole ("komt te luiden"). */
export const GEHEEL_ONDER = 0.5

/** The operations that turn the old provision `d` into the new one, at `plaats`. */
function provisionOps(d: DiffNode, plaats: Plaats): Operatie[] {
  const whole: Operatie = { soort: 'komt-te-luiden', doel: plaats, ...nieuweTekst([d.nieuw as AnyNode]) }
  herschreven.set(whole, tekstLengte(d.oud as AnyNode))
  // A lid or onderdeel most of whose words go is replaced whole, like an article (its table alone: the table).
  if (isItem(d) && behouden(d) < GEHEEL_ONDER && !alleenTabel(d)) return [whole]
  try {
    const ops = fineOps(d, plaats)
    return herschrijftMeeste(ops, d.oud as AnyNode) ? [whole] : ops
  } catch (error) {
    if (error instanceof Grof) return [whole]
    throw error
  }
}

/**
 * Whether the one change in a provision is in one of its tables (its number, heading and other
 * text the same): then the table is replaced, not the provision, however much of the provision
 * the table is ("De tabel in artikel 16, eerste lid, komt te luiden:").
 */
function alleenTabel(d: DiffNode): boolean {
  if (d.status !== 'gewijzigd' || !d.oud || !d.nieuw || numOf(d, 'oud') !== numOf(d, 'nieuw')) return false
  if (!sameWords(headingOf(d.oud as AnyNode), headingOf(d.nieuw as AnyNode))) return false
  const changed = paired(d.children).filter((c) => c.status !== 'gelijk' && !isNote(c.oud ?? c.nieuw, d.type))
  const [enige] = changed
  if (changed.length !== 1 || !enige) return false
  // The table may stand in a lid or onderdeel of the provision (its only change too).
  return (enige.type === 'tabel' && enige.status === 'gewijzigd') || (isItem(enige) && alleenTabel(enige))
}

/** From this share of its old text quoted or restated by its instructions, a provision is restated whole. */
const CITEREN_TOT = 0.75

/** The old text a "komt te luiden" of a part restates, by operation. */
const herschreven = new WeakMap<Operatie, number>()

/** The length of the text of a provision as a reader sees it. */
function tekstLengte(node: AnyNode): number {
  return textNodes(node, true).reduce((n, t) => n + phrasingText(t.children as PhrasingContent[]).trim().length, 0)
}

/**
 * Whether the instructions for a provision would quote or restate most of its old text: a sentence
 * whose changed words lie all over it (`„bedraagt per overtreding ten hoogste € 6 700, behoudens
 * het tweede lid”`), or an article whose leden "komen te luiden" one by one. A drafter then lets the
 * provision itself "komt te luiden", which is shorter and reads as the provision.
 */
function herschrijftMeeste(ops: Operatie[], oud: AnyNode): boolean {
  // One part restated is named as that part ("Artikel 2, eerste lid, komt te luiden").
  // Several leden restated together are measured like separate ones; a table replaced whole is named as that part.
  if (ops.length === 1 && ops[0]?.soort === 'komt-te-luiden' && !ops[0].totEnMet) return false
  if (ops.length === 1 && ops[0]?.soort === 'tabel') return false
  const total = tekstLengte(oud)
  let quoted = 0
  for (const op of ops) {
    if (op.soort === 'woorden')
      for (const v of op.vervangingen) if (!v.aanHetSlot && v.zin === undefined) quoted += v.oud.length
    quoted += herschreven.get(op) ?? 0
  }
  return total > 0 && quoted / total >= CITEREN_TOT
}

function fineOps(d: DiffNode, plaats: Plaats): Operatie[] {
  const aanduiding = aanduidingOps(d, plaats)
  if (aanduiding) return aanduiding
  const out: Operatie[] = []
  const oud = d.oud as AnyNode
  const nieuw = d.nieuw as AnyNode
  if (numOf(d, 'oud') !== numOf(d, 'nieuw') && !isItem(d)) throw new Grof('het nummer van de bepaling is veranderd')
  if ((d.type === 'artikel' || isDivision(d)) && !sameWords(headingOf(oud), headingOf(nieuw))) {
    const nieuwHeading = headingOf(nieuw)
    const bare = !nieuwHeading || nieuwHeading.length === 0
    out.push({ soort: 'opschrift', doel: plaats, ...(bare ? { inhoud: '' } : nieuwOpschrift(nieuw)) })
  }
  const children = paired(d.children)
  const teksten = children.filter((c) => isTekst(c) && !isNote(c.oud ?? c.nieuw, d.type))
  if (teksten.some((t) => t.status === 'toegevoegd' || t.status === 'verwijderd'))
    throw new Grof('er is lopende tekst toegevoegd of weggelaten')
  const vervangingen: Vervanging[] = []
  const slot: Operatie[] = []
  const tabellen: Operatie[] = []
  for (const t of teksten) {
    if (t.status === 'gelijk') continue
    const zin = zinAanHetSlot(t, oud, plaats)
    if (zin) slot.push(zin)
    else if (t.type === 'tabel') {
      const cellen = tabelWoorden(t, oud)
      if (cellen) vervangingen.push(...cellen)
      else tabellen.push(tabelOp(t, d, children, plaats))
    } else vervangingen.push(...wordReplacements(t, oud))
  }
  const items = children.filter((c) => isItem(c))
  // A changed gedachtestreepje is cited by its words, in this provision ("In het eerste lid wordt
  // „wethouders” vervangen door „gedeputeerden”."); where gedachtestreepjes lapse or come in between
  // others, each is cited by its place, in the order of the text (`streepjeStap`).
  const streepjesPerPlaats = streepjesBijPlaats(items)
  if (!streepjesPerPlaats)
    for (const c of items) if (isStreepje(c) && c.status === 'gewijzigd') vervangingen.push(...looseWords(c, oud))
  if (vervangingen.length > 0) out.push({ soort: 'woorden', doel: plaats, vervangingen })
  // Before any renumbering below: a table is cited by the old number of the lid it follows.
  out.push(...tabellen)
  out.push(...slot)
  const kept = items.filter((c) => c.status !== 'toegevoegd' && c.status !== 'verwijderd' && citable(c))
  const renumbered = kept.filter((c) => numOf(c, 'oud') !== numOf(c, 'nieuw'))
  const consumed = new Set<DiffNode>()
  // Runs of items added or deleted together: one instruction each ("worden twee leden ingevoegd").
  const groups: DiffNode[][] = []
  items.forEach((c, i) => {
    if (c.status !== 'toegevoegd' && c.status !== 'verwijderd') return
    const last = groups[groups.length - 1]
    const before = items[i - 1]
    if (last && before === last[last.length - 1] && before?.status === c.status) last.push(c)
    else groups.push([c])
  })
  if (groups.some((g) => g.some((c) => !citable(c)) && !g.every(isStreepje)))
    throw new Grof('gedachtestreepjes en genummerde onderdelen zijn samen ingevoegd of geschrapt')
  if (groups.some((g) => g.every(isStreepje)) && renumbered.length > 0)
    throw new Grof('gedachtestreepjes zijn ingevoegd of geschrapt waar ook onderdelen zijn vernummerd')
  if (groups.length === 0 && renumbered.length > 0)
    throw new Grof('leden of onderdelen zijn vernummerd zonder dat er een is ingevoegd of geschrapt')
  const structure =
    groups.length > 1 && renumbered.length > 0
      ? structureOps(groups, items, plaats)
      : groups.map((group) => structureOp(group, items, children, plaats, renumbered, consumed))
  const parts = new Map<DiffNode, Operatie[]>()
  for (const c of kept)
    if (c.status !== 'gelijk' && !consumed.has(c)) parts.set(c, provisionOps(c, [...plaats, stap(c, 'nieuw')]))
  // A changed gedachtestreepje by its place, as the text stands when its turn comes (`streepjeOp`):
  // "In het eerste lid, vijftiende gedachtestreepje, wordt „…” vervangen door „…”."
  for (const c of items)
    if (streepjesPerPlaats && isStreepje(c) && c.status === 'gewijzigd' && !consumed.has(c))
      parts.set(c, streepjeGewijzigd(c, [...plaats, streepjeStap(c, items)]))
  // With renumbering the leden and onderdelen are named by their new numbers, after it; otherwise
  // the instructions follow the text (`1. In het eerste lid … 2. Het tweede lid vervalt. 3. Aan …`).
  if (structure.some((op) => (op.soort === 'vervalt' || op.soort === 'invoegen') && op.vernummering)) {
    out.push(...structure, ...[...parts.values()].flat())
    return ledenSamen(out, plaats)
  }
  for (const c of items) {
    const g = groups.findIndex((group) => group[0] === c)
    if (g >= 0 && structure[g]) out.push(structure[g] as Operatie)
    out.push(...(parts.get(c) ?? []))
  }
  return ledenSamen(out, plaats)
}

/**
 * Consecutive leden of `plaats` that each "komt te luiden", one after the other in the
 * instructions, become one instruction: `Het tweede en derde lid komen te luiden:` (Stb. 2017,
 * 311), `Het derde tot en met het zesde lid komen te luiden:`. Leden with a number that is no
 * plain number (`2a`) stay apart.
 */
function ledenSamen(ops: Operatie[], plaats: Plaats): Operatie[] {
  const lidNum = (op: Operatie | undefined): number | undefined => {
    if (op?.soort !== 'komt-te-luiden' || !op.nodes || op.doel.length !== plaats.length + 1) return undefined
    const last = op.doel[op.doel.length - 1] as Stap
    if (last.soort !== 'lid' || !/^\d+$/.test(last.num ?? '')) return undefined
    const tot = op.totEnMet?.[op.totEnMet.length - 1]?.num ?? last.num
    return Number(tot)
  }
  const out: Operatie[] = []
  for (const op of ops) {
    const prev = out[out.length - 1]
    const van = lidNum(prev)
    const num = lidNum(op) !== undefined && op.soort === 'komt-te-luiden' && !op.totEnMet ? lidNum(op) : undefined
    if (van === undefined || num !== van + 1 || prev?.soort !== 'komt-te-luiden' || op.soort !== 'komt-te-luiden') {
      out.push(op)
      continue
    }
    const nodes = [...(prev.nodes ?? []), ...(op.nodes ?? [])] as AnyNode[]
    const samen: Operatie = { soort: 'komt-te-luiden', doel: prev.doel, totEnMet: op.doel, ...nieuweTekst(nodes) }
    herschreven.set(samen, (herschreven.get(prev) ?? 0) + (herschreven.get(op) ?? 0))
    out[out.length - 1] = samen
  }
  return out
}

// ---- pairs, lid numbers, several runs ----------------------------------------------------------

/**
 * Siblings the comparison left unpaired (an alinea removed and one added in its place, a lid
 * deleted where another is inserted) paired again: per type, in order, within a run of added and
 * removed siblings, as long as both versions keep their order. A pair of texts gets a word
 * comparison of its own (the tree comparison gave up on it); a pair of items is compared as if it
 * kept its number, so that "het vierde lid, dat het derde wordt, komt te luiden" can be written
 * instead of a deletion and an insertion.
 */
function paired(children: DiffNode[]): DiffNode[] {
  const out: DiffNode[] = []
  let i = 0
  const loose = (c: DiffNode | undefined) => c?.status === 'toegevoegd' || c?.status === 'verwijderd'
  while (i < children.length) {
    if (!loose(children[i])) {
      out.push(children[i] as DiffNode)
      i++
      continue
    }
    let j = i
    while (j < children.length && loose(children[j])) j++
    out.push(...pairRun(children.slice(i, j)))
    i = j
  }
  return out
}

function pairRun(run: DiffNode[]): DiffNode[] {
  const added = run.filter((c) => c.status === 'toegevoegd')
  const removed = run.filter((c) => c.status === 'verwijderd')
  if (added.length === 0 || removed.length === 0) return run
  const partner = new Map<DiffNode, DiffNode>()
  const used = new Set<DiffNode>()
  for (const a of added) {
    const r = removed.find((x) => !used.has(x) && x.type === a.type && (isTekst(a) || isItem(a)))
    if (!r) continue
    partner.set(a, r)
    used.add(r)
  }
  if (partner.size === 0) return run
  // Paired where the added one stands; the removed ones without a partner after the run.
  const out: DiffNode[] = []
  for (const c of run) {
    if (c.status === 'verwijderd') continue
    const r = partner.get(c)
    const pair = r ? pairOf(r, c) : undefined
    if (r && !pair) return run
    out.push(pair ?? c)
  }
  for (const r of removed) if (!used.has(r)) out.push(r)
  // Both versions must keep their order.
  const side = (list: DiffNode[], s: 'oud' | 'nieuw') => list.map((c) => c[s]).filter((n) => n !== undefined)
  const same = (a: unknown[], b: unknown[]) => a.length === b.length && a.every((x, k) => x === b[k])
  if (!same(side(out, 'oud'), side(run, 'oud')) || !same(side(out, 'nieuw'), side(run, 'nieuw'))) return run
  return out
}

/** A removed and an added sibling as one changed node, or undefined when they cannot be compared. */
function pairOf(r: DiffNode, a: DiffNode): DiffNode | undefined {
  const oud = r.oud as AnyNode
  const nieuw = a.nieuw as AnyNode
  if (isTekst(a)) {
    const { ops, geheel } = diffWords(
      phrasingText(oud.children as PhrasingContent[]),
      phrasingText(nieuw.children as PhrasingContent[]),
    )
    if (geheel) return undefined
    return { type: a.type, status: 'gewijzigd', id: a.id, children: [], text: ops, oud, nieuw }
  }
  // Two items: what is in them compared (as if it stood in an article of its own).
  const inArtikel = (n: AnyNode) =>
    ({ type: 'artikel', children: [{ type: 'nummer', value: '0' }, ...contentOf(n)] }) as AnyNode
  const d = diffArtikel(inArtikel(oud), inArtikel(nieuw))
  if (!d) return undefined
  return {
    type: a.type,
    status: 'gewijzigd',
    id: a.id,
    oudNum: nodeNum(oud),
    nieuwNum: nodeNum(nieuw),
    children: d.children,
    oud,
    nieuw,
  }
}

/** The comparison of two versions of one article (the generator's own, for what it builds). */
function diffArtikel(oud: AnyNode, nieuw: AnyNode): DiffNode | undefined {
  const wrap = (n: AnyNode): Regeling => ({ type: 'regeling', data: { meta: {} }, children: [n as RegelingContent] })
  const tree = diffRegelingen(wrap(oud), wrap(nieuw)).tree
  return tree.children.find((c) => c.type === 'artikel' && c.oud && c.nieuw)
}

/** The body of an article: what follows its number and heading, notes left out. */
function bodyOf(node: AnyNode): AnyNode[] {
  return (contentOf(node) as AnyNode[]).filter((c) => !isNote(c, node.type))
}

/** An article with its body as lid 1 (the notes stay after it). */
function alsEersteLid(node: AnyNode): AnyNode {
  const copy = structuredClone(node)
  const lead = copy.children.slice(0, leadLength(copy))
  const content = contentOf(copy) as AnyNode[]
  const body = content.filter((c) => !isNote(c, 'artikel'))
  const notes = content.filter((c) => isNote(c, 'artikel'))
  const lid = { type: 'lid', children: [{ type: 'nummer', value: '1' }, ...body] } as unknown as AnyNode
  ;(copy as { children: unknown[] }).children = [...lead, lid, ...notes]
  return copy
}

/**
 * An article that gets leden where it had none, or loses them but one (Arbeidstijdenwet art.
 * 1:7, 8:3): the real phrasings number the text first (`Voor de tekst wordt de aanduiding „1.”
 * geplaatst.`, circulaire BZK BWBR0022915) or let the number go with the other leden (`Artikel 9,
 * tweede tot en met vijfde lid, alsmede de aanduiding ‘1.’ voor het eerste lid vervallen.`,
 * circulaire BZK BWBR0027067). What changes besides is described on the article as if its text
 * were lid 1 all along. Undefined when the article keeps (or never had) leden.
 */
function aanduidingOps(d: DiffNode, plaats: Plaats): Operatie[] | undefined {
  if (d.type !== 'artikel' || !d.oud || !d.nieuw) return undefined
  const oud = d.oud as AnyNode
  const nieuw = d.nieuw as AnyNode
  const leden = (n: AnyNode) => bodyOf(n).filter((c) => c.type === 'lid')
  const alleenLeden = (n: AnyNode) => bodyOf(n).every((c) => c.type === 'lid')
  const eerste = [...plaats, { soort: 'lid', num: '1' }] as Plaats
  if (leden(oud).length === 0 && leden(nieuw).length > 0) {
    if (bodyOf(oud).length === 0 || !alleenLeden(nieuw) || nodeNum(leden(nieuw)[0] as AnyNode) !== '1')
      throw new Grof('het artikel krijgt leden, maar de nieuwe tekst begint niet met het eerste lid')
    const sub = diffArtikel(alsEersteLid(oud), nieuw)
    if (!sub) throw new Grof('het artikel met genummerde tekst is niet te vergelijken met het nieuwe')
    return [{ soort: 'aanduiding', doel: plaats, actie: 'geplaatst' }, ...fineOps(sub, plaats)]
  }
  if (leden(oud).length > 0 && leden(nieuw).length === 0) {
    if (bodyOf(nieuw).length === 0 || !alleenLeden(oud) || nodeNum(leden(oud)[0] as AnyNode) !== '1')
      throw new Grof('het artikel verliest zijn leden, maar niet op het eerste na')
    const sub = diffArtikel(oud, alsEersteLid(nieuw))
    if (!sub) throw new Grof('het artikel zonder leden is niet te vergelijken met het oude')
    const ops = fineOps(sub, plaats)
    // The other leden lapse last, after what changes in the first ("alsmede de aanduiding …").
    const k = ops.findIndex(
      (o) =>
        o.soort === 'vervalt' &&
        !o.vernummering &&
        !o.slotPunt &&
        o.doelen.every((p) => p.length === plaats.length + 1 && p[p.length - 1]?.soort === 'lid'),
    )
    if (k < 0) return [...ops, { soort: 'aanduiding', doel: eerste, actie: 'vervalt' }]
    const vervalt = ops[k] as Extract<Operatie, { soort: 'vervalt' }>
    if (ops.some((o, i) => i !== k && (o.soort === 'vervalt' || o.soort === 'invoegen')))
      throw new Grof('er vervallen leden op meer dan één plaats')
    return [...ops.slice(0, k), ...ops.slice(k + 1), { ...vervalt, aanduiding: eerste }]
  }
  return undefined
}

/**
 * The words of a table whose cells changed, as word replacements in the provision around it (each
 * quoted once in the whole provision, its cells included): `In artikel 16, eerste lid, wordt
 * „€ 322,57” vervangen door „€ 331,28”`. Only when the table keeps its rows and columns; with a row
 * or column added or removed the table is replaced whole (`tabelWoorden`, `tabelOp`).
 */
function cellReplacements(t: DiffNode, scope: AnyNode): Vervanging[] {
  // A table the comparison paired again after seeing it removed and added has no rows to compare.
  if (t.status !== 'gewijzigd' || t.geheelVervangen || t.children.length === 0)
    throw new Grof('de tabel is als geheel vervangen')
  const out: Vervanging[] = []
  for (const rij of t.children) {
    if (rij.status === 'toegevoegd' || rij.status === 'verwijderd')
      throw new Grof('een rij van de tabel is toegevoegd of geschrapt')
    for (const cel of rij.children) {
      if (cel.status === 'toegevoegd' || cel.status === 'verwijderd')
        throw new Grof('een kolom van de tabel is toegevoegd of geschrapt')
      if (cel.status === 'gewijzigd') out.push(...wordReplacements(cel, scope))
    }
  }
  return out
}

/** From this many word replacements in its cells, a changed table is replaced whole ("De tabel in … komt te luiden:"). */
const TABEL_CELLEN_TOT = 4

/**
 * The changed cells of a table as word replacements (`cellReplacements`), or undefined when the
 * table is better replaced whole: a row or column came or went, the words of a cell cannot be quoted
 * once in the provision, or so many cells changed that the besluit would read as a list of amounts
 * (four or more, the count test/amend/measure.test.ts keeps down; the circulaire BZK BWBR0027067
 * replaces the indexed table of bijlage I whole, onder L, M and N).
 */
function tabelWoorden(t: DiffNode, scope: AnyNode): Vervanging[] | undefined {
  try {
    const out = cellReplacements(t, scope)
    return out.length < TABEL_CELLEN_TOT ? out : undefined
  } catch (error) {
    if (error instanceof Grof) return undefined
    throw error
  }
}

/**
 * A changed table replaced whole: `De tabel in artikel 16, eerste lid, komt te luiden:`. A table
 * has no number; it is named by the provision that holds it, which must hold no other (as `apply`
 * counts them, `tabellenVan`): the lid or onderdeel it is printed after (in the Markdown a table
 * after `1. … de volgende tabel:` stands in the article; the circulaire BZK BWBR0027067 cites it
 * "In artikel 16, eerste lid", onder H), else the provision itself (`De tabel in bijlage I`).
 * `children`: the paired children of `d`, where `t` stands.
 */
function tabelOp(t: DiffNode, d: DiffNode, children: DiffNode[], plaats: Plaats): Operatie {
  const oudTabel = t.oud as AnyNode | undefined
  const nieuwTabel = t.nieuw as AnyNode | undefined
  if (t.status !== 'gewijzigd' || oudTabel?.type !== 'tabel' || nieuwTabel?.type !== 'tabel')
    throw new Grof('een tabel is toegevoegd of geschrapt')
  const holder = d.oud as AnyNode
  const kandidaten: Array<{ doel: Plaats; aantal: number }> = []
  // The lid or onderdeel the table follows, with only running text between them.
  let k = children.indexOf(t) - 1
  while (k >= 0 && isTekst(children[k] as DiffNode)) k--
  const voor = children[k]
  if (
    voor &&
    isItem(voor) &&
    citable(voor) &&
    voor.status !== 'toegevoegd' &&
    voor.status !== 'verwijderd' &&
    voor.oud
  ) {
    const siblings = holder.children as RegelingNode[]
    const at = siblings.indexOf(voor.oud as RegelingNode)
    if (at >= 0)
      kandidaten.push({
        doel: [...plaats, stap(voor, 'oud')],
        aantal: tabellenVan(voor.oud as AnyNode, siblings, at).length,
      })
  }
  kandidaten.push({ doel: plaats, aantal: tabellenVan(holder).length })
  const gekozen = kandidaten.find((c) => c.aantal === 1)
  if (!gekozen || plaats.length === 0) throw new Grof('de tabel is niet te noemen: de bepaling heeft er meer dan één')
  const op: Operatie = { soort: 'tabel', doel: gekozen.doel, ...nieuweTekst([nieuwTabel]) }
  herschreven.set(op, tekstLengte(oudTabel))
  return op
}

/**
 * Words of a changed item without a number (a gedachtestreepje): cited in the provision around it,
 * where they must occur once. Only its text may have changed, not its parts.
 */
function looseWords(c: DiffNode, scope: AnyNode): Vervanging[] {
  if (numOf(c, 'oud') !== numOf(c, 'nieuw')) throw new Grof('een gedachtestreepje kreeg een nummer of verloor het')
  const out: Vervanging[] = []
  for (const k of paired(c.children)) {
    if (k.status === 'gelijk') continue
    if (!isTekst(k) || k.status !== 'gewijzigd')
      throw new Grof('in een gedachtestreepje is meer dan de tekst gewijzigd')
    out.push(...wordReplacements(k, scope))
  }
  return out
}

/**
 * Whether the gedachtestreepjes of a provision are cited by their place: when one lapses or one is
 * inserted anywhere but at the end. Otherwise a changed one is cited by its words in the provision
 * and new ones at the end are `toegevoegd` (catalogue form 48).
 */
function streepjesBijPlaats(items: DiffNode[]): boolean {
  return items.some(
    (c, i) =>
      isStreepje(c) &&
      (c.status === 'verwijderd' ||
        (c.status === 'toegevoegd' && items.slice(i + 1).some((x) => x.status !== 'toegevoegd'))),
  )
}

/** An item without a number (`- …`): a gedachtestreepje, cited by its place among the others. */
function isStreepje(c: DiffNode): boolean {
  return isItem(c) && !citable(c)
}

/**
 * Gedachtestreepjes deleted or inserted together, cited by their place among the gedachtestreepjes
 * of the provision (`In het eerste lid vervalt het veertiende gedachtestreepje.`, `… wordt na het
 * dertiende gedachtestreepje een gedachtestreepje ingevoegd, luidende:`). The instructions of a
 * provision are carried out one after the other, in the order of the text, so a place is counted
 * in the text as it stands at that moment: the runs before this one deleted or inserted, the runs
 * after it not yet (`apply` counts the same way; docs/amendments.md, "Gedachtestreepjes").
 */
function streepjeOp(group: DiffNode[], items: DiffNode[], plaats: Plaats, consumed: Set<DiffNode>): Operatie {
  const first = group[0] as DiffNode
  const at = items.indexOf(first)
  // The gedachtestreepjes before the run as the text stands now: earlier runs carried out.
  const before = items.slice(0, at).filter((c) => isStreepje(c) && c.type === first.type && c.status !== 'verwijderd')
  const step = streepjeNummer
  if (first.status === 'verwijderd') {
    const op: Extract<Operatie, { soort: 'vervalt' }> = {
      soort: 'vervalt',
      doelen: group.map((_, k) => [...plaats, step(before.length + 1 + k)]),
    }
    // The last ones lapse: "…, onder vervanging van de puntkomma aan het slot van het derde
    // gedachtestreepje door een punt." (as for onderdelen).
    const prev = [...items.slice(0, at)].reverse().find((c) => c.status !== 'verwijderd')
    const after = items.slice(at + group.length)
    if (
      after.length === 0 &&
      prev &&
      isStreepje(prev) &&
      prev.type === first.type &&
      prev.status === 'gewijzigd' &&
      onlyEndChanged(prev, /;(\s*(en|of))?\s*$/, '.')
    ) {
      op.slotPunt = [...plaats, streepjeStap(prev, items)]
      consumed.add(prev)
    }
    return op
  }
  const ins = streepjesInvoegen(group, plaats)
  const prev = [...items.slice(0, at)].reverse().find((c) => c.status !== 'verwijderd')
  const next = items.slice(at + group.length).find((c) => c.status !== 'toegevoegd')
  if (prev && isStreepje(prev) && prev.type === first.type) ins.na = [...plaats, step(before.length)]
  else if (!prev && next && isStreepje(next) && next.type === first.type) ins.voor = [...plaats, step(1)]
  else throw new Grof('de plaats van het nieuwe gedachtestreepje is niet te noemen')
  return ins
}

/**
 * A changed gedachtestreepje named by its place: its words (`In het eerste lid, vijftiende
 * gedachtestreepje, wordt „…” vervangen door „…”.`), or, when most of its words go or the words
 * cannot be quoted, its new text (`Het vijftiende gedachtestreepje komt te luiden:`).
 */
function streepjeGewijzigd(c: DiffNode, doel: Plaats): Operatie[] {
  const whole: Operatie = { soort: 'komt-te-luiden', doel, ...nieuweTekst([c.nieuw as AnyNode]) }
  herschreven.set(whole, tekstLengte(c.oud as AnyNode))
  if (behouden(c) < GEHEEL_ONDER) return [whole]
  try {
    const op: Operatie = { soort: 'woorden', doel, vervangingen: looseWords(c, c.oud as AnyNode) }
    return herschrijftMeeste([op], c.oud as AnyNode) ? [whole] : [op]
  } catch (error) {
    if (error instanceof Grof) return [whole]
    throw error
  }
}

/** The step of the gedachtestreepje at place `n` (1-based); beyond 99 there is no ordinal word. */
function streepjeNummer(n: number): Stap {
  if (n > 99) throw new Grof('een gedachtestreepje na het negenennegentigste is niet met een rangtelwoord te noemen')
  return { soort: 'gedachtestreepje', num: String(n) }
}

/** The step of a gedachtestreepje that stays, counted as the text stands when its turn comes (`streepjeOp`). */
function streepjeStap(c: DiffNode, items: DiffNode[]): Stap {
  const at = items.indexOf(c)
  const before = items.slice(0, at).filter((x) => isStreepje(x) && x.type === c.type && x.status !== 'verwijderd')
  return streepjeNummer(before.length + 1)
}

/**
 * Gedachtestreepjes added at the end of a list (after the last item): `Aan het eerste lid wordt
 * een gedachtestreepje toegevoegd, luidende:`. Anywhere else a gedachtestreepje has no name.
 */
function streepjesAanHetSlot(group: DiffNode[], items: DiffNode[]): boolean {
  const last = group[group.length - 1] as DiffNode
  const after = items.slice(items.indexOf(last) + 1)
  return (
    group.every((c) => c.status === 'toegevoegd' && c.type === 'onderdeel' && numOf(c, 'nieuw') === '-') &&
    after.length === 0
  )
}

/**
 * A sentence added at the end of the last alinea of a provision (`Aan het eerste lid wordt een zin
 * toegevoegd, luidende: „…”.`): the old text stays whole, and the new words begin a sentence
 * after its closing punt. Undefined for any other change.
 */
function zinAanHetSlot(t: DiffNode, scope: AnyNode, plaats: Plaats): Operatie | undefined {
  const alineas = textNodes(scope).filter((n) => n.type === 'alinea')
  if (t.type !== 'alinea' || t.oud !== alineas[alineas.length - 1] || plaats.length === 0) return undefined
  const ops = t.text ?? []
  if (ops.length !== 2 || ops[0]?.op !== 'gelijk' || ops[1]?.op !== 'ins') return undefined
  const oud = ops[0].text
  const nieuw = ops[1].text
  const children = (t.oud as AnyNode).children as PhrasingContent[]
  if (children[children.length - 1]?.type !== 'text') return undefined
  if (!/[.]\s*$/.test(oud) || !/^\s+\p{Lu}/u.test(nieuw) || !/[.]$/.test(nieuw.trim())) return undefined
  const zin = escapeInline(nieuw.trim())
  if (!quotable(zin) || (t.nieuw as AnyNode).children.some((c) => c.type !== 'text')) return undefined
  return { soort: 'woorden', doel: plaats, vervangingen: [{ oud: '', nieuw: zin, aanHetSlot: true }] }
}

/** `1`, `2`, … / `a`, `b`, … / `1°`, `2°`, …: the plain numbering of a kind of item, when its numbers follow it. */
function plainNumbering(soort: string, nums: string[]): ((i: number) => string) | undefined {
  const gen =
    soort === 'lid'
      ? (i: number) => String(i + 1)
      : soort === 'onderdeel'
        ? (i: number) => (i < 26 ? String.fromCharCode(97 + i) : '')
        : soort === 'subonderdeel'
          ? (i: number) => `${i + 1}°`
          : undefined
  return gen && nums.every((n, i) => n === gen(i)) ? gen : undefined
}

/**
 * Items inserted or deleted at more than one place, with renumbering (Rechtspositiebesluit
 * burgemeesters art. 17: the third and fifth lid lapse). Deletions only: one instruction that
 * names them all and renumbers from the old numbers to the new (`Het derde en vijfde lid
 * vervallen, onder vernummering van …`). Otherwise one instruction per run, from the last run to
 * the first, so that each names the items before it by their old numbers; an inserted item must
 * then have the number it will keep. Only plain numberings (1, 2, 3 / a, b, c) are renumbered.
 */
function structureOps(groups: DiffNode[][], items: DiffNode[], plaats: Plaats): Operatie[] {
  const soort = (items[0] as DiffNode).type as Vernummering['soort']
  if (items.some((c) => c.type !== soort || !citable(c)))
    throw new Grof('leden en onderdelen van verschillende soort zijn ingevoegd of geschrapt')
  const present = items.filter((c) => c.status !== 'toegevoegd')
  const final = items.filter((c) => c.status !== 'verwijderd')
  const gen = plainNumbering(
    soort,
    present.map((c) => numOf(c, 'oud')),
  )
  if (
    !gen ||
    !plainNumbering(
      soort,
      final.map((c) => numOf(c, 'nieuw')),
    )
  )
    throw new Grof('de nummering van de leden of onderdelen loopt niet gewoon door')
  if (groups.every((g) => g.every((c) => c.status === 'verwijderd'))) {
    const kept = present.filter((c) => c.status !== 'verwijderd')
    const shifted = kept.filter((c) => numOf(c, 'oud') !== numOf(c, 'nieuw'))
    const op: Extract<Operatie, { soort: 'vervalt' }> = {
      soort: 'vervalt',
      doelen: groups.flat().map((c) => [...plaats, stap(c, 'oud')]),
    }
    if (shifted.length > 0)
      op.vernummering = { soort, van: shifted.map((c) => numOf(c, 'oud')), naar: shifted.map((c) => numOf(c, 'nieuw')) }
    return [op]
  }
  // From the last run to the first: `state` is the list as it stands, with each item's number then.
  let state = present.map((c) => ({ c, num: numOf(c, 'oud') }))
  const ops: Operatie[] = []
  for (const group of [...groups].reverse()) {
    const first = group[0] as DiffNode
    const at = items.indexOf(first)
    // Where the run stands in the list as it is now: after the last item before it that is there.
    const before = items.slice(0, at).filter((c) => state.some((s) => s.c === c))
    const prev = before[before.length - 1]
    const index = prev ? state.findIndex((s) => s.c === prev) + 1 : 0
    let next: typeof state
    if (first.status === 'verwijderd') next = state.filter((s) => !group.includes(s.c))
    else next = [...state.slice(0, index), ...group.map((c) => ({ c, num: numOf(c, 'nieuw') })), ...state.slice(index)]
    const renumber = next.filter((s, i) => !group.includes(s.c) && s.num !== gen(i))
    const vernummering: Vernummering | undefined =
      renumber.length > 0
        ? { soort, van: renumber.map((s) => s.num), naar: renumber.map((s) => gen(next.indexOf(s))) }
        : undefined
    if (first.status === 'toegevoegd') {
      if (group.some((c) => numOf(c, 'nieuw') !== gen(next.findIndex((s) => s.c === c))))
        throw new Grof('een ingevoegd lid of onderdeel krijgt later een ander nummer')
      const ins: Extract<Operatie, { soort: 'invoegen' }> = {
        soort: 'invoegen',
        wat: soort,
        ouder: plaats,
        ...nieuweTekst(group.map((c) => c.nieuw as AnyNode)),
      }
      if (group.length > 1) ins.aantal = group.length
      const stand = index > 0 ? state[index - 1] : undefined
      if (stand) ins.na = [...plaats, { soort, num: stand.num }]
      else if (!vernummering) throw new Grof('de plaats van het nieuwe lid of onderdeel is niet te noemen')
      if (vernummering) ins.vernummering = vernummering
      ops.push(ins)
    } else {
      const op: Extract<Operatie, { soort: 'vervalt' }> = {
        soort: 'vervalt',
        doelen: group.map((c) => [...plaats, { soort, num: state.find((s) => s.c === c)?.num ?? numOf(c, 'oud') }]),
      }
      if (vernummering) op.vernummering = vernummering
      ops.push(op)
    }
    state = next.map((s, i) => ({ c: s.c, num: group.includes(s.c) ? s.num : gen(i) }))
  }
  if (state.some((s) => s.num !== numOf(s.c, 'nieuw')))
    throw new Grof('na de invoegingen en schrappingen kloppen de nummers niet')
  return ops
}

// ---- containers (the regulation, divisions, bijlagen) ----------------------------------------------

interface State {
  drafts: Draft[]
  /** Drafts carried out after all others: a division without a number that lapses once the articles moved out of it are placed. */
  later: Draft[]
  oud: Regeling
  nieuw: Regeling
  nieuwArtikelen: Set<string>
  /** Deleted copies of moved articles, by number. */
  moved: Map<string, DiffNode>
  /** Divisions replaced whole because a division without a number in them changed. */
  hele: string[]
}

function artikelIn(tree: Regeling, num: string): AnyNode | undefined {
  return artikelenOf(tree).find((a) => nodeNum(a) === num)
}

function nodeAt(tree: Regeling, plaats: Plaats): AnyNode | undefined {
  let holder: readonly AnyNode[] = tree.children
  let node: AnyNode | undefined
  for (const s of plaats) {
    node =
      s.soort === 'artikel'
        ? artikelIn(tree, s.num ?? '')
        : s.titel !== undefined
          ? findDeep(holder, (n) => matchesTitel(n, s))
          : findDeep(holder, (n) => n.type === s.soort && (isSingleton(n) || nodeNum(n) === s.num))
    if (!node) return undefined
    holder = contentOf(node) as AnyNode[]
  }
  return node
}

function findDeep(nodes: readonly AnyNode[], test: (n: AnyNode) => boolean): AnyNode | undefined {
  for (const n of nodes) {
    if (test(n)) return n
    if (isDivision(n) || n.type === 'bijlage') {
      const inner = findDeep(contentOf(n), test)
      if (inner) return inner
    }
  }
  return undefined
}

/**
 * How a sibling is named as the place of an insertion: an article by its number, a division with
 * the divisions above it, a division without a number by its title (undefined when it cannot be).
 */
function siblingPlaats(s: DiffNode, side: 'oud' | 'nieuw', ouder: Plaats, state: State): Plaats | undefined {
  if (isDivision(s) && !citable(s)) return titledPlaats(s, side, ouder, state)
  if (!citable(s)) return undefined
  return isDivision(s) ? [...ouder, stap(s, side)] : [stap(s, side)]
}

/** Where an inserted or moved node goes: after the sibling before it, or before the one after it. */
function anchor(
  siblings: DiffNode[],
  at: number,
  ouder: Plaats,
  state: State,
): { na?: Plaats; voor?: Plaats; ouder: Plaats } {
  for (let i = at - 1; i >= 0; i--) {
    const s = siblings[i] as DiffNode
    if (s.status === 'verwijderd') continue
    // Siblings before are done: a renamed division has its new title.
    const na = siblingPlaats(s, 'nieuw', ouder, state)
    if (!na) break
    return { na, ouder }
  }
  for (let i = at + 1; i < siblings.length; i++) {
    const s = siblings[i] as DiffNode
    if (s.status === 'toegevoegd') continue
    // Siblings after are not done yet: a division keeps its old title until its own item.
    const voor = siblingPlaats(s, s.status === 'verwijderd' || isUnnumbered(s) ? 'oud' : 'nieuw', ouder, state)
    if (!voor) break
    return { voor, ouder }
  }
  if (siblings.some((s, i) => i !== at && s.status !== 'toegevoegd' && !siblingPlaats(s, 'oud', ouder, state)))
    throw new Grof('de plaats van een nieuwe bepaling niet te noemen is: de bepalingen ernaast hebben geen nummer')
  return { ouder }
}

function isUnnumbered(d: DiffNode): boolean {
  return isUnnumberedDivision((d.nieuw ?? d.oud) as AnyNode)
}

/**
 * A division without a number (`### Procedurele bepalingen` in the sociaal statuut) changed in a way
 * that its title cannot name: text of its own changed, or its title is shared with another division
 * even with the divisions around it. A besluit can then only cite it through the numbered division
 * around it, which is replaced whole (`changedContainer`).
 */
class Ongenoemd extends Grof {}

/** The title of a division without a number, in quotes, for messages. */
function titelVan(d: DiffNode): string {
  const node = (d.nieuw ?? d.oud) as AnyNode
  const words = phrasingText((headingOf(node) ?? []) as PhrasingContent[]).trim()
  return words === '' ? `een ${d.type} zonder nummer en zonder opschrift` : `de ${d.type} "${words}" (zonder nummer)`
}

// ---- divisions without a number -------------------------------------------------------------------

/** How many divisions without a number have each title (`titelKey`), in `tree` or below `node`. */
function titelCount(node: Regeling | AnyNode, key: string): number {
  let n = 0
  visit(node, (c) => {
    const x = c as AnyNode
    if (x.type === 'artikel' || x.type === 'toelichting' || isTekst(x)) return SKIP
    if (isUnnumberedDivision(x) && titelKey(divisionTitel(x)) === key) n++
    return undefined
  })
  return n
}

/**
 * The place of a division without a number, cited by its title as it stands on `side`: the title
 * alone (`de paragraaf „Last onder bestuursdwang”`) when no other division without a number has it,
 * in the old version or the new, else with the divisions around it (`hoofdstuk 5, paragraaf „…”`)
 * when that tells it apart. Undefined when it has no title a besluit can quote, or one it shares.
 */
function titledPlaats(d: DiffNode, side: 'oud' | 'nieuw', ouder: Plaats, state: State): Plaats | undefined {
  const node = (side === 'oud' ? d.oud : d.nieuw) as AnyNode | undefined
  if (!node) return undefined
  const titel = divisionTitel(node)
  if (!titelQuotable(titel)) return undefined
  const key = titelKey(titel)
  const here: Stap = { soort: d.type as StapSoort, titel }
  if (titelCount(state.oud, key) <= 1 && titelCount(state.nieuw, key) <= 1) return [here]
  if (ouder.length === 0) return undefined
  const within = [state.oud, state.nieuw].map((tree) => nodeAt(tree, ouder))
  if (within.every((w) => !w || titelCount(w, key) <= 1) && within.some((w) => w)) return [...ouder, here]
  return undefined
}

/** Whether the heading of a division is plain words only, as an inline title gives it back. */
function plainTitle(node: AnyNode): boolean {
  const heading = headingOf(node) ?? []
  return (
    heading.length > 0 &&
    heading.every((c) => c.type === 'text') &&
    phrasingText(heading as PhrasingContent[]) === divisionTitel(node)
  )
}

/**
 * A division without a number that changed: its new title (`Het opschrift van de paragraaf „…” komt
 * te luiden: „…”.`), then what is in it, cited below its new title. Its own text (not in an article)
 * cannot be named: then `Ongenoemd`.
 */
function changedUnnumbered(d: DiffNode, ouder: Plaats, state: State): void {
  const oud = d.oud as AnyNode
  const nieuw = d.nieuw as AnyNode
  const ownText = d.children.some((c) => isTekst(c) && !isNote(c.oud ?? c.nieuw) && c.status !== 'gelijk')
  if (ownText) throw new Ongenoemd(`de eigen tekst van ${titelVan(d)} is gewijzigd`)
  const oudPlaats = titledPlaats(d, 'oud', ouder, state)
  const nieuwPlaats = titledPlaats(d, 'nieuw', ouder, state)
  if (sameWords(headingOf(oud), headingOf(nieuw)) && labelOf(oud) === labelOf(nieuw)) {
    // Articles are cited by their own number; the division only where something is added at its end.
    container(d.children, nieuwPlaats ?? ouder, state)
    return
  }
  if (!oudPlaats || !nieuwPlaats || labelOf(oud) !== labelOf(nieuw))
    throw new Ongenoemd(
      `het opschrift van ${titelVan(d)} is gewijzigd, en het oude of nieuwe opschrift is niet eenduidig te noemen`,
    )
  const titel: Operatie = plainTitle(nieuw)
    ? { soort: 'opschrift', doel: oudPlaats, inhoud: '', titel: divisionTitel(nieuw) }
    : { soort: 'opschrift', doel: oudPlaats, ...nieuwOpschrift(nieuw) }
  state.drafts.push({
    plaats: oudPlaats,
    ops: [titel],
    check: (w) => {
      const n = nodeAt(w, nieuwPlaats)
      return n !== undefined && sameWords(headingOf(n), headingOf(nieuw))
    },
  })
  container(d.children, nieuwPlaats, state)
}

/**
 * A new division without a number: inserted after (or before) its neighbour with its title and the
 * new provisions in it; articles that stood elsewhere before are then placed in it (`Artikel 29
 * wordt geplaatst na artikel 28b.`), with their new text when it changed, rather than enacted anew.
 */
function addedUnnumbered(d: DiffNode, siblings: DiffNode[], at: number, ouder: Plaats, state: State): void {
  const plaats = titledPlaats(d, 'nieuw', ouder, state)
  if (!plaats) throw new Ongenoemd(`${titelVan(d)} is toegevoegd en niet eenduidig bij zijn opschrift te noemen`)
  const node = d.nieuw as AnyNode
  const isMoved = (c: AnyNode) => c.type === 'artikel' && state.moved.has(nodeNum(c))
  const content = contentOf(node) as AnyNode[]
  if (content.some((c) => !isMoved(c) && artikelenOf(c).some(isMoved)))
    throw new Ongenoemd(
      `in ${titelVan(d)} staan artikelen die eerder elders stonden, dieper dan direct onder het opschrift`,
    )
  const lead = node.children.slice(0, leadLength(node))
  const kaal = { ...node, children: [...lead, ...content.filter((c) => !isMoved(c))] } as AnyNode
  state.drafts.push({
    plaats,
    ops: [{ soort: 'invoegen', wat: d.type, ...nieuweTekst([kaal]), ...anchor(siblings, at, ouder, state) }],
    check: (w) => sameBepalingen(nodeAt(w, plaats), kaal),
  })
  content.forEach((c, i) => {
    if (!isMoved(c)) return
    const num = nodeNum(c)
    const artikel: Plaats = [{ soort: 'artikel', num }]
    // The neighbour before is in place (new, or moved before it); else the first new one after it.
    const prev = content
      .slice(0, i)
      .reverse()
      .find((x) => x.type === 'artikel')
    const next = content.slice(i + 1).find((x) => x.type === 'artikel' && !isMoved(x))
    const where: { na?: Plaats; voor?: Plaats; ouder?: Plaats } = prev
      ? { na: [{ soort: 'artikel', num: nodeNum(prev) }] }
      : next
        ? { voor: [{ soort: 'artikel', num: nodeNum(next) }] }
        : { ouder: plaats }
    const ops: Operatie[] = [{ soort: 'verplaatsen', doel: artikel, ...where }]
    const oude = state.moved.get(num) as DiffNode
    if (!sameBepalingen(oude.oud, c)) ops.push({ soort: 'komt-te-luiden', doel: artikel, ...nieuweTekst([c]) })
    state.drafts.push({ plaats: artikel, ops, check: (w) => sameBepalingen(nodeAt(w, artikel), c) })
  })
}

/**
 * A division without a number that lapses with what is in it (`De paragraaf „…” vervalt.`). When
 * articles of it stand elsewhere in the new version, they are placed there first: the division
 * lapses after all other items.
 */
function removedUnnumbered(d: DiffNode, ouder: Plaats, state: State): void {
  const plaats = titledPlaats(d, 'oud', ouder, state)
  if (!plaats) throw new Ongenoemd(`${titelVan(d)} is vervallen en niet eenduidig bij zijn opschrift te noemen`)
  const draft: Draft = { plaats, ops: [{ soort: 'vervalt', doelen: [plaats] }], check: (w) => !nodeAt(w, plaats) }
  const movedOut = artikelenOf(d.oud as AnyNode).some((a) => state.nieuwArtikelen.has(nodeNum(a)))
  if (movedOut) state.later.push(draft)
  else state.drafts.push(draft)
}

function container(children: DiffNode[], ouder: Plaats, state: State): void {
  // A consolidator's note ("Vervallen per …") is no provision: it goes into the redactionele bijwerking.
  const teksten = children.filter((c) => isTekst(c) && !isNote(c.oud ?? c.nieuw))
  if (teksten.some((t) => t.status !== 'gelijk'))
    throw new Grof('tekst die in geen artikel of andere genummerde bepaling staat, is gewijzigd')
  children.forEach((d, at) => {
    if (d.status === 'gelijk' || isTekst(d)) return
    if (!citable(d)) {
      // A division without a number is cited by its title; articles in it by their own number
      // (article numbers are unique).
      if (!isDivision(d))
        throw new Grof(`een ${d.type} zonder nummer is gewijzigd; een besluit kan die niet bij naam noemen`)
      if (d.status === 'gewijzigd') changedUnnumbered(d, ouder, state)
      else if (d.status === 'toegevoegd') addedUnnumbered(d, children, at, ouder, state)
      else removedUnnumbered(d, ouder, state)
      return
    }
    const here = stap(d, d.status === 'verwijderd' ? 'oud' : 'nieuw')
    // A paragraaf is named with the hoofdstuk it is in (its number need not be unique); an article not.
    const plaats: Plaats = isDivision(d) ? [...ouder, here] : [here]
    if (d.status === 'verwijderd') {
      if (d.type === 'artikel' && state.nieuwArtikelen.has(numOf(d, 'oud'))) return
      state.drafts.push({ plaats, ops: [{ soort: 'vervalt', doelen: [plaats] }], check: (w) => !nodeAt(w, plaats) })
      return
    }
    if (d.status === 'toegevoegd') {
      // A toelichting has one place (after the body, before the bijlagen): "Aan de regeling wordt een
      // toelichting toegevoegd", not anchored to an article.
      const where = d.type === 'toelichting' ? { ouder } : anchor(children, at, ouder, state)
      const node = d.nieuw as AnyNode
      const check = (w: Regeling) => sameBepalingen(nodeAt(w, plaats), node)
      const oude = d.type === 'artikel' ? state.moved.get(numOf(d, 'nieuw')) : undefined
      if (d.verplaatstVan !== undefined && oude) {
        const ops: Operatie[] = [{ soort: 'verplaatsen', doel: plaats, ...where }]
        if (!sameBepalingen(oude.oud, node)) ops.push({ soort: 'komt-te-luiden', doel: plaats, ...nieuweTekst([node]) })
        state.drafts.push({ plaats, ops, check })
        return
      }
      state.drafts.push({
        plaats,
        ops: [{ soort: 'invoegen', wat: d.type, ...nieuweTekst([node]), ...where }],
        check,
      })
      return
    }
    // Changed, but not in its provisions' words (opmaak, a note): for the redactionele bijwerking.
    if (sameBepalingen(d.oud, d.nieuw)) return
    CHANGED[d.type](d, plaats, state)
  })
}

/** How a changed provision in a container (the regulation, a division, a bijlage) is described. */
type ChangedRule = (d: DiffNode, plaats: Plaats, state: State) => void

/** An article: its words and parts, or the article whole when most of it changed. */
const changedArtikel: ChangedRule = (d, plaats, state) => {
  const nieuw = d.nieuw as AnyNode
  const whole = (): Operatie => ({ soort: 'komt-te-luiden', doel: plaats, ...nieuweTekst([nieuw]) })
  // When most of an article changes, the article is replaced whole (DOMAIN.md §4).
  state.drafts.push({
    plaats,
    ops: behouden(d) < GEHEEL_ONDER && !alleenTabel(d) ? [whole()] : provisionOps(d, plaats),
    check: (w) => sameBepalingen(nodeAt(w, plaats), nieuw),
    whole,
  })
}

const changedSingleton: ChangedRule = (d, plaats, state) => {
  const nieuw = d.nieuw as AnyNode
  state.drafts.push({
    plaats,
    ops: singletonOps(d, plaats),
    check: (w) => sameBepalingen(nodeAt(w, plaats), nieuw),
  })
}

/** A division or bijlage: its heading, then what is in it. */
const changedContainer: ChangedRule = (d, plaats, state) => {
  const nieuw = d.nieuw as AnyNode
  if (numOf(d, 'oud') !== numOf(d, 'nieuw')) throw new Grof(`het nummer van ${plaatsWords(plaats)} is veranderd`)
  // Text of a bijlage itself (not in an article) changed: the bijlage's words, else the bijlage whole.
  if (d.type === 'bijlage' && d.children.some((c) => isTekst(c) && c.status !== 'gelijk')) {
    changedSingleton(d, plaats, state)
    return
  }
  const start = state.drafts.length
  try {
    changedContainerParts(d, plaats, state)
  } catch (error) {
    if (!(error instanceof Ongenoemd) || !isDivision(d)) throw error
    // A division without a number inside this one must change: this division is replaced whole.
    state.drafts.length = start
    state.drafts.push({
      plaats,
      ops: [{ soort: 'komt-te-luiden', doel: plaats, ...nieuweTekst([nieuw]) }],
      check: (w) => sameBepalingen(nodeAt(w, plaats), nieuw),
    })
    state.hele.push(plaatsWords(plaats))
  }
}

// ---- a new indeling ---------------------------------------------------------------------------------

/** A division heading or an article of a container, in the order of the text. */
type Token =
  | { kind: 'kop'; node: AnyNode; start?: string; common: boolean }
  | { kind: 'art'; node: AnyNode; num: string }

/** The divisions and articles of `holder`, in the order of the text; undefined when it holds anything else. */
function flatten(holder: AnyNode): Token[] | undefined {
  const out: Token[] = []
  const walk = (node: AnyNode): boolean => {
    for (const c of contentOf(node) as AnyNode[]) {
      if (isNote(c, node.type)) continue
      if (c.type === 'artikel') out.push({ kind: 'art', node: c, num: nodeNum(c) })
      else if (isDivision(c) && !isUnnumberedDivision(c)) {
        out.push({ kind: 'kop', node: c, common: false })
        if (!walk(c)) return false
      } else return false
    }
    return true
  }
  return walk(holder) ? out : undefined
}

/** The first article in a division and whether any article in it is in both versions. */
function spanOf(node: AnyNode, common: Set<string>): { start?: string; common: boolean } {
  const nums = artikelenIn(node).map(nodeNum)
  return { start: nums[0], common: nums.some((n) => common.has(n)) }
}

/**
 * Whether the divisions in a changed container were regrouped: a division of the old text is gone
 * while articles of it stand in a new division (`§ 2` became `afdeling 2`, with new paragrafen in it).
 */
function regrouped(d: DiffNode): boolean {
  const weg = d.children.filter((c) => c.status === 'verwijderd' && isDivision(c) && citable(c))
  const erbij = d.children.filter((c) => c.status === 'toegevoegd' && isDivision(c) && citable(c))
  if (weg.length === 0 || erbij.length === 0) return false
  const nieuw = new Set(erbij.flatMap((c) => artikelenIn(c.nieuw as AnyNode).map(nodeNum)))
  return weg.some((c) => artikelenIn(c.oud as AnyNode).some((n) => nieuw.has(nodeNum(n))))
}

/** The articles in a tree or subtree, in the order of the text. */
function artikelenIn(node: AnyNode | Regeling): AnyNode[] {
  const out: AnyNode[] = []
  visit(node as never, (n: AnyNode) => {
    if (n.type !== 'artikel') return undefined
    out.push(n)
    return SKIP
  })
  return out
}

/** The divisions below a node (not in articles), in the order of the text. */
function delenIn(node: AnyNode): AnyNode[] {
  const out: AnyNode[] = []
  visit(node as never, (n: AnyNode) => {
    if (n.type === 'artikel') return SKIP
    if (n !== node && isDivision(n)) out.push(n)
    return undefined
  })
  return out
}

/**
 * A container whose divisions were regrouped, as a drafter writes it (Ar 5.x, the printed text as a
 * row of headings and articles): divisions that keep their first article are renumbered
 * (`Paragraaf 1 van hoofdstuk I wordt vernummerd tot afdeling 1.`) and get their new opschrift; a new
 * heading above an existing article is placed there (`Voor artikel 8 wordt ingevoegd: § 1. …`); an
 * empty division lapses; then the articles change, lapse or are inserted, and new divisions with
 * only new articles are inserted whole. Each instruction is tried on a copy as it is written, so
 * that it names the provisions as they are at that moment; anything else is left to the caller.
 */
function regroup(d: DiffNode, plaats: Plaats, state: State): void {
  const oudHolder = d.oud as AnyNode
  const nieuwHolder = d.nieuw as AnyNode
  const oudT = flatten(oudHolder)
  const nieuwT = flatten(nieuwHolder)
  if (!oudT || !nieuwT)
    throw new Grof(`${plaatsWords(plaats)} anders is ingedeeld en er ook tekst buiten de artikelen staat`)
  const oudArts = oudT.filter((t) => t.kind === 'art') as Extract<Token, { kind: 'art' }>[]
  const nieuwArts = nieuwT.filter((t) => t.kind === 'art') as Extract<Token, { kind: 'art' }>[]
  const inNieuw = new Map(nieuwArts.map((t) => [t.num, t.node]))
  const inOud = new Map(oudArts.map((t) => [t.num, t.node]))
  const common = new Set(oudArts.filter((t) => inNieuw.has(t.num)).map((t) => t.num))
  const order = (ts: Extract<Token, { kind: 'art' }>[]) =>
    ts
      .filter((t) => common.has(t.num))
      .map((t) => t.num)
      .join(' ')
  if (order(oudArts) !== order(nieuwArts))
    throw new Grof(`in ${plaatsWords(plaats)} artikelen in de nieuwe indeling van plaats zijn veranderd`)
  for (const t of [...oudT, ...nieuwT]) if (t.kind === 'kop') Object.assign(t, spanOf(t.node, common))
  for (const t of oudArts)
    if (!common.has(t.num) && state.nieuwArtikelen.has(t.num))
      throw new Grof(
        `artikel ${t.num} naar een ander deel is verplaatst terwijl ${plaatsWords(plaats)} anders is ingedeeld`,
      )
  for (const t of nieuwArts)
    if (!common.has(t.num) && state.moved.has(t.num))
      throw new Grof(`artikel ${t.num} uit een ander deel komt terwijl ${plaatsWords(plaats)} anders is ingedeeld`)

  // The working copy: the container alone, in a regulation of its own, cited from the regulation down.
  const copy = structuredClone(oudHolder)
  const work: Regeling = { type: 'regeling', data: { meta: {} }, children: [copy as RegelingContent] }
  const boven = plaats.slice(0, -1)
  const cite = (node: AnyNode): Plaats => {
    const chain: Plaats = []
    visitParents(work as never, (n: AnyNode, ancestors: AnyNode[]) => {
      if (n !== node) return undefined
      for (const a of [...ancestors, n] as AnyNode[])
        if (isDivision(a) || a.type === 'bijlage') chain.push({ soort: a.type as Stap['soort'], num: nodeNum(a) })
      return false
    })
    return [...boven, ...chain]
  }
  const artikel = (num: string): AnyNode | undefined => {
    let hit: AnyNode | undefined
    visit(work as never, (n: AnyNode) => {
      if (n.type === 'artikel' && nodeNum(n) === num) hit = n
      return n.type === 'artikel' ? SKIP : undefined
    })
    return hit
  }
  const doe = (draftPlaats: Plaats, op: Operatie) => {
    try {
      applyOperatie(work, {
        ...op,
        ...('doel' in op ? { doel: local(op.doel) } : {}),
        ...('voor' in op && op.voor ? { voor: local(op.voor) } : {}),
        ...('na' in op && op.na ? { na: local(op.na) } : {}),
        ...('ouder' in op && op.ouder ? { ouder: local(op.ouder) } : {}),
        ...(op.soort === 'vervalt' ? { doelen: op.doelen.map(local) } : {}),
      } as Operatie)
    } catch (error) {
      if (!(error instanceof OpdrachtFout)) throw error
      throw new Grof(`de nieuwe indeling van ${plaatsWords(plaats)} niet op te schrijven was (${error.message})`)
    }
    state.drafts.push({ plaats: draftPlaats, ops: [op], check: () => true })
  }
  // In the working copy the container is at the top: citations there leave out what is above it.
  const local = (p: Plaats): Plaats => (p.length > 0 && p[0]?.soort === 'artikel' ? p : p.slice(boven.length))

  // A: divisions that keep their first article: renumbered, new opschrift; empty ones lapse.
  const koppen = (ts: Token[], start: string) =>
    ts.filter((t): t is Extract<Token, { kind: 'kop' }> => t.kind === 'kop' && t.start === start)
  const paired = new Map<AnyNode, AnyNode>()
  const ingevoegd: Array<Extract<Token, { kind: 'kop' }>> = []
  for (const s of common) {
    const lo = koppen(oudT, s)
    const ln = koppen(nieuwT, s)
    if (lo.length > ln.length)
      throw new Grof(`in ${plaatsWords(plaats)} een opschrift vervalt terwijl de artikelen eronder blijven`)
    for (const [i, o] of lo.entries()) paired.set(o.node, (ln[i] as Extract<Token, { kind: 'kop' }>).node)
    ingevoegd.push(...ln.slice(lo.length))
  }
  // Each division of the old text and its twin in the working copy.
  const copyOf = new Map<AnyNode, AnyNode>()
  const copyKoppen = delenIn(copy)
  for (const [i, o] of delenIn(oudHolder).entries()) copyOf.set(o, copyKoppen[i] as AnyNode)
  for (const t of oudT) {
    if (t.kind !== 'kop' || paired.has(t.node)) continue
    if (t.common)
      throw new Grof(`in ${plaatsWords(plaats)} een deel met artikelen die blijven niet bij een nieuw deel hoort`)
    const p = cite(copyOf.get(t.node) as AnyNode)
    doe(p, { soort: 'vervalt', doelen: [p] })
  }
  const renames: Array<[AnyNode, AnyNode]> = []
  for (const [o, n] of paired) renames.push([copyOf.get(o) as AnyNode, n])
  // In the order of the text, unless a new name is still taken by a division renamed later
  // (paragraaf 2 → paragraaf 3 while paragraaf 3 stands): then from the last to the first.
  const taken = renames.some(([c, n], i) =>
    renames.slice(i + 1).some(([c2]) => c2.type === n.type && nodeNum(c2) === nodeNum(n) && c2 !== c),
  )
  for (const [c, n] of taken ? [...renames].reverse() : renames) {
    if (c.type === n.type && nodeNum(c) === nodeNum(n)) continue
    const p = cite(c)
    doe(p, { soort: 'vernummeren', doel: p, naar: { soort: n.type as Stap['soort'], num: nodeNum(n) } })
  }
  for (const [c, n] of renames) {
    if (sameWords(headingOf(c), headingOf(n)) && labelOf(c) === labelOf(n)) continue
    const p = cite(c)
    doe(p, { soort: 'opschrift', doel: p, ...nieuwOpschrift(n) })
  }
  // B: new headings above an existing article.
  for (const t of nieuwT) {
    if (t.kind !== 'kop' || !ingevoegd.includes(t)) continue
    const voor: Plaats = [{ soort: 'artikel', num: t.start as string }]
    const { inhoud, nodes } = nieuwOpschrift(t.node)
    doe(voor, { soort: 'kop-invoegen', voor, inhoud, nodes })
  }
  // C: the articles, and new divisions that hold only new articles, in the order of the new text.
  const nieuwGepaard = new Set(paired.values())
  let vorige: string | undefined
  const skip = new Set<AnyNode>()
  const later: Array<Extract<Token, { kind: 'kop' }>> = []
  for (const t of nieuwT) {
    if (skip.has(t.node)) continue
    if (t.kind === 'kop') {
      if (ingevoegd.includes(t) || nieuwGepaard.has(t.node)) continue
      if (t.common) {
        later.push(t)
        continue
      }
      // A new division with only new articles: inserted whole, after the article before it.
      visit(t.node as never, (n: AnyNode) => {
        skip.add(n)
      })
      const nodes = [t.node]
      const where = vorige !== undefined ? { na: [{ soort: 'artikel', num: vorige }] as Plaats } : undefined
      if (!where) throw new Grof(`een nieuw deel aan het begin van ${plaatsWords(plaats)} staat`)
      const op: Operatie = { soort: 'invoegen', wat: t.node.type, ouder: plaats, ...where, ...nieuweTekst(nodes) }
      doe(where.na, op)
      const laatste = artikelenIn(t.node).pop()
      if (laatste) vorige = nodeNum(laatste)
      continue
    }
    const oud = inOud.get(t.num)
    if (oud) {
      if (!sameBepalingen(oud, t.node)) {
        const diff = diffArtikel(oud, t.node)
        if (!diff) throw new Grof(`artikel ${t.num} niet te vergelijken was`)
        changedArtikel(diff, [{ soort: 'artikel', num: t.num }], state)
      }
    } else {
      const where: { na?: Plaats; voor?: Plaats } =
        vorige !== undefined
          ? { na: [{ soort: 'artikel', num: vorige }] }
          : { voor: [{ soort: 'artikel', num: nieuwArts.find((a) => common.has(a.num))?.num as string }] }
      const p: Plaats = [{ soort: 'artikel', num: t.num }]
      doe(p, { soort: 'invoegen', wat: 'artikel', ouder: plaats, ...where, ...nieuweTekst([t.node]) })
    }
    vorige = t.num
  }
  // Removed articles lapse.
  for (const t of oudArts) {
    if (common.has(t.num) || !artikel(t.num)) continue
    const p: Plaats = [{ soort: 'artikel', num: t.num }]
    doe(p, { soort: 'vervalt', doelen: [p] })
  }
  // D: new headings above a new article, with existing articles further on.
  for (const t of later) {
    const voor: Plaats = [{ soort: 'artikel', num: t.start as string }]
    const { inhoud, nodes } = nieuwOpschrift(t.node)
    doe(voor, { soort: 'kop-invoegen', voor, inhoud, nodes })
  }
}

/** The heading of a division or bijlage, then what is in it. */
function changedContainerParts(d: DiffNode, plaats: Plaats, state: State): void {
  const nieuw = d.nieuw as AnyNode
  const oud = d.oud as AnyNode
  if (!sameWords(headingOf(oud), headingOf(nieuw)) || labelOf(oud) !== labelOf(nieuw)) {
    state.drafts.push({
      plaats,
      ops: [{ soort: 'opschrift', doel: plaats, ...nieuwOpschrift(nieuw) }],
      check: (w) => {
        const n = nodeAt(w, plaats)
        return n !== undefined && sameWords(headingOf(n), headingOf(nieuw)) && labelOf(n) === labelOf(nieuw)
      },
    })
  }
  if (isDivision(d) && regrouped(d)) regroup(d, plaats, state)
  else container(d.children, plaats, state)
}

/** Running text, numbers and headings are described with their provision, never in a container. */
const notInContainer: ChangedRule = (d) => {
  throw new Error(`amend: a \`${d.type}\` node stands as a provision in a container`)
}

/**
 * Per node type, how a change to it is described when it stands in a container: a new type must be
 * decided on here. Items, the regulation and an artikeltoelichting do not stand there in a parsed
 * tree; should one, it is taken as a container (its heading, then what is in it).
 */
const CHANGED: Record<RegelingType, ChangedRule> = {
  regeling: changedContainer,
  opschrift: changedSingleton,
  aanhef: changedSingleton,
  titel: changedContainer,
  hoofdstuk: changedContainer,
  afdeling: changedContainer,
  paragraaf: changedContainer,
  artikel: changedArtikel,
  lid: changedContainer,
  onderdeel: changedContainer,
  subonderdeel: changedContainer,
  alinea: notInContainer,
  blok: notInContainer,
  tabel: notInContainer,
  tabelrij: notInContainer,
  tabelcel: notInContainer,
  kop: notInContainer,
  ondertekening: changedSingleton,
  toelichting: changedSingleton,
  artikeltoelichting: changedContainer,
  bijlage: changedContainer,
  nummer: notInContainer,
  koptekst: notInContainer,
}

/** The aanhef, ondertekening, opschrift or toelichting: words when possible, else the whole. */
function singletonOps(d: DiffNode, plaats: Plaats): Operatie[] {
  const whole: Operatie = { soort: 'komt-te-luiden', doel: plaats, ...nieuweTekst([d.nieuw as AnyNode]) }
  const texts: DiffNode[] = []
  const collect = (n: DiffNode): boolean => {
    if (n.status === 'toegevoegd' || n.status === 'verwijderd') return false
    if (isTekst(n) || n.type === 'opschrift') {
      if (n.status !== 'gelijk') texts.push(n)
      return true
    }
    if (!sameWords(n.oud && headingOf(n.oud), n.nieuw && headingOf(n.nieuw))) return false
    return n.children.every(collect)
  }
  if (d.type === 'opschrift') texts.push(d)
  else if (!d.children.every(collect)) return [whole]
  try {
    const vervangingen: Vervanging[] = []
    const tabellen: Operatie[] = []
    for (const t of texts) {
      if (t.type !== 'tabel') vervangingen.push(...wordReplacements(t, d.oud as AnyNode))
      else {
        // "De tabel in bijlage I komt te luiden:" (circulaire BZK BWBR0027067, onder L and M).
        const cellen = tabelWoorden(t, d.oud as AnyNode)
        if (cellen) vervangingen.push(...cellen)
        else tabellen.push(tabelOp(t, d, [], plaats))
      }
    }
    const ops: Operatie[] = vervangingen.length > 0 ? [{ soort: 'woorden', doel: plaats, vervangingen }] : []
    ops.push(...tabellen)
    return ops.length > 0 ? ops : [whole]
  } catch (error) {
    if (error instanceof Grof) return [whole]
    throw error
  }
}

// ---- redactionele bijwerking ------------------------------------------------------------------------

/**
 * How a besluit names a node of each type: `top` only at the top of the regulation (`de aanhef`),
 * `eigen` on its own (`artikel 5`: article numbers are unique), `onder` below its parent (`artikel 5,
 * tweede lid`), `geen` not at all. A new type must be decided on here.
 */
const NAAMGEVING = {
  regeling: 'geen',
  opschrift: 'top',
  aanhef: 'top',
  titel: 'onder',
  hoofdstuk: 'onder',
  afdeling: 'onder',
  paragraaf: 'onder',
  artikel: 'eigen',
  lid: 'onder',
  onderdeel: 'onder',
  subonderdeel: 'onder',
  alinea: 'geen',
  blok: 'geen',
  tabel: 'geen',
  tabelrij: 'geen',
  tabelcel: 'geen',
  kop: 'geen',
  ondertekening: 'top',
  toelichting: 'top',
  artikeltoelichting: 'geen',
  bijlage: 'eigen',
  nummer: 'geen',
  koptekst: 'geen',
} as const satisfies Record<RegelingType, 'top' | 'eigen' | 'onder' | 'geen'>

/** The place of a node below `ouder` as a besluit names it, or undefined when it has no name. */
function naam(node: AnyNode, ouder: Plaats): Plaats | undefined {
  const naamgeving = NAAMGEVING[node.type]
  if (naamgeving === 'top') return ouder.length === 0 ? [{ soort: node.type as StapSoort }] : undefined
  if (naamgeving === 'geen') return undefined
  const num = nodeNum(node)
  if (!num || num === '-') return undefined
  const s: Stap = { soort: node.type as StapSoort, num }
  return naamgeving === 'eigen' ? [s] : [...ouder, s]
}

/**
 * The smallest named units that still differ once every instruction is carried out: their provisions
 * have the same words (checked before), so what differs is opmaak (links, nadruk, line breaks) or a
 * consolidator's note in a hoofdstuk or paragraaf. A unit whose own text (heading, alinea's, tables)
 * differs is taken whole, else its named parts are looked at; text outside every named unit makes
 * the regulation itself the unit.
 */
function redactioneleUnits(w: Regeling, n: Regeling): Plaats[] {
  const out: Plaats[] = []
  // A part that occurs twice at the top (two aanhef blocks) has no name of its own.
  const types: string[] = n.children.map((c) => c.type)
  const twice = new Set(types.filter((t, i) => isSingleton({ type: t }) && types.indexOf(t) !== i))
  const naamVan = (node: AnyNode, ouder: Plaats) => (twice.has(node.type) ? undefined : naam(node, ouder))
  const kidsOf = (x: AnyNode): readonly AnyNode[] => (isTekst(x) ? [] : (contentOf(x) as AnyNode[]))
  // Hand-written: it walks the two trees in step (child i of one against child i of the other); a
  // visitor goes through one tree.
  const walk = (a: AnyNode, b: AnyNode, plaats: Plaats) => {
    const ka = kidsOf(a)
    const kb = kidsOf(b)
    const own =
      !sameText(headingOf(a), headingOf(b)) ||
      labelOf(a) !== labelOf(b) ||
      ka.length !== kb.length ||
      isTekst(a) ||
      ka.some((c, i) => !sameText(c, kb[i]) && !naamVan(kb[i] as AnyNode, plaats))
    if (own) {
      out.push(plaats)
      return
    }
    ka.forEach((c, i) => {
      const d = kb[i] as AnyNode
      if (!sameText(c, d)) walk(c, d, naamVan(d, plaats) as Plaats)
    })
  }
  walk(w, n, [])
  return out
}

// ---- the besluit -----------------------------------------------------------------------------------

function sideTree(tree: DiffNode, meta: Record<string, unknown>, side: 'oud' | 'nieuw'): Regeling {
  const skip = side === 'oud' ? 'toegevoegd' : 'verwijderd'
  const children = tree.children.filter((c) => c.status !== skip).map((c) => c[side]) as Regeling['children']
  return assignIds({ type: 'regeling', data: { meta }, children: structuredClone(children) })
}

const HET_WOORDEN = /(besluit|statuut|reglement|plan|protocol|convenant|akkoord|wetboek|verdrag)$/i

/** `het` for a Besluit, Statuut, Reglement (the head noun of the title's first two words), else `de`. */
export function lidwoordVan(citeertitel: string): 'de' | 'het' {
  const words = citeertitel.split(/\s+/).slice(0, 2)
  return words.some((w) => HET_WOORDEN.test(w.replace(/[^\p{L}]/gu, ''))) ? 'het' : 'de'
}

function str(v: unknown): string | undefined {
  if (v instanceof Date) return v.toISOString().slice(0, 10)
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined
}

/** The sentence of ARTIKEL II. */
export function artikelIITekst(inwerkingtreding?: string, terugwerkendeKracht?: string): string {
  const when = inwerkingtreding
    ? `met ingang van ${formatDutchDate(inwerkingtreding)}`
    : 'met ingang van de dag na die van de bekendmaking'
  const back = terugwerkendeKracht ? ` en werkt terug tot en met ${formatDutchDate(terugwerkendeKracht)}` : ''
  return `Dit besluit treedt in werking ${when}${back}.`
}

function run(old: Regeling, drafts: Draft[]): { ok: boolean; replaced: string[]; failed?: Plaats } {
  const replaced: string[] = []
  for (const draft of drafts) {
    const snapshot = draft.whole ? structuredClone(old.children) : undefined
    const attempt = (ops: Operatie[]) => {
      try {
        for (const op of ops) applyOperatie(old, op)
        return draft.check(old)
      } catch (error) {
        if (error instanceof OpdrachtFout) return false
        throw error
      }
    }
    if (attempt(draft.ops)) continue
    if (!draft.whole || !snapshot) return { ok: false, replaced, failed: draft.plaats }
    old.children = snapshot
    const whole = draft.whole()
    draft.ops = [whole]
    replaced.push(plaatsWords(draft.plaats))
    if (!attempt(draft.ops)) return { ok: false, replaced, failed: draft.plaats }
  }
  return { ok: true, replaced }
}

/**
 * The wijzigingsbesluit that turns the old version of a diff into the new one.
 *
 * ```ts
 * const diff = diffRegelingen(oud, nieuw)
 * const besluit = generateAmendment(diff, { inwerkingtreding: '2016-01-01' })
 * const markdown = renderAmendmentMarkdown(besluit)
 * ```
 *
 * The result is plain data (`Wijzigingsbesluit`): ARTIKEL I with items `A`, `B`, … each holding
 * one instruction or several numbered ones (`tekst`, the new text in `inhoud` as regulation
 * Markdown, and the `operatie` it stands for), and ARTIKEL II with the inwerkingtreding and any
 * terugwerkende kracht. `applyAmendment(oud, besluit)` gives the new version back exactly; the
 * generator checks this for every item while it works (see `grofheid`).
 */
export function generateAmendment(diff: DiffResult, options: AmendmentOptions = {}): Wijzigingsbesluit {
  const meta = diff.nieuwMeta
  const citeertitel = options.citeertitel ?? str(meta.citeertitel) ?? str(diff.oudMeta.citeertitel) ?? 'regeling'
  const lidwoord = options.lidwoord ?? lidwoordVan(citeertitel)
  const inwerkingtreding = options.inwerkingtreding ?? str(meta.inwerkingtreding)
  const terugwerkendeKracht = options.terugwerkendeKracht ?? str(meta['terugwerkende-kracht'])
  for (const [name, value] of [
    ['inwerkingtreding', inwerkingtreding],
    ['terugwerkendeKracht', terugwerkendeKracht],
  ] as const)
    if (value !== undefined && !isIsoDate(value))
      throw new TypeError(`generateAmendment: ${name} moet een datum JJJJ-MM-DD zijn, niet \`${value}\``)
  const work = options.work ?? str(meta.work) ?? str(diff.oudMeta.work)

  const oud = sideTree(diff.tree, diff.oudMeta, 'oud')
  const nieuw = sideTree(diff.tree, meta, 'nieuw')
  const nieuwArtikelen = new Set<string>()
  const moved = new Map<string, DiffNode>()
  visit(diff.tree, (d) => {
    if (d.type === 'artikel' && d.status !== 'verwijderd') nieuwArtikelen.add(numOf(d, 'nieuw'))
    if (d.type === 'artikel' && d.status === 'verwijderd') moved.set(numOf(d, 'oud'), d)
    return d.type === 'toelichting' ? SKIP : undefined
  })
  for (const key of [...moved.keys()]) if (!nieuwArtikelen.has(key)) moved.delete(key)

  const state: State = { drafts: [], later: [], oud, nieuw, nieuwArtikelen, moved, hele: [] }
  let grofheid: Grofheid = 'fijn'
  let geheelVervangen: string[] = []
  let drafts: Draft[]
  let redactioneel: Opdracht[] = []
  let reden: string | undefined
  try {
    // A new indeling moves articles into new divisions: they count as kept as their words are.
    let share = behouden(diff.tree)
    if (share < GEHEEL_ONDER) share = Math.max(share, artikelenBehouden(oud, nieuw))
    if (share < GEHEEL_ONDER) {
      reden = `maar ${Math.round(share * 100)}% van de oude tekst ongewijzigd is gebleven; de regeling is bijna geheel anders`
      throw new Grof(reden)
    }
    container(diff.tree.children, [], state)
    drafts = [...state.drafts, ...state.later]
    const work0 = structuredClone(oud)
    const result = run(work0, drafts)
    geheelVervangen = [...state.hele, ...result.replaced]
    if (!result.ok)
      throw new Grof(
        `de opdracht voor ${plaatsWords(result.failed ?? [])} de nieuwe tekst van die bepaling niet precies gaf`,
      )
    if (!sameBepalingen(work0.children, nieuw.children))
      throw new Grof('na alle opdrachten de tekst nog afweek van de nieuwe versie')
    redactioneel = redactioneleUnits(work0, nieuw).map((plaats) => {
      const inhoud =
        plaats.length === 0
          ? formatRegeling({ ...nieuw, data: { meta: {} } }).replace(/\n+$/, '')
          : renderInhoud(nodeAt(nieuw, plaats) as AnyNode)
      const operatie: Operatie = { soort: 'komt-te-luiden', doel: plaats, inhoud }
      try {
        applyRedactioneel(work0, operatie)
      } catch (error) {
        if (!(error instanceof OpdrachtFout)) throw error
        throw refusal(error, plaats, nieuw)
      }
      return { tekst: `Weergave van ${plaatsWords(plaats)}:`, inhoud, operatie }
    })
    if (!sameText(work0.children, nieuw.children))
      throw new Grof('na alle opdrachten en de redactionele bijwerking de opmaak nog afweek van de nieuwe versie')
    if (geheelVervangen.length > 0) grofheid = 'artikel'
  } catch (error) {
    if (!(error instanceof Grof)) throw error
    reden ??= error.message
    grofheid = 'regeling'
    redactioneel = []
    geheelVervangen = ['de regeling']
    drafts = [{ plaats: [], ops: [{ soort: 'komt-te-luiden', doel: [], ...nieuweRegeling(nieuw) }], check: () => true }]
  }
  return {
    citeertitel,
    ...(work !== undefined ? { work } : {}),
    opschrift: `Besluit tot wijziging van ${lidwoord} ${citeertitel}`,
    artikelI: {
      aanhef: `${capital(lidwoord)} ${citeertitel} wordt als volgt gewijzigd:`,
      items: toItems(mergeDeletions(drafts)),
    },
    artikelII: {
      tekst: artikelIITekst(inwerkingtreding, terugwerkendeKracht),
      ...(inwerkingtreding !== undefined ? { inwerkingtreding } : {}),
      ...(terugwerkendeKracht !== undefined ? { terugwerkendeKracht } : {}),
    },
    grofheid,
    ...(reden !== undefined ? { reden } : {}),
    geheelVervangen,
    redactioneel,
  }
}

/** The refusal for a redactionele bijwerking at `plaats` that `applyRedactioneel` turned down. */
function refusal(error: OpdrachtFout, plaats: Plaats, nieuw: Regeling): AmendmentRefusal {
  const waar = plaatsWords(plaats)
  const start = plaats.length === 0 ? undefined : nodeAt(nieuw, plaats)?.position?.start
  const reden = /komt \d+ keer voor/.test(error.message)
    ? `${error.message}. Geef elke bepaling een eigen nummer en maak het besluit opnieuw`
    : `De opmaak van ${waar} is niet als redactionele bijwerking te beschrijven (${lowerFirst(error.message)}). Maak de opmaak van ${waar} (verwijzingen als link, nadruk, regeleinden) in beide versies gelijk en maak het besluit opnieuw`
  return new AmendmentRefusal(
    `Het wijzigingsbesluit kan niet worden gemaakt: ${lowerFirst(reden)}`,
    waar,
    start ? { line: start.line, column: start.column } : undefined,
  )
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1)
}

/** Adjacent items that each repeal one article become one: `De artikelen 5 en 6 vervallen.` */
function mergeDeletions(drafts: Draft[]): Draft[] {
  const out: Draft[] = []
  const isRepeal = (d: Draft | undefined) => {
    const op = d?.ops[0]
    return (
      d?.ops.length === 1 &&
      op?.soort === 'vervalt' &&
      !op.vernummering &&
      !op.slotPunt &&
      op.doelen.every((p) => p.length === 1 && p[0]?.soort === 'artikel')
    )
  }
  for (const d of drafts) {
    const last = out[out.length - 1]
    if (isRepeal(d) && isRepeal(last)) {
      const a = last?.ops[0] as Extract<Operatie, { soort: 'vervalt' }>
      const b = d.ops[0] as Extract<Operatie, { soort: 'vervalt' }>
      ;(last as Draft).ops = [{ soort: 'vervalt', doelen: [...a.doelen, ...b.doelen] }]
    } else out.push({ ...d, ops: [...d.ops] })
  }
  return out
}

function toItems(drafts: Draft[]): WijzigingsItem[] {
  return drafts.map((d, i) => {
    const several = d.ops.length > 1
    const rel = several ? d.plaats : []
    const opdrachten: Opdracht[] = d.ops.map((op, k) => {
      // A new title given inline (`komt te luiden: „…”.`) has no new text after the sentence.
      const inline = op.soort === 'opschrift' && op.titel !== undefined
      const vervalt = op.soort === 'opschrift' && op.inhoud === '' && !inline
      const o: Opdracht = { tekst: sentence(op, rel, vervalt), operatie: op }
      if (several) o.nummer = String(k + 1)
      if (
        (op.soort === 'komt-te-luiden' ||
          op.soort === 'invoegen' ||
          op.soort === 'opschrift' ||
          op.soort === 'kop-invoegen' ||
          op.soort === 'tabel') &&
        !vervalt &&
        !inline
      ) {
        o.inhoud = op.inhoud
        if (op.nodes) o.nieuw = nieuweTekstModel(op.nodes)
      }
      return o
    })
    const item: WijzigingsItem = { letter: itemLetter(i), betreft: betreftVan(d), opdrachten }
    if (several) item.aanhef = `${capital(plaatsWords(d.plaats))} wordt als volgt gewijzigd:`
    return item
  })
}

/** The new text as data for renderers: its nodes, and the aligned tree they draw. */
function nieuweTekstModel(nodes: InhoudNode[]): NieuweTekst {
  const regeling: Regeling = { type: 'regeling', data: { meta: {} }, children: nodes as Regeling['children'] }
  return { nodes, weergave: unchangedTree(regeling) }
}

function betreftVan(d: Draft): string {
  const op = d.ops[0]
  if (op?.soort === 'vervalt' && op.doelen.length > 1) return op.doelen.map((p) => plaatsWords(p)).join(', ')
  return plaatsWords(d.plaats)
}
