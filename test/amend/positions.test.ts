/**
 * After `apply`, every position in the tree is a place in a real file: nodes of the base keep
 * theirs (in the base file), new text grafted from the amendment has none (it was parsed from a
 * stand-in string, not from the amendment file), and a problem is placed on the instruction.
 */
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { applyAmendment } from '../../src/amend/apply.js'
import { parseAmendment } from '../../src/amend/parse-amendment.js'
import { contentOf, numOf } from '../../src/model/access.js'
import type { Regeling } from '../../src/model/nodes.js'
import { parseString } from '../helpers.js'

const BASE = `---
citeertitel: Proefregeling
---

## Artikel 1

1. De werkgever meldt het.

2. De werknemer meldt het ook.

## Artikel 2

Twee.
`

const AMENDMENT = `---
soort: wijzigingsbesluit
---

## ARTIKEL I

A

Aan artikel 1 wordt een lid toegevoegd, luidende:

> 3. Het *college* beslist binnen een week.

B

In artikel 2 wordt "Twee" vervangen door "*Drie*".

## ARTIKEL II

Dit besluit treedt in werking met ingang van 1 januari 2016.
`

/** Every node (any object with a `type`) under `value`, with the path to it. */
function nodes(value: unknown, path = 'tree', out: Array<{ path: string; node: Record<string, unknown> }> = []) {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) nodes(v, `${path}[${i}]`, out)
  } else if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>
    if (typeof o.type === 'string') out.push({ path, node: o })
    for (const [k, v] of Object.entries(o)) if (k !== 'position' && k !== 'data') nodes(v, `${path}.${k}`, out)
  }
  return out
}

function apply(amendment: string) {
  const base = parseString(BASE, 'basis.md').result.tree
  const file = new VFile({ path: 'wijziging.md', value: amendment })
  return { base, file, result: applyAmendment(base, parseAmendment(amendment, file), file) }
}

describe('positions after apply', () => {
  it('grafted nodes have none; the nodes of the base keep theirs', () => {
    const { file, result } = apply(AMENDMENT)
    expect(file.messages.map(String)).toEqual([])
    const tree = result?.tree as Regeling
    const artikel1 = tree.children[0] as Extract<Regeling['children'][number], { type: 'artikel' }>
    const [lid1, , lid3] = contentOf(artikel1)
    expect(lid3?.type === 'lid' && numOf(lid3)).toBe('3')
    expect(nodes(lid3).filter((n) => n.node.position !== undefined)).toEqual([])
    // The replaced words (with their emphasis) have no position either.
    const artikel2 = tree.children[1]
    const emphasis = nodes(artikel2).filter((n) => n.node.type === 'emphasis')
    expect(emphasis).toHaveLength(1)
    expect(nodes(emphasis[0]?.node).filter((n) => n.node.position !== undefined)).toEqual([])
    // What the amendment did not touch still points into the base file (line 7: `1. De werkgever …`).
    expect(lid1?.position?.start.line).toBe(7)
  })

  it('an instruction that does not fit is placed on the instruction in the amendment file', () => {
    const { file, result } = apply(AMENDMENT.replace('Aan artikel 1', 'Aan artikel 9'))
    expect(result).toBeUndefined()
    expect(file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual(['9:1 wijziging-past-niet'])
  })
})
