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
  /**
   * When the file is checked with its folder (`check regulations/`): the other works in that folder,
   * so that a reference into one of them (`artikel 125 van de Ambtenarenwet`, `artikel 3:1 van de
   * CAR`) is checked against the version of that work on this text's date. Absent for a single file.
   */
  works?: WorkReferences | undefined
}

/** What a rule needs to know about the works of a folder to check references into them. */
export interface WorkReferences {
  /** The day this text speaks from: its inwerkingtreding (ISO), if known. */
  date: string | undefined
  /** That day is only the date in the file name (`versie-datum-uit-naam`), not a stated inwerkingtreding. */
  dateFromFileName: boolean
  /** The id of the work this file is a version of (a reference to it is internal, not another work). */
  ownWork: string | undefined
  /** The work a regulation name (`Ambtenarenwet`, `CAR`, `CAR/UWO`, `BWBR0001947`) refers to. */
  findWork(name: string): WorkMatch
  /**
   * Where a regulation name of the folder's works occurs in `text` (for `die wet`: the nearest name
   * before the reference), as [start, end, work id] triples in text order.
   */
  workNamesIn(text: string): Array<[number, number, string]>
  /** Whether article `num` exists in `work` as it reads on `date` (for an amendment also the day before). */
  lookup(work: string, num: string, amendment: boolean): ArticleLookup
}

export type WorkMatch =
  | { kind: 'werk'; id: string; titel: string; soort?: string }
  | { kind: 'meerdere'; ids: string[] }
  | { kind: 'geen' }

/**
 * - `bestaat`: one of the versions read on that date has the article;
 * - `ontbreekt`: the versions read on that date (all complete texts) lack it;
 * - `onbekend`: it cannot be told (no version on that date, a deeltekst, no date): `reden` says why.
 */
export type ArticleLookup =
  | { result: 'bestaat'; versie: string }
  | {
      result: 'ontbreekt'
      versie: string
      suggestie: string | undefined
      /** The number is in a style the work does not use (`4:8:1` in a law numbered 1, 2, 125a). */
      andereNummering: boolean
    }
  | { result: 'onbekend'; reden: string }

/** One check: a kebab-case Dutch id (the message `ruleId`), a description, and the check itself. */
export interface Rule {
  id: RuleId
  /** Dutch one-line description */
  description: string
  run(ctx: RuleContext): void
}
