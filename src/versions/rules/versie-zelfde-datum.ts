import { formatDutchDate } from '../../util/dates.js'
import type { WorkRule } from './types.js'

/** Two versions that enter into force on the same day: which one applies is undecidable. */
export const versieZelfdeDatum: WorkRule = {
  id: 'versie-zelfde-datum',
  description: 'Twee versies met dezelfde datum van inwerkingtreding',
  run(work, report) {
    const seen = new Map<string, string>()
    for (const v of work.versions) {
      if (!v.inwerkingtreding) continue
      const first = seen.get(v.inwerkingtreding)
      if (first) {
        report(
          v,
          'inwerkingtreding',
          `Versie \`${first}\` treedt ook op ${formatDutchDate(v.inwerkingtreding)} in werking; voeg de versies samen of verbeter een van de datums`,
          'fout',
        )
      } else seen.set(v.inwerkingtreding, v.name)
    }
  },
}
