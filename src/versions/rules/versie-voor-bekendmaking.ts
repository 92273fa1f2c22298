import { formatDutchDate } from '../../util/dates.js'
import { compareDates } from '../work.js'
import type { WorkRule } from './types.js'

/**
 * Ar 4.16: a rule does not enter into force before it is published. Retroactivity is written with
 * the second date (`terugwerkende-kracht`), not with an earlier inwerkingtreding (Ar 5.63).
 */
export const versieVoorBekendmaking: WorkRule = {
  id: 'versie-voor-bekendmaking',
  description: 'Inwerkingtreding vóór de bekendmaking (Ar 4.16)',
  run(work, report) {
    for (const v of work.versions) {
      if (!v.inwerkingtreding || !v.bekendgemaakt || v.inwerkingtredingBron !== 'front-matter') continue
      if (compareDates(v.inwerkingtreding, v.bekendgemaakt) < 0) {
        report(
          v,
          'inwerkingtreding',
          `Inwerkingtreding ${formatDutchDate(v.inwerkingtreding)} ligt vóór de bekendmaking (${formatDutchDate(v.bekendgemaakt)}); een regeling treedt niet eerder in werking dan zij is bekendgemaakt (Ar 4.16). Schrijf \`inwerkingtreding: ${v.bekendgemaakt}\` en \`terugwerkende-kracht: ${v.inwerkingtreding}\``,
          'waarschuwing',
        )
      }
    }
  },
}
