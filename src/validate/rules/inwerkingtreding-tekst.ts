import type { Point } from 'unist'
import { numOf } from '../../model/access.js'
import type { Alinea, Artikel } from '../../model/nodes.js'
import { DUTCH_MONTHS, dutchWordsToIso, formatDutchDate, isIsoDate } from '../../util/dates.js'
import { waarschuwing } from '../../util/messages.js'
import { plainText, pointIn, type Source, sourceOf } from '../text.js'
import { articleScopes, childrenOf, type Node, startOf } from '../tree.js'
import type { Rule, RuleContext } from '../types.js'

const ID = 'inwerkingtreding-tekst'

const DATE = String.raw`(\d{1,2}(?:e|ste)?\s+(?:${DUTCH_MONTHS.join('|')})\s+\d{4})`
const VIA = String.raw`(?:met ingang van|op|per)\s+(?:de\s+datum\s+van\s+)?`
/** `treedt in werking met ingang van 1 januari 2013`, `in werking treedt op 1 juli 2015`. */
const ENTRY = new RegExp(
  String.raw`(?:(?:treedt|treden)\s+in\s+werking|in\s+werking\s+(?:treedt|treden))\s+${VIA}${DATE}`,
  'giu',
)
/** `werkt terug tot en met 1 januari 2013`; `wordt geacht in werking te zijn getreden op ...` (Ar 5.63: avoid). */
const RETRO = new RegExp(
  String.raw`(?:werkt|werken)\s+terug\s+tot\s+en\s+met\s+${DATE}|(wordt|worden)\s+geacht\s+in\s+werking\s+te\s+zijn\s+getreden\s+${VIA}${DATE}`,
  'giu',
)
/** The statement is about a part only: `Artikel 5 treedt in werking op ...`. */
const PART =
  /(?<![\p{L}])(?:artikel|artikelen|hoofdstuk|afdeling|paragraaf|onderdeel|onderdelen|lid|leden)(?![\p{L}])/iu

interface Statement {
  kind: 'inwerkingtreding' | 'terugwerking'
  iso: string
  /** As written in the text. */
  written: string
  place: Point | undefined
  /** Written as "wordt geacht in werking te zijn getreden" (Ar 5.63). */
  geacht: boolean
}

/**
 * The text states a date of entry into force (or of retroactive effect) that the front-matter
 * does not have: `treedt in werking met ingang van 1 januari 2013` against `inwerkingtreding:
 * 2013-01-03`. An earlier text date is retroactivity, which belongs in `terugwerkende-kracht`.
 */
export const inwerkingtredingTekst: Rule = {
  id: ID,
  description: 'De tekst noemt een andere datum van inwerkingtreding dan de front-matter',
  run(ctx) {
    const meta = datesOf(ctx.frontMatter.data)
    if (!meta.inwerkingtreding) return
    const source = sourceOf(ctx.frontMatter)
    for (const artikel of articleScopes(ctx.tree)[0] ?? []) {
      for (const statement of statementsIn(artikel, source)) check(ctx, artikel, statement, meta)
    }
  },
}

interface MetaDates {
  inwerkingtreding: string | undefined
  terugwerkendeKracht: string | undefined
}

function datesOf(data: Record<string, unknown>): MetaDates {
  const valid = (v: unknown) => (typeof v === 'string' && isIsoDate(v.trim()) ? v.trim() : undefined)
  return { inwerkingtreding: valid(data.inwerkingtreding), terugwerkendeKracht: valid(data['terugwerkende-kracht']) }
}

function check(ctx: RuleContext, artikel: Artikel, s: Statement, meta: MetaDates): void {
  // A later version keeps the slotbepaling of the regulation: it names the first version's date.
  if (ctx.firstVersion && s.iso === ctx.firstVersion.from) return
  const message = s.kind === 'inwerkingtreding' ? entryMessage(artikel, s, meta) : retroMessage(artikel, s, meta)
  if (message) waarschuwing(ctx.file, message, s.place, ID)
}

function entryMessage(artikel: Artikel, s: Statement, meta: MetaDates): string | undefined {
  const fm = meta.inwerkingtreding as string
  if (s.iso === fm || (s.iso < fm && s.iso === meta.terugwerkendeKracht)) return undefined
  const said = `Artikel \`${numOf(artikel)}\` noemt als datum van inwerkingtreding \`${s.written}\`, maar de front-matter heeft \`inwerkingtreding: ${fm}\``
  if (s.iso > fm) {
    return `${said}; pas \`inwerkingtreding\` aan naar \`${s.iso}\` of verbeter de datum in de tekst`
  }
  const other = meta.terugwerkendeKracht ? ` in plaats van \`terugwerkende-kracht: ${meta.terugwerkendeKracht}\`` : ''
  return `${said}; werkt de regeling terug, zet dan \`terugwerkende-kracht: ${s.iso}\`${other} in de front-matter (Ar 5.63: niet "wordt geacht in werking te zijn getreden")`
}

function retroMessage(artikel: Artikel, s: Statement, meta: MetaDates): string | undefined {
  if (s.iso === meta.terugwerkendeKracht) return undefined
  const has = meta.terugwerkendeKracht
    ? `\`terugwerkende-kracht: ${meta.terugwerkendeKracht}\``
    : 'geen `terugwerkende-kracht`'
  const ar = s.geacht ? '; schrijf in de tekst "werkt terug tot en met" (Ar 5.63)' : ''
  return `Artikel \`${numOf(artikel)}\` laat de regeling terugwerken tot en met \`${s.written}\`, maar de front-matter heeft ${has}; zet \`terugwerkende-kracht: ${s.iso}\`${ar}`
}

/** Statements about the whole regulation's entry into force in the paragraphs of an article. */
function statementsIn(artikel: Artikel, source: Source): Statement[] {
  const out: Statement[] = []
  for (const alinea of alineasIn(artikel)) {
    const plain = plainText(alinea.children, source)
    const at = (index: number) => pointIn(plain, index, source, startOf(alinea))
    for (const m of plain.text.matchAll(ENTRY)) {
      if (!aboutWhole(plain.text, m.index)) continue
      out.push(statement('inwerkingtreding', m[1] as string, at(sentenceStart(plain.text, m.index)), false))
    }
    for (const m of plain.text.matchAll(RETRO)) {
      const written = (m[1] ?? m[3]) as string
      out.push(statement('terugwerking', written, at(sentenceStart(plain.text, m.index)), m[2] !== undefined))
    }
  }
  return out.filter((s) => s.iso !== '')
}

function statement(kind: Statement['kind'], written: string, place: Point | undefined, geacht: boolean): Statement {
  const iso = dutchWordsToIso(written.replace(/\s+/g, ' ')) ?? ''
  return { kind, iso, written: iso ? formatDutchDate(iso) : written, place, geacht }
}

function alineasIn(node: Node): Alinea[] {
  if (node.type === 'alinea') return [node]
  return childrenOf(node).flatMap(alineasIn)
}

/** Index of the first character of the sentence that contains `index` (after a lid number `1.`). */
function sentenceStart(text: string, index: number): number {
  let start = 0
  for (const m of text.slice(0, index).matchAll(/[.;:!?](?=\s)|\n/gu)) start = m.index + m[0].length
  while (start < index && /\s/u.test(text.charAt(start))) start++
  return start
}

/** Whether the sentence before the verb names no part (article, chapter) of the regulation. */
function aboutWhole(text: string, index: number): boolean {
  return !PART.test(text.slice(sentenceStart(text, index), index))
}
