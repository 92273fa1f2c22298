/**
 * Letters as Word files, fast. Everything but the body is the same for every letter of a batch:
 * styles, numbering, header, footer, content types and relationships come from the house style
 * (`huisstijl.docx`, a normal Word file a user may replace). They are read and compressed once,
 * and laid out as zip entries once per letter date; per letter only `word/document.xml` is made
 * (stored, see `DOCUMENT_LEVEL`).
 * Zip entries carry the letter date, so the same input gives the same bytes.
 */
import { crc32, deflateRawSync } from 'node:zlib'
import { strFromU8, strToU8 } from 'fflate'
import type { Letter, LetterBlock, LetterParagraphStyle, Run } from '../model/letter.js'
import { addMissingStyles } from './docx-letter-styles.js'
import { LANGUAGE } from './docx-style.js'
import {
  attrOf,
  documentOpenTag,
  finalSectPr,
  firstTag,
  HouseStyleError,
  readHouseStyleZip,
  styleList,
} from './house-style-zip.js'

export { HouseStyleError } from './house-style-zip.js'

/** A compressed zip entry, ready to be copied into every letter. */
interface Entry {
  name: string
  size: number
  crc: number
  /** 8: deflated, 0: stored. */
  method: 0 | 8
  data: Uint8Array
}

/**
 * Deflate level of the per-letter `word/document.xml`; 0 stores it uncompressed. Measured on the
 * statusbrief (11.7 kB of XML, 10,000 letters on a 2-core machine): deflating took 50–90 µs per
 * letter at level 1 and 90–130 µs at level 6, a quarter to a third of all the time a letter costs;
 * stored, a batch ran about 30% faster. The price is size: a letter is about 20 kB instead of
 * 11 kB (100,000 letters: 2.0 GB instead of 1.1 GB). The static parts are deflated once per batch
 * (level 6) and `--one-file` deflates its one document (level 6).
 */
export const DOCUMENT_LEVEL = 0

/** The logical styles a letter uses, with the style names looked for in the house style (first found wins). */
const STYLE_NAMES: Record<
  LetterParagraphStyle | 'heading1' | 'heading2' | 'heading3' | 'tabelkop' | 'tabeltekst',
  string[]
> = {
  normaal: ['Normal'],
  heading1: ['heading 1'],
  heading2: ['heading 2'],
  heading3: ['heading 3'],
  citaat: ['Citaat', 'Quote'],
  citaatkop: ['Citaatkop'],
  opsomming: ['Opsomming', 'List Bullet', 'List Paragraph'],
  rechtsmiddel: ['Rechtsmiddel'],
  tabelkop: ['Tabelkop'],
  tabeltekst: ['Tabeltekst'],
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
  /** What `--one-file` changes: per letter a copy of each header and footer that counts pages. */
  oneFile: OneFileParts
  /** Styles the house style lacked, added from regelwerk's own (names as Word shows them). */
  addedStyles: string[]
  /** The body font (`w:docDefaults`), for warnings about characters it cannot show. */
  font?: string
  /** Zip parts per letter date, built once per batch (see `zipParts`). */
  zipCache: Map<string, ZipParts>
  /** Zip entries left out: their names are not docx parts (`../../x`, absolute paths, unknown folders). */
  dropped: string[]
}

function compress(name: string, data: Uint8Array, level = 6): Entry {
  const crc = crc32(data) >>> 0
  if (level === 0) return { name, size: data.length, crc, method: 0, data }
  return { name, size: data.length, crc, method: 8, data: deflateRawSync(data, { level }) }
}

/** Read a house style `.docx`. Throws a Dutch message when it is not a usable Word file. */
export function loadHouseStyle(bytes: Uint8Array, maxUnpacked?: number): HouseStyle {
  const { files, dropped } = readHouseStyleZip(bytes, maxUnpacked)
  const doc = files['word/document.xml']
  if (!doc) throw new HouseStyleError('is geen Word-document: `word/document.xml` ontbreekt')
  const docXml = strFromU8(doc)
  // Linear scans (house-style-zip.ts): a regular expression here took minutes on 200k `<w:sectPr>`.
  const open = documentOpenTag(docXml)
  const sect = finalSectPr(docXml)
  if (!open || !sect) throw new HouseStyleError('heeft geen documentinstellingen (`w:sectPr`) om over te nemen')
  const pgW = Number(attrOf(firstTag(sect, 'w:pgSz') ?? '', 'w:w') ?? 11906)
  const mar = firstTag(sect, 'w:pgMar') ?? ''
  const textWidth = pgW - Number(attrOf(mar, 'w:left') ?? 1418) - Number(attrOf(mar, 'w:right') ?? 1418)

  const stylesXml = files['word/styles.xml'] ? strFromU8(files['word/styles.xml']) : ''
  const found = new Map<string, { id: string; type: string }>()
  for (const { id, type, name } of styleList(stylesXml))
    if (id && name) found.set(`${type}:${name.toLowerCase()}`, { id, type })
  // Styles the letters use and the house style lacks come from regelwerk's own (with a warning).
  const completed = addMissingStyles(stylesXml, found)
  if (completed.added.length > 0) files['word/styles.xml'] = strToU8(completed.xml)
  const byName = completed.byName
  // Linear: the first `w:docDefaults` up to its own end, found with indexOf.
  const defaultsStart = stylesXml.indexOf('<w:docDefaults')
  const defaultsEnd = defaultsStart < 0 ? -1 : stylesXml.indexOf('</w:docDefaults>', defaultsStart)
  const defaults = defaultsEnd < 0 ? '' : stylesXml.slice(defaultsStart, defaultsEnd)
  const font = attrOf(firstTag(defaults, 'w:rFonts') ?? '', 'w:ascii')
  const styleIds = {} as Record<LogicalStyle, string | undefined>
  for (const [logical, names] of Object.entries(STYLE_NAMES) as Array<[LogicalStyle, string[]]>) {
    styleIds[logical] = names.map((n) => byName.get(`paragraph:${n.toLowerCase()}`)?.id).find(Boolean)
  }
  const tableStyleId = ['gegevenstabel', 'table grid'].map((n) => byName.get(`table:${n}`)?.id).find(Boolean)

  const entries: Entry[] = []
  for (const [name, data] of Object.entries(files).sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))) {
    if (name === 'word/document.xml' || name === 'docProps/core.xml' || name.endsWith('/')) continue
    entries.push(compress(name, data))
  }
  return {
    styleIds,
    tableStyleId,
    documentOpen: open,
    sectPr: sect,
    textWidth: textWidth > 1000 ? textWidth : 9026,
    entries,
    oneFile: oneFileParts(files),
    addedStyles: completed.added,
    ...(font ? { font } : {}),
    zipCache: new Map(),
    dropped,
  }
}

/** A header or footer that counts pages (`NUMPAGES`): `--one-file` gives each letter its own copy. */
interface CountingPart {
  /** The relationship id the section properties use. */
  rId: string
  /** The part's name without `word/` (`footer1.xml`). */
  target: string
  kind: 'header' | 'footer'
  xml: string
  /** Its own relationships (an image in the letterhead), if any. */
  rels?: Uint8Array
}

interface OneFileParts {
  contentTypes: string
  documentRels: string
  /** `word/settings.xml`, to which `--one-file` adds `w:updateFields` (Word fills PAGEREF on opening). */
  settings: string
  counting: CountingPart[]
}

/** Elements that come after `w:updateFields` in `w:settings` (schema order). */
const AFTER_UPDATE_FIELDS =
  /<w:(?:hdrShapeDefaults|footnotePr|endnotePr|compat|docVars|rsids|attachedSchema|themeFontLang|clrSchemeMapping|doNotIncludeSubdocsInStats|doNotAutoCompressPictures|forceUpgrade|captions|readModeInkLockDown|smartTagType|schemaLibrary|shapeDefaults|doNotEmbedSmartTags|decimalSymbol|listSeparator)\b|<m:mathPr\b|<sl:schemaLibrary\b|<\/w:settings>/

/** Settings that ask Word to update fields when the document opens (it then fills each letter's page count). */
function withUpdateFields(settings: string): string {
  if (!settings || settings.includes('<w:updateFields')) return settings
  const at = AFTER_UPDATE_FIELDS.exec(settings)?.index
  return at === undefined ? settings : `${settings.slice(0, at)}<w:updateFields w:val="true"/>${settings.slice(at)}`
}

function oneFileParts(files: Record<string, Uint8Array>): OneFileParts {
  const rels = files['word/_rels/document.xml.rels'] ? strFromU8(files['word/_rels/document.xml.rels']) : ''
  const counting: CountingPart[] = []
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const rId = attrOf(m[0], 'Id')
    const target = attrOf(m[0], 'Target')?.replace(/^\/?word\//, '')
    const kind = /\/(header|footer)"/.exec(m[0])?.[1] as CountingPart['kind'] | undefined
    if (!rId || !target || !kind) continue
    const data = files[`word/${target}`]
    if (!data) continue
    const xml = strFromU8(data)
    if (!/\bNUMPAGES\b/.test(xml)) continue
    const own = files[`word/_rels/${target}.rels`]
    counting.push({ rId, target, kind, xml, ...(own ? { rels: own } : {}) })
  }
  const types = files['[Content_Types].xml'] ? strFromU8(files['[Content_Types].xml']) : ''
  const settings = files['word/settings.xml'] ? strFromU8(files['word/settings.xml']) : ''
  return { contentTypes: types, documentRels: rels, settings, counting }
}

/** `[Content_Types].xml` first, as Word writes it. */
function order(name: string): number {
  return name === '[Content_Types].xml' ? 0 : name.startsWith('_rels/') ? 1 : 2
}

// XML 1.0 forbids most control characters; a CSV may contain them. Lone surrogates too.
const INVALID_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML forbids
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

// Quick tests first: most text has nothing to remove or escape.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML forbids
const MAYBE_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/
const SPECIAL = /[<>&"]/
const ESCAPE: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' }

/** Escape text for XML and drop characters XML cannot hold. */
export function xmlText(s: string): string {
  const valid = MAYBE_INVALID.test(s) ? s.replace(INVALID_XML, '') : s
  return SPECIAL.test(valid) ? valid.replace(/[<>&"]/g, (c) => ESCAPE[c] as string) : valid
}

const BREAKS = /[\r\n\t]/

/*
 * No-break spaces where a line break would cut what belongs together: "€ 1.050,00", "artikel 10",
 * "lid 2", "schaal 8", "1 januari 2024", "36 uur". The match holds only the spaces to replace (what
 * follows is a look-ahead), so every space in it becomes U+00A0.
 */
const NBSP_MAYBE = /[€\d]/
const NBSP =
  /€ (?=[-\d])|\b(?:[Aa]rtikel(?:en)?|[Ll]id|[Oo]nderdeel|[Ss]chaal|[Hh]oofdstuk|[Pp]aragraaf|[Bb]ijlage|[Tt]rede) (?=\d)|\b\d{1,2} (?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) (?=\d{4})|\d (?=(?:uur|jaar|maanden|procent)\b)/g
const toNbsp = (m: string) => m.replaceAll(' ', '\u00a0')

/**
 * Texts seen before, with their no-break spaces: most runs of a batch (the template's own text, a
 * quoted article, the date line) repeat from letter to letter, and a lookup is cheaper than the
 * regular expression.
 */
const nbspCache = new Map<string, string>()

/** `text` with no-break spaces in amounts, article and scale numbers, dates and durations. */
export function noBreakSpaces(text: string): string {
  if (!NBSP_MAYBE.test(text)) return text
  let out = nbspCache.get(text)
  if (out === undefined) {
    out = text.replace(NBSP, toNbsp)
    if (nbspCache.size >= 4096) nbspCache.clear()
    nbspCache.set(text, out)
  }
  return out
}

function runXml(run: Run): string {
  const text = noBreakSpaces(run.text)
  const r = text === run.text ? run : { ...run, text }
  const rPr = r.bold || r.italic ? `<w:rPr>${r.bold ? '<w:b/>' : ''}${r.italic ? '<w:i/>' : ''}</w:rPr>` : ''
  if (r.text !== '' && !BREAKS.test(r.text))
    return `<w:r>${rPr}<w:t xml:space="preserve">${xmlText(r.text)}</w:t></w:r>`
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
  let body = ''
  for (let i = 0; i < lines.length; i++) {
    if (i > 0) body += '<w:r><w:br/></w:r>'
    for (const r of lines[i] as Run[]) body += runXml(r)
  }
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
      const cell = trimRuns(row[c] ?? [])
      const styleId = isHeader ? style.styleIds.tabelkop : style.styleIds.tabeltekst
      // Keep a short table together with what follows on the page (no lone rows).
      const keep = i < block.rows.length - 1 ? '<w:keepNext/>' : ''
      xml += `<w:tc><w:tcPr><w:tcW w:w="${widths[c]}" w:type="dxa"/></w:tcPr>${paragraphXml(styleId, [cell], keep)}</w:tc>`
    }
    xml += '</w:tr>'
  })
  return `${xml}</w:tbl>`
}

/** A cell's runs without the spaces around the text (`| Naam |` is "Naam", not " Naam "). */
function trimRuns(runs: Run[]): Run[] {
  const n = runs.length
  if (n === 0) return runs
  const first = runs[0] as Run
  const last = runs[n - 1] as Run
  const startsWith = /^\s/.test(first.text)
  const endsWith = /\s$/.test(last.text)
  if (!startsWith && !endsWith) return runs
  const out = runs.slice()
  if (startsWith) out[0] = { ...first, text: first.text.trimStart() }
  if (endsWith) out[n - 1] = { ...(out[n - 1] as Run), text: (out[n - 1] as Run).text.trimEnd() }
  return out.filter((r) => r.text !== '')
}

const lineText = (line: Run[] | undefined): string => {
  if (!line) return ''
  let s = ''
  for (const r of line) s += r.text
  return s.trim()
}

/** The closing greeting that starts a signature block. */
const GREETING = /^(?:met vriendelijke groet(?:en)?|hoogachtend|met hartelijke groet(?:en)?),?$/i
/** At most this many paragraphs after the greeting belong to the signature block. */
const SIGNATURE_PARAGRAPHS = 4
/** Room to sign above the name of the signer, in twips (2 cm). */
const SIGNATURE_SPACE = 1134
/** Space between a table and the paragraph after it, in twips. */
const AFTER_TABLE = 240

type Paragraph = Extract<LetterBlock, { type: 'paragraph' }>

/**
 * What keeps together on the page, per block index: the signature block from the greeting to the
 * signer (with room to sign), a line ending in ":" with what follows, a quoted article, a
 * paragraph with the "Zie artikel …" line after it, and space after a table.
 */
function layoutHints(blocks: readonly LetterBlock[]): Map<number, string> {
  const hints = new Map<number, string>()
  const add = (i: number, keepNext: boolean, keepLines: boolean, before = 0) => {
    if (!keepNext && !keepLines && !before) return
    const old = hints.get(i) ?? ''
    const kn = keepNext || old.includes('<w:keepNext/>')
    const kl = keepLines || old.includes('<w:keepLines/>')
    const b = before || Number(/w:before="(\d+)"/.exec(old)?.[1] ?? 0)
    hints.set(i, `${kn ? '<w:keepNext/>' : ''}${kl ? '<w:keepLines/>' : ''}${b ? `<w:spacing w:before="${b}"/>` : ''}`)
  }
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i] as LetterBlock
    const next = blocks[i + 1]
    if (b.type === 'table' && next?.type === 'paragraph') add(i + 1, false, false, AFTER_TABLE)
    if (b.type !== 'paragraph') continue
    const first = lineText(b.lines[0])
    const lastLine = lineText(b.lines[b.lines.length - 1])
    if (b.style === 'citaat') add(i, next?.type === 'paragraph' && next.style === 'citaat', true)
    if (lastLine.endsWith(':') && next && next.type !== 'pagina-einde') add(i, true, true)
    if (b.lines.length > 1 && /^zie\s/i.test(lastLine)) add(i, false, true)
    if (next?.type === 'paragraph' && /^zie\s/i.test(lineText(next.lines[0]))) add(i, true, false)
    if (b.style === 'normaal' && b.lines.length === 1 && GREETING.test(first)) {
      // The greeting and the paragraphs after it up to the signer: one block, never split.
      let end = i
      for (let j = i + 1; j <= i + SIGNATURE_PARAGRAPHS && j < blocks.length; j++) {
        const p = blocks[j] as LetterBlock
        if (p.type !== 'paragraph' || p.style !== 'normaal') break
        end = j
        if (!lineText(p.lines[p.lines.length - 1]).endsWith(',')) break
      }
      for (let j = i; j <= end; j++) {
        const prev = blocks[j - 1] as Paragraph
        // The signer's name comes after a line ending in "," (`namens dezen,`): room to sign.
        const sign = j === end && j > i && lineText(prev.lines[prev.lines.length - 1]).endsWith(',')
        add(j, j < end, true, sign ? SIGNATURE_SPACE : 0)
      }
      i = end
    }
  }
  return hints
}

/** The body XML of one letter (without `<w:body>` and section properties). */
export function letterBodyXml(letter: Letter, style: HouseStyle): string {
  let xml = ''
  let last: LetterBlock['type'] | undefined
  const hints = layoutHints(letter.blocks)
  for (let i = 0; i < letter.blocks.length; i++) {
    const b = letter.blocks[i] as LetterBlock
    switch (b.type) {
      case 'heading':
        xml += paragraphXml(
          style.styleIds[`heading${b.level}`] ?? style.styleIds.normaal,
          [b.runs],
          style.styleIds[`heading${b.level}`] ? '' : '<w:keepNext/>',
        )
        break
      case 'paragraph':
        xml += paragraphXml(style.styleIds[b.style], b.lines, hints.get(i))
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

/** Options of `--one-file`. */
export interface OneFileOptions {
  /** Every letter starts on an odd page (for double-sided printing): a blank page where needed. */
  dubbelzijdig?: boolean
}

/**
 * Section properties of letter `i` in one file: page numbers restart at 1, headers and footers
 * that count pages are the letter's own copies, and with `dubbelzijdig` it starts on an odd page.
 */
function letterSectPr(sectPr: string, style: HouseStyle, i: number, options: OneFileOptions): string {
  let s = sectPr.replace(/<w:pgNumType\b[^>]*\/>/g, '').replace(/<w:type\b[^>]*\/>/g, '')
  for (const part of style.oneFile.counting) s = s.replaceAll(`r:id="${part.rId}"`, `r:id="${letterRelId(part, i)}"`)
  // pgNumType comes after pgMar/pgSz and before cols etc.; LibreOffice and Word accept it after pgMar.
  s = /<w:pgMar\b[^>]*\/>/.test(s)
    ? s.replace(/(<w:pgMar\b[^>]*\/>)/, '$1<w:pgNumType w:start="1"/>')
    : s.replace(/<\/w:sectPr>$/, '<w:pgNumType w:start="1"/></w:sectPr>')
  // `w:type` comes before the page size.
  if (options.dubbelzijdig)
    s = /<w:pgSz\b/.test(s)
      ? s.replace(/<w:pgSz\b/, '<w:type w:val="oddPage"/><w:pgSz')
      : s.replace(/<\/w:sectPr>$/, '<w:type w:val="oddPage"/></w:sectPr>')
  return s
}

const letterRelId = (part: CountingPart, i: number) => `rwBrief${i + 1}${part.rId}`
const letterPartName = (part: CountingPart, i: number) => `brief${i + 1}-${part.target.replace(/\//g, '-')}`
/** The bookmark on the last paragraph of letter `i`: its page number is the letter's page count. */
const endBookmark = (i: number) => `_RegelwerkBrief${i + 1}`

/**
 * The body of a letter with its section properties in its last paragraph (no empty paragraph that
 * could spill onto a page of its own) and a bookmark there whose page is the letter's last.
 */
function closeLetter(body: string, sect: string, i: number): string {
  const bm = `<w:bookmarkStart w:id="${i + 1}" w:name="${endBookmark(i)}"/><w:bookmarkEnd w:id="${i + 1}"/>`
  if (body.endsWith('<w:p/>')) return `${body.slice(0, -6)}<w:p><w:pPr>${sect}</w:pPr>${bm}</w:p>`
  const at = body.lastIndexOf('<w:p>')
  if (at < 0) return `${body}<w:p><w:pPr>${sect}</w:pPr>${bm}</w:p>`
  const head = body.slice(0, at)
  const p = body.slice(at, -'</w:p>'.length)
  const withSect = p.startsWith('<w:p><w:pPr>')
    ? p.replace('</w:pPr>', `${sect}</w:pPr>`)
    : `<w:p><w:pPr>${sect}</w:pPr>${p.slice('<w:p>'.length)}`
  return `${head}${withSect}${bm}</w:p>`
}

/**
 * `word/document.xml` of a batch in one file: each letter a section whose page numbers restart at
 * 1. "pagina 2 van 3" counts the letter's own pages: each letter has its own copy of the footer,
 * in which `NUMPAGES` became `PAGEREF` to a bookmark on the letter's last paragraph. Word and
 * LibreOffice both fill that field (LibreOffice leaves `SECTIONPAGES` empty).
 */
export function oneFileDocumentXml(
  letters: readonly Letter[],
  style: HouseStyle,
  options: OneFileOptions = {},
): string {
  const parts = letters.map((l, i) => {
    const sect = letterSectPr(style.sectPr, style, i, options)
    const body = letterBodyXml(l, style)
    return i < letters.length - 1 ? closeLetter(body, sect, i) : closeLetter(body, '', i).replace('<w:pPr></w:pPr>', '')
  })
  const lastSect = letterSectPr(style.sectPr, style, Math.max(0, letters.length - 1), options)
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${style.documentOpen}<w:body>${parts.join('')}${lastSect}</w:body></w:document>`
}

/** The house style's parts for a batch of `count` letters in one file (see `oneFileDocumentXml`). */
function oneFileStyle(style: HouseStyle, count: number): HouseStyle {
  const { counting, contentTypes, documentRels } = style.oneFile
  if (counting.length === 0) return style
  const extra: Entry[] = []
  let rels = ''
  let types = ''
  for (let i = 0; i < count; i++) {
    for (const part of counting) {
      const name = letterPartName(part, i)
      const xml = part.xml.replace(/\bNUMPAGES\b/g, `PAGEREF ${endBookmark(i)} \\h`)
      extra.push(compress(`word/${name}`, te.encode(xml)))
      if (part.rels) extra.push(compress(`word/_rels/${name}.rels`, part.rels))
      rels += `<Relationship Id="${letterRelId(part, i)}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${part.kind}" Target="${name}"/>`
      types += `<Override PartName="/word/${name}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.${part.kind}+xml"/>`
    }
  }
  const settings = withUpdateFields(style.oneFile.settings)
  const replaced = new Map<string, Entry>([
    ['word/settings.xml', compress('word/settings.xml', te.encode(settings))],
    [
      '[Content_Types].xml',
      compress('[Content_Types].xml', te.encode(contentTypes.replace('</Types>', `${types}</Types>`))),
    ],
    [
      'word/_rels/document.xml.rels',
      compress(
        'word/_rels/document.xml.rels',
        te.encode(documentRels.replace('</Relationships>', `${rels}</Relationships>`)),
      ),
    ],
  ])
  return {
    ...style,
    entries: [...style.entries.map((e) => replaced.get(e.name) ?? e), ...extra],
    zipCache: new Map(),
  }
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

/*
 * The zip writer. A letter is `[Content_Types].xml` and the relationships, then its own
 * `word/document.xml` and `docProps/core.xml`, then the other static parts of the house style. The
 * static parts, with their local headers, and their central directory records are built once per
 * letter date (the zip time stamp is the letter date); per letter only the document is deflated and
 * the offsets of the parts after it are written into the central directory. Layout as fflate's
 * streaming `Zip` writes it (local header with flag 8, data, data descriptor): at the same deflate
 * level the bytes were the same as before this replaced it.
 */

const te = new TextEncoder()

/**
 * The local part of an entry: header, data, and for a deflated entry a data descriptor (as fflate
 * writes it). A stored entry has its sizes in the header and no descriptor: streaming readers
 * cannot find the end of stored data otherwise.
 */
function localBlock(e: Entry, nameBytes: Uint8Array, dosTime: number): Uint8Array {
  const descriptor = e.method === 8 ? 16 : 0
  const out = new Uint8Array(30 + nameBytes.length + e.data.length + descriptor)
  const v = new DataView(out.buffer)
  v.setUint32(0, 0x04034b50, true)
  v.setUint16(4, 20, true)
  v.setUint16(6, descriptor ? 8 : 0, true)
  v.setUint16(8, e.method, true)
  v.setUint32(10, dosTime, true)
  if (!descriptor) {
    v.setUint32(14, e.crc, true)
    v.setUint32(18, e.data.length, true)
    v.setUint32(22, e.size, true)
  }
  v.setUint16(26, nameBytes.length, true)
  out.set(nameBytes, 30)
  out.set(e.data, 30 + nameBytes.length)
  if (descriptor) {
    const d = 30 + nameBytes.length + e.data.length
    v.setUint32(d, 0x08074b50, true)
    v.setUint32(d + 4, e.crc, true)
    v.setUint32(d + 8, e.data.length, true)
    v.setUint32(d + 12, e.size, true)
  }
  return out
}

/** The central directory record of an entry; the offset (at 42) is written per letter. */
function centralRecord(e: Entry, nameBytes: Uint8Array, dosTime: number, offset: number): Uint8Array {
  const out = new Uint8Array(46 + nameBytes.length)
  const v = new DataView(out.buffer)
  v.setUint32(0, 0x02014b50, true)
  v.setUint16(4, 20, true)
  v.setUint16(6, 20, true)
  v.setUint16(8, e.method === 8 ? 8 : 0, true)
  v.setUint16(10, e.method, true)
  v.setUint32(12, dosTime, true)
  v.setUint32(16, e.crc, true)
  v.setUint32(20, e.data.length, true)
  v.setUint32(24, e.size, true)
  v.setUint16(28, nameBytes.length, true)
  v.setUint32(42, offset, true)
  out.set(nameBytes, 46)
  return out
}

const concat = (parts: readonly Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

/** The static parts of a letter for one date, ready to copy. */
interface ZipParts {
  dosTime: number
  /** Local blocks of the entries before the document. */
  head: Uint8Array
  /** Local blocks of the entries after the document and core properties. */
  rest: Uint8Array
  /** Central records of the head entries (offsets final). */
  centralHead: Uint8Array
  /** Central records of the rest entries, offsets relative to the start of `rest`. */
  centralRest: Uint8Array
  /** Where in `centralRest` each record's offset field is, and its relative value. */
  restOffsets: Array<[at: number, relative: number]>
  /** Local block and central record (without offset) of `docProps/core.xml` per title. */
  core: Map<string, { local: Uint8Array; central: Uint8Array }>
}

/** MS-DOS date and time of noon on an ISO date (zip stores local time: the same in every time zone). */
function dosNoon(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number]
  // A zip date lies between 1980 and 2107; a letter date outside that (never in practice) gets 1980-01-01.
  if (!(y >= 1980 && y <= 2099)) return ((0 << 25) | (1 << 21) | (1 << 16) | (12 << 11)) >>> 0
  return ((((y - 1980) << 25) | (m << 21) | (d << 16) | (12 << 11)) >>> 0) as number
}

const DOC_NAME = te.encode('word/document.xml')
const CORE_NAME = te.encode('docProps/core.xml')

function zipParts(style: HouseStyle, isoDate: string, oneFile: boolean): ZipParts {
  const key = `${oneFile ? 1 : 0}${isoDate}`
  let parts = style.zipCache.get(key)
  if (parts) return parts
  // A batch has one or a few letter dates; a data file with a date per row may have many.
  if (style.zipCache.size >= 64) style.zipCache.clear()
  const dosTime = dosNoon(isoDate)
  const statics = style.entries
  const head = statics.filter((e) => order(e.name) < 2)
  const rest = statics.filter((e) => order(e.name) >= 2)
  const headLocal: Uint8Array[] = []
  const headCentral: Uint8Array[] = []
  let offset = 0
  for (const e of head) {
    const name = te.encode(e.name)
    const local = localBlock(e, name, dosTime)
    headCentral.push(centralRecord(e, name, dosTime, offset))
    headLocal.push(local)
    offset += local.length
  }
  const restLocal: Uint8Array[] = []
  const restCentral: Uint8Array[] = []
  const restOffsets: Array<[number, number]> = []
  let rel = 0
  let centralAt = 0
  for (const e of rest) {
    const name = te.encode(e.name)
    const local = localBlock(e, name, dosTime)
    const central = centralRecord(e, name, dosTime, 0)
    restOffsets.push([centralAt + 42, rel])
    restLocal.push(local)
    restCentral.push(central)
    rel += local.length
    centralAt += central.length
  }
  parts = {
    dosTime,
    head: concat(headLocal),
    rest: concat(restLocal),
    centralHead: concat(headCentral),
    centralRest: concat(restCentral),
    restOffsets,
    core: new Map(),
  }
  style.zipCache.set(key, parts)
  return parts
}

/** Zip a document: the house style's entries plus this document's `document.xml` and `core.xml`. */
export function packDocx(
  style: HouseStyle,
  documentXml: string,
  title: string,
  isoDate: string,
  oneFile = false,
): Uint8Array {
  const parts = zipParts(style, isoDate, oneFile)
  let core = parts.core.get(title)
  if (!core) {
    const e = compress('docProps/core.xml', te.encode(coreXml(title, isoDate)))
    core = { local: localBlock(e, CORE_NAME, parts.dosTime), central: centralRecord(e, CORE_NAME, parts.dosTime, 0) }
    if (parts.core.size >= 64) parts.core.clear()
    parts.core.set(title, core)
  }
  const level = oneFile ? 6 : DOCUMENT_LEVEL
  // Stored: the XML is encoded straight into the output, after a header written in place.
  const doc = level === 0 ? undefined : compress('word/document.xml', te.encode(documentXml), level)
  const docDataAt = parts.head.length + 30 + DOC_NAME.length
  const docDataLength = doc ? doc.data.length : Buffer.byteLength(documentXml, 'utf8')
  const coreAt = docDataAt + docDataLength + (doc ? 16 : 0)
  const restAt = coreAt + core.local.length
  const centralAt = restAt + parts.rest.length
  const docCentralLength = 46 + DOC_NAME.length
  const centralSize = parts.centralHead.length + docCentralLength + core.central.length + parts.centralRest.length
  const out = new Uint8Array(centralAt + centralSize + 22)
  const v = new DataView(out.buffer)
  out.set(parts.head, 0)
  let docEntry: Entry
  if (doc) {
    out.set(localBlock(doc, DOC_NAME, parts.dosTime), parts.head.length)
    docEntry = doc
  } else {
    const data = out.subarray(docDataAt, docDataAt + docDataLength)
    te.encodeInto(documentXml, data)
    docEntry = { name: 'word/document.xml', size: docDataLength, crc: crc32(data) >>> 0, method: 0, data }
    out.set(localBlock({ ...docEntry, data: new Uint8Array(0) }, DOC_NAME, parts.dosTime), parts.head.length)
    // The header of a stored entry carries its sizes: the ones of the real data.
    v.setUint32(parts.head.length + 18, docDataLength, true)
    v.setUint32(parts.head.length + 22, docDataLength, true)
  }
  const docCentral = centralRecord(docEntry, DOC_NAME, parts.dosTime, parts.head.length)
  out.set(core.local, coreAt)
  out.set(parts.rest, restAt)
  let at = centralAt
  out.set(parts.centralHead, at)
  at += parts.centralHead.length
  out.set(docCentral, at)
  at += docCentral.length
  out.set(core.central, at)
  v.setUint32(at + 42, coreAt, true)
  at += core.central.length
  out.set(parts.centralRest, at)
  for (const [field, rel] of parts.restOffsets) v.setUint32(at + field, restAt + rel, true)
  at += parts.centralRest.length
  const entries = style.entries.length + 2
  v.setUint32(at, 0x06054b50, true)
  v.setUint16(at + 8, entries, true)
  v.setUint16(at + 10, entries, true)
  v.setUint32(at + 12, centralSize, true)
  v.setUint32(at + 16, centralAt, true)
  return out
}

/** One letter as a `.docx`. */
export function renderLetterDocx(letter: Letter, style: HouseStyle): Uint8Array {
  return packDocx(style, letterDocumentXml(letter, style), letter.titel, letter.datum)
}

/** A batch as one `.docx` for printing; dated with the latest letter date. */
export function renderOneFileDocx(
  letters: readonly Letter[],
  style: HouseStyle,
  title: string,
  options: OneFileOptions = {},
): Uint8Array {
  const date =
    letters
      .map((l) => l.datum)
      .sort()
      .at(-1) ?? '2000-01-01'
  return packDocx(oneFileStyle(style, letters.length), oneFileDocumentXml(letters, style, options), title, date, true)
}
