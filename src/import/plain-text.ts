/**
 * Import a regulation as copied from an overheid.nl / CVDR page (plain text) into the canonical
 * Markdown body of `docs/format.md` plus front-matter values.
 *
 * The work is done on source lines, so that other importers only have to produce lines:
 * `importLines` reads the page head (the CVDR metadata), then assembles the body. The CVDR HTML
 * importer turns its DOM into the same lines and calls it too.
 *
 * The importer never drops regulation text: what it cannot place becomes a paragraph and a
 * warning with the line and column of the input.
 */

import { gluedMessage, isSignerCell, officesIn, SignerReader } from '../model/signers.js'
import { NUM, ONDERTEKENING_START } from '../parse/recognize.js'
import { dutchNumericToIso, dutchWordsToIso } from '../util/dates.js'
import type { RuleId } from '../util/rule-ids.js'
import type { ImportResult, ImportWarning } from './result.js'

// ---- the line model ------------------------------------------------------------------------------

/** A link in a line's text: `text.slice(start, end)` links to `url` (HTML `<a href>`). */
export interface LinkSpan {
  start: number
  end: number
  url: string
}

/** One line of the input as the importers see it. */
export interface SourceLine {
  /** The text with white space normalised: no-break spaces as spaces, runs collapsed, trimmed. */
  text: string
  /** 1-based place of the line's first character in the input. */
  line: number
  column: number
  /**
   * How far the line is indented: leading spaces in copied text, list nesting in HTML (two per
   * level, as a copied page shows it). Only comparisons between lines matter.
   */
  indent: number
  /** The line starts a list item: a `•` in copied text, an `<li>` in HTML. */
  bullet?: boolean
  /** For a list item: the number its list gives it (HTML `<ol>`), used when the text has none. */
  marker?: string
  /** The source marks the line as a heading (HTML `<h1>`–`<h6>`). */
  heading?: boolean
  /** The cells of a table row (HTML). */
  cells?: string[]
  /** The cells of a row of a table pasted as text (tab-separated), in the body. */
  tabCells?: string[]
  /** The HTML row has a cell spanning several rows, which a Markdown table cannot show. */
  rowSpan?: boolean
  /** Links in `text`, in order, not overlapping. */
  links?: LinkSpan[]
}

/** What an adapter knows about its input as a whole. */
export interface LineImportOptions {
  /** The input stops without a proper end (no final newline, no closing tag). */
  cutOff: boolean
  /** The place just after the last character, for the truncation warning. */
  end: { line: number; column: number }
}

/** Import text copied from an overheid.nl / CVDR page. Never throws on content. */
export function importPlainText(text: string): ImportResult {
  if (typeof text !== 'string') throw new TypeError('importPlainText(text): pass the text as a string')
  const rows = text.replace(/^\ufeff/, '').split(/\r\n?|\n/)
  const last = rows[rows.length - 1] ?? ''
  return importLines(splitPlainText(text), {
    cutOff: !/\n\s*$/.test(text),
    end: { line: rows.length, column: last.length + 1 },
  })
}

/** Split copied text into source lines; lines with only (no-break) spaces are left out. */
export function splitPlainText(text: string): SourceLine[] {
  const out: SourceLine[] = []
  const rows = text.replace(/^\ufeff/, '').split(/\r\n?|\n/)
  rows.forEach((raw, i) => {
    const line = toSourceLine(raw, i + 1)
    if (line) out.push(line)
  })
  markTabTables(out, rows)
  return out
}

/**
 * A first cell that is a list number or article heading: `1.<tab>De werknemer …` is a lid, not a
 * row. A title before a name (`Mr. R.P. Hoffmann`, `dr. P. de Vries`) is no onderdeel letter.
 */
const NOT_A_ROW =
  /^(?!(?:mr|mrs|mw|dr|drs|ir|ds|dhr)\.)(?:\d{1,3}[a-z]{0,2}[.)]|[a-z]{1,2}[.)]|\d{1,3}°|[-–—•]|artikel\b|hoofdstuk\b|§)/iu

/**
 * A table pasted as text has its cells separated by tabs: two or more lines in a row with the same
 * number (two or more) of tab-separated cells are table rows (a salary scale, an inpassingstabel).
 */
function markTabTables(lines: SourceLine[], rows: readonly string[]): void {
  const cellsOf = (line: SourceLine): string[] | undefined => {
    const raw = rows[line.line - 1] ?? ''
    if (!raw.includes('\t')) return undefined
    const cells = raw.trim().split(/\t+/u).map(normalizeSpace)
    if (cells.length < 2 || cells.some((c) => c === '') || NOT_A_ROW.test(cells[0] as string)) return undefined
    return cells
  }
  let i = 0
  while (i < lines.length) {
    const first = cellsOf(lines[i] as SourceLine)
    let j = i + 1
    if (first) {
      while (j < lines.length && cellsOf(lines[j] as SourceLine)?.length === first.length) j++
      if (j - i >= 2) for (let k = i; k < j; k++) (lines[k] as SourceLine).tabCells = cellsOf(lines[k] as SourceLine)
    }
    i = first ? Math.max(j, i + 1) : i + 1
  }
}

const BULLET_CHAR = /^(?:[•◦▪▫●○■‣⁃]\s*)+/u
/** A dash standing for a list bullet before a bare number: `- 1.` (newer CVDR pages, copied). */
const DASH_BULLET = /^[-–—]\s+(?=(?:\d{1,3}[a-z]{0,2}|\d{1,3}°|[a-z]{1,2})[.)]?$)/u

function toSourceLine(raw: string, lineNumber: number): SourceLine | undefined {
  const clean = raw.replace(/[\u200b-\u200d\u2060]/g, '')
  const text = normalizeSpace(clean)
  if (text === '') return undefined
  const lead = /^\s*/.exec(clean)?.[0] ?? ''
  const line: SourceLine = {
    text,
    line: lineNumber,
    column: lead.length + 1,
    indent: lead.replace(/\t/g, '    ').length,
  }
  const bullet = BULLET_CHAR.exec(text) ?? DASH_BULLET.exec(text)
  if (bullet) {
    line.text = text.slice(bullet[0].length)
    line.bullet = true
  }
  return line
}

/** Collapse white space (including no-break and zero-width spaces) and trim. */
export function normalizeSpace(text: string): string {
  return text
    .replace(/[\u200b-\u200d\u2060]/g, '')
    .replace(/\s+/gu, ' ')
    .trim()
}

/** Import source lines: the page head becomes `meta`, the rest the Markdown body. */
export function importLines(lines: SourceLine[], options: LineImportOptions): ImportResult {
  const head = readHead(lines)
  const flat = restoreFlatTables(toPieces(lines.slice(head.bodyStart)))
  const assembler = new Assembler(flat.pieces)
  assembler.run()
  const blocks: string[] = []
  if (head.title) blocks.push(`# ${escapeHeading(head.title.text)}`)
  const warnings = [...head.warnings]
  for (const line of head.unplaced) {
    blocks.push(escapeBlock(line.text, line))
    warnings.push(
      warning(
        line,
        `Regel \`${clip(line.text)}\` uit de kop van de pagina is niet herkend; als alinea overgenomen`,
        'import-niet-geplaatst',
      ),
    )
  }
  blocks.push(...assembler.blocks)
  warnings.push(...assembler.warnings, ...flat.warnings)
  const cut = truncation(lines, options)
  if (cut) warnings.push(cut)
  warnings.sort((a, b) => a.line - b.line || a.column - b.column)
  return { meta: head.meta, markdown: blocks.length > 0 ? `${blocks.join('\n\n')}\n` : '', warnings }
}

function warning(line: { line: number; column: number }, message: string, ruleId: RuleId): ImportWarning {
  return { message, line: line.line, column: line.column, ruleId }
}

/** A short quote of a text for a message. */
function clip(text: string, length = 60): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`
}

// ---- truncation ---------------------------------------------------------------------------------

/** The last line ends without closing punctuation: a sentence or word was cut off. */
function truncation(lines: SourceLine[], options: LineImportOptions): ImportWarning | undefined {
  const last = lines[lines.length - 1]
  if (!last) return undefined
  const text = last.cells ? (last.cells.filter((c) => c !== '').pop() ?? '') : last.text
  if (/[.!?;:,)\]"”’'»…]$/u.test(text)) return undefined
  if (!options.cutOff && text.length <= 60) return undefined
  const tail = text.length > 30 ? `…${text.slice(-30)}` : text
  return {
    message: `De tekst lijkt afgebroken: hij eindigt midden in een zin of woord (\`${tail}\`). Controleer of de hele regeling is overgenomen`,
    line: options.end.line,
    column: options.end.column,
    ruleId: 'import-afgebroken',
  }
}

// ---- the page head: CVDR metadata ---------------------------------------------------------------

interface Head {
  meta: Record<string, string | string[]>
  title: SourceLine | undefined
  /** Index of the first body line. */
  bodyStart: number
  /** Head lines that are neither metadata nor page furniture: kept as paragraphs. */
  unplaced: SourceLine[]
  warnings: ImportWarning[]
}

const INTITULE = /^intitul[eé]:?$/iu
const TEKST_VAN_DE_REGELING = /^tekst van de regeling$/iu

/** Page furniture without content: left out silently. */
const FURNITURE = [
  /^ziet u een fout in deze regeling/iu,
  /^wetstechnische informatie$/iu,
  /^tekst van de regeling$/iu,
  /^print deze versie:?$/iu,
  /^inhoud regeling$/iu,
  /^regeling tekst$/iu,
  /^permanente link$/iu,
  /^naar de (?:actuele|door u bekeken) versie/iu,
  /^https?:\/\/\S+$/iu,
]

type Section = 'start' | 'gegevens' | 'opmerkingen' | 'grondslagen' | 'wijzigingen' | 'overig'

const SECTIONS: Array<[RegExp, Section]> = [
  [/^gegevens van de regeling$/iu, 'gegevens'],
  [/^opmerkingen met betrekking tot de regeling$/iu, 'opmerkingen'],
  [/^(?:wettelijke )?grondslag(?:en|\(en\))?(?: of bevoegdheid.*)?$/iu, 'grondslagen'],
  [/^overzicht van in de tekst verwerkte wijzigingen$/iu, 'wijzigingen'],
  [/^gedelegeerde regelgeving/iu, 'overig'],
  [/^regelgeving die op deze regeling is gebaseerd/iu, 'overig'],
]

/** Labels of the "Gegevens van de regeling" table, longest first (`Organisatietype` before `Organisatie`). */
const LABELS: Array<[string, string]> = (
  [
    ['Officiële naam regeling', 'officiele-titel'],
    ['Officiele naam regeling', 'officiele-titel'],
    ['Overheidsorganisatie', 'organisatie'],
    ['Organisatietype', 'organisatietype'],
    ['Organisatie', 'organisatie'],
    ['Citeertitel', 'citeertitel'],
    ['Vastgesteld door', 'vastgesteld-door'],
    ['Eigen onderwerp', 'eigen-onderwerp'],
    ['Onderwerp', 'onderwerp'],
  ] as Array<[string, string]>
).sort((a, b) => b[0].length - a[0].length)

/** Columns of the "Overzicht van in de tekst verwerkte wijzigingen" table. */
const COLUMNS: Array<[RegExp, string]> = [
  [/^datum inwerkingtreding$/iu, 'inwerkingtreding'],
  [/^terugwerkende kracht(?: tot en met)?$/iu, 'terugwerkende-kracht'],
  [/^datum uitwerkingtreding$/iu, 'uitwerkingtreding'],
  [/^betreft$/iu, 'betreft'],
  [/^datum ondertekening$/iu, 'ondertekening'],
  [/^bron bekendmaking$/iu, 'bekendmaking'],
  [/^kenmerk voorstel$/iu, 'kenmerk'],
]

/** "Geldend van 16-10-2015 t/m 02-10-2017 met terugwerkende kracht vanaf 01-01-2015" (a CVDR page head). */
const GELDEND =
  /^(?:Dit is een toekomstige tekst! )?Geldend (?:van|vanaf) (\d{2}-\d{2}-\d{4})(?: t\/m (?:\d{2}-\d{2}-\d{4}|heden))?(?: met terugwerkende kracht vanaf (\d{2}-\d{2}-\d{4}))?$/u
const VERVALLEN = /^Regeling vervallen per (\d{2}-\d{2}-\d{4})$/u
/** "Geldig sinds 18 april 2013." / "Geldig tot 01 januari 2017." (a provincial site). */
const GELDIG = /^Geldig (sinds|tot) (.+?)\.?$/u

const DATE_KEYS = new Set(['inwerkingtreding', 'terugwerkende-kracht', 'uitwerkingtreding', 'ondertekening'])
const DATE = /\d{1,2}-\d{1,2}-\d{4}/gu

function readHead(lines: SourceLine[]): Head {
  let start = lines.findIndex((l) => INTITULE.test(l.text))
  if (start < 0) start = lines.findIndex((l) => TEKST_VAN_DE_REGELING.test(l.text))
  if (start < 0) return readPublicationHead(lines) ?? untitledHead(lines)
  const reader = new MetaReader()
  for (const line of lines.slice(0, start)) reader.read(line)
  let bodyStart = start + 1
  if (INTITULE.test(lines[bodyStart]?.text ?? '')) bodyStart++
  const candidate = lines[bodyStart]
  const title = candidate && !isStructural(candidate.text) ? candidate : undefined
  if (title) bodyStart++
  const meta = reader.finish()
  const known = [meta.organisatie, meta.citeertitel, meta['officiele-titel'], title?.text]
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.toLowerCase())
  const unplaced = reader.leftovers.filter((l) => !known.includes(l.text.toLowerCase()))
  return { meta, title, bodyStart, unplaced, warnings: reader.warnings }
}

/** No CVDR head: the first line is the title when it looks like one. */
function untitledHead(lines: SourceLine[]): Head {
  const first = lines[0]
  const head: Head = { meta: {}, title: undefined, bodyStart: 0, unplaced: [], warnings: [] }
  // The intitulé of a wet, AMvB or regeling is one long line: `Wet van 30 november 2006 tot wijziging van …`.
  const intitule =
    first && /^(?:Wet|Besluit|Regeling|Rijkswet|Verordening) van \d{1,2} \p{L}+ \d{4}\b/u.test(first.text)
  if (first && !first.bullet && (intitule || (isHeadingLike(first.text) && !isStructural(first.text)))) {
    head.title = first
    head.bodyStart = 1
  } else {
    head.warnings.push({
      message: 'Geen titel (intitulé) gevonden; zet de titel zelf als `# Titel` boven de tekst',
      line: first?.line ?? 1,
      column: first?.column ?? 1,
      ruleId: 'import-geen-titel',
    })
  }
  return head
}

const GAZETTE = /^(?:Gemeenteblad|Provinciaal blad|Waterschapsblad|Staatscourant|Blad gemeenschappelijke regeling)\b/u
const GAZETTE_NUMBER =
  /^(\d{1,2}[- ](?:\d{1,2}|[a-z]+)[- ]\d{4})?(.*?)((?:Gemeenteblad|Provinciaal blad|Waterschapsblad|Staatscourant|Blad gemeenschappelijke regeling) \d{4}, (?:nr\. )?\d+)(.*)$/u

/**
 * The head of an officielebekendmakingen.nl publication: "Gemeenteblad van X", then the glued
 * row "Datum publicatie | Organisatie | Jaargang en nummer | Rubriek" and its values, the title last.
 */
function readPublicationHead(lines: SourceLine[]): Head | undefined {
  const [first, labels, values] = lines
  if (!first || !labels || !values) return undefined
  if (!GAZETTE.test(first.text) || !/^Datum publicatie/u.test(labels.text)) return undefined
  const m = GAZETTE_NUMBER.exec(values.text)
  if (!m) return undefined
  const meta: Record<string, string | string[]> = {}
  const date = m[1] ? (dutchNumericToIso(m[1]) ?? dutchWordsToIso(m[1])) : undefined
  if (date) meta['bekendmaking-datum'] = date
  if (m[2]?.trim()) meta.organisatie = (m[2] as string).trim()
  meta.bekendmaking = m[3] as string
  // The rubriek ("Verordeningen") is glued to the title: split where a capital follows lower case.
  const rest = (m[4] ?? '').trim()
  const split = /^(\p{Lu}[\p{Ll} ]*\p{Ll})(?=\p{Lu})(.*)$/u.exec(rest)
  const titleText = (split ? split[2] : rest)?.trim() ?? ''
  const title = titleText === '' ? undefined : { ...values, text: titleText }
  return { meta, title, bodyStart: 3, unplaced: [], warnings: [] }
}

/** Reads the CVDR head line by line: labelled values, remarks, grounds and the version table. */
class MetaReader {
  readonly meta: Record<string, string | string[]> = {}
  readonly leftovers: SourceLine[] = []
  readonly warnings: ImportWarning[] = []
  private section: Section = 'start'
  private pendingLabel: string | undefined
  private readonly fallback: Record<string, string> = {}
  private readonly remarks: string[] = []
  private readonly grounds: string[] = []
  private columns: string[] = []
  private readonly rows: SourceLine[] = []
  private readonly cellRows: Array<{ line: SourceLine; cells: string[] }> = []

  read(line: SourceLine): void {
    const text = line.text
    if (text === '') return
    const section = sectionOf(text)
    if (section) {
      this.section = section
      this.pendingLabel = undefined
      return
    }
    if (FURNITURE.some((re) => re.test(text)) || this.validity(text)) return
    if (this.section === 'wijzigingen') return this.versionLine(line)
    if (this.labelled(line)) return
    if (this.section === 'opmerkingen') this.remarks.push(text)
    else if (this.section === 'grondslagen') this.grounds.push(stripListMarker(text))
    else this.leftovers.push(line)
  }

  finish(): Record<string, string | string[]> {
    const remarks = this.remarks.filter((r) => !/^geen\.?$/iu.test(r))
    if (remarks.length > 0) this.meta.opmerkingen = remarks.join(' ')
    const grounds = this.grounds.filter((g) => !/^(?:geen|niet van toepassing|n\.?v\.?t)\.?$/iu.test(g))
    if (grounds.length > 0) this.meta.grondslagen = grounds
    this.versions()
    for (const [key, value] of Object.entries(this.fallback)) {
      if (this.meta[key] === undefined) this.meta[key] = value
    }
    return this.meta
  }

  /**
   * A two-cell row `Organisatie | Grave`; in the "Gegevens van de regeling" block also the row as
   * copied (`OrganisatieGrave`) or a label line followed by its value. Only there: a title such as
   * "Organisatieverordening" elsewhere in the head is no label.
   */
  private labelled(line: SourceLine): boolean {
    const cells = line.cells
    if (cells && cells.length === 2) {
      const key = LABELS.find(([label]) => label === cells[0]?.replace(/:$/u, ''))?.[1]
      if (key && cells[1]) this.meta[key] = cells[1]
      return key !== undefined
    }
    if (this.section !== 'gegevens') return false
    if (this.pendingLabel) {
      this.meta[this.pendingLabel] = line.text
      this.pendingLabel = undefined
      return true
    }
    for (const [label, key] of LABELS) {
      if (!line.text.startsWith(label)) continue
      const value = line.text.slice(label.length).trim()
      if (value === '') this.pendingLabel = key
      else this.meta[key] = value
      return true
    }
    return false
  }

  /** Validity lines of the newer page layout: "Geldend van 15-07-2014 t/m heden", "Geldig sinds ...". */
  private validity(text: string): boolean {
    let m = GELDEND.exec(text)
    if (m) {
      this.setFallback('inwerkingtreding', m[1])
      this.setFallback('terugwerkende-kracht', m[2])
      return true
    }
    m = VERVALLEN.exec(text)
    if (m) return this.setFallback('uitwerkingtreding', m[1])
    m = GELDIG.exec(text)
    if (m) return this.setFallback(m[1] === 'sinds' ? 'inwerkingtreding' : 'uitwerkingtreding', m[2])
    return false
  }

  private setFallback(key: string, value: string | undefined): boolean {
    if (value === undefined) return true
    const iso = dutchNumericToIso(value) ?? dutchWordsToIso(value)
    if (iso) this.fallback[key] = iso
    return iso !== undefined
  }

  private versionLine(line: SourceLine): void {
    const cells = line.cells
    if (cells) {
      const keys = cells.map(columnOf)
      if (keys.every((k) => k !== undefined)) this.columns = keys as string[]
      else this.cellRows.push({ line, cells })
      return
    }
    const key = columnOf(line.text)
    if (key) this.columns.push(key)
    else this.rows.push(line)
  }

  /** The version values: the last row is the version this text is. */
  private versions(): void {
    // An intrekking row is no version of the text: it ends the regulation (its uitwerkingtreding).
    const repeal = (values: Record<string, string>) => /\bintrekking\b/iu.test(values.betreft ?? '')
    if (this.cellRows.length > 0) {
      const all = this.cellRows.map((r) => ({ line: r.line, values: cellValues(this.columns, r.cells) }))
      const version = all.filter((r) => !repeal(r.values)).pop()
      if (version) this.store(version.values, version.line)
      for (const r of all.filter((x) => repeal(x.values))) this.repealed(r.values, r.line)
      return
    }
    const rows = splitRows(this.rows).map((row) => ({ row, ...rowValues(row) }))
    const version = rows.filter((r) => !repeal(r.values)).pop()
    if (version) {
      this.store(version.values, version.row[0] as SourceLine)
      for (const line of version.rest) this.leftovers.push(line)
    }
    for (const r of rows.filter((x) => repeal(x.values))) this.repealed(r.values, r.row[0] as SourceLine)
  }

  /** The regulation was repealed: its end date is the intrekking's date of entry into force. */
  private repealed(values: Record<string, string>, line: SourceLine): void {
    const iso = dutchNumericToIso(values.inwerkingtreding ?? '')
    if (iso && this.meta.uitwerkingtreding === undefined) this.meta.uitwerkingtreding = iso
    const when = iso ? ` per ${values.inwerkingtreding}` : ''
    this.warnings.push(
      warning(
        line,
        `De historie van de regeling noemt een intrekking${when} (\`${clip(values.betreft ?? '')}\`): de regeling geldt niet meer${iso ? '; `uitwerkingtreding` is op die datum gezet' : ''}. Controleer of u deze tekst nog wilt gebruiken`,
        'import-intrekking',
      ),
    )
  }

  private store(values: Record<string, string>, line: SourceLine): void {
    for (const [key, value] of Object.entries(values)) {
      if (!DATE_KEYS.has(key)) {
        this.meta[key] = value
        continue
      }
      const iso = dutchNumericToIso(value)
      if (iso) this.meta[key] = iso
      else
        this.warnings.push(
          warning(line, `Datum \`${value}\` bij ${key} is geen bestaande dag; niet overgenomen`, 'import-datum'),
        )
    }
  }
}

function sectionOf(text: string): Section | undefined {
  return SECTIONS.find(([re]) => re.test(text))?.[1]
}

function columnOf(text: string): string | undefined {
  return COLUMNS.find(([re]) => re.test(text.trim()))?.[1]
}

function stripListMarker(text: string): string {
  return text.replace(/^(?:\d{1,3}[.)]|[a-z][.)]|[-–•])\s*/u, '')
}

function cellValues(columns: string[], cells: string[]): Record<string, string> {
  const values: Record<string, string> = {}
  cells.forEach((cell, i) => {
    const key = columns[i]
    if (key && cell.trim() !== '') values[key] = cell.trim()
  })
  return values
}

/** Copied rows lose their empty cells; a row starts with its glued dates ("03-01-201315-02-2019Nieuwe regeling"). */
function splitRows(lines: SourceLine[]): SourceLine[][] {
  const rows: SourceLine[][] = []
  for (const line of lines) {
    const current = rows[rows.length - 1]
    if (!current || isRowStart(line.text)) rows.push([line])
    else current.push(line)
  }
  return rows
}

function isRowStart(text: string): boolean {
  const m = /^((?:\d{1,2}-\d{1,2}-\d{4})+)(.*)$/u.exec(text)
  return m !== null && ((m[1] as string).match(DATE)?.length !== 1 || (m[2] as string).trim() !== '')
}

/**
 * Values of one copied row. The dates come first: inwerkingtreding, then terugwerkende kracht
 * (earlier than it) and uitwerkingtreding (later); then betreft; then on their own lines
 * ondertekening, bron bekendmaking and kenmerk, each only when present.
 */
function rowValues(row: SourceLine[]): { values: Record<string, string>; rest: SourceLine[] } {
  const [first, ...others] = row
  const values: Record<string, string> = {}
  const rest: SourceLine[] = []
  if (!first) return { values, rest }
  const m = /^((?:\d{1,2}-\d{1,2}-\d{4})*)(.*)$/u.exec(first.text) as RegExpExecArray
  assignDates((m[1] as string).match(DATE) ?? [], values)
  const queue: Array<{ text: string; line: SourceLine }> = []
  let betreft = (m[2] as string).trim()
  const glued = /^(.*?\S)\s*(\d{1,2}-\d{1,2}-\d{4})\s*(.*)$/u.exec(betreft)
  if (glued) {
    betreft = glued[1] as string
    queue.push({ text: glued[2] as string, line: first })
    if (glued[3]) queue.push({ text: glued[3], line: first })
  }
  if (betreft !== '') values.betreft = betreft
  for (const line of others) queue.push({ text: line.text, line })
  for (const { text, line } of queue) {
    if (!values.ondertekening && !values.bekendmaking && /^\d{1,2}-\d{1,2}-\d{4}$/u.test(text))
      values.ondertekening = text
    else if (!values.bekendmaking) values.bekendmaking = text
    else if (!values.kenmerk) values.kenmerk = text
    else rest.push(line)
  }
  return { values, rest }
}

function assignDates(dates: string[], values: Record<string, string>): void {
  const [first, second, third] = dates
  if (first) values.inwerkingtreding = first
  if (third) {
    values['terugwerkende-kracht'] = second as string
    values.uitwerkingtreding = third
  } else if (second) {
    const earlier = (dutchNumericToIso(second) ?? '') < (dutchNumericToIso(first as string) ?? '')
    values[earlier ? 'terugwerkende-kracht' : 'uitwerkingtreding'] = second
  }
}

// ---- recognising lines ---------------------------------------------------------------------------

/**
 * A keyword as headings write it: `Artikel`, `ARTIKEL`. Not in lower case: "artikel 160
 * Gemeentewet" in an aanhef is a reference, not a heading.
 */
function keyword(words: string[]): string {
  return words.flatMap((w) => [w, w.toUpperCase()]).join('|')
}

const SEPARATOR = String.raw`\.?(?:\s*[-–:.]\s*|\s+|$)`
const ARTIKEL_LINE = new RegExp(`^(${keyword(['Artikel'])})\\s+(${NUM})${SEPARATOR}(.*)$`, 'u')
const DIVISION_LINE = new RegExp(
  `^(${keyword(['Hoofdstuk', 'Afdeling', 'Paragraaf', 'Titel'])}|§)\\s*(${NUM})${SEPARATOR}(.*)$`,
  'u',
)
const BIJLAGE_LINE = new RegExp(`^(${keyword(['Bijlage'])})(?:\\s+(${NUM}|[A-Z]))?${SEPARATOR}(.*)$`, 'u')
const GLUED_ARTIKEL = new RegExp(`^(.*\\p{Ll})((?:Artikel|ARTIKEL)\\s+${NUM})$`, 'u')
const DIVISION_RANK: Record<string, number> = { titel: 0, hoofdstuk: 1, afdeling: 2, paragraaf: 3, '§': 3 }

interface Heading {
  label: string
  num: string
  title: string
}

function matchHeading(re: RegExp, text: string): Heading | undefined {
  const m = re.exec(text)
  if (!m) return undefined
  const title = (m[3] ?? '').trim()
  if (title !== '' && !isHeadingLike(title)) return undefined
  return { label: m[1] as string, num: m[2] ?? '', title }
}

function matchArtikel(text: string): Heading | undefined {
  return matchHeading(ARTIKEL_LINE, text)
}

function matchDivision(text: string): Heading | undefined {
  return matchHeading(DIVISION_LINE, text)
}

function isStructural(text: string): boolean {
  return matchArtikel(text) !== undefined || matchDivision(text) !== undefined
}

/** Short, capitalised, without closing punctuation: it could be a heading. */
function isHeadingLike(text: string, allowColon = false): boolean {
  if (text.length === 0 || text.length > 120 || !/\p{L}/u.test(text)) return false
  if (!/^[\p{Lu}\p{N}§(]/u.test(text)) return false
  if (/[.;,]$/u.test(text) || (!allowColon && text.endsWith(':'))) return false
  return text.split(' ').length <= 15
}

/** Split headings glued by copying: "PlaatsingsprocedurePlaatsingsproces" → two parts. */
function splitGlued(text: string): string[] {
  return text
    .split(/(?<=\p{Ll}{2})(?=\p{Lu}\p{Ll}{2})/u)
    .map((part) => part.trim())
    .filter((part) => part !== '')
}

const TOELICHTING_START =
  /^(?:(?:algemene|artikelsgewijze|memorie van|nota van)\s+)?toelichting(?:\s+(?:op|bij)\b.*)?:?$/iu
const ARTIKEL_TOELICHTING = /^(?:toelichting\s+(?:op\s+|bij\s+)?)?(?:de\s+)?(?:artikel|artikelen|art\.)\s*\d/iu
const TOC_START = /^(?:inhoud|inhoudsopgave)$/iu

function isArtikelToelichting(text: string): boolean {
  return ARTIKEL_TOELICHTING.test(text) && text.length <= 120 && (!text.endsWith('.') || text.includes(':'))
}

function isBijlage(piece: Piece): boolean {
  if (!BIJLAGE_LINE.test(piece.text)) return false
  return piece.forced || (piece.text.length <= 100 && !/[.;,]$/u.test(piece.text))
}

// ---- list item markers ---------------------------------------------------------------------------

type MarkerKind = 'lid' | 'letter' | 'sub' | 'dash' | 'other'

interface ItemStart {
  kind: MarkerKind
  /** As written: `1`, `2a`, `a`, `1°`, `A`; empty for a dash item. */
  num: string
  delimiter: string
  text: string
  /** The source line the text comes from when it is not the item's own line (`• 1.`, text below). */
  from?: SourceLine
}

const MARK = String.raw`\d{1,3}[a-z]{0,2}|\d{1,3}°|[a-z]{1,2}|[A-Z]{1,2}|[IVXLC]{1,5}`
const MARKER_ONLY = new RegExp(`^(?:(${MARK})([.)]?)|([-–—]))$`, 'u')
const MARKER_TEXT = new RegExp(`^(?:(\\d{1,3}°)(\\.?)|(${MARK})([.)])|([-–—]))\\s+(.*)$`, 'u')
const INLINE: Array<[RegExp, MarkerKind]> = [
  [/^(\d{1,2}°)(\.?)\s+(\S.*)$/u, 'sub'],
  [/^(\d{1,2}[a-z]?)([.)])(?:\s+|(?=\p{Lu}))(\S.*)$/u, 'lid'],
  [/^([a-z]{1,2})([.)])\s+(\S.*)$/u, 'letter'],
  [/^([-–—•])()\s+(\S.*)$/u, 'dash'],
]
/** Short words that look like an onderdeel letter but start a sentence (as the parser has them). */
const NOT_LETTERS = new Set(['bv', 'nb', 'ca', 'zo', 'en', 'of', 'nr', 'jo'])

function kindOf(num: string): MarkerKind {
  if (num === '' || /^[-–—•]$/u.test(num)) return 'dash'
  if (/^\d+[a-z]*$/u.test(num)) return 'lid'
  if (/^\d+°$/u.test(num)) return 'sub'
  if (/^[a-z]{1,2}$/u.test(num)) return 'letter'
  return 'other'
}

function itemStart(num: string, delimiter: string, text: string): ItemStart {
  const kind = kindOf(num)
  return { kind, num: kind === 'dash' ? '' : num, delimiter, text }
}

/** A list item line (`•` or `<li>`): its number, if any, and its text, if on the same line. */
function bulletItem(piece: Piece): ItemStart & { markerOnly: boolean } {
  const only = MARKER_ONLY.exec(piece.text)
  if (only) return { ...itemStart(only[1] ?? only[3] ?? '', only[2] ?? '', ''), markerOnly: true }
  const m = MARKER_TEXT.exec(piece.text)
  if (m) {
    const num = m[1] ?? m[3] ?? m[5] ?? ''
    return { ...itemStart(num, m[2] ?? m[4] ?? '', m[6] ?? ''), markerOnly: false }
  }
  const given = /^(.*?)([.)]?)$/u.exec(piece.marker ?? '') as RegExpExecArray
  return { ...itemStart(given[1] ?? '', given[2] ?? '', piece.text), markerOnly: piece.text === '' }
}

/** A number alone on a line that is no list item in the source (`1.`, `a.`, `1°`, `–`): its text follows. */
function loneMarker(piece: Piece): (ItemStart & { markerOnly: boolean }) | undefined {
  if (piece.forced || piece.cell) return undefined
  const m = /^(?:(\d{1,3}[a-z]{0,2}|[a-z])([.)])|(\d{1,3}°)(\.?)|([-–—]))$/u.exec(piece.text)
  if (!m) return undefined
  return { ...itemStart(m[1] ?? m[3] ?? m[5] ?? '', m[2] ?? m[4] ?? '', ''), markerOnly: true }
}

/** A paragraph that starts with a number: `1.Deze regeling ...`, `a. de ambtenaar`, `– ministers`. */
function inlineItem(piece: Piece): ItemStart | undefined {
  if (piece.forced) return undefined
  for (const [re, kind] of INLINE) {
    const m = re.exec(piece.text)
    if (!m) continue
    if (kind === 'letter' && NOT_LETTERS.has(m[1] as string)) return undefined
    return { kind, num: kind === 'dash' ? '' : (m[1] as string), delimiter: m[2] ?? '', text: m[3] as string }
  }
  return undefined
}

// ---- Markdown escaping ---------------------------------------------------------------------------

/** Escape characters that Markdown would read as syntax inside a line. */
function escapeInline(text: string): string {
  // `&` before a letter or `#` could start a character reference; `fmt` escapes it the same way.
  return text.replace(/[\\`*_[\]<]/g, (c) => `\\${c}`).replace(/&(?=[#A-Za-z])/g, '\\&')
}

/** A table cell: inline escapes, and `|` would end the cell. */
function escapeCell(text: string): string {
  return escapeInline(text).replace(/\|/g, '\\|')
}

function escapeHeading(text: string, links: readonly LinkSpan[] = []): string {
  return escapeLinked(text, links, (t) => escapeInline(t).replace(/#/g, '\\#'))
}

/**
 * The links of a heading made of source lines (`Artikel 1` + its title line, or one line
 * `Artikel 1. Begrippen`): a line's links that lie in the end the line has in common with the
 * heading (the title, written the same in both).
 */
function headingLinks(heading: string, lines: readonly SourceLine[]): LinkSpan[] {
  for (const line of lines) {
    if (!line.links || line.links.length === 0) continue
    let common = 0
    const full = line.text
    while (
      common < full.length &&
      common < heading.length &&
      full.charAt(full.length - 1 - common) === heading.charAt(heading.length - 1 - common)
    )
      common++
    const shift = heading.length - full.length
    const kept = line.links
      .filter((l) => l.start >= full.length - common)
      .map((l) => ({ start: l.start + shift, end: l.end + shift, url: l.url }))
    if (kept.length > 0) return kept
  }
  return []
}

/**
 * Inline text with its links as Markdown links: `[tekst](<url>)`. The text is escaped as any
 * text; the URL is written between `<` and `>`, where spaces and parentheses (`(vergroten`) need
 * no escape and a backslash escape keeps `<`, `>`, `\` and `&` (a character reference) as they are,
 * so that CommonMark reads back exactly the URL of the source.
 */
function escapeLinked(text: string, links: readonly LinkSpan[], escapePart = escapeInline): string {
  let out = ''
  let at = 0
  for (const link of links) {
    out += escapePart(text.slice(at, link.start))
    // `!` right before a link would make it an image.
    if (out.endsWith('!') && !out.endsWith('\\!')) out = `${out.slice(0, -1)}\\!`
    out += `[${escapePart(text.slice(link.start, link.end))}](${linkDestination(link.url)})`
    at = link.end
  }
  return out + escapePart(text.slice(at))
}

/** A link destination CommonMark reads back as `url`, whatever it holds. */
export function linkDestination(url: string): string {
  return `<${url.replace(/[\\<>&]/gu, (c) => `\\${c}`)}>`
}

/**
 * The links of `line` inside `text`, a part of the line's text (what is left once a list number
 * is taken off), as spans of `text`. A link that the part cuts keeps the words of it that are in
 * the part (`<a>1. Zie de wet</a>`: the lid's text `Zie de wet` is the link).
 */
function linksIn(text: string, line: SourceLine | undefined): LinkSpan[] {
  const links = line?.links
  if (!line || !links || links.length === 0 || text === '') return []
  const full = line.text
  const offset = full.endsWith(text) ? full.length - text.length : full.indexOf(text)
  if (offset < 0) return []
  const out: LinkSpan[] = []
  for (const link of links) {
    let start = Math.max(link.start, offset) - offset
    let end = Math.min(link.end, offset + text.length) - offset
    while (start < end && text.charAt(start) === ' ') start++
    while (end > start && text.charAt(end - 1) === ' ') end--
    if (end > start) out.push({ start, end, url: link.url })
  }
  return out
}

/**
 * Escape a block's text: also what would start a list, heading, quote or thematic break, and the
 * numbers the regelwerk parser reads as lid or onderdeel (`2013\. Dat jaar`, `a\. tekst`).
 * With `line`, the links of that line that lie within `text` are kept.
 */
function escapeBlock(text: string, line?: SourceLine): string {
  const t = escapeLinked(text, linksIn(text, line))
  if (/^[-+>#~]/u.test(t)) return `\\${t}`
  const m = /^(\d{1,9}[a-z]{0,2}|[a-z]{1,2})([.)])(?=\s|$)/u.exec(t)
  if (m) return `${m[1]}\\${m[2]}${t.slice(m[0].length)}`
  // `1°` and dashes cannot take a backslash: a character reference keeps them from being markers.
  const sign = /^(\d{1,3})°|^([–—•])(?=\s)/u.exec(t)
  if (sign?.[1]) return `${sign[1]}&#176;${t.slice(sign[0].length)}`
  if (sign?.[2]) return `&#${(sign[2] as string).charCodeAt(0)};${t.slice(1)}`
  return t
}

// ---- pieces: lines made ready for assembly -------------------------------------------------------

interface Piece {
  text: string
  line: SourceLine
  indent: number
  bullet: boolean
  marker: string | undefined
  /** A heading in the source, or a part split off a glued heading. */
  forced: boolean
  /** Text from a table cell: never a heading or article. */
  cell: boolean
  /** A whole table: its rows of cells, the first row the header. */
  table?: string[][]
  /** The first row of the table with a cell over several rows. */
  spanAt?: SourceLine
}

/** Lines to pieces: table rows become one piece per cell, glued headings are split. */
function toPieces(lines: SourceLine[]): Piece[] {
  const out: Piece[] = []
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as SourceLine
    // Rows of two or more cells in a row: one table (a one-cell row is a layout box, read as text).
    const rowCells = (l: SourceLine | undefined) => {
      const cells = l?.tabCells ?? l?.cells?.filter((c) => c !== '')
      return cells && cells.length >= 2 ? (l?.tabCells ?? l?.cells) : undefined
    }
    if (rowCells(line)) {
      const table: string[][] = []
      const first = line
      let spanAt: SourceLine | undefined
      for (; i < lines.length && rowCells(lines[i]); i++) {
        table.push(rowCells(lines[i]) as string[])
        if (lines[i]?.rowSpan) spanAt ??= lines[i]
      }
      i--
      const text = table
        .flat()
        .filter((c) => c !== '')
        .join(' ')
      const piece: Piece = {
        text,
        line: first,
        indent: first.indent,
        bullet: false,
        marker: undefined,
        forced: false,
        cell: true,
        table,
      }
      if (spanAt) piece.spanAt = spanAt
      out.push(piece)
      continue
    }
    const base: Piece = {
      text: line.text,
      line,
      indent: line.indent,
      bullet: line.bullet === true,
      marker: line.marker,
      forced: line.heading === true,
      cell: false,
    }
    if (line.cells) {
      for (const cell of line.cells) if (cell !== '') out.push({ ...base, text: cell, bullet: false, cell: true })
      continue
    }
    out.push(...splitPiece(base))
  }
  return out
}

/** A cell of a flattened table: a number or an amount (`0`, `1.551,60`, `€ 2.000`, `8%`). */
const FLAT_CELL = /^(?:€\s*)?-?\d[\d.,]*(?:\s*%)?$/
/** A column head of a flattened table: a short label (`Periodiek`, `Schaal A`), no sentence. */
const FLAT_HEAD = /^\p{L}[\p{L}\d .\-/()]{0,29}$/u
/** Fewer numbers in a row than this are text, not a table. */
const FLAT_MIN = 6

/**
 * A table whose cells lost their layout when copied (a salary scale pasted from a gemeenteblad:
 * `Periodiek`, `Schaal A`, `0`, `1.551,60`, `1`, `1.579,81`, … one paragraph each). When short
 * column heads stand right before the numbers and the numbers fill whole rows under them, the
 * table is put back (heads as header row) with a warning to check it; otherwise the numbers stay
 * paragraphs and a warning says where. Never silent: a text of numbers without a table is a text
 * a reader cannot use.
 */
function restoreFlatTables(pieces: Piece[]): { pieces: Piece[]; warnings: ImportWarning[] } {
  const out: Piece[] = []
  const warnings: ImportWarning[] = []
  const plain = (p: Piece | undefined) => p !== undefined && !p.cell && !p.bullet && p.marker === undefined && !p.forced
  const isCell = (p: Piece | undefined) => plain(p) && FLAT_CELL.test((p as Piece).text.trim())
  for (let i = 0; i < pieces.length; i++) {
    if (!isCell(pieces[i])) {
      out.push(pieces[i] as Piece)
      continue
    }
    let end = i
    while (end < pieces.length && isCell(pieces[end])) end++
    const cells = pieces.slice(i, end)
    if (cells.length < FLAT_MIN) {
      out.push(...cells)
      i = end - 1
      continue
    }
    // The column heads: short labels right before the numbers (at most 8).
    let heads = 0
    while (heads < 8 && heads < out.length) {
      const p = out[out.length - 1 - heads]
      if (!plain(p) || !FLAT_HEAD.test((p as Piece).text.trim()) || isStructural((p as Piece).text)) break
      heads++
    }
    const first = cells[0] as Piece
    if (heads >= 2 && cells.length % heads === 0) {
      const head = out.splice(out.length - heads, heads)
      const rows = [head.map((p) => p.text.trim())]
      for (let k = 0; k < cells.length; k += heads) rows.push(cells.slice(k, k + heads).map((p) => p.text.trim()))
      const at = head[0] as Piece
      out.push({
        text: rows.flat().join(' '),
        line: at.line,
        indent: at.indent,
        bullet: false,
        marker: undefined,
        forced: false,
        cell: true,
        table: rows,
      })
      warnings.push(
        warning(
          at.line,
          `Hier stonden ${heads} kolomkoppen (${head.map((p) => `\`${clip(p.text.trim(), 20)}\``).join(', ')}) en ${cells.length} getallen elk in een eigen alinea: een tabel die bij het kopiëren is platgeslagen. Ze zijn als tabel van ${heads} kolommen en ${cells.length / heads} rijen teruggezet; vergelijk de tabel met de bron`,
          'import-tabel-plat',
        ),
      )
    } else {
      out.push(...cells)
      warnings.push(
        warning(
          first.line,
          `Hier staan ${cells.length} getallen elk in een eigen alinea (vanaf \`${clip(first.text.trim(), 20)}\`): waarschijnlijk een tabel die bij het kopiëren is platgeslagen. Zet ze als tabel (zie docs/format.md, Tabellen) of controleer de tekst met de bron`,
          'import-tabel-plat',
        ),
      )
    }
    i = end - 1
  }
  return { pieces: out, warnings }
}

/** "Hoofdstuk 4 Procedurele bepalingenArtikel 13", "Hoofdstuk 5 PlaatsingsprocedurePlaatsingsproces". */
function splitPiece(piece: Piece): Piece[] {
  if (piece.bullet) return [piece]
  const out: Piece[] = []
  let text = piece.text
  const glued = GLUED_ARTIKEL.exec(text)
  let artikel: string | undefined
  if (glued && isHeadingLike((glued[1] as string).trim())) {
    text = (glued[1] as string).trim()
    artikel = glued[2] as string
  }
  const division = matchDivision(text)
  const [title, ...rest] = splitGlued(division?.title ?? '')
  if (division && rest.length > 0) {
    out.push({ ...piece, text: `${division.label} ${division.num} ${title ?? ''}` })
    for (const part of rest) out.push({ ...piece, text: part, forced: true })
  } else out.push({ ...piece, text })
  if (artikel) out.push({ ...piece, text: artikel, forced: false })
  return out
}

// ---- assembling the body -------------------------------------------------------------------------

type Phase = 'aanhef' | 'body' | 'ondertekening' | 'toelichting' | 'toc'

const MAX_CHAIN = 3

interface OpenItem {
  kind: MarkerKind
  bulleted: boolean
  markerIndent: number
  /** Source indentation of the item's further lines. */
  contentIndent: number
  /** Markdown column of the item's content. */
  column: number
}

/**
 * Builds Markdown blocks from pieces. Divisions, articles and headings come from the text; list
 * items nest by the source's indentation (copied text, HTML lists) or, for numbers written in
 * the text itself, by their kind (lid › onderdeel › subonderdeel).
 */
class Assembler {
  readonly blocks: string[] = []
  readonly warnings: ImportWarning[] = []
  private phase: Phase = 'aanhef'
  /** The piece the current step started at. */
  private stepAt = 0
  /** Reads the signers of the ondertekening. */
  private signers = new SignerReader()
  private tocReturn: Phase = 'aanhef'
  private readonly tocSeen = new Set<string>()
  private tocFirst = ''
  private divisions: number[] = []
  private grouping = false
  private items: OpenItem[] = []
  /** Open ordered lists per Markdown column: the last number and the delimiter in use. */
  private readonly lists = new Map<number, { last: number; delimiter: '.' | ')' }>()

  constructor(private readonly pieces: Piece[]) {}

  run(): void {
    let i = 0
    while (i < this.pieces.length) i = this.step(i)
  }

  private step(i: number): number {
    this.stepAt = i
    const piece = this.pieces[i] as Piece
    if (this.phase === 'toc') return this.tocStep(i)
    if (!piece.cell && !piece.bullet && this.atTopLevel(piece)) {
      const next = this.structural(i)
      if (next !== undefined) return next
    }
    return this.content(i)
  }

  /** Not inside the indented content of a list item. */
  private atTopLevel(piece: Piece): boolean {
    return !this.items.some((item) => item.bulleted && item.contentIndent <= piece.indent)
  }

  // ---- structure ----

  private structural(i: number): number | undefined {
    const piece = this.pieces[i] as Piece
    const text = piece.text
    if (inlineItem(piece)) return undefined
    if (this.phase !== 'toelichting' && TOELICHTING_START.test(text) && text.length <= 150) {
      return this.startToelichting(i, 2)
    }
    if (this.phase !== 'toelichting' && /^toelichting\b/iu.test(text) && isArtikelToelichting(text)) {
      return this.startToelichting(i, 3)
    }
    if (isBijlage(piece)) return this.bijlage(i)
    if (this.phase === 'toelichting') return this.toelichtingHeading(i)
    if (this.phase === 'ondertekening') return undefined
    if (this.phase === 'body' && ONDERTEKENING_START.test(text)) {
      this.phase = 'ondertekening'
      this.signers = new SignerReader()
      this.divisions = []
      this.items = []
      this.lists.clear()
      return undefined
    }
    if (TOC_START.test(text)) return this.startToc(i)
    const division = matchDivision(text)
    if (division) return this.division(i, division)
    const artikel = matchArtikel(text)
    if (artikel) return this.artikel(i, artikel, undefined)
    if (this.isHeadingCandidate(piece)) return this.headingChain(i)
    return undefined
  }

  private isHeadingCandidate(piece: Piece | undefined): piece is Piece {
    if (!piece || piece.bullet || piece.cell || inlineItem(piece)) return false
    if (!(piece.forced || isHeadingLike(piece.text)) || !this.atTopLevel(piece)) return false
    return !this.isSpecial(piece.text)
  }

  /** A line with a role of its own: never an article title or grouping heading. */
  private isSpecial(text: string): boolean {
    return (
      isStructural(text) ||
      TOELICHTING_START.test(text) ||
      ONDERTEKENING_START.test(text) ||
      TOC_START.test(text) ||
      BIJLAGE_LINE.test(text)
    )
  }

  /**
   * Headings without keyword before an article: the last is the article's title, the ones before
   * it group articles (`### Title`). Not before an article, they are plain text, unless the source
   * marks them as headings.
   */
  private headingChain(i: number): number | undefined {
    let j = i
    while (j - i <= MAX_CHAIN && this.isHeadingCandidate(this.pieces[j])) j++
    const target = this.pieces[j]
    const artikel = target && !target.bullet && !target.cell ? matchArtikel(target.text) : undefined
    // A title and at most two grouping headings: longer runs of short lines are text (a table).
    if (artikel && target && this.atTopLevel(target) && j - i <= MAX_CHAIN) {
      const parts = this.pieces.slice(i, j).flatMap((p) => splitGlued(p.text))
      const title = artikel.title === '' ? parts.pop() : undefined
      for (const part of parts) this.groupingHeading(part)
      return this.artikel(j, artikel, title)
    }
    const piece = this.pieces[i] as Piece
    if (piece.forced && this.phase === 'body') {
      this.groupingHeading(piece.text)
      return i + 1
    }
    return undefined
  }

  /** A heading-like line right after an untitled heading, not itself before an article: its title. */
  private titleAfter(k: number, stopAtDivision: boolean): string | undefined {
    const candidate = this.pieces[k]
    if (!this.isHeadingCandidate(candidate)) return undefined
    const after = this.pieces[k + 1]?.text ?? ''
    if (matchArtikel(after) || (stopAtDivision && matchDivision(after))) return undefined
    return candidate.text
  }

  private division(i: number, division: Heading): number {
    this.enterBody()
    this.items = []
    const rank = DIVISION_RANK[division.label.toLowerCase()] ?? 1
    while (this.divisions.length > 0 && (this.divisions[this.divisions.length - 1] as number) >= rank) {
      this.divisions.pop()
    }
    this.divisions.push(rank)
    this.grouping = false
    let next = i + 1
    let title = division.title
    if (title === '') {
      title = this.titleAfter(next, false) ?? ''
      if (title !== '') next++
    }
    this.heading(1 + this.divisions.length, joinHeading(division, title))
    return next
  }

  private artikel(i: number, artikel: Heading, before: string | undefined): number {
    this.enterBody()
    this.items = []
    let next = i + 1
    let title = artikel.title || before || ''
    if (title === '') {
      title = this.titleAfter(next, true) ?? ''
      if (title !== '') next++
    }
    const depth = 2 + this.divisions.length + (this.grouping ? 1 : 0)
    this.heading(depth, joinHeading(artikel, title))
    return next
  }

  private groupingHeading(text: string): void {
    this.enterBody()
    this.grouping = true
    this.heading(2 + this.divisions.length, text)
  }

  private enterBody(): void {
    if (this.phase === 'aanhef' || this.phase === 'ondertekening') this.phase = 'body'
  }

  private startToelichting(i: number, depth: number): number {
    this.phase = 'toelichting'
    this.divisions = []
    this.grouping = false
    this.heading(depth, (this.pieces[i] as Piece).text)
    return i + 1
  }

  /** In the toelichting: "Toelichting artikel 1: ..." and short lines that introduce text are headings. */
  private toelichtingHeading(i: number): number | undefined {
    const piece = this.pieces[i] as Piece
    const text = piece.text
    const introduces = (next: Piece | undefined) =>
      next !== undefined && !next.bullet && (next.text.length >= 80 || isArtikelToelichting(next.text))
    const heading =
      isArtikelToelichting(text) ||
      piece.forced ||
      (isHeadingLike(text, true) && !/^[‘'"“„«]/u.test(text) && introduces(this.pieces[i + 1]))
    if (!heading) return undefined
    this.heading(3, text)
    return i + 1
  }

  private bijlage(i: number): number {
    this.phase = 'body'
    this.divisions = [-1]
    this.grouping = false
    this.heading(2, (this.pieces[i] as Piece).text)
    return i + 1
  }

  private heading(depth: number, text: string): void {
    this.items = []
    this.lists.clear()
    // The heading is made of the lines read in this step (an article heading, its title line).
    const lines = this.pieces.slice(this.stepAt, this.stepAt + MAX_CHAIN + 2).map((p) => p.line)
    this.blocks.push(`${'#'.repeat(Math.min(depth, 6))} ${escapeHeading(text, headingLinks(text, lines))}`)
  }

  // ---- table of contents ----

  private startToc(i: number): number {
    this.tocReturn = this.phase
    this.phase = 'toc'
    this.tocSeen.clear()
    this.tocFirst = ''
    this.paragraph(this.pieces[i] as Piece)
    return i + 1
  }

  /** Entries of a table of contents are text; it ends where the text repeats its first entry. */
  private tocStep(i: number): number {
    const piece = this.pieces[i] as Piece
    const key = piece.text.toLowerCase()
    const repeated = this.tocSeen.has(key) && (key === this.tocFirst || isStructural(piece.text))
    if (repeated || piece.text.length > 150) {
      this.phase = this.tocReturn
      return this.step(i)
    }
    if (this.tocFirst === '') this.tocFirst = key
    this.tocSeen.add(key)
    return this.content(i)
  }

  // ---- content: list items and paragraphs ----

  private content(i: number): number {
    const piece = this.pieces[i] as Piece
    if (this.phase === 'ondertekening' && !piece.bullet) {
      const next = this.signer(i)
      if (next !== undefined) return next
    }
    if (piece.table) {
      this.table(piece, piece.table)
      return i + 1
    }
    if (piece.bullet) return this.listItem(i, bulletItem(piece))
    const alone = loneMarker(piece)
    if (alone) return this.listItem(i, alone)
    const inline = inlineItem(piece)
    if (inline) {
      this.openInline(piece, inline.kind)
      this.pushItem(piece, inline, false, piece.indent)
      return i + 1
    }
    this.paragraph(piece)
    return i + 1
  }

  /**
   * A line of the ondertekening with more than one signer. Signers side by side in the source
   * (a table, cells separated by tabs, or a row of offices over a row of names) are written one
   * under the other, office above name, column by column; two signers on one line without
   * columns are a warning with the fix (see src/model/signers.ts).
   */
  private signer(i: number): number | undefined {
    const piece = this.pieces[i] as Piece
    if (piece.table) {
      const cells = signerTable(piece.table)
      if (!cells) return undefined
      for (const text of cells) this.paragraph({ ...piece, text })
      return i + 1
    }
    if (piece.cell) return undefined
    const after = this.pieces[i + 1]
    const next = after && !after.bullet && !after.table && !after.cell ? after.text : undefined
    const finding = this.signers.read(piece.text, next)
    if (!finding) return undefined
    if (finding.kind === 'glued') {
      this.warnings.push(warning(piece.line, gluedMessage(piece.text, finding.parts), 'ondertekenaars-op-een-regel'))
      return undefined
    }
    const lines =
      finding.kind === 'columns'
        ? finding.offices.flatMap((office, k) => [office, finding.names[k] as string])
        : finding.names
    for (const text of lines) this.paragraph({ ...piece, text })
    const message =
      finding.kind === 'columns'
        ? `De ondertekenaars stonden naast elkaar: hun functies op deze regel, hun namen op de volgende. Ze staan nu elk apart, functie boven naam (${finding.offices.map((o, k) => `\`${o}\` \`${finding.names[k]}\``).join('; ')}); controleer of elke naam bij de goede functie staat`
        : `Deze regel noemt ${finding.names.length} ondertekenaars naast elkaar, één per kolom van de kop erboven (${finding.names.map((n) => `\`${n}\``).join(', ')}); ze staan nu elk op een eigen regel`
    this.warnings.push({ ...warning(piece.line, message, 'import-ondertekening-kolommen'), info: true })
    return i + (finding.kind === 'columns' ? 2 : 1)
  }

  /** Close what a number written in the text ends: by indentation, then by kind. */
  private openInline(piece: Piece, kind: MarkerKind): void {
    this.popItems((item) => item.contentIndent > piece.indent)
    this.popItems((item) => item.markerIndent >= piece.indent && closes(item.kind, kind))
  }

  /**
   * Close what a list item ends: deeper items, and items at the same indentation that it follows
   * (lid after lid); an onderdeel after a lid at the same indentation nests (flat copies).
   */
  private openBullet(piece: Piece, kind: MarkerKind): void {
    this.popItems(
      (item) => item.markerIndent > piece.indent || (item.markerIndent === piece.indent && closes(item.kind, kind)),
    )
  }

  /** A list item (bullet, or a number alone on its line) with its text on the same or the next line. */
  private listItem(i: number, start: ItemStart & { markerOnly: boolean }): number {
    const piece = this.pieces[i] as Piece
    let next = i + 1
    let contentIndent = piece.bullet ? piece.indent + 2 : piece.indent
    if (start.markerOnly) {
      const text = this.pieces[next]
      if (text && this.isItemText(text, piece)) {
        start.text = text.text
        start.from = text.line
        if (piece.bullet) contentIndent = Math.max(text.indent, piece.indent + 1)
        next++
      } else {
        const label = start.num === '' ? '-' : start.num
        this.warnings.push(
          warning(
            piece.line,
            `Lijstonderdeel \`${label}\` heeft geen tekst; leeg overgenomen`,
            'import-leeg-onderdeel',
          ),
        )
      }
    }
    if (piece.bullet) this.openBullet(piece, start.kind)
    else this.openInline(piece, start.kind)
    this.pushItem(piece, start, piece.bullet, contentIndent)
    return next
  }

  /** The line after a bare number (`• 1.`) is that item's text, whatever it says ("Artikel 156 Gemeentewet"). */
  private isItemText(text: Piece, marker: Piece): boolean {
    return !(text.bullet || text.cell || text.forced || inlineItem(text) || text.indent < marker.indent)
  }

  private pushItem(piece: Piece, start: ItemStart, bulleted: boolean, contentIndent: number): void {
    const column = this.top()?.column ?? 0
    const prefix = this.prefix(start, column)
    const lead = start.kind === 'dash' || prefix !== '- ' ? '' : `${start.num}${start.delimiter || '.'} `
    const text = lead + (start.text === '' ? '' : escapeBlock(start.text, start.from ?? piece.line))
    this.blocks.push(`${' '.repeat(column)}${prefix}${text}`.trimEnd())
    this.items.push({
      kind: start.kind,
      bulleted,
      markerIndent: piece.indent,
      contentIndent,
      column: column + prefix.length,
    })
  }

  /**
   * `1. ` for a lid with a plain number (a gap in the numbers switches the delimiter, as `fmt`
   * does), `- ` for everything else (`- 2a.`, `- a.`, `- 1°.`, dash items).
   */
  private prefix(start: ItemStart, column: number): string {
    this.endLists((c) => c > column)
    if (start.kind !== 'lid' || !/^\d+$/u.test(start.num)) {
      this.endLists((c) => c === column)
      return '- '
    }
    const n = Number(start.num)
    const previous = this.lists.get(column)
    let delimiter: '.' | ')' = '.'
    if (previous) delimiter = n === previous.last + 1 ? previous.delimiter : previous.delimiter === '.' ? ')' : '.'
    this.lists.set(column, { last: n, delimiter })
    return `${start.num}${delimiter} `
  }

  /** A paragraph belongs to the item whose content it is indented under; a table cell to no numbered line. */
  private paragraph(piece: Piece): void {
    this.popItems((item) => item.contentIndent > piece.indent || (piece.cell && !item.bulleted))
    const column = this.top()?.column ?? 0
    this.endLists((c) => c >= column)
    this.blocks.push(`${' '.repeat(column)}${escapeBlock(piece.text, piece.line)}`)
  }

  /**
   * A table as a Markdown (GFM) table: the first row is the header, short rows are filled with
   * empty cells. A cell spanning several rows cannot be shown so: said, with the place.
   */
  private table(piece: Piece, rows: string[][]): void {
    // After `De salarisschalen zijn:` the table is part of that lid or onderdeel.
    const introduced = (this.blocks[this.blocks.length - 1] ?? '').trimEnd().endsWith(':')
    this.popItems((item) => item.contentIndent > piece.indent || (!introduced && !item.bulleted))
    const column = this.top()?.column ?? 0
    this.endLists((c) => c >= column)
    const width = Math.max(...rows.map((r) => r.length))
    const line = (cells: readonly string[]) =>
      `${' '.repeat(column)}| ${Array.from({ length: width }, (_, k) => escapeCell(cells[k] ?? '')).join(' | ')} |`
    const out = [line(rows[0] as string[]), `${' '.repeat(column)}|${' --- |'.repeat(width)}`]
    for (const row of rows.slice(1)) out.push(line(row))
    this.blocks.push(out.join('\n'))
    // A `|` inside a cell is escaped (`1 \| 2`): the table parser keeps it in its cell.
    if (piece.spanAt) {
      this.warnings.push(
        warning(
          piece.spanAt,
          'De tabel heeft een cel die over meer rijen loopt; een Markdown-tabel kent dat niet, de cel staat alleen in de eerste rij. Controleer de tabel en vul de lege cellen zo nodig aan',
          'import-tabel',
        ),
      )
    }
  }

  private top(): OpenItem | undefined {
    return this.items[this.items.length - 1]
  }

  private popItems(test: (item: OpenItem) => boolean): void {
    while (this.items.length > 0 && test(this.top() as OpenItem)) this.items.pop()
  }

  private endLists(test: (column: number) => boolean): void {
    for (const column of [...this.lists.keys()]) if (test(column)) this.lists.delete(column)
  }
}

/**
 * The cells of a table of signers in reading order, one signer after the other: row by row when
 * each row reads office, name (`De burgemeester, | J. Jansen`), column by column when the offices
 * stand in one row and their names in the row below. Undefined for any other table, which stays a
 * table: a cell that is no office or name, or no order in which no office follows another office.
 */
function signerTable(rows: readonly string[][]): string[] | undefined {
  if (!rows.every((row) => row.every(isSignerCell))) return undefined
  const width = Math.max(...rows.map((r) => r.length))
  const byRow = rows.map((row) => row.filter((c) => c.trim() !== ''))
  const byColumn = Array.from({ length: width }, (_, c) =>
    rows.map((row) => row[c] ?? '').filter((cell) => cell.trim() !== ''),
  )
  const office = (cell: string) => officesIn(cell.trim().endsWith(',') ? cell.trim() : `${cell.trim()},`).length === 1
  // An office with another office right after it has lost its name: that is not the reading order.
  const readable = (runs: string[][]) =>
    runs.every((run) => run.every((cell, k) => !(office(cell) && k + 1 < run.length && office(run[k + 1] as string))))
  if (readable(byRow)) return byRow.flat()
  if (readable(byColumn)) return byColumn.flat()
  return undefined
}

/** Whether a new item of kind `next`, written in the text, closes an open item of kind `open`. */
function closes(open: MarkerKind, next: MarkerKind): boolean {
  switch (next) {
    case 'lid':
      return true
    case 'letter':
    case 'other':
      return open !== 'lid'
    case 'dash':
      return open === 'dash' || open === 'sub'
    case 'sub':
      return open === 'sub'
  }
}

function joinHeading(heading: Heading, title: string): string {
  return [heading.label, heading.num, title].filter((part) => part !== '').join(' ')
}
