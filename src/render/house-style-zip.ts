/**
 * Reading a house style `.docx` safely: a user's file, so possibly hostile. The zip is read from
 * its central directory; entries whose names are not plain docx parts (`../../x`, `/etc/x`,
 * `C:\x`, anything outside the known folders) are dropped and named, never copied into letters;
 * the unpacked size is checked against a limit on the sizes the zip declares before anything is
 * inflated, and each entry is inflated with its declared size as a hard ceiling (a zip that lies
 * about its sizes stops there). The XML is searched with linear scans, not with regular
 * expressions that backtrack over many `<w:sectPr>` or `<w:style ` elements.
 */
import { inflateRawSync } from 'node:zlib'

/** A house style that cannot be used; the message completes "De huisstijl `x.docx` …". */
export class HouseStyleError extends Error {}

/** What a house style may unpack to, in bytes (all its parts together). Word letterheads are well under 5 MB. */
export const MAX_HOUSE_STYLE_UNPACKED = 50 * 1024 * 1024

export interface HouseStyleZip {
  /** The parts, by name. */
  files: Record<string, Uint8Array>
  /** Entries left out because their names are not docx parts (in zip order). */
  dropped: string[]
}

/** Top-level folders of the parts Word writes (and files at the top: only `[Content_Types].xml`). */
const KNOWN_FOLDERS = new Set(['_rels', 'word', 'docProps', 'customXml'])

/**
 * Whether `name` is a plain docx part name: relative, in a known folder, no `.` or `..` segment, no
 * backslash, colon or control character. Other characters are allowed (Word names a picture after
 * its file, which may be `afbeelding é.png`): dropping a part the document refers to would break it.
 */
export function isDocxPartName(name: string): boolean {
  if (name === '[Content_Types].xml') return true
  if (name.length > 255 || name.includes('\\') || name.includes(':')) return false
  const parts = name.split('/')
  if (!KNOWN_FOLDERS.has(parts[0] as string) || parts.length < 2) return false
  for (let i = 1; i < parts.length; i++) {
    const p = parts[i] as string
    // A trailing `/` marks a folder entry (empty last part): allowed, it is skipped later.
    if (p === '' && i === parts.length - 1) continue
    if (p === '' || p === '.' || p === '..' || !/^[^\p{Cc}]+$/u.test(p)) return false
  }
  return true
}

const u16 = (b: Uint8Array, at: number) => (b[at] as number) | ((b[at + 1] as number) << 8)
const u32 = (b: Uint8Array, at: number) => (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0

const NOT_ZIP = 'is geen Word-bestand (.docx): het is geen zip-bestand'
const BROKEN = 'is beschadigd (de zip-inhoud klopt niet); sla het bestand in Word opnieuw op als .docx'

function tooBig(limit: number): HouseStyleError {
  const mb = Math.round(limit / (1024 * 1024))
  return new HouseStyleError(
    `pakt uit tot meer dan ${mb} MB; een huisstijl is een gewone Word-brief met briefhoofd en stijlen (meestal minder dan 1 MB). Verklein de afbeeldingen in Word (Afbeeldingen comprimeren) of kies een andere huisstijl`,
  )
}

/**
 * Unpack a house style. Throws `HouseStyleError` for a file that is not a zip, is broken, or
 * unpacks to more than `limit` bytes (checked on the declared sizes before inflating, and enforced
 * while inflating).
 */
export function readHouseStyleZip(bytes: Uint8Array, limit = MAX_HOUSE_STYLE_UNPACKED): HouseStyleZip {
  // The end-of-central-directory record: in the last 64 kB + 22 bytes (the comment may precede it).
  let eocd = -1
  for (let i = bytes.length - 22; i >= 0 && i >= bytes.length - 22 - 0xffff; i--)
    if (u32(bytes, i) === 0x06054b50) {
      eocd = i
      break
    }
  if (eocd < 0) throw new HouseStyleError(NOT_ZIP)
  const count = u16(bytes, eocd + 10)
  const cdSize = u32(bytes, eocd + 12)
  let at = u32(bytes, eocd + 16)
  if (count === 0xffff || at === 0xffffffff || at + cdSize > eocd) throw new HouseStyleError(BROKEN)
  const entries: Array<{ name: string; method: number; csize: number; usize: number; local: number }> = []
  const dropped: string[] = []
  let declared = 0
  const decoder = new TextDecoder('utf-8', { fatal: false })
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || u32(bytes, at) !== 0x02014b50) throw new HouseStyleError(BROKEN)
    const method = u16(bytes, at + 10)
    const csize = u32(bytes, at + 20)
    const usize = u32(bytes, at + 24)
    const nameLength = u16(bytes, at + 28)
    const next = at + 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32)
    if (next > eocd) throw new HouseStyleError(BROKEN)
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength))
    const local = u32(bytes, at + 42)
    at = next
    if (!isDocxPartName(name)) {
      dropped.push(name)
      continue
    }
    if (name.endsWith('/')) continue
    if (method !== 0 && method !== 8) throw new HouseStyleError(BROKEN)
    declared += usize
    if (declared > limit) throw tooBig(limit)
    entries.push({ name, method, csize, usize, local })
  }
  const files: Record<string, Uint8Array> = {}
  for (const e of entries) {
    if (e.local + 30 > bytes.length || u32(bytes, e.local) !== 0x04034b50) throw new HouseStyleError(BROKEN)
    const start = e.local + 30 + u16(bytes, e.local + 26) + u16(bytes, e.local + 28)
    if (start + e.csize > bytes.length) throw new HouseStyleError(BROKEN)
    const raw = bytes.subarray(start, start + e.csize)
    let data: Uint8Array
    if (e.method === 0) data = raw.slice()
    else {
      try {
        // The declared size is a hard ceiling: a zip that lies about it stops here, not at 1.5 GB.
        data = inflateRawSync(raw, { maxOutputLength: Math.max(1, e.usize) })
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooBig(limit)
        throw new HouseStyleError(BROKEN)
      }
    }
    if (data.length !== e.usize) throw new HouseStyleError(BROKEN)
    files[e.name] = data
  }
  return { files, dropped }
}

/** The index just past the first `<name` that is a whole tag name, from `from`; -1 when none. */
function tagStart(xml: string, name: string, from: number): number {
  let i = xml.indexOf(`<${name}`, from)
  while (i >= 0) {
    const c = xml.charCodeAt(i + 1 + name.length)
    // `>`, `/`, or white space ends the name (`<w:sectPrChange` is another element).
    if (c === 62 || c === 47 || c === 32 || c === 9 || c === 10 || c === 13) return i
    i = xml.indexOf(`<${name}`, i + 1)
  }
  return -1
}

/** The first start tag `<name …>` (or `<name …/>`) in `xml`, as text; linear in `xml`. */
export function firstTag(xml: string, name: string): string | undefined {
  const i = tagStart(xml, name, 0)
  if (i < 0) return undefined
  const end = xml.indexOf('>', i)
  return end < 0 ? undefined : xml.slice(i, end + 1)
}

/** The value of attribute `name` in one start tag. */
export function attrOf(tag: string, name: string): string | undefined {
  const key = `${name}="`
  let i = tag.indexOf(key)
  // ` w:w="` must not match inside `w:wx="`: the attribute name starts after white space.
  while (i > 0 && !/\s/.test(tag.charAt(i - 1))) i = tag.indexOf(key, i + 1)
  if (i < 0) return undefined
  const end = tag.indexOf('"', i + key.length)
  return end < 0 ? undefined : tag.slice(i + key.length, end)
}

/**
 * The final section properties of a document (the `<w:sectPr>` that is the last child of
 * `<w:body>`), or undefined. One pass over the `<w:sectPr` tags, counting depth (a
 * `<w:sectPrChange>` holds an older `<w:sectPr>`).
 */
export function finalSectPr(docXml: string): string | undefined {
  const bodyEnd = docXml.lastIndexOf('</w:body>')
  if (bodyEnd < 0) return undefined
  let end = bodyEnd
  while (end > 0 && /\s/.test(docXml.charAt(end - 1))) end--
  const close = '</w:sectPr>'
  if (!docXml.startsWith(close, end - close.length)) return undefined
  let depth = 0
  let start = -1
  let i = 0
  // Each search result is kept until the scan passes it, so the text is read about twice in all.
  let open = -2
  let shut = -2
  while (i < end) {
    if (open !== -1 && open < i) open = tagStart(docXml, 'w:sectPr', i)
    if (shut !== -1 && shut < i) shut = docXml.indexOf(close, i)
    if (open >= 0 && open < end && (shut < 0 || open < shut)) {
      const gt = docXml.indexOf('>', open)
      if (gt < 0) return undefined
      if (docXml.charCodeAt(gt - 1) !== 47) {
        if (depth === 0) start = open
        depth++
      }
      i = gt + 1
    } else if (shut >= 0 && shut < end) {
      depth = Math.max(0, depth - 1)
      i = shut + close.length
    } else break
  }
  return start >= 0 && depth === 0 ? docXml.slice(start, end) : undefined
}

/** The `<w:document …>` start tag. */
export function documentOpenTag(docXml: string): string | undefined {
  return firstTag(docXml, 'w:document')
}

/** Every `<w:style>` of `styles.xml`: its id, type and name; one linear pass. */
export function styleList(
  stylesXml: string,
): Array<{ id: string | undefined; type: string; name: string | undefined }> {
  const out: Array<{ id: string | undefined; type: string; name: string | undefined }> = []
  let i = 0
  for (;;) {
    const open = tagStart(stylesXml, 'w:style', i)
    if (open < 0) break
    const gt = stylesXml.indexOf('>', open)
    if (gt < 0) break
    const head = stylesXml.slice(open, gt + 1)
    let bodyEnd = gt + 1
    if (!head.endsWith('/>')) {
      bodyEnd = stylesXml.indexOf('</w:style>', gt)
      // No closing tag after this one means none after any later one either.
      if (bodyEnd < 0) break
    }
    const body = stylesXml.slice(gt + 1, bodyEnd)
    out.push({
      id: attrOf(head, 'w:styleId'),
      type: attrOf(head, 'w:type') ?? 'paragraph',
      name: attrOf(firstTag(body, 'w:name') ?? '', 'w:val'),
    })
    i = bodyEnd + 1
  }
  return out
}
