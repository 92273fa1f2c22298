import { isScalar } from 'yaml'
import { REQUIRED_META_KEYS } from '../../model/meta.js'
import { fout } from '../../util/messages.js'
import { frontMatterPlace, metaEntries } from '../meta-entries.js'
import type { DocumentKind, Rule } from '../types.js'

const ID = 'frontmatter-verplicht'

/** A wijzigingsbesluit or ledenbrief is known by its kenmerk and date of signing, not a citeertitel. */
const REQUIRED_FOR_WIJZIGING: readonly string[] = ['kenmerk', 'ondertekening']

export function requiredKeys(kind: DocumentKind): readonly string[] {
  return kind === 'wijziging' ? REQUIRED_FOR_WIJZIGING : REQUIRED_META_KEYS
}

/** Every required key is present. */
export const frontmatterVerplicht: Rule = {
  id: ID,
  description: 'Een verplichte sleutel ontbreekt in de front-matter',
  run(ctx) {
    const entries = metaEntries(ctx.frontMatter)
    if (!entries) return
    const present = new Set(entries.map((e) => e.key))
    // An ontwerp (a besluit `amend` wrote, not yet signed) has no kenmerk or date of signing yet.
    const ontwerp = entries.some((e) => e.key === 'ontwerp' && isScalar(e.value) && e.value.value === true)
    if (ctx.kind === 'wijziging' && ontwerp) return
    const document = ctx.kind === 'wijziging' ? 'een wijzigingsbesluit of ledenbrief' : 'een regeling'
    for (const key of requiredKeys(ctx.kind)) {
      // A later version of a work inherits what does not change from the first version.
      if (present.has(key) || ctx.inherited?.[key] !== undefined) continue
      fout(
        ctx.file,
        `Verplichte sleutel \`${key}\` ontbreekt in de front-matter van ${document}; voeg een regel \`${key}: ...\` toe`,
        frontMatterPlace(ctx.frontMatter),
        ID,
      )
    }
  },
}
