/** `parseProvisionRef` / `findProvision` (issue 4, point 4: `--artikel` in any numbering style). */

import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatRegeling } from '../../src/format/markdown.js'
import { leadLength, numOf } from '../../src/model/access.js'
import type { Artikel, Regeling } from '../../src/model/nodes.js'
import { excerpt, type Found, findProvision, parseProvisionRef } from '../../src/versions/find-provision.js'
import { parsePath, ROOT } from '../helpers.js'
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

describe('onderdelen and subonderdelen (issue 15: `show --artikel "1:1, onderdeel b"`)', () => {
  const wet = parsePath(join(ROOT, 'regulations', 'wet-aanpassing-arbeidsduur', '2015-10-22.md')).result.tree

  const cases: Array<[string, ReturnType<typeof parseProvisionRef>]> = [
    ['1:1, onderdeel b', { artikel: '1:1', steps: [{ type: 'onderdeel', num: 'b' }] }],
    ['1:1 onderdeel B', { artikel: '1:1', steps: [{ type: 'onderdeel', num: 'b' }] }],
    [
      '2, tweede lid, onderdeel a',
      {
        artikel: '2',
        lid: '2',
        steps: [
          { type: 'lid', num: '2' },
          { type: 'onderdeel', num: 'a' },
        ],
      },
    ],
    [
      'artikel 3, onderdeel a, onder 2°',
      {
        artikel: '3',
        steps: [
          { type: 'onderdeel', num: 'a' },
          { type: 'subonderdeel', num: '2°' },
        ],
      },
    ],
    [
      '2 lid 8 sub c',
      {
        artikel: '2',
        lid: '8',
        steps: [
          { type: 'lid', num: '8' },
          { type: 'onderdeel', num: 'c' },
        ],
      },
    ],
    ['2, onderdeel', undefined],
    ['2, tweede lid, derde lid', undefined],
    ['2, onderdeel a b', undefined],
  ]
  for (const [input, expected] of cases) {
    it(`reads ${JSON.stringify(input)}`, () => expect(parseProvisionRef(input)).toEqual(expected))
  }

  it('an onderdeel of an article without leden', () => {
    const found = findProvision(wet, '1, onderdeel b')
    expect(found?.citaat).toBe('artikel 1, onderdeel b')
    expect(found?.node.type).toBe('onderdeel')
    const md = formatRegeling({ type: 'regeling', data: { meta: {} }, children: [excerpt(found as Found)] })
    expect(md).toContain('werknemer: de ander, bedoeld onder a.')
    expect(md).not.toContain('werkgever: de')
  })

  it('an onderdeel of a lid, with the opening words of the lid', () => {
    for (const ref of ['2, achtste lid, onderdeel c', '2 lid 8 onderdeel c', '2.8, onderdeel c']) {
      const found = findProvision(wet, ref)
      expect(found?.citaat, ref).toBe('artikel 2, achtste lid, onderdeel c')
      const md = formatRegeling({ type: 'regeling', data: { meta: {} }, children: [excerpt(found as Found)] })
      expect(md).toContain('leidt tot ernstige problemen:')
      expect(md).toContain('van roostertechnische aard.')
      expect(md).not.toContain('van veiligheidsaard')
    }
  })

  it('a part that does not exist: undefined', () => {
    expect(findProvision(wet, '2, achtste lid, onderdeel d')).toBeUndefined()
    expect(findProvision(wet, '1, onderdeel z')).toBeUndefined()
    expect(findProvision(wet, '2, achtste lid, onderdeel c, onder 1°')).toBeUndefined()
  })
})
