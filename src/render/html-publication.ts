/**
 * `publish --format html`: the publication as one accessible, self-contained page (inline CSS, no
 * scripts, no external resources), `lang="nl"`.
 *
 * Outline: h1 is the opschrift; the table of contents, the toelichting and the bijlagen are h2,
 * and the regulation's own structure follows by nesting (a hoofdstuk h2, an artikel in it h3).
 * Every artikel, lid and onderdeel carries its stable id (`hfd_1__art_1__lid_2`) as its anchor,
 * so `…#hfd_1__art_1` links survive a new version; the table of contents links to the headings.
 * The print CSS sets A4 and keeps headings with what follows.
 */
import type { KopBlock, PubBlock, Publicatie, PublicatieMetadata, Run } from '../model/publication.js'
import { formatDutchDate } from '../util/dates.js'
import { esc } from './html-diff.js'

function runsHtml(runs: readonly Run[]): string {
  return runs
    .map((r) => {
      let h = esc(r.text)
      if (r.italic) h = `<em>${h}</em>`
      if (r.bold) h = `<strong>${h}</strong>`
      // Only web links become links: a relative target from a regulation would not resolve here.
      if (r.href && /^https?:\/\//i.test(r.href)) h = `<a href="${esc(r.href)}">${h}</a>`
      return h
    })
    .join('')
}

function idAttr(id: string | undefined): string {
  return id ? ` id="${esc(id)}"` : ''
}

/** Heading tag for a block heading: its level inside the part, one below the part's own level. */
function hTag(level: number, offset: number): string {
  return `h${Math.min(6, level + offset)}`
}

function blocksHtml(blocks: readonly PubBlock[], offset: number): string {
  const out: string[] = []
  for (const b of blocks) {
    switch (b.kind) {
      case 'kop': {
        const tag = hTag(b.level, offset)
        out.push(`<${tag}${idAttr(b.id)} class="${b.rol}">${runsHtml(b.runs)}</${tag}>`)
        break
      }
      case 'alinea':
        if (b.depth === 0) out.push(`<p${idAttr(b.id)}>${runsHtml(b.runs)}</p>`)
        else
          out.push(
            `<div class="item d${b.depth}${b.citaat ? ' citaat' : ''}"${idAttr(b.id)}><span class="nr">${b.num ? esc(b.num) : ''}</span><p class="inhoud">${runsHtml(b.runs)}</p></div>`,
          )
        break
      case 'tabel': {
        const [head, ...rows] = b.rows
        const align = (k: number) => {
          const a = b.align?.[k]
          return a ? ` style="text-align:${a}"` : ''
        }
        const cells = (row: Run[][], tag: string) =>
          row.map((c, k) => `<${tag}${tag === 'th' ? ' scope="col"' : ''}${align(k)}>${runsHtml(c)}</${tag}>`).join('')
        out.push(
          `<table>${head ? `<thead><tr>${cells(head, 'th')}</tr></thead>` : ''}<tbody>${rows.map((r) => `<tr>${cells(r, 'td')}</tr>`).join('')}</tbody></table>`,
        )
        break
      }
      case 'ondertekenaars':
        out.push(
          `<div class="ondertekenaars">${b.ondertekenaars.map((o) => `<p class="ondertekenaar">${esc(o.functie)}<br><strong>${esc(o.naam)}</strong></p>`).join('')}</div>`,
        )
        break
    }
  }
  return out.join('\n')
}

function date(iso: string | null): string | null {
  return iso ? formatDutchDate(iso) : null
}

/** The metadata rows shown under the title (the same fields as the JSON). */
export function metadataRows(m: PublicatieMetadata): Array<[string, string]> {
  const rows: Array<[string, string | null]> = [
    ['Organisatie', m.organisatie],
    ['Soort organisatie', m.soortOrganisatie],
    ['Soort besluit', m.soortBesluit],
    ['Officiële titel', m.officieleTitel],
    ['Citeertitel', m.citeertitel],
    ['Vastgesteld door', m.vastgesteldDoor],
    ['Onderwerp', m.onderwerp],
    ['Juridische grondslagen', m.juridischeGrondslagen.join('; ') || null],
    ['Datum ondertekening', date(m.datumOndertekening)],
    ['Datum bekendmaking', date(m.datumBekendmaking)],
    ['Inwerkingtreding', date(m.inwerkingtreding)],
    ['Terugwerkende kracht tot en met', date(m.terugwerkendeKracht)],
    ['Betreft', m.betreft],
    ['Kenmerk', m.kenmerk],
    [
      'Wijzigt',
      m.wijzigt
        ? `${m.wijzigt.citeertitel ?? m.wijzigt.werk}, ${
            m.wijzigt.inwerkingtreding
              ? `versie van ${formatDutchDate(m.wijzigt.inwerkingtreding)}`
              : /@\d{4}-\d{2}-\d{2}$/.test(m.wijzigt.versie)
                ? `de tekst zoals die gold op ${formatDutchDate(m.wijzigt.versie.slice(-10))}`
                : 'de tekst vóór deze wijziging'
          }`
        : null,
    ],
  ]
  return rows.filter((r): r is [string, string] => r[1] !== null && r[1] !== '')
}

/** The headings with an id, for the table of contents (hoofdstukken and artikelen, toelichting, bijlagen). */
function tocEntries(p: Publicatie): KopBlock[] {
  return [...p.dictum, ...p.toelichting, ...p.bijlagen].filter(
    (b): b is KopBlock =>
      b.kind === 'kop' &&
      b.id !== undefined &&
      ['titel', 'hoofdstuk', 'afdeling', 'paragraaf', 'artikel', 'toelichting', 'bijlage'].includes(b.rol),
  )
}

/** From this many entries the table of contents is set in two columns. */
export const TOC_COLUMNS_FROM = 12

function tocHtml(entries: readonly KopBlock[]): string {
  if (entries.length === 0) return ''
  const items = entries
    .map((e) => `<li class="l${e.level}"><a href="#${esc(e.id as string)}">${runsHtml(e.runs)}</a></li>`)
    .join('\n')
  // Two columns only for a long list: three entries in two columns read as a broken layout.
  const cls = entries.length >= TOC_COLUMNS_FROM ? ' class="kolommen"' : ''
  return `<nav class="inhoud" aria-labelledby="inhoud-kop">\n<h2 id="inhoud-kop">Inhoud</h2>\n<ul${cls}>\n${items}\n</ul>\n</nav>`
}

/** The publication as one HTML page. */
export function renderPublicationHtml(p: Publicatie): string {
  const m = p.metadata
  const rows = metadataRows(m)
    .map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`)
    .join('\n')
  const section = (id: string, label: string, html: string) =>
    html ? `<section id="${id}" aria-label="${esc(label)}">\n${html}\n</section>` : ''
  return [
    '<!doctype html>',
    '<html lang="nl">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(p.opschrift)}</title>`,
    `<style>\n${CSS}\n</style>`,
    '</head>',
    '<body>',
    '<a class="vh focusbaar" href="#deel-tekst">Naar de tekst</a>',
    '<header>',
    `<p class="soort">${esc(['Publicatietekst', m.organisatie].filter(Boolean).join(' · '))}</p>`,
    p.voorbeeldmelding ? `<p class="voorbeeld" role="note">${esc(p.voorbeeldmelding)}</p>` : '',
    `<h1>${esc(p.opschrift)}</h1>`,
    `<dl class="gegevens" aria-label="Gegevens van de publicatie">\n${rows}\n</dl>`,
    '</header>',
    tocHtml(tocEntries(p)),
    '<main id="deel-tekst">',
    section('deel-aanhef', 'Aanhef', blocksHtml(p.aanhef, 1)),
    p.besluit ? `<p class="besluit">${esc(p.besluit)}</p>` : '',
    section('deel-dictum', 'Besluit', blocksHtml(p.dictum, 1)),
    section('deel-ondertekening', 'Ondertekening', blocksHtml(p.ondertekening, 1)),
    section('deel-toelichting', 'Toelichting', blocksHtml(p.toelichting, 1)),
    section('deel-bijlagen', 'Bijlagen', blocksHtml(p.bijlagen, 1)),
    '</main>',
    '</body>',
    '</html>',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n')
}

const CSS = `
:root { color-scheme: light; }
body { font: 11pt/1.55 "Liberation Serif", "Times New Roman", Georgia, serif; color: #111; background: #fff;
  max-width: 46rem; margin: 2rem auto; padding: 0 1.25rem; }
h1, h2, h3, h4, h5, h6 { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; line-height: 1.25;
  margin: 1.4em 0 .5em; }
h1 { font-size: 1.6rem; margin-top: .2em; }
h2 { font-size: 1.3rem; }
h3 { font-size: 1.1rem; }
h4, h5, h6 { font-size: 1rem; }
h2.toelichting, h2.bijlage, nav h2 { border-bottom: 2px solid #333; padding-bottom: .15em; }
.tussenkop { font-style: italic; }
p { margin: .4em 0; }
.soort { font-family: "Liberation Sans", Arial, sans-serif; text-transform: uppercase; letter-spacing: .08em;
  font-size: .8rem; color: #444; margin: 0; }
.voorbeeld { border: 2px dashed #8a5300; background: #fff6e5; color: #4d2e00; padding: .5em .75em;
  font-family: "Liberation Sans", Arial, sans-serif; }
dl.gegevens { display: grid; grid-template-columns: max-content 1fr; gap: .15em 1.25em; margin: 1em 0 1.5em;
  font-family: "Liberation Sans", Arial, sans-serif; font-size: .9rem; border-top: 1px solid #999;
  border-bottom: 1px solid #999; padding: .6em 0; }
dl.gegevens div { display: contents; }
dl.gegevens dt { font-weight: bold; }
dl.gegevens dd { margin: 0; }
nav.inhoud ul { list-style: none; padding: 0; margin: 0 0 1.5em; font-size: .92rem; }
nav.inhoud ul.kolommen { columns: 2 18rem; }
nav.inhoud li { break-inside: avoid; margin: .1em 0; }
nav.inhoud li.l2 { padding-left: 1.25em; } nav.inhoud li.l3 { padding-left: 2.5em; } nav.inhoud li.l4 { padding-left: 3.75em; }
.besluit { font-weight: bold; margin: 1em 0; }
#deel-aanhef, #deel-ondertekening { margin: 1em 0; }
#deel-ondertekening p { margin: .2em 0; }
.ondertekenaars { display: flex; flex-wrap: wrap; gap: 1em 3em; margin: .6em 0; break-inside: avoid; page-break-inside: avoid; }
.ondertekenaars .ondertekenaar { flex: 0 1 14em; margin: 0; }
#deel-ondertekening { break-inside: avoid; page-break-inside: avoid; }
.item { display: flex; gap: .4em; margin: .3em 0; }
.item.d2 { margin-left: 2em; } .item.d3 { margin-left: 4em; }
.item { align-items: baseline; }
.item .nr { flex: 0 0 2em; }
.item .inhoud { flex: 1 1 auto; min-width: 0; margin: 0; }
.item.citaat { border-left: 3px solid #bbb; padding-left: .6em; margin-top: 0; margin-bottom: 0; padding-top: .15em; padding-bottom: .15em; }
table { width: 100%; border-collapse: collapse; margin: .75em 0; }
th, td { border: 1px solid #888; padding: .3em .5em; text-align: left; vertical-align: top; }
thead th { background: #eee; }
a { color: #0645ad; }
a:focus-visible { outline: 2px solid #0645ad; outline-offset: 2px; }
:target { background: #fff3b0; }
.vh { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; border: 0;
  clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
.vh.focusbaar:focus { position: static; width: auto; height: auto; margin: 0; clip: auto; clip-path: none; }
@page { size: A4; margin: 2cm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  a { color: inherit; text-decoration: none; }
  nav.inhoud, .vh { display: none; }
  h1, h2, h3, h4, h5, h6 { break-after: avoid; page-break-after: avoid; }
  .item, tr { break-inside: avoid; page-break-inside: avoid; }
  h2.toelichting, h2.bijlage { break-before: page; }
  :target { background: none; }
}
`.trim()
