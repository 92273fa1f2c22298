/**
 * Trouble of the machine, not of the input: a full disk, no permission, a read-only file system, a
 * file where a folder belongs. Node reports it as a system error (`code: 'ENOSPC'`, `syscall`,
 * `path`); this module turns one into a Dutch sentence that names the path and says what to do.
 * The command line prints it and exits 1 (the machine is at fault, not regelwerk); exit 3 stays
 * for real bugs. Other modules may call `systemErrorReason` to put the same words in a message.
 */
import { basename, dirname } from 'node:path'

/** A Node system error: an `E…` code, usually with the system call and the path it was about. */
export interface SystemError extends Error {
  code: string
  syscall?: string
  path?: string
  dest?: string
  /** What regelwerk was doing, when it knows better than the system call (see `whileWriting`). */
  action?: Action
}

/** Whether `error` is a Node system error (`ENOSPC`, `EACCES`, …), not a bug of the program. */
export function isSystemError(error: unknown): error is SystemError {
  if (!(error instanceof Error)) return false
  const code = (error as { code?: unknown }).code
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code)
}

/** What regelwerk tried to do with the path: read it, write it, or (unknown) use it. */
export type Action = 'lezen' | 'schrijven' | 'gebruiken'

const WRITING = new Set([
  'write',
  'writev',
  'mkdir',
  'mkdtemp',
  'rename',
  'unlink',
  'rmdir',
  'rm',
  'copyfile',
  'symlink',
  'link',
  'ftruncate',
  'fsync',
  'fdatasync',
  'utime',
  'chmod',
])
const READING = new Set(['read', 'scandir', 'opendir', 'readdir', 'stat', 'lstat', 'fstat', 'readlink', 'access'])

function actionOf(error: SystemError): Action {
  const call = error.syscall ?? ''
  if (WRITING.has(call)) return 'schrijven'
  if (READING.has(call)) return 'lezen'
  return 'gebruiken'
}

/**
 * Mark a system error as one that happened while writing `path` (an atomic write fails on its temp
 * file, in an `open`): the message then names the file the user asked for and says "schrijven".
 */
export function whileWriting(error: SystemError, path: string): SystemError {
  error.path = path
  error.dest = undefined
  error.action = 'schrijven'
  return error
}

/**
 * The path a user knows: the target of a rename rather than the temp file, and for one of our own
 * temp files (`.abc123.tmp`, `.regelwerk-…tmp`, written next to the real file) the folder it is in.
 */
export function userPath(error: SystemError, path?: string): string | undefined {
  const p = path ?? error.dest ?? error.path
  if (p === undefined) return undefined
  return /^\..*\.tmp$/.test(basename(p)) ? dirname(p) : p
}

export interface SystemErrorOptions {
  /** The path to name instead of the one in the error (which may be a temp file). */
  path?: string
  /** What was tried; by default read from the system call. */
  action?: Action
  /** Words for what could not be read or written when it has no path (`de standaarduitvoer`). */
  naam?: string
}

/**
 * The Dutch reason for a system error, naming the path and what to do: `Er is geen ruimte meer op
 * de schijf voor \`out/a.docx\` (ENOSPC); maak ruimte vrij of schrijf naar een andere schijf`.
 * `path` overrides the path in the error (which may be a temp file); `action` what was tried.
 */
export function systemErrorReason(error: SystemError, options: SystemErrorOptions = {}): string {
  const path = userPath(error, options.path)
  const action = options.action ?? error.action ?? actionOf(error)
  const p = options.naam ?? (path === undefined ? 'een bestand' : `\`${path}\``)
  const verb = action === 'gebruiken' ? 'openen' : action
  const code = error.code
  switch (code) {
    case 'ENOSPC':
      return `Er is geen ruimte meer op de schijf voor ${p} (ENOSPC); maak ruimte vrij of schrijf naar een andere schijf, en probeer het opnieuw`
    case 'EDQUOT':
      return `Uw schijfquotum is op bij ${p} (EDQUOT); ruim bestanden op of vraag meer ruimte aan de beheerder, en probeer het opnieuw`
    case 'EFBIG':
      return `${cap(p)} wordt groter dan het bestandssysteem toestaat (EFBIG); schrijf naar een andere schijf`
    case 'EACCES':
    case 'EPERM':
      return `U hebt geen toestemming om ${p} te ${verb} (${code}); controleer de rechten van het bestand en de map erboven, of kies een andere plek`
    case 'EROFS':
      return `${cap(p)} staat op een schijf waarop alleen gelezen mag worden (EROFS); kies een plek waar u mag schrijven`
    case 'ENOTDIR':
      return `Een deel van het pad ${p} is een bestand, geen map (ENOTDIR); kies een pad waarvan elk deel vóór de naam een map is`
    case 'EISDIR':
      return action === 'schrijven'
        ? `${cap(p)} is een map; kies een bestandsnaam die nog geen map is (EISDIR)`
        : `${cap(p)} is een map, geen bestand (EISDIR); geef het pad van een bestand`
    case 'EEXIST':
      return error.syscall === 'mkdir'
        ? `${cap(p)} is een bestand, maar hier hoort een map (EEXIST); kies een andere naam of verwijder het bestand`
        : `${cap(p)} bestaat al (EEXIST); kies een andere naam of verwijder het bestand`
    case 'ENOENT':
      return `${cap(p)} bestaat niet (ENOENT); controleer de naam en de map`
    case 'ENOTEMPTY':
      return `De map ${p} is niet leeg (ENOTEMPTY); maak haar leeg of kies een andere map`
    case 'ENAMETOOLONG':
      return `De naam ${p} is te lang voor het bestandssysteem (ENAMETOOLONG); kies een kortere naam of een kortere map`
    case 'ELOOP':
      return `Het pad ${p} verwijst via snelkoppelingen (symbolische links) naar zichzelf (ELOOP); controleer de links`
    case 'EMFILE':
    case 'ENFILE':
      return `Er staan te veel bestanden tegelijk open bij ${p} (${code}); sluit andere programma's of verhoog de limiet (\`ulimit -n\`), en probeer het opnieuw`
    case 'EBUSY':
    case 'ETXTBSY':
      return `${cap(p)} is in gebruik door een ander programma (${code}); sluit het (bijvoorbeeld Word) en probeer het opnieuw`
    case 'EIO':
      return `De schijf gaf een lees- of schrijffout bij ${p} (EIO); controleer de schijf of de verbinding (netwerkschijf, USB-stick) en probeer het opnieuw`
    case 'ESTALE':
    case 'ETIMEDOUT':
    case 'EHOSTDOWN':
    case 'ENOTCONN':
      return `De netwerkschijf van ${p} antwoordt niet (${code}); controleer de verbinding en probeer het opnieuw`
    case 'EXDEV':
      return `${cap(p)} kan niet van schijf naar schijf worden verplaatst (EXDEV); schrijf naar een map op dezelfde schijf`
    case 'ENOMEM':
      return `Er is te weinig geheugen om ${p} te ${verb} (ENOMEM); sluit andere programma's of verdeel het werk, en probeer het opnieuw`
    case 'EPIPE':
      return 'De uitvoer is gesloten voordat alles geschreven was (EPIPE)'
    default:
      return `Het besturingssysteem weigert ${p} te ${verb} (${code}); controleer het pad, de rechten en de vrije ruimte, en probeer het opnieuw`
  }
}

function cap(s: string): string {
  return s.startsWith('`') ? `Het pad ${s}` : s.charAt(0).toUpperCase() + s.slice(1)
}

/**
 * The line the command line prints for a system error: `fout: …` (no place in a file: the path in
 * the sentence is the place). Undefined for anything that is not a system error.
 */
export function systemErrorMessage(error: unknown, options: SystemErrorOptions = {}): string | undefined {
  return isSystemError(error) ? `fout: ${systemErrorReason(error, options)}` : undefined
}
