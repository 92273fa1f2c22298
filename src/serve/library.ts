/**
 * The app's calls into the library, the same functions the command line uses, returning messages
 * as data instead of printing them. Parsed versions are kept while their file is unchanged (size
 * and mtime), so that a text page or a renvooi does not parse the same version twice.
 */
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import { declaredSoort } from '../parse/frontmatter.js'
import { type ParseResult, parseRegeling, parseText } from '../parse/index.js'
import { fileText } from '../util/fs.js'
import { readInputFile } from '../util/limits.js'
import { blockingErrors, fout, hasErrors, sortMessages } from '../util/messages.js'
import { checkRegeling } from '../validate/index.js'
import { checkWork } from '../versions/check-work.js'
import { REGULATIONS_DIR } from '../versions/refs.js'
import { versionMessages } from '../versions/version-messages.js'
import { isWorkDir, loadWork, type Version, versionMeta, type Work } from '../versions/work.js'

export interface PlacedMessage {
  m: VFileMessage
  path: string
}

/** Read a file (within the input limits) as a VFile; problems become a message on it. */
export function readFile(path: string): VFile {
  const file = new VFile({ path })
  const read = readInputFile(path, 'tekst')
  if ('problem' in read) fout(file, read.problem.reason, { line: 1, column: 1 }, read.problem.ruleId)
  else file.value = read.bytes
  return file
}

/** The works under `regulations/` (folders holding a version file). */
export function listWorks(): Work[] {
  let names: string[]
  try {
    names = readdirSync(REGULATIONS_DIR).sort()
  } catch {
    return []
  }
  return names
    .map((n) => join(REGULATIONS_DIR, n))
    .filter((d) => isWorkDir(d))
    .map((d) => loadWork(d))
}

/** A work by its folder name under `regulations/`, or undefined (a name with `/` or `..` is refused). */
export function workById(id: string): Work | undefined {
  if (!/^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u.test(id) || id.includes('..')) return undefined
  const dir = join(REGULATIONS_DIR, id)
  if (!isWorkDir(dir)) return undefined
  // Reading a work parses the front-matter of every version: kept while no file in the folder changed.
  // (with the amendment documents beside it and under regulations/ledenbrieven/, which date versions)
  const key = [dir, join(dir, 'wijzigingen'), join(REGULATIONS_DIR, 'ledenbrieven')]
    .flatMap((d) => {
      try {
        return readdirSync(d)
          .sort()
          .map((n) => (n.endsWith('.md') ? `${d}/${n}=${statKey(join(d, n))}` : `${d}/${n}`))
      } catch {
        return []
      }
    })
    .join('|')
  const hit = works.get(dir)
  if (hit && hit.key === key) return hit.work
  const work = loadWork(dir)
  works.set(dir, { key, work })
  return work
}

const works = new Map<string, { key: string; work: Work }>()

interface Cached {
  key: string
  value: ParsedVersion
}
const parsed = new Map<string, Cached>()

export interface ParsedVersion {
  /** Undefined when the text cannot be used (see `file.messages`). */
  result: ParseResult | undefined
  file: VFile
  /** The fouten that stop a command reading the text (as `loadVersion` refuses). */
  blocking: VFileMessage[]
}

function statKey(path: string): string {
  const s = statSync(path)
  return `${s.size}:${s.mtimeMs}`
}

/**
 * Parse and check a version file as `loadVersion` does (with its work's inherited keys and the
 * inwerkingtreding from its file name). Cached per path while the file is unchanged.
 */
export function parseVersion(path: string, work: Work | undefined): ParsedVersion {
  const key = statKey(path)
  const hit = parsed.get(path)
  if (hit && hit.key === key) return hit.value
  const file = readFile(path)
  const result = hasErrors(file) ? undefined : parseRegeling(file)
  if (result?.text !== undefined) {
    const before = file.messages.length
    checkRegeling(result, file, { inherited: work?.inherited })
    const found = file.messages.splice(before)
    file.messages.push(...found.filter((m) => m.fatal === true))
    result.tree.data.meta = versionMeta(path, result.tree.data.meta)
  }
  const value: ParsedVersion = {
    result: result?.text !== undefined ? result : undefined,
    file,
    blocking: blockingErrors(file),
  }
  parsed.set(path, { key, value })
  return value
}

/** Parse and check a text typed in the editor, as `check` would for that file. */
export function checkText(text: string, path: string, work: Work | undefined): VFileMessage[] {
  const file = new VFile({ path, value: text })
  const result = parseText(text, file)
  if (result.text !== undefined) checkRegeling(result, file, { inherited: work?.inherited })
  return sortMessages(file.messages)
}

export interface CheckOutcome {
  fouten: number
  waarschuwingen: number
  messages: PlacedMessage[]
}

let checkCache: { key: string; value: Map<string, CheckOutcome> } | undefined

/**
 * `regelwerk check regulations/` per work, as data: every version file's messages (its own and its
 * work's version checks). Kept while no file under `regulations/` changed.
 */
export function checkAllWorks(works: Work[]): Map<string, CheckOutcome> {
  const paths = works.flatMap((w) => w.versions.map((v) => v.path))
  const key = paths.map((p) => `${p}=${statKey(p)}`).join('|')
  if (checkCache?.key === key) return checkCache.value
  const contexts = versionMessages(paths)
  const out = new Map<string, CheckOutcome>()
  for (const work of works) {
    const outcome: CheckOutcome = { fouten: 0, waarschuwingen: 0, messages: [] }
    for (const v of work.versions) {
      const file = readFile(v.path)
      const soort = hasErrors(file) ? undefined : declaredSoort(fileText(file))
      if (!hasErrors(file) && soort !== 'tekstblok' && soort !== 'sjabloon' && soort !== 'publicatie') {
        const ctx = contexts.get(v.path)
        const result = parseRegeling(file)
        if (result.text !== undefined)
          checkRegeling(result, file, { inherited: ctx?.inherited, firstVersion: ctx?.firstVersion })
      }
      for (const m of contexts.get(v.path)?.messages ?? []) file.messages.push(m)
      for (const m of sortMessages(file.messages)) {
        if (m.fatal === true) outcome.fouten++
        else if (m.fatal === false) outcome.waarschuwingen++
        outcome.messages.push({ m, path: v.path })
      }
    }
    out.set(work.id, outcome)
  }
  checkCache = { key, value: out }
  return out
}

/** The version table's messages (gaps, overlaps), as `history` shows them. */
export function historyMessages(cached: Work): PlacedMessage[] {
  // checkWork adds its messages to the versions: on a fresh copy, not on the kept one.
  const work = loadWork(cached.dir)
  checkWork(work)
  return work.versions.flatMap((v) => sortMessages(v.file.messages).map((m) => ({ m, path: v.path })))
}

/** The version of `work` named `name` (its file name without `.md`). */
export function versionByName(work: Work, name: string): Version | undefined {
  return work.versions.find((v) => v.name === name)
}

const rendered = new Map<string, string>()

/**
 * A page part made from version files (a renvooi, a text), kept while those files are unchanged
 * (their size and mtime are part of the key): at most 64 entries, the oldest dropped first.
 */
export function renderedOnce(kind: string, paths: readonly string[], make: () => string): string {
  const key = `${kind}\n${paths.map((p) => `${p}=${statKey(p)}`).join('\n')}`
  const hit = rendered.get(key)
  if (hit !== undefined) return hit
  const value = make()
  rendered.set(key, value)
  if (rendered.size > 64) rendered.delete(rendered.keys().next().value as string)
  return value
}
