/**
 * `regelwerk serve`: a local web app over a regelwerk folder, on node:http (no framework: the app
 * has a dozen routes and the security checks below must be visible in one place).
 *
 * Security for an app that handles personal data on a shared machine:
 * - it binds to 127.0.0.1 unless told otherwise;
 * - every request needs the random token of the printed address: the first visit with
 *   `?token=` sets an HttpOnly SameSite=Strict cookie and redirects to the address without it;
 * - the Host header must name this server (DNS rebinding), and a request that changes anything
 *   (POST) must come from this origin (CSRF): `Origin` or `Sec-Fetch-Site` must say so;
 * - request bodies have a size limit; every path a request names is confined to the folder
 *   (`confine`); nothing of a request but its method and route is ever logged.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { isIP } from 'node:net'
import { performance } from 'node:perf_hooks'
import { melding, page } from './html.js'

/** Largest request body: an HR export of 10,000+ rows fits easily. */
export const MAX_BODY = 50 * 1024 * 1024

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

export interface Request {
  method: string
  url: URL
  headers: IncomingMessage['headers']
  raw: IncomingMessage
  /** The body (up to `MAX_BODY`), read on demand. */
  body(): Promise<Buffer>
  /** A form body (urlencoded or multipart) as FormData. */
  form(): Promise<FormData>
}

export type Reply =
  | { kind: 'html'; status?: number; body: string }
  | { kind: 'json'; status?: number; body: unknown }
  | { kind: 'file'; name: string; type: string; body: Uint8Array | string; after?: () => void; inline?: boolean }
  | { kind: 'redirect'; to: string }
  | { kind: 'stream'; handle: (res: ServerResponse) => Promise<void> }

export type Handler = (req: Request, params: string[]) => Promise<Reply> | Reply

export interface Route {
  method: 'GET' | 'POST'
  pattern: RegExp
  handler: Handler
}

export interface ServeOptions {
  host: string
  port: number
  routes: Route[]
  /** Called once per request with method, route pattern and status (never the query or body). */
  log?: (line: string) => void
  token?: string
}

export interface Running {
  server: Server
  token: string
  port: number
  url: string
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1'])

function hostName(host: string): string {
  // `[::1]:8080` → `::1`; `localhost:8080` → `localhost`
  const m = /^\[([^\]]+)\](?::\d+)?$/.exec(host) ?? /^([^:]+)(?::\d+)?$/.exec(host)
  return (m?.[1] ?? '').toLowerCase()
}

/** Whether the Host header names this server: a loopback name, or (when bound elsewhere) an IP address. */
export function hostAllowed(hostHeader: string | undefined, boundHost: string, port: number): boolean {
  if (!hostHeader) return false
  const portPart = /:(\d+)$/.exec(hostHeader)?.[1]
  if (portPart !== undefined && Number(portPart) !== port) return false
  const name = hostName(hostHeader)
  if (LOOPBACK.has(name)) return true
  // Bound to another address: a request by IP address is fine, a DNS name is what rebinding uses.
  if (!LOOPBACK.has(boundHost)) return isIP(name) !== 0 || name === boundHost.toLowerCase()
  return false
}

function cookieName(port: number): string {
  return `regelwerk_${port}`
}

function tokenFromCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=')
    if (k === name) return v.join('=')
  }
  return undefined
}

function sameToken(a: string | undefined | null, b: string): boolean {
  if (!a) return false
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  // `no-referrer` would make Chromium send `Origin: null` on the app's own form posts.
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
  'content-security-policy':
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
}

/** When each request started: answers carry their server time (`Server-Timing`) for the bench. */
const started = new WeakMap<ServerResponse, number>()

function send(res: ServerResponse, status: number, type: string, body: string | Uint8Array, extra = {}): void {
  const t0 = started.get(res)
  if (t0 !== undefined) res.setHeader('server-timing', `app;dur=${(performance.now() - t0).toFixed(1)}`)
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type, ...extra })
  res.end(body)
}

function errorPage(res: ServerResponse, status: number, title: string, text: string): void {
  send(res, status, 'text/html; charset=utf-8', page({ title }, melding(title, text)))
}

function readBody(raw: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(raw.headers['content-length'] ?? 0)
    if (declared > MAX_BODY) {
      reject(new HttpError(413, `De upload is groter dan ${MAX_BODY / 1024 / 1024} MB; maak het bestand kleiner`))
      raw.resume()
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    raw.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) {
        reject(new HttpError(413, `De upload is groter dan ${MAX_BODY / 1024 / 1024} MB; maak het bestand kleiner`))
        raw.destroy()
        return
      }
      chunks.push(c)
    })
    raw.on('end', () => resolve(Buffer.concat(chunks)))
    raw.on('error', reject)
  })
}

/** Start the server; resolves when it listens. */
export function startServer(options: ServeOptions): Promise<Running> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  let port = options.port
  const server = createServer(async (raw, res) => {
    started.set(res, performance.now())
    const method = raw.method ?? 'GET'
    let status = 200
    let route = '?'
    try {
      if (!hostAllowed(raw.headers.host, options.host, port)) {
        status = 403
        return errorPage(
          res,
          403,
          'Geen toegang',
          'Deze server is alleen bereikbaar via het adres dat regelwerk serve heeft getoond (127.0.0.1).',
        )
      }
      const url = new URL(raw.url ?? '/', `http://${raw.headers.host}`)
      const name = cookieName(port)
      const given = url.searchParams.get('token')
      if (sameToken(given, token) && method === 'GET') {
        url.searchParams.delete('token')
        status = 303
        res.writeHead(303, {
          ...SECURITY_HEADERS,
          'set-cookie': `${name}=${token}; HttpOnly; SameSite=Strict; Path=/`,
          location: `${url.pathname}${url.search}`,
        })
        res.end()
        return
      }
      if (!sameToken(tokenFromCookie(raw.headers.cookie, name), token)) {
        status = 401
        return errorPage(
          res,
          401,
          'Geen toegang',
          'Open de app via het adres met het toegangsteken (token) dat regelwerk serve in het terminalvenster heeft getoond.',
        )
      }
      if (method !== 'GET' && method !== 'HEAD') {
        const origin = raw.headers.origin
        const site = raw.headers['sec-fetch-site']
        const ok =
          origin !== undefined
            ? origin === `http://${raw.headers.host}`
            : site === undefined || site === 'same-origin' || site === 'none'
        if (!ok) {
          status = 403
          return errorPage(res, 403, 'Geen toegang', 'Dit verzoek komt niet van de app zelf en is geweigerd.')
        }
      }
      const match = options.routes
        .map((r) => ({ r, m: r.method === (method === 'HEAD' ? 'GET' : method) ? r.pattern.exec(url.pathname) : null }))
        .find((x) => x.m)
      if (!match?.m) {
        status = 404
        return errorPage(res, 404, 'Niet gevonden', 'Deze pagina bestaat niet.')
      }
      route = match.r.pattern.source
      let bodyPromise: Promise<Buffer> | undefined
      const body = () => {
        bodyPromise ??= readBody(raw)
        return bodyPromise
      }
      const req: Request = {
        method,
        url,
        headers: raw.headers,
        raw,
        body,
        form: async () => {
          const buf = await body()
          const type = raw.headers['content-type'] ?? 'application/x-www-form-urlencoded'
          try {
            return await new Response(new Uint8Array(buf), { headers: { 'content-type': type } }).formData()
          } catch {
            throw new HttpError(400, 'Het formulier kon niet worden gelezen; probeer het opnieuw')
          }
        },
      }
      const params = match.m.slice(1).map((p) => decodeURIComponent(p ?? ''))
      const reply = await match.r.handler(req, params)
      status = 'status' in reply && reply.status ? reply.status : reply.kind === 'redirect' ? 303 : 200
      switch (reply.kind) {
        case 'html':
          return send(res, status, 'text/html; charset=utf-8', reply.body)
        case 'json':
          return send(res, status, 'application/json; charset=utf-8', JSON.stringify(reply.body))
        case 'redirect':
          res.writeHead(303, { ...SECURITY_HEADERS, location: reply.to })
          res.end()
          return
        case 'file': {
          const ascii = reply.name.replace(/[^\w.-]/g, '_')
          res.on('finish', () => reply.after?.())
          if (reply.inline) return send(res, 200, reply.type, reply.body)
          return send(res, 200, reply.type, reply.body, {
            'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(reply.name)}`,
          })
        }
        case 'stream':
          return await reply.handle(res)
      }
    } catch (error) {
      if (error instanceof HttpError) {
        status = error.status
        if (!res.headersSent) errorPage(res, error.status, 'Dat lukt niet', error.message)
        return
      }
      status = 500
      // Not the user's fault; no detail of the request goes to the log (it may hold personal data).
      if (process.env.REGELWERK_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`)
      if (!res.headersSent)
        errorPage(
          res,
          500,
          'Interne fout',
          'Er ging iets mis in regelwerk (een fout in het programma, niet in uw invoer). Zet REGELWERK_DEBUG=1 voor details en meld het probleem.',
        )
      else res.end()
    } finally {
      options.log?.(`${method} ${route} ${status}`)
    }
  })
  server.requestTimeout = 10 * 60 * 1000
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => {
      const address = server.address()
      port = typeof address === 'object' && address ? address.port : options.port
      const shown = options.host.includes(':') ? `[${options.host}]` : options.host
      const visible = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : shown
      resolve({ server, token, port, url: `http://${visible}:${port}/?token=${token}` })
    })
  })
}
