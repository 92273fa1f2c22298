/** `regelwerk check [paths…]`: parse and validate regulations and amendments. */
import { existsSync } from 'node:fs'
import { declaredSoort } from '../../parse/frontmatter.js'
import { parseRegeling } from '../../parse/index.js'
import { collectMarkdown, fileText } from '../../util/fs.js'
import { hasErrors } from '../../util/messages.js'
import { checkRegeling, listExternalReferences } from '../../validate/index.js'
import { versionMessages } from '../../versions/version-messages.js'
import { WorkLibrary, workDirsFor } from '../../werken/library.js'
import { counts, EXIT, messageJson, plural, printMessages, readInput } from '../io.js'

export interface CheckOptions {
  json?: boolean
}

/** Default paths: the bundled regulations, templates and publication files, where they exist. */
export const DEFAULT_CHECK_PATHS = ['regulations', 'templates', 'publicaties']

export async function runCheck(paths: string[], options: CheckOptions): Promise<number> {
  const given = paths.length > 0
  const targets = given ? paths : DEFAULT_CHECK_PATHS.filter((p) => existsSync(p))
  const { files, missing } = collectMarkdown(targets)
  let fouten = 0
  let waarschuwingen = 0
  const json: Record<string, unknown>[] = []
  const external: Record<string, unknown>[] = []
  for (const path of missing) {
    fouten++
    const line = `${path}:1:1: fout Het pad \`${path}\` bestaat niet [pad-ontbreekt]`
    if (options.json)
      json.push({
        pad: path,
        regel: 1,
        kolom: 1,
        ernst: 'fout',
        bericht: `Het pad \`${path}\` bestaat niet`,
        regelId: 'pad-ontbreekt',
      })
    else process.stderr.write(`${line}\n`)
  }
  const works = versionMessages(files)
  // A folder (or work) was given: references into the other works of that folder are checked
  // against them. A single file is checked on its own.
  const workDirs = workDirsFor(targets)
  const library = workDirs.length > 0 ? new WorkLibrary(workDirs) : undefined
  for (const path of files) {
    const file = readInput(path)
    const work = works.get(path)
    // The front-matter's `soort` sends the file to its checks: letter templates and publication
    // files have checks of their own, loaded only when such a file comes along (they bring the
    // letter rules and the amendment generator, which a plain check does not need); a versioned
    // text block (templates/) is checked for its dates only, with its work.
    const soort = hasErrors(file) ? undefined : declaredSoort(fileText(file))
    if (soort === 'sjabloon') {
      const { checkTemplateFile } = await import('../../assemble/check-template.js')
      checkTemplateFile(file)
    } else if (soort === 'publicatie') {
      const { preparePublication } = await import('../../publish/index.js')
      preparePublication(file)
    } else if (!hasErrors(file) && soort !== 'tekstblok') {
      const result = parseRegeling(file)
      if (result.text !== undefined) {
        library?.prime(path, result.tree)
        const refs = library?.contextFor(path, result.frontMatter.data)
        checkRegeling(result, file, { inherited: work?.inherited, firstVersion: work?.firstVersion, works: refs })
        // --json lists the references into other regulations: checked when they point into a work
        // of the folder (and that work has a version on this text's date), otherwise only listed.
        if (options.json) {
          for (const r of listExternalReferences(result, file, { inherited: work?.inherited, works: refs })) {
            const entry: Record<string, unknown> = {
              pad: path,
              regel: r.place?.line ?? 1,
              kolom: r.place?.column ?? 1,
              verwijzing: r.text,
              artikel: r.num,
              regeling: r.regulation,
            }
            if (library) {
              if (r.resolved) entry.gelezenAls = { regeling: r.resolved.name, bron: r.resolved.via }
              entry.werk = r.work?.id ?? null
              entry.gecontroleerd = r.gevonden !== undefined
              if (r.gevonden !== undefined) entry.gevonden = r.gevonden
              if (r.versie) entry.versie = r.versie
              if (r.reden) entry.reden = r.reden
            } else if (r.resolved) entry.gelezenAls = { regeling: r.resolved.name, bron: r.resolved.via }
            external.push(entry)
          }
        }
      }
    }
    // Added after the file's own checks, so that a version fout never hides them.
    for (const m of work?.messages ?? []) file.messages.push(m)
    const c = counts(file.messages)
    fouten += c.fouten
    waarschuwingen += c.waarschuwingen
    if (options.json) json.push(...file.messages.map((m) => messageJson(m, path)))
    else printMessages(file, path)
  }
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ bestanden: files.length, fouten, waarschuwingen, berichten: json, externeVerwijzingen: external }, null, 2)}\n`,
    )
  } else {
    const summary = `${plural(files.length, 'bestand', 'bestanden')} gecontroleerd: ${plural(fouten, 'fout', 'fouten')}, ${plural(waarschuwingen, 'waarschuwing', 'waarschuwingen')}`
    process.stderr.write(`${summary}\n`)
  }
  return fouten > 0 ? EXIT.input : EXIT.ok
}
