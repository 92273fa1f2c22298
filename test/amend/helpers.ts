import { VFile } from 'vfile'
import { applyAmendment } from '../../src/amend/apply.js'
import { generateAmendment } from '../../src/amend/generate.js'
import { parseAmendment } from '../../src/amend/parse-amendment.js'
import { diffRegelingen } from '../../src/diff/index.js'
import type { Regeling } from '../../src/model/nodes.js'
import { renderAmendmentMarkdown } from '../../src/render/amendment-markdown.js'

/** amend(a, b) rendered as Markdown, read back and applied to a: the whole user path. */
export function roundTrip(oud: Regeling, nieuw: Regeling) {
  const model = generateAmendment(diffRegelingen(oud, nieuw))
  const markdown = renderAmendmentMarkdown(model)
  const file = new VFile({ path: 'wijziging.md', value: markdown })
  const read = parseAmendment(markdown, file)
  const result = applyAmendment(oud, read, file)
  return { model, markdown, file, read, result }
}

/**
 * The front-matter and title of a fictional test regulation (`Proefregeling …`), complete enough to
 * pass check: its own CVDR number, Gemeenteblad number and kenmerk `n`.
 */
export function proefregeling(naam: string, n: number): string {
  return `---
citeertitel: Proefregeling ${naam}
identificatie: CVDR10000${n}
vastgesteld-door: college van burgemeester en wethouders
onderwerp: bestuur en recht
grondslagen:
  - Gemeentewet
inwerkingtreding: 2014-01-01
ondertekening: 2013-12-01
bekendmaking: Gemeenteblad 2013, ${n}
kenmerk: P&O 2013/${n}
bron: eigen proeftekst
---

# Proefregeling ${naam}
`
}
