import { formatDutchDate } from '../../util/dates.js'
import { compareDates } from '../work.js'
import type { WorkRule } from './types.js'

/** Terugwerkende kracht reaches back: it cannot lie after the inwerkingtreding. */
export const versieTerugwerkendeKracht: WorkRule = {
  id: 'versie-terugwerkende-kracht',
  description: 'Terugwerkende kracht na de datum van inwerkingtreding',
  run(work, report) {
    for (const v of work.versions) {
      if (!v.terugwerkendeKracht || !v.inwerkingtreding) continue
      if (compareDates(v.terugwerkendeKracht, v.inwerkingtreding) > 0) {
        report(
          v,
          'terugwerkende-kracht',
          `Terugwerkende kracht tot en met ${formatDutchDate(v.terugwerkendeKracht)} ligt na de inwerkingtreding (${formatDutchDate(v.inwerkingtreding)}); terugwerkende kracht gaat terug in de tijd: verbeter een van beide datums`,
          'fout',
        )
      }
    }
  },
}
