/**
 * The Toelichting column of the was-wordt table: an explanation per provision, from the new
 * version's front-matter (`toelichting:` a map) or from a side file (`--toelichting bestand.yaml`,
 * a map, optionally under a `toelichting:` key). Keys cite the provision as the table does
 * (`artikel 10, vijfde lid`) or give its id (`art_10__lid_5`); values are text.
 *
 * Reading keeps each key's place, so that a key naming no row of the table is reported where it
 * stands (`toelichting.yaml:3:1`), as the shape errors are.
 */

import type { VFile } from 'vfile'
import { isMap, isScalar, LineCounter, parseDocument, type YAMLMap, type Node as YamlNode } from 'yaml'
import { type FrontMatter, yamlPlace } from '../parse/frontmatter.js'
import { fout } from '../util/messages.js'

/** One explanation with the place of its key. */
export interface ToelichtingEntry {
  key: string
  text: string
  place: { line: number; column: number }
}

type Place = (offset: number | undefined) => { line: number; column: number }

function entriesOf(map: YAMLMap, place: Place, file: VFile): ToelichtingEntry[] {
  const out: ToelichtingEntry[] = []
  for (const pair of map.items) {
    const keyNode = pair.key as YamlNode | null
    const value = pair.value as YamlNode | null
    const at = place(keyNode?.range?.[0])
    if (!isScalar(keyNode) || keyNode.value === null || keyNode.value === '') {
      fout(
        file,
        'Een toelichting heeft als sleutel een bepaling nodig (`artikel 10, vijfde lid: …`)',
        at,
        'toelichting-vorm',
      )
      continue
    }
    const key = String(keyNode.value)
    if (!isScalar(value) || value.value === null || String(value.value).trim() === '') {
      fout(
        file,
        `De toelichting bij \`${key}\` is geen tekst; schrijf \`${key}: tekst\` of een blok met \`|\``,
        at,
        'toelichting-vorm',
      )
      continue
    }
    out.push({ key, text: String(value.value).trim(), place: at })
  }
  return out
}

/** The explanations in the front-matter of a version (`toelichting:`), or none. */
export function frontMatterToelichting(fm: FrontMatter, file: VFile): ToelichtingEntry[] {
  const doc = fm.doc
  if (!fm.present || doc === undefined || doc.errors.length > 0 || !isMap(doc.contents)) return []
  const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'toelichting')
  if (pair === undefined || pair.value === null) return []
  const place: Place = (offset) => yamlPlace(fm, offset)
  const value = pair.value as YamlNode
  if (!isMap(value)) {
    fout(
      file,
      'De waarde van `toelichting` is een map: per bepaling een regel `artikel 10, vijfde lid: tekst`',
      place(value.range?.[0]),
      'toelichting-vorm',
    )
    return []
  }
  return entriesOf(value, place, file)
}

/** The explanations of a side file (YAML); shape errors go to `file`. */
export function readToelichting(text: string, file: VFile): ToelichtingEntry[] {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false })
  const place: Place = (offset) => {
    if (offset === undefined) return { line: 1, column: 1 }
    const p = lineCounter.linePos(offset)
    return { line: p.line, column: p.col }
  }
  if (doc.errors.length > 0) {
    for (const e of doc.errors)
      fout(
        file,
        `De toelichting is geen geldige YAML: ${e.message.split('\n')[0]}`,
        place(e.pos[0]),
        'toelichting-vorm',
      )
    return []
  }
  let map = doc.contents
  if (isMap(map) && map.items.length === 1 && isScalar(map.items[0]?.key) && map.items[0]?.key.value === 'toelichting')
    map = map.items[0]?.value as typeof map
  if (!isMap(map)) {
    fout(
      file,
      'Een toelichtingsbestand is een map: per bepaling een regel `artikel 10, vijfde lid: tekst`',
      place(doc.contents?.range?.[0]),
      'toelichting-vorm',
    )
    return []
  }
  return entriesOf(map, place, file)
}
