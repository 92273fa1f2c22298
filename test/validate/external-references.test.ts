import { cpSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkRegeling, listExternalReferences } from '../../src/validate/index.js'
import { regelwerk, tempDir } from '../cli-helpers.js'
import { parseString, ROOT } from '../helpers.js'

const REGELING = `---
citeertitel: Verordening proef
---

# Verordening proef

## Artikel 3:1 Begrippen

1. Deze verordening verstaat onder jaarrekening: de jaarrekening, bedoeld in de artikelen 131 en 241 van Boek 2 van het Burgerlijk Wetboek.

2. De commissie, bedoeld in artikel 64f van de Gemeentewet, adviseert.

## Artikel 4:8 Ziekte

1. Op de ambtenaar is artikel 35 van het ARAR van toepassing, en artikel 3:1 van deze verordening.

2. In afwijking van artikel 4:8:1 geldt artikel 3:1en de rest.
`

describe('references resolved against the regulation they name', () => {
  it('lists references to other regulations with the regulation as named, and checks none of them', () => {
    const { result, file } = parseString(REGELING, 'proef.md')
    const external = listExternalReferences(result, file).map((r) => `${r.num} ${r.regulation} @${r.place?.line}`)
    expect(external).toEqual([
      '131 Boek 2 van het Burgerlijk Wetboek @9',
      '241 Boek 2 van het Burgerlijk Wetboek @9',
      '64f Gemeentewet @11',
      '35 ARAR @15',
    ])
    checkRegeling(result, file)
    const warned = file.messages
      .filter((m) => m.ruleId === 'verwijzing-onbekend-artikel')
      .map((m) => `${m.line}:${m.column} ${/`([^`]+)`/.exec(m.reason)?.[1]}`)
    // A real typo in a reference still warns, at the number: `4:8:1`, and `3:1en` (a missing space).
    expect(warned).toEqual(['17:29 4:8:1', '17:49 3:1en'])
  })

  it('check --json lists them as externeVerwijzingen', () => {
    const dir = tempDir()
    const path = join(dir, 'proef.md')
    writeFileSync(path, REGELING)
    const run = regelwerk(['check', path, '--json'])
    expect(run.status).toBe(0)
    const json = JSON.parse(run.stdout) as { externeVerwijzingen: Array<Record<string, unknown>> }
    expect(json.externeVerwijzingen).toContainEqual({
      pad: path,
      regel: 11,
      kolom: 37,
      verwijzing: 'artikel 64f',
      artikel: '64f',
      regeling: 'Gemeentewet',
    })
    expect(json.externeVerwijzingen).toHaveLength(4)
  })
})

describe('references into other works of the folder (check of a folder or work)', () => {
  const OWN = join(ROOT, 'test', 'fixtures', 'labelled', 'werken', 'uitvoeringsregeling-proef')

  function folderWithOwnWork(): string {
    const dir = tempDir()
    cpSync(join(ROOT, 'regulations'), dir, { recursive: true })
    cpSync(OWN, join(dir, 'uitvoeringsregeling-proef'), { recursive: true })
    return dir
  }

  type Json = {
    berichten: Array<{ pad: string; regel: number; kolom: number; regelId: string; bericht: string }>
    externeVerwijzingen: Array<Record<string, unknown>>
  }

  it('a single file is checked on its own, as before: nothing is looked up in other works', () => {
    const run = regelwerk(['check', join(OWN, '2014-01-01.md'), '--json'])
    const json = JSON.parse(run.stdout) as Json
    expect(json.berichten.filter((m) => m.regelId.startsWith('verwijzing'))).toEqual([])
    expect(json.externeVerwijzingen.length).toBeGreaterThan(0)
    for (const e of json.externeVerwijzingen) expect(e).not.toHaveProperty('werk')
    // `de wet` is still read as the grondslag, for the listing.
    expect(json.externeVerwijzingen).toContainEqual(
      expect.objectContaining({
        artikel: '125k',
        regeling: 'wet',
        gelezenAls: { regeling: 'Ambtenarenwet', bron: 'de grondslag' },
      }),
    )
  })

  it('a folder: a reference into another work is checked on the citing version’s date, with the work, date and a suggestion', () => {
    const dir = folderWithOwnWork()
    const run = regelwerk(['check', dir, '--json'])
    const json = JSON.parse(run.stdout) as Json
    const warned = json.berichten
      .filter((m) => m.regelId === 'verwijzing-ander-werk')
      .map((m) => `${m.pad.slice(dir.length + 1)}:${m.regel}:${m.kolom} ${/`([^`]+)`/.exec(m.bericht)?.[1]}`)
    expect(warned).toEqual([
      'uitvoeringsregeling-proef/2014-01-01.md:28:9 125k',
      'uitvoeringsregeling-proef/2014-01-01.md:34:90 1a',
      'uitvoeringsregeling-proef/2014-01-01.md:36:82 7',
      'uitvoeringsregeling-proef/2015-11-01.md:28:9 125k',
    ])
    const first = json.berichten.find((m) => m.regelId === 'verwijzing-ander-werk')
    expect(first?.bericht).toBe(
      'Verwijzing naar artikel `125k` van de wet (gelezen als Ambtenarenwet: de grondslag), maar de Ambtenarenwet heeft op 1 januari 2014 geen artikel `125k` (gelezen in versie 2013-07-01 en 2014-04-15 van werk `ambtenarenwet`); bedoelde u artikel `125a`? Verbeter anders het nummer, of noem de regeling waarin het artikel wel staat',
    )
    // Found, not found, and not checked (with the reason), each with the work it was resolved to.
    const own = json.externeVerwijzingen.filter((e) => String(e.pad).endsWith('proef/2014-01-01.md'))
    expect(own).toContainEqual(
      expect.objectContaining({
        artikel: '2',
        werk: 'wet-aanpassing-arbeidsduur',
        gecontroleerd: true,
        gevonden: true,
      }),
    )
    expect(own).toContainEqual(
      expect.objectContaining({
        artikel: '1a',
        werk: 'wet-aanpassing-arbeidsduur',
        gecontroleerd: true,
        gevonden: false,
      }),
    )
    expect(own).toContainEqual(
      expect.objectContaining({
        artikel: '3:1',
        regeling: 'CAR',
        werk: 'car-uwo',
        gecontroleerd: false,
        reden: expect.stringMatching(/^Op 1 januari 2014 is nog geen versie van CAR-UWO in werking/),
      }),
    )
    expect(own).toContainEqual(
      expect.objectContaining({ artikel: '12', regeling: 'besluit', werk: null, gecontroleerd: false }),
    )
    // The ledenbrief's `artikel 125 Ambtenarenwet` is read in the Ambtenarenwet of 1 September 2015.
    expect(json.externeVerwijzingen).toContainEqual(
      expect.objectContaining({
        artikel: '125',
        regeling: 'Ambtenarenwet',
        werk: 'ambtenarenwet',
        gevonden: true,
        versie: '2015-01-05',
      }),
    )
  })

  it('a work folder brings the works beside it', () => {
    const dir = folderWithOwnWork()
    const run = regelwerk(['check', join(dir, 'uitvoeringsregeling-proef')])
    expect(run.status).toBe(0)
    expect(run.stderr.match(/\[verwijzing-ander-werk\]/g)?.length).toBe(4)
  })
})
