/**
 * Chunked parsing (src/parse/markdown.ts) must give exactly the tree and positions of a
 * whole-document parse: on every real text we have, at chunk sizes small enough to cut every
 * block, and on generated Markdown built from the constructs that can span or interrupt lines.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { parseText } from '../../src/parse/index.js'
import { parseMarkdown } from '../../src/parse/markdown.js'
import { CORPUS, filesUnder, ROOT, SHARED } from '../helpers.js'

const texts = [
  ...filesUnder(join(ROOT, 'regulations')),
  ...filesUnder(join(CORPUS)),
  ...filesUnder(join(SHARED, 'seeds')),
  ...filesUnder(join(ROOT, 'test', 'fixtures')).filter((p) => /\.(md|txt)$/.test(p)),
].map((p) => ({ p, text: readFileSync(p, 'utf8').replace(/\r\n?/g, '\n') }))

/** Lines that open, continue, interrupt or close blocks: lists, quotes, fences, HTML, setext. */
const LINES = [
  '',
  '',
  '',
  '## Artikel 1 Begrippen',
  '# Titel',
  'Een alinea met tekst.',
  'vervolg van de alinea',
  '1. Het eerste lid.',
  '2. Het tweede lid:',
  '10) lid tien',
  '   a. onderdeel a;',
  '   b. onderdeel b.',
  '      1°. subonderdeel',
  '- een streepje',
  '  - dieper',
  '* ster',
  '  - >-',
  '    vervolg in een citaat',
  '> citaat',
  '>',
  '```',
  '~~~~',
  '```js',
  '    ingesprongen code',
  '<!-- opmerking',
  '-->',
  '<div>',
  '</div>',
  '<script>',
  '</script>',
  '---',
  '===',
  '***',
  '| a | b |',
  '-',
  '1.',
  '\t tab',
  '  ',
  '  tekst',
  '>     code',
  '[x]: /url',
]

const markdown = fc
  .array(fc.constantFrom(...LINES), { minLength: 1, maxLength: 60 })
  .map((lines) => `${lines.join('\n')}\n`)

describe('chunked Markdown parsing equals whole-document parsing', () => {
  it('on every text in regulations/, the corpus, the seeds and the fixtures, with tiny chunks', () => {
    expect(texts.length).toBeGreaterThan(100)
    for (const { p, text } of texts) {
      const whole = JSON.stringify(fromMarkdown(text))
      for (const chunk of [700]) expect(JSON.stringify(parseMarkdown(text, chunk)), `${p} @${chunk}`).toBe(whole)
    }
    // Every real text twice through micromark (some 25 s on an idle machine): a safety net, not a
    // speed limit (speed is measured by `npm run bench`).
  }, 180_000)

  it('on generated Markdown of lists, quotes, fences, HTML and setext lines (same tree, same positions)', () => {
    fc.assert(
      fc.property(markdown, fc.integer({ min: 1, max: 120 }), (text, chunk) => {
        expect(parseMarkdown(text, chunk)).toEqual(fromMarkdown(text))
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 1500) },
    )
  })

  it('a list-item line after a paragraph is read as micromark reads it (interrupting), not as a fresh start', () => {
    const text = `${'Een alinea.\n\n'.repeat(4)}gelezen:\n  - >-\n    de brief\n\nSlot.\n`
    expect(parseMarkdown(text, 8)).toEqual(fromMarkdown(text))
  })

  it('a node after indented code and a blank line is read as micromark reads it (the code could go on)', () => {
    const text = `${'Een alinea.\n\n'.repeat(4)}\t tab\n\n  - >-\n\nSlot.\n`
    expect(parseMarkdown(text, 8)).toEqual(fromMarkdown(text))
  })

  it('a node after an empty list item and a blank line is read as micromark reads it', () => {
    const text = `${'Een alinea.\n\n'.repeat(4)}-\n\n    vervolg\n    code\n\nSlot.\n`
    expect(parseMarkdown(text, 8)).toEqual(fromMarkdown(text))
  })

  it('the regeling tree of a large real text is the same, positions included, whichever the chunk size', () => {
    const sources = texts.filter((t) => t.p.includes('/bwb/')).slice(0, 6)
    const big = sources.map((t) => t.text.replace(/^---\n[\s\S]*?\n---\n/, '')).join('\n\n')
    expect(big.length).toBeGreaterThan(8192 * 4)
    const tree = (chunk: number) => parseText(big, new VFile({ path: 'groot.md' }), { chunk }).tree
    const whole = tree(1 << 30)
    expect(JSON.stringify(whole).split('"artikel"').length).toBeGreaterThan(50)
    for (const chunk of [64, 8192]) expect(tree(chunk)).toEqual(whole)
  })
})
