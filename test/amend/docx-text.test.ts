/**
 * `amend --format docx` enacts the same text as the Markdown besluit: LibreOffice opens the Word
 * file (all changes accepted, saved as text) and its words equal the Markdown besluit as a reader
 * sees it, word for word, list markers ("1.", "a.", "–") included; `pdftotext -layout` shows the
 * indentation of leden and onderdelen. Run through the command line, as a user does.
 * TEST DATA: the statuut edits are made here; the Ambtenarenwet pair is real (../shared/corpus); the
 * replaced list of gedachtestreepjes is made here from the real artikel 2 (catalogue form 55).
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { regelwerk } from '../cli-helpers.js'
import { ROOT } from '../helpers.js'
import { convertToPdf, readText, resolveRevisions, SKIP_LIBREOFFICE } from '../lo/libreoffice.js'
import { STATUUT } from '../render/statuut-edit.js'

/** The words of a Markdown besluit as a reader sees them (front-matter and unsigned part left out). */
export function besluitWords(markdown: string): string[] {
  const body = markdown.replace(/^---\n[\s\S]*?\n---\n/, '').split(/\n## Redactionele bijwerking\n/)[0] as string
  return body
    .split('\n')
    .map((line) =>
      line
        .replace(/^(>\s?)+/, '')
        .replace(/^\s*#{1,6}\s+/, '')
        // `- a.` is onderdeel a (the list mark is Markdown); `- ` alone is an onderdeel with a dash.
        .replace(/^(\s*)[-*+]\s+(?=(?:\d+[a-z]*\.|[a-z]{1,3}\.|\d+°\.?)\s)/, '$1')
        .replace(/^(\s*)[-*+]\s+/, '$1– ')
        .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/(\*\*|__|\*|_)(\S(?:.*?\S)?)\1/g, '$2')
        .replace(/\\([\\`*_{}[\]()#+\-.!<>"|~])/g, '$1'),
    )
    .join(' ')
    .split(/\s+/)
    .filter((w) => w !== '')
}

const words = (text: string) => text.split(/\s+/).filter((w) => w !== '')

function edit(...edits: Array<[string | RegExp, string]>): string {
  let text = readFileSync(STATUUT, 'utf8')
  for (const [from, to] of edits) {
    const before = text
    text = text.replace(from, to)
    if (text === before) throw new Error(`testbewerking niet toegepast: ${from}`)
  }
  return text
}

const dir = mkdtempSync(join(tmpdir(), 'regelwerk-amend-tekst-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** name → [old, new, extra amend arguments] */
const CASES: Record<string, [string, string, string[]]> = {
  // Real: lid 1 of artikel 2 is a list with dashes, changed by place; word instructions in B and C.
  ambtenarenwet: [
    join(ROOT, 'regulations/ambtenarenwet/2012-01-01.md'),
    join(ROOT, 'regulations/ambtenarenwet/2013-01-01.md'),
    [],
  ],
  // Made here: most gedachtestreepjes of artikel 2, eerste lid, go, so the lid is replaced whole.
  streepjes: [
    join(ROOT, 'test/fixtures/amend-catalogue/55-gedachtestreepje-vervalt/basis.md'),
    (() => {
      const basis = join(ROOT, 'test/fixtures/amend-catalogue/55-gedachtestreepje-vervalt/basis.md')
      const text = readFileSync(basis, 'utf8')
      const start = text.indexOf('   - ministers en staatssecretarissen;')
      const end = text.indexOf('\n2. De artikelen 125')
      if (start < 0 || end < 0) throw new Error('testbewerking niet toegepast: de opsomming van artikel 2')
      const path = join(dir, 'streepjes-nieuw.md')
      writeFileSync(
        path,
        `${text.slice(0, start)}   - ministers en staatssecretarissen;\n\n   - burgemeesters;\n\n   - militaire ambtenaren.\n${text.slice(end)}`,
      )
      return path
    })(),
    [],
  ],
  statuut: [
    STATUUT,
    (() => {
      const path = join(dir, 'statuut-bewerkt.md')
      writeFileSync(
        path,
        edit(
          ['ter grootte van 250% van de jaarlijkse', 'ter grootte van 300% van de jaarlijkse'],
          [
            /(\n#### Artikel 11 )/,
            '\n8. In afwijking van het vijfde lid geldt voor een medewerker die:\n\n   - a. jonger is dan 55 jaar, een percentage van 200%;\n\n   - b. ouder is dan 60 jaar, een percentage van 350%.\n$1',
          ],
        ),
      )
      return path
    })(),
    ['--kenmerk', 'P&O/2026/17', '--ondertekening', '2012-12-04'],
  ],
}

describe.skipIf(SKIP_LIBREOFFICE)('amend --format docx: the same text as the Markdown besluit', () => {
  const markdown: Record<string, string> = {}
  const text: Record<string, string> = {}
  const layout: Record<string, string> = {}

  beforeAll(() => {
    const docx: string[] = []
    for (const [name, [oud, nieuw, extra]] of Object.entries(CASES)) {
      const md = join(dir, `${name}.md`)
      const run = regelwerk(['amend', oud, nieuw, '--out', md, ...extra])
      expect(run.status, run.stderr).toBe(0)
      markdown[name] = readFileSync(md, 'utf8')
      const out = join(dir, `${name}.docx`)
      const w = regelwerk(['amend', oud, nieuw, '--format', 'docx', '--out', out, ...extra])
      expect(w.status, w.stderr).toBe(0)
      docx.push(out)
    }
    const jobs = docx.map((input) => ({ input, action: 'accept' as const, output: input.replace(/\.docx$/, '.txt') }))
    resolveRevisions(jobs, join(dir, 'profiel'))
    const pdfs = convertToPdf(docx, join(dir, 'pdf'), join(dir, 'profiel-pdf'))
    Object.keys(CASES).forEach((name, i) => {
      text[name] = readText(jobs[i]?.output as string)
      layout[name] = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdfs[i] as string, '-'], {
        encoding: 'utf8',
      })
    })
  }, 240_000)

  it.each(Object.keys(CASES))('%s: LibreOffice reads the Markdown besluit word for word', (name) => {
    const expected = besluitWords(markdown[name] as string)
    const got = words(text[name] as string)
    // The first difference, for a readable failure.
    const at = expected.findIndex((w, i) => got[i] !== w)
    expect(at < 0 ? null : { at, expected: expected.slice(at, at + 8), got: got.slice(at, at + 8) }).toBeNull()
    expect(got.length).toBe(expected.length)
  })

  it('the list markers of a replaced lid stay, and the dashes stand further in than the lid number', () => {
    const t = text.streepjes as string
    expect(t).toMatch(/^1\.\s+Titel III is niet van toepassing op:$/m)
    expect(t).toMatch(/^–\s+ministers en staatssecretarissen;$/m)
    const lines = (layout.streepjes as string).split('\n')
    const lid = lines.find((l) => /^\s*1\.\s+Titel III/.test(l)) as string
    const streep = lines.find((l) => /^\s*–\s+ministers en staatssecretarissen/.test(l)) as string
    expect(lid).toBeDefined()
    expect(streep).toBeDefined()
    expect(streep.search(/\S/)).toBeGreaterThan(lid.search(/\S/))
  })

  it('typographic quotes, the aanhef with "besluit:" and the ondertekening', () => {
    const t = text.statuut as string
    expect(t).toContain('In het vijfde lid wordt „250%” vervangen door „300%”.')
    expect(t).not.toMatch(/"/)
    expect(t).toMatch(
      /Besluit tot wijziging van het Sociaal Statuut Samenwerking CGM 2012\nHet college van burgemeester en wethouders van Grave;\ngelet op de Wet op de ondernemingsraden en CAR\/UWO;\nbesluit:\nARTIKEL I\n/,
    )
    expect(t).toMatch(/^a\.\s+jonger is dan 55 jaar, een percentage van 200%;$/m)
    expect(t.trimEnd()).toMatch(
      /ARTIKEL II\nDit besluit treedt in werking met ingang van 3 januari 2013 en werkt terug tot en met 1 januari 2013\.\nAldus vastgesteld door het college van burgemeester en wethouders van Grave op 4 december 2012\.$/,
    )
  })

  it('the Markdown besluit passes check, and the ontwerp without kenmerk too', () => {
    for (const name of Object.keys(CASES)) {
      const run = regelwerk(['check', join(dir, `${name}.md`)])
      expect(run.status, run.stderr).toBe(0)
    }
    expect(markdown.statuut).toContain('kenmerk: P&O/2026/17')
    expect(markdown.statuut).toContain('ondertekening: 2012-12-04')
    expect(markdown.statuut).not.toContain('ontwerp')
    expect(markdown.ambtenarenwet).toContain('ontwerp: true')
  })
})
