/** `regelwerk fmt <file> [--write | --check]`: the canonical Markdown of a regulation. */

import { formatRegeling } from '../../format/markdown.js'
import { parseRegeling } from '../../parse/index.js'
import { writeFileAtomic } from '../../util/fs.js'
import { hasErrors } from '../../util/messages.js'
import { EXIT, printMessages, readInput, UsageError } from '../io.js'

export interface FmtOptions {
  write?: boolean
  check?: boolean
}

export function runFmt(path: string, options: FmtOptions): number {
  if (options.write && options.check) throw new UsageError('Gebruik `--write` of `--check`, niet allebei')
  const file = readInput(path)
  const result = hasErrors(file) ? undefined : parseRegeling(file)
  if (!result || hasErrors(file)) {
    printMessages(file, path)
    return EXIT.input
  }
  const out = formatRegeling(result.tree, {
    frontMatter: result.frontMatter.present ? result.frontMatter.yaml : undefined,
  })
  if (options.check) {
    if (out === result.text) return EXIT.ok
    process.stderr.write(
      `${path}:1:1: fout Het bestand is niet in de standaardvorm; voer \`regelwerk fmt --write ${path}\` uit [fmt]\n`,
    )
    return EXIT.input
  }
  if (options.write) {
    if (out !== result.text) writeFileAtomic(path, out)
    return EXIT.ok
  }
  process.stdout.write(out)
  return EXIT.ok
}
