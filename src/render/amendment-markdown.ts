/**
 * A wijzigingsbesluit as Markdown: readable in any viewer, and read back by `parseAmendment`.
 *
 * ```markdown
 * # Besluit tot wijziging van het Sociaal Statuut Samenwerking CGM 2012
 *
 * ## ARTIKEL I
 *
 * Het Sociaal Statuut Samenwerking CGM 2012 wordt als volgt gewijzigd:
 *
 * ### A
 *
 * Artikel 10 wordt als volgt gewijzigd:
 *
 * 1\. In het vijfde lid wordt "250%" vervangen door "300%".
 *
 * 2\. Het zesde lid komt te luiden:
 *
 * > 6. …
 *
 * ## ARTIKEL II
 *
 * Dit besluit treedt in werking met ingang van 1 januari 2016.
 * ```
 *
 * After ARTIKEL II, when needed, comes the unsigned "Redactionele bijwerking": `Weergave van artikel
 * 1, eerste lid:` + the unit as the new version shows it, for differences in opmaak and
 * consolidator's notes only (see `Wijzigingsbesluit.redactioneel`).
 *
 * Numbered instructions are paragraphs with an escaped dot (`1\.`), so that a viewer shows the
 * number as written and the new text after them is not pulled into a list; the new text is a block
 * quote of regulation Markdown (docs/format.md), the way a printed besluit indents it.
 */

import { toMarkdown } from 'mdast-util-to-markdown'
import { stringify } from 'yaml'
import type { Wijzigingsbesluit } from '../model/amendment.js'

/** The heading of the unsigned part after ARTIKEL II (`parseAmendment` knows it). */
export const REDACTIONEEL_KOP = 'Redactionele bijwerking'

const REDACTIONEEL_UITLEG =
  'Geen onderdeel van het besluit. In deze bepalingen blijven de woorden gelijk; alleen de opmaak ' +
  '(verwijzingen als link, nadruk, regeleinden) of een aantekening van de consolidatie ("Vervallen per …") ' +
  'is anders. `regelwerk apply` neemt deze weergave over nadat het heeft gecontroleerd dat de woorden ' +
  'van elke bepaling gelijk blijven.'

/** Extra front-matter for the besluit (kenmerk, ondertekening, …) and its frame (see `besluitKader`). */
export interface AmendmentMarkdownOptions {
  meta?: Record<string, unknown>
  /** Paragraphs between the opschrift and ARTIKEL I, the last one `besluit:`. */
  aanhef?: readonly string[]
  /** Paragraphs after ARTIKEL II: `Aldus vastgesteld op …`. */
  ondertekening?: readonly string[]
}

/** A paragraph of plain words as Markdown (a `-` or `1.` at the start would make it a list). */
function escapeParagraph(text: string): string {
  return toMarkdown({ type: 'paragraph', children: [{ type: 'text', value: text }] }).replace(/\n+$/, '')
}

/** Block-quote regulation Markdown. */
export function quoteBlock(markdown: string): string {
  return markdown
    .replace(/\n+$/, '')
    .split('\n')
    .map((line) => (line === '' ? '>' : `> ${line}`))
    .join('\n')
}

/** The besluit as Markdown with front-matter (`soort: wijzigingsbesluit`). */
export function renderAmendmentMarkdown(model: Wijzigingsbesluit, options: AmendmentMarkdownOptions = {}): string {
  const meta: Record<string, unknown> = { soort: 'wijzigingsbesluit' }
  if (model.work) meta.work = model.work
  meta.betreft = `wijziging van ${model.citeertitel}`
  if (model.artikelII.inwerkingtreding) meta.inwerkingtreding = model.artikelII.inwerkingtreding
  if (model.artikelII.terugwerkendeKracht) meta['terugwerkende-kracht'] = model.artikelII.terugwerkendeKracht
  Object.assign(meta, options.meta ?? {})
  const parts: string[] = [`---\n${stringify(meta, { lineWidth: 0 })}---`, `# ${model.opschrift}`]
  // The aanhef and ondertekening are plain paragraphs outside ARTIKEL I: `parseAmendment` passes over them.
  parts.push(...(options.aanhef ?? []).map(escapeParagraph))
  parts.push('## ARTIKEL I', model.artikelI.aanhef)
  for (const item of model.artikelI.items) {
    parts.push(`### ${item.letter}`)
    if (item.aanhef) parts.push(item.aanhef)
    for (const o of item.opdrachten) {
      parts.push(o.nummer ? `${o.nummer}\\. ${o.tekst}` : o.tekst)
      if (o.inhoud !== undefined) parts.push(quoteBlock(o.inhoud))
    }
  }
  parts.push('## ARTIKEL II', model.artikelII.tekst)
  parts.push(...(options.ondertekening ?? []).map(escapeParagraph))
  if (model.redactioneel.length > 0) {
    parts.push(`## ${REDACTIONEEL_KOP}`, REDACTIONEEL_UITLEG)
    for (const o of model.redactioneel) parts.push(o.tekst, quoteBlock(o.inhoud ?? ''))
  }
  return `${parts.join('\n\n')}\n`
}
