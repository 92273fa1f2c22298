/** Checks on the versions of a work, reported on the version files (at the front-matter key). */
import { isMap, isScalar } from 'yaml'
import { yamlPlace } from '../parse/frontmatter.js'
import { fout, info, waarschuwing } from '../util/messages.js'
import type { WorkRule } from './rules/types.js'
import { versieAansluiting } from './rules/versie-aansluiting.js'
import { versieBestandsnaam } from './rules/versie-bestandsnaam.js'
import { versieDatumUitNaam } from './rules/versie-datum-uit-naam.js'
import { versieGegevensGekopieerd } from './rules/versie-gegevens-gekopieerd.js'
import { versieKopie } from './rules/versie-kopie.js'
import { versieOverschaduwd } from './rules/versie-overschaduwd.js'
import { versieTerugwerkendeKracht } from './rules/versie-terugwerkende-kracht.js'
import { versieVoorBekendmaking } from './rules/versie-voor-bekendmaking.js'
import { versieZelfdeDatum } from './rules/versie-zelfde-datum.js'
import { versieZonderDatum } from './rules/versie-zonder-datum.js'
import type { Version, Work } from './work.js'

export const WORK_RULES: readonly WorkRule[] = [
  versieDatumUitNaam,
  versieZonderDatum,
  versieZelfdeDatum,
  versieAansluiting,
  versieTerugwerkendeKracht,
  versieOverschaduwd,
  versieVoorBekendmaking,
  versieBestandsnaam,
  versieKopie,
  versieGegevensGekopieerd,
]

/** The place of `key` in a version's front-matter (1:1 when absent). */
function placeOf(v: Version, key: string | undefined): { line: number; column: number } {
  const doc = v.frontMatter.doc
  if (!key || !doc || !isMap(doc.contents)) return { line: 1, column: 1 }
  const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === key)
  if (!pair || !isScalar(pair.key)) return { line: 1, column: 1 }
  return yamlPlace(v.frontMatter, pair.key.range?.[0])
}

/** Run the work rules; messages are added to each version's `file` (a VFile per version). */
export function checkWork(work: Work): void {
  for (const rule of WORK_RULES) {
    rule.run(work, (v, key, reason, severity) => {
      const place = placeOf(v, key)
      const report = severity === 'fout' ? fout : severity === 'waarschuwing' ? waarschuwing : info
      report(v.file, reason, place, rule.id)
    })
  }
}
