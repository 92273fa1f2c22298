/**
 * Find an article or lid by what a user types: `10`, `1:2c`, `artikel 10`, `10.5`,
 * `10 lid 5`, `10, vijfde lid`.
 */
import { artikelenOf, contentOf, numOf } from '../model/access.js'
import { citeSteps } from '../model/citation.js'
import { ordinal } from '../model/glossary.js'
import type { Artikel, Lid, Regeling, RegelingNode } from '../model/nodes.js'

export interface Found {
  artikel: Artikel
  lid?: Lid
  /** Citation in words: `artikel 10, vijfde lid`. */
  citaat: string
}

const ORDINAL_TO_NUMBER = new Map<string, string>()
for (let n = 1; n <= 99; n++) ORDINAL_TO_NUMBER.set(ordinal(String(n)), String(n))

export interface ProvisionRef {
  artikel: string
  lid?: string
}

/** Read a user's reference; undefined when it is not one. */
export function parseProvisionRef(input: string): ProvisionRef | undefined {
  const s = input.trim().replace(/^art(?:ikel|\.)?\s*/i, '')
  let m = /^(\S+?),?\s+(\p{L}+)\s+lid$/iu.exec(s)
  if (m) {
    const lid = ORDINAL_TO_NUMBER.get((m[2] as string).toLowerCase())
    return lid ? { artikel: m[1] as string, lid } : undefined
  }
  m = /^(\S+?),?\s+lid\s+(\d+[a-z]?)$/iu.exec(s)
  if (m) return { artikel: m[1] as string, lid: m[2] as string }
  if (/^\S+$/.test(s) && s !== '') return { artikel: s }
  return undefined
}

/** Every article of a tree, in order (also inside divisions and bijlagen; not in the toelichting). */
export function allArtikelen(node: Regeling | RegelingNode): Artikel[] {
  return artikelenOf(node)
}

/** Find the provision; `10.5` is article `10.5` when that exists, else article 10, lid 5. */
export function findProvision(tree: Regeling, input: string): Found | undefined {
  const ref = parseProvisionRef(input)
  if (!ref) return undefined
  const artikelen = allArtikelen(tree)
  const byNum = (num: string) => artikelen.find((a) => numOf(a).toLowerCase() === num.toLowerCase())
  let artikel = byNum(ref.artikel)
  let lidNum = ref.lid
  if (!artikel && !lidNum) {
    const dotted = /^(.+)\.(\d+[a-z]?)$/.exec(ref.artikel)
    if (dotted) {
      artikel = byNum(dotted[1] as string)
      lidNum = dotted[2]
    }
  }
  if (!artikel) return undefined
  if (!lidNum) return { artikel, citaat: citeSteps([{ type: 'artikel', num: numOf(artikel) }]) }
  const lid = contentOf(artikel).find((c): c is Lid => c.type === 'lid' && numOf(c) === lidNum)
  if (!lid) return undefined
  return {
    artikel,
    lid,
    citaat: citeSteps([
      { type: 'artikel', num: numOf(artikel) },
      { type: 'lid', num: numOf(lid) },
    ]),
  }
}
