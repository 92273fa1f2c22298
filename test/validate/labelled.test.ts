import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { VFile } from 'vfile'
import { describe, expect, it, onTestFinished } from 'vitest'
import { importText } from '../../src/import/index.js'
import { parseRegeling } from '../../src/parse/index.js'
import { checkRegeling } from '../../src/validate/index.js'
import { WorkLibrary, workDirsFor } from '../../src/werken/library.js'
import { CORPUS, ROOT } from '../helpers.js'

/**
 * The false-warning share of `verwijzing-onbekend-artikel` and `kop-niet-geplaatst` on real text,
 * measured over cases labelled by hand (test/fixtures/labelled/README.md): each file is imported
 * and checked as a user would (`regelwerk import`, then `regelwerk check`), and every labelled
 * case is looked up among the warnings. The figures are in docs/meldingen.md.
 */
const SHARED = join(CORPUS, '..')
const LABELLED = join(import.meta.dirname, '..', 'fixtures', 'labelled')

/** The most false warnings allowed, as a share of all warnings on the labelled cases. */
const MAX_FALSE_SHARE = 0.1

function rows(name: string): string[][] {
  return readFileSync(join(LABELLED, name), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => line.split('\t'))
}

interface Checked {
  markdown: string
  lines: string[]
  messages: Array<{ ruleId: string; line: number; reason: string }>
}

const cache = new Map<string, Checked>()

/** Import a corpus file and check the result, as `regelwerk import` and `regelwerk check` do. */
function importAndCheck(relative: string): Checked {
  const known = cache.get(relative)
  if (known) return known
  const path = join(SHARED, relative)
  const imported = importText(readFileSync(path, 'utf8'), path, new VFile({ path }))
  const file = new VFile({ path: 'geimporteerd.md', value: imported.markdown })
  checkRegeling(parseRegeling(file), file)
  const checked: Checked = {
    markdown: imported.markdown,
    lines: imported.markdown.split('\n'),
    messages: file.messages.map((m) => ({ ruleId: m.ruleId ?? '', line: m.line ?? 0, reason: m.reason })),
  }
  cache.set(relative, checked)
  return checked
}

interface Tally {
  cases: number
  occurrences: number
  warnings: number
  falseWarnings: number
  missed: string[]
  falses: string[]
}

function share(t: Tally): number {
  return t.warnings === 0 ? 0 : t.falseWarnings / t.warnings
}

function count(t: Tally, warned: boolean, terecht: boolean, what: string): void {
  t.occurrences++
  if (warned) t.warnings++
  if (warned && !terecht) {
    t.falseWarnings++
    t.falses.push(what)
  }
  if (!warned && terecht) t.missed.push(what)
}

const newTally = (cases: number): Tally => ({
  cases,
  occurrences: 0,
  warnings: 0,
  falseWarnings: 0,
  missed: [],
  falses: [],
})

describe('verwijzing-onbekend-artikel on hand-labelled references from the corpus', () => {
  const cases = rows('verwijzing-onbekend-artikel.tsv')

  it('has at least 50 labelled cases, true and false ones', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50)
    expect(cases.some((c) => c[3] === 'ja')).toBe(true)
    for (const c of cases) expect(['ja', 'nee'], c.join(' | ')).toContain(c[3])
  })

  it(`warns where it should, with at most ${MAX_FALSE_SHARE * 100}% false warnings`, () => {
    const tally = newTally(cases.length)
    for (const [bestand, artikel, fragment, terecht] of cases as Array<[string, string, string, string]>) {
      const checked = importAndCheck(bestand)
      const index = checked.lines.findIndex((line) => line.includes(fragment))
      expect(index, `${bestand}: fragment niet gevonden: ${fragment}`).toBeGreaterThanOrEqual(0)
      const warned = checked.messages.some(
        (m) =>
          m.ruleId === 'verwijzing-onbekend-artikel' && m.line === index + 1 && m.reason.includes(`\`${artikel}\``),
      )
      count(tally, warned, terecht === 'ja', `${bestand}: artikel ${artikel} in “${fragment}”`)
    }
    report('verwijzing-onbekend-artikel', tally)
    expect(tally.falses).toEqual([])
    expect(share(tally)).toBeLessThanOrEqual(MAX_FALSE_SHARE)
    expect(tally.missed).toEqual([])
  })
})

describe('kop-niet-geplaatst on hand-labelled headings from the corpus', () => {
  const cases = rows('kop-niet-geplaatst.tsv')

  it('has at least 50 labelled cases, true and false ones', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50)
    expect(cases.some((c) => c[2] === 'ja')).toBe(true)
    for (const c of cases) expect(['ja', 'nee'], c.join(' | ')).toContain(c[2])
  })

  it(`warns where it should, with at most ${MAX_FALSE_SHARE * 100}% false warnings, and every warning is labelled`, () => {
    const tally = newTally(cases.length)
    const byFile = new Map<string, Array<{ kop: string; terecht: boolean }>>()
    for (const [where, kop, terecht] of cases as Array<[string, string, string]>) {
      for (const file of filesOf(where)) {
        if (!hasHeading(file, kop)) continue
        const list = byFile.get(file) ?? []
        list.push({ kop, terecht: terecht === 'ja' })
        byFile.set(file, list)
      }
    }
    const unlabelled: string[] = []
    for (const [file, labelled] of byFile) {
      const warned = importAndCheck(file)
        .messages.filter((m) => m.ruleId === 'kop-niet-geplaatst')
        .map((m) => (/^Kop `([^`]*)`/.exec(m.reason)?.[1] ?? '').replace(/…$/, ''))
      for (const { kop, terecht } of labelled) {
        count(
          tally,
          warned.some((w) => kop.startsWith(w)),
          terecht,
          `${file}: ${kop}`,
        )
      }
      for (const w of warned) if (!labelled.some((l) => l.kop.startsWith(w))) unlabelled.push(`${file}: ${w}`)
    }
    report('kop-niet-geplaatst', tally)
    expect(unlabelled).toEqual([])
    expect(share(tally)).toBeLessThanOrEqual(MAX_FALSE_SHARE)
    expect(tally.missed.length).toBeLessThanOrEqual(tally.occurrences * 0.1)
  })
})

/**
 * References into other works, as `regelwerk check <map>` reads them: a folder with the bundled
 * regulations (regulations/), the consolidated laws of the corpus that cite each other, each
 * imported as a work (one file per stored version), and a regulation of own wording
 * (test/fixtures/labelled/werken/, labelled EIGEN FORMULERING) for `de wet`, `deze wet` and
 * `die wet` and for real typos. A reference into a work of the folder is checked against that
 * work on the citing text's date; one into a regulation outside it only listed.
 */
const FOLDER_SERIES = [
  'BWBR0002747-wet-op-de-ondernemingsraden',
  'BWBR0003740-wet-gemeenschappelijke-regelingen',
  'BWBR0007671-arbeidstijdenwet',
  'BWBR0010346-arbeidsomstandighedenwet',
  'BWBR0024947-regeling-elektronische-bekendmaking-decentrale-regelgeving',
]
const REFERENCE_RULES = new Set(['verwijzing-onbekend-artikel', 'verwijzing-ander-werk'])

function buildFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'regelwerk-werken-'))
  cpSync(join(ROOT, 'regulations'), folder, { recursive: true })
  cpSync(join(LABELLED, 'werken'), folder, { recursive: true })
  for (const series of FOLDER_SERIES) {
    const dir = join(CORPUS, 'bwb', series)
    mkdirSync(join(folder, series))
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      const imported = importText(readFileSync(path, 'utf8'), path, new VFile({ path }))
      writeFileSync(join(folder, series, name), imported.markdown)
    }
  }
  return folder
}

/** Where a labelled file lies in the folder: `regulations/x`, `corpus/bwb/<series>/<date>.md`, `werken/x`. */
function inFolder(folder: string, bestand: string): string {
  const rest = bestand.replace(/^(?:regulations|werken|corpus\/bwb)\//, '')
  expect(rest, bestand).not.toBe(bestand)
  return join(folder, rest)
}

describe('verwijzing-onbekend-artikel and verwijzing-ander-werk in a check of a folder, on hand-labelled references', () => {
  const cases = rows('verwijzing-werken.tsv')

  it('has at least 30 labelled cases, true and false ones, real and of own wording', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30)
    expect(cases.filter((c) => c[3] === 'ja').length).toBeGreaterThanOrEqual(3)
    expect(cases.filter((c) => !c[0]?.startsWith('werken/')).length).toBeGreaterThanOrEqual(20)
    for (const c of cases) expect(['ja', 'nee'], c.join(' | ')).toContain(c[3])
    // Text of own wording is labelled as such.
    for (const c of cases) if (c[0]?.startsWith('werken/')) expect(c[4], c.join(' | ')).toMatch(/^EIGEN FORMULERING/)
  })

  it(`warns where it should, with at most ${MAX_FALSE_SHARE * 100}% false warnings, and every warning into another work is labelled`, () => {
    const folder = buildFolder()
    onTestFinished(() => rmSync(folder, { recursive: true, force: true }))
    const library = new WorkLibrary(workDirsFor([folder]))
    const checkedFiles = new Map<string, Checked>()
    const check = (bestand: string): Checked => {
      const known = checkedFiles.get(bestand)
      if (known) return known
      const path = inFolder(folder, bestand)
      const markdown = readFileSync(path, 'utf8')
      const file = new VFile({ path, value: markdown })
      const result = parseRegeling(file)
      checkRegeling(result, file, { works: library.contextFor(path, result.frontMatter.data) })
      const checked: Checked = {
        markdown,
        lines: markdown.split('\n'),
        messages: file.messages.map((m) => ({ ruleId: m.ruleId ?? '', line: m.line ?? 0, reason: m.reason })),
      }
      checkedFiles.set(bestand, checked)
      return checked
    }
    const tally = newTally(cases.length)
    const labelledAt = new Set<string>()
    for (const [bestand, artikel, fragment, terecht] of cases as Array<[string, string, string, string]>) {
      const checked = check(bestand)
      const index = checked.lines.findIndex((line) => line.includes(fragment))
      expect(index, `${bestand}: fragment niet gevonden: ${fragment}`).toBeGreaterThanOrEqual(0)
      labelledAt.add(`${bestand}:${index + 1}:${artikel}`)
      const warned = checked.messages.some(
        (m) => REFERENCE_RULES.has(m.ruleId) && m.line === index + 1 && m.reason.includes(`\`${artikel}\``),
      )
      count(tally, warned, terecht === 'ja', `${bestand}: artikel ${artikel} in “${fragment}”`)
    }
    const unlabelled: string[] = []
    for (const [bestand, checked] of checkedFiles) {
      for (const m of checked.messages) {
        if (m.ruleId !== 'verwijzing-ander-werk') continue
        const num = /`([^`]+)`/.exec(m.reason)?.[1]
        if (!labelledAt.has(`${bestand}:${m.line}:${num}`)) unlabelled.push(`${bestand}:${m.line} ${m.reason}`)
      }
    }
    report('verwijzing naar andere werken (map)', tally)
    expect(unlabelled).toEqual([])
    expect(tally.falses).toEqual([])
    expect(share(tally)).toBeLessThanOrEqual(MAX_FALSE_SHARE)
    expect(tally.missed).toEqual([])
  })
})

/** A folder of versions (every file in it) or one file, relative to the shared folder. */
function filesOf(where: string): string[] {
  const path = join(SHARED, where)
  if (!statSync(path).isDirectory()) return [where]
  return readdirSync(path)
    .sort()
    .map((name) => `${where}/${name}`)
}

/** Whether the source has `kop` as a heading line (`####Brandweer`, `### **Inleiding**`). */
function hasHeading(file: string, kop: string): boolean {
  return readFileSync(join(SHARED, file), 'utf8')
    .split('\n')
    .some(
      (line) =>
        line.startsWith('#') &&
        line
          .replace(/^#+\s*/, '')
          .trim()
          .replace(/^\*+|\*+$/g, '')
          .trim() === kop,
    )
}

function report(rule: string, t: Tally): void {
  const pct = (share(t) * 100).toFixed(1)
  console.log(
    `${rule}: ${t.cases} gelabelde gevallen, ${t.occurrences} keer in de bestanden; ${t.warnings} waarschuwingen, waarvan ${t.falseWarnings} onterecht (${pct}%); ${t.missed.length} gemist`,
  )
  for (const m of t.missed) console.log(`  gemist: ${m}`)
}
