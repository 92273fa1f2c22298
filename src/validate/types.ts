/** The contract between `checkRegeling` and the rules. Types only. */

import type { VFile } from 'vfile'
import type { Regeling } from '../model/nodes.js'
import type { FrontMatter } from '../parse/frontmatter.js'
import type { RuleId } from '../util/rule-ids.js'

/** `wijziging`: the front-matter `soort` is `ledenbrief` or `wijzigingsbesluit`; anything else is a `regeling`. */
export type DocumentKind = 'regeling' | 'wijziging'

/** What a rule gets to look at. Rules add messages to `file` and change nothing else. */
export interface RuleContext {
  file: VFile
  tree: Regeling
  frontMatter: FrontMatter
  kind: DocumentKind
  /** Keys a later version inherits from the first version of its work (citeertitel, organisatie, soort). */
  inherited?: Readonly<Record<string, unknown>>
  /**
   * When this file is a later version of a work: the work's first version and the first day it
   * applied. A slotbepaling copied along still names that day, which is no error in a later version.
   */
  firstVersion?: { name: string; from: string } | undefined
}

/** One check: a kebab-case Dutch id (the message `ruleId`), a description, and the check itself. */
export interface Rule {
  id: RuleId
  /** Dutch one-line description */
  description: string
  run(ctx: RuleContext): void
}
