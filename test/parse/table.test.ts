/**
 * GFM pipe tables as `tabel` nodes: found line by line (parse/table.ts), cells with inline content,
 * malformed tables kept as text with a placed warning, never a cell lost; fmt writes the canonical
 * table and reads it back the same; linear on long and hostile tables.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import remarkStringify from 'remark-stringify'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { formatRegeling } from '../../src/format/markdown.js'
import type { Regeling, RegelingNode, Tabel } from '../../src/model/nodes.js'
import { parseText } from '../../src/parse/index.js'
import { regelwerk, regelwerkToMarkdown } from '../../src/plugin/index.js'
import { CORPUS, fmt, parseString, ROOT, signature } from '../helpers.js'

function tables(tree: Regeling | RegelingNode): Tabel[] {
  const out: Tabel[] = []
  const walk = (n: Regeling | RegelingNode) => {
    if (n.type === 'tabel') out.push(n)
    else if ('children' in n) for (const c of n.children as RegelingNode[]) if (typeof c === 'object') walk(c)
  }
  walk(tree)
  return out
}

function cellTexts(t: Tabel): string[][] {
  const text = (children: readonly { type: string; value?: string; children?: unknown[] }[]): string =>
    children.map((c) => ('value' in c && c.value !== undefined ? c.value : text((c.children ?? []) as never))).join('')
  return t.children.map((row) => row.children.map((cell) => text(cell.children as never)))
}

function parse(md: string) {
  const { result, file } = parseString(md)
  return { tree: result.tree, result, messages: file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`) }
}

const STATUUT = join(ROOT, 'regulations', 'sociaal-statuut-cgm', '2013-01-03.md')

describe('pipe tables in the regeling tree', () => {
  it("reads the statuut's 'Schematische weergave inpassingsregels' as a table of 4 columns and 5 rows", () => {
    const { tree, messages } = parse(readFileSync(STATUUT, 'utf8'))
    expect(messages.filter((m) => m.includes('tabel'))).toEqual([])
    const [t] = tables(tree)
    expect(tables(tree)).toHaveLength(1)
    const cells = cellTexts(t as Tabel)
    expect(cells.map((r) => r.length)).toEqual([4, 4, 4, 4, 4])
    expect(cells[0]).toEqual([
      'Status van de plaatsing',
      'Vergelijking nieuwe functieschaal versus bestaande functieschaal.',
      'Inschaling in de nieuwe organisatie',
      'Bijzonderheden',
    ])
    expect(cells[4]?.[3]).toBe('Mogelijkheid van verlenging aanloopschaal met één jaar op basis van beoordeling.')
    // Positions are file positions: the header row of the table stands on line 565.
    expect(t?.position?.start.line).toBe(565)
    expect(t?.children[1]?.children[1]?.position?.start).toMatchObject({ line: 567, column: 74 })
  })

  it('reads the klassen table of the Rechtspositiebesluit burgemeesters with its alignment', () => {
    const path = join(CORPUS, 'bwb', 'BWBR0006743-rechtspositiebesluit-burgemeesters', '2014-07-01.md')
    const { tree } = parse(readFileSync(path, 'utf8'))
    const [t] = tables(tree)
    expect(t?.align).toEqual(['left', 'left'])
    expect(cellTexts(t as Tabel).slice(0, 3)).toEqual([
      ['Klasse', 'Aantal inwoners'],
      ['1', 'Tot en met 8.000'],
      ['2', '8.001–14.000'],
    ])
  })

  it('splits cells at unescaped pipes only, keeps inline content, a pipe in code included', () => {
    // Own phrasing (test wording, not a real regulation).
    const { tree } = parse(
      '| Schaal | Bedrag \\| per maand | Noot |\n| :-- | --: | :-: |\n| *10* | € 3.120,00 | zie `a\\|b` en [artikel 3](#art_3) |\n',
    )
    const [t] = tables(tree)
    expect(t?.align).toEqual(['left', 'right', 'center'])
    expect(cellTexts(t as Tabel)).toEqual([
      ['Schaal', 'Bedrag | per maand', 'Noot'],
      ['10', '€ 3.120,00', 'zie a|b en artikel 3'],
    ])
    const noot = t?.children[1]?.children[2]?.children ?? []
    expect(noot.map((c) => c.type)).toEqual(['text', 'inlineCode', 'text', 'link'])
    expect(t?.children[1]?.children[0]?.children[0]?.type).toBe('emphasis')
    // A cell that reads like a list item or heading is text.
    const [u] = tables(parse('| a | b |\n| - | - |\n| 1. *x* | # y |\n').tree)
    expect(cellTexts(u as Tabel)[1]).toEqual(['1. x', '# y'])
  })

  it('lets a table interrupt a paragraph, as GFM does, and ends it at a blank line or another block', () => {
    const { tree } = parse('Tekst erboven.\n| a | b |\n| - | - |\n| 1 | 2 |\n# Kop\n')
    expect(tables(tree)).toHaveLength(1)
    expect(cellTexts(tables(tree)[0] as Tabel)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ])
    expect(signature(tree).some((s) => s.includes('Tekst erboven.'))).toBe(true)
  })

  it('finds a table in a lid and keeps it there through fmt', () => {
    // Own phrasing.
    const md = [
      '# Regeling',
      '',
      '### Artikel 1',
      '',
      '1. De bedragen zijn:',
      '',
      '   | Schaal | Bedrag |',
      '   | --- | ---: |',
      '   | 1 | 100 |',
      '',
      '2. Tweede lid.',
      '',
    ].join('\n')
    const { tree, result, messages } = parse(md)
    expect(messages).toEqual([])
    const lid = (tree.children[1] as { children: RegelingNode[] }).children.find((c) => c.type === 'lid')
    expect(lid && tables(lid)).toHaveLength(1)
    const once = fmt(result)
    expect(once).toContain('   | Schaal | Bedrag |\n   | ------ | -----: |\n   | 1      |    100 |')
    const again = parseString(once)
    expect(signature(again.result.tree)).toEqual(signature(tree))
    expect(fmt(again.result)).toBe(once)
  })

  it('does not read a table in a fenced code block', () => {
    expect(tables(parse('```\n| a | b |\n| - | - |\n```\n').tree)).toHaveLength(0)
  })
})

describe('malformed tables: kept as text or kept whole, with a placed warning', () => {
  it('a delimiter row with another number of cells: no table, the text stays, a warning on that line', () => {
    const { tree, messages } = parse('Intro.\n\n| a | b |\n| --- |\n| 1 | 2 |\n')
    expect(tables(tree)).toHaveLength(0)
    expect(messages).toContain('4:1 tabel-onjuist')
    expect(signature(tree).join('\n')).toContain('| a | b | | --- | | 1 | 2 |')
  })

  it('rows with pipes but no delimiter row: a warning once', () => {
    const { tree, messages } = parse('| Schaal | Bedrag |\n| 1 | 100 |\n| 2 | 200 |\n')
    expect(tables(tree)).toHaveLength(0)
    expect(messages).toEqual(['1:1 tabel-onjuist'])
  })

  it('a row with more cells than the header keeps them and is warned about at the first extra cell', () => {
    const { tree, messages } = parse('| a | b |\n| - | - |\n| 1 | 2 | 3 |\n')
    expect(cellTexts(tables(tree)[0] as Tabel)[1]).toEqual(['1', '2', '3'])
    expect(messages).toEqual(['3:11 tabel-onjuist'])
  })

  it('a line without a pipe right under a table is a row of one cell, with a warning', () => {
    const { tree, messages } = parse('| a | b |\n| - | - |\n| 1 | 2 |\nTekst zonder lege regel.\n')
    expect(cellTexts(tables(tree)[0] as Tabel)[2]).toEqual(['Tekst zonder lege regel.'])
    expect(messages).toEqual(['4:1 tabel-onjuist'])
  })
})

describe('fmt writes the canonical table', () => {
  it('aligns the columns, writes the alignment colons and escapes pipes; idempotent', () => {
    const { result } = parse('| Schaal|Bedrag \\| maand |\n|:-|-:|\n|10|3.120|\n|*1*||\n')
    const once = fmt(result)
    expect(once).toBe(
      [
        '| Schaal | Bedrag \\| maand |',
        '| :----- | --------------: |',
        '| 10     |           3.120 |',
        '| *1*    |                 |',
        '',
      ].join('\n'),
    )
    expect(fmt(parseString(once).result)).toBe(once)
  })

  it('writes the same bytes through the unified plugins as fmt', () => {
    const text = readFileSync(STATUUT, 'utf8')
    const file = new VFile({ path: STATUUT, value: text })
    const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(regelwerk, { check: false })
    const tree = processor.runSync(processor.parse(file), file) as unknown as Regeling
    const { tree: direct } = parseText(text, new VFile({ path: STATUUT, value: text }))
    expect(signature(tree)).toEqual(signature(direct))
    // Lines and columns are file positions in both (the plugin counts offsets from the file start).
    expect(tables(tree)[0]?.position?.start.line).toBe(tables(direct)[0]?.position?.start.line)
    expect(tables(tree)[0]?.children[3]?.children[2]?.position?.end).toMatchObject({
      line: tables(direct)[0]?.children[3]?.children[2]?.position?.end.line,
      column: tables(direct)[0]?.children[3]?.children[2]?.position?.end.column,
    })
    expect(formatRegeling(tree)).toBe(formatRegeling(direct))
    // And back through remark-stringify: the same bytes as fmt, the table included.
    const back = unified()
      .use(regelwerkToMarkdown, { frontMatter: null })
      .use(remarkFrontmatter, ['yaml'])
      .use(remarkStringify)
    const written = String(back.stringify(back.runSync(tree as never) as never))
    expect(written).toBe(formatRegeling(direct))
    expect(written).toContain('| Status van de plaatsing')
  })
})

describe('linear time on long and hostile tables', () => {
  const table = (rows: number, cells = 5) => {
    const head = `| ${Array.from({ length: cells }, (_, i) => `Kolom ${i}`).join(' | ')} |`
    const delimiter = `| ${Array.from({ length: cells }, () => '---').join(' | ')} |`
    const body = Array.from(
      { length: rows },
      (_, r) =>
        `| ${Array.from({ length: cells }, (_, c) => (c === 0 ? `schaal ${r}` : `€ ${r}.${c}00,00`)).join(' | ')} |`,
    )
    return ['# Salaristabel', '', head, delimiter, ...body, ''].join('\n')
  }
  const time = (md: string) => {
    const start = performance.now()
    const { tree, messages } = parse(md)
    return { ms: performance.now() - start, tree, messages }
  }

  it('parses a 20,000-row table in linear time (about twice the time of 10,000 rows)', () => {
    time(table(2_000))
    const small = time(table(10_000))
    const large = time(table(20_000))
    expect(large.messages).toEqual([])
    expect(tables(large.tree)[0]?.children).toHaveLength(20_001)
    expect(large.ms).toBeLessThan(Math.max(small.ms * 3.5, 400))
    expect(large.ms).toBeLessThan(10_000)
  })

  it('parses hostile tables (thousands of pipes, very long rows, markup in every cell) in linear time', () => {
    const hostile = {
      pipes: (n: number) => `| a |\n| - |\n${'|'.repeat(n * 20)}\n`,
      long: (n: number) => `| a | b |\n| - | - |\n| ${'x'.repeat(n * 100)} | ${'\\|'.repeat(n)} |\n`,
      wide: (n: number) => `${'| a '.repeat(n)}|\n${'| - '.repeat(n)}|\n${'| *b* '.repeat(n)}|\n`,
      escapes: (n: number) => `| a |\n| - |\n${'| \\\\| '.repeat(n)}\n`,
    }
    for (const [name, make] of Object.entries(hostile)) {
      time(make(200))
      const small = time(make(1_000))
      const large = time(make(4_000))
      expect(tables(large.tree), name).toHaveLength(1)
      // Four times the input, at most about four times the time (generous for a loaded machine).
      expect(large.ms, name).toBeLessThan(small.ms * 8 + 500)
    }
    const w = tables(time(hostile.wide(4_000)).tree)[0] as Tabel
    expect(w.children[1]?.children).toHaveLength(4_000)
    expect(w.children[1]?.children[3_999]?.children[0]?.type).toBe('emphasis')
    const e = tables(time(hostile.escapes(100)).tree)[0] as Tabel
    // `| \\| ` is a boundary, an escaped backslash and a boundary: a cell of one backslash, then an empty one.
    expect(cellTexts(e)[1]?.slice(0, 4)).toEqual(['\\', '', '\\', ''])
  })
})
