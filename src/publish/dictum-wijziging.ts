/**
 * The dictum of a wijzigingsbesluit: ARTIKEL I with its lettered items and ARTIKEL II with the
 * inwerkingtreding, made by the amendments stage (`generateAmendment`) from the old and the new
 * version, with the dates of the publication (a local besluit has its own inwerkingtreding and
 * terugwerkende kracht, not those of the LOGA letter), and turned into publication blocks.
 *
 * The new text an instruction quotes ("komt te luiden:", "luidende:") is shown as quoted text:
 * indented and without headings or anchors of its own, because it is not a provision of the
 * besluit but the words it puts into the regulation.
 */
import { VFile } from 'vfile'
import { generateAmendment, type Wijzigingsbesluit } from '../amend/index.js'
import { diffRegelingen } from '../diff/index.js'
import { parseText } from '../parse/index.js'
import type { WijzigingDictum } from './build.js'
import type { AlineaBlock, PubBlock, Run } from './model.js'
import { nodeBlocks } from './regeling-blocks.js'

/** ARTIKEL I and II for the change from `oud` to `nieuw`, dated as the publication says. */
export const wijzigingDictum: WijzigingDictum = (oud, nieuw, metadata) => {
  const diff = diffRegelingen(oud.tree, nieuw.tree)
  if (diff.changes.length === 0) return []
  const besluit = generateAmendment(diff, {
    ...(metadata.citeertitel ? { citeertitel: metadata.citeertitel } : {}),
    ...(metadata.inwerkingtreding ? { inwerkingtreding: metadata.inwerkingtreding } : {}),
    ...(metadata.terugwerkendeKracht ? { terugwerkendeKracht: metadata.terugwerkendeKracht } : {}),
    work: metadata.regeling.werk,
  })
  return wijzigingsbesluitBlocks(besluit)
}

/** A wijzigingsbesluit as publication blocks. */
export function wijzigingsbesluitBlocks(besluit: Wijzigingsbesluit): PubBlock[] {
  const out: PubBlock[] = [
    { kind: 'kop', rol: 'artikel', level: 1, runs: [{ text: 'ARTIKEL I' }], id: 'art_I' },
    { kind: 'alinea', depth: 0, runs: [{ text: besluit.artikelI.aanhef }] },
  ]
  for (const item of besluit.artikelI.items) {
    const id = `art_I__item_${item.letter}`
    if (item.aanhef) {
      out.push({ kind: 'alinea', depth: 1, num: item.letter, runs: [{ text: item.aanhef }], id })
      for (const o of item.opdrachten) {
        out.push({ kind: 'alinea', depth: 2, ...(o.nummer ? { num: `${o.nummer}.` } : {}), runs: [{ text: o.tekst }] })
        if (o.inhoud) out.push(...quoted(o.inhoud, 2))
      }
      continue
    }
    item.opdrachten.forEach((o, i) => {
      out.push({
        kind: 'alinea',
        depth: 1,
        ...(i === 0 ? { num: item.letter, id } : {}),
        runs: [{ text: o.tekst }],
      })
      if (o.inhoud) out.push(...quoted(o.inhoud, 1))
    })
  }
  out.push({ kind: 'kop', rol: 'artikel', level: 1, runs: [{ text: 'ARTIKEL II' }], id: 'art_II' })
  out.push({ kind: 'alinea', depth: 0, runs: [{ text: besluit.artikelII.tekst }] })
  return out
}

/**
 * The quoted new text (regulation Markdown) as indented paragraphs one level below the
 * instruction. A lid or onderdeel on its own is read inside a stand-in article, as the
 * amendments stage writes it.
 */
function quoted(markdown: string, depth: 1 | 2): PubBlock[] {
  const standIn = !/^\s*#/.test(markdown)
  const text = standIn ? `## Artikel 0\n\n${markdown}\n` : `${markdown}\n`
  const { tree } = parseText(text, new VFile({ value: text }))
  // A heading the parser took as the title (a first `#` line) is quoted too, as a heading.
  let blocks = tree.children.flatMap((c) => nodeBlocks(c, 1))
  if (standIn) blocks = blocks.slice(1)
  return blocks.map((b) => quote(b, depth))
}

function quote(b: PubBlock, depth: 1 | 2): PubBlock {
  if (b.kind === 'tabel') return b
  const bold = (runs: Run[]) => runs.map((r) => ({ ...r, bold: true }))
  const runs = b.kind === 'kop' ? bold(b.runs) : b.runs
  const nested = Math.min(3, (b.kind === 'alinea' ? b.depth : 0) + depth) as AlineaBlock['depth']
  const block: AlineaBlock = { kind: 'alinea', depth: nested, runs, citaat: true }
  if (b.kind === 'alinea' && b.num) block.num = b.num
  return block
}
