import type { WorkRule } from './types.js'

/** A version that cannot be placed in time at all. */
export const versieZonderDatum: WorkRule = {
  id: 'versie-zonder-datum',
  description: 'Een versie zonder datum van inwerkingtreding',
  run(work, report) {
    for (const v of work.versions) {
      if (v.inwerkingtredingBron !== 'geen') continue
      const what = v.inwerkingtredingOngeldig
        ? `\`inwerkingtreding: ${v.inwerkingtredingOngeldig}\` is geen datum in de vorm JJJJ-MM-DD`
        : 'Deze versie heeft geen `inwerkingtreding`'
      report(
        v,
        'inwerkingtreding',
        `${what} en de bestandsnaam is geen datum; zet \`inwerkingtreding: JJJJ-MM-DD\` in de front-matter of noem het bestand naar die datum`,
        'fout',
      )
    }
  },
}
