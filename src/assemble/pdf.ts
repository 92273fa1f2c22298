/**
 * `letters --pdf`: each letter also as PDF/A, made by LibreOffice (headless) when it is installed.
 * All letters of a batch go through one `soffice` process per chunk of files (starting LibreOffice
 * costs seconds; converting a letter a fraction of that), with a scratch user profile so that a
 * LibreOffice the user has open does not swallow the job. PDFs are written into a temp folder in
 * the output folder and renamed into place when complete: never a half-written PDF. The manifest
 * gets the PDF's name and sha256 beside the Word file's.
 */
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { basename, delimiter, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { writeFileAtomic } from '../util/fs.js'

/**
 * PDF/A-2b, tagged (LibreOffice 7.4 or later reads these options as JSON). `blankPages`: keep the
 * blank pages LibreOffice inserts so that a section starts on a right-hand page. It inserts them
 * for `--dubbelzijdig` (wanted: the back of a letter's last sheet stays empty) but, because every
 * letter of `--one-file` restarts at page 1 (an odd, right-hand page number), also without it; so
 * they are kept only for `--dubbelzijdig`.
 */
const pdfFilter = (blankPages: boolean) =>
  `pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"},"UseTaggedPDF":{"type":"boolean","value":"true"},"IsSkipEmptyPages":{"type":"boolean","value":"${!blankPages}"}}`

/** Files per `soffice` run: well below any command-line limit, few enough starts to be fast. */
const CHUNK = 400

/** The LibreOffice command: `REGELWERK_SOFFICE`, else `soffice`/`libreoffice` on PATH or where installers put it. */
export function findSoffice(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates: string[] = []
  // Set, it is the only one tried (also to test what happens without LibreOffice).
  if (env.REGELWERK_SOFFICE !== undefined) {
    try {
      accessSync(env.REGELWERK_SOFFICE, constants.X_OK)
      return env.REGELWERK_SOFFICE
    } catch {
      return undefined
    }
  }
  const exe = process.platform === 'win32' ? ['soffice.exe', 'soffice.com'] : ['soffice', 'libreoffice']
  for (const dir of (env.PATH ?? '').split(delimiter)) if (dir) for (const e of exe) candidates.push(join(dir, e))
  candidates.push(
    '/usr/lib/libreoffice/program/soffice',
    '/opt/libreoffice/program/soffice',
    '/Applications/LibreOffice.app/Contents/MacOS/soffice',
    'C:\\Program Files\\LibreOffice\\program\\soffice.exe',
  )
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK)
      return c
    } catch {
      // not here
    }
  }
  return undefined
}

/** Thrown when LibreOffice is missing or fails; the message is Dutch and says what to do. */
export class PdfError extends Error {}

export const NO_SOFFICE =
  '`--pdf` heeft LibreOffice nodig om de PDF te maken, maar `soffice` is niet gevonden. Installeer LibreOffice (https://nl.libreoffice.org) of zet de omgevingsvariabele REGELWERK_SOFFICE op het pad van `soffice`; of laat `--pdf` weg'

function run(soffice: string, args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    execFile(soffice, args, { timeout: 30 * 60_000, maxBuffer: 16 << 20 }, (error, _stdout, stderr) =>
      done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stderr: String(stderr ?? '') }),
    )
  })
}

/**
 * Convert `docxNames` (files in `outDir`) to PDF next to them. Returns the PDF name and sha256 per
 * Word file. Throws `PdfError` when LibreOffice is missing or a PDF did not come out.
 */
export async function convertToPdf(
  outDir: string,
  docxNames: readonly string[],
  soffice = findSoffice(),
  options: { blankPages?: boolean } = {},
): Promise<Map<string, { pdf: string; sha256: string }>> {
  if (!soffice) throw new PdfError(NO_SOFFICE)
  const out = new Map<string, { pdf: string; sha256: string }>()
  if (docxNames.length === 0) return out
  const tmp = mkdtempSync(join(resolve(outDir), '.regelwerk-pdf-'))
  const profile = mkdtempSync(join(resolve(outDir), '.regelwerk-lo-'))
  try {
    for (let i = 0; i < docxNames.length; i += CHUNK) {
      const chunk = docxNames.slice(i, i + CHUNK)
      const r = await run(soffice, [
        '--headless',
        '--norestore',
        '--nolockcheck',
        `-env:UserInstallation=${pathToFileURL(profile).href}`,
        '--convert-to',
        pdfFilter(options.blankPages === true),
        '--outdir',
        tmp,
        ...chunk.map((n) => join(resolve(outDir), n)),
      ])
      for (const name of chunk) {
        const pdf = name.replace(/\.docx$/i, '.pdf')
        const made = join(tmp, pdf)
        if (!existsSync(made))
          throw new PdfError(
            `LibreOffice heeft van \`${name}\` geen PDF gemaakt${r.code ? ` (soffice stopte met code ${r.code})` : ''}; de Word-brieven staan er wel. Probeer het bestand in LibreOffice te openen om te zien wat er mis is${r.stderr.trim() ? `. LibreOffice meldde: ${r.stderr.trim().split('\n')[0]}` : ''}`,
          )
        const bytes = readFileSync(made)
        renameSync(made, join(resolve(outDir), pdf))
        out.set(name, { pdf, sha256: createHash('sha256').update(bytes).digest('hex') })
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true })
    rmSync(profile, { recursive: true, force: true })
  }
  return out
}

/**
 * Add `pdf` and `pdfSha256` to each letter of `manifest.json` (one letter per line, as the batch
 * writes it), and rewrite it atomically.
 */
export function addPdfsToManifest(manifestPath: string, pdfs: ReadonlyMap<string, { pdf: string; sha256: string }>) {
  const lines = readFileSync(manifestPath, 'utf8').split('\n')
  const updated = lines.map((line) => {
    const m = /^(\s*)(\{.*\})(,?)$/.exec(line)
    if (!m) return line
    const entry = JSON.parse(m[2] as string) as { bestand?: string }
    const p = entry.bestand ? pdfs.get(entry.bestand) : undefined
    return p ? `${m[1]}${JSON.stringify({ ...entry, pdf: p.pdf, pdfSha256: p.sha256 })}${m[3]}` : line
  })
  writeFileAtomic(manifestPath, updated.join('\n'))
}

/** The distinct Word files of a manifest, in order. */
export function manifestFiles(manifestPath: string): string[] {
  const json = JSON.parse(readFileSync(manifestPath, 'utf8')) as { brieven: Array<{ bestand: string }> }
  return [...new Set(json.brieven.map((b) => basename(b.bestand)))]
}
