/**
 * HR data from an Excel workbook (`.xlsx`): the first sheet, or the one named with `--blad`, read by
 * read-excel-file (maintained, no known advisories; SheetJS's `xlsx` in the npm registry is frozen at
 * 0.18.5 with prototype-pollution and ReDoS advisories). Before the library unpacks anything the
 * archive is inflated once as a stream with a budget, so a zip bomb or a sheet that claims a million
 * rows from a few bytes is refused with a placed message instead of filling memory.
 *
 * Cells come out as a Dutch Excel shows them: dates `1-1-2024` (with the time when there is one),
 * numbers with a decimal comma (`2853,12`), booleans `WAAR`/`ONWAAR`. A number's own display format
 * (thousands, currency sign, leading zeros) is not in the library's output; `bedrag` and `getal`
 * fields read the number itself, and a bedrag with more than two decimals is refused, not rounded.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs'
import { Unzip, UnzipInflate } from 'fflate'

/** Limits on a workbook; overridable by the caller (documented in docs/templates.md). */
export interface XlsxLimits {
  /** Bytes of the `.xlsx` file itself. */
  maxFileBytes: number
  /** Bytes after unpacking, all parts together. */
  maxUnpackedBytes: number
  /** Rows of the sheet (Excel's own maximum is 1,048,576). */
  maxRows: number
  /** Rows × columns the sheet spans (the library fills gaps with empty cells). */
  maxCells: number
}

export const XLSX_LIMITS: XlsxLimits = {
  maxFileBytes: 50 * 1024 * 1024,
  maxUnpackedBytes: 50 * 1024 * 1024,
  maxRows: 200_000,
  maxCells: 10_000_000,
}

export class XlsxError extends Error {
  constructor(
    readonly line: number,
    reden: string,
  ) {
    super(reden)
  }
}

const mb = (n: number) => `${Math.round(n / (1024 * 1024))} MB`

/** Column letters → 1-based number (`A` → 1, `XFD` → 16384). */
function columnNumber(letters: string): number {
  let n = 0
  for (const c of letters) n = n * 26 + (c.charCodeAt(0) - 64)
  return n
}

/**
 * Inflate every part once, counting bytes, and find the largest row and column any worksheet cell
 * names (`<c r="XFD1048576">`, `<row r="…">`). Throws an XlsxError past a limit or on a broken zip.
 */
export function checkWorkbook(path: string, limits: XlsxLimits = XLSX_LIMITS): Map<number, Set<number>> {
  const size = statSync(path).size
  if (size > limits.maxFileBytes)
    throw new XlsxError(
      1,
      `het Excel-bestand is ${mb(size)}; meer dan ${mb(limits.maxFileBytes)} wordt niet gelezen. Splits het bestand of sla het op als CSV`,
    )
  let unpacked = 0
  let maxRow = 0
  let maxCol = 0
  let failure: XlsxError | undefined
  let parts = 0
  /** Cells whose formula gave an error (`t="e"`), by row (1-based) → columns (0-based), any sheet. */
  const errorCells = new Map<number, Set<number>>()
  const unzip = new Unzip((file) => {
    parts++
    const sheet = /^xl\/worksheets\/[^/]+\.xml$/.test(file.name)
    let tail = ''
    file.ondata = (err, chunk, final) => {
      if (failure) return
      if (err) {
        failure = new XlsxError(
          1,
          'het Excel-bestand is beschadigd (een deel is niet uit te pakken); sla het opnieuw op in Excel',
        )
        return
      }
      unpacked += chunk.length
      if (unpacked > limits.maxUnpackedBytes) {
        failure = new XlsxError(
          1,
          `het Excel-bestand is uitgepakt groter dan ${mb(limits.maxUnpackedBytes)}; zoveel wordt niet gelezen (een gewoon personeelsbestand is veel kleiner). Sla alleen het blad met de gegevens op, of als CSV`,
        )
        file.terminate()
        return
      }
      if (!sheet) return
      const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length)
      if (bytes.indexOf('r="') < 0 && tail === '') return
      const text = tail + bytes.toString('latin1')
      // A formula error (`<c r="B5" s="1" t="e">`): the library reads it as an empty cell.
      for (let at = text.indexOf('t="e"'); at >= 0; at = text.indexOf('t="e"', at + 5)) {
        const open = text.lastIndexOf('<c ', at)
        if (open < 0 || at - open > 200) continue
        const ref = /\sr="([A-Z]{1,3})(\d{1,8})"/.exec(text.slice(open, at))
        if (!ref) continue
        const row = Number(ref[2])
        const cols = errorCells.get(row) ?? new Set<number>()
        cols.add(columnNumber(ref[1] as string) - 1)
        errorCells.set(row, cols)
      }
      for (const m of text.matchAll(/\sr="([A-Z]{0,3})(\d{1,8})"/g)) {
        const row = Number(m[2])
        if (row > maxRow) maxRow = row
        if (m[1]) {
          const col = columnNumber(m[1])
          if (col > maxCol) maxCol = col
        }
      }
      tail = final ? '' : text.slice(-256)
    }
    file.start()
  })
  unzip.register(UnzipInflate)
  const fd = openSync(path, 'r')
  try {
    // Small pieces: deflate expands up to 1032×, so 8 kB in is at most about 8 MB out at a time.
    const buf = Buffer.allocUnsafe(1 << 13)
    let n: number
    // A copy each time: fflate keeps a reference to input it has not consumed yet.
    // biome-ignore lint/suspicious/noAssignInExpressions: a read loop
    while ((n = readSync(fd, buf, 0, buf.length, null)) > 0 && !failure) unzip.push(Uint8Array.from(buf.subarray(0, n)))
    if (!failure) unzip.push(new Uint8Array(0), true)
  } catch {
    failure ??= new XlsxError(1, 'het bestand is geen geldig Excel-bestand (.xlsx); sla het opnieuw op in Excel')
  } finally {
    closeSync(fd)
  }
  if (failure) throw failure
  if (parts === 0)
    throw new XlsxError(1, 'het bestand is geen geldig Excel-bestand (.xlsx); sla het opnieuw op in Excel')
  if (maxRow > limits.maxRows)
    throw new XlsxError(
      maxRow,
      `het werkblad loopt tot rij ${maxRow}; meer dan ${limits.maxRows} rijen wordt niet gelezen. Haal lege of overbodige rijen weg, of splits het bestand`,
    )
  if (maxRow * Math.max(1, maxCol) > limits.maxCells)
    throw new XlsxError(
      1,
      `het werkblad beslaat ${maxRow} rijen bij ${maxCol} kolommen; zo groot wordt het niet gelezen. Haal lege kolommen en rijen weg (een cel ver buiten de tabel telt mee)`,
    )
  return errorCells
}

/** A cell as a Dutch Excel shows it: text as is, `1-1-2024`, `2853,12`, `WAAR`. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'boolean') return value ? 'WAAR' : 'ONWAAR'
  if (typeof value === 'number') {
    // Excel keeps 15 significant digits; beyond that is binary noise (0.1 + 0.2).
    const clean = Number(value.toPrecision(15))
    return String(clean).replace('.', ',')
  }
  if (value instanceof Date) {
    const d = `${value.getUTCDate()}-${value.getUTCMonth() + 1}-${value.getUTCFullYear()}`
    const h = value.getUTCHours()
    const m = value.getUTCMinutes()
    return h === 0 && m === 0 ? d : `${d} ${h}:${String(m).padStart(2, '0')}`
  }
  return String(value)
}

export interface SheetRows {
  /** Rows in Excel's numbering: `rows[0]` is row 1. */
  rows: string[][]
  /**
   * Cells that hold a formula error (`#N/B`, `#WAARDE!`), which the library gives as empty: by
   * Excel row → 0-based columns. Collected over all sheets; a cell counts only where this sheet's
   * cell is empty, so another sheet can at worst make an empty cell an error, never hide one.
   */
  errorCells: Map<number, Set<number>>
}

/** Read one sheet (first, or by name) as text cells. Throws XlsxError for every problem of the file. */
export async function readWorkbookSheet(
  path: string,
  blad: string | undefined,
  limits: XlsxLimits = XLSX_LIMITS,
): Promise<SheetRows> {
  const errorCells = checkWorkbook(path, limits)
  const { readSheet, SheetNotFoundError, InvalidInputError } = await import('read-excel-file/node')
  let data: unknown[][]
  try {
    data = (await readSheet(path, blad ?? 1, { trim: false })) as unknown[][]
  } catch (error) {
    if (error instanceof SheetNotFoundError) {
      const sheets = (error as { sheets?: string[] }).sheets
      throw new XlsxError(
        1,
        `het Excel-bestand heeft geen blad "${blad}"${sheets?.length ? `; de bladen heten ${sheets.map((s) => `"${s}"`).join(', ')}` : ''}`,
      )
    }
    if (error instanceof InvalidInputError) {
      const code = (error as { code?: string }).code
      throw new XlsxError(
        1,
        code === 'XLS_FILE_NOT_SUPPORTED'
          ? 'dit is een oud Excel-bestand (.xls); sla het op als Excel-werkmap (.xlsx) of als CSV UTF-8'
          : code === 'NO_DATA'
            ? 'het Excel-bestand is leeg: verwacht een kopregel met de kolomnamen'
            : 'het bestand is geen geldig Excel-bestand (.xlsx); sla het opnieuw op in Excel',
      )
    }
    // Anything else the library throws is about the file's contents (our code is not involved).
    throw new XlsxError(1, 'het Excel-bestand is beschadigd (een deel is niet te lezen); sla het opnieuw op in Excel')
  }
  return { rows: data.map((r) => r.map(cellText)), errorCells }
}
