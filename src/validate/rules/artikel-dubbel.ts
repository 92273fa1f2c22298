import { numOf } from '../../model/access.js'
import type { Artikel } from '../../model/nodes.js'
import { fout } from '../../util/messages.js'
import { articleScopes, startOf } from '../tree.js'
import type { Rule, RuleContext } from '../types.js'

const ID = 'artikel-dubbel'

/** Two articles with one number in one scope: the body, or one bijlage. */
export const artikelDubbel: Rule = {
  id: ID,
  description: 'Twee artikelen met hetzelfde nummer in de regeling of in één bijlage',
  run(ctx) {
    const scopes = articleScopes(ctx.tree)
    for (const [i, scope] of scopes.entries()) checkScope(ctx, scope, i > 0)
  },
}

function checkScope(ctx: RuleContext, scope: readonly Artikel[], inBijlage: boolean): void {
  const first = new Map<string, Artikel>()
  const taken = new Set(scope.map((a) => numOf(a).toLowerCase()))
  for (const artikel of scope) {
    const key = numOf(artikel).toLowerCase()
    const earlier = first.get(key)
    if (!earlier) {
      first.set(key, artikel)
      continue
    }
    const line = earlier.position?.start.line
    const where = line === undefined ? '' : ` (eerder op regel ${line})`
    const scopeName = inBijlage ? 'in deze bijlage' : 'in de regeling'
    fout(
      ctx.file,
      `Artikel \`${numOf(artikel)}\` komt twee keer voor ${scopeName}${where}; geef het een eigen nummer (bijvoorbeeld \`${freeNumber(numOf(artikel), taken)}\`) of verwijder een van beide`,
      startOf(artikel),
      ID,
    )
  }
}

/** `5` → `5a` (or `5b` when `5a` is taken): how an inserted article is numbered. */
function freeNumber(num: string, taken: ReadonlySet<string>): string {
  for (let c = 97; c <= 122; c++) {
    const candidate = `${num}${String.fromCharCode(c)}`
    if (!taken.has(candidate.toLowerCase())) return candidate
  }
  return `${num}a`
}
