/**
 * A `tabel` node in the outputs that read the tree: the publication (blocks, HTML), serve's text
 * page, and check's text rules (a reference or glued words in a cell are found, at the cell).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { type Publicatie, preparePublication, runsText } from '../../src/publish/index.js'
import { renderPublicationHtml } from '../../src/render/html-publication.js'
import { regelingHtml } from '../../src/serve/render-regeling.js'
import { checkRegeling } from '../../src/validate/index.js'
import { parseString, ROOT } from '../helpers.js'

describe('tables in the publication, serve and check', () => {
  it("publishes the statuut's table from the node: 4 columns, 5 rows, a real HTML table", () => {
    const path = 'publicaties/sociaal-statuut-cgm-2012.md'
    const { publicatie } = preparePublication(new VFile({ path, value: readFileSync(join(ROOT, path)) }))
    const p = publicatie as Publicatie
    const tables = [...p.toelichting].filter((b) => b.kind === 'tabel')
    expect(tables).toHaveLength(1)
    const rows = tables[0]?.kind === 'tabel' ? tables[0].rows : []
    expect(rows.map((r) => r.length)).toEqual([4, 4, 4, 4, 4])
    expect(runsText(rows[0]?.[0] ?? [])).toBe('Status van de plaatsing')
    expect(runsText(rows[4]?.[3] ?? [])).toBe(
      'Mogelijkheid van verlenging aanloopschaal met één jaar op basis van beoordeling.',
    )
    const html = renderPublicationHtml(p)
    expect(html).toContain('<thead><tr><th scope="col">Status van de plaatsing</th>')
    // No pipe of the Markdown table reaches the reader.
    expect(html).not.toContain('| --- |')
  })

  it('publishes alignment and inline formatting of cells', () => {
    // Own phrasing (test wording).
    const md =
      '---\nciteertitel: Proef\n---\n\n# Proef\n\n### Artikel 1\n\n| Schaal | Bedrag |\n| :-- | --: |\n| **10** | € 3.120,00 |\n'
    const { result } = parseString(md)
    const html = regelingHtml(result.tree)
    expect(html).toContain('<table class="tabel"><thead><tr><th scope="col" style="text-align:left">Schaal</th>')
    expect(html).toContain('<td style="text-align:right">€ 3.120,00</td>')
  })

  it('check reads cells: a reference to a missing article and glued words are found at the cell', () => {
    // Own phrasing (test wording), with the glued definition style of a real CVDR text.
    const md = [
      '---',
      'citeertitel: Proef',
      '---',
      '',
      '# Proef',
      '',
      '### Artikel 1',
      '',
      'De bedragen staan in de tabel.',
      '',
      '| Schaal | Grondslag |',
      '| --- | --- |',
      '| 10 | zie artikel 7 |',
      '| 11 | Medewerker:De werknemer |',
      '',
    ].join('\n')
    const { result, file } = parseString(md)
    checkRegeling(result, file)
    const found = file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)
    expect(found).toContain('13:20 verwijzing-onbekend-artikel')
    expect(found).toContain('14:18 woorden-aan-elkaar')
  })
})
