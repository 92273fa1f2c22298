/**
 * Provisions in words and back: `artikel 10, vijfde lid, onderdeel b` ⇄ a `Plaats`. Generated
 * sentences use the Aanwijzingen forms (Ar 3.29: ordinal words for leden, `onder 1°` for
 * subonderdelen); the reader accepts the looser forms of real texts (`lid 2`, `Onderdeel c van het
 * eerste lid`, `Het tweede lid van artikel 1:4`).
 */
import type { PhrasingContent } from 'mdast'
import { phrasingText } from '../diff/index.js'
import { headingOf, numOf } from '../model/access.js'
import type { Plaats, Stap, StapSoort } from '../model/amendment.js'
import { lidWords, stepWords } from '../model/citation.js'
import { ordinal } from '../model/glossary.js'
import type { RegelingNode } from '../model/nodes.js'
import { isDivision as isDivisionNode } from '../model/registry.js'

const SINGLETON_WORDS: Readonly<Record<string, string>> = {
  opschrift: 'het opschrift',
  aanhef: 'de aanhef',
  ondertekening: 'de ondertekening',
  toelichting: 'de toelichting',
}

/** Rank of a step in the hierarchy: a path lists steps in rising rank. */
export const RANK: Readonly<Record<StapSoort, number>> = {
  opschrift: 0,
  aanhef: 0,
  ondertekening: 0,
  toelichting: 0,
  bijlage: 0,
  titel: 1,
  hoofdstuk: 2,
  afdeling: 3,
  paragraaf: 4,
  artikel: 5,
  lid: 6,
  onderdeel: 7,
  subonderdeel: 8,
  // A gedachtestreepje stands in a lid or an onderdeel: always the last step of a path.
  gedachtestreepje: 9,
}

export { lidWords }

/** One step in words, without article (`tweede lid`, `onderdeel b`, `onder 1°`, `hoofdstuk 2`, `paragraaf „Slotbepalingen”`). */
export function stapWords(stap: Stap): string {
  if (stap.titel !== undefined) return `${stap.soort} ${quoteTitel(stap.titel)}`
  if (stap.soort === 'gedachtestreepje') return streepjeWords(stap.num ?? '')
  return stepWords({ type: stap.soort, num: stap.num }) ?? stap.soort
}

/** `14` → `veertiende gedachtestreepje` (ordinal words, as for leden: Ar 3.29). */
export function streepjeWords(num: string): string {
  return `${ordinal(num)} gedachtestreepje`
}

// ---- divisions without a number, by their title ----------------------------------------------------

/** The article of a division type in running text: `het hoofdstuk`, `de paragraaf`. */
const DIVISION_LIDWOORD: Readonly<Record<string, string>> = { hoofdstuk: 'het' }

/**
 * Quote pairs for a title, tried in turn (the Dutch „…” first, as printed besluiten quote): the
 * first whose marks, and every mark a reader would take as its end, the title does not contain.
 * The same order as the quotes of words in `phrase.ts`; kept here so that citations do not depend
 * on the sentence writer.
 */
const TITEL_QUOTES: ReadonlyArray<readonly [string, string, string]> = [
  ['„', '”', '”"“'],
  ['"', '"', '"”'],
  ['‘', '’', "’'"],
  ['«', '»', '»'],
]

/**
 * Whether a title can be cited between quotes and read back as it is: one line, a quote pair that
 * fits, and no character that Markdown would read as markup in a sentence of the besluit.
 */
export function titelQuotable(titel: string): boolean {
  return (
    titel.trim() !== '' &&
    /^[^*_`[\]<>\\|#&\n]+$/.test(titel) &&
    TITEL_QUOTES.some(([open, close, ends]) => ![open, close, ...ends].some((m) => titel.includes(m)))
  )
}

/** A title between quotes: `„Last onder bestuursdwang”`. */
export function quoteTitel(titel: string): string {
  const pair =
    TITEL_QUOTES.find(([open, close, ends]) => ![open, close, ...ends].some((m) => titel.includes(m))) ??
    TITEL_QUOTES[0]
  const [open, close] = pair as readonly [string, string, string]
  return `${open}${titel}${close}`
}

/** The title of a division as plain words on one line (`''` when it has none). */
export function divisionTitel(node: RegelingNode): string {
  return phrasingText(headingOf(node) as PhrasingContent[] | undefined)
    .replace(/\s+/g, ' ')
    .trim()
}

/** Whether a division has no number (`### Procedurele bepalingen`): it can only be cited by its title. */
export function isUnnumberedDivision(node: RegelingNode): boolean {
  if (!isDivisionNode(node)) return false
  const num = numOf(node)
  return num === '' || num === '-'
}

/** A title as a reader compares it: case, white space and a closing `.` or `:` do not count. */
export function titelKey(titel: string): string {
  return titel.replace(/\s+/g, ' ').trim().replace(/[.:]$/, '').toLowerCase()
}

/** Two titles are the same for a reader (`titelKey`). */
export function sameTitel(a: string, b: string): boolean {
  return titelKey(a) === titelKey(b)
}

/** Whether `node` is the division a titled step names: a division without a number with that title. */
export function matchesTitel(node: RegelingNode, stap: Stap): boolean {
  return stap.titel !== undefined && isUnnumberedDivision(node) && sameTitel(divisionTitel(node), stap.titel)
}

const MASK_OPEN = '\uE000'
const MASK_CLOSE = '\uE001'
const MASKED = /\uE000([0-9a-f]*)\uE001/g
const TITLED =
  /\b(titel|hoofdstuk|afdeling|paragraaf)(?:,?\s+met\s+(?:het|als)\s+opschrift)?,?\s+(?:„([^”“"]*)[”“"]|"([^"”]*)["”]|“([^”"]*)[”"]|‘([^’]*)’|«([^»]*)»)/gi

function hex(text: string): string {
  return [...new TextEncoder().encode(text)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

function unhex(code: string): string {
  const bytes = new Uint8Array((code.match(/../g) ?? []).map((h) => Number.parseInt(h, 16)))
  return new TextDecoder().decode(bytes)
}

/**
 * Hide the quoted title of every division named by it (`de paragraaf „Last onder bestuursdwang”`,
 * `de paragraaf met het opschrift „…”`) behind a token without spaces or quotes, so that words in a
 * title (`vervalt`, `wordt`, `artikel 5`) are never read as part of the instruction and its quotes
 * never as quoted words. `readPlaats` reads the token back; `unmaskTitels` restores the words.
 */
export function maskTitels(text: string): string {
  return text.replace(TITLED, (_, soort: string, ...titels: Array<string | undefined>) => {
    const titel = titels.slice(0, 5).find((t) => t !== undefined) ?? ''
    return `${soort} ${MASK_OPEN}${hex(titel)}${MASK_CLOSE}`
  })
}

/** Undo `maskTitels` (for messages that quote the instruction). */
export function unmaskTitels(text: string): string {
  return text.replace(MASKED, (_, code: string) => quoteTitel(unhex(code)))
}

/**
 * A place in words as it opens or follows a sentence: `artikel 10, vijfde lid`, `het vijfde lid`
 * (relative to the article of the item), `de toelichting`, `de regeling`. Divisions above an
 * article are left out (article numbers are unique in a regulation).
 */
export function plaatsWords(plaats: Plaats, relativeTo?: Plaats): string {
  if (plaats.length === 0) return 'de regeling'
  let steps = plaats
  const lastArtikel = steps.map((s) => s.soort).lastIndexOf('artikel')
  if (lastArtikel > 0) steps = steps.slice(lastArtikel)
  if (relativeTo && relativeTo.length > 0 && startsWith(steps, relativeTo) && steps.length > relativeTo.length) {
    steps = steps.slice(relativeTo.length)
    const [first, ...rest] = steps as [Stap, ...Stap[]]
    const head =
      first.soort === 'lid' || first.soort === 'gedachtestreepje' ? `het ${stapWords(first)}` : stapWords(first)
    return [head, ...rest.map(stapWords)].join(', ')
  }
  const [first, ...rest] = steps as [Stap, ...Stap[]]
  const singleton = SINGLETON_WORDS[first.soort]
  if (singleton && rest.length === 0) return singleton
  // "de paragraaf „Slotbepalingen”": a division cited by its title opens with its article.
  const titled = first.titel !== undefined ? `${DIVISION_LIDWOORD[first.soort] ?? 'de'} ${stapWords(first)}` : undefined
  const head =
    first.soort === 'lid' || first.soort === 'gedachtestreepje'
      ? `het ${stapWords(first)}`
      : (titled ?? singleton ?? stapWords(first))
  return [head, ...rest.map(stapWords)].join(', ')
}

function startsWith(a: Plaats, prefix: Plaats): boolean {
  return prefix.every((s, i) => sameStap(a[i], s))
}

/** Whether two steps name the same provision (a titled division by its title, as a reader compares it). */
export function sameStap(a: Stap | undefined, b: Stap): boolean {
  if (a?.soort !== b.soort) return false
  if (a.titel !== undefined || b.titel !== undefined)
    return a.titel !== undefined && b.titel !== undefined && sameTitel(a.titel, b.titel)
  return a.num === b.num
}

/** Capitalise the first letter of a sentence. */
export function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** `A`, … `Z`, `AA`, `BB`, … `ZZ`, `AAA` (Ar 6.15). */
export function itemLetter(index: number): string {
  const letter = String.fromCharCode(65 + (index % 26))
  return letter.repeat(Math.floor(index / 26) + 1)
}

// ---- reading places back ------------------------------------------------------------------------

const ORDINAL_NUM: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>()
  for (let n = 1; n < 100; n++) m.set(ordinal(String(n)), String(n))
  return m
})()

/** `tweede` → `2`, or undefined. */
export function ordinalNumber(word: string): string | undefined {
  return ORDINAL_NUM.get(word.toLowerCase())
}

const ORDINAL_RE = '([a-zë]+(?:de|ste))'
const NUM_RE = '([0-9IVXLC]+[0-9A-Za-z]*(?:[:.][0-9]+[A-Za-z]*)*)'

/**
 * The steps a phrase names, in hierarchical order: `artikel 1:7, eerste lid, onderdeel c`,
 * `Onderdeel c van het eerste lid`, `het tweede lid van artikel 1:4`, `lid 2`, `de toelichting`.
 * Ranges and lists (`het derde tot en met vijfde lid`) are read by `readNumberList`.
 */
export function readPlaats(phrase: string): Plaats {
  const steps: Stap[] = []
  const text = maskTitels(phrase.replace(/\s+/g, ' '))
  const push = (soort: StapSoort, num?: string) => {
    if (steps.some((s) => s.soort === soort && s.titel === undefined)) return
    steps.push(num === undefined ? { soort } : { soort, num })
  }
  // A division without a number by its title: `de paragraaf „Last onder bestuursdwang”`.
  for (const m of text.matchAll(/\b(titel|hoofdstuk|afdeling|paragraaf) \uE000([0-9a-f]*)\uE001/gi)) {
    const soort = (m[1] as string).toLowerCase() as StapSoort
    if (!steps.some((s) => s.soort === soort && s.titel !== undefined))
      steps.push({ soort, titel: unhex(m[2] as string) })
  }
  for (const m of text.matchAll(new RegExp(`\\bartikel ${NUM_RE}`, 'gi'))) push('artikel', trimNum(m[1] as string))
  for (const m of text.matchAll(new RegExp(`\\b${ORDINAL_RE} lid\\b`, 'gi'))) {
    const n = ordinalNumber(m[1] as string)
    if (n) push('lid', n)
  }
  for (const m of text.matchAll(/\blid (\d+[a-z]*)\b/gi)) push('lid', m[1] as string)
  for (const m of text.matchAll(new RegExp(`\\b${ORDINAL_RE} gedachtestreepje\\b`, 'gi'))) {
    const n = ordinalNumber(m[1] as string)
    if (n) push('gedachtestreepje', n)
  }
  for (const m of text.matchAll(/\bonderdeel ([a-z]{1,3}|\d+°?)(?![\p{L}\p{N}])/giu)) push('onderdeel', m[1] as string)
  for (const m of text.matchAll(/\b(?:onder|subonderdeel) (\d+°|\d+e(?![\p{L}\p{N}])|[ivx]+°?)/giu))
    push('subonderdeel', m[1] as string)
  for (const soort of ['titel', 'hoofdstuk', 'afdeling', 'paragraaf', 'bijlage'] as const) {
    for (const m of text.matchAll(new RegExp(`\\b${soort} ${NUM_RE}`, 'gi'))) push(soort, trimNum(m[1] as string))
  }
  if (steps.length === 0) {
    for (const soort of ['toelichting', 'aanhef', 'ondertekening', 'opschrift'] as const) {
      if (new RegExp(`\\b${soort}\\b`, 'i').test(text)) push(soort)
    }
  }
  return steps.sort((a, b) => rankOf(a) - rankOf(b))
}

/** The rank of a step; a division without a number stands below a numbered one of its type (`paragraaf 3, paragraaf „…”`). */
export function rankOf(stap: Stap): number {
  return RANK[stap.soort] + (stap.titel !== undefined ? 0.5 : 0)
}

/** `1:7,` → `1:7`: a number never ends in punctuation. */
function trimNum(num: string): string {
  return num.replace(/[.:]+$/, '')
}

/**
 * Complete a phrase's steps with the context of the item (`Artikel 8 wordt als volgt gewijzigd:`
 * makes `het derde lid` mean `artikel 8, derde lid`): context steps above the phrase's first step
 * are kept.
 */
export function inContext(steps: Plaats, context: Plaats): Plaats {
  if (steps.length === 0) return context
  const top = rankOf(steps[0] as Stap)
  if (top === 0) return steps
  return [...context.filter((s) => rankOf(s) < top && RANK[s.soort] > 0), ...steps]
}

/**
 * A list of leden or onderdelen as a renumbering names them: `het derde tot en met vijfde lid`,
 * `het derde en vierde lid`, `de onderdelen c tot en met f`, `onderdeel c`, `lid 2a en lid 3`.
 */
export function readNumberList(phrase: string): string[] {
  const text = phrase.replace(/\s+/g, ' ').trim()
  const ordinals = [...text.matchAll(new RegExp(`\\b${ORDINAL_RE}\\b`, 'gi'))]
    .map((m) => ordinalNumber(m[1] as string))
    .filter((n): n is string => n !== undefined)
  const tokens =
    ordinals.length > 0
      ? ordinals
      : [
          ...text.matchAll(
            /(?:^(?=\d|[a-z](?![\p{L}\p{N}]))|\b(?:lid|leden|onderdeel|onderdelen|subonderdeel|subonderdelen|onder)\s+|,\s*|\sen\s|\stot en met\s)([0-9a-z]+°?)(?![\p{L}\p{N}])/giu,
          ),
        ].map((m) => m[1] as string)
  if (/tot en met/.test(text) && tokens.length === 2) return range(tokens[0] as string, tokens[1] as string)
  return tokens
}

/** `3`..`5` → `3 4 5`; `c`..`f` → `c d e f`. */
function range(from: string, to: string): string[] {
  if (/^\d+$/.test(from) && /^\d+$/.test(to)) {
    const out: string[] = []
    for (let n = Number(from); n <= Number(to); n++) out.push(String(n))
    return out
  }
  if (/^[a-z]$/.test(from) && /^[a-z]$/.test(to)) {
    const out: string[] = []
    for (let c = from.charCodeAt(0); c <= to.charCodeAt(0); c++) out.push(String.fromCharCode(c))
    return out
  }
  return [from, to]
}

/**
 * A list of numbers in words: leden as ordinals (`het derde tot en met vijfde lid`), onderdelen by
 * letter (`de onderdelen c tot en met f`). `lidwoord: false` leaves out `het`/`de` (after `tot`).
 */
export function numberListWords(soort: 'lid' | 'onderdeel' | 'subonderdeel', nums: string[], lidwoord = true): string {
  const consecutive = nums.length > 2 && isConsecutive(nums)
  const join = (parts: string[]) =>
    consecutive
      ? `${parts[0]} tot en met ${parts[parts.length - 1]}`
      : parts.length === 1
        ? (parts[0] as string)
        : `${parts.slice(0, -1).join(', ')} en ${parts[parts.length - 1]}`
  if (soort === 'lid') {
    if (nums.every((n) => /^\d+$/.test(n))) {
      const words = join(nums.map((n) => ordinal(n)))
      return `${lidwoord ? 'het ' : ''}${words} lid`
    }
    return join(nums.map((n) => `lid ${n}`))
  }
  const noun = soort === 'onderdeel' ? 'onderdeel' : 'subonderdeel'
  if (nums.length === 1) return `${noun} ${nums[0]}`
  return `${lidwoord ? 'de ' : ''}${noun === 'onderdeel' ? 'onderdelen' : 'subonderdelen'} ${join(nums)}`
}

function isConsecutive(nums: string[]): boolean {
  if (nums.every((n) => /^\d+$/.test(n))) return nums.every((n, i) => i === 0 || Number(n) === Number(nums[i - 1]) + 1)
  if (nums.every((n) => /^[a-z]$/.test(n)))
    return nums.every((n, i) => i === 0 || n.charCodeAt(0) === (nums[i - 1] as string).charCodeAt(0) + 1)
  return false
}

/** Whether a step names a division (titel, hoofdstuk, afdeling, paragraaf). */
export function isDivision(soort: string): boolean {
  return isDivisionNode({ type: soort })
}
