/**
 * Phrase-level grouping of word operations, as Word Compare does it: when most words of a phrase
 * change, the old phrase is struck and the new one inserted as one block, instead of alternating
 * single struck and inserted words around the few that stayed ("de ~~voorzitter~~Nederlandse
 * ~~en~~beroepsorganisatie …").
 *
 * The rule (after diff-match-patch's semantic clean-up, counted in words): an unchanged stretch
 * that stands between two changes is taken into them when it has at most `PHRASE_RATIO` times as
 * many words as the smaller of the two changes around it (a change counts the words of its
 * larger side). White space and punctuation alone count as no words, so they are always taken
 * in.
 * `test/diff/phrases.test.ts` pins the ratio on real version pairs.
 */
import type { WordOp } from '../model/changes.js'

/** Unchanged words a phrase may keep inside it, relative to its changed words. */
export const PHRASE_RATIO = 1

const WORD = /[\p{L}\p{N}]+/gu

function wordCount(text: string): number {
  let n = 0
  for (const _ of text.matchAll(WORD)) n++
  return n
}

/** A run of changes: the old words (struck) and the new words (inserted), with their word counts. */
interface Group {
  kind: 'change'
  del: string
  ins: string
  delWords: number
  insWords: number
}

type Item = { kind: 'gelijk'; text: string; words: number } | Group

function toItems(ops: readonly WordOp[]): Item[] {
  const out: Item[] = []
  for (const o of ops) {
    const last = out[out.length - 1]
    if (o.op === 'gelijk') {
      if (last?.kind === 'gelijk') {
        last.text += o.text
        last.words += wordCount(o.text)
      } else out.push({ kind: 'gelijk', text: o.text, words: wordCount(o.text) })
      continue
    }
    let g = last
    if (g?.kind !== 'change') {
      g = { kind: 'change', del: '', ins: '', delWords: 0, insWords: 0 }
      out.push(g)
    }
    if (o.op === 'del') {
      g.del += o.text
      g.delWords += wordCount(o.text)
    } else {
      g.ins += o.text
      g.insWords += wordCount(o.text)
    }
  }
  return out
}

/** Deletion before insertion in every group, as Word Compare and the HTML show it. */
function toOps(items: readonly Item[]): WordOp[] {
  const out: WordOp[] = []
  for (const it of items) {
    if (it.kind === 'gelijk') {
      if (it.text !== '') out.push({ op: 'gelijk', text: it.text })
      continue
    }
    if (it.del !== '') out.push({ op: 'del', text: it.del })
    if (it.ins !== '') out.push({ op: 'ins', text: it.ins })
  }
  return out
}

function size(g: Group): number {
  return Math.max(g.delWords, g.insWords)
}

/**
 * Group word operations into phrases (see the module comment); deletions come first. One pass
 * with a stack: when a change is pushed, the unchanged stretch below it is tested against the
 * changes on both sides, and after a merge the test repeats one level down, so a stretch refused
 * earlier is taken in once the change after it has grown. Every merge removes two items: linear.
 */
export function groupPhrases(ops: readonly WordOp[], ratio = PHRASE_RATIO): WordOp[] {
  const stack: Item[] = []
  for (const it of toItems(ops)) {
    stack.push(it)
    for (;;) {
      const top = stack[stack.length - 1]
      const eq = stack[stack.length - 2]
      const before = stack[stack.length - 3]
      if (top?.kind !== 'change' || eq?.kind !== 'gelijk' || before?.kind !== 'change') break
      if (eq.words > ratio * Math.min(size(before), size(top))) break
      before.del += eq.text + top.del
      before.ins += eq.text + top.ins
      before.delWords += eq.words + top.delWords
      before.insWords += eq.words + top.insWords
      stack.length -= 2
    }
  }
  return toOps(stack)
}
