/**
 * A regeling tree as HTML for the app's text page: every provision keeps its id as anchor, so the
 * outline (inhoudsopgave) and a citation can link to it. One handler per node type; inline content
 * is shown as its plain text (emphasis and links are not needed to read the text on screen).
 */
import type { PhrasingContent } from 'mdast'
import { toString as mdToString } from 'mdast-util-to-string'
import { headingOf, numOf } from '../model/access.js'
import { DIVISION_KEYWORD } from '../model/glossary.js'
import type { Regeling, RegelingNode, Tabel } from '../model/nodes.js'
import { esc } from './html.js'

type AnyNode = RegelingNode | { type: string; children?: unknown[]; value?: string; data?: { id?: string } }

function phrasing(children: readonly PhrasingContent[] | undefined): string {
  return esc(children ? children.map((c) => mdToString(c)).join('') : '')
}

function idAttr(node: AnyNode): string {
  const id = (node as { data?: { id?: string } }).data?.id
  return id ? ` id="${esc(id)}"` : ''
}

function content(node: AnyNode): AnyNode[] {
  const kids = ((node as { children?: AnyNode[] }).children ?? []) as AnyNode[]
  return kids.filter((c) => c.type !== 'nummer' && c.type !== 'koptekst')
}

function heading(node: AnyNode): string {
  const h = headingOf(node as RegelingNode)
  return h ? phrasing(h) : ''
}

function render(node: AnyNode, depth: number, out: string[]): void {
  const h = Math.min(6, depth)
  switch (node.type) {
    case 'regeling':
      for (const c of content(node)) render(c, depth, out)
      return
    case 'opschrift':
      out.push(
        `<h${h} class="opschrift"${idAttr(node)}>${phrasing((node as { children: PhrasingContent[] }).children)}</h${h}>`,
      )
      return
    case 'titel':
    case 'hoofdstuk':
    case 'afdeling':
    case 'paragraaf': {
      const label = (node as { data?: { label?: string } }).data?.label ?? DIVISION_KEYWORD[node.type]
      const num = numOf(node as RegelingNode)
      out.push(`<section${idAttr(node)}><h${h}>${esc([label, num].filter(Boolean).join(' '))} ${heading(node)}</h${h}>`)
      for (const c of content(node)) render(c, depth + 1, out)
      out.push('</section>')
      return
    }
    case 'bijlage': {
      const num = numOf(node as RegelingNode)
      out.push(`<section${idAttr(node)}><h${h}>Bijlage${num ? ` ${esc(num)}` : ''} ${heading(node)}</h${h}>`)
      for (const c of content(node)) render(c, depth + 1, out)
      out.push('</section>')
      return
    }
    case 'artikel': {
      out.push(
        `<section class="artikel"${idAttr(node)}><h${h}>Artikel ${esc(numOf(node as RegelingNode))} ${heading(node)}</h${h}>`,
      )
      for (const c of content(node)) render(c, depth + 1, out)
      out.push('</section>')
      return
    }
    case 'lid':
    case 'onderdeel':
    case 'subonderdeel': {
      const num = numOf(node as RegelingNode)
      out.push(
        `<div class="${node.type}"${idAttr(node)}><span class="num">${esc(node.type === 'lid' ? `${num}.` : num)}</span><div>`,
      )
      for (const c of content(node)) render(c, depth + 1, out)
      out.push('</div></div>')
      return
    }
    case 'alinea':
    case 'kop':
      out.push(`<p>${phrasing((node as { children: PhrasingContent[] }).children)}</p>`)
      return
    case 'blok':
      out.push(`<div class="blok">${esc(mdToString(node as never))}</div>`)
      return
    case 'tabel': {
      // A table as a table: the header row in <thead>, cells with their column's alignment.
      const tabel = node as Tabel
      const rows = tabel.children.map((row, i) => {
        const tag = i === 0 ? 'th' : 'td'
        const cells = row.children.map((cell, k) => {
          const align = tabel.align[k]
          const style = align ? ` style="text-align:${align}"` : ''
          return `<${tag}${i === 0 ? ' scope="col"' : ''}${style}>${phrasing(cell.children)}</${tag}>`
        })
        return `<tr>${cells.join('')}</tr>`
      })
      const [head, ...body] = rows
      out.push(`<table class="tabel"><thead>${head ?? ''}</thead><tbody>${body.join('')}</tbody></table>`)
      return
    }
    case 'aanhef':
    case 'ondertekening':
    case 'toelichting':
    case 'artikeltoelichting': {
      const title = heading(node) || (node.type === 'toelichting' ? 'Toelichting' : '')
      out.push(`<section class="${node.type}"${idAttr(node)}>${title ? `<h${h}>${title}</h${h}>` : ''}`)
      for (const c of content(node)) render(c, depth + 1, out)
      out.push('</section>')
      return
    }
    default:
      // Anything else keeps its text: nothing of the regulation is left out.
      out.push(`<p>${esc(mdToString(node as never))}</p>`)
  }
}

/** The text of `tree` as HTML, headings starting at `<h{level}>`. */
export function regelingHtml(tree: Regeling, level = 2): string {
  const out: string[] = ['<div class="tekst">']
  render(tree as AnyNode, level, out)
  out.push('</div>')
  return out.join('\n')
}

/** The outline: divisions and articles, each linking to its anchor. */
export function outlineHtml(tree: Regeling): string {
  const walk = (node: AnyNode): string => {
    const items: string[] = []
    for (const c of content(node)) {
      const id = (c as { data?: { id?: string } }).data?.id
      if (!id) continue
      if (c.type === 'artikel') {
        const h = heading(c)
        items.push(`<li><a href="#${esc(id)}">Artikel ${esc(numOf(c as RegelingNode))}</a>${h ? ` ${h}` : ''}</li>`)
      } else if (['titel', 'hoofdstuk', 'afdeling', 'paragraaf', 'bijlage'].includes(c.type)) {
        const label =
          c.type === 'bijlage'
            ? 'Bijlage'
            : ((c as { data?: { label?: string } }).data?.label ??
              DIVISION_KEYWORD[c.type as keyof typeof DIVISION_KEYWORD])
        const inner = walk(c)
        items.push(
          `<li><a href="#${esc(id)}">${esc([label, numOf(c as RegelingNode)].filter(Boolean).join(' '))}</a> ${heading(c)}${inner}</li>`,
        )
      }
    }
    return items.length ? `<ul>${items.join('')}</ul>` : ''
  }
  return walk(tree as AnyNode)
}
