import { fout } from '../../util/messages.js'
import type { PublicationRule, PublicationRuleContext } from './types.js'

const ID = 'publicatie-verplicht'

function hasPart(ctx: PublicationRuleContext, type: 'aanhef' | 'ondertekening'): boolean {
  return ctx.publicatie.soort === 'regeling' && (ctx.sources.nieuw?.tree.children.some((c) => c.type === type) ?? false)
}

/**
 * The parts a besluit cannot go without: the bestuursorgaan (unless the regulation has its own
 * aanhef), the ondertekening with its date and signatories, the title of a wijzigingsbesluit, the
 * organisation, and the dates the gemeenteblad asks for. Missing keys are placed on the closing
 * `---` line, where they would be added.
 */
export const publicatieVerplicht: PublicationRule = {
  id: ID,
  description: 'Een verplicht onderdeel van de publicatie ontbreekt (bestuursorgaan, ondertekening, opschrift, datums)',
  run(ctx) {
    const { pub, publicatie, file } = ctx
    const m = publicatie.metadata
    const missing = (what: string, add: string) =>
      fout(file, `${what} ontbreekt; voeg in de front-matter toe: ${add}`, pub.endPlace, ID)
    if (!pub.bestuursorgaan && !hasPart(ctx, 'aanhef'))
      missing(
        publicatie.soort === 'wijziging'
          ? 'Het bestuursorgaan (het begin van de aanhef)'
          : 'Het bestuursorgaan (de regeling heeft geen eigen aanhef)',
        '`bestuursorgaan: Het college van burgemeester en wethouders van ...`',
      )
    if (!pub.ondertekening && !hasPart(ctx, 'ondertekening'))
      missing(
        'De ondertekening',
        '`ondertekening:` met `datum:`, `tekst:` en `ondertekenaars:` (zie docs/publicatie.md)',
      )
    if (pub.ondertekening && pub.ondertekening.ondertekenaars.length === 0)
      fout(
        file,
        'De ondertekening noemt geen ondertekenaars; voeg onder `ondertekening` een lijst `ondertekenaars:` toe met `- functie: ...` en `naam: ...`',
        pub.keyPlaces.get('ondertekening'),
        ID,
      )
    if (publicatie.soort === 'wijziging' && !pub.opschrift)
      missing('Het opschrift van het wijzigingsbesluit', '`opschrift: Besluit van ... tot wijziging van ...`')
    if (!m.organisatie) missing('De organisatie', '`organisatie: ...` (de naam van de gemeente)')
    if (!m.datumOndertekening)
      missing('De datum van ondertekening (vaststelling)', '`ondertekening:` met `datum: JJJJ-MM-DD`')
    if (!m.inwerkingtreding) missing('De datum van inwerkingtreding', '`inwerkingtreding: JJJJ-MM-DD`')
    // A wijzigingsbesluit whose `wijzigt` could not be read has been reported on that key.
    if (publicatie.dictum.length === 0 && (publicatie.soort === 'regeling' || ctx.sources.oud)) {
      const reden =
        publicatie.soort === 'wijziging'
          ? 'er zijn geen wijzigingsopdrachten gemaakt (zijn de versies in `regeling` en `wijzigt` gelijk?)'
          : 'de regeling heeft geen artikelen'
      fout(
        file,
        `Het besluit heeft geen dictum: ${reden}`,
        pub.valuePlaces.get(publicatie.soort === 'wijziging' ? 'wijzigt' : 'regeling') ?? pub.endPlace,
        ID,
      )
    }
  },
}
