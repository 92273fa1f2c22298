/** The front-matter as YAML nodes, so that rules can see how a value was written and where. */
import type { Point } from 'unist'
import { isMap, isScalar, type Node as YamlNode } from 'yaml'
import { type FrontMatter, yamlPlace } from '../parse/frontmatter.js'

export interface MetaEntry {
  key: string
  /** The value node as YAML parsed it (a scalar, a sequence, a map, an alias, or null). */
  value: YamlNode | null
  keyPlace: Point
  valuePlace: Point
}

/**
 * The key/value pairs of the front-matter, or undefined when it cannot be read as pairs: no
 * front-matter, not closed, a YAML error, or not a map. The parser has reported those already.
 */
export function metaEntries(fm: FrontMatter): MetaEntry[] | undefined {
  const doc = fm.doc
  if (!fm.present || doc === undefined || doc.errors.length > 0) return undefined
  if (doc.contents === null) return []
  if (!isMap(doc.contents)) return undefined
  return doc.contents.items.map((pair) => {
    const keyNode = pair.key as YamlNode | null
    const value = (pair.value ?? null) as YamlNode | null
    const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode)
    const keyPlace = yamlPlace(fm, keyNode?.range?.[0])
    return { key, value, keyPlace, valuePlace: value?.range ? yamlPlace(fm, value.range[0]) : keyPlace }
  })
}

/** Where to report something about the front-matter as a whole: its first key, or its first line. */
export function frontMatterPlace(fm: FrontMatter): Point {
  const contents = fm.doc?.contents
  return contents?.range ? yamlPlace(fm, contents.range[0]) : { line: 1, column: 1 }
}
