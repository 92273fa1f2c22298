/**
 * Find and parse the regulation versions a publication file names: `regeling` (the version it
 * makes known) and, for a wijzigingsbesluit, `wijzigt` (the version it changes). A reference is a
 * file (relative to the publication file) or `werk@JJJJ-MM-DD` (the version that applies on that
 * day, looked up under `regulations/` of the current folder, else beside the publication file's
 * folder). A reference that cannot be found is an error on the key that names it; problems inside
 * the regulation file are messages on that file.
 */
import { existsSync, statSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { VFile } from 'vfile'
import type { Regeling } from '../model/nodes.js'
import { parseRegeling } from '../parse/index.js'
import { readInputFile } from '../util/limits.js'
import { fout, hasErrors } from '../util/messages.js'
import { checkRegeling } from '../validate/index.js'
import { REGULATIONS_DIR, resolveVersion } from '../versions/refs.js'
import { isWorkDir, loadWork, type Version, type Work } from '../versions/work.js'
import type { PublicatieBestand } from './read-publication-file.js'

/** A regulation version as the publication uses it. */
export interface LoadedVersion {
  /** The reference as written in the publication file. */
  ref: string
  path: string
  tree: Regeling
  /** The regulation file with its parse and check messages. */
  file: VFile
  work: Work | undefined
  version: Version | undefined
}

export interface Sources {
  nieuw?: LoadedVersion
  oud?: LoadedVersion
  /** The regulation files read, with their messages (print them under their own path). */
  files: VFile[]
}

/** Resolve and parse the versions named in `pub`; errors about the references go on `pubFile`. */
export function resolveSources(pub: PublicatieBestand, pubFile: VFile): Sources {
  const sources: Sources = { files: [] }
  if (pub.regeling === undefined) {
    fout(
      pubFile,
      'Het publicatiebestand noemt de regeling niet; voeg een regel `regeling: werk@JJJJ-MM-DD` (of het versiebestand) toe',
      pub.endPlace,
      'publicatie-verplicht',
    )
  } else sources.nieuw = load(pub, 'regeling', pub.regeling, pubFile, sources)
  if (pub.wijzigt !== undefined) sources.oud = load(pub, 'wijzigt', pub.wijzigt, pubFile, sources)
  return sources
}

function load(
  pub: PublicatieBestand,
  key: 'regeling' | 'wijzigt',
  ref: string,
  pubFile: VFile,
  sources: Sources,
): LoadedVersion | undefined {
  const path = findVersion(ref, dirname(pub.path))
  if (!path.ok) {
    fout(pubFile, `\`${key}: ${ref}\`: ${path.reden}`, pub.valuePlaces.get(key), 'publicatie-regeling-onbekend')
    return undefined
  }
  const file = new VFile({ path: path.value })
  const read = readInputFile(path.value, 'tekst')
  if ('problem' in read) {
    fout(pubFile, `\`${key}: ${ref}\`: ${read.problem.reason}`, pub.valuePlaces.get(key), read.problem.ruleId)
    return undefined
  }
  file.value = read.bytes
  const result = parseRegeling(file)
  const dir = dirname(path.value)
  const work = isWorkDir(dir) ? loadWork(dir) : undefined
  const version = work?.versions.find((v) => v.path === path.value || relative(v.path, path.value) === '')
  checkRegeling(result, file, { inherited: work?.inherited })
  // Only errors stop a publication; `regelwerk check` shows the warnings of the regulation.
  file.messages = file.messages.filter((m) => m.fatal === true)
  sources.files.push(file)
  if (hasErrors(file) || result.text === undefined) {
    fout(
      pubFile,
      `\`${key}: ${ref}\`: de regeling \`${path.value}\` heeft fouten (zie de berichten hierboven); herstel die eerst`,
      pub.valuePlaces.get(key),
      'publicatie-regeling-fout',
    )
    return undefined
  }
  return { ref, path: path.value, tree: result.tree, file, work, version }
}

type Found = { ok: true; value: string } | { ok: false; reden: string }

function findVersion(ref: string, base: string): Found {
  const at = /^(.+)@(\d{4}-\d{2}-\d{2})$/.exec(ref)
  if (!at) {
    const candidates = [join(base, ref), ref]
    for (const c of candidates) if (existsSync(c) && statSync(c).isFile()) return { ok: true, value: c }
    return { ok: false, reden: `het bestand bestaat niet (gezocht: ${candidates.map((c) => `\`${c}\``).join(', ')})` }
  }
  // Beside the publication folder first (`publicaties/x.md` next to `regulations/`), then the current folder.
  const work = at[1] as string
  const beside = join(base, '..', REGULATIONS_DIR, work)
  if (!work.includes('/') && existsSync(beside) && statSync(beside).isDirectory())
    return resolveVersion(`${beside}@${at[2]}`)
  return resolveVersion(ref)
}
