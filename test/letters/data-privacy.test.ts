/**
 * No cell value in any message: rows full of marked personal data (`GEHEIM-…-7391`) through every
 * error path of the data reader; the marker may appear in the letter itself and nowhere else
 * (messages as stderr prints them, fouten.txt, manifest.json). A good row's marked fields are in
 * its letter, to show the marker does reach the output it belongs in.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { runBatch } from '../../src/assemble/batch.js'
import { formatRowMessage } from '../../src/assemble/data.js'
import { loadTemplate } from '../../src/assemble/template.js'
import { tempDir } from '../cli-helpers.js'
import { ROOT } from '../helpers.js'

const MARK = 'GEHEIM'
const DATA = join(ROOT, 'templates', 'voorbeelden', 'medewerkers.csv')
const [HEADER, FIRST] = readFileSync(DATA, 'utf8')
  .replace(/^\uFEFF/, '')
  .split('\r\n') as [string, string]
const COLUMNS = HEADER.split(';')

/** The sample's first row with every personal text field marked, then `change` applied. */
function row(n: number, change: Record<string, string> = {}, keepName = false): string {
  const cells = FIRST.split(';')
  const marked: Record<string, string> = {
    voorletters: `${MARK}-VL-${n}`,
    tussenvoegsel: `${MARK}-TV-${n}`,
    adres: `${MARK}-ADRES-${n}`,
    postcode: `${MARK}-PC-${n}`,
    woonplaats: `${MARK}-WP-${n}`,
    ...(keepName ? {} : { achternaam: `${MARK}-NAAM-${n}` }),
    personeelsnummer: String(900000 + n),
    ...change,
  }
  return COLUMNS.map((c, i) => marked[c] ?? cells[i] ?? '').join(';')
}

function template() {
  const t = loadTemplate(join(ROOT, 'templates', 'statusbrief.md')).template
  if (!t) throw new Error('statusbrief.md laadt niet')
  return t
}

async function outputs(lines: string[]): Promise<{ all: string; letters: string[]; fouten: string[] }> {
  const dir = tempDir()
  const dataPath = join(dir, 'medewerkers.csv')
  writeFileSync(dataPath, `${lines.join('\r\n')}\r\n`)
  const outDir = join(dir, 'uit')
  const result = await runBatch({ template: template(), dataPath, outDir })
  const fouten = result.fouten.map(formatRowMessage)
  const files = readdirSync(outDir)
  const letters = files
    .filter((f) => f.endsWith('.docx'))
    .map((f) => strFromU8(unzipSync(readFileSync(join(outDir, f)))['word/document.xml'] as Uint8Array))
  const all = [
    fouten.join('\n'),
    result.fouten.map((m) => `${m.reason} ${m.message}`).join('\n'),
    files.includes('fouten.txt') ? readFileSync(join(outDir, 'fouten.txt'), 'utf8') : '',
    readFileSync(join(outDir, 'manifest.json'), 'utf8'),
  ].join('\n')
  return { all, letters, fouten }
}

describe('no personal data in messages, fouten.txt or manifest', () => {
  it('row errors of every kind name row, column and problem, never the value', async () => {
    const { all, letters, fouten } = await outputs([
      HEADER,
      row(1, {}, true), // good: its letter has the marked address
      row(2, { schaal: `${MARK}-SCHAAL-2` }), // geen geheel getal
      row(3, { salaris: `${MARK}-SALARIS-3` }), // geen bedrag
      row(4, { geboortedatum: `${MARK}-GEB-4`, einddatum: `${MARK}-EIND-4` }), // geen datum
      row(5, { aard_aanstelling: `${MARK}-AARD-5`, aanhef: `${MARK}-AANHEF-5` }), // geen keuze
      row(6, { toelagen: `${MARK}-TOELAGE-6 | ${MARK}-BEDRAG-6` }), // lijst: verkeerd aantal delen
      row(7, { toelagen: `${MARK}-T-7 | ${MARK}-B-7 | vast` }), // lijst: geen bedrag in een deel
      row(8).split(';').slice(0, 20).join(';'), // te kort
      `${row(9)};${MARK}-EXTRA-9`, // te lang
      row(10, { functie: `"${MARK}-F-10""x" y` }), // aanhalingstekens niet eenduidig
      row(11, { uren: `${MARK}-UREN-11`, trede: `${MARK}-TREDE-11` }),
    ])
    expect(letters).toHaveLength(1)
    expect(letters[0]).toContain(`${MARK}-ADRES-1`)
    expect(fouten.length).toBeGreaterThanOrEqual(10)
    for (const n of [2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
      expect(fouten.some((f) => f.startsWith(`medewerkers.csv:${n + 1}: `))).toBe(true)
    expect(fouten).toContain('medewerkers.csv:3: kolom "schaal": de waarde is geen geheel getal')
    expect(all).not.toContain(MARK)
  })

  it('a file without header row, and a file broken by a quote, say so without the data', async () => {
    const noHeader = await outputs([row(1), row(2)])
    expect(noHeader.fouten).toEqual([expect.stringMatching(/^medewerkers\.csv:1: de eerste rij is geen kopregel/)])
    expect(noHeader.all).not.toContain(MARK)
    const broken = await outputs([HEADER, row(1), row(2, { adres: `"${MARK}-OPEN-2` }), row(3)])
    expect(broken.fouten).toEqual([
      expect.stringMatching(/^medewerkers\.csv:3: een cel begint met een aanhalingsteken/),
    ])
    expect(broken.letters).toEqual([])
    expect(broken.all).not.toContain(MARK)
  })
})
