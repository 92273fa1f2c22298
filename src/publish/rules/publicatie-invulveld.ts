import { yamlPlace } from '../../parse/frontmatter.js'
import { info, waarschuwing } from '../../util/messages.js'
import type { PublicationRule } from './types.js'

const ID = 'publicatie-invulveld'
const FIELD = /\[[^\]\n]{1,80}\]/g

/**
 * A fill-in field (`[naam burgemeester]`) that is still in the publication file would be
 * published as it stands. In a file marked `voorbeeld: true` fill-in fields are expected, so there
 * they are only noted.
 */
export const publicatieInvulveld: PublicationRule = {
  id: ID,
  description: 'Een invulveld (`[...]`) in het publicatiebestand is nog niet ingevuld',
  run(ctx) {
    const { pub, file } = ctx
    const yaml = pub.frontMatter.yaml
    for (const m of yaml.matchAll(FIELD)) {
      // Skip YAML flow sequences (`[a, b]`) and comments: only fields inside text count.
      const lineStart = yaml.lastIndexOf('\n', m.index) + 1
      const before = yaml.slice(lineStart, m.index)
      if (before.includes('#') || /:\s*$/.test(before) || /^\s*-\s*$/.test(before)) continue
      const place = yamlPlace(pub.frontMatter, m.index)
      const reason = `Invulveld \`${m[0]}\` is nog niet ingevuld`
      if (pub.voorbeeld) info(file, `${reason} (voorbeeld)`, place, ID)
      else waarschuwing(file, `${reason}; vul het in vóór publicatie`, place, ID)
    }
  },
}
