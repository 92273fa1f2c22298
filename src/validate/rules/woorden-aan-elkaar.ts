import { waarschuwing } from '../../util/messages.js'
import { plainText, pointIn, sourceOf } from '../text.js'
import { startOf, visit } from '../tree.js'
import type { Rule } from '../types.js'

const ID = 'woorden-aan-elkaar'

/**
 * Words glued together where a copied text lost a space or a line break: a definition list pasted
 * as one line (`Uitwerkingsovereenkomst;GO:De lokale commissie`, `OR:De lokale ondernemingsraad`),
 * or two sentences (`noodzakelijk acht.De plaatsingsadviescommissie`). A letter, then `;` or `:`
 * right before a capital; or two small letters, a full stop and a capitalised word.
 */
const GLUED = /(?<=\p{L})[;:](?=\p{Lu})|(?<=\p{Ll}{2})\.(?=\p{Lu}\p{Ll})/gu

/** The word around `index`: back to the previous space, on to the next one. */
function around(text: string, index: number): string {
  let start = index
  while (start > 0 && !/\s/u.test(text.charAt(start - 1))) start--
  let end = index + 1
  while (end < text.length && !/\s/u.test(text.charAt(end))) end++
  return text.slice(start, end)
}

export const woordenAanElkaar: Rule = {
  id: ID,
  description: 'Woorden aan elkaar geplakt: een spatie ontbreekt na `;`, `:` of `.`',
  run(ctx) {
    const source = sourceOf(ctx.frontMatter)
    visit(ctx.tree, (node) => {
      // A table cell is running text too (a pasted table loses spaces as a paragraph does).
      if (node.type !== 'alinea' && node.type !== 'tabelcel') return
      const plain = plainText(
        node.children.filter((c) => c.type !== 'inlineCode'),
        source,
      )
      const hits = [...plain.text.matchAll(GLUED)]
      if (hits.length === 0) return
      const first = hits[0] as RegExpMatchArray
      const words = [...new Set(hits.map((m) => around(plain.text, m.index as number)))].slice(0, 3)
      const fixed = words.map((w) => `\`${w}\` → \`${w.replace(GLUED, (p) => `${p} `)}\``).join(', ')
      const more =
        hits.length > words.length
          ? ` (${hits.length} plaatsen in deze ${node.type === 'tabelcel' ? 'tabelcel' : 'alinea'})`
          : ''
      waarschuwing(
        ctx.file,
        `Hier lijken woorden aan elkaar geplakt (een spatie of regelovergang ontbreekt, vaak door kopiëren): ${fixed}${more}; zet de spatie of begin een nieuwe alinea`,
        pointIn(plain, first.index as number, source, startOf(node)),
        ID,
      )
    })
  },
}
