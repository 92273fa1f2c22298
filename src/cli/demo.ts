/**
 * `npm start`: the demo. Checks every bundled regulation, writes its canonical Markdown and its
 * tree as JSON to `output/`, and prints a short Dutch summary with the paths written. Then runs the
 * other commands on the bundled data as a user would type them (each printed as `$ regelwerk …`),
 * writing into `output/`.
 */

import { join, relative } from 'node:path'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { formatRegeling } from '../format/markdown.js'
import type { Regeling } from '../model/nodes.js'
import { parseRegeling } from '../parse/index.js'
import { collectMarkdown, writeFileAtomic } from '../util/fs.js'
import { formatMessage, hasErrors, sortMessages } from '../util/messages.js'
import { checkRegeling } from '../validate/index.js'
import { DEMO_FORMATEN, DEMO_PUBLICATIES, type DemoPublicatie, demoArgv } from './demo-publicaties.js'
import { main as cli } from './index.js'
import { counts, plural, readInput } from './io.js'

const OUTPUT = 'output'

function countType(tree: Regeling, type: string): number {
  let n = 0
  visit(tree, type, () => {
    n++
  })
  return n
}

interface Step {
  title: string
  argv: string[]
  expected?: number
  note?: string
}

/** `publish` of one publication file in every format; the title stands above the first. */
function publishSteps(p: DemoPublicatie): Step[] {
  return DEMO_FORMATEN.map((format, i) => ({
    title: i === 0 ? p.title : '',
    argv: demoArgv(join(OUTPUT, 'publicatie'), p, format),
  }))
}

/** The commands the demo runs after the check, as a user would type them. */
const STEPS: Step[] = [
  {
    title: 'Renvooi (Word, met bijgehouden wijzigingen) van een echte wijziging van de Ambtenarenwet',
    argv: [
      'diff',
      'ambtenarenwet@2011-01-01',
      'ambtenarenwet@2011-07-01',
      '--format',
      'docx',
      '--out',
      join(OUTPUT, 'diff', 'ambtenarenwet-2011-renvooi.docx'),
    ],
  },
  {
    title: 'Dezelfde wijziging als was-wordttabel (Word)',
    argv: [
      'diff',
      'ambtenarenwet@2011-01-01',
      'ambtenarenwet@2011-07-01',
      '--format',
      'docx',
      '--was-wordt',
      '--out',
      join(OUTPUT, 'diff', 'ambtenarenwet-2011-was-wordt.docx'),
    ],
  },
  {
    title: 'En als HTML-pagina (was-wordttabel en renvooi)',
    argv: [
      'diff',
      'ambtenarenwet@2011-01-01',
      'ambtenarenwet@2011-07-01',
      '--format',
      'html',
      '--out',
      join(OUTPUT, 'diff', 'ambtenarenwet-2011.html'),
    ],
  },
  {
    title:
      'CAR-UWO per 1 september 2015: de ledenbrief Lbr. 15/069 toegepast op de tekst ervóór (artikel 1:2c komt erbij)',
    argv: [
      'apply',
      join('regulations', 'car-uwo', 'basis', 'voor-lbr-15-069.md'),
      join('regulations', 'ledenbrieven', 'lbr-15-069.md'),
      '--out',
      join(OUTPUT, 'wijzigingen', 'car-uwo-2015-09-07.md'),
    ],
  },
  {
    title:
      'Het wijzigingsbesluit dat een echte wijziging van de Wet aanpassing arbeidsduur beschrijft (Markdown en Word)',
    argv: [
      'amend',
      'wet-aanpassing-arbeidsduur@2011-09-14',
      'wet-aanpassing-arbeidsduur@2015-03-05',
      '--out',
      join(OUTPUT, 'wijzigingen', 'wet-aanpassing-arbeidsduur-2015.md'),
    ],
  },
  {
    title: '',
    argv: [
      'amend',
      'wet-aanpassing-arbeidsduur@2011-09-14',
      'wet-aanpassing-arbeidsduur@2015-03-05',
      '--format',
      'docx',
      '--out',
      join(OUTPUT, 'wijzigingen', 'wet-aanpassing-arbeidsduur-2015.docx'),
    ],
  },
  {
    title: 'En terug: dat wijzigingsbesluit toegepast op de oude versie geeft de nieuwe',
    argv: [
      'apply',
      'wet-aanpassing-arbeidsduur@2011-09-14',
      join(OUTPUT, 'wijzigingen', 'wet-aanpassing-arbeidsduur-2015.md'),
      '--out',
      join(OUTPUT, 'wijzigingen', 'wet-aanpassing-arbeidsduur-2015-03-05.md'),
    ],
  },
  {
    title: 'Statusbrieven (artikel 10, eerste lid, van het sociaal statuut) voor de fictieve voorbeeldmedewerkers',
    argv: [
      'letters',
      join('templates', 'statusbrief.md'),
      join('templates', 'voorbeelden', 'medewerkers.csv'),
      '--out',
      join(OUTPUT, 'statusbrieven'),
    ],
    expected: 1,
    note: 'De voorbeelddata bevat met opzet een paar foute rijen (zoals schaal `1O`): die worden gemeld en overgeslagen, de goede rijen worden wel geschreven.',
  },
  {
    title: 'Plaatsingsbesluiten (artikel 21, tweede lid, met de inpassing van artikel 11)',
    argv: [
      'letters',
      join('templates', 'plaatsingsbesluit.md'),
      join('templates', 'voorbeelden', 'medewerkers.csv'),
      '--out',
      join(OUTPUT, 'plaatsingsbesluiten'),
    ],
    expected: 1,
    note: 'Ook hier worden de met opzet foute rijen gemeld en overgeslagen.',
  },
  ...DEMO_PUBLICATIES.flatMap(publishSteps),
]

async function runSteps(): Promise<number> {
  let worst = 0
  for (const { title, argv, expected = 0, note } of STEPS) {
    if (title) process.stdout.write(`\n${title}\n`)
    process.stdout.write(`$ regelwerk ${argv.map((a) => (/[\s"]/.test(a) ? JSON.stringify(a) : a)).join(' ')}\n`)
    const status = await cli(argv)
    if (status === expected && note) process.stdout.write(`(${note})\n`)
    if (status !== expected) {
      process.stdout.write(`Let op: deze stap eindigde met status ${status} (verwacht: ${expected}).\n`)
      worst = Math.max(worst, status === 0 ? 1 : status)
    }
  }
  return worst
}

function checkAll(): number {
  const { files } = collectMarkdown(['regulations'])
  const written: string[] = []
  let fouten = 0
  let waarschuwingen = 0
  const rows: string[] = []
  const reports: Array<{ file: VFile; path: string }> = []
  for (const path of files) {
    const file = readInput(path)
    const result = parseRegeling(file)
    if (result.text !== undefined) checkRegeling(result, file)
    const c = counts(file.messages)
    fouten += c.fouten
    waarschuwingen += c.waarschuwingen
    reports.push({ file, path })
    if (hasErrors(file)) continue
    const rel = relative('regulations', path)
    const md = join(OUTPUT, 'fmt', rel)
    const json = join(OUTPUT, 'tree', rel.replace(/\.md$/, '.json'))
    writeFileAtomic(md, formatRegeling(result.tree, { frontMatter: result.frontMatter.yaml || undefined }))
    writeFileAtomic(json, `${JSON.stringify(result.tree, (k, v) => (k === 'position' ? undefined : v), 2)}\n`)
    written.push(md, json)
    rows.push(summaryRow(rel, result.tree, c))
  }
  const out = process.stdout
  out.write('regelwerk demo: gebundelde regelingen gecontroleerd en opgemaakt\n\n')
  out.write(`${rows.join('\n')}\n\n`)
  if (fouten + waarschuwingen > 0) out.write('Meldingen:\n')
  for (const { file, path } of reports) {
    for (const m of sortMessages(file.messages)) out.write(`  ${formatMessage(m, path)}\n`)
  }
  if (fouten + waarschuwingen > 0) out.write('\n')
  out.write(
    `${plural(files.length, 'bestand', 'bestanden')}: ${plural(fouten, 'fout', 'fouten')}, ${plural(waarschuwingen, 'waarschuwing', 'waarschuwingen')}\n`,
  )
  out.write(
    `Standaardvorm in ${join(OUTPUT, 'fmt')}/, structuur (JSON) in ${join(OUTPUT, 'tree')}/ (${written.length} bestanden)\n`,
  )
  out.write('Probeer ook: ./bin/regelwerk tree regulations/sociaal-statuut-cgm/2013-01-03.md\n')
  return fouten > 0 ? 1 : 0
}

function summaryRow(rel: string, tree: Regeling, c: { fouten: number; waarschuwingen: number }): string {
  const title = String(tree.data.meta.citeertitel ?? tree.data.meta.identificatie ?? '')
  const artikelen = countType(tree, 'artikel')
  const leden = countType(tree, 'lid')
  const status = c.fouten > 0 ? 'FOUT' : c.waarschuwingen > 0 ? `${c.waarschuwingen}×let op` : 'ok'
  return `  ${rel.padEnd(48)} ${title.slice(0, 40).padEnd(40)} ${String(artikelen).padStart(4)} art. ${String(leden).padStart(4)} leden  ${status}`
}

const checked = checkAll()
const steps = await runSteps()
process.exitCode = Math.max(checked, steps)
