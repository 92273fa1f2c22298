/**
 * The app's pages: one layout (Dutch, `lang="nl"`, a skip link, a navigation bar, printable) and
 * small helpers. Every value from a file or a form goes through `esc`.
 */
import type { VFileMessage } from 'vfile-message'
import { esc as escText } from '../render/html-diff.js'
import { formatDutchDate } from '../util/dates.js'

/** HTML-escape any value (undefined and null as empty) for element content and quoted attribute values. */
export function esc(text: unknown): string {
  return escText(String(text ?? ''))
}

/** A query string from the defined values. */
export function qs(values: Record<string, string | number | undefined>): string {
  const p = new URLSearchParams()
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== '') p.set(k, String(v))
  const s = p.toString()
  return s ? `?${s}` : ''
}

/** `3 januari 2013`, or an empty string. */
export function datum(iso: string | undefined): string {
  return iso ? formatDutchDate(iso) : ''
}

const NAV: Array<[string, string]> = [
  ['/', 'Regelingen'],
  ['/vergelijken', 'Vergelijken'],
  ['/brieven', 'Brieven'],
  ['/publiceren', 'Publiceren'],
]

const CSS = `
:root{--blauw:#154273;--rand:#b4b4b4;--fout:#a50e0e;--waarsch:#6b4a00;--ok:#1d6b2f}
*{box-sizing:border-box}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0;color:#1a1a1a;background:#fff}
a{color:var(--blauw)}
a:focus,button:focus,input:focus,select:focus,textarea:focus,summary:focus{outline:3px solid #ffbf47;outline-offset:2px}
.skip{position:absolute;left:-9999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:2}
header.app{background:var(--blauw);color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:1rem;align-items:center}
header.app a{color:#fff}
header.app .naam{font-weight:700;margin-right:1rem;text-decoration:none}
header.app nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:1rem;margin:0;padding:0}
header.app nav a[aria-current=page]{font-weight:700;text-decoration-thickness:3px}
main{max-width:72rem;margin:0 auto;padding:1rem}
table{border-collapse:collapse;margin:1rem 0;width:100%}
th,td{border:1px solid var(--rand);padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#eef2f7}
.fout{color:var(--fout)}.waarschuwing{color:var(--waarsch)}.ok{color:var(--ok)}
.meldingen li{margin:.2rem 0}
form.rij{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-end;margin:1rem 0}
form.rij label,fieldset label{display:flex;flex-direction:column;font-weight:600}
input,select,textarea,button{font:inherit}
input,select,textarea{border:1px solid #555;padding:.3rem;border-radius:2px}
button,.knop{background:var(--blauw);color:#fff;border:0;padding:.45rem 1rem;border-radius:3px;cursor:pointer;text-decoration:none;display:inline-block}
.knop.licht{background:#e6ebf2;color:var(--blauw)}
.knoppen{display:flex;flex-wrap:wrap;gap:.75rem;margin:1rem 0}
.tekst{max-width:48rem}
.tekst section{margin:0 0 1rem}
.tekst .lid,.tekst .onderdeel,.tekst .subonderdeel{display:flex;gap:.5rem}
.tekst .num{min-width:2rem;flex:none}
.tekst .onderdeel,.tekst .subonderdeel{margin-left:1.5rem}
.tekst .blok{white-space:pre-wrap}
.inhoud{columns:2 18rem;font-size:.95rem}
.inhoud ul{margin:.2rem 0;padding-left:1.2rem}
pre.bron{overflow:auto;border:1px solid var(--rand);padding:.5rem;counter-reset:r}
pre.bron span.r{display:block}
pre.bron span.r:target,pre.bron span.r.mark{background:#fff3c4}
pre.bron span.nr{display:inline-block;width:3.5rem;color:#595959;user-select:none}
.renvooi-frame ins{text-decoration:underline;background:#e6f4ea;color:inherit}
.renvooi-frame del{text-decoration:line-through;background:#fce8e6;color:inherit}
progress{width:100%;height:1.5rem}
.cm-editor{border:1px solid #555;min-height:24rem}
.editor textarea{width:100%;min-height:24rem;font-family:ui-monospace,Consolas,monospace}
.kader{border:1px solid var(--rand);padding:1rem;margin:1rem 0}
.brief p{margin:.3rem 0}
@media print{header.app,.knoppen,form,.skip{display:none}main{max-width:none;padding:0}a{color:inherit;text-decoration:none}}
`

export interface PageOptions {
  title: string
  /** The navigation entry to mark as current. */
  current?: string
  /** Scripts of the app (served from /static/). */
  scripts?: string[]
}

/** A whole page. */
export function page(options: PageOptions, body: string): string {
  const nav = NAV.map(
    ([href, label]) =>
      `<li><a href="${href}"${options.current === href ? ' aria-current="page"' : ''}>${esc(label)}</a></li>`,
  ).join('')
  const scripts = (options.scripts ?? []).map((s) => `<script type="module" src="/static/${esc(s)}"></script>`)
  return [
    '<!doctype html>',
    '<html lang="nl">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(options.title)} · regelwerk</title>`,
    `<style>${CSS}</style>`,
    ...scripts,
    '</head>',
    '<body>',
    '<a class="skip" href="#inhoud">Naar de inhoud</a>',
    `<header class="app"><a class="naam" href="/">regelwerk</a><nav aria-label="Hoofdmenu"><ul>${nav}</ul></nav></header>`,
    `<main id="inhoud" tabindex="-1">`,
    body,
    '</main>',
    '</body>',
    '</html>',
  ].join('\n')
}

/** `fout`, `waarschuwing` or `info`. */
export function ernst(m: VFileMessage): 'fout' | 'waarschuwing' | 'info' {
  return m.fatal === true ? 'fout' : m.fatal === false ? 'waarschuwing' : 'info'
}

/** Messages as a list, each linking to its place in the file viewer. */
export function messageList(items: Array<{ m: VFileMessage; path: string }>): string {
  if (items.length === 0) return '<p class="ok">Geen meldingen.</p>'
  const li = items.map(({ m, path }) => {
    const line = m.line ?? 1
    const col = m.column ?? 1
    const href = `/bestand${qs({ pad: path, regel: line })}#r${line}`
    const e = ernst(m)
    return `<li class="${e}"><a href="${esc(href)}">${esc(`${path}:${line}:${col}`)}</a>: <strong>${e}</strong> ${esc(m.reason)}${m.ruleId ? ` <span class="regel-id">[${esc(m.ruleId)}]</span>` : ''}</li>`
  })
  return `<ul class="meldingen">${li.join('')}</ul>`
}

/** A Dutch error page body. */
export function melding(title: string, text: string): string {
  return `<h1>${esc(title)}</h1><p class="fout" role="alert">${esc(text)}</p><p><a href="/">Terug naar de regelingen</a></p>`
}
