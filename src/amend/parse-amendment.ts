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
import { inContext, ordinalNumber, RANK, readNumberList, readPlaats } from './citation.js'
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

const INSTRUCTION =
  /(komt (?:als volgt )?te luiden|\bvervalt\b|\bvervallen\b|vervangen door|\bingevoegd\b|\btoegevoegd\b|wordt als volgt gewijzigd|wordt geplaatst|\bgeschrapt\b)/i
const STARTS =
  /^(?:In|Aan|Na|Voor|Onder|Het|De|Dit|Artikel|Artikelen|Onderdeel|Lid|Bijlage|Hoofdstuk|Afdeling|Paragraaf|Titel|Met ingang van)\b/i

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
  const doel = inContext(readPlaats(m[1] as string), context)
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

function readRenumbering(text: string, soortHint: StapSoort | undefined): Vernummering | undefined {
  const m =
    /onder\s+(vernummering|verlettering)\s+van\s+(.+?)\s+tot\s+(?!en met)(.+?)(?=,?\s+(?:wordt|worden|vervalt|vervallen)\b|\.?$)/i.exec(
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
  'artikel(?:en)?|leden|lid|onderdel(?:en)?|onderdeel|subonderdel(?:en)?|subonderdeel|hoofdstuk(?:ken)?|afdeling(?:en)?|paragra(?:af|fen)|titel(?:s)?|bijlage(?:n)?|toelichting|aanhef|ondertekening'

function singular(kind: string): string {
  const k = kind.toLowerCase()
  if (k.startsWith('artikel')) return 'artikel'
  if (k === 'leden' || k === 'lid') return 'lid'
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

/** An instruction that inserts or adds (`ingevoegd`, `toegevoegd`). */
function readInsert(text: string, context: Plaats): Operatie | string {
  const wat =
    new RegExp(`\\b${COUNT}\\s+(?:nieuwe?\\s+)?(${KINDS})\\b`, 'i').exec(text)?.[1] ??
    (/het volgende/i.test(text) ? 'tekst' : undefined) ??
    new RegExp(`\\bwordt\\s+(${KINDS})\\s+\\S+\\s+(?:ingevoegd|toegevoegd)`, 'i').exec(text)?.[1]
  if (!wat) return 'niet te lezen wat er wordt ingevoegd'
  const kind = singular(wat)
  const op: Extract<Operatie, { soort: 'invoegen' }> = { soort: 'invoegen', wat: kind, ouder: context, inhoud: '' }
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
    }
  }
  return op
}

function startsWith(a: Plaats, prefix: Plaats): boolean {
  return prefix.every((s, i) => a[i]?.soort === s.soort && a[i]?.num === s.num)
}

/** `De artikelen 2:6, 5:13 en 7:5 vervallen.` */
/**
 * Several leden or onderdelen of one provision: `Het tweede en derde lid vervallen, onder
 * vernummering van …`, `In artikel 5 vervallen de onderdelen c en d.`
 */
function readRepealMany(text: string, context: Plaats): Operatie | undefined {
  const list = '(het\\s+.+?\\s+lid|de\\s+(?:sub)?onderdelen\\s+.+?)'
  const m =
    new RegExp(`^in\\s+(.+?),?\\s+vervallen\\s+${list}(,\\s+onder\\s.*?)?\\.?$`, 'i').exec(text) ??
    new RegExp(`^()${list}\\s+vervallen(,\\s+onder\\s.*?)?\\.?$`, 'i').exec(text)
  if (!m) return undefined
  const phrase = m[2] as string
  const soort: StapSoort = /\blid$/i.test(phrase) ? 'lid' : /subonderdelen/i.test(phrase) ? 'subonderdeel' : 'onderdeel'
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
  const nums =
    kind === 'artikel'
      ? (m[2] as string).split(/\s*,\s*|\s+en\s+/).map((s) => s.trim())
      : readNumberList(`${m[1]} ${m[2]}`)
  const base = kind === 'artikel' ? [] : context
  return { soort: 'vervalt', doelen: nums.map((num) => [...base, { soort: kind, num }]) }
}

/** One sentence to an operation, or the reason it cannot be read. */
export function readInstruction(source: string, context: Plaats): Operatie | string {
  let text = source.replace(/[ \t\r\n]+/g, ' ').trim()
  text = text.replace(/^met ingang van \d{1,2} \S+ \d{4},?\s*/i, '')
  const plainText = clean(text)
  const hasQuotes = /["„“‘«]/.test(text)
  if (/^in\s/i.test(plainText) && hasQuotes) return readWords(text, context)
  if (/\bwordt\b[^"„“‘«]*["„“‘«]/.test(text) && /geschrapt/.test(text)) {
    const m = /^in\s+(.+?)\s+wordt/i.exec(plainText)
    if (m) return readWords(text, context)
  }
  const opschrift = /^het opschrift(?:\s+van\s+(.+?))?\s+(komt te luiden|vervalt)\s*:?\s*(.*)$/i.exec(plainText)
  if (opschrift) {
    const doel = opschrift[1] ? inContext(readPlaats(opschrift[1]), context) : context
    if (doel.length === 0) return { soort: 'komt-te-luiden', doel: [{ soort: 'opschrift' }], inhoud: '' }
    if (/vervalt/i.test(opschrift[2] as string)) return { soort: 'opschrift', doel, inhoud: '' }
    const inline = (opschrift[3] as string).replace(/\.$/, '').trim()
    return inline ? { soort: 'opschrift', doel, inhoud: '', titel: inline } : { soort: 'opschrift', doel, inhoud: '' }
  }
  if (/^de tekst van de regeling komt te luiden/i.test(plainText))
    return { soort: 'komt-te-luiden', doel: [], inhoud: '' }
  const many = readRepealMany(plainText, context)
  if (many) return many
  const repeal = readRepealList(plainText, context)
  if (repeal) return repeal
  if (/\b(ingevoegd|toegevoegd)\b/i.test(plainText)) return readInsert(plainText, context)
  const luiden = /^(.+?)\s+(?:wordt gewijzigd en\s+)?komt\s+(?:als volgt\s+)?te\s+luiden\b/i.exec(plainText)
  if (luiden) {
    const doel = inContext(readPlaats(luiden[1] as string), context)
    if (doel.length === 0 && !/regeling/i.test(luiden[1] as string))
      return `niet te lezen welke bepaling "${luiden[1]}" is`
    return { soort: 'komt-te-luiden', doel, inhoud: '' }
  }
  const vervalt = /^(.+?)\s+vervalt\b(.*)$/i.exec(plainText)
  if (vervalt) {
    const doel = inContext(readPlaats(vervalt[1] as string), context)
    if (doel.length === 0) return `niet te lezen welke bepaling "${vervalt[1]}" is`
    const op: Extract<Operatie, { soort: 'vervalt' }> = { soort: 'vervalt', doelen: [doel] }
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
    if (title !== undefined) out.push(`**${title}**`)
    title = undefined
    if (inArtikel || wat === 'lid' || wat === 'onderdeel') p = p.replace(/^(\d+[a-z]?)\\\./, '$1.')
    out.push(p)
  })
  if (title !== undefined) out.push(`**${title}**`)
  return out.join('\n\n')
}

// ---- the document ---------------------------------------------------------------------------------

const ITEM_ALONE = /^(?:#{1,6}\s*)?(?:[-•*]\s*)?([A-Z]{1,3})\.?\s*$/
const ITEM_WITH_TEXT = /^(?:[-•*]\s*)?([A-Z]{1,3})[.)]\s+(.+)$/s
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
  let itemContext: Plaats = []
  let sub: string | undefined
  let pending: { op: GelezenOpdracht; loose: string[]; wat: string } | undefined
  let inArtikelII = false
  let ingang: string | undefined

  const finish = () => {
    if (!pending) return
    const { op, loose, wat } = pending
    if (loose.length > 0) setInhoud(op.operatie, normaliseLooseText(loose, wat))
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
    const read = readInstruction(sentence, itemContext)
    if (typeof read === 'string') {
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
  }

  let redactioneel = false
  let weergave: GelezenOpdracht | undefined
  for (const block of blocks(fm.body)) {
    if (block.kind === 'para' && /^#{1,6}\s*Redactionele bijwerking\s*$/i.test(block.text.trim())) {
      finish()
      redactioneel = true
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
    if (block.kind === 'quote') {
      if (pending && pending.loose.length === 0) {
        setInhoud(pending.op.operatie, block.text)
        pending = undefined
      } else if (pending) pending.loose.push(block.text)
      continue
    }
    const t = block.text.trim()
    const roman = ARTIKEL_ROMAN.exec(t)
    if (roman) {
      finish()
      inArtikelII = roman[1]?.toUpperCase() !== 'I'
      letter = ''
      itemContext = []
      continue
    }
    const d = datesIn(clean(t))
    if (d.inwerkingtreding) result.inwerkingtreding = result.inwerkingtreding ?? d.inwerkingtreding
    if (d.terugwerkendeKracht) result.terugwerkendeKracht = result.terugwerkendeKracht ?? d.terugwerkendeKracht
    if (inArtikelII && !isInstruction(t)) continue
    const alone = ITEM_ALONE.exec(t)
    if (alone && !/^#\s/.test(t)) {
      finish()
      letter = alone[1] as string
      itemContext = []
      sub = undefined
      continue
    }
    const withText = ITEM_WITH_TEXT.exec(t)
    if (withText && isInstruction(withText[2] as string)) {
      finish()
      letter = withText[1] as string
      itemContext = []
      sub = undefined
      handleSentence(withText[2] as string, block, letter)
      continue
    }
    const subItem = SUB_ITEM.exec(t)
    if (subItem && isInstruction(subItem[2] as string) && !(pending && pending.loose.length === 0 && !letter)) {
      finish()
      sub = subItem[1] as string
      handleSentence(subItem[2] as string, block, `${letter}${letter ? '.' : ''}${sub}`)
      continue
    }
    if (pending) {
      pending.loose.push(block.text)
      continue
    }
    if (isInstruction(t) && letter) {
      handleSentence(t, block, letter)
    }
  }
  finish()
  if (weergave) fout(file, `Bij «${weergave.tekst}» ontbreekt de tekst`, weergave, 'wijziging-zonder-tekst')
  if (ingang && !result.inwerkingtreding) result.inwerkingtreding = ingang
  return result

  function handleSentence(source: string, block: Block, label: string): void {
    const plainText = clean(source)
    const aanhef = /^(.+?)\s+wordt\s+als\s+volgt\s+gewijzigd:?$/i.exec(plainText)
    if (aanhef) {
      result.aantal++
      const p = readPlaats(aanhef[1] as string)
      if (p.length > 0 || /regeling/i.test(aanhef[1] as string)) {
        // A sub-item's aanhef ("3. Het zesde lid wordt als volgt gewijzigd:") narrows the item's.
        itemContext = sub !== undefined ? inContext(p, itemContext) : p
        return
      }
      if (!/wordt als volgt gewijzigd:?$/i.test(plainText) || /^(de|het)\s/i.test(plainText)) return
    }
    instruction(source, block, label)
  }
}

function needsText(op: Operatie): boolean {
  if (op.soort === 'komt-te-luiden' || op.soort === 'invoegen') return op.inhoud === ''
  return false
}

function setInhoud(op: Operatie, inhoud: string): void {
  if (op.soort === 'komt-te-luiden' || op.soort === 'invoegen') op.inhoud = inhoud
  else if (op.soort === 'opschrift') op.inhoud = inhoud
}

function watOf(op: Operatie): string {
  if (op.soort === 'invoegen') return op.wat
  if (op.soort === 'komt-te-luiden')
    return op.doel.length === 0 ? 'regeling' : ((op.doel[op.doel.length - 1] as Stap).soort as string)
  return 'tekst'
}

/** For tests: the ordinal word reader. */
export { ordinalNumber, RANK }
