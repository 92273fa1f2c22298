// The command line as a few bundled files (dist/cli-bundle/), because a cold `regelwerk check` spends
// most of its time finding and loading some 170 small modules (our own, micromark's, yaml's): one
// file per command plus shared chunks start about 60 ms of CPU faster (docs/plugins.md). Commands
// stay in their own chunks, so `check` still loads nothing of Word, HTML or letters. The library
// (`dist/index.js`) is not bundled: importers load what they import.
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'rolldown'

const root = join(import.meta.dirname, '..')
const out = join(root, 'dist', 'cli-bundle')
rmSync(out, { recursive: true, force: true })
await build({
  input: {
    index: join(root, 'dist', 'cli', 'index.js'),
    // batch.ts starts its workers with `new URL('./letter-worker.js', import.meta.url)`: the worker is
    // an entry of its own, next to the chunk that starts it.
    'letter-worker': join(root, 'dist', 'assemble', 'letter-worker.js'),
  },
  platform: 'node',
  logLevel: 'warn',
  output: { dir: out, format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
})

// The app's client scripts (src/serve/client/): one small file per page that needs one, for the
// browser, into dist/serve/static/ where `regelwerk serve` serves them.
const clientOut = join(root, 'dist', 'serve', 'static')
rmSync(clientOut, { recursive: true, force: true })
await build({
  input: {
    voortgang: join(root, 'src', 'serve', 'client', 'voortgang.ts'),
    editor: join(root, 'src', 'serve', 'client', 'editor.ts'),
  },
  platform: 'browser',
  logLevel: 'warn',
  output: { dir: clientOut, format: 'esm', entryFileNames: '[name].js', minify: true },
})
