/**
 * The text encoding of a CSV data file as Dutch Windows machines write it: UTF-8 (with or without
 * BOM), UTF-16 LE/BE with a BOM, or Windows-1252 (Excel's "CSV (gescheiden door lijstscheidingsteken)").
 * Anything else is refused with the kind of message `import` gives; nothing is guessed silently:
 * Windows-1252 is read with one warning.
 */
import { closeSync, openSync, readSync } from 'node:fs'
import { Transform } from 'node:stream'

export type DataEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252'

export type Detected =
  | { ok: true; encoding: DataEncoding; bom: boolean; head: string }
  | { ok: false; line: number; reden: string }

/** Bytes 0x80–0x9F in Windows-1252; `undefined` where the code page has no character. */
const CP1252_HIGH: ReadonlyArray<number | undefined> = [
  0x20ac,
  undefined,
  0x201a,
  0x0192,
  0x201e,
  0x2026,
  0x2020,
  0x2021,
  0x02c6,
  0x2030,
  0x0160,
  0x2039,
  0x0152,
  undefined,
  0x017d,
  undefined,
  undefined,
  0x2018,
  0x2019,
  0x201c,
  0x201d,
  0x2022,
  0x2013,
  0x2014,
  0x02dc,
  0x2122,
  0x0161,
  0x203a,
  0x0153,
  undefined,
  0x017e,
  0x0178,
]

/**
 * Windows-1252 bytes as text. (Node 20's `TextDecoder('windows-1252')` drops bytes 0x80–0x9F, `€`
 * among them, so the code page's 32 differences from Latin-1 are spelled out here.)
 */
export function decodeCp1252(bytes: Uint8Array): string {
  let out = ''
  let from = 0
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number
    if (b >= 0x80 && b <= 0x9f) {
      out += latin1(bytes, from, i) + String.fromCharCode(CP1252_HIGH[b - 0x80] ?? 0xfffd)
      from = i + 1
    }
  }
  return out + latin1(bytes, from, bytes.length)
}

function latin1(bytes: Uint8Array, from: number, to: number): string {
  return from >= to ? '' : Buffer.from(bytes.buffer, bytes.byteOffset + from, to - from).toString('latin1')
}

/** A byte that no Windows-1252 text has: NUL, other control characters than tab/CR/LF/FF, or an unassigned byte. */
function notCp1252(b: number): boolean {
  if (b < 0x20) return b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c
  return b === 0x7f || (b >= 0x80 && b <= 0x9f && CP1252_HIGH[b - 0x80] === undefined)
}

export const NOT_UTF8 =
  'Het bestand is geen UTF-8-tekst; sla het op als UTF-8 (in Excel: Opslaan als › CSV UTF-8 (door komma’s gescheiden))'

const HEAD_BYTES = 1 << 16

/**
 * Read the file once in pieces and tell its encoding. `head` is the decoded start (up to 64 kB),
 * for the delimiter. Throws only when the file cannot be opened or read.
 */
export function detectEncoding(path: string): Detected {
  const fd = openSync(path, 'r')
  try {
    const buf = Buffer.allocUnsafe(1 << 20)
    let n = readSync(fd, buf, 0, buf.length, null)
    const first = Buffer.from(buf.subarray(0, n))
    if (first[0] === 0xff && first[1] === 0xfe) return utf16(fd, 'utf-16le', first)
    if (first[0] === 0xfe && first[1] === 0xff) return utf16(fd, 'utf-16be', first)
    if (first[0] === 0x50 && first[1] === 0x4b && first[2] === 0x03 && first[3] === 0x04)
      return {
        ok: false,
        line: 1,
        reden:
          'dit is geen tekstbestand maar een zip, zoals een Excel-werkmap: geef een Excel-bestand de naam .xlsx, of sla het op als CSV UTF-8',
      }
    const bom = first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf
    const utf8 = new TextDecoder('utf-8', { fatal: true })
    let lines = 1
    let cp1252Ok = true
    let badAt: { line: number } | undefined
    let head = ''
    let chunk: Buffer = first
    for (;;) {
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i] as number
        if (b === 0)
          return {
            ok: false,
            line: lines,
            reden:
              'Het bestand bevat NUL-tekens: het is geen tekstbestand (een Excel-bestand heet .xlsx; sla anders op als CSV UTF-8)',
          }
        if (b === 0x0a) lines++
        if (cp1252Ok && notCp1252(b)) cp1252Ok = false
      }
      if (!badAt) {
        try {
          const text = utf8.decode(chunk, { stream: true })
          if (head.length < HEAD_BYTES) head += text.slice(0, HEAD_BYTES)
        } catch {
          badAt = { line: firstBadUtf8Line(path) }
        }
      }
      n = readSync(fd, buf, 0, buf.length, null)
      if (n === 0) break
      chunk = buf.subarray(0, n)
    }
    if (!badAt) {
      try {
        head += utf8.decode()
      } catch {
        badAt = { line: lines }
      }
    }
    if (!badAt) return { ok: true, encoding: 'utf-8', bom, head: head.replace(/^\uFEFF/, '') }
    if (cp1252Ok && !bom) return { ok: true, encoding: 'windows-1252', bom: false, head: decodeCp1252(first) }
    return {
      ok: false,
      line: badAt.line,
      reden: `${NOT_UTF8}; het is ook geen Windows-1252`,
    }
  } finally {
    closeSync(fd)
  }
}

function utf16(fd: number, encoding: 'utf-16le' | 'utf-16be', first: Buffer): Detected {
  // Checked here as a whole (fatal decoding); the file is decoded again as a stream when read.
  const decoder = new TextDecoder(encoding, { fatal: true })
  const buf = Buffer.allocUnsafe(1 << 20)
  let head = ''
  let lines = 1
  try {
    let chunk: Buffer = first
    for (;;) {
      const text = decoder.decode(chunk, { stream: true })
      if (head.length < HEAD_BYTES) head += text.slice(0, HEAD_BYTES)
      if (text.includes('\0'))
        return { ok: false, line: lines, reden: 'Het bestand bevat NUL-tekens: het is geen tekstbestand' }
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++
      const n = readSync(fd, buf, 0, buf.length, null)
      if (n === 0) break
      chunk = buf.subarray(0, n)
    }
    decoder.decode()
  } catch {
    return {
      ok: false,
      line: lines,
      reden: `Het bestand begint als UTF-16-tekst maar is dat niet; sla het op als CSV UTF-8`,
    }
  }
  return { ok: true, encoding, bom: true, head: head.replace(/^\uFEFF/, '') }
}

/** The line of the first byte that is not UTF-8 (read again from the start: this is the unhappy path). */
function firstBadUtf8Line(path: string): number {
  const fd = openSync(path, 'r')
  try {
    const buf = Buffer.allocUnsafe(1 << 20)
    let line = 1
    let need = 0
    let n: number
    // biome-ignore lint/suspicious/noAssignInExpressions: a read loop
    while ((n = readSync(fd, buf, 0, buf.length, null)) > 0) {
      for (let i = 0; i < n; i++) {
        const b = buf[i] as number
        if (need > 0) {
          if ((b & 0xc0) !== 0x80) return line
          need--
          continue
        }
        if (b === 0x0a) line++
        if (b < 0x80) continue
        if (b >= 0xc2 && b <= 0xdf) need = 1
        else if (b >= 0xe0 && b <= 0xef) need = 2
        else if (b >= 0xf0 && b <= 0xf4) need = 3
        else return line
      }
    }
    return line
  } finally {
    closeSync(fd)
  }
}

/** A stream that turns the file's bytes into text in the detected encoding (BOM removed). */
export function decodingStream(encoding: DataEncoding): Transform {
  if (encoding === 'windows-1252')
    return new Transform({
      readableObjectMode: false,
      decodeStrings: true,
      transform(chunk: Buffer, _enc, done) {
        done(null, decodeCp1252(chunk))
      },
    })
  const decoder = new TextDecoder(encoding)
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      done(null, decoder.decode(chunk, { stream: true }))
    },
    flush(done) {
      const rest = decoder.decode()
      done(null, rest === '' ? undefined : rest)
    },
  })
}
