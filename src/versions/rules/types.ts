import type { RuleId } from '../../util/rule-ids.js'
import type { Version, Work } from '../work.js'

export type Report = (
  version: Version,
  key: string | undefined,
  reason: string,
  severity: 'fout' | 'waarschuwing' | 'info',
) => void

/** A check on the versions of a work (not on one file alone). */
export interface WorkRule {
  id: RuleId
  /** Dutch one-line description. */
  description: string
  run(work: Work, report: Report): void
}
