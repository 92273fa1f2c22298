/**
 * `publish --format docx`: the publication text as a Word document for submission to the
 * gemeenteblad. Plain official style: the house styles of `docx-style.ts` (A4, nl-NL, named
 * styles only), the opschrift as title, real headings for hoofdstukken, artikelen, toelichting and
 * bijlagen (so Word's navigation pane shows the structure), leden and onderdelen with their number
 * before a tab and a hanging indent, and no tracked changes. Same input, same bytes.
 *
 * Two stages, as in the renvooi: the publication model becomes a list of paragraphs (style and
 * runs, testable as data), and that list is written with the `docx` package.
 */
import {
  Document,
  ExternalHyperlink,
  type FileChild,
  Packer,
  Paragraph,
  type ParagraphChild,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
import type { PubBlock, Publicatie, Run } from '../model/publication.js'
import { formatDutchDate } from '../util/dates.js'
import { coreXml, fixZipTimestamps } from './docx-renvooi.js'
import { documentStyles, PAGE, STYLE, type StyleId, TEXT_WIDTH } from './docx-style.js'

/** One paragraph of the document model. A run text `\t` is the tab after a number. */
export interface PubParagraph {
  style: StyleId
  runs: Run[]
}

/** A paragraph or a table, in document order. */
export type PubDocxItem = { kind: 'paragraaf'; paragraph: PubParagraph } | { kind: 'tabel'; rows: Run[][][] }

const HEADING: Record<number, StyleId> = {
  1: STYLE.heading1,
  2: STYLE.heading2,
  3: STYLE.heading3,
  4: STYLE.heading4,
  5: STYLE.heading4,
}

const ITEM: Record<1 | 2 | 3, [StyleId, StyleId]> = {
  1: [STYLE.lid, STYLE.lidVervolg],
  2: [STYLE.onderdeel, STYLE.onderdeelVervolg],
  3: [STYLE.subonderdeel, STYLE.subonderdeelVervolg],
}

function para(style: StyleId, runs: Run[]): PubDocxItem {
  return { kind: 'paragraaf', paragraph: { style, runs } }
}

function blockItem(b: PubBlock): PubDocxItem {
  if (b.kind === 'tabel') return { kind: 'tabel', rows: b.rows }
  if (b.kind === 'kop') return para(b.rol === 'tussenkop' ? STYLE.tussenkop : (HEADING[b.level] as StyleId), b.runs)
  if (b.depth === 0) return para(STYLE.normal, b.runs)
  const [numbered, vervolg] = ITEM[b.depth]
  return b.num !== undefined ? para(numbered, [{ text: b.num }, { text: '\t' }, ...b.runs]) : para(vervolg, b.runs)
}

function blockItems(blocks: readonly PubBlock[]): PubDocxItem[] {
  return blocks.map(blockItem)
}

/** The publication as the document model: every paragraph in reading order, with its style. */
export function publicationParagraphs(p: Publicatie): PubDocxItem[] {
  const out: PubDocxItem[] = []
  if (p.voorbeeldmelding) out.push(para(STYLE.tussenkop, [{ text: p.voorbeeldmelding }]))
  out.push(para(STYLE.title, [{ text: p.opschrift }]))
  out.push(...blockItems(p.aanhef))
  if (p.besluit) out.push(para(STYLE.normal, [{ text: p.besluit, bold: true }]))
  out.push(...blockItems(p.dictum))
  out.push(...blockItems(p.ondertekening))
  out.push(...blockItems(p.toelichting))
  out.push(...blockItems(p.bijlagen))
  return out
}

function textRun(r: Run): TextRun {
  if (r.text === '\t') return new TextRun({ children: [new Tab()] })
  return new TextRun({ text: r.text, ...(r.bold ? { bold: true } : {}), ...(r.italic ? { italics: true } : {}) })
}

function docxRuns(runs: readonly Run[]): ParagraphChild[] {
  return runs.map((r) => (r.href ? new ExternalHyperlink({ link: r.href, children: [textRun(r)] }) : textRun(r)))
}

function table(rows: Run[][][]): Table {
  const columns = Math.max(1, ...rows.map((r) => r.length))
  const width = Math.floor(TEXT_WIDTH / columns)
  return new Table({
    width: { size: width * columns, type: WidthType.DXA },
    columnWidths: Array.from({ length: columns }, () => width),
    layout: TableLayoutType.FIXED,
    rows: rows.map(
      (cells, i) =>
        new TableRow({
          tableHeader: i === 0,
          cantSplit: true,
          children: Array.from(
            { length: columns },
            (_, j) =>
              new TableCell({
                width: { size: width, type: WidthType.DXA },
                children: [
                  new Paragraph({
                    style: i === 0 ? STYLE.tabelkop : STYLE.tabeltekst,
                    children: docxRuns(cells[j] ?? []),
                  }),
                ],
              }),
          ),
        }),
    ),
  })
}

/**
 * The date stamped in the file: the day of signing, else the inwerkingtreding, never the clock,
 * so the same publication gives the same bytes.
 */
function documentDate(p: Publicatie): Date {
  const d = p.metadata.datumOndertekening ?? p.metadata.inwerkingtreding ?? '2000-01-01'
  return new Date(`${d}T00:00:00Z`)
}

/** Write the publication as a .docx file. */
export async function renderPublicationDocx(p: Publicatie): Promise<Uint8Array> {
  const date = documentDate(p)
  const iso = date.toISOString().replace(/\.\d{3}Z$/, 'Z')
  const m = p.metadata
  const description = [
    m.organisatie,
    m.soortBesluit,
    m.datumOndertekening ? `vastgesteld ${formatDutchDate(m.datumOndertekening)}` : undefined,
  ]
    .filter(Boolean)
    .join(', ')
  const children: FileChild[] = publicationParagraphs(p).map((item) =>
    item.kind === 'tabel'
      ? table(item.rows)
      : new Paragraph({ style: item.paragraph.style, children: docxRuns(item.paragraph.runs) }),
  )
  const doc = new Document({
    creator: 'regelwerk',
    lastModifiedBy: 'regelwerk',
    title: p.opschrift,
    description,
    styles: documentStyles(),
    sections: [{ properties: PAGE, children }],
  })
  const zip = await Packer.toBuffer(doc, false, [
    { path: 'docProps/core.xml', data: coreXml(p.opschrift, description, 'regelwerk', iso) },
  ])
  return fixZipTimestamps(new Uint8Array(zip.buffer, zip.byteOffset, zip.byteLength), date)
}
