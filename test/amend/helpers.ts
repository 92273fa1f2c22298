import { VFile } from 'vfile'
import { applyAmendment } from '../../src/amend/apply.js'
import { generateAmendment } from '../../src/amend/generate.js'
import { parseAmendment } from '../../src/amend/parse-amendment.js'
import { diffRegelingen } from '../../src/diff/index.js'
import type { Regeling } from '../../src/model/nodes.js'
import { renderAmendmentMarkdown } from '../../src/render/amendment-markdown.js'

/** amend(a, b) rendered as Markdown, read back and applied to a: the whole user path. */
export function roundTrip(oud: Regeling, nieuw: Regeling) {
  const model = generateAmendment(diffRegelingen(oud, nieuw))
  const markdown = renderAmendmentMarkdown(model)
  const file = new VFile({ path: 'wijziging.md', value: markdown })
  const read = parseAmendment(markdown, file)
  const result = applyAmendment(oud, read, file)
  return { model, markdown, file, read, result }
}
