/**
 * check: content rules over a parsed regulation. Each rule lives in its own file under `rules/`
 * and reports through vfile messages (`fout` for errors, `waarschuwing` for warnings) with a
 * place and its id as `ruleId`; `checkRegeling` runs them all.
 */
import type { VFile } from 'vfile'
import type { ParseResult } from '../parse/index.js'
import { artikelDubbel } from './rules/artikel-dubbel.js'
import { frontmatterDatum } from './rules/frontmatter-datum.js'
import { frontmatterOnbekend } from './rules/frontmatter-onbekend.js'
import { frontmatterOntbreekt } from './rules/frontmatter-ontbreekt.js'
import { frontmatterType } from './rules/frontmatter-type.js'
import { frontmatterVerplicht } from './rules/frontmatter-verplicht.js'
import { inwerkingtredingTekst } from './rules/inwerkingtreding-tekst.js'
import { kopNietGeplaatst } from './rules/kop-niet-geplaatst.js'
import { nummeringLeden } from './rules/nummering-leden.js'
import { nummeringOnderdelen } from './rules/nummering-onderdelen.js'
import { ondertekenaarsOpEenRegel } from './rules/ondertekenaars-op-een-regel.js'
import { verwijzingAnderWerk } from './rules/verwijzing-ander-werk.js'
import {
  type ExternalReference,
  externalReferences,
  verwijzingOnbekendArtikel,
} from './rules/verwijzing-onbekend-artikel.js'
import { woordenAanElkaar } from './rules/woorden-aan-elkaar.js'
import type { DocumentKind, Rule, RuleContext } from './types.js'

export type { ExternalReference } from './rules/verwijzing-onbekend-artikel.js'
export type { ArticleLookup, DocumentKind, Rule, RuleContext, WorkMatch, WorkReferences } from './types.js'

/** All check rules, in the order they run. */
export const RULES: readonly Rule[] = [
  frontmatterOntbreekt,
  frontmatterVerplicht,
  frontmatterOnbekend,
  frontmatterDatum,
  frontmatterType,
  artikelDubbel,
  nummeringLeden,
  nummeringOnderdelen,
  kopNietGeplaatst,
  verwijzingOnbekendArtikel,
  verwijzingAnderWerk,
  inwerkingtredingTekst,
  woordenAanElkaar,
  ondertekenaarsOpEenRegel,
]

/** A ledenbrief or wijzigingsbesluit amends another regulation; everything else is a regeling. */
export function documentKind(frontMatter: Record<string, unknown>): DocumentKind {
  const soort = typeof frontMatter.soort === 'string' ? frontMatter.soort.trim().toLowerCase() : ''
  return soort === 'ledenbrief' || soort === 'wijzigingsbesluit' ? 'wijziging' : 'regeling'
}

/** Run all rules on a parsed file; messages are added to `file` (vfile messages via src/util/messages.ts helpers fout / waarschuwing / info). */
export function checkRegeling(
  result: ParseResult,
  file: VFile,
  options: Partial<Pick<RuleContext, 'inherited' | 'firstVersion' | 'works'>> = {},
): void {
  // A file that could not be decoded has been reported by the parser; there is nothing to check.
  if (result.text === undefined) return
  const ctx = {
    file,
    tree: result.tree,
    frontMatter: result.frontMatter,
    kind: documentKind(result.frontMatter.data),
    inherited: options.inherited,
    firstVersion: options.firstVersion,
    works: options.works,
  }
  for (const rule of RULES) rule.run(ctx)
}

/**
 * The references of a parsed regulation to articles of other regulations (`artikel 64f van de
 * Gemeentewet`): they are not checked, and `check --json` lists them as `externeVerwijzingen`.
 */
export function listExternalReferences(
  result: ParseResult,
  file: VFile,
  options: Partial<Pick<RuleContext, 'inherited' | 'works'>> = {},
): ExternalReference[] {
  if (result.text === undefined) return []
  return externalReferences({
    file,
    tree: result.tree,
    frontMatter: result.frontMatter,
    kind: documentKind(result.frontMatter.data),
    inherited: options.inherited,
    works: options.works,
  })
}
