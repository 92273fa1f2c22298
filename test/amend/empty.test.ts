/**
 * Version pairs whose provisions have the same words (only links or consolidator's notes differ):
 * `amend` says "Geen inhoudelijke wijzigingen", exits 1 and writes no besluit, because `apply`
 * would refuse an ARTIKEL I without instructions. Measured on the real national version pairs.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { generateAmendment } from '../../src/amend/generate.js'
import { diffRegelingen } from '../../src/diff/index.js'
import { regelwerk } from '../cli-helpers.js'
import { parsePath, versionPairs } from '../helpers.js'

const dir = mkdtempSync(join(tmpdir(), 'regelwerk-amend-leeg-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The real pairs whose besluit would have no instruction. */
const leeg = versionPairs().filter(([a, b]) => {
  const model = generateAmendment(diffRegelingen(parsePath(a).result.tree, parsePath(b).result.tree))
  return model.artikelI.items.length === 0
})

describe('amend on versions without a change in words', () => {
  it('finds the real pairs that differ only in opmaak or consolidation notes', () => {
    console.log(`versieparen zonder inhoudelijke wijziging: ${leeg.length}`)
    // Measured 2026-12: 10 of the 62 pairs (the issue counted 6 of 49 before more pairs were added).
    expect(leeg.length).toBeGreaterThanOrEqual(6)
  })

  it.each(leeg.slice(0, 2).map(([a, b]) => [`${a.split('/').slice(-2).join('/')} → ${b.split('/').pop()}`, a, b]))(
    '%s: a placed message, exit 1, and no file (an existing one stays as it was)',
    (_name, a, b) => {
      const out = join(dir, `${_name.replace(/[^\w.-]+/g, '_')}.md`)
      const run = regelwerk(['amend', a as string, b as string, '--out', out])
      expect(run.status).toBe(1)
      expect(run.stderr).toMatch(/^.+:1:1: fout Geen inhoudelijke wijzigingen: .+ \[wijziging-leeg\]$/m)
      expect(run.stderr).not.toMatch(/\bat \S+:\d+:\d+\)/)
      expect(existsSync(out)).toBe(false)
      writeFileSync(out, 'bestaand\n')
      expect(regelwerk(['amend', a as string, b as string, '--out', out]).status).toBe(1)
      expect(readFileSync(out, 'utf8')).toBe('bestaand\n')
      expect(regelwerk(['amend', a as string, b as string]).stdout).toBe('')
    },
  )

  it('the same version twice: exit 1 with the same rule, nothing on stdout', () => {
    const v = 'regulations/sociaal-statuut-cgm/2013-01-03.md'
    const run = regelwerk(['amend', v, v])
    expect(run.status).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('fout Geen inhoudelijke wijzigingen: de versies hebben dezelfde tekst.')
    expect(run.stderr).toContain('[wijziging-leeg]')
  })
})
