import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { parseRegeling } from '../../src/parse/index.js'
import { formatMessage, sortMessages } from '../../src/util/messages.js'
import { checkRegeling } from '../../src/validate/index.js'

/**
 * One folder per case under test/fixtures/check: `input.md` and the messages `check` gives,
 * `messages.txt` (one formatted line each, sorted by place). `UPDATE=1` rewrites the expected
 * files; read the diff before committing it.
 */
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'check')
const UPDATE = process.env.UPDATE === '1'

function check(input: string): string {
  const file = new VFile({ path: 'input.md', value: input })
  checkRegeling(parseRegeling(file), file)
  return sortMessages(file.messages)
    .map((m) => `${formatMessage(m, 'input.md')}\n`)
    .join('')
}

describe('check fixtures', () => {
  const cases = readdirSync(FIXTURES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()

  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(10)
  })

  for (const name of cases) {
    it(name, () => {
      const dir = join(FIXTURES, name)
      const actual = check(readFileSync(join(dir, 'input.md'), 'utf8'))
      const expectedPath = join(dir, 'messages.txt')
      if (UPDATE || !existsSync(expectedPath)) writeFileSync(expectedPath, actual)
      expect(actual).toBe(readFileSync(expectedPath, 'utf8'))
    })
  }
})
