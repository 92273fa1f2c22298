/**
 * Signers in the ondertekening (issue 15): signers laid side by side in the source are layout and
 * are written one under the other by import; two signers on one line without columns are a
 * placed warning with the fix, in import and in check (`ondertekenaars-op-een-regel`).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { importCvdrHtml } from '../../src/import/cvdr-html.js'
import { importText } from '../../src/import/index.js'
import { importPlainText } from '../../src/import/plain-text.js'
import { findSigners, namesIn, officesIn } from '../../src/model/signers.js'
import { checkRegeling } from '../../src/validate/index.js'
import { CORPUS, filesUnder, parsePath, parseString, ROOT, SHARED } from '../helpers.js'

const SEED_002 = join(SHARED, 'seeds', '002_f6e7f900d2e726f4.txt')
const HTML_002 = join(ROOT, 'test', 'fixtures', 'import', 'cvdr-html', 'sociaal-statuut-cgm', 'input.html')

/** The ondertekening of the Sociaal Statuut Samenwerking CGM 2012 (seed 002), as the source has it. */
const SEED_SIGNERS = [
  'Burgemeester en wethouders van Cuijk,',
  'De secretaris, De burgemeester,',
  'Mr. R.P. Hoffmann Mr. W.A.G. Hillenaar',
  'Burgemeester en wethouders van Grave,',
  'De secretaris, De burgemeester,',
  'R.Bransz S. Haasjes- van den Berg',
  'Burgemeester en wethouders van Mill en Sint Hubert,',
  'De secretaris, De burgemeester,',
  'Drs. H.J.H. de Bekker A.H.M.J. Tans',
  'Namens werknemersvertegenwoordigingen in het Georganiseerd overleg;',
  'Gemeente Cuijk, Gemeente Grave, Gemeente Mill en Sint Hubert',
  'AbvaKabo FNV;',
  'S.J.B.M. Wildenbeest B.B.M. van Deurzen J.H.P van Ham',
  'CNV Publieke Zaak;',
  'E.T. Theunissen M.M.J. Roefs F.G.H.B. Verstegen',
]

/** The ondertekening of seed 002 as the import writes it: office above name, column by column. */
const SPLIT_002 = [
  'Burgemeester en wethouders van Cuijk,',
  'De secretaris,',
  'Mr. R.P. Hoffmann',
  'De burgemeester,',
  'Mr. W.A.G. Hillenaar',
  'Burgemeester en wethouders van Grave,',
  'De secretaris,',
  'R.Bransz',
  'De burgemeester,',
  'S. Haasjes- van den Berg',
  'Burgemeester en wethouders van Mill en Sint Hubert,',
  'De secretaris,',
  'Drs. H.J.H. de Bekker',
  'De burgemeester,',
  'A.H.M.J. Tans',
  'Namens werknemersvertegenwoordigingen in het Georganiseerd overleg;',
  'Gemeente Cuijk, Gemeente Grave, Gemeente Mill en Sint Hubert',
  'AbvaKabo FNV;',
  'S.J.B.M. Wildenbeest',
  'B.B.M. van Deurzen',
  'J.H.P van Ham',
  'CNV Publieke Zaak;',
  'E.T. Theunissen',
  'M.M.J. Roefs',
  'F.G.H.B. Verstegen',
].join('\n\n')

function checkMessages(text: string, rule = 'ondertekenaars-op-een-regel') {
  const { result, file } = parseString(text)
  checkRegeling(result, file)
  return file.messages.filter((m) => m.ruleId === rule)
}

/** A regulation of our own (not a real text) with the given ondertekening. */
const own = (signers: string) =>
  `Proefregeling ondertekening (eigen tekst)\n\nArtikel 1\n\nDeze regeling treedt in werking op 1 januari 2020.\n\nAldus vastgesteld in de vergadering van 1 december 2019.\n\n${signers}\n`

describe('names and offices', () => {
  it('reads the rows of seed 002', () => {
    expect(officesIn('De secretaris, De burgemeester,')).toEqual(['De secretaris,', 'De burgemeester,'])
    expect(namesIn('Mr. R.P. Hoffmann Mr. W.A.G. Hillenaar')).toEqual(['Mr. R.P. Hoffmann', 'Mr. W.A.G. Hillenaar'])
    expect(namesIn('R.Bransz S. Haasjes- van den Berg')).toEqual(['R.Bransz', 'S. Haasjes- van den Berg'])
    expect(namesIn('S.J.B.M. Wildenbeest B.B.M. van Deurzen J.H.P van Ham')).toEqual([
      'S.J.B.M. Wildenbeest',
      'B.B.M. van Deurzen',
      'J.H.P van Ham',
    ])
  })

  it('takes one signer of the national laws for one (bwb corpus: `D. IJ. W. de Graaff-Nauta`, `J. DONNER.`)', () => {
    expect(namesIn('D. IJ. W. de Graaff-Nauta')).toEqual(['D. IJ. W. de Graaff-Nauta'])
    expect(namesIn('J. DONNER.')).toEqual(['J. DONNER.'])
    expect(namesIn('V. G. M. MARIJNEN.')).toEqual(['V. G. M. MARIJNEN.'])
    expect(namesIn('Beatrix')).toEqual([])
    expect(officesIn('De Minister van Justitie a.i.,')).toEqual(['De Minister van Justitie a.i.,'])
  })

  it('finds the columns of seed 002 and nothing glued', () => {
    const findings = findSigners(SEED_SIGNERS)
    expect(findings.map((f) => `${f.line}:${f.kind}`)).toEqual([
      '1:columns',
      '4:columns',
      '7:columns',
      '12:names-per-column',
      '14:names-per-column',
    ])
  })
})

describe('import of signers side by side', () => {
  it('seed 002 (copied text): office above name, column by column, with an info and no warning', () => {
    const result = importPlainText(readFileSync(SEED_002, 'utf8'))
    expect(result.markdown).toContain(
      `Aldus vastgesteld door:\n\nDe colleges van burgemeester en wethouders van Cuijk, Grave, Mill en Sint Hubert op 4 december 2012;\n\n${SPLIT_002}\n\n## TOELICHTING`,
    )
    expect(result.warnings.filter((w) => w.ruleId === 'ondertekenaars-op-een-regel')).toEqual([])
    const infos = result.warnings.filter((w) => w.ruleId === 'import-ondertekening-kolommen')
    expect(infos.map((w) => [w.line, w.column, w.info])).toEqual([
      [745, 1, true],
      [751, 1, true],
      [757, 1, true],
      [767, 1, true],
      [771, 1, true],
    ])
    expect(infos[0]?.message).toContain(
      '(`De secretaris,` `Mr. R.P. Hoffmann`; `De burgemeester,` `Mr. W.A.G. Hillenaar`)',
    )
  })

  it('seed 002 as a CVDR page gives the same ondertekening', () => {
    expect(importCvdrHtml(readFileSync(HTML_002, 'utf8')).markdown).toContain(`${SPLIT_002}\n\n## TOELICHTING`)
  })

  it('the import of seed 002 passes check without a signer warning, and so does the bundled statuut', () => {
    const text = readFileSync(SEED_002, 'utf8')
    const imported = importText(text, SEED_002, new VFile({ path: SEED_002, value: text })).markdown
    expect(checkMessages(imported)).toEqual([])
    const { result, file } = parsePath(join(ROOT, 'regulations', 'sociaal-statuut-cgm', '2013-01-03.md'))
    checkRegeling(result, file)
    expect(file.messages.filter((m) => m.ruleId === 'ondertekenaars-op-een-regel')).toEqual([])
  })

  it('a table of signers (HTML) is read column by column, without a message', () => {
    // The rows of seed 002 as a two-column table, as a CVDR page lays them out.
    const page = `<!DOCTYPE html><html><body><main><h1>Proefregeling (eigen tekst)</h1><h4>Artikel 1</h4><p>Deze regeling treedt in werking op 1 januari 2013.</p><p>Aldus vastgesteld door:</p><table><tr><td>De secretaris,</td><td>De burgemeester,</td></tr><tr><td>Mr. R.P. Hoffmann</td><td>Mr. W.A.G. Hillenaar</td></tr></table></main></body></html>\n`
    const result = importCvdrHtml(page)
    expect(result.markdown).toContain(
      'Aldus vastgesteld door:\n\nDe secretaris,\n\nMr. R.P. Hoffmann\n\nDe burgemeester,\n\nMr. W.A.G. Hillenaar\n',
    )
    expect(result.warnings.filter((w) => /ondertek/u.test(w.ruleId))).toEqual([])
  })

  it('a table with one signer per row (office, name) is read row by row', () => {
    const page = `<!DOCTYPE html><html><body><main><h1>Proefregeling (eigen tekst)</h1><h4>Artikel 1</h4><p>Deze regeling treedt in werking op 1 januari 2013.</p><p>Aldus vastgesteld door:</p><table><tr><td>De secretaris,</td><td>Mr. R.P. Hoffmann</td></tr><tr><td>De burgemeester,</td><td>Mr. W.A.G. Hillenaar</td></tr></table></main></body></html>\n`
    expect(importCvdrHtml(page).markdown).toContain(
      'Aldus vastgesteld door:\n\nDe secretaris,\n\nMr. R.P. Hoffmann\n\nDe burgemeester,\n\nMr. W.A.G. Hillenaar\n',
    )
  })

  it('signers separated by tabs are read column by column, without a message', () => {
    const result = importPlainText(own('De secretaris,\tDe burgemeester,\nMr. R.P. Hoffmann\tMr. W.A.G. Hillenaar'))
    expect(result.markdown).toContain(
      '\n\nDe secretaris,\n\nMr. R.P. Hoffmann\n\nDe burgemeester,\n\nMr. W.A.G. Hillenaar\n',
    )
    expect(result.warnings.filter((w) => /ondertek/u.test(w.ruleId))).toEqual([])
  })
})

describe('two signers glued on one line (own wording, not a real text)', () => {
  const cases: Array<[string, string, string]> = [
    [
      'office and name twice',
      'De burgemeester, J. Jansen De secretaris, P. de Vries',
      '`De burgemeester, J. Jansen`, `De secretaris, P. de Vries`',
    ],
    ['two names under one office', 'De burgemeester,\nJ. Jansen P. de Vries', '`J. Jansen`, `P. de Vries`'],
    ['two offices without names', 'De burgemeester, De secretaris,', '`De burgemeester,`, `De secretaris,`'],
  ]

  for (const [what, signers, fix] of cases) {
    it(`${what}: import warns at the line, with the fix`, () => {
      const result = importPlainText(own(signers))
      const glued = result.warnings.filter((w) => w.ruleId === 'ondertekenaars-op-een-regel')
      const last = signers.split('\n').length === 2 ? 10 : 9
      expect(glued.map((w) => [w.line, w.column])).toEqual([[last, 1]])
      expect(glued[0]?.message).toContain(`Zet elke ondertekenaar (functie en naam) op een eigen regel: ${fix}`)
      // The text itself is kept as it is.
      for (const line of signers.split('\n')) expect(result.markdown).toContain(line)
    })

    it(`${what}: check warns on the imported file, at the line`, () => {
      const text = own(signers)
      const imported = importText(text, 'proef.txt', new VFile({ path: 'proef.txt', value: text })).markdown
      const found = checkMessages(imported)
      expect(found).toHaveLength(1)
      const line = imported.split('\n')[(found[0]?.line ?? 0) - 1] ?? ''
      expect(signers.split('\n')).toContain(line)
      expect(found[0]?.column).toBe(1)
      expect(found[0]?.reason).toContain(fix)
    })
  }

  it('check places a glued line inside a paragraph with line breaks', () => {
    const md = `---\nciteertitel: Proef\n---\n\n# Proef (eigen tekst)\n\n## Artikel 1\n\nTekst.\n\nAldus vastgesteld in de vergadering van 1 december 2019.\n\nDe raad voornoemd,\\\nDe griffier, J. Jansen De voorzitter, P. de Vries\n`
    const [m] = checkMessages(md)
    expect([m?.line, m?.column]).toEqual([14, 1])
  })

  it('a sentence naming two offices is no signature', () => {
    expect(checkMessages(own('Aldus vastgesteld door de burgemeester en de secretaris op 1 december 2019.'))).toEqual(
      [],
    )
  })
})

describe('the real texts', () => {
  it('no signer warning on any text of the corpus after import (their signers stand one per line)', () => {
    const sources = filesUnder(CORPUS, ['.md', '.txt']).filter((p) => !p.endsWith('SOURCES.md'))
    for (const src of sources) {
      const text = readFileSync(src, 'utf8')
      const file = new VFile({ path: src, value: text })
      const imported = importText(text, src, file).markdown
      expect(file.messages.filter((m) => /ondertek/u.test(m.ruleId ?? '')).map(String), src).toEqual([])
      expect(checkMessages(imported).map(String), src).toEqual([])
    }
  }, 300_000)
})
