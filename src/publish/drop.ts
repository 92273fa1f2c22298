/**
 * The metadata sheet of `publish --format drop`: the fields a griffie enters in DROP's wizards,
 * keyed by the exact names the CVDR shows under "Gegevens van de regeling" and in the table
 * "Overzicht van in de tekst verwerkte wijzigingen" (../shared/PUBLICATION.md), each with its value
 * as it is typed (dates `dd-mm-jjjj`) or empty with what the griffie still does. Written as JSON and
 * as a readable HTML table to copy from.
 */
import type { Publicatie } from '../model/publication.js'
import { esc } from '../render/html-diff.js'
import { formatDutchDate } from '../util/dates.js'

/** The CVDR field names, in the order the CVDR shows them. */
export const CVDR_VELDEN = [
  'Organisatie',
  'Organisatietype',
  'Officiële naam regeling',
  'Citeertitel',
  'Vastgesteld door',
  'Onderwerp',
  'Datum inwerkingtreding',
  'Terugwerkende kracht tot en met',
  'Datum uitwerkingtreding',
  'Betreft',
  'Datum ondertekening',
  'Bron bekendmaking',
  'Kenmerk voorstel',
] as const

export type CvdrVeld = (typeof CVDR_VELDEN)[number]

/** One field of the sheet: the value to copy (null: empty) and, when empty, what to do. */
export interface DropVeld {
  veld: CvdrVeld
  waarde: string | null
  /** The ISO date behind a date value. */
  iso?: string
  /** Why the field is empty and who fills it. */
  toelichting?: string
}

/** The whole sheet. */
export interface DropMetadata {
  /** The title of the besluit (the opschrift of the Word file). */
  besluit: string
  soortBesluit: 'nieuwe regeling' | 'wijzigingsbesluit'
  /** The version the besluit makes known, as `werk@datum`. */
  regeling: string
  /** For a wijzigingsbesluit: the version it changes. */
  wijzigt: string | null
  velden: DropVeld[]
  /** "Wettelijke grondslag(en) of bevoegdheid waarop de regeling is gebaseerd". */
  grondslagen: string[]
  /** The organisation is fictional: not to be submitted. */
  voorbeeld: boolean
}

/** `2013-01-03` → `03-01-2013`, as DROP's and the CVDR's date fields show a date. */
export function dropDatum(iso: string): string {
  const [y, m, d] = iso.split('-')
  return `${d}-${m}-${y}`
}

const LEEG = 'Niet bekend uit de regeling of het publicatiebestand: vul dit in DROP zelf in.'

/** The sheet for a publication. */
export function dropMetadata(p: Publicatie): DropMetadata {
  const m = p.metadata
  const wijziging = p.soort === 'wijziging'
  const tekst = (veld: CvdrVeld, waarde: string | null, toelichting = LEEG): DropVeld =>
    waarde ? { veld, waarde } : { veld, waarde: null, toelichting }
  const datum = (veld: CvdrVeld, iso: string | null, toelichting = LEEG): DropVeld =>
    iso ? { veld, waarde: dropDatum(iso), iso } : { veld, waarde: null, toelichting }
  const velden: DropVeld[] = [
    tekst('Organisatie', m.organisatie),
    tekst('Organisatietype', m.soortOrganisatie),
    tekst(
      'Officiële naam regeling',
      wijziging ? (m.regeling.officieleTitel ?? m.regeling.citeertitel) : m.officieleTitel || null,
    ),
    tekst('Citeertitel', m.citeertitel),
    tekst('Vastgesteld door', m.vastgesteldDoor),
    tekst('Onderwerp', m.onderwerp),
    datum('Datum inwerkingtreding', m.inwerkingtreding),
    datum('Terugwerkende kracht tot en met', m.terugwerkendeKracht, 'Leeg: de regeling werkt niet terug.'),
    datum(
      'Datum uitwerkingtreding',
      m.uitwerkingtreding,
      'Leeg: de regeling geldt voor onbepaalde tijd (of de einddatum is nog niet bekend).',
    ),
    tekst('Betreft', m.betreft),
    datum('Datum ondertekening', m.datumOndertekening),
    tekst(
      'Bron bekendmaking',
      m.bronBekendmaking,
      'Leeg: DROP vult dit in bij de publicatie (het nummer van het Gemeenteblad).',
    ),
    tekst('Kenmerk voorstel', m.kenmerk),
  ]
  return {
    besluit: p.opschrift,
    soortBesluit: m.soortBesluit,
    regeling: m.regeling.versie,
    wijzigt: m.wijzigt?.versie ?? null,
    velden,
    grondslagen: m.juridischeGrondslagen,
    voorbeeld: m.voorbeeld,
  }
}

/** The sheet as JSON: `velden` keyed by the exact CVDR field names (null: empty). */
export function dropMetadataJson(d: DropMetadata): string {
  const velden: Record<string, string | null> = {}
  for (const v of d.velden) velden[v.veld] = v.waarde
  const toelichting: Record<string, string> = {}
  for (const v of d.velden) if (v.toelichting) toelichting[v.veld] = v.toelichting
  return `${JSON.stringify(
    {
      besluit: d.besluit,
      soortBesluit: d.soortBesluit,
      regeling: d.regeling,
      wijzigt: d.wijzigt,
      voorbeeld: d.voorbeeld,
      velden,
      'Wettelijke grondslag(en) of bevoegdheid waarop de regeling is gebaseerd': d.grondslagen,
      toelichting,
    },
    null,
    2,
  )}\n`
}

/** The sheet as one self-contained HTML page: a two-column table to copy from, field by field. */
export function dropMetadataHtml(d: DropMetadata): string {
  const rows = d.velden
    .map(
      (v) =>
        `<tr><th scope="row">${esc(v.veld)}</th><td>${v.waarde ? `<span class="waarde">${esc(v.waarde)}</span>` : `<span class="leeg">${esc(v.toelichting ?? '')}</span>`}</td></tr>`,
    )
    .join('\n')
  const grondslagen = d.grondslagen.length
    ? `<ul>${d.grondslagen.map((g) => `<li>${esc(g)}</li>`).join('')}</ul>`
    : `<span class="leeg">${esc(LEEG)}</span>`
  return [
    '<!doctype html>',
    '<html lang="nl">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Gegevens voor DROP: ${esc(d.besluit)}</title>`,
    `<style>\n${CSS}\n</style>`,
    '</head>',
    '<body>',
    '<main>',
    '<h1>Gegevens voor DROP</h1>',
    `<p class="besluit">${esc(d.besluit)}</p>`,
    d.voorbeeld ? '<p class="voorbeeld" role="note">Voorbeeld met een fictieve organisatie: niet indienen.</p>' : '',
    `<p>${esc(`Soort besluit: ${d.soortBesluit}. Regeling: ${d.regeling}${d.wijzigt ? `, wijzigt ${d.wijzigt}` : ''}.`)} De velden heten zoals in het CVDR (“Gegevens van de regeling” en “Overzicht van in de tekst verwerkte wijzigingen”); kopieer de waarden in de invulschermen van DROP. Datums staan als dd-mm-jjjj.</p>`,
    '<table>',
    '<thead><tr><th scope="col">Veld</th><th scope="col">Waarde</th></tr></thead>',
    '<tbody>',
    rows,
    `<tr><th scope="row">Wettelijke grondslag(en) of bevoegdheid waarop de regeling is gebaseerd</th><td>${grondslagen}</td></tr>`,
    '</tbody>',
    '</table>',
    `<p class="klein">Gemaakt door regelwerk op basis van de regeling en het publicatiebestand; datums in woorden: ${esc(
      d.velden
        .filter((v) => v.iso)
        .map((v) => `${v.veld.toLowerCase()} ${formatDutchDate(v.iso as string)}`)
        .join('; ') || 'geen',
    )}.</p>`,
    '</main>',
    '</body>',
    '</html>',
    '',
  ]
    .filter((l) => l !== '')
    .join('\n')
}

const CSS = `
body { font: 11pt/1.5 "Liberation Sans", Arial, Helvetica, sans-serif; color: #111; background: #fff;
  max-width: 52rem; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.5rem; margin: 0 0 .3em; }
.besluit { font-weight: bold; }
.voorbeeld { border: 2px dashed #8a5300; background: #fff6e5; color: #4d2e00; padding: .5em .75em; }
table { width: 100%; border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #888; padding: .35em .6em; text-align: left; vertical-align: top; }
thead th { background: #eee; }
tbody th { width: 16em; font-weight: bold; }
.waarde { user-select: all; }
.leeg { color: #555; font-style: italic; }
.klein { font-size: .85rem; color: #444; }
@page { size: A4; margin: 2cm; }
`.trim()
