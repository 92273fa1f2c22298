/**
 * A quote a reader can find (issue 14, point 4): a replacement of only small words (`„van de”` →
 * `„van”`) takes in the word next to it, as in the Ambtenarenwet 2012 → 2013 (art. 2, eerste lid).
 */
import { describe, expect, it } from 'vitest'
import { formatRegeling } from '../../src/format/markdown.js'
import type { Regeling } from '../../src/model/nodes.js'
import { parseString } from '../helpers.js'
import { proefregeling, roundTrip } from './helpers.js'

const tekst = (lid: string) =>
  `${proefregeling('citaten', 5)}\n## Artikel 1\n\n1. ${lid}\n\n2. Het college van burgemeester en wethouders stelt nadere regels.\n`

describe('amend: a quote of only small words', () => {
  it('takes in the next word: „van de andere” vervangen door „van andere”', () => {
    const oud = parseString(
      tekst('De leden van het bestuur van dit lichaam en de leden van de andere ingestelde colleges.'),
    ).result.tree
    const nieuw = parseString(
      tekst('De leden van het bestuur van dit lichaam en de leden van andere ingestelde colleges.'),
    ).result.tree
    const { markdown, result } = roundTrip(oud, nieuw)
    expect(markdown).toContain('wordt „van de andere” vervangen door „van andere”')
    expect(markdown).not.toContain('„van de”')
    const body = (t: Regeling) => formatRegeling({ ...t, data: { meta: {} } })
    expect(body((result as { tree: Regeling }).tree)).toBe(body(nieuw))
  })
})
