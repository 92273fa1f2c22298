import type { PhrasingContent } from 'mdast'
import type { Point } from 'unist'
import { headingOf, numOf } from '../../model/access.js'
import type { Regeling } from '../../model/nodes.js'
import { dispatch, type Handlers } from '../../model/registry.js'
import { waarschuwing } from '../../util/messages.js'
import { articleHeadingNumber, findReferences, type Reference } from '../references.js'
import { plainText, pointIn, type Source, sourceOf, textOf } from '../text.js'
import { articleScopes, inToelichting, type Node, startOf, visit } from '../tree.js'
import type { Rule, RuleContext } from '../types.js'

const ID = 'verwijzing-onbekend-artikel'

/**
 * What a referenced article number turned out to be:
 * - `bestaat`: an article of this regulation;
 * - `ontbreekt`: meant for this regulation, but there is no such article (reported);
 * - `extern`: another regulation is named (`van de CAR`, `Gemeentewet`, `van die wet`);
 * - `geciteerd`: quoted text or a reading instruction (`voor «…» gelezen: artikel 122d`);
 * - `vroeger`: the text as it was (`zoals deze luidden op …`);
 * - `andere-nummering`: a style this regulation does not use (`10d:5` in a statuut numbered 1, 2, 3);
 * - `kop`: an unplaced article heading, not a reference.
 */
export type ReferenceStatus = 'bestaat' | 'ontbreekt' | 'extern' | 'geciteerd' | 'vroeger' | 'andere-nummering' | 'kop'

export interface ReferencedArticle {
  num: string
  status: ReferenceStatus
  place: Point | undefined
  /** The reference as written (`artikel 64f`, `de artikelen 131 en 241`). */
  text: string
  /** For an `extern` reference: the regulation it names, as written (`Gemeentewet`), or `''`. */
  regulation?: string
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
 * name artikel 25`). A wijziging refers to the regulation it amends, so it has none.
 */
export function referencedArticles(ctx: RuleContext): ReferencedArticle[] {
  if (ctx.kind === 'wijziging') return []
  const numbering = numberingOf(ctx.tree)
  if (numbering.nums.size === 0) return []
  const tc: TextContext = { numbering, source: sourceOf(ctx.frontMatter), ownNames: ownNamesOf(ctx), out: [] }
  visit(ctx.tree, (node, ancestors) => {
    if (node.type === 'aanhef' || ancestors.some((a) => a.type === 'aanhef')) return
    const unplacedHeading = node.type === 'kop' && !inToelichting(ancestors)
    for (const content of textsOf(node)) readText(content, node, unplacedHeading, tc)
  })
  return tc.out
}

interface TextContext {
  numbering: Numbering
  source: Source
  ownNames: string[]
  out: ReferencedArticle[]
}

function readText(content: PhrasingContent[], node: Node, unplacedHeading: boolean, tc: TextContext): void {
  const plain = plainText(content, tc.source)
  for (const ref of findReferences(plain.text, { ownNames: tc.ownNames })) {
    // An unplaced `Artikel 5a` heading is a heading, not a reference (`kop-niet-geplaatst` reports it).
    const heading = unplacedHeading && ref.index === 0
    for (const { num, index } of ref.numbers) {
      const status = heading ? 'kop' : statusOf(ref, num, tc.numbering)
      const found: ReferencedArticle = {
        num,
        status,
        place: pointIn(plain, index, tc.source, startOf(node)),
        text: ref.text,
      }
      if (status === 'extern') found.regulation = ref.regulation ?? ''
      tc.out.push(found)
    }
  }
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

/** The regulation's own article numbers and the numbering styles they use. */
interface Numbering {
  nums: Set<string>
  styles: Set<NumberStyle>
}

type NumberStyle = 'colon' | 'dot' | 'plain' | 'roman'

function numberingOf(tree: Regeling): Numbering {
  const nums = new Set<string>()
  const styles = new Set<NumberStyle>()
  const add = (num: string) => {
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
  return { nums, styles }
}

function styleOf(num: string): NumberStyle {
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

/** An article of another regulation that the text refers to: listed, not checked. */
export interface ExternalReference {
  /** The article number as written (`64f`, `7:658a`). */
  num: string
  /** The reference as written (`artikel 64f`, `de artikelen 131 en 241`). */
  text: string
  /** The regulation as the text names it (`Gemeentewet`, `Boek 2 van het Burgerlijk Wetboek`), or `''`. */
  regulation: string
  place: Point | undefined
}

/** The references to articles of other regulations, in text order (what `check --json` lists). */
export function externalReferences(ctx: RuleContext): ExternalReference[] {
  return referencedArticles(ctx)
    .filter((r) => r.status === 'extern')
    .map((r) => ({ num: r.num, text: r.text, regulation: r.regulation ?? '', place: r.place }))
}
