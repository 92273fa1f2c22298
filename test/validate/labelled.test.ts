import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { importText } from '../../src/import/index.js'
import { parseRegeling } from '../../src/parse/index.js'
import { checkRegeling } from '../../src/validate/index.js'
import { CORPUS } from '../helpers.js'

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
