/**
 * References to articles in running text: `artikel 5`, `de artikelen 5, 6 en 7`, `artikel 3 tot en
 * met 7`, `art. 5`, with their sub-parts (`, tweede lid, onderdeel b`) and what follows them: a
 * name of another regulation (`van de Wet op de ondernemingsraden`, `van de CAR`, `CAR-UWO`,
 * `Awb`) makes a reference external; `van dit`/`van deze` keeps it in the same regulation.
 *
 * The grammar follows the citation style of the Aanwijzingen (Ar 3.29) and the looser style of
 * municipal texts (`artikel 10, lid 1`, `artikel 16, lid 2 en 3`, `artikel 3:1, tweede lid onder b`).
 */

/** One article number inside a reference, with its index in the text. */
export interface ReferencedNumber {
  num: string
  index: number
}

export interface Reference {
  /** Index of the keyword (`artikel`) in the text. */
  index: number
  /** The reference as written, keyword to last number or sub-part. */
  text: string
  numbers: ReferencedNumber[]
  /** Another regulation is named (or implied by context): the numbers are not ours. */
  external: boolean
  /**
   * For an external reference, the regulation as the text names it (`Boek 2 van het Burgerlijk
   * Wetboek`, `Gemeentewet`, `ARAR`, `die wet`); `''` when it is only implied by a list.
   */
  regulation?: string
  /**
   * Quoted text or a reading instruction (`voor «artikel 40» gelezen: artikel 122d`): the words
   * belong to the text being quoted or changed, not to this regulation.
   */
  quoted: boolean
  /** The text as it was: `de artikelen 46 en 46a, zoals deze luidden op de dag voor ...`. */
  former: boolean
}

export interface ReferenceOptions {
  /** Names of the regulation itself (citeertitel, opschrift): `van het Sociaal Statuut` is internal. */
  ownNames?: readonly string[]
  /**
   * The regulation is known not to be a wet (its `soort` is `regeling`, `besluit`, …): `van deze wet`
   * then means the wet it rests on, not itself, and is read as `van de wet`.
   */
  notAWet?: boolean
}

const KEYWORD = String.raw`(?<![\p{L}\d])(?:[Aa]rtikel(?:en)?|ARTIKEL(?:EN)?|[Aa]rtt?\.)`
/** `5`, `5a`, `125quater`, `1:2c`, `10d:5`, `2.4`, `II`, `X 7` (Kieswet); also `475 d` (laws-markdown writes `475 *d*`). */
const NUMBER = String.raw`(?:\d+(?:bis|ter|quater|quinquies|sexies|septies|octies|novies|decies|[a-z]{0,3})(?:[:.]\d+[a-z]{0,3})*(?: [a-z](?=[\s,;)]|$))?|[A-Z]{1,2} \d+[a-z]?|[IVXLC]+)(?![\p{L}\d])`
const ORDINAL = '(?:[a-zë]{3,}(?:de|ste)|laatste|vorige|volgende)'
const LETTER = String.raw`(?:[a-z]|aa|bb|cc|dd|ee|ff|gg|hh|ii|jj|kk|ll|mm|nn|oo|pp|qq|rr|ss|tt|uu|vv|ww|xx|yy|zz|[A-Z]{1,2}|\d+°|[ivx]+)(?![\p{L}\d])`
const LIST_JOIN = String.raw`(?:\s*,\s*|\s+(?:en|of|onderscheidenlijk|tot en met|t\/m\.?)\s+|\s*[-–]\s*)`
const RANGE_JOIN = String.raw`(?:\s+(?:en|of|tot en met|t\/m\.?)\s+|\s*[-–]\s*)`

/** Sub-parts after an article number: leden, onderdelen, volzinnen. */
const PART = new RegExp(
  String.raw`^(?:\s*,\s*|\s+)(?:(?:en|of|onderscheidenlijk)\s+)?(?:` +
    [
      String.raw`${ORDINAL}(?:${LIST_JOIN}${ORDINAL})*\s+(?:lid|leden|volzin|volzinnen|zin|alinea)(?![\p{L}])`,
      String.raw`(?:lid|leden)\s+\d+[a-z]?(?:${LIST_JOIN}\d+[a-z]?)*(?![\p{L}\d])`,
      String.raw`(?:aanhef\s+en\s+)?(?:onderdelen|onderdeel|subonderdelen|subonderdeel|onder|sub|letter)\s+${LETTER}(?:${LIST_JOIN}${LETTER})*`,
      String.raw`aanhef(?![\p{L}])`,
      String.raw`\((?:oud|nieuw)\)`,
    ].join('|') +
    ')',
  'u',
)
const START = new RegExp(String.raw`(${KEYWORD})\s*(${NUMBER})`, 'gu')
const NEXT_SINGULAR = new RegExp(`^${RANGE_JOIN}(${NUMBER})`, 'u')
const NEXT_PLURAL = new RegExp(String.raw`^(?:,?${RANGE_JOIN}|\s*,\s*)(${NUMBER})`, 'u')

/** A part of another regulation, between the article and its name: `van Boek 7`, `van titel 9`. */
const CONTAINER =
  /^,?\s+(?:van|uit|in)\s+(?:titel|hoofdstuk|afdeling|paragraaf|boek|deel)\s+[\dIVXLC]+[a-z]?(?:[.:]\d+[a-z]?)*(?![\p{L}\d])/iu
/** `, alsmede hoofdstuk XVII` in `de artikelen 124 en 124a, alsmede hoofdstuk XVII van de Gemeentewet`. */
const ALSO_DIVISION =
  /^,?\s+(?:en|of|alsmede|dan wel)\s+(?:de\s+)?(?:titels?|hoofdstukken|hoofdstuk|afdelingen|afdeling|paragrafen|paragraaf)\s+[\dIVXLC]+[a-z]?(?:[.:]\d+[a-z]?)*(?![\p{L}\d])/iu
/** Between two references of one list: `artikel 5, derde lid, of artikel 10 van de Wet X`. */
const CHAIN = /^,?\s+(?:en|of|alsmede|dan wel|onderscheidenlijk|juncto|jo\.?)\s+(?:in\s+|de\s+)?$/u

const FORMER = /^,?\s+zoals\s+(?:dat|deze|die|het|hij|zij)\s+(?:luidde|luidden|gold|golden)(?![\p{L}])/u

/** Words that abbreviate a regulation (`Awb`, `BW`, `CAR-UWO`, `CAR/UWO`, `WOR`). */
// Two capitals, matched one way only (`[A-Z]\p{L}*[A-Z]\p{L}*` backtracks quadratically on a long word).
const ACRONYM = String.raw`(?:[A-Z][^\P{L}A-Z]*[A-Z]\p{L}*|Awb|Wnra|Wob|Woo|Wor|Sr|Sv|Rv)(?:[-/]\s?[A-Z][\p{L}]*)*(?![\p{L}\d])`
/** A name glued to the number: `artikel 160 Gemeentewet`, `artikel 125 Ambtenarenwet`. */
const NAME_AFTER = /^,?\s+\p{Lu}[\p{L}-]*(?:wet|wetboek|besluit|regeling|reglement|verordening|code)(?![\p{L}])/u
const ACRONYM_AFTER = new RegExp(String.raw`^,?\s+(?:(?:van|uit)\s+(?:de|het|der)\s+)?${ACRONYM}`, 'u')
const ACRONYM_BEFORE = new RegExp(String.raw`(?:^|[\s(/])${ACRONYM}[\s,]*$`, 'u')
/**
 * A name right before the reference, with a comma: `staat in de Wet financiering sociale
 * verzekeringen, artikel 38b lid 1 sub a`, `Gemeentewet, artikel 160`.
 */
const NAME_BEFORE =
  /(?:^|[\s(])(?:de\s+|het\s+)?(\p{Lu}[\p{L}-]*(?:wet|wetboek|besluit|regeling|reglement|verordening)(?:\s+\d{4})?|(?:Wet|Besluit|Regeling|Verordening)\s+[\p{Ll}\d][^,;:.()«»"“”]{1,80}?),\s*$/u
/** `van dit Sociaal Statuut`, `van deze wet`, `van de onderhavige regeling`: the same regulation. */
const SAME = /^,?\s+(?:van|uit|in|bij)\s+(?:dit|deze|de onderhavige|het onderhavige|het huidige)(?![\p{L}])/u
/** `van deze wet` in a regulation that is no wet: the wet it rests on. */
const DEZE_WET = /^,?\s+(?:van|uit|in|bij)\s+deze\s+wet(?![\p{L}])/u
/** `van die wet`, `van dat besluit`, `van diezelfde wet`, `van de Wet ...`, `der Grondwet`, `van Boek 7`. */
const OTHER =
  /^,?\s+(?:(?:van|uit)\s+(?:die|dat|diezelfde|datzelfde|dezelfde|hetzelfde)\s|(?:van|uit)\s+(?:de|het|der)\s+\p{Lu}|der\s+\p{Lu}|van\s+\p{Lu})/u
/** A lowercase name of another instrument: `van de wet`, `van het besluit van 12 mei 1950`. */
const INSTRUMENT =
  /^,?\s+(?:van|uit)\s+(?:de|het)\s+(?:[\p{Ll}\d°.-]+\s+){0,4}?(?:wet|besluit|regeling|verordening|richtlijn|verdrag|overeenkomst|reglement|code)(?![\p{L}])/u

/** All article references in `text`. */
export function findReferences(text: string, options: ReferenceOptions = {}): Reference[] {
  const out: Reference[] = []
  const start = new RegExp(START)
  for (let m = start.exec(text); m; m = start.exec(text)) {
    const ref = readReference(text, m, options)
    out.push(ref)
    start.lastIndex = ref.index + ref.text.length
  }
  // A name at the end of a list of references applies to each: `artikel 5 of artikel 10 van de Wet X`.
  for (let i = out.length - 2; i >= 0; i--) {
    const ref = out[i] as Reference
    const next = out[i + 1] as Reference
    if (next.external && CHAIN.test(text.slice(ref.index + ref.text.length, next.index)) && !ref.external) {
      ref.external = true
      ref.regulation = next.regulation ?? ''
    }
  }
  return out
}

function readReference(text: string, m: RegExpExecArray, options: ReferenceOptions): Reference {
  const plural = /^(?:artikelen|artt\.)$/i.test(m[1] as string)
  const first = m[2] as string
  const numbers: ReferencedNumber[] = [{ num: first.replace(' ', ''), index: m.index + m[0].length - first.length }]
  let end = m.index + m[0].length
  end = skipParts(text, end)
  for (;;) {
    const next = (plural ? NEXT_PLURAL : NEXT_SINGULAR).exec(text.slice(end))
    if (!next) break
    const num = next[1] as string
    numbers.push({ num: num.replace(' ', ''), index: end + next[0].length - num.length })
    end = skipParts(text, end + next[0].length)
  }
  const before = text.slice(Math.max(0, m.index - 100), m.index)
  // `onder a , van de Regeling`: a space before the comma is a typo, not a boundary.
  const after = text.slice(end).replace(/^\s+(?=,)/u, '')
  const external = isExternal(after, before, options)
  const quoted = /gelezen:?\s*(?:de\s+)?$/u.test(before) || isQuoted(text, m.index)
  const former = FORMER.test(after)
  const ref: Reference = { index: m.index, text: text.slice(m.index, end), numbers, external, quoted, former }
  if (external) ref.regulation = regulationName(after, before)
  return ref
}

const ACRONYM_AT_END = new RegExp(String.raw`(${ACRONYM})[\s,]*$`, 'u')
/** Where the name of a regulation ends: punctuation, or a word that continues the sentence. */
const NAME_END = new RegExp(
  String.raw`[,;:()«»"“”\n]|\.(?:\s|$)|\s(?:` +
    [
      String.raw`(?:en|of)\s+(?:de\s+|het\s+)?(?:artikel(?:en)?|hoofdstuk(?:ken)?|afdeling(?:en)?|paragra(?:af|fen)|titels?)`,
      'of|dan wel|onderscheidenlijk|is|zijn|wordt|worden|niet|moet|moeten|kan|kunnen|door|heeft|hebben|treedt',
      'bepaalt|bepalen|regelt|regelen|uitsluitend|verplicht|verplichten|van toepassing|buiten toepassing',
      'geldt|gelden|blijft|vormt|vormen|ontvangt|dat|die|waarin|waarop|indien|voor zover|voorzover|met|ter|als',
      'aan|toe|van overeenkomstige|in samenhang|ten aanzien|bedoeld|bedoelde|genoemd|genoemde|voorgeschreven',
      'gebruik|De|Het|Een|Deze|Dit|Bij|In|Op',
    ].join('|') +
    String.raw`)(?![\p{L}\d])`,
  'u',
)
/** Longest name of a regulation kept from the text. */
const MAX_NAME = 100

/**
 * The regulation an external reference names, as written: the words after the reference up to
 * the next punctuation (`Boek 2 van het Burgerlijk Wetboek`), or the acronym before it (`ARAR`).
 */
function regulationName(after: string, before: string): string {
  const acronym = ACRONYM_AT_END.exec(before)?.[1] ?? NAME_BEFORE.exec(before)?.[1]
  let rest = after
  for (
    let c = CONTAINER.exec(rest) ?? ALSO_DIVISION.exec(rest);
    c;
    c = CONTAINER.exec(rest) ?? ALSO_DIVISION.exec(rest)
  )
    rest = rest.slice(c[0].length)
  const named = ACRONYM_AFTER.test(rest) || NAME_AFTER.test(rest) || OTHER.test(rest) || INSTRUMENT.test(rest)
  if (!named && acronym) return acronym
  // `van het ARAR van toepassing`, `CAR-UWO voorgeschreven`: an abbreviation is the whole name.
  const abbreviation = ACRONYM_AFTER.exec(rest)?.[0]
  if (abbreviation !== undefined) return abbreviation.replace(/^,?\s+(?:(?:van|uit)\s+(?:de|het|der)\s+)?/u, '')
  const lead = /^,?\s+(?:(?:van|uit|in)\s+)?/u.exec(after)
  let name = after.slice(lead?.[0].length ?? 0, (lead?.[0].length ?? 0) + MAX_NAME * 2)
  const stop = NAME_END.exec(name)
  if (stop) name = name.slice(0, stop.index)
  name = name.replace(/^(?:de|het|der)\s+/u, '').trim()
  return name.length > MAX_NAME ? `${name.slice(0, name.lastIndexOf(' ', MAX_NAME))} …` : name
}

function skipParts(text: string, from: number): number {
  let end = from
  for (let p = PART.exec(text.slice(end)); p; p = PART.exec(text.slice(end))) end += p[0].length
  return end
}

function isExternal(after: string, before: string, options: ReferenceOptions): boolean {
  if (ACRONYM_BEFORE.test(before) || NAME_BEFORE.test(before)) return true
  let rest = after
  for (
    let c = CONTAINER.exec(rest) ?? ALSO_DIVISION.exec(rest);
    c;
    c = CONTAINER.exec(rest) ?? ALSO_DIVISION.exec(rest)
  )
    rest = rest.slice(c[0].length)
  if (options.notAWet && DEZE_WET.test(rest)) return true
  if (SAME.test(rest)) return false
  if (namesItself(rest, options.ownNames ?? [])) return false
  return ACRONYM_AFTER.test(rest) || NAME_AFTER.test(rest) || OTHER.test(rest) || INSTRUMENT.test(rest)
}

/** `van het Sociaal Statuut` in the Sociaal Statuut Samenwerking CGM 2012: its own (short) name. */
function namesItself(after: string, ownNames: readonly string[]): boolean {
  const m = /^,?\s+(?:van|uit)\s+(?:de|het)\s+/u.exec(after)
  if (!m) return false
  const rest = after.slice(m[0].length)
  return ownNames.some((own) => {
    const words = own.trim().split(/\s+/)
    if (words.length === 0 || words[0] === '') return false
    if (startsWithWords(rest, words)) return true
    // A short name: the first two (capitalised) words of the title, and no capitalised word after.
    const short = words.slice(0, 2)
    if (words.length <= 2 || !short.every((w) => /^\p{Lu}/u.test(w)) || !startsWithWords(rest, short)) return false
    const next = rest.slice(short.join(' ').length).trimStart()
    return !/^\p{Lu}/u.test(next)
  })
}

function startsWithWords(text: string, words: readonly string[]): boolean {
  const name = words.join(' ').toLowerCase()
  const head = text.slice(0, name.length).replace(/\s+/g, ' ').toLowerCase()
  return head === name && !/^[\p{L}\d]/u.test(text.slice(name.length))
}

const QUOTES: ReadonlyArray<readonly [string, string]> = [
  ['«', '»'],
  ['“', '”'],
  ['„', '”'],
  ['‘', '’'],
]

/** Whether `index` lies between an opening and a closing quotation mark. */
function isQuoted(text: string, index: number): boolean {
  const before = text.slice(0, index)
  const after = text.slice(index)
  for (const [open, close] of QUOTES) {
    const opened = before.lastIndexOf(open)
    if (opened >= 0 && before.indexOf(close, opened + 1) < 0 && after.includes(close)) return true
  }
  const straight = before.split('"').length - 1
  return straight % 2 === 1 && after.includes('"')
}

const HEADING = new RegExp(String.raw`^\s*${KEYWORD}\s*(${NUMBER})`, 'u')

/** The number of a heading that reads as an article heading (`Artikel 125quater`), if any. */
export function articleHeadingNumber(text: string): string | undefined {
  return HEADING.exec(text)?.[1]?.replace(' ', '')
}
