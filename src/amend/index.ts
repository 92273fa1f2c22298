/**
 * Amendments both ways: `generateAmendment` writes the wijzigingsbesluit that turns one version into
 * the next; `parseAmendment` reads a wijzigingsbesluit or ledenbrief into operations and
 * `applyAmendment` carries them out. `apply(a, amend(a, b))` equals `b`.
 */

export type * from '../model/amendment.js'
export { type ApplyOptions, type ApplyResult, applyAmendment, fromModel, nextMeta } from './apply.js'
export { applyOperatie, OpdrachtFout } from './apply-operation.js'
export {
  type AmendmentOptions,
  AmendmentRefusal,
  artikelIITekst,
  generateAmendment,
  lidwoordVan,
  renderInhoud,
} from './generate.js'
export { type GelezenOpdracht, type GelezenWijziging, parseAmendment, readInstruction } from './parse-amendment.js'
