/** regelwerk: the public API. Named exports only. */
export type * from './model/nodes.js'
/** Parse a regulation file into a regeling tree. */
export { decodeText, parseRegeling, parseText } from './parse/index.js'
/** Write the canonical Markdown of a regeling tree. */
export { formatRegeling } from './render/markdown.js'
