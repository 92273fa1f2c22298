/**
 * The `letters` command as a P&O adviser uses it: the shipped templates on the sample data, bad
 * input of every kind, and the Word files opened in LibreOffice (one soffice run for the file).
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { beforeAll, describe, expect, it } from 'vitest'
import { noStackTrace, regelwerk, tempDir } from '../cli-helpers.js'
import { ROOT } from '../helpers.js'
import { convertToPdf, pdfInfo, pdfText, SKIP_LIBREOFFICE, SOFFICE } from '../lo/libreoffice.js'

const DATA = 'templates/voorbeelden/medewerkers.csv'
const out = tempDir()
const status = join(out, 'status')
const plaatsing = join(out, 'plaatsing')
let runStatus: ReturnType<typeof regelwerk>
let runPlaatsing: ReturnType<typeof regelwerk>
let pdfs: Record<string, string> = {}

const docXml = (path: string) => strFromU8(unzipSync(readFileSync(path))['word/document.xml'] as Uint8Array)

beforeAll(() => {
  runStatus = regelwerk(['letters', 'templates/statusbrief.md', DATA, '--out', status])
  runPlaatsing = regelwerk(['letters', 'templates/plaatsingsbesluit.md', DATA, '--out', plaatsing])
  // Everything LibreOffice must open, in one run.
  const oneFileDir = join(out, 'een')
  regelwerk(['letters', 'templates/statusbrief.md', DATA, '--out', oneFileDir, '--one-file'])
  const inputs = {
    veel: join(status, 'statusbrief-000023-Veeltoelage.docx'),
    tekens: join(status, "statusbrief-000022-D'Apostrof.docx"),
    afkoop: join(plaatsing, 'plaatsingsbesluit-000034-Wit.docx'),
    aanloop: join(plaatsing, 'plaatsingsbesluit-000003-Proefdraai.docx'),
    leeftijd: join(plaatsing, 'plaatsingsbesluit-000011-Grensgeval.docx'),
    alle: join(oneFileDir, 'statusbrief-alle-brieven-Grave.docx'),
  }
  if (SOFFICE) {
    const list = Object.values(inputs)
    const pdfPaths = convertToPdf(list, join(out, 'pdf'), join(out, 'lo-profile'))
    pdfs = Object.fromEntries(Object.keys(inputs).map((k, i) => [k, pdfPaths[i] as string]))
  }
}, 240_000)

describe('letters on the sample data', () => {
  it('writes one letter per good row, reports every bad row with line and column, exits 1', () => {
    expect(runStatus.status).toBe(1)
    expect(noStackTrace(runStatus)).toBe(true)
    expect(runStatus.stderr).toContain('medewerkers.csv:14: kolom "schaal": de waarde is geen geheel getal')
    const files = readdirSync(status).filter((f) => f.endsWith('.docx'))
    expect(files).toHaveLength(31)
    expect(readFileSync(join(status, 'fouten.txt'), 'utf8')).toContain('medewerkers.csv:14: kolom "schaal"')
    // The plaatsingsbesluit applies the rules: two more rows fail there, with the article's reason.
    expect(runPlaatsing.stderr).toMatch(
      /medewerkers\.csv:27: kolom "nieuwe_schaal": geen inpassingsregel van artikel 11 past/,
    )
    expect(runPlaatsing.stderr).toMatch(/medewerkers\.csv:28: kolom "aanloopschaal"/)
    expect(readdirSync(plaatsing).filter((f) => f.endsWith('.docx'))).toHaveLength(27)
  })

  it('never echoes personal data in messages', () => {
    expect(runPlaatsing.stderr).toContain('kolom "geboortedatum": de waarde is geen bestaande datum')
    expect(runPlaatsing.stderr).not.toContain('31-02-1970')
    expect(runPlaatsing.stderr).not.toContain('2.853.1')
  })

  it('a name field cannot leave the output folder', () => {
    const files = readdirSync(status)
    expect(files.some((f) => f.includes('etc-passwd'))).toBe(true)
    expect(existsSync(join(out, 'etc'))).toBe(false)
    expect(files.every((f) => !f.includes('/') && !f.startsWith('.'))).toBe(true)
  })

  it('manifest: row, file, sha256 and the regulation versions cited', () => {
    const m = JSON.parse(readFileSync(join(plaatsing, 'manifest.json'), 'utf8'))
    const wit = m.brieven.find((b: { personeelsnummer: string }) => b.personeelsnummer === '000034')
    expect(wit.bestand).toBe('plaatsingsbesluit-000034-Wit.docx')
    expect(wit.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(wit.versies).toContainEqual({
      werk: 'sociaal-statuut-cgm',
      versie: '2013-01-03',
      bepalingen: expect.arrayContaining([
        'artikel 10, zesde lid',
        'artikel 11, onderdeel a',
        'artikel 21, eerste lid',
      ]),
    })
    expect(wit.versies).toContainEqual({ werk: 'rechtsmiddel', versie: '1994-01-01', bepalingen: [] })
  })

  it('same input → byte-identical output', () => {
    const again = join(out, 'again')
    regelwerk(['letters', 'templates/statusbrief.md', DATA, '--out', again])
    for (const f of readdirSync(status))
      expect(readFileSync(join(again, f)).equals(readFileSync(join(status, f))), f).toBe(true)
  })

  it('text with <, &, quotes and emoji stays text in the XML', () => {
    const xml = docXml(join(status, "statusbrief-000022-D'Apostrof.docx"))
    expect(xml).toContain('Burgerzaken &amp; Publiekszaken &lt;Loket&gt;')
    expect(xml).toContain('Medewerker &quot;Klant Contact Centrum&quot;')
  })

  it('the personal data is a real Word table with the house table style; false conditionals leave no empty paragraph', () => {
    const xml = docXml(join(plaatsing, 'plaatsingsbesluit-000001-Voorbeeld.docx'))
    expect(xml).toContain('<w:tblStyle w:val="Gegevenstabel"/>')
    expect(xml).not.toMatch(/<w:p>(<w:pPr>.*?<\/w:pPr>)?<\/w:p>/)
    expect(xml).not.toContain('Aanloopschaal')
  })
})

describe.skipIf(SKIP_LIBREOFFICE)('the letters in LibreOffice', () => {
  it('statusbrief: A4, two pages numbered "pagina 1 van 2", the quoted article, the bezwaar clause of 2013', () => {
    const info = pdfInfo(pdfs.veel as string)
    expect(Math.round(info.width)).toBe(595)
    expect(Math.round(info.height)).toBe(842)
    const text = pdfText(pdfs.veel as string).replace(/\s+/g, ' ')
    expect(text).toContain(`pagina 1 van ${info.pages}`)
    expect(text).toContain('Geachte mevrouw Veeltoelage')
    expect(text).toContain('Datum: 15 februari 2013')
    expect(text).toContain('artikel 10, eerste lid, van het Sociaal Statuut Samenwerking CGM 2012')
    expect(text).toContain(
      'Alle medewerkers die vallen onder de werkingssfeer van dit Sociaal Statuut krijgen in het 1e kwartaal 2013 een statusbrief',
    )
    expect(text).toContain('Toelage "extra taken" € 1.000,00 nee')
    expect(text).toContain('binnen zes weken')
    expect(text).not.toContain('geschillencommissie')
  })

  it('characters from the CSV arrive as the recipient should read them', () => {
    const text = pdfText(pdfs.tekens as string)
    expect(text).toContain('Burgerzaken & Publiekszaken <Loket>')
    expect(text).toContain("Geachte heer D'Apostrof")
  })

  it('plaatsingsbesluit: afkoop of lid 6 computed and quoted; aanloopschaal of art. 11 c; lid 7 at exactly 55 and 10 years', () => {
    const afkoop = pdfText(pdfs.afkoop as string).replace(/\s+/g, ' ')
    expect(afkoop).toContain('Het verschil op jaarbasis is € 1.800,00')
    expect(afkoop).toContain('250% van dat bedrag: € 4.500,00')
    expect(afkoop).toContain(
      'Artikel 10, zesde lid, van het Sociaal Statuut Samenwerking CGM 2012 (zoals geldend op 3 juni 2013)',
    )
    expect(afkoop).toContain('Geachte heer De Wit')
    const aanloop = pdfText(pdfs.aanloop as string).replace(/\s+/g, ' ')
    expect(aanloop).toContain('aanloopschaal 9')
    expect(aanloop).toContain('per 1 juli 2014 geplaatst in schaal 10')
    expect(aanloop).toContain('c. Degene die op een nieuwe (passende of geschikte) functie wordt geplaatst')
    const leeftijd = pdfText(pdfs.leeftijd as string).replace(/\s+/g, ' ')
    expect(leeftijd).toContain('op de plaatsingsdatum 55 jaar bent en 10 jaar aaneengesloten')
    expect(leeftijd).toContain('7. Indien een medewerker 55 jaar of ouder is')
  })

  it('--one-file: one file per letterhead, one section per letter, "pagina X van Y" per letter', () => {
    const manifest = JSON.parse(readFileSync(join(out, 'een', 'manifest.json'), 'utf8'))
    const grave = manifest.brieven.filter(
      (b: { bestand: string }) => b.bestand === 'statusbrief-alle-brieven-Grave.docx',
    )
    expect(grave.length).toBeGreaterThan(3)
    expect(new Set(manifest.brieven.map((b: { bestand: string }) => b.bestand)).size).toBe(3)
    const text = pdfText(pdfs.alle as string)
    expect(pdfInfo(pdfs.alle as string).pages).toBeGreaterThanOrEqual(grave.length)
    expect((text.match(/pagina 1 van \d/g) ?? []).length).toBe(grave.length)
    expect(text).not.toMatch(/pagina \d+ van\s*$/m)
    expect(text).not.toMatch(/pagina 3 van/)
    // Each letter's footer counts to a bookmark on its last paragraph (SECTIONPAGES stays empty in LibreOffice).
    const files = unzipSync(readFileSync(join(out, 'een', 'statusbrief-alle-brieven-Grave.docx')))
    const footer = strFromU8(files['word/brief1-footer1.xml'] as Uint8Array)
    expect(footer).toContain('PAGEREF _RegelwerkBrief1 \\h')
    expect(footer).not.toContain('NUMPAGES')
    expect(strFromU8(files['word/document.xml'] as Uint8Array)).toContain('w:name="_RegelwerkBrief1"')
  })

  it('the Dutch language tag is in the styles every letter uses', () => {
    const styles = strFromU8(
      unzipSync(readFileSync(join(status, 'statusbrief-000001-Voorbeeld.docx')))['word/styles.xml'] as Uint8Array,
    )
    expect(styles).toContain('w:lang w:val="nl-NL"')
  })
})

describe('bad input', () => {
  it('a template error is positioned, no letter is made, exit 1', () => {
    const dir = tempDir()
    copyFileSync(join(ROOT, 'templates', 'huisstijl.docx'), join(dir, 'huisstijl.docx'))
    writeFileSync(
      join(dir, 'fout.md'),
      '---\nsoort: sjabloon\ntitel: Proef\nbestandsnaam: "b-{{ personeelsnummer }}"\nregelingen:\n  statuut: sociaal-statuut-cgm\nvelden:\n  - naam: personeelsnummer\n    type: tekst\n---\n\nBeste {{ naam }},\n\n{{#als personeelsnummer}}\nZie {{ citeer statuut "10, achtste lid" }}.\n',
    )
    const r = regelwerk(['letters', join(dir, 'fout.md'), DATA, '--out', join(dir, 'uit'), '--date', '2013-02-01'])
    expect(r.status).toBe(1)
    expect(noStackTrace(r)).toBe(true)
    expect(r.stderr).toContain('fout.md:12:7: fout Onbekend veld `naam`')
    expect(r.stderr).toMatch(/fout\.md:14:1: fout `\{\{#als\}\}` op regel 14 is niet gesloten/)
    expect(r.stderr).toMatch(/fout\.md:15:5: fout Het citaat: `10, achtste lid` bestaat in geen enkele versie/)
    expect(existsSync(join(dir, 'uit'))).toBe(false)
    const check = regelwerk(['check', join(dir, 'fout.md')])
    expect(check.status).toBe(1)
    expect(check.stderr).toContain('fout.md:12:7: fout Onbekend veld `naam`')
  })

  it('a cited article that does not exist on the letter date: the row fails with the template place', () => {
    // The statuut ends on 15 February 2019: a letter dated later cannot cite it.
    const dir = tempDir()
    const r = regelwerk(['letters', 'templates/statusbrief.md', DATA, '--out', dir, '--date', '2020-03-01'])
    expect(r.status).toBe(1)
    expect(r.stderr).toMatch(/medewerkers\.csv:2: statusbrief\.md:\d+:\d+: .*uitgewerkt per 15 februari 2019/)
  })

  it('a bad --date is a usage error; a missing data file and a CSV with an unclosed quote are exit 1', () => {
    const bad = regelwerk(['letters', 'templates/statusbrief.md', DATA, '--date', '2013-02-30'])
    expect(bad.status).toBe(2)
    expect(bad.stderr).toContain('`--date 2013-02-30` is geen bestaande datum')
    const dir = tempDir()
    const missing = regelwerk([
      'letters',
      'templates/statusbrief.md',
      join(dir, 'nergens.csv'),
      '--out',
      join(dir, 'a'),
    ])
    expect(missing.status).toBe(1)
    expect(missing.stderr).toContain('bestaat niet')
    mkdirSync(dir, { recursive: true })
    const csv = readFileSync(join(ROOT, DATA), 'utf8').split('\r\n').slice(0, 3).join('\r\n')
    writeFileSync(join(dir, 'kapot.csv'), `${csv}\r\n"000099;heer;\r\n`)
    const broken = regelwerk(['letters', 'templates/statusbrief.md', join(dir, 'kapot.csv'), '--out', join(dir, 'b')])
    expect(broken.status).toBe(1)
    expect(noStackTrace(broken)).toBe(true)
    expect(broken.stderr).toMatch(
      /kapot\.csv:\d+: een cel begint met een aanhalingsteken \("\) dat nergens wordt gesloten/,
    )
  })

  it('--strict stops at the first problem; --dry-run writes nothing and lists the branches and rule outcomes', () => {
    const dir = tempDir()
    const strict = regelwerk(['letters', 'templates/statusbrief.md', DATA, '--out', dir, '--strict'])
    expect(strict.status).toBe(1)
    expect(readdirSync(dir).filter((f) => f.endsWith('.docx'))).toHaveLength(12)
    const dry = regelwerk(['letters', 'templates/plaatsingsbesluit.md', DATA, '--out', join(dir, 'droog'), '--dry-run'])
    expect(dry.status).toBe(1)
    expect(existsSync(join(dir, 'droog'))).toBe(false)
    expect(dry.stdout).toMatch(
      /medewerkers\.csv:13: personeelsnummer 000012, plaatsingsbesluit-000012-Net-Niet\.docx\n {2}regels: .*toelage: uitkomst=afkoop, grond=10, vijfde lid/,
    )
    expect(dry.stdout).toContain('als toelage.uitkomst = "afkoop" → ja')
  })

  it('YAML data with control characters gives a valid letter; --resume skips what is done', () => {
    const dir = tempDir()
    const row = readFileSync(join(ROOT, DATA), 'utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n')
    const header = (row[0] as string).split(';')
    const values = (row[1] as string).split(';')
    const rec = header
      .map((h, i) => `    ${h}: ${JSON.stringify(h === 'afdeling' ? 'Ruimte\u0007 & <Beheer> 😀' : (values[i] ?? ''))}`)
      .join('\n')
    writeFileSync(join(dir, 'm.yaml'), `medewerkers:\n  - ${rec.trimStart()}\n`)
    const r = regelwerk(['letters', 'templates/statusbrief.md', join(dir, 'm.yaml'), '--out', join(dir, 'uit')])
    // The emoji is warned about (the font cannot show it), never repeated.
    expect(r.stderr).toBe(
      `m.yaml:2: waarschuwing: kolom "afdeling": bevat een teken dat het lettertype Arial van de huisstijl niet kan tonen (zoals een emoji); in de brief wordt het een leeg vakje. Vervang het in de gegevens (waarde niet getoond) [brief-teken]\n1 brief geschreven in ${join(dir, 'uit')}; 0 fouten; manifest: ${join(dir, 'uit', 'manifest.json')}\n`,
    )
    expect(r.status).toBe(0)
    const xml = docXml(join(dir, 'uit', 'statusbrief-000001-Voorbeeld.docx'))
    expect(xml).toContain('Ruimte &amp; &lt;Beheer&gt; 😀')
    expect(xml).not.toContain('\u0007')
    const again = regelwerk([
      'letters',
      'templates/statusbrief.md',
      join(dir, 'm.yaml'),
      '--out',
      join(dir, 'uit'),
      '--resume',
    ])
    expect(again.stderr).toContain('(1 al aanwezig, overgeslagen)')
  })
})
