import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { nodeAsync, noStackTrace, regelwerk, regelwerkAsync, tempDir } from './cli-helpers.js'
import { CORPUS } from './helpers.js'

const GOOD = `---
citeertitel: Sociaal Statuut Samenwerking CGM 2012
inwerkingtreding: 2013-01-03
terugwerkende-kracht: 2013-01-01
---

# Sociaal Statuut Samenwerking CGM 2012

## Artikel 25 Informatieverstrekking

De projectgroep en na de ingang van het samenwerkingsverband het dagelijks bestuur van het samenwerkingsverband is verantwoordelijk voor het tijdig en volledig informeren van alle bij de verplaatsing betrokken ambtenaren.
`

/** Write `content` to a fresh file and run `check` on it. */
function checkContent(content: string | Uint8Array, name = 'regeling.md') {
  const dir = tempDir()
  const path = join(dir, name)
  writeFileSync(path, content)
  return { run: regelwerk(['check', path]), path }
}

/** Every message line is `path:line:col: fout|waarschuwing|info text [rule]`. */
function placedLines(stderr: string, path: string): string[] {
  return stderr
    .split('\n')
    .filter((l) => l.startsWith(path))
    .map((l) => {
      expect(l).toMatch(/^.+:\d+:\d+: (fout|waarschuwing|info) .+ \[[a-z0-9-]+\]$/)
      return l
    })
}

function expectError(content: string | Uint8Array, rule: string, place?: string) {
  const { run, path } = checkContent(content)
  expect(run.status).toBe(1)
  expect(noStackTrace(run)).toBe(true)
  const lines = placedLines(run.stderr, path)
  const line = lines.find((l) => l.includes(`[${rule}`))
  expect(line, run.stderr).toBeDefined()
  expect(line).toContain(': fout ')
  if (place) expect(line?.startsWith(`${path}:${place}`), line).toBe(true)
  return line as string
}

describe('bad input: Dutch message with place, exit 1, no stack trace', () => {
  it('a good file passes', () => {
    const { run } = checkContent(GOOD)
    expect(run.stderr).toContain('1 bestand gecontroleerd: 0 fouten, 0 waarschuwingen')
    expect(run.status).toBe(0)
  })

  it('empty file', () => {
    expect(expectError('', 'bestand-leeg', '1:1')).toContain('leeg')
  })

  it('binary file (a zip/docx header)', () => {
    const bytes = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00])
    expect(expectError(bytes, 'bestand-binair')).toContain('geen tekstbestand')
  })

  it('NUL bytes in text, placed at their line', () => {
    const text = Buffer.from(`${GOOD}\nregel met\0nul\n`)
    expectError(text, 'bestand-binair', '13:10')
  })

  it('not UTF-8 (Latin-1 from an old Word export), placed at the byte', () => {
    const latin1 = Buffer.concat([Buffer.from(GOOD.slice(0, 60)), Buffer.from([0xeb]), Buffer.from(GOOD.slice(60))])
    expect(expectError(latin1, 'bestand-geen-utf8', '3:')).toContain('UTF-8')
  })

  it('CRLF and BOM are accepted silently', () => {
    const { run } = checkContent(`\ufeff${GOOD.replace(/\n/g, '\r\n')}`)
    expect(run.status).toBe(0)
    expect(run.stderr).toContain('0 fouten, 0 waarschuwingen')
  })

  it('no front-matter', () => {
    expectError(GOOD.slice(GOOD.indexOf('# ')), 'frontmatter-ontbreekt', '1:1')
  })

  it('front-matter not closed', () => {
    expectError(GOOD.replace('---\n\n#', '\n#'), 'frontmatter-niet-afgesloten', '1:1')
  })

  it('YAML syntax error, re-anchored to the Markdown line', () => {
    const line = expectError(
      GOOD.replace('inwerkingtreding: 2013-01-03', 'inwerkingtreding: [2013-01-03'),
      'yaml',
      undefined,
    )
    expect(line).toMatch(/:\d+:\d+: fout .*front-matter/)
  })

  it('a YAML alias bomb is refused quickly', () => {
    const bomb = [
      '---',
      'citeertitel: x',
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
      '---',
      '',
      '# x',
    ].join('\n')
    expectError(bomb, 'yaml-alias-bom', '4:8')
  })

  it('duplicate keys, at the second key', () => {
    expectError(
      GOOD.replace('inwerkingtreding: 2013-01-03', 'inwerkingtreding: 2013-01-03\ninwerkingtreding: 2013-01-04'),
      'yaml-duplicate-key',
      '4:1',
    )
  })

  it('wrong types: an impossible date and a number where text belongs', () => {
    expectError(GOOD.replace('2013-01-03', '2013-02-30'), 'frontmatter-datum', '3:')
    const { run } = checkContent(GOOD.replace('---\n\n#', 'kenmerk: 012345\n---\n\n#'))
    expect(run.stderr).toMatch(/:5:\d+: waarschuwing .*012345.*\[frontmatter-type\]/)
  })

  it('two articles with the same number', () => {
    const twice = `${GOOD}\n## Artikel 25 Informatieverstrekking\n\nNogmaals.\n`
    expectError(twice, 'artikel-dubbel', '13:')
  })

  it('a heading with no number is kept and reported', () => {
    const { run, path } = checkContent(GOOD.replace('## Artikel 25 Informatieverstrekking', '## Artikel'))
    expect(run.status).toBe(0)
    expect(placedLines(run.stderr, path).some((l) => l.includes('[kop-niet-geplaatst]') && l.includes(':9:1:'))).toBe(
      true,
    )
  })

  it('lists nested 2,000 deep: a message, no stack overflow', () => {
    let deep = `${GOOD}\n`
    for (let i = 0; i < 2000; i++) deep += `${'  '.repeat(i)}- a. tekst\n`
    expectError(deep, 'te-diep-genest')
  })

  it('a path that does not exist', () => {
    const run = regelwerk(['check', '/bestaat/niet.md'])
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('/bestaat/niet.md:1:1: fout Het pad `/bestaat/niet.md` bestaat niet')
    expect(regelwerk(['fmt', '/bestaat/niet.md']).status).toBe(1)
  })

  it('wrong usage exits 2 with a Dutch message', () => {
    const run = regelwerk(['check', '--onbekend'])
    expect(run.status).toBe(2)
    expect(run.stderr).toContain('onbekende optie')
    expect(regelwerk(['bestaatniet']).status).toBe(2)
    expect(regelwerk(['fmt']).status).toBe(2)
  })

  it('a directory with thousands of files', () => {
    const dir = tempDir()
    for (let i = 0; i < 3000; i++) writeFileSync(join(dir, `r${String(i).padStart(4, '0')}.md`), GOOD)
    const run = regelwerk(['check', dir])
    expect(run.status).toBe(0)
    expect(run.stderr).toContain('3000 bestanden gecontroleerd: 0 fouten, 0 waarschuwingen')
    expect(readdirSync(dir)).toHaveLength(3000)
  })

  it('a 5 MB regulation works with bounded memory (async child processes with a real timeout)', async () => {
    const laws = readdirSync(join(CORPUS, 'bwb'))
    let body = ''
    let n = 0
    while (body.length < 5_000_000) {
      const dir = join(CORPUS, 'bwb', laws[n % laws.length] as string)
      const first = readdirSync(dir).sort()[0] as string
      // Renumber so that articles stay unique: this is one big (real) text, not duplicates.
      body += readFileSync(join(dir, first), 'utf8').replace(/^(#+\s*Artikel\s+)(\S+)/gm, `$1${n}.$2`)
      n++
    }
    const dir = tempDir()
    const path = join(dir, 'groot.md')
    writeFileSync(path, `---\nciteertitel: Groot\n---\n\n${body}`)
    const probe = `
      import { readFileSync } from 'node:fs'
      import { VFile } from 'vfile'
      import { parseRegeling } from './dist/parse/index.js'
      import { checkRegeling } from './dist/validate/index.js'
      const file = new VFile({ path: ${JSON.stringify(path)}, value: readFileSync(${JSON.stringify(path)}) })
      const r = parseRegeling(file); checkRegeling(r, file)
      console.log(JSON.stringify({ rss: process.resourceUsage().maxRSS, artikelen: JSON.stringify(r.tree).split('"artikel"').length - 1 }))
    `
    const r = await nodeAsync(['--input-type=module', '-e', probe], { timeoutMs: 55_000 })
    expect(r.timedOut, 'parse + check of 5 MB ran past 55 s').toBe(false)
    expect(r.status, r.stderr).toBe(0)
    const { rss, artikelen } = JSON.parse(r.stdout) as { rss: number; artikelen: number }
    expect(artikelen).toBe(body.match(/^#+\s*Artikel\s+\S/gm)?.length)
    expect(rss / 1024).toBeLessThan(400) // MB
    const run = await regelwerkAsync(['check', path], { timeoutMs: 55_000 })
    expect(run.timedOut, 'regelwerk check of 5 MB ran past 55 s').toBe(false)
    expect(noStackTrace(run)).toBe(true)
    expect(run.stderr).toContain('1 bestand gecontroleerd')
  }, 120_000)
})
