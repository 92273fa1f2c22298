/** `regelwerk amend <oud> <nieuw> [--format md|docx] [--out F]`: the wijzigingsbesluit from old to new. */
import { resolve as resolvePath } from 'node:path'
import { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import { applyAmendment } from '../../amend/apply.js'
import { OpdrachtFout, resolve } from '../../amend/apply-operation.js'
import { AmendmentRefusal, generateAmendment } from '../../amend/generate.js'
import { besluitKader } from '../../amend/kader.js'
import { type GelezenWijziging, parseAmendment } from '../../amend/parse-amendment.js'
import { diffRegelingen } from '../../diff/index.js'
import type { Wijzigingsbesluit } from '../../model/amendment.js'
import type { Regeling } from '../../model/nodes.js'
import type { ParseResult } from '../../parse/index.js'
import { renderAmendmentMarkdown } from '../../render/amendment-markdown.js'
import { isIsoDate } from '../../util/dates.js'
import { writeFileAtomic } from '../../util/fs.js'
import { fout, waarschuwing } from '../../util/messages.js'
import { metaEntries } from '../../validate/meta-entries.js'
import { EXIT, printMessages, UsageError } from '../io.js'
import { loadVersion } from '../load-version.js'

export interface AmendCliOptions {
  format?: string
  out?: string
  force?: boolean
  /** The besluit's kenmerk, when it is known already. */
  kenmerk?: string
  /** The besluit's date of signing (JJJJ-MM-DD), when it is known already. */
  ondertekening?: string
}

export async function runAmend(oudRef: string, nieuwRef: string, options: AmendCliOptions): Promise<number> {
  const format = options.format ?? 'md'
  if (format !== 'md' && format !== 'docx') throw new UsageError(`Onbekend formaat \`${format}\`; kies uit md, docx`)
  if (format === 'docx' && !options.out)
    throw new UsageError('Een Word-bestand gaat niet naar het scherm: geef `--out wijzigingsbesluit.docx`')
  if (options.out && [oudRef, nieuwRef].some((r) => resolvePath(options.out as string) === resolvePath(r)))
    throw new UsageError('`--out` mag geen van beide versies zelf zijn')
  if (options.ondertekening !== undefined && !isIsoDate(options.ondertekening))
    throw new UsageError(
      `\`--ondertekening ${options.ondertekening}\` is geen bestaande dag; schrijf de datum als JJJJ-MM-DD`,
    )
  if (options.kenmerk !== undefined && options.kenmerk.trim() === '')
    throw new UsageError('`--kenmerk` is leeg; geef het kenmerk van het besluit of laat de optie weg')
  // Both sides are read and checked, so that one run shows the messages of both.
  const oud = loadVersion(oudRef, { force: options.force })
  const nieuw = loadVersion(nieuwRef, { force: options.force })
  if (typeof oud === 'number') return oud
  if (typeof nieuw === 'number') return nieuw
  // ARTIKEL II states the new version's dates: an impossible one (let through by `--force`) cannot.
  if (!datesUsable(nieuw.result, nieuw.path)) return EXIT.input
  // loadVersion dates a version without inwerkingtreding in its front-matter by its file name.
  let model: Wijzigingsbesluit
  try {
    model = generateAmendment(diffRegelingen(oud.result.tree, nieuw.result.tree))
  } catch (error) {
    if (!(error instanceof AmendmentRefusal)) throw error
    const file = new VFile({ path: nieuw.path })
    fout(file, error.message, error.position ?? { line: 1, column: 1 }, 'wijziging-onmogelijk')
    printMessages(file, nieuw.path)
    return EXIT.input
  }
  // Equal words (only opmaak or a consolidator's note differ) need no besluit: `apply` would refuse
  // an ARTIKEL I without instructions, so none is written.
  if (model.artikelI.items.length === 0) {
    const reden =
      model.redactioneel.length > 0
        ? 'de bepalingen zijn in beide versies woord voor woord gelijk; alleen de opmaak (verwijzingen als link, nadruk, regeleinden) of aantekeningen van de consolidatie verschillen'
        : 'de versies hebben dezelfde tekst'
    const file = new VFile({ path: nieuw.path })
    fout(
      file,
      `Geen inhoudelijke wijzigingen: ${reden}. Er is geen wijzigingsbesluit geschreven`,
      { line: 1, column: 1 },
      'wijziging-leeg',
    )
    printMessages(file, nieuw.path)
    return EXIT.input
  }
  const kader = besluitKader(oud.result.tree.data.meta, nieuw.result.tree.data.meta, {
    ...(options.kenmerk !== undefined ? { kenmerk: options.kenmerk.trim() } : {}),
    ...(options.ondertekening !== undefined ? { ondertekening: options.ondertekening } : {}),
  })
  // The other half must take what this half writes: the besluit is read and applied to the old
  // version here, and a refusal (a provision of the new version that ends without the punctuation
  // the old one had reads as a cut-off besluit) stops with apply's message, so that no file is
  // written that `apply` would refuse.
  const markdown = renderAmendmentMarkdown(model, kader)
  const probe = new VFile({ path: options.out ?? 'wijzigingsbesluit.md', value: markdown })
  const gelezen = parseAmendment(markdown, probe)
  applyAmendment(oud.result.tree, gelezen, probe)
  const weigering = probe.messages.find((m) => m.fatal === true)
  if (weigering) {
    const file = new VFile({ path: nieuw.path })
    const hint =
      weigering.ruleId === 'wijziging-afgebroken'
        ? ' Kijk in de nieuwe versie of die bepaling een leesteken aan het slot mist.'
        : ''
    fout(
      file,
      `Het wijzigingsbesluit zou door \`apply\` worden geweigerd: ${weigering.reason.replace(/\. Er is niets geschreven$/, '')}.${hint} Er is geen wijzigingsbesluit geschreven`,
      bepalingVan(model, gelezen, weigering, nieuw.result.tree) ?? { line: 1, column: 1 },
      'wijziging-onmogelijk',
    )
    printMessages(file, nieuw.path)
    return EXIT.input
  }
  let output: string | Uint8Array
  if (format === 'docx') {
    const { renderAmendmentDocx } = await import('../../render/amendment-docx.js')
    output = await renderAmendmentDocx(model, kader)
  } else output = markdown
  const meldingen = new VFile({ path: nieuw.path })
  if (model.grofheid === 'regeling')
    waarschuwing(
      meldingen,
      `Het besluit vervangt de hele tekst van de regeling, omdat ${model.reden ?? 'de verschillen niet per bepaling te beschrijven zijn'}.`,
      { line: 1, column: 1 },
      'wijziging-geheel',
    )
  if (model.grofheid === 'artikel') {
    const delen = model.geheelVervangen
    const lijst =
      delen.length <= 1 ? (delen[0] ?? '') : `${delen.slice(0, -1).join(', ')} en ${delen[delen.length - 1]}`
    waarschuwing(
      meldingen,
      `${lijst.charAt(0).toUpperCase()}${lijst.slice(1)} ${delen.length === 1 ? 'komt' : 'komen'} als geheel te luiden, omdat fijnere opdrachten de nieuwe tekst niet precies gaven of een deel zonder nummer hadden moeten noemen dat niet bij zijn opschrift te noemen is (eigen tekst buiten de artikelen, of een opschrift dat vaker voorkomt); lees die onderdelen van het besluit na.`,
      { line: 1, column: 1 },
      'wijziging-geheel',
    )
  }
  printMessages(meldingen, nieuw.path)
  if (options.out) {
    writeFileAtomic(options.out, output)
    const n = model.artikelI.items.length
    process.stderr.write(`${options.out}: ${n} ${n === 1 ? 'onderdeel' : 'onderdelen'} in ARTIKEL I\n`)
  } else process.stdout.write(output)
  return EXIT.ok
}

/** The date keys that go into ARTIKEL II. */
const ARTIKEL_II_KEYS = ['inwerkingtreding', 'terugwerkende-kracht'] as const

/**
 * Whether the new version's dates can stand in ARTIKEL II; if not, a placed message is printed.
 * (`generateAmendment` refuses an impossible date with an exception: for the command line it is
 * the input's fault.)
 */
function datesUsable(result: ParseResult, path: string): boolean {
  const file = new VFile({ path })
  for (const key of ARTIKEL_II_KEYS) {
    const value = result.tree.data.meta[key]
    if (typeof value !== 'string' || value.trim() === '' || isIsoDate(value.trim())) continue
    const place = metaEntries(result.frontMatter)?.find((e) => e.key === key)?.valuePlace ?? { line: 1, column: 1 }
    fout(
      file,
      `De datum \`${value.trim()}\` bij \`${key}\` is geen bestaande dag; het wijzigingsbesluit kan er niet mee in werking treden. Vul een echte dag in als \`JJJJ-MM-DD\` (ook \`--force\` helpt hier niet)`,
      place,
      'frontmatter-datum',
    )
  }
  printMessages(file, path)
  return file.messages.length === 0
}

/**
 * Where the provision concerned stands in the new version: the instruction of the besluit that
 * `apply` refused (the message is placed on it), the provision it writes (its new text, or the
 * provision it names), found in the new version. Undefined when the refusal is on no instruction.
 */
function bepalingVan(
  model: Wijzigingsbesluit,
  gelezen: GelezenWijziging,
  weigering: VFileMessage,
  nieuw: Regeling,
): { line: number; column: number } | undefined {
  const k = gelezen.opdrachten.findIndex((o) => o.line === weigering.line && o.column === weigering.column)
  const opdracht = model.artikelI.items.flatMap((item) => item.opdrachten)[k]
  if (k < 0 || !opdracht) return undefined
  const op = opdracht.operatie
  const nodes = 'nodes' in op ? op.nodes : undefined
  const start = nodes?.[0]?.position?.start
  if (start) return { line: start.line, column: start.column }
  // A provision that lapses is not in the new version: the one around it is.
  const plaats =
    op.soort === 'vervalt'
      ? (op.doelen[0] ?? []).slice(0, -1)
      : 'doel' in op
        ? op.doel
        : op.soort === 'kop-invoegen'
          ? op.voor
          : op.ouder
  for (let n = plaats.length; n > 0; n--) {
    try {
      const at = resolve(nieuw, plaats.slice(0, n)).node.position?.start
      if (at) return { line: at.line, column: at.column }
    } catch (error) {
      if (!(error instanceof OpdrachtFout)) throw error
    }
  }
  return undefined
}
