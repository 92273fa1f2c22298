/**
 * Every path a request names is confined to the served folder: no absolute path, no `..`, no NUL,
 * and after following symlinks (realpath) still inside the folder and one of the allowed top folders.
 */
import { realpathSync } from 'node:fs'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import { HttpError } from './server.js'

/**
 * The relative path `rel` (as the app shows it, with `/`) when it is a file inside `root` under
 * one of `tops`; otherwise an HttpError with a Dutch reason. The path returned is relative to the
 * root (the process works in the root), with the platform's separators.
 */
export function confine(rel: string, tops: readonly string[], root = process.cwd()): string {
  const refuse = () =>
    new HttpError(
      400,
      `Het pad \`${rel.slice(0, 200)}\` ligt niet in de map van deze app (alleen bestanden onder ${tops.map((t) => `${t}/`).join(', ')})`,
    )
  if (rel === '' || rel.includes('\0') || isAbsolute(rel) || /^[a-zA-Z]:/.test(rel) || rel.startsWith('\\'))
    throw refuse()
  const parts = rel.split(/[\\/]+/)
  if (parts.some((p) => p === '..' || p === '.')) throw refuse()
  if (!tops.includes(parts[0] ?? '')) throw refuse()
  const realRoot = realpathSync(root)
  let real: string
  try {
    real = realpathSync(resolve(realRoot, ...parts))
  } catch {
    throw new HttpError(404, `Het bestand \`${rel.slice(0, 200)}\` bestaat niet`)
  }
  const inside = relative(realRoot, real)
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) throw refuse()
  const top = inside.split(sep)[0] ?? ''
  if (!tops.includes(top)) throw refuse()
  return parts.join(sep)
}
