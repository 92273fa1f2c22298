/**
 * Batches that share an output folder (issue 13): the folder lock (a second batch or `--resume`
 * is refused and touches nothing; a stale lock is taken over), temp files gone after SIGINT and
 * SIGTERM (real processes, real signals), `--resume` that never follows a symbolic link and checks
 * every kept letter byte for byte, and file names cut on grapheme boundaries.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cutOnGraphemes, safeFileName } from '../../src/assemble/assemble.js'
import { noStackTrace, regelwerk, regelwerkAsync, tempDir } from '../cli-helpers.js'
import { ROOT } from '../helpers.js'

const DATA = 'templates/voorbeelden/medewerkers.csv'
const TEMPLATE = 'templates/statusbrief.md'
const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex')

/** Every file of a folder (hidden ones too) with its bytes. */
function snapshot(dir: string): Map<string, Buffer> {
  return new Map(
    readdirSync(dir)
      .sort()
      .map((f) => [f, readFileSync(join(dir, f))]),
  )
}

function expectSame(a: Map<string, Buffer>, b: Map<string, Buffer>): void {
  expect([...b.keys()]).toEqual([...a.keys()])
  for (const [name, bytes] of a) expect(b.get(name)?.equals(bytes), name).toBe(true)
}

/** The pid of a process that has ended. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', ''])
  return r.pid as number
}

/** `n` good rows (the sample's first row, each with its own personnel number). */
function bigCsv(dir: string, n: number): string {
  const lines = readFileSync(join(ROOT, DATA), 'utf8').split('\r\n')
  const header = lines[0] as string
  const row = (lines[1] as string).split(';')
  const out = [header]
  for (let i = 0; i < n; i++) {
    row[0] = String(100000 + i)
    out.push(row.join(';'))
  }
  const path = join(dir, 'veel.csv')
  writeFileSync(path, `${out.join('\r\n')}\r\n`)
  return path
}

function start(args: string[]): ChildProcess {
  return spawn(process.execPath, [join(ROOT, 'bin', 'regelwerk'), ...args], {
    cwd: ROOT,
    env: { ...process.env, REGELWERK_DEBUG: '' },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
}

/** Wait (really) until `check` holds, or fail after `ms`. */
async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error(`wachten duurde te lang: ${what}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

/** The end of a child: exit code or signal; killed (and failed) after `ms`. */
function ended(child: ChildProcess, ms: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`het proces eindigde niet binnen ${ms} ms`))
    }, ms)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal })
    })
  })
}

const letters = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.docx'))
const leftovers = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tmp') || f.startsWith('.regelwerk'))

describe('the output folder lock', () => {
  it('a second batch and a --resume into a folder in use are refused and touch nothing', () => {
    const dir = tempDir()
    const lock = { pid: process.pid, host: hostname(), start: '2026-12-04T01:02:03.456Z' }
    writeFileSync(join(dir, '.regelwerk.lock'), JSON.stringify(lock))
    // A temp file of a dead process: a batch that ran would remove it.
    writeFileSync(join(dir, `.regelwerk-${deadPid()}-3.tmp`), 'half')
    const before = snapshot(dir)
    for (const extra of [[], ['--resume'], ['--one-file']]) {
      const r = regelwerk(['letters', TEMPLATE, DATA, '--out', dir, ...extra])
      expect(r.status).toBe(1)
      expect(r.stderr).toBe(
        `fout: ${join(dir, '.regelwerk.lock')}: de uitvoermap \`${dir}\` is in gebruik door een andere reeks brieven (proces ${process.pid} op deze computer, begonnen 2026-12-04 01:02:03 UTC); er is niets geschreven. Wacht tot die reeks klaar is, of kies een andere map met --out. Loopt er zeker geen reeks meer, verwijder dan \`${join(dir, '.regelwerk.lock')}\`\n`,
      )
      expectSame(before, snapshot(dir))
    }
  })

  it('a lock from another computer is respected; a lock whose process is gone is taken over', () => {
    const dir = tempDir()
    const path = join(dir, '.regelwerk.lock')
    writeFileSync(path, JSON.stringify({ pid: 1, host: `niet-${hostname()}`, start: '2026-12-04T01:02:03.456Z' }))
    const other = regelwerk(['letters', TEMPLATE, DATA, '--out', dir])
    expect(other.status).toBe(1)
    expect(other.stderr).toContain(`(proces 1 op computer niet-${hostname()}, begonnen`)
    expect(letters(dir)).toEqual([])

    const dead = deadPid()
    writeFileSync(path, JSON.stringify({ pid: dead, host: hostname(), start: '2026-12-04T01:02:03.456Z' }))
    writeFileSync(join(dir, `.regelwerk-${dead}-manifest.tmp`), '{')
    // A temp file of a live process is not this batch's to remove.
    const live = join(dir, `.regelwerk-${process.pid}-7.tmp`)
    writeFileSync(live, 'van een ander proces')
    const r = regelwerk(['letters', TEMPLATE, DATA, '--out', dir])
    expect(r.status).toBe(1) // the sample has bad rows
    expect(r.stderr).toContain('brieven geschreven')
    expect(existsSync(path)).toBe(false)
    expect(leftovers(dir)).toEqual([`.regelwerk-${process.pid}-7.tmp`])
    expect(readFileSync(live, 'utf8')).toBe('van een ander proces')
  })

  it('two batches at once: the second is refused; SIGINT leaves no temp file and no lock; --resume completes', async () => {
    const dir = tempDir()
    const csv = bigCsv(dir, 10_000)
    const out = join(dir, 'uit')
    const first = start(['letters', TEMPLATE, csv, '--out', out])
    const done = ended(first, 60_000)
    await until(() => existsSync(out) && letters(out).length >= 30, 30_000, 'de eerste brieven')

    const second = await regelwerkAsync(['letters', TEMPLATE, DATA, '--out', out, '--resume'], { timeoutMs: 30_000 })
    expect(second.status).toBe(1)
    expect(second.stderr).toContain('is in gebruik door een andere reeks brieven')
    expect(existsSync(join(out, 'statusbrief-000001-Voorbeeld.docx'))).toBe(false)

    first.kill('SIGINT')
    const end = await done
    expect(end.signal === 'SIGINT' || end.code === 130).toBe(true)
    const written = letters(out).length
    expect(written).toBeGreaterThan(0)
    expect(written).toBeLessThan(10_000)
    expect(leftovers(out)).toEqual([])
    expect(existsSync(join(out, 'manifest.json'))).toBe(false)

    const again = await regelwerkAsync(['letters', TEMPLATE, csv, '--out', out, '--resume'], { timeoutMs: 120_000 })
    expect(again.status).toBe(0)
    expect(again.stderr).toContain(`(${written} al aanwezig, overgeslagen)`)
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      brieven: Array<{ bestand: string; sha256: string }>
    }
    expect(m.brieven).toHaveLength(10_000)
    expect(letters(out)).toHaveLength(10_000)
    for (const b of m.brieven.filter((_, i) => i % 97 === 0))
      expect(sha(readFileSync(join(out, b.bestand)))).toBe(b.sha256)
    expect(leftovers(out)).toEqual([])
  }, 240_000)

  it('SIGTERM with worker threads, and SIGKILL during --one-file: no temp file after --resume', async () => {
    const dir = tempDir()
    const csv = bigCsv(dir, 6_000)
    const out = join(dir, 'uit')
    const batch = start(['letters', TEMPLATE, csv, '--out', out, '--jobs', '2'])
    const done = ended(batch, 60_000)
    await until(() => existsSync(out) && letters(out).length >= 30, 30_000, 'de eerste brieven')
    batch.kill('SIGTERM')
    const end = await done
    expect(end.signal === 'SIGTERM' || end.code === 143).toBe(true)
    expect(leftovers(out)).toEqual([])

    // --one-file killed hard: what it leaves (a temp file, a lock) goes with the next run.
    const one = join(dir, 'een')
    const dead = deadPid()
    mkdirSync(one)
    writeFileSync(join(one, `.regelwerk-${dead}-alle-brieven.tmp`), Buffer.alloc(342_000))
    writeFileSync(join(one, '.regelwerk.lock'), JSON.stringify({ pid: dead, host: hostname(), start: 'x' }))
    const killed = start(['letters', TEMPLATE, csv, '--out', one, '--one-file'])
    const k = ended(killed, 60_000)
    const lockOf = () => {
      try {
        return JSON.parse(readFileSync(join(one, '.regelwerk.lock'), 'utf8')).pid
      } catch {
        return undefined
      }
    }
    await until(() => lockOf() === killed.pid, 30_000, 'het slot van de reeks')
    await new Promise((r) => setTimeout(r, 300))
    killed.kill('SIGKILL')
    await k
    const r = await regelwerkAsync(['letters', TEMPLATE, DATA, '--out', one, '--one-file', '--resume'], {
      timeoutMs: 60_000,
    })
    expect(r.status).toBe(1)
    expect(noStackTrace(r)).toBe(true)
    expect(leftovers(one)).toEqual([])
    // One document per letterhead (organisaties.yaml): statusbrief-alle-brieven-<gemeente>.docx.
    expect(readdirSync(one).filter((n) => /^statusbrief-alle-brieven.*\.docx$/.test(n)).length).toBeGreaterThan(0)
  }, 240_000)
})

describe('--resume checks what it keeps', () => {
  it('a link planted with a letter name is replaced, never followed; a changed or cut letter is rewritten', () => {
    const dir = tempDir()
    const out = join(dir, 'uit')
    const first = regelwerk(['letters', TEMPLATE, DATA, '--out', out])
    expect(first.status).toBe(1)
    const before = snapshot(out)
    const secret = join(dir, 'geheim.txt')
    writeFileSync(secret, 'geheim')
    const linked = join(out, 'statusbrief-000001-Voorbeeld.docx')
    const cut = join(out, 'statusbrief-000002-Testpersoon.docx')
    const names = [...before.keys()].filter((f) => f.endsWith('.docx'))
    const changed = join(out, names[5] as string)
    rmSync(linked)
    symlinkSync(secret, linked)
    truncateSync(cut, 100)
    const bytes = readFileSync(changed)
    bytes.writeUInt8((bytes.at(-30) as number) ^ 1, bytes.length - 30)
    writeFileSync(changed, bytes)

    const r = regelwerk(['letters', TEMPLATE, DATA, '--out', out, '--resume'])
    expect(r.status).toBe(1)
    expect(noStackTrace(r)).toBe(true)
    expect(r.stderr).toContain(`3 brieven geschreven in ${out} (${names.length - 3} al aanwezig, overgeslagen)`)
    expect(lstatSync(linked).isSymbolicLink()).toBe(false)
    expect(readFileSync(secret, 'utf8')).toBe('geheim')
    expectSame(before, snapshot(out))
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).not.toContain(sha('geheim'))
  })

  it('a folder with a letter name is a row error, not a crash', () => {
    const dir = tempDir()
    const out = join(dir, 'uit')
    mkdirSync(join(out, 'statusbrief-000001-Voorbeeld.docx'), { recursive: true })
    const r = regelwerk(['letters', TEMPLATE, DATA, '--out', out])
    expect(r.status).toBe(1)
    expect(noStackTrace(r)).toBe(true)
    expect(r.stderr).toMatch(
      /medewerkers\.csv:2: .*op de plaats van de brief van deze rij in de uitvoermap staat iets anders dan een bestand/,
    )
    expect(readFileSync(join(out, 'fouten.txt'), 'utf8')).not.toContain('Voorbeeld')
  })
})

describe('file names are cut on grapheme boundaries', () => {
  const prefix = 'statusbrief-000001-' // 19 units: the cut at 120 falls at unit 120 of the name

  it('never inside a surrogate pair, a combining accent or an emoji sequence', () => {
    const a = 'a'.repeat(100)
    expect(safeFileName(`${prefix}${a}😀x`)).toBe(`${prefix}${a}`)
    expect(safeFileName(`${prefix}${a}q\u0301x`)).toBe(`${prefix}${a}`)
    const family = '👨‍👩‍👧'
    expect(safeFileName(`${prefix}${'a'.repeat(95)}${family}x`)).toBe(`${prefix}${'a'.repeat(95)}`)
    expect(safeFileName(`${prefix}${'a'.repeat(90)}${family}x`)).toBe(`${prefix}${'a'.repeat(90)}${family}x`)
    // A lone surrogate becomes U+FFFD, as the file system would write it.
    expect(safeFileName('naam\ud83d')).toBe('naam\ufffd')
    // File systems count bytes (255 at most): 120 CJK characters are 360 bytes.
    const cjk = safeFileName('字'.repeat(200))
    expect(Buffer.byteLength(cjk)).toBeLessThanOrEqual(200)
    expect(cjk).toBe('字'.repeat(66))
    // One grapheme longer than the limit: whole code points of it.
    const zalgo = cutOnGraphemes(`a${'\u0301'.repeat(500)}`, 120, 200)
    expect(zalgo.length).toBeLessThanOrEqual(120)
    expect(zalgo.startsWith('a\u0301')).toBe(true)
  })

  it('the manifest name is the name on disk, byte for byte', () => {
    const dir = tempDir()
    const lines = readFileSync(join(ROOT, DATA), 'utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n')
    const header = (lines[0] as string).split(';')
    const values = (lines[1] as string).split(';')
    const names = [`${'a'.repeat(100)}😀z`, `${'b'.repeat(100)}q\u0301z`, `${'c'.repeat(95)}👨‍👩‍👧z`, 'd\ud83d']
    const records = names.map((achternaam, k) =>
      header
        .map(
          (h, i) =>
            `    ${h}: ${h === 'achternaam' ? `"${[...achternaam].map((c) => (c.length === 1 && c >= '\ud800' && c <= '\udfff' ? `\\u${c.charCodeAt(0).toString(16)}` : c)).join('')}"` : JSON.stringify(h === 'personeelsnummer' ? `00000${k}` : (values[i] ?? ''))}`,
        )
        .join('\n')
        .trimStart(),
    )
    writeFileSync(join(dir, 'm.yaml'), `medewerkers:\n${records.map((r) => `  - ${r}\n`).join('')}`)
    const out = join(dir, 'uit')
    const r = regelwerk(['letters', TEMPLATE, join(dir, 'm.yaml'), '--out', out])
    expect(r.stderr).toContain('4 brieven geschreven')
    expect(r.status).toBe(0)
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { brieven: Array<{ bestand: string }> }
    const onDisk = readdirSync(out, { encoding: 'buffer' })
      .filter((b) => b.toString('utf8').endsWith('.docx'))
      .map((b) => b.toString('hex'))
      .sort()
    expect(m.brieven.map((b) => Buffer.from(b.bestand, 'utf8').toString('hex')).sort()).toEqual(onDisk)
    for (const b of m.brieven) {
      expect(b.bestand).not.toMatch(/\p{Surrogate}/u)
      expect(b.bestand.endsWith('.docx')).toBe(true)
    }
    expect(m.brieven.map((b) => b.bestand)).toContain('statusbrief-000003-d\ufffd.docx')
  })
})
