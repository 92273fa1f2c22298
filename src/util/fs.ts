/** File helpers: atomic writes (temp file + rename) and collecting `.md` files from paths. */
import { randomBytes } from 'node:crypto'
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { VFile } from 'vfile'
import { isSystemError, whileWriting } from './system-errors.js'

/** Write `data` to `path` atomically: readers see the old file or the new one, never half. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true })
  const tmp = join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`)
  try {
    writeFileSync(tmp, data)
    renameSync(tmp, path)
  } catch (error) {
    rmSync(tmp, { force: true })
    // The user knows the file, not the temp name next to it.
    throw isSystemError(error) ? whileWriting(error, path) : error
  }
}

export interface Collected {
  files: string[]
  /** Paths that do not exist. */
  missing: string[]
}

/** All `.md` files under the given paths (files are taken as they are), sorted per path. */
export function collectMarkdown(paths: readonly string[]): Collected {
  const files: string[] = []
  const missing: string[] = []
  for (const path of paths) {
    let stat: ReturnType<typeof statSync>
    try {
      stat = statSync(path)
    } catch {
      missing.push(path)
      continue
    }
    if (stat.isDirectory()) walk(path, files)
    else files.push(path)
  }
  return { files, missing }
}

function walk(dir: string, out: string[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
    const p = join(dir, entry.name)
    if (entry.isDirectory()) walk(p, out)
    else if (entry.isFile() && entry.name.endsWith('.md') && entry.name !== 'README.md') out.push(p)
  }
}

/** The text of a file as read, for a look at its front-matter. */
export function fileText(file: VFile): string {
  return typeof file.value === 'string' ? file.value : new TextDecoder().decode(file.value as Uint8Array)
}
