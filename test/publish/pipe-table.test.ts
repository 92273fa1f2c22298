/**
 * Markdown pipe tables in a publication: a paragraph that is exactly a pipe table becomes a table
 * (the statuut's "Schematische weergave inpassingsregels"); anything short of one stays text.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Paragraph } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { type Publicatie, preparePublication, runsText } from '../../src/publish/index.js'
import { pipeTable } from '../../src/publish/pipe-table.js'
import { ROOT } from '../helpers.js'

function table(md: string) {
  const p = fromMarkdown(md).children[0] as Paragraph
  const rows = pipeTable(p.children)
  return rows?.map((r) => r.map(runsText))
}

describe('pipe tables', () => {
  it('reads header and body rows, without the delimiter row, cells trimmed', () => {
    expect(table('| a | b |\n| --- | :---: |\n| 1 | 2 |\n| 3 |  |')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', ''],
    ])
  })

  it('keeps inline formatting inside a cell', () => {
    const p = fromMarkdown('| *a* | **b** c |\n| --- | --- |\n| x | y |').children[0] as Paragraph
    const rows = pipeTable(p.children) as NonNullable<ReturnType<typeof pipeTable>>
    expect(rows[0]?.[0]).toEqual([{ text: 'a', italic: true }])
    expect(rows[0]?.[1]).toEqual([{ text: 'b', bold: true }, { text: ' c' }])
  })

  it('leaves text that is not quite a table as text', () => {
    expect(table('| a | b |')).toBeUndefined()
    expect(table('| a | b |\n| x | y |')).toBeUndefined()
    expect(table('a | b\n--- | ---')).toBeUndefined()
    expect(table('| a | b |\n| --- |\n| 1 | 2 |')).toBeUndefined()
    expect(table('| a |\n| --- |\n| 1 | 2 |')).toBeUndefined()
    expect(table('Gewone tekst met een | streep.\n| --- |')).toBeUndefined()
  })

  it('makes the statuut table a real table in the publication (4 columns, 5 rows)', () => {
    const path = 'publicaties/sociaal-statuut-cgm-2012.md'
    const { publicatie } = preparePublication(new VFile({ path, value: readFileSync(join(ROOT, path)) }))
    const tables = [...(publicatie as Publicatie).toelichting].filter((b) => b.kind === 'tabel')
    expect(tables).toHaveLength(1)
    const rows = tables[0]?.kind === 'tabel' ? tables[0].rows : []
    expect(rows.map((r) => r.length)).toEqual([4, 4, 4, 4, 4])
    expect(runsText(rows[0]?.[0] ?? [])).toBe('Status van de plaatsing')
    expect(runsText(rows[4]?.[3] ?? [])).toBe(
      'Mogelijkheid van verlenging aanloopschaal met één jaar op basis van beoordeling.',
    )
  })
})
