/**
 * The HR data reader on data as it arrives: CSV quoting as Excel and hand edits leave it, every
 * csv-parse error code, encodings from `iconv` (UTF-8 with and without BOM, UTF-16 LE/BE with BOM,
 * Windows-1252), headers that differ in case/spaces/accents, Excel workbooks made by LibreOffice
 * (fixtures/excel-*.xlsx, sources beside them), and bounds on hostile files.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Zip, ZipDeflate, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { CSV_ERRORS, DataFileError, type Row, type RowError, readRows } from '../../src/assemble/data.js'
import { normaliseColumn } from '../../src/assemble/data-header.js'
import { decodeCp1252 } from '../../src/assemble/data-text.js'
import { checkWorkbook, XLSX_LIMITS } from '../../src/assemble/data-xlsx.js'
import { type FieldDef, loadTemplate } from '../../src/assemble/template.js'
import type { FieldType } from '../../src/assemble/values.js'
import { tempDir } from '../cli-helpers.js'
import { ROOT } from '../helpers.js'

const FIX = join(ROOT, 'test', 'letters', 'fixtures')

function field(column: string, type: FieldType = 'tekst', extra: Partial<FieldDef> = {}): FieldDef {
  return {
    name: column,
    type,
    required: true,
    description: '',
    column,
    decimalen: 0,
    persoonsgegeven: false,
    ...extra,
  }
}

const FIELDS = [
  field('personeelsnummer'),
  field('achternaam'),
  field('aard_aanstelling', 'keuze', { waarden: ['vast', 'tijdelijk'] }),
  field('ingangsdatum', 'datum'),
  field('salaris', 'bedrag'),
  field('functie', 'tekst', { required: false }),
]

async function read(
  path: string,
  fields: readonly FieldDef[] = FIELDS,
  blad?: string,
): Promise<{ rows: Row[]; warnings: RowError[]; error?: DataFileError }> {
  const rows: Row[] = []
  const warnings: RowError[] = []
  try {
    for await (const r of readRows(path, fields, { ...(blad ? { blad } : {}), onWarning: (w) => warnings.push(w) }))
      rows.push(r)
  } catch (error) {
    if (!(error instanceof DataFileError)) throw error
    return { rows, warnings, error }
  }
  return { rows, warnings }
}

const HEADER = 'personeelsnummer;achternaam;aard_aanstelling;ingangsdatum;salaris;functie'

function csv(name: string, lines: string[], encoding = 'utf-8'): string {
  const path = join(tempDir(), name)
  const text = `${lines.join('\r\n')}\r\n`
  if (encoding === 'utf-8') writeFileSync(path, text)
  else writeFileSync(path, execFileSync('iconv', ['-f', 'utf-8', '-t', encoding], { input: text }))
  return path
}

describe('csv-parse error codes', () => {
  it('every code in csv-parse’s source is classified: a Dutch message for data, or a known program bug', () => {
    const dir = join(ROOT, 'node_modules', 'csv-parse', 'lib')
    const codes = new Set<string>()
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(d, e.name))
        else if (e.name.endsWith('.js'))
          for (const m of readFileSync(join(d, e.name), 'utf8').matchAll(/["'`]((?:CSV_|INVALID_)[A-Z_]+)["'`]/g))
            codes.add(m[1] as string)
      }
    }
    walk(dir)
    expect(codes.size).toBeGreaterThan(20)
    expect([...codes].filter((c) => !(c in CSV_ERRORS))).toEqual([])
    for (const c of codes) {
      const e = CSV_ERRORS[c as keyof typeof CSV_ERRORS]
      if (e.kind === 'data') expect(e.reden).toMatch(/^[a-z].*[a-z.]$/)
    }
    // The ones a data file can cause are data errors, never an "interne fout".
    for (const c of [
      'CSV_QUOTE_NOT_CLOSED',
      'CSV_INVALID_CLOSING_QUOTE',
      'INVALID_OPENING_QUOTE',
      'CSV_MAX_RECORD_SIZE',
    ])
      expect(CSV_ERRORS[c as keyof typeof CSV_ERRORS].kind).toBe('data')
  })
})

describe('CSV quoting', () => {
  it('a quote inside an unquoted cell is text, as Excel reads it', async () => {
    const path = csv('q.csv', [
      HEADER,
      '900001;Voorbeeld;vast;1-1-2024;2.101,00;Medewerker "Publiekszaken"',
      '900002;Voorbeeld;vast;1-1-2024;2.101,00;=HYPERLINK("https://voorbeeld.nl")',
      '900003;"Jan" de Voorbeeld;vast;1-1-2024;2.101,00;"Medewerker ""Publiekszaken"""',
    ])
    const { rows, error } = await read(path)
    expect(error).toBeUndefined()
    expect(rows.map((r) => r.errors)).toEqual([[], [], []])
    expect(rows.map((r) => r.values?.functie)).toEqual([
      'Medewerker "Publiekszaken"',
      '=HYPERLINK("https://voorbeeld.nl")',
      'Medewerker "Publiekszaken"',
    ])
    expect(rows[2]?.values?.achternaam).toBe('"Jan" de Voorbeeld')
  })

  it('a quoted cell closed early after a doubled quote is reported for its row, not guessed', async () => {
    const path = csv('q.csv', [HEADER, '900001;"Jan""x" y;vast;1-1-2024;2.101,00;', '900002;B;vast;1-1-2024;1,00;'])
    const { rows, error } = await read(path)
    expect(error).toBeUndefined()
    expect(rows[0]?.errors.map((e) => [e.line, e.ruleId])).toEqual([[2, 'gegevens-vorm']])
    expect(rows[0]?.errors[0]?.reden).toContain('niet eenduidig')
    expect(rows[1]?.errors).toEqual([])
  })

  it('an unclosed quote at row 4,000 of 5,000 stops before the first row, placed at the row', async () => {
    const lines = [HEADER]
    for (let i = 1; i <= 5000; i++)
      lines.push(
        i === 4000 ? `${900000 + i};"Voorbeeld;vast;1-1-2024;1,00;` : `${900000 + i};Voorbeeld;vast;1-1-2024;1,00;`,
      )
    const { rows, error } = await read(csv('groot.csv', lines))
    expect(rows).toEqual([])
    expect(error?.line).toBe(4001)
    expect(error?.message).toMatch(/^een cel begint met een aanhalingsteken/)
  })

  it('a cell of 300,000 spaces is trimmed in linear time', async () => {
    const path = csv('spaties.csv', [
      HEADER,
      `900001;${' '.repeat(300_000)}x${' '.repeat(300_000)};vast;1-1-2024;1,00;`,
    ])
    const t = performance.now()
    const { rows } = await read(path)
    expect(performance.now() - t).toBeLessThan(2000)
    expect(rows[0]?.values?.achternaam).toBe('x')
  })
})

describe('encodings (bytes from iconv)', () => {
  const line = '900001;Hoëvenaars;vast;1-1-2024;€ 2.101,00;Coördinator Burgerzaken'
  const expected = {
    achternaam: 'Hoëvenaars',
    functie: 'Coördinator Burgerzaken',
    salaris: { kind: 'bedrag', cents: 210100 },
  }

  it.each([
    ['utf-8', 'utf-8', false],
    ['utf-8 met BOM', 'utf-8-bom', false],
    ['utf-16le met BOM', 'utf-16le-bom', false],
    ['utf-16be met BOM', 'utf-16be-bom', false],
    ['windows-1252', 'cp1252', true],
  ])('%s is read correctly', async (_name, kind, warns) => {
    const text = `${HEADER}\r\n${line}\r\n900002;Müller;tijdelijk;2-1-2024;1,00;\r\n`
    let bytes: Buffer
    if (kind === 'utf-8') bytes = Buffer.from(text)
    else if (kind === 'utf-8-bom') bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])
    else if (kind === 'cp1252') bytes = execFileSync('iconv', ['-f', 'utf-8', '-t', 'cp1252'], { input: text })
    else {
      const enc = kind === 'utf-16le-bom' ? 'UTF-16LE' : 'UTF-16BE'
      const bom = kind === 'utf-16le-bom' ? [0xff, 0xfe] : [0xfe, 0xff]
      bytes = Buffer.concat([Buffer.from(bom), execFileSync('iconv', ['-f', 'utf-8', '-t', enc], { input: text })])
    }
    const path = join(tempDir(), 'enc.csv')
    writeFileSync(path, bytes)
    const { rows, warnings, error } = await read(path)
    expect(error).toBeUndefined()
    expect(rows[0]?.errors).toEqual([])
    expect(rows[0]?.values).toMatchObject(expected)
    expect(rows[1]?.values?.achternaam).toBe('Müller')
    expect(warnings.map((w) => w.ruleId)).toEqual(warns ? ['gegevens-codering'] : [])
  })

  it('Windows-1252 bytes 0x80–0x9F decode to their characters (€, „, ‘)', () => {
    expect(decodeCp1252(Uint8Array.from([0x80, 0x84, 0x91, 0xeb, 0x41]))).toBe('€„‘ëA')
  })

  it('a file that is neither UTF-8 nor Windows-1252 is refused with the import-style message, placed', async () => {
    const path = join(tempDir(), 'anders.csv')
    // A byte 0x81 (unassigned in Windows-1252) in an otherwise Latin-1 file on line 3.
    writeFileSync(
      path,
      Buffer.concat([
        Buffer.from(`${HEADER}\r\n900001;A;vast;1-1-2024;1,00;\r\n900002;`),
        Buffer.from([0x81, 0xeb]),
        Buffer.from(';vast;1-1-2024;1,00;\r\n'),
      ]),
    )
    const { rows, error } = await read(path)
    expect(rows).toEqual([])
    expect(error?.line).toBe(3)
    expect(error?.message).toMatch(/^Het bestand is geen UTF-8-tekst; sla het op als UTF-8/)
  })

  it('binary data (NUL bytes) is refused as not a text file', async () => {
    const path = join(tempDir(), 'binair.csv')
    writeFileSync(path, Buffer.from([0x47, 0x49, 0x46, 0x38, 0x00, 0x00, 0x22, 0xff, 0x22]))
    const { error } = await read(path)
    expect(error?.message).toMatch(/NUL-tekens: het is geen tekstbestand/)
    writeFileSync(path, readFileSync(join(FIX, 'excel-hr.xlsx')))
    expect((await read(path)).error?.message).toMatch(/^dit is geen tekstbestand maar een zip, zoals een Excel-werkmap/)
  })
})

describe('header', () => {
  it('matches after normalising case, spaces, underscores and accents', async () => {
    expect(normaliseColumn('  Aard  Aanstelling ')).toBe('aard_aanstelling')
    expect(normaliseColumn('Coördinator-Naam')).toBe('coordinator_naam')
    const path = csv('kop.csv', [
      'Personeelsnummer ;ACHTERNAAM;Aard aanstelling;Ingangs_datum;salaris',
      '900001;A;vast;1-1-2024;1,00',
    ])
    const { rows, error } = await read(path, [
      ...FIELDS.slice(0, 3),
      field('ingangs datum', 'datum'),
      FIELDS[4] as FieldDef,
    ])
    expect(error).toBeUndefined()
    expect(rows[0]?.errors).toEqual([])
  })

  it('a near miss gets a suggestion, also for an optional column', async () => {
    const { error } = await read(
      csv('kop.csv', [`${HEADER.replace('aard_aanstelling', 'aard_aanstellingen')}`, '1;A;vast;1-1-2024;1,00;']),
    )
    expect(error?.line).toBe(1)
    expect(error?.message).toContain('de kolom "aard_aanstelling" ontbreekt; bedoelt u "aard_aanstellingen" (kolom 3)?')
    const optional = await read(csv('kop.csv', [`${HEADER.replace('functie', 'functi')}`, '1;A;vast;1-1-2024;1,00;']))
    expect(optional.error?.message).toContain('bedoelt u "functi"')
  })

  it('a duplicate header column is an error, not "the last one wins"', async () => {
    const { error } = await read(csv('dubbel.csv', [`${HEADER};Achternaam`, '1;A;vast;1-1-2024;1,00;;B']))
    expect(error?.line).toBe(1)
    expect(error?.message).toContain('"Achternaam" (kolom 2 en 7)')
  })

  it('a file without header row is refused without repeating the first row', async () => {
    const first = '900001;GEHEIM-Jansen;vast;1-1-2024;2.101,00;Adviseur'
    const { error } = await read(csv('zonderkop.csv', [first, first]))
    expect(error?.line).toBe(1)
    expect(error?.message).toMatch(/^de eerste rij is geen kopregel/)
    expect(error?.message).not.toContain('GEHEIM')
  })

  it('short and long rows are placed row errors, never shifted; trailing empty cells are fine', async () => {
    const { rows } = await read(
      csv('vorm.csv', [
        HEADER,
        '1;A;vast;1-1-2024;1,00',
        '2;A;vast;1-1-2024;1,00;;extra',
        '3;A;vast;1-1-2024;1,00;;',
        '4;A;vast;1-1-2024;1,00;x',
      ]),
    )
    expect(rows.map((r) => [r.line, r.errors.map((e) => e.ruleId)])).toEqual([
      [2, ['gegevens-vorm']],
      [3, ['gegevens-vorm']],
      [4, []],
      [5, []],
    ])
    expect(rows[0]?.errors[0]?.reden).toMatch(/de rij heeft 5 kolommen, de kopregel 6/)
  })
})

describe('Excel workbooks (made by LibreOffice)', () => {
  it('reads the first sheet: dates, amounts and text as Excel shows them, Excel row numbers', async () => {
    const { rows, error } = await read(join(FIX, 'excel-hr.xlsx'))
    expect(error).toBeUndefined()
    expect(rows.map((r) => r.line)).toEqual([2, 3, 5])
    expect(rows.map((r) => r.errors)).toEqual([[], [], []])
    expect(rows[0]?.values).toMatchObject({
      personeelsnummer: '900001',
      achternaam: 'Hoëvenaars',
      aard_aanstelling: 'vast',
      ingangsdatum: '2024-01-01',
      salaris: { kind: 'bedrag', cents: 210100 },
      functie: 'Coördinator Burgerzaken',
    })
    expect(rows[1]?.values).toMatchObject({
      salaris: { kind: 'bedrag', cents: 285312 },
      functie: 'Medewerker "Publiekszaken"',
    })
    expect(rows[2]?.values).toMatchObject({ ingangsdatum: '2022-12-31', salaris: { kind: 'bedrag', cents: 105050 } })
  })

  it('--blad picks a sheet by name; a header below an empty row; problems at Excel’s row', async () => {
    const { rows, error } = await read(join(FIX, 'excel-blad.xlsx'), FIELDS, 'Personeel')
    expect(error).toBeUndefined()
    expect(rows[0]?.line).toBe(3)
    expect(rows[0]?.values).toMatchObject({
      personeelsnummer: '000123',
      ingangsdatum: '2024-01-01',
      salaris: { kind: 'bedrag', cents: 210100 },
      functie: '=HYPERLINK("voorbeeld")',
    })
    // Row 4: a date that does not exist (text) and an amount with three decimals: refused, not rounded.
    expect(rows[1]?.errors.map((e) => [e.line, e.kolom, e.reden])).toEqual([
      [4, 'ingangsdatum', expect.stringMatching(/^de waarde is geen bestaande datum/)],
      [4, 'salaris', expect.stringMatching(/^de waarde is geen bedrag/)],
    ])
    const missing = await read(join(FIX, 'excel-blad.xlsx'), FIELDS, 'Blad9')
    expect(missing.error?.message).toBe(
      'het Excel-bestand heeft geen blad "Blad9"; de bladen heten "Toelichting", "Personeel"',
    )
    const first = await read(join(FIX, 'excel-blad.xlsx'))
    expect(first.error?.message).toMatch(/^de eerste rij is geen kopregel/)
  })

  it('a workbook larger than one read piece (3,000 rows, 226 kB) is checked and read whole', async () => {
    // The sample's first row 3,000 times, converted by LibreOffice.
    const t = loadTemplate(join(ROOT, 'templates', 'statusbrief.md')).template as NonNullable<
      ReturnType<typeof loadTemplate>['template']
    >
    const { rows, error } = await read(join(FIX, 'medewerkers-3000.xlsx'), t.fields)
    expect(error).toBeUndefined()
    expect(rows).toHaveLength(3000)
    expect(rows.filter((r) => r.errors.length > 0)).toEqual([])
    expect(rows.at(-1)?.line).toBe(3001)
  })

  it('the bound check reads a streamed zip (data descriptors, as LibreOffice writes) of many pieces correctly', () => {
    // Once it fed fflate a reused read buffer and saw row numbers that were not there (row 19393599).
    let xml = '<worksheet><sheetData>'
    let x = 12345
    for (let r = 1; r <= 20000; r++) {
      xml += `<row r="${r}">`
      for (const c of ['A', 'B', 'C', 'D']) {
        x = (x * 1103515245 + 12345) % 2147483648
        xml += `<c r="${c}${r}" t="n"><v>${x}</v></c>`
      }
      xml += '</row>'
    }
    xml += '</sheetData></worksheet>'
    const parts: Uint8Array[] = []
    const zip = new Zip((_err, data) => {
      parts.push(data)
    })
    const entry = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 6 })
    zip.add(entry)
    entry.push(new TextEncoder().encode(xml), true)
    zip.end()
    const path = join(tempDir(), 'veel.xlsx')
    writeFileSync(path, Buffer.concat(parts))
    expect(() => checkWorkbook(path, { ...XLSX_LIMITS, maxRows: 20000 })).not.toThrow()
    expect(() => checkWorkbook(path, { ...XLSX_LIMITS, maxRows: 19999 })).toThrow(/loopt tot rij 20000;/)
  })

  it('a formula error (#N/B) in a used column is a row error, not an empty cell', async () => {
    const { rows, error } = await read(join(FIX, 'excel-fout.xlsx'))
    expect(error).toBeUndefined()
    expect(rows.map((r) => r.errors.map((e) => [e.line, e.kolom, e.ruleId]))).toEqual([
      [[2, 'functie', 'gegevens-waarde']],
      [],
    ])
    expect(rows[0]?.errors[0]?.reden).toMatch(/foutwaarde van Excel/)
  })

  it('a zip bomb and a sheet that claims a million rows are refused before unpacking into memory', async () => {
    const dir = tempDir()
    const bomb = join(dir, 'bom.xlsx')
    // The mechanism with a small limit (the default, 100 MB, takes some seconds to reach).
    const limits = { ...XLSX_LIMITS, maxUnpackedBytes: 8 * 1024 * 1024 }
    writeFileSync(bomb, zipSync({ 'xl/worksheets/sheet1.xml': [new Uint8Array(9 * 1024 * 1024), { level: 9 }] }))
    const rows: Row[] = []
    await expect(async () => {
      for await (const r of readRows(bomb, FIELDS, { xlsxLimits: limits })) rows.push(r)
    }).rejects.toThrow(/uitgepakt groter dan 8 MB/)
    expect(rows).toEqual([])
    const far = join(dir, 'ver.xlsx')
    const xml = '<worksheet><sheetData><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>'
    writeFileSync(far, zipSync({ 'xl/worksheets/sheet1.xml': new TextEncoder().encode(xml) }))
    const f = await read(far)
    expect(f.error?.line).toBe(1048576)
    expect(f.error?.message).toMatch(/loopt tot rij 1048576/)
    const notZip = join(dir, 'nep.xlsx')
    writeFileSync(notZip, 'personeelsnummer;achternaam\n')
    expect((await read(notZip)).error?.message).toMatch(/geen geldig Excel-bestand/)
  })

  it('a folder or a missing file as data is a placed data error', async () => {
    const dir = tempDir()
    mkdirSync(join(dir, 'map.csv'))
    expect((await read(join(dir, 'map.csv'))).error?.message).toContain('is een map, geen gegevensbestand')
    expect((await read(join(dir, 'nergens.xlsx'))).error?.message).toMatch(/bestaat niet/)
  })

  it('.ods and .xls are refused with what to do', async () => {
    const path = join(tempDir(), 'oud.ods')
    writeFileSync(path, 'x')
    expect((await read(path)).error?.message).toMatch(/sla het op als Excel-werkmap \(\.xlsx\) of als CSV UTF-8/)
  })
})
