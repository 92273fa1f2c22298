import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { normaliseName, WorkLibrary, workDirsFor } from '../../src/versions/library.js'
import { ROOT } from '../helpers.js'

/** The bundled regulations as one folder of works: how other texts name them and what they hold on a date. */
const REGULATIONS = join(ROOT, 'regulations')

describe('WorkLibrary over regulations/', () => {
  const library = new WorkLibrary(workDirsFor([REGULATIONS]))

  it('finds the works of a folder, not the ledenbrieven folder', () => {
    expect(library.ids().sort()).toEqual([
      'ambtenarenwet',
      'car-uwo',
      'sociaal-statuut-cgm',
      'wet-aanpassing-arbeidsduur',
    ])
  })

  it('a work folder brings the works beside it; a single file brings none', () => {
    expect(workDirsFor([join(REGULATIONS, 'car-uwo')]).length).toBe(4)
    expect(workDirsFor([join(REGULATIONS, 'car-uwo', '2015-09-07.md')])).toEqual([])
  })

  it.each([
    ['Ambtenarenwet', 'ambtenarenwet'],
    ['de Ambtenarenwet', 'ambtenarenwet'],
    ['Ambtenarenwet 1929', 'ambtenarenwet'],
    ['BWBR0001947', 'ambtenarenwet'],
    ['Ambtenarenwet gestelde regels', 'ambtenarenwet'],
    ['CAR-UWO', 'car-uwo'],
    ['CAR/UWO', 'car-uwo'],
    ['CAR / UWO', 'car-uwo'],
    ['CAR', 'car-uwo'],
    ['UWO', 'car-uwo'],
    ['Wet aanpassing arbeidsduur', 'wet-aanpassing-arbeidsduur'],
    ['wet aanpassing arbeidsduur', 'wet-aanpassing-arbeidsduur'],
    ['Sociaal Statuut Samenwerking CGM 2012', 'sociaal-statuut-cgm'],
  ])('`%s` is work %s', (name, id) => {
    expect(library.findWork(name)).toMatchObject({ kind: 'werk', id })
  })

  it.each([
    'Militaire Ambtenarenwet 1931',
    'Ambtenarenwet 1931',
    'Ambtenarenwet BES',
    'Wet aanpassing arbeidsduur BES',
    'Gemeentewet',
    'CAO/ CAR/UWO',
    'wet',
  ])('`%s` is no work of the folder', (name) => {
    expect(library.findWork(name)).toEqual({ kind: 'geen' })
  })

  it('names in running text: the Ambtenarenwet, not the Militaire Ambtenarenwet 1931', () => {
    const text =
      'krachtens de artikelen 125, eerste lid, van de Ambtenarenwet en 12 van de Militaire Ambtenarenwet 1931'
    expect(library.workNamesIn(text).map(([s, e, id]) => `${text.slice(s, e)} ${id}`)).toEqual([
      'Ambtenarenwet ambtenarenwet',
    ])
  })

  it('looks an article up in the version of the date, and says why it cannot', () => {
    expect(library.lookup('wet-aanpassing-arbeidsduur', '2015-11-01', '1a', false)).toMatchObject({
      result: 'bestaat',
      versie: '2015-10-22',
    })
    expect(library.lookup('wet-aanpassing-arbeidsduur', '2012-01-01', '1a', false, false)).toMatchObject({
      result: 'ontbreekt',
      versie: '2011-09-14 en 2015-03-05',
      suggestie: '1',
    })
    expect(library.lookup('ambtenarenwet', '2014-01-01', '125k', false)).toMatchObject({
      result: 'ontbreekt',
      suggestie: '125a',
      andereNummering: false,
    })
    expect(library.lookup('ambtenarenwet', '2014-01-01', '4:8:1', false)).toMatchObject({
      result: 'ontbreekt',
      andereNummering: true,
    })
    expect(library.lookup('ambtenarenwet', '2010-06-01', '125', false)).toMatchObject({
      result: 'onbekend',
      reden: expect.stringMatching(/^Op 1 juni 2010 is nog geen versie van Ambtenarenwet in werking/),
    })
    expect(library.lookup('car-uwo', '2015-09-07', '3:1', false)).toMatchObject({
      result: 'onbekend',
      reden: expect.stringContaining('deeltekst'),
    })
    expect(library.lookup('car-uwo', '2015-09-07', '1:2c', false)).toMatchObject({ result: 'bestaat' })
    expect(library.lookup('ambtenarenwet', undefined, '125', false)).toMatchObject({ result: 'onbekend' })
  })

  it('compares names without case, articles or the spacing around - and /', () => {
    expect(normaliseName(' de CAR / UWO ')).toBe('car-uwo')
    expect(normaliseName('Het  Besluit  X.')).toBe('besluit x')
  })
})
