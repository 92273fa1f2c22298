/**
 * Publication file + regulation version(s) → publication model. The parts that are not in the
 * regulation (aanhef, ondertekening, grounds, the publication date) come from the publication
 * file; a regulation that carries its own aanhef or ondertekening (a CVDR text does) keeps them
 * unless the publication file gives its own. Building never fails on content: a missing part is
 * left empty and `checkPublication` reports it with its place.
 */
import { basename } from 'node:path'
import type { PhrasingContent } from 'mdast'
import type { Aanhef, Ondertekening, Regeling } from '../model/nodes.js'
import type {
  AlineaBlock,
  PubBlock,
  Publicatie,
  PublicatieMetadata,
  PublicatieSoort,
  VersieVerwijzing,
} from '../model/publication.js'
import { formatDutchDate } from '../util/dates.js'
import { dateInText } from '../versions/work.js'
import { type WijzigingDictum, wijzigingDictum } from './dictum-wijziging.js'
import type { PublicatieBestand } from './read-publication-file.js'
import { bijlageBlocks, bodyBlocks, inlineRuns, runsText, tekstBlocks, toelichtingBlocks } from './regeling-blocks.js'
import type { LoadedVersion, Sources } from './resolve-sources.js'

export interface BuildOptions {
  /** The maker of a wijzigingsbesluit's dictum (default: `generateAmendment` of the amendments stage). */
  wijzigingDictum?: WijzigingDictum
  /**
   * A dictum may replace the whole text of a regulation whose articles still exist (`--hele-tekst`);
   * without it `publicatie-hele-tekst` refuses such a publication.
   */
  heleTekst?: boolean
}

/** The lead words of the aanhef, in the order a publication file may give them. */
const AANHEF_PARTS = [
  ['gelezen', 'gelezen'],
  ['gezien', 'gezien'],
  ['overwegende', 'overwegende'],
  ['gelet-op', 'gelet op'],
  ['gehoord', 'gehoord'],
] as const

/** Build the publication; `undefined` when the regulation to publish could not be read. */
export function buildPublication(
  pub: PublicatieBestand,
  sources: Sources,
  options: BuildOptions = {},
): Publicatie | undefined {
  const nieuw = sources.nieuw
  if (!nieuw) return undefined
  const soort: PublicatieSoort = pub.wijzigt !== undefined ? 'wijziging' : 'regeling'
  const tree = nieuw.tree
  const regelingAanhef = tree.children.find((c): c is Aanhef => c.type === 'aanhef')
  const regelingOndertekening = tree.children.find((c): c is Ondertekening => c.type === 'ondertekening')
  const metadata = publicationMetadata(pub, sources, soort)

  const ownAanhef = soort === 'wijziging' || pub.bestuursorgaan !== undefined || !regelingAanhef
  const aanhef = ownAanhef ? aanhefBlocks(pub) : tekstBlocks(regelingAanhef.children, 0, 2)
  const besluit = pub.besluit ?? (ownAanhef ? 'besluit:' : '')

  const ownOndertekening = soort === 'wijziging' || pub.ondertekening !== undefined || !regelingOndertekening
  const ondertekening = ownOndertekening ? ondertekeningBlocks(pub) : tekstBlocks(regelingOndertekening.children, 0, 2)

  const toelichting: PubBlock[] = []
  if (pub.toelichting.length > 0) {
    toelichting.push({ kind: 'kop', rol: 'toelichting', level: 1, runs: [{ text: 'Toelichting' }], id: 'toelichting' })
    for (const p of pub.toelichting) toelichting.push({ kind: 'alinea', depth: 0, runs: [{ text: p }] })
  }
  const bijlagen: PubBlock[] = []
  let dictum: PubBlock[] = []
  if (soort === 'regeling') {
    for (const c of tree.children) {
      if (c.type === 'toelichting') toelichting.push(...toelichtingBlocks(c))
      else if (c.type === 'bijlage') bijlagen.push(...bijlageBlocks(c))
      else if (c.type !== 'opschrift' && c.type !== 'aanhef' && c.type !== 'ondertekening')
        dictum.push(...bodyBlocks([c], 1))
    }
  } else if (sources.oud) {
    dictum = (options.wijzigingDictum ?? wijzigingDictum)(sources.oud, nieuw, metadata)
  }

  return {
    soort,
    opschrift: opschrift(metadata, soort),
    aanhef,
    besluit,
    dictum,
    ondertekening,
    toelichting,
    bijlagen,
    metadata,
    voorbeeldmelding: pub.voorbeeld ? VOORBEELDMELDING : null,
  }
}

/** The note above a fictional example, so that nobody mistakes it for a real publication. */
export const VOORBEELDMELDING =
  'Voorbeeld met een fictieve organisatie: dit is geen echte publicatie. De velden tussen [ ] zijn invulvelden.'

/** The title line: the official title, and the citeertitel in brackets when it differs. */
function opschrift(m: PublicatieMetadata, soort: PublicatieSoort): string {
  if (soort === 'regeling' && m.citeertitel && normaliseTitle(m.citeertitel) !== normaliseTitle(m.officieleTitel))
    return `${m.officieleTitel} (${m.citeertitel})`
  return m.officieleTitel
}

/** Titles compared without quotes, case, trailing punctuation or doubled spaces. */
export function normaliseTitle(s: string): string {
  const t = s.replace(/[“”„"'‘’`]/g, '')
  // Trailing punctuation by a scan: /[\s.;:,]+$/ retries at every character of a long run.
  let end = t.length
  while (end > 0 && /[\s.;:,]/.test(t.charAt(end - 1))) end--
  return t.slice(0, end).replace(/\s+/g, ' ').trim().toLowerCase()
}

function withPunctuation(s: string, end = ';'): string {
  return /[;:,.]$/.test(s) ? s : `${s}${end}`
}

function startsWith(s: string, word: string): boolean {
  return s.toLowerCase().startsWith(`${word} `) || s.toLowerCase() === word
}

/** The aanhef from the publication file, in the order its keys were written. */
function aanhefBlocks(pub: PublicatieBestand): PubBlock[] {
  const out: AlineaBlock[] = []
  if (pub.bestuursorgaan) out.push(alinea(withPunctuation(pub.bestuursorgaan)))
  const order = [...pub.keyPlaces.keys()]
  const parts = [...AANHEF_PARTS].sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]))
  for (const [key, word] of parts) {
    const items = key === 'gelet-op' ? pub.geletOp : pub[key]
    items.forEach((item, i) => {
      const lead = i === 0 && !startsWith(item, word) ? `${word} ` : ''
      out.push(alinea(withPunctuation(`${lead}${item}`)))
    })
  }
  return out
}

function alinea(text: string): AlineaBlock {
  return { kind: 'alinea', depth: 0, runs: [{ text }] }
}

/** `Aldus vastgesteld in de vergadering van …` and one function and name per signatory. */
function ondertekeningBlocks(pub: PublicatieBestand): PubBlock[] {
  const o = pub.ondertekening
  if (!o) return []
  const out: PubBlock[] = []
  const tekst =
    o.tekst ?? (o.datum ? `Aldus vastgesteld in de vergadering van ${formatDutchDate(o.datum)}.` : undefined)
  if (tekst) out.push(alinea(tekst))
  if (o.ondertekenaars.length > 0)
    out.push({
      kind: 'ondertekenaars',
      ondertekenaars: o.ondertekenaars.map((s) => ({ functie: withPunctuation(s.functie, ','), naam: s.naam })),
    })
  return out
}

function str(meta: Record<string, unknown>, key: string): string | null {
  const v = meta[key]
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null
}

function list(meta: Record<string, unknown>, key: string): string[] | null {
  const v = meta[key]
  if (typeof v === 'string' && v.trim() !== '') return [v.trim()]
  if (Array.isArray(v)) {
    const items = v.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim())
    return items.length > 0 ? items : null
  }
  return null
}

function titleOf(tree: Regeling): string | null {
  const o = tree.children.find((c) => c.type === 'opschrift')
  if (o?.type !== 'opschrift') return null
  const t = runsText(inlineRuns(o.children as PhrasingContent[])).trim()
  return t === '' ? null : t
}

/**
 * A version by work id and date (`car-uwo@2015-07-01`), never by its file: a publication and its
 * metadata leave the repository, where a path means nothing (and may tell what it should not).
 */
function reference(v: LoadedVersion): VersieVerwijzing {
  const meta = { ...(v.work?.inherited ?? {}), ...v.tree.data.meta }
  const inwerkingtreding = v.version?.inwerkingtreding ?? str(meta, 'inwerkingtreding')
  const werk = str(meta, 'work') ?? v.work?.id ?? basename(v.path).replace(/\.[^.]*$/, '')
  return {
    werk,
    versie: inwerkingtreding ? `${werk}@${inwerkingtreding}` : werk,
    inwerkingtreding,
    citeertitel: str(meta, 'citeertitel'),
    officieleTitel: str(meta, 'officiele-titel') ?? titleOf(v.tree),
  }
}

/**
 * The text a wijzigingsbesluit changes, when it is no dated version (an uitgangstekst such as
 * `basis/voor-lbr-15-069.md`): named as the text that applied the day before the new version, the
 * only date it is known by (`car-uwo@2015-08-31`: the new text applies from 1 September 2015 by
 * terugwerkende kracht). Its own inwerkingtreding stays null.
 */
function textBefore(ref: VersieVerwijzing, nieuw: LoadedVersion): VersieVerwijzing {
  // The new text applies from its terugwerkende kracht, if any: the old one up to the day before.
  const from =
    nieuw.version?.terugwerkendeKracht ??
    str(nieuw.tree.data.meta, 'terugwerkende-kracht') ??
    nieuw.version?.inwerkingtreding ??
    str(nieuw.tree.data.meta, 'inwerkingtreding')
  if (ref.inwerkingtreding || !from) return ref
  const d = new Date(`${from}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() - 1)
  return { ...ref, versie: `${ref.werk}@${d.toISOString().slice(0, 10)}` }
}

/**
 * The metadata. For a new regulation, what the publication file leaves out comes from the
 * regulation's front-matter (the CVDR fields). For a wijzigingsbesluit the regulation's
 * front-matter describes the regulation (its organisation can be the LOGA), not the local besluit:
 * only the citeertitel and the dates of the change come from it.
 */
export function publicationMetadata(
  pub: PublicatieBestand,
  sources: Sources,
  soort: PublicatieSoort,
): PublicatieMetadata {
  const nieuw = sources.nieuw as LoadedVersion
  const meta: Record<string, unknown> = { ...(nieuw.work?.inherited ?? {}), ...nieuw.tree.data.meta }
  const own = soort === 'regeling'
  const from = (key: string) => (own ? str(meta, key) : null)
  const citeertitel = pub.citeertitel ?? str(meta, 'citeertitel')
  return {
    soortBesluit: own ? 'nieuwe regeling' : 'wijzigingsbesluit',
    organisatie: pub.organisatie ?? from('organisatie'),
    soortOrganisatie: pub.organisatietype ?? from('organisatietype'),
    officieleTitel:
      pub.opschrift ??
      (own ? (str(meta, 'officiele-titel') ?? titleOf(nieuw.tree) ?? citeertitel) : null) ??
      citeertitel ??
      '',
    citeertitel,
    vastgesteldDoor: pub.vastgesteldDoor ?? from('vastgesteld-door'),
    onderwerp: pub.onderwerp ?? from('onderwerp'),
    juridischeGrondslagen: pub.grondslagen ?? (own ? list(meta, 'grondslagen') : null) ?? pub.geletOp,
    datumOndertekening: pub.ondertekening?.datum ?? from('ondertekening'),
    datumBekendmaking:
      pub.bekendmakingDatum ??
      (own ? (str(meta, 'bekendmaking-datum') ?? dateInText(from('bekendmaking') ?? undefined) ?? null) : null),
    inwerkingtreding: pub.inwerkingtreding ?? str(meta, 'inwerkingtreding') ?? nieuw.version?.inwerkingtreding ?? null,
    terugwerkendeKracht: pub.terugwerkendeKracht ?? str(meta, 'terugwerkende-kracht'),
    uitwerkingtreding: str(meta, 'uitwerkingtreding'),
    betreft: pub.betreft ?? (own ? (str(meta, 'betreft') ?? 'Nieuwe regeling') : str(meta, 'betreft')),
    bronBekendmaking: own ? from('bekendmaking') : null,
    kenmerk: pub.kenmerk ?? from('kenmerk'),
    regeling: reference(nieuw),
    wijzigt: sources.oud ? textBefore(reference(sources.oud), nieuw) : null,
    voorbeeld: pub.voorbeeld,
  }
}
