import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { diffRegelingen } from '../../src/diff/index.js'
import { importText } from '../../src/import/index.js'
import { checkRegeling } from '../../src/validate/index.js'
import { fmt, parseString } from '../helpers.js'

/** A salary scale as a municipality pastes it from a spreadsheet: cells separated by tabs. */
const PASTED = [
  'Regeling salarisschalen proef 2020',
  '',
  'Artikel 1 Salarisschalen',
  '1. De salarisschalen zijn:',
  'Schaal\tMinimum\tMaximum',
  '1\t€ 1.000,00\t€ 2.000,00',
  '2\t€ 1.100,00\t€ 2.200,00',
  '2. De bedragen gelden per maand.',
  '',
  'Artikel 2 Citeertitel',
  'Deze regeling wordt aangehaald als: Regeling salarisschalen proef 2020.',
  '',
].join('\n')

const HTML = `<!doctype html><html><body><main>
<h1>Regeling toelagen proef</h1>
<div class="regeling">
<h4>Artikel 1 Toelagen</h4>
<p>De toelagen zijn:</p>
<table><thead><tr><th>Schaal</th><th colspan="2">Bedrag per maand</th></tr></thead>
<tbody>
<tr><td>1 | 2</td><td>€ 50</td><td>*eenmalig*</td></tr>
<tr><td rowspan="2">3</td><td>€ 75</td><td>per jaar</td></tr>
<tr><td>€ 80</td><td>vanaf 2021</td></tr>
</tbody></table>
<h4>Artikel 2 Citeertitel</h4>
<p>Deze regeling wordt aangehaald als: Regeling toelagen proef.</p>
</div></main></body></html>
`

/** Table rows without the padding `fmt` aligns the columns with (`| 1      |` → `| 1 |`). */
function unpadded(markdown: string): string {
  return markdown.replace(
    /^( *)(\|.*\|) *$/gmu,
    (_, indent: string, row: string) =>
      indent +
      row
        .replace(/(?<!\\)\| +/gu, '| ')
        .replace(/ +(?<!\\)\|/gu, ' |')
        .replace(/\| -{3,} (?=\|)/gu, '| --- '),
  )
}

function imported(text: string, path: string) {
  const file = new VFile({ path })
  const out = importText(text, path, file)
  return { out, file }
}

/** Import → fmt → check, and fmt again: the table stays, check finds nothing, fmt is stable. */
function roundTrip(markdown: string) {
  const first = parseString(markdown, 'geimporteerd.md')
  checkRegeling(first.result, first.file)
  const formatted = fmt(first.result)
  const second = parseString(formatted, 'geformatteerd.md')
  checkRegeling(second.result, second.file)
  return { formatted, again: fmt(second.result), messages: [...first.file.messages, ...second.file.messages] }
}

describe('tables on import', () => {
  it('a table pasted with tabs becomes a Markdown table inside its lid, and survives fmt and check', () => {
    const { out, file } = imported(PASTED, 'salaris.txt')
    expect(file.messages.filter((m) => m.ruleId !== 'import-citeertitel-uit-titel')).toEqual([])
    expect(unpadded(out.markdown)).toContain(
      '1. De salarisschalen zijn:\n\n   | Schaal | Minimum | Maximum |\n   | --- | --- | --- |\n   | 1 | € 1.000,00 | € 2.000,00 |\n   | 2 | € 1.100,00 | € 2.200,00 |\n\n2. De bedragen gelden per maand.',
    )
    const trip = roundTrip(out.markdown)
    // A table inside a lid is a table for check as well. (Since the merge of the table parser,
    // 12d1002, check says `tabel-onjuist` at the first body row of a table indented in a lid.)
    expect(trip.messages.map((m) => m.ruleId)).toEqual([])
    expect(trip.formatted).toBe(out.markdown)
    expect(trip.again).toBe(trip.formatted)
  })

  it('a lid numbered with a tab is no table row', () => {
    const { out } = imported('Regeling proef\n\nArtikel 1 Begrippen\n1.\tEerste lid.\n2.\tTweede lid.\n', 'proef.txt')
    expect(out.markdown).not.toContain('|')
    expect(out.markdown).toContain('1. Eerste lid.\n\n2. Tweede lid.')
  })

  it('a CVDR HTML table keeps its columns (colspan), a `|` in its cell, and warns at its place about a rowspan', () => {
    const { out, file } = imported(HTML, 'toelagen.html')
    expect(unpadded(out.markdown)).toContain('| Schaal | Bedrag per maand | |\n| --- | --- | --- |\n| 1 \\| 2 | € 50 |')
    expect(unpadded(out.markdown)).toContain('\n| 3 | € 75 | per jaar |\n| € 80 | vanaf 2021 | |')
    const table = parseString(out.markdown).result.tree
    expect(JSON.stringify(table)).toContain('"value":"1 | 2"')
    // The rowspan leaves a cell out: said, at the row.
    const warnings = file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.reason.slice(0, 30)}`)
    expect(warnings).toEqual([
      '9:1 import-tabel De tabel heeft een cel die ove',
      '1:1 import-citeertitel-uit-titel De tekst noemt geen citeertite',
    ])
    const trip = roundTrip(out.markdown)
    expect(trip.messages.map((m) => m.ruleId)).toEqual([])
    expect(trip.again).toBe(trip.formatted)
  })

  it('a changed cell is a change in diff', () => {
    const oud = imported(PASTED, 'salaris.txt').out.markdown
    const nieuw = oud.replace('€ 2.200,00', '€ 2.250,00')
    const diff = diffRegelingen(parseString(oud).result.tree, parseString(nieuw).result.tree)
    expect(diff.changes.length).toBeGreaterThan(0)
    expect(JSON.stringify(diff.changes)).toContain('2.250,00')
  })
})
