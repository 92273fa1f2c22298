import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isNumbered } from '../src/model/registry.js'
import { formatMessage, sortMessages } from '../src/util/messages.js'
import { checkRegeling } from '../src/validate/index.js'
import { fmt, parseString, ROOT } from './helpers.js'

const DIR = join(ROOT, 'test', 'fixtures', 'parse')
const UPDATE = process.env.UPDATE === '1'

/** The tree as tested: ids, numbers, text, positions of provisions; inline positions left out. */
function treeJson(tree: unknown): string {
  return `${JSON.stringify(
    tree,
    function (this: Record<string, unknown>, key, value) {
      if (key === 'position' && !isNumbered(this as { type: string })) return undefined
      return value
    },
    2,
  )}\n`
}

function expectFile(path: string, actual: string): void {
  if (UPDATE || !existsSync(path)) writeFileSync(path, actual)
  expect(actual).toBe(readFileSync(path, 'utf8'))
}

describe('parse fixtures (regenerate with UPDATE=1 and read the diff)', () => {
  const cases = readdirSync(DIR).sort()
  it('has cases', () => expect(cases.length).toBeGreaterThanOrEqual(3))
  for (const name of cases) {
    it(name, () => {
      const input = readFileSync(join(DIR, name, 'input.md'), 'utf8')
      const { result, file } = parseString(input, 'input.md')
      checkRegeling(result, file)
      expectFile(join(DIR, name, 'tree.json'), treeJson(result.tree))
      const formatted = fmt(result)
      expectFile(join(DIR, name, 'fmt.md'), formatted)
      expectFile(
        join(DIR, name, 'messages.txt'),
        sortMessages(file.messages)
          .map((m) => `${formatMessage(m, 'input.md')}\n`)
          .join(''),
      )
      // The canonical form is stable and parses to the same tree.
      const again = parseString(formatted, 'input.md')
      expect(fmt(again.result)).toBe(formatted)
    })
  }
})
