import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { documentKind } from '../../src/validate/index.js'
import { referencedArticles } from '../../src/validate/rules/verwijzing-onbekend-artikel.js'
import { normaliseName, WorkLibrary, workDirsFor } from '../../src/werken/library.js'
import { parseString, ROOT } from '../helpers.js'

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

describe('WorkLibrary: each version of another work is read once per run', () => {
  it('answers from what it read, without reading the file again', () => {
    const dir = mkdtempSync(join(tmpdir(), 'regelwerk-lib-'))
    try {
      cpSync(REGULATIONS, dir, { recursive: true })
      const library = new WorkLibrary(workDirsFor([dir]))
      expect(library.lookup('wet-aanpassing-arbeidsduur', '2015-11-01', '2', false)).toMatchObject({
        result: 'bestaat',
      })
      rmSync(join(dir, 'wet-aanpassing-arbeidsduur', '2015-10-22.md'))
      expect(library.lookup('wet-aanpassing-arbeidsduur', '2015-11-01', '1a', false)).toMatchObject({
        result: 'bestaat',
      })
      expect(library.lookup('wet-aanpassing-arbeidsduur', '2015-11-01', '9', false)).toMatchObject({
        result: 'ontbreekt',
      })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('de wet, het besluit, de regeling: the regulation this one rests on or changes', () => {
  const library = new WorkLibrary(workDirsFor([REGULATIONS]))
  // EIGEN FORMULERING (own wording, no real regulation), citing real articles of the bundled works.
  const text = (frontMatter: string, body: string) => `---\n${frontMatter}\n---\n\n# Proefregeling\n\n${body}\n`

  function refs(markdown: string, path = join(REGULATIONS, 'proef', 'proef.md')) {
    const { result, file } = parseString(markdown, path)
    return referencedArticles({
      file,
      tree: result.tree,
      frontMatter: result.frontMatter,
      kind: documentKind(result.frontMatter.data),
      works: library.contextFor(path, result.frontMatter.data),
    }).map((r) => `${r.num} ${r.status} ${r.work?.id ?? '-'} ${r.resolved ? `(${r.resolved.via})` : ''}`.trim())
  }

  it('a begripsbepaling `wet: de Wet aanpassing arbeidsduur` wins over the grondslag', () => {
    const md = text(
      'citeertitel: Proefregeling\nsoort: regeling\ngrondslagen:\n  - Ambtenarenwet\ninwerkingtreding: 2016-01-01',
      '## Artikel 1\n\nIn deze regeling wordt verstaan onder:\n\na. wet: de Wet aanpassing arbeidsduur;\n\nb. verzoek: het verzoek, bedoeld in artikel 2 van de wet.\n\n## Artikel 2\n\nArtikel 1a van de wet is van toepassing; artikel 9 van de wet niet.',
    )
    expect(refs(md)).toEqual([
      '2 ander-werk wet-aanpassing-arbeidsduur (de begripsbepaling in deze tekst)',
      '1a ander-werk wet-aanpassing-arbeidsduur (de begripsbepaling in deze tekst)',
      '9 ander-werk-ontbreekt wet-aanpassing-arbeidsduur (de begripsbepaling in deze tekst)',
    ])
  })

  it('two grondslagen of the same kind: `de wet` is not guessed', () => {
    const md = text(
      'citeertitel: Proefregeling\nsoort: regeling\ngrondslagen:\n  - Ambtenarenwet\n  - Wet aanpassing arbeidsduur\ninwerkingtreding: 2016-01-01',
      '## Artikel 1\n\nArtikel 9 van de wet is van toepassing.',
    )
    expect(refs(md)).toEqual(['9 extern -'])
  })

  it('a wijzigingsbesluit: a bare reference is the work it changes (before and after), its own ARTIKEL I is not', () => {
    const md = text(
      'soort: wijzigingsbesluit\nwork: wet-aanpassing-arbeidsduur\nkenmerk: proef\nondertekening: 2015-10-01\ninwerkingtreding: 2015-10-22',
      '## ARTIKEL I\n\nNa artikel 1 wordt een artikel ingevoegd: artikel 1a. Artikel 8 vervalt.\n\n## ARTIKEL II\n\nDit besluit treedt in werking op 22 oktober 2015; artikel I werkt terug.',
    )
    expect(refs(md)).toEqual([
      '1 ander-werk wet-aanpassing-arbeidsduur (de regeling die deze tekst wijzigt)',
      '1a ander-werk wet-aanpassing-arbeidsduur (de regeling die deze tekst wijzigt)',
      '8 ander-werk-ontbreekt wet-aanpassing-arbeidsduur (de regeling die deze tekst wijzigt)',
    ])
  })
})
