import { numOf } from '../../model/access.js'
import type { Onderdeel, Subonderdeel } from '../../model/nodes.js'
import { waarschuwing } from '../../util/messages.js'
import { checkSequence, type Finding, type NumberScheme, ONDERDELEN, SUBONDERDELEN } from '../numbering.js'
import { childrenOf, type Node, startOf, visit } from '../tree.js'
import type { Rule, RuleContext } from '../types.js'

const ID = 'nummering-onderdelen'

type Numbered = Onderdeel | Subonderdeel

interface Kind {
  type: Numbered['type']
  scheme: NumberScheme
  /** `Onderdeel`, `Subonderdeel`: how the item is named in a message. */
  name: string
  plural: string
  /** `Onverwachte onderdeelletter`: a number that does not follow. */
  unexpected: string
  /** How to number them: `letter de onderdelen door (a, b, c, …)`. */
  advice: string
}

const KINDS: readonly Kind[] = [
  {
    type: 'onderdeel',
    scheme: ONDERDELEN,
    name: 'Onderdeel',
    plural: 'onderdelen',
    unexpected: 'Onverwachte onderdeelletter',
    advice: 'letter de onderdelen door (a, b, c, …)',
  },
  {
    type: 'subonderdeel',
    scheme: SUBONDERDELEN,
    name: 'Subonderdeel',
    plural: 'subonderdelen',
    unexpected: 'Onverwacht subonderdeelnummer',
    advice: 'nummer de subonderdelen door (1°, 2°, 3°, …)',
  },
]

/**
 * Onderdelen lettered a, b, c (after z: aa, bb) and subonderdelen numbered 1°, 2° within their
 * parent. Dash items (`-`) carry no number and are skipped.
 */
export const nummeringOnderdelen: Rule = {
  id: ID,
  description: 'Onderdelen (a, b, c) of subonderdelen (1°, 2°) die niet op volgorde staan of waar er een ontbreekt',
  run(ctx) {
    visit(ctx.tree, (node) => {
      for (const kind of KINDS) checkChildren(ctx, node, kind)
    })
  },
}

function checkChildren(ctx: RuleContext, parent: Node, kind: Kind): void {
  const items = childrenOf(parent).filter((c): c is Numbered => c.type === kind.type && numOf(c) !== '-')
  const findings = checkSequence(
    items.map((item) => numOf(item)),
    kind.scheme,
  )
  findings.forEach((finding, i) => {
    if (finding) waarschuwing(ctx.file, reason(finding, kind), startOf(items[i] as Numbered), ID)
  })
}

function reason(finding: Finding, kind: Kind): string {
  switch (finding.kind) {
    case 'herhaald':
      return `${kind.name} \`${finding.num}\` komt twee keer voor; ${kind.advice}`
    case 'volgorde':
      return `${kind.name} \`${finding.num}\` staat na \`${finding.after}\`; zet de ${kind.plural} op volgorde`
    case 'gat':
      return `${kind.unexpected} \`${finding.num}\`, verwacht \`${finding.expected}\`; ${kind.advice} of vul het ontbrekende ${kind.name.toLowerCase()} aan`
  }
}
