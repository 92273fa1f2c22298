/**
 * Letter templates: front-matter (fields, regulations cited, rules, house style, file name) and a
 * body (see `template-syntax.ts`). `loadTemplate` reads and checks a template; every problem is a
 * positioned message on the returned file, found before any letter is made (`regelwerk check
 * templates/` runs the same checks).
 */

import { existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { VFile } from 'vfile'
import { type Document, isMap, type Node as YamlNode } from 'yaml'
import { declaredSoort, type FrontMatter, parseFrontMatter, yamlPlace } from '../parse/frontmatter.js'
import { decodeText } from '../parse/index.js'
import { readInputFile } from '../util/limits.js'
import { fout, hasErrors, waarschuwing } from '../util/messages.js'
import type { RuleId } from '../util/rule-ids.js'
import { closest } from '../validate/closest.js'
import { defaultRoots, RegulationStore } from './citations.js'
import { ORGANISATIE, type Organisaties, organisatieRule, readOrganisaties } from './organisaties.js'
import { RULES, type Rule } from './rules/index.js'
import {
  type Block,
  type Condition,
  type Inline,
  type PathRef,
  type Place,
  type ProvisionArg,
  parseInlineTemplate,
  parseTemplateBody,
  type TableRow,
} from './template-syntax.js'
import { FIELD_TYPES, type FieldType, type FormatterName } from './values.js'

export interface FieldDef {
  name: string
  type: FieldType
  required: boolean
  description: string
  /** The column (CSV) or key (YAML) holding the value; the name unless `kolom` says otherwise. */
  column: string
  /** `keuze`: the allowed values. */
  waarden?: string[]
  /** `getal`: decimals allowed (0: a whole number). */
  decimalen: number
  /** `lijst`: the fields of one item. */
  velden?: FieldDef[]
  /** Personal data: messages about a bad value never repeat the value. */
  persoonsgegeven: boolean
}

export interface CitedWork {
  alias: string
  dir: string
  place: Place
}

export interface Template {
  path: string
  titel: string
  fields: FieldDef[]
  fieldMap: Map<string, FieldDef>
  regelingen: Map<string, CitedWork>
  regels: Rule[]
  /** Absolute path of the reference `.docx`. */
  huisstijl: string
  /** Inline template of the file name, without `.docx`. */
  bestandsnaam: Inline[]
  /** The field that holds the letter date, when the template names one (`briefdatum: besluitdatum`). */
  briefdatumVeld: string | undefined
  /** The versioned remedy clause (a work folder), if the template uses `{{ rechtsmiddel }}`. */
  rechtsmiddel: CitedWork | undefined
  /** Per-row organisation (house style, signer, addresses), when the template names one. */
  organisaties?: Organisaties
  blocks: Block[]
  store: RegulationStore
}

/** Names a template may use without declaring them. */
export const BUILTINS: Readonly<Record<string, FieldType>> = { briefdatum: 'datum' }

const KNOWN_KEYS = [
  'soort',
  'titel',
  'omschrijving',
  'velden',
  'regelingen',
  'regels',
  'huisstijl',
  'bestandsnaam',
  'briefdatum',
  'rechtsmiddel',
  'organisaties',
  'organisatieveld',
]

const IDENT = /^[\p{L}_][\p{L}\p{N}_]*$/u
const YES = new Set(['ja', 'true', 'yes'])
const NO = new Set(['nee', 'false', 'no', ''])

/** Whether `path` looks like a template: front-matter with `soort: sjabloon`. */
export function isTemplateText(text: string): boolean {
  return declaredSoort(text) === 'sjabloon'
}

interface Ctx {
  file: VFile
  fm: FrontMatter
}

function place(ctx: Ctx, path: (string | number)[]): Place {
  const doc = ctx.fm.doc as Document
  const node = doc.getIn(path, true) as YamlNode | undefined
  if (node?.range) return yamlPlace(ctx.fm, node.range[0])
  // The key itself when the value is missing.
  if (path.length > 0) {
    const parent = doc.getIn(path.slice(0, -1), true)
    if (isMap(parent)) {
      const pair = parent.items.find(
        (p) => String((p.key as { value?: unknown })?.value ?? p.key) === String(path[path.length - 1]),
      )
      const k = pair?.key as YamlNode | undefined
      if (k?.range) return yamlPlace(ctx.fm, k.range[0])
    }
    if (parent && (parent as YamlNode).range) return yamlPlace(ctx.fm, (parent as YamlNode).range?.[0])
  }
  return { line: 1, column: 1 }
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v.trim() : undefined
}

function readFields(ctx: Ctx, raw: unknown, at: (string | number)[], nested: boolean): FieldDef[] {
  const out: FieldDef[] = []
  if (!Array.isArray(raw)) {
    fout(ctx.file, '`velden` is een lijst: elk veld begint met `- naam: …`', place(ctx, at), 'sjabloon-velden')
    return out
  }
  const seen = new Set<string>()
  raw.forEach((item, i) => {
    const p = [...at, i]
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      fout(
        ctx.file,
        'Een veld is een groep `naam:`, `type:` (en `verplicht:`, `omschrijving:`)',
        place(ctx, p),
        'sjabloon-veld',
      )
      return
    }
    const f = item as Record<string, unknown>
    const name = str(f.naam)
    if (!name || !IDENT.test(name)) {
      fout(
        ctx.file,
        name ? `Veldnaam \`${name}\` mag alleen letters, cijfers en \`_\` bevatten` : 'Het veld heeft geen `naam`',
        place(ctx, [...p, 'naam']),
        'sjabloon-veld-naam',
      )
      return
    }
    if (seen.has(name))
      fout(ctx.file, `Het veld \`${name}\` staat er twee keer`, place(ctx, [...p, 'naam']), 'sjabloon-veld-dubbel')
    seen.add(name)
    const type = str(f.type) ?? ''
    if (!(FIELD_TYPES as readonly string[]).includes(type)) {
      fout(
        ctx.file,
        `Onbekend type \`${type}\` voor veld \`${name}\`; kies uit ${FIELD_TYPES.map((t) => `\`${t}\``).join(', ')}`,
        place(ctx, [...p, 'type']),
        'sjabloon-veld-type',
      )
      return
    }
    if (nested && type === 'lijst') {
      fout(ctx.file, 'Een lijst kan geen lijst bevatten', place(ctx, [...p, 'type']), 'sjabloon-veld-type')
      return
    }
    const verplicht = (str(f.verplicht) ?? 'nee').toLowerCase()
    if (!YES.has(verplicht) && !NO.has(verplicht)) {
      fout(ctx.file, '`verplicht` is `ja` of `nee`', place(ctx, [...p, 'verplicht']), 'sjabloon-veld-verplicht')
    }
    const def: FieldDef = {
      name,
      type: type as FieldType,
      required: YES.has(verplicht),
      description: str(f.omschrijving) ?? '',
      column: str(f.kolom) || name,
      decimalen: 0,
      persoonsgegeven: YES.has((str(f.persoonsgegeven) ?? 'nee').toLowerCase()),
    }
    if (f.decimalen !== undefined) {
      const d = Number(str(f.decimalen))
      if (type !== 'getal' || !Number.isInteger(d) || d < 0 || d > 6)
        fout(
          ctx.file,
          '`decimalen` hoort bij een `getal` en is 0 tot en met 6',
          place(ctx, [...p, 'decimalen']),
          'sjabloon-veld',
        )
      else def.decimalen = d
    }
    if (type === 'keuze') {
      const w = f.waarden
      if (!Array.isArray(w) || w.length === 0 || w.some((x) => typeof x !== 'string' || x === '')) {
        fout(
          ctx.file,
          `Het keuzeveld \`${name}\` heeft een lijst \`waarden\` nodig`,
          place(ctx, [...p, 'waarden']),
          'sjabloon-veld-keuze',
        )
      } else def.waarden = (w as string[]).map((x) => x.trim())
    }
    if (type === 'lijst') def.velden = readFields(ctx, f.velden, [...p, 'velden'], true)
    out.push(def)
  })
  return out
}

/** Read and check the template at `path`. The template is undefined when there were errors. */
export function loadTemplate(
  path: string,
  options: { store?: RegulationStore } = {},
): { template?: Template; file: VFile } {
  const file = new VFile({ path })
  // Only a regular file within the input limit (src/util/limits.ts): a FIFO or /dev/zero never ends.
  const read = readInputFile(path, 'tekst')
  if ('problem' in read) {
    const reason =
      read.problem.ruleId === 'bestand-ontbreekt' && !existsSync(path)
        ? `Het sjabloon \`${path}\` bestaat niet`
        : read.problem.ruleId === 'bestand-is-map'
          ? `\`${path}\` is een map, geen sjabloon`
          : read.problem.reason
    fout(file, reason, { line: 1, column: 1 }, read.problem.ruleId)
    return { file }
  }
  file.value = read.bytes
  const text = decodeText(file)
  if (text === undefined) return { file }
  return checkTemplateText(text, file, options.store)
}

/** Check a template given as text (the path of `file` places relative files). */
export function checkTemplateText(
  text: string,
  file: VFile,
  given?: RegulationStore,
): { template?: Template; file: VFile } {
  const path = file.path
  const dir = dirname(resolve(path))
  const fm = parseFrontMatter(text, file)
  const ctx: Ctx = { file, fm }
  if (!fm.present) {
    fout(
      file,
      'Een sjabloon begint met front-matter tussen `---`-regels (met `soort: sjabloon`)',
      { line: 1, column: 1 },
      'sjabloon-frontmatter',
    )
    return { file }
  }
  if (hasErrors(file)) return { file }
  const data = fm.data
  for (const key of Object.keys(data)) {
    if (!KNOWN_KEYS.includes(key)) {
      const hint = closest(key, KNOWN_KEYS)
      waarschuwing(
        file,
        `Onbekende sleutel \`${key}\`${hint ? `; bedoelt u \`${hint}\`?` : ''}`,
        place(ctx, [key]),
        'sjabloon-sleutel-onbekend',
      )
    }
  }
  if (str(data.soort) !== 'sjabloon')
    fout(file, 'Zet `soort: sjabloon` in de front-matter', place(ctx, ['soort']), 'sjabloon-soort')
  const titel = str(data.titel) ?? ''
  if (!titel) fout(file, 'Het sjabloon heeft geen `titel`', place(ctx, ['titel']), 'sjabloon-titel')

  const fields = data.velden === undefined ? [] : readFields(ctx, data.velden, ['velden'], false)
  if (data.velden === undefined)
    fout(file, 'Het sjabloon noemt geen `velden`', { line: 1, column: 1 }, 'sjabloon-velden')
  const fieldMap = new Map(fields.map((f) => [f.name, f]))
  for (const name of Object.keys(BUILTINS)) {
    if (fieldMap.has(name))
      fout(
        file,
        `\`${name}\` is een vaste naam (de datum van de brief); kies een andere veldnaam`,
        place(ctx, ['velden']),
        'sjabloon-veld-naam',
      )
  }

  const store = given ?? new RegulationStore(defaultRoots(path))
  const regelingen = new Map<string, CitedWork>()
  const rawRegelingen = data.regelingen ?? {}
  if (typeof rawRegelingen !== 'object' || Array.isArray(rawRegelingen)) {
    fout(
      file,
      '`regelingen` is een groep `naam: werk` (bijvoorbeeld `statuut: sociaal-statuut-cgm`)',
      place(ctx, ['regelingen']),
      'sjabloon-regelingen',
    )
  } else {
    for (const [alias, ref] of Object.entries(rawRegelingen as Record<string, unknown>)) {
      const p = place(ctx, ['regelingen', alias])
      const r = str(ref)
      const workDir = r ? store.locate(r, dir) : undefined
      if (!workDir)
        fout(
          file,
          `Regeling \`${r ?? ''}\` niet gevonden (gezocht onder \`regulations/\` en naast het sjabloon)`,
          p,
          'sjabloon-regeling-onbekend',
        )
      else regelingen.set(alias, { alias, dir: workDir, place: p })
    }
  }

  const regels: Rule[] = []
  const rawRegels = data.regels ?? []
  if (!Array.isArray(rawRegels))
    fout(file, '`regels` is een lijst, bijvoorbeeld `[inpassing, toelage]`', place(ctx, ['regels']), 'sjabloon-regels')
  else
    rawRegels.forEach((name, i) => {
      const p = place(ctx, ['regels', i])
      const rule = RULES.get(String(name))
      if (!rule) {
        const hint = closest(String(name), [...RULES.keys()])
        fout(
          file,
          `Onbekende regel \`${String(name)}\`${hint ? `; bedoelt u \`${hint}\`?` : `; bekend zijn ${[...RULES.keys()].map((k) => `\`${k}\``).join(', ')}`}`,
          p,
          'sjabloon-regel-onbekend',
        )
        return
      }
      regels.push(rule)
      if (fieldMap.has(rule.name))
        fout(
          file,
          `Het veld \`${rule.name}\` heeft dezelfde naam als de regel; \`${rule.name}.…\` zou onduidelijk zijn: hernoem het veld`,
          p,
          'sjabloon-regel-naam',
        )
      checkRuleInputs(ctx, rule, fieldMap, p)
      const cited = [...regelingen.values()].find((w) => store.work(w.dir).id === rule.werk)
      if (!cited) {
        fout(
          file,
          `De regel \`${rule.name}\` past ${rule.werk} toe: neem dat werk op onder \`regelingen\``,
          p,
          'sjabloon-regel-regeling',
        )
      } else {
        for (const b of rule.bepalingen) checkProvision(ctx, store, cited, b, p, `de regel \`${rule.name}\``)
      }
    })

  const organisaties = templateOrganisaties(ctx, dir, data, fieldMap, (p) => place(ctx, [p]))
  if (organisaties) {
    const rule = organisatieRule(organisaties)
    regels.push(rule)
    checkRuleInputs(ctx, rule, fieldMap, place(ctx, ['organisatieveld']))
  }

  const huisstijlRef = str(data.huisstijl) ?? 'huisstijl.docx'
  const huisstijl = resolve(dir, huisstijlRef)
  if (!existsSync(huisstijl) || !huisstijl.endsWith('.docx'))
    fout(
      file,
      `Huisstijl \`${huisstijlRef}\` niet gevonden (een Word-bestand .docx naast het sjabloon)`,
      place(ctx, ['huisstijl']),
      'sjabloon-huisstijl',
    )

  let rechtsmiddel: CitedWork | undefined
  if (data.rechtsmiddel !== undefined) {
    const p = place(ctx, ['rechtsmiddel'])
    const r = str(data.rechtsmiddel) ?? ''
    const d = store.locate(r, dir)
    if (!d)
      fout(
        file,
        `De rechtsmiddelentekst \`${r}\` is niet gevonden (een map met versies \`JJJJ-MM-DD.md\`)`,
        p,
        'sjabloon-rechtsmiddel',
      )
    else rechtsmiddel = { alias: 'rechtsmiddel', dir: d, place: p }
  }

  let briefdatumVeld: string | undefined
  if (data.briefdatum !== undefined) {
    briefdatumVeld = str(data.briefdatum)
    const f = briefdatumVeld ? fieldMap.get(briefdatumVeld) : undefined
    if (f?.type !== 'datum')
      fout(
        file,
        `\`briefdatum\` noemt een veld van het type \`datum\`; \`${briefdatumVeld ?? ''}\` is dat niet`,
        place(ctx, ['briefdatum']),
        'sjabloon-briefdatum',
      )
  }

  let bestandsnaam: Inline[] = []
  const rawName = str(data.bestandsnaam)
  if (!rawName)
    fout(
      file,
      'Het sjabloon heeft geen `bestandsnaam` (bijvoorbeeld `"statusbrief-{{ personeelsnummer }}"`)',
      { line: 1, column: 1 },
      'sjabloon-bestandsnaam',
    )
  else {
    const p = place(ctx, ['bestandsnaam'])
    // The value may be quoted: skip the quote so columns point into the text.
    const lineText = fm.yaml.split('\n')[p.line - fm.firstLine] ?? ''
    const col = lineText.indexOf(rawName) + 1
    const parsed = parseInlineTemplate(rawName, { line: p.line, column: col > 0 ? col : p.column })
    for (const e of parsed.errors) fout(file, e.reason, e.place, e.ruleId)
    bestandsnaam = parsed.content
  }

  const body = parseTemplateBody(fm.body)
  for (const e of body.errors) fout(file, e.reason, e.place, e.ruleId)

  const template: Template = {
    path,
    titel,
    fields,
    fieldMap,
    regelingen,
    regels,
    huisstijl,
    bestandsnaam,
    briefdatumVeld,
    rechtsmiddel,
    ...(organisaties ? { organisaties } : {}),
    blocks: body.blocks,
    store,
  }
  const refs = new RefChecker(ctx, template)
  refs.inlines(bestandsnaam, [])
  refs.blocks(body.blocks, [])
  if (!rechtsmiddel && usesRechtsmiddel(body.blocks)) {
    fout(
      file,
      '`{{ rechtsmiddel }}` heeft een rechtsmiddelentekst nodig: zet `rechtsmiddel: rechtsmiddel` in de front-matter',
      { line: 1, column: 1 },
      'sjabloon-rechtsmiddel',
    )
  }
  return hasErrors(file) ? { file } : { template, file }
}

function usesRechtsmiddel(blocks: Block[]): boolean {
  return blocks.some(
    (b) =>
      b.type === 'rechtsmiddel' ||
      (b.type === 'if' && (usesRechtsmiddel(b.whenTrue) || usesRechtsmiddel(b.else))) ||
      (b.type === 'each' && usesRechtsmiddel(b.body)),
  )
}

function checkRuleInputs(ctx: Ctx, rule: Rule, fieldMap: Map<string, FieldDef>, p: Place): void {
  for (const input of rule.inputs) {
    const f = fieldMap.get(input.name)
    if (!f) {
      if (input.required)
        fout(
          ctx.file,
          `De regel \`${rule.name}\` heeft het veld \`${input.name}\` (${input.type}) nodig; voeg het toe aan \`velden\``,
          p,
          'sjabloon-regel-veld',
        )
      continue
    }
    if (f.type !== input.type) {
      fout(
        ctx.file,
        `De regel \`${rule.name}\` verwacht \`${input.name}\` als ${input.type}, het sjabloon zegt ${f.type}`,
        p,
        'sjabloon-regel-veld',
      )
    } else if (input.required && !f.required) {
      fout(
        ctx.file,
        `De regel \`${rule.name}\` heeft \`${input.name}\` altijd nodig: zet \`verplicht: ja\``,
        p,
        'sjabloon-regel-veld',
      )
    }
    if (input.waarden && f.waarden) {
      const extra = f.waarden.filter((w) => !input.waarden?.includes(w))
      if (extra.length > 0)
        fout(
          ctx.file,
          `De regel \`${rule.name}\` kent voor \`${input.name}\` alleen ${input.waarden.map((w) => `\`${w}\``).join(', ')}, niet ${extra.map((w) => `\`${w}\``).join(', ')}`,
          p,
          'sjabloon-regel-veld',
        )
    }
  }
}

function checkProvision(ctx: Ctx, store: RegulationStore, work: CitedWork, input: string, p: Place, who: string): void {
  const { ref, missing, total } = store.missingIn(work.dir, input)
  const titel = store.work(work.dir).citeertitel ?? work.alias
  if (!ref) {
    fout(
      ctx.file,
      `\`${input}\` is geen bepaling; schrijf bijvoorbeeld \`"10, vijfde lid"\` of \`"11, onderdeel c"\``,
      p,
      'sjabloon-citaat',
    )
    return
  }
  if (missing.length === total) {
    fout(
      ctx.file,
      `${who === 'citaat' ? 'Het citaat' : who}: \`${input}\` bestaat in geen enkele versie van ${titel}`,
      p,
      'sjabloon-bepaling-onbekend',
    )
  } else if (missing.length > 0) {
    waarschuwing(
      ctx.file,
      `\`${input}\` bestaat niet in ${missing.length === 1 ? 'versie' : 'de versies'} ${missing.join(', ')} van ${titel}: brieven met een datum waarop die versie geldt, worden geweigerd`,
      p,
      'sjabloon-bepaling-niet-altijd',
    )
  }
}

interface ValueType {
  type: FieldType
  waarden?: readonly string[]
  /** A rule's `grond`: the provisions it may hold. */
  bepalingen?: readonly string[]
  werk?: string
}

const FORMATTER_TYPES: Record<FormatterName, FieldType[] | undefined> = {
  datum: ['datum'],
  bedrag: ['bedrag'],
  rangtelwoord: ['getal'],
  getal: ['getal'],
  hoofdletter: undefined,
  'kleine-letters': undefined,
}

/** Checks every name, formatter, condition and citation of the body against the front-matter. */
class RefChecker {
  constructor(
    private ctx: Ctx,
    private t: Template,
  ) {}

  /** `scopes`: the item fields of the enclosing `#elk` blocks, innermost last. */
  resolve(ref: PathRef, scopes: FieldDef[][], as: 'value' | 'list' | 'condition'): ValueType | undefined {
    const [head, ...rest] = ref.path as [string, ...string[]]
    for (let i = scopes.length - 1; i >= 0; i--) {
      const f = (scopes[i] as FieldDef[]).find((x) => x.name === head)
      if (f && rest.length === 0) return { type: f.type, waarden: f.waarden }
    }
    const field = this.t.fieldMap.get(head)
    if (field) {
      if (rest.length > 0) {
        this.error(
          `\`${head}\` is een veld, geen groep: \`${ref.path.join('.')}\` bestaat niet`,
          ref.place,
          'sjabloon-veld-onbekend',
        )
        return undefined
      }
      if (field.type === 'lijst' && as === 'value') {
        this.error(
          `\`${head}\` is een lijst: toon de regels met \`{{#elk ${head}}}\` … \`{{/elk}}\``,
          ref.place,
          'sjabloon-lijst',
        )
        return undefined
      }
      if (as === 'list' && field.type !== 'lijst') {
        this.error(`\`{{#elk}}\` gaat over een lijst; \`${head}\` is een ${field.type}`, ref.place, 'sjabloon-lijst')
        return undefined
      }
      return { type: field.type, waarden: field.waarden }
    }
    if (BUILTINS[head] && rest.length === 0) return { type: BUILTINS[head] as FieldType }
    const rule = this.t.regels.find((r) => r.name === head)
    if (rule) {
      const out = rest.length === 1 ? rule.uitkomsten[rest[0] as string] : undefined
      if (!out) {
        this.error(
          `De regel \`${head}\` geeft ${Object.keys(rule.uitkomsten)
            .map((k) => `\`${head}.${k}\``)
            .join(', ')}; \`${ref.path.join('.')}\` bestaat niet`,
          ref.place,
          'sjabloon-veld-onbekend',
        )
        return undefined
      }
      return rest[0] === 'grond' ? { ...out, bepalingen: rule.bepalingen, werk: rule.werk } : out
    }
    const names = [
      ...scopes.flat().map((f) => f.name),
      ...this.t.fields.map((f) => f.name),
      ...Object.keys(BUILTINS),
      ...this.t.regels.map((r) => r.name),
    ]
    const hint = closest(head, names)
    const ruleHint = RULES.has(head) ? `; zet \`regels: [${head}]\` in de front-matter` : ''
    this.error(
      `Onbekend veld \`${ref.path.join('.')}\`${hint ? `; bedoelt u \`${hint}\`?` : ruleHint || '; noem het onder `velden` in de front-matter'}`,
      ref.place,
      'sjabloon-veld-onbekend',
    )
    return undefined
  }

  error(reason: string, p: Place, ruleId: RuleId): void {
    fout(this.ctx.file, reason, p, ruleId)
  }

  condition(c: Condition, scopes: FieldDef[][]): void {
    const t = this.resolve(c.ref, scopes, 'condition')
    if (t && c.kind === 'compare' && t.waarden && !t.waarden.includes(c.literal)) {
      this.error(
        `\`${c.ref.path.join('.')}\` kan ${t.waarden.map((w) => `\`${w}\``).join(', ')} zijn, nooit \`${c.literal}\``,
        c.ref.place,
        'sjabloon-voorwaarde-waarde',
      )
    }
  }

  provision(alias: string, arg: ProvisionArg, p: Place, scopes: FieldDef[][]): void {
    const work = this.t.regelingen.get(alias)
    if (!work) {
      const known = [...this.t.regelingen.keys()]
      const hint = closest(alias, known)
      this.error(
        `Onbekende regeling \`${alias}\`${hint ? `; bedoelt u \`${hint}\`?` : known.length ? `; het sjabloon noemt ${known.map((k) => `\`${k}\``).join(', ')}` : '; noem haar onder `regelingen`'}`,
        p,
        'sjabloon-regeling-onbekend',
      )
      return
    }
    if (arg.kind === 'literal') {
      checkProvision(this.ctx, this.t.store, work, arg.value, p, 'citaat')
      return
    }
    const t = this.resolve(arg.ref, scopes, 'value')
    if (!t) return
    if (t.type !== 'tekst' && t.type !== 'keuze') {
      this.error(`\`${arg.ref.path.join('.')}\` is een ${t.type}, geen bepaling`, arg.ref.place, 'sjabloon-citaat')
      return
    }
    if (t.werk && this.t.store.work(work.dir).id !== t.werk) {
      this.error(
        `\`${arg.ref.path.join('.')}\` is een bepaling van ${t.werk}, niet van \`${alias}\``,
        arg.ref.place,
        'sjabloon-citaat',
      )
    }
  }

  inlines(list: Inline[], scopes: FieldDef[][]): void {
    for (const i of list) {
      if (i.type === 'value') {
        const t = this.resolve(i.ref, scopes, 'value')
        const allowed = i.formatter ? FORMATTER_TYPES[i.formatter] : undefined
        if (t && allowed && !allowed.includes(t.type)) {
          this.error(
            `De opmaak \`${i.formatter}\` past bij ${allowed.join(' of ')}, maar \`${i.ref.path.join('.')}\` is een ${t.type}`,
            i.ref.place,
            'sjabloon-opmaak-type',
          )
        }
      } else if (i.type === 'citeer') this.provision(i.alias, i.provision, i.place, scopes)
      else if (i.type === 'if') {
        this.condition(i.cond, scopes)
        this.inlines(i.whenTrue, scopes)
        this.inlines(i.else, scopes)
      }
    }
  }

  rows(rows: TableRow[], scopes: FieldDef[][]): void {
    for (const r of rows) {
      if (r.type === 'row') for (const c of r.cells) this.inlines(c, scopes)
      else if (r.type === 'if') {
        this.condition(r.cond, scopes)
        this.rows(r.whenTrue, scopes)
        this.rows(r.else, scopes)
      } else {
        const t = this.resolve(r.ref, scopes, 'list')
        const item = t ? this.listItems(r.ref) : []
        this.rows(r.body, [...scopes, item])
      }
    }
  }

  listItems(ref: PathRef): FieldDef[] {
    return this.t.fieldMap.get(ref.path[0] as string)?.velden ?? []
  }

  blocks(blocks: Block[], scopes: FieldDef[][]): void {
    for (const b of blocks) {
      switch (b.type) {
        case 'heading':
          this.inlines(b.content, scopes)
          break
        case 'paragraph':
          for (const l of b.lines) this.inlines(l, scopes)
          break
        case 'table':
          this.rows(b.rows, scopes)
          break
        case 'if':
          this.condition(b.cond, scopes)
          this.blocks(b.whenTrue, scopes)
          this.blocks(b.else, scopes)
          break
        case 'each': {
          const t = this.resolve(b.ref, scopes, 'list')
          this.blocks(b.body, [...scopes, t ? this.listItems(b.ref) : []])
          break
        }
        case 'citaat':
          this.provision(b.alias, b.provision, b.place, scopes)
          break
        case 'rechtsmiddel':
        case 'pagina-einde':
          break
      }
    }
  }
}

/** `organisaties` and `organisatieveld` of the front-matter: both or neither. */
function templateOrganisaties(
  ctx: Ctx,
  dir: string,
  data: Record<string, unknown>,
  fieldMap: Map<string, FieldDef>,
  at: (key: string) => Place,
): Organisaties | undefined {
  const file = str(data.organisaties)
  const veld = str(data.organisatieveld)
  if (file === undefined && veld === undefined) return undefined
  if (!file || !veld) {
    fout(
      ctx.file,
      '`organisaties` (het bestand, bijvoorbeeld `organisaties.yaml`) en `organisatieveld` (het veld dat de organisatie kiest, bijvoorbeeld `gemeente`) horen samen; vul beide in',
      at(file ? 'organisaties' : 'organisatieveld'),
      'sjabloon-organisaties',
    )
    return undefined
  }
  if (fieldMap.has(ORGANISATIE)) {
    fout(
      ctx.file,
      `Het veld \`${ORGANISATIE}\` botst met \`${ORGANISATIE}.…\` van \`organisaties\`: hernoem het veld`,
      at('organisaties'),
      'sjabloon-organisaties',
    )
    return undefined
  }
  const field = fieldMap.get(veld)
  if (field && field.type !== 'keuze')
    fout(
      ctx.file,
      `\`organisatieveld\` is een veld van het type \`keuze\` (met de organisaties als \`waarden\`); \`${veld}\` is een ${field.type}`,
      at('organisatieveld'),
      'sjabloon-organisaties',
    )
  const path = resolve(dir, file)
  const read = readOrganisaties(path, veld, field?.waarden)
  for (const p of read.problems)
    fout(ctx.file, `${p.line ? `${file}:${p.line}: ` : ''}${p.reden}`, at('organisaties'), 'sjabloon-organisaties')
  return read.problems.length > 0 ? undefined : read.value
}
