import { formatDutchDate } from '../../util/dates.js'
import { compareDates } from '../work.js'
import type { WorkRule } from './types.js'

/**
 * A stated uitwerkingtreding must be the next version's inwerkingtreding: earlier leaves a gap in
 * which no text applies, later makes two versions apply at once.
 */
export const versieAansluiting: WorkRule = {
  id: 'versie-aansluiting',
  description: 'Uitwerkingtreding sluit niet aan op de inwerkingtreding van de volgende versie (gat of overlap)',
  run(work, report) {
    const dated = work.versions.filter((v) => v.inwerkingtreding)
    for (let i = 0; i + 1 < dated.length; i++) {
      const v = dated[i]
      const next = dated[i + 1]
      if (!v?.uitwerkingtreding || !next?.inwerkingtreding) continue
      const c = compareDates(v.uitwerkingtreding, next.inwerkingtreding)
      // With terugwerkende kracht the next version applies from its second date: no gap from there.
      const retro = next.terugwerkendeKracht && compareDates(v.uitwerkingtreding, next.terugwerkendeKracht) >= 0
      if (c < 0 && !retro) {
        report(
          v,
          'uitwerkingtreding',
          `Gat in de versies: deze versie werkt uit per ${formatDutchDate(v.uitwerkingtreding)}, de volgende (\`${next.name}\`) treedt pas in werking op ${formatDutchDate(next.inwerkingtreding)}; daartussen geldt geen tekst`,
          'waarschuwing',
        )
      } else if (c > 0) {
        report(
          v,
          'uitwerkingtreding',
          `Overlap: deze versie werkt uit per ${formatDutchDate(v.uitwerkingtreding)}, maar de volgende (\`${next.name}\`) treedt al in werking op ${formatDutchDate(next.inwerkingtreding)}; maak \`uitwerkingtreding: ${next.inwerkingtreding}\``,
          'fout',
        )
      }
    }
  },
}
