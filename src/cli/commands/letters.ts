/**
 * `regelwerk letters <sjabloon> <gegevens> [--out MAP] [--date D] [--strict] [--resume]
 * [--one-file] [--dry-run] [--jobs N]`: one `.docx` per good row, `manifest.json`, and a report of
 * every problem (stderr and `fouten.txt`). Exit 1 when any row failed; the good rows are written
 * anyway. `--jobs` defaults to 1: on the 2-core machine this was measured on, worker threads did
 * not make a batch faster (the main thread and the file system already use the second core) and
 * each costs the memory of its own template and regulations; with more cores they help.
 * Messages show the row's line and personnel number, never other personal data.
 */
import { closeSync, openSync, readSync } from 'node:fs'
import { basename, join } from 'node:path'
import { VFile } from 'vfile'
import { houseStyleOf, MAX_JOBS, runBatch } from '../../assemble/batch.js'
import { formatRowMessage } from '../../assemble/data.js'
import { loadTemplate } from '../../assemble/template.js'
import { parseDatum } from '../../assemble/values.js'
import { HouseStyleError } from '../../render/docx-letter.js'
import { inputProblem } from '../../util/limits.js'
import { fout } from '../../util/messages.js'
import { counts, EXIT, plural, printMessages, UsageError } from '../io.js'

export interface LettersOptions {
  out?: string
  date?: string
  strict?: boolean
  resume?: boolean
  oneFile?: boolean
  dryRun?: boolean
  jobs?: string
}

/** Rough number of rows (lines minus the header), for the progress bar's ETA. */
function roughRows(path: string): number {
  try {
    const fd = openSync(path, 'r')
    const buf = Buffer.alloc(1 << 20)
    let lines = 0
    let n: number
    // biome-ignore lint/suspicious/noAssignInExpressions: a read loop
    while ((n = readSync(fd, buf, 0, buf.length, null)) > 0) for (let i = 0; i < n; i++) if (buf[i] === 10) lines++
    closeSync(fd)
    return Math.max(1, lines - 1)
  } catch {
    return 1
  }
}

function progress(total: number): ((done: number) => void) | undefined {
  if (!process.stderr.isTTY || total < 50) return undefined
  const start = Date.now()
  let last = 0
  return (done) => {
    const now = Date.now()
    if (now - last < 100 && done < total) return
    last = now
    const f = Math.min(1, done / total)
    const width = 30
    const bar = '█'.repeat(Math.round(f * width)).padEnd(width, '░')
    const rate = done / Math.max(0.001, (now - start) / 1000)
    const eta = Math.max(0, Math.round((total - done) / Math.max(rate, 1)))
    process.stderr.write(`\r${bar} ${done}/${total} rijen, ${Math.round(rate)}/s, nog ± ${eta} s   `)
    if (done >= total) process.stderr.write('\n')
  }
}

export async function runLetters(templatePath: string, dataPath: string, options: LettersOptions): Promise<number> {
  let datum: string | undefined
  if (options.date !== undefined) {
    const d = parseDatum(options.date)
    if (!d.ok)
      throw new UsageError(
        `\`--date ${options.date}\` is geen bestaande datum; schrijf JJJJ-MM-DD (bijvoorbeeld 2013-02-01)`,
      )
    datum = d.value
  }
  let jobs = 1
  if (options.jobs !== undefined) {
    jobs = Number(options.jobs)
    if (!/^\d+$/.test(options.jobs) || jobs < 1)
      throw new UsageError(
        `\`--jobs ${options.jobs}\` is geen aantal; geef een geheel getal van 1 of meer (bijvoorbeeld 2)`,
      )
    jobs = Math.min(jobs, MAX_JOBS)
  }
  const { template, file } = loadTemplate(templatePath)
  printMessages(file, templatePath)
  if (!template) {
    const c = counts(file.messages)
    process.stderr.write(`Het sjabloon heeft ${plural(c.fouten, 'fout', 'fouten')}; er zijn geen brieven gemaakt.\n`)
    return EXIT.input
  }
  // The data must be a regular file within the input limit (src/util/limits.ts): `/dev/zero` or a
  // FIFO would never end, here (row count) or in the reader.
  const dataProblem = inputProblem(dataPath, 'gegevens')
  if (dataProblem) {
    const dataFile = new VFile({ path: dataPath })
    fout(dataFile, dataProblem.reason, { line: 1, column: 1 }, dataProblem.ruleId)
    printMessages(dataFile, dataPath)
    return EXIT.input
  }
  const outDir = options.out ?? join('output', basename(templatePath).replace(/\.md$/, ''))
  try {
    if (!options.dryRun) houseStyleOf(template)
  } catch (error) {
    if (error instanceof HouseStyleError) {
      process.stderr.write(`fout: ${error.message}\n`)
      return EXIT.input
    }
    throw error
  }
  const result = await runBatch({
    template,
    dataPath,
    outDir,
    ...(datum ? { datum } : {}),
    strict: options.strict === true,
    resume: options.resume === true,
    oneFile: options.oneFile === true,
    dryRun: options.dryRun === true,
    jobs,
    onRow: options.dryRun ? undefined : progress(roughRows(dataPath)),
    onDryRun: (line) => process.stdout.write(`${line}\n`),
  })
  for (const m of result.fouten) process.stderr.write(`${formatRowMessage(m)}\n`)
  const written = result.brieven - result.overgeslagen
  const bad = result.fouten.length
  if (options.dryRun) {
    process.stderr.write(
      `${plural(result.rijen, 'rij', 'rijen')} gecontroleerd: ${plural(result.brieven, 'brief', 'brieven')} mogelijk, ${plural(bad, 'fout', 'fouten')}.\n`,
    )
  } else {
    const where = result.oneFile ? `in ${join(outDir, result.oneFile)}` : `in ${outDir}`
    const skipped = result.overgeslagen ? ` (${result.overgeslagen} al aanwezig, overgeslagen)` : ''
    process.stderr.write(
      `${plural(written, 'brief', 'brieven')} geschreven ${where}${skipped}; ${plural(bad, 'fout', 'fouten')}${bad ? ` (zie ${join(outDir, 'fouten.txt')})` : ''}; manifest: ${join(outDir, 'manifest.json')}\n`,
    )
  }
  return bad > 0 ? EXIT.input : EXIT.ok
}

/** For the demo: both shipped templates on the sample data, into `outDir`. Returns the exit status. */
export async function runLettersDemo(outDir: string): Promise<number> {
  const a = await runLetters('templates/statusbrief.md', 'templates/voorbeelden/medewerkers.csv', {
    out: join(outDir, 'statusbrieven'),
  })
  const b = await runLetters('templates/plaatsingsbesluit.md', 'templates/voorbeelden/medewerkers.csv', {
    out: join(outDir, 'plaatsingsbesluiten'),
  })
  return Math.max(a, b)
}
