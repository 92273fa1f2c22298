// `npm run bench`: figures measured in this run, each beside its peer measured in the same run.
// Not a test: it prints numbers, it does not assert on them.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { diffRegelingen } from '../dist/diff/index.js'
import { parseRegeling } from '../dist/parse/index.js'
import { checkRegeling } from '../dist/validate/index.js'
import { versionAt } from '../dist/versions/version-at.js'
import { loadWork } from '../dist/versions/work.js'

const root = join(import.meta.dirname, '..')
const corpus = join(root, '..', 'shared', 'corpus')

function filesUnder(dir) {
  const out = []
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) out.push(...filesUnder(p))
    else if (name.endsWith('.md') && name !== 'SOURCES.md') out.push(p)
  }
  return out
}

function median(values) {
  const s = [...values].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

/** Median milliseconds of `fn` over `runs` runs, after `warmup` runs; runs alternate with the peer. */
function timePair(a, b, runs = 15, warmup = 3) {
  for (let i = 0; i < warmup; i++) {
    a()
    b()
  }
  const ta = []
  const tb = []
  for (let i = 0; i < runs; i++) {
    globalThis.gc?.()
    let t = performance.now()
    a()
    ta.push(performance.now() - t)
    globalThis.gc?.()
    t = performance.now()
    b()
    tb.push(performance.now() - t)
  }
  return [median(ta), median(tb)]
}

const files = filesUnder(corpus)
const largest = files.reduce((a, b) => (statSync(a).size >= statSync(b).size ? a : b))
const text = readFileSync(largest, 'utf8')
const mb = Buffer.byteLength(text) / 1e6
const processor = unified().use(remarkParse)

const [bare, ours] = timePair(
  () => processor.parse(text),
  () => {
    const file = new VFile({ path: largest, value: text })
    checkRegeling(parseRegeling(file), file)
  },
)
console.log(`Grootste corpusbestand: ${largest.slice(corpus.length + 1)} (${(mb * 1000).toFixed(0)} kB)`)
console.log(`  remark-parse (kaal)            ${(mb / (bare / 1000)).toFixed(2)} MB/s  (${bare.toFixed(1)} ms)`)
console.log(`  regelwerk parse+herken+check   ${(mb / (ours / 1000)).toFixed(2)} MB/s  (${ours.toFixed(1)} ms)`)
console.log(`  overhead t.o.v. remark-parse   ${((ours / bare - 1) * 100).toFixed(0)}%  (doel: ≤ 30%)`)

// A 1 MB text made of real corpus laws (concatenated), for throughput on a large regulation.
let big = ''
for (const f of files.filter((f) => f.includes('/bwb/'))) {
  if (big.length > 1_000_000) break
  big += `${readFileSync(f, 'utf8')}\n\n`
}
const bigMb = Buffer.byteLength(big) / 1e6
const [bareBig, oursBig] = timePair(
  () => processor.parse(big),
  () => {
    const file = new VFile({ path: 'groot.md', value: big })
    checkRegeling(parseRegeling(file), file)
  },
  5,
  1,
)
console.log(`Samengevoegde corpuswetten (${bigMb.toFixed(2)} MB)`)
console.log(`  remark-parse (kaal)            ${(bigMb / (bareBig / 1000)).toFixed(2)} MB/s`)
console.log(
  `  regelwerk parse+herken+check   ${(bigMb / (oursBig / 1000)).toFixed(2)} MB/s  (overhead ${((oursBig / bareBig - 1) * 100).toFixed(0)}%)`,
)

// Throughput by size, 0.1 to 20 MB, and `check` of 5 MB in a fresh process (time, peak memory).
;(await import('./parse-curve.mjs')).parseCurve()

// A work with 200 versions made from the largest real corpus text: `show --at` (load the version
// table + parse the chosen version) against one plain parse of that version.
const workDir = join(mkdtempSync(join(tmpdir(), 'regelwerk-bench-')), 'werk')
mkdirSync(workDir)
const body = text.replace(/^<meta[^\n]*\n/, '')
for (let i = 0; i < 200; i++) {
  const date = new Date(Date.UTC(2000, i, 1)).toISOString().slice(0, 10)
  writeFileSync(
    join(workDir, `${date}.md`),
    `---\nciteertitel: Wet gemeenschappelijke regelingen\ninwerkingtreding: ${date}\n---\n\n${body}`,
  )
}
const at = '2010-06-15'
const chosen = versionAt(loadWork(workDir), at).version.path
const chosenText = readFileSync(chosen)
const [show, plain] = timePair(
  () => {
    const found = versionAt(loadWork(workDir), at)
    parseRegeling(new VFile({ path: found.version.path, value: readFileSync(found.version.path) }))
  },
  () => parseRegeling(new VFile({ path: chosen, value: chosenText })),
  9,
  2,
)
const [load] = timePair(
  () => loadWork(workDir),
  () => {},
  9,
  2,
)
console.log(`Werk met 200 versies (${(mb * 1000).toFixed(0)} kB per versie)`)
console.log(`  versietabel laden              ${load.toFixed(1)} ms`)
console.log(`  één versie parsen              ${plain.toFixed(1)} ms`)
console.log(
  `  show --at (laden + parsen)     ${show.toFixed(1)} ms  (verhouding ${(show / plain).toFixed(2)}, doel: ≤ 1,5)`,
)
rmSync(join(workDir, '..'), { recursive: true, force: true })

// Structural diff (parse excluded) beside `git diff --no-index --word-diff` on the same files.
function parsed(textValue, path) {
  return parseRegeling(new VFile({ path, value: textValue })).tree
}
function gitWordDiff(a, b) {
  const dir = mkdtempSync(join(tmpdir(), 'regelwerk-git-'))
  writeFileSync(join(dir, 'oud.md'), a)
  writeFileSync(join(dir, 'nieuw.md'), b)
  const t = performance.now()
  spawnSync('git', ['diff', '--no-index', '--word-diff', 'oud.md', 'nieuw.md'], { cwd: dir, maxBuffer: 1 << 28 })
  const ms = performance.now() - t
  rmSync(dir, { recursive: true, force: true })
  return ms
}
function benchDiff(label, a, b, runs = 5) {
  const ta = parsed(a, 'oud.md')
  const tb = parsed(b, 'nieuw.md')
  let changes = 0
  const [ours] = timePair(
    () => {
      changes = diffRegelingen(ta, tb).changes.length
    },
    () => {},
    runs,
    1,
  )
  const git = median(Array.from({ length: runs }, () => gitWordDiff(a, b)))
  console.log(`${label} (${(Buffer.byteLength(b) / 1e6).toFixed(2)} MB, ${changes} wijzigingen)`)
  console.log(`  regelwerk diff (zonder parsen)  ${ours.toFixed(0)} ms`)
  console.log(`  git diff --word-diff            ${git.toFixed(0)} ms`)
}
const series = readdirSync(join(corpus, 'bwb')).map((d) =>
  readdirSync(join(corpus, 'bwb', d))
    .sort()
    .map((n) => join(corpus, 'bwb', d, n)),
)
const largestPair = series
  .flatMap((files) => files.slice(1).map((f, i) => [files[i], f]))
  .reduce((x, y) => (statSync(x[1]).size >= statSync(y[1]).size ? x : y))
benchDiff(
  `Grootste versiepaar: ${largestPair[1].slice(corpus.length + 1)}`,
  readFileSync(largestPair[0], 'utf8'),
  readFileSync(largestPair[1], 'utf8'),
)
let oudBig = ''
let nieuwBig = ''
for (let k = 0; oudBig.length < 1_000_000; k++) {
  for (const files of series) {
    if (files.length < 2 || oudBig.length >= 1_000_000) continue
    const i = k % (files.length - 1)
    // Renumber per round so that the articles of the concatenated laws stay unique.
    const renum = (t) => t.replace(/^(#+\s*Artikel\s+)(\S+)/gm, `$1${k}.${files[0].length}.$2`)
    oudBig += `${renum(readFileSync(files[i], 'utf8'))}\n\n`
    nieuwBig += `${renum(readFileSync(files[i + 1], 'utf8'))}\n\n`
  }
}
benchDiff('1 MB aan echte versieparen', oudBig, nieuwBig, 3)
// Adversarial: every article in reverse order and every word changed.
const blocks = nieuwBig.split(/(?=^#+\s*Artikel\s)/m)
const adversarial = blocks
  .reverse()
  .join('')
  .replace(/[\p{L}\p{N}]+/gu, (w) => `${w}x`)
const tAdv = performance.now()
const advOud = parsed(oudBig, 'oud.md')
const advNieuw = parsed(adversarial, 'nieuw.md')
const tAdvDiff = performance.now()
const advChanges = diffRegelingen(advOud, advNieuw).changes.length
const tAdvEnd = performance.now()
console.log(`Vijandig paar (alle artikelen omgekeerd, elk woord anders), ${advChanges} wijzigingen`)
console.log(`  regelwerk diff (zonder parsen)  ${(tAdvEnd - tAdvDiff).toFixed(0)} ms`)
console.log(`  met parsen van beide versies    ${(tAdvEnd - tAdv).toFixed(0)} ms  (doel: ≤ 5 s)`)
console.log(`  git diff --word-diff            ${gitWordDiff(oudBig, adversarial).toFixed(0)} ms`)

// Cold start of the CLI on one small file, beside a bare `node -e 0` and beside the same file
// read and checked through the unified plugin chain (docs/plugins.md), all measured in this run.
const small = join(root, 'regulations', 'car-uwo', '2015-09-07.md')
const bin = join(root, 'bin', 'regelwerk')
const viaUnified = `
import { readFileSync } from 'node:fs'
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { regelwerk } from 'regelwerk/unified'
const file = new VFile({ path: process.argv[1], value: readFileSync(process.argv[1]) })
const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(regelwerk)
await processor.run(processor.parse(file), file)
`
function wall(args) {
  const t = performance.now()
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`${args.join(' ')} faalde: ${r.stderr}`)
  return performance.now() - t
}
const coldRuns = { node: [], cli: [], unified: [] }
for (let i = 0; i < 15; i++) {
  coldRuns.node.push(wall(['-e', '0']))
  coldRuns.cli.push(wall([bin, 'check', small]))
  coldRuns.unified.push(wall(['--input-type=module', '-e', viaUnified, small]))
}
console.log('Koude start op één klein bestand (mediaan van 15, afwisselend gestart)')
console.log(`  node -e 0                       ${median(coldRuns.node).toFixed(0)} ms`)
const ratio = (runs) => (median(runs) / median(coldRuns.node)).toFixed(1).replace('.', ',')
console.log(
  `  regelwerk check                 ${median(coldRuns.cli).toFixed(0)} ms  (${ratio(coldRuns.cli)}× node; doel: ≤ 300 ms)`,
)
console.log(
  `  unified + regelwerk (plugin)    ${median(coldRuns.unified).toFixed(0)} ms  (${ratio(coldRuns.unified)}× node; zonder werkcontroles)`,
)
console.log(`Node ${process.version}, ${execFileSync('nproc').toString().trim()} kernen`)

// Letters (issue 7): regelwerk against docx and docxtemplater, measured in this run.
const { lettersBench } = await import('./letters.mjs')
await lettersBench()
await (await import('./amendments.mjs')).amendmentsReport()
;(await import('./amend-catalogue.mjs')).catalogueReport()
// Letters with --pdf through LibreOffice (issue 16), after the others: it loads both cores.
await (await import('./letters-pdf.mjs')).lettersPdfBench()
// The web app (issue 18): page times and a letters batch through the app against the CLI.
await (await import('./serve.mjs')).serveBench()
