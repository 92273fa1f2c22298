import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { importCvdrHtml } from '../../src/import/cvdr-html.js'
import { importPlainText } from '../../src/import/plain-text.js'

const SHARED = new URL('../../../shared/', import.meta.url)
const SEED = readFileSync(new URL('seeds/002_f6e7f900d2e726f4.txt', SHARED), 'utf8')
/**
 * The text of seed 002 as a CVDR page: metadata tables, headings, nested lists with the numbers in
 * `<span class="ol">`, an `<ol type="a">` (artikel 16), numbers and text in one `<p class="labeled">`
 * (artikel 24) and a table in the toelichting. Every word comes from the seed.
 */
const HTML = readFileSync(
  new URL('../fixtures/import/cvdr-html/sociaal-statuut-cgm/input.html', import.meta.url),
  'utf8',
)

function words(text: string): string[] {
  return text.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2').match(/[\p{L}\p{N}]+/gu) ?? []
}

function counts(list: string[]): Map<string, number> {
  const m = new Map<string, number>()
  for (const w of list) m.set(w, (m.get(w) ?? 0) + 1)
  return m
}

describe('importCvdrHtml: Sociaal Statuut Samenwerking CGM 2012 as a CVDR page', () => {
  const result = importCvdrHtml(HTML)
  const md = result.markdown

  it('reads the metadata tables', () => {
    expect(result.meta).toMatchObject({
      organisatie: 'Grave',
      citeertitel: 'Sociaal Statuut Samenwerking CGM 2012',
      'eigen-onderwerp': 'P&O',
      grondslagen: ['Wet op de ondernemingsraden', 'CAR/UWO'],
      inwerkingtreding: '2013-01-03',
      uitwerkingtreding: '2019-02-15',
      ondertekening: '2012-12-04',
      betreft: 'Nieuwe regeling',
      bekendmaking: 'Graafsche Courant, 3 januari 2013',
      kenmerk: 'P&O',
    })
    expect(result.meta['terugwerkende-kracht']).toBeUndefined()
  })

  it('gives the same result as the copied text of the same page, up to the table the copy flattened', () => {
    const text = importPlainText(SEED)
    expect(result.meta).toEqual(text.meta)
    // Copied text has lost the table: one cell per line. The HTML still has it.
    const table = 'Schematische weergave inpassingsregels (artikel 11)'
    const upTo = (m: string) => m.slice(0, m.lastIndexOf('\n', m.indexOf(table)))
    expect(upTo(md)).toBe(upTo(text.markdown))
    expect(result.warnings.filter((w) => !w.info)).toEqual([])
  })

  it('keeps the table of the toelichting as a Markdown table', () => {
    expect(md).toContain(
      '| Status van de plaatsing | Vergelijking nieuwe functieschaal versus bestaande functieschaal. | Inschaling in de nieuwe organisatie | Bijzonderheden |\n| --- | --- | --- | --- |\n| Passende functie, geschikte of ongewijzigde functie (functievolger). | Gelijke functieschaal. | Direct op functieschaal. |',
    )
    expect(md.match(/^\| /gmu)).toHaveLength(6)
  })

  it('finds the 29 articles and their leden and onderdelen', () => {
    const body = md.slice(0, md.indexOf('\n## TOELICHTING\n'))
    const nums = [...body.matchAll(/^#{2,6} Artikel (\S+)/gmu)].map((m) => m[1])
    expect(nums).toEqual(Array.from({ length: 29 }, (_, i) => String(i + 1)))
    expect(md).toContain('#### Artikel 16 Voorkeursvolgorde bij herplaatsing\n\n1. De plaatsingsadviescommissie')
    expect(md).toContain(
      '\n\n   - a. de ambtenaar blijft zijn eigen, ongewijzigde functie vervullen (functievolger);\n',
    )
    expect(md).toContain('\n\n   - g. overige flankerende maatregelen, die er op gericht zijn (financiële) nadelen')
    expect(md).toContain('\n\n     Aan de commissie worden de (beoogd) directeur en het hoofd P\\&O-CGM toegevoegd')
  })

  it('loses no word of the regulation and leaves out the page furniture', () => {
    const source = words(SEED.slice(SEED.indexOf('Intitulé'))).slice(1)
    expect(counts(words(md))).toEqual(counts(source))
    expect(md).not.toContain('dataLayer')
    expect(md).not.toContain('Ziet u een fout')
  })
})

describe('importCvdrHtml: a cut-off page', () => {
  const cutAt = HTML.indexOf('Als het georganiseerd overleg van mening is') + 'Als het georganiseerd overleg van'.length
  const cut = HTML.slice(0, cutAt)
  const result = importCvdrHtml(cut)

  it('keeps what is there and warns at the end of the input', () => {
    expect(result.markdown).toContain('#### Artikel 4 Overleg over de personele gevolgen en maatregelen\n')
    expect(result.markdown.trimEnd().endsWith('2. Als het georganiseerd overleg van')).toBe(true)
    const lines = cut.split('\n')
    expect(result.warnings).toEqual([
      {
        message: expect.stringContaining('tekst lijkt afgebroken'),
        line: lines.length,
        column: (lines[lines.length - 1] as string).length + 1,
        ruleId: 'import-afgebroken',
      },
    ])
  })
})

describe('importCvdrHtml: places in the source', () => {
  it('reports a lid without text at its line and column in the HTML', () => {
    const html = HTML.replace(/<p>De leden van het georganiseerd overleg kunnen tussentijds[^<]*<\/p>/u, '')
    const result = importCvdrHtml(html)
    const line = html.split('\n').findIndex((l) => l.includes('<span class="ol">3.</span>')) + 1
    const warning = result.warnings.find((w) => w.ruleId === 'import-leeg-onderdeel')
    expect(warning).toMatchObject({ line, message: 'Lijstonderdeel `3` heeft geen tekst; leeg overgenomen' })
  })
})

describe('importCvdrHtml: any cut-off prefix of the page', () => {
  it('imports without throwing and places its warnings inside the input', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: HTML.length }), (n) => {
        const cut = HTML.slice(0, n)
        const result = importCvdrHtml(cut)
        const rows = cut.split('\n').length
        for (const w of result.warnings) expect(w.line >= 1 && w.line <= rows && w.column >= 1).toBe(true)
        expect(result.markdown === '' || result.markdown.endsWith('\n')).toBe(true)
      }),
      { numRuns: 60 },
    )
  })
})
