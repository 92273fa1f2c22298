/**
 * The version checks (issue 4, point 2): every rule with a fixture work that triggers it and one
 * that does not; message text, rule id, severity and place (at the front-matter key), through the
 * library (`loadWork` + `checkWork`) and once through `regelwerk check <dir>`.
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkWork, WORK_RULES } from '../../src/versions/check-work.js'
import { loadWork } from '../../src/versions/work.js'
import { noStackTrace, regelwerk } from '../cli-helpers.js'
import { bundledWorks, corpusSeries, type Msg, REGULATIONS, WORKS, WORKS_REL, workMessages } from './works.js'

interface Case {
  rule: string
  /** Fixture folder (under test/fixtures/works) that triggers the rule. */
  trigger: string
  /** Fixture folder that does not. */
  niet: string
  expected: Msg[]
  /** Fouten of the file's own checks (not version rules) that the CLI summary also counts. */
  otherFouten?: number
}

const ZONDER_DATUM =
  'Deze versie heeft geen `inwerkingtreding` en de bestandsnaam is geen datum; zet `inwerkingtreding: JJJJ-MM-DD` in de front-matter of noem het bestand naar die datum'

const CASES: Case[] = [
  {
    rule: 'versie-datum-uit-naam',
    trigger: 'datum-uit-naam',
    niet: 'datum-uit-naam-niet',
    expected: [
      {
        file: '2013-01-03.md',
        // No key to point at: the message sits at the start of the file.
        line: 1,
        column: 1,
        severity: 'info',
        ruleId: 'versie-datum-uit-naam',
        reason:
          'Geen `inwerkingtreding` in de front-matter; de datum uit de bestandsnaam (`2013-01-03`) wordt gebruikt',
      },
    ],
  },
  {
    rule: 'versie-zonder-datum',
    trigger: 'zonder-datum',
    // ontwerp.md also has `inwerkingtreding: 03-01-2013`, a frontmatter-datum fout of its own.
    otherFouten: 1,
    niet: 'zonder-datum-niet',
    expected: [
      // `2013-02-30.md` looks like a date but is no day; no key: start of the file.
      {
        file: '2013-02-30.md',
        line: 1,
        column: 1,
        severity: 'fout',
        ruleId: 'versie-zonder-datum',
        reason: ZONDER_DATUM,
      },
      // `inwerkingtreding: 03-01-2013` is not ISO: the message points at the key (line 3).
      {
        file: 'ontwerp.md',
        line: 3,
        column: 1,
        severity: 'fout',
        ruleId: 'versie-zonder-datum',
        reason:
          '`inwerkingtreding: 03-01-2013` is geen datum in de vorm JJJJ-MM-DD en de bestandsnaam is geen datum; zet `inwerkingtreding: JJJJ-MM-DD` in de front-matter of noem het bestand naar die datum',
      },
    ],
  },
  {
    rule: 'versie-zelfde-datum',
    trigger: 'zelfde-datum',
    niet: 'zelfde-datum-niet',
    expected: [
      {
        file: '2013-01-03-rectificatie.md',
        line: 4,
        column: 1,
        severity: 'fout',
        ruleId: 'versie-zelfde-datum',
        reason:
          'Versie `2013-01-03` treedt ook op 3 januari 2013 in werking; voeg de versies samen of verbeter een van de datums',
      },
    ],
  },
  {
    rule: 'versie-aansluiting',
    trigger: 'aansluiting-gat',
    niet: 'aansluiting-niet',
    expected: [
      {
        file: '2013-01-03.md',
        line: 4,
        column: 1,
        severity: 'waarschuwing',
        ruleId: 'versie-aansluiting',
        reason:
          'Gat in de versies: deze versie werkt uit per 30 juni 2013, de volgende (`2013-07-01`) treedt pas in werking op 1 juli 2013; daartussen geldt geen tekst',
      },
    ],
  },
  {
    rule: 'versie-aansluiting',
    trigger: 'aansluiting-overlap',
    niet: 'aansluiting-niet',
    expected: [
      {
        file: '2013-01-03.md',
        line: 4,
        column: 1,
        severity: 'fout',
        ruleId: 'versie-aansluiting',
        reason:
          'Overlap: deze versie werkt uit per 2 juli 2013, maar de volgende (`2013-07-01`) treedt al in werking op 1 juli 2013; maak `uitwerkingtreding: 2013-07-01`',
      },
    ],
  },
  {
    rule: 'versie-terugwerkende-kracht',
    trigger: 'terugwerkende-kracht',
    niet: 'terugwerkende-kracht-niet',
    expected: [
      {
        file: '2013-01-03.md',
        line: 4,
        column: 1,
        severity: 'fout',
        ruleId: 'versie-terugwerkende-kracht',
        reason:
          'Terugwerkende kracht tot en met 4 januari 2013 ligt na de inwerkingtreding (3 januari 2013); terugwerkende kracht gaat terug in de tijd: verbeter een van beide datums',
      },
    ],
  },
  {
    // Seed 002 modelled the wrong way: inwerkingtreding 1 januari 2013, published 3 januari 2013.
    rule: 'versie-voor-bekendmaking',
    trigger: 'voor-bekendmaking',
    niet: 'voor-bekendmaking-niet',
    expected: [
      {
        file: '2013-01-01.md',
        line: 3,
        column: 1,
        severity: 'waarschuwing',
        ruleId: 'versie-voor-bekendmaking',
        reason:
          'Inwerkingtreding 1 januari 2013 ligt vóór de bekendmaking (3 januari 2013); een regeling treedt niet eerder in werking dan zij is bekendgemaakt (Ar 4.16). Schrijf `inwerkingtreding: 2013-01-03` en `terugwerkende-kracht: 2013-01-01`',
      },
    ],
  },
  {
    rule: 'versie-bestandsnaam',
    trigger: 'bestandsnaam',
    niet: 'bestandsnaam-niet',
    expected: [
      {
        file: '2013-01-01.md',
        line: 3,
        column: 1,
        severity: 'waarschuwing',
        ruleId: 'versie-bestandsnaam',
        reason:
          'De bestandsnaam `2013-01-01.md` wijkt af van `inwerkingtreding: 2013-01-03`; noem het bestand `2013-01-03.md`',
      },
    ],
  },
  {
    rule: 'versie-overschaduwd',
    trigger: 'overschaduwd',
    niet: 'overschaduwd-niet',
    expected: [
      {
        file: '2014-01-01.md',
        line: 4,
        column: 1,
        severity: 'fout',
        ruleId: 'versie-overschaduwd',
        reason:
          'Deze versie werkt terug tot en met 1 januari 2013, dezelfde dag als het begin van versie `2013-01-03` (1 januari 2013): die versie geldt dan op geen enkele dag meer, en `show` en `diff` geven daar de tekst van deze versie. Is dit bestand gekopieerd van de vorige versie? Haal dan `terugwerkende-kracht` weg, of zet de datum waarop deze wijziging echt terugwerkt (na 1 januari 2013)',
      },
    ],
  },
  {
    rule: 'versie-kopie',
    trigger: 'kopie',
    niet: 'kopie-niet',
    expected: [
      {
        file: '2014-01-01.md',
        line: 3,
        column: 1,
        severity: 'waarschuwing',
        ruleId: 'versie-kopie',
        reason:
          'De tekst van deze versie is gelijk aan die van versie `2013-01-03`; alleen de front-matter verschilt. Schrijf de wijziging in deze versie, of verwijder dit bestand als er niets verandert',
      },
    ],
  },
  {
    rule: 'versie-gegevens-gekopieerd',
    trigger: 'gegevens-gekopieerd',
    niet: 'gegevens-gekopieerd-niet',
    expected: [
      {
        file: '2014-01-01.md',
        line: 4,
        column: 1,
        severity: 'waarschuwing',
        ruleId: 'versie-gegevens-gekopieerd',
        reason:
          '`ondertekening` is gelijk aan die van de vorige versie `2013-01-03`; een nieuwe versie wordt apart vastgesteld: zet de datum waarop het wijzigingsbesluit is ondertekend',
      },
      {
        file: '2014-01-01.md',
        line: 5,
        column: 1,
        severity: 'waarschuwing',
        ruleId: 'versie-gegevens-gekopieerd',
        reason:
          '`bekendmaking` is gelijk aan die van de vorige versie `2013-01-03`; zet de bekendmaking van het wijzigingsbesluit (bijvoorbeeld `Gemeenteblad 2014, 12345`)',
      },
      {
        file: '2014-01-01.md',
        line: 6,
        column: 1,
        severity: 'waarschuwing',
        ruleId: 'versie-gegevens-gekopieerd',
        reason:
          '`betreft: Nieuwe regeling` staat in een latere versie (er is al versie `2013-01-03`); schrijf wat deze versie verandert, bijvoorbeeld `betreft: wijziging artikel 10`, of `intrekking`',
      },
    ],
  },
]

/** Fixture works on which no version rule fires at all. */
const CLEAN = [
  ...new Set(CASES.map((c) => c.niet)),
  'schrikkeldag',
  'volgorde',
  'een-versie',
  'intrekking',
  'intrekking-artikel',
  join('wijzigingen', 'car-uwo'),
]

function checked(dir: string) {
  const work = loadWork(dir)
  checkWork(work)
  return work
}

describe('version rules (loadWork + checkWork)', () => {
  it('every rule in WORK_RULES has a triggering fixture', () => {
    expect(new Set(CASES.map((c) => c.rule))).toEqual(new Set(WORK_RULES.map((r) => r.id)))
    for (const rule of WORK_RULES) expect(rule.description).toMatch(/^[A-Z]/)
  })

  for (const c of CASES) {
    it(`${c.rule}: ${c.trigger} triggers it`, () => {
      expect(workMessages(checked(join(WORKS, c.trigger)))).toEqual(c.expected)
    })
    it(`${c.rule}: ${c.niet} does not`, () => {
      expect(workMessages(checked(join(WORKS, c.niet))).filter((m) => m.ruleId === c.rule)).toEqual([])
    })
  }

  it('the clean fixture works give no version message at all', () => {
    for (const name of CLEAN) expect(workMessages(checked(join(WORKS, name))), name).toEqual([])
  })

  it('a version produced by a ledenbrief counts as made known on the letter’s date', () => {
    const work = checked(join(WORKS, 'ledenbrief', 'regulations', 'car-uwo'))
    expect(workMessages(work)).toEqual([
      {
        file: '2015-09-01.md',
        line: 7,
        column: 1,
        severity: 'waarschuwing',
        ruleId: 'versie-voor-bekendmaking',
        reason:
          'Inwerkingtreding 1 september 2015 ligt vóór de bekendmaking (7 september 2015); een regeling treedt niet eerder in werking dan zij is bekendgemaakt (Ar 4.16). Schrijf `inwerkingtreding: 2015-09-07` en `terugwerkende-kracht: 2015-09-01`',
      },
    ])
  })

  it('the bundled works only get infos: dates taken from file names, and a consolidation without text change', () => {
    const infos: string[] = []
    for (const id of bundledWorks()) {
      const work = checked(join(REGULATIONS, id))
      for (const m of workMessages(work)) {
        expect(m.severity, `${id}/${m.file}: ${m.reason}`).toBe('info')
        expect(['versie-datum-uit-naam', 'versie-kopie'], `${id}/${m.file}`).toContain(m.ruleId)
        if (m.ruleId === 'versie-kopie') infos.push(`${id}/${m.file}`)
      }
    }
    // laws-markdown has two toestanden of this law with the same text (each with its own source).
    expect(infos).toEqual(['wet-aanpassing-arbeidsduur/2011-09-14.md'])
  })

  it('a law-in-git series gets one info per version and nothing else', () => {
    for (const dir of corpusSeries()) {
      const work = checked(dir)
      const messages = workMessages(work)
      expect(messages.length, dir).toBe(work.versions.length)
      for (const m of messages) {
        expect(m).toMatchObject({ severity: 'info', ruleId: 'versie-datum-uit-naam', line: 1, column: 1 })
      }
    }
  })
})

describe('version rules through `regelwerk check <dir>`', () => {
  for (const c of CASES) {
    it(`${c.rule}: ${c.trigger}`, () => {
      const dir = join(WORKS_REL, c.trigger)
      const run = regelwerk(['check', dir])
      const fout = c.expected.some((m) => m.severity === 'fout')
      expect(run.status, run.stderr).toBe(fout ? 1 : 0)
      expect(noStackTrace(run)).toBe(true)
      for (const m of c.expected) {
        expect(run.stderr).toContain(
          `${join(dir, m.file)}:${m.line}:${m.column}: ${m.severity} ${m.reason} [${m.ruleId}]\n`,
        )
      }
      // The summary counts fouten and waarschuwingen (not infos).
      const fouten = c.expected.filter((m) => m.severity === 'fout').length + (c.otherFouten ?? 0)
      const waarschuwingen = c.expected.filter((m) => m.severity === 'waarschuwing').length
      const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`
      expect(run.stderr).toMatch(
        new RegExp(
          `gecontroleerd: ${plural(fouten, 'fout', 'fouten')}, ${plural(waarschuwingen, 'waarschuwing', 'waarschuwingen')}\\n$`,
        ),
      )
    })
  }

  it('the clean fixture works pass: exit 0, no version message', () => {
    const run = regelwerk(['check', ...CLEAN.map((n) => join(WORKS_REL, n))])
    expect(run.status, run.stderr).toBe(0)
    expect(run.stderr).not.toContain('[versie-')
    expect(run.stderr).toMatch(/gecontroleerd: 0 fouten, 0 waarschuwingen\n$/)
  })

  // BUG (src/cli/commands/check.ts): the version messages are pushed into the file before
  // `if (!hasErrors(file))`, so a version fout (here versie-zelfde-datum) skips parsing and every
  // content rule of that file: the bad `ondertekening: 04-12-2012` is only reported once the dates
  // are fixed. Turn into `it` when fixed.
  it('a version fout does not hide the other messages of the file', () => {
    const dir = join(WORKS_REL, 'zelfde-datum-en-datumfout')
    const run = regelwerk(['check', dir])
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('[versie-zelfde-datum]')
    expect(run.stderr).toContain(
      `${join(dir, '2013-01-03-rectificatie.md')}:4:16: fout De datum \`04-12-2012\` bij \`ondertekening\` heeft niet de vorm \`JJJJ-MM-DD\`; schrijf \`ondertekening: 2012-12-04\` [frontmatter-datum]`,
    )
  })

  it('--json reports the place and the rule id of a version message', () => {
    const run = regelwerk(['check', '--json', join(WORKS_REL, 'aansluiting-overlap')])
    expect(run.status).toBe(1)
    const out = JSON.parse(run.stdout) as { fouten: number; berichten: Record<string, unknown>[] }
    expect(out.fouten).toBe(1)
    expect(out.berichten).toContainEqual({
      pad: join(WORKS_REL, 'aansluiting-overlap', '2013-01-03.md'),
      regel: 4,
      kolom: 1,
      ernst: 'fout',
      bericht: CASES.find((c) => c.trigger === 'aansluiting-overlap')?.expected[0]?.reason,
      regelId: 'versie-aansluiting',
    })
  })
})
