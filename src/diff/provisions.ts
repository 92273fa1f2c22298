/**
 * The changed provisions of a diff and the one counting rule every format uses ("N bepalingen
 * gewijzigd, M ingevoegd, K vervallen"): text, json, html and the Word renvooi and was-wordt table
 * all count `changedProvisions`, so they never disagree.
 *
 * A provision counts once: an inserted or deleted provision (its leden and onderdelen are part of
 * it) as `ingevoegd` or `vervallen`; a moved article, and a provision that was renumbered or whose
 * heading or own text changed, as `gewijzigd`. Front-matter changes are no provisions; they are
 * counted apart (`gegevens`). Redactional differences are no change at all (see `redactioneel.ts`).
 */

import { visit } from 'unist-util-visit'
import { SKIP, visitParents } from 'unist-util-visit-parents'
import { numOf } from '../model/access.js'
import type { DiffNode, DiffResult, WordOp } from '../model/changes.js'
import { stepWords } from '../model/citation.js'
import { ID_PREFIX, ordinal } from '../model/glossary.js'
import { isNumbered, isTekst as isTekstType } from '../model/registry.js'
import { citation, citationStep } from './index.js'

/** Whether `node` is running text (alinea, kop, blok) rather than a provision. */
export function isTekst(node: DiffNode): boolean {
  return isTekstType(node)
}

/** Whether a run of word operations contains any insertion or deletion. */
export function hasChanges(ops: readonly WordOp[] | undefined): boolean {
  return ops?.some((op) => op.op !== 'gelijk') ?? false
}

// ---- the changed provisions ---------------------------------------------------------------------

/** One provision that a reader has to look at, with everything needed to describe it. */
export interface ProvisionChange {
  node: DiffNode
  /** The ancestors, from the root (`regeling`) to the parent. */
  ancestors: DiffNode[]
  /**
   * `toegevoegd`/`verwijderd`: the whole provision; `verplaatst`: an article now under another
   * parent (`node` at its new place, `oudeNode` the deleted copy at the old place, when found);
   * `gewijzigd`: renumbered, or its heading or own text changed (see the flags).
   */
  soort: 'toegevoegd' | 'verwijderd' | 'verplaatst' | 'gewijzigd'
  /** In words, with the new numbers (the old ones for a deleted provision). */
  citation: string
  /** The old number in words (`tweede lid`) when the provision was renumbered. */
  was?: string
  /** Where a moved provision stood and now stands, in words. */
  verplaatst?: { van: string; naar: string }
  /** The moved provision at its old place. */
  oudeNode?: DiffNode
  headingChanged: boolean
  textChanged: boolean
  geheelVervangen: boolean
}

/**
 * The provisions that changed, in document order: every added or deleted provision (its
 * descendants are part of it), every moved article, and every other provision that was
 * renumbered or whose heading or own text (its paragraphs, not those of its leden or onderdelen)
 * changed.
 *
 * The differ reports a moved article as added at its new place (with `verplaatstVan`) and deleted
 * at its old place; the two halves become one entry, at the new place.
 */
export function changedProvisions(tree: DiffNode): ProvisionChange[] {
  const moves = findMoves(tree)
  const otherHalves = new Set(moves.values())
  const out: ProvisionChange[] = []
  visitParents(tree, (node, ancestors) => {
    if (isTekst(node) || otherHalves.has(node)) return SKIP
    const path = [...ancestors, node]
    const isRoot = ancestors.length === 0
    const base = { node, ancestors, citation: citeer(path), headingChanged: false, textChanged: false }
    if (!isRoot && node.verplaatstVan !== undefined) {
      const entry: ProvisionChange = {
        ...base,
        soort: 'verplaatst',
        geheelVervangen: false,
        verplaatst: {
          van: placeInWords(node.verplaatstVan),
          naar: ancestors.length > 1 ? citeer(ancestors) : placeInWords('regeling'),
        },
      }
      const oude = moves.get(node)
      if (oude !== undefined) entry.oudeNode = oude
      out.push(entry)
      return SKIP
    }
    if (!isRoot && (node.status === 'toegevoegd' || node.status === 'verwijderd')) {
      out.push({ ...base, soort: node.status, geheelVervangen: false })
      return SKIP
    }
    const oud = numberOf(node, 'oud')
    const nieuw = numberOf(node, 'nieuw')
    const renumbered = !isRoot && oud !== undefined && nieuw !== undefined && oud !== nieuw
    const headingChanged = hasChanges(ownHeading(node))
    const teksten = node.children.filter(isTekst)
    const textChanged = teksten.some(tekstChanged)
    if (renumbered || headingChanged || textChanged) {
      const entry: ProvisionChange = {
        ...base,
        soort: 'gewijzigd',
        headingChanged,
        textChanged,
        geheelVervangen: node.geheelVervangen === true || teksten.some((t) => t.geheelVervangen === true),
      }
      if (renumbered) entry.was = stepWords(citationStep(node, ancestors.at(-1), oud)) ?? oud
      out.push(entry)
    }
    return undefined
  })
  return out
}

/** Moved articles (added with `verplaatstVan`) and the deleted copy at their old place. */
export function findMoves(tree: DiffNode): Map<DiffNode, DiffNode | undefined> {
  const moved = new Map<string, DiffNode>()
  const deleted = new Map<string, DiffNode>()
  visit(tree, (node) => {
    if (node.type !== 'artikel') return
    const key = (numberOf(node) ?? '').toLowerCase()
    if (node.status === 'toegevoegd' && node.verplaatstVan !== undefined) moved.set(key, node)
    else if (node.status === 'verwijderd' && !deleted.has(key)) deleted.set(key, node)
  })
  const out = new Map<DiffNode, DiffNode | undefined>()
  for (const [key, node] of moved) out.set(node, deleted.get(key))
  return out
}

/** The words of a provision's heading line (the opschrift of the regulation carries them as text). */
export function ownHeading(node: DiffNode): WordOp[] | undefined {
  return node.type === 'opschrift' ? (node.text ?? node.heading) : node.heading
}

/** Whether a text node (alinea, kop, blok) differs between the versions. */
export function tekstChanged(node: DiffNode): boolean {
  return node.status !== 'gelijk' || hasChanges(node.text) || hasChanges(node.heading)
}

// ---- citations ----------------------------------------------------------------------------------

/**
 * The citation in words of the last node of `path` (root first): `artikel 10, vijfde lid,
 * onderdeel b, onder 1°`. Articles are cited without their hoofdstuk (their numbers are unique in
 * the regulation); divisions with the divisions above them (`hoofdstuk 3, afdeling 2`).
 */
export function citeer(path: readonly DiffNode[]): string {
  return citation(path)
}

/** The number of a node in one version, or in the version it is part of when `side` is not given. */
export function numberOf(node: DiffNode, side?: 'oud' | 'nieuw'): string | undefined {
  const oud = node.oudNum ?? numField(node.oud)
  const nieuw = node.nieuwNum ?? numField(node.nieuw)
  if (side === 'oud') return oud
  if (side === 'nieuw') return nieuw
  return node.status === 'verwijderd' ? (oud ?? nieuw) : (nieuw ?? oud)
}

function numField(node: DiffNode['oud']): string | undefined {
  return node !== undefined && isNumbered(node) ? numOf(node) : undefined
}

const TYPE_BY_PREFIX: ReadonlyMap<string, string> = new Map(Object.entries(ID_PREFIX).map(([type, p]) => [p, type]))

/**
 * A place as the differ wrote it (an id such as `hfd_3__afd_2`, or already words) in words:
 * `hoofdstuk 3, afdeling 2`.
 */
export function placeInWords(place: string): string {
  // The differ names the root `regeling`: an article that stood outside any division.
  if (place === '' || place === 'regeling') return 'buiten de hoofdstukken'
  const parts = place.split('__').map((s) => /^([a-z]+)(?:_(.+))?$/.exec(s))
  if (parts.some((m) => m === null || !TYPE_BY_PREFIX.has(m[1] as string))) return place
  return parts
    .map((m) => {
      const type = TYPE_BY_PREFIX.get(m?.[1] as string) as string
      const raw = m?.[2]
      const num = raw === undefined || /^o\d+$/.test(raw) ? undefined : raw
      if (type === 'lid' && num !== undefined && /^\d+$/.test(num)) return `${ordinal(num)} lid`
      if (type === 'subonderdeel') return num === undefined ? 'gedachtestreepje' : `onder ${num}°`
      return num === undefined ? type : `${type} ${num}`
    })
    .join(', ')
}

// ---- the counting rule ---------------------------------------------------------------------------

/** How many provisions changed, were inserted and lapsed; and how many front-matter fields changed. */
export interface ProvisionCounts {
  gewijzigd: number
  ingevoegd: number
  vervallen: number
  /** Changed front-matter fields (no provisions). */
  gegevens: number
}

/** Count the changed provisions of a diff by the one rule (see the module comment). */
export function countProvisions(result: DiffResult, entries = changedProvisions(result.tree)): ProvisionCounts {
  const counts: ProvisionCounts = { gewijzigd: 0, ingevoegd: 0, vervallen: 0, gegevens: 0 }
  for (const e of entries) {
    if (e.soort === 'toegevoegd') counts.ingevoegd++
    else if (e.soort === 'verwijderd') counts.vervallen++
    else counts.gewijzigd++
  }
  counts.gegevens = result.changes.filter((c) => c.type === 'metadata').length
  return counts
}

function bepalingen(n: number): string {
  return n === 1 ? 'bepaling' : 'bepalingen'
}

/**
 * The counts in words, the same sentence in every format: `3 bepalingen gewijzigd, 1 ingevoegd,
 * 0 vervallen` (the three numbers always, so that formats compare at a glance), with `; 2 gegevens
 * gewijzigd` when front-matter changed, and `Geen verschillen` when nothing did.
 */
export function describeCounts(counts: ProvisionCounts): string {
  const { gewijzigd, ingevoegd, vervallen, gegevens } = counts
  if (gewijzigd + ingevoegd + vervallen + gegevens === 0) return 'Geen verschillen'
  let out = `${gewijzigd} ${bepalingen(gewijzigd)} gewijzigd, ${ingevoegd} ingevoegd, ${vervallen} vervallen`
  if (gegevens > 0) out += `; ${gegevens} ${gegevens === 1 ? 'gegeven' : 'gegevens'} gewijzigd`
  return out
}
