/** A test edit of the bundled statuut, shared by the renvooi tests (Word and HTML). */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from '../helpers.js'

export const STATUUT = join(ROOT, 'regulations', 'sociaal-statuut-cgm', '2013-01-03.md')

/**
 * TEST DATA, not a real version of the statuut: the bundled 2013 text with three edits a legal
 * adviser might make (a percentage, a lid repealed with renumbering, an onderdeel added).
 */
export function bewerktStatuut(): string {
  const edits: Array<[RegExp, string]> = [
    [/^betreft: .*$/m, 'betreft: testbewerking voor de renvooitest (geen echte versie)'],
    [/ter grootte van 250% van de jaarlijkse toelage/, 'ter grootte van 300% van de jaarlijkse toelage'],
    [/^6\. Indien een lagere dan de oorspronkelijke toelage.*\n\n/m, ''],
    [/^7\. Indien een medewerker 55 jaar/m, '6. Indien een medewerker 55 jaar'],
    [
      /^(- d\. Degene die op een nieuwe of ongewijzigde functie wordt geplaatst.*)$/m,
      '$1\n\n- e. Degene die als bovenformatief wordt aangemerkt, behoudt zijn salaris tot de plaatsing (testonderdeel).',
    ],
  ]
  let text = readFileSync(STATUUT, 'utf8')
  for (const [from, to] of edits) {
    const before = text
    text = text.replace(from, to)
    if (text === before) throw new Error(`testbewerking niet toegepast: ${from}`)
  }
  return text
}

/**
 * TEST DATA, not a real version of the statuut: the bundled 2013 text with its table
 * "Schematische weergave inpassingsregels" edited: a cell changed, a row added (own wording,
 * marked as a test row) and a row deleted.
 */
export function bewerktStatuutTabel(): string {
  const edits: Array<[RegExp, string]> = [
    [/^betreft: .*$/m, 'betreft: testbewerking van de tabel (geen echte versie)'],
    [
      /^(\| Passende functie, geschikte of ongewijzigde functie \(functievolger\)\. \| Gelijke functieschaal\. \| )Direct op functieschaal\./m,
      '$1Direct op de nieuwe functieschaal.',
    ],
    [
      /^(\| Ongewijzigde functie \(functievolger\)\..*)$/m,
      '$1\n| Uitwisseling (testrij). | Gelijke functieschaal. | Direct op functieschaal. | Testrij, geen echte tekst. |',
    ],
    [/^\| Nieuwe functie is passende of geschikte functie\..*\n/m, ''],
  ]
  let text = readFileSync(STATUUT, 'utf8')
  for (const [from, to] of edits) {
    const before = text
    text = text.replace(from, to)
    if (text === before) throw new Error(`testbewerking niet toegepast: ${from}`)
  }
  return text
}
