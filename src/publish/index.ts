/**
 * publish: a publication file and the regulation version(s) it names → the publication model
 * (gemeenteblad text in its standard parts, and its metadata), with the checks of a publication.
 * The renderers (`render/docx-publication.ts`, `render/html-publication.ts`) and `metadataJson`
 * turn the model into the three outputs.
 */
import type { VFile } from 'vfile'
import type { Publicatie, PublicatieMetadata } from '../model/publication.js'
import { type BuildOptions, buildPublication } from './build.js'
import { checkPublication } from './check.js'
import { type PublicatieBestand, readPublicationFile } from './read-publication-file.js'
import { resolveSources, type Sources } from './resolve-sources.js'

export type * from '../model/publication.js'
export {
  type BuildOptions,
  buildPublication,
  normaliseTitle,
  publicationMetadata,
} from './build.js'
export { checkPublication, PUBLICATION_RULES, type PublicationRule, type PublicationRuleContext } from './check.js'
export type { WijzigingDictum } from './dictum-wijziging.js'
export {
  type Ondertekenaar,
  type OndertekeningGegevens,
  PUBLICATION_KEYS,
  type PublicatieBestand,
  readPublicationFile,
} from './read-publication-file.js'
export { bodyBlocks, inlineRuns, runsText } from './regeling-blocks.js'
export { type LoadedVersion, resolveSources, type Sources } from './resolve-sources.js'

export interface PreparedPublication {
  pub: PublicatieBestand
  sources: Sources
  /** Undefined when the regulation could not be read (see the messages). */
  publicatie: Publicatie | undefined
}

/**
 * Read the publication file in `file`, load the versions it names, build and check the
 * publication. Messages go on `file` (the publication file) and on `sources.files` (the
 * regulations); nothing is thrown for content.
 */
export function preparePublication(file: VFile, options: BuildOptions = {}): PreparedPublication {
  const pub = readPublicationFile(file)
  if (file.messages.some((m) => m.fatal === true)) return { pub, sources: { files: [] }, publicatie: undefined }
  const sources = resolveSources(pub, file)
  const publicatie = buildPublication(pub, sources, options)
  if (publicatie) checkPublication({ file, pub, sources, publicatie, heleTekst: options.heleTekst === true })
  return { pub, sources, publicatie }
}

/** The metadata as the JSON `publish --format json` writes (keys in the order the issue lists them). */
export function metadataJson(m: PublicatieMetadata): string {
  return `${JSON.stringify(m, null, 2)}\n`
}
