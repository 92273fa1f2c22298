/**
 * The sentences of a wijzigingsbesluit (DOMAIN.md §4, Ar 6.9–6.15), written from operations. The
 * reader in `parse-amendment.ts` is their inverse and also accepts the looser real-world forms.
 */
import { toMarkdown } from 'mdast-util-to-markdown'
import type { Operatie, Plaats, Stap, Vernummering, Vervanging } from '../model/amendment.js'
import { ordinal } from '../model/glossary.js'
import { capital, numberListWords, plaatsWords, quoteTitel, sameStap, stapWords } from './citation.js'

/**
 * Pairs of quotes tried in turn: the first whose closing mark the quoted words do not contain. The
 * typographic Dutch pair „…” comes first, as printed besluiten quote; words that hold one of its
 * marks get another pair.
 */
export const QUOTES: ReadonlyArray<readonly [string, string]> = [
  ['„', '”'],
  ['"', '"'],
  ['‘', '’'],
  ['«', '»'],
]

/** Inline Markdown for plain words (escapes `*`, `_`, `[` and the like). */
export function escapeInline(text: string): string {
  if (text === '') return ''
  return toMarkdown({ type: 'paragraph', children: [{ type: 'text', value: text }] }).replace(/\n+$/, '')
}

/** The marks a reader takes as the end of a quote opened by each mark (`parse-amendment.ts`). */
export const CLOSERS: Readonly<Record<string, string>> = {
  '"': '"”',
  '„': '”"“',
  '“': '”"',
  '‘': "’'",
  '«': '»',
  "'": "'’",
}

/** Whether `markdown` can stand between `open` and `close`: it holds neither, nor a mark that would end it early. */
function fits(markdown: string, open: string, close: string): boolean {
  return [open, close, ...(CLOSERS[open] ?? '')].every((m) => !markdown.includes(m))
}

/** Words between quotes that the words themselves do not contain. */
export function quote(markdown: string): string {
  const pair = QUOTES.find(([open, close]) => fits(markdown, open, close)) ?? QUOTES[0]
  const [open, close] = pair as readonly [string, string]
  return `${open}${markdown}${close}`
}

/** Whether words can be quoted on one line at all. */
export function quotable(markdown: string): boolean {
  return !markdown.includes('\n') && QUOTES.some(([open, close]) => fits(markdown, open, close))
}

function clause(v: Vervanging): string {
  const oud = escapeInline(v.oud)
  if (v.nieuw === '') return `vervalt ${quote(oud)}`
  const rest = v.nieuw.slice(oud.length)
  if (v.nieuw.startsWith(oud) && /^ [^\s,.;:)]/.test(rest))
    return `wordt na ${quote(oud)} ingevoegd ${quote(rest.slice(1))}`
  // Words that begin with a punctuation mark follow the quoted words without a space.
  if (v.nieuw.startsWith(oud) && /^[,;:)][\s\S]*\S$/.test(rest))
    return `wordt na ${quote(oud)} ingevoegd ${quote(rest)}`
  if (v.nieuw.endsWith(` ${oud}`) && v.nieuw.length > oud.length + 1)
    return `wordt voor ${quote(oud)} ingevoegd ${quote(v.nieuw.slice(0, -oud.length - 1))}`
  return `wordt ${quote(oud)} vervangen door ${quote(v.nieuw)}`
}

function list(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} en ${parts[parts.length - 1]}`
}

function renumbering(v: Vernummering): string {
  const letters = v.van.every((n) => /^[a-z]+$/.test(n))
  const word = letters ? 'verlettering' : 'vernummering'
  return `${word} van ${numberListWords(v.soort, v.van)} tot ${numberListWords(v.soort, v.naar, false)}`
}

const WHAT: Readonly<Record<string, string>> = {
  tekst: 'het volgende',
  aanhef: 'een aanhef',
  opschrift: 'een opschrift',
}

const COUNT_WORDS: Readonly<Record<number, string>> = {
  2: 'twee',
  3: 'drie',
  4: 'vier',
  5: 'vijf',
  6: 'zes',
  7: 'zeven',
  8: 'acht',
  9: 'negen',
  10: 'tien',
}

const PLURAL: Readonly<Record<string, string>> = {
  lid: 'leden',
  onderdeel: 'onderdelen',
  subonderdeel: 'subonderdelen',
  artikel: 'artikelen',
  gedachtestreepje: 'gedachtestreepjes',
}

/**
 * Gedachtestreepjes of one provision in words (`veertiende`, `derde en vierde`, `derde tot en met
 * vijfde`), when every place ends in one and all stand in the same provision; undefined otherwise.
 */
function streepjes(doelen: Plaats[]): { words: string } | undefined {
  const first = doelen[0]
  if (!first || first.length === 0) return undefined
  const ouder = first.slice(0, -1)
  const nums: string[] = []
  for (const d of doelen) {
    const last = d[d.length - 1]
    if (last?.soort !== 'gedachtestreepje' || !same(d.slice(0, -1), ouder)) return undefined
    nums.push(last.num ?? '')
  }
  const words = nums.map((n) => ordinal(n))
  const consecutive = nums.length > 2 && nums.every((n, i) => i === 0 || Number(n) === Number(nums[i - 1]) + 1)
  if (consecutive) return { words: `${words[0]} tot en met ${words[words.length - 1]}` }
  return { words: list(words) }
}

/**
 * Consecutive leden from `van` up to and including `tot`: `het tweede en derde lid` (two), `het
 * derde tot en met het zesde lid` (more), as `parse-amendment.ts` reads them back.
 */
function reeksWords(van: Stap, tot: Stap): string {
  const a = van.num ?? ''
  const b = tot.num ?? ''
  if (van.soort !== 'lid' || tot.soort !== 'lid' || !/^\d+$/.test(a) || !/^\d+$/.test(b) || Number(b) <= Number(a))
    throw new TypeError(`reeksWords: geen reeks leden (${a} tot en met ${b})`)
  if (Number(b) === Number(a) + 1) return `het ${ordinal(a)} en ${ordinal(b)} lid`
  return `het ${ordinal(a)} tot en met het ${ordinal(b)} lid`
}

function what(wat: string): string {
  return WHAT[wat] ?? `een ${wat}`
}

function same(a: Plaats, b: Plaats): boolean {
  return a.length === b.length && a.every((s, i) => sameStap(b[i], s))
}

/**
 * The sentence of an operation. `rel` is the provision the item names in its aanhef (`Artikel 8
 * wordt als volgt gewijzigd:`): places inside it are written relative to it (`het derde lid`).
 * `opschriftVervalt`: the new heading is empty.
 */
export function sentence(op: Operatie, rel: Plaats = [], opschriftVervalt = false): string {
  const w = (p: Plaats) => plaatsWords(p, rel)
  // Ar 3.29: a citation in parts is closed by a comma before the verb ("Artikel 18, derde lid, vervalt").
  const wv = (p: Plaats) => {
    const words = w(p)
    return words.includes(',') ? `${words},` : words
  }
  // Ar 3.29: a citation in parts is closed by a comma ("van artikel 125, eerste lid, onderdeel m, door").
  const komma = (x: string) => (x.includes(',') ? `${x},` : x)
  switch (op.soort) {
    case 'komt-te-luiden':
      if (op.doel.length === 0) return 'De tekst van de regeling komt te luiden:'
      if (op.totEnMet) {
        // "Het tweede en derde lid komen te luiden:" (Stb. 2017, 311), "Het derde tot en met het
        // zesde lid komen te luiden:"; outside an item of several: "… van artikel 24 komen te luiden:".
        const ouder = op.doel.slice(0, -1)
        const words = reeksWords(op.doel[op.doel.length - 1] as Stap, op.totEnMet[op.totEnMet.length - 1] as Stap)
        if (same(ouder, rel) && rel.length > 0) return `${capital(words)} komen te luiden:`
        return `${capital(words)} van ${w(ouder)} komen te luiden:`
      }
      return `${capital(wv(op.doel))} komt te luiden:`
    case 'opschrift':
      // A division without a number gets its new title inline, as its citation quotes the old one.
      if (op.titel !== undefined) return `Het opschrift van ${w(op.doel)} komt te luiden: ${quoteTitel(op.titel)}.`
      return opschriftVervalt
        ? `Het opschrift van ${wv(op.doel)} vervalt.`
        : `Het opschrift van ${wv(op.doel)} komt te luiden:`
    case 'woorden': {
      const [v] = op.vervangingen
      // "Aan het eerste lid wordt een zin toegevoegd, luidende: „…”." (a sentence after the closing punt)
      if (op.vervangingen.length === 1 && v?.aanHetSlot && v.oud === '')
        return `Aan ${komma(w(op.doel))} wordt een zin toegevoegd, luidende: ${quote(v.nieuw)}.`
      return `In ${wv(op.doel)} ${list(op.vervangingen.map(clause))}.`
    }
    case 'aanduiding': {
      if (op.actie === 'geplaatst')
        return same(op.doel, rel) && rel.length > 0
          ? 'Voor de tekst wordt de aanduiding „1.” geplaatst.'
          : `In ${wv(op.doel)} wordt voor de tekst de aanduiding „1.” geplaatst.`
      const artikel = op.doel.slice(0, -1)
      const lid = plaatsWords(op.doel, artikel)
      return same(artikel, rel) && rel.length > 0
        ? `De aanduiding „1.” voor ${lid} vervalt.`
        : `In ${wv(artikel)} vervalt de aanduiding „1.” voor ${lid}.`
    }
    case 'vervalt': {
      // "Artikel 9, tweede lid, alsmede de aanduiding ‘1.’ voor het eerste lid vervallen."
      const alsmede = op.aanduiding
        ? ` alsmede de aanduiding „1.” voor ${plaatsWords(op.aanduiding, op.aanduiding.slice(0, -1))}`
        : ''
      const tail = (out: string) => {
        let t = out
        if (op.vernummering) t += `, onder ${renumbering(op.vernummering)}`
        if (op.slotPunt) {
          // "… van het derde gedachtestreepje door een punt": in the provision the sentence names.
          const laatste = op.slotPunt[op.slotPunt.length - 1] as Stap
          const streepjeErnaast =
            laatste.soort === 'gedachtestreepje' && same(op.slotPunt.slice(0, -1), (op.doelen[0] ?? []).slice(0, -1))
          const slot = streepjeErnaast ? `het ${stapWords(laatste)}` : wv(op.slotPunt)
          t += `, onder vervanging van de puntkomma aan het slot van ${slot} door een punt`
        }
        return `${t}.`
      }
      // "In artikel 2, eerste lid, vervallen het derde en vierde gedachtestreepje." (Ar: a
      // gedachtestreepje has no number; it is cited by its place among the others).
      const streepje = streepjes(op.doelen)
      if (streepje) {
        const ouder = (op.doelen[0] as Plaats).slice(0, -1)
        const words = `het ${streepje.words} gedachtestreepje`
        const verb = op.doelen.length > 1 ? 'vervallen' : 'vervalt'
        if (same(ouder, rel) && rel.length > 0) return tail(`${capital(words)} ${verb}`)
        return tail(`In ${wv(ouder)} ${verb} ${words}`)
      }
      if (op.doelen.length > 1) {
        const first = op.doelen[0] as Plaats
        const soort = first[first.length - 1]?.soort
        const nums = op.doelen.map((d) => d[d.length - 1]?.num ?? '')
        if (soort === 'artikel') return `De artikelen ${list(nums)} vervallen.`
        // "Het tweede en derde lid vervallen." / "In artikel 5 vervallen de onderdelen c en d."
        const words = numberListWords(soort as Vernummering['soort'], nums)
        const ouder = first.slice(0, -1)
        if (same(ouder, rel) && rel.length > 0) return tail(`${capital(words)}${alsmede} vervallen`)
        return tail(`In ${wv(ouder)} vervallen ${words}${alsmede}`)
      }
      if (alsmede) return tail(`${capital(wv(op.doelen[0] ?? []))}${alsmede} vervallen`)
      let out = `${capital(wv(op.doelen[0] ?? []))} vervalt`
      out = tail(out)
      return out
    }
    case 'invoegen': {
      const several = op.aantal !== undefined && op.aantal > 1
      const tail = several
        ? `${COUNT_WORDS[op.aantal as number] ?? op.aantal} ${PLURAL[op.wat] ?? op.wat}`
        : what(op.wat)
      const wordt = several ? 'worden' : 'wordt'
      // "In artikel 2, eerste lid, wordt na het dertiende gedachtestreepje een gedachtestreepje ingevoegd, luidende:"
      const anchor = op.na ?? op.voor
      if (anchor && !op.vernummering && anchor[anchor.length - 1]?.soort === 'gedachtestreepje') {
        const where = `${op.na ? 'na' : 'voor'} het ${stapWords(anchor[anchor.length - 1] as Stap)}`
        const ouder = anchor.slice(0, -1)
        if (same(ouder, rel) && rel.length > 0) return `${capital(where)} ${wordt} ${tail} ingevoegd, luidende:`
        return `In ${wv(ouder)} ${wordt} ${where} ${tail} ingevoegd, luidende:`
      }
      // "Onder vernummering van het derde lid tot vierde lid wordt na het tweede lid een lid ingevoegd"
      if (op.vernummering && op.na)
        return `Onder ${renumbering(op.vernummering)} ${wordt} na ${wv(op.na)} ${tail} ingevoegd, luidende:`
      if (op.vernummering && op.voor)
        return `Onder ${renumbering(op.vernummering)} ${wordt} voor ${wv(op.voor)} ${tail} ingevoegd, luidende:`
      if (op.na) return `Na ${wv(op.na)} ${wordt} ${tail} ingevoegd, luidende:`
      if (op.voor) return `Voor ${wv(op.voor)} ${wordt} ${tail} ingevoegd, luidende:`
      const where = same(op.ouder, rel) && rel.length > 0 ? '' : ` in ${w(op.ouder)}`
      if (op.vernummering) return `Onder ${renumbering(op.vernummering)} ${wordt}${where} ${tail} ingevoegd, luidende:`
      const aan = same(op.ouder, rel) && rel.length > 0 ? plaatsWords(op.ouder) : w(op.ouder)
      if (op.puntkomma) {
        // "… van het tweeëndertigste gedachtestreepje door een puntkomma wordt aan het eerste lid …"
        const laatste = op.puntkomma[op.puntkomma.length - 1] as Stap
        const slot =
          laatste.soort === 'gedachtestreepje' && same(op.puntkomma.slice(0, -1), op.ouder)
            ? `het ${stapWords(laatste)}`
            : wv(op.puntkomma)
        return `Onder vervanging van de punt aan het slot van ${slot} door een puntkomma ${wordt} aan ${komma(aan)} ${tail} toegevoegd, luidende:`
      }
      return `Aan ${komma(aan)} ${wordt} ${tail} toegevoegd, luidende:`
    }
    case 'vernummeren':
      // "Paragraaf 1 van hoofdstuk I wordt vernummerd tot afdeling 1." (the new place is named alone:
      // it stays where it is)
      return `${capital(wv(op.doel))} wordt vernummerd tot ${plaatsWords([op.naar])}.`
    case 'kop-invoegen':
      return `Voor ${w(op.voor)} wordt ingevoegd:`
    case 'tabel':
      // "De tabel in bijlage I komt te luiden:" (circulaire BZK BWBR0027067, onder L and M): Ar 6.9's
      // "komt te luiden" for a part replaced whole, the table named by the provision that holds it.
      if (same(op.doel, rel) && rel.length > 0) return 'De tabel komt te luiden:'
      return `De tabel in ${wv(op.doel)} komt te luiden:`
    case 'verplaatsen':
      if (op.na) return `${capital(w(op.doel))} wordt geplaatst na ${w(op.na)}.`
      if (op.voor) return `${capital(w(op.doel))} wordt geplaatst voor ${w(op.voor)}.`
      return `${capital(w(op.doel))} wordt geplaatst aan het slot van ${w(op.ouder ?? [])}.`
  }
}
