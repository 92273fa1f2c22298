/**
 * The Word publication, opened where it matters: LibreOffice (headless) converts it to PDF, and
 * the PDF holds the expected text on A4 pages. Also the document as data (styles per paragraph),
 * the package itself (no tracked changes, real heading styles, nl-NL), and byte-identical output.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { VFile } from 'vfile'
import { beforeAll, describe, expect, it } from 'vitest'
import { type Publicatie, preparePublication, runsText } from '../../src/publish/index.js'
import { publicationParagraphs, renderPublicationDocx } from '../../src/render/docx-publication.js'
import { STYLE } from '../../src/render/docx-style.js'
import { ROOT } from '../helpers.js'
import { convertToPdf, pdfInfo, pdfText, SKIP_LIBREOFFICE } from '../lo/libreoffice.js'

function prepare(path: string): Publicatie {
  const file = new VFile({ path, value: readFileSync(join(ROOT, path)) })
  const { publicatie } = preparePublication(file)
  expect(file.messages.filter((m) => m.fatal === true).map((m) => m.reason)).toEqual([])
  return publicatie as Publicatie
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim()

describe('publish --format docx', () => {
  const cases: Record<string, Publicatie> = {}
  const docx: Record<string, Uint8Array> = {}
  const pdf: Record<string, string> = {}
  const dir = mkdtempSync(join(tmpdir(), 'regelwerk-publish-docx-'))

  beforeAll(async () => {
    cases.statuut = prepare('publicaties/sociaal-statuut-cgm-2012.md')
    cases.eigen = prepare(
      relative(ROOT, join(ROOT, 'test/fixtures/publish/terugwerkende-kracht/publicaties/publicatie.md')),
    )
    cases.wijziging = prepare(
      relative(ROOT, join(ROOT, 'test/fixtures/publish/wijzigingsbesluit/publicaties/publicatie.md')),
    )
    const inputs: string[] = []
    for (const [name, p] of Object.entries(cases)) {
      docx[name] = await renderPublicationDocx(p)
      const path = join(dir, `${name}.docx`)
      writeFileSync(path, docx[name])
      inputs.push(path)
    }
    if (SKIP_LIBREOFFICE) return
    // One LibreOffice run for all documents.
    const pdfs = convertToPdf(inputs, join(dir, 'pdf'), join(dir, 'profile'))
    Object.keys(cases).forEach((name, i) => {
      pdf[name] = pdfText(pdfs[i] as string)
      const info = pdfInfo(pdfs[i] as string)
      expect(Math.round(info.width)).toBe(595)
      expect(Math.round(info.height)).toBe(842)
    })
  }, 240_000)

  it.skipIf(SKIP_LIBREOFFICE)('LibreOffice shows every heading and paragraph of the statuut, in order', () => {
    const text = squash(pdf.statuut as string)
    const paragraphs = publicationParagraphs(cases.statuut as Publicatie)
      .flatMap((item) => (item.kind === 'paragraaf' ? [squash(runsText(item.paragraph.runs).replace(/\t/g, ' '))] : []))
      .filter((t) => t !== '')
    expect(paragraphs.length).toBeGreaterThan(250)
    let from = 0
    const missing: string[] = []
    for (const p of paragraphs) {
      // pdftotext breaks lines and may hyphenate; compare the first words of each paragraph.
      const probe = p.split(' ').slice(0, 6).join(' ')
      const at = text.indexOf(probe, from)
      if (at < 0) missing.push(probe)
      else from = at
    }
    expect(missing).toEqual([])
    for (const expected of [
      'Sociaal Statuut Samenwerking CGM 2012',
      'De colleges van burgemeester en wethouders van de gemeenten Cuijk, Grave en Mill en Sint Hubert;',
      'besluiten vast te stellen de volgende verordening:',
      'Artikel 10 Uitgangspunten individueel',
      'Aldus vastgesteld door:',
      'TOELICHTING',
    ])
      expect(text).toContain(expected)
  })

  it.skipIf(SKIP_LIBREOFFICE)(
    'LibreOffice shows the composed aanhef, numbered leden, ondertekening and bijlage',
    () => {
      const text = squash(pdf.eigen as string)
      for (const expected of [
        'Het college van burgemeester en wethouders van de gemeente Voorbeeldstad;',
        'gelet op artikel 125 van de Ambtenarenwet;',
        'gehoord de commissie voor georganiseerd overleg;',
        'besluit:',
        'Artikel 1:2c Aanstellingen op grond van de banenafpraak',
        '1. In afwijking van artikel 3:1, tweede lid, onderdeel b',
        '2. Voor de in het eerste lid genoemde ambtenaar',
        'Aldus vastgesteld in de vergadering van 15 september 2015.',
        'B. Burgemeester',
        'Bijlage IIa',
      ])
        expect(text).toContain(expected)
    },
  )

  it.skipIf(SKIP_LIBREOFFICE)(
    'LibreOffice shows a wijzigingsbesluit: voorbeeld note, ARTIKEL I with items, ARTIKEL II',
    () => {
      const text = squash(pdf.wijziging as string)
      const order = [
        'Voorbeeld met een fictieve organisatie: dit is geen echte publicatie.',
        // pdftotext drops the hyphen of CAR-UWO when it ends a line: probe up to it.
        'Besluit van het college van burgemeester en wethouders van de gemeente Voorbeeldstad tot wijziging van de',
        'gelet op artikel 125 van de Ambtenarenwet en artikel 160 van de Gemeentewet;',
        'besluit:',
        'ARTIKEL I',
        'De CAR-UWO wordt als volgt gewijzigd:',
        // The item letters stand in the number column, which pdftotext may read out of order.
        'Na het opschrift wordt een artikel ingevoegd, luidende:',
        'Artikel 1:2c Aanstellingen op grond van de banenafpraak',
        'Na artikel 1:2c wordt een bijlage ingevoegd, luidende:',
        'ARTIKEL II',
        'Dit besluit treedt in werking met ingang van 18 september 2015 en werkt terug tot en met 1 september 2015.',
        'Aldus vastgesteld in de vergadering van het college van burgemeester en wethouders van Voorbeeldstad van 15 september 2015.',
        '[naam burgemeester]',
      ]
      let from = 0
      for (const expected of order) {
        const at = text.indexOf(expected, from)
        expect(at, expected).toBeGreaterThanOrEqual(0)
        from = at
      }
    },
  )

  it('is a plain official document: heading styles, lid style with a tab, no tracked changes, nl-NL, A4', () => {
    const files = unzipSync(docx.eigen as Uint8Array)
    const xml = strFromU8(files['word/document.xml'] as Uint8Array)
    expect(xml).not.toMatch(/<w:(ins|del)\b/)
    expect(xml).toContain('<w:pStyle w:val="Title"/>')
    expect(xml).toContain('<w:pStyle w:val="Heading1"/>')
    expect(xml).toContain('<w:pStyle w:val="Lid"/>')
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/)
    expect(strFromU8(files['word/styles.xml'] as Uint8Array)).toContain('w:val="nl-NL"')
    const items = publicationParagraphs(cases.eigen as Publicatie)
    const styleOf = (start: string) =>
      items.find((i) => i.kind === 'paragraaf' && runsText(i.paragraph.runs).startsWith(start))
    expect(styleOf('Artikel 1:2c')).toMatchObject({ paragraph: { style: STYLE.heading1 } })
    expect(styleOf('1.\tIn afwijking')).toMatchObject({ paragraph: { style: STYLE.lid } })
    expect(styleOf('Toelichting')).toMatchObject({ paragraph: { style: STYLE.heading1 } })
    const wijziging = publicationParagraphs(cases.wijziging as Publicatie).flatMap((i) =>
      i.kind === 'paragraaf' ? [`${i.paragraph.style}: ${runsText(i.paragraph.runs)}`] : [],
    )
    expect(wijziging).toContain('Heading1: ARTIKEL I')
    expect(wijziging).toContain('Lid: A\tNa het opschrift wordt een artikel ingevoegd, luidende:')
    expect(wijziging).toContain('Lid: B\tNa artikel 1:2c wordt een bijlage ingevoegd, luidende:')
  })

  it('gives the same bytes for the same publication', async () => {
    const again = await renderPublicationDocx(cases.statuut as Publicatie)
    expect(Buffer.from(again).equals(Buffer.from(docx.statuut as Uint8Array))).toBe(true)
  })
})
