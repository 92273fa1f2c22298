import { describe, expect, it } from 'vitest'
import { behouden, GEHEEL_ONDER } from '../../src/amend/generate.js'
import { diffRegelingen } from '../../src/diff/index.js'
import { formatRegeling } from '../../src/format/markdown.js'
import type { Operatie } from '../../src/model/amendment.js'
import type { DiffNode } from '../../src/model/changes.js'
import type { Regeling } from '../../src/model/nodes.js'
import { parsePath, signature, versionPairs } from '../helpers.js'
import { roundTrip } from './helpers.js'

const body = (tree: Regeling) => formatRegeling({ ...tree, data: { meta: {} } })

/**
 * The changed article `num` in a diff tree. A moved article (added at its new place, deleted at its
 * old one) has no node that holds both texts: it is not measured here.
 */
function artikelIn(tree: DiffNode, num: string): DiffNode | undefined {
  if (tree.type === 'artikel')
    return (tree.nieuwNum ?? tree.oudNum) === num && tree.oud && tree.nieuw ? tree : undefined
  for (const c of tree.children) {
    const hit = artikelIn(c, num)
    if (hit) return hit
  }
  return undefined
}

/** What an instruction does, for the distribution: `woorden`, `komt-te-luiden lid`, … */
function kind(op: Operatie): string {
  if (op.soort !== 'komt-te-luiden') return op.soort
  return `komt-te-luiden ${op.doel.length === 0 ? 'regeling' : op.doel[op.doel.length - 1]?.soort}`
}

describe('round trip apply(a, amend(a, b)) = b on every consecutive version pair', () => {
  const all = versionPairs()
  const counts = { fijn: 0, artikel: 0, regeling: 0 }
  const kinds: Record<string, number> = {}
  let weergaven = 0
  /** Articles replaced whole although most of their text stayed (fine instructions failed). */
  const grofArtikel: string[] = []
  const geheel: string[] = []
  it('covers the pairs', () => {
    console.log(`${all.length} versieparen in regulations/ en ../shared/corpus/`)
    expect(all.length).toBeGreaterThanOrEqual(60)
  })
  for (const [a, b] of all) {
    const name = `${a.split('/').slice(-2).join('/')} → ${b.split('/').pop()}`
    it(name, () => {
      const oud = parsePath(a).result.tree
      const nieuw = parsePath(b).result.tree
      const { model, file, read, result } = roundTrip(oud, nieuw)
      expect(file.messages.map(String)).toEqual([])
      expect(read.opdrachten.length).toBe(model.artikelI.items.reduce((n, i) => n + i.opdrachten.length, 0))
      expect(read.redactioneel?.length ?? 0).toBe(model.redactioneel.length)
      expect(result).toBeDefined()
      const tree = result?.tree as Regeling
      expect(signature(tree)).toEqual(signature(nieuw))
      expect(body(tree)).toBe(body(nieuw))
      if (typeof nieuw.data.meta.inwerkingtreding === 'string')
        expect(tree.data.meta.inwerkingtreding).toBe(nieuw.data.meta.inwerkingtreding)
      counts[model.grofheid]++
      if (model.grofheid === 'regeling') geheel.push(`${name}: ${model.reden}`)
      weergaven += model.redactioneel.length
      const diff = diffRegelingen(oud, nieuw)
      for (const item of model.artikelI.items)
        for (const o of item.opdrachten) {
          const k = kind(o.operatie)
          kinds[k] = (kinds[k] ?? 0) + 1
          if (k === 'komt-te-luiden artikel' && o.operatie.soort === 'komt-te-luiden') {
            const num = o.operatie.doel[0]?.num ?? ''
            const d = artikelIn(diff.tree, num)
            if (d && behouden(d) >= GEHEEL_ONDER) grofArtikel.push(`${name} artikel ${num}`)
          }
        }
    })
  }
  it('reports how fine the instructions were, and they stay that fine', () => {
    console.log(
      `grofheid: ${counts.fijn} paren fijn, ${counts.artikel} met een bepaling geheel vervangen (na een mislukte fijne opdracht), ${counts.regeling} met de hele tekst vervangen`,
    )
    console.log(`opdrachten: ${JSON.stringify(kinds)}; redactionele weergaven: ${weergaven}`)
    console.log(`hele tekst vervangen: ${geheel.join('; ') || 'geen'}`)
    console.log(
      `artikel geheel vervangen terwijl het grootste deel gelijk bleef: ${grofArtikel.length} (${grofArtikel.join('; ')})`,
    )
    expect(counts.fijn + counts.artikel + counts.regeling).toBe(all.length)
    // Measured 2026-11: one pair (the WGR of 2015, 16% of the text unchanged) replaces the whole
    // text, by the documented rule; none because fine instructions failed.
    expect(counts.regeling).toBeLessThanOrEqual(1)
    for (const g of geheel) expect(g).toContain('bijna geheel anders')
    // The Arbowet 2012 → 2013 gains a heading without number over articles 28a–29a (a
    // consolidation leftover read as a paragraaf without number): the paragraaf is cited by its
    // title ("Na artikel 28 wordt een paragraaf ingevoegd", "Artikel 29 wordt geplaatst na artikel
    // 28b"), no hoofdstuk is replaced whole.
    expect(counts.artikel).toBe(0)
    expect(grofArtikel.length).toBeLessThanOrEqual(MAX_GROF_ARTIKEL)
  })
})

/**
 * Whole articles replaced although most of their text stayed: measured, may only go down. 17 since
 * tables are `tabel` nodes (issue 15): a changed cell makes its article "komt te luiden" (three more
 * articles of the Rechtspositiebesluit burgemeesters, whose salary tables change), where the table
 * used to be one paragraph of pipes with words replaced inside it.
 */
const MAX_GROF_ARTIKEL = 17
