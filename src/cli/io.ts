/** The edge of the program: reading input files, printing messages, exit codes. */
import { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import { type InputKind, readInputFile } from '../util/limits.js'
import { formatMessage, fout, sortMessages } from '../util/messages.js'

/**
 * Exit status: 0 done (warnings allowed), 1 the input has errors or the machine cannot go on (disk
 * full, no permission: see src/util/system-errors.ts), 2 wrong usage. 3, a bug, is `main`'s alone.
 */
export const EXIT = { ok: 0, input: 1, usage: 2 } as const

/** A user error about the command line itself (exit 2). */
export class UsageError extends Error {}

/**
 * Read a file into a VFile. A missing path, a directory, a device or pipe (which may never end)
 * and a file over the input limit (src/util/limits.ts, `--max-invoer`) are reported as a message
 * on the file, which then has no value.
 */
export function readInput(path: string, kind: InputKind = 'tekst'): VFile {
  const file = new VFile({ path })
  const read = readInputFile(path, kind)
  if ('problem' in read) fout(file, read.problem.reason, { line: 1, column: 1 }, read.problem.ruleId)
  else file.value = read.bytes
  return file
}

/** Print the messages of `file` to stderr, sorted by place. */
export function printMessages(file: VFile, path = file.path): void {
  for (const m of sortMessages(file.messages)) process.stderr.write(`${formatMessage(m, path)}\n`)
}

/** Machine-readable form of a message. */
export function messageJson(m: VFileMessage, path: string): Record<string, unknown> {
  return {
    pad: path,
    regel: m.line ?? 1,
    kolom: m.column ?? 1,
    ernst: m.fatal === true ? 'fout' : m.fatal === false ? 'waarschuwing' : 'info',
    bericht: m.reason,
    regelId: m.ruleId ?? null,
  }
}

export function counts(messages: readonly VFileMessage[]): { fouten: number; waarschuwingen: number } {
  return {
    fouten: messages.filter((m) => m.fatal === true).length,
    waarschuwingen: messages.filter((m) => m.fatal === false).length,
  }
}

/** `1 fout`, `2 fouten`. */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`
}
