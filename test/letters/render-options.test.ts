/**
 * The `letters` options a P&O adviser uses around a batch: `--voorbeeld N`, `--pdf` without
 * LibreOffice, `--dubbelzijdig`, the per-row organisation (`organisaties.yaml`), warnings about
 * characters the font cannot show and about a house style without the letters' styles.
 */
import { spawnSync } from 'node:child_process'
import { copyFileSync, cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { noStackTrace, regelwerk, tempDir } from '../cli-helpers.js'
import { ROOT } from '../helpers.js'

const DATA = 'templates/voorbeelden/medewerkers.csv'
const csvLines = () => readFileSync(join(ROOT, DATA), 'utf8').split('\r\n')

/** A copy of `templates/` (templates, house styles, organisations, remedy) to change freely. */
function templatesCopy(): string {
  const dir = tempDir()
  cpSync(join(ROOT, 'templates'), dir, { recursive: true })
  return dir
}

describe('--voorbeeld N', () => {
  it('writes only the letter of the row on line N, no manifest', () => {
    const out = tempDir()
    const r = regelwerk(['letters', 'templates/statusbrief.md', DATA, '--out', out, '--voorbeeld', '4'])
    expect(r.status, r.stderr).toBe(0)
    expect(readdirSync(out)).toEqual(['statusbrief-000003-Proefdraai.docx'])
    expect(r.stderr).toContain(`Voorbeeld van regel 4 geschreven: ${join(out, 'statusbrief-000003-Proefdraai.docx')}`)
  })

  it('a bad row: its problem with the line, exit 1; a line without a row or a bad number: exit 2', () => {
    const out = tempDir()
    const bad = regelwerk(['letters', 'templates/statusbrief.md', DATA, '--out', out, '--voorbeeld', '14'])
    expect(bad.status).toBe(1)
    expect(bad.stderr).toContain('medewerkers.csv:14: kolom "schaal"')
    const none = regelwerk(['letters', 'templates/statusbrief.md', DATA, '--out', out, '--voorbeeld', '1'])
    expect(none.status).toBe(2)
    expect(none.stderr).toContain('begint geen rij op regel 1; rijen beginnen bijvoorbeeld op regel 2')
    const beyond = regelwerk(['letters', 'templates/statusbrief.md', DATA, '--out', out, '--voorbeeld', '9999'])
    expect(beyond.status).toBe(2)
    const word = regelwerk(['letters', 'templates/statusbrief.md', DATA, '--voorbeeld', 'twee'])
    expect(word.status).toBe(2)
    expect(word.stderr).toContain('is geen regelnummer')
    const both = regelwerk(['letters', 'templates/statusbrief.md', DATA, '--voorbeeld', '2', '--one-file'])
    expect(both.status).toBe(2)
    expect(readdirSync(out)).toEqual([])
    for (const r of [bad, none, beyond, word, both]) expect(noStackTrace(r)).toBe(true)
  })
})

describe('--pdf and --dubbelzijdig', () => {
  it('--pdf without LibreOffice: a Dutch message saying what to do, exit 1, nothing written', () => {
    const out = tempDir()
    const r = spawnSync(
      process.execPath,
      [join(ROOT, 'bin', 'regelwerk'), 'letters', 'templates/statusbrief.md', DATA, '--out', out, '--pdf'],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, REGELWERK_SOFFICE: join(out, 'geen-soffice') } },
    )
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('`--pdf` heeft LibreOffice nodig')
    expect(r.stderr).toContain('Installeer LibreOffice')
    expect(readdirSync(out)).toEqual([])
  })

  it('--dubbelzijdig without --one-file and --pdf with --dry-run are usage errors', () => {
    const a = regelwerk(['letters', 'templates/statusbrief.md', DATA, '--dubbelzijdig'])
    expect(a.status).toBe(2)
    expect(a.stderr).toContain('`--dubbelzijdig` hoort bij `--one-file`')
    const b = regelwerk(['letters', 'templates/statusbrief.md', DATA, '--pdf', '--dry-run'])
    expect(b.status).toBe(2)
  })
})

describe('the organisation of each row', () => {
  it('--one-file: one document per letterhead; the manifest says which letter is in which', () => {
    const out = tempDir()
    const r = regelwerk(['letters', 'templates/statusbrief.md', DATA, '--out', out, '--one-file'])
    expect(r.status).toBe(1)
    const files = readdirSync(out).filter((f) => f.endsWith('.docx'))
    expect(files.sort()).toEqual([
      'statusbrief-alle-brieven-Cuijk.docx',
      'statusbrief-alle-brieven-Grave.docx',
      'statusbrief-alle-brieven-Mill-en-Sint-Hubert.docx',
    ])
    const header = (f: string) =>
      strFromU8(unzipSync(readFileSync(join(out, f)))['word/header1.xml'] as Uint8Array).match(/Gemeente [^<(]+/)?.[0]
    expect(header('statusbrief-alle-brieven-Grave.docx')).toBe('Gemeente Grave ')
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))
    const first = manifest.brieven.find((b: { personeelsnummer: string }) => b.personeelsnummer === '000001')
    expect(first.bestand).toBe('statusbrief-alle-brieven-Grave.docx')
  })

  it('a gemeente without an organisation, or one that lacks a value the others have: template errors with the place', () => {
    const dir = templatesCopy()
    const yaml = readFileSync(join(dir, 'organisaties.yaml'), 'utf8')
    writeFileSync(
      join(dir, 'organisaties.yaml'),
      yaml.replace(/^Mill en Sint Hubert:[\s\S]*$/m, '').replace('  telefoon: 0000 000 002\n', ''),
    )
    const r = regelwerk(['check', join(dir, 'statusbrief.md')])
    expect(r.status).toBe(1)
    expect(r.stderr).toMatch(
      /organisaties\.yaml:\d+: `Grave` heeft niet dezelfde gegevens als `Cuijk`: mist `telefoon`/,
    )
    expect(r.stderr).toContain(
      '`gemeente` kan "Mill en Sint Hubert" zijn, maar `organisaties.yaml` heeft geen organisatie',
    )
    expect(r.stderr).toContain('[sjabloon-organisaties]')
    expect(noStackTrace(r)).toBe(true)
  })
})

describe('warnings', () => {
  it('an emoji in the data: row and column, never the value; the letter is still made', () => {
    const dir = tempDir()
    const lines = csvLines()
    const row = (lines[1] as string).replace(';Beleidsmedewerker;', ';Beleidsmedewerker 🎉 GEHEIM;')
    writeFileSync(join(dir, 'emoji.csv'), `${lines[0]}\r\n${row}\r\n`)
    const out = join(dir, 'uit')
    const r = regelwerk(['letters', 'templates/statusbrief.md', join(dir, 'emoji.csv'), '--out', out])
    expect(r.status, r.stderr).toBe(0)
    expect(r.stderr).toMatch(/emoji\.csv:2: waarschuwing: kolom "functie": bevat een teken dat het lettertype Arial/)
    expect(r.stderr).toContain('[brief-teken]')
    expect(r.stderr).not.toContain('GEHEIM')
    expect(r.stderr).not.toContain('🎉')
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).not.toContain('GEHEIM')
  })

  it("a house style without the letters' styles: a warning naming them, the styles added", () => {
    const dir = templatesCopy()
    const files = unzipSync(readFileSync(join(dir, 'huisstijl', 'grave.docx')))
    files['word/styles.xml'] = strToU8(
      strFromU8(files['word/styles.xml'] as Uint8Array).replace(
        /<w:style\b[^>]*w:styleId="(?:Citaat|Tabelkop)"[^>]*>[\s\S]*?<\/w:style>/g,
        '',
      ),
    )
    writeFileSync(join(dir, 'huisstijl', 'grave.docx'), zipSync(files))
    copyFileSync(join(ROOT, DATA), join(dir, 'data.csv'))
    const out = join(dir, 'uit')
    const r = regelwerk(['letters', join(dir, 'statusbrief.md'), join(dir, 'data.csv'), '--out', out])
    expect(r.stderr).toMatch(/grave\.docx:1:1: waarschuwing de huisstijl mist de stijlen "Citaat", "Tabelkop"/)
    expect(r.stderr).toContain('[brief-huisstijl-stijl]')
    expect(existsSync(join(out, 'statusbrief-000001-Voorbeeld.docx'))).toBe(true)
    const styles = strFromU8(
      unzipSync(readFileSync(join(out, 'statusbrief-000001-Voorbeeld.docx')))['word/styles.xml'] as Uint8Array,
    )
    expect(styles).toContain('w:styleId="Citaat"')
    expect(styles).toContain('w:styleId="Tabelkop"')
  })
})
