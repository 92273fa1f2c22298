/**
 * Read a wijzigingsbesluit or ledenbrief into operations. Accepts what `renderAmendmentMarkdown`
 * writes (instructions as paragraphs, new text as a block quote) and the looser forms of real
 * texts: Staatsblad/Staatscourant excerpts (`A` on a line of its own, `1. Onderdeel c van het
 * eerste lid komt te luiden:` followed by the new text, `«x» vervangen door: y.`) and LOGA
 * ledenbrieven (`A. Met ingang van 1 september 2015 wordt artikel 1:2c toegevoegd. Dit artikel komt
 * als volgt te luiden:` followed by bold headings and the article text).
 *
 * Sentences that look like instructions but cannot be read become `fout` messages on the file,
 * with their line and column; they are never skipped silently.
 */

import { toString as mdastToString } from 'mdast-util-to-string'
import type { VFile } from 'vfile'
import type { Operatie, Plaats, Stap, StapSoort, Vernummering, Vervanging } from '../model/amendment.js'
import { parseFrontMatter } from '../parse/frontmatter.js'
import { parseMarkdown } from '../parse/markdown.js'
import { dutchWordsToIso } from '../util/dates.js'
import { fout } from '../util/messages.js'
import {
  inContext,
  maskTitels,
  ordinalNumber,
  RANK,
  readNumberList,
  readPlaats,
  sameStap,
  unmaskTitels,
} from './citation.js'
import { CLOSERS } from './phrase.js'

/** One instruction as read, with where it stands. */
export interface GelezenOpdracht {
  /** `B.2`, `A`: the item letter and number as written. */
  label: string
  /** The instruction as written (one line, without its new text). */
  tekst: string
  line: number
  column: number
  operatie: Operatie
  /**
   * The new text stops without the punctuation a provision ends with (`…outplacementbegeleiding;
   * binnen zes weken`). Whether the besluit is cut off is decided against the text it replaces
   * (`applyAmendment`): a provision that already ended that way may keep doing so.
   */
  afgebroken?: { slot: string; woord: boolean }
}

/** What an amendment document says. */
export interface GelezenWijziging {
  opdrachten: GelezenOpdracht[]
  /** From ARTIKEL II or "met ingang van" (ISO). */
  inwerkingtreding?: string
  terugwerkendeKracht?: string
  /** The front-matter of the document (soort, kenmerk, ondertekening, …). */
  meta: Record<string, unknown>
  /** How many sentences were taken as instructions (read or not): the denominator of reports. */
  aantal: number
  /** The unsigned "Redactionele bijwerking" (`Weergave van artikel 1, eerste lid:`), when there is one. */
  redactioneel?: GelezenOpdracht[]
  /** The regulation ARTIKEL I names (`De Arbeidstijdenwet wordt als volgt gewijzigd:`), with where. */
  regeling?: GenoemdeRegeling
  /** The regulation the opschrift names (`Besluit tot wijziging van de Arbeidstijdenwet`). */
  opschriftRegeling?: GenoemdeRegeling
}

/** A regulation named in the besluit, and where. */
export interface GenoemdeRegeling {
  naam: string
  line: number
  column: number
}

interface Block {
  kind: 'para' | 'quote'
  text: string
  line: number
  column: number
}

/** Paragraphs and block quotes of the body, with their first line and column. */
function blocks(body: string): Block[] {
  const out: Block[] = []
  const lines = body.split('\n')
  let cur: Block | undefined
  lines.forEach((raw, i) => {
    const quoted = /^\s*>/.test(raw)
    const blank = raw.trim() === ''
    if (blank) {
      if (cur?.kind === 'para') cur = undefined
      return
    }
    const kind = quoted ? 'quote' : 'para'
    const text = quoted ? raw.replace(/^\s*> ?/, '') : raw
    if (cur && cur.kind === kind && (kind === 'quote' || !quoted)) {
      cur.text += `\n${text}`
      return
    }
    if (cur?.kind === 'quote' && !quoted) cur = undefined
    cur = { kind, text, line: i + 1, column: raw.length - raw.trimStart().length + 1 }
    out.push(cur)
  })
  // A quote's blank lines (`>`) were kept as empty lines; a blank line without `>` ends it.
  return out
}

/** The letter after `letter`: `A` → `B`, `Z` → `AA`. */
function nextLetter(letter: string): string {
  if (letter === '') return 'A'
  const last = letter.charAt(letter.length - 1)
  if (last !== 'Z') return letter.slice(0, -1) + String.fromCharCode(last.charCodeAt(0) + 1)
  return 'A'.repeat(letter.length + 1)
}

const RUN_ON =
  /(?<=[.:;])\s+(?=([A-Z]{1,2})\.\s+(?:In|Artikel|Artikelen|Na|Aan|De|Het|Onder|Er|Voor|Bijlage|Hoofdstuk|Onderdeel)\b)/g

/**
 * Items written on one line, as some Staatsblad texts are reproduced (`Het … wordt als volgt
 * gewijzigd: A. In artikel 1 … B. Artikel 5 vervalt.`): inside ARTIKEL I such a paragraph is split
 * before each item letter, but only where the letters follow each other (A, B, C …), so that a
 * sentence that merely contains "A. " is left alone.
 */
function splitRunOn(list: Block[]): Block[] {
  const out: Block[] = []
  let inI = false
  let letter = ''
  for (const block of list) {
    const t = block.text.trim()
    const roman = block.kind === 'para' ? ARTIKEL_ROMAN.exec(t) : null
    if (roman) {
      inI = roman[1]?.toUpperCase() === 'I'
      letter = ''
    }
    const alone = block.kind === 'para' ? (ITEM_ALONE.exec(t) ?? ITEM_WITH_TEXT.exec(t)) : null
    if (alone) letter = alone[1] as string
    if (!inI || block.kind !== 'para' || roman) {
      out.push(block)
      continue
    }
    const cuts: number[] = []
    let expect = nextLetter(letter)
    for (const m of block.text.matchAll(RUN_ON)) {
      if (m[1] !== expect) continue
      cuts.push(m.index + m[0].length)
      letter = expect
      expect = nextLetter(letter)
    }
    if (cuts.length === 0) {
      out.push(block)
      continue
    }
    let from = 0
    for (const at of [...cuts, block.text.length]) {
      const piece = block.text.slice(from, at).trim()
      if (piece !== '') {
        const before = block.text.slice(0, from)
        const nl = before.lastIndexOf('\n')
        const lines = before.split('\n').length - 1
        const column = nl < 0 ? block.column + from : from - nl
        out.push({ kind: 'para', text: piece, line: block.line + lines, column })
      }
      from = at
    }
  }
  return out
}

const INSTRUCTION =
  /(kom(?:t|en) (?:als volgt )?te luiden|\bte luiden:|\bvervalt\b|\bvervallen\b|vervangen door|\bingevoegd\b|\btoegevoegd\b|wordt als volgt gewijzigd|wordt geplaatst|wordt vernummerd tot|\baanduiding\b.*\bgeplaatst\b|\bgeschrapt\b)/i
const STARTS =
  /^(?:In|Aan|Na|Voor|Onder|Het|De|Dit|Er|Artikel|Artikelen|Onderdeel|Onderdelen|Lid|Leden|Bijlage|Hoofdstuk|Afdeling|Paragraaf|Titel|Met ingang van)\b/i

/** Markdown inline source → plain text (`\*` → `*`). */
function plain(markdown: string): string {
  return mdastToString(parseMarkdown(markdown))
}

function clean(text: string): string {
  return plain(text.replace(/\s+/g, ' ').trim()).replace(/\s+/g, ' ')
}

const QUOTE_PAIRS: Readonly<Record<string, string>> = CLOSERS

interface Token {
  quoted: boolean
  text: string
}

/** Split a sentence (Markdown source) into quoted strings and the words between them. */
function tokens(source: string): Token[] | undefined {
  const out: Token[] = []
  let i = 0
  let words = ''
  while (i < source.length) {
    const ch = source.charAt(i)
    const closers = QUOTE_PAIRS[ch]
    // An apostrophe inside a word ('s, zo'n) is no quote.
    const isQuote = closers !== undefined && !(ch === "'" && /\p{L}/u.test(source.charAt(i - 1)))
    if (!isQuote) {
      words += ch
      i++
      continue
    }
    let j = i + 1
    while (j < source.length && !(closers as string).includes(source.charAt(j))) j++
    if (j >= source.length) return undefined
    if (words) out.push({ quoted: false, text: words })
    words = ''
    out.push({ quoted: true, text: source.slice(i + 1, j) })
    i = j + 1
  }
  if (words) out.push({ quoted: false, text: words })
  return out
}

/** `In artikel 5, tweede lid, wordt "x" vervangen door "y" en vervalt "z".` */
function readWords(source: string, context: Plaats): Operatie | string {
  const toks = tokens(source)
  if (!toks || toks.length < 2) return 'de aanhalingstekens sluiten niet'
  const head = toks[0] as Token
  const m = /^\s*in\s+(.+?),?\s+(wordt|worden|vervalt|vervallen)\b(.*)$/is.exec(head.text)
  if (head.quoted || !m) return 'niet te lezen als "In … wordt … vervangen door …"'
  let doel = withOpschrift(inContext(readPlaats(m[1] as string), context), m[1] as string)
  // "In artikel 2, eerste lid, wordt in het tweede gedachtestreepje „x” vervangen door „y”."
  const streepje = /^\s*in\s+(het\s+[a-zë]+\s+gedachtestreepje)\b,?/i.exec(m[3] as string)
  if (streepje) {
    const at = readPlaats(streepje[1] as string)
    if (at.length !== 1) return `niet te lezen welk gedachtestreepje "${streepje[1]}" is`
    doel = [...doel, ...at]
    m[3] = (m[3] as string).slice(streepje[0].length)
  }
  const resp = readRespectievelijk(toks.slice(1), m[2] as string, m[3] as string)
  if (resp !== undefined) return typeof resp === 'string' ? resp : { soort: 'woorden', doel, vervangingen: resp }
  // Re-tokenise the rest: verbs and quoted strings.
  const rest: Token[] = [{ quoted: false, text: ` ${m[2]}${m[3]}` }, ...toks.slice(1)]
  const vervangingen: Vervanging[] = []
  let verb = ''
  for (let k = 0; k < rest.length; k++) {
    const t = rest[k] as Token
    if (!t.quoted) {
      verb = t.text.replace(/\s+/g, ' ').toLowerCase()
      // "vervangen door: y." (older style): the unquoted rest is the new text.
      if (/vervangen door:\s*\S/.test(verb)) {
        const prev = vervangingen[vervangingen.length - 1]
        const tail = t.text.replace(/^[^:]*:\s*/, '').replace(/\.\s*$/, '')
        if (prev?.nieuw === '\u0000') prev.nieuw = tail
        else return 'niet te lezen: "vervangen door:" zonder te vervangen woorden'
      }
      continue
    }
    const next = rest[k + 1]
    const after = rest[k + 2]
    if (/(?:^|\s)(?:vervalt|vervallen)\s*$/.test(verb) || (/geschrapt/.test(next?.text ?? '') && !next?.quoted)) {
      vervangingen.push({ oud: plain(t.text), nieuw: '' })
      continue
    }
    if (/\b(?:na|voor)\s*$/.test(verb) && next && !next.quoted && /ingevoegd/.test(next.text) && after?.quoted) {
      const oud = plain(t.text)
      const toevoeging = after.text
      const na = /\bna\s*$/.test(verb)
      const nieuw = na ? `${t.text}${/^[,;:)]/.test(toevoeging) ? '' : ' '}${toevoeging}` : `${toevoeging} ${t.text}`
      vervangingen.push({ oud, nieuw })
      k += 2
      continue
    }
    if (next && !next.quoted && /vervangen door\s*$/.test(next.text.replace(/\s+/g, ' ')) && after?.quoted) {
      vervangingen.push({
        oud: plain(t.text),
        nieuw: after.text,
        ...(/telkens/.test(next.text) ? { telkens: true } : {}),
      })
      k += 2
      continue
    }
    if (next && !next.quoted && /vervangen door:/.test(next.text)) {
      vervangingen.push({
        oud: plain(t.text),
        nieuw: '\u0000',
        ...(/telkens/.test(next.text) ? { telkens: true } : {}),
      })
      continue
    }
    return `niet te lezen bij "${t.text}"`
  }
  if (vervangingen.length === 0 || vervangingen.some((v) => v.nieuw === '\u0000')) return 'geen vervanging gevonden'
  return { soort: 'woorden', doel, vervangingen }
}

/** `In het opschrift van artikel 5 wordt …`: the words are in the heading, not in the article. */
function withOpschrift(doel: Plaats, phrase: string): Plaats {
  if (!/\bopschrift\b/i.test(phrase) || doel.length === 0) return doel
  if ((doel[doel.length - 1] as Stap).soort === 'opschrift') return doel
  return [...doel, { soort: 'opschrift' }]
}

/**
 * `worden "a" en "b" vervangen door "c" respectievelijk "d"` (Ar 6.12): the quoted words before
 * `vervangen door` pair up with those after it, in order. Undefined when the sentence has no
 * `respectievelijk`.
 */
function readRespectievelijk(toks: Token[], verb: string, afterVerb: string): Vervanging[] | string | undefined {
  const words = toks.filter((t) => !t.quoted).map((t) => t.text.replace(/\s+/g, ' ').trim())
  if (!words.some((w) => /^respectievelijk$/i.test(w))) return undefined
  if (!/^(?:wordt|worden)$/i.test(verb) || afterVerb.trim() !== '')
    return 'niet te lezen als "worden … vervangen door … respectievelijk …"'
  const oud: string[] = []
  const nieuw: string[] = []
  let side = oud
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] as Token
    if (t.quoted) {
      side.push(t.text)
      continue
    }
    const w = t.text.replace(/\s+/g, ' ').trim().toLowerCase()
    if (side === oud && /^(?:telkens\s+)?vervangen door$/.test(w)) side = nieuw
    else if (side === oud && (w === ',' || w === 'en')) continue
    else if (side === nieuw && (w === ',' || w === 'respectievelijk' || w === ', respectievelijk')) continue
    else if (side === nieuw && i === toks.length - 1 && /^\.?$/.test(w)) continue
    else return `niet te lezen bij "${t.text.trim()}"`
  }
  if (oud.length < 2 || oud.length !== nieuw.length)
    return `er staan ${oud.length} te vervangen woordgroepen en ${nieuw.length} nieuwe; bij "respectievelijk" moeten dat er evenveel zijn`
  return oud.map((o, i) => ({ oud: plain(o), nieuw: nieuw[i] as string }))
}

const ZIN_NUM: Readonly<Record<string, number>> = {
  eerste: 1,
  tweede: 2,
  derde: 3,
  vierde: 4,
  vijfde: 5,
  zesde: 6,
  zevende: 7,
  achtste: 8,
  negende: 9,
  tiende: 10,
  laatste: -1,
}

/**
 * One sentence of a provision: `Artikel 5, tweede lid, tweede zin, komt te luiden: "…".`, `Het
 * vijfde lid, tweede zin, vervalt.`, `In artikel 5 vervalt de laatste volzin.`
 */
function readZin(source: string, plainText: string, context: Plaats): Operatie | string | undefined {
  const named =
    /^(.+?),?\s+(eerste|tweede|derde|vierde|vijfde|zesde|laatste)\s+(?:volzin|zin),?\s+(komt\s+te\s+luiden|vervalt)\b\s*(.*)$/i.exec(
      plainText,
    )
  const lapse =
    /^in\s+(.+?),?\s+vervalt\s+de\s+(eerste|tweede|derde|vierde|vijfde|zesde|laatste)\s+(?:volzin|zin)\.?$/i.exec(
      plainText,
    )
  if (!named && !lapse) {
    const range = readZinnen(source, plainText, context)
    if (range) return range
    if (/\b(?:volzin|zin)\b,?\s+(?:komt|vervalt)/i.test(plainText)) return 'niet te lezen welke zin wordt bedoeld'
    if (/\b(?:volzinnen|zinnen|volzin|zin)\b/i.test(plainText) && /\bte luiden\b|\bvervallen\b/i.test(plainText))
      return 'meer zinnen tegelijk kan regelwerk niet zeker tellen; geef per zin een opdracht ("Artikel 5, eerste lid, tweede zin, komt te luiden: …") of laat het lid als geheel luiden'
    return undefined
  }
  const phrase = ((named ?? lapse) as RegExpExecArray)[1] as string
  const doel = inContext(readPlaats(phrase), context)
  if (doel.length === 0) return `niet te lezen welke bepaling "${phrase}" is`
  const zin = ZIN_NUM[(((named ?? lapse) as RegExpExecArray)[2] as string).toLowerCase()] as number
  if (lapse || /^vervalt$/i.test((named as RegExpExecArray)[3] as string)) {
    if (named && (named[4] as string).trim() !== '' && (named[4] as string).trim() !== '.')
      return `niet te lezen na "vervalt": "${(named[4] as string).trim()}"`
    return { soort: 'woorden', doel, vervangingen: [{ oud: '', nieuw: '', zin }] }
  }
  const m = /luiden\s*:\s*(.*)$/is.exec(source)
  let tekst = (m?.[1] ?? '').trim()
  const quoted = /^["„“‘«](.*)["”’»]\.?$/s.exec(tekst)
  if (quoted) tekst = quoted[1] as string
  if (tekst === '') return 'de nieuwe zin ontbreekt: geef haar na "te luiden:" op dezelfde regel'
  return { soort: 'woorden', doel, vervangingen: [{ oud: '', nieuw: tekst, zin }] }
}

const ORD = '(eerste|tweede|derde|vierde|vijfde|zesde|zevende|achtste|negende|tiende)'

/** Operations whose new text follows in the next paragraphs (`komen de tweede en derde volzin te luiden:`). */
const TEXT_FOLLOWS = new WeakSet<Operatie>()

/**
 * Consecutive sentences of one provision: `In het eerste lid komen de tweede en derde volzin te
 * luiden:` (Stb. 1995, 250, ARTIKEL I onder C.1), `De tweede tot en met de vierde volzin van
 * artikel 5 vervallen.`, `In artikel 5 vervallen de tweede en derde zin.` Two ordinals joined by
 * "en" must be neighbours; the new text follows the colon, on the same line or in the next paragraphs.
 */
function readZinnen(source: string, plainText: string, context: Plaats): Operatie | string | undefined {
  const zinnen = `de\\s+${ORD}\\s+(en|tot\\s+en\\s+met(?:\\s+de)?)\\s+${ORD}\\s+(?:volzin|zin|volzinnen|zinnen)`
  const verb = '(komen\\s+te\\s+luiden|vervallen)'
  const a = new RegExp(`^in\\s+(.+?),?\\s+${verb}\\s+${zinnen}\\s*(.*)$`, 'i').exec(plainText)
  const b = new RegExp(`^in\\s+(.+?),?\\s+${zinnen}\\s+${verb}\\s*(.*)$`, 'i').exec(plainText)
  const c = new RegExp(`^${zinnen}\\s+van\\s+(.+?),?\\s+${verb}\\s*(.*)$`, 'i').exec(plainText)
  // "In het eerste lid komen de tweede en derde volzin te luiden:" (the verb around the sentences)
  const d = new RegExp(`^in\\s+(.+?),?\\s+komen\\s+${zinnen}\\s+te\\s+luiden\\b\\s*(.*)$`, 'i').exec(plainText)
  const parts = d
    ? { phrase: d[1], verbWords: 'komen te luiden', first: d[2], join: d[3], last: d[4] }
    : a
      ? { phrase: a[1], verbWords: a[2], first: a[3], join: a[4], last: a[5] }
      : b
        ? { phrase: b[1], first: b[2], join: b[3], last: b[4], verbWords: b[5] }
        : c
          ? { first: c[1], join: c[2], last: c[3], phrase: c[4], verbWords: c[5] }
          : undefined
  if (!parts) return undefined
  const { phrase, first, join, last, verbWords } = parts as Record<string, string>
  const doel = inContext(readPlaats(phrase as string), context)
  if (doel.length === 0) return `niet te lezen welke bepaling "${phrase}" is`
  const zin = ZIN_NUM[(first as string).toLowerCase()] as number
  const totZin = ZIN_NUM[(last as string).toLowerCase()] as number
  if (/^en$/i.test(join as string) ? totZin !== zin + 1 : totZin <= zin)
    return `"de ${first} ${join} ${last} volzin" noemt geen opeenvolgende zinnen; geef per zin een opdracht`
  if (/vervallen/i.test(verbWords as string))
    return { soort: 'woorden', doel, vervangingen: [{ oud: '', nieuw: '', zin, totZin }] }
  const m = /luiden\s*:\s*(.*)$/is.exec(source)
  let tekst = (m?.[1] ?? '').trim()
  const quoted = /^["„“‘«](.*)["”’»]\.?$/s.exec(tekst)
  if (quoted) tekst = quoted[1] as string
  const op: Operatie = { soort: 'woorden', doel, vervangingen: [{ oud: '', nieuw: tekst, zin, totZin }] }
  if (tekst === '') TEXT_FOLLOWS.add(op)
  return op
}

/**
 * `Het opschrift van artikel 5 komt te luiden:` (the heading follows), `Het opschrift komt te
 * luiden: Ontheffing` (Stb. 2006, 632), `Het opschrift van de paragraaf „…” komt te luiden: „…”.`,
 * `Het opschrift van … vervalt.` A new title given inline may stand between quotes.
 */
function readOpschrift(plainText: string, context: Plaats): Operatie | undefined {
  const opschrift = /^het opschrift(?:\s+van\s+(.+?))?\s+(komt te luiden|vervalt)\s*:?\s*(.*)$/i.exec(plainText)
  if (!opschrift) return undefined
  const doel = opschrift[1] ? inContext(readPlaats(opschrift[1]), context) : context
  if (doel.length === 0) return { soort: 'komt-te-luiden', doel: [{ soort: 'opschrift' }], inhoud: '' }
  if (/vervalt/i.test(opschrift[2] as string)) return { soort: 'opschrift', doel, inhoud: '' }
  let inline = (opschrift[3] as string).replace(/\.$/, '').trim()
  const quoted = /^["„“‘«](.*)["”’»“]$/s.exec(inline)
  if (quoted) inline = (quoted[1] as string).trim()
  return inline ? { soort: 'opschrift', doel, inhoud: '', titel: inline } : { soort: 'opschrift', doel, inhoud: '' }
}

/**
 * A table replaced whole, as the circulaire BZK BWBR0027067 writes it: `In artikel 16, eerste lid,
 * wordt de tabel vervangen door:` (onder H) and `De tabel in bijlage I komt te luiden:` (onder L,
 * M); also `In bijlage I komt de tabel te luiden:` and, in an item about the provision, `De tabel
 * komt te luiden:`. The new table follows. Any other sentence about a table (`In de bijlage komt
 * tabel I te luiden:`, `De in de bijlage opgenomen tabellen II en III vervallen.`) is refused: a
 * table has no number in the text, and `bijlage I` read from `De tabel in bijlage I vervalt` would
 * be the whole bijlage. Undefined when the words before the colon name no table.
 */
function readTabel(text: string, plainText: string, context: Plaats): Operatie | string | undefined {
  // The words outside quotes, before the colon that opens the new text ("Artikel 11 komt te
  // luiden: … overeenkomstig de tabel in bijlage I" speaks of a table only in its new text).
  const toks = tokens(text)
  const bare = toks ? toks.map((t) => (t.quoted ? '„…”' : t.text)).join('') : text
  const head = clean(bare).split(':')[0] ?? ''
  if (!/\btabel(?:len)?\b/i.test(head)) return undefined
  const m =
    /^in\s+(.+?),?\s+wordt\s+de\s+tabel\s+vervangen\s+door\s*:?$/i.exec(plainText) ??
    /^de\s+tabel\s+(?:in|van)\s+(.+?),?\s+(?:komt\s+te\s+luiden|wordt\s+vervangen\s+door)\s*:?$/i.exec(plainText) ??
    /^in\s+(.+?),?\s+komt\s+de\s+tabel\s+te\s+luiden\s*:?$/i.exec(plainText) ??
    /^()de\s+tabel\s+(?:komt\s+te\s+luiden|wordt\s+vervangen\s+door)\s*:?$/i.exec(plainText)
  if (!m) {
    // "In de tabel in artikel 16 wordt „€ 322,57” vervangen door …": words are cited in the provision.
    if (/^in\s+de\s+tabel\b/i.test(head) && toks?.some((t) => t.quoted))
      return 'woorden in een tabel citeert regelwerk in de bepaling waarin de tabel staat ("In artikel 16 wordt „€ 322,57” vervangen door „€ 331,28”."): het zoekt ze in de hele bepaling, cellen en tekst samen, en kan de opdracht niet tot de tabel beperken'
    if (/\b[Tt]abel\s+(?:\d+|[IVXLC]+)[a-z]?\b|\b[Tt]abellen\b/.test(head))
      return 'een tabel bij een nummer ("tabel I") of meer tabellen tegelijk kent regelwerk niet: een tabel heeft in de tekst geen nummer. Noem de bepaling met de tabel ("De tabel in bijlage I komt te luiden:") als die één tabel heeft, of laat de bepaling als geheel luiden'
    return 'met een tabel leest regelwerk alleen "De tabel in … komt te luiden:" en "In … wordt de tabel vervangen door:", gevolgd door de nieuwe tabel; laat anders de bepaling als geheel luiden'
  }
  const phrase = (m[1] as string).trim()
  const doel = phrase === '' ? context : inContext(readPlaats(phrase), context)
  if (doel.length === 0)
    return phrase === ''
      ? 'niet te lezen in welke bepaling de tabel staat: noem haar ("De tabel in artikel 16 komt te luiden:")'
      : `niet te lezen in welke bepaling de tabel staat ("${phrase}")`
  return { soort: 'tabel', doel, inhoud: '' }
}

/** `In artikel 8, tweede lid, vervalt: twee maanden na.` (the words after the colon lapse). */
function readColonWords(text: string, context: Plaats): Operatie | undefined {
  const m = /^in\s+(.+?),?\s+(?:vervalt|vervallen)\s*:\s*(.+?)\.?$/i.exec(text)
  if (!m) return undefined
  const doel = withOpschrift(inContext(readPlaats(m[1] as string), context), m[1] as string)
  return { soort: 'woorden', doel, vervangingen: [{ oud: (m[2] as string).trim(), nieuw: '' }] }
}

/**
 * Changes at the end of a provision: `Aan het slot van artikel 5 wordt "…" toegevoegd`, `Aan het
 * eerste lid wordt een zin toegevoegd, luidende: …`, `De punt aan het slot van onderdeel d wordt
 * vervangen door een puntkomma`.
 */
function readSlot(source: string, plainText: string, context: Plaats): Operatie | string | undefined {
  const punt =
    /^(?:in\s+(.+?),?\s+wordt\s+)?de\s+(punt|puntkomma)\s+aan\s+het\s+slot\s+van\s+(.+?)\s+(?:wordt\s+)?vervangen\s+door\s+een\s+(punt|puntkomma)\.?$/i.exec(
      plainText,
    )
  if (punt) {
    const doel = inContext(readPlaats(punt[3] as string), inContext(readPlaats(punt[1] ?? ''), context))
    if (doel.length === 0) return `niet te lezen welke bepaling "${punt[3]}" is`
    const teken = (w: string) => (w.toLowerCase() === 'punt' ? '.' : ';')
    return {
      soort: 'woorden',
      doel,
      vervangingen: [{ oud: teken(punt[2] as string), nieuw: teken(punt[4] as string), aanHetSlot: true }],
    }
  }
  const zin =
    /^(?:aan|in)\s+(.+?),?\s+wordt\s+(?:een|één)\s+(?:volzin|zin)\s+toegevoegd,?\s+luidende\s*:\s*(.*)$/i.exec(
      plainText,
    )
  if (zin) {
    const doel = inContext(readPlaats(zin[1] as string), context)
    if (doel.length === 0) return `niet te lezen welke bepaling "${zin[1]}" is`
    let tekst = (zin[2] as string).trim()
    const quoted = /^["„“‘«](.*)["”’»]\.?$/.exec(tekst)
    if (quoted) tekst = quoted[1] as string
    if (tekst === '') return 'de nieuwe zin ontbreekt: geef haar na "luidende:" op dezelfde regel'
    return { soort: 'woorden', doel, vervangingen: [{ oud: '', nieuw: tekst, aanHetSlot: true }] }
  }
  const slot = /^aan\s+het\s+slot\s+van\s+(.+?),?\s+wordt\s+(.*)\s+toegevoegd\.?$/is.exec(source)
  if (slot) {
    const doel = inContext(readPlaats(slot[1] as string), context)
    if (doel.length === 0) return `niet te lezen welke bepaling "${slot[1]}" is`
    const toks = tokens(slot[2] as string)
    const only = toks?.length === 1 ? toks[0] : undefined
    if (!only?.quoted) return 'niet te lezen als "Aan het slot van … wordt "…" toegevoegd"'
    return { soort: 'woorden', doel, vervangingen: [{ oud: '', nieuw: only.text, aanHetSlot: true }] }
  }
  return undefined
}

/** The quoted aanduiding `„1.”`, `‘1.’`, `"1."` (the lid number placed before or taken from the text). */
const AANDUIDING = String.raw`de\s+aanduiding\s+["„“‘'«]\s*1\.?\s*["”’'»]`

/**
 * The number of the one lid of an article (DOMAIN.md §4; the real phrasings are in circulaires BZK
 * BWBR0022915 and BWBR0027067): `Voor de tekst wordt de aanduiding ‘1.’ geplaatst.` (`In artikel
 * 5 wordt voor de tekst …`), `De aanduiding „1.” voor het eerste lid vervalt.` (`In artikel 5
 * vervalt de aanduiding …`), and with the other leden `Artikel 9, tweede tot en met vijfde lid,
 * alsmede de aanduiding ‘1.’ voor het eerste lid vervallen.` / `In artikel 9 vervallen het tweede
 * en derde lid alsmede de aanduiding „1.” voor het eerste lid.` Undefined for any other sentence.
 */
function readAanduiding(text: string, context: Plaats): Operatie | string | undefined {
  if (!/\baanduiding\b/i.test(text)) return undefined
  const geplaatst = new RegExp(
    String.raw`^(?:in\s+(.+?),?\s+)?(?:wordt\s+)?voor\s+de\s+tekst\s+(?:wordt\s+)?${AANDUIDING}\s+geplaatst\.?$`,
    'i',
  ).exec(text)
  if (geplaatst) {
    const doel = inContext(readPlaats(geplaatst[1] ?? ''), context)
    if (doel.length === 0 || (doel[doel.length - 1] as Stap).soort !== 'artikel')
      return 'niet te lezen voor de tekst van welk artikel de aanduiding „1.” wordt geplaatst'
    return { soort: 'aanduiding', doel, actie: 'geplaatst' }
  }
  const lid = (phrase: string, artikel: Plaats): Plaats | string => {
    const doel = inContext(readPlaats(phrase), artikel)
    if (doel.length < 2 || (doel[doel.length - 1] as Stap).soort !== 'lid')
      return `niet te lezen voor welk lid de aanduiding „1.” vervalt ("${phrase}")`
    return doel
  }
  const alleen =
    new RegExp(String.raw`^in\s+(.+?),?\s+vervalt\s+${AANDUIDING}\s+voor\s+(.+?)\.?$`, 'i').exec(text) ??
    new RegExp(String.raw`^()${AANDUIDING}\s+voor\s+(.+?)\s+vervalt\.?$`, 'i').exec(text)
  if (alleen) {
    const doel = lid(alleen[2] as string, inContext(readPlaats(alleen[1] ?? ''), context))
    return typeof doel === 'string' ? doel : { soort: 'aanduiding', doel, actie: 'vervalt' }
  }
  // "In artikel 9 vervallen het tweede en derde lid alsmede de aanduiding „1.” voor het eerste lid."
  const inArtikel = new RegExp(
    String.raw`^in\s+(.+?),?\s+vervallen\s+(het\s+.+?\s+lid),?\s+alsmede\s+${AANDUIDING}\s+voor\s+(.+?)\.?$`,
    'i',
  ).exec(text)
  // "Artikel 9, tweede tot en met vijfde lid, alsmede de aanduiding ‘1.’ voor het eerste lid vervallen."
  const samen = new RegExp(String.raw`^(.+?),?\s+alsmede\s+${AANDUIDING}\s+voor\s+(.+?)\s+vervallen\.?$`, 'i').exec(
    text,
  )
  if (!inArtikel && !samen) return 'niet te lezen als een opdracht over de aanduiding „1.”'
  let artikel: Plaats
  let leden: string
  if (inArtikel) {
    artikel = inContext(readPlaats(inArtikel[1] as string), context)
    leden = inArtikel[2] as string
  } else {
    const phrase = (samen as RegExpExecArray)[1] as string
    const m =
      /^(.*?)(?:,\s*|^)((?:het\s+)?[a-zë]+(?:(?:,\s*|\s+en\s+|\s+tot\s+en\s+met\s+)(?:het\s+)?[a-zë]+)*\s+lid)$/i.exec(
        phrase.trim(),
      )
    if (!m) return `niet te lezen welke leden vervallen ("${phrase}")`
    artikel = inContext(readPlaats(m[1] as string), context)
    leden = m[2] as string
  }
  if (artikel.length === 0 || (artikel[artikel.length - 1] as Stap).soort !== 'artikel')
    return 'niet te lezen in welk artikel de leden en de aanduiding „1.” vervallen'
  const nums = readNumberList(leden)
  if (nums.length === 0) return `niet te lezen welke leden vervallen ("${leden}")`
  const eerste = lid(((inArtikel ?? samen) as RegExpExecArray)[inArtikel ? 3 : 2] as string, artikel)
  if (typeof eerste === 'string') return eerste
  return {
    soort: 'vervalt',
    doelen: nums.map((num) => [...artikel, { soort: 'lid', num }]),
    aanduiding: eerste,
  }
}

function readRenumbering(text: string, soortHint: StapSoort | undefined): Vernummering | undefined {
  const m =
    /onder\s+(vernummering|verlettering)\s+van\s+(.+?)\s+tot\s+(?!en met)(.+?)(?=,?\s+(?:wordt|worden|vervalt|vervallen)\b|\s+(?:na|voor)\s+(?:artikel|het|onderdeel|lid)\b|\s+(?:een|één|twee|drie|vier|vijf)\s+(?:nieuwe?\s+)?(?:lid|leden|onderde|subonderde)|\.?$)/i.exec(
      text,
    )
  if (!m) return undefined
  const fromPhrase = m[2] as string
  const van = readNumberList(fromPhrase)
  const naar = readNumberList(m[3] as string)
  const soort: Vernummering['soort'] = /subonderde|\d°/i.test(fromPhrase)
    ? 'subonderdeel'
    : /onderde/i.test(fromPhrase)
      ? 'onderdeel'
      : /\blid|leden/i.test(fromPhrase)
        ? 'lid'
        : soortHint === 'onderdeel' || soortHint === 'subonderdeel' || soortHint === 'lid'
          ? soortHint
          : 'lid'
  if (van.length === 0 || van.length !== naar.length) return undefined
  return { soort, van, naar }
}

const COUNT = '(?:een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|\\d+)'
const KINDS =
  'artikel(?:en)?|leden|lid|onderdel(?:en)?|onderdeel|subonderdel(?:en)?|subonderdeel|gedachtestreepjes?|hoofdstuk(?:ken)?|afdeling(?:en)?|paragra(?:af|fen)|titel(?:s)?|bijlage(?:n)?|toelichting|aanhef|ondertekening'

const COUNT_WORDS = ['een', 'twee', 'drie', 'vier', 'vijf', 'zes', 'zeven', 'acht', 'negen', 'tien']

function countNumber(word: string): number | undefined {
  const w = word.toLowerCase().replace('één', 'een')
  if (/^\d+$/.test(w)) return Number(w)
  const i = COUNT_WORDS.indexOf(w)
  return i < 0 ? undefined : i + 1
}

function singular(kind: string): string {
  const k = kind.toLowerCase()
  if (k.startsWith('artikel')) return 'artikel'
  if (k === 'leden' || k === 'lid') return 'lid'
  if (k.startsWith('gedachtestreepje')) return 'gedachtestreepje'
  if (k.startsWith('subonderde')) return 'subonderdeel'
  if (k.startsWith('onderde')) return 'onderdeel'
  if (k.startsWith('hoofdstuk')) return 'hoofdstuk'
  if (k.startsWith('afdeling')) return 'afdeling'
  if (k.startsWith('paragra')) return 'paragraaf'
  if (k.startsWith('titel')) return 'titel'
  if (k.startsWith('bijlage')) return 'bijlage'
  return k
}

function parent(p: Plaats): Plaats {
  return p.slice(0, -1)
}

/**
 * A new indeling: `Paragraaf 1 van hoofdstuk I wordt vernummerd tot afdeling 1.` and `Voor artikel 8
 * wordt ingevoegd:` (a heading follows; apply checks that it is one).
 */
function readIndeling(text: string, context: Plaats): Operatie | string | undefined {
  const vernummerd = /^(.+?)\s+wordt\s+vernummerd\s+tot\s+(.+?)\.?$/i.exec(text)
  if (vernummerd) {
    const doel = inContext(readPlaats(vernummerd[1] as string), context)
    const naar = readPlaats(vernummerd[2] as string)
    const last = doel[doel.length - 1]
    if (!last || !DIVISIONS.has(last.soort) || naar.length !== 1 || !DIVISIONS.has((naar[0] as Stap).soort))
      return `"wordt vernummerd tot" leest regelwerk voor een hoofdstuk, afdeling, paragraaf of titel ("Paragraaf 1 van hoofdstuk I wordt vernummerd tot afdeling 1"), niet voor "${vernummerd[1]}" tot "${vernummerd[2]}"`
    return { soort: 'vernummeren', doel, naar: naar[0] as Stap }
  }
  const kop = /^voor\s+(.+?)\s+wordt\s+ingevoegd:?$/i.exec(text)
  if (kop) {
    const voor = inContext(readPlaats(kop[1] as string), context)
    if (voor.length === 0) return `niet te lezen waarvoor wordt ingevoegd: "${kop[1]}"`
    return { soort: 'kop-invoegen', voor, inhoud: '' }
  }
  return undefined
}

const DIVISIONS: ReadonlySet<string> = new Set(['titel', 'hoofdstuk', 'afdeling', 'paragraaf'])

/** An instruction that inserts or adds (`ingevoegd`, `toegevoegd`). */
function readInsert(text: string, context: Plaats): Operatie | string {
  const wat =
    new RegExp(`\\b${COUNT}\\s+(?:nieuwe?\\s+)?(${KINDS})\\b`, 'i').exec(text)?.[1] ??
    (/het volgende/i.test(text) ? 'tekst' : undefined) ??
    new RegExp(`\\bwordt\\s+(${KINDS})\\s+\\S+\\s+(?:ingevoegd|toegevoegd)`, 'i').exec(text)?.[1]
  if (/alfabetische\s+volgorde/i.test(text))
    return 'invoegen "in de alfabetische volgorde" kan regelwerk niet zeker: noem de plaats ("na onderdeel c", "onder verlettering van …") of laat het artikel als geheel luiden'
  if (!wat) return 'niet te lezen wat er wordt ingevoegd'
  const kind = singular(wat)
  const op: Extract<Operatie, { soort: 'invoegen' }> = { soort: 'invoegen', wat: kind, ouder: context, inhoud: '' }
  const count = new RegExp(`\\b(${COUNT})\\s+(?:nieuwe?\\s+)?(?:${KINDS})\\b`, 'i').exec(text)?.[1]
  const aantal = count ? countNumber(count) : undefined
  if (aantal !== undefined && aantal > 1) op.aantal = aantal
  const puntkomma =
    /onder\s+vervanging\s+van\s+de\s+punt\s+aan\s+het\s+slot\s+van\s+(.+?)\s+door\s+een\s+puntkomma/i.exec(text)
  if (puntkomma) {
    op.puntkomma = inContext(readPlaats(puntkomma[1] as string), context)
    op.ouder = parent(op.puntkomma)
  }
  const vernummering = readRenumbering(text, kind as StapSoort)
  if (vernummering) op.vernummering = vernummering
  // Anchor and parent are read from the sentence without its "onder …" clauses.
  const core = text
    .replace(/onder\s+vervanging\s+van\s+de\s+punt\s+aan\s+het\s+slot\s+van\s+.+?\s+door\s+een\s+puntkomma,?/i, '')
    .replace(/onder\s+(?:vernummering|verlettering)\s+van\s+.+?\s+tot\s+(?!en met).+?(?=,?\s+(?:wordt|worden)\b)/i, '')
  const anchor = new RegExp(
    `\\b(na|voor)\\s+(.+?)\\s+(?:wordt|worden|${COUNT}\\s+(?:nieuwe?\\s+)?(?:${KINDS})\\b)`,
    'i',
  ).exec(core)
  if (anchor && !/^de dag/i.test(anchor[2] as string)) {
    const at = readPlaats(anchor[2] as string)
    if (at.length > 0) {
      const full = inContext(at, context)
      if ((anchor[1] as string).toLowerCase() === 'na') op.na = full
      else op.voor = full
      op.ouder = parent(full)
    }
  }
  const inAan =
    /\b(?:in|aan)\s+(.+?)\s+(?:wordt|worden)\b/i.exec(core) ??
    new RegExp(
      `\\b(?:wordt|worden)\\s+(?:in|aan)\\s+(.+?)\\s+(?:${COUNT}\\s+(?:nieuwe?\\s+)?(?:${KINDS})|het volgende)\\b`,
      'i',
    ).exec(core)
  if (inAan) {
    const at = readPlaats(inAan[1] as string)
    if (at.length > 0 || /de regeling/i.test(inAan[1] as string)) {
      op.ouder = inContext(at, context)
      if (op.na && !startsWith(op.na, op.ouder)) op.na = inContext(readPlaats(anchor?.[2] as string), op.ouder)
      if (op.voor && !startsWith(op.voor, op.ouder)) op.voor = inContext(readPlaats(anchor?.[2] as string), op.ouder)
      // "… aan het slot van het tweeëndertigste gedachtestreepje door een puntkomma wordt aan het eerste lid …"
      if (op.puntkomma && puntkomma && !startsWith(op.puntkomma, op.ouder))
        op.puntkomma = inContext(readPlaats(puntkomma[1] as string), op.ouder)
    }
  }
  return op
}

function startsWith(a: Plaats, prefix: Plaats): boolean {
  return prefix.every((s, i) => sameStap(a[i], s))
}

/** `De artikelen 2:6, 5:13 en 7:5 vervallen.` */
/**
 * Several leden or onderdelen of one provision: `Het tweede en derde lid vervallen, onder
 * vernummering van …`, `In artikel 5 vervallen de onderdelen c en d.`
 */
function readRepealMany(text: string, context: Plaats): Operatie | undefined {
  const list = '(het\\s+.+?\\s+(?:lid|gedachtestreepje)|de\\s+(?:sub)?onderdelen\\s+.+?)'
  const m =
    new RegExp(`^in\\s+(.+?),?\\s+vervallen\\s+${list}(,\\s+onder\\s.*?)?\\.?$`, 'i').exec(text) ??
    new RegExp(`^()${list}\\s+vervallen(,\\s+onder\\s.*?)?\\.?$`, 'i').exec(text)
  if (!m) return undefined
  const phrase = m[2] as string
  const soort: StapSoort = /\blid$/i.test(phrase)
    ? 'lid'
    : /\bgedachtestreepje$/i.test(phrase)
      ? 'gedachtestreepje'
      : /subonderdelen/i.test(phrase)
        ? 'subonderdeel'
        : 'onderdeel'
  const nums = readNumberList(phrase)
  if (nums.length < 2) return undefined
  const ouder = m[1] ? inContext(readPlaats(m[1]), context) : context
  const op: Extract<Operatie, { soort: 'vervalt' }> = {
    soort: 'vervalt',
    doelen: nums.map((num) => [...ouder, { soort, num }]),
  }
  const rest = (m[3] as string | undefined) ?? ''
  const v = readRenumbering(rest, soort)
  if (v) op.vernummering = v
  const punt = /onder\s+vervanging\s+van\s+de\s+puntkomma\s+aan\s+het\s+slot\s+van\s+(.+?)\s+door\s+een\s+punt/i.exec(
    rest,
  )
  if (punt) op.slotPunt = inContext(readPlaats(punt[1] as string), ouder)
  return op
}

function readRepealList(text: string, context: Plaats): Operatie | undefined {
  const m = /^de\s+(artikelen|leden|onderdelen)\s+(.+?)\s+vervallen\.?$/i.exec(text)
  if (!m) return undefined
  const kind = singular(m[1] as string) as StapSoort
  const base = kind === 'artikel' ? [] : context
  const range = /^(\S+)\s+tot\s+en\s+met\s+(\S+)$/i.exec((m[2] as string).trim())
  if (range && kind === 'artikel')
    return {
      soort: 'vervalt',
      doelen: [[{ soort: kind, num: range[1] as string }]],
      totEnMet: [{ soort: kind, num: range[2] as string }],
    }
  const nums =
    kind === 'artikel'
      ? (m[2] as string).split(/\s*,\s*|\s+en\s+/).map((s) => s.trim())
      : readNumberList(`${m[1]} ${m[2]}`)
  if (nums.some((n) => !/^[0-9A-Za-z:.°]+$/.test(n))) return undefined
  return { soort: 'vervalt', doelen: nums.map((num) => [...base, { soort: kind, num }]) }
}

/**
 * One sentence to an operation, or the reason it cannot be read. The quoted title of a division
 * named by it (`de paragraaf „Last onder bestuursdwang”`) is hidden while the sentence is read, so
 * that its words are never taken as part of the instruction.
 */
export function readInstruction(source: string, context: Plaats): Operatie | string {
  const read = readMasked(maskTitels(source), context)
  return typeof read === 'string' ? unmaskTitels(read) : read
}

function readMasked(source: string, context: Plaats): Operatie | string {
  let text = source.replace(/[ \t\r\n]+/g, ' ').trim()
  text = text.replace(/^met ingang van \d{1,2} \S+ \d{4},?\s*/i, '')
  const plainText = clean(text)
  const hasQuotes = /["„“‘«]/.test(text)
  // The heading first: a new title given inline may hold any words ("Het opschrift van de
  // paragraaf „…” komt te luiden: „Zin en onzin”.").
  const opschrift = readOpschrift(plainText, context)
  if (opschrift) return opschrift
  const tabel = readTabel(text, plainText, context)
  if (tabel) return tabel
  const aanduiding = readAanduiding(plainText, context)
  if (aanduiding) return aanduiding
  const slot = readSlot(text, plainText, context)
  if (slot) return slot
  const zin = readZin(text, plainText, context)
  if (zin) return zin
  const colon = readColonWords(plainText, context)
  if (colon) return colon
  if (/^in\s/i.test(plainText) && hasQuotes) return readWords(text, context)
  if (/\bwordt\b[^"„“‘«]*["„“‘«]/.test(text) && /geschrapt/.test(text)) {
    const m = /^in\s+(.+?)\s+wordt/i.exec(plainText)
    if (m) return readWords(text, context)
  }
  if (/^de tekst van de regeling komt te luiden/i.test(plainText))
    return { soort: 'komt-te-luiden', doel: [], inhoud: '' }
  const inVervalt =
    /^in\s+(.+?),?\s+vervalt\s+((?:het\s+[a-zë]+\s+(?:lid|gedachtestreepje))|(?:sub)?onderdeel\s+[0-9a-z°]+)(,?\s+onder\s.*?)?\.?$/i.exec(
      plainText,
    )
  if (inVervalt) {
    const own = readPlaats(inVervalt[2] as string)
    if (own.length === 0) return `niet te lezen welke bepaling "${inVervalt[2]}" is`
    const doel = inContext(own, inContext(readPlaats(inVervalt[1] as string), context))
    const op: Extract<Operatie, { soort: 'vervalt' }> = { soort: 'vervalt', doelen: [doel] }
    const tail = (inVervalt[3] as string | undefined) ?? ''
    const v = readRenumbering(tail, (doel[doel.length - 1] as Stap).soort)
    // "…, onder vervanging van de puntkomma aan het slot van het derde gedachtestreepje door een punt."
    const punt =
      /^,?\s*onder\s+vervanging\s+van\s+de\s+puntkomma\s+aan\s+het\s+slot\s+van\s+(.+?)\s+door\s+een\s+punt\.?$/i.exec(
        tail,
      )
    if (v) op.vernummering = v
    else if (punt) op.slotPunt = inContext(readPlaats(punt[1] as string), parent(doel))
    else if (tail.trim() !== '') return `niet te lezen na "vervalt": "${tail.trim()}"`
    return op
  }
  const many = readRepealMany(plainText, context)
  if (many) return many
  const repeal = readRepealList(plainText, context)
  if (repeal) return repeal
  const indeling = readIndeling(plainText, context)
  if (indeling) return indeling
  if (/\b(ingevoegd|toegevoegd)\b/i.test(plainText)) return readInsert(plainText, context)
  const luiden = /^(.+?)\s+(?:wordt gewijzigd en\s+)?(komt|komen)\s+(?:als volgt\s+)?te\s+luiden\b\s*(.*)$/i.exec(
    plainText,
  )
  if (luiden) {
    // "Artikel 8 en het daarbij behorende opschrift komen te luiden": the article with its heading.
    const phrase = (luiden[1] as string).replace(
      /,?\s+(?:en|met)\s+(?:het\s+daarbij\s+behorende|het|zijn|haar)\s+opschrift(?:\s+daarvan)?$/i,
      '',
    )
    const tail = (luiden[3] as string).trim()
    if (tail !== '' && !tail.startsWith(':')) return `niet te lezen na "te luiden": "${tail}"`
    const range = /^(?:het|de)\s+(.+?)\s+tot\s+en\s+met\s+(?:het\s+)?(.+?\s+(?:lid|leden)|[a-z]+)$/i.exec(phrase)
    const many =
      /^(?:het|de)\s+\S+\s+(?:en|tot en met)\s/i.test(phrase) || /^de\s+(?:leden|onderdelen|artikelen)\b/i.test(phrase)
    if (range || many) {
      const soort: StapSoort = /\b(?:lid|leden)\b/i.test(phrase)
        ? 'lid'
        : /\bsubonderdelen\b/i.test(phrase)
          ? 'subonderdeel'
          : /\bonderdelen\b/i.test(phrase)
            ? 'onderdeel'
            : 'artikel'
      const nums = soort === 'artikel' ? [] : readNumberList(phrase.replace(/\s+van\s+artikel\s.*$/i, ''))
      // "Het tweede en derde lid komen te luiden:" (Stb. 2017, 311): consecutive leden, a range too.
      const opeenvolgend =
        nums.every((n) => /^\d+$/.test(n)) && nums.every((n, i) => i === 0 || Number(n) === Number(nums[i - 1]) + 1)
      if (nums.length < 2 || !(/tot en met/i.test(phrase) || (soort === 'lid' && opeenvolgend)))
        return `niet te lezen welke bepalingen "${phrase}" zijn; noem een reeks als "het eerste tot en met het derde lid"`
      const rank = RANK[soort]
      const base = inContext(
        readPlaats(phrase).filter((s) => RANK[s.soort] < rank),
        context.filter((s) => RANK[s.soort] < rank),
      )
      return {
        soort: 'komt-te-luiden',
        doel: [...base, { soort, num: nums[0] as string }],
        totEnMet: [...base, { soort, num: nums[nums.length - 1] as string }],
        inhoud: '',
      }
    }
    const doel = inContext(readPlaats(phrase), context)
    if (doel.length === 0 && !/regeling/i.test(phrase)) return `niet te lezen welke bepaling "${phrase}" is`
    if ((luiden[2] as string).toLowerCase() === 'komen' && phrase === luiden[1])
      return `"komen te luiden" bij één bepaling ("${phrase}") is niet te lezen`
    return { soort: 'komt-te-luiden', doel, inhoud: '' }
  }
  const vervalt = /^(.+?)\s+vervalt\b(.*)$/i.exec(plainText)
  if (vervalt) {
    const doel = inContext(readPlaats(vervalt[1] as string), context)
    if (doel.length === 0) return `niet te lezen welke bepaling "${vervalt[1]}" is`
    const op: Extract<Operatie, { soort: 'vervalt' }> = { soort: 'vervalt', doelen: [doel] }
    // Only "onder vernummering/verlettering …" or "onder vervanging …" may follow; anything else
    // ("vervalt: twee maanden na") is another instruction, never the whole provision.
    const tail = (vervalt[2] as string).trim()
    if (tail !== '' && tail !== '.' && !/^,?\s*onder\s+(?:vernummering|verlettering|vervanging)\b/i.test(tail))
      return `niet te lezen na "vervalt": "${tail}"`
    const last = doel[doel.length - 1] as Stap
    const v = readRenumbering(vervalt[2] as string, last.soort)
    if (v) op.vernummering = v
    const punt = /onder\s+vervanging\s+van\s+de\s+puntkomma\s+aan\s+het\s+slot\s+van\s+(.+?)\s+door\s+een\s+punt/i.exec(
      vervalt[2] as string,
    )
    if (punt) op.slotPunt = inContext(readPlaats(punt[1] as string), parent(doel))
    return op
  }
  const move = /^(.+?)\s+wordt\s+geplaatst\s+(na|voor|aan het slot van)\s+(.+?)\.?$/i.exec(plainText)
  if (move) {
    const doel = inContext(readPlaats(move[1] as string), context)
    const at = readPlaats(move[3] as string)
    const where = (move[2] as string).toLowerCase()
    if (where === 'na') return { soort: 'verplaatsen', doel, na: at }
    if (where === 'voor') return { soort: 'verplaatsen', doel, voor: at }
    return { soort: 'verplaatsen', doel, ouder: at }
  }
  return 'dit soort opdracht kent regelwerk niet'
}

// ---- loose new text (real letters) ----------------------------------------------------------------

const BOLD_ONLY = /^\*\*(.+?)\*\*\s*$/
const ARTIKEL_LINE = /^(?:\*\*)?Artikel\s+([^\s*]+)(?:\*\*)?\.?\s*(.*?)(?:\*\*)?$/

/**
 * New text as a LOGA letter or a gazette page gives it, to regulation Markdown: a bold title
 * above a bold `Artikel 1:2c` becomes the article heading, escaped lid numbers (`1\.`) become
 * leden, `Toelichting op artikel 1:2c.` becomes the artikelsgewijze toelichting, and the `.` that
 * closes an instruction after a new onderdeel (`… 8 uren;.`) is dropped.
 */
export function normaliseLooseText(paragraphs: string[], wat: string): string {
  // The heading of a division as printed (`§ 1. Inhoud van de regeling`, `Afdeling 2. Algemene
  // bepalingen`): a Markdown heading, so that apply reads a division; anything else stays as it is.
  if (wat === 'kop')
    return paragraphs
      .map((raw) => {
        const m =
          /^(?:\*\*)?(§|paragraaf|afdeling|hoofdstuk|titel)\s*([0-9IVXLC]+[a-z]?(?:\.\d+[a-z]?)*)\.?(?:\s+(.*?))?(?:\*\*)?$/i.exec(
            raw.trim(),
          )
        return m ? `## ${m[1]} ${m[2]}${m[3] ? ` ${m[3]}` : ''}` : raw.trim()
      })
      .join('\n\n')
  const out: string[] = []
  let title: string | undefined
  let inToelichting = false
  let inArtikel = false
  paragraphs.forEach((raw, i) => {
    let p = raw.trim()
    if (i === paragraphs.length - 1) p = p.replace(/;\.$/, ';')
    const toelichting = /^(?:\*\*)?(Toelichting (?:op|bij) artikel .+?)\.?(?:\*\*)?$/i.exec(p)
    if (toelichting && !inToelichting) {
      inToelichting = true
      out.push('## Toelichting', `### ${toelichting[1]}`)
      return
    }
    if (inToelichting) {
      out.push(p)
      return
    }
    const artikel = ARTIKEL_LINE.exec(p)
    if (artikel && (BOLD_ONLY.test(p) || /^Artikel\s+\S+$/.test(p))) {
      const heading = [title, (artikel[2] as string).trim()].filter((x) => x).join(' ')
      out.push(`## Artikel ${(artikel[1] as string).replace(/\.$/, '')}${heading ? ` ${heading}` : ''}`)
      title = undefined
      inArtikel = true
      return
    }
    const bold = BOLD_ONLY.exec(p)
    if (bold && !inArtikel && wat === 'artikel') {
      title = bold[1] as string
      return
    }
    // Official layout: a title line of its own, then "Artikel 10a" (no Markdown).
    const nextLine = paragraphs[i + 1]?.trim() ?? ''
    if (
      !inArtikel &&
      wat === 'artikel' &&
      title === undefined &&
      /^(?:\*\*)?Artikel\s+\S+(?:\*\*)?\.?$/.test(nextLine) &&
      p.length < 100 &&
      !/[.;:]$/.test(p) &&
      !/^(?:\d|[a-z][.)])/.test(p)
    ) {
      title = p
      return
    }
    if (title !== undefined) out.push(`**${title}**`)
    title = undefined
    if (inArtikel || wat === 'lid' || wat === 'onderdeel') p = p.replace(/^(\d+[a-z]?)\\\./, '$1.')
    out.push(p)
  })
  if (title !== undefined) out.push(`**${title}**`)
  return out.join('\n\n')
}

// ---- the document ---------------------------------------------------------------------------------

/** An item letter (Ar 6.15): `A` … `Z`, then `AA`, `BB` …, `AAA` …, and on (a long besluit has more than 78 items). */
const LETTER = `(?:[A-Z]{1,3}|${[...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((c) => `${c}{4,}`).join('|')})`
const ITEM_ALONE = new RegExp(`^(?:#{1,6}\\s*)?(?:[-•*]\\s*)?(${LETTER})\\.?\\s*$`)
const ITEM_WITH_TEXT = new RegExp(`^(?:[-•*]\\s*)?(${LETTER})[.)]\\s+(.+)$`, 's')
const SUB_ITEM = /^(?:[-•*]\s*)?(\d{1,2}|[a-z])\\?[.)]\s+(.+)$/s
const ARTIKEL_ROMAN = /^(?:#{1,6}\s*)?(?:\*\*)?artikel\s+([IVXLC]+)\b(?:\*\*)?\s*$/i

function isInstruction(text: string): boolean {
  const t = clean(text)
  return STARTS.test(t) && INSTRUCTION.test(t) && t.length < 1200
}

function expectsText(text: string): boolean {
  return /:\s*$/.test(clean(text)) && !/vervangen door:\s*\S/.test(text)
}

function datesIn(text: string): { inwerkingtreding?: string; terugwerkendeKracht?: string; ingang?: string } {
  const out: { inwerkingtreding?: string; terugwerkendeKracht?: string; ingang?: string } = {}
  const date = '(\\d{1,2}(?:e|ste)?\\s+[a-z]+\\s+\\d{4})'
  const inw = new RegExp(`treedt in werking (?:met ingang van|op) ${date}`, 'i').exec(text)
  if (inw) out.inwerkingtreding = dutchWordsToIso(inw[1] as string)
  const back = new RegExp(`werkt terug tot en met ${date}`, 'i').exec(text)
  if (back) out.terugwerkendeKracht = dutchWordsToIso(back[1] as string)
  const ingang = new RegExp(`^met ingang van ${date}`, 'i').exec(text.trim())
  if (ingang) out.ingang = dutchWordsToIso(ingang[1] as string)
  return out
}

/** Read an amendment document. Problems become messages on `file`. */
export function parseAmendment(text: string, file: VFile): GelezenWijziging {
  const fm = parseFrontMatter(text, file)
  const result: GelezenWijziging = { opdrachten: [], meta: fm.data, aantal: 0 }
  let letter = ''
  // The item's context (`Artikel 8 wordt als volgt gewijzigd:`) and a numbered sub-item's narrower one.
  let itemContext: Plaats = []
  let subContext: Plaats | undefined
  let sub: string | undefined
  let pending: { op: GelezenOpdracht; loose: string[]; wat: string } | undefined
  // `voor`: before ARTIKEL I (opschrift, aanhef, a letter's prose); `I`: inside ARTIKEL I; `na`:
  // ARTIKEL II and later (inwerkingtreding, "Aldus vastgesteld", ondertekening).
  let zone: 'voor' | 'I' | 'na' = 'voor'
  // Inside ARTIKEL I, or (a ledenbrief without one) from the first lettered item on: every block
  // must be an instruction, an item letter or the new text of an instruction.
  let strict = false
  let ingang: string | undefined
  let swallow = false
  const context = () => subContext ?? itemContext

  const geenOpdracht = (block: Block, tekst = block.text) => {
    const shown = clean(tekst)
    fout(
      file,
      `Deze tekst in ARTIKEL I is geen wijzigingsopdracht en hoort bij geen opdracht: «${shown.length > 120 ? `${shown.slice(0, 117)}…` : shown}». Een besluit kan alleen worden toegepast als elke zin in ARTIKEL I een opdracht of de nieuwe tekst van een opdracht is`,
      { line: block.line, column: block.column },
      'wijziging-geen-opdracht',
    )
  }

  const setText = (op: GelezenOpdracht, inhoud: string) => {
    setInhoud(op.operatie, inhoud)
    const wat = watOf(op.operatie)
    const cut = CUT_CHECKED.has(wat) ? cutOff(inhoud, wat) : undefined
    if (cut) op.afgebroken = cut
    else delete op.afgebroken
  }

  const finish = () => {
    if (!pending) return
    const { op, loose, wat } = pending
    if (loose.length > 0) setText(op, normaliseLooseText(loose, wat))
    if (needsText(op.operatie))
      fout(
        file,
        `Bij de opdracht «${op.tekst}» ontbreekt de nieuwe tekst`,
        { line: op.line, column: op.column },
        'wijziging-zonder-tekst',
      )
    pending = undefined
  }

  const instruction = (source: string, block: Block, label: string) => {
    result.aantal++
    const tekst = clean(source)
    const d = datesIn(tekst)
    if (d.ingang) ingang = ingang ?? d.ingang
    // LOGA: "… wordt artikel 1:2c toegevoegd. Dit artikel komt als volgt te luiden:"
    const sentence = source.replace(/\.\s+Dit (?:artikel|lid|onderdeel) komt als volgt te luiden:\s*$/i, ':')
    const read = readInstruction(sentence, context())
    if (typeof read === 'string') {
      // Its new text (after "luidende:") belongs to it: not reported again as text without instruction.
      swallow = /:\s*$/.test(tekst)
      fout(
        file,
        `De opdracht «${tekst}» is niet te lezen: ${read}`,
        { line: block.line, column: block.column },
        'wijziging-onleesbaar',
      )
      return
    }
    if (/wordt als volgt gewijzigd:?$/i.test(tekst) && read.soort !== 'woorden') return
    const op: GelezenOpdracht = { label, tekst, line: block.line, column: block.column, operatie: read }
    result.opdrachten.push(op)
    if (needsText(read) || expectsText(sentence)) pending = { op, loose: [], wat: watOf(read) }
    else if (!/[.:]["”’»]?\s*$/.test(tekst) && read.soort !== 'opschrift')
      fout(
        file,
        `De opdracht «${tekst}» houdt op zonder punt; het besluit lijkt afgebroken`,
        { line: block.line, column: block.column },
        'wijziging-afgebroken',
      )
  }

  /** Whether a numbered block is a (readable) instruction rather than new text. */
  const readable = (body: string) => {
    const t = clean(body)
    return /wordt als volgt gewijzigd:?$/i.test(t) || typeof readInstruction(body, context()) !== 'string'
  }

  let redactioneel = false
  let weergave: GelezenOpdracht | undefined
  for (const block of splitRunOn(blocks(fm.body))) {
    if (block.kind === 'para' && /^#{1,6}\s*Redactionele bijwerking\s*$/i.test(block.text.trim())) {
      finish()
      redactioneel = true
      strict = false
      zone = 'na'
      result.redactioneel = []
      continue
    }
    if (redactioneel) {
      if (block.kind === 'quote' && weergave && weergave.operatie.soort === 'komt-te-luiden') {
        weergave.operatie.inhoud = block.text
        weergave = undefined
        continue
      }
      if (weergave) {
        fout(file, `Bij «${weergave.tekst}» ontbreekt de tekst`, weergave, 'wijziging-zonder-tekst')
        weergave = undefined
      }
      const m = /^Weergave van (.+):$/.exec(clean(block.text))
      if (block.kind !== 'para' || !m) continue
      const doel = readPlaats(m[1] as string)
      if (doel.length === 0 && !/^de regeling$/i.test(m[1] as string)) {
        fout(
          file,
          `«${clean(block.text)}» noemt geen bepaling die te vinden is`,
          { line: block.line, column: block.column },
          'wijziging-onleesbaar',
        )
        continue
      }
      weergave = {
        label: 'weergave',
        tekst: clean(block.text),
        line: block.line,
        column: block.column,
        operatie: { soort: 'komt-te-luiden', doel, inhoud: '' },
      }
      result.redactioneel?.push(weergave)
      continue
    }
    if (swallow && (block.kind === 'quote' || !isInstruction(block.text.trim()))) {
      const t0 = block.text.trim()
      if (
        block.kind === 'quote' ||
        !(ARTIKEL_ROMAN.test(t0) || ITEM_ALONE.test(t0) || SUB_ITEM.test(t0) || ITEM_WITH_TEXT.test(t0))
      )
        continue
    }
    swallow = false
    if (block.kind === 'quote') {
      if (pending && pending.loose.length === 0) {
        setText(pending.op, block.text)
        pending = undefined
      } else if (pending) pending.loose.push(block.text)
      else if (strict) geenOpdracht(block)
      continue
    }
    const t = block.text.trim()
    const roman = ARTIKEL_ROMAN.exec(t)
    if (roman) {
      finish()
      const first = roman[1]?.toUpperCase() === 'I'
      zone = first ? 'I' : 'na'
      strict = first
      letter = ''
      itemContext = []
      subContext = undefined
      sub = undefined
      continue
    }
    const d = datesIn(clean(t))
    if (d.inwerkingtreding) result.inwerkingtreding = result.inwerkingtreding ?? d.inwerkingtreding
    if (d.terugwerkendeKracht) result.terugwerkendeKracht = result.terugwerkendeKracht ?? d.terugwerkendeKracht
    if (zone === 'na') continue
    if (zone === 'voor' && !strict) {
      const named = /\b(?:tot|houdende)\s+wijziging\s+van\s+(.+?)(?:\s+in\s+verband\s+met\b.*|\s+ter\s+.*)?\.?$/i.exec(
        clean(t.replace(/^#{1,6}\s*/, '')),
      )
      if (named && !result.opschriftRegeling)
        result.opschriftRegeling = { naam: withoutArticle(named[1] as string), line: block.line, column: block.column }
    }
    const alone = ITEM_ALONE.exec(t)
    if (alone && !/^#\s/.test(t) && (strict || zone === 'voor')) {
      finish()
      letter = alone[1] as string
      itemContext = []
      subContext = undefined
      sub = undefined
      strict = true
      continue
    }
    const withText = ITEM_WITH_TEXT.exec(t)
    if (withText && isInstruction(withText[2] as string) && !(pending && !readable(withText[2] as string))) {
      finish()
      letter = withText[1] as string
      itemContext = []
      subContext = undefined
      sub = undefined
      strict = true
      handleSentence(withText[2] as string, block, letter)
      continue
    }
    const subItem = SUB_ITEM.exec(t)
    if (subItem && (letter || zone === 'I') && isInstruction(subItem[2] as string)) {
      const marker = subItem[1] as string
      const isLetter = /^[a-z]$/.test(marker)
      // New text may hold numbered leden that read like instructions ("2. De aanspraak vervalt …"):
      // while new text is expected, only a readable instruction, or the next number of the
      // sequence, starts a new one.
      const next = isLetter ? false : sub !== undefined && Number(marker) === Number(sub) + 1
      if (!pending || readable(subItem[2] as string) || next) {
        finish()
        let label: string
        if (isLetter && sub !== undefined) label = `${letter}${letter ? '.' : ''}${sub}.${marker}`
        else {
          sub = marker
          subContext = undefined
          label = `${letter}${letter ? '.' : ''}${marker}`
        }
        handleSentence(subItem[2] as string, block, label, true)
        continue
      }
    }
    if (pending) {
      pending.loose.push(block.text)
      continue
    }
    if (isInstruction(t) && (letter || zone === 'I')) {
      handleSentence(t, block, letter || 'I')
      continue
    }
    if (strict) geenOpdracht(block)
  }
  finish()
  if (weergave) fout(file, `Bij «${weergave.tekst}» ontbreekt de tekst`, weergave, 'wijziging-zonder-tekst')
  if (ingang && !result.inwerkingtreding) result.inwerkingtreding = ingang
  return result

  function handleSentence(full: string, block: Block, label: string, isSub = false): void {
    // Text on the lines after a line ending in ":" is the new text (`Onderdeel b komt te luiden:`
    // with `b. …` on the next line).
    let source = full
    let rest: string | undefined
    const lines = full.split('\n')
    const k = lines.findIndex((l) => /:\s*$/.test(l))
    if (k >= 0 && k < lines.length - 1) {
      source = lines.slice(0, k + 1).join('\n')
      rest = lines.slice(k + 1).join('\n')
    }
    const plainText = clean(source)
    const aanhef = /^(.+?)\s+wordt\s+als\s+volgt\s+gewijzigd:?$/i.exec(plainText)
    if (aanhef) {
      const p = readPlaats(aanhef[1] as string)
      if (p.length === 0 && letter === '' && !isSub) {
        // ARTIKEL I: "De Arbeidstijdenwet wordt als volgt gewijzigd:" names the regulation.
        if (!result.regeling)
          result.regeling = { naam: withoutArticle(aanhef[1] as string), line: block.line, column: block.column }
        if (rest !== undefined) geenOpdracht(block, rest)
        return
      }
      result.aantal++
      if (p.length > 0 || /regeling/i.test(aanhef[1] as string)) {
        // A sub-item's aanhef ("3. Het zesde lid wordt als volgt gewijzigd:") narrows the item's.
        if (isSub) subContext = inContext(p, itemContext)
        else itemContext = p
        if (rest !== undefined) geenOpdracht(block, rest)
        return
      }
      result.aantal--
    }
    instruction(source, block, label)
    if (rest !== undefined) {
      if (pending) pending.loose.push(rest)
      else geenOpdracht(block, rest)
    }
  }
}

/** New text that is judged for a cut-off end: provisions, not a whole regulation, bijlage or toelichting (they end in a signature or a table). */
const CUT_CHECKED: ReadonlySet<string> = new Set(['artikel', 'lid', 'onderdeel', 'subonderdeel'])

/** `de Arbeidstijdenwet` → `Arbeidstijdenwet`. */
function withoutArticle(naam: string): string {
  return naam
    .replace(/^(?:de|het)\s+/i, '')
    .replace(/[.:,;]+$/, '')
    .trim()
}

/**
 * Whether new text stops mid-sentence or mid-word: its last visible characters end in no
 * punctuation that closes a provision (`.`, `;`, `:`, a closing quote or bracket, `; en`, `, of`).
 * A table row or a heading line (a bijlage, an opschrift) is not judged.
 */
export function cutOff(inhoud: string, wat = 'artikel'): { slot: string; woord: boolean } | undefined {
  const lines = inhoud
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
  const last = lines[lines.length - 1]
  if (last === undefined || /^#{1,6}\s/.test(last) || /^\|/.test(last) || /^[-*_]{3,}$/.test(last)) return undefined
  const visible = clean(last.replace(/^>\s*/, ''))
  if (visible === '') return undefined
  if (/[.;:!?)\]"'”’»…]$/.test(visible) || /[;,]\s+(?:en|of|dan wel|alsmede)$/i.test(visible)) return undefined
  // A short line without punctuation in new article text: a title or an article heading (not a cut).
  const numbered = /^(?:>\s*)?(?:\d+[a-z]*|[a-z])\\?[.)]\s/.test(last)
  if (
    wat === 'artikel' &&
    !numbered &&
    lines.length === 1 &&
    visible.length < 80 &&
    !/\s(?:de|het|een|van|en|of|in|op|te|tot|met|voor|die|dat)$/i.test(visible)
  )
    return undefined
  const slot = visible.length > 40 ? `…${visible.slice(-40)}` : visible
  return { slot, woord: /\p{L}$/u.test(visible) }
}

function needsText(op: Operatie): boolean {
  if (TEXT_FOLLOWS.has(op)) return op.soort === 'woorden' && op.vervangingen[0]?.nieuw === ''
  if (op.soort === 'komt-te-luiden' || op.soort === 'invoegen' || op.soort === 'kop-invoegen' || op.soort === 'tabel')
    return op.inhoud === ''
  return false
}

function setInhoud(op: Operatie, inhoud: string): void {
  // New sentences after the colon: plain words, the paragraphs joined, quotes around them dropped.
  if (TEXT_FOLLOWS.has(op) && op.soort === 'woorden' && op.vervangingen[0]) {
    const tekst = inhoud.replace(/\s+/g, ' ').trim()
    op.vervangingen[0].nieuw = /^["„“‘«](.*)["”’»]\.?$/s.exec(tekst)?.[1] ?? tekst
    return
  }
  if (op.soort === 'komt-te-luiden' || op.soort === 'invoegen' || op.soort === 'kop-invoegen' || op.soort === 'tabel')
    op.inhoud = inhoud
  else if (op.soort === 'opschrift') op.inhoud = inhoud
}

function watOf(op: Operatie): string {
  if (op.soort === 'invoegen') return op.wat
  if (op.soort === 'kop-invoegen') return 'kop'
  if (op.soort === 'tabel') return 'tabel'
  if (op.soort === 'komt-te-luiden')
    return op.doel.length === 0 ? 'regeling' : ((op.doel[op.doel.length - 1] as Stap).soort as string)
  return 'tekst'
}

/** For tests: the ordinal word reader. */
export { ordinalNumber, RANK }
