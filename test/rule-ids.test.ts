import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { VFile } from 'vfile'
import { describe, expect, expectTypeOf, it } from 'vitest'
import { fout, waarschuwing } from '../src/util/messages.js'
import { RULE_IDS, type RuleId } from '../src/util/rule-ids.js'
import { ROOT } from './helpers.js'

/** The rows `| \`id\` | betekenis |` of docs/meldingen.md. */
function documented(): Array<{ id: string; betekenis: string }> {
  const text = readFileSync(join(ROOT, 'docs', 'meldingen.md'), 'utf8')
  return [...text.matchAll(/^\| `([^`]+)` \| (.*) \|$/gm)].map((m) => ({
    id: m[1] as string,
    betekenis: (m[2] as string).trim(),
  }))
}

describe('rule ids', () => {
  it('docs/meldingen.md lists exactly the ids of RULE_IDS, each once, with a meaning', () => {
    const rows = documented()
    const ids = rows.map((r) => r.id)
    expect(
      ids.filter((id, i) => ids.indexOf(id) !== i),
      'documented twice',
    ).toEqual([])
    expect([...ids].sort(), 'docs/meldingen.md versus src/util/rule-ids.ts').toEqual([...RULE_IDS].sort())
    expect(
      rows.filter((r) => r.betekenis === '').map((r) => r.id),
      'without a meaning',
    ).toEqual([])
  })

  it('RULE_IDS has no duplicates and only kebab-case ids', () => {
    expect(new Set(RULE_IDS).size).toBe(RULE_IDS.length)
    expect(RULE_IDS.filter((id) => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id))).toEqual([])
  })

  it('every id in RULE_IDS is used in src/ (no id lingers after its message is gone)', () => {
    const dir = join(ROOT, 'src')
    const code = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.endsWith('rule-ids.ts'))
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n')
    expect(RULE_IDS.filter((id) => !code.includes(`'${id}'`))).toEqual([])
  })

  it('the message helpers accept rule ids only (a typo fails tsc)', () => {
    const file = new VFile({ path: 'x.md' })
    fout(file, 'Dubbel artikelnummer', { line: 1, column: 1 }, 'artikel-dubbel')
    // @ts-expect-error: `artikel-dubel` is not a rule id
    waarschuwing(file, 'Dubbel artikelnummer', { line: 1, column: 1 }, 'artikel-dubel')
    expectTypeOf<'artikel-dubbel'>().toExtend<RuleId>()
    expectTypeOf<string>().not.toExtend<RuleId>()
    expect(file.messages.map((m) => m.ruleId)).toEqual(['artikel-dubbel', 'artikel-dubel'])
  })
})
