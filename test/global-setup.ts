import { execFileSync } from 'node:child_process'
import { join } from 'node:path'

/** The CLI tests run the built program: build it once before the run, so `dist/` is never stale. */
export default function setup(): void {
  const root = join(import.meta.dirname, '..')
  execFileSync(
    process.execPath,
    [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  )
  // `bin/regelwerk` runs the bundle made from that build.
  execFileSync(process.execPath, [join(root, 'scripts', 'bundle-cli.mjs')], { cwd: root, stdio: 'inherit' })
}
