/**
 * Differences that are no change of the text: white space (also no-break and narrow spaces, and
 * white space next to punctuation), the alignment markup of a Markdown table (`|---|`, `|:---|`,
 * `| --- |`) and link targets (`[tekst](adres)` and `<a href>` around the same words). The word
 * diff compares through `sameToken` and then turns every run of changes whose two sides are
 * `sameText` into unchanged text (the new version's), so no format (text, json, html, docx) shows
 * or counts them.
 */

/** Every kind of white space, the no-break ones included. */
const SPACE = /[\s\u00a0\u2007\u202f\u200b\ufeff]+/gu

/** A token of the delimiter row of a Markdown table: pipes, colons, dashes. */
const DELIMITER_ROW = /^\|?(?:\s*:?-+:?\s*\|)+\s*(?::?-+:?)?\s*$/u

/** One token as compared: white space collapsed, a table delimiter row without its alignment. */
export function tokenKey(token: string): string {
  const t = token.replace(SPACE, ' ')
  if (t === ' ') return ' '
  if (DELIMITER_ROW.test(t)) return t.replace(/\s*:?-+:?\s*/g, '---')
  return t
}

/** Whether two tokens differ only in white space or table alignment. */
export function sameToken(a: string, b: string): boolean {
  return a === b || tokenKey(a) === tokenKey(b)
}

/**
 * A text as compared: links reduced to their words, table alignment markup dropped, white space
 * collapsed, and white space next to punctuation dropped (`- 4` and `-4`; `a b` and `ab` stay
 * different). Linear: each pattern looks ahead a bounded distance only.
 */
export function textKey(text: string): string {
  return text
    .replace(/\[([^\]\n]{0,500})\]\([^()\s]{0,2000}(?:\s+"[^"\n]{0,500}")?\)/g, '$1')
    .replace(/<\/?a(?:\s[^<>]*)?>/gi, '')
    .replace(/(?<=\|)[ \t]*:?-{3,}:?[ \t]*(?=\|)/g, '---')
    .replace(SPACE, ' ')
    .replace(/ ?([^\p{L}\p{N} ]) ?/gu, '$1')
    .trim()
}

/** Whether two texts differ only redactionally (white space, table alignment, link targets). */
export function sameText(a: string, b: string): boolean {
  return a === b || textKey(a) === textKey(b)
}
