/** regelwerk as unified plugins: Markdown → regeling tree (with checks) and back. */
export { type RegelwerkFileData, type RegelwerkOptions, regelwerk } from './parse.js'
export {
  CANONICAL_MARKDOWN,
  type RegelwerkHeadingData,
  type RegelwerkListItemData,
  type RegelwerkParagraphData,
  regelingToMdast,
  regelwerkHandlers,
  regelwerkToMarkdown,
  type ToMarkdownOptions,
} from './to-markdown.js'
