/**
 * import: foreign text → canonical Markdown with front-matter. Detects the source format:
 * CVDR HTML, law-in-git Markdown (laws-markdown `bwb/` or legalize-nl with YAML front-matter),
 * our own dialect, or plain text as copied from an overheid.nl / CVDR page.
 */

import type { PhrasingContent } from 'mdast'
import { toString as mdastToString } from 'mdast-util-to-string'
import { SKIP, visit } from 'unist-util-visit'
import { VFile } from 'vfile'
import { Document } from 'yaml'
import { formatRegeling } from '../format/markdown.js'
import { META_ORDER } from '../model/meta.js'
import type { Regeling, RegelingContent } from '../model/nodes.js'
import { parseText } from '../parse/index.js'
import { dutchWordsToIso } from '../util/dates.js'
import { fout, info, waarschuwing } from '../util/messages.js'
import { importCvdrHtml } from './cvdr-html.js'
import { importPlainText, linkDestination } from './plain-text.js'

export type SourceFormat = 'cvdr-html' | 'laws-markdown' | 'legalize-nl' | 'regelwerk' | 'tekst'

/** Guess the format of `text` (decoded) read from `path`. */
export function detectFormat(text: string, path: string): SourceFormat {
  const head = text.slice(0, 4000)
  if (/\.x?html?$/i.test(path) || /^\s*(<!doctype html|<html|<\?xml)/i.test(head)) return 'cvdr-html'
  if (/^<meta http-equiv/i.test(head) || (/^#{3}\s*Artikel\s+\S/m.test(head) && /^##[^#]/m.test(head))) {
    return 'laws-markdown'
  }
  if (/^---\n[\s\S]*?\nidentifier:\s*"?BWBR/m.test(head)) return 'legalize-nl'
  if (/^---\n/.test(head) || /^#{1,6} /m.test(head)) return 'regelwerk'
  return 'tekst'
}

export interface ImportOutput {
  format: SourceFormat
  markdown: string
  tree: Regeling
}

/**
 * Import `text` (already decoded) from `path`; problems are messages on `file`. The tree is built
 * once and formatted once: formatting is canonical (`fmt(parse(fmt(x))) === fmt(x)`, checked on
 * every corpus file in `test/cli.test.ts`), so the output needs no second parse.
 */
export function importText(text: string, path: string, file: VFile): ImportOutput {
  const format = detectFormat(text, path)
  let tree: Regeling
  if (format === 'tekst' || format === 'cvdr-html') {
    const result = format === 'tekst' ? importPlainText(text) : importCvdrHtml(text)
    for (const w of result.warnings)
      (w.fatal ? fout : w.info ? info : waarschuwing)(file, w.message, { line: w.line, column: w.column }, w.ruleId)
    // These importers work line by line and write regulation Markdown; parsing it is how their
    // tree is built. Its positions point into that Markdown, not into the input, so its messages
    // stay off `file`: what the importer could not place it has reported above, on the input.
    const converted = new VFile({ path })
    tree = parseText(result.markdown, converted).tree
    // A converted text too deep or too complex to parse has an empty tree: say so, never write it.
    for (const m of converted.messages)
      if (m.ruleId === 'te-diep-genest' || m.ruleId === 'te-complex')
        fout(file, `In de omgezette tekst (regel ${m.line ?? 1}): ${m.reason}`, { line: 1, column: 1 }, m.ruleId)
    tree.data.meta = result.meta
  } else {
    const parsed = parseText(format === 'regelwerk' ? text : repairLinks(text), file)
    const meta = format === 'legalize-nl' ? fromLegalize(parsed.tree.data.meta) : { ...parsed.tree.data.meta }
    if (format === 'laws-markdown') Object.assign(meta, fromLawsMarkdown(parsed.tree, path), meta)
    tree = { ...withoutMetaTag(parsed.tree), data: { ...parsed.tree.data, meta } }
  }
  recognizeLedenbrief(text, tree, file)
  if (tree.data.meta.soort !== 'ledenbrief') ensureCiteertitel(tree, file)
  const markdown = formatRegeling(tree, { frontMatter: frontMatterYaml(tree.data.meta) })
  return { format, markdown, tree }
}

/**
 * A link whose URL holds an opening parenthesis without a closing one: laws-markdown writes
 * `[Wet van 30 november 2006 …](../…/enz./(vergroten/etc/BWBR0020772/README.md) (Stb. 2006, 673)`,
 * which CommonMark reads as literal text (the `(` is never closed). The destination is taken up
 * to the `)` that ends it, where white space, punctuation or the end of the line follows; inside `<`
 * and `>` a parenthesis needs no partner. A `)` followed by more destination (`b(c)d)`) is a
 * balanced destination CommonMark already reads: left alone.
 */
const UNBALANCED_LINK = /\]\(([^\s()<>]*\([^\s()<>]*)\)(?=[\s*_.,;:!?]|$)/gmu

function repairLinks(text: string): string {
  return text.replace(UNBALANCED_LINK, (_, url: string) => `](${linkDestination(url)})`)
}

/** A VNG/LOGA letter to the members: `Brief aan de leden`, with its number `Lbr. 15/069`. */
const LEDENBRIEF = /\bBrief aan de leden\b/iu
const LBR = /\bLbr\.\s*(\d{2}\/\d{3})\b/u
/** `datum` on a line of its own, the date on the next (the letterhead of a ledenbrief). */
const LETTER_DATE = /^\s*datum\s*\n+\s*(\d{1,2}\s+\p{L}+\s+\d{4})\s*$/imu

/**
 * A ledenbrief is a letter that amends the CAR-UWO, not a regulation: its headings are sections of
 * a letter and it is known by its number and date, not by a citeertitel. Without front-matter
 * saying what it is, the import recognises it by `Brief aan de leden` and its `Lbr.` number, and
 * fills `soort`, `kenmerk` and `ondertekening` (the letter's date) from the letterhead.
 */
function recognizeLedenbrief(text: string, tree: Regeling, file: VFile): void {
  const meta = tree.data.meta
  // A page of a register (CVDR) with its own citeertitel is a regulation, whatever it is about.
  if (meta.soort !== undefined || meta.citeertitel !== undefined) return
  const head = text.slice(0, 8000)
  const lbr = LBR.exec(head)
  const date = LETTER_DATE.exec(head)?.[1]
  const iso = date === undefined ? undefined : dutchWordsToIso(date)
  // Without the letter's date it could not pass `check` as a ledenbrief: left a regulation then.
  if (!LEDENBRIEF.test(head) || !lbr || iso === undefined) return
  meta.soort = 'ledenbrief'
  if (meta.kenmerk === undefined) meta.kenmerk = `Lbr. ${lbr[1]}`
  if (meta.ondertekening === undefined) meta.ondertekening = iso
  waarschuwing(
    file,
    `De tekst is herkend als ledenbrief \`Lbr. ${lbr[1]}\` (\`soort: ledenbrief\`, kenmerk en datum uit het briefhoofd). Vul \`work\` (de regeling die de brief wijzigt) en \`inwerkingtreding\` aan`,
    { line: 1, column: 1 },
    'import-ledenbrief',
  )
}

/** Longest citeertitel taken from a title: a whole intitulé is too long to cite by. */
const MAX_CITEERTITEL = 160

/**
 * Every regulation needs a citeertitel (`check` requires it). When the source names none, the
 * official title (or the opschrift) is taken, and the user is told; without any title the import
 * fails, so that no file comes out that `check` then rejects.
 */
function ensureCiteertitel(tree: Regeling, file: VFile): void {
  const meta = tree.data.meta
  const stated = typeof meta.citeertitel === 'string' ? meta.citeertitel.trim() : ''
  if (stated !== '') return
  const opschrift = tree.children.find((c) => c.type === 'opschrift')
  const official = typeof meta['officiele-titel'] === 'string' ? meta['officiele-titel'].trim() : ''
  const title = (official || (opschrift ? plain(opschrift.children) : '')).replace(/\s+/g, ' ')
  if (title !== '') {
    const cut = title.length > MAX_CITEERTITEL ? `${title.slice(0, title.lastIndexOf(' ', MAX_CITEERTITEL))} …` : title
    meta.citeertitel = cut
    waarschuwing(
      file,
      `De tekst noemt geen citeertitel; als citeertitel is de titel genomen (\`${cut}\`). Controleer die en verbeter \`citeertitel\` in de front-matter waar nodig`,
      { line: 1, column: 1 },
      'import-citeertitel-uit-titel',
    )
    return
  }
  fout(
    file,
    'De tekst heeft geen titel en noemt geen citeertitel; zet de titel als `# Titel` boven de tekst (of `citeertitel:` in de front-matter) en importeer opnieuw',
    { line: 1, column: 1 },
    'import-geen-titel',
  )
}

/** The YAML of a front-matter object, known keys first in their usual order. */
export function frontMatterYaml(meta: Record<string, unknown>): string {
  const ordered: Record<string, unknown> = {}
  for (const key of META_ORDER) if (meta[key] !== undefined && meta[key] !== '') ordered[key] = meta[key]
  for (const [key, value] of Object.entries(meta)) if (!(key in ordered)) ordered[key] = value
  if (Object.keys(ordered).length === 0) return ''
  return new Document(ordered).toString({ lineWidth: 0 }).trimEnd()
}

/** The laws-markdown `<meta>` line is an artefact of the HTML conversion, not text of the law. */
function withoutMetaTag(tree: Regeling): Regeling {
  const children: RegelingContent[] = []
  for (const child of tree.children) {
    if (child.type !== 'aanhef') {
      children.push(child)
      continue
    }
    const kept = child.children.filter(
      (t) => !(t.type === 'blok' && t.children[0].type === 'html' && /^<meta\b/i.test(t.children[0].value)),
    )
    if (kept.length > 0) children.push({ ...child, children: kept })
  }
  return { ...tree, children }
}

const SOORT_BY_TITLE: Array<[RegExp, string]> = [
  [/^Wet van/i, 'wet'],
  [/^Besluit van/i, 'amvb'],
  [/^Regeling van/i, 'ministeriele-regeling'],
  [/^Circulaire/i, 'circulaire'],
]

/** What a laws-markdown file states: its title, citeertitel (from the text), BWB id (from the path). */
function fromLawsMarkdown(tree: Regeling, path: string): Record<string, unknown> {
  const meta: Record<string, unknown> = {}
  const opschrift = tree.children.find((c) => c.type === 'opschrift')
  if (opschrift) {
    const title = plain(opschrift.children)
    meta['officiele-titel'] = title
    const soort = SOORT_BY_TITLE.find(([re]) => re.test(title))
    if (soort) meta.soort = soort[1]
    const short = /\(([^()]+)\)\s*$/.exec(title)
    if (short) meta.citeertitel = short[1]
  }
  const cite = /(?:wordt|kan worden) aangehaald als:?\s*[“"']?([^”"'\n]+?)[”"']?\.?\s*$/m.exec(allText(tree))
  if (cite) meta.citeertitel = cite[1]?.trim()
  const id = /BWBR\d{7}/.exec(path)
  if (id) meta.identificatie = id[0]
  return meta
}

/** legalize-nl front-matter keys → ours (only what maps one to one). */
function fromLegalize(source: Record<string, unknown>): Record<string, unknown> {
  const meta: Record<string, unknown> = {}
  const map: Record<string, string> = {
    identifier: 'identificatie',
    title: 'officiele-titel',
    short_title: 'citeertitel',
    soort: 'soort',
    entry_into_force: 'inwerkingtreding',
    signed_date: 'ondertekening',
    source: 'bron',
  }
  for (const [from, to] of Object.entries(map)) if (typeof source[from] === 'string') meta[to] = source[from]
  return meta
}

function plain(children: PhrasingContent[]): string {
  return mdastToString({ type: 'paragraph', children }).trim()
}

function allText(tree: Regeling): string {
  const out: string[] = []
  visit(tree, 'alinea', (node) => {
    out.push(mdastToString(node))
    return SKIP
  })
  return out.join('\n')
}
