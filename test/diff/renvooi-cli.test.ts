/**
 * The diff formats for readers, through the CLI: one counting sentence in text, json, html and the
 * Word documents; redactional differences (white space, no-break spaces, table alignment, link
 * targets) are no change in any format; the was-wordt table's Toelichting column and its placed
 * errors.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { noStackTrace, regelwerk, tempDir } from '../cli-helpers.js'
import { ROOT } from '../helpers.js'

const STATUUT = join(ROOT, 'regulations', 'sociaal-statuut-cgm', '2013-01-03.md')
const ORIGINAL = readFileSync(STATUUT, 'utf8')

/** A copy of the statuut with one real change (artikel 10, vijfde lid) and `extra` edits. */
function edited(dir: string, extra: (text: string) => string = (t) => t, name = '2014-01-01.md'): string {
  const path = join(dir, name)
  const text = ORIGINAL.replace(
    'ter grootte van 250% van de jaarlijkse toelage',
    'ter grootte van 300% van de jaarlijkse toelage',
  )
  writeFileSync(path, extra(text))
  return path
}

/** Only redactional edits: a no-break space, doubled white space, a link around unchanged words. */
function redactional(text: string): string {
  return text
    .replace('van de jaarlijkse toelage', 'van de\u00a0jaarlijkse   toelage')
    .replace('Indien een medewerker 55 jaar', 'Indien een [medewerker](https://example.org/medewerker) 55 jaar')
}

/** The text of a docx body (runs joined), enough to find a sentence in it. */
function docxText(path: string): string {
  const xml = strFromU8(unzipSync(readFileSync(path))['word/document.xml'] as Uint8Array)
  return [...xml.matchAll(/<w:(?:t|delText)[^>]*>([^<]*)<\/w:(?:t|delText)>/g)].map((m) => m[1]).join('')
}

describe('one counting rule and no redactional changes, in every format', () => {
  const dir = tempDir()
  const plain = edited(dir)
  const messy = edited(dir, redactional, '2014-02-01.md')
  const SENTENCE = '1 bepaling gewijzigd, 0 ingevoegd, 0 vervallen'

  it.each([
    ['text', plain],
    ['text', messy],
    ['html', plain],
    ['html', messy],
  ])('%s (%s)', (format, nieuw) => {
    const run = regelwerk(['diff', STATUUT, nieuw, '--format', format])
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout).toContain(SENTENCE)
    expect(run.stdout).not.toContain('medewerker](')
    if (format === 'text') expect(run.stdout).not.toMatch(/\[-[^\]]*jaarlijkse|\{\+[^}]*jaarlijkse|\{\+[^}]*medewerker/)
  })

  it('json: the counts and only the one real change', () => {
    const run = regelwerk(['diff', STATUUT, messy, '--format', 'json'])
    expect(run.status, run.stderr).toBe(0)
    const out = JSON.parse(run.stdout)
    expect(out.samenvatting).toEqual({ gewijzigd: 1, ingevoegd: 0, vervallen: 0, gegevens: 0, tekst: SENTENCE })
    expect(out.wijzigingen.map((c: { type: string; plaats?: string }) => `${c.type} ${c.plaats}`)).toEqual([
      'tekst artikel 10, vijfde lid',
    ])
  })

  it.each([[[]], [['--was-wordt']]])('docx %j: the same sentence on stderr and in the document', (extra) => {
    const out = join(dir, `uit-${extra.length}.docx`)
    const run = regelwerk(['diff', STATUUT, messy, '--format', 'docx', '--out', out, ...extra])
    expect(run.status, run.stderr).toBe(0)
    expect(run.stderr).toContain(SENTENCE)
    expect(existsSync(out)).toBe(true)
    const text = docxText(out)
    expect(text).toContain(SENTENCE)
    expect(text).not.toContain('https://example.org')
  })
})

describe('was-wordt: the Toelichting column', () => {
  it('reads a side file keyed by citation and by id', () => {
    const dir = tempDir()
    const nieuw = edited(dir)
    const yaml = join(dir, 'toelichting.yaml')
    writeFileSync(yaml, 'artikel 10, vijfde lid: De afkoop wordt verhoogd naar 300%.\n')
    const out = join(dir, 'ww.docx')
    const run = regelwerk([
      'diff',
      STATUUT,
      nieuw,
      '--format',
      'docx',
      '--was-wordt',
      '--toelichting',
      yaml,
      '--out',
      out,
    ])
    expect(run.status, run.stderr).toBe(0)
    expect(existsSync(out)).toBe(true)
  })

  it('an unknown provision is a placed error, exit 1, nothing written', () => {
    const dir = tempDir()
    const nieuw = edited(dir)
    const yaml = join(dir, 'toelichting.yaml')
    writeFileSync(yaml, 'artikel 10, vijfde lid: Verhoogd.\nartikel 99: Bestaat niet.\n')
    const out = join(dir, 'ww.docx')
    const run = regelwerk([
      'diff',
      STATUUT,
      nieuw,
      '--format',
      'docx',
      '--was-wordt',
      '--toelichting',
      yaml,
      '--out',
      out,
    ])
    expect(run.status).toBe(1)
    expect(run.stderr).toContain(`${yaml}:2:1: fout De toelichting noemt \`artikel 99\``)
    expect(run.stderr).toContain('[toelichting-onbekend]')
    expect(noStackTrace(run)).toBe(true)
    expect(existsSync(out)).toBe(false)
  })

  it('the front-matter toelichting is read too, with its place in the Markdown file', () => {
    const dir = tempDir()
    const nieuw = edited(dir, (t) =>
      t.replace(/^---\n/, '---\ntoelichting:\n  artikel 10, vijfde lid: Verhoogd.\n  artikel 98: Bestaat niet.\n'),
    )
    const out = join(dir, 'ww.docx')
    const run = regelwerk(['diff', STATUUT, nieuw, '--format', 'docx', '--was-wordt', '--out', out])
    expect(run.status).toBe(1)
    expect(run.stderr).toContain(`${nieuw}:4:3: fout De toelichting noemt \`artikel 98\``)
    expect(existsSync(out)).toBe(false)
  })

  it('a side file that is no map is a placed error; --toelichting without --was-wordt is wrong usage', () => {
    const dir = tempDir()
    const nieuw = edited(dir)
    const yaml = join(dir, 'toelichting.yaml')
    writeFileSync(yaml, '- artikel 10\n')
    const out = join(dir, 'ww.docx')
    const bad = regelwerk([
      'diff',
      STATUUT,
      nieuw,
      '--format',
      'docx',
      '--was-wordt',
      '--toelichting',
      yaml,
      '--out',
      out,
    ])
    expect(bad.status).toBe(1)
    expect(bad.stderr).toContain(`${yaml}:1:1: fout Een toelichtingsbestand is een map`)
    expect(existsSync(out)).toBe(false)
    const usage = regelwerk(['diff', STATUUT, nieuw, '--toelichting', yaml])
    expect(usage.status).toBe(2)
  })
})
