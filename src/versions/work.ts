/**
 * Works and versions: one folder per work, one file per version. Loading a work reads only the
 * front-matter of each version (the first few kilobytes of each file), never the bodies, so a
 * work with hundreds of versions loads about as fast as one version parses.
 */
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { VFile } from 'vfile'
import { type FrontMatter, parseFrontMatter } from '../parse/frontmatter.js'
import { dutchNumericToIso, dutchWordsToIso, isIsoDate } from '../util/dates.js'

/** One version of a work: its file and the dates that place it in time. */
export interface Version {
  path: string
  /** File name without `.md` (`2013-01-03`). */
  name: string
  /** Datum inwerkingtreding (ISO): from the front-matter, or else from the file name. */
  inwerkingtreding: string | undefined
  /** Where `inwerkingtreding` came from. */
  inwerkingtredingBron: 'front-matter' | 'bestandsnaam' | 'geen'
  /** `inwerkingtreding` as written when it is not a valid ISO date (reported by `frontmatter-datum`). */
  inwerkingtredingOngeldig: string | undefined
  /** Terugwerkende kracht tot en met (ISO), if any. */
  terugwerkendeKracht: string | undefined
  /** Datum uitwerkingtreding as stated in the file. */
  uitwerkingtreding: string | undefined
  /** Stated, or derived: the next version's inwerkingtreding. */
  uitwerkingtredingAfgeleid: string | undefined
  ondertekening: string | undefined
  /** Bron bekendmaking as written (`Graafsche Courant, 3 januari 2013`). */
  bekendmaking: string | undefined
  /** The day the version was made known: `bekendmaking-datum`, a date in `bekendmaking`, or the linked amendment's date. */
  bekendgemaakt: string | undefined
  betreft: string | undefined
  kenmerk: string | undefined
  bron: string | undefined
  /** A version that repeals the regulation (betreft: intrekking). */
  intrekking: boolean
  /** The amendment documents (ledenbrief, wijzigingsbesluit) that produce this version. */
  wijzigingen: string[]
  meta: Record<string, unknown>
  /** Messages about this file's front-matter (YAML errors) and dates. */
  file: VFile
  frontMatter: FrontMatter
}

/** An amendment document stored beside the work or under `regulations/ledenbrieven/`. */
export interface Amendment {
  path: string
  soort: string
  /** The date the change takes effect. */
  datum: string | undefined
  /** The date of the document (made known). */
  bekendgemaakt: string | undefined
  meta: Record<string, unknown>
}

export interface Work {
  id: string
  dir: string
  /** Versions sorted by inwerkingtreding (then file name). */
  versions: Version[]
  amendments: Amendment[]
  /** What does not change between versions (from the first version that states it). */
  citeertitel: string | undefined
  /** Work-level keys (work, citeertitel, officiele-titel, organisatie, organisatietype, soort) as the first version states them. */
  inherited: Record<string, unknown>
}

/** Keys that describe the work, not the version: later versions may leave them out. */
export const WORK_KEYS = ['work', 'citeertitel', 'officiele-titel', 'organisatie', 'organisatietype', 'soort'] as const

const DATE_NAME = /^(\d{4}-\d{2}-\d{2})\.md$/
const AMENDMENT_SOORTEN = new Set(['ledenbrief', 'wijzigingsbesluit'])

/** Whether `dir` looks like a work: it holds at least one version file named by date. */
export function isWorkDir(dir: string): boolean {
  try {
    return readdirSync(dir).some((n) => DATE_NAME.test(n))
  } catch {
    return false
  }
}

/** Read the front-matter of a file without reading the whole body. */
export function readHead(path: string): string {
  // Not a regular file (a FIFO named `x.md` would block open, a device never ends): no head. The
  // file's own read (readInput) reports what it is.
  if (!statSync(path).isFile()) return ''
  const fd = openSync(path, 'r')
  try {
    const size = statSync(path).size
    let length = Math.min(size, 8192)
    for (;;) {
      const buf = Buffer.alloc(length)
      const n = readSync(fd, buf, 0, length, 0)
      let text = buf.subarray(0, n).toString('utf8')
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
      text = text.replace(/\r\n?/g, '\n')
      if (!text.startsWith('---')) return ''
      const close = /\n(---|\.\.\.)[ \t]*(\n|$)/.exec(text.slice(3))
      if (close || length >= size) return close ? text.slice(0, 3 + close.index + close[0].length) : text
      length = Math.min(size, length * 4)
    }
  } finally {
    closeSync(fd)
  }
}

/**
 * Whether `betreft` repeals the regulation as a whole (`intrekking`, `Intrekking regeling`), not
 * one of its articles (`intrekking artikel 26` is a change).
 */
export function isIntrekking(betreft: string | undefined): boolean {
  return /^\s*(?:gehele\s+)?(?:intrekking|ingetrokken)(?:\s+(?:van\s+)?(?:de\s+|het\s+)?(?:regeling|verordening|besluit|statuut))?\s*\.?\s*$/i.test(
    betreft ?? '',
  )
}

function str(meta: Record<string, unknown>, key: string): string | undefined {
  const v = meta[key]
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined
}

function isoOrUndefined(value: string | undefined): string | undefined {
  return value && isIsoDate(value) ? value : undefined
}

/** A date stated in free text: `Graafsche Courant, 3 januari 2013`, `gmb 03-01-2013`. */
export function dateInText(text: string | undefined): string | undefined {
  if (!text) return undefined
  const words =
    /(\d{1,2})\s+(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)\s+(\d{4})/i.exec(
      text,
    )
  if (words) return dutchWordsToIso(words[0])
  const numeric = /\b(\d{1,2}-\d{1,2}-\d{4})\b/.exec(text)
  if (numeric) return dutchNumericToIso(numeric[1] as string)
  const iso = /\b(\d{4}-\d{2}-\d{2})\b/.exec(text)
  return isoOrUndefined(iso?.[1])
}

/** Read one version file's front-matter into a Version (dates not yet linked to neighbours). */
export function readVersion(path: string): Version {
  const name = basename(path).replace(/\.md$/, '')
  const file = new VFile({ path })
  const frontMatter = parseFrontMatter(readHead(path), file)
  const meta = frontMatter.data
  const fromName = DATE_NAME.exec(basename(path))?.[1]
  const stated = isoOrUndefined(str(meta, 'inwerkingtreding'))
  const inwerkingtreding = stated ?? (fromName && isIsoDate(fromName) ? fromName : undefined)
  const bekendmaking = str(meta, 'bekendmaking')
  return {
    path,
    name,
    inwerkingtreding,
    inwerkingtredingBron: stated ? 'front-matter' : inwerkingtreding ? 'bestandsnaam' : 'geen',
    inwerkingtredingOngeldig: stated ? undefined : str(meta, 'inwerkingtreding'),
    terugwerkendeKracht: isoOrUndefined(str(meta, 'terugwerkende-kracht')),
    uitwerkingtreding: isoOrUndefined(str(meta, 'uitwerkingtreding')),
    uitwerkingtredingAfgeleid: undefined,
    ondertekening: isoOrUndefined(str(meta, 'ondertekening')),
    bekendmaking,
    bekendgemaakt: isoOrUndefined(str(meta, 'bekendmaking-datum')) ?? dateInText(bekendmaking),
    betreft: str(meta, 'betreft'),
    kenmerk: str(meta, 'kenmerk'),
    bron: str(meta, 'bron'),
    intrekking: isIntrekking(str(meta, 'betreft')),
    wijzigingen: [],
    meta,
    file,
    frontMatter,
  }
}

function readAmendments(dirs: string[], workId: string): Amendment[] {
  const out: Amendment[] = []
  for (const dir of dirs) {
    let names: string[]
    try {
      names = readdirSync(dir)
        .filter((n) => n.endsWith('.md'))
        .sort()
    } catch {
      continue
    }
    for (const n of names) {
      const path = join(dir, n)
      const fm = parseFrontMatter(readHead(path), new VFile({ path }))
      const meta = fm.data
      const soort = str(meta, 'soort') ?? ''
      if (!AMENDMENT_SOORTEN.has(soort) || str(meta, 'work') !== workId) continue
      out.push({
        path,
        soort,
        datum: isoOrUndefined(str(meta, 'inwerkingtreding')),
        bekendgemaakt: isoOrUndefined(str(meta, 'bekendmaking-datum')) ?? isoOrUndefined(str(meta, 'ondertekening')),
        meta,
      })
    }
  }
  return out
}

/** Compare ISO dates (they sort as strings). */
export function compareDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Load a work from its folder: version table and linked amendments, no bodies parsed. */
export function loadWork(dir: string): Work {
  const names = readdirSync(dir)
    .filter((n) => n.endsWith('.md') && n !== 'README.md')
    .sort()
  const versions = names.map((n) => readVersion(join(dir, n)))
  const id = basename(dir)
  versions.sort(
    (a, b) => compareDates(a.inwerkingtreding ?? '9999', b.inwerkingtreding ?? '9999') || a.name.localeCompare(b.name),
  )
  for (let i = 0; i < versions.length; i++) {
    const v = versions[i] as Version
    const next = versions[i + 1]
    v.uitwerkingtredingAfgeleid = v.uitwerkingtreding ?? next?.inwerkingtreding
  }
  const amendments = readAmendments([join(dir, 'wijzigingen'), join(dirname(dir), 'ledenbrieven')], id)
  for (const a of amendments) {
    const target = versions.find(
      (v) => a.datum && (v.terugwerkendeKracht === a.datum || v.inwerkingtreding === a.datum),
    )
    if (!target) continue
    target.wijzigingen.push(a.path)
    // A version produced by a ledenbrief is known from the letter's date at the earliest.
    if (!target.bekendgemaakt && a.bekendgemaakt) target.bekendgemaakt = a.bekendgemaakt
  }
  const inherited: Record<string, unknown> = {}
  for (const key of WORK_KEYS) {
    const value = versions.map((v) => v.meta[key]).find((x) => x !== undefined && x !== '')
    if (value !== undefined) inherited[key] = value
  }
  const citeertitel = typeof inherited.citeertitel === 'string' ? inherited.citeertitel : undefined
  return { id, dir, versions, amendments, citeertitel, inherited }
}

/**
 * The front-matter of a version file as its work sees it: the work-level keys it inherits from
 * the first version (citeertitel, organisatie, …) under its own keys, and an `inwerkingtreding`
 * taken from the file name when the file does not state one. For a file outside a work, its own
 * `meta` unchanged.
 */
export function versionMeta(path: string, meta: Record<string, unknown>): Record<string, unknown> {
  const dir = dirname(resolve(path))
  if (!DATE_NAME.test(basename(path)) || !isWorkDir(dir)) return meta
  const work = loadWork(dir)
  const version = work.versions.find((v) => resolve(v.path) === resolve(path))
  const out: Record<string, unknown> = { ...work.inherited, ...meta }
  if (out.inwerkingtreding === undefined && version?.inwerkingtreding) out.inwerkingtreding = version.inwerkingtreding
  return out
}
