/**
 * The `regelwerk` command line: a thin shell over the library. Help and messages are Dutch.
 * Command modules are loaded lazily so that a single `check` starts fast.
 */
import { Command, CommanderError } from 'commander'
import { parseMegabytes, setMaxInputMb } from '../util/limits.js'
import { isSystemError, systemErrorMessage } from '../util/system-errors.js'
import { EXIT, UsageError } from './io.js'

const TRANSLATIONS: Array<[RegExp, string]> = [
  [/^Usage:/gm, 'Gebruik:'],
  [/^Options:/gm, 'Opties:'],
  [/^Commands:/gm, 'Opdrachten:'],
  [/^Arguments:/gm, 'Argumenten:'],
  [/\(default: /g, '(standaard: '],
  // In the command list the column width was computed for the English word: keep it.
  [/^( {2}\S+ )\[options\]( \S+)/gm, '$1[opties]$2 '],
  [/\[options\]/g, '[opties]'],
  [/\[command\]/g, '[opdracht]'],
  [/display help for command/g, 'toon hulp bij een opdracht'],
  [/^error: unknown option '(.*)'/gm, "fout: onbekende optie '$1' (zie `regelwerk --help`)"],
  [/^error: unknown command '(.*)'/gm, "fout: onbekende opdracht '$1' (zie `regelwerk --help`)"],
  [/^error: missing required argument '(.*)'/gm, "fout: het argument '$1' ontbreekt"],
  [/^error: too many arguments.*$/gm, 'fout: te veel argumenten'],
  [/^error: option '(.*)' argument missing/gm, "fout: bij optie '$1' hoort een waarde"],
  [/^error: required option '(.*)' not specified/gm, "fout: de optie '$1' is verplicht"],
  [/^error: /gm, 'fout: '],
  [/\(Did you mean (.*)\?\)/g, '(Bedoelt u $1?)'],
]

function translate(text: string): string {
  return TRANSLATIONS.reduce((s, [re, to]) => s.replace(re, to), text)
}

/** `--max-invoer <MB>` (src/util/limits.ts): a wrong value is a usage error. */
function applyMaxInput(value: string | undefined): void {
  if (value === undefined) return setMaxInputMb(undefined)
  const mb = parseMegabytes(value)
  if (mb === undefined)
    throw new UsageError(`\`--max-invoer ${value}\`: geef een aantal megabytes groter dan 0 (bijvoorbeeld 50)`)
  setMaxInputMb(mb)
}

function program(): Command {
  const cmd = new Command('regelwerk')
    .description('Regelgeving als Markdown: controleren, opmaken, importeren en doorzoeken.')
    .helpOption('-h, --help', 'toon deze hulp')
    .helpCommand('help [opdracht]', 'toon hulp bij een opdracht')
    .version('0.1.0', '-V, --versie', 'toon het versienummer')
    .configureOutput({
      writeOut: (s) => process.stdout.write(translate(s)),
      writeErr: (s) => process.stderr.write(translate(s)),
    })
    .exitOverride()
    .showSuggestionAfterError(true)

  const sub = (name: string, description: string) =>
    cmd
      .command(name)
      .description(description)
      .helpOption('-h, --help', 'toon deze hulp')
      .configureOutput({
        writeOut: (s) => process.stdout.write(translate(s)),
        writeErr: (s) => process.stderr.write(translate(s)),
      })
      .exitOverride()
      .option(
        '--max-invoer <MB>',
        'hoogstens zoveel MB per invoerbestand (standaard 10 voor teksten, 100 voor gegevens)',
      )
      .hook('preAction', (command) => applyMaxInput(command.opts().maxInvoer))

  sub(
    'check [paden...]',
    'controleer regelingen, wijzigingen, sjablonen en publicaties (standaard: regulations/, templates/, publicaties/)',
  )
    .option('--json', 'berichten als JSON op stdout')
    .action(async (paths: string[], options) => {
      const { runCheck } = await import('./commands/check.js')
      process.exitCode = await runCheck(paths, options)
    })

  sub('fmt <bestand>', 'schrijf de standaardvorm (canonieke Markdown) van een regeling')
    .option('--write', 'overschrijf het bestand met de standaardvorm')
    .option('--check', 'controleer alleen of het bestand in de standaardvorm staat')
    .action(async (path: string, options) => {
      const { runFmt } = await import('./commands/fmt.js')
      process.exitCode = runFmt(path, options)
    })

  sub('import <bestand>', 'zet tekst van overheid.nl/CVDR, CVDR-HTML of wet-in-git-Markdown om naar regelwerk-Markdown')
    .option('--out <bestand>', 'schrijf naar dit bestand in plaats van naar stdout')
    .action(async (path: string, options) => {
      const { runImport } = await import('./commands/import.js')
      process.exitCode = runImport(path, options)
    })

  sub('tree <bestand>', 'toon de structuur van een regeling (ids, nummers, plaatsen); ook `werk@JJJJ-MM-DD`')
    .option('--json', 'de boom als JSON')
    .option('--force', 'ga door, ook als de regeling fouten heeft (de berichten worden wel getoond)')
    .action(async (path: string, options) => {
      const { runTree } = await import('./commands/tree.js')
      process.exitCode = runTree(path, options)
    })

  sub('history <werk>', 'de versietabel van een werk (zoals het CVDR die toont), met controles op de datums')
    .option('--json', 'de tabel als JSON')
    .action(async (ref: string, options) => {
      const { runHistory } = await import('./commands/history.js')
      process.exitCode = runHistory(ref, options)
    })

  sub('show <werk>', 'de tekst die op een datum geldt (terugwerkende kracht telt mee)')
    .requiredOption('--at <datum>', 'de datum (JJJJ-MM-DD)')
    .option('--known-on <datum>', 'alleen wat op deze datum bekend(gemaakt) was')
    .option('--artikel <nummer>', 'één artikel (`10`, `1:2c`) of lid (`10.5`, `"10, vijfde lid"`)')
    .option('--in-force', 'de versie die op de datum juridisch in werking is (zonder terugwerkende kracht)')
    .option('--json', 'als JSON')
    .option('--force', 'ga door, ook als de regeling fouten heeft (de berichten worden wel getoond)')
    .action(async (ref: string, options) => {
      const { runShow } = await import('./commands/show.js')
      process.exitCode = runShow(ref, options)
    })

  sub('diff <oud> <nieuw>', 'wat er tussen twee versies verandert: per artikel, als JSON, HTML of Word-renvooi')
    .option('--format <formaat>', 'text, json, html of docx (renvooi met echte wijzigingen bijhouden)', 'text')
    .option('--out <bestand>', 'schrijf naar dit bestand in plaats van naar stdout')
    .option('--was-wordt', 'bij docx: een was-wordttabel in plaats van de renvooi')
    .option('--toelichting <bestand>', 'bij --was-wordt: YAML met per bepaling een toelichting (kolom Toelichting)')
    .option('--force', 'ga door, ook als een van de versies fouten heeft (de berichten worden wel getoond)')
    .action(async (oud: string, nieuw: string, options) => {
      const { runDiff } = await import('./commands/diff.js')
      process.exitCode = await runDiff(oud, nieuw, options)
    })

  sub('amend <oud> <nieuw>', 'het wijzigingsbesluit (ARTIKEL I en II) dat de oude versie in de nieuwe verandert')
    .option('--format <formaat>', 'md of docx', 'md')
    .option('--out <bestand>', 'schrijf naar dit bestand in plaats van naar stdout')
    .option('--force', 'ga door, ook als een van de versies fouten heeft (de berichten worden wel getoond)')
    .option('--kenmerk <kenmerk>', 'het kenmerk van het besluit (anders: uit de nieuwe versie, of een ontwerp)')
    .option(
      '--ondertekening <datum>',
      'de datum van ondertekening, JJJJ-MM-DD (anders: uit de nieuwe versie, of een ontwerp)',
    )
    .action(async (oud: string, nieuw: string, options) => {
      const { runAmend } = await import('./commands/amend.js')
      process.exitCode = await runAmend(oud, nieuw, options)
    })

  sub('nieuwe-versie <werk>', 'maak het volgende versiebestand uit de versie die de dag ervoor in werking is')
    .requiredOption('--per <datum>', 'de datum van inwerkingtreding van de nieuwe versie (JJJJ-MM-DD)')
    .option('--bekendgemaakt <datum>', 'de datum van bekendmaking (JJJJ-MM-DD)')
    .option('--betreft <tekst>', 'wat de versie verandert (standaard: wijziging)')
    .action(async (ref: string, options) => {
      const { runNieuweVersie } = await import('./commands/nieuwe-versie.js')
      process.exitCode = runNieuweVersie(ref, options)
    })

  sub('apply <basis> <wijziging>', 'pas een wijzigingsbesluit of ledenbrief toe op de versie ervoor')
    .option('--out <bestand>', 'schrijf de nieuwe versie naar dit bestand in plaats van naar stdout')
    .option('--force', 'ga door, ook als de basisversie fouten heeft (de berichten worden wel getoond)')
    .option('--regeling <naam>', 'de regeling waarvoor het besluit is, als het een andere of geen regeling noemt')
    .option('--verbose', 'meld per opdracht wat er is gedaan (op stderr)')
    .option('--json', 'het verslag per opdracht als JSON op stdout (de nieuwe versie dan met --out)')
    .action(async (basis: string, wijziging: string, options) => {
      const { runApply } = await import('./commands/apply.js')
      process.exitCode = runApply(basis, wijziging, options)
    })

  sub(
    'publish <bestand>',
    'de tekst voor het gemeenteblad (Word of HTML) of de metadata (JSON) uit een publicatiebestand',
  )
    .option(
      '--format <formaat>',
      'docx, html, json (de metadata) of drop (Word-bestand voor DROP met de gegevens als JSON en HTML)',
      'html',
    )
    .option('--out <bestand>', 'schrijf naar dit bestand in plaats van naar stdout (verplicht bij docx en drop)')
    .option('--hele-tekst', 'sta een wijzigingsbesluit toe dat de hele tekst van de regeling vervangt')
    .action(async (path: string, options) => {
      const { runPublish } = await import('./commands/publish.js')
      process.exitCode = await runPublish(path, options)
    })

  sub(
    'letters <sjabloon> <gegevens>',
    'brieven (statusbrief, plaatsingsbesluit) als Word-bestanden uit een sjabloon en HR-gegevens (CSV, Excel .xlsx of YAML)',
  )
    .option('--out <map>', 'de uitvoermap (standaard: output/<sjabloon>)')
    .option('--date <datum>', 'de briefdatum voor alle rijen (JJJJ-MM-DD); anders het datumveld van het sjabloon')
    .option('--strict', 'stop bij de eerste fout')
    .option('--resume', 'sla brieven over die al in de uitvoermap staan (na een onderbroken reeks)')
    .option('--one-file', 'alle brieven in één Word-bestand om af te drukken; elke brief begint bij pagina 1')
    .option('--dubbelzijdig', 'met --one-file: elke brief begint op een oneven pagina (dubbelzijdig afdrukken)')
    .option(
      '--voorbeeld <regel>',
      'maak alleen de brief van de rij op deze regel (zoals in de meldingen), om te bekijken',
    )
    .option('--pdf', 'maak van elke brief ook een PDF/A (met LibreOffice, als dat geïnstalleerd is)')
    .option('--dry-run', 'controleer sjabloon en rijen en toon per rij de keuzes en regeluitkomsten; schrijf niets')
    .option('--jobs <n>', 'aantal werkthreads dat brieven maakt (standaard 1; hoogstens het aantal kernen)')
    .option('--blad <naam>', 'het werkblad van een Excel-bestand (.xlsx) met de gegevens (standaard het eerste)')
    .action(async (template: string, data: string, options) => {
      const { runLetters } = await import('./commands/letters.js')
      process.exitCode = await runLetters(template, data, options)
    })

  sub('serve [map]', 'start de app in de browser over een regelwerk-map (standaard: de huidige map)')
    .option('--port <n>', 'de poort (standaard 4321; 0 = een vrije poort)')
    .option('--host <adres>', 'het adres om op te luisteren (standaard 127.0.0.1: alleen deze computer)')
    .action(async (folder: string | undefined, options) => {
      const { runServe } = await import('./commands/serve.js')
      process.exitCode = await runServe(folder, options)
    })

  return cmd
}

let guarded = false

/**
 * A closed or failing stdout/stderr. A reader that stops early (`regelwerk tree --json f | head`)
 * closes the pipe: the rest of the output is not wanted, so the program ends quietly with 0, as
 * git and ripgrep do. A stdout that cannot be written (`> /dev/full`, a full disk) is the
 * machine's trouble: one Dutch line on stderr and exit 1. Errors of stderr itself are ignored
 * (there is nowhere to report them); the exit status still tells. Node emits these errors on the
 * stream after the write returned, so without a handler they end in a stack trace.
 */
function guardOutput(): void {
  if (guarded) return
  guarded = true
  process.stdout.on('error', (error: Error) => {
    if (isSystemError(error) && error.code === 'EPIPE') process.exit(EXIT.ok)
    const message = systemErrorMessage(error, { naam: 'de standaarduitvoer', action: 'schrijven' })
    try {
      process.stderr.write(`${message ?? `fout: de uitvoer kon niet worden geschreven (${error.message})`}\n`)
    } finally {
      process.exit(EXIT.input)
    }
  })
  process.stderr.on('error', () => {})
}

/** Run the CLI with `argv` (without node and script); resolves to the exit status. */
export async function main(argv: string[]): Promise<number> {
  guardOutput()
  process.exitCode = 0
  try {
    await program().parseAsync(argv, { from: 'user' })
    return Number(process.exitCode ?? 0)
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok
      if (error.code === 'commander.help') return EXIT.ok
      return EXIT.usage
    }
    if (error instanceof UsageError) {
      process.stderr.write(`fout: ${error.message}\n`)
      return EXIT.usage
    }
    // The machine's trouble (disk full, no permission, a file where a folder belongs): exit 1.
    const system = systemErrorMessage(error)
    if (system) {
      process.stderr.write(`${system}\n`)
      if (process.env.REGELWERK_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`)
      return EXIT.input
    }
    // Not the user's fault: say so in Dutch, keep the detail for a bug report.
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error)
    process.stderr.write(`interne fout in regelwerk (dit is een fout in het programma, niet in uw invoer).\n`)
    if (process.env.REGELWERK_DEBUG) process.stderr.write(`${detail}\n`)
    else process.stderr.write('Zet REGELWERK_DEBUG=1 voor details en meld het probleem.\n')
    return 3
  }
}

const isEntry = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href
if (isEntry) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code
  })
}
