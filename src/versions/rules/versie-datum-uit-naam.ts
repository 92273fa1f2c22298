import type { WorkRule } from './types.js'

/** A version without a usable `inwerkingtreding` takes the date from its file name (law-in-git folders). */
export const versieDatumUitNaam: WorkRule = {
  id: 'versie-datum-uit-naam',
  description: 'De datum van inwerkingtreding komt uit de bestandsnaam',
  run(work, report) {
    for (const v of work.versions) {
      if (v.inwerkingtredingBron !== 'bestandsnaam') continue
      const why = v.inwerkingtredingOngeldig
        ? `\`inwerkingtreding: ${v.inwerkingtredingOngeldig}\` is geen datum in de vorm JJJJ-MM-DD`
        : 'Geen `inwerkingtreding` in de front-matter'
      report(
        v,
        v.inwerkingtredingOngeldig ? 'inwerkingtreding' : undefined,
        `${why}; de datum uit de bestandsnaam (\`${v.inwerkingtreding}\`) wordt gebruikt`,
        'info',
      )
    }
  },
}
