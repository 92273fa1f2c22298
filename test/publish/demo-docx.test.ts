/**
 * Every Word file the demo writes for a publication (`npm start`: `publish --format docx` and
 * `--format drop` for each publication in `DEMO_PUBLICATIES`), made by the CLI as a user would,
 * opened in LibreOffice and read back with `pdftotext -layout`: page numbers `pagina X van Y` on
 * every page, the ondertekening on one page with the signatories side by side, the table of the
 * statuut as a table, no file paths. The DROP file uses the DROP style names and comes with its
 * metadata sheet. `UPDATE=1` also writes the page images shown in docs/publicatie.md.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { VFile } from 'vfile'
import { beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PUBLICATIES, type DemoPublicatie, demoArgv, demoOutput } from '../../src/cli/demo-publicaties.js'
import { CVDR_VELDEN } from '../../src/publish/drop.js'
import { type Publicatie, preparePublication, runsText } from '../../src/publish/index.js'
import { regelwerk } from '../cli-helpers.js'
import { ROOT } from '../helpers.js'
import { convertToPdf, pdfInfo, SKIP_LIBREOFFICE } from '../lo/libreoffice.js'

const FORMATEN = ['docx', 'drop'] as const
type Formaat = (typeof FORMATEN)[number]
const UPDATE = process.env.UPDATE === '1'

interface Case {
  p: DemoPublicatie
  format: Formaat
  docx: string
  publicatie: Publicatie
  /** The PDF text per page (`pdftotext -layout`). */
  pages: string[]
  pdf: string
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim()

function model(p: DemoPublicatie): Publicatie {
  const path = join('publicaties', p.file)
  const { publicatie } = preparePublication(new VFile({ path, value: readFileSync(join(ROOT, path)) }))
  return publicatie as Publicatie
}

/** The first page (0-based) from `from` on which `probe` stands, squashed; -1 when on none. */
function pageOf(pages: readonly string[], probe: string, from = 0): number {
  for (let i = from; i < pages.length; i++) if (squash(pages[i] as string).includes(squash(probe))) return i
  return -1
}

describe.skipIf(SKIP_LIBREOFFICE)('the demo publications in LibreOffice', () => {
  const cases: Case[] = []
  const dir = mkdtempSync(join(tmpdir(), 'regelwerk-publish-demo-'))

  beforeAll(() => {
    for (const p of DEMO_PUBLICATIES)
      for (const format of FORMATEN) {
        const run = regelwerk(demoArgv(dir, p, format))
        expect(run.status, run.stderr).toBe(0)
        cases.push({ p, format, docx: demoOutput(dir, p, format), publicatie: model(p), pages: [], pdf: '' })
      }
    const pdfs = convertToPdf(
      cases.map((c) => c.docx),
      join(dir, 'pdf'),
      join(dir, 'profile'),
    )
    cases.forEach((c, i) => {
      c.pdf = pdfs[i] as string
      const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', c.pdf, '-'], { encoding: 'utf8' })
      c.pages = text.split('\f').slice(0, pdfInfo(c.pdf).pages)
    })
  }, 300_000)

  it('makes four documents, A4', () => {
    expect(cases).toHaveLength(DEMO_PUBLICATIES.length * FORMATEN.length)
    for (const c of cases) {
      const info = pdfInfo(c.pdf)
      expect([Math.round(info.width), Math.round(info.height)]).toEqual([595, 842])
    }
  })

  it('numbers every page "pagina X van Y", filled in by LibreOffice', () => {
    for (const c of cases) {
      const n = c.pages.length
      expect(n, c.docx).toBeGreaterThan(1)
      for (const [i, t] of c.pages.entries())
        expect(t, `${c.docx} blz. ${i + 1}`).toMatch(new RegExp(`pagina ${i + 1} van ${n}\\b`))
    }
  })

  it('keeps the ondertekening on one page, the signatories side by side', () => {
    for (const c of cases) {
      const blocks = c.publicatie.ondertekening
      const texts = blocks.flatMap((b) =>
        b.kind === 'alinea'
          ? [runsText(b.runs)]
          : b.kind === 'ondertekenaars'
            ? b.ondertekenaars.flatMap((o) => [o.functie, o.naam])
            : [],
      )
      expect(texts.length, c.docx).toBeGreaterThan(1)
      const probes = texts.map((t) => t.split(' ').slice(0, 5).join(' '))
      // The ondertekening follows the dictum: look for its first line after the last article.
      const lastArticle = [...c.publicatie.dictum].reverse().find((b) => b.kind === 'kop')
      const dictumEnd = lastArticle?.kind === 'kop' ? pageOf(c.pages, runsText(lastArticle.runs)) : 0
      const start = pageOf(c.pages, probes[0] as string, Math.max(0, dictumEnd))
      const pages = probes.map((t) => pageOf(c.pages, t, start))
      expect(
        pages.every((p) => p >= 0),
        `${c.docx}: ${probes.join(' | ')}`,
      ).toBe(true)
      expect(new Set(pages).size, `${c.docx}: ondertekening over ${[...new Set(pages)]}`).toBe(1)
      for (const b of blocks) {
        if (b.kind !== 'ondertekenaars' || b.ondertekenaars.length < 2) continue
        const page = c.pages[pages[0] as number] as string
        const [a, z] = b.ondertekenaars as [{ functie: string; naam: string }, { functie: string; naam: string }]
        // Side by side: both functions on one line, both names on one line.
        expect(
          page.split('\n').some((l) => l.includes(a.functie) && l.includes(z.functie)),
          c.docx,
        ).toBe(true)
        expect(
          page.split('\n').some((l) => l.includes(a.naam) && l.includes(z.naam)),
          c.docx,
        ).toBe(true)
      }
    }
  })

  // How many words of a head fit on its first line depends on the fonts installed: the heads start side by side.
  it('shows the table of the statuut as a table (its column heads on one line)', () => {
    const statuut = cases.filter((c) => c.p.file.startsWith('sociaal-statuut'))
    expect(statuut).toHaveLength(2)
    for (const c of statuut) {
      const lines = c.pages.join('\n').split('\n')
      const head = lines.find((l) =>
        /Status van de\s{2,}Vergelijking(?: \S+)*\s{2,}Inschaling in de\s{2,}Bijzonderheden/.test(l),
      )
      expect(head, c.docx).toBeDefined()
      expect(c.pages.join('\n')).not.toContain('| --- |')
    }
  })

  it('shows no file path', () => {
    for (const c of cases) {
      const text = c.pages.join('\n')
      expect(text).not.toMatch(/regulations\/|publicaties\/|\.md\b/)
      const xml = Object.values(unzipSync(readFileSync(c.docx)))
        .map((f) => strFromU8(f))
        .join('\n')
      expect(xml, c.docx).not.toMatch(/regulations\/|publicaties\/|\.md\b|\/tmp\//)
    }
  })

  it('gives the DROP file the DROP style names, and its metadata sheet the CVDR field names', () => {
    for (const c of cases.filter((x) => x.format === 'drop')) {
      const files = unzipSync(readFileSync(c.docx))
      const document = strFromU8(files['word/document.xml'] as Uint8Array)
      const styles = strFromU8(files['word/styles.xml'] as Uint8Array)
      for (const style of ['Title', 'Aanhef', 'Artikelkop', 'Ondertekening', 'Lid'])
        expect(document, `${c.docx}: ${style}`).toContain(`<w:pStyle w:val="${style}"/>`)
      for (const name of ['Aanhef', 'Artikelkop', 'Ondertekening', 'Toelichting'])
        expect(styles).toContain(`<w:name w:val="${name}"/>`)
      const base = c.docx.replace(/\.docx$/, '')
      const json = JSON.parse(readFileSync(`${base}-metadata.json`, 'utf8'))
      expect(Object.keys(json.velden)).toEqual([...CVDR_VELDEN])
      const html = readFileSync(`${base}-metadata.html`, 'utf8')
      for (const veld of CVDR_VELDEN) expect(html).toContain(`<th scope="row">${veld}</th>`)
    }
    const statuut = cases.find((c) => c.format === 'drop' && c.p.file.startsWith('sociaal-statuut')) as Case
    const json = JSON.parse(readFileSync(statuut.docx.replace(/\.docx$/, '-metadata.json'), 'utf8'))
    expect(json.velden).toMatchObject({
      Organisatie: 'Grave',
      'Datum inwerkingtreding': '03-01-2013',
      'Terugwerkende kracht tot en met': '01-01-2013',
      'Datum ondertekening': '04-12-2012',
      'Kenmerk voorstel': 'P&O',
    })
  })

  it.skipIf(!UPDATE)('writes the page images of docs/publicatie.md', () => {
    // [format, publication, a text on the page to show, image name]
    const shots: Array<[Formaat, string, string, string]> = [
      ['docx', 'voorbeeldstad', 'Besluit van het college', 'publicatie-docx-1'],
      ['docx', 'voorbeeldstad', 'Aldus vastgesteld', 'publicatie-docx-ondertekening'],
      ['docx', 'sociaal-statuut', 'Schematische weergave inpassingsregels', 'publicatie-docx-tabel'],
      ['drop', 'voorbeeldstad', 'Besluit van het college', 'publicatie-drop-1'],
    ]
    for (const [format, file, probe, name] of shots) {
      const c = cases.find((x) => x.format === format && x.p.file.startsWith(file)) as Case
      const page = pageOf(c.pages, probe) + 1
      expect(page, probe).toBeGreaterThan(0)
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        '60',
        '-singlefile',
        '-f',
        String(page),
        '-l',
        String(page),
        c.pdf,
        join(dir, name),
      ])
      writeFileSync(join(ROOT, 'docs', 'img', `${name}.png`), readFileSync(join(dir, `${name}.png`)))
      expect(existsSync(join(ROOT, 'docs', 'img', `${name}.png`))).toBe(true)
    }
  })
})
