/**
 * `fmt` never turns a text that passes `check` into one that fails it, and is idempotent (issue 13:
 * `>` nested 40 deep passed `check`, `fmt --write` wrote `> > > …`, which failed it). Checked on
 * every regulation and fixture in the repository and on generated regulations built from the
 * pieces that trip writers up: deep quotes and lists, emphasis runs, brackets, escapes, numbers.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { formatRegeling } from '../../src/format/markdown.js'
import { parseRegeling } from '../../src/parse/index.js'
import { checkRegeling } from '../../src/validate/index.js'
import { filesUnder, ROOT } from '../helpers.js'

/** The errors `check` gives on `text` as a lone file, as `line: reason [rule]`. */
function checkErrors(text: string): string[] {
  const file = new VFile({ path: 'regeling.md', value: text })
  const result = parseRegeling(file)
  if (result.text !== undefined) checkRegeling(result, file, {})
  return file.messages.filter((m) => m.fatal === true).map((m) => `${m.line}: ${m.reason} [${m.ruleId}]`)
}

function fmt(text: string): string {
  const file = new VFile({ path: 'regeling.md', value: text })
  const result = parseRegeling(file)
  return formatRegeling(result.tree, { frontMatter: result.frontMatter.present ? result.frontMatter.yaml : undefined })
}

/** If `text` passes check, its canonical form passes check too and is its own canonical form. */
function expectFmtKeepsCheck(text: string, idempotent = true): void {
  if (checkErrors(text).length > 0) return
  const once = fmt(text)
  expect(checkErrors(once), `fmt output of a text that passes check:\n${once.slice(0, 2000)}`).toEqual([])
  if (idempotent) expect(fmt(once)).toBe(once)
}

const HEAD = '---\nciteertitel: Proefregeling\n---\n\n# Proefregeling\n\n'

/** A line of body text built from pieces writers and parsers get wrong. */
const plainPieces = [
  fc.constantFrom('tekst', 'de werkgever', 'artikel 3', '1°', 'a.', '2a.', 'c.q.', '€ 12,50', '(zie lid 2)'),
  fc.constantFrom('`', '[', ']', '(', ')', '!', '<', '>', '&', '&amp;', '\\', '#', '|', '~', '***', '---'),
  fc.integer({ min: 1, max: 40 }).map((n) => '>'.repeat(n)),
  fc.integer({ min: 1, max: 40 }).map((n) => '> '.repeat(n)),
  fc.integer({ min: 1, max: 12 }).map((n) => '['.repeat(n)),
]
/** Runs of emphasis delimiters glued to words: the writer's escaping does not always survive them. */
const emphasisPieces = [
  fc.constantFrom('*', '**', '_', '__'),
  fc.integer({ min: 1, max: 12 }).map((n) => '*'.repeat(n)),
  fc.integer({ min: 1, max: 12 }).map((n) => '*a'.repeat(n)),
]

function regelingOf(piece: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const line = fc.tuple(
    fc.constantFrom('', '', '- ', '1. ', '2. ', 'a. ', '  - ', '    ', '> ', '>', '>>>> ', '- > ', '1. - '),
    fc.array(piece, { minLength: 1, maxLength: 6 }),
    fc.constantFrom(' ', '', '  '),
  )
  const lineText = line.map(([lead, words, sep]) => lead + words.join(sep))
  return regelingFromLines(lineText)
}

/** Articles of 1–5 lines each, blank lines or not between them. */
const regelingFromLines = (lineText: fc.Arbitrary<string>) =>
  fc
    .array(
      fc.tuple(fc.array(lineText, { minLength: 1, maxLength: 5 }), fc.boolean(), fc.integer({ min: 0, max: 40 })),
      { minLength: 1, maxLength: 4 },
    )
    .map((artikelen) =>
      artikelen
        .map(([lines, blank, quoteDepth], i) => {
          const body = lines.join(blank ? '\n\n' : '\n')
          const deep = quoteDepth > 0 ? `\n\n${'>'.repeat(quoteDepth)} citaat` : ''
          return `## Artikel ${i + 1}\n\n${body}${deep}\n`
        })
        .join('\n'),
    )
    .map((body) => HEAD + body)

describe('fmt output passes check when its input did', () => {
  it('`>` nested 40 deep: check refuses it, so fmt never writes a text that check refuses', () => {
    const text = `${HEAD}## Artikel 1\n\n${'>'.repeat(40)} tekst\n`
    expect(checkErrors(text).join('\n')).toMatch(/te-diep-genest/)
    expect(checkErrors(`${HEAD}## Artikel 1\n\n${'> '.repeat(40)}tekst\n`).join('\n')).toMatch(/te-diep-genest/)
    // 32 deep is allowed, written as `> > …`, and still allowed.
    expectFmtKeepsCheck(`${HEAD}## Artikel 1\n\n${'>'.repeat(32)} tekst\n`)
  })

  it('on every regulation, template text and fixture in the repository', () => {
    const files = [
      ...filesUnder(join(ROOT, 'regulations')),
      ...filesUnder(join(ROOT, 'test', 'fixtures')).filter((p) => !p.includes(`${join('fixtures', 'publish')}`)),
    ]
    expect(files.length).toBeGreaterThan(20)
    for (const path of files) expectFmtKeepsCheck(readFileSync(path, 'utf8'))
  })

  it('on generated regulations (deep quotes and lists, brackets, escapes, numbers): check kept, idempotent', () => {
    fc.assert(
      fc.property(regelingOf(fc.oneof(...plainPieces)), (text) => expectFmtKeepsCheck(text)),
      { numRuns: Number(process.env.FC_RUNS ?? 300) },
    )
  })

  it('on generated regulations with emphasis runs: check kept', () => {
    // Idempotence is not asserted here: mdast-util-to-markdown escapes `****>*a*a*` so that it
    // reads back with other emphasis (a known limit of the writer, reported in issue 13's notes).
    fc.assert(
      fc.property(regelingOf(fc.oneof(...plainPieces, ...emphasisPieces)), (text) => expectFmtKeepsCheck(text, false)),
      { numRuns: Number(process.env.FC_RUNS ?? 300) },
    )
  })
})
