import type { PhrasingContent } from 'mdast'
import type { Point } from 'unist'
import { SKIP, visit } from 'unist-util-visit'
import { contentOf } from '../../model/access.js'
import type { Artikel, Regeling, RegelingNode } from '../../model/nodes.js'
import { isTekst } from '../../model/registry.js'
import { fout } from '../../util/messages.js'
import { normaliseTitle } from '../build.js'
import { inlineRuns, runsText } from '../regeling-blocks.js'
import type { PublicationRule } from './types.js'

const ID = 'publicatie-citeertitel'

/**
 * The citeertitel in the publication must be the regulation's: the one the publication file
 * gives (if any) against the regulation's front-matter, and for a new regulation also the title
 * its own citeertitel article names ("Deze regeling wordt aangehaald als: ..."). Quotes, case and
 * a closing full stop do not count.
 */
export const publicatieCiteertitel: PublicationRule = {
  id: ID,
  description: 'De citeertitel van de publicatie wijkt af van die van de regeling',
  run(ctx) {
    const { pub, file, publicatie } = ctx
    const nieuw = ctx.sources.nieuw
    if (!nieuw) return
    const meta = { ...(nieuw.work?.inherited ?? {}), ...nieuw.tree.data.meta }
    const regelingTitel = typeof meta.citeertitel === 'string' ? meta.citeertitel.trim() : undefined
    if (pub.citeertitel && regelingTitel && normaliseTitle(pub.citeertitel) !== normaliseTitle(regelingTitel)) {
      fout(
        file,
        `De citeertitel \`${pub.citeertitel}\` wijkt af van die van de regeling (\`${regelingTitel}\` in ${nieuw.path}); neem de citeertitel van de regeling over`,
        pub.valuePlaces.get('citeertitel'),
        ID,
      )
    }
    if (publicatie.soort !== 'regeling') return
    const stated = citeertitelArtikel(nieuw.tree)
    const expected = publicatie.metadata.citeertitel
    if (stated && expected && normaliseTitle(stated.titel) !== normaliseTitle(expected)) {
      const at = stated.place ? `${nieuw.path}:${stated.place.line}:${stated.place.column}` : nieuw.path
      fout(
        file,
        `Het citeertitelartikel van de regeling (${at}) noemt \`${stated.titel}\`, de publicatie \`${expected}\`; maak ze gelijk`,
        pub.valuePlaces.get('citeertitel') ?? pub.valuePlaces.get('regeling'),
        ID,
      )
    }
  },
}

const AANGEHAALD = /(?:wordt|kan worden)\s+aangehaald\s+als\s*:?\s*(.+)$/i

/** The title named by the regulation's citeertitel article, per lid or article text. */
export function citeertitelArtikel(tree: Regeling): { titel: string; place: Point | undefined } | undefined {
  for (const artikel of articles(tree)) {
    const content = contentOf(artikel)
    const units: RegelingNode[] = content.some((c) => c.type === 'lid') ? content : [artikel]
    for (const unit of units) {
      const m = AANGEHAALD.exec(plain(unit).trim())
      if (!m) continue
      // The title ends at the end of its sentence ("... aangehaald als: X." or "X, en treedt ...").
      // One closing `.` or `;` off, by trimming (/\s*[.;]\s*$/ is quadratic on long space runs).
      const end = (m[1] as string).trimEnd()
      const titel = (/[.;]$/.test(end) ? end.slice(0, -1) : end).trim()
      if (titel !== '') return { titel, place: unit.position?.start }
    }
  }
  return undefined
}

/** The articles of the body (not those of the toelichting or a bijlage). */
function articles(tree: Regeling): Artikel[] {
  const out: Artikel[] = []
  visit(tree, (n) => {
    if (n.type === 'artikel') out.push(n as Artikel)
    if (n.type === 'artikel' || n.type === 'toelichting' || n.type === 'bijlage' || isTekst(n)) return SKIP
    return undefined
  })
  return out
}

function plain(node: RegelingNode): string {
  if (node.type === 'alinea' || node.type === 'kop') return runsText(inlineRuns(node.children as PhrasingContent[]))
  if (node.type === 'blok' || !('children' in node)) return ''
  return (contentOf(node) as RegelingNode[]).map(plain).join(' ')
}
