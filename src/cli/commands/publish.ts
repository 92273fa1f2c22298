/**
 * `regelwerk publish <bestand> [--format docx|html|json|drop] [--out F] [--hele-tekst]`: gemeenteblad
 * text and metadata. `drop` writes the Word file for DROP and, next to it, the metadata sheet
 * (`<naam>-metadata.json` and `<naam>-metadata.html`): all three or none.
 */
import { rmSync } from 'node:fs'
import { resolve } from 'node:path'
import { dropMetadata, dropMetadataHtml, dropMetadataJson } from '../../publish/drop.js'
import { metadataJson, preparePublication } from '../../publish/index.js'
import { writeFileAtomic } from '../../util/fs.js'
import { hasErrors } from '../../util/messages.js'
import { counts, EXIT, plural, printMessages, readInput, UsageError } from '../io.js'

export interface PublishCliOptions {
  format?: string
  out?: string
  heleTekst?: boolean
}

const FORMATS = ['docx', 'html', 'json', 'drop'] as const

/** The metadata sheets written next to the DROP Word file. */
export function dropSheetPaths(out: string): { json: string; html: string } {
  const stem = out.replace(/\.docx$/i, '')
  return { json: `${stem}-metadata.json`, html: `${stem}-metadata.html` }
}
type Format = (typeof FORMATS)[number]

export async function runPublish(path: string, options: PublishCliOptions): Promise<number> {
  const format = (options.format ?? 'html') as Format
  if (!FORMATS.includes(format)) throw new UsageError(`Onbekend formaat \`${format}\`; kies uit ${FORMATS.join(', ')}`)
  if ((format === 'docx' || format === 'drop') && !options.out)
    throw new UsageError('Een Word-bestand gaat niet naar het scherm: geef `--out publicatie.docx`')
  if (format === 'drop' && options.out && !/\.docx$/i.test(options.out))
    throw new UsageError('Bij `--format drop` is `--out` het Word-bestand: geef een naam die eindigt op `.docx`')
  if (options.out && resolve(options.out) === resolve(path))
    throw new UsageError('`--out` mag niet het publicatiebestand zelf zijn')

  const file = readInput(path)
  if (hasErrors(file)) {
    printMessages(file, path)
    return EXIT.input
  }
  const prepared = preparePublication(file, { heleTekst: options.heleTekst === true })
  let fouten = 0
  for (const f of [...prepared.sources.files, file]) {
    printMessages(f, f.path)
    fouten += counts(f.messages).fouten
  }
  const publicatie = prepared.publicatie
  if (fouten > 0 || !publicatie) {
    process.stderr.write(`${path}: ${plural(fouten, 'fout', 'fouten')}; er is niets geschreven\n`)
    return EXIT.input
  }

  if (format === 'drop' && options.out) {
    const { renderPublicationDocx } = await import('../../render/docx-publication.js')
    const docx = await renderPublicationDocx(publicatie, 'drop')
    const sheet = dropMetadata(publicatie)
    const paths = dropSheetPaths(options.out)
    const files: Array<[string, string | Uint8Array]> = [
      [options.out, docx],
      [paths.json, dropMetadataJson(sheet)],
      [paths.html, dropMetadataHtml(sheet)],
    ]
    const written: string[] = []
    try {
      for (const [path, data] of files) {
        writeFileAtomic(path, data)
        written.push(path)
      }
    } catch (error) {
      // All three or none: a Word file without its sheet would be filled in from memory.
      for (const path of written) rmSync(path, { force: true })
      throw error
    }
    process.stderr.write(
      `${options.out}: Word-bestand voor DROP van ${publicatie.opschrift} geschreven, met de gegevens in ${paths.json} en ${paths.html}\n`,
    )
    return EXIT.ok
  }

  let output: string | Uint8Array
  switch (format) {
    case 'json':
      output = metadataJson(publicatie.metadata)
      break
    case 'docx': {
      const { renderPublicationDocx } = await import('../../render/docx-publication.js')
      output = await renderPublicationDocx(publicatie)
      break
    }
    default: {
      const { renderPublicationHtml } = await import('../../render/html-publication.js')
      output = renderPublicationHtml(publicatie)
    }
  }
  if (options.out) {
    writeFileAtomic(options.out, output)
    const wat = format === 'json' ? 'metadata' : 'publicatietekst'
    process.stderr.write(`${options.out}: ${wat} van ${publicatie.opschrift} geschreven\n`)
  } else process.stdout.write(output)
  return EXIT.ok
}
