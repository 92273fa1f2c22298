/**
 * Apply an amendment document to the version before it. All instructions are carried out on a
 * copy; the first one that does not fit stops the whole apply with a message on the amendment
 * file that quotes the instruction, names its target and gives its line and column.
 */

import type { VFile } from 'vfile'
import { artikelenOf, numOf } from '../model/access.js'
import type { Operatie, Wijzigingsbesluit } from '../model/amendment.js'
import type { Regeling } from '../model/nodes.js'
import { assignIds } from '../parse/ids.js'
import { fout } from '../util/messages.js'
import { applyOperatie, applyRedactioneel, OpdrachtFout } from './apply-operation.js'
import { plaatsWords } from './citation.js'
import type { GelezenWijziging } from './parse-amendment.js'

/** Keys of a version that describe the work and carry over to the next version. */
const CARRIED = ['work', 'citeertitel', 'officiele-titel', 'organisatie', 'organisatietype', 'soort', 'deeltekst']

export interface ApplyOptions {
  /** Written as `bron` of the new version (e.g. `lbr-15-069.md toegepast op 2015-08-31.md`). */
  bron?: string
}

export interface ApplyResult {
  tree: Regeling
  /** How many instructions were carried out. */
  toegepast: number
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
      return `${inserted ?? op.wat} toegevoegd`
    case 'vervalt':
      return `${op.doelen.map((d) => plaatsWords(d)).join(', ')} vervallen`
    case 'verplaatsen':
      return `${plaatsWords(op.doel)} verplaatst`
    case 'opschrift':
      return `opschrift van ${plaatsWords(op.doel)} gewijzigd`
    default:
      return `${plaatsWords(op.doel)} gewijzigd`
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
  for (const key of CARRIED) if (base[key] !== undefined) meta[key] = base[key]
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
  for (const op of wijziging.opdrachten) {
    const before = new Set(artikelNums(tree))
    try {
      applyOperatie(tree, op.operatie)
    } catch (error) {
      if (!(error instanceof OpdrachtFout)) throw error
      fout(
        file,
        `De opdracht ${op.label ? `${op.label} ` : ''}«${op.tekst}» past niet op ${error.doel}: ${error.message}. Er is niets geschreven`,
        { line: op.line, column: op.column },
        'wijziging-past-niet',
      )
      return undefined
    }
    const added = artikelNums(tree).filter((n) => !before.has(n))
    done.push(summary(op.operatie, added.length > 0 ? added.map((n) => `artikel ${n}`).join(', ') : undefined))
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
  return { tree, toegepast: wijziging.opdrachten.length }
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
