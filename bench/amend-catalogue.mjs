// The phrasing catalogue of `apply` (issue 14, point 3): every form in
// test/fixtures/amend-catalogue/ applied to its base. Prints how many forms are applied, how many
// are refused with a message, and whether each outcome is the one the fixture expects
// (`verwacht.md` or `melding.txt`; test/amend/catalogue.test.ts asserts the same). Run alone:
// `node bench/amend-catalogue.mjs` (after `npm run build`); `npm run bench` calls it at the end.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { VFile } from 'vfile'
import { parse as parseYaml } from 'yaml'
import { applyBesluit } from '../dist/amend/apply.js'
import { parseAmendment } from '../dist/amend/parse-amendment.js'
import { formatRegeling } from '../dist/format/markdown.js'
import { parseRegeling } from '../dist/parse/index.js'

const catalogue = join(import.meta.dirname, '..', 'test', 'fixtures', 'amend-catalogue')

export function catalogueReport() {
  const baseOf = (dir) => {
    // A form whose base must be another real text has its own `basis.md`.
    const own = join(catalogue, dir, 'basis.md')
    const basePath = existsSync(own) ? own : join(catalogue, 'basis-statuut.md')
    return parseRegeling(new VFile({ path: basePath, value: readFileSync(basePath, 'utf8') })).tree
  }
  const forms = readdirSync(catalogue).filter((d) => /^\d\d-/.test(d))
  let toegepast = 0
  let geweigerd = 0
  let echt = 0
  const anders = []
  for (const dir of forms) {
    const text = readFileSync(join(catalogue, dir, 'besluit.md'), 'utf8')
    const meta = parseYaml(text.split('---')[1] ?? '') ?? {}
    if (meta.echt === 'ja') echt++
    const file = new VFile({ path: 'besluit.md', value: text })
    const result = applyBesluit(baseOf(dir), parseAmendment(text, file), file)
    const meldingen = file.messages.map((m) => `${m.line}:${m.column} ${m.reason} [${m.ruleId}]`).join('\n')
    const verwacht = join(catalogue, dir, 'verwacht.md')
    if (result) {
      toegepast++
      const body = formatRegeling({ ...result.tree, data: { meta: {} } })
      if (!existsSync(verwacht) || readFileSync(verwacht, 'utf8') !== body)
        anders.push(`${dir}: toegepast, maar anders dan verwacht`)
    } else {
      geweigerd++
      const melding = join(catalogue, dir, 'melding.txt')
      if (!existsSync(melding) || readFileSync(melding, 'utf8') !== meldingen)
        anders.push(`${dir}: geweigerd, maar anders dan verwacht: ${meldingen.split('\n')[0]}`)
    }
  }
  console.log('Formuleringscatalogus van apply (issue 14, punt 3; test/fixtures/amend-catalogue)')
  console.log(
    `  ${toegepast} van ${forms.length} vormen toegepast, ${geweigerd} geweigerd met een geplaatste melding; ${echt} vormen met een formulering uit een echte tekst`,
  )
  console.log(`  ${forms.length - anders.length} van ${forms.length} uitkomsten zoals de fixture verwacht`)
  for (const a of anders) console.log(`  - ${a}`)
}

if (import.meta.url === `file://${process.argv[1]}`) catalogueReport()
