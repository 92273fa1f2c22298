import { formatDutchDate } from '../../util/dates.js'
import { fout, waarschuwing } from '../../util/messages.js'
import type { PublicationRule } from './types.js'

const ID = 'publicatie-voor-inwerkingtreding'

/**
 * A regulation binds only once it is published (Gemeentewet art. 139) and enters into force no
 * earlier than its publication (Ar 4.16). A change that reaches back says so with terugwerkende
 * kracht: inwerkingtreding on or after publication, terugwerkende kracht tot en met the earlier day
 * (Ar 5.63). So: warn when the inwerkingtreding lies before the publication date without
 * terugwerkende kracht; an inwerkingtreding before the terugwerkende kracht, or a publication
 * before the signing, is an error.
 */
export const publicatieVoorInwerkingtreding: PublicationRule = {
  id: ID,
  description:
    'Publicatie vóór inwerkingtreding; terugwerkende kracht waar de inwerkingtreding vóór de publicatie ligt',
  run(ctx) {
    const { pub, file } = ctx
    const m = ctx.publicatie.metadata
    const place = (...keys: string[]) =>
      keys.map((k) => pub.valuePlaces.get(k)).find((p) => p !== undefined) ?? pub.endPlace
    const itw = m.inwerkingtreding
    const bekend = m.datumBekendmaking
    if (itw && m.terugwerkendeKracht && m.terugwerkendeKracht > itw) {
      fout(
        file,
        `De terugwerkende kracht (tot en met ${formatDutchDate(m.terugwerkendeKracht)}) ligt na de inwerkingtreding (${formatDutchDate(itw)}); terugwerkende kracht reikt terug, dus naar een eerdere datum`,
        place('terugwerkende-kracht', 'inwerkingtreding'),
        ID,
      )
    }
    if (!bekend) {
      waarschuwing(
        file,
        'Geen datum van bekendmaking: niet te controleren of de publicatie vóór de inwerkingtreding ligt; voeg `bekendmaking-datum: JJJJ-MM-DD` toe (de dag van plaatsing in het gemeenteblad)',
        pub.endPlace,
        ID,
      )
      return
    }
    if (m.datumOndertekening && bekend < m.datumOndertekening) {
      fout(
        file,
        `De bekendmaking (${formatDutchDate(bekend)}) ligt vóór de ondertekening (${formatDutchDate(m.datumOndertekening)}); een besluit wordt pas na vaststelling bekendgemaakt`,
        place('bekendmaking-datum'),
        ID,
      )
    }
    if (itw && itw < bekend && !m.terugwerkendeKracht) {
      waarschuwing(
        file,
        `De inwerkingtreding (${formatDutchDate(itw)}) ligt vóór de bekendmaking (${formatDutchDate(bekend)}); een regeling bindt pas na bekendmaking (art. 139 Gemeentewet). Laat haar in werking treden op of na de bekendmaking en geef de eerdere datum als \`terugwerkende-kracht: ${itw}\``,
        place('inwerkingtreding', 'bekendmaking-datum'),
        ID,
      )
    }
  },
}
