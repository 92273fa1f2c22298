import type { Version } from '../work.js'
import type { WorkRule } from './types.js'

/** Version keys that belong to one version: a later version states its own. */
const OWN_KEYS: ReadonlyArray<{ key: string; value: (v: Version) => string | undefined; fix: string }> = [
  {
    key: 'ondertekening',
    value: (v) => v.ondertekening,
    fix: 'een nieuwe versie wordt apart vastgesteld: zet de datum waarop het wijzigingsbesluit is ondertekend',
  },
  {
    key: 'bekendmaking',
    value: (v) => v.bekendmaking,
    fix: 'zet de bekendmaking van het wijzigingsbesluit (bijvoorbeeld `Gemeenteblad 2014, 12345`)',
  },
  {
    key: 'bron',
    value: (v) => v.bron,
    fix: 'zet waar de tekst van deze versie vandaan komt (het wijzigingsbesluit of de ledenbrief)',
  },
  {
    key: 'kenmerk',
    value: (v) => v.kenmerk,
    fix: 'zet het kenmerk van het voorstel of besluit van deze wijziging',
  },
]

const normal = (s: string | undefined) => s?.replace(/\s+/g, ' ').trim().toLowerCase() || undefined

/**
 * A version that carries the previous version's own keys: the file was copied and the keys that
 * belong to one version (ondertekening, bekendmaking, bron, kenmerk, betreft) were not reset.
 */
export const versieGegevensGekopieerd: WorkRule = {
  id: 'versie-gegevens-gekopieerd',
  description: 'Een versie heeft de versiegegevens (ondertekening, bekendmaking, bron, betreft) van de vorige',
  run(work, report) {
    for (const [i, v] of work.versions.entries()) {
      if (i === 0) continue
      const previous = work.versions[i - 1] as Version
      for (const { key, value, fix } of OWN_KEYS) {
        const mine = normal(value(v))
        if (mine && mine === normal(value(previous))) {
          report(
            v,
            key,
            `\`${key}\` is gelijk aan die van de vorige versie \`${previous.name}\`; ${fix}`,
            'waarschuwing',
          )
        }
      }
      if (normal(v.betreft) === 'nieuwe regeling') {
        report(
          v,
          'betreft',
          `\`betreft: ${v.betreft}\` staat in een latere versie (er is al versie \`${previous.name}\`); schrijf wat deze versie verandert, bijvoorbeeld \`betreft: wijziging artikel 10\`, of \`intrekking\``,
          'waarschuwing',
        )
      }
    }
  },
}
