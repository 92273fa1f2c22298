// Runs the built CLI in this process and reports its peak RSS (KB) on the last stderr line as
// `@@maxrss <KB>`: portable, unlike /usr/bin/time. Used by the adversarial tests.
import { join } from 'node:path'

const { main } = await import(join(import.meta.dirname, '..', '..', 'dist', 'cli-bundle', 'index.js'))
const code = await main(process.argv.slice(2))
process.stderr.write(`\n@@maxrss ${process.resourceUsage().maxRSS}\n`)
process.exitCode = code
