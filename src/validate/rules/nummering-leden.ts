import { numOf } from '../../model/access.js'
import type { Artikel, Lid } from '../../model/nodes.js'
import { waarschuwing } from '../../util/messages.js'
import { checkSequence, type Finding, LEDEN } from '../numbering.js'
import { articleScopes, startOf } from '../tree.js'
import type { Rule, RuleContext } from '../types.js'

const ID = 'nummering-leden'

/** Leden numbered 1, 2, 3 (with inserted `2a`, `2b`): a gap, a repeat or a step back is reported. */
export const nummeringLeden: Rule = {
  id: ID,
  description: 'Leden van een artikel die niet op volgorde genummerd zijn of waar een nummer ontbreekt',
  run(ctx) {
    for (const scope of articleScopes(ctx.tree)) for (const artikel of scope) checkArtikel(ctx, artikel)
  },
}

function checkArtikel(ctx: RuleContext, artikel: Artikel): void {
  const leden = artikel.children.filter((c): c is Lid => c.type === 'lid')
  const findings = checkSequence(
    leden.map((l) => numOf(l)),
    LEDEN,
  )
  findings.forEach((finding, i) => {
    if (finding) waarschuwing(ctx.file, reason(finding, numOf(artikel)), startOf(leden[i] as Lid), ID)
  })
}

function reason(finding: Finding, artikel: string): string {
  const where = `in artikel \`${artikel}\``
  switch (finding.kind) {
    case 'herhaald':
      return `Lidnummer \`${finding.num}\` komt twee keer voor ${where}; nummer de leden door`
    case 'volgorde':
      return `Lidnummer \`${finding.num}\` staat na \`${finding.after}\` ${where}; zet de leden op volgorde`
    case 'gat':
      return `Onverwacht lidnummer \`${finding.num}\`, verwacht \`${finding.expected}\` (artikel \`${artikel}\`); nummer de leden door of vul het ontbrekende lid aan`
  }
}
