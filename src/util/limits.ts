/**
 * Input limits: how large a file regelwerk reads, and which files it refuses to read at all.
 *
 * A command never reads a FIFO, a device (`/dev/zero`, `/dev/stdin`), a socket or a directory as
 * an input file: such a "file" may never end, and reading it would hang or fill the memory. And
 * it reads a regular file only up to a size limit, so that a mistaken path (a backup image, a
 * database dump) gives a message instead of minutes of work and gigabytes of memory:
 *
 * - texts (regulations, amendments, letter templates, publication files): 10 MB. The largest
 *   real regulation in the corpus is 189 kB; `check` reads about 1 MB/s, so 10 MB is a few
 *   seconds on a quiet machine.
 * - data (HR data for `letters`, CSV or YAML): 100 MB, some 500,000 rows of a typical export.
 *
 * Both can be raised (or lowered) with `--max-invoer <MB>` on every command, or with the
 * environment variable `REGELWERK_MAX_INVOER` (MB); the flag wins.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats, statSync } from 'node:fs'
import type { RuleId } from './rule-ids.js'

export const MB = 1024 * 1024

/** What kind of input a file is; each kind has its own default limit. */
export type InputKind = 'tekst' | 'gegevens'

/** Default limits in MB per kind (see above). */
export const DEFAULT_MAX_INPUT_MB: Readonly<Record<InputKind, number>> = { tekst: 10, gegevens: 100 }

/** The environment variable that overrides the default limits (in MB). */
export const MAX_INPUT_ENV = 'REGELWERK_MAX_INVOER'

let override: number | undefined

/**
 * Parse a limit in MB as given on the command line or in the environment (`20`, `0.5`, `1,5`).
 * Undefined if it is not a positive number.
 */
export function parseMegabytes(value: string): number | undefined {
  const n = Number(value.trim().replace(',', '.'))
  return Number.isFinite(n) && n > 0 ? n : undefined
}

/** Set (or with `undefined` clear) the limit of this process for every kind of input, in MB. */
export function setMaxInputMb(mb: number | undefined): void {
  override = mb
}

/** The limit in bytes for `kind`: `--max-invoer`, else `REGELWERK_MAX_INVOER`, else the default. */
export function maxInputBytes(kind: InputKind): number {
  const env = process.env[MAX_INPUT_ENV]
  const mb = override ?? (env ? parseMegabytes(env) : undefined) ?? DEFAULT_MAX_INPUT_MB[kind]
  return Math.floor(mb * MB)
}

/** Why a path cannot be read as an input file: a Dutch reason (without the place) and its rule. */
export interface InputProblem {
  reason: string
  ruleId: RuleId
}

/** `12,5 MB` */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / MB
  return `${mb >= 10 || Number.isInteger(mb) ? Math.round(mb) : mb.toFixed(1).replace('.', ',')} MB`
}

function tooLarge(path: string, size: number | undefined, kind: InputKind): InputProblem {
  const limit = maxInputBytes(kind)
  const how = size === undefined ? 'is groter dan' : `is ${formatMegabytes(size)}, meer dan`
  return {
    reason: `\`${path}\` ${how} de grens van ${formatMegabytes(limit)} voor ${kind === 'tekst' ? 'een tekstbestand' : 'een gegevensbestand'}; is dit het goede bestand? Verhoog de grens zo nodig met \`--max-invoer <MB>\` (of ${MAX_INPUT_ENV})`,
    ruleId: 'bestand-te-groot',
  }
}

function notRegular(path: string, what: string): InputProblem {
  return {
    reason: `\`${path}\` is ${what}, geen gewoon bestand: regelwerk leest alleen gewone bestanden (een apparaat, pijp of socket kan eindeloos doorgaan); sla de invoer eerst op in een bestand`,
    ruleId: 'bestand-geen-gewoon-bestand',
  }
}

function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return 'een map'
  if (stat.isFIFO()) return 'een pijp (FIFO)'
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'een apparaat'
  if (stat.isSocket()) return 'een socket'
  return 'geen gewoon bestand'
}

/**
 * Check, without opening it, whether `path` may be read as an input of `kind`: it exists, is a
 * regular file (symbolic links are followed) and is within the size limit. A caller that reads
 * with its own reader (a stream, a parser) calls this first; undefined means it may read.
 */
export function inputProblem(path: string, kind: InputKind): InputProblem | undefined {
  let stat: Stats
  try {
    stat = statSync(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EACCES' || code === 'EPERM')
      return { reason: `\`${path}\` mag niet gelezen worden (geen toegang)`, ruleId: 'bestand-ontbreekt' }
    return { reason: `Het bestand \`${path}\` bestaat niet`, ruleId: 'bestand-ontbreekt' }
  }
  if (stat.isDirectory()) return { reason: `\`${path}\` is een map, geen bestand`, ruleId: 'bestand-is-map' }
  if (!stat.isFile()) return notRegular(path, kindOf(stat))
  if (stat.size > maxInputBytes(kind)) return tooLarge(path, stat.size, kind)
  return undefined
}

/**
 * Read the input file at `path` whole, within the limits of `kind`. Never blocks on a FIFO (it is
 * refused before it is opened) and never reads more than the limit, even from a file that grows
 * while it is read.
 */
export function readInputFile(path: string, kind: InputKind): { bytes: Buffer } | { problem: InputProblem } {
  const problem = inputProblem(path, kind)
  if (problem) return { problem }
  const limit = maxInputBytes(kind)
  let fd: number
  try {
    // O_NONBLOCK: should the path have been swapped for a FIFO since the check, open does not wait.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EACCES' || code === 'EPERM')
      return { problem: { reason: `\`${path}\` mag niet gelezen worden (geen toegang)`, ruleId: 'bestand-ontbreekt' } }
    if (code === 'EISDIR')
      return { problem: { reason: `\`${path}\` is een map, geen bestand`, ruleId: 'bestand-is-map' } }
    return { problem: { reason: `Het bestand \`${path}\` bestaat niet`, ruleId: 'bestand-ontbreekt' } }
  }
  try {
    const stat = fstatSync(fd)
    if (!stat.isFile()) return { problem: notRegular(path, kindOf(stat)) }
    if (stat.size > limit) return { problem: tooLarge(path, stat.size, kind) }
    // Read up to one byte past the limit: a file that grew since fstat is caught as well.
    const chunks: Buffer[] = []
    let total = 0
    let buffer = Buffer.allocUnsafe(Math.min(Math.max(stat.size, 64 * 1024), limit + 1))
    for (;;) {
      if (total > limit) return { problem: tooLarge(path, undefined, kind) }
      const room = Math.min(buffer.length, limit + 1 - total)
      const n = readSync(fd, buffer, 0, room, null)
      if (n === 0) break
      chunks.push(buffer.subarray(0, n))
      total += n
      buffer = Buffer.allocUnsafe(Math.min(64 * 1024 * 16, limit + 1))
    }
    if (total > limit) return { problem: tooLarge(path, undefined, kind) }
    return { bytes: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total) }
  } finally {
    closeSync(fd)
  }
}

/**
 * An unpacked-size limit (a house style, an Excel workbook): `defaultBytes`, or the limit the user
 * gave with `--max-invoer` / `REGELWERK_MAX_INVOER` when that is larger.
 */
export function unpackedLimit(defaultBytes: number): number {
  const env = process.env[MAX_INPUT_ENV]
  const mb = override ?? (env ? parseMegabytes(env) : undefined)
  return mb === undefined ? defaultBytes : Math.max(defaultBytes, Math.floor(mb * MB))
}
