/** `regelwerk amend <oud> <nieuw> [--format md|docx] [--out F]`: the wijzigingsbesluit from old to new. */
import { resolve } from 'node:path'
import { generateAmendment } from '../../amend/generate.js'
import { diffRegelingen } from '../../diff/index.js'
import { renderAmendmentMarkdown } from '../../render/amendment-markdown.js'
import { writeFileAtomic } from '../../util/fs.js'
import { EXIT, UsageError } from '../io.js'
import { loadVersion } from '../load-version.js'

export interface AmendCliOptions {
  format?: string
  out?: string
}

export async function runAmend(oudRef: string, nieuwRef: string, options: AmendCliOptions): Promise<number> {
  const format = options.format ?? 'md'
  if (format !== 'md' && format !== 'docx') throw new UsageError(`Onbekend formaat \`${format}\`; kies uit md, docx`)
  if (format === 'docx' && !options.out)
    throw new UsageError('Een Word-bestand gaat niet naar het scherm: geef `--out wijzigingsbesluit.docx`')
  if (options.out && [oudRef, nieuwRef].some((r) => resolve(options.out as string) === resolve(r)))
    throw new UsageError('`--out` mag geen van beide versies zelf zijn')
  const oud = loadVersion(oudRef)
  if (typeof oud === 'number') return oud
  const nieuw = loadVersion(nieuwRef)
  if (typeof nieuw === 'number') return nieuw
  // loadVersion dates a version without inwerkingtreding in its front-matter by its file name.
  const model = generateAmendment(diffRegelingen(oud.result.tree, nieuw.result.tree))
  if (model.artikelI.items.length === 0) {
    const reden =
      model.redactioneel.length > 0
        ? 'De bepalingen zijn woord voor woord gelijk; alleen opmaak of aantekeningen verschillen (zie de redactionele bijwerking)'
        : 'De versies hebben dezelfde tekst; er is niets te wijzigen'
    process.stderr.write(`${nieuw.path}:1:1: waarschuwing ${reden} [wijziging-leeg]\n`)
  }
  let output: string | Uint8Array
  if (format === 'docx') {
    const { renderAmendmentDocx } = await import('../../render/amendment-docx.js')
    output = await renderAmendmentDocx(model)
  } else output = renderAmendmentMarkdown(model)
  if (model.grofheid === 'regeling')
    process.stderr.write(
      `${nieuw.path}:1:1: waarschuwing Het besluit vervangt de hele tekst: ${model.reden ?? 'de verschillen zijn niet per bepaling te beschrijven'} [wijziging-geheel]\n`,
    )
  if (options.out) {
    writeFileAtomic(options.out, output)
    const n = model.artikelI.items.length
    process.stderr.write(`${options.out}: ${n} ${n === 1 ? 'onderdeel' : 'onderdelen'} in ARTIKEL I\n`)
  } else process.stdout.write(output)
  return EXIT.ok
}
