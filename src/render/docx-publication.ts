/**
 * `publish --format docx`: the publication text as a Word document for submission to the
 * gemeenteblad. Plain official style: the house styles of `docx-style.ts` (A4, nl-NL, named
 * styles only), the opschrift as title, real headings for hoofdstukken, artikelen, toelichting and
 * bijlagen (so Word's navigation pane shows the structure), leden and onderdelen with their number
 * before a tab and a hanging indent, tables as Word tables, the ondertekening kept on one page with
 * the signatories side by side in a borderless table, the citeertitel in the header and `pagina X
 * van Y` (PAGE and NUMPAGES fields) in the footer, and no tracked changes. Same input, same bytes.
 * The `drop` variant is the same text with the style names of the Word document for KOOP's DROP
 * (docs/publicatie.md says which conventions they follow and why).
 *
 * Two stages, as in the renvooi: the publication model becomes a list of paragraphs (style and
 * runs, testable as data), and that list is written with the `docx` package.
 */
import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  type FileChild,
  Footer,
  Header,
  type IParagraphStyleOptions,
  Packer,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  Tab,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
import type { PubBlock, Publicatie, Run } from '../model/publication.js'
import { formatDutchDate } from '../util/dates.js'
import { coreXml, fixZipTimestamps } from './docx-renvooi.js'
import { documentStyles, PAGE, STYLE, TEXT_WIDTH } from './docx-style.js'

/**
 * Which document: `publicatie`, the gemeenteblad text in regelwerk's house style; `drop`, the same
 * text for upload to KOOP's DROP, with the style names of the Word import (docs/publicatie.md).
 */
export type PublicatieVariant = 'publicatie' | 'drop'

/** The style ids of the DROP document that the house style does not have (names Word shows in brackets). */
export const DROP_STYLE = {
  /** Aanhef and the decision formula (`besluit:`). */
  aanhef: 'Aanhef',
  /** An artikel heading: bold, no heading level (the Word import reads hoofdstuk and paragraaf from Kop 1 and Kop 2). */
  artikelkop: 'Artikelkop',
  ondertekening: 'Ondertekening',
  toelichting: 'Toelichting',
} as const

type PubStyleId = string

/** One paragraph of the document model. A run text `\t` is the tab after a number. */
export interface PubParagraph {
  style: PubStyleId
  runs: Run[]
  /** Keep with the next paragraph (the ondertekening is never split over two pages). */
  keepNext?: boolean
}

/** A paragraph, a table or the signatories side by side, in document order. */
export type PubDocxItem =
  | { kind: 'paragraaf'; paragraph: PubParagraph }
  | { kind: 'tabel'; rows: Run[][][]; align?: Array<'left' | 'right' | 'center' | null> | undefined }
  | { kind: 'ondertekenaars'; ondertekenaars: Array<{ functie: string; naam: string }>; style: PubStyleId }

type Part = 'aanhef' | 'dictum' | 'ondertekening' | 'toelichting' | 'bijlagen'

/** Heading style per level and role, per variant. */
function headingStyle(variant: PublicatieVariant, b: Extract<PubBlock, { kind: 'kop' }>): PubStyleId {
  if (b.rol === 'tussenkop') return STYLE.tussenkop
  if (variant === 'drop') {
    if (b.rol === 'artikel' || b.rol === 'artikeltoelichting') return DROP_STYLE.artikelkop
    if (b.rol === 'afdeling' || b.rol === 'paragraaf') return STYLE.heading2
    return STYLE.heading1
  }
  return HEADING[b.level] as PubStyleId
}

const HEADING: Record<number, PubStyleId> = {
  1: STYLE.heading1,
  2: STYLE.heading2,
  3: STYLE.heading3,
  4: STYLE.heading4,
  5: STYLE.heading4,
}

const ITEM: Record<1 | 2 | 3, [PubStyleId, PubStyleId]> = {
  1: [STYLE.lid, STYLE.lidVervolg],
  2: [STYLE.onderdeel, STYLE.onderdeelVervolg],
  3: [STYLE.subonderdeel, STYLE.subonderdeelVervolg],
}

function para(style: PubStyleId, runs: Run[]): PubDocxItem {
  return { kind: 'paragraaf', paragraph: { style, runs } }
}

/** The style of running text in a part. */
function textStyle(variant: PublicatieVariant, part: Part): PubStyleId {
  if (variant === 'drop') {
    if (part === 'aanhef') return DROP_STYLE.aanhef
    if (part === 'ondertekening') return DROP_STYLE.ondertekening
    if (part === 'toelichting') return DROP_STYLE.toelichting
  }
  return STYLE.normal
}

function blockItem(b: PubBlock, variant: PublicatieVariant, part: Part): PubDocxItem {
  if (b.kind === 'tabel') return { kind: 'tabel', rows: b.rows, align: b.align }
  if (b.kind === 'ondertekenaars')
    return { kind: 'ondertekenaars', ondertekenaars: b.ondertekenaars, style: textStyle(variant, 'ondertekening') }
  if (b.kind === 'kop') return para(headingStyle(variant, b), b.runs)
  if (b.depth === 0) return para(textStyle(variant, part), b.runs)
  const [numbered, vervolg] = ITEM[b.depth]
  return b.num !== undefined ? para(numbered, [{ text: b.num }, { text: '\t' }, ...b.runs]) : para(vervolg, b.runs)
}

function blockItems(blocks: readonly PubBlock[], variant: PublicatieVariant, part: Part): PubDocxItem[] {
  return blocks.map((b) => blockItem(b, variant, part))
}

/** The publication as the document model: every paragraph in reading order, with its style. */
export function publicationParagraphs(p: Publicatie, variant: PublicatieVariant = 'publicatie'): PubDocxItem[] {
  const out: PubDocxItem[] = []
  if (p.voorbeeldmelding) out.push(para(STYLE.tussenkop, [{ text: p.voorbeeldmelding }]))
  out.push(para(STYLE.title, [{ text: p.opschrift }]))
  out.push(...blockItems(p.aanhef, variant, 'aanhef'))
  if (p.besluit) out.push(para(textStyle(variant, 'aanhef'), [{ text: p.besluit, bold: true }]))
  out.push(...blockItems(p.dictum, variant, 'dictum'))
  // The ondertekening stays together: every paragraph but the last keeps with the next.
  const ondertekening = blockItems(p.ondertekening, variant, 'ondertekening')
  ondertekening.forEach((item, i) => {
    if (item.kind === 'paragraaf' && i < ondertekening.length - 1) item.paragraph.keepNext = true
  })
  out.push(...ondertekening)
  out.push(...blockItems(p.toelichting, variant, 'toelichting'))
  out.push(...blockItems(p.bijlagen, variant, 'bijlagen'))
  // A paragraph just above a table (its caption) stays on the page where the table starts.
  out.forEach((item, i) => {
    if (item.kind === 'paragraaf' && out[i + 1]?.kind === 'tabel') item.paragraph.keepNext = true
  })
  return out
}

function textRun(r: Run): TextRun {
  if (r.text === '\t') return new TextRun({ children: [new Tab()] })
  return new TextRun({ text: r.text, ...(r.bold ? { bold: true } : {}), ...(r.italic ? { italics: true } : {}) })
}

function docxRuns(runs: readonly Run[]): ParagraphChild[] {
  return runs.map((r) => (r.href ? new ExternalHyperlink({ link: r.href, children: [textRun(r)] }) : textRun(r)))
}

function table(rows: Run[][][], align: ReadonlyArray<'left' | 'right' | 'center' | null> = []): Table {
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
                    ...(align[j] === 'right'
                      ? { alignment: AlignmentType.RIGHT }
                      : align[j] === 'center'
                        ? { alignment: AlignmentType.CENTER }
                        : {}),
                    children: docxRuns(cells[j] ?? []),
                  }),
                ],
              }),
          ),
        }),
    ),
  })
}

/** Signatories per row of the borderless table: three fit side by side on A4. */
const SIGNERS_PER_ROW = 3

/**
 * The signatories side by side, as Dutch besluiten print them: a borderless table, one column per
 * signatory, function above name with room for the signature. Rows never split, and every row but
 * the last keeps with the next, so the block stays on one page.
 */
function signersTable(ondertekenaars: ReadonlyArray<{ functie: string; naam: string }>, style: PubStyleId): Table {
  const columns = Math.min(SIGNERS_PER_ROW, Math.max(1, ondertekenaars.length))
  const width = Math.floor(TEXT_WIDTH / columns)
  const rows: Array<Array<{ functie: string; naam: string }>> = []
  for (let i = 0; i < ondertekenaars.length; i += columns) rows.push(ondertekenaars.slice(i, i + columns))
  return new Table({
    width: { size: width * columns, type: WidthType.DXA },
    columnWidths: Array.from({ length: columns }, () => width),
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: rows.map(
      (signers, r) =>
        new TableRow({
          cantSplit: true,
          children: Array.from({ length: columns }, (_, j) => {
            const s = signers[j]
            const keepNext = r < rows.length - 1
            return new TableCell({
              width: { size: width, type: WidthType.DXA },
              // No inner margin on the left: the names line up with the text above.
              margins: { left: 0, right: 120 },
              children: s
                ? [
                    new Paragraph({ style, keepNext: true, keepLines: true, children: [new TextRun(s.functie)] }),
                    // Room for the signature.
                    new Paragraph({ style, keepNext: true, children: [] }),
                    new Paragraph({ style, keepNext: true, children: [] }),
                    new Paragraph({ style, keepNext, children: [new TextRun({ text: s.naam, bold: true })] }),
                  ]
                : [new Paragraph({ style, keepNext, children: [] })],
            })
          }),
        }),
    ),
  })
}

/** The styles of the DROP document, added to the house styles. */
function dropStyles(): IParagraphStyleOptions[] {
  const base = { basedOn: STYLE.normal, quickFormat: true }
  return [
    { ...base, id: DROP_STYLE.aanhef, name: 'Aanhef', next: DROP_STYLE.aanhef },
    {
      ...base,
      id: DROP_STYLE.artikelkop,
      name: 'Artikelkop',
      next: STYLE.normal,
      run: { bold: true },
      paragraph: { keepNext: true, keepLines: true, spacing: { before: 240, after: 120 } },
    },
    {
      ...base,
      id: DROP_STYLE.ondertekening,
      name: 'Ondertekening',
      next: DROP_STYLE.ondertekening,
      paragraph: { keepLines: true },
    },
    { ...base, id: DROP_STYLE.toelichting, name: 'Toelichting', next: DROP_STYLE.toelichting },
  ]
}

/** The header line: the citeertitel, or for a wijzigingsbesluit what it changes. */
function headerText(p: Publicatie): string {
  const titel = p.metadata.citeertitel ?? p.opschrift
  return p.soort === 'wijziging' ? `Wijzigingsbesluit ${titel}` : titel
}

/** The header (the citeertitel) and the footer (`pagina X van Y`, fields Word and LibreOffice fill). */
function headerFooter(p: Publicatie): { headers: { default: Header }; footers: { default: Footer } } {
  const small = { size: 16, color: '555555' }
  return {
    headers: {
      default: new Header({
        children: [
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            children: [new TextRun({ text: headerText(p), ...small })],
          }),
        ],
      }),
    },
    footers: {
      default: new Footer({
        children: [
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            children: [
              new TextRun({ children: ['pagina ', PageNumber.CURRENT, ' van ', PageNumber.TOTAL_PAGES], ...small }),
            ],
          }),
        ],
      }),
    },
  }
}

/**
 * The date stamped in the file: the day of signing, else the inwerkingtreding, never the clock,
 * so the same publication gives the same bytes.
 */
function documentDate(p: Publicatie): Date {
  const d = p.metadata.datumOndertekening ?? p.metadata.inwerkingtreding ?? '2000-01-01'
  return new Date(`${d}T00:00:00Z`)
}

/** Write the publication as a .docx file (`drop`: the document for upload to DROP). */
export async function renderPublicationDocx(
  p: Publicatie,
  variant: PublicatieVariant = 'publicatie',
): Promise<Uint8Array> {
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
  const children: FileChild[] = publicationParagraphs(p, variant).map((item) => {
    if (item.kind === 'tabel') return table(item.rows, item.align)
    if (item.kind === 'ondertekenaars') return signersTable(item.ondertekenaars, item.style)
    const { style, runs, keepNext } = item.paragraph
    return new Paragraph({ style, children: docxRuns(runs), ...(keepNext ? { keepNext: true, keepLines: true } : {}) })
  })
  const house = documentStyles()
  const styles =
    variant === 'drop' ? { ...house, paragraphStyles: [...(house.paragraphStyles ?? []), ...dropStyles()] } : house
  const doc = new Document({
    creator: 'regelwerk',
    lastModifiedBy: 'regelwerk',
    title: p.opschrift,
    description,
    styles,
    sections: [{ properties: PAGE, ...headerFooter(p), children }],
  })
  const zip = await Packer.toBuffer(doc, false, [
    { path: 'docProps/core.xml', data: coreXml(p.opschrift, description, 'regelwerk', iso) },
  ])
  return fixZipTimestamps(new Uint8Array(zip.buffer, zip.byteOffset, zip.byteLength), date)
}
