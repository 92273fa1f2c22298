/**
 * Content problems are vfile messages: a place, a rule id, a severity. They are collected, never
 * thrown, and printed at the edge as `path:line:col: fout|waarschuwing tekst [regel]`.
 */
import type { Point, Position } from 'unist'
import type { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import type { RuleId } from './rule-ids.js'

export type Severity = 'fout' | 'waarschuwing' | 'info'

/** Where a message points: a range, a point, or a whole line (a row of a data file has no column). */
export type Place = Position | Point | { line: number; column?: undefined }

/** vfile-message reads `line` and `column` from a point and leaves `column` unset when it is absent. */
function at(place: Place | undefined): Position | Point | undefined {
  return place as Position | Point | undefined
}

/** Add an error (fout) to `file`. */
export function fout(file: VFile, reason: string, place: Place | undefined, ruleId: RuleId): VFileMessage {
  const m = file.message(reason, { place: at(place), ruleId, source: 'regelwerk' })
  m.fatal = true
  return m
}

/** Add a warning (waarschuwing) to `file`. */
export function waarschuwing(file: VFile, reason: string, place: Place | undefined, ruleId: RuleId): VFileMessage {
  const m = file.message(reason, { place: at(place), ruleId, source: 'regelwerk' })
  m.fatal = false
  return m
}

/** Add an informational message to `file`. */
export function info(file: VFile, reason: string, place: Place | undefined, ruleId: RuleId): VFileMessage {
  const m = file.message(reason, { place: at(place), ruleId, source: 'regelwerk' })
  m.fatal = undefined
  return m
}

/** The severity word of a message, in Dutch. */
export function severityOf(m: VFileMessage): Severity {
  if (m.fatal === true) return 'fout'
  if (m.fatal === false) return 'waarschuwing'
  return 'info'
}

/** Whether any message of `file` is an error. */
export function hasErrors(file: VFile): boolean {
  return file.messages.some((m) => m.fatal === true)
}

/** `path:line:col: fout tekst [regel]`, one line per message. */
export function formatMessage(m: VFileMessage, path: string): string {
  const line = m.line ?? 1
  const column = m.column ?? 1
  return `${path}:${line}:${column}: ${severityOf(m)} ${m.reason} [${m.ruleId ?? 'regelwerk'}]`
}

/** Sort messages by place so that output is stable. */
export function sortMessages(messages: readonly VFileMessage[]): VFileMessage[] {
  return [...messages].sort(
    (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || a.reason.localeCompare(b.reason),
  )
}

/**
 * Errors of `check` that do not stop a command that reads the text: a version without front-matter
 * (a law-in-git series is plain Markdown; its dates come from the file names and its title from the
 * folder) is read right all the same. `check` still reports them.
 */
const NOT_BLOCKING: ReadonlySet<string> = new Set(['frontmatter-ontbreekt', 'frontmatter-verplicht'])

/** The errors of `file` that stop a command reading it (without `--force`). */
export function blockingErrors(file: VFile): VFileMessage[] {
  return file.messages.filter((m) => m.fatal === true && !NOT_BLOCKING.has(m.ruleId ?? ''))
}
