/** One form of the phrasing catalogue (test/fixtures/amend-catalogue/<vorm>/besluit.md) applied to its base. */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { VFile } from 'vfile'
import { parse as parseYaml } from 'yaml'
import { applyBesluit } from '../../src/amend/apply.js'
import { parseAmendment } from '../../src/amend/parse-amendment.js'
import { formatRegeling } from '../../src/format/markdown.js'
import { parseRegeling } from '../../src/parse/index.js'
import { ROOT } from '../helpers.js'

export const CATALOGUE = join(ROOT, 'test', 'fixtures', 'amend-catalogue')

export function runForm(dir: string) {
  // A form whose base must be another real text (a list of gedachtestreepjes) has its own `basis.md`.
  const own = join(CATALOGUE, dir, 'basis.md')
  const basePath = existsSync(own) ? own : join(CATALOGUE, 'basis-statuut.md')
  const base = parseRegeling(new VFile({ path: basePath, value: readFileSync(basePath, 'utf8') })).tree
  const path = join(CATALOGUE, dir, 'besluit.md')
  const text = readFileSync(path, 'utf8')
  const file = new VFile({ path: 'besluit.md', value: text })
  const read = parseAmendment(text, file)
  const result = applyBesluit(base, read, file)
  const meta = parseYaml(text.split('---')[1] ?? '') as Record<string, string>
  return {
    meta,
    result,
    body: result ? formatRegeling({ ...result.tree, data: { meta: {} } }) : undefined,
    baseBody: formatRegeling({ ...base, data: { meta: {} } }),
    meldingen: file.messages.map((m) => `${m.line}:${m.column} ${m.reason} [${m.ruleId}]`),
  }
}
