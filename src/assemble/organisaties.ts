/**
 * Per-row organisation: house style, signer and bezwaar address follow the row. A template names a
 * YAML file and a field (`organisaties: organisaties.yaml`, `organisatieveld: gemeente`); the file
 * has one group per value of that field:
 *
 * ```yaml
 * Cuijk:
 *   huisstijl: huisstijl/cuijk.docx
 *   ondertekening: het college van burgemeester en wethouders van de gemeente Cuijk
 *   bezwaaradres: Postbus 10001, 9999 AA Voorbeeldstad
 * ```
 *
 * Every group has the same keys; the letter shows them as `{{ organisatie.ondertekening }}`. It
 * works as a rule named `organisatie` (its outcomes are the keys), so names in the template are
 * checked like the outcomes of any rule. `huisstijl` is the Word file of that organisation's letters.
 */
import { existsSync } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'
import { VFile } from 'vfile'
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml'
import type { Letter } from '../model/letter.js'
import {
  type HouseStyle,
  HouseStyleError,
  loadHouseStyle,
  type OneFileOptions,
  renderOneFileDocx,
} from '../render/docx-letter.js'
import { MAX_HOUSE_STYLE_UNPACKED } from '../render/house-style-zip.js'
import { readInputFile, unpackedLimit } from '../util/limits.js'
import { waarschuwing } from '../util/messages.js'
import type { Rule } from './rules/index.js'
import type { Value } from './values.js'

/** The name under which the organisation's values are in the template: `{{ organisatie.… }}`. */
export const ORGANISATIE = 'organisatie'

export interface Organisaties {
  /** Absolute path of the YAML file. */
  path: string
  /** The field whose value picks the organisation. */
  veld: string
  /** Values per organisation, keyed by its name in lower case; `huisstijl` is an absolute path. */
  groups: Map<string, Record<string, string>>
  /** The organisation's name as written in the file, by its name in lower case. */
  names: Map<string, string>
  /** The keys every organisation has. */
  keys: string[]
}

export interface OrganisatieProblem {
  reden: string
  /** A line in the YAML file, when the problem is there. */
  line?: number
}

const KEY = /^[\p{L}_][\p{L}\p{N}_]*$/u

/**
 * Read `organisaties.yaml`. `waarden` are the values the field allows (a `keuze`): each needs a
 * group. Problems name the file and line.
 */
export function readOrganisaties(
  path: string,
  veld: string,
  waarden: readonly string[] | undefined,
): { value?: Organisaties; problems: OrganisatieProblem[] } {
  const problems: OrganisatieProblem[] = []
  const name = basename(path)
  const read = readInputFile(path, 'tekst')
  if ('problem' in read) {
    const reden =
      read.problem.ruleId === 'bestand-ontbreekt'
        ? `het bestand \`${name}\` is niet te lezen (het hoort naast het sjabloon)`
        : read.problem.reason
    return { problems: [{ reden }] }
  }
  const text = read.bytes.toString('utf8').replace(/^\uFEFF/, '')
  const lc = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true })
  const lineOf = (node: unknown) => {
    const range = (node as { range?: [number, number, number] } | null)?.range
    return range ? lc.linePos(range[0]).line : undefined
  }
  if (doc.errors.length > 0) {
    const e = doc.errors[0]
    return {
      problems: [
        {
          reden: `\`${name}\` is geen geldige YAML: ${e?.message.split('\n')[0] ?? ''}`,
          ...(e?.linePos ? { line: e.linePos[0].line } : {}),
        },
      ],
    }
  }
  if (!isMap(doc.contents))
    return {
      problems: [
        { reden: `\`${name}\` is een lijst van organisaties: per organisatie \`Naam:\` met daaronder de gegevens` },
      ],
    }
  const groups = new Map<string, Record<string, string>>()
  const names = new Map<string, string>()
  let keys: string[] | undefined
  let keysFrom = ''
  const dir = dirname(path)
  for (const pair of doc.contents.items) {
    const org = isScalar(pair.key) ? String(pair.key.value) : ''
    const line = lineOf(pair.key)
    if (!isMap(pair.value)) {
      problems.push({ reden: `\`${org}\` heeft geen gegevens: zet eronder \`huisstijl: …\` en de andere velden`, line })
      continue
    }
    const values: Record<string, string> = {}
    for (const item of pair.value.items) {
      const key = isScalar(item.key) ? String(item.key.value) : ''
      const v = isScalar(item.value) ? item.value.value : undefined
      if (!KEY.test(key)) {
        problems.push({ reden: `\`${key}\` is geen bruikbare naam (letters, cijfers en _)`, line: lineOf(item.key) })
        continue
      }
      if (typeof v !== 'string' && typeof v !== 'number') {
        problems.push({ reden: `\`${org}.${key}\` is geen tekst`, line: lineOf(item.key) })
        continue
      }
      values[key] = String(v).trim()
    }
    if (values.huisstijl === undefined)
      problems.push({ reden: `\`${org}\` noemt geen \`huisstijl\` (een .docx)`, line })
    else {
      const docx = resolve(dir, values.huisstijl)
      if (!docx.endsWith('.docx') || !existsSync(docx))
        problems.push({
          reden: `de huisstijl \`${values.huisstijl}\` van \`${org}\` is niet gevonden (een Word-bestand .docx, vanaf de map van \`${name}\`)`,
          line,
        })
      values.huisstijl = docx
    }
    const ks = Object.keys(values).sort()
    if (!keys) {
      keys = ks
      keysFrom = org
    } else {
      const missing = keys.filter((k) => !ks.includes(k))
      const extra = ks.filter((k) => !keys?.includes(k))
      if (missing.length > 0 || extra.length > 0)
        problems.push({
          reden: `\`${org}\` heeft niet dezelfde gegevens als \`${keysFrom}\`${missing.length ? `: mist ${missing.map((k) => `\`${k}\``).join(', ')}` : ''}${extra.length ? `${missing.length ? ';' : ':'} extra ${extra.map((k) => `\`${k}\``).join(', ')}` : ''}; geef elke organisatie dezelfde velden`,
          line,
        })
    }
    groups.set(org.toLowerCase(), values)
    names.set(org.toLowerCase(), org)
  }
  for (const w of waarden ?? [])
    if (!groups.has(w.toLowerCase()))
      problems.push({
        reden: `\`${veld}\` kan "${w}" zijn, maar \`${name}\` heeft geen organisatie \`${w}\`; voeg die toe`,
      })
  return { value: { path, veld, groups, names, keys: keys ?? [] }, problems }
}

/** The organisation as a rule: reads the field, gives the organisation's values. */
export function organisatieRule(o: Organisaties): Rule {
  const uitkomsten: Record<string, { type: 'tekst' }> = {}
  for (const k of o.keys) uitkomsten[k] = { type: 'tekst' }
  return {
    name: ORGANISATIE,
    beschrijving: `de organisatie van de rij (\`${o.veld}\`, uit ${basename(o.path)}): huisstijl, ondertekening en adressen`,
    werk: '',
    bepalingen: [],
    inputs: [{ name: o.veld, type: 'keuze', required: true }],
    uitkomsten,
    evaluate(row: Record<string, Value>) {
      const v = row[o.veld]
      const group = typeof v === 'string' ? o.groups.get(v.toLowerCase()) : undefined
      if (!group)
        return {
          ok: false,
          kolom: o.veld,
          reden: `geen organisatie voor deze waarde in ${basename(o.path)}; voeg haar daar toe`,
        }
      return { ok: true, values: group }
    },
  }
}

/** House styles of organisations, read once per process (a batch has a few). */
const loaded = new Map<string, HouseStyle>()

/** The house style in `path`; a Dutch `HouseStyleError` when it cannot be used. */
export function organisationHouseStyle(path: string): HouseStyle {
  let style = loaded.get(path)
  if (style) return style
  // A regular file within the input limit: a device or FIFO named in organisaties.yaml never ends.
  const read = readInputFile(path, 'gegevens')
  if ('problem' in read) throw new HouseStyleError(`De huisstijl \`${path}\`: ${read.problem.reason}`)
  const bytes: Uint8Array = read.bytes
  try {
    style = loadHouseStyle(bytes, unpackedLimit(MAX_HOUSE_STYLE_UNPACKED))
  } catch (error) {
    if (error instanceof HouseStyleError)
      throw new HouseStyleError(`De huisstijl \`${basename(path)}\` ${error.message}`)
    throw error
  }
  if (loaded.size >= 64) loaded.clear()
  loaded.set(path, style)
  return style
}

/** The organisation's house style path of a letter, if its template has organisations. */
const letterStylePath = (letter: Letter): string | undefined => {
  const p = letter.regels[ORGANISATIE]?.huisstijl
  return typeof p === 'string' ? p : undefined
}

/** The house style of a letter: its organisation's, else the template's. */
export function letterHouseStyle(fallback: HouseStyle, letter: Letter): HouseStyle {
  const path = letterStylePath(letter)
  return path ? organisationHouseStyle(path) : fallback
}

/**
 * Read every organisation's house style now, so that a bad one stops the batch before it starts.
 * Returns a warning per house style (the template's and each organisation's) that lacked styles
 * the letters use and got regelwerk's (`brief-huisstijl-stijl`).
 */
export function checkOrganisationStyles(
  template: { huisstijl: string; organisaties?: Organisaties | undefined },
  style: HouseStyle,
): VFile[] {
  const styles = new Map<string, HouseStyle>([[template.huisstijl, style]])
  for (const g of template.organisaties?.groups.values() ?? [])
    if (g.huisstijl) styles.set(g.huisstijl, organisationHouseStyle(g.huisstijl))
  const files: VFile[] = []
  for (const [path, s] of styles) {
    if (s.addedStyles.length === 0) continue
    const file = new VFile({ path })
    waarschuwing(
      file,
      `de huisstijl mist ${s.addedStyles.length === 1 ? 'de stijl' : 'de stijlen'} ${s.addedStyles.map((n) => `"${n}"`).join(', ')}; de brieven krijgen die van regelwerk (anders werd alles "Normal"). Wilt u ze anders: maak ze in Word met deze naam in de huisstijl en sla die op`,
      undefined,
      'brief-huisstijl-stijl',
    )
    files.push(file)
  }
  return files
}

/**
 * `--one-file` with organisations: one document per house style (each organisation prints on its
 * own letterhead), `<naam>-<organisatie>.docx`; without, one document `<naam>.docx`. Letters keep
 * their order within a document; `indices` are their places in `letters`.
 */
export function renderOneFiles(
  letters: readonly Letter[],
  fallback: HouseStyle,
  baseName: string,
  title: string,
  organisaties: Organisaties | undefined,
  options: OneFileOptions,
): Array<{ name: string; bytes: Uint8Array; indices: number[] }> {
  const groups = new Map<string, number[]>()
  letters.forEach((l, i) => {
    const key = letterStylePath(l) ?? ''
    const g = groups.get(key)
    if (g) g.push(i)
    else groups.set(key, [i])
  })
  const orgName = new Map<string, string>()
  for (const [key, g] of organisaties?.groups ?? [])
    if (g.huisstijl) orgName.set(g.huisstijl, organisaties?.names.get(key) ?? key)
  return [...groups].map(([path, indices]) => {
    const style = path ? organisationHouseStyle(path) : fallback
    const org = path && groups.size > 1 ? `-${safePart(orgName.get(path) ?? basename(path, '.docx'))}` : ''
    const own = indices.map((i) => letters[i] as Letter)
    return { name: `${baseName}${org}.docx`, bytes: renderOneFileDocx(own, style, title, options), indices }
  })
}

const safePart = (s: string) =>
  s
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '') || 'organisatie'
