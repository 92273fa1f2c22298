import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { noStackTrace, regelwerk, tempDir } from '../cli-helpers.js'
import { ROOT } from '../helpers.js'

const STATUUT = join(ROOT, 'regulations', 'sociaal-statuut-cgm', '2013-01-03.md')

/** A changed copy of the statuut: test data made from the real text, not a real version. */
function editedStatuut(dir: string): string {
  const path = join(dir, '2014-01-01.md')
  const text = readFileSync(STATUUT, 'utf8')
    .replace('ter grootte van 250% van de jaarlijkse toelage', 'ter grootte van 300% van de jaarlijkse toelage')
    .replace('inwerkingtreding: 2013-01-03', 'inwerkingtreding: 2014-01-01')
  writeFileSync(path, text)
  return path
}

describe('regelwerk diff', () => {
  it('text: the changed words, with the citation in words', () => {
    const dir = tempDir()
    const run = regelwerk(['diff', STATUUT, editedStatuut(dir)])
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout).toContain('artikel 10, vijfde lid')
    expect(run.stdout).toContain('[-250%-]')
    expect(run.stdout).toContain('{+300%+}')
    expect(run.stdout).toContain('inwerkingtreding')
  })

  it('json: the change list', () => {
    const dir = tempDir()
    const run = regelwerk(['diff', STATUUT, editedStatuut(dir), '--format', 'json'])
    expect(run.status).toBe(0)
    const out = JSON.parse(run.stdout) as { wijzigingen: Array<{ type: string; plaats?: string }> }
    expect(out.wijzigingen.map((c) => `${c.type} ${c.plaats ?? ''}`.trim())).toEqual([
      'metadata',
      'tekst artikel 10, vijfde lid',
    ])
  })

  it('the same version twice: no differences', () => {
    const run = regelwerk(['diff', STATUUT, STATUUT, '--format', 'json'])
    expect(JSON.parse(run.stdout).wijzigingen).toEqual([])
    expect(regelwerk(['diff', STATUUT, STATUUT]).stdout).toContain('Geen verschillen')
  })

  it('work@date refs', () => {
    const run = regelwerk(['diff', 'ambtenarenwet@2012-06-01', 'ambtenarenwet@2013-03-01', '--format', 'json'])
    expect(run.status, run.stderr).toBe(0)
    expect(JSON.parse(run.stdout).oud).toContain('2012-01-01.md')
    expect(JSON.parse(run.stdout).nieuw).toContain('2013-01-01.md')
  })

  it('two different works: a warning, and still a diff', () => {
    const run = regelwerk(['diff', STATUUT, join(ROOT, 'regulations', 'car-uwo', '2015-09-07.md'), '--format', 'json'])
    expect(run.status).toBe(0)
    expect(run.stderr).toMatch(/waarschuwing De versies horen bij verschillende werken .*\[diff-ander-werk\]/)
    expect(JSON.parse(run.stdout).wijzigingen.length).toBeGreaterThan(0)
  })

  it('a version that does not exist, a file that fails to parse: exit 1, no output file', () => {
    const dir = tempDir()
    const out = join(dir, 'renvooi.html')
    let run = regelwerk(['diff', 'sociaal-statuut-cgm@2010-01-01', STATUUT, '--format', 'html', '--out', out])
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('geldt nog geen versie')
    const broken = join(dir, 'kapot.md')
    writeFileSync(broken, '---\nciteertitel: [x\n---\n\n# x\n')
    run = regelwerk(['diff', STATUUT, broken, '--format', 'html', '--out', out])
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/kapot\.md:2:\d+: fout /)
    expect(noStackTrace(run)).toBe(true)
    expect(existsSync(out)).toBe(false)
  })

  it('wrong usage: exit 2', () => {
    expect(regelwerk(['diff', STATUUT, STATUUT, '--format', 'pdf']).status).toBe(2)
    expect(regelwerk(['diff', STATUUT, STATUUT, '--format', 'docx']).status).toBe(2)
  })

  it('html and docx are written to --out', () => {
    const dir = tempDir()
    const edited = editedStatuut(dir)
    const html = join(dir, 'renvooi.html')
    expect(regelwerk(['diff', STATUUT, edited, '--format', 'html', '--out', html]).status).toBe(0)
    expect(readFileSync(html, 'utf8')).toContain('lang="nl"')
    const docx = join(dir, 'renvooi.docx')
    expect(regelwerk(['diff', STATUUT, edited, '--format', 'docx', '--out', docx]).status).toBe(0)
    const bytes = readFileSync(docx)
    expect(bytes.subarray(0, 2).toString()).toBe('PK')
    // Same input, same bytes.
    const again = join(dir, 'opnieuw.docx')
    regelwerk(['diff', STATUUT, edited, '--format', 'docx', '--out', again])
    expect(readFileSync(again).equals(bytes)).toBe(true)
  })
})
