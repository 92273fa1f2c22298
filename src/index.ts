/** regelwerk: the public API. Named exports only. */

// ---- amendments --------------------------------------------------------------------------------
/** Wijzigingsbesluiten both ways: generate from a diff, read and apply real ones. */
export {
  type AmendmentOptions,
  AmendmentRefusal,
  applyAmendment,
  generateAmendment,
  parseAmendment,
} from './amend/index.js'
// ---- letters -----------------------------------------------------------------------------------
/** Letter batches from a template and HR data (the `letters` command's engine). */
export { type BatchResult, runBatch } from './assemble/batch.js'
/** A message on a letter batch's data file as `letters` shows it: `medewerkers.csv:14: …`. */
export { formatRowMessage } from './assemble/data.js'
/** `runBatch` refuses an output folder another batch holds; a signal stopped a batch. */
export { BatchInterrupted, OutputFolderBusy } from './assemble/output-folder.js'
export { RULES as LETTER_RULES } from './assemble/rules/index.js'
export { loadTemplate } from './assemble/template.js'
export { applyDiff } from './diff/apply-diff.js'
// ---- diff --------------------------------------------------------------------------------------
/** The structural diff (aligned tree + change list) and its inverse. */
export { citation, diffForReaders, diffRegelingen } from './diff/index.js'
export { countProvisions, describeCounts, type ProvisionCounts } from './diff/provisions.js'
/** Write the canonical Markdown of a regeling tree. */
export { type FormatOptions, formatRegeling } from './format/markdown.js'
/** Import a CVDR HTML page. */
export { importCvdrHtml } from './import/cvdr-html.js'
/** Import foreign text (overheid.nl/CVDR text, CVDR HTML, law-in-git Markdown) as canonical Markdown. */
export { detectFormat, type ImportOutput, importText, type SourceFormat } from './import/index.js'
/** Import plain text as copied from an overheid.nl / CVDR page. */
export { importPlainText } from './import/plain-text.js'
/** A provision's number, heading and content (its leading `nummer` and `koptekst` children). */
export {
  type ContentOf,
  contentOf,
  headingOf,
  koptekstOf,
  lead,
  leadLength,
  metaOf,
  nummerOf,
  numOf,
  setContent,
  setHeading,
  setNum,
} from './model/access.js'
export type * from './model/amendment.js'
export type { Change, DiffNode, DiffResult, WordOp } from './model/changes.js'
/** Provisions in words as the Aanwijzingen write them: `artikel 10, tweede lid, onderdeel a`. */
export { type CitationStep, citeSteps, lidWords, stepWords } from './model/citation.js'
/** Ordinal words for leden (`5` → `vijfde`) and the id abbreviations. */
export { ID_PREFIX, ordinal } from './model/glossary.js'
/** Front-matter keys of a regulation version and their types. */
export { META_KEYS, type MetaType, REQUIRED_META_KEYS } from './model/meta.js'
/** The regeling tree: node types (a unist tree, discriminated on `type`). */
export type * from './model/nodes.js'
/** The registry of node types: the list, their roles and groups, and the handler map type. */
export {
  DIVISION_TYPES,
  dispatch,
  type Handlers,
  HEADED_TYPES,
  type Headed,
  ITEM_TYPES,
  type Item,
  isDivision,
  isHeaded,
  isItem,
  isNumbered,
  isSingleton,
  isTekst,
  type NodeOf,
  NUMBERED_TYPES,
  type Numbered,
  REGELING_TYPES,
  type RegelingType,
  ROLE,
  type Role,
  SINGLETON_TYPES,
} from './model/registry.js'
/** Split and parse YAML front-matter with places. */
export { type FrontMatter, parseFrontMatter } from './parse/frontmatter.js'
/** Parse a regulation file (bytes or text in a VFile) into a regeling tree. */
export { decodeText, type ParseResult, parseRegeling, parseText } from './parse/index.js'
// ---- unified -----------------------------------------------------------------------------------
/** regelwerk as unified plugins: `.use(regelwerk)` after remark-parse gives the regeling tree and
 * the check messages; `.use(regelwerkToMarkdown)` before remark-stringify writes `fmt`'s bytes. */
export {
  CANONICAL_MARKDOWN,
  type RegelwerkFileData,
  type RegelwerkOptions,
  regelingToMdast,
  regelwerk,
  regelwerkHandlers,
  regelwerkToMarkdown,
  type ToMarkdownOptions,
} from './plugin/index.js'
// ---- publication -------------------------------------------------------------------------------
/** Gemeenteblad publication: model, checks, metadata; Word and HTML renderers. */
export {
  checkPublication,
  metadataJson,
  PUBLICATION_RULES,
  preparePublication,
  readPublicationFile,
} from './publish/index.js'
export { renderAmendmentDocx } from './render/amendment-docx.js'
export { renderAmendmentMarkdown } from './render/amendment-markdown.js'
export { renderPublicationDocx } from './render/docx-publication.js'
export { renderRenvooiDocx } from './render/docx-renvooi.js'
export { renderDiffHtml } from './render/html-diff.js'
export { renderPublicationHtml } from './render/html-publication.js'
/** Renderers of a diff: terminal text, one HTML page, the Word renvooi (or was-wordt table). */
export { renderDiffText } from './render/text-diff.js'
/** Dates: ISO in files, Dutch words for people. */
export { dutchNumericToIso, dutchWordsToIso, formatDutchDate, isIsoDate } from './util/dates.js'
/** Messages: `path:line:col: fout|waarschuwing text [rule]`. */
export { formatMessage, hasErrors } from './util/messages.js'
/** Every rule id a message can carry, as a list and as a closed type (docs/meldingen.md). */
export { RULE_IDS, type RuleId } from './util/rule-ids.js'
/** Run the check rules on a parsed regulation; messages are added to the file. */
export { checkRegeling, type DocumentKind, RULES, type Rule, type RuleContext } from './validate/index.js'
/** Find `10`, `1:2c`, `10.5`, `"10, vijfde lid"` in a tree. */
export { findProvision, parseProvisionRef } from './versions/find-provision.js'
/** `werk@JJJJ-MM-DD` and work ids to paths. */
export { resolveVersion, resolveWork } from './versions/refs.js'
/** The version that applies (or is in force, or was known) on a date. */
export { type VersionAtOptions, type VersionAtResult, versionAt } from './versions/version-at.js'
// ---- versions ----------------------------------------------------------------------------------
/** Works and versions: load a work folder (front-matter only), the version table, checks. */
export { type Amendment, loadWork, type Version, versionMeta, type Work } from './versions/work.js'
