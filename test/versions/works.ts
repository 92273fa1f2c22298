/** Shared paths and helpers for the tests of works, versions and dates (issue 4). */
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { severityOf } from '../../src/util/messages.js'
import { WORK_RULES } from '../../src/versions/check-work.js'
import type { Work } from '../../src/versions/work.js'
import { CORPUS, ROOT } from '../helpers.js'

/** The fixture works, one folder per case. */
export const WORKS = join(ROOT, 'test', 'fixtures', 'works')
/** The same folder relative to ROOT, as a user types it (the CLI runs with cwd ROOT). */
export const WORKS_REL = join('test', 'fixtures', 'works')
export const REGULATIONS = join(ROOT, 'regulations')
export const STATUUT = join(REGULATIONS, 'sociaal-statuut-cgm')
export const CAR_UWO = join(REGULATIONS, 'car-uwo')
/** A law-in-git series as it is: no front-matter, dates only in the file names. */
export const MINIMUMLOON = join(CORPUS, 'bwb', 'BWBR0002638-wet-minimumloon-en-minimumvakantiebijslag')

/** The bundled works: every folder under `regulations/` except the amendments. */
export function bundledWorks(): string[] {
  return readdirSync(REGULATIONS)
    .filter((n) => n !== 'ledenbrieven' && statSync(join(REGULATIONS, n)).isDirectory())
    .sort()
}

/** Every version series in the corpus (`../shared/corpus/bwb/*`). */
export function corpusSeries(): string[] {
  const dir = join(CORPUS, 'bwb')
  return readdirSync(dir)
    .filter((n) => statSync(join(dir, n)).isDirectory())
    .sort()
    .map((n) => join(dir, n))
}

export interface Msg {
  /** The version's file name (`2013-01-03.md`). */
  file: string
  line: number
  column: number
  severity: 'fout' | 'waarschuwing' | 'info'
  ruleId: string
  reason: string
}

const WORK_RULE_IDS = new Set<string>(WORK_RULES.map((r) => r.id))

/** The version checks' messages of a checked work, in version order. */
export function workMessages(work: Work): Msg[] {
  return work.versions.flatMap((v) =>
    v.file.messages
      .filter((m) => WORK_RULE_IDS.has(m.ruleId ?? ''))
      .map((m) => ({
        file: `${v.name}.md`,
        line: m.line ?? 0,
        column: m.column ?? 0,
        severity: severityOf(m),
        ruleId: m.ruleId as string,
        reason: m.reason,
      })),
  )
}
