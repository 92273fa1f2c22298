/**
 * The legal-remedy clause is a versioned text (templates/rechtsmiddel/), chosen with versionAt on the
 * letter date: bezwaar within six weeks (Awb 6:7) before 1 January 2020, after the Wnra no bezwaar
 * but the geschillencommissie or the kantonrechter.
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { remedyParagraphs } from '../../src/assemble/assemble.js'
import { versionAt } from '../../src/versions/version-at.js'
import { loadWork } from '../../src/versions/work.js'
import { ROOT } from '../helpers.js'

const work = loadWork(join(ROOT, 'templates', 'rechtsmiddel'))

function clause(date: string): string {
  const at = versionAt(work, date)
  if (!at.ok) throw new Error(at.reden)
  return remedyParagraphs(at.version).join(' ')
}

describe('rechtsmiddelenclausule by letter date', () => {
  it('on 31 December 2019: bezwaar within six weeks under the Awb', () => {
    const text = clause('2019-12-31')
    expect(text).toContain('zes weken')
    expect(text).toContain('bezwaar')
    expect(text).toMatch(/6:7/)
    expect(text).not.toContain('kantonrechter')
  })

  it('on 1 January 2020 (Wnra): no bezwaar; the geschillencommissie or the kantonrechter', () => {
    const text = clause('2020-01-01')
    expect(text).toContain('geen bezwaar of beroep')
    expect(text).toContain('geschillencommissie')
    expect(text).toContain('kantonrechter')
    expect(text).not.toContain('zes weken')
  })

  it('the two versions follow each other without a gap', () => {
    expect(work.versions.map((v) => v.inwerkingtreding)).toEqual(['1994-01-01', '2020-01-01'])
    expect(work.versions[0]?.uitwerkingtredingAfgeleid).toBe('2020-01-01')
  })
})
