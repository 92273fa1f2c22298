import { isScalar } from 'yaml'
import { META_KEYS } from '../../model/meta.js'
import { dutchNumericToIso, dutchWordsToIso, isIsoDate } from '../../util/dates.js'
import { fout } from '../../util/messages.js'
import { type MetaEntry, metaEntries } from '../meta-entries.js'
import type { Rule } from '../types.js'

const ID = 'frontmatter-datum'

/** Date keys hold a real calendar day written `YYYY-MM-DD`. */
export const frontmatterDatum: Rule = {
  id: ID,
  description: 'Een datum in de front-matter die niet de vorm JJJJ-MM-DD heeft of niet bestaat',
  run(ctx) {
    for (const entry of metaEntries(ctx.frontMatter) ?? []) {
      if (META_KEYS[entry.key] !== 'datum') continue
      const problem = dateProblem(entry, ctx.frontMatter.data[entry.key])
      if (problem) fout(ctx.file, problem, entry.valuePlace, ID)
    }
  },
}

/** What is wrong with a date value, or undefined. Lists and maps are `frontmatter-type`'s concern. */
function dateProblem(entry: MetaEntry, value: unknown): string | undefined {
  if (entry.value !== null && !isScalar(entry.value)) return undefined
  const text = typeof value === 'string' ? value.trim() : ''
  const key = `\`${entry.key}\``
  if (text === '') return `De datum bij ${key} is leeg; vul een datum in als \`JJJJ-MM-DD\` of verwijder de regel`
  if (isIsoDate(text)) return undefined
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    return `De datum \`${text}\` bij ${key} bestaat niet; vul een echte dag in als \`JJJJ-MM-DD\``
  }
  const iso = dutchNumericToIso(text) ?? dutchWordsToIso(text)
  const advice = iso
    ? `schrijf \`${entry.key}: ${iso}\``
    : 'schrijf de datum als `JJJJ-MM-DD`, bijvoorbeeld `2013-01-03`'
  return `De datum \`${text}\` bij ${key} heeft niet de vorm \`JJJJ-MM-DD\`; ${advice}`
}
