import type { Point } from 'unist'
import { isAlias, isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml'
import { META_KEYS, type MetaType } from '../../model/meta.js'
import { type FrontMatter, yamlPlace } from '../../parse/frontmatter.js'
import { fout, waarschuwing } from '../../util/messages.js'
import { metaEntries } from '../meta-entries.js'
import type { Rule, RuleContext } from '../types.js'

const ID = 'frontmatter-type'

/**
 * Values have the shape their key asks for: text for text and dates, a list (or one text) for
 * `grondslagen`. A number or yes/no value where text belongs is only a warning: the parser keeps
 * the source text (`012345`), but every other YAML reader turns it into `12345`.
 */
export const frontmatterType: Rule = {
  id: ID,
  description: 'Een waarde in de front-matter van de verkeerde soort (lijst, getal of ja/nee waar tekst hoort)',
  run(ctx) {
    for (const entry of metaEntries(ctx.frontMatter) ?? []) {
      const type = META_KEYS[entry.key]
      if (type === undefined || entry.value === null || isAlias(entry.value)) continue
      // A map (`toelichting`) is checked where it is read (src/diff/toelichting.ts).
      if (type === 'map') continue
      if (type === 'lijst') checkList(ctx, entry.key, entry.value, entry.valuePlace)
      else checkText(ctx, entry.key, entry.value, entry.valuePlace, type)
    }
  },
}

function checkText(ctx: RuleContext, key: string, value: YamlNode, place: Point, type: MetaType): void {
  if (isSeq(value) || isMap(value)) {
    const shape = isSeq(value) ? 'een lijst' : 'een map (sleutel: waarde)'
    const what = type === 'datum' ? 'één datum' : 'één tekst'
    fout(
      ctx.file,
      `De waarde van \`${key}\` is ${shape}, maar hier hoort ${what}; schrijf \`${key}: ...\` op één regel`,
      place,
      ID,
    )
    return
  }
  // Dates are checked by `frontmatter-datum`.
  if (type === 'tekst') checkScalar(ctx, key, value, place)
  if (type === 'janee' && !(isScalar(value) && typeof value.value === 'boolean')) {
    fout(ctx.file, `De waarde van \`${key}\` is \`true\` (ja) of \`false\` (nee)`, place, ID)
  }
}

function checkList(ctx: RuleContext, key: string, value: YamlNode, place: Point): void {
  if (isMap(value)) {
    fout(
      ctx.file,
      `De waarde van \`${key}\` is een map (sleutel: waarde), maar hier hoort een lijst; begin elke regel met \`- \``,
      place,
      ID,
    )
    return
  }
  if (!isSeq(value)) {
    // One text instead of a list is fine (`grondslagen: Gemeentewet`).
    checkScalar(ctx, key, value, place)
    return
  }
  for (const item of value.items as YamlNode[]) {
    const itemPlace = itemPlaceOf(ctx.frontMatter, item, place)
    if (isSeq(item) || isMap(item)) {
      fout(
        ctx.file,
        `Een onderdeel van de lijst \`${key}\` is zelf een lijst of map; schrijf elk onderdeel als tekst op een eigen regel \`- ...\``,
        itemPlace,
        ID,
      )
    } else checkScalar(ctx, key, item, itemPlace)
  }
}

function itemPlaceOf(fm: FrontMatter, item: YamlNode, fallback: Point): Point {
  return item.range ? yamlPlace(fm, item.range[0]) : fallback
}

/** A scalar that YAML reads as a number or yes/no value. */
function checkScalar(ctx: RuleContext, key: string, value: YamlNode, place: Point): void {
  if (!isScalar(value) || value.value === null || typeof value.value === 'string') return
  const source = ctx.frontMatter.yaml.slice(value.range?.[0] ?? 0, value.range?.[1] ?? 0).trim()
  const readAs = typeof value.value === 'boolean' ? 'een ja/nee-waarde' : 'een getal'
  waarschuwing(
    ctx.file,
    `De waarde \`${source}\` van \`${key}\` leest YAML als ${readAs} (\`${String(value.value)}\`); zet hem tussen aanhalingstekens: \`${key}: "${source}"\` (regelwerk bewaart de tekst zoals geschreven, andere programma's niet)`,
    place,
    ID,
  )
}
