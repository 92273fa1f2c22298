import { readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  CORPUS,
  filesUnder,
  fmt,
  markdownWords,
  missingWord,
  parsePath,
  parseString,
  ROOT,
  signature,
  treeWords,
} from './helpers.js'

const files = [...filesUnder(join(ROOT, 'regulations')), ...filesUnder(CORPUS, ['.md'])].filter(
  (f) => !f.endsWith('SOURCES.md'),
)

describe('parse / fmt invariants on every regulation and corpus file', () => {
  it('covers the corpus', () => {
    expect(files.length).toBeGreaterThan(60)
  })
  for (const path of files) {
    const name = relative(join(ROOT, '..'), path)
    it(name, () => {
      const { result, file } = parsePath(path)
      expect(file.messages.filter((m) => m.fatal === true).map(String)).toEqual([])
      const once = fmt(result)
      const again = parseString(once, path)
      // fmt is idempotent
      expect(fmt(again.result)).toBe(once)
      // parse(fmt(x)) equals parse(x): ids, numbers, text
      expect(signature(again.result.tree)).toEqual(signature(result.tree))
      // no text lost: every word of the input body is in the tree, in order
      const body = result.frontMatter.body
      expect(missingWord(markdownWords(body), treeWords(result.tree))).toBeUndefined()
      expect(readFileSync(path, 'utf8').length).toBeGreaterThan(0)
    })
  }
})
