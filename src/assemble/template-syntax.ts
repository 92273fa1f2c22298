/**
 * The body of a letter template: Markdown-like lines with `{{ … }}` tags. Parsed once per batch
 * into a small tree; nothing in a template is ever executed. Every node keeps its place in the
 * template file for messages.
 *
 * Lines:   `# Kop`, `## Kop`, `| cel | cel |` (a `|---|` row under the first row makes it a
 *          header), `> citaat`, `- opsomming`, an empty line between paragraphs; a new line inside
 *          a paragraph is a new line in the letter.
 * Tags:    `{{ veld }}`, `{{ veld | datum }}`, `{{#als veld}} … {{#anders}} … {{/als}}`,
 *          `{{#als veld = "waarde"}}`, `{{#als niet veld}}`, `{{#elk lijst}} … {{/elk}}`,
 *          `{{ citeer statuut "10, vijfde lid" }}`, `{{ artikel statuut toelage.grond }}`,
 *          and on a line of their own `{{ citaat statuut "10, eerste lid" }}`, `{{ rechtsmiddel }}`.
 */

import type { Point } from 'unist'
import type { RuleId } from '../util/rule-ids.js'
import { FORMATTERS, type FormatterName } from './values.js'

export interface Place {
  line: number
  column: number
}

/** A reference to a value: a field, a sub-field inside `#elk`, a rule outcome (`inpassing.schaal`). */
export interface PathRef {
  path: string[]
  place: Place
}

/** A provision given literally (`"10, vijfde lid"`) or by a value (`toelage.grond`). */
export type ProvisionArg = { kind: 'literal'; value: string } | { kind: 'path'; ref: PathRef }

export type Condition =
  | { kind: 'truthy'; ref: PathRef; negate: boolean }
  | { kind: 'compare'; ref: PathRef; op: '=' | '!='; literal: string }

export type Inline =
  | { type: 'text'; value: string }
  /** `**` toggles bold, `*` italic (only in the template's own text, never in data). */
  | { type: 'toggle'; mark: 'bold' | 'italic' }
  | { type: 'value'; ref: PathRef; formatter: FormatterName | undefined }
  | { type: 'citeer'; alias: string; provision: ProvisionArg; short: boolean; place: Place }
  | { type: 'if'; cond: Condition; whenTrue: Inline[]; else: Inline[] }

export type TableRow =
  | { type: 'row'; cells: Inline[][]; place: Place }
  | { type: 'if'; cond: Condition; whenTrue: TableRow[]; else: TableRow[] }
  | { type: 'each'; ref: PathRef; body: TableRow[] }

export type ParagraphStyle = 'normaal' | 'citaat' | 'opsomming'

export type Block =
  | { type: 'heading'; depth: 1 | 2 | 3; content: Inline[]; place: Place }
  | { type: 'paragraph'; style: ParagraphStyle; lines: Inline[][]; place: Place }
  | { type: 'table'; header: boolean; rows: TableRow[]; place: Place }
  | { type: 'if'; cond: Condition; whenTrue: Block[]; else: Block[] }
  | { type: 'each'; ref: PathRef; body: Block[] }
  | { type: 'citaat'; alias: string; provision: ProvisionArg; place: Place }
  | { type: 'rechtsmiddel'; place: Place }
  | { type: 'pagina-einde'; place: Place }

export interface SyntaxError {
  reason: string
  place: Place
  ruleId: RuleId
}

/** A tag as written, with its place. */
interface Tag {
  kind: 'tag'
  source: string
  place: Place
  end: Place
}

type Piece = { kind: 'text'; value: string; place: Place } | Tag

type Directive =
  | { kind: 'open-als'; cond: Condition }
  | { kind: 'anders' }
  | { kind: 'close-als' }
  | { kind: 'open-elk'; ref: PathRef }
  | { kind: 'close-elk' }

type Token =
  | { kind: 'directive'; directive: Directive; place: Place }
  | { kind: 'inline'; inline: Inline }
  | { kind: 'citaat'; alias: string; provision: ProvisionArg; place: Place }
  | { kind: 'rechtsmiddel'; place: Place }
  | { kind: 'pagina-einde'; place: Place }

const IDENT = /^[\p{L}_][\p{L}\p{N}_]*$/u

class Syntax {
  errors: SyntaxError[] = []
  error(reason: string, place: Place, ruleId: RuleId): void {
    this.errors.push({ reason, place, ruleId })
  }
}

/** Split one line into text and `{{ … }}` tags. */
function pieces(line: string, lineNo: number, s: Syntax, offset = 0): Piece[] {
  const out: Piece[] = []
  let at = 0
  while (at < line.length) {
    const open = line.indexOf('{{', at)
    if (open === -1) {
      out.push({ kind: 'text', value: line.slice(at), place: { line: lineNo, column: offset + at + 1 } })
      break
    }
    if (open > at)
      out.push({ kind: 'text', value: line.slice(at, open), place: { line: lineNo, column: offset + at + 1 } })
    const close = line.indexOf('}}', open + 2)
    if (close === -1) {
      s.error(
        'Tag `{{` is niet gesloten met `}}` op dezelfde regel',
        { line: lineNo, column: offset + open + 1 },
        'sjabloon-tag-open',
      )
      break
    }
    out.push({
      kind: 'tag',
      source: line.slice(open + 2, close).trim(),
      place: { line: lineNo, column: offset + open + 1 },
      end: { line: lineNo, column: offset + close + 3 },
    })
    at = close + 2
  }
  return out
}

/** Words of a tag: bare words and `"quoted strings"` (kept with their quotes). */
function words(source: string): string[] | undefined {
  const out: string[] = []
  const re = /\s*("(?:[^"\\]|\\.)*"|[^\s"]+)/gy
  let m: RegExpExecArray | null
  let consumed = 0
  // biome-ignore lint/suspicious/noAssignInExpressions: a standard exec loop
  while ((m = re.exec(source)) !== null) {
    out.push(m[1] as string)
    consumed = re.lastIndex
  }
  return source.slice(consumed).trim() === '' ? out : undefined
}

function unquote(word: string): string | undefined {
  if (!word.startsWith('"')) return undefined
  if (!word.endsWith('"') || word.length < 2) return undefined
  return word.slice(1, -1).replace(/\\(.)/g, '$1')
}

function pathRef(word: string, place: Place, s: Syntax): PathRef | undefined {
  const parts = word.split('.')
  if (parts.every((p) => IDENT.test(p))) return { path: parts, place }
  s.error(
    `\`${word}\` is geen veldnaam (letters, cijfers en \`_\`, delen gescheiden door een punt)`,
    place,
    'sjabloon-veldnaam',
  )
  return undefined
}

function condition(ws: string[], place: Place, s: Syntax): Condition | undefined {
  if (ws.length === 1 || (ws.length === 2 && ws[0] === 'niet')) {
    const negate = ws.length === 2
    const ref = pathRef(ws[ws.length - 1] as string, place, s)
    return ref ? { kind: 'truthy', ref, negate } : undefined
  }
  if (ws.length === 3 && (ws[1] === '=' || ws[1] === '!=')) {
    const ref = pathRef(ws[0] as string, place, s)
    const w = ws[2] as string
    const literal = unquote(w) ?? (/^-?\d+$/.test(w) ? w : undefined)
    if (literal === undefined) {
      s.error(
        `Vergelijk met een waarde tussen aanhalingstekens, zoals \`"c"\`, niet met \`${w}\``,
        place,
        'sjabloon-voorwaarde',
      )
      return undefined
    }
    return ref ? { kind: 'compare', ref, op: ws[1] as '=' | '!=', literal } : undefined
  }
  s.error(
    'Een voorwaarde is `{{#als veld}}`, `{{#als niet veld}}` of `{{#als veld = "waarde"}}`',
    place,
    'sjabloon-voorwaarde',
  )
  return undefined
}

function provisionArg(word: string, place: Place, s: Syntax): ProvisionArg | undefined {
  const literal = unquote(word)
  if (literal !== undefined) return { kind: 'literal', value: literal }
  const ref = pathRef(word, place, s)
  return ref ? { kind: 'path', ref } : undefined
}

/** Read one tag. `undefined` after an error (reported). */
function readTag(tag: Tag, s: Syntax): Token | undefined {
  const src = tag.source
  const place = tag.place
  const ws = words(src)
  if (!ws || ws.length === 0) {
    s.error(
      src === '' ? 'Lege tag `{{}}`' : `Tag \`{{${src}}}\` is niet te lezen (sluit aanhalingstekens)`,
      place,
      'sjabloon-tag',
    )
    return undefined
  }
  const head = ws[0] as string
  if (head.startsWith('#') || head.startsWith('/')) {
    const word = head === '#' || head === '/' ? `${head}${ws[1] ?? ''}` : head
    const rest = head === '#' || head === '/' ? ws.slice(2) : ws.slice(1)
    switch (word) {
      case '#als': {
        const cond = condition(rest, place, s)
        return cond ? { kind: 'directive', directive: { kind: 'open-als', cond }, place } : undefined
      }
      case '#anders':
        if (rest.length === 0) return { kind: 'directive', directive: { kind: 'anders' }, place }
        break
      case '/als':
        if (rest.length === 0) return { kind: 'directive', directive: { kind: 'close-als' }, place }
        break
      case '#elk': {
        if (rest.length !== 1) break
        const ref = pathRef(rest[0] as string, place, s)
        return ref ? { kind: 'directive', directive: { kind: 'open-elk', ref }, place } : undefined
      }
      case '/elk':
        if (rest.length === 0) return { kind: 'directive', directive: { kind: 'close-elk' }, place }
        break
    }
    s.error(
      `Onbekende bloktag \`{{${src}}}\`; bekend zijn \`{{#als …}}\`, \`{{#anders}}\`, \`{{/als}}\`, \`{{#elk …}}\` en \`{{/elk}}\``,
      place,
      'sjabloon-bloktag',
    )
    return undefined
  }
  if (head === 'citeer' || head === 'artikel' || head === 'citaat') {
    if (ws.length !== 3) {
      s.error(
        `Schrijf \`{{ ${head} regeling "10, vijfde lid" }}\`: een regeling uit \`regelingen\` en een bepaling`,
        place,
        'sjabloon-citaat',
      )
      return undefined
    }
    const alias = ws[1] as string
    const provision = provisionArg(ws[2] as string, place, s)
    if (!provision) return undefined
    if (head === 'citaat') return { kind: 'citaat', alias, provision, place }
    return { kind: 'inline', inline: { type: 'citeer', alias, provision, short: head === 'artikel', place } }
  }
  if (head === 'rechtsmiddel' && ws.length === 1) return { kind: 'rechtsmiddel', place }
  if (head === 'pagina-einde' && ws.length === 1) return { kind: 'pagina-einde', place }
  // A value: `veld` or `veld | opmaak`.
  const bar = src.split('|').map((x) => x.trim())
  if (bar.length > 2 || bar.some((x) => x === '')) {
    s.error(
      `Schrijf een waarde als \`{{ veld }}\` of \`{{ veld | opmaak }}\`, niet \`{{${src}}}\``,
      place,
      'sjabloon-tag',
    )
    return undefined
  }
  const ref = pathRef(bar[0] as string, place, s)
  let formatter: FormatterName | undefined
  if (bar[1] !== undefined) {
    if (!(FORMATTERS as readonly string[]).includes(bar[1])) {
      s.error(
        `Onbekende opmaak \`${bar[1]}\`; bekend zijn ${FORMATTERS.map((f) => `\`${f}\``).join(', ')}`,
        { line: place.line, column: place.column + 2 + src.indexOf('|') + 1 },
        'sjabloon-opmaak-onbekend',
      )
      return undefined
    }
    formatter = bar[1] as FormatterName
  }
  return ref ? { kind: 'inline', inline: { type: 'value', ref, formatter } } : undefined
}

/** Literal text: `**` and `*` become toggles; `\*` and `\{` escape. */
function textInlines(value: string): Inline[] {
  const out: Inline[] = []
  let buf = ''
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string
    if (c === '\\' && i + 1 < value.length && /[*{}\\|#>-]/.test(value[i + 1] as string)) {
      buf += value[++i]
      continue
    }
    if (c === '*') {
      if (buf) out.push({ type: 'text', value: buf })
      buf = ''
      if (value[i + 1] === '*') {
        out.push({ type: 'toggle', mark: 'bold' })
        i++
      } else out.push({ type: 'toggle', mark: 'italic' })
      continue
    }
    buf += c
  }
  if (buf) out.push({ type: 'text', value: buf })
  return out
}

/** Tokens of one line (its pieces read). */
function lineTokens(ps: Piece[], s: Syntax): Token[] {
  const out: Token[] = []
  for (const p of ps) {
    if (p.kind === 'text') out.push(...textInlines(p.value).map((inline) => ({ kind: 'inline', inline }) as Token))
    else {
      const t = readTag(p, s)
      if (t) out.push(t)
    }
  }
  return out
}

/** Inline content of a line: `{{#als}}` inside a line must close on that line. */
function inlineContent(tokens: Token[], s: Syntax, lineNo: number): Inline[] {
  type Frame = { cond: Condition; whenTrue: Inline[]; else: Inline[]; inElse: boolean; place: Place }
  const root: Inline[] = []
  const stack: Frame[] = []
  const target = () => {
    const top = stack[stack.length - 1]
    return top ? (top.inElse ? top.else : top.whenTrue) : root
  }
  for (const t of tokens) {
    if (t.kind === 'inline') target().push(t.inline)
    else if (t.kind === 'directive') {
      const d = t.directive
      if (d.kind === 'open-als') {
        if (stack.length >= MAX_TAG_NESTING) {
          tooDeepTags(s, t.place)
          return []
        }
        stack.push({ cond: d.cond, whenTrue: [], else: [], inElse: false, place: t.place })
      } else if (d.kind === 'anders') {
        const top = stack[stack.length - 1]
        if (!top || top.inElse) s.error('`{{#anders}}` zonder open `{{#als}}` op deze regel', t.place, 'sjabloon-blok')
        else top.inElse = true
      } else if (d.kind === 'close-als') {
        const top = stack.pop()
        if (!top) s.error('`{{/als}}` zonder open `{{#als}}` op deze regel', t.place, 'sjabloon-blok')
        else target().push({ type: 'if', cond: top.cond, whenTrue: top.whenTrue, else: top.else })
      } else {
        s.error('`{{#elk}}` en `{{/elk}}` staan op een eigen regel', t.place, 'sjabloon-blok')
      }
    } else {
      const what =
        t.kind === 'citaat'
          ? '`{{ citaat … }}`'
          : t.kind === 'rechtsmiddel'
            ? '`{{ rechtsmiddel }}`'
            : '`{{ pagina-einde }}`'
      s.error(`${what} staat op een eigen regel, zonder andere tekst`, t.place, 'sjabloon-blok')
    }
  }
  for (const open of stack) {
    s.error(
      `\`{{#als}}\` is niet gesloten op regel ${lineNo}: sluit met \`{{/als}}\` op dezelfde regel, of zet de tags op eigen regels`,
      open.place,
      'sjabloon-blok-open',
    )
  }
  return root
}

interface Line {
  no: number
  text: string
  /** The only token of a line that holds one tag and nothing else. */
  alone: Token | undefined
  tokens: Token[]
  kind: 'blank' | 'alone' | 'heading' | 'table' | 'separator' | 'quote' | 'list' | 'text'
}

function classify(text: string, no: number, s: Syntax): Line {
  const trimmed = text.trim()
  if (trimmed === '') return { no, text, alone: undefined, tokens: [], kind: 'blank' }
  if (/^\|\s*:?-{3,}/.test(trimmed)) return { no, text, alone: undefined, tokens: [], kind: 'separator' }
  if (trimmed.startsWith('|')) return { no, text, alone: undefined, tokens: [], kind: 'table' }
  const heading = /^(#{1,3})\s+/.exec(text)
  if (heading) {
    const offset = heading[0].length
    return {
      no,
      text,
      alone: undefined,
      tokens: lineTokens(pieces(text.slice(offset), no, s, offset), s),
      kind: 'heading',
    }
  }
  const prefix = /^(>|-)\s+/.exec(text)
  if (prefix) {
    const offset = prefix[0].length
    return {
      no,
      text,
      alone: undefined,
      tokens: lineTokens(pieces(text.slice(offset), no, s, offset), s),
      kind: prefix[1] === '>' ? 'quote' : 'list',
    }
  }
  const ps = pieces(text, no, s)
  const tagsOnly = ps.filter((p) => !(p.kind === 'text' && p.value.trim() === ''))
  if (tagsOnly.length === 1 && tagsOnly[0]?.kind === 'tag') {
    const t = readTag(tagsOnly[0], s)
    if (t && t.kind !== 'inline') return { no, text, alone: t, tokens: [], kind: 'alone' }
    return { no, text, alone: undefined, tokens: t ? [t] : [], kind: 'text' }
  }
  return { no, text, alone: undefined, tokens: lineTokens(ps, s), kind: 'text' }
}

/** Cells of a `| a | b |` row, each read as inline content. */
function tableCells(line: Line, s: Syntax): Inline[][] {
  const text = line.text
  const cells: Inline[][] = []
  let start = text.indexOf('|') + 1
  let inTag = false
  for (let i = start; i <= text.length; i++) {
    if (text.startsWith('{{', i)) inTag = true
    if (text.startsWith('}}', i)) inTag = false
    const end = i === text.length
    if ((!inTag && text[i] === '|' && text[i - 1] !== '\\') || end) {
      const cellText = text.slice(start, i)
      if (!(end && cellText.trim() === '')) {
        const ps = pieces(cellText, line.no, s, start)
        cells.push(inlineContent(lineTokens(ps, s), s, line.no))
      }
      start = i + 1
    }
  }
  return cells
}

export interface ParsedBody {
  blocks: Block[]
  errors: SyntaxError[]
}

/** Deepest nesting of `{{#als}}`/`{{#elk}}` blocks (and of `{{#als}}` within one line). */
export const MAX_TAG_NESTING = 32

function tooDeepTags(s: Syntax, place: Place): void {
  s.error(
    `Hier staan meer dan ${MAX_TAG_NESTING} blokken \`{{#als}}\`/\`{{#elk}}\` in elkaar; geen brief heeft dat nodig. Voeg voorwaarden samen of maak een tweede sjabloon`,
    place,
    'sjabloon-blok',
  )
}

/** Parse a template body. `body` keeps blank lines for the front-matter so lines are file lines. */
export function parseTemplateBody(body: string): ParsedBody {
  const s = new Syntax()
  const lines = body.split('\n').map((text, i) => classify(text, i + 1, s))
  let at = 0

  type Closer = 'close-als' | 'close-elk' | 'anders'
  const isCloser = (l: Line): Closer | undefined => {
    const d = l.alone?.kind === 'directive' ? l.alone.directive.kind : undefined
    return d === 'close-als' || d === 'close-elk' || d === 'anders' ? d : undefined
  }

  function paragraph(style: ParagraphStyle, kind: Line['kind']): Block {
    const first = lines[at] as Line
    const out: Inline[][] = []
    while (at < lines.length && (lines[at] as Line).kind === kind) {
      const l = lines[at] as Line
      out.push(inlineContent(l.tokens, s, l.no))
      at++
      // A list item is its own paragraph.
      if (kind === 'list') break
    }
    return { type: 'paragraph', style, lines: out, place: { line: first.no, column: 1 } }
  }

  function tableRows(stopAtCloser: boolean): TableRow[] {
    const rows: TableRow[] = []
    while (at < lines.length) {
      const l = lines[at] as Line
      if (l.kind === 'table') {
        rows.push({ type: 'row', cells: tableCells(l, s), place: { line: l.no, column: 1 } })
        at++
        continue
      }
      if (l.kind === 'separator') {
        at++
        continue
      }
      if (l.kind === 'alone' && l.alone?.kind === 'directive') {
        const d = l.alone.directive
        if (d.kind === 'open-als' || d.kind === 'open-elk') {
          // A block tag belongs to the table only when table rows follow it.
          let k = at + 1
          while (
            k < lines.length &&
            (lines[k] as Line).kind === 'alone' &&
            (lines[k] as Line).alone?.kind === 'directive'
          )
            k++
          if ((lines[k] as Line | undefined)?.kind !== 'table') break
          at++
          if (d.kind === 'open-elk') {
            const body = tableRows(true)
            expectClose(l, 'close-elk')
            rows.push({ type: 'each', ref: d.ref, body })
          } else {
            const whenTrue = tableRows(true)
            let els: TableRow[] = []
            if (at < lines.length && isCloser(lines[at] as Line) === 'anders') {
              at++
              els = tableRows(true)
            }
            expectClose(l, 'close-als')
            rows.push({ type: 'if', cond: d.cond, whenTrue, else: els })
          }
          continue
        }
        if (stopAtCloser) return rows
      }
      break
    }
    return rows
  }

  function expectClose(opener: Line, want: 'close-als' | 'close-elk'): void {
    const l = lines[at]
    if (l && isCloser(l) === want) {
      at++
      return
    }
    const name = want === 'close-als' ? 'als' : 'elk'
    s.error(
      `\`{{#${name}}}\` op regel ${opener.no} is niet gesloten: zet \`{{/${name}}}\` op een eigen regel${l ? ` (gevonden op regel ${l.no}: \`${l.text.trim()}\`)` : ' (het sjabloon houdt op)'}`,
      { line: opener.no, column: opener.text.indexOf('{{') + 1 },
      'sjabloon-blok-open',
    )
    // Skip a wrong closer so that parsing goes on.
    if (l && isCloser(l) && isCloser(l) !== 'anders') at++
  }

  function blocks(nested: boolean): Block[] {
    const out: Block[] = []
    while (at < lines.length) {
      const l = lines[at] as Line
      switch (l.kind) {
        case 'blank':
          at++
          continue
        case 'heading': {
          const depth = (/^#+/.exec(l.text)?.[0].length ?? 1) as 1 | 2 | 3
          out.push({
            type: 'heading',
            depth,
            content: inlineContent(l.tokens, s, l.no),
            place: { line: l.no, column: 1 },
          })
          at++
          continue
        }
        case 'table':
        case 'separator': {
          const place = { line: l.no, column: 1 }
          const header = (lines[at + 1] as Line | undefined)?.kind === 'separator'
          out.push({ type: 'table', header, rows: tableRows(false), place })
          continue
        }
        case 'quote':
          out.push(paragraph('citaat', 'quote'))
          continue
        case 'list':
          out.push(paragraph('opsomming', 'list'))
          continue
        case 'text':
          out.push(paragraph('normaal', 'text'))
          continue
        case 'alone': {
          const t = l.alone as Token
          if (t.kind === 'citaat') {
            out.push({ type: 'citaat', alias: t.alias, provision: t.provision, place: t.place })
            at++
            continue
          }
          if (t.kind === 'rechtsmiddel' || t.kind === 'pagina-einde') {
            out.push({ type: t.kind, place: t.place })
            at++
            continue
          }
          if (t.kind !== 'directive') {
            at++
            continue
          }
          const d = t.directive
          if (d.kind === 'open-als') {
            at++
            const whenTrue = blocks(true)
            let els: Block[] = []
            if (at < lines.length && isCloser(lines[at] as Line) === 'anders') {
              at++
              els = blocks(true)
            }
            expectClose(l, 'close-als')
            out.push({ type: 'if', cond: d.cond, whenTrue, else: els })
            continue
          }
          if (d.kind === 'open-elk') {
            at++
            const body = blocks(true)
            expectClose(l, 'close-elk')
            out.push({ type: 'each', ref: d.ref, body })
            continue
          }
          if (nested) return out
          const what = d.kind === 'anders' ? '`{{#anders}}`' : d.kind === 'close-als' ? '`{{/als}}`' : '`{{/elk}}`'
          s.error(`${what} zonder open blok ervoor`, t.place, 'sjabloon-blok')
          at++
          continue
        }
      }
    }
    return out
  }

  // The block parser and everything that reads its result recurse along the nesting of
  // `{{#als}}` and `{{#elk}}`: refuse a nesting no letter needs before it overflows the stack.
  let depth = 0
  for (const l of lines) {
    const d = l.alone?.kind === 'directive' ? l.alone.directive.kind : undefined
    if (d === 'open-als' || d === 'open-elk') depth++
    else if ((d === 'close-als' || d === 'close-elk') && depth > 0) depth--
    if (depth > MAX_TAG_NESTING) {
      tooDeepTags(s, { line: l.no, column: l.text.indexOf('{{') + 1 })
      return { blocks: [], errors: s.errors }
    }
  }
  const result = blocks(false)
  return { blocks: result, errors: s.errors }
}

/** Parse the inline template of a file name (`{{ personeelsnummer }}-{{ achternaam }}`). */
export function parseInlineTemplate(text: string, place: Point): { content: Inline[]; errors: SyntaxError[] } {
  const s = new Syntax()
  const ps = pieces(text, place.line, s, place.column - 1)
  const content = inlineContent(lineTokens(ps, s), s, place.line)
  return { content, errors: s.errors }
}
