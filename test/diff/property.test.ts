import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyDiff } from '../../src/diff/apply-diff.js'
import { diffRegelingen } from '../../src/diff/index.js'
import { formatRegeling } from '../../src/format/markdown.js'
import { setNum } from '../../src/model/access.js'
import type { Artikel, Regeling } from '../../src/model/nodes.js'
import { parseString, ROOT, signature } from '../helpers.js'

const STATUUT = readFileSync(join(ROOT, 'regulations', 'sociaal-statuut-cgm', '2013-01-03.md'), 'utf8')
const base = parseString(STATUUT).result.tree

type Edit =
  | { kind: 'woorden'; artikel: number; lid: number; at: number; woord: string }
  | { kind: 'lid-weg'; artikel: number; lid: number }
  | { kind: 'lid-erbij'; artikel: number; lid: number }
  | { kind: 'vernummer'; artikel: number }
  | { kind: 'verplaats'; artikel: number; naar: number }

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    kind: fc.constant('woorden' as const),
    artikel: fc.nat(),
    lid: fc.nat(),
    at: fc.nat(),
    woord: fc.constantFrom('niet', 'uiterlijk', '300%', 'de werkgever', 'binnen zes weken'),
  }),
  fc.record({ kind: fc.constant('lid-weg' as const), artikel: fc.nat(), lid: fc.nat() }),
  fc.record({ kind: fc.constant('lid-erbij' as const), artikel: fc.nat(), lid: fc.nat() }),
  fc.record({ kind: fc.constant('vernummer' as const), artikel: fc.nat() }),
  fc.record({ kind: fc.constant('verplaats' as const), artikel: fc.nat(), naar: fc.nat() }),
)

function artikelen(tree: Regeling): Artikel[] {
  const out: Artikel[] = []
  const walk = (n: { type: string; children?: unknown[] }) => {
    if (n.type === 'artikel') out.push(n as Artikel)
    else if (n.type !== 'toelichting') for (const c of n.children ?? []) walk(c as { type: string })
  }
  walk(tree)
  return out
}

/** Apply an edit to a deep copy of the tree (a made-up change of real text, as test data). */
function applyEdit(tree: Regeling, e: Edit): void {
  const arts = artikelen(tree)
  const art = arts[e.artikel % arts.length] as Artikel
  const leden = art.children.filter((c) => c.type === 'lid')
  switch (e.kind) {
    case 'woorden': {
      const target = (leden[e.lid % Math.max(1, leden.length)] ?? art) as {
        children: Array<{ type: string; children?: Array<{ type: string; value?: string }> }>
      }
      const alinea = target.children.find((c) => c.type === 'alinea')
      const text = alinea?.children?.find((c) => c.type === 'text')
      if (text?.value) {
        const words = text.value.split(' ')
        words.splice(e.at % (words.length + 1), 0, e.woord)
        text.value = words.join(' ')
      }
      return
    }
    case 'lid-weg': {
      if (leden.length < 2) return
      const victim = leden[e.lid % leden.length]
      art.children = art.children.filter((c) => c !== victim)
      return
    }
    case 'lid-erbij': {
      if (leden.length === 0) return
      const copy = structuredClone(leden[e.lid % leden.length]) as (typeof leden)[number]
      art.children.splice(art.children.indexOf(leden[e.lid % leden.length] as never), 0, copy)
      return
    }
    case 'vernummer': {
      let n = 1
      for (const c of art.children) if (c.type === 'lid') setNum(c, String(n++))
      return
    }
    case 'verplaats': {
      const other = arts[e.naar % arts.length] as Artikel
      if (other === art) return
      const parentOf = (target: Artikel) => {
        let found: { children: unknown[] } | undefined
        const walk = (n: { children?: unknown[] }) => {
          if (n.children?.includes(target)) found = n as { children: unknown[] }
          else for (const c of n.children ?? []) walk(c as { children?: unknown[] })
        }
        walk(tree)
        return found
      }
      const from = parentOf(art)
      const to = parentOf(other)
      if (!from || !to) return
      from.children.splice(from.children.indexOf(art), 1)
      to.children.splice(to.children.indexOf(other) + 1, 0, art)
      return
    }
  }
}

describe('diff property: applying the diff of random edits of a real text gives the edited text', () => {
  it('apply(a, diff(a, b)) equals b', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
        const copy = structuredClone(base)
        for (const e of edits) applyEdit(copy, e)
        // Through the canonical Markdown, so that ids and numbers are what the parser makes of it.
        const nieuw = parseString(formatRegeling(copy, {})).result.tree
        const oud = parseString(formatRegeling(base, {})).result.tree
        const result = diffRegelingen(oud, nieuw)
        expect(signature(applyDiff(oud, result))).toEqual(signature(nieuw))
        expect(diffRegelingen(nieuw, nieuw).changes).toEqual([])
      }),
      { numRuns: 60 },
    )
  })
})
