/**
 * The next version of a work, made the way a drafter should make it: from the version in force
 * the day before, with the keys that belong to one version reset (DOMAIN.md §3: each version has
 * its own inwerkingtreding, terugwerkende kracht, betreft, ondertekening, bekendmaking and source).
 * Copying the previous file by hand keeps those keys, and a kept `terugwerkende-kracht` silently
 * makes the new text apply over the old version's whole period.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { isMap, isScalar, parseDocument } from 'yaml'
import { formatDutchDate, isIsoDate } from '../util/dates.js'
import { versionAt } from './version-at.js'
import { compareDates, type Version, type Work } from './work.js'

/** Keys that belong to one version and are not carried over to the next. */
export const VERSION_KEYS = [
  'inwerkingtreding',
  'terugwerkende-kracht',
  'uitwerkingtreding',
  'ondertekening',
  'bekendmaking',
  'bekendmaking-datum',
  'betreft',
  'kenmerk',
  'bron',
  'opmerkingen',
  'identificatie',
] as const

/** Keys the user still has to fill in for the new version (in the order they are asked for). */
export const TO_FILL = ['ondertekening', 'bekendmaking', 'kenmerk', 'bron'] as const

export interface NewVersionOptions {
  /** The new version's inwerkingtreding (ISO). */
  per: string
  /** The day it was made known (ISO), written as `bekendmaking-datum`. */
  bekendgemaakt?: string | undefined
  /** `betreft` of the new version; `wijziging` when not given. */
  betreft?: string | undefined
}

export interface FileWrite {
  path: string
  text: string
}

export type NewVersionResult =
  | {
      ok: true
      /** The new version file. */
      file: FileWrite
      /** The version it was made from. */
      base: Version
      /** The base file with its `uitwerkingtreding` moved to the new version, when it had one. */
      baseUpdate: FileWrite | undefined
      /** What the user has to do next, in Dutch, one line each. */
      todo: string[]
    }
  | { ok: false; reden: string }

/** Split a version file into its front-matter YAML and the rest (body with the closing `---`). */
function split(text: string): { yaml: string; rest: string; open: string } | undefined {
  const m = /^(\uFEFF?---[ \t]*\r?\n)/.exec(text)
  if (!m) return undefined
  const open = m[1] as string
  const close = /(?:^|\r?\n)(?:---|\.\.\.)[ \t]*(?=\r?\n|$)/.exec(text.slice(open.length))
  if (!close) return undefined
  const yaml = text.slice(open.length, open.length + close.index)
  return { yaml, rest: text.slice(open.length + close.index), open }
}

/** Make the next version of `work` per `options.per`. Nothing is written here. */
export function newVersion(work: Work, options: NewVersionOptions): NewVersionResult {
  const per = options.per
  if (!isIsoDate(per)) return { ok: false, reden: `\`${per}\` is geen bestaande datum; schrijf JJJJ-MM-DD` }
  if (options.bekendgemaakt !== undefined && !isIsoDate(options.bekendgemaakt)) {
    return { ok: false, reden: `\`${options.bekendgemaakt}\` is geen bestaande datum; schrijf JJJJ-MM-DD` }
  }
  const titel = work.citeertitel ?? work.id
  const same = work.versions.find((v) => v.inwerkingtreding === per || v.name === per)
  if (same) {
    return {
      ok: false,
      reden: `${titel} heeft al een versie per ${formatDutchDate(per)} (\`${same.path}\`); pas die aan, of kies een andere datum`,
    }
  }
  const dayBefore = new Date(`${per}T00:00:00Z`)
  dayBefore.setUTCDate(dayBefore.getUTCDate() - 1)
  const before = dayBefore.toISOString().slice(0, 10)
  const found = versionAt(work, before, { mode: 'in-werking' })
  if (!found.ok) {
    return {
      ok: false,
      reden: `Er is geen versie van ${titel} die op ${formatDutchDate(before)} (de dag vóór ${formatDutchDate(per)}) in werking is om van uit te gaan: ${found.reden}`,
    }
  }
  const base = found.version
  if (base.intrekking) {
    return {
      ok: false,
      reden: `${titel} is op ${formatDutchDate(before)} ingetrokken; een nieuwe versie kan daar niet op volgen`,
    }
  }
  let text: string
  try {
    text = readFileSync(base.path, 'utf8')
  } catch {
    return { ok: false, reden: `Het bestand \`${base.path}\` van de vorige versie kan niet worden gelezen` }
  }
  const parts = split(text)
  if (!parts) {
    return {
      ok: false,
      reden: `\`${base.path}\` heeft geen front-matter (tussen twee regels \`---\`); zet die eerst, dan kan de volgende versie eruit worden gemaakt`,
    }
  }
  const doc = parseDocument(parts.yaml, { version: '1.2' })
  if (doc.errors.length > 0 || !isMap(doc.contents)) {
    return {
      ok: false,
      reden: `De front-matter van \`${base.path}\` bevat fouten; draai \`regelwerk check ${base.path}\``,
    }
  }
  // The end of the regulation (or of the base's period) moves to the new version.
  const end = base.uitwerkingtreding
  const carriesEnd = end !== undefined && compareDates(end, per) > 0
  // Keys that get a new value keep their place in the file; the others go.
  const kept = new Map<string, string>([['inwerkingtreding', per]])
  if (carriesEnd) kept.set('uitwerkingtreding', end)
  if (options.bekendgemaakt) kept.set('bekendmaking-datum', options.bekendgemaakt)
  kept.set('betreft', options.betreft?.trim() || 'wijziging')
  for (const key of VERSION_KEYS) if (!kept.has(key)) doc.delete(key)
  for (const [key, value] of kept) doc.set(key, value)
  const yaml = doc.toString()
  const file: FileWrite = { path: join(work.dir, `${per}.md`), text: `---\n${yaml}${parts.rest.replace(/^\r?\n/, '')}` }

  let baseUpdate: FileWrite | undefined
  const todo: string[] = []
  if (end !== undefined && compareDates(end, per) !== 0) {
    const baseDoc = parseDocument(parts.yaml, { version: '1.2' })
    const pair = isMap(baseDoc.contents)
      ? baseDoc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'uitwerkingtreding')
      : undefined
    const range = pair && isScalar(pair.value) ? pair.value.range : undefined
    if (range) {
      // Only the date changes: the rest of the file stays byte for byte as the user wrote it.
      const yaml = `${parts.yaml.slice(0, range[0])}${per}${parts.yaml.slice(range[1])}`
      baseUpdate = { path: base.path, text: `${parts.open}${yaml}${parts.rest}` }
      todo.push(
        `In \`${base.path}\` is \`uitwerkingtreding\` ${formatDutchDate(end)} vervangen door ${formatDutchDate(per)}${carriesEnd ? `; de nieuwe versie werkt uit per ${formatDutchDate(end)}` : ''}.`,
      )
    }
  }
  todo.push('Pas de tekst aan: nu is die nog gelijk aan de vorige versie.')
  todo.push(
    `Vul in de front-matter in: ${TO_FILL.map((k) => `\`${k}\``).join(', ')}; en \`betreft\` als die meer moet zeggen dan "${options.betreft?.trim() || 'wijziging'}".`,
  )
  todo.push(
    'Werkt de wijziging terug? Zet dan `terugwerkende-kracht: JJJJ-MM-DD` (een dag ná het begin van de vorige versie).',
  )
  todo.push(`Controleer daarna met \`regelwerk check ${work.dir}\`.`)
  return { ok: true, file, base, baseUpdate, todo }
}
