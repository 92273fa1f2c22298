/**
 * regelwerk as a unified plugin gives what the library and the CLI give: the same tree as
 * `parseRegeling` (positions in the real file), the same messages as `regelwerk check`, and
 * through remark-stringify the same bytes as `regelwerk fmt`.
 */
import { readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import fc from 'fast-check'
import type { Root } from 'mdast'
import { toString as mdastToString } from 'mdast-util-to-string'
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import remarkStringify from 'remark-stringify'
import { unified } from 'unified'
import type { Node } from 'unist'
import { VFile } from 'vfile'
import { describe, expect, expectTypeOf, it } from 'vitest'
import { formatRegeling } from '../../src/format/markdown.js'
import type { Regeling } from '../../src/model/nodes.js'
import { declaredSoort } from '../../src/parse/frontmatter.js'
import { parseRegeling } from '../../src/parse/index.js'
import { regelingToMdast, regelwerk, regelwerkToMarkdown } from '../../src/plugin/index.js'
import type { RuleId } from '../../src/util/rule-ids.js'
import { checkRegeling } from '../../src/validate/index.js'
import { WORK_RULES } from '../../src/versions/check-work.js'
import { isWorkDir, loadWork } from '../../src/versions/work.js'
import { regelwerk as runCli } from '../cli-helpers.js'
import { CORPUS, filesUnder, ROOT } from '../helpers.js'

const regulations = filesUnder(join(ROOT, 'regulations')).filter((p) => {
  const soort = declaredSoort(readFileSync(p, 'utf8'))
  // `check` sends templates, text blocks and publication files to checks of their own.
  return soort !== 'sjabloon' && soort !== 'tekstblok' && soort !== 'publicatie'
})
const corpus = [
  ...filesUnder(join(CORPUS, 'bwb-legalize')),
  ...filesUnder(join(CORPUS, 'cvdr')),
  ...filesUnder(join(CORPUS, 'gemeenteblad')),
  ...filesUnder(join(CORPUS, 'amendments')),
  ...filesUnder(join(CORPUS, 'bwb')).filter((_, i) => i % 4 === 0),
]
const fixtures = [
  ...filesUnder(join(ROOT, 'test', 'fixtures', 'parse')),
  ...filesUnder(join(ROOT, 'test', 'fixtures', 'check')),
].filter((p) => p.endsWith('input.md'))

function inheritedFor(path: string): Record<string, unknown> | undefined {
  return isWorkDir(dirname(path)) ? loadWork(dirname(path)).inherited : undefined
}

function parser(options: Parameters<typeof regelwerk>[0] = {}) {
  return unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(regelwerk, options)
}

/** The library's way: parse, check. */
function library(value: string | Uint8Array, inherited?: Record<string, unknown>) {
  const file = new VFile({ path: 'regeling.md', value })
  const result = parseRegeling(file)
  checkRegeling(result, file, { inherited })
  const fmt = formatRegeling(result.tree, {
    frontMatter: result.frontMatter.present ? result.frontMatter.yaml : undefined,
  })
  return { file, tree: result.tree, fmt }
}

/** The unified way: one processor to the tree, one to canonical Markdown. */
function plugin(value: string | Uint8Array, inherited?: Record<string, unknown>) {
  const file = new VFile({ path: 'regeling.md', value })
  const processor = parser({ inherited })
  const tree = processor.runSync(processor.parse(file), file)
  const out = new VFile({ path: 'regeling.md', value })
  const fmt = String(
    unified()
      .use(remarkParse)
      .use(remarkFrontmatter, ['yaml'])
      .use(regelwerk, { inherited, check: false })
      .use(regelwerkToMarkdown)
      .use(remarkStringify)
      .processSync(out),
  )
  return { file, tree, fmt }
}

/** `parseRegeling` counts offsets from the end of the front-matter, the plugin from the start. */
function withoutOffsets(tree: Node): unknown {
  return JSON.parse(JSON.stringify(tree, (key, value) => (key === 'offset' ? undefined : value)))
}

function messages(file: VFile): string[] {
  return file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.fatal} ${m.reason}`).sort()
}

function expectSame(value: string | Uint8Array, inherited?: Record<string, unknown>) {
  const a = library(value, inherited)
  const b = plugin(value, inherited)
  expect(withoutOffsets(b.tree)).toEqual(withoutOffsets(a.tree))
  expect(messages(b.file)).toEqual(messages(a.file))
  expect(b.fmt).toBe(a.fmt)
  return b
}

/** Every position's offset points at its line and column in the real (LF) text. */
function expectFileOffsets(tree: Node, text: string) {
  const lineStarts = [0]
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1)
  let checked = 0
  const visit = (node: Node) => {
    for (const point of [node.position?.start, node.position?.end]) {
      if (point?.offset === undefined) continue
      expect(point.offset, `${point.line}:${point.column}`).toBe(
        (lineStarts[point.line - 1] as number) + point.column - 1,
      )
      checked++
    }
    for (const child of (node as { children?: Node[] }).children ?? []) visit(child)
  }
  visit(tree)
  expect(checked).toBeGreaterThan(0)
}

describe('regelwerk as a unified plugin', () => {
  it.each([...regulations, ...corpus, ...fixtures].map((p) => [relative(ROOT, p), p]))(
    '%s: same tree, messages and canonical Markdown as the library',
    (_, path) => {
      const bytes = readFileSync(path)
      const { tree } = expectSame(bytes, inheritedFor(path))
      const text = bytes.toString('utf8')
      const plain = !text.includes('\r') && !/^#{1,6}[^#\s]/m.test(text)
      if (plain && tree.children.length > 0) expectFileOffsets(tree, text)
    },
  )

  it('gives the messages `regelwerk check --json` gives, apart from the checks over a whole work', () => {
    const run = runCli(['check', '--json', 'regulations'])
    const cli = JSON.parse(run.stdout) as {
      berichten: Array<{ pad: string; regel: number; kolom: number; regelId: RuleId; bericht: string }>
    }
    const workRules = new Set(WORK_RULES.map((r) => r.id))
    let compared = 0
    for (const path of regulations) {
      const expected = cli.berichten
        .filter((m) => join(ROOT, m.pad) === path && !workRules.has(m.regelId))
        .map((m) => `${m.regel}:${m.kolom} ${m.regelId} ${m.bericht}`)
        .sort()
      const { file } = plugin(readFileSync(path), inheritedFor(path))
      expect(file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.reason}`).sort(), path).toEqual(expected)
      compared += expected.length
    }
    // The bundled regulations do carry messages, so this compares something.
    expect(compared).toBeGreaterThan(0)
  })

  it('canonical Markdown through remark-stringify is a fixed point', () => {
    for (const path of [...regulations, ...corpus.slice(0, 6)]) {
      const once = plugin(readFileSync(path)).fmt
      expect(plugin(once).fmt, path).toBe(once)
    }
  })

  const front = '---\nciteertitel: Proef\nsoort: regeling\ninwerkingtreding: 2020-01-01\n---\n\n'
  const body = [
    '# Regeling proef',
    '## Artikel 1 - Begrippen',
    '1. In deze regeling wordt verstaan onder:\n\n   a. werkgever: de gemeente;\n\n   b. ambtenaar: zie artikel 9.',
    '2. Tekst met een regel die op een nummer lijkt:\na. geen onderdeel\n1° ook niet.',
    '4. Een gat in de nummering.',
    '2a. Ingevoegd lid.',
    '007. Met voorloopnullen.',
    '##Artikel 2 Zonder spatie',
    'Eerste alinea met *nadruk* en een [link](https://example.org).',
    '- - een geneste opsomming',
    '> Een citaat\n> - met een lijst',
    '```\ncode\n```',
    '#### Losse kop',
    '## Toelichting',
    '### Artikel 1',
    'Uitleg.',
  ].join('\n\n')

  it.each([
    ['LF with front-matter', `${front}${body}\n`],
    ['CRLF and a BOM', `\uFEFF${front}${body}\n`.replace(/\n/g, '\r\n')],
    ['no front-matter', `${body}\n`],
    ['front-matter closed with `...`', `${front.replace(/---\n\n$/, '...\n\n')}${body}\n`],
    ['front-matter closed with `--- ` (trailing space)', `${front.replace(/---\n\n$/, '--- \n\n')}${body}\n`],
    ['front-matter not closed', `---\nciteertitel: Proef\n\n${body}\n`],
    ['YAML errors', `---\nciteertitel: Proef\nciteertitel: Dubbel\n  verkeerd: ingesprongen\n---\n\n${body}\n`],
    ['YAML comment that looks like a heading', `---\n#opmerking\nciteertitel: Proef\n---\n\n${body}\n`],
    ['nested too deep', `${front}${'> '.repeat(40)}tekst\n`],
    ['only white space', ' \n\n'],
  ])('%s: same tree, messages and canonical Markdown', (_, text) => {
    expectSame(text)
    expectSame(new TextEncoder().encode(text))
  })

  it.each([
    ['empty', new Uint8Array()],
    ['binary', Uint8Array.from([37, 80, 68, 70, 0, 1, 2])],
    ['not UTF-8', Uint8Array.from([...new TextEncoder().encode('# Titel\n\nCaf'), 0xe9, 10])],
  ])('a file that cannot be read (%s) gives the same messages and an empty tree', (_, bytes) => {
    const { file, tree } = expectSame(bytes)
    expect(tree.children).toEqual([])
    expect(file.messages.some((m) => m.fatal)).toBe(true)
  })

  it('keeps a list of leden after a quote written as in `fmt` (the bullet of the quote stays `-`)', () => {
    expectSame(`${front}## Artikel 1\n\n1. Een.\n\n2. Twee.\n\n> - citaat\n`)
  })

  it('works without remark-frontmatter when the front-matter is fenced with `---`', () => {
    const file = new VFile({ value: `${front}${body}\n` })
    const processor = unified().use(remarkParse).use(regelwerk)
    const tree = processor.runSync(processor.parse(file), file)
    expect(withoutOffsets(tree)).toEqual(withoutOffsets(library(`${front}${body}\n`).tree))
  })

  it('asks for remark-frontmatter when, without it, the Markdown runs through the front-matter', () => {
    const text = '---\nvoorbeeld: |\n  ```\n---\n\n# Titel\n'
    const bare = unified().use(remarkParse).use(regelwerk)
    const file = new VFile({ value: text })
    expect(() => bare.runSync(bare.parse(file), file)).toThrow(/remark-frontmatter/)
    expectSame(text)
  })

  it('with `check: false` builds the tree without running the check rules', () => {
    const text = '# Proef\n\n## Artikel 1\n\nTekst.\n\n## Artikel 1\n\nNog eens.\n'
    const file = new VFile({ value: text })
    const processor = parser({ check: false })
    processor.runSync(processor.parse(file), file)
    expect(messages(file)).toEqual([])
    expect(messages(library(text).file).length).toBeGreaterThan(0)
  })

  it('explains, instead of guessing, when it gets an mdast tree it did not see parsed', () => {
    const file = new VFile({ value: '# Titel\n' })
    const mdast = unified().use(remarkParse).parse(file)
    expect(() => unified().use(regelwerk).runSync(mdast, file)).toThrow(/parse the file with the same processor/)
  })

  it('writes a tree made without the plugin, with the front-matter given as an option', () => {
    const text = readFileSync(join(ROOT, 'regulations', 'car-uwo', '2015-09-07.md'), 'utf8')
    const result = parseRegeling(new VFile({ value: text }))
    const out = unified()
      .use(regelwerkToMarkdown, { frontMatter: result.frontMatter.yaml })
      .use(remarkFrontmatter, ['yaml'])
      .use(remarkStringify)
    const written = out.stringify(out.runSync(result.tree))
    expect(written).toBe(formatRegeling(result.tree, { frontMatter: result.frontMatter.yaml }))
    expect(written.startsWith('---\nwork: car-uwo\n')).toBe(true)
  })

  it('makes plain mdast that other tools can read (headings hold their whole text)', () => {
    const { tree } = plugin(`${front}${body}\n`)
    const mdast = regelingToMdast(tree)
    expect(mdast.children.map((n) => n.type).slice(0, 4)).toEqual(['heading', 'heading', 'list', 'list'])
    expect(mdastToString(mdast.children[1])).toBe('Artikel 1 Begrippen')
  })

  it('mutated real files: same tree, messages and canonical Markdown (property)', () => {
    const sources = [...regulations, ...corpus.slice(0, 4)].map((p) => readFileSync(p))
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: sources.length - 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom('', '\n', '####', '1. ', 'a. ', '---\n', '> ', '\r\n', '   - '),
        (i, from, to, insert) => {
          const source = sources[i] as Buffer
          const [a, b] = [
            Math.floor(Math.min(from, to) * source.length),
            Math.floor(Math.max(from, to) * source.length),
          ]
          // Cut a piece out and put a Markdown fragment in its place (bytes: may split a character).
          expectSame(Buffer.concat([source.subarray(0, a), Buffer.from(insert), source.subarray(b)]))
        },
      ),
      { numRuns: 40 },
    )
  })

  it('type-checks in a unified chain', () => {
    const toTree = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(regelwerk)
    expectTypeOf(toTree.runSync(toTree.parse(''))).toEqualTypeOf<Regeling>()
    const toMarkdown = unified().use(remarkParse).use(regelwerk).use(regelwerkToMarkdown).use(remarkStringify)
    expectTypeOf(toMarkdown.runSync).returns.toEqualTypeOf<Root>()
    expectTypeOf(toMarkdown.processSync('').value).toEqualTypeOf<string | Uint8Array>()
    // @ts-expect-error: `check` is a boolean.
    unified().use(regelwerk, { check: 'ja' })
  })
})
