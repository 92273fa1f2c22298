/**
 * Signers in an ondertekening: which lines hold a signer's office (`De burgemeester,`), which hold
 * names (`Mr. R.P. Hoffmann`), and where two signers share one line.
 *
 * A page lays signers side by side: the offices in one row, the names in the row below
 * (seed 002, the Sociaal Statuut Samenwerking CGM 2012: `De secretaris, De burgemeester,` over
 * `Mr. R.P. Hoffmann Mr. W.A.G. Hillenaar`). Copied as text, each row becomes one line, but the
 * columns can still be told apart: a row of N offices over a row of N names pairs them column by
 * column, and a row of N names under a row of N column heads (`Gemeente Cuijk, Gemeente Grave,
 * Gemeente Mill en Sint Hubert`) is one name per column. That is layout, not a defect.
 *
 * Two signers on one line without such a column structure are a defect of the source: a reader
 * cannot tell who signs in which office (`De burgemeester, J. Jansen De secretaris, P. Pietersen`,
 * or `J. Jansen P. de Vries` under the one office `De burgemeester,`).
 */

/** An office that signs, after `de` or `het`: `de burgemeester`, `De Minister van Justitie`. */
const OFFICE =
  /(?:loco-?|waarnemend\s+|plaatsvervangend\s+|eerste\s+|algemeen\s+)?(?:burgemeester|gemeentesecretaris|secretaris(?:-directeur)?|raadsgriffier|griffier|voorzitter|wethouder|directeur|dijkgraaf|commissaris|gedeputeerde|minister|staatssecretaris)/iu

/** What may follow an office before its comma: `van Justitie`, `a.i.`, `voor Wonen`. */
const OFFICE_TAIL = String.raw`(?:\s+(?:van|voor|der|a\.i\.)(?![\p{L}])[^,;]{0,80})?`

/** A whole office item of a row: `De secretaris`, `De Minister van Sociale Zaken en Werkgelegenheid`. */
const OFFICE_ITEM = new RegExp(String.raw`^(?:de|het)\s+${OFFICE.source}(?![\p{L}])${OFFICE_TAIL}$`, 'iu')

/**
 * Where a signing office starts inside a line: after the start, a space or a comma, and followed
 * by its comma (`De burgemeester,`), so that a sentence (`door de burgemeester en de secretaris`)
 * is not taken for signers.
 */
const OFFICE_START = new RegExp(
  String.raw`(?<=^|[\s,;])(?:de|het)\s+${OFFICE.source}(?![\p{L}])${OFFICE_TAIL}\s*,`,
  'giu',
)

/** A title before a name: `Mr.`, `Drs.`, `dr.`, `ir.`, `prof.`. */
const TITLE = /^(?:mr|mrs|mw|mevr|dhr|drs|dr|ir|ing|prof|ds|bc)\.$/iu
/** Initials: `R.P.`, `S.`, `Th.`, `IJ.`, `J.H.P` (the last dot left out), `A.H.M.J.`. */
const INITIALS = /^(?:(?:IJ|\p{Lu}\p{Ll}{0,2})\.)+\p{Lu}?$/u
/** Initials glued to the surname by copying: `R.Bransz`. */
const INITIALS_SURNAME = /^(?:\p{Lu}\.)+\p{Lu}[\p{Ll}'’-]+[,.]?$/u
/** A word of a surname: `Hoffmann`, `Haasjes-`, `DONNER.`, `Smit-Kroes` (not initials such as `IJ.`). */
const SURNAME = /^(?=[^.]*\p{Ll}|\p{Lu}{3})\p{Lu}[\p{L}'’-]*[,.]?$/u
/** A lower-case particle of a surname: `van`, `de`, `van den`, `ter`. */
const PARTICLE = /^(?:van|de|der|den|ter|ten|te|het|'t|’t|in|op|la|le|du|di|da|von|zu|el|al|d')$/u

/**
 * The names in `line` when it holds nothing but names (each with initials and a surname); an
 * empty list when it holds anything else.
 */
export function namesIn(line: string): string[] {
  const tokens = line.trim().split(/\s+/u)
  const names: string[][] = []
  let current: string[] | undefined
  let surname = false
  let initials = false
  for (const token of tokens) {
    const startsName = TITLE.test(token) || INITIALS.test(token) || INITIALS_SURNAME.test(token)
    // A title or initials after a surname begin the next name.
    if (startsName && (current === undefined || surname)) {
      if (current && !(initials && surname)) return []
      current = [token]
      names.push(current)
      surname = INITIALS_SURNAME.test(token)
      initials = !TITLE.test(token)
      continue
    }
    if (current === undefined) return []
    if (startsName && !surname) {
      // More titles or initials before the surname (`Mr. R.P.`).
      current.push(token)
      initials ||= !TITLE.test(token)
      continue
    }
    if (SURNAME.test(token)) surname = true
    else if (!PARTICLE.test(token)) return []
    current.push(token)
  }
  if (!current || !(initials && surname)) return []
  return names.map((n) => n.join(' '))
}

/** The offices of a row of offices only (`De secretaris, De burgemeester,`); empty otherwise. */
export function officesIn(line: string): string[] {
  const text = line.trim()
  if (!text.endsWith(',')) return []
  const items = text
    .slice(0, -1)
    .split(/,\s*/u)
    .map((s) => s.trim())
  return items.every((item) => OFFICE_ITEM.test(item)) ? items.map((item) => `${item},`) : []
}

/** Column heads: `Gemeente Cuijk, Gemeente Grave, Gemeente Mill en Sint Hubert` (short capitalised items). */
export function headsIn(line: string): string[] {
  const text = line.trim().replace(/,$/u, '')
  const items = text.split(/,\s*/u).map((s) => s.trim())
  if (items.length < 2) return []
  const head = (item: string) => /^\p{Lu}/u.test(item) && item.length <= 40 && item.split(/\s+/u).length <= 6
  return items.every(head) && !/[.;:]$/u.test(text) ? items : []
}

/** Where the offices in `line` start (character offsets). */
export function officeStarts(line: string): number[] {
  return [...line.matchAll(OFFICE_START)].map((m) => m.index as number)
}

/** What a line of an ondertekening holds, as far as its signers go. */
export type SignerFinding =
  /** The line holds N offices and the next line their N names: pair them column by column. */
  | { kind: 'columns'; offices: string[]; names: string[] }
  /** The line holds one name per column of the column heads above it. */
  | { kind: 'names-per-column'; names: string[] }
  /** The line holds two or more signers without columns to tell them apart: a defect. */
  | { kind: 'glued'; parts: string[] }

/** How far above a row of names its column heads may stand (`AbvaKabo FNV;` comes between). */
const HEAD_REACH = 4

/**
 * Reads the lines of one ondertekening in order. Lines that hold one signer, an office and its
 * name (`De burgemeester, J. Jansen`), or no signer at all give no finding.
 */
export class SignerReader {
  /** The last row of column heads or offices: its width, and how many lines ago it stood. */
  private heads: { width: number; ago: number } | undefined

  /** What line `text` holds; `next` is the line after it. A `columns` finding takes both lines. */
  read(text: string, next: string | undefined): SignerFinding | undefined {
    if (this.heads) this.heads.ago++
    const offices = officesIn(text)
    if (offices.length >= 2) {
      const names = namesIn(next ?? '')
      if (names.length === offices.length) {
        this.heads = { width: offices.length, ago: -1 }
        return { kind: 'columns', offices, names }
      }
      return { kind: 'glued', parts: offices }
    }
    const names = namesIn(text)
    if (names.length >= 2) {
      if (this.heads && this.heads.width === names.length && this.heads.ago <= HEAD_REACH) {
        this.heads.ago = 0
        return { kind: 'names-per-column', names }
      }
      return { kind: 'glued', parts: names }
    }
    const starts = officeStarts(text)
    if (starts.length >= 2) {
      const parts = starts.map((s, k) => text.slice(s, starts[k + 1] ?? text.length).trim())
      // Text before the first office (`Burgemeester en wethouders van Grave,`) goes with it.
      if ((starts[0] as number) > 0) parts[0] = text.slice(0, starts[1]).trim()
      return { kind: 'glued', parts }
    }
    const columnHeads = headsIn(text)
    if (columnHeads.length >= 2) this.heads = { width: columnHeads.length, ago: 0 }
    return undefined
  }
}

/** The findings of the lines of one ondertekening, with the index of the line each is about. */
export function findSigners(lines: readonly string[]): Array<SignerFinding & { line: number }> {
  const reader = new SignerReader()
  const out: Array<SignerFinding & { line: number }> = []
  for (let i = 0; i < lines.length; i++) {
    const finding = reader.read(lines[i] as string, lines[i + 1])
    if (!finding) continue
    out.push({ ...finding, line: i })
    if (finding.kind === 'columns') i++
  }
  return out
}

/** A cell of a signature table: an office, a name, or both (`De burgemeester, J. Jansen`). */
export function isSignerCell(cell: string): boolean {
  const text = cell.trim()
  if (text === '') return true
  if (officesIn(text.endsWith(',') ? text : `${text},`).length === 1) return true
  if (namesIn(text).length === 1) return true
  const starts = officeStarts(text)
  return starts.length === 1 && starts[0] === 0
}

/** The Dutch message for two signers on one line, with the fix. */
export function gluedMessage(line: string, parts: readonly string[]): string {
  const quoted = line.length > 80 ? `${line.slice(0, 79)}…` : line
  const split = parts.map((p) => `\`${p}\``).join(', ')
  return `Hier staan ${parts.length === 2 ? 'twee' : parts.length} ondertekenaars op één regel (\`${quoted}\`); zo is niet te zien wie in welke functie ondertekent. Zet elke ondertekenaar (functie en naam) op een eigen regel: ${split}`
}
