import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { applyAmendment } from '../../src/amend/apply.js'
import { cutOff, parseAmendment } from '../../src/amend/parse-amendment.js'
import { formatRegeling } from '../../src/format/markdown.js'
import type { Regeling } from '../../src/model/nodes.js'
import { CORPUS, parsePath, parseString, ROOT, signature } from '../helpers.js'
import { roundTrip } from './helpers.js'

const body = (tree: Regeling) => formatRegeling({ ...tree, data: { meta: {} } })

function applyFile(basePath: string, amendmentPath: string) {
  const base = parsePath(basePath).result.tree
  const text = readFileSync(amendmentPath, 'utf8')
  const file = new VFile({ path: amendmentPath, value: text })
  const read = parseAmendment(text, file)
  return { read, file, result: read.opdrachten.length > 0 ? applyAmendment(base, read, file) : undefined }
}

describe('point 5: CAR-UWO per 1 september 2015 is Lbr. 15/069 applied to the text before it', () => {
  it('gives the bundled version: same tree, same Markdown, same dates', () => {
    const { read, file, result } = applyFile(
      join(ROOT, 'regulations/car-uwo/basis/voor-lbr-15-069.md'),
      join(ROOT, 'regulations/ledenbrieven/lbr-15-069.md'),
    )
    expect(file.messages.map(String)).toEqual([])
    expect(read.opdrachten.map((o) => `${o.label} ${o.operatie.soort}`)).toEqual(['A invoegen', 'B invoegen'])
    const bundled = parsePath(join(ROOT, 'regulations/car-uwo/2015-09-07.md')).result.tree
    const tree = result?.tree as Regeling
    expect(signature(tree)).toEqual(signature(bundled))
    expect(body(tree)).toBe(body(bundled))
    for (const key of ['inwerkingtreding', 'terugwerkende-kracht', 'ondertekening', 'bekendmaking-datum', 'kenmerk'])
      expect(tree.data.meta[key], key).toBe(bundled.data.meta[key])
  })
  it('amend writes the local besluit for this change item by item (article, toelichting, bijlage), and it applies back', () => {
    const basis = parsePath(join(ROOT, 'regulations/car-uwo/basis/voor-lbr-15-069.md')).result.tree
    const bundled = parsePath(join(ROOT, 'regulations/car-uwo/2015-09-07.md')).result.tree
    const { model, markdown, file, result } = roundTrip(basis, bundled)
    expect(model.grofheid).toBe('fijn')
    expect(markdown).not.toContain('De tekst van de regeling komt te luiden')
    expect(markdown).toContain('wordt een artikel ingevoegd, luidende:')
    expect(markdown).toContain('Aan de regeling wordt een toelichting toegevoegd, luidende:')
    expect(markdown).toContain('Bijlage IIa komt te luiden:')
    expect(file.messages.map(String)).toEqual([])
    expect(body(result?.tree as Regeling)).toBe(body(bundled))
  })
  it('applied twice, it refuses: artikel 1:2c bestaat al, with the line and column of instruction A', () => {
    const car = join(ROOT, 'regulations/car-uwo/2015-09-07.md')
    const { file, result } = applyFile(car, join(ROOT, 'regulations/ledenbrieven/lbr-15-069.md'))
    expect(result).toBeUndefined()
    expect(file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual(['97:1 wijziging-past-niet'])
    expect(file.messages[0]?.reason).toContain('«Met ingang van 1 september 2015 wordt artikel 1:2c toegevoegd.')
    expect(file.messages[0]?.reason).toContain('Artikel 1:2c bestaat al')
  })
})

describe('real wijzigingsbesluiten in the corpus that have their base version', () => {
  it('Stcrt. 2014, 35912 on the Regeling elektronische bekendmaking 2010-11-05: the excerpt stops mid-instruction', () => {
    const series = join(CORPUS, 'bwb/BWBR0024947-regeling-elektronische-bekendmaking-decentrale-regelgeving')
    const { read, file } = applyFile(
      join(series, '2010-11-05.md'),
      join(CORPUS, 'amendments/stcrt-2014-35912-wijziging-regeling-elektronische-bekendmaking/excerpt.txt'),
    )
    // Two sentences are instructions: the aanhef of A, and A.1 whose text is cut off mid-word.
    expect(read.aantal).toBe(2)
    expect(read.opdrachten).toEqual([])
    expect(file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual(['22:1 wijziging-onleesbaar'])
  })
})

describe('instructions that do not fit stop the apply with a positioned Dutch message', () => {
  const base = parseString(readFileSync(join(ROOT, 'regulations/sociaal-statuut-cgm/2013-01-03.md'), 'utf8')).result
    .tree
  const cases: Array<[string, string]> = [
    [
      'In artikel 10, vijfde lid, wordt "275%" vervangen door "300%".',
      'De woorden "275%" staan niet in artikel 10, vijfde lid',
    ],
    ['In artikel 10 wordt "de" vervangen door "het".', 'staan'],
    ['Artikel 10, twaalfde lid, vervalt.', 'Artikel 10, twaalfde lid bestaat niet'],
    [
      'Na artikel 9 wordt een artikel ingevoegd, luidende:\n\n> ## Artikel 10 Dubbel\n>\n> Tekst.',
      'Artikel 10 bestaat al',
    ],
  ]
  for (const [instruction, reason] of cases) {
    it(instruction.split('\n')[0] as string, () => {
      const text = `---\nsoort: wijzigingsbesluit\n---\n\n## ARTIKEL I\n\n### A\n\n${instruction}\n`
      const file = new VFile({ path: 'w.md', value: text })
      const result = applyAmendment(base, parseAmendment(text, file), file)
      expect(result).toBeUndefined()
      expect(file.messages).toHaveLength(1)
      expect(`${file.messages[0]?.line}:${file.messages[0]?.column}`).toBe('9:1')
      expect(file.messages[0]?.reason).toContain(`«${instruction.split('\n')[0]}»`)
      expect(file.messages[0]?.reason).toContain(reason)
    })
  }
})

describe('round trip property on random edits of a real text', () => {
  const statuut = parseString(readFileSync(join(ROOT, 'regulations/sociaal-statuut-cgm/2013-01-03.md'), 'utf8')).result
    .tree
  const woorden = ['niet', 'uiterlijk', '300%', 'de werkgever', 'binnen zes weken']
  it('apply(a, amend(a, b)) equals b', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.nat(), woord: fc.constantFrom(...woorden), weg: fc.boolean() }), {
          minLength: 1,
          maxLength: 5,
        }),
        (edits) => {
          const copy = structuredClone(statuut)
          const texts: Array<{ value: string }> = []
          const walk = (n: { type: string; children?: unknown[]; value?: string }) => {
            if (n.type === 'text') texts.push(n as { value: string })
            for (const c of (n.children ?? []) as Array<{ type: string }>) walk(c)
          }
          walk(copy as unknown as { type: string })
          const before = texts.map((t) => t.value)
          for (const e of edits) {
            const t = texts[e.at % texts.length] as { value: string }
            const words = t.value.split(' ')
            if (e.weg && words.length > 3) words.splice((e.at >> 3) % words.length, 1)
            else words.splice((e.at >> 3) % (words.length + 1), 0, e.woord)
            t.value = words.join(' ')
          }
          const oud = parseString(formatRegeling(statuut, {})).result.tree
          const nieuw = parseString(formatRegeling(copy, {})).result.tree
          const { file, result } = roundTrip(oud, nieuw)
          // An edit that leaves a provision ending mid-sentence (`outplacementbegeleiding; binnen zes
          // weken`, where the old text ended with `;`) makes a text apply must take for a cut-off
          // besluit: then the only allowed outcome is that refusal, never a silently applied text.
          const cut = texts.some((t, i) => cutOff(t.value, 'tekst') && !cutOff(before[i] as string, 'tekst'))
          if (cut && file.messages.length > 0) {
            expect(file.messages.map((m) => m.ruleId)).toEqual(['wijziging-afgebroken'])
            expect(result).toBeUndefined()
            return
          }
          expect(file.messages.map(String)).toEqual([])
          expect(signature(result?.tree as Regeling)).toEqual(signature(nieuw))
          expect(body(result?.tree as Regeling)).toBe(body(nieuw))
        },
      ),
      { numRuns: 40 },
    )
  })
})

describe('new text without closing punctuation (the random edit that found it)', () => {
  const text = formatRegeling(
    parseString(readFileSync(join(ROOT, 'regulations/sociaal-statuut-cgm/2013-01-03.md'), 'utf8')).result.tree,
    {},
  )
  it('is refused when the provision ended with a punctuation mark before: the besluit looks cut off', () => {
    const oud = parseString(text).result.tree
    const nieuw = parseString(
      text.replace('e. outplacementbegeleiding;', 'e. outplacementbegeleiding; binnen zes weken'),
    ).result.tree
    const { file, result } = roundTrip(oud, nieuw)
    expect(result).toBeUndefined()
    expect(file.messages.map((m) => m.ruleId)).toEqual(['wijziging-afgebroken'])
    expect(file.messages[0]?.reason).toContain('binnen zes weken')
  })
  it('is applied when the provision already ended that way (the last onderdeel of many published lists)', () => {
    const oud = parseString(text.replace('e. outplacementbegeleiding;', 'e. outplacementbegeleiding')).result.tree
    const nieuw = parseString(
      text.replace('e. outplacementbegeleiding;', 'e. outplacementbegeleiding binnen zes weken'),
    ).result.tree
    const { file, result } = roundTrip(oud, nieuw)
    expect(file.messages.map(String)).toEqual([])
    expect(body(result?.tree as Regeling)).toBe(body(nieuw))
  })
})
