/**
 * Hostile house styles (issue 13): many `<w:sectPr>` or `<w:style ` elements in a small zip, a zip
 * that unpacks to gigabytes (honestly declared, or lying about its sizes, or many entries sharing
 * one compressed block), entry names that leave the document (`../../x`, absolute paths), and an
 * endless stream as house style. Each case runs in its own process with a real timeout: it must
 * end within 10 s with peak RSS ≤ 500 MB, and give either a usable house style or a Dutch message.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib'
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { finalSectPr, isDocxPartName, styleList } from '../../src/render/house-style-zip.js'
import { nodeAsync, noStackTrace, regelwerkAsync, tempDir } from '../cli-helpers.js'
import { ROOT } from '../helpers.js'

const STYLE = join(ROOT, 'templates', 'huisstijl.docx')
const LIMIT_MS = 10_000
const LIMIT_RSS_MB = 500

interface RawEntry {
  name: string
  /** Stored (0) or deflated (8) data, as it goes into the zip. */
  method: 0 | 8
  data: Uint8Array
  crc: number
  /** The unpacked size written into the headers (a hostile zip may lie). */
  size: number
}

/** A zip from raw entries; `central` may list an entry more than once (overlapping entries). */
function zip(entries: RawEntry[], central: number[] = entries.map((_, i) => i)): Uint8Array {
  const te = new TextEncoder()
  const locals: Buffer[] = []
  const offsets: number[] = []
  let offset = 0
  for (const e of entries) {
    const name = te.encode(e.name)
    const h = Buffer.alloc(30)
    h.writeUInt32LE(0x04034b50, 0)
    h.writeUInt16LE(20, 4)
    h.writeUInt16LE(e.method, 8)
    h.writeUInt32LE(e.crc, 14)
    h.writeUInt32LE(e.data.length, 18)
    h.writeUInt32LE(e.size, 22)
    h.writeUInt16LE(name.length, 26)
    offsets.push(offset)
    locals.push(h, Buffer.from(name), Buffer.from(e.data))
    offset += 30 + name.length + e.data.length
  }
  const cd: Buffer[] = []
  let cdSize = 0
  for (const i of central) {
    const e = entries[i] as RawEntry
    const name = te.encode(e.name)
    const h = Buffer.alloc(46)
    h.writeUInt32LE(0x02014b50, 0)
    h.writeUInt16LE(20, 4)
    h.writeUInt16LE(20, 6)
    h.writeUInt16LE(e.method, 10)
    h.writeUInt32LE(e.crc, 16)
    h.writeUInt32LE(e.data.length, 20)
    h.writeUInt32LE(e.size, 24)
    h.writeUInt16LE(name.length, 28)
    h.writeUInt32LE(offsets[i] as number, 42)
    cd.push(h, Buffer.from(name))
    cdSize += 46 + name.length
  }
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(central.length, 8)
  end.writeUInt16LE(central.length, 10)
  end.writeUInt32LE(cdSize, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, ...cd, end])
}

function deflated(name: string, data: Uint8Array): RawEntry {
  return { name, method: 8, data: deflateRawSync(data), crc: crc32(data) >>> 0, size: data.length }
}

/** The shipped house style's parts as raw entries, with `change` applied to some. */
function houseStyleEntries(change: Record<string, (xml: string) => string> = {}): RawEntry[] {
  const files = unzipSync(readFileSync(STYLE))
  return Object.entries(files).map(([name, data]) =>
    deflated(name, change[name] ? Buffer.from((change[name] as (x: string) => string)(strFromU8(data))) : data),
  )
}

/** `n` bytes of zeros, deflated in a stream (never all in memory). */
async function deflatedZeros(n: number): Promise<Buffer> {
  const out: Buffer[] = []
  const deflate = createDeflateRaw({ level: 9 })
  deflate.on('data', (c: Buffer) => out.push(c))
  const done = new Promise((resolve) => deflate.on('end', resolve))
  const chunk = Buffer.alloc(1 << 20)
  const feed = new PassThrough()
  feed.pipe(deflate)
  for (let left = n; left > 0; left -= chunk.length) {
    if (!feed.write(left >= chunk.length ? chunk : chunk.subarray(0, left)))
      await new Promise((r) => feed.once('drain', r))
  }
  feed.end()
  await done
  return Buffer.concat(out)
}

let gib: Promise<Buffer> | undefined
/** 1 GiB of zeros deflated (about 1 MB), made once. */
const zerosGiB = () => {
  gib ??= deflatedZeros(1 << 30)
  return gib
}

/** Load the house style at `path` in a fresh process; prints the outcome and the peak RSS. */
async function loadInChild(path: string) {
  const script = `
    const { loadHouseStyle, HouseStyleError } = await import(${JSON.stringify(join(ROOT, 'dist', 'render', 'docx-letter.js'))})
    const { readFileSync } = await import('node:fs')
    let out
    try {
      const s = loadHouseStyle(readFileSync(${JSON.stringify(path)}))
      out = { ok: true, dropped: s.dropped, entries: s.entries.map((e) => e.name), sectPr: s.sectPr.length, styleIds: s.styleIds }
    } catch (e) {
      if (!(e instanceof HouseStyleError)) throw e
      out = { ok: false, message: e.message }
    }
    out.rssMb = process.resourceUsage().maxRSS / 1024
    console.log(JSON.stringify(out))
  `
  const start = Date.now()
  const run = await nodeAsync(['--input-type=module', '-e', script], { timeoutMs: LIMIT_MS })
  const ms = Date.now() - start
  expect(run.timedOut, `${path}: no end within ${LIMIT_MS} ms`).toBe(false)
  expect(run.status, run.stderr).toBe(0)
  const out = JSON.parse(run.stdout) as {
    ok: boolean
    message?: string
    dropped?: string[]
    entries?: string[]
    sectPr?: number
    styleIds?: Record<string, string | undefined>
    rssMb: number
  }
  expect(out.rssMb).toBeLessThan(LIMIT_RSS_MB)
  return { ...out, ms }
}

/** A copy of the statusbrief template (and what it needs) that uses the house style `style`. */
function templateWith(dir: string, style: string): string {
  const t = join(dir, 'sjabloon')
  mkdirSync(t, { recursive: true })
  cpSync(join(ROOT, 'templates', 'rechtsmiddel'), join(t, 'rechtsmiddel'), { recursive: true })
  // The letterheads per gemeente (organisaties.yaml); the template's own house style is the one under test.
  cpSync(join(ROOT, 'templates', 'huisstijl'), join(t, 'huisstijl'), { recursive: true })
  cpSync(join(ROOT, 'templates', 'organisaties.yaml'), join(t, 'organisaties.yaml'))
  const text = readFileSync(join(ROOT, 'templates', 'statusbrief.md'), 'utf8').replace(
    /^huisstijl: .*$/m,
    `huisstijl: ${JSON.stringify(style)}`,
  )
  writeFileSync(join(t, 'statusbrief.md'), text)
  return join(t, 'statusbrief.md')
}

describe('house-style parts and scans', () => {
  it('plain docx part names pass; names that leave the document or are odd do not', () => {
    for (const ok of [
      '[Content_Types].xml',
      '_rels/.rels',
      'word/_rels/document.xml.rels',
      'word/media/afbeelding é.png',
      'docProps/app.xml',
      'customXml/item1.xml',
      'word/theme/theme1.xml',
    ])
      expect(isDocxPartName(ok), ok).toBe(true)
    for (const bad of [
      '../../x',
      '/etc/passwd',
      '/word/x',
      'C:\\x',
      'word\\..\\x',
      'word/../x',
      'word/./x',
      'word//x',
      'word/a\u0000b',
      'x.xml',
      'mimetype',
      'Word/x.xml',
    ])
      expect(isDocxPartName(bad), bad).toBe(false)
  })

  it("the final section properties are the body's own, also with an older one inside w:sectPrChange", () => {
    const final =
      '<w:sectPr><w:pgSz w:w="2"/><w:sectPrChange><w:sectPr><w:pgSz w:w="3"/></w:sectPr></w:sectPrChange></w:sectPr>'
    const doc = `<w:document><w:body><w:p><w:pPr><w:sectPr><w:pgSz w:w="1"/></w:sectPr></w:pPr></w:p>${final}\n</w:body></w:document>`
    expect(finalSectPr(doc)).toBe(final)
    expect(finalSectPr('<w:document><w:body><w:p/></w:body></w:document>')).toBeUndefined()
    expect(styleList('<w:style w:type="table" w:styleId="T"><w:name w:val="Table Grid"/></w:style>')).toEqual([
      { id: 'T', type: 'table', name: 'Table Grid' },
    ])
  })
})

describe('hostile house styles end in time with bounded memory', () => {
  it('200,000 <w:sectPr> in a small zip: linear, the final one is taken', async () => {
    const dir = tempDir()
    const path = join(dir, 'sectpr.docx')
    const many = '<w:p><w:pPr><w:sectPr><w:pgSz w:w="1"/></w:sectPr></w:pPr></w:p>'.repeat(200_000)
    writeFileSync(
      path,
      zip(houseStyleEntries({ 'word/document.xml': (xml) => xml.replace('<w:body>', `<w:body>${many}`) })),
    )
    expect(readFileSync(path).length).toBeLessThan(200_000)
    const r = await loadInChild(path)
    expect(r.ok).toBe(true)
    // The body's own section properties, not the 200,000 before them.
    expect(r.sectPr).toBeLessThan(2000)
  })

  it('200,000 unclosed <w:sectPr and <w:style  give an answer, not a hang', async () => {
    const dir = tempDir()
    const path = join(dir, 'open.docx')
    writeFileSync(
      path,
      zip(
        houseStyleEntries({
          'word/document.xml': (xml) => xml.replace('<w:body>', `<w:body>${'<w:sectPr '.repeat(200_000)}`),
          'word/styles.xml': (xml) =>
            xml.replace('<w:docDefaults>', `${'<w:style w:styleId="x" '.repeat(200_000)}<w:docDefaults>`),
        }),
      ),
    )
    const r = await loadInChild(path)
    if (!r.ok) expect(r.message).toMatch(/documentinstellingen/)
  })

  it('200,000 <w:style > elements without a closing tag, and 200,000 complete ones', async () => {
    const dir = tempDir()
    const open = join(dir, 'styles-open.docx')
    writeFileSync(
      open,
      zip(
        houseStyleEntries({
          'word/styles.xml': (xml) =>
            xml.replace('</w:styles>', `${'<w:style w:type="paragraph">'.repeat(200_000)}</w:styles>`),
        }),
      ),
    )
    const a = await loadInChild(open)
    expect(a.ok).toBe(true)
    const closed = join(dir, 'styles-closed.docx')
    writeFileSync(
      closed,
      zip(
        houseStyleEntries({
          'word/styles.xml': (xml) =>
            xml.replace(
              '</w:styles>',
              `${'<w:style w:type="paragraph" w:styleId="S"><w:name w:val="s"/></w:style>'.repeat(200_000)}</w:styles>`,
            ),
        }),
      ),
    )
    const b = await loadInChild(closed)
    expect(b.ok).toBe(true)
    // The real styles are still found.
    expect(b.styleIds?.heading1).toBeDefined()
  })

  it('a zip that honestly declares 1 GiB is refused before inflating', async () => {
    const dir = tempDir()
    const path = join(dir, 'groot.docx')
    const bomb = await zerosGiB()
    writeFileSync(
      path,
      zip([...houseStyleEntries(), { name: 'word/media/image1.png', method: 8, data: bomb, crc: 0, size: 1 << 30 }]),
    )
    const r = await loadInChild(path)
    expect(r.ok).toBe(false)
    expect(r.message).toMatch(/pakt uit tot meer dan 50 MB/)
  })

  it('a zip that lies about its sizes stops at the declared size', async () => {
    const dir = tempDir()
    const path = join(dir, 'leugen.docx')
    const bomb = await zerosGiB()
    writeFileSync(
      path,
      zip([...houseStyleEntries(), { name: 'word/media/image1.png', method: 8, data: bomb, crc: 0, size: 1000 }]),
    )
    const r = await loadInChild(path)
    expect(r.ok).toBe(false)
    expect(r.message).toMatch(/pakt uit tot meer dan/)
  })

  it('many central entries sharing one compressed block (an overlapping bomb) are refused on their sum', async () => {
    const dir = tempDir()
    const path = join(dir, 'overlap.docx')
    const entries = houseStyleEntries()
    const block = deflated('word/media/a.bin', new Uint8Array(10 << 20))
    const all = [...entries, block]
    // 10 MB each, listed 20 times under the same local header: 200 MB declared.
    const central = [...entries.map((_, i) => i), ...Array.from({ length: 20 }, () => entries.length)]
    writeFileSync(path, zip(all, central))
    const r = await loadInChild(path)
    expect(r.ok).toBe(false)
    expect(r.message).toMatch(/pakt uit tot meer dan 50 MB/)
  })

  it('entries outside the docx parts are dropped and named, never copied into a letter', async () => {
    const dir = tempDir()
    const path = join(dir, 'slip.docx')
    const evil = ['../../x', '/etc/cron.d/x', 'C:\\Windows\\x', 'word/../../y', 'word/./z', 'script.sh', '.rels']
    const payload = Buffer.from('#!/bin/sh\necho pwned\n')
    writeFileSync(path, zip([...houseStyleEntries(), ...evil.map((n) => deflated(n, payload))]))
    const r = await loadInChild(path)
    expect(r.ok).toBe(true)
    expect(r.dropped).toEqual(evil)
    for (const name of evil) expect(r.entries).not.toContain(name)

    // Through the command line: a warning per entry on the house style, and a letter without them.
    const template = templateWith(dir, path)
    const out = join(dir, 'uit')
    const run = await regelwerkAsync(
      ['letters', template, 'templates/voorbeelden/medewerkers.csv', '--out', out, '--strict'],
      { timeoutMs: 30_000 },
    )
    expect(noStackTrace(run)).toBe(true)
    for (const name of evil)
      expect(run.stderr).toContain(`${path}: waarschuwing het onderdeel \`${name}\` van de huisstijl`)
    const letter = unzipSync(readFileSync(join(out, 'statusbrief-000001-Voorbeeld.docx')))
    for (const name of Object.keys(letter)) expect(evil).not.toContain(name)
    expect(Object.keys(letter)).toContain('word/styles.xml')
  })

  it('an endless stream as house style stops with a message', async () => {
    const dir = tempDir()
    const template = templateWith(dir, '/dev/zero')
    // The template checks that the house style ends in .docx: a link with that name to /dev/zero.
    const { symlinkSync } = await import('node:fs')
    symlinkSync('/dev/zero', join(dir, 'nul.docx'))
    writeFileSync(
      template,
      readFileSync(template, 'utf8').replace('"/dev/zero"', JSON.stringify(join(dir, 'nul.docx'))),
    )
    const start = Date.now()
    const run = await regelwerkAsync(
      ['letters', template, 'templates/voorbeelden/medewerkers.csv', '--out', join(dir, 'uit')],
      {
        timeoutMs: LIMIT_MS,
      },
    )
    expect(run.timedOut).toBe(false)
    expect(Date.now() - start).toBeLessThan(LIMIT_MS)
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/is groter dan 50 MB/)
    expect(noStackTrace(run)).toBe(true)
  })
})
