/**
 * Articles cited by letters, resolved at the letter's date: the work, the version that applies on
 * that date (`versionAt`), the provision in that version, and its text to quote. Works and parsed
 * versions are cached for a batch: a batch of 10,000 letters parses each version once.
 */

import { existsSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { PhrasingContent } from 'mdast'
import { toString as mdastToString } from 'mdast-util-to-string'
import { VFile } from 'vfile'
import { contentOf, numOf } from '../model/access.js'
import { type CitationStep, citeSteps } from '../model/citation.js'
import type { Artikel, Lid, Onderdeel, Regeling, Subonderdeel, Tekst } from '../model/nodes.js'
import { isItem } from '../model/registry.js'
import { parseRegeling } from '../parse/index.js'
import { formatDutchDate } from '../util/dates.js'
import { readInputFile } from '../util/limits.js'
import { hasErrors } from '../util/messages.js'
import { allArtikelen, parseProvisionRef } from '../versions/find-provision.js'
import { type VersionAtOptions, versionAt } from '../versions/version-at.js'
import { isWorkDir, loadWork, type Version, type Work } from '../versions/work.js'

export interface ProvisionRefFull {
  artikel: string
  lid?: string
  onderdeel?: string
}

/** `10, vijfde lid`, `10.5`, `11, onderdeel c`, `21, vierde lid, onderdeel a`, `artikel 10`. */
export function parseCitation(input: string): ProvisionRefFull | undefined {
  const m = /^(.*?),?\s+onderdeel\s+([a-z]{1,2}|\d+°?)\s*$/i.exec(input.trim())
  const head = m ? (m[1] as string) : input
  const ref = parseProvisionRef(head)
  if (!ref) return undefined
  let { artikel, lid } = ref
  if (!lid) {
    const dotted = /^(.+)\.(\d+[a-z]?)$/.exec(artikel)
    if (dotted) {
      artikel = dotted[1] as string
      lid = dotted[2]
    }
  }
  const out: ProvisionRefFull = { artikel }
  if (lid) out.lid = lid
  if (m) out.onderdeel = (m[2] as string).toLowerCase()
  return out
}

/** The citation words (Ar 3.29): `artikel 10, vijfde lid, onderdeel b`. */
export function citationWords(ref: ProvisionRefFull): string {
  const steps: CitationStep[] = [{ type: 'artikel', num: ref.artikel }]
  if (ref.lid) steps.push({ type: 'lid', num: ref.lid })
  if (ref.onderdeel) steps.push({ type: 'onderdeel', num: ref.onderdeel })
  return citeSteps(steps)
}

export interface FoundProvision {
  node: Artikel | Lid | Onderdeel
  artikel: Artikel
  /** `artikel 10, vijfde lid` */
  citaat: string
}

/** Find a provision in one version's tree. */
export function findCitation(tree: Regeling, ref: ProvisionRefFull): FoundProvision | undefined {
  const artikel = allArtikelen(tree).find((a) => numOf(a).toLowerCase() === ref.artikel.toLowerCase())
  if (!artikel) return undefined
  let node: Artikel | Lid | Onderdeel = artikel
  if (ref.lid) {
    const lid = contentOf(artikel).find((c): c is Lid => c.type === 'lid' && numOf(c) === ref.lid)
    if (!lid) return undefined
    node = lid
  }
  if (ref.onderdeel) {
    const ond = contentOf<Artikel | Lid>(node).find(
      (c): c is Onderdeel => c.type === 'onderdeel' && numOf(c).toLowerCase() === ref.onderdeel,
    )
    if (!ond) return undefined
    node = ond
  }
  return { node, artikel, citaat: citationWords(ref) }
}

/** The text of a provision as paragraphs a letter quotes (onderdelen start with their letter). */
export function quoteParagraphs(node: Artikel | Lid | Onderdeel): string[] {
  const out: string[] = []
  const text = (children: PhrasingContent[]) =>
    mdastToString({ type: 'paragraph', children }).replace(/\s+/g, ' ').trim()
  // Hand-written: a first child inherits its parent's number prefix, state a visitor does not carry.
  const walk = (n: Artikel | Lid | Onderdeel | Subonderdeel | Tekst, prefix: string) => {
    if (n.type === 'alinea' || n.type === 'kop') {
      const t = text(n.children)
      if (t) out.push(prefix + t)
      return
    }
    if (n.type === 'blok') return
    if (n.type === 'tabel') {
      // A table is quoted row by row, its cells separated as written.
      for (const row of n.children) {
        const t = row.children.map((cell) => text(cell.children)).join(' | ')
        if (t) out.push(prefix + t)
        prefix = ''
      }
      return
    }
    let first = true
    for (const c of contentOf<Artikel | Lid | Onderdeel | Subonderdeel>(n)) {
      const own = isItem(c) ? `${numOf(c)}. ` : ''
      walk(c, first && prefix ? prefix : own)
      first = false
    }
  }
  const own = node.type === 'artikel' ? '' : `${numOf(node)}. `
  walk(node, own)
  return out
}

export interface CitationAt {
  work: Work
  version: Version
  /** `artikel 10, vijfde lid` */
  citaat: string
  /** `Sociaal Statuut Samenwerking CGM 2012` */
  citeertitel: string
  paragraphs: string[]
}

/** Loads works and version trees once, answers "what does this provision say on D". */
export class RegulationStore {
  private works = new Map<string, Work>()
  private trees = new Map<string, Regeling | undefined>()
  /** Answers of `at` per work, date and provision: a batch asks the same few questions per letter. */
  private answers = new Map<string, ReturnType<RegulationStore['at']>>()

  /**
   * @param roots folders a work id is looked up in (in order), e.g. the project's `regulations/`
   *   and the folder of the template.
   */
  constructor(private readonly roots: readonly string[]) {}

  /** The folder of a work given as an id (`sociaal-statuut-cgm`) or a path relative to a root. */
  locate(ref: string, base?: string): string | undefined {
    const candidates = [...(base ? [resolve(base, ref)] : []), ...this.roots.map((r) => resolve(r, ref))]
    return candidates.find((c) => existsSync(c) && statSync(c).isDirectory() && isWorkDir(c))
  }

  work(dir: string): Work {
    let w = this.works.get(dir)
    if (!w) {
      w = loadWork(dir)
      this.works.set(dir, w)
    }
    return w
  }

  tree(version: Version): Regeling | undefined {
    if (this.trees.has(version.path)) return this.trees.get(version.path)
    const read = readInputFile(version.path, 'tekst')
    if ('problem' in read) {
      this.trees.set(version.path, undefined)
      return undefined
    }
    const file = new VFile({ path: version.path, value: read.bytes })
    const result = parseRegeling(file)
    const tree = hasErrors(file) || result.text === undefined ? undefined : result.tree
    this.trees.set(version.path, tree)
    return tree
  }

  /** The provision `ref` of the work in `dir` as it applies on `date`, or the reason why not. */
  at(
    dir: string,
    date: string,
    input: string,
    options: VersionAtOptions = {},
  ): { ok: true; value: CitationAt } | { ok: false; reden: string } {
    const key = `${dir}\u0000${date}\u0000${input}\u0000${options.mode ?? ''}\u0000${options.knownOn ?? ''}`
    const known = this.answers.get(key)
    if (known) return known
    const answer = this.resolve(dir, date, input, options)
    // Bounded: a data file with a different date on every row must not fill memory.
    if (this.answers.size >= 10_000) this.answers.clear()
    this.answers.set(key, answer)
    return answer
  }

  private resolve(
    dir: string,
    date: string,
    input: string,
    options: VersionAtOptions,
  ): { ok: true; value: CitationAt } | { ok: false; reden: string } {
    const ref = parseCitation(input)
    if (!ref)
      return {
        ok: false,
        reden: `\`${input}\` is geen bepaling; schrijf bijvoorbeeld \`"10, vijfde lid"\` of \`"11, onderdeel c"\``,
      }
    const work = this.work(dir)
    const titel = work.citeertitel ?? work.id
    const found = versionAt(work, date, options)
    if (!found.ok) return { ok: false, reden: found.reden }
    const tree = this.tree(found.version)
    if (!tree)
      return {
        ok: false,
        reden: `versie ${found.version.name} van ${titel} bevat fouten; controleer met \`regelwerk check ${found.version.path}\``,
      }
    const provision = findCitation(tree, ref)
    if (!provision) {
      return {
        ok: false,
        reden: `${citationWords(ref)} bestaat niet in ${titel} zoals geldend op ${formatDutchDate(date)} (versie ${found.version.name})`,
      }
    }
    return {
      ok: true,
      value: {
        work,
        version: found.version,
        citaat: provision.citaat,
        citeertitel: titel,
        paragraphs: quoteParagraphs(provision.node),
      },
    }
  }

  /** Version names of the work in which `input` does not exist (for `check` without a date). */
  missingIn(dir: string, input: string): { ref: ProvisionRefFull | undefined; missing: string[]; total: number } {
    const ref = parseCitation(input)
    const work = this.work(dir)
    if (!ref) return { ref, missing: [], total: work.versions.length }
    const missing = work.versions
      .filter((v) => !v.intrekking)
      .filter((v) => {
        const tree = this.tree(v)
        return !tree || !findCitation(tree, ref)
      })
      .map((v) => v.name)
    return { ref, missing, total: work.versions.filter((v) => !v.intrekking).length }
  }
}

/** The project's `regulations/` folder seen from a template file (`templates/x.md` → `regulations/`). */
export function defaultRoots(templatePath: string): string[] {
  const roots = [
    resolve('regulations'),
    resolve(dirname(templatePath), '..', 'regulations'),
    resolve(dirname(templatePath)),
  ]
  return [...new Set(roots)].filter((r) => existsSync(r))
}
