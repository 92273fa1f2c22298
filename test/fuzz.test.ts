import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { parseRegeling } from '../src/parse/index.js'
import { checkRegeling } from '../src/validate/index.js'
import { CORPUS, filesUnder, ROOT } from './helpers.js'

const sources = [...filesUnder(join(ROOT, 'regulations')), ...filesUnder(join(CORPUS, 'bwb-legalize'))]
  .concat(filesUnder(join(CORPUS, 'bwb')).filter((_, i) => i % 6 === 0))
  .map((p) => readFileSync(p))

type Mutation =
  | { kind: 'cut'; at: number }
  | { kind: 'duplicate'; from: number; to: number; at: number }
  | { kind: 'swap'; a: number; b: number; len: number }
  | { kind: 'insert'; at: number; bytes: number[] }

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({
    kind: fc.constant('duplicate' as const),
    from: fc.double({ min: 0, max: 1, noNaN: true }),
    to: fc.double({ min: 0, max: 1, noNaN: true }),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.record({
    kind: fc.constant('swap' as const),
    a: fc.double({ min: 0, max: 1, noNaN: true }),
    b: fc.double({ min: 0, max: 1, noNaN: true }),
    len: fc.integer({ min: 1, max: 400 }),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 40 }),
  }),
)

function apply(buf: Buffer, m: Mutation): Buffer {
  const pos = (f: number) => Math.floor(f * buf.length)
  switch (m.kind) {
    case 'cut':
      return buf.subarray(0, pos(m.at))
    case 'duplicate': {
      const [s, e] = [pos(Math.min(m.from, m.to)), pos(Math.max(m.from, m.to))]
      const at = pos(m.at)
      return Buffer.concat([buf.subarray(0, at), buf.subarray(s, e), buf.subarray(at)])
    }
    case 'swap': {
      const [a, b] = [pos(Math.min(m.a, m.b)), pos(Math.max(m.a, m.b))]
      if (b - a < 2 * m.len) return buf
      const x = buf.subarray(a, a + m.len)
      const y = buf.subarray(b - m.len, b)
      return Buffer.concat([buf.subarray(0, a), y, buf.subarray(a + m.len, b - m.len), x, buf.subarray(b)])
    }
    case 'insert': {
      const at = pos(m.at)
      return Buffer.concat([buf.subarray(0, at), Buffer.from(m.bytes), buf.subarray(at)])
    }
  }
}

describe('fuzz: mutated real texts never make parse or check throw', () => {
  it('every message has a place', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: sources.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (i, ms) => {
          const input = ms.reduce(apply, sources[i] as Buffer)
          const file = new VFile({ path: 'fuzz.md', value: input })
          const result = parseRegeling(file)
          if (result.text !== undefined) checkRegeling(result, file)
          for (const m of file.messages) {
            expect(m.line, m.reason).toBeGreaterThan(0)
            expect(m.column, m.reason).toBeGreaterThan(0)
            expect(m.ruleId).toBeTruthy()
          }
        },
      ),
      { numRuns: 300 },
    )
  })
})
