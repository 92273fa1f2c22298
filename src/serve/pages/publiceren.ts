/**
 * Flow 7: a publication file → its check messages → downloads (Word, HTML, JSON metadata) and the
 * DROP route (Word file for DROP plus the CVDR field sheet), as `publish` and `publish --format drop`.
 */
import { readdirSync } from 'node:fs'
import { dropMetadata, dropMetadataHtml, dropMetadataJson } from '../../publish/drop.js'
import { metadataJson, preparePublication } from '../../publish/index.js'
import { hasErrors } from '../../util/messages.js'
import { esc, messageList, page, qs } from '../html.js'
import { type PlacedMessage, readFile } from '../library.js'
import { confine } from '../paths.js'
import { HttpError, type Reply, type Request } from '../server.js'

function publicationFiles(): string[] {
  try {
    return readdirSync('publicaties')
      .filter((n) => n.endsWith('.md'))
      .sort()
      .map((n) => `publicaties/${n}`)
  } catch {
    return []
  }
}

function prepare(rel: string) {
  const path = confine(rel, ['publicaties'])
  const file = readFile(path)
  if (hasErrors(file))
    return { path, file, prepared: undefined, messages: file.messages.map((m) => ({ m, path: rel })) }
  const prepared = preparePublication(file)
  const messages: PlacedMessage[] = []
  for (const f of [...prepared.sources.files, file])
    for (const m of f.messages)
      messages.push({
        m,
        path: String(f.path ?? rel)
          .split(/[\\/]/)
          .join('/'),
      })
  return { path, file, prepared, messages }
}

export function publiceren(req: Request): Reply {
  const chosen = req.url.searchParams.get('pad') ?? ''
  const options = publicationFiles()
    .map((p) => `<option value="${esc(p)}"${p === chosen ? ' selected' : ''}>${esc(p)}</option>`)
    .join('')
  let result = ''
  if (chosen) {
    const { prepared, messages } = prepare(chosen)
    const fouten = messages.filter((x) => x.m.fatal === true).length
    const pub = prepared?.publicatie
    if (fouten > 0 || !pub) {
      result = `<h2>Controle</h2><p class="fout" role="alert">${fouten} ${fouten === 1 ? 'fout' : 'fouten'}; er kan niets worden gepubliceerd tot die hersteld zijn.</p>${messageList(messages)}`
    } else {
      const dl = (formaat: string, label: string) =>
        `<a class="knop licht" href="/publiceren/download${qs({ pad: chosen, formaat })}" download>${esc(label)}</a>`
      result = `<h2>${esc(pub.opschrift)}</h2><h3>Controle</h3>${messageList(messages)}
<h3>Downloads</h3><div class="knoppen">${dl('docx', 'Publicatietekst (Word)')}${dl('html', 'Publicatietekst (HTML)')}${dl('json', 'Metadata (JSON)')}</div>
<h3>Voor DROP</h3><p>Het Word-bestand voor DROP (stijlen voor aanhef, artikelkoppen, ondertekening en toelichting) en de gegevens per CVDR-veld, om in de wizard van DROP over te nemen. Wat u daarna in DROP nog doet, staat in <code>docs/publicatie.md</code>.</p>
<div class="knoppen">${dl('drop', 'Besluit voor DROP (Word)')}${dl('drop-gegevens', 'Gegevens voor DROP (HTML)')}${dl('drop-json', 'Gegevens voor DROP (JSON)')}</div>`
    }
  }
  const body = `<h1>Publiceren</h1><p>Kies een publicatiebestand uit <code>publicaties/</code>: de controle wordt getoond en daarna de tekst voor het gemeenteblad en de metadata.</p>
<form class="rij" method="get" action="/publiceren"><label for="pad">Publicatiebestand<select id="pad" name="pad">${options}</select></label><button type="submit">Controleer</button></form>${result}`
  return { kind: 'html', body: page({ title: 'Publiceren', current: '/publiceren' }, body) }
}

export async function download(req: Request): Promise<Reply> {
  const rel = req.url.searchParams.get('pad') ?? ''
  const formaat = req.url.searchParams.get('formaat') ?? ''
  const { prepared, messages } = prepare(rel)
  const pub = prepared?.publicatie
  if (!pub || messages.some((x) => x.m.fatal === true))
    throw new HttpError(
      422,
      'Het publicatiebestand heeft fouten; er is niets gemaakt. Bekijk de controle op de pagina Publiceren.',
    )
  const stem = rel.replace(/^publicaties\//, '').replace(/\.md$/, '')
  switch (formaat) {
    case 'json':
      return {
        kind: 'file',
        name: `${stem}.json`,
        type: 'application/json; charset=utf-8',
        body: metadataJson(pub.metadata),
      }
    case 'html': {
      const { renderPublicationHtml } = await import('../../render/html-publication.js')
      return { kind: 'file', name: `${stem}.html`, type: 'text/html; charset=utf-8', body: renderPublicationHtml(pub) }
    }
    case 'docx': {
      const { renderPublicationDocx } = await import('../../render/docx-publication.js')
      return {
        kind: 'file',
        name: `${stem}.docx`,
        type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        body: await renderPublicationDocx(pub),
      }
    }
    case 'drop': {
      const { renderPublicationDocx } = await import('../../render/docx-publication.js')
      return {
        kind: 'file',
        name: `${stem}-drop.docx`,
        type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        body: await renderPublicationDocx(pub, 'drop'),
      }
    }
    case 'drop-gegevens':
      return {
        kind: 'file',
        name: `${stem}-metadata.html`,
        type: 'text/html; charset=utf-8',
        body: dropMetadataHtml(dropMetadata(pub)),
      }
    case 'drop-json':
      return {
        kind: 'file',
        name: `${stem}-metadata.json`,
        type: 'application/json; charset=utf-8',
        body: dropMetadataJson(dropMetadata(pub)),
      }
    default:
      throw new HttpError(400, `Onbekend formaat \`${formaat.slice(0, 40)}\``)
  }
}
