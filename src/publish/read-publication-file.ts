/**
 * The publication file: a small Markdown file with only front-matter that holds what a besluit
 * needs besides the regulation text (bestuursorgaan, gelezen, gelet op, overwegende, gehoord,
 * ondertekening, grondslagen, the publication date) and which version it publishes. Its YAML is
 * read with the same front-matter reader as a regulation, so errors are placed on the line in
 * the file. Unknown keys are warned about with a suggestion; a value of the wrong kind is an error
 * on the value. Whether a required part is missing depends on the regulation (a regulation with
 * its own aanhef needs no `bestuursorgaan`): `buildPublication` reports that.
 */
import type { Point } from 'unist'
import type { VFile } from 'vfile'
import { isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml'
import { type FrontMatter, parseFrontMatter, yamlPlace } from '../parse/frontmatter.js'
import { decodeText } from '../parse/index.js'
import { isIsoDate } from '../util/dates.js'
import { fout, waarschuwing } from '../util/messages.js'
import { joinLines } from '../util/text.js'
import { closest } from '../validate/closest.js'
import { type MetaEntry, metaEntries } from '../validate/meta-entries.js'

/** One signatory: `de burgemeester`, `[naam burgemeester]`. */
export interface Ondertekenaar {
  functie: string
  naam: string
}

export interface OndertekeningGegevens {
  /** The day the besluit was adopted (ISO). */
  datum?: string
  /** The closing formula as written (`Aldus vastgesteld in de vergadering van ...`). */
  tekst?: string
  ondertekenaars: Ondertekenaar[]
}

/** What the publication file says, with the place of every key for messages. */
export interface PublicatieBestand {
  path: string
  frontMatter: FrontMatter
  /** Place of each key as written. */
  keyPlaces: Map<string, Point>
  /** Place of each value as written. */
  valuePlaces: Map<string, Point>
  /** The closing `---` line: where a missing key would be added. */
  endPlace: Point
  /** The version published (a file relative to the publication file, or `werk@JJJJ-MM-DD`). */
  regeling?: string
  /** For a wijzigingsbesluit: the version it changes. */
  wijzigt?: string
  voorbeeld: boolean
  opschrift?: string
  citeertitel?: string
  bestuursorgaan?: string
  gelezen: string[]
  gezien: string[]
  overwegende: string[]
  geletOp: string[]
  gehoord: string[]
  besluit?: string
  ondertekening?: OndertekeningGegevens
  grondslagen?: string[]
  bekendmakingDatum?: string
  inwerkingtreding?: string
  terugwerkendeKracht?: string
  organisatie?: string
  organisatietype?: string
  vastgesteldDoor?: string
  onderwerp?: string
  betreft?: string
  kenmerk?: string
  /** The toelichting of the besluit itself, paragraph by paragraph. */
  toelichting: string[]
}

type KeyType = 'tekst' | 'lijst' | 'datum' | 'janee' | 'ondertekening'

/** The keys of a publication file and their kinds (documented in docs/publicatie.md). */
export const PUBLICATION_KEYS: Readonly<Record<string, KeyType>> = {
  soort: 'tekst',
  regeling: 'tekst',
  wijzigt: 'tekst',
  voorbeeld: 'janee',
  opschrift: 'tekst',
  citeertitel: 'tekst',
  bestuursorgaan: 'tekst',
  gelezen: 'lijst',
  gezien: 'lijst',
  overwegende: 'lijst',
  'gelet-op': 'lijst',
  gehoord: 'lijst',
  besluit: 'tekst',
  ondertekening: 'ondertekening',
  grondslagen: 'lijst',
  'bekendmaking-datum': 'datum',
  inwerkingtreding: 'datum',
  'terugwerkende-kracht': 'datum',
  organisatie: 'tekst',
  organisatietype: 'tekst',
  'vastgesteld-door': 'tekst',
  onderwerp: 'tekst',
  betreft: 'tekst',
  kenmerk: 'tekst',
  toelichting: 'tekst',
}

const ONDERTEKENING_KEYS = ['datum', 'tekst', 'ondertekenaars']
const RULE_KEY = 'publicatie-sleutel'
const RULE_VALUE = 'publicatie-waarde'

/** Read a publication file (bytes or text in `file`); problems become messages on `file`. */
export function readPublicationFile(file: VFile): PublicatieBestand {
  const text = decodeText(file)
  const frontMatter = parseFrontMatter(text ?? '', file)
  const yamlLines = frontMatter.present ? frontMatter.yaml.split('\n').length : 0
  const out: PublicatieBestand = {
    path: file.path,
    frontMatter,
    keyPlaces: new Map(),
    valuePlaces: new Map(),
    endPlace: { line: frontMatter.present ? yamlLines + 2 : 1, column: 1 },
    voorbeeld: false,
    gelezen: [],
    gezien: [],
    overwegende: [],
    geletOp: [],
    gehoord: [],
    toelichting: [],
  }
  if (text === undefined) return out
  if (!frontMatter.present) {
    fout(
      file,
      'Een publicatiebestand begint met front-matter tussen twee regels `---` (zie docs/publicatie.md)',
      { line: 1, column: 1 },
      'publicatie-geen-frontmatter',
    )
    return out
  }
  const data = frontMatter.data
  if (
    data.soort !== 'publicatie' &&
    data.regeling === undefined &&
    (data.work !== undefined || data.citeertitel !== undefined) &&
    frontMatter.body.trim() !== ''
  ) {
    fout(
      file,
      'Dit is een regeling, geen publicatiebestand; maak een publicatiebestand met `soort: publicatie` en `regeling: werk@JJJJ-MM-DD` dat naar deze versie verwijst (zie docs/publicatie.md)',
      { line: 1, column: 1 },
      'publicatie-geen-publicatiebestand',
    )
    return out
  }
  if (frontMatter.body.trim() !== '') {
    const line = frontMatter.body.split('\n').findIndex((l) => l.trim() !== '') + 1
    waarschuwing(
      file,
      'Tekst onder de front-matter wordt niet gebruikt; zet een toelichting bij het besluit in `toelichting: |`',
      { line, column: 1 },
      'publicatie-tekst-genegeerd',
    )
  }
  const entries = metaEntries(frontMatter)
  if (!entries) return out
  for (const entry of entries) readEntry(entry, out, file)
  return out
}

function readEntry(entry: MetaEntry, out: PublicatieBestand, file: VFile): void {
  const type = PUBLICATION_KEYS[entry.key]
  if (type === undefined) {
    const suggestion = closest(entry.key, Object.keys(PUBLICATION_KEYS))
    const advice = suggestion
      ? `bedoelt u \`${suggestion}\`?`
      : 'de sleutels van een publicatiebestand staan in docs/publicatie.md'
    waarschuwing(
      file,
      `Onbekende sleutel \`${entry.key}\` in het publicatiebestand; ${advice}`,
      entry.keyPlace,
      RULE_KEY,
    )
    return
  }
  out.keyPlaces.set(entry.key, entry.keyPlace)
  out.valuePlaces.set(entry.key, entry.valuePlace)
  const v = entry.value
  switch (type) {
    case 'tekst': {
      const s = scalarText(v, entry, file)
      if (s !== undefined) setText(out, entry, s, file)
      return
    }
    case 'datum': {
      const s = scalarText(v, entry, file)
      if (s === undefined) return
      if (!isIsoDate(s)) {
        fout(
          file,
          `\`${entry.key}: ${s}\` is geen bestaande datum; schrijf JJJJ-MM-DD, bijvoorbeeld \`2015-09-01\``,
          entry.valuePlace,
          RULE_VALUE,
        )
        return
      }
      if (entry.key === 'bekendmaking-datum') out.bekendmakingDatum = s
      else if (entry.key === 'inwerkingtreding') out.inwerkingtreding = s
      else out.terugwerkendeKracht = s
      return
    }
    case 'janee':
      if (isScalar(v) && typeof v.value === 'boolean') out.voorbeeld = v.value
      else
        fout(file, `De waarde van \`${entry.key}\` is \`true\` (ja) of \`false\` (nee)`, entry.valuePlace, RULE_VALUE)
      return
    case 'lijst': {
      const list = listText(v, entry, file)
      if (list === undefined) return
      if (entry.key === 'grondslagen') out.grondslagen = list
      else if (entry.key === 'gelet-op') out.geletOp = list
      else out[entry.key as 'gelezen' | 'gezien' | 'overwegende' | 'gehoord'] = list
      return
    }
    case 'ondertekening':
      out.ondertekening = readOndertekening(out.frontMatter, v, entry, file)
      return
  }
}

function setText(out: PublicatieBestand, entry: MetaEntry, s: string, file: VFile): void {
  switch (entry.key) {
    case 'soort':
      if (s !== 'publicatie') {
        fout(
          file,
          `Dit is geen publicatiebestand: \`soort: ${s}\`; een publicatiebestand heeft \`soort: publicatie\``,
          entry.valuePlace,
          RULE_VALUE,
        )
      }
      return
    case 'vastgesteld-door':
      out.vastgesteldDoor = s
      return
    case 'toelichting':
      out.toelichting = s
        .split(/\n\s*\n/)
        .map((p) => joinLines(p).trim())
        .filter((p) => p !== '')
      return
    default:
      out[
        entry.key as
          | 'regeling'
          | 'wijzigt'
          | 'opschrift'
          | 'citeertitel'
          | 'bestuursorgaan'
          | 'besluit'
          | 'organisatie'
          | 'organisatietype'
          | 'onderwerp'
          | 'betreft'
          | 'kenmerk'
      ] = s
  }
}

/** The text of a scalar; a list or map where text belongs is an error. Empty text counts as absent. */
function scalarText(v: YamlNode | null, entry: MetaEntry, file: VFile, key = entry.key): string | undefined {
  if (v === null) return undefined
  if (isSeq(v) || isMap(v)) {
    const shape = isSeq(v) ? 'een lijst' : 'een map (sleutel: waarde)'
    fout(file, `De waarde van \`${key}\` is ${shape}, maar hier hoort één tekst`, entry.valuePlace, RULE_VALUE)
    return undefined
  }
  if (!isScalar(v)) return undefined
  return scalarSource(v)
}

/**
 * A scalar as text. Numbers and yes/no keep their source text (`kenmerk: 012345` stays
 * `012345`): the source of a plain scalar is what was written.
 */
function scalarSource(v: YamlNode): string | undefined {
  if (!isScalar(v) || v.value === null) return undefined
  const s = (typeof v.value === 'string' ? v.value : (v.source ?? String(v.value))).trim()
  return s === '' ? undefined : s
}

function listText(v: YamlNode | null, entry: MetaEntry, file: VFile): string[] | undefined {
  if (v === null) return undefined
  if (isMap(v)) {
    fout(
      file,
      `De waarde van \`${entry.key}\` is een map (sleutel: waarde), maar hier hoort een lijst; begin elke regel met \`- \``,
      entry.valuePlace,
      RULE_VALUE,
    )
    return undefined
  }
  // One text instead of a list is fine (`gehoord: de commissie voor georganiseerd overleg`).
  const items = isSeq(v) ? v.items : [v]
  const out: string[] = []
  for (const item of items) {
    if (isScalar(item)) {
      const s = scalarSource(item)
      if (s !== undefined) out.push(s)
      continue
    }
    fout(
      file,
      `Elk punt van \`${entry.key}\` is één tekst; een lijst of map in een lijst kan hier niet`,
      entry.valuePlace,
      RULE_VALUE,
    )
  }
  return out
}

function readOndertekening(
  fm: FrontMatter,
  v: YamlNode | null,
  entry: MetaEntry,
  file: VFile,
): OndertekeningGegevens | undefined {
  if (v === null) return undefined
  if (!isMap(v)) {
    fout(
      file,
      '`ondertekening` is een map met `datum`, `tekst` en `ondertekenaars` (zie docs/publicatie.md)',
      entry.valuePlace,
      RULE_VALUE,
    )
    return undefined
  }
  const result: OndertekeningGegevens = { ondertekenaars: [] }
  for (const pair of v.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key)
    const value = (pair.value ?? null) as YamlNode | null
    const place = placeOf(fm, entry, value ?? (pair.key as YamlNode))
    const sub = { ...entry, key: `ondertekening.${key}`, value, valuePlace: place }
    if (!ONDERTEKENING_KEYS.includes(key)) {
      const suggestion = closest(key, ONDERTEKENING_KEYS)
      waarschuwing(
        file,
        `Onbekende sleutel \`${key}\` onder \`ondertekening\`${suggestion ? `; bedoelt u \`${suggestion}\`?` : `; gebruik ${ONDERTEKENING_KEYS.map((k) => `\`${k}\``).join(', ')}`}`,
        place,
        RULE_KEY,
      )
      continue
    }
    if (key === 'ondertekenaars') {
      result.ondertekenaars = readOndertekenaars(fm, value, sub, file)
      continue
    }
    const s = scalarText(value, sub, file)
    if (s === undefined) continue
    if (key === 'datum') {
      if (isIsoDate(s)) result.datum = s
      else
        fout(
          file,
          `\`datum: ${s}\` onder \`ondertekening\` is geen bestaande datum; schrijf JJJJ-MM-DD`,
          place,
          RULE_VALUE,
        )
    } else result.tekst = s
  }
  return result
}

function readOndertekenaars(fm: FrontMatter, v: YamlNode | null, entry: MetaEntry, file: VFile): Ondertekenaar[] {
  if (v === null) return []
  if (!isSeq(v)) {
    fout(
      file,
      '`ondertekenaars` is een lijst van regels `- functie: ...` met `naam: ...` eronder',
      entry.valuePlace,
      RULE_VALUE,
    )
    return []
  }
  const out: Ondertekenaar[] = []
  for (const item of v.items) {
    const place = placeOf(fm, entry, item as YamlNode)
    const get = (k: string) => {
      if (!isMap(item)) return undefined
      const value = item.get(k, true)
      return isScalar(value) ? scalarSource(value) : undefined
    }
    const functie = get('functie')
    const naam = get('naam')
    if (!functie || !naam) {
      fout(
        file,
        'Een ondertekenaar heeft een `functie` (`de burgemeester`) en een `naam`; vul beide in',
        place,
        RULE_VALUE,
      )
      continue
    }
    out.push({ functie, naam })
  }
  return out
}

/** The file place of a node nested in `entry`'s value. */
function placeOf(fm: FrontMatter, entry: MetaEntry, node: YamlNode | null | undefined): Point {
  const offset = node?.range?.[0]
  return offset === undefined ? entry.valuePlace : yamlPlace(fm, offset)
}
