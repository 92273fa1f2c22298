// Letters bench (issue 7): the same template and data through regelwerk, plain `docx` (a Packer per
// letter) and docxtemplater (an equivalent .docx template), each case in its own process so that
// peak RSS is its own. The data files are made here, not in the measured process. Run alone:
// `node bench/letters.mjs`; `npm run bench` calls it at the end.
import { spawnSync } from 'node:child_process'
import {
  closeSync,
  fdatasyncSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'

const root = join(import.meta.dirname, '..')
const TEMPLATE = join(root, 'templates', 'statusbrief.md')
const SAMPLE = join(root, 'templates', 'voorbeelden', 'medewerkers.csv')

/** `n` good rows: the sample's good rows again and again, each with its own personnel number. */
export function makeCsv(path, n) {
  const lines = readFileSync(SAMPLE, 'utf8')
    .replace(/^\uFEFF/, '')
    .split('\r\n')
  const header = lines[0]
  // Single-line rows without known errors (the sample's bad rows are there to fail).
  const good = lines
    .slice(1)
    .filter(
      (l) =>
        l &&
        !l.startsWith('"') &&
        !/;1O;|Boxmeer|2\.853\.1;/.test(l) &&
        l.split(';').length === header.split(';').length,
    )
  const out = [header]
  for (let i = 0; i < n; i++) {
    const cols = good[i % good.length].split(';')
    cols[0] = String(100000 + i).padStart(6, '0')
    out.push(cols.join(';'))
  }
  writeFileSync(path, `\uFEFF${out.join('\r\n')}\r\n`)
}

async function child(engine, n, dir, jobs) {
  const csv = join(dir, `rows-${n}.csv`)
  const outDir = join(dir, `${engine}-${n}-${jobs}`)
  mkdirSync(outDir, { recursive: true })
  const { loadTemplate } = await import('../dist/assemble/template.js')
  const { template } = loadTemplate(TEMPLATE)
  if (!template) throw new Error('sjabloon heeft fouten')
  let t0
  let count = 0
  if (engine === 'regelwerk') {
    const { runBatch } = await import('../dist/assemble/batch.js')
    t0 = performance.now()
    const r = await runBatch({ template, dataPath: csv, outDir, jobs })
    count = r.brieven
  } else {
    const { readRows } = await import('../dist/assemble/data.js')
    const { assembleLetter } = await import('../dist/assemble/assemble.js')
    const rows = []
    for await (const row of readRows(csv, template.fields)) rows.push(row.values)
    const letters = rows.map((v) => assembleLetter(template, v).letter)
    if (engine === 'docx') {
      const docx = await import('docx')
      const { documentStyles, PAGE } = await import('../dist/render/docx-style.js')
      const runs = (rs) => rs.map((r) => new docx.TextRun({ text: r.text, bold: r.bold, italics: r.italic }))
      t0 = performance.now()
      for (const l of letters) {
        const children = []
        for (const b of l.blocks) {
          if (b.type === 'heading')
            children.push(new docx.Paragraph({ heading: docx.HeadingLevel.HEADING_2, children: runs(b.runs) }))
          else if (b.type === 'paragraph')
            for (const line of b.lines) children.push(new docx.Paragraph({ children: runs(line) }))
          else if (b.type === 'table')
            children.push(
              new docx.Table({
                rows: b.rows.map(
                  (r) =>
                    new docx.TableRow({
                      children: r.map(
                        (c) => new docx.TableCell({ children: [new docx.Paragraph({ children: runs(c) })] }),
                      ),
                    }),
                ),
              }),
            )
        }
        const doc = new docx.Document({
          styles: documentStyles(),
          sections: [
            {
              properties: PAGE,
              headers: { default: new docx.Header({ children: [new docx.Paragraph('Samenwerkingsverband CGM')] }) },
              footers: {
                default: new docx.Footer({
                  children: [
                    new docx.Paragraph({
                      children: [
                        new docx.TextRun({
                          children: ['pagina ', docx.PageNumber.CURRENT, ' van ', docx.PageNumber.TOTAL_PAGES],
                        }),
                      ],
                    }),
                  ],
                }),
              },
              children,
            },
          ],
        })
        writeFileSync(join(outDir, `${l.bestandsnaam}.docx`), await docx.Packer.toBuffer(doc))
        count++
      }
    } else {
      const PizZip = (await import('pizzip')).default
      const Docxtemplater = (await import('docxtemplater')).default
      const tpl = readFileSync(join(dir, 'docxtemplater-sjabloon.docx'))
      t0 = performance.now()
      rows.forEach((v, i) => {
        const l = letters[i]
        const data = Object.fromEntries(
          Object.entries(v).map(([k, x]) => [
            k,
            typeof x === 'object' && x && 'cents' in x ? `€ ${(x.cents / 100).toFixed(2)}` : x,
          ]),
        )
        data.toelagen = (v.toelagen ?? []).map((t) => ({
          omschrijving: t.omschrijving,
          bedrag: `€ ${(t.bedrag.cents / 100).toFixed(2)}`,
          functiegebonden: t.functiegebonden,
        }))
        const doc = new Docxtemplater(new PizZip(tpl), { paragraphLoop: true, linebreaks: true })
        doc.render(data)
        writeFileSync(
          join(outDir, `${l.bestandsnaam}.docx`),
          doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' }),
        )
        count++
      })
    }
  }
  const ms = performance.now() - t0
  const u = process.resourceUsage()
  const cpuMs = (u.userCPUTime + u.systemCPUTime) / 1000
  // The output stays until every case has run: deleting many files makes creating files slower
  // for minutes afterwards on ext4 (see `fileCreation`), which would slow the next case.
  process.stdout.write(JSON.stringify({ engine, n: count, ms, cpuMs, rssMb: u.maxRSS / 1024 }))
}

/** The docxtemplater template: the statusbrief's text with `{tags}`, in the same house style. */
async function docxtemplaterTemplate(dir) {
  const { loadHouseStyle, packDocx } = await import('../dist/render/docx-letter.js')
  const style = loadHouseStyle(readFileSync(join(root, 'templates', 'huisstijl.docx')))
  const p = (t, s = 'Normal') =>
    `<w:p><w:pPr><w:pStyle w:val="${s}"/></w:pPr><w:r><w:t xml:space="preserve">${t}</w:t></w:r></w:p>`
  const row = (a, b, c) =>
    `<w:tr>${[a, b, c]
      .filter((x) => x !== undefined)
      .map((x) => `<w:tc>${p(x, 'Tabeltekst')}</w:tc>`)
      .join('')}</w:tr>`
  const table = (rows) =>
    `<w:tbl><w:tblPr><w:tblStyle w:val="Gegevenstabel"/><w:tblW w:w="9026" w:type="dxa"/></w:tblPr><w:tblGrid><w:gridCol w:w="3600"/><w:gridCol w:w="5426"/></w:tblGrid>${rows}</w:tbl>`
  const body = [
    p('{aanhef} {voorletters} {tussenvoegsel} {achternaam}'),
    p('{adres}'),
    p('{postcode} {woonplaats}'),
    p('Datum: {datum_statusbrief}'),
    p('Ons kenmerk: P&amp;O/statusbrief/{personeelsnummer}'),
    p('Geachte {aanhef} {achternaam},'),
    p(
      'De gemeenten Cuijk, Grave en Mill en Sint Hubert gaan hun ambtelijke organisaties samenvoegen. Op grond van artikel 10, eerste lid, van het Sociaal Statuut Samenwerking CGM 2012 ontvangt u deze statusbrief.',
    ),
    p('Besluit', 'Heading2'),
    table(
      [
        ['Personeelsnummer', '{personeelsnummer}'],
        ['Werkgever', 'gemeente {gemeente}'],
        ['Functie', '{functie}'],
        ['Afdeling', '{afdeling}'],
        ['Aard van de aanstelling', '{aard_aanstelling}'],
        ['Omvang', '{uren} uur per week'],
        ['Salarisschaal', 'schaal {schaal}'],
        ['Periodiek', '{trede}'],
        ['Salaris per maand', '{salaris}'],
      ]
        .map(([a, b]) => row(a, b))
        .join(''),
    ),
    p('Toelagen', 'Heading2'),
    `<w:tbl><w:tblPr><w:tblStyle w:val="Gegevenstabel"/></w:tblPr><w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/><w:gridCol w:w="3026"/></w:tblGrid>${row('Toelage', 'Bedrag', 'Functiegebonden')}${row('{#toelagen}{omschrijving}', '{bedrag}', '{functiegebonden}{/toelagen}')}</w:tbl>`,
    p('Grondslag', 'Heading2'),
    p(
      '1. Alle medewerkers die vallen onder de werkingssfeer van dit Sociaal Statuut krijgen in het 1e kwartaal 2013 een statusbrief. De statusbrief is een rechtspositioneel besluit.',
      'Citaat',
    ),
    p('Met vriendelijke groet,'),
    p('Bent u het niet eens met dit besluit? Dan kunt u binnen zes weken bezwaar maken.', 'Rechtsmiddel'),
  ].join('')
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${style.documentOpen}<w:body>${body}${style.sectPr}</w:body></w:document>`
  writeFileSync(join(dir, 'docxtemplater-sjabloon.docx'), packDocx(style, xml, 'Statusbrief', '2013-02-15'))
}

function run(engine, n, dir, jobs = 1) {
  const r = spawnSync(process.execPath, [import.meta.filename, 'child', engine, String(n), dir, String(jobs)], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  })
  if (r.status !== 0) throw new Error(`${engine}: ${r.stderr}`)
  return JSON.parse(r.stdout)
}

/**
 * What creating one new file costs on this disk now, in µs. Every letter is a new file, so this is
 * a floor under the time per letter. On ext4 it varies: after many files were deleted (by anyone)
 * in the last minutes, creating an inode scans past the recently deleted ones (`recently_deleted`
 * in the kernel) and costs up to 1 ms instead of some 50 µs.
 */
function fileCreation(dir) {
  const d = join(dir, 'kalibratie')
  mkdirSync(d)
  const empty = new Uint8Array(0)
  const t = performance.now()
  for (let i = 0; i < 1000; i++) writeFileSync(join(d, `f${i}`), empty)
  return ((performance.now() - t) / 1000) * 1000
}

/**
 * What flushing one new 20 kB file to disk costs now (write + fdatasync, one at a time), in µs. A
 * batch flushes every letter before renaming it (issue 13: no renamed-but-empty files after a
 * power cut); with 16 writes in flight these overlap, but each still costs the kernel work.
 */
function fileFlush(dir) {
  const d = join(dir, 'kalibratie-fsync')
  mkdirSync(d)
  const data = new Uint8Array(20_000).fill(65)
  const t = performance.now()
  for (let i = 0; i < 200; i++) {
    const fd = openSync(join(d, `f${i}`), 'w')
    writeSync(fd, data)
    fdatasyncSync(fd)
    closeSync(fd)
  }
  return ((performance.now() - t) / 200) * 1000
}

export async function lettersBench() {
  const dir = mkdtempSync(join(tmpdir(), 'regelwerk-bench-brieven-'))
  try {
    await docxtemplaterTemplate(dir)
    const N = 10_000
    const BIG = 100_000
    // The peers are 20–100× slower: a fixed sample of the same rows gives their rate in reasonable time.
    const SAMPLE_DOCX = 300
    const SAMPLE_DT = 1_500
    for (const n of new Set([N, BIG, SAMPLE_DOCX, SAMPLE_DT])) makeCsv(join(dir, `rows-${n}.csv`), n)
    const load = loadavg()[0]
    const create = fileCreation(dir)
    const flush = fileFlush(dir)
    const rw = run('regelwerk', N, dir)
    const rwBig = run('regelwerk', BIG, dir)
    const rwJobs = run('regelwerk', N, dir, 2)
    const dx = run('docx', SAMPLE_DOCX, dir)
    const dt = run('docxtemplater', SAMPLE_DT, dir)
    const rate = (r) => r.n / (r.ms / 1000)
    console.log(
      `\nBrieven (statusbrief, zelfde sjabloon en gegevens; elk geval in een eigen proces; belasting bij de start ${load.toFixed(1)} op ${availableParallelism()} kernen)`,
    )
    const line = (name, r) =>
      console.log(
        `  ${name.padEnd(34)} ${String(r.n).padStart(7)} brieven  ${rate(r).toFixed(0).padStart(6)} brieven/s  ${(r.ms / 1000).toFixed(1).padStart(5)} s (cpu ${(r.cpuMs / 1000).toFixed(1)} s)  piek-RSS ${r.rssMb.toFixed(0)} MB`,
      )
    console.log(
      `  een nieuw bestand aanmaken op deze schijf kost nu ${create.toFixed(0)} µs (elke brief is een nieuw bestand); een bestand van 20 kB naar de schijf wegschrijven (fdatasync) ${flush.toFixed(0)} µs`,
    )
    line('regelwerk', rw)
    line('regelwerk, 100.000 rijen', rwBig)
    line('regelwerk --jobs 2', rwJobs)
    line(`docx, Packer per brief (steekproef)`, dx)
    line(`docxtemplater (steekproef)`, dt)
    console.log(
      `  steekproeven: docx ${SAMPLE_DOCX} en docxtemplater ${SAMPLE_DT} brieven uit dezelfde rijen (de hele ${N.toLocaleString('nl-NL')} duurt te lang)`,
    )
    console.log(
      `  verhouding: ${(rate(rw) / rate(dt)).toFixed(1)}× docxtemplater, ${(rate(rw) / rate(dx)).toFixed(1)}× docx Packer (doel: ≥ 2.000/s, ≥ 10× docxtemplater)`,
    )
    console.log(
      `  geheugen: ${rw.n.toLocaleString('nl-NL')} brieven ${rw.rssMb.toFixed(0)} MB, ${rwBig.n.toLocaleString('nl-NL')} brieven ${rwBig.rssMb.toFixed(0)} MB piek-RSS (doel: ≤ 300 MB, vlak in het aantal rijen)`,
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[2] === 'child')
  await child(process.argv[3], Number(process.argv[4]), process.argv[5], Number(process.argv[6] ?? 1))
else if (import.meta.filename === process.argv[1]) await lettersBench()
