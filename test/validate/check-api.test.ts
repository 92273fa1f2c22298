import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { parseRegeling } from '../../src/parse/index.js'
import { checkRegeling, documentKind, RULES } from '../../src/validate/index.js'

describe('RULES', () => {
  it('have unique kebab-case ids and a Dutch description', () => {
    const ids = RULES.map((r) => r.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const rule of RULES) {
      expect(rule.id).toMatch(/^[a-z]+(?:-[a-z0-9]+)+$/)
      expect(rule.description.length).toBeGreaterThan(10)
    }
  })
})

describe('checkRegeling', () => {
  it('adds nothing to a file the parser could not read', () => {
    const file = new VFile({ path: 'leeg.md', value: new Uint8Array() })
    checkRegeling(parseRegeling(file), file)
    expect(file.messages.map((m) => m.ruleId)).toEqual(['bestand-leeg'])
  })

  it('gives every message a place and a rule id', () => {
    const file = new VFile({
      path: 'x.md',
      value: '# Sociaal Statuut\n\n### Artikel 1\n\n2. Tekst.\n\n### Artikel 1\n\nZie artikel 9.\n',
    })
    checkRegeling(parseRegeling(file), file)
    expect(file.messages.length).toBe(4)
    for (const m of file.messages) {
      expect(m.line).toBeGreaterThan(0)
      expect(m.column).toBeGreaterThan(0)
      expect(RULES.map((r) => r.id)).toContain(m.ruleId)
    }
  })
})

describe('documentKind', () => {
  it('reads a ledenbrief and a wijzigingsbesluit as a wijziging', () => {
    expect(documentKind({ soort: 'ledenbrief' })).toBe('wijziging')
    expect(documentKind({ soort: 'Wijzigingsbesluit' })).toBe('wijziging')
    expect(documentKind({ soort: 'regeling' })).toBe('regeling')
    expect(documentKind({})).toBe('regeling')
  })
})
