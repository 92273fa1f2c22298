/** What an importer gives back: front-matter values, the Markdown body and what it could not place. */
import type { RuleId } from '../util/rule-ids.js'

/** A problem found while importing, placed at a 1-based line and column of the input. */
export interface ImportWarning {
  /** Dutch text for the user. */
  message: string
  line: number
  column: number
  /** A stable id such as `import-niet-geplaatst` or `import-afgebroken`. */
  ruleId: RuleId
  /** The text cannot be imported at all (a `fout`, not a warning): the Markdown is empty. */
  fatal?: true
  /** Information, not a problem: what the importer did (an `info` message). */
  info?: true
}

/** The result of importing a foreign text. */
export interface ImportResult {
  /** Front-matter values keyed as in `docs/format.md` (`citeertitel`, `inwerkingtreding`, ...). */
  meta: Record<string, string | string[]>
  /** The body in the canonical Markdown dialect, without front-matter, ending in a newline. */
  markdown: string
  warnings: ImportWarning[]
}
