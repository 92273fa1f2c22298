/**
 * Batches: `--jobs N` gives the same bytes as `--jobs 1` (letters, manifest, report), the manifest
 * written entry by entry is the manifest, and the file-name index refuses exactly the names used.
 */
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { NameIndex } from '../../src/assemble/batch.js'
import { noStackTrace, regelwerk, tempDir } from '../cli-helpers.js'
import { ROOT } from '../helpers.js'

const DATA = 'templates/voorbeelden/medewerkers.csv'

/** Every file of a folder (hidden ones too) with its bytes. */
function snapshot(dir: string): Map<string, Buffer> {
  return new Map(
    readdirSync(dir)
      .sort()
      .map((f) => [f, readFileSync(join(dir, f))]),
  )
}

function expectSameFolders(a: string, b: string): void {
  const x = snapshot(a)
  const y = snapshot(b)
  expect([...y.keys()]).toEqual([...x.keys()])
  for (const [name, bytes] of x) expect(y.get(name)?.equals(bytes), name).toBe(true)
}

/** The sample rows twice over: the second time every file name is already used. */
function withDuplicates(dir: string): string {
  const lines = readFileSync(join(ROOT, DATA), 'utf8').split('\r\n')
  const path = join(dir, 'dubbel.csv')
  writeFileSync(path, [...lines.filter(Boolean), ...lines.slice(1, 6)].join('\r\n'))
  return path
}

describe('--jobs', () => {
  it('worker threads write the same letters, manifest and report as one thread, in the same order', () => {
    const dir = tempDir()
    const dubbel = withDuplicates(dir)
    for (const [k, template, data] of [
      [1, 'templates/plaatsingsbesluit.md', DATA],
      [2, 'templates/statusbrief.md', dubbel],
    ] as const) {
      const one = join(dir, `een-${k}`)
      const three = join(dir, `drie-${k}`)
      const a = regelwerk(['letters', template, data, '--out', one, '--jobs', '1'])
      const b = regelwerk(['letters', template, data, '--out', three, '--jobs', '3'])
      expect(b.status).toBe(a.status)
      expect(b.stderr.replaceAll(three, one)).toBe(a.stderr)
      expect(noStackTrace(b)).toBe(true)
      // Letters were made, the manifest lists them in row order, and no temp file is left.
      const manifest = JSON.parse(readFileSync(join(three, 'manifest.json'), 'utf8'))
      expect(manifest.brieven.length).toBeGreaterThan(20)
      const rows = manifest.brieven.map((e: { rij: number }) => e.rij)
      expect(rows).toEqual([...rows].sort((x: number, y: number) => x - y))
      expect(readdirSync(three).filter((f) => f.startsWith('.'))).toEqual([])
      expectSameFolders(one, three)
    }
    // The duplicates were refused in both, naming the first row.
    expect(readFileSync(join(dir, 'drie-2', 'fouten.txt'), 'utf8')).toMatch(
      /dubbel\.csv:3\d: deze rij krijgt dezelfde bestandsnaam als de rij op regel 2/,
    )
  })

  it('--strict with workers stops at the same row as without', () => {
    const dir = tempDir()
    const a = regelwerk(['letters', 'templates/statusbrief.md', DATA, '--out', join(dir, 'a'), '--strict'])
    const b = regelwerk([
      'letters',
      'templates/statusbrief.md',
      DATA,
      '--out',
      join(dir, 'b'),
      '--strict',
      '--jobs',
      '2',
    ])
    expect(b.status).toBe(1)
    expect(b.stderr.replaceAll(join(dir, 'b'), join(dir, 'a'))).toBe(a.stderr)
    expect(readdirSync(join(dir, 'b')).filter((f) => f.endsWith('.docx'))).toHaveLength(12)
    expect(readdirSync(join(dir, 'b')).filter((f) => f.startsWith('.'))).toEqual([])
    expectSameFolders(join(dir, 'a'), join(dir, 'b'))
  })

  it('a bad --jobs is a usage error in Dutch', () => {
    for (const bad of ['0', 'twee', '1.5']) {
      const r = regelwerk(['letters', 'templates/statusbrief.md', DATA, '--out', tempDir(), '--jobs', bad])
      expect(r.status).toBe(2)
      expect(r.stderr).toContain(`\`--jobs ${bad}\` is geen aantal`)
      expect(noStackTrace(r)).toBe(true)
    }
  })
})

describe('the manifest and the files of a batch', () => {
  it('the manifest written entry by entry is valid JSON with every letter and its hash', () => {
    const dir = tempDir()
    const r = regelwerk(['letters', 'templates/statusbrief.md', DATA, '--out', dir])
    expect(r.status).toBe(1)
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))
    expect(m.rijen).toBe(34)
    expect(m.fouten).toHaveLength(3)
    const docx = readdirSync(dir).filter((f) => f.endsWith('.docx'))
    expect(m.brieven.map((b: { bestand: string }) => b.bestand).sort()).toEqual(docx.sort())
    for (const b of m.brieven as Array<{ bestand: string; sha256: string }>)
      expect(
        createHash('sha256')
          .update(readFileSync(join(dir, b.bestand)))
          .digest('hex'),
      ).toBe(b.sha256)
    // Each letter is a complete zip: every part is there and reads back.
    const parts = unzipSync(readFileSync(join(dir, docx[0] as string)))
    expect(Object.keys(parts)).toEqual(expect.arrayContaining(['word/document.xml', 'word/styles.xml']))
  })

  it('--resume removes the temp files an interrupted batch left, and writes what is missing', () => {
    const dir = tempDir()
    const first = regelwerk(['letters', 'templates/statusbrief.md', DATA, '--out', dir])
    expect(first.status).toBe(1)
    const before = snapshot(dir)
    rmSync(join(dir, 'statusbrief-000001-Voorbeeld.docx'))
    // Temp files of a process that has ended (those of a live one are kept).
    const dead = spawnSync(process.execPath, ['-e', '']).pid
    writeFileSync(join(dir, `.regelwerk-${dead}-w1-7.tmp`), 'half')
    writeFileSync(join(dir, `.regelwerk-${dead}-manifest.tmp`), '{')
    const again = regelwerk(['letters', 'templates/statusbrief.md', DATA, '--out', dir, '--resume'])
    expect(again.stderr).toContain('1 brief geschreven')
    expect(again.stderr).toContain('(30 al aanwezig, overgeslagen)')
    expect([...snapshot(dir).keys()]).toEqual([...before.keys()])
    for (const [name, bytes] of before) expect(readFileSync(join(dir, name)).equals(bytes), name).toBe(true)
  })

  it('an empty batch still gives a valid manifest', () => {
    const dir = tempDir()
    const csv = join(dir, 'leeg.csv')
    writeFileSync(csv, `${readFileSync(join(ROOT, DATA), 'utf8').split('\r\n')[0]}\r\n`)
    const r = regelwerk(['letters', 'templates/statusbrief.md', csv, '--out', join(dir, 'uit')])
    expect(r.status).toBe(0)
    const m = JSON.parse(readFileSync(join(dir, 'uit', 'manifest.json'), 'utf8'))
    expect(m).toMatchObject({ rijen: 0, brieven: [], fouten: [] })
  })
})

describe('NameIndex', () => {
  it('refuses a name used before with the earlier line, and only that', () => {
    const index = new NameIndex()
    const n = 50_000
    for (let i = 0; i < n; i++)
      expect(index.claim(`statusbrief-${String(i).padStart(6, '0')}-Naam.docx`, i + 2)).toBe(undefined)
    expect(index.claim('statusbrief-000123-Naam.docx', 99_999)).toBe(125)
    expect(index.claim('statusbrief-049999-Naam.docx', 99_999)).toBe(n + 1)
    expect(index.claim('Statusbrief-000123-Naam.docx', 7)).toBe(undefined)
    expect(index.claim('Statusbrief-000123-Naam.docx', 8)).toBe(7)
  })
})
