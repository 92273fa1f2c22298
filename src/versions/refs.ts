/**
 * Work and version references on the command line: a folder, a work id (`sociaal-statuut-cgm`,
 * looked up under `regulations/`), a version file, or `work@YYYY-MM-DD` for the version that
 * applies on that date.
 */
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { isIsoDate } from '../util/dates.js'
import { type VersionAtOptions, versionAt } from './version-at.js'
import { isWorkDir, loadWork, type Work } from './work.js'

export const REGULATIONS_DIR = 'regulations'

export type Resolved<T> = { ok: true; value: T } | { ok: false; reden: string }

/** A work from a folder path or a work id. */
export function resolveWork(ref: string): Resolved<Work> {
  const candidates = [ref, join(REGULATIONS_DIR, ref)]
  for (const dir of candidates) {
    if (existsSync(dir) && statSync(dir).isDirectory()) {
      if (!isWorkDir(dir))
        return { ok: false, reden: `\`${dir}\` is geen werk: er staat geen versiebestand (\`JJJJ-MM-DD.md\`) in` }
      return { ok: true, value: loadWork(dir) }
    }
  }
  return {
    ok: false,
    reden: `Werk \`${ref}\` niet gevonden (gezocht: ${candidates.map((c) => `\`${c}\``).join(', ')})`,
  }
}

/** A version file from a path or from `work@YYYY-MM-DD`. */
export function resolveVersion(ref: string, options: VersionAtOptions = {}): Resolved<string> {
  const at = /^(.+)@(\d{4}-\d{2}-\d{2})$/.exec(ref)
  if (!at) {
    if (existsSync(ref) && statSync(ref).isFile()) return { ok: true, value: ref }
    return { ok: false, reden: `Versie \`${ref}\` niet gevonden; geef een bestand of \`werk@JJJJ-MM-DD\`` }
  }
  const date = at[2] as string
  if (!isIsoDate(date)) return { ok: false, reden: `\`${date}\` is geen bestaande datum` }
  const work = resolveWork(at[1] as string)
  if (!work.ok) return work
  const found = versionAt(work.value, date, options)
  return found.ok ? { ok: true, value: found.version.path } : { ok: false, reden: found.reden }
}
