/**
 * HR data for letters: CSV as Dutch spreadsheets export it (`;` or `,`, a BOM, `1.234,56`,
 * `03-01-2013`, leading zeros, quoted fields with new lines) read with csv-parse as a stream, or
 * YAML (a list of records). Each row is validated against the template's fields; a bad row gives
 * its problems with line and column, and the other rows go on.
 */
import { closeSync, createReadStream, openSync, readFileSync, readSync } from 'node:fs'
import { basename } from 'node:path'
import { parse as parseCsv } from 'csv-parse'
import type { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml'
import { fout } from '../util/messages.js'
import type { RuleId } from '../util/rule-ids.js'
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
 * its own), the column's name leads the reason: `kolom "schaal": "1O" is geen geheel getal`.
 */
export function rowMessage(file: VFile, e: RowError): VFileMessage {
  return fout(file, `${e.kolom !== undefined ? `kolom "${e.kolom}": ` : ''}${e.reden}`, { line: e.line }, e.ruleId)
}

/** A message on a data file as letters show it: `medewerkers.csv:14: kolom "schaal": "1O" is geen geheel getal`. */
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

function firstLineOf(path: string): string {
  const fd = openSync(path, 'r')
  try {
    const buf = Buffer.alloc(65536)
    const n = readSync(fd, buf, 0, buf.length, 0)
    return (
      buf
        .subarray(0, n)
        .toString('utf8')
        .replace(/^\uFEFF/, '')
        .split(/\r?\n/)[0] ?? ''
    )
  } finally {
    closeSync(fd)
  }
}

const norm = (s: string) => s.trim().toLowerCase()

/** Convert one raw value to its field's type. */
export function convertValue(field: FieldDef, raw: string, yamlNumber = false): Parsed<Value> {
  const s = raw.trim()
  switch (field.type) {
    case 'tekst':
      return { ok: true, value: raw.replace(/^\s+|\s+$/g, '') }
    case 'getal':
      return parseGetal(yamlNumber && field.decimalen > 0 ? s.replace('.', ',') : s, field.decimalen)
    case 'bedrag': {
      if (yamlNumber && /^-?\d+(\.\d{1,2})?$/.test(s)) return parseBedrag(s.replace('.', ','))
      return parseBedrag(s)
    }
    case 'datum':
      return parseDatum(s)
    case 'keuze': {
      const hit = field.waarden?.find((w) => norm(w) === norm(s))
      if (hit !== undefined) return { ok: true, value: hit }
      return {
        ok: false,
        reden: `${showRaw(raw)} is geen toegestane waarde; kies uit ${(field.waarden ?? []).map((w) => `"${w}"`).join(', ')}`,
      }
    }
    case 'lijst':
      return { ok: false, reden: 'een lijst wordt per regel gelezen' }
  }
}

/** The message for a bad value; a personal data field never echoes the value. */
function valueReason(field: FieldDef, reden: string, raw: string): string {
  if (!field.persoonsgegeven) return reden
  return `${reden.replace(showRaw(raw), 'de waarde')} (waarde niet getoond: persoonsgegeven)`
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

/** Read the rows of a CSV or YAML data file, one at a time (CSV is streamed: memory stays flat). */
export async function* readRows(path: string, fields: readonly FieldDef[]): AsyncGenerator<Row> {
  if (/\.ya?ml$/i.test(path)) {
    yield* yamlRows(path, fields)
    return
  }
  yield* csvRows(path, fields)
}

async function* csvRows(path: string, fields: readonly FieldDef[]): AsyncGenerator<Row> {
  let first: string
  try {
    first = firstLineOf(path)
  } catch {
    throw new DataFileError(1, `Het gegevensbestand \`${path}\` bestaat niet of is niet te lezen`)
  }
  const delimiter = detectDelimiter(first)
  const parser = createReadStream(path).pipe(
    parseCsv({ bom: true, delimiter, info: true, skip_empty_lines: true, relax_column_count: true }),
  )
  let header: string[] | undefined
  let columnIndex = new Map<string, number>()
  let prevEnd = 0
  let prevEmpty = 0
  let index = 0
  try {
    for await (const rec of parser as AsyncIterable<{
      record: string[]
      info: { lines: number; empty_lines: number }
    }>) {
      const start = prevEnd + 1 + (rec.info.empty_lines - prevEmpty)
      prevEnd = rec.info.lines
      prevEmpty = rec.info.empty_lines
      if (!header) {
        header = rec.record.map((h) => h.trim())
        columnIndex = new Map(header.map((h, i) => [norm(h), i]))
        const missing = fields.filter((f) => f.required && !columnIndex.has(norm(f.column)))
        if (missing.length > 0) {
          throw new DataFileError(
            start,
            `${missing.length === 1 ? 'de verplichte kolom' : 'de verplichte kolommen'} ${missing.map((f) => `"${f.column}"`).join(', ')} ${missing.length === 1 ? 'ontbreekt' : 'ontbreken'} in de kopregel (gevonden: ${header.map((h) => `"${h}"`).join(', ')})`,
          )
        }
        continue
      }
      index++
      const record = rec.record
      if (record.every((c) => c.trim() === '')) continue
      const get = (c: string) => {
        const i = columnIndex.get(norm(c))
        return { raw: i === undefined ? undefined : record[i] }
      }
      const { values, errors } = validateRecord(fields, get, start)
      if (record.length > header.length) {
        errors.push({
          line: start,
          reden: `de rij heeft ${record.length} kolommen, de kopregel ${header.length} (een \`${delimiter}\` te veel?)`,
          ruleId: 'gegevens-vorm',
        })
      }
      const p = get(PNR).raw
      yield {
        line: start,
        index,
        personeelsnummer: typeof p === 'string' && p.trim() !== '' ? p.trim() : undefined,
        values: errors.length === 0 ? values : undefined,
        errors,
      }
    }
  } catch (error) {
    if (error instanceof DataFileError) throw error
    const e = error as { code?: string; lines?: number; message?: string }
    if (e.code === 'ENOENT' || e.code === 'EISDIR')
      throw new DataFileError(1, `Het gegevensbestand \`${path}\` bestaat niet of is een map`)
    if (typeof e.code === 'string' && e.code.startsWith('CSV_')) {
      const reden =
        e.code === 'CSV_QUOTE_NOT_CLOSED'
          ? 'een veld tussen aanhalingstekens wordt niet gesloten'
          : e.code === 'CSV_INVALID_CLOSING_QUOTE'
            ? 'na een sluitend aanhalingsteken volgt geen scheidingsteken'
            : `het CSV-bestand is niet te lezen (${e.code})`
      throw new DataFileError(e.lines ?? prevEnd + 1, reden)
    }
    throw error
  }
  if (!header) throw new DataFileError(1, 'het bestand is leeg: verwacht een kopregel met de kolomnamen')
}

function* yamlRows(path: string, fields: readonly FieldDef[]): Generator<Row> {
  let text: string
  try {
    text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '')
  } catch {
    throw new DataFileError(1, `Het gegevensbestand \`${path}\` bestaat niet of is niet te lezen`)
  }
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
