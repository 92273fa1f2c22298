/**
 * `letters --voorbeeld N`: the letter of the row that starts on line N of the data file (the
 * numbering of every message: a CSV line, an Excel row), written to the output folder for a quick
 * look before a batch of thousands. No manifest and no `fouten.txt` are written, so a preview never
 * overwrites those of a batch in the same folder; problems of that row are returned as usual.
 */
import { resolve } from 'node:path'
import { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import { writeFileAtomic } from '../util/fs.js'
import { houseStyleOf, makeLetterFile } from './batch.js'
import { DataFileError, readRows, rowMessage } from './data.js'
import { warnUnshowable } from './tekens.js'
import type { Template } from './template.js'

export interface VoorbeeldResult {
  /** The letter's file name in the output folder, when it was made. */
  bestand?: string
  fouten: VFileMessage[]
  waarschuwingen: VFileMessage[]
  /** When no row starts on line N: the lines on which rows start nearest to it (for the message). */
  geenRij?: { voor?: number; na?: number }
}

export async function runVoorbeeld(options: {
  template: Template
  dataPath: string
  outDir: string
  regel: number
  datum?: string
}): Promise<VoorbeeldResult> {
  const { template, dataPath, outDir, regel } = options
  const data = new VFile({ path: dataPath })
  const warnings = new VFile({ path: dataPath })
  const result: VoorbeeldResult = { fouten: data.messages, waarschuwingen: warnings.messages }
  let before: number | undefined
  try {
    for await (const row of readRows(dataPath, template.fields)) {
      if (row.line < regel) {
        before = row.line
        continue
      }
      if (row.line > regel) {
        result.geenRij = { ...(before ? { voor: before } : {}), na: row.line }
        return result
      }
      if (!row.values) {
        for (const e of row.errors) rowMessage(data, e)
        return result
      }
      const style = houseStyleOf(template)
      const made = makeLetterFile(
        { template, style, outDir, ...(options.datum ? { datum: options.datum } : {}) },
        row.values,
      )
      if (made.kind === 'fout') for (const e of made.errors) rowMessage(data, { line: row.line, ...e })
      else if (made.kind === 'buiten')
        rowMessage(data, {
          line: row.line,
          reden: `de bestandsnaam \`${made.file}\` valt buiten de uitvoermap; de brief is niet geschreven`,
          ruleId: 'brief-bestandsnaam',
        })
      else if (made.bytes) {
        warnUnshowable(warnings, row.line, row.values, template, style.font)
        writeFileAtomic(resolve(outDir, made.file), made.bytes)
        result.bestand = made.file
      }
      return result
    }
  } catch (error) {
    if (!(error instanceof DataFileError)) throw error
    rowMessage(data, { line: error.line, reden: error.message, ruleId: error.ruleId })
    return result
  }
  result.geenRij = before ? { voor: before } : {}
  return result
}
