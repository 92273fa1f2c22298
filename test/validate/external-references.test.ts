import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkRegeling, listExternalReferences } from '../../src/validate/index.js'
import { regelwerk, tempDir } from '../cli-helpers.js'
import { parseString } from '../helpers.js'

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
