/**
 * `assembleLetter(template, row, context)`: one row of HR data plus a checked template, with the
 * regulations as they apply on the letter date, gives a letter model. Nothing is executed: the
 * template is walked as data. Problems are returned with the template place and the column.
 */
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import type { CitedVersion, Letter, LetterBlock, LetterParagraphStyle, Run } from '../model/letter.js'
import { formatDutchDate, isIsoDate } from '../util/dates.js'
import type { RuleId } from '../util/rule-ids.js'
import { joinLines } from '../util/text.js'
import { versionAt } from '../versions/version-at.js'
import type { Version } from '../versions/work.js'
import type { RegulationStore } from './citations.js'
import type { Template } from './template.js'
import type { Block, Condition, Inline, PathRef, Place, ProvisionArg, TableRow } from './template-syntax.js'
import { applyFormatter, displayValue, isBedrag, truthy, type Value } from './values.js'

export interface AssembleContext {
  /** The letter date (ISO); when absent the template's `briefdatum` field of the row is used. */
  datum?: string
}

export interface AssembleError {
  reden: string
  ruleId: RuleId
  /** The place in the template, when the problem is there. */
  place?: Place
  /** The column of the row, when the problem is a value. */
  kolom?: string
}

export type AssembleResult = { ok: true; letter: Letter } | { ok: false; errors: AssembleError[] }

class Failure extends Error {
  constructor(readonly problem: AssembleError) {
    super(problem.reden)
  }
}

/** Paragraphs of a remedy text version (its body: paragraphs separated by empty lines). */
const remedyCache = new Map<string, string[]>()
export function remedyParagraphs(version: Version): string[] {
  let p = remedyCache.get(version.path)
  if (!p) {
    const text = readFileSync(version.path, 'utf8')
      .replace(/^\uFEFF/, '')
      .replace(/\r\n?/g, '\n')
    const body = text.replace(/^---\n[\s\S]*?\n(?:---|\.\.\.)[ \t]*\n/, '')
    p = body
      .split(/\n\s*\n/)
      .map((x) => joinLines(x).trim())
      .filter((x) => x !== '' && !x.startsWith('#'))
    remedyCache.set(version.path, p)
  }
  return p
}

/** `formatDutchDate`, remembered: a batch has one or a few letter dates. */
const dutchDates = new Map<string, string>()
function dutchDate(iso: string): string {
  let s = dutchDates.get(iso)
  if (s === undefined) {
    s = formatDutchDate(iso)
    if (dutchDates.size >= 1000) dutchDates.clear()
    dutchDates.set(iso, s)
  }
  return s
}

/** Make a file name safe: no folders, no `..`, no control or reserved characters. */
export function safeFileName(name: string): string {
  let s = name
    // A lone surrogate (possible in YAML escapes) cannot be a file name: U+FFFD, as on disk.
    .replace(/\p{Surrogate}/gu, '\uFFFD')
    .normalize('NFC')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/[/\\:*?"<>|]+/g, '-')
    .replace(/\s+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/\.+(?=-)|(?<=-)\.+/g, '')
    .replace(/-{2,}/g, '-')
    .replace(/^[.\-_]+|[.\-\s]+$/g, '')
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(s)) s = `_${s}`
  if (s.length > 120 || utf8Length(s) > 200) s = cutOnGraphemes(s, 120, 200).replace(/[.-]+$/, '')
  return s === '' ? 'brief' : s
}

/** Bytes of `s` in UTF-8 (a lone surrogate counts as U+FFFD: 3). */
function utf8Length(s: string): number {
  let n = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x80) n += 1
    else if (c < 0x800) n += 2
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4
      i++
    } else n += 3
  }
  return n
}

const graphemes = new Intl.Segmenter('nl', { granularity: 'grapheme' })

/**
 * The longest start of `s` of whole graphemes (a letter with its accents, an emoji with its
 * modifiers) of at most `units` UTF-16 units and `bytes` UTF-8 bytes (file systems count bytes:
 * 255 at most). A single grapheme longer than that is cut between code points.
 */
export function cutOnGraphemes(s: string, units: number, bytes: number): string {
  let end = 0
  let size = 0
  for (const { segment, index } of graphemes.segment(s)) {
    const b = utf8Length(segment)
    if (index + segment.length > units || size + b > bytes) {
      if (end > 0) return s.slice(0, end)
      // One grapheme over the limit: whole code points of it.
      let out = ''
      for (const cp of segment) {
        if (out.length + cp.length > units || utf8Length(out + cp) > bytes) break
        out += cp
      }
      return out
    }
    end = index + segment.length
    size += b
  }
  return s
}

class Evaluator {
  versies = new Map<string, CitedVersion>()
  keuzes: string[] = []
  rules: Record<string, Record<string, Value>> = {}
  bold = false
  italic = false

  constructor(
    private t: Template,
    private row: Record<string, Value>,
    private datum: string,
  ) {}

  lookup(ref: PathRef, scopes: Array<Record<string, Value>>): Value | undefined {
    const [head, ...rest] = ref.path as [string, ...string[]]
    if (rest.length === 0) {
      for (let i = scopes.length - 1; i >= 0; i--) {
        const s = scopes[i] as Record<string, Value>
        if (head in s) return s[head]
      }
      if (head in this.row) return this.row[head]
      if (head === 'briefdatum') return this.datum
      return undefined
    }
    return this.rules[head]?.[rest[0] as string]
  }

  cond(c: Condition, scopes: Array<Record<string, Value>>, place: Place | undefined): boolean {
    const v = this.lookup(c.ref, scopes)
    let result: boolean
    let label: string
    if (c.kind === 'truthy') {
      result = truthy(v) !== c.negate
      label = `${c.negate ? 'niet ' : ''}${c.ref.path.join('.')}`
    } else {
      const s =
        v === undefined
          ? ''
          : typeof v === 'number'
            ? String(v)
            : isBedrag(v)
              ? String(v.cents / 100)
              : typeof v === 'string'
                ? v
                : ''
      result = (s === c.literal) === (c.op === '=')
      label = `${c.ref.path.join('.')} ${c.op} "${c.literal}"`
    }
    this.keuzes.push(`regel ${place?.line ?? c.ref.place.line}: als ${label} → ${result ? 'ja' : 'nee'}`)
    return result
  }

  record(work: { id: string }, version: Version, bepaling: string): void {
    const key = `${work.id}@${version.name}`
    let v = this.versies.get(key)
    if (!v) {
      v = { werk: work.id, versie: version.name, pad: version.path, bepalingen: [] }
      this.versies.set(key, v)
    }
    if (bepaling && !v.bepalingen.includes(bepaling)) v.bepalingen.push(bepaling)
  }

  provision(alias: string, arg: ProvisionArg, place: Place, scopes: Array<Record<string, Value>>) {
    const work = this.t.regelingen.get(alias)
    if (!work) throw new Failure({ reden: `onbekende regeling \`${alias}\``, place, ruleId: 'brief-bepaling' })
    let input: string
    if (arg.kind === 'literal') input = arg.value
    else {
      const v = this.lookup(arg.ref, scopes)
      if (typeof v !== 'string' || v === '')
        throw new Failure({
          reden: `\`${arg.ref.path.join('.')}\` geeft voor deze rij geen bepaling om te citeren`,
          place,
          ruleId: 'brief-bepaling',
        })
      input = v
    }
    const found = this.t.store.at(work.dir, this.datum, input)
    if (!found.ok) throw new Failure({ reden: found.reden, place, ruleId: 'brief-bepaling' })
    this.record(found.value.work, found.value.version, found.value.citaat)
    return found.value
  }

  inlines(list: Inline[], scopes: Array<Record<string, Value>>, out: Run[]): void {
    for (const i of list) {
      switch (i.type) {
        case 'text':
          this.push(out, i.value)
          break
        case 'toggle':
          if (i.mark === 'bold') this.bold = !this.bold
          else this.italic = !this.italic
          break
        case 'value': {
          const v = this.lookup(i.ref, scopes)
          if (v === undefined) break
          const s = i.formatter ? applyFormatter(i.formatter, v) : displayValue(v)
          if (s === undefined)
            throw new Failure({
              reden: `de waarde van \`${i.ref.path.join('.')}\` past niet bij de opmaak \`${i.formatter}\``,
              place: i.ref.place,
              ruleId: 'brief-opmaak',
            })
          this.push(out, s)
          break
        }
        case 'citeer': {
          const c = this.provision(i.alias, i.provision, i.place, scopes)
          this.push(
            out,
            i.short ? c.citaat : `${c.citaat}${c.citaat.includes(',') ? ',' : ''} van het ${c.citeertitel}`,
          )
          break
        }
        case 'if':
          this.inlines(this.cond(i.cond, scopes, undefined) ? i.whenTrue : i.else, scopes, out)
          break
      }
    }
  }

  push(out: Run[], text: string): void {
    if (text === '') return
    const last = out[out.length - 1]
    if (last && Boolean(last.bold) === this.bold && Boolean(last.italic) === this.italic) {
      last.text += text
      return
    }
    const run: Run = { text }
    if (this.bold) run.bold = true
    if (this.italic) run.italic = true
    out.push(run)
  }

  /**
   * A remedy paragraph with `{{ organisatie.bezwaaradres }}`: filled from the row's organisation
   * (see `organisaties.ts`). Without organisations in the template the paragraph is left out (the
   * text before it says where to send the bezwaar); an organisation without that value is an error.
   */
  remedyText(p: string, place: Place): string | undefined {
    const org = this.rules.organisatie
    if (!org) return undefined
    return p.replace(/\{\{\s*organisatie\.([\p{L}_][\p{L}\p{N}_]*)\s*\}\}/gu, (_, key: string) => {
      const v = org[key]
      if (typeof v !== 'string' || v === '')
        throw new Failure({
          reden: `de rechtsmiddelentekst gebruikt \`organisatie.${key}\`, maar de organisatie van deze rij heeft dat gegeven niet; vul het in bij de organisaties`,
          place,
          ruleId: 'brief-bepaling',
        })
      return v
    })
  }

  line(content: Inline[], scopes: Array<Record<string, Value>>): Run[] {
    const runs: Run[] = []
    this.inlines(content, scopes, runs)
    // Emphasis never leaks from one line into the next.
    this.bold = false
    this.italic = false
    return runs
  }

  rows(rows: TableRow[], scopes: Array<Record<string, Value>>, out: Run[][][]): void {
    for (const r of rows) {
      if (r.type === 'row') out.push(r.cells.map((c) => this.line(c, scopes)))
      else if (r.type === 'if') this.rows(this.cond(r.cond, scopes, undefined) ? r.whenTrue : r.else, scopes, out)
      else for (const item of this.list(r.ref, scopes)) this.rows(r.body, [...scopes, item], out)
    }
  }

  list(ref: PathRef, scopes: Array<Record<string, Value>>): Array<Record<string, Value>> {
    const v = this.lookup(ref, scopes)
    return Array.isArray(v) ? (v as Array<Record<string, Value>>) : []
  }

  blocks(blocks: Block[], scopes: Array<Record<string, Value>>, out: LetterBlock[]): void {
    for (const b of blocks) {
      switch (b.type) {
        case 'heading': {
          const runs = this.line(b.content, scopes)
          if (runs.length > 0) out.push({ type: 'heading', level: b.depth, runs })
          break
        }
        case 'paragraph': {
          const lines = b.lines.map((l) => this.line(l, scopes))
          // A line whose placeholders were all empty disappears; so does an empty paragraph.
          const kept = lines.filter((l) => l.some((r) => r.text.trim() !== ''))
          if (kept.length > 0) out.push({ type: 'paragraph', style: b.style as LetterParagraphStyle, lines: kept })
          break
        }
        case 'table': {
          const rows: Run[][][] = []
          this.rows(b.rows, scopes, rows)
          if (rows.length > (b.header ? 1 : 0)) out.push({ type: 'table', header: b.header, rows })
          break
        }
        case 'if':
          this.blocks(this.cond(b.cond, scopes, b.cond.ref.place) ? b.whenTrue : b.else, scopes, out)
          break
        case 'each':
          for (const item of this.list(b.ref, scopes)) this.blocks(b.body, [...scopes, item], out)
          break
        case 'citaat': {
          const c = this.provision(b.alias, b.provision, b.place, scopes)
          const kop = `${c.citaat.charAt(0).toUpperCase()}${c.citaat.slice(1)}${c.citaat.includes(',') ? ',' : ''} van het ${c.citeertitel} (zoals geldend op ${dutchDate(this.datum)}):`
          out.push({ type: 'paragraph', style: 'citaatkop', lines: [[{ text: kop }]] })
          for (const p of c.paragraphs) out.push({ type: 'paragraph', style: 'citaat', lines: [[{ text: p }]] })
          break
        }
        case 'rechtsmiddel': {
          const r = this.t.rechtsmiddel
          if (!r)
            throw new Failure({
              reden: 'het sjabloon noemt geen `rechtsmiddel`',
              place: b.place,
              ruleId: 'brief-bepaling',
            })
          const work = this.t.store.work(r.dir)
          const found = versionAt(work, this.datum)
          if (!found.ok)
            throw new Failure({
              reden: `geen rechtsmiddelentekst: ${found.reden}`,
              place: b.place,
              ruleId: 'brief-bepaling',
            })
          this.record(work, found.version, '')
          for (const p of remedyParagraphs(found.version)) {
            const text = p.includes('{{') ? this.remedyText(p, b.place) : p
            if (text !== undefined) out.push({ type: 'paragraph', style: 'rechtsmiddel', lines: [[{ text }]] })
          }
          break
        }
        case 'pagina-einde':
          out.push({ type: 'pagina-einde' })
          break
      }
    }
  }
}

/** The regulation of a template whose work id is `werk` (looked up once per template). */
const ruleWorks = new WeakMap<Template, Map<string, { dir: string } | undefined>>()
function ruleWork(template: Template, werk: string): { dir: string } | undefined {
  let m = ruleWorks.get(template)
  if (!m) {
    m = new Map()
    ruleWorks.set(template, m)
  }
  if (!m.has(werk))
    m.set(
      werk,
      [...template.regelingen.values()].find((w) => template.store.work(w.dir).id === werk),
    )
  return m.get(werk)
}

/** Assemble one letter. `row` holds the validated values of one data row. */
export function assembleLetter(
  template: Template,
  row: Record<string, Value>,
  context: AssembleContext = {},
): AssembleResult {
  const datum =
    context.datum ?? (template.briefdatumVeld ? (row[template.briefdatumVeld] as string | undefined) : undefined)
  if (!datum || typeof datum !== 'string' || !isIsoDate(datum)) {
    return {
      ok: false,
      errors: [
        template.briefdatumVeld
          ? {
              reden: 'geen briefdatum: de kolom is leeg en `--date` is niet gegeven',
              kolom: template.fieldMap.get(template.briefdatumVeld)?.column,
              ruleId: 'brief-briefdatum',
            }
          : {
              reden: 'geen briefdatum: geef `--date JJJJ-MM-DD` (het sjabloon noemt geen veld `briefdatum`)',
              ruleId: 'brief-briefdatum',
            },
      ],
    }
  }
  const ev = new Evaluator(template, row, datum)
  const errors: AssembleError[] = []
  for (const rule of template.regels) {
    const r = rule.evaluate(row)
    if (!r.ok) {
      errors.push({ reden: r.reden, kolom: template.fieldMap.get(r.kolom)?.column ?? r.kolom, ruleId: 'brief-regel' })
      continue
    }
    ev.rules[rule.name] = r.values
    // The provision a rule applied must exist in the version that applies on the letter date.
    const grond = r.values.grond
    if (typeof grond === 'string' && grond !== '') {
      const work = ruleWork(template, rule.werk)
      const found = work ? template.store.at(work.dir, datum, grond) : undefined
      if (!found?.ok)
        errors.push({
          reden: `de regel \`${rule.name}\` past ${grond} toe, maar: ${found && !found.ok ? found.reden : `${rule.werk} ontbreekt`}`,
          ruleId: 'brief-regel',
        })
      else ev.record(found.value.work, found.value.version, found.value.citaat)
    }
  }
  if (errors.length > 0) return { ok: false, errors }
  try {
    const blocks: LetterBlock[] = []
    ev.blocks(template.blocks, [], blocks)
    const nameRuns = ev.line(template.bestandsnaam, [])
    const bestandsnaam = safeFileName(nameRuns.map((r) => r.text).join(''))
    const versies = [...ev.versies.values()].sort(
      (a, b) => a.werk.localeCompare(b.werk) || a.versie.localeCompare(b.versie),
    )
    return {
      ok: true,
      letter: { datum, titel: template.titel, bestandsnaam, blocks, versies, keuzes: ev.keuzes, regels: ev.rules },
    }
  } catch (error) {
    if (error instanceof Failure) return { ok: false, errors: [error.problem] }
    throw error
  }
}

/** `statusbrief.md:42:5: reden` for a template problem; the reason alone otherwise. */
export function describeAssembleError(template: Template, e: AssembleError): string {
  return e.place ? `${basename(template.path)}:${e.place.line}:${e.place.column}: ${e.reden}` : e.reden
}

export type { RegulationStore }
