/** The contract between `checkPublication` and its rules. Types only. */

import type { VFile } from 'vfile'
import type { Publicatie } from '../../model/publication.js'
import type { RuleId } from '../../util/rule-ids.js'
import type { PublicatieBestand } from '../read-publication-file.js'
import type { Sources } from '../resolve-sources.js'

/** What a publication rule looks at. Rules add messages to `file` (the publication file) only. */
export interface PublicationRuleContext {
  file: VFile
  pub: PublicatieBestand
  sources: Sources
  publicatie: Publicatie
  /** The user allowed a dictum that replaces the whole text (`publish --hele-tekst`). */
  heleTekst?: boolean
}

/** One check: a kebab-case Dutch id (the message `ruleId`), a Dutch description, the check. */
export interface PublicationRule {
  id: RuleId
  description: string
  run(ctx: PublicationRuleContext): void
}
