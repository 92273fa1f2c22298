/**
 * `regelwerk publish` as a user runs it: the three formats, the exit codes of the CLI contract
 * (0 done, 1 input errors with nothing written, 2 usage), Dutch messages with a place, no stack
 * traces, and the metadata fields the issue lists.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { noStackTrace, regelwerk, tempDir } from '../cli-helpers.js'
import { ROOT } from '../helpers.js'

const STATUUT = 'publicaties/sociaal-statuut-cgm-2012.md'
const FIXTURES = relative(ROOT, join(ROOT, 'test', 'fixtures', 'publish'))

describe('publish', () => {
  it('writes the metadata of the sociaal statuut as JSON with every field the issue lists', () => {
    const run = regelwerk(['publish', STATUUT, '--format', 'json'])
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const m = JSON.parse(run.stdout)
    expect(m).toMatchObject({
      organisatie: 'Grave',
      soortOrganisatie: 'Gemeente',
      officieleTitel: 'Sociaal Statuut Samenwerking CGM 2012',
      citeertitel: 'Sociaal Statuut Samenwerking CGM 2012',
      vastgesteldDoor: 'college van burgemeester en wethouders',
      onderwerp: 'bestuur en recht',
      juridischeGrondslagen: ['Wet op de ondernemingsraden', 'CAR/UWO'],
      datumOndertekening: '2012-12-04',
      datumBekendmaking: '2013-01-03',
      inwerkingtreding: '2013-01-03',
      terugwerkendeKracht: '2013-01-01',
      betreft: 'Nieuwe regeling',
      kenmerk: 'P&O',
      soortBesluit: 'nieuwe regeling',
      wijzigt: null,
      voorbeeld: false,
    })
    expect(m.regeling).toEqual({
      werk: 'sociaal-statuut-cgm',
      versie: 'sociaal-statuut-cgm@2013-01-03',
      inwerkingtreding: '2013-01-03',
      citeertitel: 'Sociaal Statuut Samenwerking CGM 2012',
      officieleTitel: 'Sociaal Statuut Samenwerking CGM 2012',
    })
    // No file paths anywhere in the output: a publication leaves the repository.
    expect(run.stdout).not.toMatch(/\.md"|regulations\//)
  })

  it('writes the metadata of a wijzigingsbesluit with the work and version it changes', () => {
    const pub = `${FIXTURES}/wijzigingsbesluit/publicaties/publicatie.md`
    const run = regelwerk(['publish', pub, '--format', 'json'])
    expect(run.status).toBe(0)
    // Fill-in fields of a fictional example are noted, not warned about.
    expect(run.stderr).toContain(
      'info Invulveld `[naam burgemeester]` is nog niet ingevuld (voorbeeld) [publicatie-invulveld]',
    )
    const m = JSON.parse(run.stdout)
    expect(m).toMatchObject({
      soortBesluit: 'wijzigingsbesluit',
      organisatie: 'Voorbeeldstad',
      citeertitel: 'CAR-UWO',
      juridischeGrondslagen: ['Ambtenarenwet, artikel 125', 'Gemeentewet, artikel 160'],
      datumBekendmaking: '2015-09-17',
      inwerkingtreding: '2015-09-18',
      terugwerkendeKracht: '2015-09-01',
      voorbeeld: true,
    })
    expect(m.wijzigt).toEqual({
      werk: 'car-uwo',
      versie: 'car-uwo@2015-01-01',
      inwerkingtreding: '2015-01-01',
      citeertitel: 'CAR-UWO',
      officieleTitel: 'Collectieve Arbeidsvoorwaardenregeling en Uitwerkingsovereenkomst voor de sector gemeenten',
    })
    expect(run.stdout).not.toMatch(/\.md"|regulations\/|fixtures/)
  })

  it('writes html and docx files with --out and says so', () => {
    const dir = tempDir()
    for (const format of ['html', 'docx']) {
      const out = join(dir, `statuut.${format}`)
      const run = regelwerk(['publish', STATUUT, '--format', format, '--out', out])
      expect(run.status).toBe(0)
      expect(run.stderr).toContain(`${out}: publicatietekst van Sociaal Statuut Samenwerking CGM 2012 geschreven`)
      expect(readFileSync(out).length).toBeGreaterThan(10_000)
    }
    expect(readFileSync(join(dir, 'statuut.html'), 'utf8')).toMatch(/^<!doctype html>\n<html lang="nl">/)
  })

  it('reports missing parts as positioned Dutch errors, exits 1 and writes nothing', () => {
    const dir = tempDir()
    const out = join(dir, 'x.docx')
    const pub = `${FIXTURES}/onderdelen-ontbreken/publicaties/publicatie.md`
    const run = regelwerk(['publish', pub, '--format', 'docx', '--out', out])
    expect(run.status).toBe(1)
    expect(run.stderr).toContain(
      `${pub}:5:1: fout Het bestuursorgaan (de regeling heeft geen eigen aanhef) ontbreekt; voeg in de front-matter toe: \`bestuursorgaan: Het college van burgemeester en wethouders van ...\` [publicatie-verplicht]`,
    )
    expect(run.stderr).toContain(`${pub}:5:1: fout De aanhef noemt geen grondslag;`)
    expect(run.stderr).toContain('3 fouten; er is niets geschreven')
    expect(existsSync(out)).toBe(false)
    expect(noStackTrace(run)).toBe(true)
  })

  it('warns, but publishes, when the inwerkingtreding lies before the publication without terugwerkende kracht', () => {
    const pub = `${FIXTURES}/inwerkingtreding-voor-bekendmaking/publicaties/publicatie.md`
    const run = regelwerk(['publish', pub, '--format', 'json'])
    expect(run.status).toBe(0)
    expect(run.stderr).toMatch(
      /publicatie\.md:19:21: waarschuwing De inwerkingtreding \(1 september 2015\) ligt vóór de bekendmaking \(17 september 2015\).*\[publicatie-voor-inwerkingtreding\]/,
    )
    expect(JSON.parse(run.stdout).terugwerkendeKracht).toBeNull()
  })

  it('exits 2 on wrong usage and 1 on a missing file, without stack traces', () => {
    const format = regelwerk(['publish', STATUUT, '--format', 'pdf'])
    expect(format.status).toBe(2)
    expect(format.stderr).toContain('fout: Onbekend formaat `pdf`; kies uit docx, html, json, drop')
    const docx = regelwerk(['publish', STATUUT, '--format', 'docx'])
    expect(docx.status).toBe(2)
    expect(docx.stderr).toContain('geef `--out publicatie.docx`')
    const same = regelwerk(['publish', STATUUT, '--out', STATUUT])
    expect(same.status).toBe(2)
    const missing = regelwerk(['publish', 'publicaties/bestaat-niet.md'])
    expect(missing.status).toBe(1)
    expect(missing.stderr).toContain(
      'publicaties/bestaat-niet.md:1:1: fout Het bestand `publicaties/bestaat-niet.md` bestaat niet',
    )
    for (const run of [format, docx, same, missing]) expect(noStackTrace(run)).toBe(true)
  })

  it('--format drop writes the Word file and its metadata sheet, all three or none', () => {
    const dir = tempDir()
    const out = join(dir, 'statuut-drop.docx')
    const run = regelwerk(['publish', STATUUT, '--format', 'drop', '--out', out])
    expect(run.status, run.stderr).toBe(0)
    const json = join(dir, 'statuut-drop-metadata.json')
    const html = join(dir, 'statuut-drop-metadata.html')
    expect(run.stderr).toContain(
      `${out}: Word-bestand voor DROP van Sociaal Statuut Samenwerking CGM 2012 geschreven, met de gegevens in ${json} en ${html}`,
    )
    expect(readFileSync(out).length).toBeGreaterThan(10_000)
    const sheet = JSON.parse(readFileSync(json, 'utf8'))
    expect(sheet.velden['Officiële naam regeling']).toBe('Sociaal Statuut Samenwerking CGM 2012')
    expect(sheet.regeling).toBe('sociaal-statuut-cgm@2013-01-03')
    expect(readFileSync(html, 'utf8')).toMatch(/^<!doctype html>\n<html lang="nl">/)

    // Refused: nothing at all is written.
    const bad = join(dir, 'fout-drop.docx')
    const pub = `${FIXTURES}/onderdelen-ontbreken/publicaties/publicatie.md`
    const refused = regelwerk(['publish', pub, '--format', 'drop', '--out', bad])
    expect(refused.status).toBe(1)
    for (const f of [bad, join(dir, 'fout-drop-metadata.json'), join(dir, 'fout-drop-metadata.html')])
      expect(existsSync(f), f).toBe(false)

    // Usage: drop needs --out, and --out is the .docx.
    const noOut = regelwerk(['publish', STATUUT, '--format', 'drop'])
    expect(noOut.status).toBe(2)
    const notDocx = regelwerk(['publish', STATUUT, '--format', 'drop', '--out', join(dir, 'x.json')])
    expect(notDocx.status).toBe(2)
    expect(notDocx.stderr).toContain('eindigt op `.docx`')
    for (const r of [run, refused, noOut, notDocx]) expect(noStackTrace(r)).toBe(true)
  })

  it('takes --hele-tekst, which changes nothing for an ordinary publication', () => {
    const run = regelwerk(['publish', STATUUT, '--format', 'json', '--hele-tekst'])
    expect(run.status).toBe(0)
    expect(JSON.parse(run.stdout).regeling.versie).toBe('sociaal-statuut-cgm@2013-01-03')
  })

  it('lists publish in the help', () => {
    const run = regelwerk(['--help'])
    expect(run.stdout).toMatch(/publish \[opties\] <bestand>/)
  })
})
