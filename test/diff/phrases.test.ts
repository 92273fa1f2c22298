/**
 * Phrase-level grouping, pinned on real version pairs from ../shared/corpus: where most words of a
 * phrase change, the old phrase is struck and the new one inserted as one block; a change of one
 * word or sign inside unchanged text stays that small. `PHRASE_RATIO` = 1 is the threshold these
 * cases pin: at 0 the rewrite in the Ambtenarenwet falls apart into word salad again ("de
 * ~~voorzitter~~Nederlandse ~~en~~beroepsorganisatie …", the example), at 2 the
 * Rechtspositiebesluit burgemeesters loses the unchanged words between two small changes.
 */
import { describe, expect, it } from 'vitest'
import { diffForReaders, diffRegelingen } from '../../src/diff/index.js'
import { groupPhrases, PHRASE_RATIO } from '../../src/diff/phrases.js'
import type { DiffResult, WordOp } from '../../src/model/changes.js'
import { CORPUS, parsePath } from '../helpers.js'

const BWB = `${CORPUS}/bwb`

function words(result: DiffResult, plaats: string): WordOp[] {
  const change = result.changes.find((c) => c.type === 'tekst' && c.plaats === plaats)
  if (change?.type !== 'tekst') throw new Error(`geen tekstwijziging in ${plaats}`)
  return change.woorden
}

function pair(work: string, oud: string, nieuw: string, plaats: string): { reader: WordOp[]; raw: WordOp[] } {
  const a = parsePath(`${BWB}/${work}/${oud}.md`).result.tree
  const b = parsePath(`${BWB}/${work}/${nieuw}.md`).result.tree
  return { reader: words(diffForReaders(a, b), plaats), raw: words(diffRegelingen(a, b), plaats) }
}

const changes = (ops: readonly WordOp[]) => ops.filter((o) => o.op !== 'gelijk')

describe('phrase grouping on real pairs', () => {
  const rewrite = pair(
    'BWBR0001947-ambtenarenwet',
    '2012-01-01',
    '2013-01-01',
    'artikel 2, eerste lid, vijftiende gedachtestreepje',
  )
  const twoSmall = pair(
    'BWBR0006743-rechtspositiebesluit-burgemeesters',
    '2013-12-24',
    '2014-07-01',
    'artikel 16, tweede lid',
  )
  const sign = pair('BWBR0001947-ambtenarenwet', '2011-01-01', '2011-06-22', 'artikel 125, eerste lid, onderdeel m')

  it('a rewritten phrase is struck and inserted as one block, deletion first', () => {
    expect(PHRASE_RATIO).toBe(1)
    expect(changes(rewrite.raw).length).toBeGreaterThanOrEqual(10)
    expect(rewrite.reader.slice(0, 4)).toEqual([
      { op: 'gelijk', text: 'de ' },
      {
        op: 'del',
        text: 'voorzitter en de plaatsvervangende voorzitter van het Nederlands Instituut van Registeraccountants, ',
      },
      { op: 'ins', text: 'Nederlandse beroepsorganisatie van accountants, ' },
      { op: 'gelijk', text: 'de leden van het bestuur van dit lichaam en de leden van ' },
    ])
    // Joining only white space and punctuation (ratio 0) leaves the word salad.
    const salad = changes(groupPhrases(rewrite.raw, 0))
    expect(salad.length).toBeGreaterThan(changes(rewrite.reader).length)
    expect(salad.slice(0, 4).map((o) => o.text)).toEqual([
      'voorzitter en de plaatsvervangende voorzitter ',
      'Nederlandse beroepsorganisatie ',
      'het Nederlands Instituut van Registeraccountants, ',
      'accountants, ',
    ])
  })

  it('unchanged words between two small changes stay unchanged (not at ratio 2)', () => {
    expect(twoSmall.reader.slice(0, 5)).toEqual([
      { op: 'del', text: 'De bedragen,' },
      { op: 'ins', text: 'Het bedrag' },
      { op: 'gelijk', text: ' genoemd in het eerste ' },
      { op: 'del', text: 'lid, worden' },
      { op: 'ins', text: 'lid wordt' },
    ])
    expect(
      changes(groupPhrases(twoSmall.raw, 2))
        .slice(0, 2)
        .map((o) => o.text),
    ).toEqual(['De bedragen, genoemd in het eerste lid, worden', 'Het bedrag genoemd in het eerste lid wordt'])
  })

  it('a changed sign stays one small replacement, deletion first', () => {
    expect(changes(sign.reader)).toEqual([
      { op: 'del', text: 'bereikt.' },
      { op: 'ins', text: 'bereikt;' },
    ])
  })
})
