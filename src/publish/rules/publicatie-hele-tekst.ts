import { artikelenOf, numOf } from '../../model/access.js'
import { fout } from '../../util/messages.js'
import type { PublicationRule } from './types.js'

const ID = 'publicatie-hele-tekst'

/**
 * Issue 14, point 6: a wijzigingsbesluit that replaces the whole text of a regulation ("De tekst
 * van de regeling komt te luiden:") while its articles still exist in the new version is not what
 * a raad means to sign: it hides which provisions change, and the CVDR shows a new regulation
 * where there is a change. Refused unless the user says so (`publish --hele-tekst`).
 */
export const publicatieHeleTekst: PublicationRule = {
  id: ID,
  description: 'Het wijzigingsbesluit vervangt de hele tekst van een regeling waarvan de artikelen blijven bestaan',
  run(ctx) {
    const { publicatie, sources, pub, file } = ctx
    if (ctx.heleTekst || publicatie.soort !== 'wijziging') return
    if (!publicatie.dictum.some((b) => b.kind === 'alinea' && b.heleTekst === true)) return
    const oud = sources.oud?.tree
    const nieuw = sources.nieuw?.tree
    if (!oud || !nieuw) return
    const nieuweNummers = new Set(artikelenOf(nieuw).map((a) => numOf(a)))
    const blijven = artikelenOf(oud)
      .map((a) => numOf(a))
      .filter((n) => n !== '' && nieuweNummers.has(n))
    if (blijven.length === 0) return
    const genoemd = blijven.slice(0, 3)
    const lijst =
      genoemd.length === 1 ? genoemd[0] : `${genoemd.slice(0, -1).join(', ')} en ${genoemd[genoemd.length - 1]}`
    const welke =
      blijven.length === 1
        ? `artikel ${lijst} blijft bestaan`
        : blijven.length <= 3
          ? `de artikelen ${lijst} blijven bestaan`
          : `${blijven.length} artikelen blijven bestaan, waaronder de artikelen ${lijst}`
    fout(
      file,
      `Het wijzigingsbesluit vervangt de hele tekst van ${publicatie.metadata.citeertitel ?? 'de regeling'} ("De tekst van de regeling komt te luiden:"), terwijl ${welke}; een raad of college besluit dan zonder te zien wat er verandert. Wijzig per bepaling, of geef \`--hele-tekst\` als de hele tekst echt vervangen moet worden`,
      pub.keyPlaces.get('wijzigt') ?? pub.keyPlaces.get('regeling') ?? pub.endPlace,
      ID,
    )
  },
}
