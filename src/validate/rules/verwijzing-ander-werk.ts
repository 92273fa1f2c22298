import { formatDutchDate } from '../../util/dates.js'
import { waarschuwing } from '../../util/messages.js'
import type { Rule } from '../types.js'
import { referencedArticles } from './verwijzing-onbekend-artikel.js'

const ID = 'verwijzing-ander-werk'

/**
 * A reference into another work of the same folder (`artikel 125 van de Ambtenarenwet`, `artikel
 * 3:1 van de CAR`, `artikel 4:2 van de wet` where the wet is this regulation's grondslag) to an
 * article that work does not have on this text's date of inwerkingtreding. Only in a folder check:
 * a single file has no other works to look in.
 */
export const verwijzingAnderWerk: Rule = {
  id: ID,
  description: 'Een verwijzing naar een artikel van een ander werk in de map dat op deze datum niet bestaat',
  run(ctx) {
    if (!ctx.works) return
    const date = ctx.works.date
    for (const ref of referencedArticles(ctx)) {
      if (ref.status !== 'ander-werk-ontbreekt' || !ref.work) continue
      const titel = ref.work.titel
      const named =
        ref.resolved && ref.regulation !== ''
          ? `${withArticle(ref.regulation ?? '')} (gelezen als ${ref.resolved.name}: ${ref.resolved.via})`
          : ref.resolved
            ? `${withArticle(ref.resolved.name)} (${ref.resolved.via})`
            : withArticle(titel)
      const when = date ? ` op ${formatDutchDate(date)}` : ''
      const fix = ref.suggestie
        ? `; bedoelde u artikel \`${ref.suggestie}\`? Verbeter anders het nummer, of noem de regeling waarin het artikel wel staat`
        : '; verbeter het nummer, of noem de regeling waarin het artikel wel staat'
      waarschuwing(
        ctx.file,
        `Verwijzing naar artikel \`${ref.num}\` van ${named}, maar ${withArticle(titel)} heeft${when} geen artikel \`${ref.num}\` (gelezen in versie ${ref.versie} van werk \`${ref.work.id}\`)${fix}`,
        ref.place,
        ID,
      )
    }
  },
}

/** `de Ambtenarenwet`, `het besluit`, `de CAR-UWO`; `die wet` and `dat boek` as written. */
function withArticle(name: string): string {
  if (/^(?:de|het|die|dat|deze|dit|diezelfde|datzelfde|dezelfde|hetzelfde)\s/iu.test(name)) return name
  return /^(?:besluit|reglement|statuut|sociaal statuut)\b/iu.test(name) ? `het ${name}` : `de ${name}`
}
