/**
 * A changed table is a change in that table, shown per row and cell in the change list (json),
 * the text diff and the HTML diff; `applyDiff` rebuilds it; amend writes the article with its table
 * ("komt te luiden") and apply reads the table back. Test data: the klassen table of the
 * Rechtspositiebesluit burgemeesters (real text) with an own edit (a klasse split, a row added),
 * and the statuut's table edit of test/render/statuut-edit.ts.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { applyDiff } from '../../src/diff/apply-diff.js'
import { diffForReaders, diffRegelingen } from '../../src/diff/index.js'
import type { Regeling } from '../../src/model/nodes.js'
import { renderDiffHtml } from '../../src/render/html-diff.js'
import { renderDiffText } from '../../src/render/text-diff.js'
import { roundTrip } from '../amend/helpers.js'
import { CORPUS, parseString, signature } from '../helpers.js'
import { bewerktStatuutTabel, STATUUT } from '../render/statuut-edit.js'

const BURGEMEESTERS = join(CORPUS, 'bwb', 'BWBR0006743-rechtspositiebesluit-burgemeesters', '2014-07-01.md')

/** TEST DATA: klasse 9 split in two (own edit, not a real version). */
function burgemeesters(): { oud: Regeling; nieuw: Regeling } {
  const text = readFileSync(BURGEMEESTERS, 'utf8')
  const edited = text.replace('| 9  | 375.001 en meer  |', '| 9  | 375.001–500.000  |\n| 10 | 500.001 en meer  |')
  expect(edited).not.toBe(text)
  return { oud: parseString(text).result.tree, nieuw: parseString(edited).result.tree }
}

function statuut(): { oud: Regeling; nieuw: Regeling } {
  return {
    oud: parseString(readFileSync(STATUUT, 'utf8')).result.tree,
    nieuw: parseString(bewerktStatuutTabel()).result.tree,
  }
}

describe('a changed table in the diff', () => {
  it('names the changed cell and the added row in the change list', () => {
    const { oud, nieuw } = burgemeesters()
    const result = diffForReaders(oud, nieuw)
    const plaatsen = result.changes.map((c) => ('plaats' in c ? `${c.type} ${c.soort} ${c.plaats}` : c.type))
    expect(plaatsen).toEqual([
      'tekst tabelcel artikel 5, tabel, rij 9, kolom 2',
      'toegevoegd tabelrij artikel 5, tabel, rij 10',
    ])
    const cel = result.changes[0]
    expect(cel?.type === 'tekst' && cel.woorden).toEqual([
      { op: 'del', text: '375.001 en meer' },
      { op: 'ins', text: '375.001–500.000' },
    ])
  })

  it('shows the table row by row in the text diff, changed words in their cell', () => {
    const { oud, nieuw } = burgemeesters()
    const text = renderDiffText(diffForReaders(oud, nieuw), { color: false })
    expect(text).toContain('artikel 5:')
    expect(text).toContain('| Klasse | Aantal inwoners |')
    expect(text).toContain('   …\n   | 9 | [-375.001 en meer-]{+375.001–500.000+} |')
    expect(text).toContain('{+| 10 | 500.001 en meer |+}')
    expect(text).toContain('1 bepaling gewijzigd, 0 ingevoegd, 0 vervallen')
  })

  it('shows a table in the HTML renvooi: the header in thead, a deleted row struck, an added row inserted', () => {
    const { oud, nieuw } = statuut()
    const html = renderDiffHtml(diffForReaders(oud, nieuw))
    const table = /<table class="tabel">.*?<\/table>/s.exec(html)?.[0] ?? ''
    expect(table).toContain('<thead><tr><th>Status van de plaatsing</th>')
    expect(table).toContain('Direct op <ins><span class="vh">ingevoegd: </span>de nieuwe</ins> functieschaal.')
    expect(table).toMatch(
      /<tr class="rij-ins"><td><ins><span class="vh">ingevoegd: <\/span>Uitwisseling \(testrij\)\.<\/ins>/,
    )
    expect(table).toMatch(
      /<tr class="rij-del"><td><del><span class="vh">verwijderd: <\/span>Nieuwe functie is passende/,
    )
  })

  it('applyDiff rebuilds the new table, cells, rows and alignment', () => {
    for (const { oud, nieuw } of [burgemeesters(), statuut()]) {
      const result = diffRegelingen(oud, nieuw)
      expect(signature(applyDiff(oud, result))).toEqual(signature(nieuw))
    }
  })

  it('amend replaces the table whole (a row was added), and apply reads the table back', () => {
    const { oud, nieuw } = burgemeesters()
    const { markdown, file, result } = roundTrip(oud, nieuw)
    // Only the table changed, and it got a row: the table is replaced, not the article (docs/amendments.md).
    expect(markdown).toContain('De tabel in artikel 5, eerste lid, komt te luiden:')
    expect(markdown).not.toContain('Artikel 5 komt te luiden:')
    expect(markdown).toContain('> | 10     | 500.001 en meer  |')
    expect(file.messages.filter((m) => m.fatal).map(String)).toEqual([])
    expect(result?.toegepast).toBe(1)
    const tree = result?.tree as Regeling
    // The applied text has the new table, cell for cell, in artikel 5 as the new version has it.
    const artikel5 = (t: Regeling) => signature(t).filter((s) => /^tabel|art_5/.test(s))
    expect(artikel5(tree)).toContain('tabelcel|500.001 en meer')
    expect(artikel5(tree)).toEqual(artikel5(nieuw))
  })
})
