/**
 * Typography of the letter XML, without LibreOffice: no-break spaces, trimmed cells, what keeps
 * together, space after tables, room to sign; `--one-file` sections and a house style that lacks
 * the styles letters use.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { inflateRawSync } from 'node:zlib'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import type { Letter, LetterBlock } from '../../src/model/letter.js'
import {
  letterBodyXml,
  loadHouseStyle,
  noBreakSpaces,
  oneFileDocumentXml,
  renderOneFileDocx,
} from '../../src/render/docx-letter.js'
import { ROOT } from '../helpers.js'

const houseStyleBytes = readFileSync(join(ROOT, 'templates', 'huisstijl.docx'))
const style = loadHouseStyle(houseStyleBytes)

const p = (...lines: string[]): LetterBlock => ({
  type: 'paragraph',
  style: 'normaal',
  lines: lines.map((text) => [{ text }]),
})
const letter = (blocks: LetterBlock[]): Letter => ({
  datum: '2024-01-01',
  titel: 't',
  bestandsnaam: 'b',
  blocks,
  versies: [],
  keuzes: [],
  regels: {},
})
/** The `<w:p>` elements of a body, in order. */
const paragraphs = (xml: string) => xml.match(/<w:p>.*?<\/w:p>|<w:p\/>/g) ?? []

describe('no-break spaces', () => {
  it('in amounts, article and scale numbers, dates and durations; not elsewhere', () => {
    expect(noBreakSpaces('€ 1.050,00 per maand')).toBe('€\u00a01.050,00 per maand')
    expect(noBreakSpaces('zie artikel 10, tweede lid')).toBe('zie artikel\u00a010, tweede lid')
    expect(noBreakSpaces('Artikelen 6:7 en 6:8')).toBe('Artikelen\u00a06:7 en 6:8')
    expect(noBreakSpaces('op 1 januari 2024 in schaal 8')).toBe('op 1\u00a0januari\u00a02024 in schaal\u00a08')
    expect(noBreakSpaces('36 uur per week')).toBe('36\u00a0uur per week')
    expect(noBreakSpaces('de gemeente Grave')).toBe('de gemeente Grave')
    expect(noBreakSpaces('in 2024 of later')).toBe('in 2024 of later')
  })
})

describe('what keeps together', () => {
  it('the signature block from the greeting to the signer, with room to sign above the name', () => {
    const xml = letterBodyXml(
      letter([
        p('Tekst.'),
        p('Met vriendelijke groet,'),
        p('het college van burgemeester en wethouders van de gemeente Grave,', 'namens dezen,'),
        p('P. Voorbeeld', 'hoofd Personeel en Organisatie'),
        { type: 'heading', level: 2, runs: [{ text: 'Niet eens met dit besluit?' }] },
      ]),
      style,
    )
    const ps = paragraphs(xml)
    expect(ps[0]).not.toContain('keepNext')
    expect(ps[1]).toContain('<w:keepNext/><w:keepLines/>')
    expect(ps[2]).toContain('<w:keepNext/><w:keepLines/>')
    expect(ps[3]).toContain('<w:keepLines/><w:spacing w:before="1134"/>')
    expect(ps[3]).not.toContain('keepNext')
  })

  it('a line ending in ":" with what follows; quoted paragraphs; "Zie artikel" with its paragraph', () => {
    const xml = letterBodyXml(
      letter([
        p('Daarin staat:'),
        { type: 'paragraph', style: 'citaatkop', lines: [[{ text: 'Artikel 10 (zoals geldend op 1 januari 2024):' }]] },
        { type: 'paragraph', style: 'citaat', lines: [[{ text: '1. Eerste lid.' }]] },
        { type: 'paragraph', style: 'citaat', lines: [[{ text: '2. Tweede lid.' }]] },
        p('U behoudt uw salaris.', 'Zie artikel 10, tweede lid.'),
        p('Een alinea.'),
        p('Zie artikel 11.'),
      ]),
      style,
    )
    const ps = paragraphs(xml)
    expect(ps[0]).toContain('<w:keepNext/>')
    expect(ps[1]).toContain('<w:keepNext/>')
    expect(ps[2]).toContain('<w:keepNext/><w:keepLines/>')
    expect(ps[3]).toContain('<w:keepLines/>')
    expect(ps[3]).not.toContain('keepNext')
    expect(ps[4]).toContain('<w:keepLines/>')
    expect(ps[5]).toContain('<w:keepNext/>')
  })

  it('table cells trimmed, space before the paragraph after a table', () => {
    const xml = letterBodyXml(
      letter([
        {
          type: 'table',
          header: true,
          rows: [
            [[{ text: ' Gegeven ' }], [{ text: ' Waarde' }]],
            [[{ text: ' Naam ' }], [{ text: ' B. ' }, { text: 'Voorbeeld ', bold: true }]],
          ],
        },
        p('U ontvangt geen toelagen.'),
      ]),
      style,
    )
    expect(xml).toContain('>Naam</w:t>')
    expect(xml).toContain('>B. </w:t>')
    expect(xml).toContain('>Voorbeeld</w:t>')
    expect(xml).not.toMatch(/<w:t xml:space="preserve">\s/)
    expect(paragraphs(xml).at(-1)).toContain('<w:spacing w:before="240"/>')
  })
})

describe('--one-file sections', () => {
  const two = [letter([p('Brief een.')]), letter([p('Brief twee.')])]

  it('each letter ends in its own section with a bookmark and its own counting footer', () => {
    const xml = oneFileDocumentXml(two, style)
    expect(xml.match(/<w:pgNumType w:start="1"\/>/g)).toHaveLength(2)
    expect(xml).toContain('w:name="_RegelwerkBrief1"')
    expect(xml).toContain('w:name="_RegelwerkBrief2"')
    expect(xml).toContain('r:id="rwBrief1rId7"')
    expect(xml).toContain('r:id="rwBrief2rId7"')
    // No empty paragraph between the letters: the section ends in the letter's last paragraph.
    expect(xml).not.toContain('<w:p><w:pPr><w:sectPr')
    expect(xml).not.toContain('oddPage')
  })

  it('the packed file asks Word to update fields on opening (it then fills each PAGEREF)', () => {
    const files = unzipSync(renderOneFileDocx(two, style, 'Brieven'))
    const settings = strFromU8(files['word/settings.xml'] as Uint8Array)
    expect(settings).toContain('<w:updateFields w:val="true"/><w:compat>')
    expect(strFromU8(files['word/_rels/document.xml.rels'] as Uint8Array)).toContain('Target="brief2-footer1.xml"')
    expect(strFromU8(files['[Content_Types].xml'] as Uint8Array)).toContain('PartName="/word/brief2-footer1.xml"')
  })

  it('--dubbelzijdig: every section starts on an odd page', () => {
    const xml = oneFileDocumentXml(two, style, { dubbelzijdig: true })
    expect(xml.match(/<w:type w:val="oddPage"\/><w:pgSz/g)).toHaveLength(2)
  })
})

describe("a user's own house style without the styles letters use", () => {
  it("gets regelwerk's styles, named in `addedStyles`; its own Normal and styles stay", () => {
    const files = unzipSync(houseStyleBytes)
    const styles = strFromU8(files['word/styles.xml'] as Uint8Array)
    // As Word or LibreOffice would make it: no Citaat, Tabelkop, Gegevenstabel, headings; Normal as "Standaard".
    const stripped = styles
      .replace(
        /<w:style\b[^>]*w:styleId="(?:Citaat|Citaatkop|Tabelkop|Gegevenstabel|Heading1|Heading2|Heading3)"[^>]*>[\s\S]*?<\/w:style>/g,
        '',
      )
      .replace(/w:styleId="Normal"/, 'w:styleId="Standaard"')
    files['word/styles.xml'] = strToU8(stripped)
    const own = loadHouseStyle(zipSync(files))
    expect(own.addedStyles).toEqual([
      'heading 1',
      'heading 2',
      'heading 3',
      'Citaat',
      'Citaatkop',
      'Tabelkop',
      'Gegevenstabel',
    ])
    expect(own.styleIds.citaat).toBe('Citaat')
    expect(own.styleIds.heading2).toBe('Heading2')
    expect(own.styleIds.tabeltekst).toBe('Tabeltekst')
    expect(own.tableStyleId).toBe('Gegevenstabel')
    const entry = own.entries.find((e) => e.name === 'word/styles.xml')
    const written = entry ? inflateRawSync(entry.data).toString('utf8') : ''
    // The added styles are based on the house style's own Normal; what it had stays.
    expect(written).toMatch(/w:styleId="Citaat">.*?<w:basedOn w:val="Standaard"\/>/)
    expect(written).toContain('w:styleId="Rechtsmiddel"')
    expect(written.match(/w:styleId="Tabeltekst"/g)).toHaveLength(1)
    const xml = letterBodyXml(letter([{ type: 'paragraph', style: 'citaat', lines: [[{ text: 'x' }]] }]), own)
    expect(xml).toContain('<w:pStyle w:val="Citaat"/>')
    expect(style.addedStyles).toEqual([])
  })
})
