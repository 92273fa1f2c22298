/**
 * A wijzigingsbesluit as a Word document in the house styles of the renvooi (named styles, A4,
 * nl-NL): the opschrift as title, ARTIKEL I and II as headings, each item letter as a heading of
 * its own, the instructions as body text, and the new text of an instruction as the regulation
 * itself shows it (article heading, numbered leden and onderdelen), drawn from the aligned tree the
 * amendments stage gives with it (`Opdracht.nieuw`).
 * The unsigned redactionele bijwerking is not part of the besluit and is left out.
 */
import { Document, type FileChild, Packer, Paragraph, type Table, TextRun } from 'docx'
import type { Opdracht, Wijzigingsbesluit } from '../model/amendment.js'
import { joinLines } from '../util/text.js'
import { coreXml, fixZipTimestamps, regelingParagraphs } from './docx-renvooi.js'
import { documentStyles, PAGE, STYLE, type StyleId } from './docx-style.js'

function para(style: StyleId, text: string): Paragraph {
  return new Paragraph({ style, children: [new TextRun(text)] })
}

/**
 * The new text of an instruction as paragraphs in the regulation's styles. An instruction that
 * carries only its Markdown (a model not made by `generateAmendment`) is written as plain paragraphs.
 */
function inhoud(opdracht: Opdracht & { inhoud: string }): Array<Paragraph | Table> {
  if (opdracht.nieuw) {
    const paragraphs = regelingParagraphs(opdracht.nieuw.weergave)
    if (paragraphs.length > 0) return paragraphs
  }
  return opdracht.inhoud
    .split(/\n{2,}/)
    .map((block) => joinLines(block).trim())
    .filter((b) => b !== '')
    .map((b) => para(STYLE.normal, b))
}

/** The frame around ARTIKEL I and II (see `besluitKader` in the amendments stage). */
export interface AmendmentDocxOptions {
  /** Paragraphs between the opschrift and ARTIKEL I, the last one `besluit:`. */
  aanhef?: readonly string[]
  /** Paragraphs after ARTIKEL II: `Aldus vastgesteld op …`. */
  ondertekening?: readonly string[]
}

/** The besluit as `.docx` bytes; the same model gives the same bytes. */
export async function renderAmendmentDocx(
  model: Wijzigingsbesluit,
  options: AmendmentDocxOptions = {},
): Promise<Uint8Array> {
  const children: FileChild[] = [
    para(STYLE.title, model.opschrift),
    ...(options.aanhef ?? []).map((p) => para(STYLE.normal, p)),
    para(STYLE.heading1, 'ARTIKEL I'),
    para(STYLE.normal, model.artikelI.aanhef),
  ]
  for (const item of model.artikelI.items) {
    children.push(para(STYLE.heading4, item.letter))
    if (item.aanhef) children.push(para(STYLE.normal, item.aanhef))
    for (const o of item.opdrachten) {
      children.push(para(STYLE.normal, o.nummer ? `${o.nummer}. ${o.tekst}` : o.tekst))
      if (o.inhoud !== undefined) children.push(...inhoud({ ...o, inhoud: o.inhoud }))
    }
  }
  children.push(para(STYLE.heading1, 'ARTIKEL II'), para(STYLE.normal, model.artikelII.tekst))
  children.push(...(options.ondertekening ?? []).map((p) => para(STYLE.normal, p)))
  // Dated with the inwerkingtreding, never the clock: the same besluit gives the same bytes.
  const day = model.artikelII.inwerkingtreding ?? '2000-01-01'
  const date = new Date(`${day}T00:00:00Z`)
  const iso = date.toISOString().replace(/\.\d{3}Z$/, 'Z')
  const doc = new Document({
    creator: 'regelwerk',
    lastModifiedBy: 'regelwerk',
    title: model.opschrift,
    styles: documentStyles(),
    sections: [{ properties: PAGE, children }],
  })
  const zip = await Packer.toBuffer(doc, false, [
    { path: 'docProps/core.xml', data: coreXml(model.opschrift, model.artikelI.aanhef, 'regelwerk', iso) },
  ])
  return fixZipTimestamps(new Uint8Array(zip.buffer, zip.byteOffset, zip.byteLength), date)
}
