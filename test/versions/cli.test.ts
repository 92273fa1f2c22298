/**
 * `regelwerk history` and `regelwerk show` on every bundled work and every corpus version series
 * (issue 4, points 3–5). Each call spawns the built CLI (~0.25 s): keep the number of calls small.
 */
import { basename, join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatDutchDate } from '../../src/util/dates.js'
import { loadWork } from '../../src/versions/work.js'
import { noStackTrace, type Run, regelwerk } from '../cli-helpers.js'
import { ROOT } from '../helpers.js'
import { bundledWorks, corpusSeries, MINIMUMLOON, REGULATIONS, WORKS_REL } from './works.js'

const HEAD = [
  'versie',
  'inwerkingtreding',
  'uitwerkingtreding',
  'terugwerkende kracht',
  'betreft',
  'ondertekening',
  'bron bekendmaking',
]
const STAR = '* afgeleid: de inwerkingtreding van de volgende versie'
const DAGGER = '† datum uit de bestandsnaam (geen inwerkingtreding in de front-matter)'

/** The table of a `history` run: header, rule of dashes, rows; and the column starts. */
function table(stdout: string): { header: string; rows: string[]; starts: number[] } {
  const lines = stdout.split('\n')
  const i = lines.findIndex((l) => l.startsWith('versie  '))
  expect(i, stdout).toBe(2)
  const header = lines[i] as string
  const dashes = lines[i + 1] as string
  const rows: string[] = []
  for (const l of lines.slice(i + 2)) {
    if (l === '') break
    rows.push(l)
  }
  const starts = [...dashes.matchAll(/-+/g)].map((m) => m.index as number)
  return { header, rows, starts }
}

/** The table is aligned: every column starts where its header does, after at least two spaces. */
function expectAligned(stdout: string, versions: number): string[] {
  const { header, rows, starts } = table(stdout)
  expect(starts).toHaveLength(HEAD.length)
  expect(HEAD.map((h, k) => header.indexOf(h, k === 0 ? 0 : (starts[k - 1] as number) + 1))).toEqual(starts)
  expect(rows).toHaveLength(versions)
  for (const row of rows) {
    expect(row).toBe(row.trimEnd())
    for (const s of starts.slice(1)) {
      if (row.length > s) expect(row.slice(s - 2, s), row).toBe('  ')
    }
  }
  return rows
}

function expectClean(run: Run): void {
  expect(noStackTrace(run)).toBe(true)
  expect(run.stderr).not.toContain('interne fout')
}

describe('regelwerk history', () => {
  for (const id of bundledWorks()) {
    it(`history ${id}`, () => {
      const work = loadWork(join(REGULATIONS, id))
      const run = regelwerk(['history', id])
      expectClean(run)
      expect(run.status, run.stderr).toBe(0)
      const n = work.versions.length
      expect(run.stdout.split('\n')[0]).toBe(
        `${work.citeertitel ?? id} (regulations/${id}): ${n} ${n === 1 ? 'versie' : 'versies'}`,
      )
      const rows = expectAligned(run.stdout, n)
      expect(rows.map((r) => r.split(' ')[0])).toEqual(work.versions.map((v) => v.name))
      // Dutch dates, never ISO dates, in the table.
      for (const row of rows) expect(row.slice(row.indexOf(' '))).not.toMatch(/\d{4}-\d{2}-\d{2}/)
      const first = work.versions[0]
      if (first?.inwerkingtreding) expect(rows[0]).toContain(formatDutchDate(first.inwerkingtreding))
      const derived = work.versions.some((v) => !v.uitwerkingtreding && v.uitwerkingtredingAfgeleid)
      const fromName = work.versions.some((v) => v.inwerkingtredingBron === 'bestandsnaam')
      expect(run.stdout.includes(STAR)).toBe(derived)
      expect(run.stdout.includes(DAGGER)).toBe(fromName)
      expect(run.stdout).toMatch(/\n\n0 fouten, \d+ waarschuwingen?\n$/)
    })
  }

  it('history sociaal-statuut-cgm: the CVDR row of seed 002 in Dutch dates, no legends', () => {
    const run = regelwerk(['history', 'sociaal-statuut-cgm'])
    const rows = expectAligned(run.stdout, 1)
    expect(rows[0]?.split(/ {2,}/)).toEqual([
      '2013-01-03',
      '3 januari 2013',
      '15 februari 2019',
      '1 januari 2013',
      'Nieuwe regeling',
      '4 december 2012',
      'Graafsche Courant, 3 januari 2013',
    ])
    expect(run.stdout).not.toContain(STAR)
    expect(run.stdout).not.toContain(DAGGER)
    expect(run.stdout).toMatch(/\n\n0 fouten, 0 waarschuwingen\n$/)
  })

  it('history car-uwo: names the ledenbrief that produced the version', () => {
    const run = regelwerk(['history', 'car-uwo'])
    expect(run.status).toBe(0)
    expect(run.stdout).toContain(
      '\n\nversie 2015-09-07 is tot stand gekomen door: regulations/ledenbrieven/lbr-15-069.md\n',
    )
    expect(run.stdout).toContain('7 september 2015')
    expect(run.stdout).toContain('1 september 2015')
  })

  for (const dir of corpusSeries()) {
    it(`history on the corpus series ${basename(dir)}`, () => {
      const work = loadWork(dir)
      const run = regelwerk(['history', dir])
      expectClean(run)
      expect(run.status, run.stderr).toBe(0)
      const n = work.versions.length
      expect(run.stdout.split('\n')[0]).toBe(`${basename(dir)} (${dir}): ${n} ${n === 1 ? 'versie' : 'versies'}`)
      const rows = expectAligned(run.stdout, n)
      for (const [k, v] of work.versions.entries()) {
        const cells = rows[k]?.split(/ {2,}/)
        const next = work.versions[k + 1]
        expect(cells, rows[k]).toEqual(
          next
            ? [v.name, `${formatDutchDate(v.name)}†`, `${formatDutchDate(next.name)}*`]
            : [v.name, `${formatDutchDate(v.name)}†`],
        )
      }
      if (n > 1) expect(run.stdout).toContain(`\n\n${STAR}\n${DAGGER}\n`)
      // One info per version (dates from file names); no fouten or waarschuwingen.
      expect(run.stdout.match(/: info Geen `inwerkingtreding` in de front-matter/g)).toHaveLength(n)
      expect(run.stdout).toMatch(/\n\n0 fouten, 0 waarschuwingen\n$/)
    })
  }

  it('history --json: stable machine output', () => {
    const run = regelwerk(['history', 'sociaal-statuut-cgm', '--json'])
    expect(run.status).toBe(0)
    const out = JSON.parse(run.stdout)
    expect(Object.keys(out)).toEqual(['werk', 'titel', 'versies', 'berichten'])
    expect(out).toEqual({
      werk: 'sociaal-statuut-cgm',
      titel: 'Sociaal Statuut Samenwerking CGM 2012',
      versies: [
        {
          versie: '2013-01-03',
          pad: join('regulations', 'sociaal-statuut-cgm', '2013-01-03.md'),
          inwerkingtreding: '2013-01-03',
          inwerkingtredingBron: 'front-matter',
          uitwerkingtreding: '2019-02-15',
          uitwerkingtredingAfgeleid: false,
          terugwerkendeKracht: '2013-01-01',
          betreft: 'Nieuwe regeling',
          ondertekening: '2012-12-04',
          bronBekendmaking: 'Graafsche Courant, 3 januari 2013',
          bekendgemaakt: '2013-01-03',
          kenmerk: 'P&O',
          wijzigingen: [],
        },
      ],
      berichten: [],
    })
    expect(Object.keys(out.versies[0])).toEqual([
      'versie',
      'pad',
      'inwerkingtreding',
      'inwerkingtredingBron',
      'uitwerkingtreding',
      'uitwerkingtredingAfgeleid',
      'terugwerkendeKracht',
      'betreft',
      'ondertekening',
      'bronBekendmaking',
      'bekendgemaakt',
      'kenmerk',
      'wijzigingen',
    ])
  })

  it('history --json on a law-in-git series: derived dates and info messages', () => {
    const run = regelwerk(['history', '--json', MINIMUMLOON])
    expect(run.status).toBe(0)
    const out = JSON.parse(run.stdout)
    expect(out.werk).toBe(basename(MINIMUMLOON))
    expect(out.titel).toBeNull()
    expect(out.versies).toHaveLength(8)
    expect(out.versies[0]).toMatchObject({
      versie: '2011-04-01',
      inwerkingtreding: '2011-04-01',
      inwerkingtredingBron: 'bestandsnaam',
      uitwerkingtreding: '2012-01-01',
      uitwerkingtredingAfgeleid: true,
      terugwerkendeKracht: null,
      betreft: null,
      wijzigingen: [],
    })
    expect(out.versies[7]).toMatchObject({ uitwerkingtreding: null, uitwerkingtredingAfgeleid: false })
    expect(out.berichten).toHaveLength(8)
    expect(out.berichten[0]).toEqual({
      pad: join(MINIMUMLOON, '2011-04-01.md'),
      regel: 1,
      kolom: 1,
      ernst: 'info',
      bericht: 'Geen `inwerkingtreding` in de front-matter; de datum uit de bestandsnaam (`2011-04-01`) wordt gebruikt',
      regelId: 'versie-datum-uit-naam',
    })
  })

  it('history shows the checks below the table; a fout gives exit 1', () => {
    const dir = join(WORKS_REL, 'zelfde-datum')
    const run = regelwerk(['history', dir])
    expect(run.status).toBe(1)
    expect(run.stdout).toContain(
      `\n\n${join(dir, '2013-01-03-rectificatie.md')}:4:1: fout Versie \`2013-01-03\` treedt ook op 3 januari 2013 in werking; voeg de versies samen of verbeter een van de datums [versie-zelfde-datum]\n`,
    )
    expect(run.stdout).toMatch(/\n\n1 fout, 0 waarschuwingen\n$/)
  })

  it('history: a waarschuwing alone gives exit 0; out-of-order files are listed by date', () => {
    const gat = regelwerk(['history', join(WORKS_REL, 'aansluiting-gat')])
    expect(gat.status).toBe(0)
    expect(gat.stdout).toContain('waarschuwing Gat in de versies')
    expect(gat.stdout).toMatch(/\n\n0 fouten, 1 waarschuwing\n$/)
    const volgorde = regelwerk(['history', join(WORKS_REL, 'volgorde')])
    const rows = expectAligned(volgorde.stdout, 3)
    expect(rows.map((r) => r.split(/ {2,}/).slice(0, 3))).toEqual([
      ['2013-01-03', '3 januari 2013', '31 december 2015*'],
      ['wijziging-b', '31 december 2015', '1 januari 2016*'],
      ['wijziging-a', '1 januari 2016', 'wijziging artikel 27'],
    ])
  })

  it('history on something that is not a work: exit 1, Dutch message', () => {
    const lb = regelwerk(['history', 'ledenbrieven'])
    expect(lb.status).toBe(1)
    expect(lb.stderr).toBe(
      'fout: `regulations/ledenbrieven` is geen werk: er staat geen versiebestand (`JJJJ-MM-DD.md`) in\n',
    )
    const none = regelwerk(['history', 'bestaat-niet'])
    expect(none.status).toBe(1)
    expect(none.stderr).toBe(
      'fout: Werk `bestaat-niet` niet gevonden (gezocht: `bestaat-niet`, `regulations/bestaat-niet`)\n',
    )
  })
})

describe('regelwerk show', () => {
  for (const id of bundledWorks()) {
    it(`show ${id} at its latest version's date`, () => {
      const work = loadWork(join(REGULATIONS, id))
      const last = work.versions.at(-1)
      expect(last?.inwerkingtreding).toBeDefined()
      const at = last?.inwerkingtreding as string
      const run = regelwerk(['show', id, '--at', at])
      expectClean(run)
      expect(run.status, run.stderr).toBe(0)
      const lines = run.stdout.split('\n')
      expect(lines[0]).toBe(`${work.citeertitel ?? id}, zoals geldend voor ${formatDutchDate(at)}`)
      expect(lines[1]).toMatch(new RegExp(`^Versie ${last?.name}: geldt vanaf `))
      expect(lines[2]).toBe(`Bestand: ${relative(ROOT, last?.path as string)}`)
      expect(lines[3]).toBe('')
      expect(run.stdout).toMatch(/\n#{1,6} Artikel /)
    })
  }

  it('show sociaal-statuut-cgm --at 2013-01-02 --artikel "10, vijfde lid" and 10.5: the lid with 250%', () => {
    const a = regelwerk(['show', 'sociaal-statuut-cgm', '--at', '2013-01-02', '--artikel', '10, vijfde lid'])
    expect(a.status, a.stderr).toBe(0)
    expect(a.stdout).toContain('250%')
    expect(a.stdout.split('\n').slice(0, 2)).toEqual([
      'artikel 10, vijfde lid van Sociaal Statuut Samenwerking CGM 2012, zoals geldend voor 2 januari 2013',
      'Versie 2013-01-03: geldt vanaf 1 januari 2013 (terugwerkende kracht), in werking getreden 3 januari 2013, tot 15 februari 2019, bekendgemaakt 3 januari 2013. Gekozen als de versie die geldt voor feiten op 2 januari 2013.',
    ])
    expect(a.stdout).toContain('\n\n## Artikel 10 Uitgangspunten individueel\n\n5. Indien aan de oude functie')
    expect(a.stdout).not.toContain('verminderde inzet')
    const b = regelwerk(['show', 'sociaal-statuut-cgm', '--at', '2013-01-02', '--artikel', '10.5'])
    expect(b.status).toBe(0)
    expect(b.stdout).toBe(a.stdout)
  })

  it('show car-uwo --at 2015-09-02 --artikel 1:2c', () => {
    const run = regelwerk(['show', 'car-uwo', '--at', '2015-09-02', '--artikel', '1:2c'])
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout.split('\n')[0]).toBe('artikel 1:2c van CAR-UWO, zoals geldend voor 2 september 2015')
    expect(run.stdout).toContain('## Artikel 1:2c Aanstellingen op grond van de banenafpraak')
    expect(run.stdout).toContain('9. Indien het college')
    expect(run.stdout).not.toContain('Bijlage IIa')
  })

  it('an unknown article or lid: exit 1 with a Dutch message', () => {
    const run = regelwerk(['show', 'sociaal-statuut-cgm', '--at', '2013-01-02', '--artikel', '99'])
    expect(run.status).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toBe('fout: Sociaal Statuut Samenwerking CGM 2012 heeft in versie 2013-01-03 geen artikel 99\n')
    const lid = regelwerk(['show', 'sociaal-statuut-cgm', '--at', '2013-01-02', '--artikel', 'artikel 10, achtste lid'])
    expect(lid.status).toBe(1)
    expect(lid.stderr).toBe(
      'fout: Sociaal Statuut Samenwerking CGM 2012 heeft in versie 2013-01-03 geen artikel 10, achtste lid\n',
    )
  })

  it('a date that does not exist: exit 2 with a Dutch message', () => {
    const run = regelwerk(['show', 'sociaal-statuut-cgm', '--at', '2013-02-30'])
    expect(run.status).toBe(2)
    expect(run.stderr).toBe(
      'fout: `--at 2013-02-30` is geen bestaande datum; schrijf JJJJ-MM-DD (bijvoorbeeld 2013-01-02)\n',
    )
    const known = regelwerk(['show', 'car-uwo', '--at', '2015-09-02', '--known-on', '2015-02-29'])
    expect(known.status).toBe(2)
    expect(known.stderr).toContain('`--known-on 2015-02-29` is geen bestaande datum')
    const missing = regelwerk(['show', 'car-uwo'])
    expect(missing.status).toBe(2)
    expect(missing.stderr).toContain("fout: de optie '--at <datum>' is verplicht")
  })

  it('show car-uwo --at 2015-09-02 contains 1:2c; with --known-on 2015-09-02 it does not, and says why', () => {
    const run = regelwerk(['show', 'car-uwo', '--at', '2015-09-02'])
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('Artikel 1:2c')
    const known = regelwerk(['show', 'car-uwo', '--at', '2015-09-02', '--known-on', '2015-09-02'])
    expect(known.status).toBe(1)
    expect(known.stdout).toBe('')
    expect(known.stderr).toBe(
      'fout: Op 2 september 2015 was van CAR-UWO geen versie bekend die op 2 september 2015 geldt: de versie 2015-09-07 (geldt vanaf 1 september 2015) is pas bekendgemaakt op 7 september 2015\n',
    )
    const later = regelwerk(['show', 'car-uwo', '--at', '2015-09-02', '--known-on', '2015-09-07', '--artikel', '1:2c'])
    expect(later.status).toBe(0)
    expect(later.stdout.split('\n')[0]).toBe(
      'artikel 1:2c van CAR-UWO, zoals geldend voor 2 september 2015 (bekend op 7 september 2015)',
    )
  })

  it('before the first version, --in-force, after the uitwerkingtreding: exit 1 with the reason', () => {
    const before = regelwerk(['show', 'sociaal-statuut-cgm', '--at', '2012-12-31'])
    expect(before.status).toBe(1)
    expect(before.stderr).toContain('geldt vanaf 1 januari 2013')
    const inForce = regelwerk(['show', 'sociaal-statuut-cgm', '--at', '2013-01-02', '--in-force'])
    expect(inForce.status).toBe(1)
    expect(inForce.stderr).toContain('laat `--in-force` weg')
    const inForceOk = regelwerk(['show', 'sociaal-statuut-cgm', '--at', '2013-01-03', '--in-force', '--artikel', '29'])
    expect(inForceOk.status).toBe(0)
    expect(inForceOk.stdout.split('\n')[0]).toBe(
      'artikel 29 van Sociaal Statuut Samenwerking CGM 2012, zoals in werking op 3 januari 2013',
    )
    const after = regelwerk(['show', 'sociaal-statuut-cgm', '--at', '2019-02-15'])
    expect(after.status).toBe(1)
    expect(after.stderr).toContain('is uitgewerkt per 15 februari 2019')
  })

  it('after an intrekking: exit 1, "ingetrokken"', () => {
    const run = regelwerk(['show', join(WORKS_REL, 'intrekking'), '--at', '2019-02-15'])
    expect(run.status).toBe(1)
    expect(run.stderr).toBe(
      'fout: Sociaal Statuut Samenwerking CGM 2012 is ingetrokken met ingang van 15 februari 2019; op 15 februari 2019 geldt geen tekst meer\n',
    )
  })

  it('the text of the day: an article added on a leap day', () => {
    const dir = join(WORKS_REL, 'schrikkeldag')
    const before = regelwerk(['show', dir, '--at', '2016-02-28', '--artikel', '27'])
    expect(before.status).toBe(1)
    expect(before.stderr).toBe(
      'fout: Sociaal Statuut Samenwerking CGM 2012 heeft in versie 2016-01-01 geen artikel 27\n',
    )
    const on = regelwerk(['show', dir, '--at', '2016-02-29', '--artikel', '27'])
    expect(on.status).toBe(0)
    expect(on.stdout).toContain('\n## Artikel 27 Slotbepaling\n')
    expect(on.stdout).toContain(`Bestand: ${join(dir, '2016-02-29.md')}`)
  })

  it('a law-in-git series as it is', () => {
    const run = regelwerk(['show', MINIMUMLOON, '--at', '2013-06-30', '--artikel', '8'])
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout.split('\n').slice(0, 3)).toEqual([
      `artikel 8 van ${basename(MINIMUMLOON)}, zoals geldend voor 30 juni 2013`,
      'Versie 2013-01-01: geldt vanaf 1 januari 2013 (datum uit de bestandsnaam), tot 1 januari 2014. Gekozen als de versie die geldt voor feiten op 30 juni 2013.',
      `Bestand: ${join(MINIMUMLOON, '2013-01-01.md')}`,
    ])
    expect(run.stdout).toContain('Het minimumloon bedraagt')
  })

  it('show --json: stable machine output', () => {
    const run = regelwerk(['show', 'car-uwo', '--at', '2015-09-02', '--artikel', '1:2c', '--json'])
    expect(run.status).toBe(0)
    const out = JSON.parse(run.stdout)
    expect(Object.keys(out)).toEqual([
      'werk',
      'titel',
      'datum',
      'modus',
      'bekendOp',
      'versie',
      'reden',
      'bepaling',
      'tekst',
    ])
    expect(out).toMatchObject({
      werk: 'car-uwo',
      titel: 'CAR-UWO',
      datum: '2015-09-02',
      modus: 'geldig',
      bekendOp: null,
      versie: {
        naam: '2015-09-07',
        pad: join('regulations', 'car-uwo', '2015-09-07.md'),
        inwerkingtreding: '2015-09-07',
        terugwerkendeKracht: '2015-09-01',
        uitwerkingtreding: null,
        bekendgemaakt: '2015-09-07',
        betreft: 'artikel 1:2c toegevoegd en bijlage IIa aangevuld (banenafspraak)',
      },
      bepaling: 'artikel 1:2c',
    })
    expect(Object.keys(out.versie)).toEqual([
      'naam',
      'pad',
      'inwerkingtreding',
      'terugwerkendeKracht',
      'uitwerkingtreding',
      'bekendgemaakt',
      'betreft',
    ])
    expect(out.reden).toContain('geldt vanaf 1 september 2015 (terugwerkende kracht)')
    expect(out.tekst).toMatch(/^## Artikel 1:2c Aanstellingen op grond van de banenafpraak\n/)
    const inForce = JSON.parse(
      regelwerk([
        'show',
        'sociaal-statuut-cgm',
        '--at',
        '2013-01-03',
        '--in-force',
        '--known-on',
        '2013-01-03',
        '--json',
      ]).stdout,
    )
    expect(inForce).toMatchObject({ modus: 'in-werking', bekendOp: '2013-01-03', bepaling: null })
    expect(inForce.tekst).toContain('## Artikel 10 Uitgangspunten individueel')
  })
})
