import type { Kop } from '../../model/nodes.js'
import { waarschuwing } from '../../util/messages.js'
import { articleHeadingNumber } from '../references.js'
import { excerpt, textOf } from '../text.js'
import { inToelichting, type Node, startOf, visit } from '../tree.js'
import type { Rule } from '../types.js'

const ID = 'kop-niet-geplaatst'

/** A keyword that needs a number: `### Hoofdstuk` alone is no division. */
const KEYWORD_ALONE = /^(artikel|hoofdstuk|afdeling|paragraaf|titel|§)(?![\p{L}])/iu

/** A heading the recognizer could not place (outside the toelichting, where free headings are normal). */
export const kopNietGeplaatst: Rule = {
  id: ID,
  description: 'Een kop buiten de toelichting die geen artikel, hoofdstuk of andere indeling is',
  run(ctx) {
    // A ledenbrief or wijzigingsbesluit is a letter with headings of its own, not a regulation.
    if (ctx.kind === 'wijziging') return
    // So is a circulaire: its headings (`1`, `Inleiding`, `A`, `Tot slot`) are sections of a letter.
    if (isCirculaire(ctx.frontMatter.data)) return
    visit(ctx.tree, (node, ancestors) => {
      if (node.type !== 'kop' || inToelichting(ancestors)) return
      waarschuwing(ctx.file, reason(node, ancestors), startOf(node), ID)
    })
  },
}

function isCirculaire(data: Record<string, unknown>): boolean {
  return typeof data.soort === 'string' && data.soort.trim().toLowerCase() === 'circulaire'
}

function reason(kop: Kop, ancestors: readonly Node[]): string {
  const text = excerpt(textOf(kop.children))
  return `Kop \`${text}\` kon niet worden geplaatst; de tekst blijft behouden. ${advice(text, ancestors)}`
}

function advice(text: string, ancestors: readonly Node[]): string {
  if (ancestors.some((a) => a.type === 'ondertekening')) {
    return 'De kop staat na de ondertekening: zet wat bij de regeling hoort vóór de ondertekening, of verwijder de kop'
  }
  const num = articleHeadingNumber(text)
  if (num !== undefined) {
    return `Het lijkt een artikelkop (nummer \`${num}\`), maar die is hier niet herkend: controleer het nummer en de plaats van de kop`
  }
  const keyword = KEYWORD_ALONE.exec(text)?.[1]
  if (keyword !== undefined) {
    return `Zet een nummer achter \`${keyword}\` (bijvoorbeeld \`${keyword} 1\`), of verwijder de kop`
  }
  return `Maak er de titel van een artikel van (\`### Artikel <nummer> ${text}\`) of verwijder de kop`
}
