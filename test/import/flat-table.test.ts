/**
 * A table flattened by copying (issue 15: "a pasted salary table is flattened to one number per
 * paragraph without a warning"). The real case is schaal A in the Stadskanaal wijzigingsbesluit
 * (Gmb. 2017, 166803, ../shared/corpus/gemeenteblad): `Periodiek`, `Schaal A`, then `0`,
 * `1.551,60`, `1`, `1.579,81`, … each a paragraph of its own.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { importText } from '../../src/import/index.js'
import { CORPUS, parseString } from '../helpers.js'

const STADSKANAAL = join(CORPUS, 'gemeenteblad', 'gmb-2017-166803-stadskanaal-wijzigingsbesluit-car-uwo', 'excerpt.txt')

function imported(text: string, path = 'plat.txt') {
  const file = new VFile({ path })
  const out = importText(text, path, file)
  const flat = file.messages.filter((m) => m.ruleId === 'import-tabel-plat')
  return { out, file, flat }
}

/** The numbers of a text, in order, as a reader sees them (table pipes and padding left out). */
function numbers(text: string): string[] {
  return text.match(/(?<![\p{L}\d.,])\d[\d.,]*\d|(?<![\p{L}\d.,])\d(?![\d.,]*\d)/gu) ?? []
}

/** A regulation of own wording whose article 1 has `paragraphs` after `De bedragen zijn:`, one per paragraph. */
function regeling(paragraphs: readonly string[]): string {
  return [
    'Regeling proef platte tabel',
    '',
    'Artikel 1',
    'De bedragen zijn:',
    ...paragraphs.flatMap((p) => ['', p]),
    '',
    'Artikel 2',
    'Deze regeling wordt aangehaald als: Regeling proef platte tabel.',
    '',
  ].join('\n')
}

describe('a table flattened by copying', () => {
  it('the real schaal A of Stadskanaal is put back as a table of 2 columns and 12 rows, with a placed warning', () => {
    const source = readFileSync(STADSKANAAL, 'utf8')
    const { out, flat } = imported(source, 'excerpt.txt')
    expect(flat.map((m) => `${m.line}:${m.column}`)).toEqual(['34:1'])
    expect(flat[0]?.reason).toContain('2 kolommen en 12 rijen')
    const tree = parseString(out.markdown, 'stadskanaal.md').result.tree
    const tables: Array<{ children: unknown[] }> = []
    const walk = (n: { type?: string; children?: unknown[] }) => {
      if (n.type === 'tabel') tables.push(n as { children: unknown[] })
      for (const c of n.children ?? []) walk(c as typeof n)
    }
    walk(tree as never)
    expect(tables).toHaveLength(1)
    expect(tables[0]?.children).toHaveLength(13) // header row + 12 rows
    expect(out.markdown).toMatch(/\| Periodiek \| Schaal A \|/)
    expect(out.markdown).toMatch(/\| 0 +\| 1\.551,60 \|/)
    expect(out.markdown).toMatch(/\| 11 +\| 1\.861,92 \|/)
    // No number of the source is lost or moved: the same numbers in the same order.
    const from = source.slice(source.indexOf('Periodiek'), source.indexOf('Artikel II'))
    const to = out.markdown.slice(out.markdown.indexOf('Periodiek'), out.markdown.indexOf('Artikel II'))
    expect(numbers(to)).toEqual(numbers(from))
  })

  it('numbers without column heads stay paragraphs, with a warning at the first one (own wording)', () => {
    const text = regeling(['100', '200', '300', '400', '500', '600', '700'])
    const { out, flat } = imported(text)
    expect(flat).toHaveLength(1)
    expect(flat[0]?.line).toBe(6)
    expect(flat[0]?.reason).toContain('7 getallen')
    expect(out.markdown).not.toContain('|')
    expect(numbers(out.markdown)).toEqual(expect.arrayContaining(['100', '700']))
  })

  it('heads that do not fill whole rows: no table is guessed (own wording)', () => {
    const text = regeling(['Schaal', 'Bedrag', '1', '100', '2', '200', '3', '300', '4'])
    const { out, flat } = imported(text)
    expect(flat).toHaveLength(1)
    expect(flat[0]?.reason).toContain('waarschijnlijk een tabel')
    expect(out.markdown).not.toContain('|')
  })

  it('a few numbers in a row are text, not a table', () => {
    const text = ['Regeling proef', '', 'Artikel 1', 'De jaren:', '', '2015', '', '2016', '', '2017', ''].join('\n')
    expect(imported(text).flat).toEqual([])
  })
})
