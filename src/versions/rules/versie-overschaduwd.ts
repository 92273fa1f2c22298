import { formatDutchDate } from '../../util/dates.js'
import { compareDates, type Version } from '../work.js'
import type { WorkRule } from './types.js'

/** The first day a version applies to facts: its terugwerkende kracht, else its inwerkingtreding. */
export function appliesFrom(v: Version): string | undefined {
  if (v.terugwerkendeKracht && v.inwerkingtreding && compareDates(v.terugwerkendeKracht, v.inwerkingtreding) <= 0) {
    return v.terugwerkendeKracht
  }
  return v.inwerkingtreding
}

/**
 * A later version whose terugwerkende kracht reaches back to (or before) the first day of an
 * earlier version: that earlier version then applies on no day at all, and `show --at` and `diff`
 * silently answer with the later text. The usual cause is a version file copied from the previous
 * one with its `terugwerkende-kracht` left in.
 */
export const versieOverschaduwd: WorkRule = {
  id: 'versie-overschaduwd',
  description: 'Een latere versie geldt (door terugwerkende kracht) al vanaf het begin van een eerdere versie',
  run(work, report) {
    const dated = work.versions.filter((v) => v.inwerkingtreding && !v.inwerkingtredingOngeldig)
    for (const [i, later] of dated.entries()) {
      const from = appliesFrom(later)
      if (!from) continue
      const shadowed = dated
        .slice(0, i)
        .filter((earlier) => compareDates(later.inwerkingtreding as string, earlier.inwerkingtreding as string) > 0)
        .filter((earlier) => compareDates(from, appliesFrom(earlier) as string) <= 0)
      if (shadowed.length === 0) continue
      const first = shadowed[shadowed.length - 1] as Version
      const names = shadowed.map((v) => `\`${v.name}\``).join(', ')
      const earlierFrom = appliesFrom(first) as string
      const same = compareDates(from, earlierFrom) === 0
      if (later.terugwerkendeKracht && from === later.terugwerkendeKracht) {
        report(
          later,
          'terugwerkende-kracht',
          `Deze versie werkt terug tot en met ${formatDutchDate(from)}, ${same ? 'dezelfde dag als' : 'vóór'} het begin van versie ${names} (${formatDutchDate(earlierFrom)}): die versie geldt dan op geen enkele dag meer, en \`show\` en \`diff\` geven daar de tekst van deze versie. Is dit bestand gekopieerd van de vorige versie? Haal dan \`terugwerkende-kracht\` weg, of zet de datum waarop deze wijziging echt terugwerkt (na ${formatDutchDate(earlierFrom)})`,
          'fout',
        )
      } else {
        report(
          later,
          'inwerkingtreding',
          `Deze versie geldt vanaf ${formatDutchDate(from)}, ${same ? 'dezelfde dag als' : 'vóór'} versie ${names} (${formatDutchDate(earlierFrom)}): die versie geldt dan op geen enkele dag; verbeter de datums`,
          'fout',
        )
      }
    }
  },
}
