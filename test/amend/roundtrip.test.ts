import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Regeling } from '../../src/model/nodes.js'
import { formatRegeling } from '../../src/render/markdown.js'
import { CORPUS, parsePath, ROOT, signature } from '../helpers.js'
import { roundTrip } from './helpers.js'

/** Every folder of dated versions: bundled works and corpus series. */
function seriesDirs(): string[] {
  const dirs: string[] = []
  for (const base of [join(ROOT, 'regulations'), join(CORPUS, 'bwb'), join(CORPUS, 'bwb-legalize')]) {
    for (const name of readdirSync(base).sort()) {
      const dir = join(base, name)
      if (statSync(dir).isDirectory() && readdirSync(dir).some((n) => /^\d{4}-\d{2}-\d{2}\.md$/.test(n))) dirs.push(dir)
    }
  }
  return dirs
}

function pairs(): Array<[string, string]> {
  const out: Array<[string, string]> = []
  for (const dir of seriesDirs()) {
    const files = readdirSync(dir)
      .filter((n) => /^\d{4}-\d{2}-\d{2}\.md$/.test(n))
      .sort()
      .map((n) => join(dir, n))
    for (let i = 0; i + 1 < files.length; i++) out.push([files[i] as string, files[i + 1] as string])
  }
  return out
}

const body = (tree: Regeling) => formatRegeling({ ...tree, meta: {} })

describe('round trip apply(a, amend(a, b)) = b on every consecutive version pair', () => {
  const all = pairs()
  const counts = { fijn: 0, artikel: 0, regeling: 0 }
  it('covers the pairs', () => {
    console.log(`${all.length} versieparen in regulations/ en ../shared/corpus/`)
    expect(all.length).toBeGreaterThanOrEqual(60)
  })
  for (const [a, b] of all) {
    it(`${a.split('/').slice(-2).join('/')} → ${b.split('/').pop()}`, () => {
      const oud = parsePath(a).result.tree
      const nieuw = parsePath(b).result.tree
      const { model, file, read, result } = roundTrip(oud, nieuw)
      expect(file.messages.map(String)).toEqual([])
      expect(read.opdrachten.length).toBe(model.artikelI.items.reduce((n, i) => n + i.opdrachten.length, 0))
      expect(result).toBeDefined()
      const tree = result?.tree as Regeling
      expect(signature(tree)).toEqual(signature(nieuw))
      expect(body(tree)).toBe(body(nieuw))
      if (typeof nieuw.meta.inwerkingtreding === 'string')
        expect(tree.meta.inwerkingtreding).toBe(nieuw.meta.inwerkingtreding)
      counts[model.grofheid]++
    })
  }
  it('reports how fine the instructions were', () => {
    console.log(
      `grofheid: ${counts.fijn} paren fijn, ${counts.artikel} met een bepaling geheel vervangen, ${counts.regeling} geheel vervangen`,
    )
    expect(counts.fijn + counts.artikel + counts.regeling).toBe(all.length)
  })
})
