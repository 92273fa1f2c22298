import { compareDates } from '../work.js'
import type { WorkRule } from './types.js'

/** Version files are named by their inwerkingtreding (`2013-01-03.md`). */
export const versieBestandsnaam: WorkRule = {
  id: 'versie-bestandsnaam',
  description: 'De bestandsnaam van een versie wijkt af van de datum van inwerkingtreding',
  run(work, report) {
    for (const v of work.versions) {
      if (v.inwerkingtredingBron !== 'front-matter' || !/^\d{4}-\d{2}-\d{2}$/.test(v.name)) continue
      if (compareDates(v.name, v.inwerkingtreding as string) !== 0) {
        report(
          v,
          'inwerkingtreding',
          `De bestandsnaam \`${v.name}.md\` wijkt af van \`inwerkingtreding: ${v.inwerkingtreding}\`; noem het bestand \`${v.inwerkingtreding}.md\``,
          'waarschuwing',
        )
      }
    }
  },
}
