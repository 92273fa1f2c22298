/**
 * Front-matter: split it off, parse it with `parseDocument` (never `YAML.parse` on user input),
 * and re-anchor YAML's own errors to the line in the Markdown file.
 */

import type { VFile } from 'vfile'
import { type Document, type ErrorCode, isMap, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml'
import { fout } from '../util/messages.js'
import type { RuleId } from '../util/rule-ids.js'

export interface FrontMatter {
  /** The YAML document, when there was front-matter. */
  doc: Document | undefined
  /** Maps YAML offsets to lines and columns (inside the YAML text). */
  lineCounter: LineCounter
  /** 1-based line of the first YAML line in the file. */
  firstLine: number
  /** The plain data: strings stay strings (source text of numbers is kept). */
  data: Record<string, unknown>
  /** The body with the front-matter lines blanked, so body positions are file positions. */
  body: string
  /** Whether the file had a front-matter block at all. */
  present: boolean
  /** The YAML text between the `---` lines. */
  yaml: string
}

/** The rule id of each YAML error code: `yaml-` and the code in kebab case (docs/meldingen.md). */
const YAML_RULE_IDS: Record<ErrorCode, RuleId> = {
  ALIAS_PROPS: 'yaml-alias-props',
  BAD_ALIAS: 'yaml-bad-alias',
  BAD_DIRECTIVE: 'yaml-bad-directive',
  BAD_DQ_ESCAPE: 'yaml-bad-dq-escape',
  BAD_INDENT: 'yaml-bad-indent',
  BAD_PROP_ORDER: 'yaml-bad-prop-order',
  BAD_SCALAR_START: 'yaml-bad-scalar-start',
  BLOCK_AS_IMPLICIT_KEY: 'yaml-block-as-implicit-key',
  BLOCK_IN_FLOW: 'yaml-block-in-flow',
  DUPLICATE_KEY: 'yaml-duplicate-key',
  IMPOSSIBLE: 'yaml-impossible',
  KEY_OVER_1024_CHARS: 'yaml-key-over-1024-chars',
  MISSING_CHAR: 'yaml-missing-char',
  MULTILINE_IMPLICIT_KEY: 'yaml-multiline-implicit-key',
  MULTIPLE_ANCHORS: 'yaml-multiple-anchors',
  MULTIPLE_DOCS: 'yaml-multiple-docs',
  MULTIPLE_TAGS: 'yaml-multiple-tags',
  NON_STRING_KEY: 'yaml-non-string-key',
  RESOURCE_EXHAUSTION: 'yaml-resource-exhaustion',
  TAB_AS_INDENT: 'yaml-tab-as-indent',
  TAG_RESOLVE_FAILED: 'yaml-tag-resolve-failed',
  UNEXPECTED_TOKEN: 'yaml-unexpected-token',
  BAD_COLLECTION_TYPE: 'yaml-bad-collection-type',
}

const YAML_MESSAGES: Record<string, string> = {
  DUPLICATE_KEY: 'Dubbele sleutel in de front-matter',
  BAD_INDENT: 'Verkeerde inspringing in de front-matter',
  BLOCK_AS_IMPLICIT_KEY: 'Een sleutel mag geen blok zijn',
  MISSING_CHAR: 'Er ontbreekt een teken in de front-matter',
  MULTILINE_IMPLICIT_KEY: 'Een sleutel mag niet over meer regels lopen',
  UNEXPECTED_TOKEN: 'Onverwacht teken in de front-matter',
  TAB_AS_INDENT: 'Gebruik spaties, geen tabs, om in te springen',
  BAD_ALIAS: 'Onbekende verwijzing (alias) in de front-matter',
  ALIAS_PROPS: 'Een verwijzing (alias) mag geen eigenschappen hebben',
}

/** Split and parse the front-matter of `text` (already normalised to LF, no BOM). */
export function parseFrontMatter(text: string, file: VFile): FrontMatter {
  const lineCounter = new LineCounter()
  const none: FrontMatter = {
    doc: undefined,
    lineCounter,
    firstLine: 1,
    data: {},
    body: text,
    present: false,
    yaml: '',
  }
  if (!/^---[ \t]*(\n|$)/.test(text)) return none

  const lines = text.split('\n')
  let close = -1
  for (let i = 1; i < lines.length; i++) {
    if (/^(---|\.\.\.)[ \t]*$/.test(lines[i] as string)) {
      close = i
      break
    }
  }
  if (close === -1) {
    fout(
      file,
      'De front-matter is niet afgesloten: zet een regel `---` onder de gegevens',
      { line: 1, column: 1 },
      'frontmatter-niet-afgesloten',
    )
    return { ...none, present: true, body: '' }
  }

  const yamlText = lines.slice(1, close).join('\n')
  const body = '\n'.repeat(close + 1) + lines.slice(close + 1).join('\n')
  const doc = parseDocument(yamlText, { lineCounter, uniqueKeys: true, prettyErrors: false, version: '1.2' })
  for (const error of doc.errors) {
    const pos = lineCounter.linePos(error.pos[0])
    const reason = YAML_MESSAGES[error.code] ?? 'Fout in de YAML van de front-matter'
    // yaml's own explanation is English: the code is translated, the place tells where.
    fout(file, `${reason}; controleer deze regel`, { line: pos.line + 1, column: pos.col }, YAML_RULE_IDS[error.code])
  }
  const fm: FrontMatter = { doc, lineCounter, firstLine: 2, data: {}, body, present: true, yaml: yamlText }
  if (doc.errors.length === 0) fm.data = plainData(fm, file)
  return fm
}

/** The place of a YAML node (by its range) as a file point. */
export function yamlPlace(fm: FrontMatter, offset: number | undefined): { line: number; column: number } {
  if (offset === undefined) return { line: 1, column: 1 }
  const p = fm.lineCounter.linePos(offset)
  return { line: p.line + fm.firstLine - 1, column: p.col }
}

/**
 * Turn the YAML map into plain data. Scalars that YAML would read as numbers or booleans keep
 * their source text (`012345` stays `012345`); the check rules warn about them.
 */
function plainData(fm: FrontMatter, file: VFile): Record<string, unknown> {
  const doc = fm.doc as Document
  if (doc.contents === null) return {}
  if (!isMap(doc.contents)) {
    fout(
      file,
      'De front-matter moet bestaan uit regels `sleutel: waarde`',
      yamlPlace(fm, doc.contents.range?.[0]),
      'frontmatter-geen-map',
    )
    return {}
  }
  // Resolving aliases can explode (billion laughs): let yaml count them and stop early.
  try {
    doc.toJS({ maxAliasCount: 50 })
  } catch {
    let firstAlias: number | undefined
    visit(doc, {
      Alias(_, node) {
        firstAlias = node.range?.[0]
        return visit.BREAK
      },
    })
    fout(
      file,
      'De front-matter bevat te veel verwijzingen (aliassen); schrijf de waarden uit',
      yamlPlace(fm, firstAlias ?? doc.contents.range?.[0]),
      'yaml-alias-bom',
    )
    return {}
  }
  const out: Record<string, unknown> = {}
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key)
    out[key] = plainValue(pair.value, fm)
  }
  return out
}

function plainValue(node: unknown, fm: FrontMatter): unknown {
  if (isScalar(node)) {
    if (typeof node.value === 'string' || node.value === null) return node.value ?? ''
    const [start, end] = node.range ?? [0, 0]
    return fm.yaml.slice(start, end).trim()
  }
  if (isSeq(node)) return node.items.map((item) => plainValue(item, fm))
  if (isMap(node)) {
    const out: Record<string, unknown> = {}
    for (const pair of node.items)
      out[String(isScalar(pair.key) ? pair.key.value : pair.key)] = plainValue(pair.value, fm)
    return out
  }
  return node === null || node === undefined ? '' : String(node)
}

/**
 * The `soort` a file's front-matter states (`sjabloon`, `tekstblok`, `publicatie`, …), found with a
 * quick look at its lines (no YAML parse), so that `check` can send the file to the right checks.
 * Only the front-matter is looked at: up to its closing `---` (or the end of an unclosed one).
 */
export function declaredSoort(text: string): string | undefined {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0
  // Lines one at a time: a large body is never split (ten million lines, ten million strings).
  const lineAt = (from: number): [string, number] => {
    let end = text.indexOf('\n', from)
    if (end === -1) end = text.length
    return [text.slice(from, end).replace(/\r$/, ''), end + 1]
  }
  const [first, afterFirst] = lineAt(start)
  if (!/^---[ \t]*$/.test(first)) return undefined
  for (let next = afterFirst; next <= text.length; ) {
    const [line, after] = lineAt(next)
    next = after
    if (/^(?:---|\.\.\.)[ \t]*$/.test(line)) return undefined
    const m = /^soort:[ \t]*(['"]?)([^'"\s]+)\1[ \t]*$/.exec(line)
    if (m) return m[2]
  }
  return undefined
}
