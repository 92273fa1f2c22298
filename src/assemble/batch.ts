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
  existsSync,
  mkdirSync,
  opendirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import { rename, rm, writeFile } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { basename, dirname, join, relative, resolve, sep } from 'node:path'
import { Worker } from 'node:worker_threads'
import { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import type { CitedVersion, Letter } from '../model/letter.js'
import { type HouseStyle, HouseStyleError, letterDocumentXml, loadHouseStyle, packDocx } from '../render/docx-letter.js'
import { writeFileAtomic } from '../util/fs.js'
import { assembleLetter, describeAssembleError } from './assemble.js'
import { DataFileError, formatRowMessage, type Row, type RowError, readRows, rowMessage } from './data.js'
import { letterHouseStyle, renderOneFiles } from './organisaties.js'
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
  if (ctx.resume && existsSync(target))
    return { kind: 'brief', file, datum: letter.datum, versies, sha256: sha256(readFileSync(target)) }
  const style = letterHouseStyle(ctx.style as HouseStyle, letter)
  const bytes = packDocx(style, letterDocumentXml(letter, style), letter.titel, letter.datum)
  const hash = sha256(bytes)
  if (ctx.tmpPrefix) {
    const tmp = join(dirname(target), `${ctx.tmpPrefix}-${tmpCount++}.tmp`)
    writeFileSync(tmp, bytes)
    return { kind: 'brief', file, datum: letter.datum, versies, tmp, sha256: hash }
  }
  return { kind: 'brief', file, datum: letter.datum, versies, bytes, sha256: hash }
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

/** Letter files written in the background (a few at a time), each atomically. */
class FileWriter {
  private inFlight = new Set<Promise<void>>()
  private failure: unknown
  private n = 0

  constructor(private readonly limit = 16) {}

  /** Write `data` to `path`, or (`data` a string) rename that temp file to `path`. */
  async write(path: string, data: Uint8Array | { tmp: string }): Promise<void> {
    if (this.failure) throw this.failure
    while (this.inFlight.size >= this.limit) await Promise.race(this.inFlight)
    const tmp = data instanceof Uint8Array ? join(dirname(path), `.regelwerk-${process.pid}-${this.n++}.tmp`) : data.tmp
    const p: Promise<void> = (data instanceof Uint8Array ? writeFile(tmp, data) : Promise.resolve())
      .then(() => rename(tmp, path))
      .catch(async (error) => {
        await rm(tmp, { force: true })
        this.failure ??= error
      })
      .finally(() => this.inFlight.delete(p))
    this.inFlight.add(p)
  }

  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.race(this.inFlight)
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
    this.tmp = join(dirname(path), `.regelwerk-${process.pid}-manifest.tmp`)
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
    data: { templatePath: string; outDir: string; datum?: string; resume?: boolean },
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

/** Run a batch. Throws `HouseStyleError` for an unusable house style. */
export async function runBatch(options: BatchOptions): Promise<BatchResult> {
  const { template, dataPath, outDir } = options
  const style = options.dryRun ? undefined : houseStyleOf(template)
  // Every problem is a message on the data file; `fouten` is that file's message list.
  const data = new VFile({ path: dataPath })
  const result: BatchResult = { brieven: 0, fouten: data.messages, rijen: 0, overgeslagen: 0 }
  const warnings = new VFile({ path: dataPath })
  result.waarschuwingen = warnings.messages
  const names = new NameIndex()
  const oneFile: Letter[] = []
  const oneFileEntries: ManifestEntry[] = []
  if (!options.dryRun) mkdirSync(outDir, { recursive: true })
  if (options.resume) removeStaleTemps(outDir)
  const report = (e: RowError) => rowMessage(data, e)
  const ctx: MakeContext = {
    template,
    style,
    outDir,
    ...(options.datum ? { datum: options.datum } : {}),
    resume: options.resume === true,
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
        })
      : undefined
  const writer = new FileWriter()
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
        reden: `de bestandsnaam \`${made.file}\` valt buiten de uitvoermap; de brief is niet geschreven`,
        ruleId: 'brief-bestandsnaam',
      })
      return
    }
    const earlier = names.claim(made.file, row.line)
    if (earlier !== undefined) {
      problem({
        line: row.line,
        reden: `de bestandsnaam \`${made.file}\` is al gebruikt voor de rij op regel ${earlier}; maak \`bestandsnaam\` in het sjabloon uniek (bijvoorbeeld met het personeelsnummer)`,
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
      for await (const row of readRows(dataPath, template.fields)) {
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
  if (options.oneFile) {
    const base = `${basename(template.path).replace(/\.md$/, '')}-alle-brieven`
    const files = renderOneFiles(oneFile, style as HouseStyle, base, template.titel, template.organisaties, {
      dubbelzijdig: options.dubbelzijdig === true,
    })
    for (const { name, bytes, indices } of files) {
      writeFileAtomic(resolve(outDir, name), bytes)
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
  if (result.fouten.length > 0) writeFileAtomic(reportPath, `${result.fouten.map(formatRowMessage).join('\n')}\n`)
  else rmSync(reportPath, { force: true })
  return result
}

/** Temp files an interrupted batch left behind (read as a stream: the folder may hold 100,000 letters). */
function removeStaleTemps(outDir: string): void {
  const dir = opendirSync(outDir)
  try {
    for (let e = dir.readSync(); e !== null; e = dir.readSync())
      if (e.isFile() && /^\.regelwerk-\d+-.*\.tmp$/.test(e.name)) rmSync(join(outDir, e.name), { force: true })
  } finally {
    dir.closeSync()
  }
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
