/**
 * The works of one regulations folder, as other texts refer to them: by citeertitel, title, work
 * id, BWB identification or a known abbreviation (`CAR-UWO`, `CAR`, `UWO`, `CAR/UWO`), and their
 * article numbers per version, so that `artikel 125 van de Ambtenarenwet` in a text of 1 September
 * 2015 is checked against the Ambtenarenwet as it read that day.
 *
 * Loading reads only front-matter (loadWork); a version's body is parsed the first time one of its
 * article numbers is asked for, and its numbers are kept for the rest of the run: each version is
 * parsed at most once, however many references point into it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { VFile } from 'vfile'
import type { Regeling } from '../model/nodes.js'
import { parseRegeling } from '../parse/index.js'
import { formatDutchDate, isIsoDate } from '../util/dates.js'
import { levenshtein } from '../validate/closest.js'
import { type Numbering, numberingOf, styleOf } from '../validate/rules/verwijzing-onbekend-artikel.js'
import type { ArticleLookup, WorkMatch, WorkReferences } from '../validate/types.js'
import { type VersionAtResult, versionAt } from '../versions/version-at.js'
import { compareDates, isWorkDir, loadWork, type Version, type Work } from '../versions/work.js'

/** A name as compared: lower case, one space, `CAR / UWO` and `CAR-UWO` alike, no article in front. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFC')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/\s*[-/]\s*/g, '-')
    .replace(/^(?:de|het|der) /, '')
    .replace(/[\s.,;:]+$/, '')
    .trim()
}

/** The names a work goes by in other texts. */
function namesOf(work: Work): string[] {
  const names = new Set<string>()
  const meta = work.inherited
  const text = (key: string) => (typeof meta[key] === 'string' ? (meta[key] as string).trim() : '')
  const citeertitel = work.citeertitel?.trim() ?? ''
  const titel = text('officiele-titel')
  for (const n of [citeertitel, titel, work.id, work.id.replace(/-/g, ' ')]) if (n) names.add(n)
  const identificatie = work.versions.map((v) => v.meta.identificatie).find((x) => typeof x === 'string')
  if (typeof identificatie === 'string' && /^BWBR\d+$/.test(identificatie.trim())) names.add(identificatie.trim())
  // `Wet van 19 februari 2000, houdende regels … (Wet aanpassing arbeidsduur)`: the short title.
  const short = /\(([^()]{3,80})\)\s*$/.exec(titel)?.[1]
  if (short) names.add(short)
  // `Ambtenarenwet 1929`: the citeertitel with the year of the law (`Wet van 12 december 1929`).
  const year = /^(?:Wet|Besluit|Regeling|Verordening)\s+van\s+\d{1,2}\s+\p{L}+\s+(\d{4})\b/u.exec(titel)?.[1]
  if (citeertitel && year && !/\d{4}$/.test(citeertitel)) names.add(`${citeertitel} ${year}`)
  // `CAR-UWO` is also cited as `CAR`, `UWO` and `CAR/UWO`.
  if (/^[A-Z]{2,}(?:\s*[-/]\s*[A-Z]{2,})+$/.test(citeertitel)) {
    for (const part of citeertitel.split(/\s*[-/]\s*/)) names.add(part)
  }
  return [...names]
}

interface Entry {
  work: Work
  titel: string
}

/** The works of a folder and their names; article numbers per version, read once. */
export class WorkLibrary {
  private readonly works = new Map<string, Entry>()
  /** Normalised name → work ids. */
  private readonly byName = new Map<string, Set<string>>()
  /** First word of a normalised name → names starting with it (for `Ambtenarenwet gestelde regels`). */
  private readonly byFirstWord = new Map<string, string[]>()
  private readonly numbering = new Map<string, Numbering>()
  private readonly versionsCache = new Map<string, { versions: Version[] } | { reden: string }>()
  /** Absolute path of a version file → its work and version. */
  private readonly byPath = new Map<string, { work: Work; version: Version }>()
  /** Absolute path of a work folder → the work. */
  private readonly byDir = new Map<string, Work>()
  /** Names as written, longest first, for finding them in running text. */
  private namePattern: RegExp | undefined
  private readonly rawNames = new Map<string, string>()

  constructor(dirs: Iterable<string>) {
    for (const dir of dirs) {
      const work = loadWork(dir)
      if (this.works.has(work.id)) continue
      this.works.set(work.id, { work, titel: work.citeertitel ?? work.id })
      this.byDir.set(resolve(work.dir), work)
      for (const version of work.versions) this.byPath.set(resolve(version.path), { work, version })
      for (const name of namesOf(work)) {
        const key = normaliseName(name)
        if (key.length < 2) continue
        const ids = this.byName.get(key) ?? new Set<string>()
        ids.add(work.id)
        this.byName.set(key, ids)
        const first = key.split(' ')[0] as string
        const list = this.byFirstWord.get(first) ?? []
        if (!list.includes(key)) list.push(key)
        this.byFirstWord.set(first, list)
        // Only names that look like names (a capital or a digit) are looked for in running text.
        if (/[\p{Lu}\d]/u.test(name) && name.length >= 3 && !/^[a-z0-9-]+$/.test(name)) this.rawNames.set(name, work.id)
      }
    }
    const raw = [...this.rawNames.keys()].sort((a, b) => b.length - a.length)
    if (raw.length > 0) {
      const esc = raw.map((n) =>
        n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s*[-/]\s*/g, String.raw`\s*[-/]\s*`),
      )
      this.namePattern = new RegExp(String.raw`(?<![\p{L}\d])(?:${esc.join('|')})(?![\p{L}\d])`, 'gu')
    }
  }

  /** The work ids in the folder. */
  ids(): string[] {
    return [...this.works.keys()]
  }

  work(id: string): Work | undefined {
    return this.works.get(id)?.work
  }

  findWork(name: string): WorkMatch {
    const key = normaliseName(name)
    let ids = this.byName.get(key)
    if (!ids) {
      // `Ambtenarenwet gestelde regels`, `Ambtenarenwet en 12 van de …`: a known name and then a
      // lowercase word that continues the sentence. Not `Wet X BES` or `Wet X 1931`: another law.
      const first = key.split(' ')[0] as string
      let best = ''
      for (const candidate of this.byFirstWord.get(first) ?? []) {
        if (candidate.length <= best.length || !key.startsWith(`${candidate} `)) continue
        const next = name
          .trim()
          .replace(/^(?:de|het|der)\s+/i, '')
          .slice(candidate.length)
          .trimStart()
        if (/^\p{Ll}/u.test(next)) best = candidate
      }
      if (best) ids = this.byName.get(best)
    }
    if (!ids || ids.size === 0) return { kind: 'geen' }
    if (ids.size > 1) return { kind: 'meerdere', ids: [...ids].sort() }
    const id = [...ids][0] as string
    const entry = this.works.get(id)
    const soort = entry?.work.inherited.soort
    return { kind: 'werk', id, titel: entry?.titel ?? id, soort: typeof soort === 'string' ? soort : '' }
  }

  workNamesIn(text: string): Array<[number, number, string]> {
    const out: Array<[number, number, string]> = []
    if (!this.namePattern) return out
    const pattern = new RegExp(this.namePattern)
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      // `de Militaire Ambtenarenwet 1931` is another law than the Ambtenarenwet.
      const before = text.slice(Math.max(0, m.index - 30), m.index)
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 6)
      if (/\p{Lu}[\p{L}-]*\s+$/u.test(before) && !/(?:^|[.:;]\s+)\p{Lu}[\p{L}-]*\s+$/u.test(before)) continue
      if (/^\s+\d{4}(?!\d)/.test(after)) continue
      const match = this.findWork(m[0])
      if (match.kind === 'werk') out.push([m.index, m.index + m[0].length, match.id])
    }
    return out
  }

  /**
   * Article `num` of work `id` as it reads on `date`: the version in force that day and the one that
   * applies to facts of that day (terugwerkende kracht), for an amendment also the one of the day
   * before (the text it changes). A date that is only a file name (here or in the other work: the
   * BWB's "laatst gewijzigd" is no inwerkingtreding) is not exact, so the next version of the other
   * work is read as well: a regulation changed along with a law may cite the law's new articles.
   */
  lookup(
    id: string,
    date: string | undefined,
    num: string,
    amendment: boolean,
    dateFromFileName = false,
  ): ArticleLookup {
    const entry = this.works.get(id)
    if (!entry) return { result: 'onbekend', reden: `het werk \`${id}\` staat niet in de map` }
    const { work, titel } = entry
    if (!date || !isIsoDate(date)) {
      return {
        result: 'onbekend',
        reden: `deze tekst heeft geen datum van inwerkingtreding, dus niet te zeggen welke versie van ${titel} bedoeld is`,
      }
    }
    const read = this.versionsOn(work, titel, date, amendment, dateFromFileName)
    if ('reden' in read) return { result: 'onbekend', reden: read.reden }
    const versions = read.versions
    const names = versions.map((v) => v.name).join(' en ')
    const key = num.toLowerCase()
    const numberings = versions.map((v) => this.numberingOf(v))
    if (numberings.some((n) => n.nums.has(key))) return { result: 'bestaat', versie: names }
    const partial = versions.find((v) => v.meta.deeltekst === true || v.meta.deeltekst === 'true')
    if (partial) {
      return {
        result: 'onbekend',
        reden: `versie ${partial.name} van ${titel} is een deeltekst (niet alle artikelen staan erin)`,
      }
    }
    if (numberings.every((n) => n.nums.size === 0)) {
      return { result: 'onbekend', reden: `in versie ${names} van ${titel} zijn geen artikelen gevonden` }
    }
    const all = new Set<string>()
    for (const n of numberings) for (const x of n.original) all.add(x)
    const suggestie = suggest(num, [...all])
    // `artikel 4:8:1` into a law numbered 1, 2, 125a: no article of that law at all.
    const andereNummering = !numberings.some((n) => n.styles.has(styleOf(num)))
    return { result: 'ontbreekt', versie: names, suggestie, andereNummering }
  }

  /** The versions of `work` read for a text of `date`, found once per work and date (not per reference). */
  private versionsOn(
    work: Work,
    titel: string,
    date: string,
    amendment: boolean,
    dateFromFileName: boolean,
  ): { versions: Version[] } | { reden: string } {
    const cacheKey = `${work.id}\u0000${date}\u0000${amendment}\u0000${dateFromFileName}`
    const known = this.versionsCache.get(cacheKey)
    if (known) return known
    const found = ((): { versions: Version[] } | { reden: string } => {
      const results: VersionAtResult[] = [
        versionAt(work, date, { mode: 'in-werking' }),
        versionAt(work, date, { mode: 'geldig' }),
      ]
      // An amendment speaks of the text it changes (the day before) and of the text it makes.
      if (amendment) {
        const before = dayBefore(date)
        if (before) results.push(versionAt(work, before, { mode: 'in-werking' }))
      }
      const versions: Version[] = []
      for (const r of results) if (r.ok && !versions.includes(r.version)) versions.push(r.version)
      if (versions.length === 0) {
        const reden = results.find((r) => !r.ok)?.reden ?? `geen versie van ${titel} op ${formatDutchDate(date)}`
        // versionAt ends with the folder of the work, which the listing gives on its own.
        return { reden: reden.replace(/\s*\(werk: [^)]*\)\s*$/, '').replace(/\.$/, '') }
      }
      if (dateFromFileName || versions.some((v) => v.inwerkingtredingBron !== 'front-matter')) {
        const last = versions.reduce((a, v) =>
          compareDates(v.inwerkingtreding ?? '', a.inwerkingtreding ?? '') > 0 ? v : a,
        )
        const next = work.versions.find(
          (v) => v.inwerkingtreding && compareDates(v.inwerkingtreding, last.inwerkingtreding ?? '') > 0,
        )
        if (next && !next.intrekking) versions.push(next)
      }
      return { versions }
    })()
    this.versionsCache.set(cacheKey, found)
    return found
  }

  /**
   * Keep the article numbers of a file the caller has parsed anyway (`check` parses every file it
   * checks), so that a later reference into it does not parse it again.
   */
  prime(path: string, tree: Regeling): void {
    const key = resolve(path)
    if (!this.numbering.has(key) && this.byPath.has(key)) this.numbering.set(key, numberingOf(tree))
  }

  /** The article numbers of a version, parsed once per run. */
  private numberingOf(v: Version): Numbering {
    const key = resolve(v.path)
    const known = this.numbering.get(key)
    if (known) return known
    let n: Numbering = { nums: new Set(), styles: new Set(), original: [] }
    try {
      const file = new VFile({ path: v.path, value: readFileSync(v.path) })
      const result = parseRegeling(file)
      if (result.text !== undefined) n = numberingOf(result.tree)
    } catch {
      // An unreadable version has been (or will be) reported by its own check; no numbers from it.
    }
    this.numbering.set(key, n)
    return n
  }

  /**
   * The references context for one file: its date is its version's inwerkingtreding when it is a
   * version of a work of the folder (from the front-matter, else the file name), otherwise the
   * `inwerkingtreding` its front-matter states (a ledenbrief, a wijzigingsbesluit).
   */
  contextFor(path: string, meta: Readonly<Record<string, unknown>>): WorkReferences {
    const own = this.byDir.get(resolve(dirname(path)))
    const version = this.byPath.get(resolve(path))?.version
    const stated = typeof meta.inwerkingtreding === 'string' ? meta.inwerkingtreding.trim() : ''
    const date = version ? version.inwerkingtreding : isIsoDate(stated) ? stated : undefined
    const dateFromFileName = version ? version.inwerkingtredingBron !== 'front-matter' : false
    return {
      date,
      dateFromFileName,
      ownWork: own?.id,
      findWork: (name) => this.findWork(name),
      workNamesIn: (text) => this.workNamesIn(text),
      lookup: (work, num, amendment) => this.lookup(work, date, num, amendment, dateFromFileName),
    }
  }
}

/**
 * A number the work does have that the writer may have meant: one with the same leading number
 * (`125k` → `125a`, `3:1en` → `3:1`), at most two edits away; on a tie the one of the same length.
 * No guess across leading numbers: `7` is not a typo of `1`.
 */
function suggest(num: string, candidates: readonly string[]): string | undefined {
  const lead = (n: string) => /^(?:\d+|[IVXLC]+)/i.exec(n)?.[0]?.toLowerCase()
  const want = lead(num)
  if (!want) return undefined
  const same = candidates.filter((c) => lead(c) === want && c.toLowerCase() !== num.toLowerCase())
  let best: string | undefined
  let bestScore = Number.POSITIVE_INFINITY
  for (const c of same) {
    const d = levenshtein(num.toLowerCase(), c.toLowerCase())
    if (d > 2) continue
    const score = d * 2 + (c.length === num.length ? 0 : 1)
    if (score < bestScore) {
      best = c
      bestScore = score
    }
  }
  return best
}

function dayBefore(iso: string): string | undefined {
  const d = new Date(`${iso}T00:00:00Z`)
  if (Number.isNaN(d.getTime())) return undefined
  d.setUTCDate(d.getUTCDate() - 1)
  return d.toISOString().slice(0, 10)
}

/**
 * The work folders a check of `paths` can refer to: every work under a folder that was given, and
 * for a work folder that was given, the works beside it (the same regulations folder). A single
 * file brings no folder: it is checked on its own, as before.
 */
export function workDirsFor(paths: readonly string[]): string[] {
  const out = new Set<string>()
  const seen = new Set<string>()
  const walk = (dir: string, depth: number) => {
    const key = resolve(dir)
    if (seen.has(key) || depth > 8) return
    seen.add(key)
    if (isWorkDir(dir)) out.add(dir)
    let names: string[]
    try {
      names = readdirSync(dir).sort()
    } catch {
      return
    }
    for (const name of names) {
      if (name.startsWith('.') || name === 'node_modules') continue
      const sub = join(dir, name)
      try {
        if (statSync(sub).isDirectory()) walk(sub, depth + 1)
      } catch {
        // unreadable: skipped here, the check of the files reports it
      }
    }
  }
  for (const p of paths) {
    let isDir = false
    try {
      isDir = statSync(p).isDirectory()
    } catch {
      continue
    }
    if (!isDir) continue
    if (isWorkDir(p)) {
      out.add(p)
      const parent = dirname(resolve(p))
      for (const name of readdirSync(parent).sort()) {
        const sub = join(parent, name)
        try {
          if (statSync(sub).isDirectory() && isWorkDir(sub)) out.add(sub)
        } catch {
          // skipped
        }
      }
    } else walk(p, 0)
  }
  return [...out]
}
