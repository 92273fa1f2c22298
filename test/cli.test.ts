import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { importText } from '../src/import/index.js'
import { decodeText } from '../src/parse/index.js'
import { nodeAsync, noStackTrace, regelwerk, tempDir } from './cli-helpers.js'
import { CORPUS, filesUnder, fmt, markdownWords, parseString, ROOT, SHARED, treeWords, words } from './helpers.js'

/** Words of overheid.nl / CVDR / gazette page labels: page chrome, not regulation text. */
const PAGE_LABELS = new Set(
  words(
    'Ziet u een fout in deze regeling Meld het ons op regelgeving overheid nl Wetstechnische informatie Intitulé ' +
      'Tekst van de regeling Gegevens Datum publicatie Organisatie Organisatietype Jaargang en nummer Rubriek ' +
      'ondertekening Staatscourant Koninkrijk der Nederlanden Geldig sinds tot Print versie Inhoud Officiële naam ' +
      'Vastgesteld door Onderwerp Eigen Opmerkingen met betrekking Wettelijke grondslag of bevoegdheid waarop is ' +
      'gebaseerd Overzicht verwerkte wijzigingen inwerkingtreding Terugwerkende kracht uitwerkingtreding Betreft Bron ' +
      'bekendmaking Kenmerk voorstel Gemeenteblad Geldend vervallen per ' +
      // The gazette's rubriek (section) of the publication.
      'Verordeningen Besluiten ' +
      // Dates of the page metadata become ISO dates in the front-matter (`18 april 2013` → `2013-04-18`).
      'januari februari maart april mei juni juli augustus september oktober november december',
  ).map((w) => w.toLowerCase()),
)

const SEED_002 = join(SHARED, 'seeds', readdirSync(join(SHARED, 'seeds')).find((n) => n.startsWith('002_')) as string)

describe('regelwerk CLI', () => {
  it('has Dutch help that lists only working commands', () => {
    const run = regelwerk(['--help'])
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('Gebruik: regelwerk')
    expect(run.stdout).toContain('Opdrachten:')
    expect(run.stdout).toContain('Gebruik: regelwerk [opties] [opdracht]')
    for (const c of ['check', 'fmt', 'import', 'tree', 'history', 'show', 'nieuwe-versie', 'diff'])
      expect(run.stdout).toMatch(new RegExp(`\\n  ${c} `))
    // Every command the help lists has its own Dutch help.
    const listed = [...run.stdout.matchAll(/\n {2}([a-z-]+) /g)].map((m) => m[1] as string).filter((c) => c !== 'help')
    for (const c of listed) {
      const sub = regelwerk([c, '--help'])
      expect(sub.status, c).toBe(0)
      expect(sub.stdout, c).toContain(`Gebruik: regelwerk ${c}`)
    }
    expect(regelwerk(['fmt', '--help']).stdout).toContain('--check')
  })

  it('check without paths checks the bundled regulations, templates and publication files', () => {
    const run = regelwerk(['check'])
    expect(run.status).toBe(0)
    expect(run.stderr).toMatch(/\d+ bestanden gecontroleerd: 0 fouten/)
    // The example publication's fill-in fields are reported, so publicaties/ was checked.
    expect(run.stderr).toMatch(
      /^publicaties\/voorbeeldstad-car-uwo-banenafspraak\.md:\d+:\d+: info .*\[publicatie-invulveld\]$/m,
    )
  })

  it('check reports a broken publication file with its place', () => {
    const dir = tempDir()
    const bad = join(dir, 'publicatie.md')
    writeFileSync(bad, '---\nsoort: publicatie\nregeling: nergens.md\ninwerkingtreding: 2013-02-30\n---\n')
    const run = regelwerk(['check', bad])
    expect(run.status).toBe(1)
    expect(run.stderr).toContain(`${bad}:4:19: fout`)
    expect(run.stderr).toContain('[publicatie-waarde]')
  })

  it('check --json gives machine-readable messages', () => {
    const run = regelwerk(['check', '--json', 'regulations'])
    const out = JSON.parse(run.stdout) as { bestanden: number; fouten: number; berichten: Array<{ regelId: string }> }
    expect(out.bestanden).toBeGreaterThanOrEqual(15)
    expect(out.fouten).toBe(0)
  })

  it('fmt writes the canonical form; --check and --write agree', () => {
    const dir = tempDir()
    const path = join(dir, 'car.md')
    const messy = readFileSync(join(ROOT, 'regulations', 'car-uwo', '2015-09-07.md'), 'utf8').replace(
      /^1\. In afwijking/m,
      '1.   In afwijking',
    )
    writeFileSync(path, messy)
    expect(regelwerk(['fmt', path, '--check']).status).toBe(1)
    const printed = regelwerk(['fmt', path])
    expect(printed.status).toBe(0)
    expect(printed.stdout).toContain('\n1. In afwijking van artikel 3:1')
    expect(regelwerk(['fmt', path, '--write']).status).toBe(0)
    expect(readFileSync(path, 'utf8')).toBe(printed.stdout)
    expect(regelwerk(['fmt', path, '--check']).status).toBe(0)
    expect(readdirSync(dir)).toEqual(['car.md'])
    expect(regelwerk(['fmt', path, '--write', '--check']).status).toBe(2)
  })

  it('fmt refuses a broken file and leaves it untouched', () => {
    const dir = tempDir()
    const path = join(dir, 'kapot.md')
    writeFileSync(path, '---\nciteertitel: [x\n---\n\n# x\n')
    const run = regelwerk(['fmt', path, '--write'])
    expect(run.status).toBe(1)
    expect(noStackTrace(run)).toBe(true)
    expect(readFileSync(path, 'utf8')).toBe('---\nciteertitel: [x\n---\n\n# x\n')
  })

  it('import of seed 002 gives the complete statuut, and check notices the date disagreement', () => {
    const dir = tempDir()
    const out = join(dir, 'statuut.md')
    const run = regelwerk(['import', SEED_002, '--out', out])
    expect(run.status).toBe(0)
    expect(run.stderr).toContain('29 artikelen')
    const md = readFileSync(out, 'utf8')
    const { result } = parseString(md, out)
    const tree = JSON.stringify(result.tree)
    const count = (type: string) => tree.split(`"type":"${type}"`).length - 1
    expect(count('artikel')).toBe(29)
    expect(count('lid')).toBe(72)
    expect(count('onderdeel')).toBe(30)
    expect(count('artikeltoelichting')).toBeGreaterThanOrEqual(14)
    expect(md).toContain('inwerkingtreding: 2013-01-03')
    expect(md).toContain('### Toelichting artikel 10: Uitgangspunten individueel')
    expect(md).toContain('250% van de jaarlijkse toelage')
    // The metadata says 3 January, artikel 29 says 1 January: check warns and suggests terugwerkende kracht.
    const check = regelwerk(['check', out])
    expect(check.stderr).toMatch(
      /statuut\.md:\d+:\d+: waarschuwing .*terugwerkende-kracht: 2013-01-01.*\[inwerkingtreding-tekst\]/,
    )
    // No word of the statuut text is lost (the CVDR page labels are not text of the regulation).
    const labels = new Set(
      words(
        'Ziet u een fout in deze regeling Meld het ons op regelgeving overheid nl Wetstechnische informatie Intitulé Tekst van de regeling Gegevens van de regeling',
      ),
    )
    const source = readFileSync(SEED_002, 'utf8')
    const body = source.slice(source.indexOf('Intitulé'))
    const have = new Map<string, number>()
    for (const w of words(md)) have.set(w, (have.get(w) ?? 0) + 1)
    const take = (w: string) => {
      const n = have.get(w) ?? 0
      if (n > 0) have.set(w, n - 1)
      return n > 0
    }
    // The importer splits words glued by copying (`bepalingenArtikel` → `bepalingen`, `Artikel`).
    const missing = words(body).filter(
      (w) => !labels.has(w) && !take(w) && !w.split(/(?<=\p{Ll})(?=\p{Lu})/u).every(take),
    )
    expect(missing).toEqual([])
  })

  it('import of every corpus file round-trips with no text lost', () => {
    const sources = filesUnder(CORPUS, ['.md', '.txt']).filter((p) => !p.endsWith('SOURCES.md'))
    expect(sources.length).toBeGreaterThan(70)
    for (const src of sources) {
      const file = new VFile({ path: src, value: readFileSync(src) })
      const decoded = decodeText(file)
      expect(decoded, src).toBeDefined()
      const output = importText(decoded as string, src, file)
      expect(file.messages.filter((m) => m.fatal).map(String), src).toEqual([])
      const imported = output.markdown
      const out = src
      const reparsed = parseString(imported, out)
      expect(fmt(reparsed.result), src).toBe(imported)
      const fm = /^---\n([\s\S]*?)\n---\n/.exec(imported)?.[1] ?? ''
      const have = new Map<string, number>()
      for (const w of [...words(fm), ...treeWords(parseString(imported, out).result.tree)]) {
        have.set(w.toLowerCase(), (have.get(w.toLowerCase()) ?? 0) + 1)
      }
      const text = readFileSync(src, 'utf8')
      // A CVDR page's header above the Intitulé (page title, validity line) and a gazette's masthead are page chrome.
      const intitule = text.indexOf('Intitulé')
      // A link's URL is no text, also when CommonMark misses the link for a `(` left open in it
      // (`](…/enz./(vergroten/etc/BWBR0020772/README.md)`): the import reads it as a link.
      const sourceWords = src.endsWith('.md')
        ? markdownWords(
            text
              .replace(/^<meta[^\n]*\n/, '')
              .replace(/^---\n[\s\S]*?\n---\n/, '')
              .replace(/\]\(([^\s()<>]*\([^\s()<>]*)\)/gu, '](<$1>)'),
          )
        : words(intitule > 0 ? text.slice(intitule) : text.replace(/^(Gemeenteblad|Staatscourant)\b[^\n]*\n/, ''))
      const take = (w: string) => {
        const n = have.get(w.toLowerCase()) ?? 0
        if (n > 0) have.set(w.toLowerCase(), n - 1)
        return n > 0
      }
      // Pages copied as text glue cells and headings (`OrganisatieGrave`); the importer splits them.
      const lost = sourceWords.filter(
        (w) =>
          !take(w) &&
          !w
            .split(/(?<=\p{Ll})(?=\p{Lu})|(?<=\d)(?=\p{Lu})/u)
            .every((p) => take(p) || PAGE_LABELS.has(p.toLowerCase())),
      )
      // Only the labels of the web page (not text of the regulation) may be left out.
      const really = lost.filter((w) => !PAGE_LABELS.has(w.toLowerCase()))
      expect(really, src).toEqual([])
      if (src.endsWith('excerpt.txt'))
        expect(
          file.messages.map((m) => m.ruleId),
          src,
        ).toContain('import-afgebroken')
    }
  }, 300_000)

  it('tree --json gives ids, numbers and positions', () => {
    const run = regelwerk(['tree', 'regulations/car-uwo/2015-09-07.md', '--json'])
    expect(run.status).toBe(0)
    const tree = JSON.parse(run.stdout)
    const artikel = tree.children.find((c: { type: string }) => c.type === 'artikel')
    // The number and heading as written are the article's first children (unist: text is reachable).
    expect(artikel.children[0]).toEqual({ type: 'nummer', value: '1:2c' })
    expect(artikel.children[1].type).toBe('koptekst')
    expect(artikel.data.id).toBe('art_1-2c')
    const leden = artikel.children.filter((c: { type: string }) => c.type === 'lid')
    expect(leden[4].data.id).toBe('art_1-2c__lid_5')
    expect(artikel.position.start.line).toBeGreaterThan(1)
    const outline = regelwerk(['tree', 'regulations/car-uwo/2015-09-07.md'])
    expect(outline.stdout).toMatch(
      /artikel 1:2c “Aanstellingen op grond van de banenafpraak” \[art_1-2c\] \d+:1-\d+:\d+/,
    )
  })

  it('npm start (the demo) runs on the bundled data and writes its output', async () => {
    const r = await nodeAsync([join(ROOT, 'dist', 'cli', 'demo.js')], { timeoutMs: 110_000 })
    expect(r.timedOut, 'the demo ran past 110 s').toBe(false)
    expect(r.stderr).not.toMatch(/interne fout|\n\s+at /)
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('$ regelwerk diff ambtenarenwet@2011-01-01 ambtenarenwet@2011-07-01 --format docx')
    for (const f of ['ambtenarenwet-2011-renvooi.docx', 'ambtenarenwet-2011-was-wordt.docx']) {
      const bytes = readFileSync(join(ROOT, 'output', 'diff', f))
      expect(bytes.subarray(0, 2).toString()).toBe('PK')
    }
    expect(readFileSync(join(ROOT, 'output', 'diff', 'ambtenarenwet-2011.html'), 'utf8')).toContain('<html lang="nl">')
    expect(existsSync(join(ROOT, 'output', 'fmt', 'sociaal-statuut-cgm', '2013-01-03.md'))).toBe(true)
    // Letters: the good rows written, the bad rows reported, as the demo says.
    expect(r.stdout).toContain('De voorbeelddata bevat met opzet een paar foute rijen')
    expect(r.stdout).not.toContain('Let op: deze stap eindigde met status')
    for (const dir of ['statusbrieven', 'plaatsingsbesluiten']) {
      const manifest = JSON.parse(readFileSync(join(ROOT, 'output', dir, 'manifest.json'), 'utf8'))
      expect(JSON.stringify(manifest)).toContain('.docx')
      expect(readFileSync(join(ROOT, 'output', dir, 'fouten.txt'), 'utf8')).toContain(
        'medewerkers.csv:14: kolom "schaal": de waarde is geen geheel getal',
      )
    }
    for (const f of ['sociaal-statuut-cgm-2012.docx', 'voorbeeldstad-car-uwo.docx']) {
      expect(
        readFileSync(join(ROOT, 'output', 'publicatie', f))
          .subarray(0, 2)
          .toString(),
      ).toBe('PK')
    }
    // The CAR-UWO version the demo makes from the ledenbrief has the text of the bundled version.
    const same = regelwerk(['diff', 'output/wijzigingen/car-uwo-2015-09-07.md', 'regulations/car-uwo/2015-09-07.md'])
    expect(same.status).toBe(0)
    expect(same.stdout).toContain('0 bepalingen gewijzigd, 0 ingevoegd, 0 vervallen')
  }, 120_000)
})
