/**
 * `regelwerk letters` on data as P&O has it: an Excel workbook (made by LibreOffice from the sample
 * CSV: fixtures/medewerkers-excel.*), `--blad`, a Windows-1252 CSV from `iconv`, a cell with an
 * unquoted quote (once an "interne fout").
 */
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { noStackTrace, regelwerkAsync, tempDir } from '../cli-helpers.js'
import { ROOT } from '../helpers.js'

const XLSX = join(ROOT, 'test', 'letters', 'fixtures', 'medewerkers-excel.xlsx')
const SAMPLE = join(ROOT, 'templates', 'voorbeelden', 'medewerkers.csv')
const T = 'templates/statusbrief.md'

describe('letters with Excel and Windows data', () => {
  it('reads an .xlsx: letters for the good rows, errors at Excel’s row numbers', async () => {
    const out = tempDir()
    const r = await regelwerkAsync(['letters', T, XLSX, '--out', out], { timeoutMs: 60_000 })
    expect(noStackTrace(r)).toBe(true)
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('medewerkers-excel.xlsx:7: kolom "schaal": de waarde is geen geheel getal')
    const files = readdirSync(out).filter((f) => f.endsWith('.docx'))
    expect(files).toHaveLength(5)
    expect(files).toContain('statusbrief-000001-Voorbeeld.docx')
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))
    expect(manifest.brieven.map((b: { regel: number }) => b.regel)).toEqual([2, 3, 4, 5, 6])
  })

  it('--blad names a sheet; a missing sheet, and --blad on a CSV, are told', async () => {
    const out = tempDir()
    const ok = await regelwerkAsync(['letters', T, XLSX, '--out', out, '--blad', 'medewerkers-excel', '--dry-run'])
    expect(ok.stderr).toContain('6 rijen gecontroleerd: 5 brieven mogelijk, 1 fout.')
    const missing = await regelwerkAsync(['letters', T, XLSX, '--out', out, '--blad', 'Blad9'])
    expect(missing.status).toBe(1)
    expect(missing.stderr).toContain('het Excel-bestand heeft geen blad "Blad9"; de bladen heten "medewerkers-excel"')
    expect(noStackTrace(missing)).toBe(true)
    const csv = await regelwerkAsync(['letters', T, SAMPLE, '--out', out, '--blad', 'Blad1'])
    expect(csv.status).toBe(2)
    expect(csv.stderr).toContain('`--blad Blad1` geldt alleen voor een Excel-bestand (.xlsx)')
  })

  it('a Windows-1252 CSV is read correctly with one warning', async () => {
    const dir = tempDir()
    const lines = readFileSync(SAMPLE, 'utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .slice(0, 3)
    lines[1] = (lines[1] as string)
      .replace(';Voorbeeld;', ';Hoëvenaars;')
      .replace('Beleidsmedewerker', 'Coördinator Burgerzaken')
    const path = join(dir, 'ansi.csv')
    writeFileSync(path, execFileSync('iconv', ['-f', 'utf-8', '-t', 'cp1252'], { input: `${lines.join('\r\n')}\r\n` }))
    const out = join(dir, 'uit')
    const r = await regelwerkAsync(['letters', T, path, '--out', out])
    expect(r.status).toBe(0)
    expect(r.stderr.match(/waarschuwing/g)).toHaveLength(1)
    expect(r.stderr).toContain('ansi.csv:1: waarschuwing: het bestand is geen UTF-8 en is gelezen als Windows-1252')
    expect(readdirSync(out)).toContain('statusbrief-000001-Hoëvenaars.docx')
  })

  it('a cell with an unquoted quote is text (once exit 3)', async () => {
    const dir = tempDir()
    const lines = readFileSync(SAMPLE, 'utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .slice(0, 3)
    lines[1] = (lines[1] as string).replace('Beleidsmedewerker', 'Medewerker "Publiekszaken"')
    lines[2] = (lines[2] as string).replace('Beleidsmedewerker', '=HYPERLINK("voorbeeld")')
    const path = join(dir, 'quote.csv')
    writeFileSync(path, `${lines.join('\r\n')}\r\n`)
    const r = await regelwerkAsync(['letters', T, path, '--out', join(dir, 'uit')])
    expect(r.status).toBe(0)
    expect(readdirSync(join(dir, 'uit')).filter((f) => f.endsWith('.docx'))).toHaveLength(2)
  })
})
