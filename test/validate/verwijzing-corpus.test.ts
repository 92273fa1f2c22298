import { readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { parseRegeling } from '../../src/parse/index.js'
import { documentKind } from '../../src/validate/index.js'
import {
  type ReferencedArticle,
  type ReferenceStatus,
  referencedArticles,
} from '../../src/validate/rules/verwijzing-onbekend-artikel.js'
import { CORPUS, filesUnder } from '../helpers.js'

/**
 * `verwijzing-onbekend-artikel` on real text: the consolidated laws of the corpus refer to other
 * laws all the time (`artikel 160 van de Gemeentewet`, `de artikelen 124, 124a, alsmede
 * hoofdstuk XVII van de Gemeentewet`, `artikel 475 *d* van het Wetboek van Burgerlijke
 * Rechtsvordering`); none of that may be reported. What is reported was checked by hand.
 */
const LAWS = [...filesUnder(join(CORPUS, 'bwb')), ...filesUnder(join(CORPUS, 'bwb-legalize'))]
const SEED = join(import.meta.dirname, '..', 'fixtures', 'check', 'sociaal-statuut-cgm-2012', 'input.md')

function references(path: string): ReferencedArticle[] {
  const file = new VFile({ path, value: readFileSync(path, 'utf8') })
  const result = parseRegeling(file)
  const kind = documentKind(result.frontMatter.data)
  return referencedArticles({ file, tree: result.tree, frontMatter: result.frontMatter, kind })
}

function tally(refs: readonly ReferencedArticle[]): Record<ReferenceStatus, number> {
  const counts: Record<ReferenceStatus, number> = {
    bestaat: 0,
    ontbreekt: 0,
    extern: 0,
    geciteerd: 0,
    vroeger: 0,
    'andere-nummering': 0,
    kop: 0,
    'ander-werk': 0,
    'ander-werk-ontbreekt': 0,
  }
  for (const ref of refs) counts[ref.status]++
  return counts
}

/**
 * Real dangling references in the consolidated texts, all to repealed articles:
 * - Rechtspositiebesluit burgemeesters, every stored version: art. 46e, third lid, names
 *   `artikel 46h` and art. 47b, fourth lid, `artikel 46a`; both were repealed in 2010 (art. 65b
 *   keeps them for old cases "zoals deze luidden", which is not reported).
 * - Wet gemeenschappelijke regelingen 2012-10-01: `artikel 117, tweede lid` in art. 120 after
 *   art. 117 was repealed (later versions have it corrected).
 */
const EXPECTED_DANGLING = [
  ...['2011-01-12', '2012-01-01', '2013-01-01'].flatMap((v) => [
    `BWBR0006743-rechtspositiebesluit-burgemeesters/${v}.md:413 artikel 46h`,
    `BWBR0006743-rechtspositiebesluit-burgemeesters/${v}.md:441 artikel 46a`,
  ]),
  'BWBR0006743-rechtspositiebesluit-burgemeesters/2013-12-24.md:421 artikel 46h',
  'BWBR0006743-rechtspositiebesluit-burgemeesters/2013-12-24.md:449 artikel 46a',
  ...['2014-07-01', '2014-12-22'].flatMap((v) => [
    `BWBR0006743-rechtspositiebesluit-burgemeesters/${v}.md:435 artikel 46h`,
    `BWBR0006743-rechtspositiebesluit-burgemeesters/${v}.md:463 artikel 46a`,
  ]),
  'BWBR0003740-wet-gemeenschappelijke-regelingen/2012-10-01.md:1057 artikel 117',
].sort()

describe('verwijzing-onbekend-artikel on the corpus laws', () => {
  const perFile = LAWS.map((path) => ({ name: relative(join(CORPUS, 'bwb'), path), refs: references(path) }))
  const all = perFile.flatMap((f) => f.refs)

  it('reads the references of every law', () => {
    expect(LAWS.length).toBeGreaterThan(60)
    const counts = tally(all)
    // Measured on the corpus (7.7k article numbers in references): most exist or are external.
    // The exact split moves with the parser (an article it cannot place is a `kop`), so only
    // the floor is fixed here; the dangling ones are pinned below.
    expect(counts.bestaat).toBeGreaterThan(4700)
    expect(counts.extern).toBeGreaterThan(2700)
    expect(counts.geciteerd + counts.vroeger).toBeGreaterThan(70)
    expect(counts['andere-nummering']).toBe(0)
    expect(counts.ontbreekt).toBe(13)
  })

  it('reports only the real dangling references', () => {
    const dangling = perFile.flatMap((f) =>
      f.refs
        .filter((r) => r.status === 'ontbreekt')
        .map((r) => `${f.name.replace(/^\.\.\/bwb-legalize\//, 'legalize:')}:${r.place?.line} artikel ${r.num}`),
    )
    expect(dangling.sort()).toEqual(EXPECTED_DANGLING)
  })
})

describe('verwijzing-onbekend-artikel on the sociaal statuut (seed 002)', () => {
  const refs = references(SEED)

  it('finds its internal references and reports none', () => {
    const counts = tally(refs)
    expect(counts.ontbreekt).toBe(0)
    // `artikel 24 van dit Sociaal Statuut`, `artikel 10, lid 1`, `artikel 16, lid 2 en 3 van het Sociaal Statuut`
    expect(counts.bestaat).toBeGreaterThan(20)
    // `artikel 25 van de Wet op de ondernemingsraden`, `artikel 3:1, tweede lid onder b, van de CAR`
    expect(counts.extern).toBeGreaterThan(5)
    // `Artikel 10d:5 wordt daarbij gevolgd` (after `artikel 8:3 van de CAR`)
    expect(counts['andere-nummering']).toBe(1)
  })
})
