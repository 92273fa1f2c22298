/** `regelwerk publish <bestand> [--format docx|html|json] [--out F]`: gemeenteblad text and metadata. */
import { resolve } from 'node:path'
import { metadataJson, preparePublication } from '../../publish/index.js'
import { writeFileAtomic } from '../../util/fs.js'
import { hasErrors } from '../../util/messages.js'
import { counts, EXIT, plural, printMessages, readInput, UsageError } from '../io.js'

export interface PublishCliOptions {
  format?: string
  out?: string
}

const FORMATS = ['docx', 'html', 'json'] as const
type Format = (typeof FORMATS)[number]

export async function runPublish(path: string, options: PublishCliOptions): Promise<number> {
  const format = (options.format ?? 'html') as Format
  if (!FORMATS.includes(format)) throw new UsageError(`Onbekend formaat \`${format}\`; kies uit ${FORMATS.join(', ')}`)
  if (format === 'docx' && !options.out)
    throw new UsageError('Een Word-bestand gaat niet naar het scherm: geef `--out publicatie.docx`')
  if (options.out && resolve(options.out) === resolve(path))
    throw new UsageError('`--out` mag niet het publicatiebestand zelf zijn')

  const file = readInput(path)
  if (hasErrors(file)) {
    printMessages(file, path)
    return EXIT.input
  }
  const prepared = preparePublication(file)
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
