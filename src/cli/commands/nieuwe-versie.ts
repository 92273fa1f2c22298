/** `regelwerk nieuwe-versie <werk> --per D [--bekendgemaakt D] [--betreft T]`: the next version file. */
import { existsSync, rmSync } from 'node:fs'
import { isIsoDate } from '../../util/dates.js'
import { writeFileAtomic } from '../../util/fs.js'
import { newVersion } from '../../versions/new-version.js'
import { resolveWork } from '../../versions/refs.js'
import { EXIT, UsageError } from '../io.js'

export interface NieuweVersieOptions {
  per?: string
  bekendgemaakt?: string
  betreft?: string
}

function date(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined
  if (!isIsoDate(value)) {
    throw new UsageError(`\`${flag} ${value}\` is geen bestaande datum; schrijf JJJJ-MM-DD (bijvoorbeeld 2014-01-01)`)
  }
  return value
}

export function runNieuweVersie(ref: string, options: NieuweVersieOptions): number {
  const per = date(options.per, '--per')
  if (!per) throw new UsageError('Geef de datum van inwerkingtreding met `--per JJJJ-MM-DD`')
  const bekendgemaakt = date(options.bekendgemaakt, '--bekendgemaakt')
  const work = resolveWork(ref)
  if (!work.ok) {
    process.stderr.write(`fout: ${work.reden}\n`)
    return EXIT.input
  }
  const made = newVersion(work.value, { per, bekendgemaakt, betreft: options.betreft })
  if (!made.ok) {
    process.stderr.write(`fout: ${made.reden}\n`)
    return EXIT.input
  }
  if (existsSync(made.file.path)) {
    process.stderr.write(`fout: \`${made.file.path}\` bestaat al; er wordt niets overschreven\n`)
    return EXIT.input
  }
  writeFileAtomic(made.file.path, made.file.text)
  if (made.baseUpdate) {
    try {
      writeFileAtomic(made.baseUpdate.path, made.baseUpdate.text)
    } catch (error) {
      // Both files or neither: take the new version back.
      rmSync(made.file.path, { force: true })
      throw error
    }
  }
  process.stdout.write(
    `Nieuwe versie geschreven: ${made.file.path} (uit versie ${made.base.name}).\n\nNog te doen:\n${made.todo.map((t) => `- ${t}`).join('\n')}\n`,
  )
  return EXIT.ok
}
