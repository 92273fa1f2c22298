// Letters with `--pdf` (issue 16): the statusbrief for N rows through the CLI, once docx-only and
// once with PDF/A through LibreOffice headless, in the same run. Prints letters/s for both and the
// cost per PDF. Run alone: `node bench/letters-pdf.mjs [N]`; `npm run bench` calls it at the end.
// Without LibreOffice it says so and measures nothing.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { findSoffice } from '../dist/assemble/pdf.js'
import { makeCsv } from './letters.mjs'

const root = join(import.meta.dirname, '..')
const cli = join(root, 'bin', 'regelwerk')
const TEMPLATE = join(root, 'templates', 'statusbrief.md')

function timed(args) {
  const t = performance.now()
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: root })
  const ms = performance.now() - t
  if (r.status !== 0) throw new Error(`regelwerk ${args.join(' ')}: exit ${r.status}\n${r.stderr}`)
  return ms
}

export async function lettersPdfBench(n = 200) {
  console.log(
    `\nBrieven met --pdf (statusbrief, ${n} rijen, CLI inclusief opstarten; belasting ${loadavg()[0].toFixed(1)})`,
  )
  if (!findSoffice()) {
    console.log('  LibreOffice (soffice) niet gevonden: niet gemeten')
    return
  }
  const dir = mkdtempSync(join(tmpdir(), 'regelwerk-bench-pdf-'))
  try {
    const csv = join(dir, 'rijen.csv')
    makeCsv(csv, n)
    const docx = timed(['letters', TEMPLATE, csv, '--out', join(dir, 'docx')])
    const pdf = timed(['letters', TEMPLATE, csv, '--out', join(dir, 'pdf'), '--pdf'])
    const rate = (ms) => Math.round((n / ms) * 1000)
    console.log(`  alleen .docx                    ${rate(docx)} brieven/s (${(docx / 1000).toFixed(1)} s)`)
    console.log(
      `  .docx + PDF/A (LibreOffice)     ${rate(pdf)} brieven/s (${(pdf / 1000).toFixed(1)} s; ${((pdf - docx) / n).toFixed(0)} ms per PDF)`,
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[1] === import.meta.filename) await lettersPdfBench(Number(process.argv[2] ?? 200))
