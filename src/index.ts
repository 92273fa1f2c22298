/** regelwerk: the public API. Named exports only. */

/** The regeling tree: node types (a unist tree, discriminated on `type`). */
export type * from './model/nodes.js'
/** Front-matter keys of a regulation version and their types. */
export { META_KEYS, REQUIRED_META_KEYS, type MetaType } from './model/meta.js'
/** Ordinal words for leden (`5` → `vijfde`) and the id abbreviations. */
export { ordinal, ID_PREFIX } from './model/glossary.js'
/** Parse a regulation file (bytes or text in a VFile) into a regeling tree. */
export { parseRegeling, parseText, decodeText, type ParseResult } from './parse/index.js'
/** Split and parse YAML front-matter with places. */
export { parseFrontMatter, type FrontMatter } from './parse/frontmatter.js'
/** Write the canonical Markdown of a regeling tree. */
export { formatRegeling, type FormatOptions } from './render/markdown.js'
/** Run the check rules on a parsed regulation; messages are added to the file. */
export { checkRegeling, RULES, type Rule, type RuleContext, type DocumentKind } from './validate/index.js'
/** Import foreign text (overheid.nl/CVDR text, CVDR HTML, law-in-git Markdown) as canonical Markdown. */
export { importText, detectFormat, type ImportOutput, type SourceFormat } from './import/index.js'
/** Import plain text as copied from an overheid.nl / CVDR page. */
export { importPlainText } from './import/plain-text.js'
/** Import a CVDR HTML page. */
export { importCvdrHtml } from './import/cvdr-html.js'
/** Dates: ISO in files, Dutch words for people. */
export { isIsoDate, formatDutchDate, dutchNumericToIso, dutchWordsToIso } from './util/dates.js'
/** Messages: `path:line:col: fout|waarschuwing text [rule]`. */
export { formatMessage, hasErrors } from './util/messages.js'
