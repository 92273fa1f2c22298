/**
 * Flows 4 and 5: a new version edited in the browser (from `nieuwe-versie`), and a wijzigingsbesluit
 * or ledenbrief applied to a version (as `apply`). Both show the renvooi against the version before
 * and save the new version file; in a git repository the save is a commit in the user's name.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import { stringify } from 'yaml'
import { applyAmendment } from '../../amend/apply.js'
import { parseAmendment } from '../../amend/parse-amendment.js'
import { diffRegelingen } from '../../diff/index.js'
import { formatRegeling } from '../../format/markdown.js'
import type { Regeling } from '../../model/nodes.js'
import { parseText } from '../../parse/index.js'
import { renderDiffHtml } from '../../render/html-diff.js'
import { isIsoDate } from '../../util/dates.js'
import { writeFileAtomic } from '../../util/fs.js'
import { hasErrors, sortMessages } from '../../util/messages.js'
import { newVersion } from '../../versions/new-version.js'
import { versionMeta, type Work } from '../../versions/work.js'
import { esc, page } from '../html.js'
import { checkText, parseVersion } from '../library.js'
import { HttpError, type Reply, type Request } from '../server.js'
import { embedRenvooi } from './vergelijken.js'
import { dateParam, requireWork, titleOf } from './werken.js'

const slash = (p: string) => p.split(/[\\/]/).join('/')

function gitUser(): string {
  try {
    return execFileSync('git', ['config', 'user.name'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim()
  } catch {
    return ''
  }
}

/** Whether the served folder is (inside) a git work tree. */
function inGit(): boolean {
  try {
    return (
      execFileSync('git', ['rev-parse', '--is-inside-work-tree'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim() === 'true'
    )
  } catch {
    return false
  }
}

/**
 * Commit `paths` with `naam` as author and committer and a message naming the version: the audit
 * trail of who changed what. Returns the commit's short hash.
 */
function commit(paths: string[], naam: string, message: string): string {
  const email = (() => {
    try {
      return execFileSync('git', ['config', 'user.email'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim()
    } catch {
      return ''
    }
  })()
  const id = ['-c', `user.name=${naam}`, '-c', `user.email=${email || 'regelwerk@localhost'}`]
  execFileSync('git', ['add', '--', ...paths], { stdio: 'ignore' })
  execFileSync('git', [...id, 'commit', '-q', '-m', message, '--', ...paths], { stdio: 'ignore' })
  return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim()
}

function messagesJson(messages: readonly VFileMessage[]) {
  return messages.map((m) => ({
    regel: m.line ?? 1,
    kolom: m.column ?? 1,
    eindRegel: m.place && 'end' in m.place ? m.place.end.line : (m.line ?? 1),
    eindKolom: m.place && 'end' in m.place ? m.place.end.column : undefined,
    ernst: m.fatal === true ? 'fout' : m.fatal === false ? 'waarschuwing' : 'info',
    bericht: m.reason,
    regelId: m.ruleId ?? null,
  }))
}

function placedList(messages: readonly VFileMessage[], path: string): string {
  if (messages.length === 0) return '<p class="ok">Geen meldingen.</p>'
  return `<ul class="meldingen">${messages
    .map((m) => {
      const e = m.fatal === true ? 'fout' : m.fatal === false ? 'waarschuwing' : 'info'
      return `<li class="${e}"><a href="#r${m.line ?? 1}">${esc(`${path}:${m.line ?? 1}:${m.column ?? 1}`)}</a>: <strong>${e}</strong> ${esc(m.reason)}${m.ruleId ? ` [${esc(m.ruleId)}]` : ''}</li>`
    })
    .join('')}</ul>`
}

/** A text with line numbers, the lines of `marked` highlighted (the place of a message). */
function numbered(text: string, marked: Set<number>): string {
  return `<pre class="bron" tabindex="0" aria-label="Ingevoerde tekst met regelnummers">${text
    .split('\n')
    .map(
      (l, i) =>
        `<span class="r${marked.has(i + 1) ? ' mark' : ''}" id="r${i + 1}"><span class="nr" aria-hidden="true">${i + 1}</span>${esc(l)}</span>`,
    )
    .join('')}</pre>`
}

// ---- Flow 4: nieuwe versie --------------------------------------------------------------------------

export function nieuwForm(id: string, _req: Request, problem?: string): Reply {
  const work = requireWork(id)
  const body = `<h1>Nieuwe versie: ${esc(titleOf(work))}</h1>
<p>De nieuwe versie begint als kopie van de versie die op de dag ervoor in werking is (zoals <code>regelwerk nieuwe-versie</code>). Daarna past u de tekst aan.</p>
${problem ? `<p class="fout" role="alert">${esc(problem)}</p>` : ''}
<form method="post" action="/werk/${esc(encodeURIComponent(work.id))}/nieuw" class="kader">
<p><label for="per">Datum van inwerkingtreding<input type="date" id="per" name="per" required></label></p>
<p><label for="bekendgemaakt">Datum van bekendmaking (als bekend)<input type="date" id="bekendgemaakt" name="bekendgemaakt"></label></p>
<p><label for="betreft">Betreft<input type="text" id="betreft" name="betreft" placeholder="wijziging artikel 10" size="40"></label></p>
<p><button type="submit">Begin de nieuwe versie</button></p></form>`
  return { kind: 'html', status: problem ? 400 : 200, body: page({ title: 'Nieuwe versie' }, body) }
}

function editorPage(
  work: Work,
  fields: { per: string; bekendgemaakt: string; betreft: string; basis: string; tekst: string; naam: string },
  extra: string,
  status = 200,
): Reply {
  const base = `/werk/${esc(encodeURIComponent(work.id))}`
  const path = slash(join(work.dir, `${fields.per}.md`))
  const body = `<h1>Nieuwe versie per ${esc(fields.per)}: ${esc(titleOf(work))}</h1>
<p>Uitgaande van versie ${esc(fields.basis)}. Nieuw bestand: <code>${esc(path)}</code>. Meldingen van de controle verschijnen bij hun regel terwijl u typt.</p>
${extra}
<form method="post" action="${base}/opslaan" class="editor">
<input type="hidden" name="per" value="${esc(fields.per)}"><input type="hidden" name="bekendgemaakt" value="${esc(fields.bekendgemaakt)}">
<input type="hidden" name="betreft" value="${esc(fields.betreft)}"><input type="hidden" name="basis" value="${esc(fields.basis)}">
<label for="tekst">Tekst van de nieuwe versie (Markdown)</label>
<textarea id="tekst" name="tekst" data-controle="${base}/controle" data-pad="${esc(path)}" spellcheck="false">${esc(fields.tekst)}</textarea>
<p><label for="naam">Uw naam (voor de vastlegging van de wijziging)<input type="text" id="naam" name="naam" value="${esc(fields.naam)}" required autocomplete="name"></label></p>
<div class="knoppen"><button type="submit" formaction="${base}/verschil" class="licht knop">Toon verschil met de vorige versie</button><button type="submit">Sla op als nieuwe versie</button></div>
</form>`
  return { kind: 'html', status, body: page({ title: 'Nieuwe versie', scripts: ['editor.js'] }, body) }
}

async function editorFields(req: Request) {
  const f = await req.form()
  const s = (k: string) => String(f.get(k) ?? '')
  return {
    per: s('per'),
    bekendgemaakt: s('bekendgemaakt'),
    betreft: s('betreft'),
    basis: s('basis'),
    tekst: s('tekst').replace(/\r\n/g, '\n'),
    naam: s('naam').trim(),
  }
}

export async function nieuwStart(id: string, req: Request): Promise<Reply> {
  const work = requireWork(id)
  const f = await req.form()
  let per: string | undefined
  let bekendgemaakt: string | undefined
  try {
    per = dateParam(String(f.get('per') ?? ''), 'Datum van inwerkingtreding')
    bekendgemaakt = dateParam(String(f.get('bekendgemaakt') ?? ''), 'Datum van bekendmaking')
  } catch (error) {
    if (error instanceof HttpError) return nieuwForm(id, req, error.message)
    throw error
  }
  if (!per) return nieuwForm(id, req, 'Kies de datum van inwerkingtreding')
  const betreft = String(f.get('betreft') ?? '')
  const made = newVersion(work, { per, bekendgemaakt, betreft })
  if (!made.ok) return nieuwForm(id, req, made.reden)
  if (existsSync(made.file.path))
    return nieuwForm(id, req, `\`${slash(made.file.path)}\` bestaat al; er wordt niets overschreven`)
  const todo = `<div class="kader"><p>Nog te doen:</p><ul>${made.todo.map((t) => `<li>${esc(t)}</li>`).join('')}</ul></div>`
  return editorPage(
    work,
    { per, bekendgemaakt: bekendgemaakt ?? '', betreft, basis: made.base.name, tekst: made.file.text, naam: gitUser() },
    todo,
  )
}

/** The editor's lint source: the messages of `check` for the text as typed (JSON). */
export async function controle(id: string, req: Request): Promise<Reply> {
  const work = requireWork(id)
  const body = await req.body()
  let tekst: string
  let pad: string
  try {
    const json = JSON.parse(body.toString('utf8')) as { tekst?: unknown; pad?: unknown }
    tekst = typeof json.tekst === 'string' ? json.tekst : ''
    pad = typeof json.pad === 'string' ? json.pad : join(work.dir, 'nieuw.md')
  } catch {
    throw new HttpError(400, 'Het verzoek kon niet worden gelezen')
  }
  return { kind: 'json', body: { berichten: messagesJson(checkText(tekst, pad, work)) } }
}

function textTree(work: Work, tekst: string, path: string): { tree?: Regeling; messages: VFileMessage[] } {
  const file = new VFile({ path, value: tekst })
  const result = parseText(tekst, file)
  const messages = checkText(tekst, path, work)
  if (result.text === undefined || messages.some((m) => m.fatal === true)) return { messages }
  result.tree.data.meta = versionMeta(path, result.tree.data.meta)
  return { tree: result.tree, messages }
}

function baseTree(work: Work, name: string): Regeling {
  const v = work.versions.find((x) => x.name === name)
  if (!v) throw new HttpError(400, `${titleOf(work)} heeft geen versie \`${name.slice(0, 40)}\``)
  const parsed = parseVersion(v.path, work)
  if (!parsed.result || parsed.blocking.length > 0)
    throw new HttpError(422, `Versie ${v.name} heeft fouten; herstel die eerst (zie de pagina Regelingen)`)
  return parsed.result.tree
}

export async function verschil(id: string, req: Request): Promise<Reply> {
  const work = requireWork(id)
  const fields = await editorFields(req)
  if (!isIsoDate(fields.per)) throw new HttpError(400, 'De datum van inwerkingtreding ontbreekt; begin opnieuw')
  const path = join(work.dir, `${fields.per}.md`)
  const { tree, messages } = textTree(work, fields.tekst, path)
  let extra: string
  if (!tree) {
    extra = `<h2>Controle</h2><p class="fout" role="alert">De tekst heeft fouten; herstel die eerst.</p>${placedList(messages, slash(path))}`
  } else {
    const diff = diffRegelingen(baseTree(work, fields.basis), tree)
    extra = `<h2>Verschil met versie ${esc(fields.basis)}</h2><p>${diff.changes.length} wijzigingen.</p>${embedRenvooi(renderDiffHtml(diff, {}))}`
  }
  return editorPage(work, fields, extra)
}

export async function opslaan(id: string, req: Request): Promise<Reply> {
  const work = requireWork(id)
  const fields = await editorFields(req)
  if (!isIsoDate(fields.per)) throw new HttpError(400, 'De datum van inwerkingtreding ontbreekt; begin opnieuw')
  if (!fields.naam) return editorPage(work, fields, '<p class="fout" role="alert">Vul uw naam in.</p>', 400)
  const made = newVersion(work, {
    per: fields.per,
    bekendgemaakt: fields.bekendgemaakt || undefined,
    betreft: fields.betreft,
  })
  if (!made.ok) return editorPage(work, fields, `<p class="fout" role="alert">${esc(made.reden)}</p>`, 400)
  if (existsSync(made.file.path))
    return editorPage(
      work,
      fields,
      `<p class="fout" role="alert">\`${esc(slash(made.file.path))}\` bestaat al; er wordt niets overschreven.</p>`,
      409,
    )
  const { tree, messages } = textTree(work, fields.tekst, made.file.path)
  if (!tree)
    return editorPage(
      work,
      fields,
      `<h2>Niet opgeslagen</h2><p class="fout" role="alert">De tekst heeft fouten; er is niets opgeslagen.</p>${placedList(messages, slash(made.file.path))}`,
      422,
    )
  const tekst = fields.tekst.endsWith('\n') ? fields.tekst : `${fields.tekst}\n`
  const written = saveFiles(made.file.path, tekst, made.baseUpdate)
  const git = inGit()
    ? commit(
        written,
        fields.naam,
        `Nieuwe versie ${fields.per} van ${titleOf(work)}${fields.betreft ? `: ${fields.betreft}` : ''}`,
      )
    : undefined
  return saved(work, made.file.path, git)
}

/** Write the new version (and the base's moved uitwerkingtreding): both or neither. */
function saveFiles(path: string, text: string, baseUpdate: { path: string; text: string } | undefined): string[] {
  writeFileAtomic(path, text)
  if (!baseUpdate) return [path]
  try {
    writeFileAtomic(baseUpdate.path, baseUpdate.text)
  } catch (error) {
    rmSync(path, { force: true })
    throw error
  }
  return [path, baseUpdate.path]
}

function saved(work: Work, path: string, git: string | undefined): Reply {
  const body = `<h1>Opgeslagen</h1><p class="ok" role="status">De nieuwe versie is opgeslagen als <code>${esc(slash(path))}</code>${git ? ` en vastgelegd in git (commit <code>${esc(git)}</code>)` : ''}.</p>
<p><a href="/werk/${esc(encodeURIComponent(work.id))}">Naar ${esc(titleOf(work))}</a></p>`
  return { kind: 'html', body: page({ title: 'Opgeslagen' }, body) }
}

// ---- Flow 5: wijziging toepassen ------------------------------------------------------------------

export function wijzigingForm(id: string, _req: Request, tekst = '', basis?: string, extra = ''): Reply {
  const work = requireWork(id)
  const options = work.versions
    .map(
      (v) =>
        `<option value="${esc(v.name)}"${v.name === (basis ?? work.versions.at(-1)?.name) ? ' selected' : ''}>${esc(v.name)}${v.betreft ? ` (${esc(v.betreft)})` : ''}</option>`,
    )
    .join('')
  const base = `/werk/${esc(encodeURIComponent(work.id))}/wijziging`
  const body = `<h1>Wijziging toepassen: ${esc(titleOf(work))}</h1>
<p>Plak een wijzigingsbesluit of ledenbrief (of kies het bestand). Eerst ziet u wat elke opdracht doet en de renvooi; daarna kunt u de nieuwe versie opslaan.</p>
<form method="post" action="${base}" enctype="multipart/form-data" class="kader">
<p><label for="basis">Versie waarop de wijziging wordt toegepast<select id="basis" name="basis">${options}</select></label></p>
<p><label for="besluit">Tekst van het besluit</label><textarea id="besluit" name="besluit" rows="14" style="width:100%">${esc(tekst)}</textarea></p>
<p><label for="bestand">of een bestand (.md of .txt)<input type="file" id="bestand" name="bestand" accept=".md,.txt"></label></p>
<p><label for="naam">Uw naam (voor de vastlegging bij opslaan)<input type="text" id="naam" name="naam" value="${esc(gitUser())}" autocomplete="name"></label></p>
<div class="knoppen"><button type="submit" name="stap" value="lees">Lees de opdrachten</button><button type="submit" name="stap" value="opslaan" class="knop licht">Pas toe en sla op</button></div>
</form>${extra}`
  return { kind: 'html', body: page({ title: 'Wijziging toepassen' }, body) }
}

export async function wijzigingLees(id: string, req: Request): Promise<Reply> {
  const work = requireWork(id)
  const f = await req.form()
  const upload = f.get('bestand')
  let tekst = String(f.get('besluit') ?? '').replace(/\r\n/g, '\n')
  if (upload instanceof File && upload.size > 0) {
    if (upload.size > 10 * 1024 * 1024) throw new HttpError(413, 'Het bestand is groter dan 10 MB')
    tekst = new TextDecoder('utf-8')
      .decode(await upload.arrayBuffer())
      .replace(/^\uFEFF/, '')
      .replace(/\r\n/g, '\n')
  }
  const basis = String(f.get('basis') ?? '')
  const naam = String(f.get('naam') ?? '').trim()
  const opslaan = f.get('stap') === 'opslaan'
  const path = 'besluit.md'
  if (tekst.trim() === '')
    return wijzigingForm(
      id,
      req,
      tekst,
      basis,
      '<p class="fout" role="alert">Plak de tekst van het besluit of kies een bestand.</p>',
    )
  const file = new VFile({ path, value: tekst })
  const read = parseAmendment(tekst, file)
  if (read.opdrachten.length === 0 && !hasErrors(file))
    file.message('Er staan geen wijzigingsopdrachten in deze tekst', {
      place: { line: 1, column: 1 },
      ruleId: 'wijziging-leeg',
    }).fatal = true
  const base = baseTree(work, basis)
  const result = hasErrors(file)
    ? undefined
    : applyAmendment(base, read, file, { bron: `besluit toegepast op ${basis}.md` })
  const messages = sortMessages(file.messages)
  const marked = new Set(messages.filter((m) => m.fatal === true).map((m) => m.line ?? 1))
  const lijst = read.opdrachten.length
    ? `<h2>Opdrachten</h2><table><thead><tr><th scope="col">Onderdeel</th><th scope="col">Opdracht</th><th scope="col">Regel</th></tr></thead><tbody>${read.opdrachten
        .map(
          (o) =>
            `<tr><td>${esc(o.label)}</td><td>${esc(o.tekst)}</td><td><a href="#r${o.line}">${o.line}</a></td></tr>`,
        )
        .join('')}</tbody></table>`
    : ''
  if (!result || hasErrors(file)) {
    const extra = `<h2>Controle</h2><p class="fout" role="alert">Het besluit kan niet worden toegepast; er is niets opgeslagen.</p>${placedList(messages, path)}${lijst}<h2>Ingevoerde tekst</h2>${numbered(tekst, marked)}`
    const reply = wijzigingForm(id, req, tekst, basis, extra)
    return { ...reply, status: 422 } as Reply
  }
  const meta = { ...result.tree.data.meta }
  const per = typeof meta.inwerkingtreding === 'string' ? meta.inwerkingtreding : undefined
  if (opslaan) {
    if (!per || !isIsoDate(per))
      return wijzigingForm(
        id,
        req,
        tekst,
        basis,
        '<p class="fout" role="alert">Het besluit noemt geen datum van inwerkingtreding (ARTIKEL II); de nieuwe versie kan geen bestandsnaam krijgen.</p>',
      )
    if (!naam) return wijzigingForm(id, req, tekst, basis, '<p class="fout" role="alert">Vul uw naam in.</p>')
    const target = join(work.dir, `${per}.md`)
    if (existsSync(target))
      return wijzigingForm(
        id,
        req,
        tekst,
        basis,
        `<p class="fout" role="alert">\`${esc(slash(target))}\` bestaat al; er wordt niets overschreven.</p>`,
      )
    if (meta.deeltekst === 'true' || meta.deeltekst === 'false') meta.deeltekst = meta.deeltekst === 'true'
    const output = formatRegeling(result.tree, { frontMatter: stringify(meta, { lineWidth: 0 }) })
    writeFileAtomic(target, output)
    const git = inGit()
      ? commit([target], naam, `Nieuwe versie ${per} van ${titleOf(work)}: wijziging toegepast op ${basis}`)
      : undefined
    return saved(work, target, git)
  }
  const diff = diffRegelingen(base, result.tree)
  const extra = `${placedList(messages, path)}${lijst}<h2>Renvooi</h2><p>${result.toegepast} opdrachten toegepast${per ? `; de nieuwe versie gaat in op ${esc(per)}` : ''}.</p>${embedRenvooi(renderDiffHtml(diff, {}))}`
  return wijzigingForm(id, req, tekst, basis, extra)
}
