/**
 * Issue 14, point 6: `publish` refuses a wijzigingsbesluit whose dictum replaces the whole text of
 * a regulation whose articles still exist ("De tekst van de regeling komt te luiden:"), with a
 * placed Dutch message (`publicatie-hele-tekst`), unless `--hele-tekst` is given. The dictum is
 * built here by hand (not by `amend`), as the whole-text instruction a besluit can carry.
 */
import { readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { formatRegeling } from '../../src/format/markdown.js'
import type { Wijzigingsbesluit } from '../../src/model/amendment.js'
import { wijzigingsbesluitBlocks } from '../../src/publish/dictum-wijziging.js'
import { type BuildOptions, preparePublication, type WijzigingDictum } from '../../src/publish/index.js'
import { formatMessage } from '../../src/util/messages.js'
import { ROOT } from '../helpers.js'

const PUB = relative(ROOT, join(ROOT, 'test/fixtures/publish-hele-tekst/publicaties/publicatie.md'))

/** ARTIKEL I: one item that replaces the whole text; `operatie` false: the sentence only. */
function heleTekst(withOperatie: boolean): WijzigingDictum {
  return (_oud, nieuw) => {
    const inhoud = formatRegeling({ ...nieuw.tree, data: { meta: {} } }).trim()
    const besluit: Wijzigingsbesluit = {
      citeertitel: 'Verlofregeling Voorbeeldstad',
      opschrift: 'Besluit tot wijziging van de Verlofregeling Voorbeeldstad',
      artikelI: {
        aanhef: 'De Verlofregeling Voorbeeldstad wordt als volgt gewijzigd:',
        items: [
          {
            letter: 'A',
            betreft: 'de regeling',
            opdrachten: [
              {
                tekst: 'De tekst van de regeling komt te luiden:',
                inhoud,
                operatie: withOperatie
                  ? { soort: 'komt-te-luiden', doel: [], inhoud }
                  : (undefined as unknown as Wijzigingsbesluit['artikelI']['items'][number]['opdrachten'][number]['operatie']),
              },
            ],
          },
        ],
      },
      artikelII: { tekst: 'Dit besluit treedt in werking met ingang van 1 januari 2021.' },
      grofheid: 'regeling',
      geheelVervangen: ['de regeling'],
      redactioneel: [],
    }
    return wijzigingsbesluitBlocks(besluit)
  }
}

function run(options: BuildOptions) {
  const file = new VFile({ path: PUB, value: readFileSync(join(ROOT, PUB)) })
  const prepared = preparePublication(file, options)
  const messages = file.messages.filter((m) => m.ruleId === 'publicatie-hele-tekst')
  return { prepared, messages, file }
}

describe('publicatie-hele-tekst', () => {
  it('refuses a dictum that replaces the whole text while the articles remain, with a place', () => {
    const { messages } = run({ wijzigingDictum: heleTekst(true) })
    expect(messages).toHaveLength(1)
    const m = messages[0]
    expect(m?.fatal).toBe(true)
    const line = formatMessage(m as NonNullable<typeof m>, PUB)
    // The place is the `wijzigt:` line of the publication file.
    expect(line).toMatch(
      /publicatie\.md:4:1: fout Het wijzigingsbesluit vervangt de hele tekst van Verlofregeling Voorbeeldstad/,
    )
    expect(line).toContain('terwijl de artikelen 1, 2 en 3 blijven bestaan;')
    expect(line).toContain('`--hele-tekst`')
    expect(line).toMatch(/\[publicatie-hele-tekst\]$/)
  })

  it('recognises the instruction by its sentence when it carries no operation', () => {
    expect(run({ wijzigingDictum: heleTekst(false) }).messages).toHaveLength(1)
  })

  it('accepts it with --hele-tekst', () => {
    const { messages, file } = run({ wijzigingDictum: heleTekst(true), heleTekst: true })
    expect(messages).toEqual([])
    expect(file.messages.filter((m) => m.fatal === true)).toEqual([])
  })

  it('does not refuse when none of the old articles remains', () => {
    const PUB2 = relative(ROOT, join(ROOT, 'test/fixtures/publish/wijzigingsbesluit/publicaties/publicatie.md'))
    const file = new VFile({ path: PUB2, value: readFileSync(join(ROOT, PUB2)) })
    preparePublication(file, { wijzigingDictum: heleTekst(true) })
    expect(file.messages.filter((m) => m.ruleId === 'publicatie-hele-tekst')).toEqual([])
  })

  it('leaves the ordinary, fine-grained dictum alone', () => {
    const { messages, prepared } = run({})
    expect(messages).toEqual([])
    expect(prepared.publicatie?.dictum.some((b) => b.kind === 'alinea' && b.heleTekst)).toBe(false)
  })
})
