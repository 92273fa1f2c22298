/**
 * Links survive import: `<a href>` of a CVDR page becomes a Markdown link, and a laws-markdown
 * link whose URL holds an unclosed `(` is read as a link, not as literal text. Whatever the URL
 * holds, import → parse → fmt → parse gives the URL of the source.
 */
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import type { Link } from 'mdast'
import { visit } from 'unist-util-visit'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { importCvdrHtml } from '../../src/import/cvdr-html.js'
import { importText } from '../../src/import/index.js'
import { CORPUS, filesUnder, fmt, parseString } from '../helpers.js'

/** The links of a Markdown text as the regelwerk parser reads it: text and URL. */
function links(markdown: string): Array<{ text: string; url: string }> {
  const out: Array<{ text: string; url: string }> = []
  visit(parseString(markdown).result.tree, 'link', (node: Link) => {
    out.push({ text: node.children.map((c) => ('value' in c ? c.value : '')).join(''), url: node.url })
  })
  return out
}

/** Import `text` as the CLI does, then check that the result is canonical and reads back the same. */
function imported(text: string, path: string): string {
  const file = new VFile({ path, value: text })
  const { markdown } = importText(text, path, file)
  expect(file.messages.filter((m) => m.fatal).map(String)).toEqual([])
  const reparsed = parseString(markdown)
  expect(fmt(reparsed.result)).toBe(markdown)
  expect(links(fmt(reparsed.result))).toEqual(links(markdown))
  return markdown
}

const attr = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const html = (body: string) =>
  `<!DOCTYPE html><html><body><main><h1>Proefregeling links (eigen tekst)</h1><h4>Artikel 1</h4><p>Dit artikel heeft geen titel.</p>${body}</main></body></html>\n`

describe('links in the real laws-markdown texts of the corpus', () => {
  const sources = filesUnder(CORPUS, ['.md']).filter((p) => !p.endsWith('SOURCES.md'))

  it('every link of the source is a link after import (none becomes literal text)', () => {
    expect(sources.length).toBeGreaterThan(60)
    let withParen = 0
    for (const src of sources) {
      const text = readFileSync(src, 'utf8')
      // (That the import is canonical and reads back the same is tested for every corpus file in test/cli.test.ts.)
      const found = links(importText(text, src, new VFile({ path: src, value: text })).markdown)
      expect(found.length, src).toBe(text.split('](').length - 1)
      // The URLs that hold an unclosed `(`: literal text before, links with that exact URL now.
      for (const m of text.matchAll(/\]\(([^\s()<>]*\([^\s()<>]*)\)/gu)) {
        withParen++
        expect(
          found.map((l) => l.url),
          src,
        ).toContain(m[1])
      }
    }
    // Arbeidsomstandighedenwet (three versions) and the circulaire on Stb. 2009/561 (two).
    expect(withParen).toBe(5)
  }, 300_000)

  it('keeps the link of Arbeidsomstandighedenwet art. 78 with its "(" (quoted from the source)', () => {
    const src = `${CORPUS}/bwb/BWBR0010346-arbeidsomstandighedenwet/2011-04-01.md`
    const markdown = imported(readFileSync(src, 'utf8'), src)
    expect(links(markdown)).toContainEqual({
      text: 'Wet van 30 november 2006 tot wijziging van de Arbeidsomstandighedenwet 1998 en enige andere wetten in verband met het vergroten van de verantwoordelijkheid van werkgevers en werknemers voor het arbeidsomstandighedenbeleid',
      url: '../../../wet/wijzigingswet/arbeidsomstandighedenwet/1998/enz./(vergroten/etc/BWBR0020772/README.md',
    })
    // The text after the link is text again, not part of a URL or a title.
    expect(markdown).toContain(') (Stb. 2006, 673) aan de Staten-Generaal een verslag')
  })

  it('leaves a balanced destination alone', () => {
    const text = '# Proef (eigen tekst)\n\n## Artikel 1\n\nZie [a](https://x.nl/b(c)d) en [e](https://x.nl/f(g)).\n'
    expect(links(imported(text, 'proef.md')).map((l) => l.url)).toEqual(['https://x.nl/b(c)d', 'https://x.nl/f(g)'])
  })
})

describe('links of a CVDR page', () => {
  it('keeps links to wetten.overheid.nl, CVDR and EUR-Lex as Markdown links', () => {
    const page = html(
      '<p>Gelet op <a href="https://wetten.overheid.nl/BWBR0005416/2020-01-01#Hoofdstuk_IV">artikel 160 van de\n Gemeentewet</a>, de <a href="https://lokaleregelgeving.overheid.nl/CVDR602503">regeling</a> en de <a href="https://eur-lex.europa.eu/legal-content/NL/TXT/?uri=CELEX:32016R0679&amp;from=NL">AVG</a>;</p>',
    )
    expect(links(imported(page, 'pagina.html'))).toEqual([
      { text: 'artikel 160 van de Gemeentewet', url: 'https://wetten.overheid.nl/BWBR0005416/2020-01-01#Hoofdstuk_IV' },
      { text: 'regeling', url: 'https://lokaleregelgeving.overheid.nl/CVDR602503' },
      { text: 'AVG', url: 'https://eur-lex.europa.eu/legal-content/NL/TXT/?uri=CELEX:32016R0679&from=NL' },
    ])
  })

  it('drops anchors in the page, relative and javascript: links, and keeps their text', () => {
    const page = html(
      '<p>Zie <a href="#artikel_3">artikel 3</a>, <a href="/CVDR1234">de nota</a>, <a href="javascript:void(0)">hier</a> en <a>niets</a>.</p>',
    )
    const markdown = imported(page, 'pagina.html')
    expect(links(markdown)).toEqual([])
    expect(markdown).toContain('Zie artikel 3, de nota, hier en niets.')
  })

  it('writes hostile URLs and link texts so that they read back exactly', () => {
    const urls = [
      'https://x.nl/a(b',
      'https://x.nl/a)b',
      'https://x.nl/a)(b',
      'https://x.nl/a b',
      'https://x.nl/<script>',
      'https://x.nl/a>b',
      'https://x.nl/a\\b\\',
      'https://x.nl/?a=1&amp;b=2',
      'https://x.nl/&copy;&#40;',
      'https://x.nl/*a*_b_`c`',
      'https://x.nl/[x](y)',
      'https://x.nl/"q" \'r\'',
      'https://x.nl/é%20ü',
      'mailto:griffie@x.nl',
    ]
    const texts = ['*a*', '[x]', '<b>', 'a\\', '`c`', '](y)', '!', 'a | b', '# kop', '1. lid', '&amp;']
    const body = urls
      .map((u, i) => `<p>Tekst ${i}: <a href="${attr(u)}">${attr(texts[i % texts.length] as string)}</a>.</p>`)
      .join('')
    const found = links(imported(html(body), 'pagina.html'))
    expect(found.map((l) => l.url)).toEqual(urls)
    expect(found.map((l) => l.text)).toEqual(urls.map((_, i) => texts[i % texts.length]))
  })

  it('a `!` before a link stays text (no image), in a paragraph and in a heading', () => {
    const page = html(
      '<p>Let op!<a href="https://x.nl/">de wet</a> geldt.</p><h4>Artikel 2 Let op!<a href="https://x.nl/2">Wet</a></h4><p>Tekst.</p>',
    )
    const markdown = imported(page, 'pagina.html')
    expect(links(markdown)).toEqual([
      { text: 'de wet', url: 'https://x.nl/' },
      { text: 'Wet', url: 'https://x.nl/2' },
    ])
    expect(markdown).toContain('Let op\\![de wet](https://x.nl/) geldt.')
    expect(markdown).toContain('## Artikel 2 Let op\\![Wet](https://x.nl/2)')
  })

  it('keeps a link in an article title on the line below the article heading', () => {
    const page = html(
      '<h4>Artikel 2</h4><p>Toepassing <a href="https://x.nl/awb">Awb</a></p><p>Tekst van artikel 2.</p>',
    )
    expect(importCvdrHtml(page).markdown).toContain('## Artikel 2 Toepassing [Awb](<https://x.nl/awb>)')
  })

  it('a link that holds the number of a lid keeps the lid text as link', () => {
    const result = importCvdrHtml(html('<p><a href="https://x.nl/1">1. Zie de wet.</a></p><p>2. Meer.</p>'))
    expect(result.markdown).toContain('1. [Zie de wet.](<https://x.nl/1>)')
  })

  it('a link over a line break is a link on both lines', () => {
    const result = importCvdrHtml(html('<p>Zie <a href="https://x.nl/a">de eerste<br>en tweede</a> regel.</p>'))
    expect(result.markdown).toContain('Zie [de eerste](<https://x.nl/a>)\n\n[en tweede](<https://x.nl/a>) regel.')
  })

  it('any URL reads back exactly after import, parse, fmt and parse (property)', () => {
    const tail = fc.string({ unit: fc.constantFrom(...'ab()<>[]\\&;#*_` "\'%é!|'.split('')), maxLength: 20 })
    fc.assert(
      fc.property(tail, (rest) => {
        const url = `https://x.nl/${rest}`
        const page = html(`<p>Zie <a href="${attr(url)}">de wet</a>.</p>`)
        const found = links(imported(page, 'pagina.html'))
        // The browser's URL attribute: leading and trailing white space is not part of the URL.
        expect(found.map((l) => l.url)).toEqual([url.trim()])
      }),
      { numRuns: 300 },
    )
  })
})
