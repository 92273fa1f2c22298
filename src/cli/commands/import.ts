/** `regelwerk import <file> [--out F]`: foreign text → canonical Markdown with front-matter. */

import { SKIP, visit } from 'unist-util-visit'
import { importText } from '../../import/index.js'
import type { Regeling } from '../../model/nodes.js'
import { decodeText } from '../../parse/index.js'
import { writeFileAtomic } from '../../util/fs.js'
import { hasErrors } from '../../util/messages.js'
import { EXIT, printMessages, readInput } from '../io.js'

export interface ImportOptions {
  out?: string
}

export function runImport(path: string, options: ImportOptions): number {
  const file = readInput(path)
  const text = hasErrors(file) ? undefined : decodeText(file)
  if (text === undefined) {
    printMessages(file, path)
    return EXIT.input
  }
  const output = importText(text, path, file)
  printMessages(file, path)
  if (hasErrors(file)) return EXIT.input
  if (options.out) {
    writeFileAtomic(options.out, output.markdown)
    const artikelen = countArtikelen(output.tree)
    process.stderr.write(`${options.out}: geïmporteerd als ${output.format}, ${artikelen} artikelen\n`)
  } else process.stdout.write(output.markdown)
  return EXIT.ok
}

function countArtikelen(tree: Regeling): number {
  let n = 0
  visit(tree, 'artikel', () => {
    n++
    return SKIP
  })
  return n
}
