/**
 * A batch of letters: one template, one data file, one output folder. Rows are streamed (memory
 * does not grow with the number of rows, except with `oneFile`, which must hold the batch), each
 * good row becomes a `.docx` written atomically, and a `manifest.json` records per letter the row,
 * the file, its sha256 and the regulation versions used. Bad rows are reported and skipped.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { basename, relative, resolve, sep } from 'node:path'
import {
  type HouseStyle,
  HouseStyleError,
  letterDocumentXml,
  loadHouseStyle,
  packDocx,
  renderOneFileDocx,
} from '../render/docx-letter.js'
import { writeFileAtomic } from '../util/fs.js'
import { assembleLetter, describeAssembleError } from './assemble.js'
import { DataFileError, formatRowError, type RowError, readRows } from './data.js'
import type { CitedVersion, Letter } from './letter.js'
import type { Template } from './template.js'

export interface BatchOptions {
  template: Template
  dataPath: string
  outDir: string
  /** Letter date for every row (ISO); else the template's `briefdatum` field. */
  datum?: string
  /** Stop at the first problem. */
  strict?: boolean
  /** Skip letters whose file already exists (after an interrupted batch). */
  resume?: boolean
  /** The whole batch in one `.docx` (each letter a section, page numbers restart). */
  oneFile?: boolean
  /** Validate and report, write nothing. */
  dryRun?: boolean
  /** Called after each row (for a progress bar). */
  onRow?: (done: number) => void
  /** Called with each dry-run line. */
  onDryRun?: (line: string) => void
}

export interface ManifestEntry {
  rij: number
  regel: number
  personeelsnummer: string | null
  bestand: string
  sha256: string
  datum: string
  versies: Array<Pick<CitedVersion, 'werk' | 'versie' | 'bepalingen'>>
}

export interface BatchResult {
  brieven: ManifestEntry[]
  /** Every problem, formatted (`medewerkers.csv:14: kolom "schaal": "1O" is geen geheel getal`). */
  fouten: string[]
  /** Rows read (header not counted). */
  rijen: number
  overgeslagen: number
  /** A problem with the data file as a whole. */
  bestandsfout?: string
  oneFile?: string
}

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex')
}

/** The path of `name` inside `outDir`, or undefined when it would leave the folder. */
export function insideOutDir(outDir: string, name: string): string | undefined {
  const root = resolve(outDir)
  const target = resolve(root, name)
  return target.startsWith(root + sep) && !relative(root, target).startsWith('..') ? target : undefined
}

/** Read the house style of a template; a Dutch message when it cannot be used. */
export function houseStyleOf(template: Template): HouseStyle {
  let bytes: Uint8Array
  try {
    bytes = readFileSync(template.huisstijl)
  } catch {
    throw new HouseStyleError(`De huisstijl \`${template.huisstijl}\` is niet te lezen`)
  }
  try {
    return loadHouseStyle(bytes)
  } catch (error) {
    if (error instanceof HouseStyleError)
      throw new HouseStyleError(`De huisstijl \`${basename(template.huisstijl)}\` ${error.message}`)
    throw error
  }
}

/** Run a batch. Throws `HouseStyleError` for an unusable house style. */
export async function runBatch(options: BatchOptions): Promise<BatchResult> {
  const { template, dataPath, outDir } = options
  const style = options.dryRun ? undefined : houseStyleOf(template)
  const result: BatchResult = { brieven: [], fouten: [], rijen: 0, overgeslagen: 0 }
  const names = new Map<string, number>()
  const oneFile: Letter[] = []
  if (!options.dryRun) mkdirSync(outDir, { recursive: true })
  const report = (e: RowError) => result.fouten.push(formatRowError(dataPath, e))
  try {
    for await (const row of readRows(dataPath, template.fields)) {
      result.rijen++
      options.onRow?.(result.rijen)
      if (!row.values) {
        for (const e of row.errors) report(e)
        if (options.strict) break
        continue
      }
      const assembled = assembleLetter(template, row.values, options.datum ? { datum: options.datum } : {})
      if (!assembled.ok) {
        for (const e of assembled.errors)
          report({ line: row.line, ...(e.kolom ? { kolom: e.kolom } : {}), reden: describeAssembleError(template, e) })
        if (options.strict) break
        continue
      }
      const letter = assembled.letter
      const file = `${letter.bestandsnaam}.docx`
      const target = insideOutDir(outDir, file)
      if (!target) {
        report({
          line: row.line,
          reden: `de bestandsnaam \`${file}\` valt buiten de uitvoermap; de brief is niet geschreven`,
        })
        if (options.strict) break
        continue
      }
      const earlier = names.get(file)
      if (earlier !== undefined) {
        report({
          line: row.line,
          reden: `de bestandsnaam \`${file}\` is al gebruikt voor de rij op regel ${earlier}; maak \`bestandsnaam\` in het sjabloon uniek (bijvoorbeeld met het personeelsnummer)`,
        })
        if (options.strict) break
        continue
      }
      names.set(file, row.line)
      if (options.dryRun) {
        const rules = Object.entries(letter.regels)
          .map(
            ([name, v]) =>
              `${name}: ${Object.entries(v)
                .map(
                  ([k, x]) =>
                    `${k}=${typeof x === 'object' && x && 'cents' in x ? (x as { cents: number }).cents / 100 : String(x)}`,
                )
                .join(', ')}`,
          )
          .join('; ')
        options.onDryRun?.(
          `${basename(dataPath)}:${row.line}: ${row.personeelsnummer ? `personeelsnummer ${row.personeelsnummer}, ` : ''}${file}${rules ? `\n  regels: ${rules}` : ''}${letter.keuzes.length ? `\n  ${letter.keuzes.join('\n  ')}` : ''}`,
        )
        continue
      }
      const versies = letter.versies.map((v) => ({ werk: v.werk, versie: v.versie, bepalingen: v.bepalingen }))
      const entry = (hash: string): ManifestEntry => ({
        rij: row.index,
        regel: row.line,
        personeelsnummer: row.personeelsnummer ?? null,
        bestand: file,
        sha256: hash,
        datum: letter.datum,
        versies,
      })
      if (options.oneFile) {
        oneFile.push(letter)
        result.brieven.push(entry(''))
        continue
      }
      if (options.resume && existsSync(target)) {
        result.brieven.push(entry(sha256(readFileSync(target))))
        result.overgeslagen++
        continue
      }
      const bytes = packDocx(
        style as HouseStyle,
        letterDocumentXml(letter, style as HouseStyle),
        letter.titel,
        letter.datum,
      )
      writeFileAtomic(target, bytes)
      result.brieven.push(entry(sha256(bytes)))
    }
  } catch (error) {
    if (!(error instanceof DataFileError)) throw error
    result.bestandsfout = `${basename(dataPath)}:${error.line}: ${error.message}`
    result.fouten.push(result.bestandsfout)
  }
  if (options.dryRun) return result
  if (options.oneFile && oneFile.length > 0) {
    const name = `${basename(template.path).replace(/\.md$/, '')}-alle-brieven.docx`
    const bytes = renderOneFileDocx(oneFile, style as HouseStyle, template.titel)
    writeFileAtomic(resolve(outDir, name), bytes)
    const hash = sha256(bytes)
    for (const b of result.brieven) {
      b.bestand = name
      b.sha256 = hash
    }
    result.oneFile = name
  }
  const manifest = {
    sjabloon: template.path,
    sjabloonSha256: sha256(readFileSync(template.path)),
    huisstijl: basename(template.huisstijl),
    huisstijlSha256: sha256(readFileSync(template.huisstijl)),
    gegevens: dataPath,
    gegevensSha256: existsSync(dataPath) ? sha256(readFileSync(dataPath)) : null,
    datum: options.datum ?? null,
    rijen: result.rijen,
    brieven: result.brieven,
    fouten: result.fouten,
  }
  writeFileAtomic(resolve(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  const reportPath = resolve(outDir, 'fouten.txt')
  if (result.fouten.length > 0) writeFileAtomic(reportPath, `${result.fouten.join('\n')}\n`)
  else rmSync(reportPath, { force: true })
  return result
}
