/**
 * Field values as HR data writes them (Dutch spreadsheet exports) and as letters show them.
 * Money is kept as whole cents (no floating point in a letter), dates as ISO strings.
 */
import { ordinal } from '../model/glossary.js'
import { dutchNumericToIso, dutchWordsToIso, formatDutchDate, isIsoDate } from '../util/dates.js'

/** The field types a template may declare. */
export const FIELD_TYPES = ['tekst', 'getal', 'bedrag', 'datum', 'keuze', 'lijst'] as const
export type FieldType = (typeof FIELD_TYPES)[number]

/** A bedrag in whole cents. */
export interface Bedrag {
  kind: 'bedrag'
  cents: number
}

/** A value after validation: text, whole number, money, ISO date, or a list of records. */
export type Value = string | number | Bedrag | Value[] | { [key: string]: Value }

export type Parsed<T> = { ok: true; value: T } | { ok: false; reden: string }

/** Show a raw value in a message: quoted, control characters visible, long values cut. */
export function showRaw(raw: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes
  const visible = raw.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
  return `"${visible.length > 40 ? `${visible.slice(0, 40)}…` : visible}"`
}

/** A whole number, or with `decimalen` a Dutch decimal (`32,5`). */
export function parseGetal(raw: string, decimalen = 0): Parsed<number> {
  const s = raw.trim()
  if (decimalen === 0) {
    if (/^-?\d+$/.test(s)) return { ok: true, value: Number(s) }
    return { ok: false, reden: `${showRaw(raw)} is geen geheel getal` }
  }
  const m = new RegExp(`^-?\\d+(?:,\\d{1,${decimalen}})?$`).exec(s)
  if (m) return { ok: true, value: Number(s.replace(',', '.')) }
  return {
    ok: false,
    reden: `${showRaw(raw)} is geen getal met hoogstens ${decimalen} ${decimalen === 1 ? 'decimaal' : 'decimalen'} (schrijf bijvoorbeeld \`32,5\`)`,
  }
}

/**
 * A bedrag as Dutch spreadsheets write it: `1.234,56`, `1234,56`, `€ 1.234,56`, `1234`. A point
 * before one or two final digits (`1234.56`) is refused: in Dutch it separates thousands.
 */
export function parseBedrag(raw: string): Parsed<Bedrag> {
  const s = raw.trim().replace(/^€\s*/, '')
  const m = /^(-)?(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(s)
  if (!m) {
    const hint = /^\d+\.\d{1,2}$/.test(s) ? ' (gebruik een komma voor de centen: `1234,56`)' : ''
    return { ok: false, reden: `${showRaw(raw)} is geen bedrag${hint}` }
  }
  const euros = Number((m[2] as string).replace(/\./g, ''))
  const cents = Number((m[3] ?? '0').padEnd(2, '0'))
  const total = euros * 100 + cents
  if (!Number.isSafeInteger(total)) return { ok: false, reden: `${showRaw(raw)} is te groot voor een bedrag` }
  return { ok: true, value: { kind: 'bedrag', cents: m[1] ? -total : total } }
}

/** A date: `03-01-2013`, `3-1-2013`, `2013-01-03` or `3 januari 2013`, and a real day. */
export function parseDatum(raw: string): Parsed<string> {
  const s = raw.trim()
  const iso = isIsoDate(s) ? s : (dutchNumericToIso(s) ?? dutchWordsToIso(s))
  if (iso) return { ok: true, value: iso }
  return {
    ok: false,
    reden: `${showRaw(raw)} is geen bestaande datum (schrijf DD-MM-JJJJ, bijvoorbeeld \`03-01-2013\`)`,
  }
}

/** `324517` cents → `€ 3.245,17`. */
export function formatBedrag(cents: number): string {
  const sign = cents < 0 ? '-' : ''
  const abs = Math.abs(cents)
  const euros = Math.floor(abs / 100)
  const rest = String(abs % 100).padStart(2, '0')
  return `${sign}€ ${groupThousands(euros)},${rest}`
}

function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.')
}

/** `32.5` → `32,5`; whole numbers as they are. */
export function formatGetal(n: number): string {
  return Number.isInteger(n) ? String(n) : String(n).replace('.', ',')
}

export function isBedrag(v: unknown): v is Bedrag {
  return typeof v === 'object' && v !== null && (v as Bedrag).kind === 'bedrag'
}

export function bedrag(cents: number): Bedrag {
  return { kind: 'bedrag', cents }
}

/** Formatters a template may name after `|`. */
export const FORMATTERS = ['datum', 'bedrag', 'rangtelwoord', 'getal', 'hoofdletter', 'kleine-letters'] as const
export type FormatterName = (typeof FORMATTERS)[number]

/** Apply a formatter; `undefined` when the value does not fit it (the caller reports where). */
export function applyFormatter(name: FormatterName, value: Value): string | undefined {
  switch (name) {
    case 'datum':
      return typeof value === 'string' && isIsoDate(value) ? formatDutchDate(value) : undefined
    case 'bedrag':
      return isBedrag(value) ? formatBedrag(value.cents) : undefined
    case 'rangtelwoord':
      return typeof value === 'number' && Number.isInteger(value) && value > 0 && value < 100
        ? ordinal(String(value))
        : undefined
    case 'getal':
      return typeof value === 'number' ? formatGetal(value) : undefined
    case 'hoofdletter': {
      const s = displayValue(value)
      return s.charAt(0).toLocaleUpperCase('nl-NL') + s.slice(1)
    }
    case 'kleine-letters':
      return displayValue(value).toLocaleLowerCase('nl-NL')
  }
}

/** The plain display of a value without formatter: dates and money in Dutch. */
export function displayValue(value: Value): string {
  if (typeof value === 'string') return isIsoDate(value) ? formatDutchDate(value) : value
  if (typeof value === 'number') return formatGetal(value)
  if (isBedrag(value)) return formatBedrag(value.cents)
  if (Array.isArray(value)) return value.map(displayValue).join(', ')
  return ''
}

/** Whether a value counts as "yes" in a conditional: non-empty text, non-zero, a non-empty list. */
export function truthy(value: Value | undefined): boolean {
  if (value === undefined) return false
  if (typeof value === 'string') return value !== '' && value !== 'nee'
  if (typeof value === 'number') return value !== 0
  if (isBedrag(value)) return value.cents !== 0
  if (Array.isArray(value)) return value.length > 0
  return Object.keys(value).length > 0
}
