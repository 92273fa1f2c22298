/**
 * `amend --format docx`: the besluit as a Word document in named styles on A4 with a Dutch language
 * tag, opened in LibreOffice (converted to PDF, text read back), and the same bytes for the same input.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateAmendment } from '../../src/amend/generate.js'
import { diffRegelingen } from '../../src/diff/index.js'
import { renderAmendmentDocx } from '../../src/render/amendment-docx.js'
import { parsePath, ROOT } from '../helpers.js'
import { convertToPdf, pdfInfo, pdfText, SKIP_LIBREOFFICE } from '../lo/libreoffice.js'

function besluit(oud: string, nieuw: string, options: { inwerkingtreding?: string } = {}) {
  const diff = diffRegelingen(parsePath(join(ROOT, oud)).result.tree, parsePath(join(ROOT, nieuw)).result.tree)
  return generateAmendment(diff, options)
}

const CAR = besluit('regulations/car-uwo/basis/voor-lbr-15-069.md', 'regulations/car-uwo/2015-09-07.md')
// Law-in-git versions take their date from the file name (as `amend` on the command line does).
const WAA = besluit(
  'regulations/wet-aanpassing-arbeidsduur/2011-09-14.md',
  'regulations/wet-aanpassing-arbeidsduur/2015-03-05.md',
  { inwerkingtreding: '2015-03-05' },
)

describe('amend --format docx', () => {
  let dir = ''
  const bytes: Record<string, Uint8Array> = {}
  const text: Record<string, string> = {}
  const pages: Record<string, { width: number; height: number }> = {}

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'regelwerk-amend-docx-'))
    bytes.car = await renderAmendmentDocx(CAR)
    bytes.waa = await renderAmendmentDocx(WAA)
    const inputs = Object.entries(bytes).map(([name, b]) => {
      const path = join(dir, `${name}.docx`)
      writeFileSync(path, b)
      return path
    })
    if (SKIP_LIBREOFFICE) return
    const pdfs = convertToPdf(inputs, join(dir, 'pdf'), join(dir, 'profiel'))
    for (const [i, name] of Object.keys(bytes).entries()) {
      text[name] = pdfText(pdfs[i] as string).replace(/\s+/g, ' ')
      pages[name] = pdfInfo(pdfs[i] as string)
    }
  }, 120_000)

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('uses named styles and a Dutch language tag, and gives the same bytes twice', async () => {
    const files = unzipSync(bytes.car as Uint8Array)
    const document = strFromU8(files['word/document.xml'] as Uint8Array)
    const styles = strFromU8(files['word/styles.xml'] as Uint8Array)
    for (const style of ['Title', 'Heading1', 'Heading4', 'Lid']) expect(document).toContain(`w:val="${style}"`)
    expect(styles).toContain('nl-NL')
    expect(document).not.toMatch(/<w:(ins|del)\b/)
    expect(Buffer.from(await renderAmendmentDocx(CAR)).equals(Buffer.from(bytes.car as Uint8Array))).toBe(true)
  })

  it.skipIf(SKIP_LIBREOFFICE)('LibreOffice shows the besluit of Lbr. 15/069 item by item, on A4', () => {
    const t = text.car as string
    expect(pages.car?.width).toBeCloseTo(595, 0)
    expect(pages.car?.height).toBeCloseTo(842, 0)
    for (const expected of [
      'Besluit tot wijziging van de CAR-UWO',
      'ARTIKEL I De CAR-UWO wordt als volgt gewijzigd:',
      'A Na het opschrift wordt een artikel ingevoegd, luidende:',
      'Artikel 1:2c Aanstellingen op grond van de banenafpraak',
      '9. Indien het college voor de in het tweede lid genoemde ambtenaar loondispensatie',
      'B Aan de regeling wordt een toelichting toegevoegd, luidende:',
      'C Bijlage IIa komt te luiden:',
      'ARTIKEL II Dit besluit treedt in werking met ingang van 7 september 2015 en werkt terug tot en met 1 september 2015.',
    ])
      expect(t).toContain(expected)
  })

  it.skipIf(SKIP_LIBREOFFICE)('LibreOffice shows word instructions of a real law change', () => {
    const t = text.waa as string
    expect(t).toContain('Artikel 2 wordt als volgt gewijzigd:')
    expect(t).toContain('1. In het eerste lid wordt „aanpassing van” vervangen door')
    expect(t).toContain('Dit besluit treedt in werking met ingang van 5 maart 2015.')
  })
})
