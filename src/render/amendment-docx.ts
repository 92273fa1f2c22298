/**
 * A wijzigingsbesluit as a Word document: the same text as the Markdown, ARTIKEL headings bold,
 * item letters on a line of their own and the new text indented, as a printed besluit shows it.
 */
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx'
import type { Wijzigingsbesluit } from '../amend/model.js'

const INDENT = { left: 567 }

function para(text: string, options: { bold?: boolean; indent?: boolean; center?: boolean } = {}): Paragraph {
  return new Paragraph({
    children: [new TextRun({ text, bold: options.bold ?? false })],
    spacing: { after: 120 },
    ...(options.indent ? { indent: INDENT } : {}),
    ...(options.center ? { alignment: AlignmentType.CENTER } : {}),
  })
}

/** New text (regulation Markdown) as indented paragraphs, headings without their `#` marks. */
function inhoud(markdown: string): Paragraph[] {
  return markdown
    .split(/\n{2,}/)
    .map((block) =>
      block
        .replace(/^#+\s*/, '')
        .replace(/\\([.\\*_[\]()#-])/g, '$1')
        .replace(/\s*\n\s*/g, ' '),
    )
    .filter((b) => b.trim() !== '')
    .map((b) => para(b, { indent: true }))
}

/** The besluit as `.docx` bytes. */
export async function renderAmendmentDocx(model: Wijzigingsbesluit): Promise<Uint8Array> {
  const children: Paragraph[] = [para(model.opschrift, { bold: true }), para('ARTIKEL I', { bold: true })]
  children.push(para(model.artikelI.aanhef))
  for (const item of model.artikelI.items) {
    children.push(para(item.letter, { bold: true }))
    if (item.aanhef) children.push(para(item.aanhef))
    for (const o of item.opdrachten) {
      children.push(para(o.nummer ? `${o.nummer}. ${o.tekst}` : o.tekst))
      if (o.inhoud !== undefined) children.push(...inhoud(o.inhoud))
    }
  }
  children.push(para('ARTIKEL II', { bold: true }), para(model.artikelII.tekst))
  const doc = new Document({ sections: [{ children }] })
  return new Uint8Array(await Packer.toBuffer(doc))
}
