/**
 * The output folder of a batch, shared with whoever else might write there. A batch takes a lock
 * (`.regelwerk.lock`, created exclusively, holding pid, host and start time) so that a second batch
 * or a `--resume` into the same folder is refused instead of mixing letters, manifests and temp
 * files. A lock whose process is gone (same host, pid not alive) is stale and taken over. Temp files
 * carry the pid of their process (`.regelwerk-<pid>-….tmp`): only those of dead processes (or of
 * this one) are removed. On SIGINT, SIGTERM and SIGHUP a batch removes its temp files and its lock
 * before it ends. Files are written durably: data fsynced before the rename that makes them
 * visible, the folder fsynced after the renames.
 */
import { spawn } from 'node:child_process'
import {
  closeSync,
  fdatasyncSync,
  fsyncSync,
  linkSync,
  opendirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs'
import { open, rename, rm } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'

export const LOCK_NAME = '.regelwerk.lock'

/** The folder is in use by another batch; the message is Dutch and complete ("fout: " + message). */
export class OutputFolderBusy extends Error {}

/** A batch was stopped by a signal; its temp files and lock are gone. */
export class BatchInterrupted extends Error {
  constructor(readonly signal: NodeJS.Signals) {
    super(`de reeks brieven is onderbroken (${signal})`)
  }
}

interface LockInfo {
  pid: number
  host: string
  start: string
}

/** Whether process `pid` exists on this host (EPERM: it exists, owned by someone else). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function readLock(path: string): LockInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(path, 'utf8')) as LockInfo
    return typeof info.pid === 'number' && typeof info.host === 'string' ? info : undefined
  } catch {
    return undefined
  }
}

/** A lock that can be taken over: its process is gone, or it is unreadable and older than a minute. */
function isStale(path: string, info: LockInfo | undefined): boolean {
  if (info) return info.host === hostname() && !processAlive(info.pid)
  try {
    return Date.now() - statSync(path).mtimeMs > 60_000
  } catch {
    return true
  }
}

export interface FolderLock {
  release(): void
}

/**
 * Take the lock on `outDir` (which exists). Throws `OutputFolderBusy` with a Dutch message when
 * another live batch holds it; nothing in the folder is touched then.
 */
export function lockOutputFolder(outDir: string): FolderLock {
  const path = join(outDir, LOCK_NAME)
  const mine: LockInfo = { pid: process.pid, host: hostname(), start: new Date().toISOString() }
  const text = `${JSON.stringify(mine)}\n`
  for (let attempt = 0; attempt < 5; attempt++) {
    let fd: number
    try {
      fd = openSync(path, 'wx')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const info = readLock(path)
      if (!isStale(path, info)) throw busy(outDir, path, info)
      takeOverStale(path, info)
      continue
    }
    try {
      writeSync(fd, text)
    } finally {
      closeSync(fd)
    }
    let released = false
    return {
      release() {
        if (released) return
        released = true
        // Only our own lock: never one a later batch took over after ours was judged stale.
        const now = readLock(path)
        if (now && now.pid === mine.pid && now.start === mine.start && now.host === mine.host)
          rmSync(path, { force: true })
      },
    }
  }
  throw busy(outDir, path, readLock(path))
}

/**
 * Move a stale lock aside and remove it. Two batches may judge the same lock stale at once: the
 * rename succeeds for one; if what was moved is not the stale lock (another batch just took the
 * folder), it is put back with `link`, which never replaces a file.
 */
function takeOverStale(path: string, info: LockInfo | undefined): void {
  const aside = `${path}.${process.pid}.oud`
  try {
    renameSync(path, aside)
  } catch {
    return
  }
  const moved = readLock(aside)
  if (info && moved && (moved.pid !== info.pid || moved.start !== info.start)) {
    try {
      linkSync(aside, path)
    } catch {}
  }
  rmSync(aside, { force: true })
}

function busy(outDir: string, path: string, info: LockInfo | undefined): OutputFolderBusy {
  const who = info
    ? `(proces ${info.pid} op ${info.host === hostname() ? 'deze computer' : `computer ${info.host}`}, begonnen ${info.start.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')})`
    : '(het slot is net gemaakt of onleesbaar)'
  return new OutputFolderBusy(
    `${path}: de uitvoermap \`${outDir}\` is in gebruik door een andere reeks brieven ${who}; er is niets geschreven. Wacht tot die reeks klaar is, of kies een andere map met --out. Loopt er zeker geen reeks meer, verwijder dan \`${path}\``,
  )
}

/** Temp-file names of this process start with this. */
export function tempPrefix(): string {
  return `.regelwerk-${process.pid}-`
}

const TEMP = /^\.regelwerk-(\d+)-.*\.tmp$/

/**
 * Remove temp files that interrupted batches left in `outDir`: those of this process and of
 * processes that no longer run; never those of a live process. Read as a stream (the folder may
 * hold 100,000 letters).
 */
export function removeStaleTemps(outDir: string): void {
  removeTemps(outDir, (pid) => pid === process.pid || !processAlive(pid))
}

/** Remove this process's temp files from `outDir` (after a signal). */
export function removeOwnTemps(outDir: string): void {
  removeTemps(outDir, (pid) => pid === process.pid)
}

function removeTemps(outDir: string, remove: (pid: number) => boolean): void {
  let dir: ReturnType<typeof opendirSync>
  try {
    dir = opendirSync(outDir)
  } catch {
    return
  }
  try {
    for (let e = dir.readSync(); e !== null; e = dir.readSync()) {
      const m = TEMP.exec(e.name)
      if (m && e.isFile() && remove(Number(m[1]))) rmSync(join(outDir, e.name), { force: true })
    }
  } finally {
    dir.closeSync()
  }
}

/**
 * Run `body` while SIGINT, SIGTERM and SIGHUP stop it cleanly: on a signal `onSignal` runs at
 * once (the batch stops at its next step), `cleanup` runs when `body` has ended or after two
 * seconds, whichever comes first, and the signal is raised again so the process ends as it would
 * have (exit status 130 for Ctrl-C). Without a signal `cleanup` runs when `body` ends.
 */
export async function withSignalCleanup<T>(
  body: () => Promise<T>,
  onSignal: (signal: NodeJS.Signals) => void,
  cleanup: () => void,
): Promise<T> {
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']
  let cleaned = false
  const clean = () => {
    if (cleaned) return
    cleaned = true
    cleanup()
  }
  let received: NodeJS.Signals | undefined
  let finished: Promise<void> | undefined
  const running = body()
  const handler = (signal: NodeJS.Signals) => {
    if (received) return
    received = signal
    onSignal(signal)
    finished = new Promise<void>((resolve) => {
      const finish = () => {
        clearTimeout(timer)
        clean()
        for (const s of signals) process.removeListener(s, handler)
        // The default action (end the process) when nobody else listens; else the caller decides.
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal)
        resolve()
      }
      const timer = setTimeout(finish, 2000)
      running.then(finish, finish)
    })
  }
  for (const s of signals) process.on(s, handler)
  let value: T | undefined
  try {
    value = await running
  } catch (error) {
    if (!received) throw error
  } finally {
    if (!received) {
      for (const s of signals) process.removeListener(s, handler)
      clean()
    }
  }
  if (received) {
    await finished
    throw new BatchInterrupted(received)
  }
  return value as T
}

/**
 * Write `data` to `tmp`, flush it to disk, and rename it to `path`: after a power cut the file is
 * either absent or complete. The caller fsyncs the folder after its renames (`syncFolder`).
 */
export async function writeDurable(path: string, tmp: string, data: Uint8Array | string): Promise<void> {
  try {
    const handle = await open(tmp, 'w')
    try {
      await handle.writeFile(data)
      await handle.datasync()
    } finally {
      await handle.close()
    }
    await rename(tmp, path)
  } catch (error) {
    await rm(tmp, { force: true })
    throw error
  }
}

/** `writeDurable`, synchronously. */
export function writeDurableSync(path: string, tmp: string, data: Uint8Array | string): void {
  try {
    const fd = openSync(tmp, 'w')
    try {
      const buf = typeof data === 'string' ? Buffer.from(data) : data
      let off = 0
      while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off)
      fdatasyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(tmp, path)
  } catch (error) {
    rmSync(tmp, { force: true })
    throw error
  }
}

/** Flush a folder's entries (the renames into it) to disk. Not every file system allows it: then nothing. */
export function syncFolder(dir: string): void {
  let fd: number
  try {
    fd = openSync(dir, 'r')
  } catch {
    return
  }
  try {
    fsyncSync(fd)
  } catch {
  } finally {
    closeSync(fd)
  }
}

/**
 * Flush everything written to the file system that holds `dir` in one call (Linux `syncfs(2)`,
 * through coreutils `sync -f`): after it, the data of every temp file written before is on disk.
 * One call per group of letters costs a few milliseconds, where an `fdatasync` per letter costs
 * about 0.3 ms each and queues on Node's four file threads. Returns false where `sync -f` is not
 * there (macOS, Windows, BusyBox): the caller then flushes file by file.
 */
export async function syncFileSystem(dir: string): Promise<boolean> {
  if (syncFsMissing) return false
  const ok = await new Promise<boolean>((done) => {
    const child = spawn('sync', ['-f', dir], { stdio: 'ignore' })
    child.on('error', () => done(false))
    child.on('close', (status) => done(status === 0))
  })
  if (!ok) syncFsMissing = true
  return ok
}

let syncFsMissing = process.platform !== 'linux'

/** Flush one file's data to disk (the fallback of `syncFileSystem`). */
export async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+')
  try {
    await handle.datasync()
  } finally {
    await handle.close()
  }
}
