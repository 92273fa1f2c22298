/**
 * The one place where Dutch node types meet their id abbreviations.
 *
 * The abbreviations follow the Dutch STOP practice (`hfd`, `afd`, `par`, `art`, `lid`) rather
 * than Akoma Ntoso's English ones (`chp`, `sec`, `art`, `para`, `point`), because the people who
 * read the ids are Dutch lawyers.
 */
export const ID_PREFIX = {
  titel: 'tit',
  hoofdstuk: 'hfd',
  afdeling: 'afd',
  paragraaf: 'par',
  artikel: 'art',
  lid: 'lid',
  onderdeel: 'ond',
  subonderdeel: 'sub',
  bijlage: 'bijl',
  toelichting: 'tlcht',
  artikeltoelichting: 'atl',
  aanhef: 'aanhef',
  opschrift: 'opschrift',
  ondertekening: 'ondtek',
} as const

/** The word a heading starts with, per division type, as written in canonical Markdown. */
export const DIVISION_KEYWORD = {
  titel: 'Titel',
  hoofdstuk: 'Hoofdstuk',
  afdeling: 'Afdeling',
  paragraaf: 'Paragraaf',
} as const

/** Rank of divisions: a heading closes every open division of the same or a lower rank. */
export const DIVISION_RANK = { titel: 1, hoofdstuk: 2, afdeling: 3, paragraaf: 4 } as const

/** Ordinal words for leden (Ar 3.29: "het tweede lid", never "lid 2"). */
const ORDINALS = [
  'nulde',
  'eerste',
  'tweede',
  'derde',
  'vierde',
  'vijfde',
  'zesde',
  'zevende',
  'achtste',
  'negende',
  'tiende',
  'elfde',
  'twaalfde',
  'dertiende',
  'veertiende',
  'vijftiende',
  'zestiende',
  'zeventiende',
  'achttiende',
  'negentiende',
  'twintigste',
]
const UNITS = ['', 'een', 'twee', 'drie', 'vier', 'vijf', 'zes', 'zeven', 'acht', 'negen']
const TENS = ['', '', 'twintig', 'dertig', 'veertig', 'vijftig', 'zestig', 'zeventig', 'tachtig', 'negentig']

/** `5` → `vijfde`, `21` → `eenentwintigste`; other numbers (`2a`) are returned as written. */
export function ordinal(num: string): string {
  if (!/^\d+$/.test(num)) return num
  const n = Number(num)
  if (n < ORDINALS.length) return ORDINALS[n] as string
  if (n < 100) {
    const unit = n % 10
    const tens = TENS[Math.floor(n / 10)] as string
    if (unit === 0) return `${tens}ste`
    const u = UNITS[unit] as string
    const joiner = u.endsWith('e') ? 'ën' : 'en'
    return `${u}${joiner}${tens}ste`
  }
  return num
}
