/**
 * Hostile and unlucky inputs through the real CLI (issue 13): ReDoS strings, deep nesting,
 * pathological Markdown, endless streams, long lines, a 20 MB file. Each run is a child process
 * that is killed after 10 s (the acceptance bound); it must end before that, peak at ≤ 500 MB RSS
 * (measured in the child by test/adversarial/measure.mjs), and give either the right result
 * (exit 0) or a placed Dutch message with exit 1, never a stack trace or "interne fout".
 */
import { execFileSync } from 'node:child_process'
import { copyFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { nodeAsync, noStackTrace, tempDir } from '../cli-helpers.js'
import { ROOT } from '../helpers.js'

const KILL_MS = 10_000
const MAX_RSS_KB = 500 * 1024
const MEASURE = join(ROOT, 'test', 'adversarial', 'measure.mjs')
const HEAD = '---\nciteertitel: Proefregeling\n---\n\n# Proefregeling\n\n## Artikel 1\n\n'

let dir: string
const measured: string[] = []

beforeAll(() => {
  dir = tempDir()
})

afterAll(() => {
  // The measurements, for the report (vitest shows console output of a passing run with --reporter=verbose).
  console.log(measured.join('\n'))
})

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}

interface Outcome {
  status: number | null
  stderr: string
  stdout: string
  rssKb: number
}

async function run(label: string, args: string[]): Promise<Outcome> {
  const started = Date.now()
  const r = await nodeAsync([MEASURE, ...args], { cwd: dir, timeoutMs: KILL_MS })
  const ms = Date.now() - started
  expect(r.timedOut, `${label}: still running after ${KILL_MS / 1000} s`).toBe(false)
  const m = /@@maxrss (\d+)\s*$/.exec(r.stderr)
  const rssKb = m ? Number(m[1]) : Number.NaN
  measured.push(`${label}: ${ms} ms, ${Math.round(rssKb / 1024)} MB, exit ${r.status}`)
  expect(rssKb, `${label}: peak RSS`).toBeLessThanOrEqual(MAX_RSS_KB)
  expect(noStackTrace(r), r.stderr).toBe(true)
  expect(r.stderr).not.toMatch(/interne fout/)
  return { status: r.status, stderr: r.stderr.replace(/\n@@maxrss \d+\s*$/, ''), stdout: r.stdout, rssKb }
}

/** Exit 1 with a `fout` placed in `path` (`path:line:col: fout … [rule]`). */
function expectPlaced(o: Outcome, path: string, rule: string): void {
  expect(o.status, o.stderr).toBe(1)
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  expect(o.stderr).toMatch(new RegExp(`${escaped}:\\d+:\\d+: fout .+ \\[${rule}\\]`))
}

describe('ReDoS and long runs', () => {
  it('a lid with 200,000 trailing spaces, a 100,000-character line: checked, exit 0', async () => {
    const spaces = file(
      'spaties.md',
      `${HEAD}1. Tekst${' '.repeat(200_000)}\n\n2. Tekst${' \u00a0'.repeat(100_000)}x\n`,
    )
    expect((await run('lid met 200k spaties', ['check', spaces])).status).toBe(0)
    const long = file('lange-regel.md', `${HEAD}1. ${'woord '.repeat(20_000)}\n`)
    expect((await run('regel van 120k tekens', ['check', long])).status).toBe(0)
  }, 30_000)
})

describe('deep nesting', () => {
  it('`>` nested 3,000 deep: check and fmt refuse it with a placed message', async () => {
    const deep = file('citaat-diep.md', `${HEAD}${'>'.repeat(3000)} tekst\n`)
    expectPlaced(await run('check > x3000', ['check', deep]), deep, 'te-diep-genest')
    expectPlaced(await run('fmt > x3000', ['fmt', deep]), deep, 'te-diep-genest')
  }, 30_000)

  it('`>` nested 40 deep fails check, so `fmt --write` never turns a passing text into a failing one', async () => {
    const deep = file('citaat-40.md', `${HEAD}${'>'.repeat(40)} tekst\n`)
    expectPlaced(await run('check > x40', ['check', deep]), deep, 'te-diep-genest')
  }, 30_000)

  it('lists nested 3,000 deep', async () => {
    const deep = file('lijst-diep.md', `${HEAD}${'- '.repeat(3000)}tekst\n`)
    expectPlaced(await run('check - x3000', ['check', deep]), deep, 'te-diep-genest')
  }, 30_000)

  it('5,000 nested {{#als}} in a template: check and letters give a placed message', async () => {
    const template = join(ROOT, 'templates', 'statusbrief.md')
    const text = execFileSync('cat', [template], { encoding: 'utf8' })
    const end = text.indexOf('\n---\n', 4) + 5
    const nested = file(
      'genest.md',
      `${text.slice(0, end)}${'{{#als aanhef}}\n'.repeat(5000)}tekst\n${'{{/als}}\n'.repeat(5000)}${text.slice(end)}`,
    )
    expectPlaced(await run('check {{#als}} x5000', ['check', nested]), nested, 'sjabloon-blok')
    const data = join(ROOT, 'templates', 'voorbeelden', 'medewerkers.csv')
    const letters = await run('letters {{#als}} x5000', ['letters', nested, data, '--dry-run'])
    expectPlaced(letters, nested, 'sjabloon-blok')
  }, 30_000)

  it('HTML with 20,000 nested <div> or 5,000 nested <ol><li>: import gives a placed message', async () => {
    const divs = file('divs.html', `<html><body>${'<div>'.repeat(20_000)}tekst${'</div>'.repeat(20_000)}</body></html>`)
    expectPlaced(await run('import div x20000', ['import', divs]), divs, 'te-diep-genest')
    const lists = file(
      'lijsten.html',
      `<html><body>${'<ol><li>'.repeat(5000)}t${'</li></ol>'.repeat(5000)}</body></html>`,
    )
    expectPlaced(await run('import ol/li x5000', ['import', lists]), lists, 'te-diep-genest')
  }, 30_000)
})

describe('pathological Markdown', () => {
  const cases: Array<[string, string]> = [
    ['*a x100k (200 kB)', '*a'.repeat(100_000)],
    ['[ x200k', '['.repeat(200_000)],
    ['nested images x10k', `x ${'!['.repeat(10_000)}a${'](b)'.repeat(10_000)}`],
    ['backtick runs', '`a``'.repeat(50_000)],
    ['< x200k', '<'.repeat(200_000)],
    ['_ x200k on one line', '_'.repeat(200_000)],
    ['a_ x70k', 'a_ '.repeat(70_000)],
    ['one list of 20,000 items', '1. a\n'.repeat(20_000)],
    ['one paragraph of 100,000 lines', 'a\n'.repeat(100_000)],
  ]
  it.each(cases)(
    '%s: a placed te-complex message within the bounds',
    async (label, body) => {
      const path = file(`${label.replace(/\W+/g, '-')}.md`, `${HEAD}${body}\n`)
      expectPlaced(await run(`check ${label}`, ['check', path]), path, 'te-complex')
    },
    30_000,
  )
})

describe('endless streams and huge inputs', () => {
  it('/dev/zero as regulation, template, data or import: refused, never read', async () => {
    expectPlaced(await run('check /dev/zero', ['check', '/dev/zero']), '/dev/zero', 'bestand-geen-gewoon-bestand')
    expectPlaced(await run('fmt /dev/zero', ['fmt', '/dev/zero']), '/dev/zero', 'bestand-geen-gewoon-bestand')
    expectPlaced(await run('import /dev/zero', ['import', '/dev/zero']), '/dev/zero', 'bestand-geen-gewoon-bestand')
    const data = join(ROOT, 'templates', 'voorbeelden', 'medewerkers.csv')
    const template = join(ROOT, 'templates', 'statusbrief.md')
    expectPlaced(
      await run('letters sjabloon /dev/zero', ['letters', '/dev/zero', data, '--dry-run']),
      '/dev/zero',
      'bestand-geen-gewoon-bestand',
    )
    expectPlaced(
      await run('letters gegevens /dev/zero', ['letters', template, '/dev/zero', '--dry-run']),
      '/dev/zero',
      'bestand-geen-gewoon-bestand',
    )
  }, 60_000)

  it('a FIFO nobody writes to: refused without waiting for a writer', async () => {
    const fifo = join(dir, 'pijp.md')
    try {
      execFileSync('mkfifo', [fifo])
    } catch {
      return // no mkfifo on this system: nothing to test
    }
    expectPlaced(await run('check FIFO', ['check', fifo]), fifo, 'bestand-geen-gewoon-bestand')
  }, 30_000)

  it('a 20 MB file: refused over the 10 MB limit; `--max-invoer` raises it; a bad value is exit 2', async () => {
    const big = file('groot.md', Buffer.alloc(20 * 1024 * 1024, 'a\n'))
    const refused = await run('check 20 MB', ['check', big])
    expectPlaced(refused, big, 'bestand-te-groot')
    expect(refused.stderr).toMatch(/20 MB, meer dan de grens van 10 MB.*--max-invoer/)
    // Raised: the file is read and parsed (one paragraph of 10 million lines is then too complex).
    const raised = await run('check 20 MB --max-invoer 25', ['check', big, '--max-invoer', '25'])
    expectPlaced(raised, big, 'te-complex')
    const bad = await run('--max-invoer nul', ['check', big, '--max-invoer', 'nul'])
    expect(bad.status).toBe(2)
    expect(bad.stderr).toMatch(/--max-invoer nul/)
  }, 60_000)

  it('the corpus regulation still passes with the limits in place', async () => {
    const copy = join(dir, 'echt.md')
    copyFileSync(join(ROOT, 'regulations', 'sociaal-statuut-cgm', '2013-01-03.md'), copy)
    expect((await run('check echte regeling', ['check', copy])).status).toBe(0)
  }, 30_000)
})
