import { readdirSync, readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { importPlainText } from '../../src/import/plain-text.js'

const SHARED = new URL('../../../shared/', import.meta.url)
const SEED = readFileSync(new URL('seeds/002_f6e7f900d2e726f4.txt', SHARED), 'utf8')

/** Words as the completeness check counts them; glued words ("bepalingenArtikel") count apart. */
function words(text: string): string[] {
  return text.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2').match(/[\p{L}\p{N}]+/gu) ?? []
}

function isSubsequence(short: string[], long: string[]): boolean {
  let k = 0
  for (const w of long) if (k < short.length && w === short[k]) k++
  return k === short.length
}

function counts(list: string[]): Map<string, number> {
  const m = new Map<string, number>()
  for (const w of list) m.set(w, (m.get(w) ?? 0) + 1)
  return m
}

/** The Markdown blocks (separated by blank lines) under the heading that starts with `heading`. */
function section(markdown: string, heading: RegExp): string[] {
  const blocks = markdown.trimEnd().split('\n\n')
  const start = blocks.findIndex((b) => heading.test(b))
  if (start < 0) return []
  const end = blocks.findIndex((b, i) => i > start && b.startsWith('#'))
  return blocks.slice(start + 1, end < 0 ? undefined : end)
}

function artikel(markdown: string, num: string): string[] {
  return section(markdown, new RegExp(`^#{2,6} Artikel ${num}(?: |$)`, 'u'))
}

/** Each block must start with the expected text (indentation included). */
function expectOutline(blocks: string[], starts: string[]): void {
  expect(blocks.map((b, i) => b.slice(0, (starts[i] ?? b).length))).toEqual(starts)
}

describe('importPlainText: Sociaal Statuut Samenwerking CGM 2012 (seed 002)', () => {
  const result = importPlainText(SEED)
  const md = result.markdown

  it('reads the CVDR metadata table into front-matter values', () => {
    expect(result.meta).toEqual({
      organisatie: 'Grave',
      organisatietype: 'Gemeente',
      'officiele-titel': 'Sociaal Statuut Samenwerking CGM 2012',
      citeertitel: 'Sociaal Statuut Samenwerking CGM 2012',
      'vastgesteld-door': 'college van burgemeester en wethouders',
      onderwerp: 'bestuur en recht',
      'eigen-onderwerp': 'P&O',
      grondslagen: ['Wet op de ondernemingsraden', 'CAR/UWO'],
      inwerkingtreding: '2013-01-03',
      uitwerkingtreding: '2019-02-15',
      betreft: 'Nieuwe regeling',
      ondertekening: '2012-12-04',
      bekendmaking: 'Graafsche Courant, 3 januari 2013',
      kenmerk: 'P&O',
    })
  })

  it('starts with the title and the aanhef, without the CVDR labels', () => {
    expect(md.startsWith('# Sociaal Statuut Samenwerking CGM 2012\n\nDe colleges van burgemeester')).toBe(true)
    for (const label of ['Intitulé', 'Wetstechnische informatie', 'Tekst van de regeling', 'Ziet u een fout']) {
      expect(md).not.toContain(label)
    }
  })

  it('finds the 29 articles in order, each one level below its heading', () => {
    const body = md.slice(0, md.indexOf('\n## TOELICHTING\n'))
    const nums = [...body.matchAll(/^#{2,6} Artikel (\S+)/gmu)].map((m) => m[1])
    expect(nums).toEqual(Array.from({ length: 29 }, (_, i) => String(i + 1)))
    expect(md).toContain('## Hoofdstuk 1 Algemene bepalingen en definities\n\n### Artikel 1 Algemene bepalingen\n')
    expect(md).toContain(
      '## Hoofdstuk 2 Bepalingen over medezeggenschap en overleg\n\n' +
        '### Procedurele bepalingen over medezeggenschap en overleg\n\n#### Artikel 3 Extern advies\n',
    )
    expect(md).toContain('## Hoofdstuk 7 Overige en slotbepalingen\n\n### Artikel 25 Informatieverstrekking\n')
  })

  it('splits headings glued by copying', () => {
    expect(md).toContain('## Hoofdstuk 4 Procedurele bepalingen\n\n### Artikel 13\n')
    expect(md).toContain(
      '## Hoofdstuk 5 Plaatsingsprocedure\n\n### Plaatsingsproces\n\n#### Artikel 16 Voorkeursvolgorde bij herplaatsing\n',
    )
    expect(md).toContain(
      '### Plaatsingsadviescommissie en werkwijze plaatsingsproces\n\n#### Artikel 18 Advies over plaatsing\n',
    )
  })

  it('takes a title written after the article number (artikel 20)', () => {
    expect(md).toContain('#### Artikel 20 Bedenkingen tegen advies\n\n1. Indien de ambtenaar bedenkingen heeft')
  })

  it('writes leden as ordered items and nests onderdelen under them (artikel 16)', () => {
    expectOutline(artikel(md, '16'), [
      '1. De plaatsingsadviescommissie en het bevoegde gezag',
      '   - a. de ambtenaar blijft zijn eigen, ongewijzigde functie vervullen (functievolger);',
      '   - b. de ambtenaar wordt overgeplaatst naar een passende functie',
      '   - c. de ambtenaar wordt overgeplaatst naar een geschikte functie',
      '2. Uitgangspunt voor de plaatsing',
      '3. In het licht van de functievergelijking',
      '4. Als het niet mogelijk blijkt',
    ])
  })

  it('keeps dash onderdelen and the paragraph after them (artikel 18)', () => {
    expectOutline(artikel(md, '18'), [
      '1. Het bevoegde gezag benoemt een plaatsingsadviescommissie',
      '2. De plaatsingsadviescommissie bestaat uit:',
      '   - een lid aangewezen door het bevoegde gezag;',
      '   - een lid aangewezen door de werknemersdelegaties',
      '   - een lid, tevens voorzitter aangewezen door de twee hiervoor genoemde leden.',
      '     Aan de commissie worden de (beoogd) directeur',
      '3. De vergaderingen van de plaatsingsadviescommissie',
      '4. De plaatsingsadviescommissie heeft het recht tot: -het horen van de ambtenaren',
    ])
  })

  it('keeps onderdelen a-c of artikel 21, lid 4 with the paragraph after c', () => {
    expectOutline(artikel(md, '21'), [
      '1. Het bevoegd gezag neemt het besluit',
      '2. Het besluit zoals bedoeld in het 1e lid, bevat in elk geval: - de naam van de ambtenaar; - de functie',
      '3. De ambtenaar voor wie',
      '4. De ambtenaar kan bezwaar aantekenen',
      '   - a. een door de werkgever aan te wijzen persoon;',
      '   - b. een door de vertegenwoordigde vakorganisaties aan te wijzen persoon;',
      '   - c. een derde lid, waarvoor de kandidaat wordt voorgedragen',
      '     Van zittingen van de bezwarencommissie wordt verslag opgemaakt.',
    ])
  })

  it('keeps onderdelen a-g of artikel 24, lid 2', () => {
    const blocks = artikel(md, '24')
    const letters = blocks.filter((b) => b.startsWith('   - ')).map((b) => b.slice(5, 7))
    expect(letters).toEqual(['a.', 'b.', 'c.', 'd.', 'e.', 'f.', 'g.'])
    expect(blocks[1]).toMatch(/^2\. Voor de medewerkers die in de plaatsingsprocedure/u)
    expect(blocks.filter((b) => /^\d\. /u.test(b))).toHaveLength(6)
  })

  it('places article-level dash onderdelen and the text after them (artikelen 13 and 15)', () => {
    expectOutline(artikel(md, '13'), [
      'Ten behoeve van de oprichting en inrichting',
      '- het inrichtingsplan (beschrijving',
      '- communicatieplan in relatie tot het inrichtingsplan;',
      '- draaiboek waarin de uit te voeren activiteiten',
      'Het plan van aanpak met detailplanning wordt voor vaststelling voor advies voorgelegd',
    ])
    const blocks = artikel(md, '15')
    expect(blocks[0]).toMatch(/^Na de definitieve vaststelling van het functieboek/u)
    expect(blocks.slice(1).every((b) => b.startsWith('- '))).toBe(true)
    expect(blocks).toHaveLength(8)
  })

  it('writes lettered onderdelen at article level (artikel 11)', () => {
    expect(artikel(md, '11').map((b) => b.slice(0, 5))).toEqual(['Ten a', '- a. ', '- b. ', '- c. ', '- d. '])
  })

  it('leaves inline enumerations inside one lid as running text (artikelen 17 and 21)', () => {
    const lid1 = artikel(md, '17')[0]
    expect(lid1).toBe(
      '1. Bij het nemen van besluiten als bedoeld in artikel 16, lid 1, onder b en c wordt met de volgende ' +
        'gegevens rekening gehouden: a. de geschiktheid van de ambtenaar voor een functie, zoals die blijkt uit ' +
        'opleidings- en ervaringsgegevens, beoordelingsgesprekken en eventuele geschiktheidtesten; b. de voorkeur ' +
        'van de ambtenaar voor bepaalde functies; c. de diensttijd van de ambtenaar bij de gemeente; d. het type ' +
        'dienstverband van de ambtenaar.',
    )
    expect(artikel(md, '17').some((b) => b.trimStart().startsWith('- '))).toBe(false)
  })

  it('reads leden written inline, with the next paragraph kept in the lid (artikel 28)', () => {
    expect(artikel(md, '28')).toEqual([
      '1. Deze regeling wordt aangehaald als:',
      '   Sociaal Statuut Samenwerking CGM 2012”',
      '2. De bij dit Sociaal Statuut behorende toelichting maakt integraal onderdeel uit van dit Sociaal Statuut.',
    ])
  })

  it('puts the ondertekening after the last article as plain paragraphs', () => {
    const blocks = artikel(md, '29')
    expect(blocks[2]).toBe('Aldus vastgesteld door:')
    // The signers side by side (`E.T. Theunissen M.M.J. Roefs F.G.H.B. Verstegen`) one under the other.
    expect(blocks.slice(-3)).toEqual(['E.T. Theunissen', 'M.M.J. Roefs', 'F.G.H.B. Verstegen'])
    expect(blocks.every((b) => !b.startsWith(' ') && !b.startsWith('-'))).toBe(true)
  })

  it('keeps the toelichting with its headings', () => {
    expect(md).toContain('\n## TOELICHTING\n\nSociaal Statuut Samenwerking CGM 2012\n\n### Inleiding\n')
    const headings = [...md.matchAll(/^### (Toelichting artikel [^\n]*)$/gmu)].map((m) => m[1])
    expect(headings[0]).toBe('Toelichting artikel 1: Algemene bepalingen')
    expect(headings).toContain('Toelichting artikel 24: Flankerend beleid/maatwerkplan')
    expect(md).toContain('\n### Plaatsingsproces:\n\n### Toelichting artikel 16 en 17:\n')
    expect(
      md.trimEnd().endsWith('Mogelijkheid van verlenging aanloopschaal met één jaar op basis van beoordeling.'),
    ).toBe(true)
  })

  it('loses no word of the regulation and adds none', () => {
    const source = words(SEED.slice(SEED.indexOf('Intitulé'))).slice(1)
    const output = words(md)
    expect(counts(output)).toEqual(counts(source))
    // Text keeps its order; only article titles move behind the number (`### Artikel 1 Title`),
    // and signers side by side are put one under the other (office above name: see ondertekening.test.ts).
    const unsigned = (t: string) =>
      t.slice(0, t.indexOf('Aldus vastgesteld door')) + t.slice(t.indexOf('TOELICHTING') + 'TOELICHTING'.length)
    const text = unsigned(md)
      .split('\n')
      .filter((l) => !l.startsWith('#'))
      .join('\n')
    expect(isSubsequence(words(text), words(unsigned(SEED.slice(SEED.indexOf('Intitulé')))).slice(1))).toBe(true)
  })

  it('has nothing to warn about (it says where it put signers side by side one under the other)', () => {
    expect(result.warnings.filter((w) => !w.info)).toEqual([])
    expect(result.warnings.map((w) => w.ruleId)).toEqual(Array(5).fill('import-ondertekening-kolommen'))
  })
})

describe('importPlainText: what it cannot place', () => {
  const lines = SEED.split('\n')

  it('keeps an unknown line of the page head as a paragraph, with a warning at its place', () => {
    const moved = [lines[0], 'Gelet op;', ...lines.slice(1)].join('\n')
    const result = importPlainText(moved)
    expect(result.markdown).toMatch(/^# Sociaal Statuut Samenwerking CGM 2012\n\nGelet op;\n\nDe colleges/u)
    expect(result.warnings.filter((w) => !w.info)).toEqual([
      {
        message: 'Regel `Gelet op;` uit de kop van de pagina is niet herkend; als alinea overgenomen',
        line: 2,
        column: 1,
        ruleId: 'import-niet-geplaatst',
      },
    ])
  })

  it('warns about a lid number without text and keeps the number', () => {
    const at = lines.findIndex((l) => l.startsWith('    De leden van het georganiseerd overleg'))
    const emptied = [...lines.slice(0, at), ...lines.slice(at + 1)].join('\n')
    const result = importPlainText(emptied)
    expect(artikel(result.markdown, '4').map((b) => b.slice(0, 3))).toEqual(['1. ', '2. ', '3.'])
    expect(result.warnings.filter((w) => !w.info)).toEqual([
      {
        message: 'Lijstonderdeel `3` heeft geen tekst; leeg overgenomen',
        line: at - 1,
        column: 3,
        ruleId: 'import-leeg-onderdeel',
      },
    ])
  })

  it('escapes what Markdown or the parser would read as syntax', () => {
    const result = importPlainText(
      'Intitulé\n\nSociaal Statuut\n\n2013. Dat jaar\n\n# 5 * 3 = [15] <b>\n\ncolleges van B&W\n\n- los\n',
    )
    expect(result.markdown).toBe(
      '# Sociaal Statuut\n\n2013\\. Dat jaar\n\n\\# 5 \\* 3 = \\[15\\] \\<b>\n\ncolleges van B\\&W\n\n- los\n',
    )
    expect(result.warnings).toEqual([])
  })

  it('switches the delimiter where a lid number is skipped, as fmt does', () => {
    const result = importPlainText('Intitulé\n\nTitel\n\nArtikel 1\n\n1. Eerste lid.\n\n3. Derde lid.')
    expect(result.markdown).toBe('# Titel\n\n## Artikel 1\n\n1. Eerste lid.\n\n3) Derde lid.\n')
  })
})

describe('importPlainText: excerpts from the corpus (cut off mid-word)', () => {
  const excerpts = ['cvdr', 'gemeenteblad'].flatMap((kind) =>
    readdirSync(new URL(`corpus/${kind}/`, SHARED)).map((dir) => `corpus/${kind}/${dir}/excerpt.txt`),
  )

  it('finds the four excerpts', () => {
    expect(excerpts).toHaveLength(4)
  })

  for (const path of excerpts) {
    const text = readFileSync(new URL(path, SHARED), 'utf8')
    const result = importPlainText(text)

    it(`${path}: imports with the truncation warning at the end`, () => {
      const cut = result.warnings.filter((w) => w.ruleId === 'import-afgebroken')
      expect(cut).toHaveLength(1)
      expect(cut[0]?.message).toContain('tekst lijkt afgebroken')
      expect(cut[0]?.line).toBe(text.split('\n').length)
    })

    it(`${path}: keeps every word of the text, in order`, () => {
      const intitule = text.indexOf('Intitulé')
      // The gazette's head (its first four lines) becomes metadata and the title.
      const body = intitule >= 0 ? text.slice(intitule + 'Intitulé'.length) : text.split('\n').slice(4).join('\n')
      expect(isSubsequence(words(body), words(result.markdown))).toBe(true)
      const lastWord = words(text).pop() as string
      expect(words(result.markdown).pop()).toBe(lastWord)
    })
  }

  it('CVDR602503 (Waalre): metadata with terugwerkende kracht, and the table of contents as text', () => {
    const text = readFileSync(new URL(excerpts.find((p) => p.includes('CVDR602503')) as string, SHARED), 'utf8')
    const result = importPlainText(text)
    expect(result.meta).toMatchObject({
      organisatie: 'Waalre',
      citeertitel: 'Sociaal Statuut Gemeente Waalre 2013',
      opmerkingen: 'Verlenging',
      grondslagen: ['artikel 25 van de Wet op de ondernemingsraden', 'artikel 160, eerste lid, van de Gemeentewet'],
      inwerkingtreding: '2017-07-17',
      'terugwerkende-kracht': '2017-01-01',
      betreft: 'Gewijzigde Regeling',
      ondertekening: '2017-05-30',
      bekendmaking: 'gmb-2017-121880',
    })
    expect(result.meta.uitwerkingtreding).toBeUndefined()
    expect(result.markdown.match(/^#/gmu)).toHaveLength(1)
    expect(result.markdown).toContain('\n\nHoofdstuk 1 - Algemene bepalingen\n\nart 1 Doel Sociaal Statuut\n')
  })

  it('CVDR285092 (Noord-Brabant): validity lines and onderdelen of artikel 1', () => {
    const text = readFileSync(new URL(excerpts.find((p) => p.includes('CVDR285092')) as string, SHARED), 'utf8')
    const result = importPlainText(text)
    expect(result.meta).toEqual({ inwerkingtreding: '2013-04-18', uitwerkingtreding: '2017-01-01' })
    expect(result.markdown).toMatch(/^# Regeling Sociaal Plan regionale uitvoeringsdiensten provinciale medewerkers/u)
    expectOutline(artikel(result.markdown, '1'), [
      'In deze regeling wordt verstaan onder:',
      '- a. afspiegelingsbeginsel: methode',
      '- b. betrekkingsomvang:',
      '- c. CAP:',
      '- d. dien',
    ])
  })

  it('gmb-2017-166803 (Stadskanaal): the gazette head, Artikel I and II, and nested changes', () => {
    const text = readFileSync(new URL(excerpts.find((p) => p.includes('gmb-2017')) as string, SHARED), 'utf8')
    const result = importPlainText(text)
    expect(result.meta).toEqual({ organisatie: 'Stadskanaal', bekendmaking: 'Gemeenteblad 2017, 166803' })
    expect(result.markdown).toMatch(
      /^# Gemeente Stadskanaal: Wijzigingsbesluit CAR\/UWO 1 januari en 1 oktober 2017\n/u,
    )
    expect(artikel(result.markdown, 'I')[0]).toBe('De bedragen in schaal A worden gewijzigd in:')
    expectOutline(artikel(result.markdown, 'II'), [
      '- A. Aan artikel 1:1 lid 1 wordt na onderdeel vv een nieuw onderdeel toegevoegd:',
      '  ww vakantietoelage:',
      '- B. In artikel 1:2a lid 2',
      '- C. In artikel 1:2b lid 2',
      '- D. Artikel 1:2c wordt gewijzigd en komt te luiden:',
      '  Artikel 1:2c Aanstellingen op grond van de banenafspraak',
      '  1. In afwijking van artikel 3:3 lid 1',
    ])
  })

  it('CVDR356240 (ledenbrief): validity lines and numbered items', () => {
    const text = readFileSync(new URL(excerpts.find((p) => p.includes('CVDR356240')) as string, SHARED), 'utf8')
    const result = importPlainText(text)
    expect(result.meta).toEqual({ inwerkingtreding: '2014-07-15', uitwerkingtreding: '2020-01-01' })
    expect(result.markdown).toContain('\n\n1. Stage-en werkervaringsplaatsen\n\n2. Opeenvolgende aanstellingen\n')
    expect(result.markdown).toContain('\n\n- Uitwerking cao 2013-2015 (1) Algemeen\n')
  })
})

describe('importPlainText: other real layouts', () => {
  it('nests numbers written in the text: lid › onderdeel › subonderdeel (Arbeidstijdenwet, artikel 1:1)', () => {
    const law = readFileSync(new URL('corpus/bwb/BWBR0007671-arbeidstijdenwet/2012-04-12.md', SHARED), 'utf8')
    const lines = law.split('\n').slice(16, 30)
    expect(lines[0]).toMatch(/^### Artikel {2}1:1/u)
    const text = ['Intitulé', 'Arbeidstijdenwet', ...lines.map((l) => l.replace(/^#+\s*/u, ''))].join('\n')
    const result = importPlainText(text)
    expectOutline(result.markdown.trimEnd().split('\n\n'), [
      '# Arbeidstijdenwet',
      '## Artikel 1:1',
      '1. In deze wet en de daarop berustende bepalingen wordt verstaan onder:',
      '   - a. werkgever:',
      '     - 1°. degene jegens wie een ander krachtens arbeidsovereenkomst',
      '     - 2°. degene aan wie een ander ter beschikking wordt gesteld voor het verrichten van arbeid als bedoeld onder 1°;',
      '   - b. werknemer: de ander bedoeld onder \\*a\\*.',
      '2. In deze wet en de daarop berustende bepalingen wordt mede verstaan onder:',
      '   - a. werkgever: degene die zonder werkgever of werknemer',
    ])
  })

  it('reads the newer CVDR layout: validity line and `- 1.` bullets (CVDR723690, as the search tool returned it)', () => {
    const text = [
      'Gemeenschappelijke regeling Ondersteuning Bestuurlijke Samenwerking Westfriesland',
      'Geldend van 15-08-2024 t/m heden met terugwerkende kracht vanaf 01-07-2024',
      'Intitulé',
      'Gemeenschappelijke regeling Ondersteuning Bestuurlijke Samenwerking Westfriesland',
      'Zaaknummer: 2160970',
      'De colleges van burgemeester en wethouders en de raden van de gemeenten Drechterland, Enkhuizen, Hoorn, Koggenland, Medemblik, Opmeer, en Stede Broec.',
      'besluiten met ingang van 1 juli 2024 de Gemeenschappelijke regeling Ondersteuning bestuurlijke samenwerking Westfriesland 2005 te wijzigen waardoor de tekst komt te luiden als volgt:',
      'Gemeenschappelijke regeling Ondersteuning Bestuurlijke Samenwerking Westfriesland',
      'Hoofdstuk I BESTUURSVORM, BELANG EN TAKEN',
      'Artikel 1',
      '- 1.',
      'De raden en de colleges van burgemeester en wethouders van de gemeenten Drechterland, Enkhuizen, Hoorn, Medemblik, Koggenland, Opmeer en Stede Broec nemen deel aan een gemeenschappelijke regeling als bedoeld in artikel 1 en artikel 8, vierde lid, van de Wet gemeenschappelijke regelingen.',
      '- 2.',
      'De in het vorige lid genoemde bestuursorganen van de gemeente Hoorn verlenen tegen betaling van de kosten diensten aan de bestuursorganen van de overige aan deze regeling deelnemende gemeenten.',
      '- 3.',
      'De gemeenschappelijke regeling wordt in het belang van de regio Westfriesland getroffen om voor de regio Westfriesland de samenwerking op het gebied van bestuurlijk overleg te ondersteunen. Bij de start van deze regeling vallen hieronder de bestuurlijke overleg ondersteuningstaken die door de deelnemende gemeenten zijn teruggenomen van het Samenwerkingsorgaan Westfriesland en nu worden ondergebracht bij de dienstverlenende gemeente. Dit zijn de volgende drie bestuurlijke overleggen:',
      '- a.',
      'Algemeen Bestuurlijke Zaken (ABZ)',
      '- b.',
      'Verkeer en vervoer, Volkshuisvesting, Ruimtelijke O',
    ].join('\n')
    const result = importPlainText(text)
    expect(result.meta).toEqual({ inwerkingtreding: '2024-08-15', 'terugwerkende-kracht': '2024-07-01' })
    expect(result.markdown).toContain('\n## Hoofdstuk I BESTUURSVORM, BELANG EN TAKEN\n\n### Artikel 1\n')
    expectOutline(artikel(result.markdown, '1'), [
      '1. De raden en de colleges',
      '2. De in het vorige lid genoemde',
      '3. De gemeenschappelijke regeling wordt in het belang',
      '   - a. Algemeen Bestuurlijke Zaken (ABZ)',
      '   - b. Verkeer en vervoer, Volkshuisvesting, Ruimtelijke O',
    ])
    expect(result.warnings.map((w) => w.ruleId)).toEqual(['import-afgebroken'])
  })
})

describe('importPlainText: properties', () => {
  const pool = [...SEED.slice(SEED.indexOf('Intitulé')).split('\n').slice(1), ...excerptLines()]
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^(?:Intitulé|Tekst van de regeling|Gemeenteblad|Datum publicatie)/u.test(l))
  const line = fc.record({
    text: fc.constantFrom(...pool),
    indent: fc.integer({ min: 0, max: 6 }),
    bullet: fc.boolean(),
    gap: fc.boolean(),
  })

  it('never throws and keeps every word of lines of real text in any order and nesting', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 40 }), (lines) => {
        const text = lines
          .map((l) => `${' '.repeat(l.indent)}${l.bullet ? '• ' : ''}${l.text}${l.gap ? '\n' : ''}`)
          .join('\n')
        const result = importPlainText(text)
        expect(counts(words(result.markdown))).toEqual(counts(words(text)))
        const rows = text.split('\n').length
        for (const w of result.warnings) expect(w.line >= 1 && w.line <= rows && w.column >= 1).toBe(true)
      }),
      { numRuns: 300 },
    )
  })
})

function excerptLines(): string[] {
  return ['cvdr', 'gemeenteblad'].flatMap((kind) =>
    readdirSync(new URL(`corpus/${kind}/`, SHARED)).flatMap((dir) =>
      readFileSync(new URL(`corpus/${kind}/${dir}/excerpt.txt`, SHARED), 'utf8').split('\n'),
    ),
  )
}

describe('citeertitel (issue 15: an import must pass check)', () => {
  it('an intitulé as the first line is the title, and the citeertitel is taken from it with a warning', async () => {
    const { importText } = await import('../../src/import/index.js')
    const { VFile } = await import('vfile')
    const text =
      'Wet van 30 november 2006 tot wijziging van de Arbeidstijdenwet in verband met vereenvoudiging van die wet\n\nArtikel I\n\nDe Arbeidstijdenwet wordt als volgt gewijzigd.\n'
    const file = new VFile({ path: 'stb.txt' })
    const out = importText(text, 'stb.txt', file)
    expect(out.tree.data.meta.citeertitel).toBe(
      'Wet van 30 november 2006 tot wijziging van de Arbeidstijdenwet in verband met vereenvoudiging van die wet',
    )
    expect(file.messages.map((m) => m.ruleId)).toContain('import-citeertitel-uit-titel')
    expect(file.messages.some((m) => m.fatal)).toBe(false)
  })

  it('no title and no citeertitel: a fout, so nothing is written', async () => {
    const { importText } = await import('../../src/import/index.js')
    const { VFile } = await import('vfile')
    const file = new VFile({ path: 'x.txt' })
    importText('1. de werkgever beslist binnen vier weken;\n\n2. de werknemer wordt gehoord.\n', 'x.txt', file)
    expect(file.messages.filter((m) => m.fatal).map((m) => m.ruleId)).toEqual(['import-geen-titel'])
  })
})

describe('CVDR grondslagen (issue 15)', () => {
  it('takes neither "Geen." nor the heading of the gedelegeerde regelgeving as a grondslag', () => {
    // The real Waalre page, with the gedelegeerde-regelgeving block CVDR shows on other pages.
    const waalre = readFileSync(
      new URL('corpus/cvdr/CVDR602503-waalre-sociaal-statuut-2013/excerpt.txt', SHARED),
      'utf8',
    )
    const text = waalre.replace(
      ' 2. artikel 160, eerste lid, van de Gemeentewet\n',
      ' 2. artikel 160, eerste lid, van de Gemeentewet\nRegelgeving die op deze regeling is gebaseerd (gedelegeerde regelgeving)\n\nGeen.\n',
    )
    expect(text).not.toBe(waalre)
    const out = importPlainText(text)
    expect(out.meta.grondslagen).toEqual([
      'artikel 25 van de Wet op de ondernemingsraden',
      'artikel 160, eerste lid, van de Gemeentewet',
    ])
  })
})
