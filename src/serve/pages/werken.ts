/** Flows 1 and 2: the list of regulations with the outcome of `check`, one work, its text on a date. */
import { readFileSync } from 'node:fs'
import type { Regeling } from '../../model/nodes.js'
import { isIsoDate } from '../../util/dates.js'
import { excerpt, findProvision } from '../../versions/find-provision.js'
import { versionAt } from '../../versions/version-at.js'
import type { Work } from '../../versions/work.js'
import { datum, esc, messageList, page, qs } from '../html.js'
import { checkAllWorks, historyMessages, listWorks, parseVersion, renderedOnce, workById } from '../library.js'
import { confine } from '../paths.js'
import { outlineHtml, regelingHtml } from '../render-regeling.js'
import { HttpError, type Reply, type Request } from '../server.js'

/** Today as `JJJJ-MM-DD` in local time. */
export function today(): string {
  const d = new Date()
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

export function titleOf(work: Work): string {
  return work.citeertitel ?? work.id
}

export function requireWork(id: string): Work {
  const work = workById(id)
  if (!work) throw new HttpError(404, `Er is geen regeling \`${id.slice(0, 100)}\` in regulations/`)
  return work
}

/** A date from a form field: empty is undefined, a wrong one is a Dutch 400. */
export function dateParam(value: string | null | undefined, label: string): string | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined
  if (!isIsoDate(value.trim()))
    throw new HttpError(400, `${label}: \`${value.slice(0, 40)}\` is geen bestaande datum; kies een datum (JJJJ-MM-DD)`)
  return value.trim()
}

/** The version in force today; else the last version, with the day it ended. */
function currentCell(w: Work, inForce: Work['versions'][number] | undefined): string {
  if (inForce) return esc(inForce.name)
  const last = w.versions.at(-1)
  if (!last) return ''
  const end = last.uitwerkingtreding ?? last.uitwerkingtredingAfgeleid
  return `${esc(last.name)}${end ? ` <span class="waarschuwing">(niet meer in werking sinds ${esc(datum(end))})</span>` : ' <span class="waarschuwing">(nog niet in werking)</span>'}`
}

export function regelingen(): Reply {
  const works = listWorks()
  const checks = checkAllWorks(works)
  const now = today()
  const rows = works.map((w) => {
    const current = versionAt(w, now, { mode: 'in-werking' })
    const c = checks.get(w.id)
    const outcome = c
      ? `<span class="${c.fouten ? 'fout' : c.waarschuwingen ? 'waarschuwing' : 'ok'}">${c.fouten} ${c.fouten === 1 ? 'fout' : 'fouten'}, ${c.waarschuwingen} ${c.waarschuwingen === 1 ? 'waarschuwing' : 'waarschuwingen'}</span>`
      : ''
    return `<tr><td><a href="/werk/${esc(encodeURIComponent(w.id))}">${esc(titleOf(w))}</a></td><td>${esc(w.id)}</td><td>${currentCell(w, current.ok ? current.version : undefined)}</td><td>${w.versions.length}</td><td>${outcome}</td></tr>`
  })
  const details = works
    .map((w) => {
      const c = checks.get(w.id)
      if (!c || c.messages.length === 0) return ''
      return `<section><h3>${esc(titleOf(w))}</h3>${messageList(c.messages)}</section>`
    })
    .join('')
  const body = `<h1>Regelingen</h1>
<p>De regelingen in <code>regulations/</code>, met de uitkomst van de controle (zoals <code>regelwerk check</code>).</p>
<table><caption class="vh">Regelingen</caption><thead><tr><th scope="col">Citeertitel</th><th scope="col">Werk</th><th scope="col">Huidige versie</th><th scope="col">Aantal versies</th><th scope="col">Controle</th></tr></thead>
<tbody>${rows.join('')}</tbody></table>
${works.length === 0 ? '<p>Er staan geen regelingen in <code>regulations/</code>.</p>' : ''}
${details ? `<h2>Meldingen</h2>${details}` : '<h2>Meldingen</h2><p class="ok">Geen fouten of waarschuwingen.</p>'}`
  return { kind: 'html', body: page({ title: 'Regelingen', current: '/' }, body) }
}

export function werk(id: string): Reply {
  const work = requireWork(id)
  const messages = historyMessages(work)
  const rows = work.versions.map(
    (v) =>
      `<tr><td><a href="/werk/${esc(encodeURIComponent(work.id))}/tekst${qs({ versie: v.name })}">${esc(v.name)}</a></td><td>${esc(datum(v.inwerkingtreding))}</td><td>${esc(datum(v.uitwerkingtreding ?? v.uitwerkingtredingAfgeleid))}</td><td>${esc(datum(v.terugwerkendeKracht))}</td><td>${esc(v.betreft ?? '')}</td><td>${esc(datum(v.ondertekening))}</td><td>${esc(v.bekendmaking ?? '')}</td><td><a href="/bestand${qs({ pad: v.path.split(/[\\/]/).join('/') })}">bron</a></td></tr>`,
  )
  const base = `/werk/${esc(encodeURIComponent(work.id))}`
  const body = `<h1>${esc(titleOf(work))}</h1>
<div class="knoppen"><a class="knop" href="/vergelijken${qs({ werk: work.id })}">Versies vergelijken</a><a class="knop licht" href="${base}/nieuw">Nieuwe versie</a><a class="knop licht" href="${base}/wijziging">Wijziging toepassen</a></div>
<h2>Versies</h2>
<table><thead><tr><th scope="col">Versie</th><th scope="col">Inwerkingtreding</th><th scope="col">Uitwerkingtreding</th><th scope="col">Terugwerkende kracht tot en met</th><th scope="col">Betreft</th><th scope="col">Ondertekening</th><th scope="col">Bron bekendmaking</th><th scope="col">Bestand</th></tr></thead><tbody>${rows.join('')}</tbody></table>
${messages.length ? `<h3>Meldingen bij de versies</h3>${messageList(messages)}` : ''}
<h2 id="op-datum">Tekst op datum</h2>
<form class="rij" method="get" action="${base}/tekst">
<label for="datum">Datum<input type="date" id="datum" name="datum" value="${esc(today())}" required></label>
<label for="bekend">Zoals bekend op (leeg: alles)<input type="date" id="bekend" name="bekend"></label>
<label for="artikel">Artikel of lid (leeg: hele tekst)<input type="text" id="artikel" name="artikel" placeholder="10, vijfde lid"></label>
<button type="submit">Toon tekst</button>
</form>`
  return { kind: 'html', body: page({ title: titleOf(work) }, body) }
}

export function tekst(id: string, req: Request): Reply {
  const work = requireWork(id)
  const p = req.url.searchParams
  const naam = p.get('versie')
  const at = dateParam(p.get('datum'), 'Datum')
  const knownOn = dateParam(p.get('bekend'), 'Zoals bekend op')
  const artikel = (p.get('artikel') ?? '').trim()
  let version = naam ? work.versions.find((v) => v.name === naam) : undefined
  let reden = ''
  if (naam && !version) throw new HttpError(404, `${titleOf(work)} heeft geen versie \`${naam.slice(0, 40)}\``)
  if (!version) {
    const found = versionAt(work, at ?? today(), { mode: 'geldig', knownOn })
    if (!found.ok) throw new HttpError(404, found.reden)
    version = found.version
    reden = found.reden
  }
  const parsed = parseVersion(version.path, work)
  const back = `<p><a href="/werk/${esc(encodeURIComponent(work.id))}">Terug naar ${esc(titleOf(work))}</a></p>`
  const shownPath = version.path.split(/[\\/]/).join('/')
  if (!parsed.result || parsed.blocking.length > 0) {
    const body = `<h1>${esc(titleOf(work))}</h1><p class="fout" role="alert">Versie ${esc(version.name)} heeft fouten; de tekst wordt niet getoond, want die kan onjuist zijn. Herstel eerst de regeling.</p>${messageList((parsed.blocking.length ? parsed.blocking : parsed.file.messages).map((m) => ({ m, path: shownPath })))}${back}`
    return { kind: 'html', status: 422, body: page({ title: titleOf(work) }, body) }
  }
  const tree = parsed.result.tree
  const heading = at
    ? `zoals geldend voor ${esc(datum(at))}${knownOn ? ` (bekend op ${esc(datum(knownOn))})` : ''}`
    : `versie ${esc(version.name)}`
  let main: string
  if (artikel) {
    const found = findProvision(tree, artikel)
    if (!found)
      throw new HttpError(
        404,
        `${titleOf(work)} heeft in versie ${version.name} geen ${/^\s*art/i.test(artikel) ? artikel.slice(0, 60) : `artikel ${artikel.slice(0, 60)}`}`,
      )
    main = `<h2>${esc(found.citaat)}</h2>${regelingHtml({ type: 'regeling', data: { meta: {} }, children: [excerpt(found)] }, 3)}`
  } else {
    main = textHtml(version.path, tree)
  }
  const form = `<form class="rij" method="get" action="/werk/${esc(encodeURIComponent(work.id))}/tekst">
<label for="datum">Datum<input type="date" id="datum" name="datum" value="${esc(at ?? '')}" required></label>
<label for="bekend">Zoals bekend op<input type="date" id="bekend" name="bekend" value="${esc(knownOn ?? '')}"></label>
<label for="artikel">Artikel of lid<input type="text" id="artikel" name="artikel" value="${esc(artikel)}" placeholder="10, vijfde lid"></label>
<button type="submit">Toon tekst</button></form>`
  const body = `<h1>${esc(titleOf(work))}</h1>
<p>${heading}. ${esc(reden)} Bestand: <a href="/bestand${qs({ pad: shownPath })}">${esc(shownPath)}</a>.</p>
${form}${main}${back}`
  return { kind: 'html', body: page({ title: `${titleOf(work)}: tekst` }, body) }
}

/** The outline and the whole text of a version, made once while its file is unchanged. */
export function textHtml(path: string, tree: Regeling): string {
  return renderedOnce(
    'tekst',
    [path],
    () =>
      `<nav aria-labelledby="inhoudsopgave" class="inhoud"><h2 id="inhoudsopgave">Inhoudsopgave</h2>${outlineHtml(tree)}</nav><h2>Tekst</h2>${regelingHtml(tree, 3)}`,
  )
}

/** A source file with line numbers; `#r12` marks line 12 (the place of a message). */
export function bestand(req: Request): Reply {
  const rel = req.url.searchParams.get('pad') ?? ''
  const path = confine(rel, ['regulations', 'templates', 'publicaties'])
  if (!/\.(md|ya?ml|csv)$/i.test(path))
    throw new HttpError(400, 'Alleen tekstbestanden (.md, .yaml, .csv) worden getoond')
  const regel = Number(req.url.searchParams.get('regel') ?? 0)
  const lines = readFileSync(path, 'utf8').split('\n')
  const html = lines
    .map(
      (l, i) =>
        `<span class="r${i + 1 === regel ? ' mark' : ''}" id="r${i + 1}"><span class="nr" aria-hidden="true">${i + 1}</span>${esc(l)}</span>`,
    )
    .join('')
  const body = `<h1>${esc(rel)}</h1><pre class="bron" tabindex="0" aria-label="Inhoud van ${esc(rel)}">${html}</pre>`
  return { kind: 'html', body: page({ title: rel }, body) }
}
