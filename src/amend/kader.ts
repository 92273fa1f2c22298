/**
 * The frame of a wijzigingsbesluit around ARTIKEL I and II (DOMAIN.md §7): the front-matter keys that
 * identify it (kenmerk, ondertekening), the aanhef ("Het college van burgemeester en wethouders van
 * Grave; gelet op …; besluit:") and the ondertekening ("Aldus vastgesteld op …"), all taken from
 * the front-matter of the new version, never made up.
 *
 * A besluit whose kenmerk or date of signing is not known yet is an ontwerp: it says so
 * (`ontwerp: true`), and `check` then does not ask for kenmerk and ondertekening. Once the besluit is
 * signed, the adviser fills them in and removes `ontwerp` (or gives `amend --kenmerk --ondertekening`).
 */
import { formatDutchDate, isIsoDate } from '../util/dates.js'

/** Front-matter, aanhef and ondertekening of a besluit. */
export interface Besluitkader {
  /** Keys for the besluit's front-matter, in the order they are written. */
  meta: Record<string, string | string[] | boolean>
  /** Paragraphs before ARTIKEL I, the last one `besluit:`; empty when the new version does not say who decides. */
  aanhef: string[]
  /** Paragraphs after ARTIKEL II (`Aldus vastgesteld op 4 december 2012.`); empty for an ontwerp. */
  ondertekening: string[]
}

/** What the command line may set itself. */
export interface KaderOptions {
  kenmerk?: string
  /** Date of signing, ISO. */
  ondertekening?: string
}

function text(v: unknown): string | undefined {
  if (v instanceof Date) return v.toISOString().slice(0, 10)
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined
}

function list(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(text).filter((x): x is string => x !== undefined)
  const one = text(v)
  return one ? [one] : []
}

function joinWords(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} en ${parts[parts.length - 1]}`
}

/**
 * A version key that belongs to the besluit making the new version: present in the new version and
 * different from the old one (an unchanged value belongs to an earlier besluit).
 */
function ownValue(oud: Record<string, unknown>, nieuw: Record<string, unknown>, key: string): string | undefined {
  const value = text(nieuw[key])
  return value !== undefined && value !== text(oud[key]) ? value : undefined
}

/** The frame of the besluit that turns the version with `oudMeta` into the one with `nieuwMeta`. */
export function besluitKader(
  oudMeta: Record<string, unknown>,
  nieuwMeta: Record<string, unknown>,
  options: KaderOptions = {},
): Besluitkader {
  if (options.ondertekening !== undefined && !isIsoDate(options.ondertekening))
    throw new TypeError(`besluitKader: ondertekening moet een datum JJJJ-MM-DD zijn, niet \`${options.ondertekening}\``)
  const kenmerk = options.kenmerk ?? ownValue(oudMeta, nieuwMeta, 'kenmerk')
  let ondertekening = options.ondertekening ?? ownValue(oudMeta, nieuwMeta, 'ondertekening')
  // A date of signing after the inwerkingtreding without terugwerkende kracht is no date of this
  // besluit (Ar 4.16): `apply` would move the inwerkingtreding. It is left to the adviser.
  const inwerking = text(nieuwMeta.inwerkingtreding)
  if (
    options.ondertekening === undefined &&
    ondertekening !== undefined &&
    (!isIsoDate(ondertekening) || (inwerking !== undefined && ondertekening > inwerking))
  )
    ondertekening = undefined
  const meta: Besluitkader['meta'] = {}
  if (kenmerk) meta.kenmerk = kenmerk
  if (ondertekening) meta.ondertekening = ondertekening
  if (!kenmerk || !ondertekening) meta.ontwerp = true
  const door = text(nieuwMeta['vastgesteld-door'])
  const organisatie = text(nieuwMeta.organisatie)
  const grondslagen = list(nieuwMeta.grondslagen)
  if (door) meta['vastgesteld-door'] = door
  if (organisatie) meta.organisatie = organisatie
  if (grondslagen.length > 0) meta.grondslagen = grondslagen

  const orgaan = door ? `${door}${organisatie ? ` van ${organisatie}` : ''}` : undefined
  const aanhef: string[] = []
  if (orgaan) {
    const voor = `${lidwoord(orgaan)}${orgaan}`
    aanhef.push(`${voor.charAt(0).toUpperCase()}${voor.slice(1)};`)
    if (grondslagen.length > 0) aanhef.push(`gelet op ${joinWords(grondslagen.map(metLidwoord))};`)
    aanhef.push('besluit:')
  }
  const slot: string[] = []
  if (ondertekening) {
    slot.push(
      `Aldus vastgesteld${orgaan ? ` door ${lidwoord(orgaan)}${orgaan}` : ''} op ${formatDutchDate(ondertekening)}.`,
    )
  }
  return { meta, aanhef, ondertekening: slot }
}

/** `het ` before a college, `de ` before a raad or burgemeester named without article. */
function lidwoord(orgaan: string): string {
  if (/^college\b/i.test(orgaan)) return 'het '
  if (/^(raad|burgemeester|gemeenteraad|minister|staatssecretaris)\b/i.test(orgaan)) return 'de '
  return ''
}

/** `Wet op de ondernemingsraden` → `de Wet op de ondernemingsraden` after "gelet op"; `artikel 160 …` stays. */
function metLidwoord(grondslag: string): string {
  return /^(wet\b|\p{L}+wet\b)/iu.test(grondslag) ? `de ${grondslag}` : grondslag
}
