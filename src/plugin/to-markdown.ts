/**
 * The way back for unified: `regelwerkToMarkdown` turns a regeling tree into mdast
 * (`regelingToMdast` from src/format/markdown.ts: the front-matter as a `yaml` node, headings,
 * paragraphs, lists of leden and onderdelen) and gives remark-stringify the canonical settings and
 * regelwerk's handlers, so that `.use(regelwerkToMarkdown).use(remarkStringify)` writes the same
 * bytes as `regelwerk fmt` (`formatRegeling`): both go through the same mdast and handlers.
 */
import type { Root } from 'mdast'
// Its types declare the processor data remark-stringify reads (`settings`, `toMarkdownExtensions`).
import type {} from 'remark-stringify'
import type { Plugin, Processor } from 'unified'
import type { VFile } from 'vfile'
import { CANONICAL_MARKDOWN, regelingToMdast, regelwerkHandlers } from '../format/markdown.js'
import type { Regeling } from '../model/nodes.js'

export interface ToMarkdownOptions {
  /**
   * The front-matter YAML (without `---` lines). Default: the front-matter the `regelwerk` plugin
   * read from this file; `null` writes none.
   */
  frontMatter?: string | null | undefined
}

/**
 * The unified plugin: a regeling tree becomes mdast, and remark-stringify (added after it) writes
 * the canonical Markdown. Add remark-frontmatter too, so that the `yaml` node can be written.
 */
export const regelwerkToMarkdown: Plugin<[ToMarkdownOptions?], Regeling, Root> = function (
  this: Processor,
  options: ToMarkdownOptions = {},
) {
  const data = this.data()
  data.settings = { ...data.settings, ...CANONICAL_MARKDOWN }
  data.toMarkdownExtensions = [...(data.toMarkdownExtensions ?? []), { handlers: regelwerkHandlers() }]
  return (tree: Regeling, file: VFile): Root => {
    const fm = file.data.regelwerk?.frontMatter
    const frontMatter =
      options.frontMatter === null ? undefined : (options.frontMatter ?? (fm?.present ? fm.yaml : undefined))
    return regelingToMdast(tree, frontMatter)
  }
}
