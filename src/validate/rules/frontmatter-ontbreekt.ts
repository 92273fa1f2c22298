import { fout } from '../../util/messages.js'
import type { Rule } from '../types.js'

const ID = 'frontmatter-ontbreekt'

/** A regulation file without front-matter has no citeertitel and no dates. */
export const frontmatterOntbreekt: Rule = {
  id: ID,
  description: 'Het bestand begint niet met front-matter (gegevens tussen twee regels `---`)',
  run(ctx) {
    if (ctx.frontMatter.present) return
    fout(
      ctx.file,
      'Het bestand heeft geen front-matter; begin het met een regel `---`, dan ten minste `citeertitel: ...` (en de datums van de versie), en sluit af met `---`',
      { line: 1, column: 1 },
      ID,
    )
  },
}
