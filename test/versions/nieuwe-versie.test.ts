/**
 * `regelwerk nieuwe-versie` and the checks a hand-made copy now fails (issue 15): a user copied the
 * statuut's 2013 version to 2014-01-01.md and kept `terugwerkende-kracht`, `betreft: Nieuwe
 * regeling` and the old ondertekening; `check` said nothing and `show --at 2013-06-01` answered
 * with the 2014 text.
 */
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { newVersion } from '../../src/versions/new-version.js'
import { loadWork } from '../../src/versions/work.js'
import { noStackTrace, regelwerkAsync, tempDir } from '../cli-helpers.js'
import { STATUUT } from './works.js'

function copyStatuut(): string {
  const dir = tempDir()
  cpSync(STATUUT, join(dir, 'sociaal-statuut-cgm'), { recursive: true })
  return dir
}

const frontMatter = (text: string) => text.slice(0, text.indexOf('\n---\n', 4))

describe('regelwerk nieuwe-versie', () => {
  it('writes the next version with the version keys reset and moves the end date', async () => {
    const cwd = copyStatuut()
    const run = await regelwerkAsync(
      ['nieuwe-versie', 'sociaal-statuut-cgm', '--per', '2014-01-01', '--bekendgemaakt', '2013-12-20'],
      { cwd },
    )
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout).toContain('Nieuwe versie geschreven: sociaal-statuut-cgm/2014-01-01.md (uit versie 2013-01-03)')
    expect(run.stdout).toContain('Vul in de front-matter in: `ondertekening`, `bekendmaking`, `kenmerk`, `bron`')
    const made = readFileSync(join(cwd, 'sociaal-statuut-cgm', '2014-01-01.md'), 'utf8')
    const fm = frontMatter(made)
    expect(fm).toContain('citeertitel: Sociaal Statuut Samenwerking CGM 2012')
    expect(fm).toContain('inwerkingtreding: 2014-01-01')
    expect(fm).toContain('uitwerkingtreding: 2019-02-15')
    expect(fm).toContain('betreft: wijziging')
    expect(fm).toContain('bekendmaking-datum: 2013-12-20')
    for (const key of ['terugwerkende-kracht', 'ondertekening:', 'bekendmaking:', 'kenmerk', 'bron', 'opmerkingen']) {
      expect(fm, key).not.toContain(key)
    }
    // The text is the previous version's, word for word.
    const base = readFileSync(join(STATUUT, '2013-01-03.md'), 'utf8')
    expect(made.slice(made.indexOf('\n---\n'))).toBe(base.slice(base.indexOf('\n---\n')))
    // The previous version now ends where the new one begins; nothing else in it changed.
    const previous = readFileSync(join(cwd, 'sociaal-statuut-cgm', '2013-01-03.md'), 'utf8')
    expect(previous).toBe(base.replace('uitwerkingtreding: 2019-02-15', 'uitwerkingtreding: 2014-01-01'))

    // check: no fout; the unchanged text is the one warning, and the slotbepaling's date
    // (1 januari 2013, the first version's) is no reason to ask for terugwerkende kracht.
    const check = await regelwerkAsync(['check', 'sociaal-statuut-cgm'], { cwd })
    expect(check.status, check.stderr).toBe(0)
    expect(check.stderr).toContain('[versie-kopie]')
    expect(check.stderr).not.toContain('[inwerkingtreding-tekst]')
    expect(check.stderr).toMatch(/gecontroleerd: 0 fouten, /)
    // Besides the statuut's own glued words (a source defect, in both versions), only that one.
    const own = check.stderr
      .split('\n')
      .filter((l) => l.includes(': waarschuwing ') && !l.includes('[woorden-aan-elkaar]'))
    expect(own).toHaveLength(1)

    // After the edit: the versions answer for their own periods.
    writeFileSync(
      join(cwd, 'sociaal-statuut-cgm', '2014-01-01.md'),
      made.replace('ter grootte van 250%', 'ter grootte van 300%'),
    )
    const show2013 = await regelwerkAsync(
      ['show', 'sociaal-statuut-cgm', '--at', '2013-06-01', '--artikel', '10, vijfde lid'],
      { cwd },
    )
    expect(show2013.stdout).toContain('250%')
    const show2014 = await regelwerkAsync(
      ['show', 'sociaal-statuut-cgm', '--at', '2014-06-01', '--artikel', '10, vijfde lid'],
      { cwd },
    )
    expect(show2014.stdout).toContain('300%')
    const diff = await regelwerkAsync(['diff', 'sociaal-statuut-cgm@2013-01-03', 'sociaal-statuut-cgm@2014-01-01'], {
      cwd,
    })
    expect(diff.stdout).toContain('versie van 3 januari 2013 → versie van 1 januari 2014')
    expect(diff.stdout).not.toContain('Geen verschillen')
    const after = await regelwerkAsync(['check', 'sociaal-statuut-cgm'], { cwd })
    expect(after.stderr).toMatch(/gecontroleerd: 0 fouten, /)
    expect(
      after.stderr.split('\n').filter((l) => l.includes(': waarschuwing ') && !l.includes('[woorden-aan-elkaar]')),
    ).toEqual([])
  })

  it('refuses a date that has a version, a date before the first version, and a bad date; writes nothing', async () => {
    const cwd = copyStatuut()
    const files = () => readdirSync(join(cwd, 'sociaal-statuut-cgm')).sort()
    const before = files()
    const same = await regelwerkAsync(['nieuwe-versie', 'sociaal-statuut-cgm', '--per', '2013-01-03'], { cwd })
    expect(same.status).toBe(1)
    expect(same.stderr).toContain('heeft al een versie per 3 januari 2013')
    const early = await regelwerkAsync(['nieuwe-versie', 'sociaal-statuut-cgm', '--per', '2012-06-01'], { cwd })
    expect(early.status).toBe(1)
    expect(early.stderr).toContain('Er is geen versie van Sociaal Statuut Samenwerking CGM 2012 die op 31 mei 2012')
    const bad = await regelwerkAsync(['nieuwe-versie', 'sociaal-statuut-cgm', '--per', '2014-02-30'], { cwd })
    expect(bad.status).toBe(2)
    expect(bad.stderr).toContain('`--per 2014-02-30` is geen bestaande datum')
    const none = await regelwerkAsync(['nieuwe-versie', 'bestaat-niet', '--per', '2014-01-01'], { cwd })
    expect(none.status).toBe(1)
    for (const r of [same, early, bad, none]) expect(noStackTrace(r)).toBe(true)
    expect(files()).toEqual(before)
  })

  it('between two versions: starts from the one in force the day before; the previous keeps a derived end', () => {
    const dir = tempDir()
    const fm = (extra: string) =>
      `---\nciteertitel: Proefregeling\n${extra}---\n\n# Proefregeling\n\n## Artikel 1\n\nTekst ${extra.length}.\n`
    writeFileSync(
      join(dir, '2013-01-01.md'),
      fm('inwerkingtreding: 2013-01-01\nbetreft: Nieuwe regeling\nondertekening: 2012-12-01\n'),
    )
    writeFileSync(
      join(dir, '2016-01-01.md'),
      fm('inwerkingtreding: 2016-01-01\nterugwerkende-kracht: 2015-12-01\nbetreft: wijziging artikel 1\n'),
    )
    const made = newVersion(loadWork(dir), { per: '2014-07-01', betreft: 'wijziging artikel 1 (tarief)' })
    expect(made.ok).toBe(true)
    if (!made.ok) return
    expect(made.base.name).toBe('2013-01-01')
    expect(made.baseUpdate).toBeUndefined()
    expect(made.file.path).toBe(join(dir, '2014-07-01.md'))
    expect(frontMatter(made.file.text)).toBe(
      '---\nciteertitel: Proefregeling\ninwerkingtreding: 2014-07-01\nbetreft: wijziging artikel 1 (tarief)',
    )
    // Nothing is written by the library.
    expect(readdirSync(dir).sort()).toEqual(['2013-01-01.md', '2016-01-01.md'])
    // The day before 2016-01-01 the 2013 version is in force (the 2016 one only applies back).
    const later = newVersion(loadWork(dir), { per: '2017-01-01' })
    expect(later.ok && later.base.name).toBe('2016-01-01')
    if (later.ok) expect(later.file.text).not.toContain('terugwerkende-kracht')
  })
})
