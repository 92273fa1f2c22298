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
import { generateAmendment } from '../amend/index.js'
import { diffRegelingen } from '../diff/index.js'
import type { Opdracht, Wijzigingsbesluit } from '../model/amendment.js'
import type { Artikel, BodyContent } from '../model/nodes.js'
import type { AlineaBlock, PubBlock, PublicatieMetadata, Run } from '../model/publication.js'
import { joinLines } from '../util/text.js'
import { bijlageBlocks, bodyBlocks, tekstBlocks, toelichtingBlocks } from './regeling-blocks.js'
import type { LoadedVersion } from './resolve-sources.js'

/** Makes the dictum of a wijzigingsbesluit (ARTIKEL I, ARTIKEL II) from the old and new version. */
export type WijzigingDictum = (oud: LoadedVersion, nieuw: LoadedVersion, metadata: PublicatieMetadata) => PubBlock[]

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

/**
 * The instruction replaces the whole text of the regulation: by its operation (`komt te luiden` on
 * the regulation itself), or, for an instruction without one, by its sentence.
 */
export function replacesWholeText(o: Opdracht): boolean {
  if ((o as Partial<Opdracht>).operatie) return o.operatie.soort === 'komt-te-luiden' && o.operatie.doel.length === 0
  return /^de tekst van de regeling komt te luiden\b/i.test(o.tekst.trim())
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
        out.push({
          kind: 'alinea',
          depth: 2,
          ...(o.nummer ? { num: `${o.nummer}.` } : {}),
          runs: [{ text: o.tekst }],
          ...(replacesWholeText(o) ? { heleTekst: true } : {}),
        })
        if (o.inhoud) out.push(...quoted({ ...o, inhoud: o.inhoud }, 2))
      }
      continue
    }
    item.opdrachten.forEach((o, i) => {
      out.push({
        kind: 'alinea',
        depth: 1,
        ...(i === 0 ? { num: item.letter, id } : {}),
        runs: [{ text: o.tekst }],
        ...(replacesWholeText(o) ? { heleTekst: true } : {}),
      })
      if (o.inhoud) out.push(...quoted({ ...o, inhoud: o.inhoud }, 1))
    })
  }
  out.push({ kind: 'kop', rol: 'artikel', level: 1, runs: [{ text: 'ARTIKEL II' }], id: 'art_II' })
  out.push({ kind: 'alinea', depth: 0, runs: [{ text: besluit.artikelII.tekst }] })
  return out
}

/**
 * The quoted new text as indented paragraphs one level below the instruction, from the nodes the
 * amendments stage gives with it (`Opdracht.nieuw`). A lid, onderdeel or bare text (the besluit
 * quotes it without a heading line) is set inside a stand-in article whose heading is left out,
 * so that it is numbered and indented as in its own article. Without nodes (a model not made by
 * `generateAmendment`) the Markdown is quoted as plain paragraphs.
 */
/** What the besluit quotes without a heading line: read as the body of a stand-in article. */
const STAND_IN: ReadonlySet<string> = new Set([
  'lid',
  'onderdeel',
  'subonderdeel',
  'alinea',
  'blok',
  'tabel',
  'aanhef',
  'ondertekening',
])

function quoted(opdracht: Opdracht & { inhoud: string }, depth: 1 | 2): PubBlock[] {
  if (!opdracht.nieuw) {
    return opdracht.inhoud
      .split(/\n{2,}/)
      .map((block) => joinLines(block).trim())
      .filter((b) => b !== '')
      .map((b) => quote({ kind: 'alinea', depth: 0, runs: [{ text: b }] }, depth))
  }
  const nodes = opdracht.nieuw.nodes
  let blocks: PubBlock[]
  if (nodes.every((n) => STAND_IN.has(n.type))) {
    // In an article a subonderdeel on its own stands where an onderdeel would.
    const children = nodes.flatMap((n) =>
      n.type === 'aanhef' || n.type === 'ondertekening'
        ? n.children
        : n.type === 'subonderdeel'
          ? [{ ...n, type: 'onderdeel' as const }]
          : [n],
    )
    // STAND_IN holds only what an article may hold (aanhef and ondertekening give their alinea's).
    const standIn: Artikel = {
      type: 'artikel',
      children: [{ type: 'nummer', value: '0' }, ...(children as Artikel['children'])],
    }
    blocks = bodyBlocks([standIn], 1).slice(1)
  } else
    blocks = nodes.flatMap((c): PubBlock[] => {
      if (c.type === 'bijlage') return bijlageBlocks(c)
      if (c.type === 'toelichting') return toelichtingBlocks(c)
      // A title quoted on its own is quoted as a heading.
      if (c.type === 'opschrift') return bodyBlocks([{ type: 'kop', children: c.children }], 1)
      if (c.type === 'aanhef' || c.type === 'ondertekening') return tekstBlocks(c.children, 0, 1)
      return bodyBlocks([c as BodyContent], 1)
    })
  return blocks.map((b) => quote(b, depth))
}

function quote(b: PubBlock, depth: 1 | 2): PubBlock {
  if (b.kind === 'tabel' || b.kind === 'ondertekenaars') return b
  const bold = (runs: Run[]) => runs.map((r) => ({ ...r, bold: true }))
  const runs = b.kind === 'kop' ? bold(b.runs) : b.runs
  const nested = Math.min(3, (b.kind === 'alinea' ? b.depth : 0) + depth) as AlineaBlock['depth']
  const block: AlineaBlock = { kind: 'alinea', depth: nested, runs, citaat: true }
  if (b.kind === 'alinea' && b.num) block.num = b.num
  return block
}
