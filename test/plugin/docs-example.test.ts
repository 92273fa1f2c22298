/**
 * The worked example in docs/plugins.md (a gemeente's own check as a unified plugin) runs exactly
 * as written there: its code blocks are written to files and run, and the output must be the
 * block the page shows.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../helpers.js'

/** The fenced blocks of a Markdown page whose info string names a file (```js controleer.js). */
function namedBlocks(markdown: string): Map<string, string> {
  const blocks = new Map<string, string>()
  for (const m of markdown.matchAll(/^```\w+ (\S+)\n([\s\S]*?)^```$/gm)) blocks.set(m[1] as string, m[2] as string)
  return blocks
}

describe('docs/plugins.md: a check of your own as a plugin', () => {
  it('runs as documented and prints the documented message', () => {
    const blocks = namedBlocks(readFileSync(join(ROOT, 'docs', 'plugins.md'), 'utf8'))
    expect([...blocks.keys()]).toEqual(['artikel-opschrift.js', 'controleer.js', 'verordening.md', 'uitvoer'])
    // Inside the package, so that `regelwerk` and `regelwerk/unified` resolve to this package.
    const dir = mkdtempSync(join(ROOT, '.docs-voorbeeld-'))
    try {
      for (const name of ['artikel-opschrift.js', 'controleer.js', 'verordening.md']) {
        writeFileSync(join(dir, name), blocks.get(name) as string)
      }
      const run = spawnSync(process.execPath, ['controleer.js', 'verordening.md'], { cwd: dir, encoding: 'utf8' })
      expect(run.stderr).toBe('')
      expect(run.status).toBe(0)
      expect(run.stdout).toBe(blocks.get('uitvoer'))

      // Without the plugin's finding the file is clean: the message comes from the gemeente's check.
      const clean = spawnSync(process.execPath, [join(ROOT, 'bin', 'regelwerk'), 'check', 'verordening.md'], {
        cwd: dir,
        encoding: 'utf8',
      })
      expect(clean.status).toBe(0)
      expect(clean.stderr).toContain('0 fouten, 0 waarschuwingen')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
