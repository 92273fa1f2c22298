/**
 * Letter problems are vfile messages on the data file: the row's line as place, a rule id, Dutch
 * text; people see them as `medewerkers.csv:14: kolom "schaal": …` (stderr, fouten.txt, manifest).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runBatch } from '../../src/assemble/batch.js'
import { formatRowMessage } from '../../src/assemble/data.js'
import { loadTemplate } from '../../src/assemble/template.js'
import { tempDir } from '../cli-helpers.js'
import { ROOT } from '../helpers.js'

const DATA = join(ROOT, 'templates/voorbeelden/medewerkers.csv')

function template(name: string) {
  const { template, file } = loadTemplate(join(ROOT, 'templates', name))
  if (!template) throw new Error(file.messages.map(String).join('\n'))
  return template
}

const shape = (m: { line?: number | undefined; ruleId?: string | undefined; fatal?: boolean | null | undefined }) => ({
  line: m.line,
  ruleId: m.ruleId,
  fatal: m.fatal,
})

describe('letters report vfile messages on the data file', () => {
  it('a bad value: place = the row, rule id, the column in the reason', async () => {
    const result = await runBatch({
      template: template('statusbrief.md'),
      dataPath: DATA,
      outDir: tempDir(),
      dryRun: true,
    })
    const m = result.fouten.find((x) => x.line === 14)
    expect(m && shape(m)).toEqual({ line: 14, ruleId: 'gegevens-waarde', fatal: true })
    expect(m?.file).toBe(DATA)
    expect(m?.reason).toBe('kolom "schaal": de waarde is geen geheel getal')
    expect(m && formatRowMessage(m)).toBe('medewerkers.csv:14: kolom "schaal": de waarde is geen geheel getal')
  })

  it('a rule that does not fit the row is `brief-regel`', async () => {
    const result = await runBatch({
      template: template('plaatsingsbesluit.md'),
      dataPath: DATA,
      outDir: tempDir(),
      dryRun: true,
    })
    const m = result.fouten.find((x) => x.line === 27)
    expect(m && shape(m)).toEqual({ line: 27, ruleId: 'brief-regel', fatal: true })
    expect(m?.reason).toMatch(/^kolom "nieuwe_schaal": geen inpassingsregel van artikel 11 past/)
  })

  it('row shape and duplicate names each have their own rule id, in row order', async () => {
    const dir = tempDir()
    const [header, first] = readFileSync(DATA, 'utf8').split('\r\n') as [string, string]
    const path = join(dir, 'kapot.csv')
    writeFileSync(path, [header, first, `${first};extra`, first, first.split(';').slice(0, 30).join(';')].join('\r\n'))
    const outDir = join(dir, 'uit')
    const result = await runBatch({ template: template('statusbrief.md'), dataPath: path, outDir })
    expect(result.fouten.map(shape)).toEqual([
      { line: 3, ruleId: 'gegevens-vorm', fatal: true },
      { line: 4, ruleId: 'brief-bestandsnaam', fatal: true },
      { line: 5, ruleId: 'gegevens-vorm', fatal: true },
    ])
    const lines = result.fouten.map(formatRowMessage)
    expect(lines[0]).toBe(
      'kapot.csv:3: de rij heeft 39 kolommen, de kopregel 38 (een `;` te veel, of een cel met een `;` zonder aanhalingstekens?)',
    )
    expect(lines[2]).toMatch(/^kapot\.csv:5: de rij heeft 30 kolommen, de kopregel 38; er ontbreekt een `;`/)
    // fouten.txt and the manifest say the same, line for line.
    expect(readFileSync(join(outDir, 'fouten.txt'), 'utf8')).toBe(`${lines.join('\n')}\n`)
    expect(JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')).fouten).toEqual(lines)
  })

  it('a broken CSV file stops the batch before the first letter, with manifest and fouten.txt', async () => {
    const dir = tempDir()
    const [header, first] = readFileSync(DATA, 'utf8').split('\r\n') as [string, string]
    const path = join(dir, 'kapot.csv')
    writeFileSync(path, [header, first, first, '000009;"niet gesloten'].join('\r\n'))
    const outDir = join(dir, 'uit')
    const result = await runBatch({ template: template('statusbrief.md'), dataPath: path, outDir })
    expect(result.fouten.map(shape)).toEqual([{ line: 4, ruleId: 'gegevens-bestand', fatal: true }])
    expect(result.bestandsfout).toBe(result.fouten[0])
    expect(result.brieven).toBe(0)
    const lines = result.fouten.map(formatRowMessage)
    expect(lines[0]).toMatch(/^kapot\.csv:4: een cel begint met een aanhalingsteken \("\) dat nergens wordt gesloten/)
    expect(readdirSync(outDir).filter((f) => f.endsWith('.docx'))).toEqual([])
    expect(readFileSync(join(outDir, 'fouten.txt'), 'utf8')).toBe(`${lines.join('\n')}\n`)
    expect(JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')).fouten).toEqual(lines)
  })
})
