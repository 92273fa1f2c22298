import { META_KEYS } from '../../model/meta.js'
import { waarschuwing } from '../../util/messages.js'
import { closest } from '../closest.js'
import { metaEntries } from '../meta-entries.js'
import type { Rule } from '../types.js'

const ID = 'frontmatter-onbekend'
const KNOWN = Object.keys(META_KEYS)

/** A key regelwerk does not know is probably a typo; it is kept but nothing reads it. */
export const frontmatterOnbekend: Rule = {
  id: ID,
  description: 'Een onbekende sleutel in de front-matter (met een suggestie bij een tikfout)',
  run(ctx) {
    for (const entry of metaEntries(ctx.frontMatter) ?? []) {
      if (entry.key in META_KEYS) continue
      const suggestion = closest(entry.key, KNOWN)
      const advice = suggestion
        ? `bedoelt u \`${suggestion}\`?`
        : 'gebruik een van de sleutels uit docs/format.md, of verwijder de regel'
      waarschuwing(ctx.file, `Onbekende sleutel \`${entry.key}\` in de front-matter; ${advice}`, entry.keyPlace, ID)
    }
  },
}
