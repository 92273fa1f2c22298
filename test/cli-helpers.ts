import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT } from './helpers.js'

export interface Run {
  status: number | null
  stdout: string
  stderr: string
}

/** Run the built CLI as a user would (`./bin/regelwerk …`) in `cwd`. */
export function regelwerk(args: string[], cwd = ROOT): Run {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'regelwerk'), ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, REGELWERK_DEBUG: '' },
  })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'regelwerk-'))
}

/** A user never sees a JavaScript stack trace. */
export function noStackTrace(run: Run): boolean {
  return !/\n\s+at .+\(.*:\d+:\d+\)/.test(run.stderr) && !/TypeError|RangeError|ReferenceError/.test(run.stderr)
}
