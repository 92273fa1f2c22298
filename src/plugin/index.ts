/** regelwerk as unified plugins: Markdown → regeling tree (with checks) and back. */
export {
  CANONICAL_MARKDOWN,
  type RegelwerkHeadingData,
  type RegelwerkListItemData,
  type RegelwerkParagraphData,
  regelingToMdast,
  regelwerkHandlers,
} from '../format/markdown.js'
export { type RegelwerkFileData, type RegelwerkOptions, regelwerk } from './parse.js'
export { regelwerkToMarkdown, type ToMarkdownOptions } from './to-markdown.js'
