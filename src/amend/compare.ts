/**
 * What "the same text" means for amendments. `sameText`: same structure, words and opmaak (links,
 * nadruk, line breaks) — what the round trip promises. `sameWords`: same structure and words as a
 * reader of the law sees them; opmaak may differ. `sameBepalingen`: `sameWords` without the
 * consolidator's notes. A wijzigingsbesluit speaks of provisions and their words only, so every
 * instruction is checked with `sameBepalingen`, and what remains (opmaak, notes) goes into the
 * separate, unsigned "redactionele bijwerking".
 */

/** A node without positions and ids, adjacent text runs joined: what "the same text" means here. */
export function normal(node: unknown): unknown {
  if (Array.isArray(node)) {
    const out: unknown[] = []
    for (const c of node) {
      const n = normal(c) as { type?: string; value?: string }
      const last = out[out.length - 1] as { type?: string; value?: string } | undefined
      if (n?.type === 'text' && last?.type === 'text') last.value = `${last.value}${n.value}`
      else if (!(n?.type === 'text' && n.value === '')) out.push(n)
    }
    return out
  }
  if (node === null || typeof node !== 'object') return node
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    if (k === 'position' || v === undefined) continue
    if (k === 'data') {
      const kept = textData(v)
      if (kept) out[k] = kept
      continue
    }
    out[k] = normal(v)
  }
  return out
}

/**
 * The part of a node's `data` that is text as written (a division's keyword `§`); ids and other
 * computed values are no text.
 */
function textData(data: unknown): Record<string, unknown> | undefined {
  const label = (data as { label?: unknown } | null)?.label
  return label === undefined ? undefined : { label }
}

/** Whether two nodes (or node lists) hold the same text and structure. */
export function sameText(a: unknown, b: unknown): boolean {
  return JSON.stringify(normal(a)) === JSON.stringify(normal(b))
}

/** Inline markup that carries no words of its own: a link, nadruk. */
const MARKUP: ReadonlySet<string> = new Set(['link', 'linkReference', 'emphasis', 'strong', 'delete'])

/**
 * A node as a reader of the law sees it: `normal`, with links and nadruk replaced by their words,
 * a hard line break by a space, and every run of white space one space (none at the ends). Two versions that are the same here differ
 * only in opmaak, which a wijzigingsbesluit does not speak of.
 */
function visible(node: unknown): unknown {
  if (Array.isArray(node)) {
    const flat: unknown[] = []
    for (const c of node) {
      const v = visible(c) as { type?: string; children?: unknown[] }
      if (v && typeof v === 'object' && !Array.isArray(v) && MARKUP.has(v.type ?? '')) flat.push(...(v.children ?? []))
      else if (v && typeof v === 'object' && v.type === 'break') flat.push({ type: 'text', value: ' ' })
      else flat.push(v)
    }
    const out = normal(flat) as Array<{ type?: string; value?: string }>
    // White space as a reader sees it: one space, none at the ends of a text.
    if (!out.some((c) => c?.type === 'text')) return out
    for (const c of out) if (c?.type === 'text') c.value = (c.value ?? '').replace(/\s+/g, ' ')
    const first = out[0]
    const last = out[out.length - 1]
    if (first?.type === 'text') first.value = (first.value ?? '').trimStart()
    if (last?.type === 'text') last.value = (last.value ?? '').trimEnd()
    return out.filter((c) => !(c?.type === 'text' && c.value === ''))
  }
  if (node === null || typeof node !== 'object') return node
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    if (k === 'position' || v === undefined) continue
    if (k === 'data') {
      const kept = textData(v)
      if (kept) out[k] = kept
      continue
    }
    out[k] = visible(v)
  }
  return out
}

/** Whether two nodes (or node lists) hold the same words and structure; opmaak may differ. */
export function sameWords(a: unknown, b: unknown): boolean {
  return JSON.stringify(visible(a)) === JSON.stringify(visible(b))
}

/**
 * A consolidator's note (wetten.overheid.nl): an alinea that says only when the text around it
 * lapsed or takes effect, `Vervallen per 01-01-2015`, `Treedt in werking per 01-01-2015`. It is no
 * provision and no besluit speaks of it.
 */
const NOTE = /^\s*\[?(?:Vervallen|Treedt in werking) per \d{2}-\d{2}-\d{4}\]?\.?\s*$/

/**
 * Whether a node is a consolidator's note: an alinea as in `NOTE`, or a `kop` inside an article
 * (`parentType`). Such a heading is the opschrift of an article that lapsed, which the
 * consolidated text keeps standing (`####Wijziging boetebedrag` after artikel 38 of the
 * Arbeidsomstandighedenwet, where artikelen 39–42 were); the parser can only hang it in the
 * article before it. It belongs to no provision and no besluit speaks of it.
 */
export function isNote(node: unknown, parentType?: string): boolean {
  const n = node as { type?: string; children?: Array<{ type?: string; value?: string }> } | undefined
  if (n?.type === 'kop' && parentType === 'artikel') return true
  if (n?.type !== 'alinea' || !Array.isArray(n.children)) return false
  const text = n.children.map((c) => (c.type === 'text' ? (c.value ?? '') : '\u0000')).join('')
  return NOTE.test(text)
}

/** Without consolidator's notes, at any depth. */
function withoutNotes(node: unknown, parentType?: string): unknown {
  if (Array.isArray(node)) return node.filter((c) => !isNote(c, parentType)).map((c) => withoutNotes(c))
  if (node === null || typeof node !== 'object') return node
  const type = (node as { type?: string }).type
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(node as Record<string, unknown>))
    out[k] = k === 'children' ? withoutNotes(v, type) : withoutNotes(v)
  return out
}

/**
 * Whether two nodes hold the same provisions, word for word: `sameWords`, leaving out the
 * consolidator's notes ("Vervallen per 01-01-2015", the opschrift of a lapsed article), which no
 * besluit speaks of.
 */
export function sameBepalingen(a: unknown, b: unknown): boolean {
  return sameWords(withoutNotes(a), withoutNotes(b))
}
