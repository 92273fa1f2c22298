import { dirname } from 'node:path'
import type { VFileMessage } from 'vfile-message'
import { checkWork, WORK_RULES } from './check-work.js'
import { appliesFrom } from './rules/versie-overschaduwd.js'
import { isWorkDir, loadWork } from './work.js'

export interface WorkContext {
  messages: VFileMessage[]
  inherited: Record<string, unknown>
  firstVersion: { name: string; from: string } | undefined
  /** The version's inwerkingtreding (from its front-matter, else its file name). */
  inwerkingtreding: string | undefined
}

/** The version checks of every work among `files`, and what each version inherits, per version file. */
export function versionMessages(files: string[]): Map<string, WorkContext> {
  const out = new Map<string, WorkContext>()
  const ids = new Set<string>(WORK_RULES.map((r) => r.id))
  for (const dir of new Set(files.map((f) => dirname(f)))) {
    if (!isWorkDir(dir)) continue
    const work = loadWork(dir)
    checkWork(work)
    const first = work.versions[0]
    const from = first && appliesFrom(first)
    for (const v of work.versions) {
      out.set(v.path, {
        messages: v.file.messages.filter((m) => ids.has(m.ruleId ?? '')),
        inherited: work.inherited,
        firstVersion: first && from && v !== first ? { name: first.name, from } : undefined,
        inwerkingtreding: v.inwerkingtreding,
      })
    }
  }
  return out
}
