/**
 * Flow 6: letters as with Word's mail merge. Choose a template, upload the HR data (.xlsx or
 * .csv): the rows are checked first (`letters --dry-run`) and their problems shown (never a cell
 * value), then a letter of any row is shown in the page (`letters --voorbeeld`), then the batch runs
 * (`runBatch`, as `letters`) with a progress bar, and the letters come as one zip with
 * `manifest.json` and `fouten.txt`.
 *
 * The uploaded data lives in a private temporary folder (mode 0700) that is removed after the zip
 * is downloaded, or an hour after the upload; nothing of it is logged.
 */
import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, relative } from 'node:path'
import { unzipSync, Zip, ZipPassThrough } from 'fflate'
import type { VFileMessage } from 'vfile-message'
import { runBatch } from '../../assemble/batch.js'
import { formatRowMessage } from '../../assemble/data.js'
import { convertToPdf, findSoffice, PdfError } from '../../assemble/pdf.js'
import { loadTemplate, type Template } from '../../assemble/template.js'
import { parseDatum } from '../../assemble/values.js'
import { runVoorbeeld } from '../../assemble/voorbeeld.js'
import { declaredSoort } from '../../parse/frontmatter.js'
import { esc, page, qs } from '../html.js'
import { confine } from '../paths.js'
import { HttpError, type Reply, type Request } from '../server.js'

/** How long uploaded data may stay when nobody downloads the letters. */
export const KEEP_MS = 60 * 60 * 1000

interface Job {
  id: string
  dir: string
  templatePath: string
  template: Template
  dataPath: string
  /** The upload's file name as shown to the user (not logged). */
  dataName: string
  datum: string | undefined
  created: number
  rijen: number
  mogelijk: number
  fouten: string[]
  state: 'gecontroleerd' | 'bezig' | 'klaar' | 'afgebroken'
  done: number
  startedAt: number
  finishedAt: number
  written: number
  batchFouten: number
  problem?: string
}

const jobs = new Map<string, Job>()

function removeJob(job: Job): void {
  jobs.delete(job.id)
  rmSync(job.dir, { recursive: true, force: true })
}

let timer: NodeJS.Timeout | undefined

/** Remove uploads older than an hour (checked every minute), and all of them when the app stops. */
export function startCleanup(): void {
  if (timer) return
  timer = setInterval(() => {
    const now = Date.now()
    for (const job of jobs.values()) if (now - job.created > KEEP_MS && job.state !== 'bezig') removeJob(job)
  }, 60 * 1000)
  timer.unref()
  const all = () => {
    for (const job of jobs.values()) removeJob(job)
  }
  process.once('exit', all)
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      all()
      process.exit(0)
    })
}

function templates(): Array<{ path: string; titel: string }> {
  let names: string[]
  try {
    names = readdirSync('templates').sort()
  } catch {
    return []
  }
  const out: Array<{ path: string; titel: string }> = []
  for (const n of names) {
    if (!n.endsWith('.md')) continue
    const path = `templates/${n}`
    try {
      const text = readFileSync(path, 'utf8')
      if (declaredSoort(text) !== 'sjabloon') continue
      const titel = /^titel:\s*(.+)$/m.exec(text)?.[1]?.trim() ?? n
      out.push({ path, titel })
    } catch {
      // unreadable: not offered
    }
  }
  return out
}

export function form(problem?: string): Reply {
  const options = templates()
    .map((t) => `<option value="${esc(t.path)}">${esc(t.titel)} (${esc(t.path)})</option>`)
    .join('')
  const body = `<h1>Brieven</h1>
<p>Maak brieven zoals met Word Afdruk samenvoegen: kies een sjabloon en het bestand met de medewerkers (Excel <code>.xlsx</code> of <code>.csv</code>). Eerst worden alle rijen gecontroleerd; er wordt nog niets gemaakt.</p>
${problem ? `<p class="fout" role="alert">${esc(problem)}</p>` : ''}
<form method="post" action="/brieven" enctype="multipart/form-data" class="kader">
<p><label for="sjabloon">Sjabloon<select id="sjabloon" name="sjabloon" required>${options}</select></label></p>
<p><label for="gegevens">Gegevens (Excel of CSV)<input type="file" id="gegevens" name="gegevens" accept=".xlsx,.csv" required></label></p>
<p><label for="datum">Briefdatum voor alle brieven (leeg: de datum uit de gegevens)<input type="date" id="datum" name="datum"></label></p>
<p><button type="submit">Controleer de gegevens</button></p>
</form>
<p>De gegevens worden alleen op deze computer bewaard, in een afgeschermde tijdelijke map, en verwijderd na het downloaden van de brieven of na een uur.</p>`
  return { kind: 'html', status: problem ? 400 : 200, body: page({ title: 'Brieven', current: '/brieven' }, body) }
}

export async function upload(req: Request): Promise<Reply> {
  const f = await req.form()
  const sjabloon = String(f.get('sjabloon') ?? '')
  const templatePath = confine(sjabloon, ['templates'])
  const file = f.get('gegevens')
  if (!(file instanceof File) || file.size === 0) return form('Kies het bestand met de gegevens (.xlsx of .csv)')
  const ext = /\.(xlsx|csv)$/i.exec(file.name)?.[1]?.toLowerCase()
  if (!ext) return form('Het gegevensbestand moet een Excel-bestand (.xlsx) of een CSV-bestand (.csv) zijn')
  const datumRaw = String(f.get('datum') ?? '').trim()
  let datum: string | undefined
  if (datumRaw) {
    const d = parseDatum(datumRaw)
    if (!d.ok) return form(`De briefdatum \`${datumRaw.slice(0, 20)}\` is geen bestaande datum`)
    datum = d.value
  }
  const { template, file: tfile } = loadTemplate(templatePath)
  if (!template) {
    const reasons = tfile.messages
      .filter((m) => m.fatal)
      .map((m) => `${templatePath}:${m.line}:${m.column}: ${m.reason}`)
    return form(`Het sjabloon heeft fouten; er worden geen brieven gemaakt. ${reasons.join(' · ')}`)
  }
  // A private folder: mkdtemp makes it 0700 on POSIX; say so explicitly all the same.
  const dir = mkdtempSync(join(tmpdir(), 'regelwerk-brieven-'))
  chmodSync(dir, 0o700)
  const dataName = file.name.replace(/[^\p{L}\p{N}._ -]/gu, '_').slice(0, 100)
  const dataPath = join(dir, `gegevens.${ext}`)
  writeFileSync(dataPath, new Uint8Array(await file.arrayBuffer()), { mode: 0o600 })
  const id = randomBytes(12).toString('hex')
  const job: Job = {
    id,
    dir,
    templatePath,
    template,
    dataPath,
    dataName,
    datum,
    created: Date.now(),
    rijen: 0,
    mogelijk: 0,
    fouten: [],
    state: 'gecontroleerd',
    done: 0,
    startedAt: 0,
    finishedAt: 0,
    written: 0,
    batchFouten: 0,
  }
  jobs.set(id, job)
  try {
    const result = await runBatch({
      template,
      dataPath,
      outDir: join(dir, 'controle'),
      ...(datum ? { datum } : {}),
      dryRun: true,
      onDryRun: () => {},
    })
    job.rijen = result.rijen
    job.mogelijk = result.brieven
    job.fouten = result.fouten.map((m) => shownRowMessage(m, job))
  } catch (error) {
    removeJob(job)
    if (error instanceof Error && 'code' in error) throw error
    throw error
  }
  return { kind: 'redirect', to: `/brieven/${id}` }
}

/** A row message with the upload's name instead of the temporary file's. */
function shownRowMessage(m: VFileMessage, job: Job): string {
  return formatRowMessage(m).replace(/^[^:]*:/, `${job.dataName}:`)
}

function getJob(id: string): Job {
  const job = jobs.get(id)
  if (!job)
    throw new HttpError(
      404,
      'Deze reeks brieven bestaat niet (meer): de gegevens worden na het downloaden of na een uur verwijderd. Begin opnieuw bij Brieven.',
    )
  return job
}

export function status(id: string, req: Request): Reply {
  const job = getJob(id)
  const base = `/brieven/${job.id}`
  const fouten = job.fouten.length
    ? `<h2>Problemen in de gegevens</h2><p class="waarschuwing">${job.fouten.length} ${job.fouten.length === 1 ? 'rij heeft' : 'rijen hebben'} een probleem; voor ${job.fouten.length === 1 ? 'die rij' : 'die rijen'} wordt geen brief gemaakt. De waarden zelf worden niet getoond.</p><ul class="meldingen">${job.fouten
        .slice(0, 500)
        .map((f) => `<li class="fout">${esc(f)}</li>`)
        .join('')}</ul>${job.fouten.length > 500 ? `<p>… en nog ${job.fouten.length - 500}.</p>` : ''}`
    : '<p class="ok">Alle rijen zijn in orde.</p>'
  const regel = req.url.searchParams.get('regel') ?? '2'
  let actie: string
  if (job.state === 'gecontroleerd') {
    actie = `<h2>Voorbeeld</h2>
<form class="rij" method="get" action="${base}/voorbeeld"><label for="regel">Regel in het bestand (2 = eerste rij onder de kopregel)<input type="number" min="1" id="regel" name="regel" value="${esc(regel)}"></label><button type="submit">Toon voorbeeld</button></form>
<h2>Brieven maken</h2>
<form method="post" action="${base}/start"><button type="submit">Maak ${job.mogelijk} ${job.mogelijk === 1 ? 'brief' : 'brieven'}</button></form>`
  } else {
    const pct = job.rijen ? Math.round((100 * job.done) / job.rijen) : 100
    actie = `<h2>Voortgang</h2>
<div id="voortgang" data-url="${base}/voortgang" data-klaar="${job.state !== 'bezig'}">
<progress id="balk" max="${job.rijen}" value="${job.done}" aria-label="Voortgang">${pct}%</progress>
<p id="stand" aria-live="polite">${esc(standText(job))}</p></div>
<p id="download"${job.state === 'klaar' ? '' : ' hidden'}><a class="knop" href="${base}/zip" download>Download de brieven (zip)</a></p>
${job.state === 'bezig' ? '<noscript><p>Vernieuw deze pagina om de voortgang te zien.</p></noscript>' : ''}`
  }
  const body = `<h1>Brieven: ${esc(job.template.titel ?? job.templatePath)}</h1>
<p>Sjabloon <code>${esc(job.templatePath)}</code>, gegevens <strong>${esc(job.dataName)}</strong>: ${job.rijen} ${job.rijen === 1 ? 'rij' : 'rijen'}, ${job.mogelijk} ${job.mogelijk === 1 ? 'brief' : 'brieven'} mogelijk.</p>
${fouten}${actie}`
  return { kind: 'html', body: page({ title: 'Brieven', current: '/brieven', scripts: ['voortgang.js'] }, body) }
}

function standText(job: Job): string {
  if (job.state === 'klaar')
    return `Klaar: ${job.written} ${job.written === 1 ? 'brief' : 'brieven'} gemaakt, ${job.batchFouten} ${job.batchFouten === 1 ? 'fout' : 'fouten'}.`
  if (job.state === 'afgebroken') return `Afgebroken: ${job.problem ?? ''}`
  const elapsed = (Date.now() - job.startedAt) / 1000
  const rate = job.done / Math.max(elapsed, 0.001)
  const left = rate > 0 ? Math.max(0, Math.round((job.rijen - job.done) / rate)) : undefined
  return `${job.done} van ${job.rijen} rijen${left !== undefined ? `, nog ongeveer ${left} ${left === 1 ? 'seconde' : 'seconden'}` : ''}.`
}

export async function voorbeeld(id: string, req: Request): Promise<Reply> {
  const job = getJob(id)
  const regel = Number(req.url.searchParams.get('regel') ?? 2)
  if (!Number.isInteger(regel) || regel < 1)
    throw new HttpError(400, 'Geef het regelnummer als geheel getal (2 = de eerste rij)')
  const outDir = join(job.dir, 'voorbeeld')
  rmSync(outDir, { recursive: true, force: true })
  const r = await runVoorbeeld({
    template: job.template,
    dataPath: job.dataPath,
    outDir,
    regel,
    ...(job.datum ? { datum: job.datum } : {}),
  })
  let inhoud: string
  if (r.geenRij) {
    const near = [r.geenRij.voor, r.geenRij.na].filter((x) => x !== undefined)
    inhoud = `<p class="fout" role="alert">Op regel ${regel} begint geen rij${near.length ? `; rijen beginnen bijvoorbeeld op regel ${near.join(' en ')}` : ''}.</p>`
  } else if (!r.bestand) {
    inhoud = `<p class="fout" role="alert">Geen voorbeeld: de rij op regel ${regel} heeft een probleem.</p><ul class="meldingen">${r.fouten.map((m) => `<li class="fout">${esc(shownRowMessage(m, job))}</li>`).join('')}</ul>`
  } else {
    const docx = readFileSync(join(outDir, r.bestand))
    const pdf = findSoffice()
      ? ` <a href="/brieven/${job.id}/voorbeeld.pdf${qs({ regel })}">Als PDF (gemaakt met LibreOffice)</a>`
      : ''
    inhoud = `<p>Brief <code>${esc(r.bestand)}</code>:${pdf}</p><article class="kader brief" aria-label="Voorbeeldbrief">${docxHtml(docx)}</article>`
  }
  rmSync(outDir, { recursive: true, force: true })
  const body = `<h1>Voorbeeld van regel ${regel}</h1>${inhoud}<p><a href="/brieven/${job.id}${qs({ regel })}">Terug naar de reeks</a></p>`
  return { kind: 'html', body: page({ title: 'Voorbeeldbrief', current: '/brieven' }, body) }
}

/** The preview letter as PDF, through LibreOffice (as `letters --voorbeeld N --pdf`). */
export async function voorbeeldPdf(id: string, req: Request): Promise<Reply> {
  const job = getJob(id)
  const regel = Number(req.url.searchParams.get('regel') ?? 2)
  if (!Number.isInteger(regel) || regel < 1)
    throw new HttpError(400, 'Geef het regelnummer als geheel getal (2 = de eerste rij)')
  const soffice = findSoffice()
  if (!soffice) throw new HttpError(404, 'Voor een PDF is LibreOffice nodig; dat is op deze computer niet gevonden')
  const outDir = join(job.dir, 'voorbeeld-pdf')
  rmSync(outDir, { recursive: true, force: true })
  try {
    const r = await runVoorbeeld({
      template: job.template,
      dataPath: job.dataPath,
      outDir,
      regel,
      ...(job.datum ? { datum: job.datum } : {}),
    })
    if (!r.bestand) throw new HttpError(422, `Op regel ${regel} is geen brief te maken; zie het voorbeeld`)
    let made: Awaited<ReturnType<typeof convertToPdf>>
    try {
      made = await convertToPdf(outDir, [r.bestand], soffice)
    } catch (error) {
      if (error instanceof PdfError) throw new HttpError(500, error.message)
      throw error
    }
    const pdf = made.get(r.bestand)?.pdf
    if (!pdf) throw new HttpError(500, 'LibreOffice heeft geen PDF gemaakt')
    return { kind: 'file', name: pdf, type: 'application/pdf', body: readFileSync(join(outDir, pdf)), inline: true }
  } finally {
    rmSync(outDir, { recursive: true, force: true })
  }
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function unxml(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)))
      : (XML_ENTITIES[e] ?? ''),
  )
}

/**
 * The letter's paragraphs as HTML, read from `word/document.xml`: the text the employee will read,
 * with headings and bold kept. (A PDF would need LibreOffice; the text is what is checked here.)
 */
export function docxHtml(docx: Uint8Array): string {
  const files = unzipSync(docx, { filter: (f) => f.name === 'word/document.xml' })
  const xml = new TextDecoder().decode(files['word/document.xml'])
  const out: string[] = []
  for (const p of xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? []) {
    const style = /<w:pStyle w:val="([^"]+)"/.exec(p)?.[1] ?? ''
    const runs: string[] = []
    for (const r of p.match(/<w:r[ >][\s\S]*?<\/w:r>/g) ?? []) {
      const bold = /<w:b\/>|<w:b w:val="(?:1|true)"\/>/.test(r)
      let text = ''
      for (const t of r.match(/<w:t(?: [^>]*)?>[\s\S]*?<\/w:t>|<w:tab\/>|<w:br\/>/g) ?? []) {
        if (t === '<w:tab/>') text += '\t'
        else if (t === '<w:br/>') text += '\n'
        else text += unxml(t.replace(/^<w:t[^>]*>/, '').replace(/<\/w:t>$/, ''))
      }
      if (text) runs.push(bold ? `<strong>${esc(text)}</strong>` : esc(text))
    }
    const html = runs.join('').replace(/\n/g, '<br>')
    if (!html) continue
    out.push(/^(Heading|Kop)/i.test(style) ? `<p class="kop"><strong>${html}</strong></p>` : `<p>${html}</p>`)
  }
  return out.join('\n')
}

export function start(id: string): Reply {
  const job = getJob(id)
  if (job.state !== 'gecontroleerd') return { kind: 'redirect', to: `/brieven/${job.id}` }
  job.state = 'bezig'
  job.startedAt = Date.now()
  const outDir = join(job.dir, 'brieven')
  runBatch({
    template: job.template,
    dataPath: job.dataPath,
    outDir,
    ...(job.datum ? { datum: job.datum } : {}),
    jobs: 1,
    onRow: (done) => {
      job.done = done
    },
  }).then(
    (result) => {
      job.done = job.rijen
      job.written = result.brieven - result.overgeslagen
      job.batchFouten = result.fouten.length
      job.state = 'klaar'
      job.finishedAt = Date.now()
    },
    (error: unknown) => {
      job.state = 'afgebroken'
      job.problem =
        error instanceof Error && 'code' in error
          ? 'de brieven konden niet worden geschreven (schijf vol of geen toegang tot de tijdelijke map)'
          : 'er ging iets mis in regelwerk'
    },
  )
  return { kind: 'redirect', to: `/brieven/${job.id}` }
}

export function voortgang(id: string): Reply {
  const job = getJob(id)
  return {
    kind: 'json',
    body: {
      klaar: job.state === 'klaar',
      afgebroken: job.state === 'afgebroken',
      gedaan: job.done,
      totaal: job.rijen,
      tekst: standText(job),
    },
  }
}

function listTree(dir: string, base: string, into: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) listTree(path, base, into)
    else into.push(relative(base, path))
  }
}

/**
 * The letters as one zip, streamed file by file (a batch of 10,000 letters is not held in memory):
 * the letters, `manifest.json` and `fouten.txt` (always there; empty when every row gave a letter,
 * its lines naming the uploaded file rather than the temporary copy). The upload is removed after.
 */
export function zip(id: string): Reply {
  const job = getJob(id)
  if (job.state !== 'klaar') throw new HttpError(409, 'De brieven zijn nog niet klaar')
  const outDir = join(job.dir, 'brieven')
  const names: string[] = []
  listTree(outDir, outDir, names)
  const stem = job.templatePath.replace(/^templates[\\/]/, '').replace(/\.md$/, '')
  const fileName = `brieven-${stem}.zip`
  const tempName = basename(job.dataPath)
  return {
    kind: 'stream',
    handle: async (res) => {
      res.writeHead(200, {
        'content-type': 'application/zip',
        'content-disposition': `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      })
      const zipper = new Zip((error, data, final) => {
        if (error) {
          res.destroy(error)
          return
        }
        res.write(data)
        if (final) res.end()
      })
      const add = (name: string, data: Uint8Array) => {
        const entry = new ZipPassThrough(name)
        zipper.add(entry)
        entry.push(data, true)
      }
      try {
        for (const rel of names) {
          let data: Uint8Array = readFileSync(join(outDir, rel))
          if (rel === 'fouten.txt')
            data = new TextEncoder().encode(new TextDecoder().decode(data).split(tempName).join(job.dataName))
          // The manifest names the data file: the uploaded name, not the temporary copy (same sha256).
          if (rel === 'manifest.json')
            data = new TextEncoder().encode(
              new TextDecoder().decode(data).replace(JSON.stringify(job.dataPath), JSON.stringify(job.dataName)),
            )
          add(rel.split(/[\\/]/).join('/'), data)
          if (res.writableNeedDrain) await once(res, 'drain')
        }
        if (!names.includes('fouten.txt')) add('fouten.txt', new Uint8Array())
        zipper.end()
        await once(res, 'finish')
      } finally {
        removeJob(job)
      }
    },
  }
}
