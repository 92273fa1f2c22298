/**
 * The one citation builder: a provision in words as the Aanwijzingen voor de regelgeving write it
 * (Ar 3.29): `artikel 10, tweede lid, onderdeel a, onder 1°`. Leden get ordinal words (`tweede
 * lid`); a lid whose number is no plain number keeps it (`lid 2a`: "2a lid" is no Dutch). The
 * differ's change list, the text, html and Word renvooi, the wijzigingsbesluit, letters and
 * messages all cite through here.
 */
import { ordinal } from './glossary.js'
import { isDivision, type RegelingType } from './registry.js'

/** One step of a citation: a provision's type and its number as written. */
export interface CitationStep {
  type: RegelingType
  /** As written: `10`, `2a`, `b`, `1°`; `-` or empty for an item without number. */
  num?: string | undefined
  /** Heading words: names a division without number, or an artikeltoelichting. */
  heading?: string | undefined
  /** Position (1-based) among the unnumbered items of its parent: `tweede gedachtestreepje`. */
  streepje?: number | undefined
}

const unnumbered = (num: string | undefined) => num === undefined || num === '' || num === '-'

function dash(step: CitationStep): string {
  return step.streepje === undefined ? 'gedachtestreepje' : `${ordinal(String(step.streepje))} gedachtestreepje`
}

function division(step: CitationStep): string {
  if (!unnumbered(step.num)) return `${step.type} ${step.num}`
  return step.heading?.trim() || step.type
}

/** Running text, numbers and headings are cited by the provision they stand in. */
const none = (): undefined => undefined

/** One step in words, or undefined when the step adds nothing to the citation. */
const STEP_WORDS: Record<RegelingType, (step: CitationStep) => string | undefined> = {
  regeling: none,
  opschrift: () => 'opschrift',
  aanhef: () => 'aanhef',
  titel: division,
  hoofdstuk: division,
  afdeling: division,
  paragraaf: division,
  artikel: (step) => `artikel ${step.num ?? ''}`.trim(),
  lid: (step) => lidWords(step.num ?? ''),
  onderdeel: (step) => (unnumbered(step.num) ? dash(step) : `onderdeel ${step.num}`),
  subonderdeel: (step) => (unnumbered(step.num) ? dash(step) : `onder ${step.num}`),
  alinea: none,
  blok: none,
  tabel: () => 'tabel',
  // Rows and columns are counted as a reader sees them (the header row is the kopregel).
  tabelrij: (step) => (step.num === '0' ? 'kopregel' : `rij ${step.num ?? ''}`.trim()),
  tabelcel: (step) => `kolom ${step.num ?? ''}`.trim(),
  kop: none,
  ondertekening: () => 'ondertekening',
  toelichting: () => 'toelichting',
  artikeltoelichting: (step) => step.heading?.trim() || 'toelichting',
  bijlage: (step) => (unnumbered(step.num) ? 'bijlage' : `bijlage ${step.num}`),
  nummer: none,
  koptekst: none,
}

/** `2` → `tweede lid`, `2a` → `lid 2a`, an unnumbered lid → `lid`. */
export function lidWords(num: string): string {
  if (/^\d+$/.test(num)) return `${ordinal(num)} lid`
  return unnumbered(num) ? 'lid' : `lid ${num}`
}

/** One step in words (`tweede lid`, `onderdeel b`, `hoofdstuk 2`), or undefined for text and the root. */
export function stepWords(step: CitationStep): string | undefined {
  return STEP_WORDS[step.type](step)
}

/**
 * The citation of the last step of `path` (outermost first). An article is cited without the
 * divisions above it (article numbers are unique in their regulation, Ar 3.29), but with the
 * bijlage it stands in (a bijlage numbers its articles anew); a division with the divisions above
 * it (`hoofdstuk 3, afdeling 2`). `fallback` when nothing in the path can be named.
 */
export function citeSteps(path: readonly CitationStep[], fallback = 'tekst buiten de artikelen'): string {
  const lastArtikel = path.map((s) => s.type).lastIndexOf('artikel')
  const words: string[] = []
  path.forEach((step, i) => {
    if (i < lastArtikel && isDivision(step)) return
    const w = stepWords(step)
    if (w !== undefined) words.push(w)
  })
  return words.length > 0 ? words.join(', ') : fallback
}
