/** `parseProvisionRef` / `findProvision` (issue 4, point 4: `--artikel` in any numbering style). */

import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatRegeling } from '../../src/format/markdown.js'
import { leadLength, numOf } from '../../src/model/access.js'
import type { Artikel, Regeling } from '../../src/model/nodes.js'
import { type Found, findProvision, parseProvisionRef } from '../../src/versions/find-provision.js'
import { parsePath } from '../helpers.js'
import { CAR_UWO, STATUUT } from './works.js'

const statuut = parsePath(join(STATUUT, '2013-01-03.md')).result.tree
const car = parsePath(join(CAR_UWO, '2015-09-07.md')).result.tree

/** The Markdown of what was found (the lid alone when a lid was asked for). */
function text(found: Found | undefined): string {
  if (!found) return ''
  const { artikel: whole, lid } = found
  const artikel: Artikel = lid ? { ...whole, children: [...whole.children.slice(0, leadLength(whole)), lid] } : whole
  const tree: Regeling = { type: 'regeling', data: { meta: {} }, children: [artikel] }
  return formatRegeling(tree)
}

describe('parseProvisionRef', () => {
  const cases: Array<[string, ReturnType<typeof parseProvisionRef>]> = [
    ['10', { artikel: '10' }],
    [' 10 ', { artikel: '10' }],
    ['artikel 10', { artikel: '10' }],
    ['Artikel 10', { artikel: '10' }],
    ['art. 10', { artikel: '10' }],
    ['10.5', { artikel: '10.5' }],
    ['10 lid 5', { artikel: '10', lid: '5' }],
    ['10, lid 5', { artikel: '10', lid: '5' }],
    ['10, vijfde lid', { artikel: '10', lid: '5' }],
    ['artikel 10, vijfde lid', { artikel: '10', lid: '5' }],
    ['10 Vijfde Lid', { artikel: '10', lid: '5' }],
    ['1:2c', { artikel: '1:2c' }],
    ['1:2c, eerste lid', { artikel: '1:2c', lid: '1' }],
    ['', undefined],
    ['artikel', undefined],
    ['10, vijfste lid', undefined],
    ['10 5', undefined],
  ]
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)}`, () => expect(parseProvisionRef(input)).toEqual(expected))
  }
})

describe('findProvision on the sociaal statuut', () => {
  it('10 and artikel 10: the whole article', () => {
    for (const ref of ['10', 'artikel 10', 'Artikel 10']) {
      const found = findProvision(statuut, ref)
      expect(found?.artikel && numOf(found.artikel), ref).toBe('10')
      expect(found?.lid).toBeUndefined()
      expect(found?.citaat).toBe('artikel 10')
      expect(found?.artikel.children.filter((c) => c.type === 'lid')).toHaveLength(7)
    }
  })

  it('10.5, 10 lid 5 and 10, vijfde lid: the fifth lid (250%)', () => {
    const refs = ['10.5', '10 lid 5', '10, lid 5', '10, vijfde lid', 'artikel 10, vijfde lid']
    const found = refs.map((ref) => findProvision(statuut, ref))
    for (const [i, f] of found.entries()) {
      expect(f?.lid && numOf(f.lid), refs[i]).toBe('5')
      expect(f?.citaat).toBe('artikel 10, vijfde lid')
      expect(f?.lid).toBe(found[0]?.lid)
    }
    const md = text(found[0])
    expect(md).toContain('## Artikel 10 Uitgangspunten individueel')
    expect(md).toContain('een eenmalige toelage ter grootte van 250% van de jaarlijkse toelage')
    // Only the fifth lid: not the sixth, which also says 250%.
    expect(md).not.toContain('verminderde inzet')
    expect(md.match(/250%/g)).toHaveLength(1)
  })

  it('the first lid', () => {
    expect(text(findProvision(statuut, '10, eerste lid'))).toContain('krijgen in het 1e kwartaal 2013 een statusbrief')
  })

  it('finds the article, not its toelichting (`Artikel 25 t/m. 29:`)', () => {
    const found = findProvision(statuut, '25')
    expect(found?.artikel && numOf(found.artikel)).toBe('25')
    expect(text(found)).toContain('## Artikel 25 Informatieverstrekking')
  })

  it('a lid or article that does not exist: undefined', () => {
    for (const ref of ['10, achtste lid', '10 lid 8', '10.8', '99', '99.1', '', 'vijfde lid']) {
      expect(findProvision(statuut, ref), ref).toBeUndefined()
    }
  })
})

describe('findProvision on the CAR-UWO (numbering with a colon)', () => {
  it('1:2c', () => {
    for (const ref of ['1:2c', '1:2C', 'artikel 1:2c']) {
      const found = findProvision(car, ref)
      expect(found?.artikel && numOf(found.artikel), ref).toBe('1:2c')
      expect(found?.citaat).toBe('artikel 1:2c')
    }
    expect(text(findProvision(car, '1:2c'))).toContain('## Artikel 1:2c Aanstellingen op grond van de banenafpraak')
  })

  it('a lid of 1:2c', () => {
    for (const ref of ['1:2c.9', '1:2c lid 9', '1:2c, negende lid']) {
      const found = findProvision(car, ref)
      expect(found?.lid && numOf(found.lid), ref).toBe('9')
      expect(found?.citaat).toBe('artikel 1:2c, negende lid')
    }
    expect(findProvision(car, '1:2c, tiende lid')).toBeUndefined()
    expect(findProvision(car, '1:2d')).toBeUndefined()
  })
})
