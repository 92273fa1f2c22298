/**
 * The publication checks (issue 8, point 4, and the required parts): each rule lives in its own
 * file under `rules/` and adds messages to the publication file.
 */
import { publicatieCiteertitel } from './rules/publicatie-citeertitel.js'
import { publicatieGrondslag } from './rules/publicatie-grondslag.js'
import { publicatieHeleTekst } from './rules/publicatie-hele-tekst.js'
import { publicatieInvulveld } from './rules/publicatie-invulveld.js'
import { publicatieVerplicht } from './rules/publicatie-verplicht.js'
import { publicatieVoorInwerkingtreding } from './rules/publicatie-voor-inwerkingtreding.js'
import type { PublicationRule, PublicationRuleContext } from './rules/types.js'

export type { PublicationRule, PublicationRuleContext } from './rules/types.js'

/** All publication rules, in the order they run. */
export const PUBLICATION_RULES: readonly PublicationRule[] = [
  publicatieVerplicht,
  publicatieGrondslag,
  publicatieCiteertitel,
  publicatieVoorInwerkingtreding,
  publicatieInvulveld,
  publicatieHeleTekst,
]

/** Run every publication rule; messages go on `ctx.file`. */
export function checkPublication(ctx: PublicationRuleContext): void {
  for (const rule of PUBLICATION_RULES) rule.run(ctx)
}
