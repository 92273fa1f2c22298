/**
 * The letter model: what one letter says, as data, before any Word file exists. Renderers
 * (`render/docx-letter.ts`) turn it into a document; tests check it directly. Types only.
 */

/** A piece of text with the template's own emphasis. */
export interface Run {
  text: string
  bold?: boolean
  italic?: boolean
}

/** Paragraph kinds; each maps to a named style in the house style. */
export type LetterParagraphStyle = 'normaal' | 'citaat' | 'citaatkop' | 'opsomming' | 'rechtsmiddel'

export type LetterBlock =
  | { type: 'heading'; level: 1 | 2 | 3; runs: Run[] }
  /** A paragraph; each entry of `lines` is a line (a new line in the template is a line break). */
  | { type: 'paragraph'; style: LetterParagraphStyle; lines: Run[][] }
  | { type: 'table'; header: boolean; rows: Run[][][] }
  | { type: 'pagina-einde' }

/** A regulation version a letter cites or applies. */
export interface CitedVersion {
  werk: string
  versie: string
  pad: string
  bepalingen: string[]
}

export interface Letter {
  /** The letter date (ISO): decides the versions cited and the remedy clause. */
  datum: string
  titel: string
  /** The file name without `.docx`, already made safe. */
  bestandsnaam: string
  blocks: LetterBlock[]
  /** The versions used, sorted by work. */
  versies: CitedVersion[]
  /** Conditionals taken, for `--dry-run`: `regel 40: als toelage.uitkomst = "afkoop" → ja`. */
  keuzes: string[]
  /** Rule outcomes by rule name. */
  regels: Record<string, Record<string, unknown>>
}
