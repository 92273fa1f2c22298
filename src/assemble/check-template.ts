/**
 * `regelwerk check` on letter templates: a file whose front-matter says `soort: sjabloon` is
 * checked as a template (fields, body, citations) instead of as a regulation; `soort: tekstblok`
 * (a version of the remedy clause) is a plain text version, checked only for its dates.
 */
import type { VFile } from 'vfile'
import { declaredSoort } from '../parse/frontmatter.js'
import { decodeText } from '../parse/index.js'
import { checkTemplateText, isTemplateText } from './template.js'

export function text(file: VFile): string {
  return typeof file.value === 'string' ? file.value : new TextDecoder().decode(file.value as Uint8Array)
}

/** If `file` is a template, check it (messages go onto `file`) and return true. */
export function checkTemplateFile(file: VFile): boolean {
  if (!isTemplateText(text(file))) return false
  const decoded = decodeText(file)
  if (decoded !== undefined) checkTemplateText(decoded, file)
  return true
}

/** Whether `file` is a versioned text block (`soort: tekstblok`), not a regulation. */
export function isTextBlock(file: VFile): boolean {
  return declaredSoort(text(file)) === 'tekstblok'
}
