// `regelwerk serve` (issue 18): server time of the statuut's text page and of a renvooi of two real
// versions (the first request after start, and the median of the next ones), and a 10,000-row letters
// batch through the app against the same batch by `regelwerk letters`, letters per second, in the
// same run. Run alone: `node bench/serve.mjs`; `npm run bench` calls it.
import { spawn, spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { makeCsv } from './letters.mjs'

const root = join(import.meta.dirname, '..')
const bin = join(root, 'bin', 'regelwerk')
const ROWS = Number(process.env.SERVE_BENCH_ROWS ?? 10_000)

function median(values) {
  const s = [...values].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

function start(dir) {
  const t0 = performance.now()
  const child = spawn(process.execPath, [bin, 'serve', dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'ignore'] })
  return new Promise((resolve, reject) => {
    let out = ''
    child.on('exit', (code) => reject(new Error(`serve stopte (${code})`)))
    child.stdout.on('data', (c) => {
      out += String(c)
      const m = /(http:\/\/[^\s]+)\/\?token=([\w-]+)/.exec(out)
      if (!m) return
      const base = m[1]
      const port = new URL(base).port
      resolve({ child, base, cookie: `regelwerk_${port}=${m[2]}`, startup: performance.now() - t0 })
    })
  })
}

/** The server's own time for a page (its `Server-Timing` header), and the client's round trip. */
async function timed(s, path) {
  const t = performance.now()
  const res = await fetch(`${s.base}${path}`, { headers: { cookie: s.cookie } })
  const body = await res.text()
  const wall = performance.now() - t
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${body.slice(0, 200)}`)
  const server = Number(/dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '')?.[1])
  return { server, wall }
}

async function pageTimes(s, path, runs = 10) {
  const first = await timed(s, path)
  const rest = []
  for (let i = 0; i < runs; i++) rest.push(await timed(s, path))
  return { first, median: median(rest.map((r) => r.server)), wall: median(rest.map((r) => r.wall)) }
}

async function lettersThroughApp(s, csv) {
  const t0 = performance.now()
  const form = new FormData()
  form.set('sjabloon', 'templates/statusbrief.md')
  form.set('gegevens', new File([readFileSync(csv)], 'medewerkers.csv'))
  const up = await fetch(`${s.base}/brieven`, {
    method: 'POST',
    headers: { cookie: s.cookie, origin: s.base },
    body: form,
    redirect: 'manual',
  })
  const job = up.headers.get('location')
  if (!job) throw new Error(`upload: ${up.status}`)
  const checked = performance.now()
  await fetch(`${s.base}${job}/start`, {
    method: 'POST',
    headers: { cookie: s.cookie, origin: s.base },
    redirect: 'manual',
  })
  const t1 = performance.now()
  for (;;) {
    const st = await (await fetch(`${s.base}${job}/voortgang`, { headers: { cookie: s.cookie } })).json()
    if (st.klaar) break
    if (st.afgebroken) throw new Error(st.tekst)
    await new Promise((r) => setTimeout(r, 50))
  }
  const t2 = performance.now()
  const zip = await fetch(`${s.base}${job}/zip`, { headers: { cookie: s.cookie } })
  await zip.arrayBuffer()
  const t3 = performance.now()
  return { upload: checked - t0, batch: t2 - t1, zip: t3 - t2 }
}

export async function serveBench() {
  const dir = mkdtempSync(join(tmpdir(), 'regelwerk-serve-bench-'))
  try {
    for (const d of ['regulations', 'templates', 'publicaties'])
      cpSync(join(root, d), join(dir, d), { recursive: true })
    const csv = join(dir, 'rows.csv')
    makeCsv(csv, ROWS)
    const s = await start(dir)
    try {
      console.log(`\nregelwerk serve (start tot adres: ${s.startup.toFixed(0)} ms, inclusief voorbereiden)`)
      const tekst = await pageTimes(s, '/werk/sociaal-statuut-cgm/tekst?datum=2014-01-01')
      const renvooi = await pageTimes(s, '/vergelijken?werk=ambtenarenwet&oud=2014-10-02&nieuw=2015-01-05&toon=1')
      const line = (label, t) =>
        console.log(
          `  ${label.padEnd(44)} servertijd eerste verzoek ${t.first.server.toFixed(0)} ms, daarna mediaan ${t.median.toFixed(0)} ms (doel: ≤ 300 ms; heen en terug ${t.first.wall.toFixed(0)} / ${t.wall.toFixed(0)} ms)`,
        )
      line('tekstpagina sociaal statuut (2014-01-01)', tekst)
      line('renvooi Ambtenarenwet 2014-10-02 → 2015-01-05', renvooi)
      const app = await lettersThroughApp(s, csv)
      const cliOut = join(dir, 'cli-uit')
      const t = performance.now()
      const r = spawnSync(process.execPath, [bin, 'letters', 'templates/statusbrief.md', csv, '--out', cliOut], {
        cwd: dir,
      })
      const cli = performance.now() - t
      if (r.status !== 0) throw new Error(`letters: ${r.status} ${String(r.stderr).slice(0, 300)}`)
      const appRate = ROWS / (app.batch / 1000)
      const cliRate = ROWS / (cli / 1000)
      console.log(
        `  ${ROWS} brieven via de app: controle na upload ${(app.upload / 1000).toFixed(1)} s, reeks ${(app.batch / 1000).toFixed(1)} s (${appRate.toFixed(0)} brieven/s), zip ${(app.zip / 1000).toFixed(1)} s`,
      )
      console.log(
        `  ${ROWS} brieven met regelwerk letters: ${(cli / 1000).toFixed(1)} s (${cliRate.toFixed(0)} brieven/s, hele opdracht)`,
      )
      console.log(`  app / CLI: ${((100 * appRate) / cliRate).toFixed(0)}% van de brieven per seconde (doel: ≥ 90%)`)
    } finally {
      s.child.kill('SIGTERM')
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await serveBench()
