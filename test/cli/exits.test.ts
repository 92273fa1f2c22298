/**
 * Exit status for trouble that is not a bug (issue 13): the machine (a full disk, no permission, a
 * read-only file system, a file where a folder belongs, a closed or full stdout) and regulations
 * with errors. Each case: the exit status, a Dutch message that names the path, nothing written,
 * never "interne fout", never a stack trace.
 *
 * The disk-full and read-only cases mount a small tmpfs (or a read-only bind mount) and need root;
 * the "not writable" case runs the program as `nobody` and needs root too (root itself ignores
 * file modes). Without root they are skipped, and say why.
 */
import { execFileSync, spawn } from 'node:child_process'
import {
  chmodSync,
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { isSystemError, type SystemError, systemErrorMessage, systemErrorReason } from '../../src/util/system-errors.js'
import { noStackTrace, type Run, regelwerkAsync, tempDir } from '../cli-helpers.js'
import { ROOT } from '../helpers.js'

const BIN = join(ROOT, 'bin', 'regelwerk')
const TEMPLATE = join(ROOT, 'templates', 'statusbrief.md')
const DATA = join(ROOT, 'templates', 'voorbeelden', 'medewerkers.csv')
const BIG = join(ROOT, 'regulations', 'sociaal-statuut-cgm', '2013-01-03.md')
const isRoot = process.getuid?.() === 0

/** A user's view of a failed run: the status, no internal error, no stack trace. */
function expectRefused(run: Run & { timedOut?: boolean }, status = 1): void {
  expect(run.timedOut ?? false).toBe(false)
  expect(run.status, run.stderr).toBe(status)
  expect(run.stderr).not.toMatch(/interne fout/)
  expect(noStackTrace(run), run.stderr).toBe(true)
}

/** Every file below `dir`, hidden ones included (a temp file left behind would show here). */
function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
}

// ---- mounts (root only) ------------------------------------------------------------------------

const mounted: string[] = []

/** A tmpfs of `size` at a new folder, or undefined when mounting is refused (not root, a container). */
function tmpfs(size: string): string | undefined {
  if (!isRoot) return undefined
  const dir = tempDir()
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' })
  } catch {
    return undefined
  }
  mounted.push(dir)
  return dir
}

/** A read-only bind mount of a new folder holding `files`, or undefined when mounting is refused. */
function readOnly(files: Record<string, string> = {}): string | undefined {
  if (!isRoot) return undefined
  const dir = tempDir()
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  try {
    execFileSync('mount', ['--bind', dir, dir], { stdio: 'ignore' })
    mounted.push(dir)
    execFileSync('mount', ['-o', 'remount,bind,ro', dir], { stdio: 'ignore' })
  } catch {
    return undefined
  }
  return dir
}

/** Fill the file system of `dir` until a write fails with ENOSPC. */
function fill(dir: string): void {
  const fd = openSync(join(dir, 'vulsel'), 'w')
  const chunk = Buffer.alloc(4096, 1)
  try {
    for (;;) writeSync(fd, chunk)
  } catch (error) {
    if (!isSystemError(error) || error.code !== 'ENOSPC') throw error
  } finally {
    closeSync(fd)
  }
}

afterAll(() => {
  for (const dir of mounted.reverse()) execFileSync('umount', ['-l', dir], { stdio: 'ignore' })
})

const canMount = tmpfs('64k') !== undefined
// Said once, so that a run without root shows why its disk-full and read-only cases were skipped.
if (!canMount)
  process.stderr.write(
    'exits.test.ts: mount is refused here (not root, or no CAP_SYS_ADMIN); the disk-full and read-only cases are skipped\n',
  )
if (!isRoot)
  process.stderr.write('exits.test.ts: not root; the case that runs as `nobody` (no write permission) is skipped\n')

// ---- the mapping itself --------------------------------------------------------------------------

function sysError(code: string, syscall: string, path?: string, dest?: string): SystemError {
  return Object.assign(new Error(`${code}: ${syscall}`), { code, syscall, path, dest }) as SystemError
}

describe('system errors in Dutch', () => {
  it.each([
    ['ENOSPC', 'write', /geen ruimte meer op de schijf/],
    ['EDQUOT', 'write', /quotum/],
    ['EACCES', 'open', /geen toestemming om `uit\/a.docx` te openen/],
    ['EPERM', 'rename', /geen toestemming om `uit\/a.docx` te schrijven/],
    ['EROFS', 'open', /alleen gelezen/],
    ['ENOTDIR', 'mkdir', /is een bestand, geen map/],
    ['EISDIR', 'read', /is een map, geen bestand/],
    ['EEXIST', 'mkdir', /hier hoort een map/],
    ['ENOENT', 'open', /bestaat niet/],
    ['EMFILE', 'open', /te veel bestanden tegelijk open/],
    ['EBUSY', 'rename', /in gebruik door een ander programma/],
    ['EIO', 'read', /lees- of schrijffout/],
    ['ENAMETOOLONG', 'open', /te lang/],
    ['EWHATEVER', 'open', /besturingssysteem weigert/],
  ])('%s names the path and what to do', (code, syscall, words) => {
    const reason = systemErrorReason(sysError(code, syscall, 'uit/a.docx'))
    expect(reason).toMatch(words)
    expect(reason).toContain('`uit/a.docx`')
    expect(reason).toContain(`(${code}`)
    // What to do: every reason gives advice after the semicolon.
    expect(reason).toMatch(/; [a-z]/)
  })

  it('names the real file, not a temp file next to it', () => {
    expect(systemErrorReason(sysError('ENOSPC', 'write', 'uit/.a1b2c3.tmp'))).toContain('`uit`')
    expect(systemErrorReason(sysError('EACCES', 'rename', 'uit/.a1b2c3.tmp', 'uit/brief.docx'))).toContain(
      '`uit/brief.docx`',
    )
  })

  it('is only for system errors', () => {
    expect(systemErrorMessage(new TypeError('x is undefined'))).toBeUndefined()
    expect(systemErrorMessage('ENOSPC')).toBeUndefined()
    expect(systemErrorMessage(sysError('ENOSPC', 'write', 'x'))).toMatch(/^fout: /)
  })
})

// ---- letters ---------------------------------------------------------------------------------------

describe('letters where the output folder or the data path is wrong', () => {
  it('--out is a file: exit 1, the file untouched', async () => {
    const dir = tempDir()
    const out = join(dir, 'brieven')
    writeFileSync(out, 'niet aankomen')
    const run = await regelwerkAsync(['letters', TEMPLATE, DATA, '--out', out])
    expectRefused(run)
    expect(run.stderr).toContain(`De uitvoermap \`${out}\` is een bestand`)
    expect(readFileSync(out, 'utf8')).toBe('niet aankomen')
    expect(allFiles(dir)).toEqual(['brieven'])
  })

  it('--out lies under a file: exit 1, nothing made', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'bestand'), '')
    const out = join(dir, 'bestand', 'brieven')
    const run = await regelwerkAsync(['letters', TEMPLATE, DATA, '--out', out])
    expectRefused(run)
    expect(run.stderr).toContain(`\`${join(dir, 'bestand')}\` is een bestand, geen map`)
    expect(allFiles(dir)).toEqual(['bestand'])
  })

  it('the data path is a folder: exit 1, no letters', async () => {
    const dir = tempDir()
    const out = join(dir, 'brieven')
    const run = await regelwerkAsync(['letters', TEMPLATE, dir, '--out', out])
    expectRefused(run)
    expect(run.stderr).toContain(`${dir}:1:1: fout \`${dir}\` is een map, geen bestand [bestand-is-map]`)
    expect(existsSync(out)).toBe(false)
  })

  it('the data path is an endless device (/dev/zero): exit 1 at once, no letters', async () => {
    const out = join(tempDir(), 'brieven')
    const run = await regelwerkAsync(['letters', TEMPLATE, '/dev/zero', '--out', out], { timeoutMs: 15_000 })
    expect(run.timedOut).toBe(false)
    expectRefused(run)
    expect(run.stderr).toContain('/dev/zero:1:1: fout `/dev/zero` is een apparaat, geen gewoon bestand')
    expect(existsSync(out)).toBe(false)
  })

  it.skipIf(!canMount)('--out on a read-only file system: exit 1 (EROFS)', async () => {
    const ro = readOnly() as string
    const run = await regelwerkAsync(['letters', TEMPLATE, DATA, '--out', join(ro, 'brieven')])
    expectRefused(run)
    expect(run.stderr).toContain(`\`${ro}\``)
    expect(run.stderr).toContain('EROFS')
    expect(allFiles(ro)).toEqual([])
  })

  // Root writes anywhere; as `nobody` a folder without write permission is refused.
  it.skipIf(!isRoot)('--out in a folder without write permission: exit 1 (EACCES)', async () => {
    const dir = tempDir()
    chmodSync(dir, 0o755)
    const locked = join(dir, 'dicht')
    mkdirSync(locked, { mode: 0o555 })
    chmodSync(locked, 0o555)
    const run = await spawnAs(65534, ['letters', TEMPLATE, DATA, '--out', join(locked, 'brieven')], dir)
    expectRefused(run)
    expect(run.stderr).toContain(`\`${locked}\``)
    expect(run.stderr).toContain('EACCES')
    expect(allFiles(locked)).toEqual([])
  })

  it.skipIf(!canMount)('the disk fills up during the batch: exit 1, the path, no temp files', async () => {
    const disk = tmpfs('40k') as string
    const out = join(disk, 'brieven')
    const run = await regelwerkAsync(['letters', TEMPLATE, DATA, '--out', out])
    expectRefused(run)
    expect(run.stderr).toMatch(/geen ruimte meer op de schijf/)
    expect(run.stderr).toContain(disk)
    expect(run.stderr).toContain('--resume')
    expect(allFiles(disk).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })
})

/** Run the CLI as another user (root only), with a real timeout. */
function spawnAs(uid: number, args: string[], cwd: string): Promise<Run & { timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      uid,
      gid: uid,
      env: { ...process.env, REGELWERK_DEBUG: '', HOME: cwd },
    })
    let stdout = ''
    let stderr = ''
    let timedOut = false
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d
    })
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d
    })
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, 50_000)
    child.on('error', reject)
    child.on('close', (status) => {
      clearTimeout(timer)
      resolve({ status, stdout, stderr, timedOut })
    })
  })
}

// ---- fmt --write, apply --out on a full disk ---------------------------------------------------------

describe('a full disk while writing a file', () => {
  it.skipIf(!canMount)('fmt --write: exit 1, the file as it was', async () => {
    const disk = tmpfs('256k') as string
    const path = join(disk, 'regeling.md')
    // Not in the standard form (an extra blank line), so fmt --write has to write.
    const text = readFileSync(join(ROOT, 'regulations', 'car-uwo', '2015-09-07.md'), 'utf8').replace(
      /\n## /,
      '\n\n\n## ',
    )
    writeFileSync(path, text)
    fill(disk)
    const run = await regelwerkAsync(['fmt', '--write', path])
    expectRefused(run)
    expect(run.stderr).toContain(`fout: Er is geen ruimte meer op de schijf voor \`${path}\` (ENOSPC)`)
    expect(readFileSync(path, 'utf8')).toBe(text)
    expect(allFiles(disk).sort()).toEqual(['regeling.md', 'vulsel'])
  })

  it.skipIf(!canMount)('fmt --write on a read-only file system: exit 1, names the file', async () => {
    const text = readFileSync(join(ROOT, 'regulations', 'car-uwo', '2015-09-07.md'), 'utf8').replace(
      /\n## /,
      '\n\n\n## ',
    )
    const ro = readOnly({ 'regeling.md': text }) as string
    const path = join(ro, 'regeling.md')
    const run = await regelwerkAsync(['fmt', '--write', path])
    expectRefused(run)
    expect(run.stderr).toBe(
      `fout: Het pad \`${path}\` staat op een schijf waarop alleen gelezen mag worden (EROFS); kies een plek waar u mag schrijven\n`,
    )
    expect(readFileSync(path, 'utf8')).toBe(text)
  })

  it.skipIf(!canMount)('apply --out: exit 1, no output file', async () => {
    const disk = tmpfs('64k') as string
    fill(disk)
    const out = join(disk, 'car-uwo.md')
    const run = await regelwerkAsync([
      'apply',
      join(ROOT, 'regulations', 'car-uwo', 'basis', 'voor-lbr-15-069.md'),
      join(ROOT, 'regulations', 'ledenbrieven', 'lbr-15-069.md'),
      '--out',
      out,
    ])
    expectRefused(run)
    expect(run.stderr).toContain(`\`${out}\` (ENOSPC)`)
    expect(allFiles(disk)).toEqual(['vulsel'])
  })
})

// ---- stdout ----------------------------------------------------------------------------------------

/** Run the CLI with stdout on `/dev/full` (every write fails with ENOSPC). */
function toDevFull(args: string[]): Promise<Run & { timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    const full = openSync('/dev/full', 'w')
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      stdio: ['ignore', full, 'pipe'],
      env: { ...process.env, REGELWERK_DEBUG: '' },
    })
    closeSync(full)
    let stderr = ''
    let timedOut = false
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      stderr += d
    })
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, 50_000)
    child.on('error', reject)
    child.on('close', (status) => {
      clearTimeout(timer)
      resolve({ status, stdout: '', stderr, timedOut })
    })
  })
}

describe('stdout', () => {
  it.skipIf(!existsSync('/dev/full'))('a full stdout: exit 1 and a Dutch line, no stack trace', async () => {
    const run = await toDevFull(['tree', BIG])
    expectRefused(run)
    expect(run.stderr).toBe(
      'fout: Er is geen ruimte meer op de schijf voor de standaarduitvoer (ENOSPC); maak ruimte vrij of schrijf naar een andere schijf, en probeer het opnieuw\n',
    )
  })

  it('a reader that closes early (`| head -c 10`): quiet, exit 0', async () => {
    const run = await new Promise<{ status: number | null; stderr: string; got: string; timedOut: boolean }>(
      (resolve, reject) => {
        const child = spawn(process.execPath, [BIN, 'tree', '--json', BIG], {
          cwd: ROOT,
          env: { ...process.env, REGELWERK_DEBUG: '' },
        })
        let got = ''
        let stderr = ''
        let timedOut = false
        child.stderr.setEncoding('utf8').on('data', (d: string) => {
          stderr += d
        })
        // Like `head -c 10`: take the first bytes, then close the pipe (300 kB of JSON follow).
        child.stdout.once('data', (d: Buffer) => {
          got = d.subarray(0, 10).toString('utf8')
          child.stdout.destroy()
        })
        const timer = setTimeout(() => {
          timedOut = true
          child.kill('SIGKILL')
        }, 50_000)
        child.on('error', reject)
        child.on('close', (status) => {
          clearTimeout(timer)
          resolve({ status, stderr, got, timedOut })
        })
      },
    )
    expect(run.timedOut).toBe(false)
    expect(run.got).toBe('{\n  "type"')
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
  })
})

// ---- regulations with errors -------------------------------------------------------------------------

const REGELING = (datum: string, artikelen: string) => `---
citeertitel: Testregeling verlof
inwerkingtreding: ${datum}
---

# Testregeling verlof

${artikelen}`

const TWEE = `## Artikel 1

De werknemer heeft recht op verlof.

## Artikel 2

Het verlof wordt op aanvraag verleend.
`
const DUBBEL = `${TWEE}
## Artikel 2

De aanvraag is schriftelijk.
`

/** Two versions in a fresh folder: `oud.md` (sound) and `nieuw.md`. */
function versions(nieuw: string, oud = REGELING('2020-01-01', TWEE)): { dir: string; oud: string; nieuw: string } {
  const dir = tempDir()
  writeFileSync(join(dir, 'oud.md'), oud)
  writeFileSync(join(dir, 'nieuw.md'), nieuw)
  return { dir, oud: join(dir, 'oud.md'), nieuw: join(dir, 'nieuw.md') }
}

describe('a regulation with errors is refused unless --force', () => {
  it.each([
    [
      'an impossible date',
      REGELING('2023-02-30', TWEE),
      /nieuw\.md:3:\d+: fout De datum `2023-02-30`.*\[frontmatter-datum\]/,
    ],
    [
      'a duplicate article',
      REGELING('2021-01-01', DUBBEL.replace('recht op verlof', 'recht op betaald verlof')),
      /nieuw\.md:16:1: fout Artikel `2` komt twee keer voor.*\[artikel-dubbel\]/,
    ],
  ])('diff --format html with %s: exit 1, no page; --force writes it', async (_, nieuw, message) => {
    const v = versions(nieuw)
    const out = join(v.dir, 'renvooi.html')
    const refused = await regelwerkAsync(['diff', v.oud, v.nieuw, '--format', 'html', '--out', out])
    expectRefused(refused)
    expect(refused.stderr).toMatch(message)
    expect(refused.stderr).toContain('er is niets geschreven')
    expect(refused.stderr).toContain('--force')
    expect(existsSync(out)).toBe(false)
    expect(allFiles(v.dir).sort()).toEqual(['nieuw.md', 'oud.md'])

    const forced = await regelwerkAsync(['diff', v.oud, v.nieuw, '--format', 'html', '--out', out, '--force'])
    expect(forced.status, forced.stderr).toBe(0)
    expect(forced.stderr).toMatch(message)
    expect(forced.stderr).toContain('toch doorgegaan')
    expect(readFileSync(out, 'utf8')).toMatch(/^<!DOCTYPE html>/i)
  })

  it('diff (text, json) refuses too, and shows the messages of both sides', async () => {
    const v = versions(REGELING('2023-02-30', TWEE), REGELING('2020-01-01', DUBBEL))
    for (const format of ['text', 'json']) {
      const run = await regelwerkAsync(['diff', v.oud, v.nieuw, '--format', format])
      expectRefused(run)
      expect(run.stdout).toBe('')
      expect(run.stderr).toMatch(/oud\.md:16:1: fout .*\[artikel-dubbel\]/)
      expect(run.stderr).toMatch(/nieuw\.md:3:\d+: fout .*\[frontmatter-datum\]/)
    }
  })

  it('amend with a duplicate article: exit 1, no besluit', async () => {
    const v = versions(REGELING('2021-01-01', DUBBEL))
    const out = join(v.dir, 'besluit.md')
    const run = await regelwerkAsync(['amend', v.oud, v.nieuw, '--out', out])
    expectRefused(run)
    expect(run.stderr).toMatch(/nieuw\.md:16:1: fout Artikel `2` komt twee keer voor/)
    expect(existsSync(out)).toBe(false)
  })

  it('amend --force with a duplicate article that the besluit would have to name: a placed refusal', async () => {
    // Both sides have two articles 2; the second changes only in opmaak, so the redactionele
    // bijwerking would have to name "artikel 2", which is ambiguous (applyRedactioneel refuses).
    const oud = REGELING('2020-01-01', DUBBEL)
    const v = versions(REGELING('2021-01-01', DUBBEL.replace('is schriftelijk', 'is *schriftelijk*')), oud)
    const out = join(v.dir, 'besluit.md')
    const run = await regelwerkAsync(['amend', v.oud, v.nieuw, '--out', out, '--force'])
    expectRefused(run)
    expect(run.stderr).toMatch(
      /nieuw\.md:\d+:1: fout Het wijzigingsbesluit kan niet worden gemaakt: artikel 2 komt 2 keer voor.*\[wijziging-onmogelijk\]/,
    )
    expect(existsSync(out)).toBe(false)
  })

  it('amend with an impossible date: exit 1 without and with --force, placed, no besluit', async () => {
    const v = versions(REGELING('2023-02-30', TWEE.replace('op aanvraag', 'op schriftelijke aanvraag')))
    const out = join(v.dir, 'besluit.md')
    for (const force of [[], ['--force']]) {
      const run = await regelwerkAsync(['amend', v.oud, v.nieuw, '--out', out, ...force])
      expectRefused(run)
      expect(run.stderr).toMatch(/nieuw\.md:3:19: fout De datum `2023-02-30`/)
      expect(existsSync(out)).toBe(false)
    }
    const forced = await regelwerkAsync(['amend', v.oud, v.nieuw, '--force'])
    expect(forced.stderr).toContain('het wijzigingsbesluit kan er niet mee in werking treden')
    expect(forced.stdout).toBe('')
  })

  it('tree, show and apply refuse too; tree --force shows the tree', async () => {
    const v = versions(REGELING('2021-01-01', DUBBEL))
    const tree = await regelwerkAsync(['tree', v.nieuw])
    expectRefused(tree)
    expect(tree.stdout).toBe('')
    const forced = await regelwerkAsync(['tree', v.nieuw, '--force'])
    expect(forced.status).toBe(0)
    expect(forced.stdout).toMatch(/artikel 2 .*\n.*artikel 2 /)

    const work = join(v.dir, 'werk')
    mkdirSync(work)
    copyFileSync(v.nieuw, join(work, '2021-01-01.md'))
    const show = await regelwerkAsync(['show', work, '--at', '2021-06-01'])
    expectRefused(show)
    expect(show.stdout).toBe('')
    expect(show.stderr).toMatch(/2021-01-01\.md:16:1: fout .*\[artikel-dubbel\]/)
    expect((await regelwerkAsync(['show', work, '--at', '2021-06-01', '--force'])).status).toBe(0)

    const out = join(v.dir, 'nieuw-na.md')
    const apply = await regelwerkAsync([
      'apply',
      v.nieuw,
      join(ROOT, 'regulations', 'ledenbrieven', 'lbr-15-069.md'),
      '--out',
      out,
    ])
    expectRefused(apply)
    expect(apply.stderr).toMatch(/nieuw\.md:16:1: fout .*\[artikel-dubbel\]/)
    expect(existsSync(out)).toBe(false)
  })
})

describe('apply: a date in the besluit that does not exist', () => {
  it('is refused at its place, exit 1, and no new version is written', async () => {
    const dir = tempDir()
    const besluit = join(dir, 'besluit.md')
    const lbr = readFileSync(join(ROOT, 'regulations', 'ledenbrieven', 'lbr-15-069.md'), 'utf8')
    writeFileSync(besluit, lbr.replace(/^ondertekening: .*$/m, 'ondertekening: 2015-13-45'))
    expect(readFileSync(besluit, 'utf8')).toContain('ondertekening: 2015-13-45')
    const out = join(dir, 'car-uwo.md')
    const run = await regelwerkAsync([
      'apply',
      join(ROOT, 'regulations', 'car-uwo', 'basis', 'voor-lbr-15-069.md'),
      besluit,
      '--out',
      out,
    ])
    expectRefused(run)
    expect(run.stderr).toMatch(
      /besluit\.md:\d+:\d+: fout De datum `2015-13-45` bij `ondertekening` bestaat niet.*\[frontmatter-datum\]/,
    )
    expect(existsSync(out)).toBe(false)
  })
})
