/**
 * `regelwerk letters <sjabloon> <gegevens> [--out MAP] [--date D] [--strict] [--resume]
 * [--one-file] [--dry-run] [--jobs N] [--blad NAAM]`: one `.docx` per good row, `manifest.json`, and a report of
 * every problem (stderr and `fouten.txt`). Exit 1 when any row failed; the good rows are written
 * anyway. `--jobs` defaults to 1: on the 2-core machine this was measured on, worker threads did
 * not make a batch faster (the main thread and the file system already use the second core) and
 * each costs the memory of its own template and regulations; with more cores they help.
 * The data is CSV, an Excel workbook (`.xlsx`, `--blad` for another sheet than the first) or YAML.
 * Messages show the row's line and personnel number, never other personal data.
 */
import { accessSync, closeSync, constants, openSync, readSync, statSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { VFile } from 'vfile'
import { houseStyleOf, MAX_JOBS, runBatch } from '../../assemble/batch.js'
import { formatRowMessage } from '../../assemble/data.js'
import { checkOrganisationStyles } from '../../assemble/organisaties.js'
import { OutputFolderBusy } from '../../assemble/output-folder.js'
import {
  addPdfsToManifest,
  convertToPdf,
  findSoffice,
  manifestFiles,
  NO_SOFFICE,
  PdfError,
} from '../../assemble/pdf.js'
import { loadTemplate, type Template } from '../../assemble/template.js'
import { parseDatum } from '../../assemble/values.js'
import { runVoorbeeld } from '../../assemble/voorbeeld.js'
import { HouseStyleError } from '../../render/docx-letter.js'
import { inputProblem } from '../../util/limits.js'
import { fout } from '../../util/messages.js'
import { isSystemError, systemErrorReason } from '../../util/system-errors.js'
import { counts, EXIT, plural, printMessages, UsageError } from '../io.js'

export interface LettersOptions {
  out?: string
  date?: string
  strict?: boolean
  resume?: boolean
  oneFile?: boolean
  dubbelzijdig?: boolean
  voorbeeld?: string
  pdf?: boolean
  dryRun?: boolean
  jobs?: string
  blad?: string
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

/**
 * Why the letters cannot go into `outDir`, found before any row is read: the path is a file, a
 * part of it is a file, or the folder (or the nearest one that exists) may not be written (no
 * permission, a read-only disk). Undefined when the folder can be made and written. A full disk
 * shows only while writing; that is reported then.
 */
export function outDirProblem(outDir: string): string | undefined {
  let p = resolve(outDir)
  for (;;) {
    let isDir: boolean
    try {
      isDir = statSync(p).isDirectory()
    } catch (error) {
      if (isSystemError(error) && (error.code === 'ENOENT' || error.code === 'ENOTDIR') && dirname(p) !== p) {
        p = dirname(p)
        continue
      }
      return isSystemError(error) ? systemErrorReason(error, { path: p }) : undefined
    }
    if (!isDir) {
      return p === resolve(outDir)
        ? `De uitvoermap \`${outDir}\` is een bestand; geef met \`--out\` een map (een nieuwe of een bestaande)`
        : `De uitvoermap \`${outDir}\` kan niet worden gemaakt: \`${p}\` is een bestand, geen map; kies met \`--out\` een andere map`
    }
    try {
      accessSync(p, constants.W_OK | constants.X_OK)
    } catch (error) {
      if (!isSystemError(error)) throw error
      return `De uitvoermap \`${outDir}\` kan niet worden geschreven: ${lower(systemErrorReason(error, { path: p, action: 'schrijven' }))}`
    }
    return undefined
  }
}

function lower(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1)
}

/** Why `dataPath` cannot be the data file (it is a folder), before the batch starts. */
function dataPathProblem(dataPath: string): string | undefined {
  try {
    const stat = statSync(dataPath)
    if (stat.isDirectory())
      return `Het gegevensbestand \`${dataPath}\` is een map; geef het Excel-, CSV- of YAML-bestand met de medewerkers`
    // A device or pipe (`/dev/zero`, a FIFO) can be endless: a batch reads its data twice.
    if (!stat.isFile())
      return `Het gegevensbestand \`${dataPath}\` is geen gewoon bestand (maar een apparaat of pijp); sla de gegevens op als bestand en geef dat`
  } catch {
    // A missing or unreadable file is reported, with its place, when the rows are read.
  }
  return undefined
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
  if (options.blad !== undefined && !/\.xlsx$/i.test(dataPath))
    throw new UsageError(
      `\`--blad ${options.blad}\` geldt alleen voor een Excel-bestand (.xlsx); \`${basename(dataPath)}\` is dat niet`,
    )
  if (options.dubbelzijdig && !options.oneFile)
    throw new UsageError(
      '`--dubbelzijdig` hoort bij `--one-file` (alle brieven in één bestand om dubbelzijdig af te drukken); voeg `--one-file` toe',
    )
  const voorbeeld = checkPreviewOptions(options)
  const soffice = options.pdf ? findSoffice() : undefined
  if (options.pdf && !soffice) {
    process.stderr.write(`fout: ${NO_SOFFICE}\n`)
    return EXIT.input
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
  const problem = dataPathProblem(dataPath) ?? (options.dryRun ? undefined : outDirProblem(outDir))
  if (problem) {
    process.stderr.write(`fout: ${problem}; er zijn geen brieven gemaakt.\n`)
    return EXIT.input
  }
  try {
    if (!options.dryRun) {
      const style = houseStyleOf(template)
      houseStyleWarnings(template.huisstijl, style.dropped)
      for (const f of checkOrganisationStyles(template, style)) printMessages(f)
    }
  } catch (error) {
    if (error instanceof HouseStyleError) {
      process.stderr.write(`fout: ${error.message}\n`)
      return EXIT.input
    }
    throw error
  }
  if (voorbeeld !== undefined)
    return preview(template, dataPath, outDir, voorbeeld, datum, options.pdf === true ? soffice : undefined)
  let result: Awaited<ReturnType<typeof runBatch>>
  try {
    result = await runBatch({
      template,
      dataPath,
      outDir,
      ...(datum ? { datum } : {}),
      strict: options.strict === true,
      resume: options.resume === true,
      oneFile: options.oneFile === true,
      dubbelzijdig: options.dubbelzijdig === true,
      dryRun: options.dryRun === true,
      jobs,
      onRow: options.dryRun || /\.xlsx$/i.test(dataPath) ? undefined : progress(roughRows(dataPath)),
      onDryRun: (line) => process.stdout.write(`${line}\n`),
      gegevens: {
        ...(options.blad !== undefined ? { blad: options.blad } : {}),
        onWarning: (w) => process.stderr.write(`${basename(dataPath)}:${w.line}: waarschuwing: ${w.reden}\n`),
      },
    })
  } catch (error) {
    if (error instanceof OutputFolderBusy) {
      process.stderr.write(`fout: ${error.message}\n`)
      return EXIT.input
    }
    // Disk full, no permission halfway: the letters written so far stay, as after an interruption.
    if (!isSystemError(error)) throw error
    const reason = systemErrorReason(error, { path: error.path ?? error.dest ?? outDir })
    process.stderr.write(
      `fout: ${reason}. De reeks is afgebroken; de brieven die al geschreven zijn blijven staan: ga daarna verder met \`--resume\`.\n`,
    )
    return EXIT.input
  }
  for (const m of result.fouten) process.stderr.write(`${formatRowMessage(m)}\n`)
  for (const m of result.waarschuwingen ?? [])
    process.stderr.write(`${formatRowMessage(m).replace(/^([^:]*:\d+): /, '$1: waarschuwing: ')} [${m.ruleId}]\n`)
  const written = result.brieven - result.overgeslagen
  const bad = result.fouten.length
  if (options.dryRun) {
    process.stderr.write(
      `${plural(result.rijen, 'rij', 'rijen')} gecontroleerd: ${plural(result.brieven, 'brief', 'brieven')} mogelijk, ${plural(bad, 'fout', 'fouten')}.\n`,
    )
  } else {
    const where = result.oneFile
      ? `in ${result.oneFile
          .split(', ')
          .map((f) => join(outDir, f))
          .join(', ')}`
      : `in ${outDir}`
    const skipped = result.overgeslagen ? ` (${result.overgeslagen} al aanwezig, overgeslagen)` : ''
    process.stderr.write(
      `${plural(written, 'brief', 'brieven')} geschreven ${where}${skipped}; ${plural(bad, 'fout', 'fouten')}${bad ? ` (zie ${join(outDir, 'fouten.txt')})` : ''}; manifest: ${join(outDir, 'manifest.json')}\n`,
    )
  }
  if (options.pdf && !options.dryRun && soffice) {
    const manifestPath = join(outDir, 'manifest.json')
    try {
      const pdfs = await convertToPdf(outDir, manifestFiles(manifestPath), soffice, {
        blankPages: options.dubbelzijdig === true,
      })
      addPdfsToManifest(manifestPath, pdfs)
      process.stderr.write(`${plural(pdfs.size, 'PDF', "PDF's")} (PDF/A) geschreven in ${outDir}\n`)
    } catch (error) {
      if (!(error instanceof PdfError)) throw error
      process.stderr.write(`fout: ${error.message}\n`)
      return EXIT.input
    }
  }
  return bad > 0 ? EXIT.input : EXIT.ok
}

/** Parts of the house style that are not copied into letters (odd or unsafe names). */
function houseStyleWarnings(path: string, dropped: readonly string[]): void {
  for (const name of dropped) {
    // Control characters in an entry name are shown as `?`.
    const shown = Array.from(name, (c) => (c < ' ' || c === '\u007f' ? '?' : c)).join('')
    process.stderr.write(
      `${path}: waarschuwing het onderdeel \`${shown}\` van de huisstijl is geen gewoon onderdeel van een Word-document en wordt niet in de brieven overgenomen [sjabloon-huisstijl]\n`,
    )
  }
}

/** `--voorbeeld N` as a line number; usage errors for options that do not go with it. */
function checkPreviewOptions(options: LettersOptions): number | undefined {
  if (options.pdf && options.dryRun)
    throw new UsageError('`--pdf` en `--dry-run` gaan niet samen: `--dry-run` schrijft niets; laat een van beide weg')
  if (options.voorbeeld === undefined) return undefined
  const n = Number(options.voorbeeld)
  if (!/^\d+$/.test(options.voorbeeld) || n < 1)
    throw new UsageError(
      `\`--voorbeeld ${options.voorbeeld}\` is geen regelnummer; geef de regel van de rij zoals in de meldingen (bijvoorbeeld \`--voorbeeld 2\` voor de eerste rij onder de kopregel)`,
    )
  for (const [flag, on] of [
    ['--one-file', options.oneFile],
    ['--dry-run', options.dryRun],
    ['--resume', options.resume],
  ] as const)
    if (on)
      throw new UsageError(
        `\`--voorbeeld\` maakt één brief; \`${flag}\` hoort bij een hele reeks: laat een van beide weg`,
      )
  return n
}

/** `--voorbeeld N`: one letter (and with `--pdf` its PDF) for the row on line N. */
async function preview(
  template: Template,
  dataPath: string,
  outDir: string,
  regel: number,
  datum: string | undefined,
  soffice: string | undefined,
): Promise<number> {
  const r = await runVoorbeeld({ template, dataPath, outDir, regel, ...(datum ? { datum } : {}) })
  for (const m of r.fouten) process.stderr.write(`${formatRowMessage(m)}\n`)
  for (const m of r.waarschuwingen)
    process.stderr.write(`${formatRowMessage(m).replace(/^([^:]*:\d+): /, '$1: waarschuwing: ')} [${m.ruleId}]\n`)
  if (r.geenRij) {
    const near = [r.geenRij.voor, r.geenRij.na].filter((x) => x !== undefined)
    throw new UsageError(
      `\`--voorbeeld ${regel}\`: in ${basename(dataPath)} begint geen rij op regel ${regel}${near.length ? `; rijen beginnen bijvoorbeeld op regel ${near.join(' en ')}` : '; het bestand heeft geen rijen'}`,
    )
  }
  if (!r.bestand) {
    process.stderr.write(
      `Geen voorbeeld: de rij op regel ${regel} heeft ${plural(r.fouten.length, 'fout', 'fouten')}.\n`,
    )
    return EXIT.input
  }
  let pdf = ''
  if (soffice) {
    try {
      const made = await convertToPdf(outDir, [r.bestand], soffice)
      pdf = ` en ${join(outDir, made.get(r.bestand)?.pdf ?? '')}`
    } catch (error) {
      if (!(error instanceof PdfError)) throw error
      process.stderr.write(`fout: ${error.message}\n`)
      return EXIT.input
    }
  }
  process.stderr.write(`Voorbeeld van regel ${regel} geschreven: ${join(outDir, r.bestand)}${pdf}\n`)
  return EXIT.ok
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
