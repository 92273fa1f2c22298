/** `regelwerk import <file> [--out F]`: foreign text → canonical Markdown with front-matter. */

import { importText } from '../../import/index.js'
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

function countArtikelen(node: { type: string; children?: unknown[] }): number {
  let n = node.type === 'artikel' ? 1 : 0
  if (node.type !== 'artikel' && Array.isArray(node.children)) {
    for (const c of node.children) n += countArtikelen(c as { type: string })
  }
  return n
}
