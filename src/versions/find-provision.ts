/**
 * Find a provision by what a user types: `10`, `1:2c`, `artikel 10`, `10.5`, `10 lid 5`,
 * `10, vijfde lid`, `1:1, onderdeel b`, `10, tweede lid, onderdeel a`, `3, onderdeel a, onder 2°`.
 * The one reader of such references: `show --artikel` and the letters' citations use it.
 */
import { artikelenOf, contentOf, leadLength, numOf } from '../model/access.js'
import { type CitationStep, citeSteps } from '../model/citation.js'
import { ordinal } from '../model/glossary.js'
import type { Artikel, Lid, Onderdeel, Regeling, RegelingNode, Subonderdeel } from '../model/nodes.js'

/** A provision below article level. */
export type Part = Lid | Onderdeel | Subonderdeel

export interface Found {
  artikel: Artikel
  /** The lid on the path, if any (`10, vijfde lid` and `10, vijfde lid, onderdeel a`). */
  lid?: Lid
  /** The parts from the article down to the provision asked for (empty for a whole article). */
  path: Part[]
  /** The provision asked for. */
  node: Artikel | Part
  /** Citation in words: `artikel 10, vijfde lid, onderdeel a`. */
  citaat: string
}

const ORDINAL_TO_NUMBER = new Map<string, string>()
for (let n = 1; n <= 99; n++) ORDINAL_TO_NUMBER.set(ordinal(String(n)), String(n))

export type StepType = 'lid' | 'onderdeel' | 'subonderdeel'

export interface ProvisionRef {
  artikel: string
  lid?: string
  /** Every step below the article, in order (the lid too). */
  steps?: Array<{ type: StepType; num: string }>
}

/** One step after the article: `vijfde lid`, `lid 5`, `onderdeel b`, `sub b`, `onder 1°`. */
const STEP =
  /^[\s,]*(?:(\p{L}+)\s+lid|lid\s+(\d+[a-z]?)|(?:onderdeel|sub|letter)\s+([a-z]{1,3}|\d+)[.)]?|(?:onder|subonderdeel)\s+(\d+°?|[a-z]{1,3}|[ivx]+)[.)]?)(?=$|[\s,])/iu

/** Read a user's reference; undefined when it is not one. */
export function parseProvisionRef(input: string): ProvisionRef | undefined {
  const s = input.trim().replace(/^art(?:ikel|\.)?\s*/i, '')
  const head = /^[^\s,]+/.exec(s)
  if (!head) return undefined
  const artikel = head[0]
  let rest = s.slice(artikel.length)
  const steps: Array<{ type: StepType; num: string }> = []
  while (rest.trim() !== '') {
    const m = STEP.exec(rest)
    if (!m) return undefined
    if (m[1] !== undefined) {
      const lid = ORDINAL_TO_NUMBER.get(m[1].toLowerCase())
      if (!lid) return undefined
      steps.push({ type: 'lid', num: lid })
    } else if (m[2] !== undefined) steps.push({ type: 'lid', num: m[2] })
    else if (m[3] !== undefined) steps.push({ type: 'onderdeel', num: m[3].toLowerCase() })
    else steps.push({ type: 'subonderdeel', num: (m[4] as string).toLowerCase() })
    rest = rest.slice(m[0].length)
  }
  if (steps.filter((st) => st.type === 'lid').length > 1) return undefined
  const ref: ProvisionRef = { artikel }
  const lid = steps.find((st) => st.type === 'lid')
  if (lid) ref.lid = lid.num
  if (steps.length > 0 && !(steps.length === 1 && lid)) ref.steps = steps
  return ref
}

/** Every article of a tree, in order (also inside divisions and bijlagen; not in the toelichting). */
export function allArtikelen(node: Regeling | RegelingNode): Artikel[] {
  return artikelenOf(node)
}

/** `b`, `b.`, `b)` and `B` are one onderdeel; `1°` and `1` one subonderdeel. */
function sameNum(written: string, asked: string): boolean {
  const norm = (x: string) => x.toLowerCase().replace(/[.)]$/, '').replace(/°$/, '')
  return norm(written) === norm(asked)
}

function child(parent: Artikel | Part, type: StepType, num: string): Part | undefined {
  const children = contentOf<Artikel | Lid | Onderdeel>(parent as Artikel | Lid | Onderdeel)
  const hit = children.find((c) => c.type === type && sameNum(numOf(c), num)) as Part | undefined
  if (hit) return hit
  // `1:1, onderdeel b` where the article has one lid (without number) holding the onderdelen.
  if (parent.type === 'artikel' && type !== 'lid') {
    const leden = children.filter((c): c is Lid => c.type === 'lid')
    if (leden.length === 1) return child(leden[0] as Lid, type, num)
  }
  return undefined
}

/** Find the provision; `10.5` is article `10.5` when that exists, else article 10, lid 5. */
export function findProvision(tree: Regeling, input: string): Found | undefined {
  const ref = parseProvisionRef(input)
  if (!ref) return undefined
  const artikelen = allArtikelen(tree)
  const byNum = (num: string) => artikelen.find((a) => numOf(a).toLowerCase() === num.toLowerCase())
  let artikel = byNum(ref.artikel)
  let steps = ref.steps ?? (ref.lid ? [{ type: 'lid' as const, num: ref.lid }] : [])
  if (!artikel && steps.every((st) => st.type !== 'lid')) {
    const dotted = /^(.+)\.(\d+[a-z]?)$/.exec(ref.artikel)
    if (dotted) {
      artikel = byNum(dotted[1] as string)
      steps = [{ type: 'lid', num: dotted[2] as string }, ...steps]
    }
  }
  if (!artikel) return undefined
  const path: Part[] = []
  let node: Artikel | Part = artikel
  for (const step of steps) {
    const next = child(node, step.type, step.num)
    if (!next) return undefined
    // The lid found through `child`'s one-lid shortcut is on the path too.
    if (node.type === 'artikel' && next.type !== 'lid') {
      const direct = contentOf<Artikel>(node).includes(next as Onderdeel)
      if (!direct) {
        const lid = contentOf<Artikel>(node).find((c): c is Lid => c.type === 'lid')
        if (lid) path.push(lid)
      }
    }
    path.push(next)
    node = next
  }
  const citation: CitationStep[] = [{ type: 'artikel', num: numOf(artikel) }]
  for (const part of path) {
    // A lid without number (the article's only one) adds nothing to the citation.
    if (part.type === 'lid' && numOf(part) === '') continue
    citation.push({ type: part.type, num: numOf(part).replace(/[.)]$/, '') })
  }
  const found: Found = { artikel, path, node, citaat: citeSteps(citation) }
  const lid = path.find((p): p is Lid => p.type === 'lid')
  if (lid) found.lid = lid
  return found
}

/** The number, heading and the running text before the first lid or onderdeel (`… verstaan onder:`). */
function intro(node: Artikel | Part): Artikel['children'] {
  const lead = leadLength(node)
  let end = lead
  while (end < node.children.length) {
    const type = (node.children[end] as { type: string }).type
    if (type !== 'alinea' && type !== 'blok' && type !== 'kop') break
    end++
  }
  // An article's own text before its leden is a different provision: keep only number and heading.
  return node.children.slice(0, node.type === 'artikel' ? lead : end) as Artikel['children']
}

/**
 * The article reduced to the provision found: the article's number and heading, each part on the
 * way down with its number and opening words (`De werkgever kan … op grond van:`), and the
 * provision asked for whole.
 */
export function excerpt(found: Found): Artikel {
  if (found.path.length === 0) return found.artikel
  let inner: Artikel | Part = found.node
  for (let i = found.path.length - 2; i >= 0; i--) {
    const parent = found.path[i] as Part
    inner = { ...parent, children: [...intro(parent), inner] } as Part
  }
  const a = found.artikel
  return { ...a, children: [...intro(a), inner as Lid | Onderdeel] }
}
