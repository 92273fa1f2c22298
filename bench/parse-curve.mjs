// Parse + recognise + check throughput by size (issue 12): MB/s must stay flat from 0.1 to 20 MB.
// Peer: bare remark-parse (unified) on the same text in the same run, up to the size where a
// whole-document parse is still reasonable to hold in memory.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { parseRegeling } from '../dist/parse/index.js'
import { checkRegeling } from '../dist/validate/index.js'

const root = join(import.meta.dirname, '..')
const corpus = join(root, '..', 'shared', 'corpus')

/** A regulation of short articles with two numbered leden each (the shape of issue 12), `bytes` long. */
export function generated(bytes) {
  let s = '---\nciteertitel: Gegenereerde regeling\ninwerkingtreding: 2020-01-01\n---\n\n# Gegenereerde regeling\n\n'
  for (let i = 1; s.length < bytes; i++) {
    s += `## Artikel ${i} Onderwerp ${i}\n\n1. De ambtenaar heeft recht op verlof van ${i} dagen per jaar, tenzij artikel ${i} anders bepaalt.\n2. Het bevoegd gezag kan in bijzondere gevallen afwijken van het eerste lid.\n\n`
  }
  return s
}

/** Real corpus laws concatenated to `bytes`, articles renumbered so they stay unique. */
export function realLaws(bytes) {
  const laws = readdirSync(join(corpus, 'bwb')).sort()
  let body = ''
  for (let n = 0; body.length < bytes; n++) {
    const dir = join(corpus, 'bwb', laws[n % laws.length])
    const first = readdirSync(dir).sort()[0]
    body += readFileSync(join(dir, first), 'utf8')
      .replace(/^---\n[\s\S]*?\n---\n/, '')
      .replace(/^(#+\s*Artikel\s+)(\S+)/gm, `$1${n}.$2`)
    body += '\n\n'
  }
  return `---\nciteertitel: Samengevoegde wetten\ninwerkingtreding: 2020-01-01\n---\n\n${body}`
}

// No forced GC before each run: after a full collection V8 shrinks the young generation, and the
// next run pays for growing it again: 0.1 MB then measured 2.0 s/MB, 1 MB 1.0 s/MB; without it,
// both 0.65 s/MB (this machine, December 2026). Runs of one size follow each other, as when
// `check` reads a folder; each peer is measured the same way.
function ms(fn) {
  const t = performance.now()
  fn()
  return performance.now() - t
}

function best(fn, runs) {
  let m = Number.POSITIVE_INFINITY
  for (let i = 0; i < runs; i++) m = Math.min(m, ms(fn))
  return m
}

const processor = unified().use(remarkParse)

function ours(text) {
  const file = new VFile({ path: 'regeling.md', value: text })
  checkRegeling(parseRegeling(file), file)
}

/** `regelwerk check` of `text` in a fresh process: wall time and peak RSS. */
function checkProcess(text) {
  const dir = mkdtempSync(join(tmpdir(), 'regelwerk-curve-'))
  const path = join(dir, 'groot.md')
  writeFileSync(path, text)
  const probe = `const { main } = await import(${JSON.stringify(join(root, 'dist', 'cli', 'index.js'))})
    await main(['check', ${JSON.stringify(path)}])
    process.stdout.write(JSON.stringify({ rss: process.resourceUsage().maxRSS }))`
  const t = performance.now()
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' })
  const wall = performance.now() - t
  rmSync(dir, { recursive: true, force: true })
  return { wall, rss: JSON.parse(r.stdout).rss / 1024 }
}

export function parseCurve() {
  console.log('Parse + herken + check per grootte (MB/s moet vlak blijven; doel ±30% van 0,1 tot 20 MB)')
  console.log('  grootte     regelwerk       remark-parse   verhouding')
  // Warm up both (JIT), so that the smallest size measures parsing, not compilation.
  const warm = generated(1e6)
  for (let i = 0; i < 2; i++) {
    ours(warm)
    processor.parse(warm)
  }
  const rates = []
  for (const mb of [0.1, 0.3, 1, 3, 10, 20]) {
    const text = generated(mb * 1e6)
    const size = Buffer.byteLength(text) / 1e6
    const runs = mb <= 1 ? 5 : mb <= 3 ? 2 : 1
    const t = best(() => ours(text), runs)
    rates.push(size / (t / 1000))
    let peer = '—'
    let ratio = '—'
    if (mb <= 3) {
      // A whole-document parse of 10 MB and more holds millions of tokens; not measured beyond 3 MB.
      const b = best(() => processor.parse(text), runs)
      peer = `${(size / (b / 1000)).toFixed(2)} MB/s`
      ratio = `${(t / b).toFixed(2)}×`
    }
    console.log(
      `  ${size.toFixed(1).padStart(5)} MB   ${(size / (t / 1000)).toFixed(2).padStart(6)} MB/s   ${peer.padStart(12)}   ${ratio.padStart(6)}  (gegenereerd)`,
    )
  }
  const lo = Math.min(...rates)
  const hi = Math.max(...rates)
  const mid = (lo + hi) / 2
  console.log(
    `  spreiding MB/s over 0,1–20 MB: ${(((hi - lo) / 2 / mid) * 100).toFixed(0)}% rond het midden (doel: ≤ 30%)`,
  )
  const real = realLaws(5e6)
  const size = Buffer.byteLength(real) / 1e6
  const t = best(() => ours(real), 1)
  const b = best(() => processor.parse(real), 1)
  console.log(
    `  ${size.toFixed(1).padStart(5)} MB   ${(size / (t / 1000)).toFixed(2).padStart(6)} MB/s   ${`${(size / (b / 1000)).toFixed(2)} MB/s`.padStart(12)}   ${`${(t / b).toFixed(2)}×`.padStart(6)}  (echte corpuswetten samengevoegd)`,
  )
  console.log(
    '  (remark-parse hier met dezelfde gerepareerde micromark-util-edit-map; zonder die reparatie is het kwadratisch)',
  )
  for (const [label, text] of [
    ['5 MB gegenereerd', generated(5e6)],
    ['5 MB echte wetten', real],
  ]) {
    const { wall, rss } = checkProcess(text)
    console.log(
      `  regelwerk check, ${label}: ${(wall / 1000).toFixed(1)} s, piekgeheugen ${rss.toFixed(0)} MB (doel: ≤ 10 s, ≤ 400 MB)`,
    )
  }
}

if (import.meta.url === `file://${process.argv[1]}`) parseCurve()
