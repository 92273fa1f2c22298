import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { PhrasingContent, RootContent } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { toString as mdastToString } from 'mdast-util-to-string'
import { VFile } from 'vfile'
import { formatRegeling } from '../src/format/markdown.js'
import { contentOf, headingOf, numOf } from '../src/model/access.js'
import type { Regeling, RegelingNode } from '../src/model/nodes.js'
import { isDivision, isNumbered } from '../src/model/registry.js'
import { type ParseResult, parseRegeling } from '../src/parse/index.js'

export const SHARED = join(import.meta.dirname, '..', '..', 'shared')
export const CORPUS = join(SHARED, 'corpus')
export const ROOT = join(import.meta.dirname, '..')

/** Every file under `dir` whose name ends in one of `exts`, sorted. */
export function filesUnder(dir: string, exts = ['.md']): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) out.push(...filesUnder(p, exts))
    else if (exts.some((e) => name.endsWith(e))) out.push(p)
  }
  return out
}

export function parseString(text: string, path = 'test.md'): { result: ParseResult; file: VFile } {
  const file = new VFile({ path, value: text })
  return { result: parseRegeling(file), file }
}

export function parsePath(path: string): { result: ParseResult; file: VFile } {
  const file = new VFile({ path, value: readFileSync(path) })
  return { result: parseRegeling(file), file }
}

export function fmt(result: ParseResult): string {
  return formatRegeling(result.tree, {
    frontMatter: result.frontMatter.present ? result.frontMatter.yaml : undefined,
  })
}

/** Words as a reader sees them: runs of letters and digits. */
export function words(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+/gu) ?? []
}

/** Plain text of inline content; a line break counts as white space. */
function phrasingText(children: PhrasingContent[] | undefined): string {
  if (!children) return ''
  return children
    .map((c) =>
      c.type === 'break' ? ' ' : 'children' in c ? phrasingText(c.children as PhrasingContent[]) : mdastToString(c),
    )
    .join('')
}

/** A flat signature of the tree: type, id, number and text of every node, in order. */
export function signature(tree: Regeling): string[] {
  const out: string[] = []
  const walk = (node: Regeling | RegelingNode) => {
    const parts: string[] = [node.type]
    const id = node.data && 'id' in node.data ? node.data.id : undefined
    if (id) parts.push(id)
    if (isNumbered(node)) parts.push(`#${numOf(node)}`)
    const label = isDivision(node) ? node.data?.label : undefined
    if (label) parts.push(`label:${label}`)
    const heading = headingOf(node)
    if (heading) parts.push(`kop:${phrasingText(heading)}`)
    if (node.type === 'alinea' || node.type === 'kop' || node.type === 'opschrift' || node.type === 'tabelcel') {
      parts.push(phrasingText(node.children).replace(/\s+/g, ' '))
    } else if (node.type === 'blok') parts.push(mdastToString(node.children[0]).replace(/\s+/g, ' '))
    else if (node.type === 'tabel') parts.push(`align:${node.align.join(',')}`)
    out.push(parts.join('|'))
    if (
      node.type === 'alinea' ||
      node.type === 'kop' ||
      node.type === 'opschrift' ||
      node.type === 'blok' ||
      node.type === 'tabelcel'
    )
      return
    if ('children' in node) for (const c of contentOf(node) as RegelingNode[]) walk(c)
  }
  walk(tree)
  return out
}

/** All words the tree holds, in document order (numbers and keywords of provisions included). */
export function treeWords(tree: Regeling): string[] {
  const out: string[] = []
  const walk = (node: Regeling | RegelingNode) => {
    const heading = headingOf(node)
    // laws-markdown puts an article's title above its number: accept both orders.
    if (node.type === 'artikel' && heading) out.push(...words(phrasingText(heading)))
    // ... and a consolidation note between title and number (`Treedt in werking per …`) opens the article.
    if (node.type === 'artikel') {
      for (const c of contentOf(node)) {
        if (c.type !== 'alinea' || !/^\[?(?:Vervallen|Treedt in werking|Vervalt) per /u.test(phrasingText(c.children)))
          break
        out.push(...words(phrasingText(c.children)))
      }
      out.push('Artikel')
    }
    if (node.type === 'toelichting' && !heading) out.push('Toelichting')
    const label = isDivision(node) ? node.data?.label : undefined
    if (label !== undefined) out.push(...words(label))
    else if (isDivision(node) || node.type === 'bijlage') out.push(node.type)
    if (isNumbered(node)) out.push(...words(numOf(node)))
    if (heading) out.push(...words(phrasingText(heading)))
    if (node.type === 'alinea' || node.type === 'kop' || node.type === 'opschrift' || node.type === 'tabelcel') {
      out.push(...words(phrasingText(node.children)))
      return
    }
    if (node.type === 'blok') {
      const n = node.children[0]
      out.push(...words(n.type === 'html' || n.type === 'code' ? n.value : mdastToString(n)))
      return
    }
    if ('children' in node) for (const c of contentOf(node) as RegelingNode[]) walk(c)
  }
  walk(tree)
  return out
}

/** The words of a Markdown body as CommonMark reads it (front-matter excluded). */
export function markdownWords(body: string): string[] {
  const root = fromMarkdown(body.replace(/^(#{1,6})(?=[^#\s])/gm, '$1 '))
  const out: string[] = []
  const walk = (node: RootContent | { type: 'root'; children: RootContent[] }) => {
    if (node.type === 'html' || node.type === 'code') out.push(...words(node.value))
    else if (node.type === 'paragraph' || node.type === 'heading') out.push(...words(phrasingText(node.children)))
    else if ('children' in node) for (const c of node.children as RootContent[]) walk(c)
  }
  walk(root)
  return out
}

/**
 * The first word of `expected` that is missing from `actual` when read in order, with its
 * context; undefined when `expected` is a subsequence of `actual`.
 */
export function missingWord(expected: string[], actual: string[]): string | undefined {
  let j = 0
  for (let i = 0; i < expected.length; i++) {
    const w = (expected[i] as string).toLowerCase()
    while (j < actual.length && (actual[j] as string).toLowerCase() !== w) j++
    if (j === actual.length) return `${expected.slice(Math.max(0, i - 8), i + 3).join(' ')} (woord ${i}: ${w})`
    j++
  }
  return undefined
}

const DATED = /^\d{4}-\d{2}-\d{2}\.md$/

/** Every folder of dated versions: the bundled works and the corpus series (bwb, bwb-legalize). */
export function seriesDirs(): string[] {
  const dirs: string[] = []
  for (const base of [join(ROOT, 'regulations'), join(CORPUS, 'bwb'), join(CORPUS, 'bwb-legalize')]) {
    for (const name of readdirSync(base).sort()) {
      const dir = join(base, name)
      if (statSync(dir).isDirectory() && readdirSync(dir).some((n) => DATED.test(n))) dirs.push(dir)
    }
  }
  return dirs
}

/** Every consecutive pair of versions (file names sort by date) in every series, as [oud, nieuw] paths. */
export function versionPairs(): Array<[string, string]> {
  const out: Array<[string, string]> = []
  for (const dir of seriesDirs()) {
    const files = readdirSync(dir)
      .filter((n) => DATED.test(n))
      .sort()
      .map((n) => join(dir, n))
    for (let i = 0; i + 1 < files.length; i++) out.push([files[i] as string, files[i + 1] as string])
  }
  return out
}
