/** regelwerk: the public API. Named exports only. */

/** Import a CVDR HTML page. */
export { importCvdrHtml } from './import/cvdr-html.js'
/** Import foreign text (overheid.nl/CVDR text, CVDR HTML, law-in-git Markdown) as canonical Markdown. */
export { detectFormat, type ImportOutput, importText, type SourceFormat } from './import/index.js'
/** Import plain text as copied from an overheid.nl / CVDR page. */
export { importPlainText } from './import/plain-text.js'
/** Ordinal words for leden (`5` → `vijfde`) and the id abbreviations. */
export { ID_PREFIX, ordinal } from './model/glossary.js'
/** Front-matter keys of a regulation version and their types. */
export { META_KEYS, type MetaType, REQUIRED_META_KEYS } from './model/meta.js'
/** The regeling tree: node types (a unist tree, discriminated on `type`). */
export type * from './model/nodes.js'
/** Split and parse YAML front-matter with places. */
export { type FrontMatter, parseFrontMatter } from './parse/frontmatter.js'
/** Parse a regulation file (bytes or text in a VFile) into a regeling tree. */
export { decodeText, type ParseResult, parseRegeling, parseText } from './parse/index.js'
/** Write the canonical Markdown of a regeling tree. */
export { type FormatOptions, formatRegeling } from './render/markdown.js'
/** Dates: ISO in files, Dutch words for people. */
export { dutchNumericToIso, dutchWordsToIso, formatDutchDate, isIsoDate } from './util/dates.js'
/** Messages: `path:line:col: fout|waarschuwing text [rule]`. */
export { formatMessage, hasErrors } from './util/messages.js'
/** Run the check rules on a parsed regulation; messages are added to the file. */
export { checkRegeling, type DocumentKind, RULES, type Rule, type RuleContext } from './validate/index.js'
