import { describe, expect, it } from 'vitest'
import { importPlainText } from '../../src/import/plain-text.js'

const TEXT = (signers: string) =>
  `Regeling proef\n\nArtikel 1\nTekst.\n\nAldus vastgesteld in de vergadering van 1 januari 2020.\n${signers}\n`

describe('signers on import', () => {
  it('flags two signers glued on one line, at that line', () => {
    const result = importPlainText(TEXT('De burgemeester, J. Jansen De secretaris, P. Pietersen'))
    const flagged = result.warnings.filter((w) => w.ruleId === 'import-ondertekenaars')
    expect(flagged.map((w) => `${w.line}:${w.column}`)).toEqual(['7:1'])
    expect(result.markdown).toContain('De burgemeester, J. Jansen De secretaris, P. Pietersen')
  })

  it('leaves signers on lines of their own alone', () => {
    const result = importPlainText(TEXT('De burgemeester,\nJ. Jansen\n\nDe secretaris,\nP. Pietersen'))
    expect(result.warnings.filter((w) => w.ruleId === 'import-ondertekenaars')).toEqual([])
  })
})
