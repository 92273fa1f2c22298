/**
 * The letters as the receiver reads them: the demo batches with `--pdf` (LibreOffice headless,
 * PDF/A), read back with `pdftotext -layout` page by page. Page breaks may not cut the signature
 * block, a line ending in ":" from what follows, or an amount after "€"; the letterhead and signer
 * follow the row's gemeente; `--one-file` counts each letter's own pages and `--dubbelzijdig`
 * starts every letter on an odd page.
 */

import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { beforeAll, describe, expect, it } from 'vitest'
import { regelwerkAsync, tempDir } from '../cli-helpers.js'
import { ROOT } from '../helpers.js'
import { SKIP_LIBREOFFICE } from './libreoffice.js'

const DATA = 'templates/voorbeelden/medewerkers.csv'
const out = tempDir()
const status = join(out, 'status')
const plaatsing = join(out, 'plaatsing')

/** The pages of a PDF as `pdftotext -layout` lays them out (the form feed ends each page). */
function pages(pdf: string): string[] {
  const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' })
  return text.split('\f').slice(0, -1)
}

/** Lines of a page without the letterhead (first two lines) and the footer. */
const bodyLines = (page: string) =>
  page
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^pagina \d+ van/.test(l))
    .slice(2)

const pdfsIn = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.pdf'))
    .map((f) => join(dir, f))

describe.skipIf(SKIP_LIBREOFFICE)('letters through LibreOffice, read as the receiver', () => {
  beforeAll(async () => {
    const [a, b] = await Promise.all([
      regelwerkAsync(['letters', 'templates/statusbrief.md', DATA, '--out', status, '--pdf'], { timeoutMs: 280_000 }),
      regelwerkAsync(['letters', 'templates/plaatsingsbesluit.md', DATA, '--out', plaatsing, '--pdf'], {
        timeoutMs: 280_000,
      }),
    ])
    expect(a.stderr).toContain("31 PDF's (PDF/A) geschreven")
    expect(b.stderr).toContain("27 PDF's (PDF/A) geschreven")
  }, 300_000)

  it('"Met vriendelijke groet" and the signer are on one page, with room to sign', () => {
    for (const pdf of [...pdfsIn(status), ...pdfsIn(plaatsing)]) {
      const ps = pages(pdf)
      const greeting = ps.findIndex((p) => p.includes('Met vriendelijke groet,'))
      const signer = ps.findIndex((p) => /^\s*[PQR]\. Voorbeeld\s*$/m.test(p))
      expect(greeting, pdf).toBeGreaterThanOrEqual(0)
      expect(signer, pdf).toBe(greeting)
      // At least two empty lines between "namens dezen," and the name.
      expect(ps[greeting], pdf).toMatch(/namens dezen,\n\s*\n\s*\n[\s\S]*?[PQR]\. Voorbeeld/)
    }
  })

  it('no line is only "€" or ends in "€"; "artikel 10" and "1 januari 2024" are not split over lines', () => {
    const MONTH = '(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)'
    for (const pdf of [...pdfsIn(status), ...pdfsIn(plaatsing)]) {
      const text = pages(pdf).join('\n')
      for (const line of text.split('\n')) {
        expect(line.trim(), pdf).not.toBe('€')
        expect(line, pdf).not.toMatch(/€\s*$/)
      }
      expect(text, pdf).not.toMatch(/\b(?:artikel|lid|schaal)[ \t]*\n\s*\d/i)
      expect(text, pdf).not.toMatch(new RegExp(`\\b\\d{1,2}[ \\t]*\\n\\s*${MONTH}\\b`))
      expect(text, pdf).not.toMatch(new RegExp(`\\b${MONTH}[ \\t]*\\n\\s*\\d{4}\\b`))
    }
  })

  it('a line ending in ":" stays with what follows; "Zie artikel" stays with its paragraph', () => {
    for (const pdf of [...pdfsIn(status), ...pdfsIn(plaatsing)]) {
      for (const page of pages(pdf)) {
        const lines = bodyLines(page)
        const last = lines.at(-1) ?? ''
        expect(last.endsWith(':'), `${pdf}: page ends with "${last}"`).toBe(false)
        expect(lines[0] ?? '', pdf).not.toMatch(/^Zie artikel/)
        // A quoted article's heading is never the last line.
        expect(last, pdf).not.toMatch(/^\(?zoals geldend op/)
      }
    }
  })

  it("the letterhead, the signer and the bezwaar address follow the row's gemeente", () => {
    const seen = new Set<string>()
    for (const pdf of [...pdfsIn(status), ...pdfsIn(plaatsing)]) {
      const text = pages(pdf).join('\n')
      const head = /^\s*Gemeente (.+?) \(voorbeeld\)/.exec(text)?.[1]
      const signs = /burgemeester en wethouders van de gemeente (.+?),\n/.exec(text)?.[1]
      expect(head, pdf).toBeDefined()
      expect(signs, pdf).toBe(head)
      expect(text.replace(/\s+/g, ' '), pdf).toContain(
        `Het postadres voor uw bezwaarschrift is: het college van burgemeester en wethouders van de gemeente ${head},`,
      )
      expect(text, pdf).not.toContain('Samenwerkingsverband CGM (voorbeeld)')
      seen.add(head as string)
    }
    expect([...seen].sort()).toEqual(['Cuijk', 'Grave', 'Mill en Sint Hubert'])
  })

  it('table cells are written trimmed; amounts, articles and dates have no-break spaces', () => {
    const xml = strFromU8(
      unzipSync(readFileSync(join(status, 'statusbrief-000001-Voorbeeld.docx')))['word/document.xml'] as Uint8Array,
    )
    expect(xml).not.toMatch(/<w:tc>(?:(?!<\/w:tc>).)*<w:t xml:space="preserve">\s/)
    expect(xml).not.toMatch(/<w:tc>(?:(?!<\/w:tc>).)*\s<\/w:t>/)
    expect(xml).toContain('€\u00a02.853,12')
    expect(xml).toContain('artikel\u00a010')
    expect(xml).toContain('15\u00a0februari\u00a02013')
  })

  it('the hearing report is mentioned only when the row says gehoord: ja', () => {
    const heard = pages(join(plaatsing, 'plaatsingsbesluit-000001-Voorbeeld.pdf')).join('\n')
    expect(heard).toContain('Bijlage(n): verslag van de hoorzitting')
    expect(heard).toContain('U bent gehoord door de plaatsingsadviescommissie')
    const notHeard = pages(join(plaatsing, 'plaatsingsbesluit-000003-Proefdraai.pdf')).join('\n')
    expect(notHeard).not.toContain('hoorzitting')
    expect(notHeard).not.toContain('als u bent gehoord')
    const contact = pages(join(status, 'statusbrief-000002-Testpersoon.pdf')).join('\n')
    expect(contact).toMatch(
      /Behandeld door: mw\. J\. Voorbeeld\n\s*Telefoon: 0000 000 099\n\s*E-mail: j\.voorbeeld@cgm\.voorbeeld/,
    )
    expect(contact).toContain('Bijlage(n): functiebeschrijving')
  })

  it('the manifest lists the PDF and its sha256 beside the Word file; the PDFs are PDF/A', () => {
    const manifest = JSON.parse(readFileSync(join(status, 'manifest.json'), 'utf8'))
    expect(manifest.brieven).toHaveLength(31)
    for (const b of manifest.brieven) {
      expect(b.pdf).toBe(b.bestand.replace(/\.docx$/, '.pdf'))
      const bytes = readFileSync(join(status, b.pdf))
      expect(b.pdfSha256).toBe(createHash('sha256').update(bytes).digest('hex'))
      expect(bytes.toString('latin1')).toContain('<pdfaid:part>2</pdfaid:part>')
    }
    expect(readdirSync(status).filter((f) => f.startsWith('.regelwerk'))).toEqual([])
  })
})

describe.skipIf(SKIP_LIBREOFFICE)('--one-file in LibreOffice', () => {
  /** A letter of one page, or three (two page breaks), per row. */
  function shortTemplate(dir: string): string {
    copyFileSync(join(ROOT, 'templates', 'huisstijl.docx'), join(dir, 'huisstijl.docx'))
    writeFileSync(
      join(dir, 'kort.md'),
      `---
soort: sjabloon
titel: Korte brief
bestandsnaam: "brief-{{ nummer }}"
velden:
  - naam: nummer
    type: tekst
    verplicht: ja
  - naam: paginas
    type: keuze
    waarden: ["1", "3"]
    verplicht: ja
---

Brief {{ nummer }}

{{#als paginas = "3"}}
{{ pagina-einde }}

Tweede pagina van brief {{ nummer }}.

{{ pagina-einde }}

Derde pagina van brief {{ nummer }}.
{{/als}}

Met vriendelijke groet,

P. Voorbeeld
`,
    )
    writeFileSync(join(dir, 'rijen.csv'), 'nummer;paginas\r\n1;1\r\n2;3\r\n3;1\r\n4;1\r\n')
    return join(dir, 'kort.md')
  }

  const pageList = (pdf: string) =>
    pages(pdf).map((p) => ({
      footer: /pagina (\d+) van (\d*)/.exec(p)?.slice(1, 3).join('/') ?? '',
      brief: /Brief (\d)/.exec(p)?.[1],
      blank: p.trim() === '',
    }))

  it('"pagina X van Y" counts each letter\'s own pages; --dubbelzijdig starts each letter on an odd page', async () => {
    const dir = tempDir()
    const tpl = shortTemplate(dir)
    const csv = join(dir, 'rijen.csv')
    const [one, two] = await Promise.all([
      regelwerkAsync(
        ['letters', tpl, csv, '--out', join(dir, 'enkel'), '--one-file', '--date', '2024-01-05', '--pdf'],
        {
          timeoutMs: 120_000,
        },
      ),
      regelwerkAsync(
        [
          'letters',
          tpl,
          csv,
          '--out',
          join(dir, 'dubbel'),
          '--one-file',
          '--dubbelzijdig',
          '--date',
          '2024-01-05',
          '--pdf',
        ],
        { timeoutMs: 120_000 },
      ),
    ])
    expect(one.status, one.stderr).toBe(0)
    expect(two.status, two.stderr).toBe(0)
    const single = pageList(join(dir, 'enkel', 'kort-alle-brieven.pdf'))
    expect(single.map((p) => p.footer)).toEqual(['1/1', '1/3', '2/3', '3/3', '1/1', '1/1'])
    expect(single.map((p) => p.brief)).toEqual(['1', '2', undefined, undefined, '3', '4'])
    const duplex = pageList(join(dir, 'dubbel', 'kort-alle-brieven.pdf'))
    // Letter 1 on page 1, a blank back, letter 2 on pages 3–5, a blank back, letter 3 on 7, letter 4 on 9.
    const starts = duplex.flatMap((p, i) => (p.brief ? [i + 1] : []))
    expect(starts).toEqual([1, 3, 7, 9])
    for (const s of starts) expect(s % 2).toBe(1)
    expect(duplex[1]?.blank).toBe(true)
    expect(duplex.filter((p) => !p.blank).map((p) => p.footer)).toEqual(['1/1', '1/3', '2/3', '3/3', '1/1', '1/1'])
  }, 150_000)
})
