import { findSigners, gluedMessage } from '../../model/signers.js'
import { waarschuwing } from '../../util/messages.js'
import { plainText, pointIn, sourceOf } from '../text.js'
import { startOf } from '../tree.js'
import type { Rule } from '../types.js'

const ID = 'ondertekenaars-op-een-regel'

/**
 * Two signers on one line of the ondertekening, where nothing tells which name goes with which
 * office (`De burgemeester, J. Jansen De secretaris, P. Pietersen`; `J. Jansen P. de Vries` under
 * one office). Signers laid side by side (a row of offices over a row of as many names, or one
 * name per column of the heads above) are layout and not reported (src/model/signers.ts).
 */
export const ondertekenaarsOpEenRegel: Rule = {
  id: ID,
  description: 'Twee ondertekenaars op één regel van de ondertekening',
  run(ctx) {
    // An ondertekening stands only at the top of the tree (RegelingContent): no walk through the
    // articles of a long text.
    for (const node of ctx.tree.children) {
      if (node.type !== 'ondertekening') continue
      const source = sourceOf(ctx.frontMatter)
      // The lines of the block, each with the paragraph it is in and where it starts in its text.
      const lines: Array<{ text: string; plain: ReturnType<typeof plainText>; at: number; node: object }> = []
      for (const child of node.children) {
        if (child.type !== 'alinea') continue
        const plain = plainText(child.children, source)
        let at = 0
        for (const text of plain.text.split('\n')) {
          lines.push({ text: text.trim(), plain, at: at + (text.length - text.trimStart().length), node: child })
          at += text.length + 1
        }
      }
      for (const finding of findSigners(lines.map((l) => l.text))) {
        if (finding.kind !== 'glued') continue
        const line = lines[finding.line] as (typeof lines)[number]
        waarschuwing(
          ctx.file,
          gluedMessage(line.text, finding.parts),
          pointIn(line.plain, line.at, source, startOf(line.node)),
          ID,
        )
      }
    }
  },
}
