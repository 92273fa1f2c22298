/**
 * HR data for letters: CSV as Dutch spreadsheets export it (`;` or `,`, a BOM, `1.234,56`,
 * `03-01-2013`, leading zeros, quoted fields with new lines) read with csv-parse as a stream, or
 * YAML (a list of records). Each row is validated against the template's fields; a bad row gives
 * its problems with line and column, and the other rows go on.
 */
import { createReadStream, readFileSync, statSync } from 'node:fs'
import { basename } from 'node:path'
import { type CsvErrorCode, parse as parseCsv } from 'csv-parse'
import type { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml'
import { unpackedLimit } from '../util/limits.js'
import { fout } from '../util/messages.js'
import type { RuleId } from '../util/rule-ids.js'
import { matchHeader, normaliseColumn } from './data-header.js'
import { type DataEncoding, decodeCp1252, decodingStream, detectEncoding } from './data-text.js'
import { readWorkbookSheet, type SheetRows, XLSX_LIMITS, XlsxError, type XlsxLimits } from './data-xlsx.js'
import type { FieldDef } from './template.js'
import { type Parsed, parseBedrag, parseDatum, parseGetal, showRaw, type Value } from './values.js'

/** A problem with one row, as plain data (it crosses to and from worker threads). */
export interface RowError {
  /** 1-based line in the data file where the row starts. */
  line: number
  /** The column (CSV header or YAML key), when the problem is about one value. */
  kolom?: string
  reden: string
  ruleId: RuleId
}

export interface Row {
  /** 1-based line in the data file where the row starts. */
  line: number
  /** 1-based number of the record (header not counted). */
  index: number
  /** The personnel number when the data has one: the only personal data logs may show. */
  personeelsnummer: string | undefined
  values: Record<string, Value> | undefined
  errors: RowError[]
}

/**
 * A row problem as a fout on the data file: the row's line is the place (a row has no column of
 * its own), the column's name leads the reason: `kolom "schaal": de waarde is geen geheel getal`.
 */
export function rowMessage(file: VFile, e: RowError): VFileMessage {
  return fout(file, `${e.kolom !== undefined ? `kolom "${e.kolom}": ` : ''}${e.reden}`, { line: e.line }, e.ruleId)
}

/** A message on a data file as letters show it: `medewerkers.csv:14: kolom "schaal": de waarde is geen geheel getal`. */
export function formatRowMessage(m: VFileMessage): string {
  return `${basename(m.file ?? '')}:${m.line ?? 1}: ${m.reason}`
}

/** A problem with the data file as a whole (unreadable, bad CSV, missing column): no row can be made. */
export class DataFileError extends Error {
  readonly ruleId: RuleId = 'gegevens-bestand'
  constructor(
    readonly line: number,
    reden: string,
  ) {
    super(reden)
  }
}

/** The delimiter of a CSV file: the one of `;` and `,` that occurs most in its first line, outside quotes. */
export function detectDelimiter(firstLine: string): ';' | ',' {
  let semi = 0
  let comma = 0
  let quoted = false
  for (const c of firstLine) {
    if (c === '"') quoted = !quoted
    else if (!quoted && c === ';') semi++
    else if (!quoted && c === ',') comma++
  }
  return semi >= comma && semi > 0 ? ';' : comma > 0 ? ',' : ';'
}

const norm = normaliseColumn

/** Convert one raw value to its field's type. */
export function convertValue(field: FieldDef, raw: string, yamlNumber = false): Parsed<Value> {
  const s = raw.trim()
  switch (field.type) {
    case 'tekst':
      return { ok: true, value: s }
    case 'getal':
      return parseGetal(yamlNumber && field.decimalen > 0 ? s.replace('.', ',') : s, field.decimalen)
    case 'bedrag': {
      if (yamlNumber && /^-?\d+(\.\d{1,2})?$/.test(s)) return parseBedrag(s.replace('.', ','))
      return parseBedrag(s)
    }
    case 'datum':
      return parseDatum(s)
    case 'keuze': {
      const hit = field.waarden?.find((w) => w.trim().toLowerCase() === s.toLowerCase())
      if (hit !== undefined) return { ok: true, value: hit }
      return {
        ok: false,
        reden: `de waarde is geen toegestane waarde; kies uit ${(field.waarden ?? []).map((w) => `"${w}"`).join(', ')}`,
      }
    }
    case 'lijst':
      return { ok: false, reden: 'een lijst wordt per regel gelezen' }
  }
}

/**
 * The message for a bad value, without the value: a cell may hold personal data, and messages go to
 * stderr, `fouten.txt` and logs. The parsers of values.ts start their reason with the quoted value.
 */
function valueReason(field: FieldDef, reden: string, raw: string): string {
  const s = raw.trim()
  for (const shown of [raw, s, s.replace('.', ',')].map(showRaw))
    if (reden.startsWith(shown)) return `de waarde${reden.slice(shown.length)}`
  // A reason that does not start with the value as shown: never risk repeating it.
  return reden.includes(s) || reden.startsWith('"') ? `de waarde past niet bij het type ${field.type}` : reden
}

/** Validate one record (raw values by column name) against the fields. */
export function validateRecord(
  fields: readonly FieldDef[],
  get: (column: string) => { raw: string | unknown[] | undefined; yamlNumber?: boolean; line?: number },
  line: number,
): { values: Record<string, Value>; errors: RowError[] } {
  const values: Record<string, Value> = {}
  const errors: RowError[] = []
  for (const field of fields) {
    const { raw, yamlNumber, line: at } = get(field.column)
    const where = at ?? line
    if (field.type === 'lijst') {
      const items = listItems(field, raw, where, errors)
      values[field.name] = items
      continue
    }
    const text = typeof raw === 'string' ? raw : raw === undefined ? '' : undefined
    if (text === undefined) {
      errors.push({
        line: where,
        kolom: field.column,
        reden: 'verwacht één waarde, geen lijst of groep',
        ruleId: 'gegevens-vorm',
      })
      continue
    }
    if (text.trim() === '') {
      if (field.required)
        errors.push({
          line: where,
          kolom: field.column,
          reden: 'is leeg, maar dit veld is verplicht',
          ruleId: 'gegevens-verplicht',
        })
      continue
    }
    const r = convertValue(field, text, yamlNumber)
    if (r.ok) values[field.name] = r.value
    else
      errors.push({
        line: where,
        kolom: field.column,
        reden: valueReason(field, r.reden, text),
        ruleId: 'gegevens-waarde',
      })
  }
  return { values, errors }
}

/**
 * A `lijst` value: in CSV one cell, one item per line, the item's fields separated by `|`
 * (`Bereikbaarheidsdienst | 120,50`); in YAML a list of records.
 */
function listItems(field: FieldDef, raw: unknown, line: number, errors: RowError[]): Value[] {
  const sub = field.velden ?? []
  const out: Value[] = []
  if (raw === undefined || (typeof raw === 'string' && raw.trim() === '')) {
    if (field.required)
      errors.push({
        line,
        kolom: field.column,
        reden: 'is leeg, maar dit veld is verplicht',
        ruleId: 'gegevens-verplicht',
      })
    return out
  }
  const records: Array<(c: string) => { raw: string | unknown[] | undefined; yamlNumber?: boolean }> = []
  if (typeof raw === 'string') {
    for (const itemLine of raw.split(/\r?\n/).filter((l) => l.trim() !== '')) {
      const parts = itemLine.split('|')
      records.push((c) => {
        const i = sub.findIndex((f) => f.column === c)
        return { raw: parts[i] ?? '' }
      })
      if (parts.length !== sub.length) {
        errors.push({
          line,
          kolom: field.column,
          reden: `regel ${records.length} heeft ${parts.length} ${parts.length === 1 ? 'deel' : 'delen'}, verwacht ${sub.length} gescheiden door \`|\` (${sub.map((f) => f.name).join(' | ')})`,
          ruleId: 'gegevens-vorm',
        })
        return out
      }
    }
  } else if (Array.isArray(raw)) {
    for (const item of raw as Array<Record<string, { raw: string | undefined; yamlNumber?: boolean }>>) {
      records.push((c) => item[norm(c)] ?? { raw: undefined })
    }
  } else {
    errors.push({ line, kolom: field.column, reden: 'verwacht een lijst', ruleId: 'gegevens-vorm' })
    return out
  }
  records.forEach((get, n) => {
    const r = validateRecord(sub, get, line)
    for (const e of r.errors)
      errors.push({ ...e, kolom: `${field.column}`, reden: `regel ${n + 1}, ${e.kolom}: ${e.reden}` })
    out.push(r.values)
  })
  return out
}

/** The personnel number of a record (the column `personeelsnummer`), if any. */
const PNR = 'personeelsnummer'

/** How a data file is read besides its path. */
export interface ReadOptions {
  /** The sheet of an `.xlsx` workbook (`--blad`); the first sheet when absent. */
  blad?: string
  /** A warning about the file as a whole (`Windows-1252`), at most one per kind. */
  onWarning?: (w: RowError) => void
  xlsxLimits?: XlsxLimits
}

/** The longest CSV record csv-parse may hold (a 300,000-character cell is fine; a runaway quote is not). */
export const MAX_CSV_RECORD = 8 * 1024 * 1024

/**
 * Read the rows of a CSV, Excel or YAML data file, one at a time (CSV is streamed: memory stays flat).
 * A problem with the file as a whole (encoding, broken CSV quoting, header) is a DataFileError
 * thrown before the first row: CSV is read through once before any row is given out, so a broken
 * quote at row 4,000 stops the batch before letter 1 instead of after letter 3,999.
 */
export async function* readRows(
  path: string,
  fields: readonly FieldDef[],
  options: ReadOptions = {},
): AsyncGenerator<Row> {
  assertReadable(path)
  if (/\.ya?ml$/i.test(path)) {
    yield* yamlRows(path, fields, options)
    return
  }
  if (/\.(ods|xls|xlsm|xlsb|numbers)$/i.test(path)) {
    throw new DataFileError(
      1,
      'dit soort spreadsheet wordt niet gelezen; sla het op als Excel-werkmap (.xlsx) of als CSV UTF-8',
    )
  }
  if (/\.xlsx$/i.test(path)) {
    yield* sheetRows(path, fields, options)
    return
  }
  if (options.blad !== undefined)
    throw new DataFileError(1, '`--blad` geldt alleen voor een Excel-bestand (.xlsx); dit is geen .xlsx')
  yield* csvRows(path, fields, options)
}

function assertReadable(path: string): void {
  let st: ReturnType<typeof statSync>
  try {
    st = statSync(path)
  } catch (error) {
    const code = (error as { code?: string }).code
    throw new DataFileError(
      1,
      code === 'ENOENT'
        ? `het gegevensbestand \`${path}\` bestaat niet; controleer de naam en de map`
        : `het gegevensbestand \`${path}\` is niet te lezen (${code === 'EACCES' ? 'geen toestemming' : (code ?? 'onbekende reden')})`,
    )
  }
  if (st.isDirectory())
    throw new DataFileError(1, `\`${path}\` is een map, geen gegevensbestand; geef het CSV-, Excel- of YAML-bestand`)
  if (!st.isFile())
    throw new DataFileError(
      1,
      `\`${path}\` is geen gewoon bestand (een apparaat of pijp wordt niet gelezen); geef het CSV-, Excel- of YAML-bestand`,
    )
}

/** One record of a table (CSV or sheet): its cells, the line (row) it starts on, and row-level problems. */
interface TableRecord {
  cells: string[]
  line: number
  problems: RowError[]
  /** Excel: 0-based columns whose cell is a formula error (read as empty). */
  errorCells?: ReadonlySet<number>
}

/**
 * Turn table records into rows: the first record is the header (matched to the fields), the others
 * are validated. `strictWidth`: a row with fewer cells than the header is an error (CSV; a sheet's
 * cells have their own column, so nothing can shift).
 */
async function* tableRows(
  records: AsyncIterable<TableRecord>,
  fields: readonly FieldDef[],
  strictWidth: { delimiter: string } | undefined,
  validate = true,
): AsyncGenerator<Row> {
  let header: string[] | undefined
  let width = 0
  let columnIndex = new Map<string, number>()
  /** A field's column name → its cell (normalising once per name, not once per row). */
  const cellOf = new Map<string, number | undefined>()
  /** The cells a field reads. */
  const usedCells = new Set<number>()
  let index = 0
  for await (const rec of records) {
    if (!header) {
      if (rec.cells.every((c) => c.trim() === '')) continue
      header = rec.cells
      const hint =
        strictWidth && header.length === 1
          ? ` (de kopregel heeft één kolom: is het scheidingsteken geen \`;\` of \`,\`?)`
          : ''
      const matched = matchHeader(header, fields, hint)
      if (!matched.ok) throw new DataFileError(rec.line, matched.reden)
      columnIndex = matched.index
      for (const f of fields) {
        const i = columnIndex.get(normaliseColumn(f.column))
        if (i !== undefined) usedCells.add(i)
      }
      for (let i = header.length - 1; i >= 0; i--)
        if ((header[i] as string).trim() !== '') {
          width = i + 1
          break
        }
      continue
    }
    index++
    const record = rec.cells
    if (record.every((c) => c.trim() === '') && rec.problems.length === 0) continue
    const get = (c: string) => {
      let i = cellOf.get(c)
      if (i === undefined && !cellOf.has(c)) {
        i = columnIndex.get(normaliseColumn(c))
        cellOf.set(c, i)
      }
      return { raw: i === undefined ? undefined : (record[i] ?? '') }
    }
    const errors = [...rec.problems]
    if (rec.errorCells)
      for (const i of rec.errorCells)
        if (record[i] === '' && usedCells.has(i))
          errors.push({
            line: rec.line,
            kolom: (header[i] as string).trim(),
            reden:
              'de cel bevat een foutwaarde van Excel (zoals #N/B of #WAARDE!); herstel de formule of vul de waarde in',
            ruleId: 'gegevens-waarde',
          })
    if (strictWidth && record.length < width) {
      errors.push({
        line: rec.line,
        reden: `de rij heeft ${record.length} ${record.length === 1 ? 'kolom' : 'kolommen'}, de kopregel ${width}; er ontbreekt een \`${strictWidth.delimiter}\` of de rij is afgebroken. De waarden worden niet verschoven: vul de rij aan`,
        ruleId: 'gegevens-vorm',
      })
    } else if (strictWidth && record.slice(width).some((c) => c.trim() !== '')) {
      errors.push({
        line: rec.line,
        reden: `de rij heeft ${record.length} kolommen, de kopregel ${width} (een \`${strictWidth.delimiter}\` te veel, of een cel met een \`${strictWidth.delimiter}\` zonder aanhalingstekens?)`,
        ruleId: 'gegevens-vorm',
      })
    }
    const checked = errors.length > 0 || !validate ? { values: {}, errors: [] } : validateRecord(fields, get, rec.line)
    errors.push(...checked.errors)
    const p = get(PNR).raw
    yield {
      line: rec.line,
      index,
      personeelsnummer: errors.length === 0 && typeof p === 'string' && p.trim() !== '' ? p.trim() : undefined,
      values: errors.length === 0 ? checked.values : undefined,
      errors,
    }
  }
  if (!header) throw new DataFileError(1, 'het bestand is leeg: verwacht een kopregel met de kolomnamen')
}

async function* sheetRows(path: string, fields: readonly FieldDef[], options: ReadOptions): AsyncGenerator<Row> {
  let sheet: SheetRows
  try {
    sheet = await readWorkbookSheet(
      path,
      options.blad,
      options.xlsxLimits ?? {
        ...XLSX_LIMITS,
        maxFileBytes: unpackedLimit(XLSX_LIMITS.maxFileBytes),
        maxUnpackedBytes: unpackedLimit(XLSX_LIMITS.maxUnpackedBytes),
      },
    )
  } catch (error) {
    if (error instanceof XlsxError) throw new DataFileError(error.line, error.message)
    throw error
  }
  async function* records(): AsyncGenerator<TableRecord> {
    for (let i = 0; i < sheet.rows.length; i++) {
      const errorCells = sheet.errorCells.get(i + 1)
      yield { cells: sheet.rows[i] as string[], line: i + 1, problems: [], ...(errorCells ? { errorCells } : {}) }
    }
  }
  yield* tableRows(records(), fields, undefined)
}

const cp1252Warning: RowError = {
  line: 1,
  reden:
    'het bestand is geen UTF-8 en is gelezen als Windows-1252 (Excel: "CSV (gescheiden door lijstscheidingsteken)"); controleer namen met accenten in de brieven, of sla het op als CSV UTF-8',
  ruleId: 'gegevens-codering',
}

async function* csvRows(path: string, fields: readonly FieldDef[], options: ReadOptions): AsyncGenerator<Row> {
  const detected = detectEncoding(path)
  if (!detected.ok) throw new DataFileError(detected.line, detected.reden)
  if (detected.encoding === 'windows-1252') options.onWarning?.(cp1252Warning)
  const delimiter = detectDelimiter(detected.head.split(/\r?\n/, 1)[0] ?? '')
  // First pass: the whole file must be readable CSV with a good header before any row is given out.
  const check = tableRows(csvRecords(path, detected.encoding, delimiter), fields, { delimiter }, false)
  for (let r = await check.next(); !r.done; r = await check.next()) {
    // Only the file's structure counts here; the rows are read again below.
  }
  yield* tableRows(csvRecords(path, detected.encoding, delimiter), fields, { delimiter })
}

/** The records of a CSV file as text cells, each with the line it starts on. */
async function* csvRecords(path: string, encoding: DataEncoding, delimiter: string): AsyncGenerator<TableRecord> {
  const parser = createReadStream(path)
    .pipe(decodingStream(encoding))
    .pipe(
      parseCsv({
        delimiter,
        info: true,
        raw: true,
        skip_empty_lines: true,
        relax_column_count: true,
        // `Medewerker "Publiekszaken"` and `=HYPERLINK("…")`: a quote inside an unquoted cell is
        // part of the text, as Excel and LibreOffice read it. The one case this reads in a way
        // that loses text (a quoted cell with `""` closed early) is found below and reported.
        relax_quotes: true,
        max_record_size: MAX_CSV_RECORD,
      }),
    )
  let prevEnd = 0
  let prevEmpty = 0
  try {
    for await (const rec of parser as AsyncIterable<{
      record: string[]
      raw: string
      info: { lines: number; empty_lines: number }
    }>) {
      const line = prevEnd + 1 + (rec.info.empty_lines - prevEmpty)
      prevEnd = rec.info.lines
      prevEmpty = rec.info.empty_lines
      yield { cells: rec.record, line, problems: quoteProblems(rec.record, rec.raw, line) }
    }
  } catch (error) {
    const e = error as { code?: string; lines?: number; empty_lines?: number; message?: string }
    const code = e.code ?? (e.message === 'INVALID_BUFFER_STATE' ? 'INVALID_BUFFER_STATE' : undefined)
    if (code === undefined || !(code in CSV_ERRORS)) throw error
    const known = CSV_ERRORS[code as CsvErrorCodeOrState]
    if (known.kind === 'bug') throw error
    const start = prevEnd + 1 + ((e.empty_lines ?? prevEmpty) - prevEmpty)
    throw new DataFileError(start, known.reden)
  }
}

/**
 * A cell that starts with a quote was either quoted properly (`"""Jan"" de Vries"`) or read
 * literally under `relax_quotes` (`"Jan" de Vries`); both are right. A quoted cell with an escaped
 * quote inside that closes early (`"Jan""x" y`) loses a quote in csv-parse's relaxed reading: that
 * cell is reported, not guessed. Cells are searched in order, so the search stays linear.
 */
function quoteProblems(cells: readonly string[], raw: string, line: number): RowError[] {
  let from = 0
  for (const cell of cells) {
    if (!cell.includes('"')) continue
    const literal = raw.indexOf(cell, from)
    if (literal >= 0) {
      from = literal + cell.length
      continue
    }
    const quoted = `"${cell.split('"').join('""')}"`
    const q = raw.indexOf(quoted, from)
    if (q >= 0) {
      from = q + quoted.length
      continue
    }
    return [
      {
        line,
        reden:
          'een cel met aanhalingstekens is niet eenduidig te lezen (een aanhalingsteken sluit de cel, maar er volgt nog tekst); zet de hele cel tussen aanhalingstekens en verdubbel de aanhalingstekens erin, zoals `"Medewerker ""Publiekszaken"""`',
        ruleId: 'gegevens-vorm',
      },
    ]
  }
  return []
}

/** Codes in csv-parse's source that its `CsvErrorCode` type does not list, and a bare `Error` message. */
type CsvErrorCodeOrState =
  | CsvErrorCode
  | 'CSV_INVALID_OPTION_DELIMITER_AUTO'
  | 'CSV_INVALID_OPTION_ENCODING'
  | 'CSV_INVALID_OPTION_IGNORE_LAST_DELIMITERS'
  | 'CSV_INVALID_OPTION_RECORD_DELIMITER'
  | 'CSV_IGNORE_LAST_DELIMITERS_REQUIRES_COLUMNS'
  | 'INVALID_BUFFER_STATE'

/**
 * Every error csv-parse 7 can raise, with what it means for a data file. `data`: the file is at
 * fault, a placed message, exit 1. `bug`: only a wrong option or state in this program can cause it
 * (the options are fixed here), so it stays an internal error. test/letters/data-csv-errors.test.ts
 * reads csv-parse's source and fails when a code is missing from this list.
 */
export const CSV_ERRORS: Record<CsvErrorCodeOrState, { kind: 'data'; reden: string } | { kind: 'bug' }> = {
  CSV_QUOTE_NOT_CLOSED: {
    kind: 'data',
    reden:
      'een cel begint met een aanhalingsteken (") dat nergens wordt gesloten, zodat de rest van het bestand één cel zou worden; sluit het aanhalingsteken, of haal het weg. Er is geen brief gemaakt',
  },
  CSV_INVALID_CLOSING_QUOTE: {
    kind: 'data',
    reden:
      'na een sluitend aanhalingsteken volgt geen scheidingsteken; zet de hele cel tussen aanhalingstekens en verdubbel de aanhalingstekens erin. Er is geen brief gemaakt',
  },
  INVALID_OPENING_QUOTE: {
    kind: 'data',
    reden:
      'een aanhalingsteken staat midden in een cel zonder aanhalingstekens eromheen; zet de hele cel tussen aanhalingstekens en verdubbel de aanhalingstekens erin. Er is geen brief gemaakt',
  },
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: {
    kind: 'data',
    reden:
      'na een sluitend aanhalingsteken volgt nog tekst in dezelfde cel; zet de hele cel tussen aanhalingstekens. Er is geen brief gemaakt',
  },
  CSV_MAX_RECORD_SIZE: {
    kind: 'data',
    reden: `een rij is langer dan ${MAX_CSV_RECORD / (1024 * 1024)} MB; meestal sluit een aanhalingsteken niet. Controleer de aanhalingstekens vanaf deze rij. Er is geen brief gemaakt`,
  },
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: {
    kind: 'data',
    reden: 'de rij heeft een ander aantal kolommen dan de kopregel. Er is geen brief gemaakt',
  },
  CSV_RECORD_INCONSISTENT_COLUMNS: {
    kind: 'data',
    reden: 'de rij heeft een ander aantal kolommen dan de kopregel. Er is geen brief gemaakt',
  },
  CSV_UNKNOWN_ERROR: {
    kind: 'data',
    reden:
      'het CSV-bestand is vanaf deze rij niet te lezen; sla het opnieuw op als CSV UTF-8. Er is geen brief gemaakt',
  },
  CSV_INVALID_ARGUMENT: { kind: 'bug' },
  CSV_INVALID_COLUMN_DEFINITION: { kind: 'bug' },
  CSV_INVALID_COLUMN_MAPPING: { kind: 'bug' },
  CSV_INVALID_OPTION_BOM: { kind: 'bug' },
  CSV_INVALID_OPTION_CAST: { kind: 'bug' },
  CSV_INVALID_OPTION_CAST_DATE: { kind: 'bug' },
  CSV_INVALID_OPTION_COLUMNS: { kind: 'bug' },
  CSV_INVALID_OPTION_COMMENT: { kind: 'bug' },
  CSV_INVALID_OPTION_DELIMITER: { kind: 'bug' },
  CSV_INVALID_OPTION_DELIMITER_AUTO: { kind: 'bug' },
  CSV_INVALID_OPTION_ENCODING: { kind: 'bug' },
  CSV_INVALID_OPTION_IGNORE_LAST_DELIMITERS: { kind: 'bug' },
  CSV_INVALID_OPTION_RECORD_DELIMITER: { kind: 'bug' },
  CSV_INVALID_OPTION_ON_RECORD: { kind: 'bug' },
  CSV_INVALID_OPTION_GROUP_COLUMNS_BY_NAME: { kind: 'bug' },
  CSV_OPTION_COLUMNS_MISSING_NAME: { kind: 'bug' },
  CSV_IGNORE_LAST_DELIMITERS_REQUIRES_COLUMNS: { kind: 'bug' },
  INVALID_BUFFER_STATE: { kind: 'bug' },
}

function* yamlRows(path: string, fields: readonly FieldDef[], options: ReadOptions): Generator<Row> {
  const detected = detectEncoding(path)
  if (!detected.ok) throw new DataFileError(detected.line, detected.reden)
  if (detected.encoding === 'windows-1252') options.onWarning?.(cp1252Warning)
  const bytes = readFileSync(path)
  const text = (
    detected.encoding === 'windows-1252' ? decodeCp1252(bytes) : new TextDecoder(detected.encoding).decode(bytes)
  ).replace(/^\uFEFF/, '')
  const lc = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, version: '1.2' })
  const lineOf = (n: YamlNode | null | undefined) => (n?.range ? lc.linePos(n.range[0]).line : 1)
  if (doc.errors.length > 0) {
    throw new DataFileError(
      lc.linePos(doc.errors[0]?.pos[0] ?? 0).line,
      'de YAML is niet te lezen; controleer inspringing en dubbele punten',
    )
  }
  let list: unknown = doc.contents
  if (isMap(list) && list.items.length === 1 && isSeq(list.items[0]?.value)) list = list.items[0]?.value
  if (!isSeq(list))
    throw new DataFileError(lineOf(doc.contents), 'verwacht een lijst van medewerkers (regels die met `- ` beginnen)')
  let index = 0
  for (const item of list.items) {
    index++
    const line = lineOf(item as YamlNode)
    if (!isMap(item)) {
      yield {
        line,
        index,
        personeelsnummer: undefined,
        values: undefined,
        errors: [{ line, reden: 'verwacht een groep `veld: waarde`', ruleId: 'gegevens-vorm' }],
      }
      continue
    }
    const byKey = new Map<string, YamlNode | null>()
    for (const pair of item.items)
      byKey.set(norm(String(isScalar(pair.key) ? pair.key.value : pair.key)), pair.value as YamlNode | null)
    const scalar = (
      node: YamlNode | null | undefined,
    ): { raw: string | unknown[] | undefined; yamlNumber?: boolean; line?: number } => {
      if (node === undefined || node === null) return { raw: undefined }
      if (isScalar(node)) {
        const src = node.range ? text.slice(node.range[0], node.range[1]).trim() : String(node.value)
        // Leading zeros and other source text stay as written; numbers keep their digits.
        if (typeof node.value === 'string') return { raw: node.value, line: lineOf(node) }
        if (node.value === null) return { raw: '', line: lineOf(node) }
        return { raw: src, yamlNumber: typeof node.value === 'number', line: lineOf(node) }
      }
      if (isSeq(node)) {
        const items = node.items.map((it) => {
          const rec: Record<string, unknown> = {}
          if (isMap(it))
            for (const p of it.items)
              rec[norm(String(isScalar(p.key) ? p.key.value : p.key))] = scalar(p.value as YamlNode)
          return rec
        })
        return { raw: items, line: lineOf(node) }
      }
      return { raw: [] as unknown[], line: lineOf(node) }
    }
    const get = (c: string) => scalar(byKey.get(norm(c)))
    const { values, errors } = validateRecord(fields, get, line)
    const p = get(PNR).raw
    yield {
      line,
      index,
      personeelsnummer: typeof p === 'string' && p ? p : undefined,
      values: errors.length === 0 ? values : undefined,
      errors,
    }
  }
}
