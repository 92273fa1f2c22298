/**
 * Consecutive sentences of one provision (issue 14, point 3; Stb. 1995, 250, ARTIKEL I onder C.1:
 * "In het eerste lid komen de tweede en derde volzin te luiden:"): read in three word orders, with the
 * new text on the same line or after it; sentences that are not neighbours, or more than the
 * provision has, are refused with a placed Dutch message and nothing is applied.
 */
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { applyBesluit } from '../../src/amend/apply.js'
import { parseAmendment } from '../../src/amend/parse-amendment.js'
import { formatRegeling } from '../../src/format/markdown.js'
import type { Regeling } from '../../src/model/nodes.js'
import { parseString } from '../helpers.js'
import { proefregeling } from './helpers.js'

const BASE = `${proefregeling('zinnen', 4)}
## Artikel 1

1. Een. Twee. Drie. Vier.

2. Tweede lid.
`

function apply(opdracht: string) {
  const text = `---\nsoort: wijzigingsbesluit\nondertekening: 2015-12-01\n---\n\n# Besluit tot wijziging van de Proefregeling zinnen\n\n## ARTIKEL I\n\nDe Proefregeling zinnen wordt als volgt gewijzigd:\n\nA\n\n${opdracht}\n\n## ARTIKEL II\n\nDit besluit treedt in werking met ingang van 1 januari 2016.\n`
  const file = new VFile({ path: 'w.md', value: text })
  const result = applyBesluit(parseString(BASE).result.tree, parseAmendment(text, file), file)
  const lid1 = result
    ? (formatRegeling({ ...(result.tree as Regeling), data: { meta: {} } }).match(/^1\. .*$/m)?.[0] ?? '')
    : undefined
  return { lid1, messages: file.messages.map((m) => `${m.line}:${m.column} ${m.reason} [${m.ruleId}]`) }
}

describe('apply: consecutive sentences', () => {
  it('komen te luiden, the new text in the next paragraph (the Staatsblad layout)', () => {
    const { lid1, messages } = apply(
      'In artikel 1, eerste lid, komen de tweede en derde volzin te luiden:\n\nNieuw twee. Nieuw drie.',
    )
    expect(messages).toEqual([])
    expect(lid1).toBe('1. Een. Nieuw twee. Nieuw drie. Vier.')
  })

  it('tot en met, the new text quoted on the same line', () => {
    const { lid1, messages } = apply(
      'In artikel 1, eerste lid, komen de tweede tot en met de vierde volzin te luiden: „Slot.”',
    )
    expect(messages).toEqual([])
    expect(lid1).toBe('1. Een. Slot.')
  })

  it('vervallen, in both word orders', () => {
    expect(apply('In artikel 1, eerste lid, vervallen de tweede en derde volzin.').lid1).toBe('1. Een. Vier.')
    expect(apply('De derde en vierde volzin van artikel 1, eerste lid, vervallen.').lid1).toBe('1. Een. Twee.')
  })

  it('two sentences that are not neighbours are refused', () => {
    const { lid1, messages } = apply('In artikel 1, eerste lid, vervallen de tweede en vierde volzin.')
    expect(lid1).toBeUndefined()
    expect(messages.join('\n')).toMatch(/geen opeenvolgende zinnen/)
  })

  it('more sentences than the lid has are refused, with the count', () => {
    const { lid1, messages } = apply(
      'In artikel 1, eerste lid, komen de derde tot en met de zesde volzin te luiden:\n\nNieuw.',
    )
    expect(lid1).toBeUndefined()
    expect(messages.join('\n')).toMatch(/heeft 4 zinnen; de opdracht noemt de derde tot en met de zesde/)
  })

  it('komen te luiden without new text is refused', () => {
    const { lid1, messages } = apply('In artikel 1, eerste lid, komen de tweede en derde volzin te luiden:')
    expect(lid1).toBeUndefined()
    expect(messages.join('\n')).toMatch(/ontbreekt de nieuwe tekst/)
  })
})
