/** Work and version references: a folder, a work id, a file, `work@YYYY-MM-DD` (issue 4, point 4). */
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveVersion, resolveWork } from '../../src/versions/refs.js'
import { ROOT } from '../helpers.js'
import { CAR_UWO, MINIMUMLOON, REGULATIONS, STATUUT, WORKS } from './works.js'

describe('resolveWork', () => {
  it('a folder path', () => {
    const r = resolveWork(CAR_UWO)
    expect(r.ok && r.value.id).toBe('car-uwo')
    const series = resolveWork(MINIMUMLOON)
    expect(series.ok && series.value.versions).toHaveLength(8)
  })

  it('a folder without version files is no work', () => {
    const r = resolveWork(join(REGULATIONS, 'ledenbrieven'))
    expect(r).toEqual({
      ok: false,
      reden: `\`${join(REGULATIONS, 'ledenbrieven')}\` is geen werk: er staat geen versiebestand (\`JJJJ-MM-DD.md\`) in`,
    })
  })

  it('an unknown work', () => {
    const r = resolveWork(join(WORKS, 'bestaat-niet'))
    expect(r.ok).toBe(false)
    expect(!r.ok && r.reden).toContain('niet gevonden')
  })

  it.runIf(process.cwd() === ROOT)('a work id, looked up under regulations/ (cwd is the project)', () => {
    const r = resolveWork('sociaal-statuut-cgm')
    expect(r.ok && r.value.dir).toBe(join('regulations', 'sociaal-statuut-cgm'))
  })
})

describe('resolveVersion', () => {
  it('work@date: the version that applies on that date', () => {
    expect(resolveVersion(`${STATUUT}@2013-01-02`)).toEqual({ ok: true, value: join(STATUUT, '2013-01-03.md') })
    expect(resolveVersion(`${MINIMUMLOON}@2013-06-30`)).toEqual({ ok: true, value: join(MINIMUMLOON, '2013-01-01.md') })
    expect(resolveVersion(`${join(WORKS, 'volgorde')}@2015-12-31`)).toEqual({
      ok: true,
      value: join(WORKS, 'volgorde', 'wijziging-b.md'),
    })
  })

  it('work@date with options: in-werking and known-on', () => {
    const inForce = resolveVersion(`${STATUUT}@2013-01-02`, { mode: 'in-werking' })
    expect(inForce.ok).toBe(false)
    expect(!inForce.ok && inForce.reden).toContain('--in-force')
    const known = resolveVersion(`${CAR_UWO}@2015-09-02`, { knownOn: '2015-09-02' })
    expect(!known.ok && known.reden).toContain('pas bekendgemaakt op 7 september 2015')
  })

  it('work@date before the first version: the reason', () => {
    const r = resolveVersion(`${STATUUT}@2012-12-31`)
    expect(!r.ok && r.reden).toContain('geldt vanaf 1 januari 2013')
  })

  it('a date that does not exist', () => {
    expect(resolveVersion(`${STATUUT}@2013-02-30`)).toEqual({
      ok: false,
      reden: '`2013-02-30` is geen bestaande datum',
    })
    expect(resolveVersion(`${STATUUT}@2013-02-29`).ok).toBe(false)
  })

  it('an unknown work in work@date', () => {
    const r = resolveVersion(`${join(WORKS, 'bestaat-niet')}@2013-01-02`)
    expect(!r.ok && r.reden).toContain('niet gevonden')
  })

  it('a version file as it is; a missing file', () => {
    const path = join(CAR_UWO, '2015-09-07.md')
    expect(resolveVersion(path)).toEqual({ ok: true, value: path })
    const missing = resolveVersion(join(CAR_UWO, '2015-09-01.md'))
    expect(!missing.ok && missing.reden).toContain('geef een bestand of `werk@JJJJ-MM-DD`')
    // A folder is not a version.
    expect(resolveVersion(CAR_UWO).ok).toBe(false)
  })

  it.runIf(process.cwd() === ROOT)('sociaal-statuut-cgm@2013-01-02 (cwd is the project)', () => {
    expect(resolveVersion('sociaal-statuut-cgm@2013-01-02')).toEqual({
      ok: true,
      value: join('regulations', 'sociaal-statuut-cgm', '2013-01-03.md'),
    })
    expect(resolveVersion(`${relative(ROOT, CAR_UWO)}@2015-09-02`)).toEqual({
      ok: true,
      value: join('regulations', 'car-uwo', '2015-09-07.md'),
    })
  })
})
