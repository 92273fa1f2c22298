/**
 * Flow 3: two versions (or the versions of two dates) → the renvooi in the page, and the downloads
 * `diff --format docx` (renvooi, was-wordt) and `amend` (Markdown, Word) make.
 */
import { AmendmentRefusal, generateAmendment } from '../../amend/generate.js'
import { diffRegelingen } from '../../diff/index.js'
import type { DiffResult } from '../../model/changes.js'
import { renderAmendmentMarkdown } from '../../render/amendment-markdown.js'
import { renderDiffHtml } from '../../render/html-diff.js'
import { isIsoDate } from '../../util/dates.js'
import { versionAt } from '../../versions/version-at.js'
import type { Version, Work } from '../../versions/work.js'
import { datum, esc, messageList, page, qs } from '../html.js'
import { listWorks, parseVersion, renderedOnce } from '../library.js'
import { HttpError, type Reply, type Request } from '../server.js'
import { requireWork, titleOf } from './werken.js'

/** A version by name, or the version that applies on a date (`2014-03-01`). */
function pick(work: Work, value: string, label: string): Version {
  const byName = work.versions.find((v) => v.name === value)
  if (byName) return byName
  if (!isIsoDate(value))
    throw new HttpError(
      400,
      `${label}: kies een versie of een datum (JJJJ-MM-DD); \`${value.slice(0, 40)}\` is geen van beide`,
    )
  const found = versionAt(work, value, { mode: 'geldig' })
  if (!found.ok) throw new HttpError(404, `${label}: ${found.reden}`)
  return found.version
}

export interface Compared {
  work: Work
  oud: Version
  nieuw: Version
  /** The diff (computed on first use). */
  readonly result: DiffResult
}

/** The diff of the two chosen versions; refuses (422 with the messages) a version with errors. */
export function compare(req: Request, known?: Work): Compared | Reply {
  const p = req.url.searchParams
  const work = known ?? requireWork(p.get('werk') ?? '')
  const oud = pick(work, (p.get('oudDatum') || p.get('oud')) ?? '', 'Oude versie')
  const nieuw = pick(work, (p.get('nieuwDatum') || p.get('nieuw')) ?? '', 'Nieuwe versie')
  const a = parseVersion(oud.path, work)
  const b = parseVersion(nieuw.path, work)
  for (const [v, x] of [
    [oud, a],
    [nieuw, b],
  ] as const) {
    if (!x.result || x.blocking.length > 0) {
      const path = v.path.split(/[\\/]/).join('/')
      const body = `<h1>Vergelijken</h1><p class="fout" role="alert">Versie ${esc(v.name)} heeft fouten; er wordt geen renvooi gemaakt, want die kan onjuist zijn.</p>${messageList((x.blocking.length ? x.blocking : x.file.messages).map((m) => ({ m, path })))}`
      return { kind: 'html', status: 422, body: page({ title: 'Vergelijken', current: '/vergelijken' }, body) }
    }
  }
  const ta = a.result?.tree
  const tb = b.result?.tree
  if (!ta || !tb) throw new HttpError(500, 'onbereikbaar')
  let diff: DiffResult | undefined
  return {
    work,
    oud,
    nieuw,
    get result() {
      diff ??= diffRegelingen(ta, tb)
      return diff
    },
  }
}

/**
 * The renvooi page of `renderDiffHtml`, taken into the app's page: its body, and its style scoped
 * to the renvooi block so that it does not restyle the app.
 */
export function embedRenvooi(html: string): string {
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? ''
  const body = /<body>([\s\S]*?)<\/body>/.exec(html)?.[1] ?? ''
  const inner = body
    .replace(/<header>/, '<div class="renvooi-kop">')
    .replace(/<\/header>/, '</div>')
    .replace(/<main>/, '<div>')
    .replace(/<\/main>/, '</div>')
    // The app's page has its own h1: the renvooi's headings move one level down.
    .replace(/<(\/?)h([1-5])\b/g, (_, slash: string, n: string) => `<${slash}h${Number(n) + 1}`)
  return `<style>${scopeCss(style, '.renvooi-frame')}</style><div class="renvooi-frame">${inner}</div>`
}

/** Prefix every selector of `css` with `scope` (`body`/`:root` become the scope); `@page` is dropped. */
export function scopeCss(css: string, scope: string): string {
  const out: string[] = []
  let i = 0
  while (i < css.length) {
    const open = css.indexOf('{', i)
    if (open < 0) break
    const selector = css.slice(i, open).trim()
    // the matching close brace
    let depth = 1
    let j = open + 1
    while (j < css.length && depth > 0) {
      if (css[j] === '{') depth++
      else if (css[j] === '}') depth--
      j++
    }
    const block = css.slice(open + 1, j - 1)
    if (selector.startsWith('@media')) out.push(`${selector}{${scopeCss(block, scope)}}`)
    else if (!selector.startsWith('@')) {
      const scoped = selector
        .split(',')
        .map((s) => s.trim())
        .map((s) => (s === 'body' || s === ':root' ? scope : `${scope} ${s}`))
        .join(',')
      out.push(`${scoped}{${block}}`)
    }
    i = j
  }
  return out.join('\n')
}

function versionOptions(work: Work, selected: string | undefined): string {
  return work.versions
    .map(
      (v) =>
        `<option value="${esc(v.name)}"${v.name === selected ? ' selected' : ''}>${esc(v.name)}${v.betreft ? ` (${esc(v.betreft)})` : ''}</option>`,
    )
    .join('')
}

export function vergelijken(req: Request): Reply {
  const p = req.url.searchParams
  const id = p.get('werk') ?? ''
  if (!id) {
    const items = listWorks()
      .filter((w) => w.versions.length > 0)
      .map(
        (w) =>
          `<li><a href="/vergelijken${qs({ werk: w.id })}">${esc(titleOf(w))}</a> (${w.versions.length} versies)</li>`,
      )
    const body = `<h1>Vergelijken</h1><p>Kies de regeling waarvan u twee versies wilt vergelijken.</p><ul>${items.join('')}</ul>`
    return { kind: 'html', body: page({ title: 'Vergelijken', current: '/vergelijken' }, body) }
  }
  const work = requireWork(id)
  const last = work.versions.at(-1)?.name
  const prev = work.versions.at(-2)?.name ?? last
  const oudSel = p.get('oud') ?? prev
  const nieuwSel = p.get('nieuw') ?? last
  const form = `<form class="rij" method="get" action="/vergelijken">
<input type="hidden" name="werk" value="${esc(work.id)}">
<fieldset><legend>Oude versie</legend><label for="oud">Versie<select id="oud" name="oud">${versionOptions(work, oudSel)}</select></label>
<label for="oudDatum">of geldend op datum<input type="date" id="oudDatum" name="oudDatum" value="${esc(p.get('oudDatum') ?? '')}"></label></fieldset>
<fieldset><legend>Nieuwe versie</legend><label for="nieuw">Versie<select id="nieuw" name="nieuw">${versionOptions(work, nieuwSel)}</select></label>
<label for="nieuwDatum">of geldend op datum<input type="date" id="nieuwDatum" name="nieuwDatum" value="${esc(p.get('nieuwDatum') ?? '')}"></label></fieldset>
<button type="submit" name="toon" value="1">Vergelijk</button></form>`
  let result = ''
  if (p.get('toon')) {
    const c = compare(req, work)
    if ('kind' in c) return c
    const params = {
      werk: work.id,
      oud: c.oud.name,
      nieuw: c.nieuw.name,
    }
    const dl = (formaat: string, label: string) =>
      `<a class="knop licht" href="/vergelijken/download${qs({ ...params, formaat })}" download>${esc(label)}</a>`
    result = `<h2>Verschil tussen versie ${esc(c.oud.name)} en versie ${esc(c.nieuw.name)}</h2>
<p>${esc(datum(c.oud.inwerkingtreding))} → ${esc(datum(c.nieuw.inwerkingtreding))}.</p>
<div class="knoppen">${dl('renvooi-docx', 'Renvooi (Word)')}${dl('waswordt-docx', 'Was-wordttabel (Word)')}${dl('besluit-md', 'Wijzigingsbesluit (Markdown)')}${dl('besluit-docx', 'Wijzigingsbesluit (Word)')}</div>
${renvooiHtml(c)}`
  }
  const body = `<h1>Vergelijken: ${esc(titleOf(work))}</h1>${work.versions.length < 2 ? '<p>Deze regeling heeft maar één versie.</p>' : ''}${form}${result}`
  return { kind: 'html', body: page({ title: `Vergelijken: ${titleOf(work)}`, current: '/vergelijken' }, body) }
}

/** The renvooi of two versions as the page shows it, made once while both files are unchanged. */
export function renvooiHtml(c: Pick<Compared, 'oud' | 'nieuw' | 'result'>): string {
  return renderedOnce('renvooi', [c.oud.path, c.nieuw.path], () => embedRenvooi(renderDiffHtml(c.result, {})))
}

/** A deterministic revision date: the new version's own date (as `regelwerk diff`). */
function revisionDate(result: DiffResult): Date {
  const d = result.nieuwMeta.inwerkingtreding ?? result.nieuwMeta.ondertekening
  return new Date(`${typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : '2000-01-01'}T00:00:00Z`)
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

export async function download(req: Request): Promise<Reply> {
  const c = compare(req)
  if ('kind' in c) return c
  const formaat = req.url.searchParams.get('formaat') ?? ''
  const stem = `${c.work.id}-${c.oud.name}-${c.nieuw.name}`
  switch (formaat) {
    case 'renvooi-docx':
    case 'waswordt-docx': {
      const { renderRenvooiDocx } = await import('../../render/docx-renvooi.js')
      const wasWordt = formaat === 'waswordt-docx'
      const body = await renderRenvooiDocx(c.result, { date: revisionDate(c.result), wasWordt })
      return { kind: 'file', name: `${wasWordt ? 'was-wordt' : 'renvooi'}-${stem}.docx`, type: DOCX, body }
    }
    case 'besluit-md':
    case 'besluit-docx': {
      let model: ReturnType<typeof generateAmendment>
      try {
        model = generateAmendment(c.result)
      } catch (error) {
        if (!(error instanceof AmendmentRefusal)) throw error
        throw new HttpError(422, `Er kan geen wijzigingsbesluit worden gemaakt: ${error.message}`)
      }
      if (formaat === 'besluit-md')
        return {
          kind: 'file',
          name: `wijzigingsbesluit-${stem}.md`,
          type: 'text/markdown; charset=utf-8',
          body: renderAmendmentMarkdown(model),
        }
      const { renderAmendmentDocx } = await import('../../render/amendment-docx.js')
      return {
        kind: 'file',
        name: `wijzigingsbesluit-${stem}.docx`,
        type: DOCX,
        body: await renderAmendmentDocx(model),
      }
    }
    default:
      throw new HttpError(400, `Onbekend formaat \`${formaat.slice(0, 40)}\``)
  }
}
