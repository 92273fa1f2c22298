/**
 * The project's own house style for letters: `templates/huisstijl.docx`, built by
 * `scripts/build-huisstijl.mjs`. A normal Word file: letterhead in the header, "pagina 1 van 2" in
 * the footer, A4, Dutch language, named styles for body, headings, quotes, the remedy clause and
 * tables. Letters take its styles, header and footer; a user may replace the file with their own.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  TabStopType,
  TextRun,
} from 'docx'
import { strFromU8, strToU8, unzipSync, type Zippable, zipSync } from 'fflate'
import { coreXml } from './docx-letter.js'
import { documentStyles, LANGUAGE, PAGE, STYLE, TEXT_WIDTH } from './docx-style.js'

export interface HouseStyleOptions {
  /** First line of the letterhead. */
  organisatie: string
  /** Second line (department, address). */
  afdeling: string
  /** The date written into the file (fixed, so the build is reproducible). */
  datum: string
}

/** The table style letters use for the personal data table. */
const TABLE_STYLE = `<w:style w:type="table" w:customStyle="1" w:styleId="Gegevenstabel"><w:name w:val="Gegevenstabel"/><w:uiPriority w:val="59"/><w:qFormat/><w:pPr><w:spacing w:after="0"/></w:pPr><w:rPr><w:lang w:val="${LANGUAGE}"/></w:rPr><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="8EAADB"/><w:left w:val="single" w:sz="4" w:space="0" w:color="8EAADB"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="8EAADB"/><w:right w:val="single" w:sz="4" w:space="0" w:color="8EAADB"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="8EAADB"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="8EAADB"/></w:tblBorders><w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="100" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="100" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblStylePr w:type="firstRow"><w:rPr><w:b/></w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="D9E2F3"/></w:tcPr></w:tblStylePr><w:tblStylePr w:type="firstCol"><w:rPr><w:b/></w:rPr></w:tblStylePr></w:style>`

/** Build the house style `.docx`. Same options, same bytes. */
export async function buildHouseStyleDocx(options: HouseStyleOptions): Promise<Uint8Array> {
  const base = documentStyles()
  const styles = {
    ...base,
    paragraphStyles: [
      ...(base.paragraphStyles ?? []),
      {
        id: 'Citaatkop',
        name: 'Citaatkop',
        basedOn: STYLE.normal,
        next: 'Citaat',
        quickFormat: true,
        run: { bold: true },
        paragraph: { keepNext: true, spacing: { before: 120, after: 60 } },
      },
      {
        id: 'Citaat',
        name: 'Citaat',
        basedOn: STYLE.normal,
        next: STYLE.normal,
        quickFormat: true,
        run: { italics: true },
        paragraph: { indent: { left: 567, right: 567 }, spacing: { after: 80 } },
      },
      {
        id: 'Opsomming',
        name: 'Opsomming',
        basedOn: STYLE.normal,
        next: 'Opsomming',
        quickFormat: true,
        paragraph: { indent: { left: 425, hanging: 283 }, spacing: { after: 60 } },
      },
      {
        id: 'Rechtsmiddel',
        name: 'Rechtsmiddel',
        basedOn: STYLE.normal,
        next: 'Rechtsmiddel',
        quickFormat: true,
        run: { size: 17 },
        paragraph: {
          spacing: { before: 120, after: 60 },
          keepLines: true,
          border: { top: { style: BorderStyle.SINGLE, size: 4, color: '999999', space: 4 } },
        },
      },
      {
        id: 'Briefhoofd',
        name: 'Briefhoofd',
        basedOn: STYLE.normal,
        quickFormat: true,
        run: { bold: true, size: 24, color: '1F3864' },
        paragraph: { spacing: { after: 0 } },
      },
      {
        id: 'Voettekst',
        name: 'Voettekst',
        basedOn: STYLE.normal,
        quickFormat: true,
        run: { size: 16, color: '555555' },
        paragraph: { alignment: AlignmentType.RIGHT, spacing: { after: 0 } },
      },
    ],
  }
  const header = new Header({
    children: [
      new Paragraph({ style: 'Briefhoofd', children: [new TextRun(options.organisatie)] }),
      new Paragraph({
        style: STYLE.normal,
        tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
        border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '1F3864', space: 4 } },
        children: [new TextRun({ text: options.afdeling, size: 18, color: '555555' })],
      }),
    ],
  })
  const footer = new Footer({
    children: [
      new Paragraph({
        style: 'Voettekst',
        children: [new TextRun({ children: ['pagina ', PageNumber.CURRENT, ' van ', PageNumber.TOTAL_PAGES] })],
      }),
    ],
  })
  const doc = new Document({
    creator: 'regelwerk',
    lastModifiedBy: 'regelwerk',
    title: 'Huisstijl voor brieven',
    styles,
    sections: [
      {
        properties: PAGE,
        headers: { default: header },
        footers: { default: footer },
        children: [
          new Paragraph({ style: STYLE.normal, children: [new TextRun('Huisstijl voor brieven van regelwerk.')] }),
        ],
      },
    ],
  })
  const packed = await Packer.toBuffer(doc, false, [
    { path: 'docProps/core.xml', data: coreXml('Huisstijl voor brieven', options.datum) },
  ])
  const files = unzipSync(new Uint8Array(packed.buffer, packed.byteOffset, packed.byteLength))
  const stylesXml = strFromU8(files['word/styles.xml'] as Uint8Array)
  files['word/styles.xml'] = strToU8(stylesXml.replace('</w:styles>', `${TABLE_STYLE}</w:styles>`))
  const [y, m, d] = options.datum.split('-').map(Number) as [number, number, number]
  const mtime = new Date(y, m - 1, d, 12, 0, 0)
  const zippable: Zippable = {}
  for (const name of Object.keys(files).sort()) zippable[name] = [files[name] as Uint8Array, { mtime, level: 6 }]
  return zipSync(zippable)
}
