import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT } from './helpers.js'

export interface Run {
  status: number | null
  stdout: string
  stderr: string
}

/**
 * Run the built CLI as a user would (`./bin/regelwerk …`) in `cwd`, for short runs. The child is
 * killed after 45 s, before the test's own 60 s limit; long runs use `regelwerkAsync`.
 */
export function regelwerk(args: string[], cwd = ROOT): Run {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'regelwerk'), ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, REGELWERK_DEBUG: '' },
    timeout: 45_000,
    killSignal: 'SIGKILL',
  })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

/**
 * Run a Node process asynchronously with a real timeout: the child is killed when it runs past
 * `timeoutMs` (a blocking spawnSync would hold the test worker and its timer hostage). Resolves
 * with `status: null` and `timedOut: true` then.
 */
export function nodeAsync(
  args: string[],
  { cwd = ROOT, timeoutMs = 50_000 }: { cwd?: string; timeoutMs?: number } = {},
): Promise<Run & { timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env: { ...process.env, REGELWERK_DEBUG: '' } })
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
    }, timeoutMs)
    child.on('error', reject)
    child.on('close', (status) => {
      clearTimeout(timer)
      resolve({ status, stdout, stderr, timedOut })
    })
  })
}

/** `regelwerk …` as a user would run it, asynchronously, with a real timeout. */
export function regelwerkAsync(args: string[], options: { cwd?: string; timeoutMs?: number } = {}) {
  return nodeAsync([join(ROOT, 'bin', 'regelwerk'), ...args], options)
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'regelwerk-'))
}

/** A user never sees a JavaScript stack trace. */
export function noStackTrace(run: Run): boolean {
  return !/\n\s+at .+\(.*:\d+:\d+\)/.test(run.stderr) && !/TypeError|RangeError|ReferenceError/.test(run.stderr)
}
