/**
 * Apply an amendment document to the version before it. All instructions are carried out on a
 * copy; the first one that does not fit stops the whole apply with a message on the amendment
 * file that quotes the instruction, names its target and gives its line and column.
 */

import { VFile } from 'vfile'
import { stringify } from 'yaml'
import { phrasingText } from '../diff/index.js'
import { formatRegeling } from '../format/markdown.js'
import { artikelenOf, numOf } from '../model/access.js'
import type { Operatie, Plaats, Wijzigingsbesluit } from '../model/amendment.js'
import type { Regeling } from '../model/nodes.js'
import { assignIds } from '../parse/ids.js'
import { parseRegeling } from '../parse/index.js'
import { fout } from '../util/messages.js'
import { checkRegeling } from '../validate/index.js'
import { VERSION_KEYS as NEW_VERSION_RESETS } from '../versions/new-version.js'
import { applyOperatie, applyRedactioneel, NummeringFout, OpdrachtFout, resolve, textNodes } from './apply-operation.js'
import { plaatsWords } from './citation.js'
import { cutOff, type GelezenWijziging, type GenoemdeRegeling } from './parse-amendment.js'

/**
 * Keys of one version: they come from the amendment (or are made here), never from the base.
 * Every other key of the base describes the work (citeertitel, organisatie, vastgesteld-door,
 * onderwerp, grondslagen, …) and carries over. `identificatie` carries over only when it names
 * the work (a BWB id, a CVDR id without version suffix); `CVDR123_2` names one version.
 */
const VERSION_KEYS: ReadonlySet<string> = new Set(NEW_VERSION_RESETS)

/** An identificatie of the work rather than of one version. */
function workIdentificatie(value: unknown): boolean {
  return typeof value === 'string' && /^(?:BWBR\d+|BWBV\d+|CVDR\d+)$/i.test(value.trim())
}

export interface ApplyOptions {
  /** Written as `bron` of the new version (e.g. `lbr-15-069.md toegepast op 2015-08-31.md`). */
  bron?: string
}

/** What one instruction did, for `--verbose` and `--json`. */
export interface Verslag {
  /** `B.2`, `A`. */
  label: string
  /** The instruction as written. */
  tekst: string
  /** Its place in the besluit. */
  line: number
  column: number
  /** The provision it names, in words (`artikel 8, tweede lid`). */
  doel: string
  /** The operation (`komt-te-luiden`, `woorden`, `vervalt`, `invoegen`, `opschrift`, `verplaatsen`). */
  operatie: Operatie['soort']
  /** What it did, in words (`artikel 8, tweede lid gewijzigd`). */
  gedaan: string
}

export interface ApplyResult {
  tree: Regeling
  /** How many instructions were carried out. */
  toegepast: number
  /** Per instruction, in the order of the besluit. */
  verslag: Verslag[]
}

function iso(v: unknown): string | undefined {
  if (v instanceof Date) return v.toISOString().slice(0, 10)
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v.trim()) ? v.trim() : undefined
}

/** In words what an operation does, for `betreft`: `artikel 1:2c toegevoegd`. */
function summary(op: Operatie, inserted: string | undefined): string {
  switch (op.soort) {
    case 'invoegen':
      if (op.wat === 'tekst') return `${plaatsWords(op.ouder)} aangevuld`
      if (inserted) return `${inserted} toegevoegd`
      return op.wat === 'lid' || op.wat === 'onderdeel' || op.wat === 'subonderdeel' || op.wat === 'gedachtestreepje'
        ? `${op.wat} toegevoegd aan ${plaatsWords(op.ouder)}`
        : `${op.wat} toegevoegd`
    case 'vervalt':
      return `${doelWords(op)} vervallen`
    case 'verplaatsen':
      return `${plaatsWords(op.doel)} verplaatst`
    case 'vernummeren':
      return `${plaatsWords(op.doel)} vernummerd tot ${plaatsWords([op.naar])}`
    case 'kop-invoegen':
      return `opschrift ingevoegd voor ${plaatsWords(op.voor)}`
    case 'opschrift':
      return `opschrift van ${plaatsWords(op.doel)} gewijzigd`
    case 'tabel':
      return `tabel in ${plaatsWords(op.doel)} vervangen`
    default:
      return `${doelWords(op)} gewijzigd`
  }
}

function list(parts: string[]): string {
  const unique = [...new Set(parts)]
  return unique.length <= 1 ? (unique[0] ?? '') : `${unique.slice(0, -1).join(', ')} en ${unique[unique.length - 1]}`
}

/**
 * The front-matter of the new version: what describes the work comes from the base; the dates
 * from the amendment (ARTIKEL II or "met ingang van", else its front-matter). A change "met ingang
 * van" a day before the amendment was made known is recorded as terugwerkende kracht (Ar 4.16,
 * 5.63): inwerkingtreding is then the day it was made known.
 */
export function nextMeta(
  base: Record<string, unknown>,
  wijziging: Pick<GelezenWijziging, 'inwerkingtreding' | 'terugwerkendeKracht' | 'meta'>,
  betreft: string,
  options: ApplyOptions = {},
): Record<string, unknown> {
  const meta: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(base))
    if (value !== undefined && (!VERSION_KEYS.has(key) || (key === 'identificatie' && workIdentificatie(value))))
      meta[key] = value
  const am = wijziging.meta
  let inwerkingtreding = wijziging.inwerkingtreding ?? iso(am.inwerkingtreding)
  let terugwerkend = wijziging.terugwerkendeKracht ?? iso(am['terugwerkende-kracht'])
  const bekend = iso(am['bekendmaking-datum']) ?? iso(am.ondertekening)
  if (!terugwerkend && inwerkingtreding && bekend && inwerkingtreding < bekend) {
    terugwerkend = inwerkingtreding
    inwerkingtreding = bekend
  }
  if (inwerkingtreding) meta.inwerkingtreding = inwerkingtreding
  if (terugwerkend) meta['terugwerkende-kracht'] = terugwerkend
  if (betreft) meta.betreft = betreft
  const ondertekening = iso(am.ondertekening)
  if (ondertekening) meta.ondertekening = ondertekening
  if (bekend) meta['bekendmaking-datum'] = bekend
  const kenmerk = am.identificatie ?? am.kenmerk
  if (typeof kenmerk === 'string') meta.kenmerk = kenmerk
  if (typeof am.bekendmaking === 'string') meta.bekendmaking = am.bekendmaking
  if (options.bron) meta.bron = options.bron
  return meta
}

/**
 * Carry out every instruction of `wijziging` on a copy of `base`. Returns undefined, with a `fout`
 * on `file` (the amendment), as soon as one does not fit; `base` is never changed.
 */
export function applyAmendment(
  base: Regeling,
  wijziging: GelezenWijziging,
  file: VFile,
  options: ApplyOptions = {},
): ApplyResult | undefined {
  const tree = structuredClone(base)
  const done: string[] = []
  const verslag: Verslag[] = []
  for (const op of wijziging.opdrachten) {
    const before = new Set(artikelNums(tree))
    if (op.afgebroken && !endsUnpunctuatedAlready(tree, op.operatie)) {
      fout(
        file,
        `De nieuwe tekst bij de opdracht «${op.tekst}» houdt op zonder leesteken aan het slot, midden in een ${op.afgebroken.woord ? 'zin of woord' : 'zin'} («${op.afgebroken.slot}»)${op.operatie.soort === 'komt-te-luiden' ? ', waar de bepaling die zij vervangt er een had' : ''}; het besluit lijkt afgebroken. Er is niets geschreven`,
        { line: op.line, column: op.column },
        'wijziging-afgebroken',
      )
      return undefined
    }
    try {
      applyOperatie(tree, op.operatie)
    } catch (error) {
      if (!(error instanceof OpdrachtFout)) throw error
      const nummering = error instanceof NummeringFout
      fout(
        file,
        `De opdracht ${op.label ? `${op.label} ` : ''}«${op.tekst}» ${nummering ? 'geeft een nummering die niet past in' : 'past niet op'} ${error.doel}: ${error.message}. Er is niets geschreven`,
        { line: op.line, column: op.column },
        nummering ? 'wijziging-nummering' : 'wijziging-past-niet',
      )
      return undefined
    }
    const added = artikelNums(tree).filter((n) => !before.has(n))
    const gedaan = summary(op.operatie, added.length > 0 ? added.map((n) => `artikel ${n}`).join(', ') : undefined)
    done.push(gedaan)
    verslag.push({
      label: op.label,
      tekst: op.tekst,
      line: op.line,
      column: op.column,
      doel: doelWords(op.operatie),
      operatie: op.operatie.soort,
      gedaan,
    })
  }
  for (const op of wijziging.redactioneel ?? []) {
    try {
      applyRedactioneel(tree, op.operatie)
    } catch (error) {
      if (!(error instanceof OpdrachtFout)) throw error
      fout(
        file,
        `De redactionele bijwerking «${op.tekst}» past niet op ${error.doel}: ${error.message}. Er is niets geschreven`,
        { line: op.line, column: op.column },
        'wijziging-past-niet',
      )
      return undefined
    }
  }
  assignIds(tree)
  tree.data.meta = nextMeta(base.data.meta, wijziging, list(done), options)
  return { tree, toegepast: wijziging.opdrachten.length, verslag }
}

/** The provision an operation names, in words. */
function doelWords(op: Operatie): string {
  switch (op.soort) {
    case 'vervalt':
      return op.totEnMet
        ? `${plaatsWords(op.doelen[0] ?? [])} tot en met ${plaatsWords(op.totEnMet)}`
        : op.doelen.map((d) => plaatsWords(d)).join(', ')
    case 'invoegen':
      return op.na
        ? `na ${plaatsWords(op.na)}`
        : op.voor
          ? `voor ${plaatsWords(op.voor)}`
          : `aan ${plaatsWords(op.ouder)}`
    case 'komt-te-luiden':
      return op.totEnMet ? `${plaatsWords(op.doel)} tot en met ${plaatsWords(op.totEnMet)}` : plaatsWords(op.doel)
    case 'kop-invoegen':
      return `voor ${plaatsWords(op.voor)}`
    default:
      return plaatsWords(op.doel as Plaats)
  }
}

// ---- guards around apply (the command line, the catalogue) ------------------------------------

/** How a name is compared: lower case, without article, punctuation as space. */
function norm(naam: string): string {
  return naam
    .toLowerCase()
    .replace(/[“”„"'‘’«»()[\]*_]/g, ' ')
    .replace(/^\s*(?:de|het)\s+/, '')
    .replace(/[\s.,;:]+/g, ' ')
    .trim()
}

/** The names the base regulation goes by: citeertitel, officiële titel, work id, its title. */
export function namesOf(base: Regeling): string[] {
  const meta = base.data.meta
  const names: string[] = []
  for (const key of ['citeertitel', 'officiele-titel', 'work']) {
    const v = meta[key]
    if (typeof v === 'string' && v.trim() !== '') names.push(v)
  }
  const opschrift = base.children.find((c) => c.type === 'opschrift')
  if (opschrift && 'children' in opschrift)
    names.push(phrasingText(opschrift.children as Parameters<typeof phrasingText>[0]))
  return names.filter((n, i) => norm(n) !== '' && names.findIndex((m) => norm(m) === norm(n)) === i)
}

/** Whether a name in the besluit is one of the base's names (equal, or one the start of the other). */
export function sameRegeling(genoemd: string, names: readonly string[]): boolean {
  const a = norm(genoemd)
  return names.some((name) => {
    const b = norm(name)
    if (a === b) return true
    const [short, long] = a.length <= b.length ? [a, b] : [b, a]
    return short.length >= 8 && long.startsWith(`${short} `)
  })
}

/**
 * The besluit must name the regulation it is applied to (Ar 6.6: "De … wordt als volgt
 * gewijzigd:"; the opschrift "tot wijziging van …"; for a ledenbrief its front-matter `work`).
 * `override` (`--regeling`) is the name the user vouches for: it must be one of the base's names,
 * and then the besluit's own naming is not required to match.
 */
export function checkRegelingNaam(base: Regeling, read: GelezenWijziging, file: VFile, override?: string): boolean {
  const names = namesOf(base)
  const shown = names[0] ?? 'de basisversie'
  if (override !== undefined) {
    if (sameRegeling(override, names)) return true
    fout(
      file,
      `\`--regeling ${override}\` is niet de regeling van de basisversie (${names.map((n) => `«${n}»`).join(', ') || 'zonder citeertitel'}). Er is niets geschreven`,
      { line: 1, column: 1 },
      'wijziging-andere-regeling',
    )
    return false
  }
  const genoemd: GenoemdeRegeling[] = []
  if (read.regeling) genoemd.push(read.regeling)
  if (read.opschriftRegeling) genoemd.push(read.opschriftRegeling)
  for (const key of ['work', 'citeertitel', 'regeling']) {
    const v = read.meta[key]
    if (typeof v === 'string' && v.trim() !== '') genoemd.push({ naam: v, line: 1, column: 1 })
  }
  if (genoemd.length === 0) {
    fout(
      file,
      `Het besluit noemt niet welke regeling het wijzigt (geen "De … wordt als volgt gewijzigd:" in ARTIKEL I, geen opschrift "tot wijziging van …"); het kan dus niet worden nagegaan dat het bij ${shown} hoort. Geef \`--regeling "${shown}"\` als dat zo is. Er is niets geschreven`,
      { line: 1, column: 1 },
      'wijziging-regeling-onbekend',
    )
    return false
  }
  const wrong = genoemd.find((g) => !sameRegeling(g.naam, names))
  if (!wrong) return true
  fout(
    file,
    `Het besluit wijzigt «${wrong.naam}», maar de basisversie is ${names.map((n) => `«${n}»`).join(' / ') || 'een regeling zonder citeertitel'}. Geef \`--regeling "${shown}"\` als het besluit toch voor deze regeling bedoeld is. Er is niets geschreven`,
    { line: wrong.line, column: wrong.column },
    'wijziging-andere-regeling',
  )
  return false
}

/** The fouten of `check` on a text, written with the front-matter `meta` (the same for base and result, so that only the text is compared). */
function fouten(tree: Regeling, meta: Record<string, unknown>): Array<{ key: string; reason: string; line?: number }> {
  const text = formatRegeling(tree, { frontMatter: stringify(meta, { lineWidth: 0 }) })
  const file = new VFile({ path: 'resultaat.md', value: text })
  const parsed = parseRegeling(file)
  checkRegeling(parsed, file)
  return file.messages
    .filter((m) => m.fatal === true && !/^frontmatter-/.test(m.ruleId ?? ''))
    .map((m) => ({ key: `${m.ruleId} ${m.reason}`, reason: `${m.reason} [${m.ruleId}]`, line: m.line }))
}

/**
 * After applying: the new text is checked as \`check\` checks a regulation; a \`fout\` the base did
 * not have stops everything (a second artikel 5, leden numbered 1, 3).
 */
export function checkResult(
  base: Regeling,
  result: Regeling,
  file: VFile,
  at: { line: number; column: number },
): boolean {
  const meta = base.data.meta
  const known = new Set(fouten(base, meta).map((f) => f.key))
  const fresh = fouten(result, meta).filter((f) => !known.has(f.key))
  if (fresh.length === 0) return true
  for (const f of fresh)
    fout(
      file,
      `Na het toepassen heeft de nieuwe tekst een fout die de basisversie niet had${f.line ? ` (regel ${f.line} van de nieuwe tekst)` : ''}: ${f.reason}. Er is niets geschreven`,
      at,
      'wijziging-resultaat-fout',
    )
  return false
}

export interface ApplyBesluitOptions extends ApplyOptions {
  /** `--regeling`: the regulation the user says the besluit is for. */
  regeling?: string
}

/**
 * The whole of \`regelwerk apply\`: read the besluit, check that it names the base regulation, carry
 * out every instruction on a copy and check the result. Undefined, with the messages on \`file\`,
 * as soon as anything is wrong: nothing is ever partly applied.
 */
export function applyBesluit(
  base: Regeling,
  read: GelezenWijziging,
  file: VFile,
  options: ApplyBesluitOptions = {},
): ApplyResult | undefined {
  if (file.messages.some((m) => m.fatal === true)) return undefined
  if (read.opdrachten.length === 0 && (read.redactioneel ?? []).length === 0) {
    fout(file, 'Er staan geen wijzigingsopdrachten in dit bestand', { line: 1, column: 1 }, 'wijziging-leeg')
    return undefined
  }
  if (!checkRegelingNaam(base, read, file, options.regeling)) return undefined
  const result = applyAmendment(base, read, file, options)
  if (!result) return undefined
  const first = read.opdrachten[0] ?? read.redactioneel?.[0]
  const at = first ? { line: first.line, column: first.column } : { line: 1, column: 1 }
  if (!checkResult(base, result.tree, file, at)) return undefined
  return result
}

function artikelNums(tree: Regeling): string[] {
  const out: string[] = []
  for (const artikel of artikelenOf(tree)) {
    const num = numOf(artikel)
    if (num) out.push(num)
  }
  return out
}

/** The operations of a generated besluit in the form `applyAmendment` takes (no parsing). */
export function fromModel(model: Wijzigingsbesluit): GelezenWijziging {
  const opdrachten = model.artikelI.items.flatMap((item) =>
    item.opdrachten.map((o) => ({
      label: o.nummer ? `${item.letter}.${o.nummer}` : item.letter,
      tekst: o.tekst,
      line: 1,
      column: 1,
      operatie: o.operatie,
    })),
  )
  const out: GelezenWijziging = { opdrachten, meta: {}, aantal: opdrachten.length }
  if (model.redactioneel.length > 0)
    out.redactioneel = model.redactioneel.map((o) => ({
      label: 'weergave',
      tekst: o.tekst,
      line: 1,
      column: 1,
      operatie: o.operatie,
    }))
  if (model.artikelII.inwerkingtreding) out.inwerkingtreding = model.artikelII.inwerkingtreding
  if (model.artikelII.terugwerkendeKracht) out.terugwerkendeKracht = model.artikelII.terugwerkendeKracht
  return out
}

/**
 * Whether the provision a `komt te luiden` replaces already ended without closing punctuation (the
 * last onderdeel of a list in many published texts): then new text that ends the same way is no sign
 * of a cut-off besluit. Inserted provisions have nothing to compare with and stay refused.
 */
function endsUnpunctuatedAlready(tree: Regeling, op: Operatie): boolean {
  if (op.soort !== 'komt-te-luiden' || op.doel.length === 0) return false
  let found: ReturnType<typeof resolve>
  try {
    found = resolve(tree, op.doel)
  } catch {
    return false
  }
  if (!found.parent) return false
  const holders = textNodes(found.node)
  const last = holders[holders.length - 1]
  if (!last) return false
  const text = phrasingText(last.children)
  return cutOff(text, 'tekst') !== undefined
}
