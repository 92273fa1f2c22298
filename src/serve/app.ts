/** The app's routes and its start: `serve(folder, options)`. */
import { existsSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { diffRegelingen } from '../diff/index.js'
import { listWorks, parseVersion, workById } from './library.js'
import * as bewerken from './pages/bewerken.js'
import * as brieven from './pages/brieven.js'
import * as publiceren from './pages/publiceren.js'
import * as vergelijken from './pages/vergelijken.js'
import * as werken from './pages/werken.js'
import { HttpError, type Route, type Running, startServer } from './server.js'

const WORK = '([^/]+)'

/**
 * The client scripts, bundled into `dist/serve/static/` by scripts/bundle-cli.mjs; this module runs
 * from `dist/serve/` or, bundled, from `dist/cli-bundle/`.
 */
const STATIC_DIR =
  [join(import.meta.dirname, 'static'), join(import.meta.dirname, '..', 'serve', 'static')].find((d) =>
    existsSync(d),
  ) ?? join(import.meta.dirname, 'static')

function staticFile(name: string): Uint8Array {
  const path = join(STATIC_DIR, name)
  if (!/^[\w-]+\.js$/.test(name) || !existsSync(path)) throw new HttpError(404, 'Dit bestand bestaat niet')
  return readFileSync(path)
}

export const ROUTES: Route[] = [
  { method: 'GET', pattern: /^\/$/, handler: () => werken.regelingen() },
  { method: 'GET', pattern: new RegExp(`^/werk/${WORK}$`), handler: (_, [id]) => werken.werk(id ?? '') },
  { method: 'GET', pattern: new RegExp(`^/werk/${WORK}/tekst$`), handler: (req, [id]) => werken.tekst(id ?? '', req) },
  { method: 'GET', pattern: /^\/bestand$/, handler: (req) => werken.bestand(req) },
  { method: 'GET', pattern: /^\/vergelijken$/, handler: (req) => vergelijken.vergelijken(req) },
  { method: 'GET', pattern: /^\/vergelijken\/download$/, handler: (req) => vergelijken.download(req) },
  {
    method: 'GET',
    pattern: new RegExp(`^/werk/${WORK}/nieuw$`),
    handler: (req, [id]) => bewerken.nieuwForm(id ?? '', req),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/werk/${WORK}/nieuw$`),
    handler: (req, [id]) => bewerken.nieuwStart(id ?? '', req),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/werk/${WORK}/controle$`),
    handler: (req, [id]) => bewerken.controle(id ?? '', req),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/werk/${WORK}/verschil$`),
    handler: (req, [id]) => bewerken.verschil(id ?? '', req),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/werk/${WORK}/opslaan$`),
    handler: (req, [id]) => bewerken.opslaan(id ?? '', req),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/werk/${WORK}/wijziging$`),
    handler: (req, [id]) => bewerken.wijzigingForm(id ?? '', req),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/werk/${WORK}/wijziging$`),
    handler: (req, [id]) => bewerken.wijzigingLees(id ?? '', req),
  },
  { method: 'GET', pattern: /^\/brieven$/, handler: () => brieven.form() },
  { method: 'POST', pattern: /^\/brieven$/, handler: (req) => brieven.upload(req) },
  { method: 'GET', pattern: /^\/brieven\/([\w-]+)$/, handler: (req, [job]) => brieven.status(job ?? '', req) },
  {
    method: 'GET',
    pattern: /^\/brieven\/([\w-]+)\/voorbeeld$/,
    handler: (req, [job]) => brieven.voorbeeld(job ?? '', req),
  },
  {
    method: 'GET',
    pattern: /^\/brieven\/([\w-]+)\/voorbeeld\.pdf$/,
    handler: (req, [job]) => brieven.voorbeeldPdf(job ?? '', req),
  },
  { method: 'POST', pattern: /^\/brieven\/([\w-]+)\/start$/, handler: (_, [job]) => brieven.start(job ?? '') },
  { method: 'GET', pattern: /^\/brieven\/([\w-]+)\/voortgang$/, handler: (_, [job]) => brieven.voortgang(job ?? '') },
  { method: 'GET', pattern: /^\/brieven\/([\w-]+)\/zip$/, handler: (_, [job]) => brieven.zip(job ?? '') },
  { method: 'GET', pattern: /^\/publiceren$/, handler: (req) => publiceren.publiceren(req) },
  { method: 'GET', pattern: /^\/publiceren\/download$/, handler: (req) => publiceren.download(req) },
  // Browsers ask for it on every page; an empty answer keeps the log clean.
  {
    method: 'GET',
    pattern: /^\/favicon\.ico$/,
    handler: () => ({ kind: 'file', name: 'favicon.ico', type: 'image/x-icon', body: new Uint8Array(), inline: true }),
  },
  {
    method: 'GET',
    pattern: /^\/static\/([\w-]+\.js)$/,
    handler: (_, [name]) => ({
      kind: 'file',
      name: name ?? '',
      type: 'text/javascript; charset=utf-8',
      body: staticFile(name ?? ''),
      inline: true,
    }),
  },
]

export interface ServeAppOptions {
  host: string
  port: number
  log?: (line: string) => void
  token?: string
}

/**
 * Before the first request: load the modules the pages use and parse, per work, the two latest
 * versions (the text page and the default renvooi), so that the first text page or renvooi does
 * not pay for loading the parser and reading the files. The check of all versions for the
 * Regelingen page is made on its first visit (kept while no file changes).
 */
export async function warm(): Promise<void> {
  await Promise.all([
    import('../render/docx-renvooi.js'),
    import('../render/amendment-docx.js'),
    import('../assemble/batch.js'),
  ])
  for (const listed of listWorks()) {
    // Through workById, so that the work itself is kept for the pages too.
    const work = workById(basename(listed.dir)) ?? listed
    const versions = work.versions.slice(-2)
    const [a, b] = versions.map((v) => parseVersion(v.path, work).result)
    for (const [i, r] of [a, b].entries()) if (r && versions[i]) werken.textHtml(versions[i].path, r.tree)
    // The default renvooi of the Vergelijken page: the last two versions.
    const [oud, nieuw] = versions
    if (a && b && oud && nieuw) vergelijken.renvooiHtml({ oud, nieuw, result: diffRegelingen(a.tree, b.tree) })
  }
}

/** Start the app in the current folder (the caller has changed into the served folder). */
export async function serveApp(options: ServeAppOptions): Promise<Running> {
  await warm()
  brieven.startCleanup()
  return startServer({ ...options, routes: ROUTES })
}
