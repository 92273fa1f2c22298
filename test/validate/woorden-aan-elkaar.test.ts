/** `woorden-aan-elkaar` (issue 15): source defects such as `Medewerker:De` are flagged with the fix, at their place. */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkRegeling } from '../../src/validate/index.js'
import { parsePath, parseString, ROOT } from '../helpers.js'

function messages(text: string) {
  const { result, file } = parseString(text)
  checkRegeling(result, file)
  return file.messages.filter((m) => m.ruleId === 'woorden-aan-elkaar')
}

const doc = (body: string) => `---\nciteertitel: Proef\n---\n\n# Proef\n\n## Artikel 1\n\n${body}\n`

describe('woorden-aan-elkaar', () => {
  it('flags a definition glued to its term and two glued sentences, with the fix and the place', () => {
    const [m] = messages(doc('Medewerker:De ambtenaar in dienst van de gemeente.'))
    expect(m?.reason).toContain('`Medewerker:De` → `Medewerker: De`')
    expect([m?.line, m?.column]).toEqual([9, 11])
    const [s] = messages(
      doc('De commissie oordeelt zoals zij noodzakelijk acht.De plaatsingsadviescommissie hoort hem.'),
    )
    expect(s?.reason).toContain('`acht.De` → `acht. De`')
    const [two] = messages(doc('CAR-UWO: de regeling en de Uitwerkingsovereenkomst;GO:De lokale commissie.'))
    expect(two?.reason).toContain(
      '`Uitwerkingsovereenkomst;GO:De` → `Uitwerkingsovereenkomst; GO: De` (2 plaatsen in deze alinea)',
    )
  })

  it('leaves numbers, times, abbreviations, links and code alone', () => {
    const ok = [
      'Zie artikel 1:2c en artikel 10:3.',
      'Om 10:30 uur; daarna om 11.00 uur.',
      'Het gaat o.a. om de werkgever. De werknemer ook.',
      'Zie [de site](https://www.overheid.nl/Regeling:Test) en `code:Waarde`.',
      'Wat volgt: De werkgever beslist.',
      'De WOR;de CAR.',
    ]
    for (const text of ok) expect(messages(doc(text)), text).toEqual([])
  })

  it('finds the 14 glued definitions of the bundled sociaal statuut (a real source defect) and nothing in the other bundled texts', () => {
    const counts: Record<string, number> = {}
    for (const rel of [
      'sociaal-statuut-cgm/2013-01-03.md',
      'car-uwo/2015-09-07.md',
      'ambtenarenwet/2015-01-05.md',
      'wet-aanpassing-arbeidsduur/2015-10-22.md',
    ]) {
      const { result, file } = parsePath(join(ROOT, 'regulations', rel))
      checkRegeling(result, file)
      counts[rel] = file.messages.filter((m) => m.ruleId === 'woorden-aan-elkaar').length
    }
    expect(counts['sociaal-statuut-cgm/2013-01-03.md']).toBeGreaterThanOrEqual(14)
    expect(counts['car-uwo/2015-09-07.md']).toBe(0)
    expect(counts['ambtenarenwet/2015-01-05.md']).toBe(0)
    expect(counts['wet-aanpassing-arbeidsduur/2015-10-22.md']).toBe(0)
  })
})
