import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importCvdrHtml } from '../../src/import/cvdr-html.js'

const PAGE = readFileSync(
  join(import.meta.dirname, '..', 'fixtures', 'import', 'cvdr-html', 'sociaal-statuut-cgm', 'input.html'),
  'utf8',
)

/** The same page with a second row in the history table: the regulation was repealed in 2019. */
const REPEALED = PAGE.replace(
  '<td><p>P&amp;O</p></td></tr></tbody>',
  '<td><p>P&amp;O</p></td></tr><tr><td>15-02-2019</td><td></td><td></td><td>Intrekking</td><td></td><td></td><td></td></tr></tbody>',
)

describe('an intrekking row of the CVDR history table', () => {
  it('is no version of the text: it becomes uitwerkingtreding, with a warning at the row', () => {
    expect(REPEALED).not.toBe(PAGE)
    const result = importCvdrHtml(REPEALED)
    expect(result.meta.inwerkingtreding).toBe('2013-01-03')
    expect(result.meta.betreft).toBe('Nieuwe regeling')
    expect(result.meta.uitwerkingtreding).toBe('2019-02-15')
    const warned = result.warnings.filter((w) => w.ruleId === 'import-intrekking')
    expect(warned.map((w) => w.line)).toEqual([38])
    expect(warned[0]?.message).toContain('intrekking per 15-02-2019')
  })
})
