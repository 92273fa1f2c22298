/**
 * `regelwerk serve` for the browser tests: a copy of the bundled regulations, templates and
 * publication files in a temporary folder, the built CLI started on a free port as a user would,
 * and the address it prints. axe-core runs in the page for the WCAG 2.1 AA check.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { ROOT } from '../helpers.js'

export interface Served {
  dir: string
  /** The printed address, with the token. */
  url: string
  /** `http://127.0.0.1:PORT` */
  base: string
  token: string
  port: number
  child: ChildProcess
  stderr: () => string
  stop: () => Promise<void>
}

/** A fresh copy of the project's data in a temporary folder. */
export function copyProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'regelwerk-serve-test-'))
  for (const d of ['regulations', 'templates', 'publicaties']) cpSync(join(ROOT, d), join(dir, d), { recursive: true })
  return dir
}

/** Start `regelwerk serve DIR --port 0 …` and wait for the address it prints. */
export function serve(dir: string, extra: string[] = []): Promise<Served> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'regelwerk'), 'serve', dir, '--port', '0', ...extra], {
    cwd: dir,
    env: { ...process.env, REGELWERK_DEBUG: '' },
  })
  let out = ''
  let err = ''
  child.stderr.on('data', (c) => {
    err += String(c)
  })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printte geen adres:\n${out}\n${err}`)), 30_000)
    child.on('exit', (code) => reject(new Error(`serve stopte (${code}):\n${out}\n${err}`)))
    child.stdout.on('data', (c) => {
      out += String(c)
      const m = /(http:\/\/[^\s]+\?token=([\w-]+))/.exec(out)
      if (!m) return
      clearTimeout(timer)
      const url = m[1] as string
      const u = new URL(url)
      resolve({
        dir,
        url,
        base: `${u.protocol}//${u.host}`,
        token: m[2] as string,
        port: Number(u.port),
        child,
        stderr: () => err,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done()
            child.once('exit', () => done())
            child.kill('SIGTERM')
          }),
      })
    })
  })
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: string[]
}

/** axe-core's WCAG 2.0/2.1 A and AA rules on the page: the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE)
  const result = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page above
    const axe = (window as any).axe
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    })
    // biome-ignore lint/suspicious/noExplicitAny: axe's result type lives in the page
    return r.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n: { target: unknown }) => String(n.target)),
    }))
  })
  return (result as AxeViolation[]).filter((v) => v.impact === 'serious' || v.impact === 'critical')
}
