/**
 * A worker thread of `runBatch` with `jobs` > 1: loads the template and house style once, then
 * assembles and renders the rows it is sent and writes each to a temp file in the output folder.
 * Which temp file becomes which letter (or is removed, for a duplicate name) is decided by the
 * main thread, in row order.
 */
import { parentPort, threadId, workerData } from 'node:worker_threads'
import { houseStyleOf, type Made, type MakeContext, makeLetterFile } from './batch.js'
import { loadTemplate } from './template.js'
import type { Value } from './values.js'

const data = workerData as {
  templatePath: string
  outDir: string
  datum?: string
  resume?: boolean
  freshFolder?: boolean
}
const { template } = loadTemplate(data.templatePath)
if (!template) throw new Error(`het sjabloon ${data.templatePath} is niet te laden in een werkthread`)
const ctx: MakeContext = {
  template,
  style: houseStyleOf(template),
  outDir: data.outDir,
  ...(data.datum ? { datum: data.datum } : {}),
  resume: data.resume === true,
  freshFolder: data.freshFolder === true,
  tmpPrefix: `.regelwerk-${process.pid}-w${threadId}`,
}

parentPort?.on('message', (msg: { id: number; rows: Array<Record<string, Value>> }) => {
  const made: Made[] = msg.rows.map((values) => makeLetterFile(ctx, values))
  parentPort?.postMessage({ id: msg.id, made })
})
