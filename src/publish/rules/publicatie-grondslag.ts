import { fout } from '../../util/messages.js'
import type { PublicationRule } from './types.js'

const ID = 'publicatie-grondslag'

/**
 * A besluit states what it rests on: the metadata needs at least one juridische grondslag, and an
 * aanhef that the publication file writes needs its `gelet op`.
 */
export const publicatieGrondslag: PublicationRule = {
  id: ID,
  description: 'De publicatie noemt geen juridische grondslag (gelet op)',
  run(ctx) {
    const { pub, publicatie, file } = ctx
    const regelingAanhef =
      publicatie.soort === 'regeling' && (ctx.sources.nieuw?.tree.children.some((c) => c.type === 'aanhef') ?? false)
    const ownAanhef = pub.bestuursorgaan !== undefined || !regelingAanhef
    if (ownAanhef && pub.geletOp.length === 0) {
      fout(
        file,
        'De aanhef noemt geen grondslag; voeg `gelet-op:` toe met de wetsartikelen waarop het besluit berust (bijvoorbeeld `- artikel 160 van de Gemeentewet`)',
        pub.keyPlaces.get('bestuursorgaan') ?? pub.endPlace,
        ID,
      )
      return
    }
    if (publicatie.metadata.juridischeGrondslagen.length === 0) {
      fout(
        file,
        'Geen juridische grondslag voor de metadata: de regeling heeft geen `grondslagen` en het publicatiebestand ook niet; voeg `grondslagen:` toe',
        pub.endPlace,
        ID,
      )
    }
  },
}
