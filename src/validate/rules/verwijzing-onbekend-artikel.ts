import type { PhrasingContent } from 'mdast'
import type { Point } from 'unist'
import { headingOf, numOf } from '../../model/access.js'
import type { Regeling } from '../../model/nodes.js'
import { dispatch, type Handlers } from '../../model/registry.js'
import { waarschuwing } from '../../util/messages.js'
import { articleHeadingNumber, findReferences, type Reference } from '../references.js'
import { plainText, pointIn, type Source, sourceOf, textOf } from '../text.js'
import { articleScopes, inToelichting, type Node, startOf, visit } from '../tree.js'
import type { Rule, RuleContext, WorkMatch, WorkReferences } from '../types.js'

const ID = 'verwijzing-onbekend-artikel'

/**
 * What a referenced article number turned out to be:
 * - `bestaat`: an article of this regulation;
 * - `ontbreekt`: meant for this regulation, but there is no such article (reported);
 * - `extern`: another regulation is named (`van de CAR`, `Gemeentewet`, `van die wet`);
 * - `geciteerd`: quoted text or a reading instruction (`voor «…» gelezen: artikel 122d`);
 * - `vroeger`: the text as it was (`zoals deze luidden op …`);
 * - `andere-nummering`: a style this regulation does not use (`10d:5` in a statuut numbered 1, 2, 3);
 * - `kop`: an unplaced article heading, not a reference;
 * - `ander-werk`: another work of the folder, which has the article on this text's date;
 * - `ander-werk-ontbreekt`: another work of the folder, which lacks it on that date (reported by
 *   `verwijzing-ander-werk`).
 *
 * An `extern` reference in a folder check may still name a work of the folder (`work`) that could
 * not be checked: `reden` says why (no version on that date, a deeltekst, quoted text).
 */
export type ReferenceStatus =
  | 'bestaat'
  | 'ontbreekt'
  | 'extern'
  | 'geciteerd'
  | 'vroeger'
  | 'andere-nummering'
  | 'kop'
  | 'ander-werk'
  | 'ander-werk-ontbreekt'

export interface ReferencedArticle {
  num: string
  status: ReferenceStatus
  place: Point | undefined
  /** The reference as written (`artikel 64f`, `de artikelen 131 en 241`). */
  text: string
  /** For a reference into another regulation: the regulation it names, as written (`Gemeentewet`), or `''`. */
  regulation?: string
  /**
   * How the regulation was found when the text does not name it (`de wet`, `die wet`): the name it
   * was read as (`Ambtenarenwet`) and from where (`de grondslag`, `de definitie in deze tekst`).
   */
  resolved?: { name: string; via: string }
  /** The work of the folder the reference points into (folder checks only). */
  work?: { id: string; titel: string }
  /** For `ander-werk` and `ander-werk-ontbreekt`: the version(s) of that work read. */
  versie?: string
  /** For `ander-werk-ontbreekt`: the closest article number that work does have. */
  suggestie?: string
  /** Why a reference into a work of the folder was not checked. */
  reden?: string
}

/**
 * A reference to an article of the same regulation that does not exist. References that name
 * another regulation are skipped, and so are numbers in a style the regulation does not use: in
 * a statuut numbered 1, 2, 3 a bare `artikel 10d:5` is a CAR-UWO article, not a typo.
 */
export const verwijzingOnbekendArtikel: Rule = {
  id: ID,
  description: 'Een verwijzing naar een artikel van deze regeling dat niet bestaat',
  run(ctx) {
    // A deeltekst holds only some articles: the others exist, just not in this file.
    if (ctx.tree.data.meta.deeltekst === 'true') return
    for (const ref of referencedArticles(ctx)) {
      if (ref.status !== 'ontbreekt') continue
      waarschuwing(
        ctx.file,
        `Verwijzing naar artikel \`${ref.num}\`, maar deze regeling heeft geen artikel \`${ref.num}\`; verbeter het nummer, of noem de regeling waarin het artikel staat (bijvoorbeeld \`artikel ${ref.num} van de Gemeentewet\`)`,
        ref.place,
        ID,
      )
    }
  },
}

/**
 * Every article number referred to in the text, with what it turned out to be. The aanhef is
 * left out: it cites the legal basis (`gelet op artikel 160 van de Gemeentewet`), by nature
 * another regulation, often without naming it again (`de Wet op de ondernemingsraden (WOR), met
 * name artikel 25`). A wijziging refers to the regulation it amends: on its own it has none; in a
 * folder check its bare references are read against that regulation (its `work`).
 *
 * The result is computed once per parsed text (the rules and `check --json` share it).
 */
export function referencedArticles(ctx: RuleContext): ReferencedArticle[] {
  const known = memo.get(ctx.tree)
  if (known && known.works === ctx.works && known.kind === ctx.kind) return known.out
  const out = computeReferences(ctx)
  memo.set(ctx.tree, { works: ctx.works, kind: ctx.kind, out })
  return out
}

const memo = new WeakMap<
  Regeling,
  { works: WorkReferences | undefined; kind: RuleContext['kind']; out: ReferencedArticle[] }
>()

function computeReferences(ctx: RuleContext): ReferencedArticle[] {
  const amendment = ctx.kind === 'wijziging'
  if (amendment && !ctx.works) return []
  const numbering = numberingOf(ctx.tree)
  if (!amendment && numbering.nums.size === 0) return []
  const meta = { ...(ctx.inherited ?? {}), ...ctx.frontMatter.data }
  const soort = typeof meta.soort === 'string' ? meta.soort.trim().toLowerCase() : ''
  const tc: TextContext = {
    numbering,
    source: sourceOf(ctx.frontMatter),
    ownNames: ownNamesOf(ctx),
    notAWet: soort !== '' && soort !== 'wet' && !amendment,
    letter: soort === 'ledenbrief',
    out: [],
    works: ctx.works,
    amendment,
    parent: amendment && ctx.works ? parentOf(meta, ctx.works) : undefined,
    grondslagen: listOf(meta.grondslagen).map(grondslagName),
    definitions: new Map(),
  }
  const texts: Array<{ node: Node; content: PhrasingContent[]; unplacedHeading: boolean; aanhef: boolean }> = []
  visit(ctx.tree, (node, ancestors) => {
    const aanhef = node.type === 'aanhef' || ancestors.some((a) => a.type === 'aanhef')
    // An amendment's aanhef is read for the regulations it names (a ledenbrief is all aanhef to
    // the parser: the letter itself); a regulation's aanhef only cites its legal basis.
    if (aanhef && !amendment) return
    const unplacedHeading = node.type === 'kop' && !inToelichting(ancestors)
    for (const content of textsOf(node)) texts.push({ node, content, unplacedHeading, aanhef })
  })
  // `wet: de Ambtenarenwet;` in the begripsbepalingen: what `de wet` means in this text. A first
  // pass, so that a definition also holds for the text above it; the plain texts are not kept
  // between the passes (on a 5 MB text they would hold some 40 MB for the whole check).
  for (const t of texts) {
    const d = DEFINITION.exec(plainText(t.content, tc.source).text)
    if (d && !tc.definitions.has(typeWord(d[1] as string))) tc.definitions.set(typeWord(d[1] as string), d[2] as string)
  }
  for (const t of texts) readText(plainText(t.content, tc.source), t.node, t.unplacedHeading, t.aanhef, tc)
  return tc.out
}

/** `wet: de Ambtenarenwet;`, `b. besluit: het Besluit X;` (the defined word, lower case, then a name). */
const DEFINITION =
  /^\s*(?:[a-z]{1,2}\.\s+)?(?:de\s+|het\s+)?(wet|besluit|regeling|verordening)\s*:\s*(?:de\s+|het\s+)?(\p{Lu}[^;\n]{2,120}?)\s*[;.]?\s*$/u

interface TextContext {
  numbering: Numbering
  source: Source
  ownNames: string[]
  notAWet: boolean
  out: ReferencedArticle[]
  works: WorkReferences | undefined
  /** A ledenbrief or wijzigingsbesluit (read only in a folder check). */
  amendment: boolean
  /** A ledenbrief: all its text is about the regulation it changes, its opening too. */
  letter: boolean
  /** For an amendment: the work it changes, when that work is in the folder. */
  parent: { id: string; titel: string; soort: string } | undefined
  /** The names of the regulations this one rests on (front-matter `grondslagen`). */
  grondslagen: string[]
  /** `wet` → `Ambtenarenwet`: the defined meaning of a bare `de wet` in this text. */
  definitions: Map<string, string>
}

function readText(
  plain: ReturnType<typeof plainText>,
  node: Node,
  unplacedHeading: boolean,
  aanhef: boolean,
  tc: TextContext,
): void {
  const refs = findReferences(plain.text, { ownNames: tc.ownNames, notAWet: tc.notAWet })
  if (refs.length === 0) return
  // The names of regulations in this paragraph, found once (for `die wet`), not once per reference.
  let names: Names | undefined
  const namesOf = (): Names => {
    names ??= namesIn(plain.text, tc.works)
    return names
  }
  for (const ref of refs) {
    // An unplaced `Artikel 5a` heading is a heading, not a reference (`kop-niet-geplaatst` reports it).
    const heading = unplacedHeading && ref.index === 0
    const target = heading ? undefined : targetOf(ref, namesOf, aanhef, tc)
    for (const { num, index } of ref.numbers) {
      const place = pointIn(plain, index, tc.source, startOf(node))
      if (heading) {
        tc.out.push({ num, status: 'kop', place, text: ref.text })
        continue
      }
      const found = classify(ref, num, target, tc)
      if (found) tc.out.push({ ...found, place, text: ref.text })
    }
  }
}

/** Where a reference points: this regulation, or another one (resolved to a work of the folder where possible). */
type Target =
  | { kind: 'eigen' }
  | {
      kind: 'andere'
      written: string
      resolved?: { name: string; via: string }
      match?: WorkMatch
    }
  /** A bare reference in an amendment whose regulation is not in the folder: not read. */
  | { kind: 'geen' }

/** Where regulations are named in a paragraph: any name (`Wet …`, `…wet`), and those of works of the folder. */
interface Names {
  any: number[]
  ours: Array<[number, number, string]>
}

function namesIn(text: string, works: WorkReferences | undefined): Names {
  const any: number[] = []
  const pattern = new RegExp(LAW_NAME)
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) any.push(m.index)
  return { any, ours: works ? works.workNamesIn(text) : [] }
}

function targetOf(ref: Reference, namesOf: () => Names, aanhef: boolean, tc: TextContext): Target {
  if (!ref.external) {
    if (!tc.amendment) return { kind: 'eigen' }
    // `gelet op … de Wet op de ondernemingsraden, met name artikel 25`: not the regulation changed.
    if (!tc.parent || !tc.works || (aanhef && !tc.letter)) return { kind: 'geen' }
    return {
      kind: 'andere',
      written: '',
      resolved: { name: tc.parent.titel, via: 'de regeling die deze tekst wijzigt' },
      match: { kind: 'werk', id: tc.parent.id, titel: tc.parent.titel },
    }
  }
  const written = ref.regulation ?? ''
  const resolved = resolveName(written, ref.index, namesOf, tc)
  const name = resolved?.name ?? written
  const target: Target = { kind: 'andere', written }
  if (resolved) target.resolved = resolved
  if (tc.works && name !== '') {
    const match = resolved?.workId
      ? ({ kind: 'werk', id: resolved.workId, titel: resolved.name } as const)
      : tc.works.findWork(name)
    // `van de Ambtenarenwet` in the Ambtenarenwet itself: its own articles.
    if (match.kind === 'werk' && match.id === tc.works.ownWork && !tc.amendment) return { kind: 'eigen' }
    target.match = match
  }
  return target
}

/** `de wet`, `het besluit`: the regulation this one rests on (or changes). */
const GENERIC = /^(?:de\s+|het\s+|deze\s+)?(wet|besluit|regeling|verordening)$/u
/** `die wet`, `diezelfde wet`, `dat boek`: the regulation named just before. */
const ANAPHORIC =
  /^(?:die|dat|diezelfde|datzelfde|dezelfde|hetzelfde)\s+(wet|wetboek|besluit|regeling|verordening|boek)$/u
/** A name of a regulation in running text (for `die wet`: is the nearest name before it one of ours?). */
const LAW_NAME =
  /(?<![\p{L}\d])(?:\p{Lu}[\p{L}-]*(?:wet|wetboek|besluit|regeling|reglement|verordening)|(?:Wet|Besluit|Regeling|Verordening|Boek|Kaderwet)\s)/gu

function resolveName(
  written: string,
  index: number,
  namesOf: () => Names,
  tc: TextContext,
): { name: string; via: string; workId?: string } | undefined {
  const generic = GENERIC.exec(written)
  if (generic) {
    const type = typeWord(generic[1] as string)
    const defined = tc.definitions.get(type)
    if (defined) return { name: defined, via: 'de begripsbepaling in deze tekst' }
    if (tc.parent && typeOfWork(tc.parent.titel, tc.parent.soort) === type) {
      return { name: tc.parent.titel, via: 'de regeling die deze tekst wijzigt', workId: tc.parent.id }
    }
    const grondslagen = tc.grondslagen.filter((g) => typeOfWork(g, '') === type)
    if (grondslagen.length === 1) return { name: grondslagen[0] as string, via: 'de grondslag' }
    return undefined
  }
  if (ANAPHORIC.test(written) && tc.works) {
    // The nearest name of a regulation before the reference, in the same paragraph; only when that
    // name is a work of the folder is the reference read as pointing into it.
    const names = namesOf()
    let lastAny = -1
    for (const start of names.any) if (start < index) lastAny = start
    let ours: [number, number, string] | undefined
    for (const hit of names.ours) if (hit[1] <= index) ours = hit
    if (ours && ours[0] >= lastAny) {
      const match = tc.works.findWork(ours[2])
      if (match.kind === 'werk')
        return { name: match.titel, via: 'de regeling die de zin ervoor noemt', workId: match.id }
    }
  }
  return undefined
}

function classify(
  ref: Reference,
  num: string,
  target: Target | undefined,
  tc: TextContext,
): Omit<ReferencedArticle, 'place' | 'text'> | undefined {
  if (!target || target.kind === 'geen') return undefined
  if (target.kind === 'eigen') return { num, status: statusOf(ref, num, tc.numbering) }
  const out: Omit<ReferencedArticle, 'place' | 'text'> = { num, status: 'extern', regulation: target.written }
  if (target.resolved) out.resolved = { name: target.resolved.name, via: target.resolved.via }
  const match = target.match
  if (!match || !tc.works) return out
  if (match.kind === 'meerdere') {
    out.reden = `de naam past bij meer dan één werk in de map (${match.ids.join(', ')})`
    return out
  }
  if (match.kind === 'geen') return out
  out.work = { id: match.id, titel: match.titel }
  // An amendment's own ARTIKEL I, II: its own numbers, not those of the regulation it changes.
  if (tc.amendment && !ref.external && styleOf(num) === 'roman') return undefined
  if (ref.quoted) {
    out.reden = 'aangehaalde tekst of leesinstructie'
    return out
  }
  if (ref.former) {
    out.reden = 'de tekst zoals die vroeger luidde'
    return out
  }
  const found = tc.works.lookup(match.id, num, tc.amendment)
  if (found.result === 'onbekend') {
    out.reden = found.reden
    return out
  }
  out.versie = found.versie
  if (found.result === 'bestaat') return { ...out, status: 'ander-werk' }
  // Not named but inferred (`de wet` as the grondslag, a ledenbrief's bare `artikel II`): a number in
  // another style says the inference, not the number, may be wrong. Not reported.
  if (found.andereNummering && target.resolved) {
    out.reden = `${match.titel} nummert zijn artikelen anders dan \`${num}\`; mogelijk is een andere regeling bedoeld`
    return out
  }
  if (found.suggestie !== undefined) out.suggestie = found.suggestie
  return { ...out, status: 'ander-werk-ontbreekt' }
}

/** `wet`, `besluit` or `regeling` (a verordening is a regeling here). */
function typeWord(word: string): string {
  return word === 'verordening' ? 'regeling' : word
}

/** What kind of regulation a name or `soort` is: `wet` (Ambtenarenwet), `besluit`, or else `regeling` (CAR-UWO). */
function typeOfWork(name: string, soort: string): string {
  const s = soort.toLowerCase()
  if (s === 'wet') return 'wet'
  if (/besluit|amvb/.test(s)) return 'besluit'
  if (s !== '') return 'regeling'
  if (/wet(?:boek)?(?:\s+\d{4})?(?:\s|$)|^wet\s/iu.test(name.trim())) return 'wet'
  if (/besluit/i.test(name)) return 'besluit'
  return 'regeling'
}

function listOf(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() ? [value.trim()] : []
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v.trim() !== '')
  return []
}

/** `artikel 160 van de Gemeentewet` or `Gemeentewet, artikel 160` as a grondslag: the Gemeentewet. */
function grondslagName(g: string): string {
  return g
    .trim()
    .replace(/^(?:de\s+)?(?:artikel(?:en)?|art\.)\s+.*?\s+van\s+(?:de|het)\s+/iu, '')
    .replace(/,\s*(?:artikel(?:en)?|art\.).*$/iu, '')
    .replace(/^(?:de|het)\s+/iu, '')
    .trim()
}

/** The work an amendment changes (`work: car-uwo`), when it is in the folder. */
function parentOf(
  meta: Record<string, unknown>,
  works: WorkReferences,
): { id: string; titel: string; soort: string } | undefined {
  const id = typeof meta.work === 'string' ? meta.work.trim() : ''
  if (!id) return undefined
  const match = works.findWork(id)
  if (match.kind !== 'werk') return undefined
  return { id: match.id, titel: match.titel, soort: match.soort ?? '' }
}

function statusOf(ref: Reference, num: string, numbering: Numbering): ReferenceStatus {
  if (ref.external) return 'extern'
  if (ref.quoted) return 'geciteerd'
  if (ref.former) return 'vroeger'
  if (!numbering.styles.has(styleOf(num))) return 'andere-nummering'
  return numbering.nums.has(num.toLowerCase()) ? 'bestaat' : 'ontbreekt'
}

/** A provision's heading, read where the provision stands (its `koptekst` has no place of its own). */
const heading = (node: Node): PhrasingContent[][] => {
  const h = headingOf(node)
  return h ? [h] : []
}
const none = (): PhrasingContent[][] => []

/**
 * The inline contents of a node that are running text or a heading where references are read:
 * not the title (it names the regulation), not kept blocks (tables, code), not numbers.
 */
const TEXTS: Handlers<PhrasingContent[][]> = {
  regeling: none,
  opschrift: none,
  aanhef: none,
  titel: heading,
  hoofdstuk: heading,
  afdeling: heading,
  paragraaf: heading,
  artikel: heading,
  lid: none,
  onderdeel: none,
  subonderdeel: none,
  alinea: (node) => [node.children],
  blok: none,
  tabel: none,
  tabelrij: none,
  // A reference in a table cell (`artikel 11` in an inpassingstabel) is read like running text.
  tabelcel: (node) => [node.children],
  kop: (node) => [node.children],
  ondertekening: none,
  toelichting: heading,
  artikeltoelichting: heading,
  bijlage: heading,
  nummer: none,
  // Read with its provision above, so that a reference in a heading is placed by that provision.
  koptekst: none,
}

function textsOf(node: Node): PhrasingContent[][] {
  return dispatch(TEXTS, node)
}

/** A regulation's article numbers (lower case, and as written) and the numbering styles they use. */
export interface Numbering {
  nums: Set<string>
  styles: Set<NumberStyle>
  original: string[]
}

export type NumberStyle = 'colon' | 'dot' | 'plain' | 'roman'

export function numberingOf(tree: Regeling): Numbering {
  const nums = new Set<string>()
  const styles = new Set<NumberStyle>()
  const original: string[] = []
  const add = (num: string) => {
    if (!nums.has(num.toLowerCase())) original.push(num)
    nums.add(num.toLowerCase())
    styles.add(styleOf(num))
  }
  for (const scope of articleScopes(tree)) for (const artikel of scope) add(numOf(artikel))
  // An article heading the parser could not place still means the article is there.
  visit(tree, (node, ancestors) => {
    if (node.type !== 'kop' || inToelichting(ancestors)) return
    const num = articleHeadingNumber(textOf(node.children))
    if (num !== undefined) add(num)
  })
  return { nums, styles, original }
}

export function styleOf(num: string): NumberStyle {
  if (num.includes(':')) return 'colon'
  if (/^\d/.test(num)) return num.includes('.') ? 'dot' : 'plain'
  return 'roman'
}

function ownNamesOf(ctx: RuleContext): string[] {
  const names: string[] = []
  const citeertitel = ctx.frontMatter.data.citeertitel
  if (typeof citeertitel === 'string') names.push(citeertitel.trim())
  for (const child of ctx.tree.children) {
    if (child.type === 'opschrift') names.push(textOf(child.children).trim())
  }
  return names.filter((n) => n !== '')
}

/**
 * An article of another regulation that the text refers to. On its own a file's references are
 * listed, not checked; in a folder check a reference into another work of the folder is checked
 * against that work on this text's date, and `work`, `versie` and `gevonden` say how that went.
 */
export interface ExternalReference {
  /** The article number as written (`64f`, `7:658a`). */
  num: string
  /** The reference as written (`artikel 64f`, `de artikelen 131 en 241`). */
  text: string
  /** The regulation as the text names it (`Gemeentewet`, `Boek 2 van het Burgerlijk Wetboek`, `de wet`), or `''`. */
  regulation: string
  place: Point | undefined
  /** What a name that is no name (`de wet`, `die wet`) was read as, and why. */
  resolved?: { name: string; via: string }
  /** The work of the folder it points into, if any. */
  work?: { id: string; titel: string }
  /** `true`: that work has the article on this text's date; `false`: it does not (a warning); absent: not checked. */
  gevonden?: boolean
  /** The version(s) of that work read. */
  versie?: string
  /** Why a reference into a work of the folder was not checked. */
  reden?: string
}

const EXTERNAL: ReadonlySet<ReferenceStatus> = new Set(['extern', 'ander-werk', 'ander-werk-ontbreekt'])

/** The references to articles of other regulations, in text order (what `check --json` lists). */
export function externalReferences(ctx: RuleContext): ExternalReference[] {
  return referencedArticles(ctx)
    .filter((r) => EXTERNAL.has(r.status))
    .map((r) => {
      const out: ExternalReference = { num: r.num, text: r.text, regulation: r.regulation ?? '', place: r.place }
      if (r.resolved) out.resolved = r.resolved
      if (r.work) out.work = r.work
      if (r.status !== 'extern') out.gevonden = r.status === 'ander-werk'
      if (r.versie) out.versie = r.versie
      if (r.reden) out.reden = r.reden
      return out
    })
}
