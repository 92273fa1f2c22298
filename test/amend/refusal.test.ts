/**
 * `applyRedactioneel` refuses a weergave that would change the words of a provision ("De weergave
 * verandert de woorden van een bepaling; …"). Inside `generateAmendment` that refusal used to escape
 * as an exception (exit 3, "interne fout"); now it is an `AmendmentRefusal` with the unit's place,
 * which `regelwerk amend` reports as `wijziging-onmogelijk` (exit 1). The real trigger (a national
 * AMvB in laws-markdown form, issue 13) is not in the corpus, so the refusal is forced here by
 * letting `applyRedactioneel` refuse the first unit it is given; the CLI test for a duplicate article
 * (test/cli/exits.test.ts) reaches the same catch through a real refusal.
 */
import { VFile } from 'vfile'
import { describe, expect, it, vi } from 'vitest'
import { OpdrachtFout } from '../../src/amend/apply-operation.js'
import { AmendmentRefusal, generateAmendment } from '../../src/amend/generate.js'
import { diffRegelingen } from '../../src/diff/index.js'
import { parseRegeling } from '../../src/parse/index.js'

const refuse = vi.hoisted(() => ({ on: false }))

vi.mock('../../src/amend/apply-operation.js', async (original) => {
  const real = await original<typeof import('../../src/amend/apply-operation.js')>()
  return {
    ...real,
    applyRedactioneel: (...args: Parameters<typeof real.applyRedactioneel>) => {
      if (refuse.on)
        throw new real.OpdrachtFout(
          'De weergave verandert de woorden van een bepaling; dat kan alleen met een opdracht in ARTIKEL I',
          'artikel 2',
        )
      return real.applyRedactioneel(...args)
    },
  }
})

const OUD = `---
citeertitel: Testregeling verlof
inwerkingtreding: 2020-01-01
---

# Testregeling verlof

## Artikel 1

De werknemer heeft recht op verlof.

## Artikel 2

Het verlof wordt op aanvraag verleend.
`
// Only opmaak changes in artikel 2: the change goes into the redactionele bijwerking.
const NIEUW = OUD.replace('2020-01-01', '2021-01-01').replace('op aanvraag', 'op *aanvraag*')

const parse = (text: string, path: string) => parseRegeling(new VFile({ path, value: text })).tree

describe('a refused redactionele bijwerking', () => {
  it('is a weergave of artikel 2 when applyRedactioneel accepts it', () => {
    refuse.on = false
    const besluit = generateAmendment(diffRegelingen(parse(OUD, 'oud.md'), parse(NIEUW, 'nieuw.md')))
    expect(besluit.redactioneel.map((r) => r.tekst)).toEqual(['Weergave van artikel 2:'])
  })

  it('becomes an AmendmentRefusal with the place of the unit in the new version', () => {
    refuse.on = true
    let caught: unknown
    try {
      generateAmendment(diffRegelingen(parse(OUD, 'oud.md'), parse(NIEUW, 'nieuw.md')))
    } catch (error) {
      caught = error
    } finally {
      refuse.on = false
    }
    expect(caught).toBeInstanceOf(AmendmentRefusal)
    expect(caught).not.toBeInstanceOf(OpdrachtFout)
    const refusal = caught as AmendmentRefusal
    expect(refusal.plaats).toBe('artikel 2')
    expect(refusal.position).toEqual({ line: 12, column: 1 })
    expect(refusal.message).toMatch(
      /^Het wijzigingsbesluit kan niet worden gemaakt: de opmaak van artikel 2 is niet als redactionele bijwerking te beschrijven \(de weergave verandert de woorden/,
    )
    expect(refusal.message).toMatch(/in beide versies gelijk en maak het besluit opnieuw$/)
  })
})
