/**
 * The phrasing catalogue (issue 14, point 3): every form in test/fixtures/amend-catalogue/ is a
 * besluit fragment, with the source of its wording (`bron-formulering`, `echt: ja/nee`), applied to
 * a real base text (an excerpt of the Sociaal Statuut Samenwerking CGM 2012). A form that applies
 * must give exactly `verwacht.md`; a refused form must give exactly the messages in `melding.txt`
 * and no result. docs/amendments.md lists the same forms; `npm run bench` counts them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CATALOGUE, runForm } from './catalogue-run.js'

const forms = readdirSync(CATALOGUE).filter((d) => /^\d\d-/.test(d))

describe('phrasing catalogue', () => {
  it('covers the forms of point 3, each with its source', () => {
    expect(forms.length).toBeGreaterThanOrEqual(30)
    for (const dir of forms) {
      const { meta } = runForm(dir)
      expect(meta.vorm, dir).toBeTruthy()
      expect(meta['bron-formulering'], dir).toBeTruthy()
      expect(['ja', 'nee'], dir).toContain(meta.echt)
      expect(
        existsSync(join(CATALOGUE, dir, 'verwacht.md')) !== existsSync(join(CATALOGUE, dir, 'melding.txt')),
        dir,
      ).toBe(true)
    }
  })
  for (const dir of forms) {
    const verwacht = join(CATALOGUE, dir, 'verwacht.md')
    if (existsSync(verwacht))
      it(`${dir}: toegepast, exact de verwachte tekst`, () => {
        const { body, meldingen, baseBody } = runForm(dir)
        expect(meldingen).toEqual([])
        expect(body).toBe(readFileSync(verwacht, 'utf8'))
        expect(body).not.toBe(baseBody)
      })
    else
      it(`${dir}: geweigerd met de melding, niets geschreven`, () => {
        const { result, meldingen } = runForm(dir)
        expect(result).toBeUndefined()
        expect(meldingen.join('\n')).toBe(readFileSync(join(CATALOGUE, dir, 'melding.txt'), 'utf8'))
      })
  }
})
