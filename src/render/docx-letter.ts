/**
 * Letters as Word files, fast. Everything but the body is the same for every letter of a batch:
 * styles, numbering, header, footer, content types and relationships come from the house style
 * (`huisstijl.docx`, a normal Word file a user may replace). They are read and compressed once;
 * per letter only `word/document.xml` (and the small `docProps/core.xml`) is written and deflated.
 * Zip entries carry the letter date, so the same input gives the same bytes.
 */
import { crc32, deflateRawSync } from 'node:zlib'
import { strFromU8, strToU8, unzipSync, Zip, type ZipInputFile } from 'fflate'
import type { Letter, LetterBlock, LetterParagraphStyle, Run } from '../assemble/letter.js'
import { LANGUAGE } from './docx-style.js'

/** A compressed zip entry, ready to be copied into every letter. */
interface Entry {
  name: string
  size: number
  crc: number
  data: Uint8Array
}

/** The logical styles a letter uses, with the style names looked for in the house style (first found wins). */
const STYLE_NAMES: Record<
  LetterParagraphStyle | 'heading1' | 'heading2' | 'heading3' | 'tabelkop' | 'tabeltekst',
  string[]
> = {
  normaal: ['Normal'],
  heading1: ['heading 1'],
  heading2: ['heading 2'],
  heading3: ['heading 3'],
  citaat: ['Citaat', 'Quote', 'Normal'],
  citaatkop: ['Citaatkop', 'Normal'],
  opsomming: ['Opsomming', 'List Bullet', 'List Paragraph', 'Normal'],
  rechtsmiddel: ['Rechtsmiddel', 'Normal'],
  tabelkop: ['Tabelkop', 'Normal'],
  tabeltekst: ['Tabeltekst', 'Normal'],
}

export type LogicalStyle = keyof typeof STYLE_NAMES

/** A house style, read once per batch. */
export interface HouseStyle {
  /** Style id per logical style (Dutch Word names Heading 1 `Kop1`: looked up by name). */
  styleIds: Record<LogicalStyle, string | undefined>
  /** The id of the table style `Gegevenstabel` or `Table Grid`, if present. */
  tableStyleId: string | undefined
  /** `<w:document …>` as in the house style (namespaces). */
  documentOpen: string
  /** The final section properties (page size, margins, header and footer references). */
  sectPr: string
  /** Text width in twips (page width minus margins), for table columns. */
  textWidth: number
  /** Entries copied as they are. */
  entries: Entry[]
  /** The same entries for `--one-file` (footer counts section pages). */
  entriesOneFile: Entry[]
}

function compress(name: string, data: Uint8Array): Entry {
  return { name, size: data.length, crc: crc32(data) >>> 0, data: deflateRawSync(data, { level: 6 }) }
}

const attr = (xml: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(xml)?.[1]

/** Read a house style `.docx`. Throws a Dutch message when it is not a usable Word file. */
export function loadHouseStyle(bytes: Uint8Array): HouseStyle {
  let files: Record<string, Uint8Array>
  try {
    files = unzipSync(bytes)
  } catch {
    throw new HouseStyleError('is geen Word-bestand (.docx): het is geen zip-bestand')
  }
  const doc = files['word/document.xml']
  if (!doc) throw new HouseStyleError('is geen Word-document: `word/document.xml` ontbreekt')
  const docXml = strFromU8(doc)
  const open = /<w:document\b[^>]*>/.exec(docXml)?.[0]
  const sect = /<w:sectPr\b[\s\S]*<\/w:sectPr>\s*<\/w:body>/
    .exec(docXml)?.[0]
    ?.replace(/<\/w:body>$/, '')
    .trim()
  if (!open || !sect) throw new HouseStyleError('heeft geen documentinstellingen (`w:sectPr`) om over te nemen')
  const pgW = Number(attr(/<w:pgSz\b[^>]*>/.exec(sect)?.[0] ?? '', 'w:w') ?? 11906)
  const mar = /<w:pgMar\b[^>]*>/.exec(sect)?.[0] ?? ''
  const textWidth = pgW - Number(attr(mar, 'w:left') ?? 1418) - Number(attr(mar, 'w:right') ?? 1418)

  const stylesXml = files['word/styles.xml'] ? strFromU8(files['word/styles.xml']) : ''
  const byName = new Map<string, { id: string; type: string }>()
  for (const m of stylesXml.matchAll(/<w:style\b([^>]*)>([\s\S]*?)<\/w:style>/g)) {
    const id = attr(m[1] as string, 'w:styleId')
    const type = attr(m[1] as string, 'w:type') ?? 'paragraph'
    const name = attr(/<w:name\b[^>]*>/.exec(m[2] as string)?.[0] ?? '', 'w:val')
    if (id && name) byName.set(`${type}:${name.toLowerCase()}`, { id, type })
  }
  const styleIds = {} as Record<LogicalStyle, string | undefined>
  for (const [logical, names] of Object.entries(STYLE_NAMES) as Array<[LogicalStyle, string[]]>) {
    styleIds[logical] = names.map((n) => byName.get(`paragraph:${n.toLowerCase()}`)?.id).find(Boolean)
  }
  const tableStyleId = ['gegevenstabel', 'table grid'].map((n) => byName.get(`table:${n}`)?.id).find(Boolean)

  const entries: Entry[] = []
  const entriesOneFile: Entry[] = []
  for (const [name, data] of Object.entries(files).sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))) {
    if (name === 'word/document.xml' || name === 'docProps/core.xml' || name.endsWith('/')) continue
    const e = compress(name, data)
    entries.push(e)
    if (/^word\/footer\d*\.xml$|^word\/header\d*\.xml$/.test(name)) {
      const xml = strFromU8(data)
      entriesOneFile.push(
        xml.includes('NUMPAGES') ? compress(name, strToU8(xml.replace(/\bNUMPAGES\b/g, 'SECTIONPAGES'))) : e,
      )
    } else entriesOneFile.push(e)
  }
  return {
    styleIds,
    tableStyleId,
    documentOpen: open,
    sectPr: sect,
    textWidth: textWidth > 1000 ? textWidth : 9026,
    entries,
    entriesOneFile,
  }
}

/** `[Content_Types].xml` first, as Word writes it. */
function order(name: string): number {
  return name === '[Content_Types].xml' ? 0 : name.startsWith('_rels/') ? 1 : 2
}

/** A house style that cannot be used; the message completes "De huisstijl `x.docx` …". */
export class HouseStyleError extends Error {}

// XML 1.0 forbids most control characters; a CSV may contain them. Lone surrogates too.
const INVALID_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML forbids
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** Escape text for XML and drop characters XML cannot hold. */
export function xmlText(s: string): string {
  return s
    .replace(INVALID_XML, '')
    .replace(/[<>&"]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : '&quot;'))
}

function runXml(r: Run): string {
  const props = `${r.bold ? '<w:b/>' : ''}${r.italic ? '<w:i/>' : ''}`
  const rPr = props ? `<w:rPr>${props}</w:rPr>` : ''
  // New lines and tabs inside a value (a CSV cell) become Word line breaks and tabs.
  const parts = r.text.split(/(\r\n|\n|\r|\t)/)
  let inner = ''
  for (const p of parts) {
    if (p === '\t') inner += '<w:tab/>'
    else if (p === '\n' || p === '\r\n' || p === '\r') inner += '<w:br/>'
    else if (p !== '') inner += `<w:t xml:space="preserve">${xmlText(p)}</w:t>`
  }
  return `<w:r>${rPr}${inner}</w:r>`
}

function paragraphXml(styleId: string | undefined, lines: Run[][], extraPPr = ''): string {
  const pPr = styleId || extraPPr ? `<w:pPr>${styleId ? `<w:pStyle w:val="${styleId}"/>` : ''}${extraPPr}</w:pPr>` : ''
  const body = lines.map((l) => l.map(runXml).join('')).join('<w:r><w:br/></w:r>')
  return `<w:p>${pPr}${body}</w:p>`
}

function tableXml(block: Extract<LetterBlock, { type: 'table' }>, style: HouseStyle): string {
  const cols = Math.max(...block.rows.map((r) => r.length))
  // A two-column table is a label/value table: a narrower first column.
  const widths =
    cols === 2
      ? [Math.round(style.textWidth * 0.4), style.textWidth - Math.round(style.textWidth * 0.4)]
      : Array.from(
          { length: cols },
          (_, i) => Math.floor(style.textWidth / cols) + (i === 0 ? style.textWidth % cols : 0),
        )
  const tblStyle = style.tableStyleId ? `<w:tblStyle w:val="${style.tableStyleId}"/>` : ''
  const borders = style.tableStyleId
    ? ''
    : '<w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders>'
  let xml = `<w:tbl><w:tblPr>${tblStyle}<w:tblW w:w="${style.textWidth}" w:type="dxa"/>${borders}<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="${block.header ? 1 : 0}" w:lastRow="0" w:firstColumn="${block.header ? 0 : 1}" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>`
  for (const w of widths) xml += `<w:gridCol w:w="${w}"/>`
  xml += '</w:tblGrid>'
  block.rows.forEach((row, i) => {
    const isHeader = block.header && i === 0
    xml += `<w:tr><w:trPr><w:cantSplit/>${isHeader ? '<w:tblHeader/>' : ''}</w:trPr>`
    for (let c = 0; c < cols; c++) {
      const cell = row[c] ?? []
      const styleId = isHeader ? style.styleIds.tabelkop : style.styleIds.tabeltekst
      // Keep a short table together with what follows on the page (no lone rows).
      const keep = i < block.rows.length - 1 ? '<w:keepNext/>' : ''
      xml += `<w:tc><w:tcPr><w:tcW w:w="${widths[c]}" w:type="dxa"/></w:tcPr>${paragraphXml(styleId, [cell], keep)}</w:tc>`
    }
    xml += '</w:tr>'
  })
  return `${xml}</w:tbl>`
}

/** The body XML of one letter (without `<w:body>` and section properties). */
export function letterBodyXml(letter: Letter, style: HouseStyle): string {
  let xml = ''
  let last: LetterBlock['type'] | undefined
  for (const b of letter.blocks) {
    switch (b.type) {
      case 'heading':
        xml += paragraphXml(
          style.styleIds[`heading${b.level}`] ?? style.styleIds.normaal,
          [b.runs],
          style.styleIds[`heading${b.level}`] ? '' : '<w:keepNext/>',
        )
        break
      case 'paragraph':
        xml += paragraphXml(style.styleIds[b.style], b.lines)
        break
      case 'table':
        xml += tableXml(b, style)
        break
      case 'pagina-einde':
        xml += '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
        break
    }
    last = b.type
  }
  // Word wants a paragraph after a table at the end of the body.
  if (last === 'table' || last === undefined) xml += '<w:p/>'
  return xml
}

/** `word/document.xml` of one letter. */
export function letterDocumentXml(letter: Letter, style: HouseStyle): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${style.documentOpen}<w:body>${letterBodyXml(letter, style)}${style.sectPr}</w:body></w:document>`
}

/** Section properties that restart page numbering at 1 (for `--one-file`). */
function restartNumbering(sectPr: string): string {
  const without = sectPr.replace(/<w:pgNumType\b[^>]*\/>/g, '')
  // pgNumType comes after pgMar/pgSz and before cols etc.; LibreOffice and Word accept it after pgMar.
  return /<w:pgMar\b[^>]*\/>/.test(without)
    ? without.replace(/(<w:pgMar\b[^>]*\/>)/, '$1<w:pgNumType w:start="1"/>')
    : without.replace(/<\/w:sectPr>$/, '<w:pgNumType w:start="1"/></w:sectPr>')
}

/** `word/document.xml` of a batch in one file: each letter a section, page numbers restart. */
export function oneFileDocumentXml(letters: readonly Letter[], style: HouseStyle): string {
  const sect = restartNumbering(style.sectPr)
  const parts = letters.map((l, i) => {
    const body = letterBodyXml(l, style)
    return i < letters.length - 1 ? `${body}<w:p><w:pPr>${sect}</w:pPr></w:p>` : body
  })
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${style.documentOpen}<w:body>${parts.join('')}${sect}</w:body></w:document>`
}

/** `docProps/core.xml`: title and dates from the letter, never from the clock. */
export function coreXml(title: string, isoDate: string): string {
  const stamp = `${isoDate}T12:00:00Z`
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${xmlText(title)}</dc:title><dc:creator>regelwerk</dc:creator><cp:lastModifiedBy>regelwerk</cp:lastModifiedBy>` +
    `<dc:language>${LANGUAGE}</dc:language><cp:revision>1</cp:revision>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified>` +
    '</cp:coreProperties>'
  )
}

/** Zip a document: the house style's entries plus this document's `document.xml` and `core.xml`. */
export function packDocx(
  style: HouseStyle,
  documentXml: string,
  title: string,
  isoDate: string,
  oneFile = false,
): Uint8Array {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number]
  // A local-time date with these fields: zip stores local time, so every time zone writes the same bytes.
  const mtime = new Date(y, m - 1, d, 12, 0, 0)
  const chunks: Uint8Array<ArrayBufferLike>[] = []
  let total = 0
  const zip = new Zip((err, chunk) => {
    if (err) throw err
    chunks.push(chunk)
    total += chunk.length
  })
  const add = (e: Entry) => {
    const file: ZipInputFile = { filename: e.name, size: e.size, crc: e.crc, compression: 8, mtime }
    zip.add(file)
    file.ondata?.(null, e.data as Uint8Array<ArrayBuffer>, true)
  }
  const statics = oneFile ? style.entriesOneFile : style.entries
  // `[Content_Types].xml` and the relationships first, then the document, then the rest.
  const head = statics.filter((e) => order(e.name) < 2)
  const rest = statics.filter((e) => order(e.name) >= 2)
  for (const e of head) add(e)
  add(compress('word/document.xml', strToU8(documentXml)))
  add(compress('docProps/core.xml', strToU8(coreXml(title, isoDate))))
  for (const e of rest) add(e)
  zip.end()
  const out = new Uint8Array(total)
  let at = 0
  for (const c of chunks) {
    out.set(c as Uint8Array, at)
    at += c.length
  }
  return out
}

/** One letter as a `.docx`. */
export function renderLetterDocx(letter: Letter, style: HouseStyle): Uint8Array {
  return packDocx(style, letterDocumentXml(letter, style), letter.titel, letter.datum)
}

/** A batch as one `.docx` for printing; dated with the latest letter date. */
export function renderOneFileDocx(letters: readonly Letter[], style: HouseStyle, title: string): Uint8Array {
  const date =
    letters
      .map((l) => l.datum)
      .sort()
      .at(-1) ?? '2000-01-01'
  return packDocx(style, oneFileDocumentXml(letters, style), title, date, true)
}
