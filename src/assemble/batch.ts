/**
 * A batch of letters: one template, one data file, one output folder. Rows are streamed and each
 * good row becomes a `.docx` written atomically (temp file + rename, in the background while the
 * next letters are made); `manifest.json` records per letter the row, the file, its sha256 and the
 * regulation versions used, and is written entry by entry. Memory does not grow with the number of
 * rows: no letter, file or manifest entry is kept after it is written; what remains per row is 16
 * bytes to refuse a file name used twice. Only `oneFile` holds the batch (it is one document).
 * Bad rows are reported and skipped.
 *
 * With `jobs` > 1, worker threads assemble and render the letters (`letter-worker.ts`); this thread
 * reads the rows and writes files and manifest in row order, so the output is the same bytes.
 */
import { createHash } from 'node:crypto'
import {
  closeSync,
  constants,
  fdatasyncSync,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { basename, dirname, join, relative, resolve, sep } from 'node:path'
import { Worker } from 'node:worker_threads'
import { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import type { CitedVersion, Letter } from '../model/letter.js'
import { type HouseStyle, HouseStyleError, letterDocumentXml, loadHouseStyle, packDocx } from '../render/docx-letter.js'
import { MAX_HOUSE_STYLE_UNPACKED } from '../render/house-style-zip.js'
import { unpackedLimit } from '../util/limits.js'
import { assembleLetter, describeAssembleError } from './assemble.js'
import {
  DataFileError,
  formatRowMessage,
  type ReadOptions,
  type Row,
  type RowError,
  readRows,
  rowMessage,
} from './data.js'
import { letterHouseStyle, renderOneFiles } from './organisaties.js'
import {
  BatchInterrupted,
  lockOutputFolder,
  removeOwnTemps,
  removeStaleTemps,
  syncFile,
  syncFileSystem,
  syncFolder,
  tempPrefix,
  withSignalCleanup,
  writeDurableSync,
} from './output-folder.js'
import { warnUnshowable } from './tekens.js'
import type { Template } from './template.js'
import type { Value } from './values.js'

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
  /** With `oneFile`: every letter starts on an odd page (double-sided printing). */
  dubbelzijdig?: boolean
  /** Validate and report, write nothing. */
  dryRun?: boolean
  /**
   * Worker threads that assemble and render letters (default 1: in this thread). Not used for
   * `oneFile` and `dryRun`. The output is the same for every value.
   */
  jobs?: number
  /** Called after each row read (for a progress bar). */
  onRow?: (done: number) => void
  /** Called with each dry-run line. */
  onDryRun?: (line: string) => void
  /** How the data file is read: the sheet of a workbook, warnings about the file as a whole. */
  gegevens?: ReadOptions
}

export interface ManifestEntry {
  rij: number
  regel: number
  personeelsnummer: string | null
  bestand: string
  sha256: string
  datum: string
  versies: Versie[]
}

type Versie = Pick<CitedVersion, 'werk' | 'versie' | 'bepalingen'>

export interface BatchResult {
  /** Letters in the manifest: written, already present (`resume`), or possible (`dryRun`). */
  brieven: number
  /**
   * Every problem, as a fout on the data file with the row's line as place and a rule id; shown to
   * people with `formatRowMessage` (`medewerkers.csv:14: kolom "schaal": "1O" is geen geheel getal`).
   */
  fouten: VFileMessage[]
  /** Rows read (header not counted). */
  rijen: number
  overgeslagen: number
  /** Warnings on rows whose letters were made (characters the font cannot show, `brief-teken`). */
  waarschuwingen?: VFileMessage[]
  /** A problem with the data file as a whole (also the last of `fouten`). */
  bestandsfout?: VFileMessage
  oneFile?: string
}

/** The largest `--jobs` that makes sense: more threads than cores only compete. */
export const MAX_JOBS = Math.max(1, Math.min(16, availableParallelism()))

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex')
}

/** sha256 of a file, read in pieces (a data file may be large). */
function sha256File(path: string): string | null {
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch {
    return null
  }
  try {
    const hash = createHash('sha256')
    const buf = Buffer.allocUnsafe(1 << 20)
    let n: number
    // biome-ignore lint/suspicious/noAssignInExpressions: a read loop
    while ((n = readSync(fd, buf, 0, buf.length, null)) > 0) hash.update(buf.subarray(0, n))
    return hash.digest('hex')
  } catch {
    // A folder opens but does not read (EISDIR): no hash, as for a file that does not open; the
    // rows reader reports the path with its place.
    return null
  } finally {
    closeSync(fd)
  }
}

/** The path of `name` inside `outDir`, or undefined when it would leave the folder. */
export function insideOutDir(outDir: string, name: string): string | undefined {
  const root = resolve(outDir)
  const target = resolve(root, name)
  return target.startsWith(root + sep) && !relative(root, target).startsWith('..') ? target : undefined
}

/** Read the house style of a template; a Dutch message when it cannot be used. */
export function houseStyleOf(template: Template): HouseStyle {
  const bytes = readHouseStyleFile(template.huisstijl)
  try {
    return loadHouseStyle(bytes, unpackedLimit(MAX_HOUSE_STYLE_UNPACKED))
  } catch (error) {
    if (error instanceof HouseStyleError)
      throw new HouseStyleError(`De huisstijl \`${basename(template.huisstijl)}\` ${error.message}`)
    throw error
  }
}

/**
 * The bytes of a house style file, at most `MAX_HOUSE_STYLE_UNPACKED` (an endless stream such as
 * `/dev/zero` given as house style stops there).
 */
function readHouseStyleFile(path: string): Uint8Array {
  const limit = unpackedLimit(MAX_HOUSE_STYLE_UNPACKED)
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch {
    throw new HouseStyleError(`De huisstijl \`${path}\` is niet te lezen`)
  }
  try {
    const chunks: Buffer[] = []
    let total = 0
    for (;;) {
      const buf = Buffer.allocUnsafe(1 << 20)
      const n = readSync(fd, buf, 0, buf.length, null)
      if (n === 0) break
      chunks.push(buf.subarray(0, n))
      total += n
      if (total > limit)
        throw new HouseStyleError(
          `De huisstijl \`${path}\` is groter dan ${limit / (1024 * 1024)} MB; een huisstijl is een gewone Word-brief met briefhoofd en stijlen (meestal minder dan 1 MB)`,
        )
    }
    return Buffer.concat(chunks, total)
  } catch (error) {
    if (error instanceof HouseStyleError) throw error
    throw new HouseStyleError(`De huisstijl \`${path}\` is niet te lezen`)
  } finally {
    closeSync(fd)
  }
}

/** What becomes of one good row; made here or in a worker thread, used in row order. */
export type Made =
  | { kind: 'fout'; errors: Array<Omit<RowError, 'line'>> }
  | { kind: 'buiten'; file: string }
  | {
      kind: 'brief'
      file: string
      datum: string
      versies: Versie[]
      /** The `.docx` (absent when the file exists and `resume` skips it, or when in `tmp`). */
      bytes?: Uint8Array
      /** A worker thread wrote the `.docx` to this temp file in the output folder. */
      tmp?: string
      sha256: string
      /** The letter model, for `dryRun` and `oneFile`. */
      letter?: Letter
    }

export interface MakeContext {
  template: Template
  /** Absent for a dry run. */
  style: HouseStyle | undefined
  outDir: string
  datum?: string
  resume?: boolean
  /** The output folder held no files when the batch began: no letter name can be taken already. */
  freshFolder?: boolean
  /** Keep the letter model instead of rendering (`dryRun`, `oneFile`). */
  keepLetter?: boolean
  /** Write the `.docx` to a temp file next to its target (in a worker thread). */
  tmpPrefix?: string
}

let tmpCount = 0

/** Assemble and render one row (no file is written: the caller decides in row order). */
export function makeLetterFile(ctx: MakeContext, values: Record<string, Value>): Made {
  const { template } = ctx
  const assembled = assembleLetter(template, values, ctx.datum ? { datum: ctx.datum } : {})
  if (!assembled.ok) {
    return {
      kind: 'fout',
      errors: assembled.errors.map((e) => ({
        ...(e.kolom ? { kolom: e.kolom } : {}),
        reden: describeAssembleError(template, e),
        ruleId: e.ruleId,
      })),
    }
  }
  const letter = assembled.letter
  const file = `${letter.bestandsnaam}.docx`
  const target = insideOutDir(ctx.outDir, file)
  if (!target) return { kind: 'buiten', file }
  const versies = letter.versies.map((v) => ({ werk: v.werk, versie: v.versie, bepalingen: v.bepalingen }))
  if (ctx.keepLetter) return { kind: 'brief', file, datum: letter.datum, versies, sha256: '', letter }
  const style = letterHouseStyle(ctx.style as HouseStyle, letter)
  const bytes = packDocx(style, letterDocumentXml(letter, style), letter.titel, letter.datum)
  const hash = sha256(bytes)
  // In a folder that was empty at the start nothing can stand at a letter's place (names are unique
  // in a batch): no look at the disk per letter.
  const present = ctx.freshFolder ? 'absent' : keptFile(target, ctx.resume === true ? bytes : undefined)
  if (present === 'same') return { kind: 'brief', file, datum: letter.datum, versies, sha256: hash }
  if (present === 'other')
    return {
      kind: 'fout',
      errors: [
        {
          reden:
            'op de plaats van de brief van deze rij in de uitvoermap staat iets anders dan een bestand (een map?); de brief is niet geschreven. Verplaats of hernoem het en start opnieuw met --resume',
          ruleId: 'brief-bestandsnaam',
        },
      ],
    }
  if (ctx.tmpPrefix) {
    const tmp = join(dirname(target), `${ctx.tmpPrefix}-${tmpCount++}.tmp`)
    writeSynced(tmp, bytes)
    return { kind: 'brief', file, datum: letter.datum, versies, tmp, sha256: hash }
  }
  return { kind: 'brief', file, datum: letter.datum, versies, bytes, sha256: hash }
}

/**
 * What is at a letter's place in the output folder, never following a symbolic link: `absent`
 * (or a link, which the rename replaces), `same` (a regular file with exactly `bytes`, checked
 * only with `--resume`: then it is kept), `differs` (rewritten), or `other` (a folder, a device:
 * not overwritten).
 */
function keptFile(target: string, bytes: Uint8Array | undefined): 'absent' | 'same' | 'differs' | 'other' {
  let stat: ReturnType<typeof lstatSync>
  try {
    stat = lstatSync(target, { throwIfNoEntry: false })
  } catch {
    return 'other'
  }
  if (!stat || stat.isSymbolicLink()) return 'absent'
  if (!stat.isFile()) return 'other'
  if (!bytes || stat.size !== bytes.length) return 'differs'
  let fd: number
  try {
    // O_NOFOLLOW: a link planted between lstat and open is not followed either.
    fd = openSync(target, constants.O_RDONLY | constants.O_NOFOLLOW)
  } catch {
    return 'differs'
  }
  try {
    if (!fstatSync(fd).isFile()) return 'differs'
    const kept = Buffer.allocUnsafe(bytes.length)
    let off = 0
    for (let n = 1; off < kept.length && n > 0; off += n) n = readSync(fd, kept, off, kept.length - off, off)
    return off === bytes.length && kept.equals(bytes) ? 'same' : 'differs'
  } finally {
    closeSync(fd)
  }
}

/**
 * Write a letter to its temp file (this thread's letter or a worker's). The main thread flushes it to disk with its group
 * (`FileWriter`) before it renames it.
 */
function writeSynced(path: string, data: Uint8Array): void {
  const fd = openSync(path, 'w')
  try {
    let off = 0
    while (off < data.length) off += writeSync(fd, data, off, data.length - off)
  } finally {
    closeSync(fd)
  }
}

/**
 * File names used in this batch, to refuse a second letter with the same name. Kept as 96-bit
 * hashes in typed arrays (16 bytes per row) rather than the names themselves; two different names
 * share a hash with a chance of about 10^-17 in a batch of a million rows.
 */
export class NameIndex {
  private keys = new Uint32Array(3 * 1024)
  private lines = new Uint32Array(1024)
  private count = 0

  private static hash(name: string): [number, number, number] {
    let a = 0x811c9dc5
    let b = 0x9747b28c
    let c = name.length
    for (let i = 0; i < name.length; i++) {
      const ch = name.charCodeAt(i)
      a = Math.imul(a ^ ch, 0x01000193)
      b = Math.imul(b ^ ch, 0x5bd1e995)
      b ^= b >>> 15
      c = Math.imul(c + ch, 0x27d4eb2d) ^ (c >>> 13)
    }
    a ^= a >>> 16
    a = Math.imul(a, 0x85ebca6b)
    a ^= a >>> 13
    b = Math.imul(b ^ (b >>> 16), 0xc2b2ae35)
    c = Math.imul(c ^ (c >>> 15), 0x2c1b3c6d)
    c ^= c >>> 12
    return [a >>> 0, b >>> 0, c >>> 0 || 1]
  }

  /** The line of the row that used `name` before, else records `line` for it and returns undefined. */
  claim(name: string, line: number): number | undefined {
    const [a, b, c] = NameIndex.hash(name)
    const found = this.slot(a, b, c)
    if (this.lines[found] !== 0) return this.lines[found]
    this.keys[3 * found] = a
    this.keys[3 * found + 1] = b
    this.keys[3 * found + 2] = c
    this.lines[found] = line
    if (++this.count * 2 > this.lines.length) this.grow()
    return undefined
  }

  private slot(a: number, b: number, c: number): number {
    const mask = this.lines.length - 1
    let i = a & mask
    while (this.lines[i] !== 0 && !(this.keys[3 * i] === a && this.keys[3 * i + 1] === b && this.keys[3 * i + 2] === c))
      i = (i + 1) & mask
    return i
  }

  private grow(): void {
    const keys = this.keys
    const lines = this.lines
    this.keys = new Uint32Array(keys.length * 2)
    this.lines = new Uint32Array(lines.length * 2)
    for (let i = 0; i < lines.length; i++) {
      if (lines[i] === 0) continue
      const a = keys[3 * i] as number
      const b = keys[3 * i + 1] as number
      const c = keys[3 * i + 2] as number
      const j = this.slot(a, b, c)
      this.keys[3 * j] = a
      this.keys[3 * j + 1] = b
      this.keys[3 * j + 2] = c
      this.lines[j] = lines[i] as number
    }
  }
}

/**
 * Letter files written in the background (a few at a time), each atomically and durably: a letter
 * is written to a temp file, and renamed to its name only after its data is on disk. The flush is
 * done per group of letters (one `syncfs` for the group, see `syncFileSystem`), not per letter; a
 * batch that stops before a group is renamed leaves temp files, which `--resume` removes and makes
 * again.
 */
class FileWriter {
  private failure: unknown
  private n = 0
  /** Temp files written and waiting for the group flush, with the name each gets. */
  private pending: Array<{ tmp: string; path: string }> = []

  constructor(
    private readonly dir: string,
    private readonly limit = 16,
    private readonly group = 256,
  ) {}

  /** Write `data` to `path`, or (`data.tmp`, a worker's temp file) rename that file to `path`. */
  async write(path: string, data: Uint8Array | { tmp: string }): Promise<void> {
    if (this.failure) throw this.failure
    if (!(data instanceof Uint8Array)) {
      this.pending.push({ tmp: data.tmp, path })
    } else {
      // A synchronous write of a new file of some 20 kB goes to the page cache and costs tens of
      // microseconds; through fs/promises the same write costs twice that in this thread (a
      // FileHandle, three round trips to the thread pool and their promises). The flush to disk,
      // the slow part, is done per group in the background (`commit`).
      const tmp = join(dirname(path), `${tempPrefix()}${this.n++}.tmp`)
      try {
        writeSynced(tmp, data)
      } catch (error) {
        rmSync(tmp, { force: true })
        this.failure ??= error
        throw error
      }
      this.pending.push({ tmp, path })
    }
    // Group commit: a flush takes every letter written since the previous flush began, and runs
    // in the background while the next letters are made. Flushes follow one another as soon as
    // there is a group, so the flush left at the end of a batch is about one flush long; a group
    // has at least `group` letters (each flush costs a process start), and when the disk cannot
    // keep up, groups of `4 × group` wait in line rather than growing without end.
    if ((!this.flushing && this.pending.length >= this.group) || this.pending.length >= 4 * this.group) {
      const group = this.pending
      this.pending = []
      this.flushing = true
      this.committing = this.committing
        .then(() => this.commit(group))
        .finally(() => {
          this.flushing = false
        })
    }
  }

  /** Whether a flush is under way or waiting. */
  private flushing = false

  /** The group flushes under way, one after another. */
  private committing: Promise<void> = Promise.resolve()

  /** Flush a group of temp files to disk, then give each its name. */
  private async commit(group: Array<{ tmp: string; path: string }>): Promise<void> {
    if (group.length === 0 || this.failure) {
      for (const g of group) rmSync(g.tmp, { force: true })
      return
    }
    try {
      if (!(await syncFileSystem(this.dir))) {
        for (let i = 0; i < group.length; i += this.limit)
          await Promise.all(group.slice(i, i + this.limit).map((g) => syncFile(g.tmp)))
      }
      for (let i = 0; i < group.length; i += this.limit)
        await Promise.all(group.slice(i, i + this.limit).map((g) => rename(g.tmp, g.path)))
    } catch (error) {
      await Promise.all(group.map((g) => rm(g.tmp, { force: true })))
      this.failure ??= error
    }
  }

  /** Wait for the flushes under way, whatever their outcome (before temp files are cleaned up). */
  async settle(): Promise<void> {
    await this.committing
  }

  async drain(): Promise<void> {
    const group = this.pending
    this.pending = []
    this.committing = this.committing.then(() => this.commit(group))
    await this.committing
    if (this.failure) throw this.failure
  }
}

/** `manifest.json`, written entry by entry to a temp file and renamed when complete. */
class ManifestWriter {
  private fd: number
  private tmp: string
  private buf = ''
  private first = true

  constructor(
    private readonly path: string,
    head: Record<string, unknown>,
  ) {
    this.tmp = join(dirname(path), `${tempPrefix()}manifest.tmp`)
    this.fd = openSync(this.tmp, 'w')
    const json = JSON.stringify(head, null, 2)
    this.buf = `${json.slice(0, -2)},\n  "brieven": [`
  }

  add(entry: ManifestEntry): void {
    this.buf += `${this.first ? '' : ','}\n    ${JSON.stringify(entry)}`
    this.first = false
    if (this.buf.length > 1 << 16) this.flush()
  }

  private flush(): void {
    writeSync(this.fd, this.buf)
    this.buf = ''
  }

  finish(tail: { rijen: number; fouten: readonly VFileMessage[] }): void {
    const fouten = tail.fouten.map((m) => `\n    ${JSON.stringify(formatRowMessage(m))}`).join(',')
    this.buf += `${this.first ? '' : '\n  '}],\n  "rijen": ${tail.rijen},\n  "fouten": [${fouten}${fouten ? '\n  ' : ''}]\n}\n`
    this.flush()
    fdatasyncSync(this.fd)
    closeSync(this.fd)
    renameSync(this.tmp, this.path)
  }

  abort(): void {
    try {
      closeSync(this.fd)
    } catch {}
    rmSync(this.tmp, { force: true })
  }
}

/** Worker threads that make letters; answers come back per row, in any order of threads. */
class LetterPool {
  private workers: Array<{ worker: Worker; outstanding: number }> = []
  private waiting = new Map<number, Array<{ resolve: (m: Made) => void; reject: (e: unknown) => void }>>()
  private chunk: Array<Record<string, Value>> = []
  private chunkWaiters: Array<{ resolve: (m: Made) => void; reject: (e: unknown) => void }> = []
  private nextId = 0
  private failure: unknown

  constructor(
    jobs: number,
    data: { templatePath: string; outDir: string; datum?: string; resume?: boolean; freshFolder?: boolean },
    private readonly chunkSize = 20,
  ) {
    for (let i = 0; i < jobs; i++) {
      const worker = new Worker(new URL('./letter-worker.js', import.meta.url), { workerData: data })
      const slot = { worker, outstanding: 0 }
      worker.on('message', (msg: { id: number; made: Made[] }) => {
        slot.outstanding--
        const waiters = this.waiting.get(msg.id) ?? []
        this.waiting.delete(msg.id)
        for (let k = 0; k < msg.made.length; k++) waiters[k]?.resolve(msg.made[k] as Made)
      })
      worker.on('error', (error) => this.fail(error))
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`een werkthread stopte met code ${code}`))
      })
      this.workers.push(slot)
    }
  }

  private fail(error: unknown): void {
    this.failure ??= error
    for (const waiters of this.waiting.values()) for (const w of waiters) w.reject(error)
    this.waiting.clear()
  }

  submit(values: Record<string, Value>): Promise<Made> {
    if (this.failure) return Promise.reject(this.failure)
    const p = new Promise<Made>((resolve, reject) => this.chunkWaiters.push({ resolve, reject }))
    // Awaited later, in row order; a failure before then must not count as unhandled.
    p.catch(() => {})
    this.chunk.push(values)
    if (this.chunk.length >= this.chunkSize) this.flush()
    return p
  }

  flush(): void {
    if (this.chunk.length === 0) return
    const slot = this.workers.reduce((a, b) => (b.outstanding < a.outstanding ? b : a))
    const id = this.nextId++
    this.waiting.set(id, this.chunkWaiters)
    slot.outstanding++
    slot.worker.postMessage({ id, rows: this.chunk })
    this.chunk = []
    this.chunkWaiters = []
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()))
  }
}

/** What the folder guard (`runBatch`) hands to the batch itself. */
interface BatchControl {
  /** The house style, read before the folder was touched. */
  style?: HouseStyle
  /** Set when a signal asks the batch to stop. */
  signal?: NodeJS.Signals
}

/**
 * Run a batch. Throws `HouseStyleError` for an unusable house style, `OutputFolderBusy` when
 * another batch writes into the output folder (nothing is touched then), and `BatchInterrupted`
 * after SIGINT, SIGTERM or SIGHUP (when that did not end the process). While the batch runs it holds
 * the lock on its output folder; after a failure or a signal its temp files are gone.
 */
export async function runBatch(options: BatchOptions): Promise<BatchResult> {
  if (options.dryRun) return runBatchInFolder(options, {})
  const control: BatchControl = { style: houseStyleOf(options.template) }
  const { outDir } = options
  mkdirSync(outDir, { recursive: true })
  const lock = lockOutputFolder(outDir)
  let ok = false
  return withSignalCleanup(
    async () => {
      // Under the lock, so these are no other live batch's.
      removeStaleTemps(outDir)
      const result = await runBatchInFolder(options, control)
      ok = true
      return result
    },
    (signal) => {
      control.signal = signal
    },
    () => {
      if (!ok) removeOwnTemps(outDir)
      lock.release()
    },
  )
}

/** Whether `dir` holds nothing but this batch's lock (checked under the lock, before any letter). */
function isEmptyFolder(dir: string): boolean {
  try {
    return readdirSync(dir).every((n) => n === '.regelwerk.lock')
  } catch {
    return false
  }
}

/** Stop at a signal (checked between rows). */
function checkSignal(control: BatchControl): void {
  if (control.signal) throw new BatchInterrupted(control.signal)
}

async function runBatchInFolder(options: BatchOptions, control: BatchControl): Promise<BatchResult> {
  const { template, dataPath, outDir } = options
  const style = options.dryRun ? undefined : (control.style ?? houseStyleOf(template))
  // Every problem is a message on the data file; `fouten` is that file's message list.
  const data = new VFile({ path: dataPath })
  const result: BatchResult = { brieven: 0, fouten: data.messages, rijen: 0, overgeslagen: 0 }
  const warnings = new VFile({ path: dataPath })
  result.waarschuwingen = warnings.messages
  const names = new NameIndex()
  const oneFile: Letter[] = []
  const oneFileEntries: ManifestEntry[] = []
  const report = (e: RowError) => rowMessage(data, e)
  const ctx: MakeContext = {
    template,
    style,
    outDir,
    ...(options.datum ? { datum: options.datum } : {}),
    resume: options.resume === true,
    freshFolder: isEmptyFolder(outDir),
    keepLetter: options.dryRun === true || options.oneFile === true,
  }
  const jobs = ctx.keepLetter ? 1 : Math.max(1, Math.min(MAX_JOBS, Math.floor(options.jobs ?? 1)))
  const pool =
    jobs > 1
      ? new LetterPool(jobs, {
          templatePath: template.path,
          outDir,
          ...(options.datum ? { datum: options.datum } : {}),
          resume: options.resume === true,
          freshFolder: ctx.freshFolder === true,
        })
      : undefined
  const writer = new FileWriter(outDir)
  const manifest =
    options.dryRun || options.oneFile
      ? undefined
      : new ManifestWriter(resolve(outDir, 'manifest.json'), manifestHead(options))
  let stopped = false

  /** Use one row's outcome, in row order. */
  const handle = async (row: Row, made: Made | undefined): Promise<void> => {
    await use(row, made)
    // A temp file a worker wrote for a letter that is not used (a duplicate name) goes.
    if (made?.kind === 'brief' && made.tmp) rmSync(made.tmp, { force: true })
  }
  const use = async (row: Row, made: Made | undefined): Promise<void> => {
    result.rijen++
    const problem = (e: RowError) => {
      report(e)
      if (options.strict) stopped = true
    }
    if (!made) {
      for (const e of row.errors) report(e)
      if (options.strict) stopped = true
      return
    }
    if (made.kind === 'fout') {
      for (const e of made.errors) report({ line: row.line, ...e })
      if (options.strict) stopped = true
      return
    }
    if (made.kind === 'buiten') {
      problem({
        line: row.line,
        reden:
          'de bestandsnaam die het sjabloon voor deze rij maakt valt buiten de uitvoermap; de brief is niet geschreven',
        ruleId: 'brief-bestandsnaam',
      })
      return
    }
    const earlier = names.claim(made.file, row.line)
    if (earlier !== undefined) {
      problem({
        line: row.line,
        reden: `deze rij krijgt dezelfde bestandsnaam als de rij op regel ${earlier}; maak \`bestandsnaam\` in het sjabloon uniek (bijvoorbeeld met het personeelsnummer)`,
        ruleId: 'brief-bestandsnaam',
      })
      return
    }
    result.brieven++
    if (row.values) warnUnshowable(warnings, row.line, row.values, template, style?.font)
    if (options.dryRun) {
      options.onDryRun?.(dryRunLine(dataPath, row, made.file, made.letter as Letter))
      return
    }
    const entry: ManifestEntry = {
      rij: row.index,
      regel: row.line,
      personeelsnummer: row.personeelsnummer ?? null,
      bestand: made.file,
      sha256: made.sha256,
      datum: made.datum,
      versies: made.versies,
    }
    if (options.oneFile) {
      oneFile.push(made.letter as Letter)
      oneFileEntries.push(entry)
      return
    }
    if (made.bytes) await writer.write(resolve(outDir, made.file), made.bytes)
    else if (made.tmp) {
      await writer.write(resolve(outDir, made.file), { tmp: made.tmp })
      made.tmp = undefined
    } else result.overgeslagen++
    manifest?.add(entry)
  }

  // Rows in flight to the workers, in row order; the first is used as soon as it is ready.
  const queue: Array<{ row: Row; made: Made | Promise<Made> | undefined }> = []
  const ahead = jobs * 64
  const next = async () => {
    const { row, made } = queue.shift() as (typeof queue)[number]
    if (made instanceof Promise) pool?.flush()
    await handle(row, made instanceof Promise ? await made : made)
  }
  try {
    try {
      let read = 0
      for await (const row of readRows(dataPath, template.fields, options.gegevens)) {
        checkSignal(control)
        options.onRow?.(++read)
        if (!row.values) queue.push({ row, made: undefined })
        else queue.push({ row, made: pool ? pool.submit(row.values) : makeLetterFile(ctx, row.values) })
        while (queue.length > 0 && !stopped && (!(queue[0]?.made instanceof Promise) || queue.length > ahead))
          await next()
        if (stopped) break
      }
      while (queue.length > 0 && !stopped) await next()
    } catch (error) {
      if (!(error instanceof DataFileError)) throw error
      // The rows before the broken place count, as they would without workers.
      while (queue.length > 0 && !stopped) await next()
      if (!stopped)
        result.bestandsfout = rowMessage(data, { line: error.line, reden: error.message, ruleId: error.ruleId })
    }
    await writer.drain()
  } catch (error) {
    manifest?.abort()
    // Writes under way end before the caller removes this process's temp files.
    await writer.settle()
    throw error
  } finally {
    // After `strict` stopped (or a failure): letters made ahead are not used.
    for (const { made } of queue.splice(0)) {
      const m = made instanceof Promise ? await made.catch(() => undefined) : made
      if (m?.kind === 'brief' && m.tmp) rmSync(m.tmp, { force: true })
    }
    await pool?.close()
  }
  if (options.dryRun) return result
  checkSignal(control)
  if (options.oneFile) {
    const base = `${basename(template.path).replace(/\.md$/, '')}-alle-brieven`
    const files = renderOneFiles(oneFile, style as HouseStyle, base, template.titel, template.organisaties, {
      dubbelzijdig: options.dubbelzijdig === true,
    })
    for (const [k, { name, bytes, indices }] of files.entries()) {
      checkSignal(control)
      writeDurableSync(resolve(outDir, name), join(outDir, `${tempPrefix()}alle-brieven-${k}.tmp`), bytes)
      const hash = sha256(bytes)
      for (const i of indices) {
        const b = oneFileEntries[i] as ManifestEntry
        b.bestand = name
        b.sha256 = hash
      }
    }
    if (files.length > 0) result.oneFile = files.map((f) => f.name).join(', ')
    const m = new ManifestWriter(resolve(outDir, 'manifest.json'), manifestHead(options))
    for (const e of oneFileEntries) m.add(e)
    m.finish(result)
  } else manifest?.finish(result)
  const reportPath = resolve(outDir, 'fouten.txt')
  if (result.fouten.length > 0)
    writeDurableSync(
      reportPath,
      join(outDir, `${tempPrefix()}fouten.tmp`),
      `${result.fouten.map(formatRowMessage).join('\n')}\n`,
    )
  else rmSync(reportPath, { force: true })
  // The renames into the folder, flushed once for the whole batch.
  syncFolder(outDir)
  return result
}

function manifestHead(options: BatchOptions): Record<string, unknown> {
  const { template, dataPath } = options
  return {
    sjabloon: template.path,
    sjabloonSha256: sha256File(template.path),
    huisstijl: basename(template.huisstijl),
    huisstijlSha256: sha256File(template.huisstijl),
    gegevens: dataPath,
    gegevensSha256: sha256File(dataPath),
    datum: options.datum ?? null,
  }
}

function dryRunLine(dataPath: string, row: Row, file: string, letter: Letter): string {
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
  return `${basename(dataPath)}:${row.line}: ${row.personeelsnummer ? `personeelsnummer ${row.personeelsnummer}, ` : ''}${file}${rules ? `\n  regels: ${rules}` : ''}${letter.keuzes.length ? `\n  ${letter.keuzes.join('\n  ')}` : ''}`
}
