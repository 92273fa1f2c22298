/**
 * LibreOffice (headless) for the Word tests: accept or reject all tracked changes and save the
 * text (one soffice for a whole batch, through `revisions.py` and LibreOffice's Python `uno`),
 * convert to PDF with `soffice --convert-to pdf`, and read PDFs with poppler's `pdftotext` and
 * `pdfinfo`.
 *
 * Install on Debian 12: `apt-get install -y --no-install-recommends libreoffice-writer-nogui python3-uno poppler-utils`.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { accessSync, constants, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, delimiter, join } from 'node:path'
import { pathToFileURL } from 'node:url'

const SCRIPT = join(import.meta.dirname, 'revisions.py')

/** The path of an executable on PATH, if any. */
export function which(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue
    const p = join(dir, command)
    try {
      accessSync(p, constants.X_OK)
      return p
    } catch {
      // not here
    }
  }
  return undefined
}

/** `soffice`, or undefined when LibreOffice is not installed. */
export const SOFFICE = which('soffice')

/**
 * A Python that can `import uno`. Debian's python3-uno serves /usr/bin/python3 only, which is
 * not the `python3` first on PATH on machines with pyenv; LibreOffice's own builds ship
 * program/python.
 */
export function unoPython(): string {
  const candidates = [
    process.env.UNO_PYTHON,
    '/usr/lib/libreoffice/program/python',
    '/opt/libreoffice/program/python',
    '/usr/bin/python3',
    'python3',
  ].filter((c): c is string => Boolean(c))
  for (const c of candidates) {
    const r = spawnSync(c, ['-c', 'import uno'], { stdio: 'ignore' })
    if (r.status === 0) return c
  }
  throw new Error(
    `Geen Python met de LibreOffice-module \`uno\` gevonden (geprobeerd: ${candidates.join(', ')}); installeer python3-uno of zet UNO_PYTHON`,
  )
}

export interface RevisionJob {
  input: string
  action: 'accept' | 'reject' | 'none'
  /** Where the text (UTF-8) is written. */
  output: string
}

export interface RevisionResult {
  input: string
  action: RevisionJob['action']
  /** Tracked changes LibreOffice saw in the document, before and after the action. */
  before: number
  after: number
}

/**
 * Run all jobs in one headless LibreOffice; `profile` is a scratch user profile directory. When
 * LibreOffice itself goes down during the batch ("Binary URP bridge disposed"), the jobs it did not
 * finish run once more in a fresh LibreOffice: a document that brings it down again still fails.
 */
export function resolveRevisions(jobs: readonly RevisionJob[], profile: string): RevisionResult[] {
  try {
    return resolveOnce(jobs, profile)
  } catch (error) {
    if (!(error instanceof LibreOfficeDown)) throw error
    const again = jobs.filter((j) => !error.done.some((d) => d.input === j.input && d.action === j.action))
    return [...error.done, ...resolveOnce(again, `${profile}-opnieuw`)]
  }
}

class LibreOfficeDown extends Error {
  constructor(
    message: string,
    readonly done: RevisionResult[],
  ) {
    super(message)
  }
}

function resolveOnce(jobs: readonly RevisionJob[], profile: string): RevisionResult[] {
  mkdirSync(profile, { recursive: true })
  const spec = join(profile, '..', `${basename(profile)}-jobs.json`)
  writeFileSync(spec, JSON.stringify({ profile, jobs }))
  const r = spawnSync(unoPython(), [SCRIPT, spec], { encoding: 'utf8', timeout: 420_000 })
  const lines = (r.stdout ?? '').split('\n').filter((l) => l.trim() !== '')
  const results = lines.map((l) => JSON.parse(l) as RevisionResult & { error?: string })
  const failed = results.filter((x) => x.error)
  const down = failed.length > 0 && failed.every((f) => /URP bridge/i.test(f.error ?? ''))
  if (r.status !== 0 || failed.length > 0) {
    const message = `LibreOffice: ${failed.map((f) => `${f.input} (${f.action}): ${f.error}`).join('; ') || `exit ${r.status}`}\n${r.stderr ?? ''}`
    if (down)
      throw new LibreOfficeDown(
        message,
        results.filter((x) => !x.error),
      )
    throw new Error(message)
  }
  return results
}

/** `soffice --headless --convert-to pdf` for several documents in one run; returns the PDF paths. */
export function convertToPdf(inputs: readonly string[], outDir: string, profile: string): string[] {
  mkdirSync(outDir, { recursive: true })
  execFileSync(
    SOFFICE ?? 'soffice',
    [
      '--headless',
      '--norestore',
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--convert-to',
      'pdf',
      '--outdir',
      outDir,
      ...inputs,
    ],
    { stdio: 'pipe', timeout: 120_000 },
  )
  return inputs.map((i) => join(outDir, basename(i).replace(/\.docx$/, '.pdf')))
}

/** The text of a PDF (`pdftotext`). */
export function pdfText(pdf: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' })
}

/** Page count and size in points of the first page (`pdfinfo`). */
export function pdfInfo(pdf: string): { pages: number; width: number; height: number } {
  const out = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(out)
  const pages = /Pages:\s+(\d+)/.exec(out)
  if (!size || !pages) throw new Error(`pdfinfo gaf onverwachte uitvoer:\n${out}`)
  return { pages: Number(pages[1]), width: Number(size[1]), height: Number(size[2]) }
}

/** A text file written by LibreOffice, without its BOM. */
export function readText(path: string): string {
  return readFileSync(path, 'utf8').replace(/^\uFEFF/, '')
}

/**
 * Skip the LibreOffice tests only when asked (`REGELWERK_ZONDER_LIBREOFFICE=1`) on a machine
 * without it: otherwise a missing LibreOffice fails them, so that CI can never pass without them.
 */
export const SKIP_LIBREOFFICE = !SOFFICE && process.env.REGELWERK_ZONDER_LIBREOFFICE === '1'
