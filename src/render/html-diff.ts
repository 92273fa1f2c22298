/**
 * `diff --format html`: one self-contained HTML page (inline CSS, no scripts, no external
 * resources) with a header, the changed front-matter, a was-wordt table (old text beside new
 * text, one row per changed provision) and the renvooi: the full new text with deleted words
 * struck through in `<del>` and inserted words underlined in `<ins>`.
 *
 * Strike-through and underline carry the meaning, colour only helps, so the page still reads in
 * greyscale print. Screen readers do not announce `<del>`/`<ins>`, so each one starts with
 * visually hidden text (`verwijderd:`, `ingevoegd:`).
 *
 * Headings: h1 is the page title, h2 the three parts of the page (gegevens, was-wordt-tabel,
 * renvooi), and the regulation's own structure follows below them (a hoofdstuk is h3, an artikel
 * in it h4; an artikel outside divisions h3), so the outline never has a hoofdstuk beside the
 * was-wordt table.
 */

import { visit } from 'unist-util-visit'
import { countProvisions, describeCounts } from '../diff/provisions.js'
import type { DiffNode, DiffResult, WordOp } from '../model/changes.js'
import type { RegelingType } from '../model/registry.js'
import { joinLines, splitSpace } from '../util/text.js'
import {
  changedLines,
  changedProvisions,
  citeer,
  describe,
  type Forced,
  formatMetaValue,
  headingOps,
  isTekst,
  type Line,
  metadataChanges,
  numberOps,
  type ProvisionChange,
  placeInWords,
  pushOp,
  readingOrder,
  tekstOps,
  type View,
  versionDate,
  viewOps,
} from './text-diff.js'

export interface HtmlDiffOptions {
  /** The page title; default: the citeertitel of the new version. */
  title?: string
}

/** The diff as one HTML page. */
export function renderDiffHtml(result: DiffResult, options: HtmlDiffOptions = {}): string {
  const anchors = assignAnchors(result.tree)
  const entries = changedProvisions(result.tree)
  const title =
    options.title ?? metaText(result.nieuwMeta.citeertitel) ?? metaText(result.oudMeta.citeertitel) ?? 'Regeling'
  const parts = [
    '<!doctype html>',
    '<html lang="nl">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(`Renvooi ${title}`)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    header(result, title, describeCounts(countProvisions(result, entries))),
    '<main>',
    metadataSection(result),
    wasWordtSection(entries, anchors),
    renvooiSection(result.tree, anchors, entries),
    '</main>',
    '</body>',
    '</html>',
  ]
  return `${parts.filter((p) => p !== '').join('\n')}\n`
}

// ---- header and front-matter ---------------------------------------------------------------------

function header(result: DiffResult, title: string, counts: string): string {
  const oud = versionDate(result.oudMeta)
  const nieuw = versionDate(result.nieuwMeta)
  const samenvatting = `${counts}.`
  return [
    '<header>',
    '<p class="soort">Renvooi en was-wordt-tabel</p>',
    `<h1>${esc(title)}</h1>`,
    '<dl class="versies">',
    `<div><dt>Was</dt><dd>${esc(oud)}</dd></div>`,
    `<div><dt>Wordt</dt><dd>${esc(nieuw)}</dd></div>`,
    '</dl>',
    `<p class="samenvatting">${esc(samenvatting)}</p>`,
    '<p class="legenda">Legenda: <span class="voorbeeld-del">doorgehaalde tekst vervalt</span>, ' +
      '<span class="voorbeeld-ins">onderstreepte tekst wordt ingevoegd</span>.</p>',
    '</header>',
  ].join('\n')
}

function metaText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}

function metadataSection(result: DiffResult): string {
  const changes = metadataChanges(result)
  if (changes.length === 0) return ''
  const rows = changes.map(
    (c) =>
      `<tr><th scope="row">${esc(c.sleutel)}</th>` +
      `<td>${esc(formatMetaValue(c.oud))}</td><td>${esc(formatMetaValue(c.nieuw))}</td></tr>`,
  )
  return [
    '<section aria-labelledby="gegevens">',
    '<h2 id="gegevens">Gewijzigde gegevens</h2>',
    '<table class="gegevens">',
    '<thead><tr><th scope="col">Gegeven</th><th scope="col">Was</th><th scope="col">Wordt</th></tr></thead>',
    `<tbody>${rows.join('\n')}</tbody>`,
    '</table>',
    '</section>',
  ].join('\n')
}

// ---- was-wordt table -----------------------------------------------------------------------------

function wasWordtSection(entries: ProvisionChange[], anchors: Anchors): string {
  const out = ['<section aria-labelledby="was-wordt">', '<h2 id="was-wordt">Was-wordt-tabel</h2>']
  if (entries.length === 0) {
    out.push('<p>Geen gewijzigde bepalingen.</p>', '</section>')
    return out.join('\n')
  }
  out.push(
    '<table class="was-wordt">',
    '<colgroup><col class="was"><col class="wordt"></colgroup>',
    '<thead><tr><th scope="col">Was</th><th scope="col">Wordt</th></tr></thead>',
  )
  for (const entry of entries) {
    const anchor = anchors.get(entry.node)
    const label = esc(describe(entry))
    const link = anchor !== undefined ? `<a href="#${esc(anchor)}">${label}</a>` : label
    const [was, wordt] = cells(entry)
    out.push(
      '<tbody>',
      `<tr><th colspan="2" scope="colgroup" class="plaats">${link}</th></tr>`,
      `<tr><td>${was}</td><td>${wordt}</td></tr>`,
      '</tbody>',
    )
  }
  out.push('</table>', '</section>')
  return out.join('\n')
}

/** The Was and Wordt cells of one row: the renvooi lines split into their old and new sides. */
function cells(entry: ProvisionChange): [string, string] {
  let lines = changedLines(entry, 'renvooi')
  if (lines.length === 0 && entry.was !== undefined) lines = renumberLine(entry.node)
  const side = (drop: WordOp['op']): string =>
    lines
      .map((line) => ({ depth: line.depth, ops: line.ops.filter((op) => op.op !== drop) }))
      .filter((line) => line.ops.some((op) => op.text.trim() !== ''))
      .map(lineHtml)
      .join('')
  let was = side('ins')
  let wordt = side('del')
  if (entry.verplaatst && lines.length === 0) {
    was = `<p class="noot">Stond in ${esc(entry.verplaatst.van)}.</p>`
    wordt = `<p class="noot">Staat in ${esc(entry.verplaatst.naar)}.</p>`
  }
  if (was === '') was = `<p class="noot">${entry.soort === 'toegevoegd' ? '(nieuw)' : '(geen tekst)'}</p>`
  if (wordt === '') wordt = `<p class="noot">${entry.soort === 'verwijderd' ? '(vervalt)' : '(geen tekst)'}</p>`
  return [was, wordt]
}

/** A provision that was only renumbered: its old and new number, the text shortened to `…`. */
function renumberLine(node: DiffNode): Line[] {
  const heading = headingOps(node, 'renvooi')
  if (heading !== undefined && heading.length > 0) return [{ depth: 0, ops: heading }]
  return [{ depth: 0, ops: [...numberOps(node, 'renvooi'), { op: 'gelijk', text: ' …' }] }]
}

function lineHtml(line: Line): string {
  return `<p class="regel d${Math.min(line.depth, 4)}">${opsHtml(line.ops)}</p>`
}

// ---- renvooi -------------------------------------------------------------------------------------

function renvooiSection(tree: DiffNode, anchors: Anchors, entries: ProvisionChange[]): string {
  const moves = new Map<DiffNode, string>()
  for (const e of entries) if (e.oudeNode !== undefined && e.verplaatst) moves.set(e.oudeNode, e.verplaatst.naar)
  const state: State = { anchors, path: [tree], moves }
  const body = readingOrder(tree.children)
    .map((child) => node(child, state, 0, undefined))
    .join('\n')
  return [
    '<section aria-labelledby="renvooi" class="renvooi">',
    '<h2 id="renvooi">Renvooi</h2>',
    body,
    '</section>',
  ].join('\n')
}

interface State {
  anchors: Anchors
  /** Root first, up to the parent of the node being written. */
  path: DiffNode[]
  /** The old place of a moved article → where it went, in words. */
  moves: Map<DiffNode, string>
}

/**
 * One node of the renvooi. `sections` counts the divisions, bijlagen and toelichting around it
 * (for the heading level); `forced` is set inside a provision that was added or deleted as a
 * whole, which is marked once around all of it.
 */
function node(n: DiffNode, state: State, sections: number, forced: Forced): string {
  if (forced === undefined && (n.status === 'toegevoegd' || n.status === 'verwijderd') && !isTekst(n)) {
    return wholeProvision(n, state, sections)
  }
  const view: View = forced === 'toegevoegd' ? 'nieuw' : forced === 'verwijderd' ? 'oud' : 'renvooi'
  const inner = (childSections: number): string => {
    state.path.push(n)
    const out = readingOrder(n.children)
      .map((c) => node(c, state, childSections, forced))
      .join('\n')
    state.path.pop()
    return out
  }
  return RENDER[n.type](n, { id: idAttr(state.anchors.get(n)), view, forced, sections, inner })
}

/** What a renderer of one node gets besides the node. */
interface Context {
  /** ` id="…"`, or empty. */
  id: string
  view: View
  forced: Forced
  sections: number
  /** The children, written with `childSections` divisions around them. */
  inner: (childSections: number) => string
}

type Render = (n: DiffNode, ctx: Context) => string

/** Running text: a paragraph, a kept mdast block or a tussenkop. */
const tekst =
  (open: string, close: string): Render =>
  (n, { view, forced }) =>
    `${open}${opsHtml(viewOps(tekstOps(n), view, forced ?? n.status))}${close}`

/** A lid or (sub)onderdeel: its number beside its content. */
const item: Render = (n, { id, view, forced, sections, inner }) => {
  const num = opsHtml(numberOps(n, view, forced))
  return `<div class="${n.type}"${id}><span class="nr">${num}</span><div class="inhoud">\n${inner(sections)}\n</div></div>`
}

/**
 * A provision with a heading line above what it holds. `tag`: `section` or `div`; `opens`: whether it
 * opens a section of its own (divisions, bijlagen, the toelichting), raising the heading level inside.
 */
const block =
  (tag: 'section' | 'div', opens: boolean): Render =>
  (n, { id, view, forced, sections, inner }) => {
    const headingWords = headingOps(n, view, forced)
    const heading =
      headingWords !== undefined && headingWords.length > 0 ? headingTag(sections, opsHtml(headingWords)) : ''
    const note =
      n.verplaatstVan !== undefined ? `<p class="noot">Verplaatst van ${esc(placeInWords(n.verplaatstVan))}.</p>` : ''
    return [`<${tag} class="${esc(n.type)}"${id}>`, heading, note, inner(opens ? sections + 1 : sections), `</${tag}>`]
      .filter((s) => s !== '')
      .join('\n')
  }

/** A number or heading is written with its provision; the differ never makes a node of it. */
const part: Render = (n) => {
  throw new Error(`html-diff: a \`${n.type}\` node stands in the diff tree; it belongs to its provision`)
}

/** A row or cell is written by its table. */
const tablePart: Render = (n) => {
  throw new Error(`html-diff: a \`${n.type}\` node is written by its table`)
}

/**
 * A table of the regulation as a table: the header row in `<thead>`, each cell with its own
 * words marked; a row added or deleted whole is marked whole (and named for screen readers).
 */
function tabelHtml(n: DiffNode, view: View, forced: Forced): string {
  const rows = readingOrder(n.children).map((row, i) => {
    const rowStatus = forced ?? row.status
    const rowForced: Forced = rowStatus === 'toegevoegd' || rowStatus === 'verwijderd' ? rowStatus : undefined
    const tag = i === 0 ? 'th' : 'td'
    const cells = readingOrder(row.children).map((cell) => {
      const status = rowForced ?? cell.status
      return `<${tag}>${opsHtml(viewOps(tekstOps(cell), view, status))}</${tag}>`
    })
    const cls = rowForced === 'toegevoegd' ? ' class="rij-ins"' : rowForced === 'verwijderd' ? ' class="rij-del"' : ''
    return `<tr${cls}>${cells.join('')}</tr>`
  })
  const [head, ...body] = rows
  return `<table class="tabel">${head ? `<thead>${head}</thead>` : ''}<tbody>${body.join('')}</tbody></table>`
}

/** How each node type is written: a new type must be given its HTML here. */
const RENDER: Record<RegelingType, Render> = {
  regeling: block('div', false),
  opschrift: (n, { id, view, forced }) => `<p class="opschrift"${id}>${opsHtml(headingOps(n, view, forced) ?? [])}</p>`,
  aanhef: block('div', false),
  titel: block('section', true),
  hoofdstuk: block('section', true),
  afdeling: block('section', true),
  paragraaf: block('section', true),
  artikel: block('section', false),
  lid: item,
  onderdeel: item,
  subonderdeel: item,
  alinea: tekst('<p>', '</p>'),
  blok: tekst('<div class="blok">', '</div>'),
  tabel: (n, { view, forced }) => tabelHtml(n, view, forced),
  tabelrij: tablePart,
  tabelcel: tablePart,
  kop: tekst('<p class="kop">', '</p>'),
  ondertekening: block('div', false),
  toelichting: block('section', true),
  artikeltoelichting: block('section', false),
  bijlage: block('section', true),
  nummer: part,
  koptekst: part,
}

/** An added or deleted provision: marked once as a whole, its text inside without further marks. */
function wholeProvision(n: DiffNode, state: State, sections: number): string {
  const status = n.status as 'toegevoegd' | 'verwijderd'
  const tag = status === 'toegevoegd' ? 'ins' : 'del'
  const citation = citeer([...state.path, n])
  const moved = movedNote(n, state)
  const begin = status === 'toegevoegd' ? 'Begin ingevoegde bepaling' : 'Begin vervallen bepaling'
  const end = status === 'toegevoegd' ? 'Einde ingevoegde bepaling' : 'Einde vervallen bepaling'
  const inner = node(n, state, sections, status)
  return [
    `<div class="geheel ${status}">`,
    `<span class="vh">${esc(`${begin}: ${citation}.`)}</span>`,
    moved,
    `<${tag} class="geheel">`,
    inner,
    `</${tag}>`,
    `<span class="vh">${esc(`${end}.`)}</span>`,
    '</div>',
  ]
    .filter((s) => s !== '')
    .join('\n')
}

/** The note on either half of a moved article: where it came from, or where it went. */
function movedNote(n: DiffNode, state: State): string {
  if (n.type !== 'artikel') return ''
  if (n.status === 'toegevoegd' && n.verplaatstVan !== undefined) {
    return `<p class="noot">Verplaatst van ${esc(placeInWords(n.verplaatstVan))}.</p>`
  }
  if (n.status === 'verwijderd') {
    const target = state.moves.get(n)
    if (target !== undefined) return `<p class="noot">Verplaatst naar ${esc(target)}.</p>`
  }
  return ''
}

/** h3 for the outermost division or an artikel outside divisions; past h6 an ARIA heading. */
function headingTag(sections: number, html: string): string {
  const level = 3 + sections
  if (level <= 6) return `<h${level}>${html}</h${level}>`
  return `<p class="kop diep" role="heading" aria-level="${level}">${html}</p>`
}

// ---- anchors -------------------------------------------------------------------------------------

type Anchors = Map<DiffNode, string>

/**
 * The `id` of every provision in the page: its stable id (`art_10__lid_5`). The new version's
 * provisions are served first; a deleted provision whose id a new one now has (artikel 5
 * deleted, artikel 6 renumbered to 5) gets `oud__` in front.
 */
export function assignAnchors(tree: DiffNode): Anchors {
  const anchors: Anchors = new Map()
  const used = new Set<string>(['gegevens', 'was-wordt', 'renvooi'])
  const all: DiffNode[] = []
  visit(tree, (n) => {
    if (n.id !== undefined && !isTekst(n)) all.push(n)
  })
  const give = (n: DiffNode, wanted: string): void => {
    let id = wanted
    for (let i = 2; used.has(id); i++) id = `${wanted}-${i}`
    used.add(id)
    anchors.set(n, id)
  }
  for (const n of all) if (n.status !== 'verwijderd') give(n, n.id as string)
  for (const n of all) {
    if (n.status !== 'verwijderd') continue
    const id = n.id as string
    give(n, used.has(id) ? `oud__${id}` : id)
  }
  return anchors
}

function idAttr(anchor: string | undefined): string {
  return anchor === undefined ? '' : ` id="${esc(anchor)}"`
}

// ---- words ---------------------------------------------------------------------------------------

/** Word operations as HTML: `<del>`/`<ins>` around the words, white space at either end outside. */
export function opsHtml(ops: readonly WordOp[]): string {
  const merged: WordOp[] = []
  for (const op of ops) pushOp(merged, op)
  return merged
    .map((op) => {
      const text = joinLines(op.text)
      if (op.op === 'gelijk') return esc(text)
      const [lead, core, trail] = splitSpace(text)
      // Only white space changed: nothing to see or to announce.
      if (core === '') return esc(text)
      const mark =
        op.op === 'del'
          ? `<del><span class="vh">verwijderd: </span>${esc(core)}</del>`
          : `<ins><span class="vh">ingevoegd: </span>${esc(core)}</ins>`
      return `${esc(lead)}${mark}${esc(trail)}`
    })
    .join('')
}

/** Escape text for HTML content and attribute values. */
export function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

// ---- style ---------------------------------------------------------------------------------------

const CSS = `
:root { color-scheme: light; }
body { font: 11pt/1.5 "Liberation Serif", "Times New Roman", Georgia, serif; color: #111; background: #fff;
  max-width: 52rem; margin: 2rem auto; padding: 0 1.25rem; }
h1, h2, h3, h4, h5, h6, .kop.diep { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; line-height: 1.25;
  margin: 1.4em 0 .5em; }
h1 { font-size: 1.7rem; margin-top: .2em; }
h2 { font-size: 1.35rem; border-bottom: 2px solid #333; padding-bottom: .15em; margin-top: 2em; }
h3 { font-size: 1.15rem; }
h4, h5, h6, .kop.diep { font-size: 1rem; }
p { margin: .35em 0; }
.soort { font-family: "Liberation Sans", Arial, sans-serif; text-transform: uppercase; letter-spacing: .08em;
  font-size: .8rem; color: #444; margin: 0; }
.versies { display: flex; flex-wrap: wrap; gap: .25em 2em; margin: .5em 0; }
.versies div { display: flex; gap: .5em; }
.versies dt { font-weight: bold; }
.versies dd { margin: 0; }
.legenda { font-size: .9rem; color: #333; }
del, .voorbeeld-del { color: #a3000b; background: #fdecee; text-decoration: line-through;
  text-decoration-thickness: 2px; }
ins, .voorbeeld-ins { color: #0b5d1e; background: #e7f5ea; text-decoration: underline;
  text-decoration-thickness: 2px; text-underline-offset: 2px; }
del.geheel, ins.geheel { display: block; background: none; }
.geheel.verwijderd { border-left: 3px dashed #a3000b; padding-left: .75em; margin: .5em 0; }
.geheel.toegevoegd { border-left: 3px solid #0b5d1e; padding-left: .75em; margin: .5em 0; }
.geheel h3, .geheel h4, .geheel h5, .geheel h6 { text-decoration: inherit; }
.vh { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; border: 0;
  clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; user-select: none; }
.noot { font-style: italic; color: #444; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: .75em 0; }
th, td { border: 1px solid #888; padding: .35em .6em; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
thead th { background: #eee; }
th.plaats { background: #f6f6f6; font-weight: bold; }
table.gegevens th[scope="row"] { width: 12em; }
.regel { margin: .2em 0; }
.regel.d1 { margin-left: 1.5em; } .regel.d2 { margin-left: 3em; } .regel.d3 { margin-left: 4.5em; }
.regel.d4 { margin-left: 6em; }
.opschrift { font-size: 1.25rem; font-weight: bold; }
.lid, .onderdeel, .subonderdeel { display: flex; gap: .4em; margin: .3em 0; }
.nr { flex: 0 0 2.4em; }
.inhoud { flex: 1 1 auto; min-width: 0; }
.inhoud > :first-child { margin-top: 0; }
table.tabel { table-layout: auto; }
tr.rij-ins td, tr.rij-ins th { border-left: 3px solid #0b5d1e; }
tr.rij-del td, tr.rij-del th { border-left: 3px dashed #a3000b; }
.blok { white-space: pre-wrap; font-family: "Liberation Mono", monospace; font-size: .85em; overflow-x: auto; }
a { color: #0645ad; }
a:focus-visible { outline: 2px solid #0645ad; outline-offset: 2px; }
@page { size: A4; margin: 2cm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  a { color: inherit; text-decoration: none; }
  tr, tbody, .lid, .onderdeel, .subonderdeel { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  h2, h3, h4, h5, h6 { break-after: avoid; page-break-after: avoid; }
  del, ins, .voorbeeld-del, .voorbeeld-ins { background: none; }
}
`.trim()
