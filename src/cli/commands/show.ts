/** `regelwerk show <work> --at D [--known-on K] [--artikel N] [--in-force] [--json]`. */
import { formatRegeling } from '../../format/markdown.js'
import type { Regeling } from '../../model/nodes.js'
import { formatDutchDate, isIsoDate } from '../../util/dates.js'
import { excerpt, findProvision } from '../../versions/find-provision.js'
import { resolveWork } from '../../versions/refs.js'
import { versionAt } from '../../versions/version-at.js'
import { EXIT, readInput, UsageError } from '../io.js'
import { parseChecked } from '../load-version.js'

export interface ShowOptions {
  at?: string
  knownOn?: string
  artikel?: string
  inForce?: boolean
  json?: boolean
  force?: boolean
}

function date(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined
  if (!isIsoDate(value))
    throw new UsageError(`\`${flag} ${value}\` is geen bestaande datum; schrijf JJJJ-MM-DD (bijvoorbeeld 2013-01-02)`)
  return value
}

function fail(reden: string): number {
  process.stderr.write(`fout: ${reden}\n`)
  return EXIT.input
}

export function runShow(ref: string, options: ShowOptions): number {
  const at = date(options.at, '--at')
  if (!at) throw new UsageError('Geef de datum met `--at JJJJ-MM-DD`')
  const knownOn = date(options.knownOn, '--known-on')
  const work = resolveWork(ref)
  if (!work.ok) return fail(work.reden)
  const mode = options.inForce ? 'in-werking' : 'geldig'
  const found = versionAt(work.value, at, { mode, knownOn })
  if (!found.ok) return fail(found.reden)
  const version = found.version
  const file = readInput(version.path)
  const result = parseChecked(file, version.path, { force: options.force })
  if (typeof result === 'number') return result
  let tree: Regeling = { ...result.tree, children: result.tree.children }
  let citaat: string | undefined
  if (options.artikel) {
    const provision = findProvision(result.tree, options.artikel)
    if (!provision) {
      return fail(
        `${work.value.citeertitel ?? work.value.id} heeft in versie ${version.name} geen ${options.artikel.match(/^\s*art/i) ? options.artikel.trim() : `artikel ${options.artikel}`}`,
      )
    }
    citaat = provision.citaat
    tree = { type: 'regeling', data: { meta: {} }, children: [excerpt(provision)] }
  }
  const tekst = formatRegeling(tree)
  const titel = work.value.citeertitel ?? work.value.id
  if (options.json) {
    const out = {
      werk: work.value.id,
      titel,
      datum: at,
      modus: mode,
      bekendOp: knownOn ?? null,
      versie: {
        naam: version.name,
        pad: version.path,
        inwerkingtreding: version.inwerkingtreding ?? null,
        terugwerkendeKracht: version.terugwerkendeKracht ?? null,
        uitwerkingtreding: version.uitwerkingtredingAfgeleid ?? null,
        bekendgemaakt: version.bekendgemaakt ?? null,
        betreft: version.betreft ?? null,
      },
      reden: found.reden,
      bepaling: citaat ?? null,
      tekst,
    }
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`)
    return EXIT.ok
  }
  const what = citaat ? `${citaat} van ${titel}` : titel
  const header = `${what}, zoals ${mode === 'geldig' ? 'geldend voor' : 'in werking op'} ${formatDutchDate(at)}${knownOn ? ` (bekend op ${formatDutchDate(knownOn)})` : ''}`
  process.stdout.write(`${header}\n${found.reden}\nBestand: ${version.path}\n\n${tekst}`)
  return EXIT.ok
}
