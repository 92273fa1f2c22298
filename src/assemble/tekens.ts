/**
 * Characters a letter's font cannot show: an emoji or a private-use character in the data becomes
 * an empty box in Word and in the PDF. Office fonts (Arial, Calibri, Times New Roman …) cover the
 * Latin, Greek and Cyrillic scripts and the usual punctuation and symbols; emoji, pictographs,
 * dingbats, flags, private-use characters and everything outside the Basic Multilingual Plane
 * they do not. Such a value is warned about with its row and column, never the value itself.
 */
import type { VFile } from 'vfile'
import { waarschuwing } from '../util/messages.js'
import type { Template } from './template.js'
import type { Value } from './values.js'

/** Symbols and dingbats (U+2600–U+27BF: ☀ ☎ ✂ ❤), private use, emoji and all else beyond U+FFFF. */
const UNSHOWABLE = /[\u2600-\u27BF\uE000-\uF8FF]|[\u{10000}-\u{10FFFF}]/u

/** A quick test first (no `u` flag: faster); most values have no character from U+2600 up. */
const MAYBE = /[\u2600-\uFFFF]/

function hasUnshowable(v: Value | undefined): boolean {
  if (typeof v === 'string') return MAYBE.test(v) && UNSHOWABLE.test(v)
  if (Array.isArray(v)) return v.some((item) => Object.values(item as Record<string, Value>).some(hasUnshowable))
  return false
}

/** Warn on `file` for each column of the row with such a character (`brief-teken`). */
export function warnUnshowable(
  file: VFile,
  line: number,
  values: Record<string, Value>,
  template: Template,
  font: string | undefined,
): void {
  for (const [name, v] of Object.entries(values)) {
    if (!hasUnshowable(v)) continue
    const field = template.fieldMap.get(name)
    waarschuwing(
      file,
      `kolom "${field?.column ?? name}": bevat een teken dat het lettertype${font ? ` ${font}` : ''} van de huisstijl niet kan tonen (zoals een emoji); in de brief wordt het een leeg vakje. Vervang het in de gegevens (waarde niet getoond)`,
      { line },
      'brief-teken',
    )
  }
}
