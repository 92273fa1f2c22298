/**
 * `regelwerk serve` driven in headless Chromium as a user would: flows 1 (Regelingen), 2 (Werk,
 * tekst op datum, artikel), 3 (Vergelijken with its four downloads), 6 (Brieven: upload, row
 * problems, preview, batch, zip) and 7 (Publiceren). Every page is checked with axe-core (WCAG 2.1
 * AA: no serious or critical violation); every Word download is opened in LibreOffice and its text
 * read back with pdftotext. The screenshots of docs/app-*.md are taken here.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { unzipSync } from 'fflate'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { launchChromium, SKIP_CHROMIUM } from '../browser/chromium.js'
import { ROOT } from '../helpers.js'
import { convertToPdf, pdfText, SKIP_LIBREOFFICE } from '../lo/libreoffice.js'
import { copyProject, type Served, seriousViolations, serve } from './serve-helpers.js'

const IMG = join(ROOT, 'docs', 'img')

describe.skipIf(SKIP_CHROMIUM || SKIP_LIBREOFFICE)('regelwerk serve in de browser', () => {
  let served: Served
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let downloads: string
  const docx: Record<string, string> = {}

  beforeAll(async () => {
    const dir = copyProject()
    downloads = join(dir, 'downloads')
    mkdirSync(downloads)
    ;[served, browser] = await Promise.all([serve(dir), launchChromium()])
    context = await browser.newContext({
      acceptDownloads: true,
      locale: 'nl-NL',
      viewport: { width: 1280, height: 900 },
    })
    page = await context.newPage()
  })

  afterAll(async () => {
    await browser?.close()
    await served?.stop()
    if (served) rmSync(served.dir, { recursive: true, force: true })
  })

  async function a11y(): Promise<void> {
    expect(await seriousViolations(page), page.url()).toEqual([])
  }

  async function download(click: () => Promise<void>, name: string): Promise<string> {
    const [d] = await Promise.all([page.waitForEvent('download'), click()])
    const path = join(downloads, name)
    await d.saveAs(path)
    return path
  }

  test('1 Regelingen: elk werk met citeertitel, versie, aantal versies en de controle', async () => {
    await page.goto(served.url)
    expect(new URL(page.url()).searchParams.get('token')).toBeNull()
    await expect.poll(() => page.title()).toContain('Regelingen')
    const row = page.locator('tr', { hasText: 'Sociaal Statuut Samenwerking CGM 2012' })
    await expect.poll(() => row.count()).toBe(1)
    const cells = await row.locator('td').allInnerTexts()
    expect(cells).toEqual([
      'Sociaal Statuut Samenwerking CGM 2012',
      'sociaal-statuut-cgm',
      '2013-01-03 (niet meer in werking sinds 15 februari 2019)',
      '1',
      expect.stringMatching(/^0 fouten, \d+ waarschuwingen$/),
    ])
    const amb = await page.locator('tr', { hasText: 'ambtenarenwet' }).locator('td').allInnerTexts()
    expect(amb[3]).toBe('8')
    await a11y()
    await page.screenshot({ path: join(IMG, 'serve-regelingen.png') })
  })

  test('2 Werk: versietabel, tekst op datum met inhoudsopgave, één lid', async () => {
    await page.getByRole('link', { name: 'Sociaal Statuut Samenwerking CGM 2012' }).click()
    const table = page.locator('table').first()
    expect(await table.locator('thead th').allInnerTexts()).toEqual([
      'Versie',
      'Inwerkingtreding',
      'Uitwerkingtreding',
      'Terugwerkende kracht tot en met',
      'Betreft',
      'Ondertekening',
      'Bron bekendmaking',
      'Bestand',
    ])
    const cells = await table.locator('tbody tr').first().locator('td').allInnerTexts()
    expect(cells.slice(0, 7)).toEqual([
      '2013-01-03',
      '3 januari 2013',
      '15 februari 2019',
      '1 januari 2013',
      'Nieuwe regeling',
      '4 december 2012',
      'Graafsche Courant, 3 januari 2013',
    ])
    await a11y()
    await page.getByLabel('Datum', { exact: true }).fill('2013-01-02')
    await page.getByRole('button', { name: 'Toon tekst' }).click()
    await expect.poll(() => page.locator('h2', { hasText: 'Inhoudsopgave' }).count()).toBe(1)
    // Terugwerkende kracht: on 2 January 2013 the statuut applies although it entered into force on the 3rd.
    expect(await page.locator('main > p').first().innerText()).toContain('zoals geldend voor 2 januari 2013')
    await page.getByRole('link', { name: 'Artikel 10', exact: true }).click()
    expect(new URL(page.url()).hash).toMatch(/art_10$/)
    const art10 = page.locator(`[id="${new URL(page.url()).hash.slice(1)}"]`)
    expect(await art10.innerText()).toContain('250% van de jaarlijkse toelage')
    await a11y()
    await page.screenshot({ path: join(IMG, 'serve-tekst.png') })
    await page.getByLabel('Artikel of lid').fill('10, vijfde lid')
    await page.getByRole('button', { name: 'Toon tekst' }).click()
    await expect.poll(() => page.locator('h2').first().innerText()).toBe('artikel 10, vijfde lid')
    const text = await page.locator('.tekst').innerText()
    expect(text).toContain('afgekocht door middel van een eenmalige toelage ter grootte van 250%')
    expect(text).not.toContain('verminderde inzet')
    // Before the statuut applied there is no text: a placed Dutch refusal, not an empty page.
    await page.getByLabel('Datum', { exact: true }).fill('2012-06-01')
    await page.getByRole('button', { name: 'Toon tekst' }).click()
    expect(await page.locator('[role=alert]').innerText()).toMatch(/2012|geen versie/i)
  })

  test('3 Vergelijken: renvooi in de pagina en vier downloads', async () => {
    await page.goto(`${served.base}/vergelijken`)
    await a11y()
    await page.getByRole('link', { name: 'Ambtenarenwet' }).click()
    await page.getByLabel('Versie').first().selectOption('2011-01-01')
    await page.getByLabel('Versie').nth(1).selectOption('2012-01-01')
    await page.getByRole('button', { name: 'Vergelijk' }).click()
    await expect.poll(() => page.locator('.renvooi-frame').count()).toBe(1)
    const dels = await page.locator('.renvooi-frame del').count()
    const inss = await page.locator('.renvooi-frame ins').count()
    expect(dels + inss).toBeGreaterThan(0)
    await a11y()
    await page.screenshot({ path: join(IMG, 'serve-vergelijken.png') })
    docx.renvooi = await download(() => page.getByRole('link', { name: 'Renvooi (Word)' }).click(), 'renvooi.docx')
    docx.waswordt = await download(
      () => page.getByRole('link', { name: 'Was-wordttabel (Word)' }).click(),
      'was-wordt.docx',
    )
    docx.besluit = await download(
      () => page.getByRole('link', { name: 'Wijzigingsbesluit (Word)' }).click(),
      'besluit.docx',
    )
    const md = await download(
      () => page.getByRole('link', { name: 'Wijzigingsbesluit (Markdown)' }).click(),
      'besluit.md',
    )
    const besluit = readFileSync(md, 'utf8')
    expect(besluit).toMatch(/ARTIKEL I\b/)
    expect(besluit).toMatch(/ARTIKEL II\b/)
    for (const p of Object.values(docx)) expect(readFileSync(p).subarray(0, 2).toString()).toBe('PK')
  })

  test('6 Brieven: upload, rijfouten zonder waarden, voorbeeld, reeks met voortgang, zip', async () => {
    const csv = readFileSync(join(ROOT, 'templates', 'voorbeelden', 'medewerkers.csv'), 'utf8')
    const lines = csv.split(/\r?\n/).filter((l) => l !== '')
    // Row 3 (line 3) gets a scale that is no number: reported, without the value.
    const cols = (lines[0] as string).replace(/^\uFEFF/, '').split(';')
    const row3 = (lines[2] as string).split(';')
    row3[cols.indexOf('schaal')] = '1O'
    const data = [lines[0], lines[1], row3.join(';'), ...lines.slice(3)].join('\r\n')
    const upload = join(downloads, 'medewerkers-test.csv')
    writeFileSync(upload, `${data}\r\n`)
    await page.goto(`${served.base}/brieven`)
    await a11y()
    await page.getByLabel('Sjabloon').selectOption('templates/statusbrief.md')
    await page.getByLabel('Gegevens (Excel of CSV)').setInputFiles(upload)
    await page.getByRole('button', { name: 'Controleer de gegevens' }).click()
    const problems = await page.locator('ul.meldingen').innerText()
    expect(problems).toContain('medewerkers-test.csv:3: kolom "schaal"')
    expect(problems).not.toContain('1O')
    await a11y()
    await page.screenshot({ path: join(IMG, 'serve-brieven.png') })
    await page.getByLabel(/Regel in het bestand/).fill('2')
    await page.getByRole('button', { name: 'Toon voorbeeld' }).click()
    const brief = await page.locator('article.brief').innerText()
    expect(brief).toContain('Voorbeeld')
    expect(brief).toMatch(/statusbrief|status/i)
    await a11y()
    // The same letter as PDF, made by LibreOffice.
    const href = await page.getByRole('link', { name: /Als PDF/ }).getAttribute('href')
    const pdf = await page.request.get(`${served.base}${href}`)
    expect(pdf.status()).toBe(200)
    const pdfPath = join(downloads, 'voorbeeld.pdf')
    writeFileSync(pdfPath, await pdf.body())
    expect(pdfText(pdfPath)).toContain('Voorbeeld')
    await page.getByRole('link', { name: 'Terug naar de reeks' }).click()
    const made = page.getByRole('button', { name: /^Maak \d+ brieven$/ })
    const n = Number((await made.innerText()).replace(/\D/g, ''))
    const bad = await page.locator('ul.meldingen li').count()
    expect(n).toBeGreaterThan(10)
    await made.click()
    const link = page.getByRole('link', { name: 'Download de brieven (zip)' })
    await link.waitFor({ state: 'visible' })
    expect(await page.locator('#stand').innerText()).toContain(`${n} brieven gemaakt, ${bad} fouten`)
    expect(await page.locator('#balk').getAttribute('value')).toBe(await page.locator('#balk').getAttribute('max'))
    await a11y()
    const jobUrl = page.url()
    const zipPath = await download(() => link.click(), 'brieven.zip')
    const files = unzipSync(new Uint8Array(readFileSync(zipPath)))
    const names = Object.keys(files)
    expect(names).toContain('manifest.json')
    expect(names).toContain('fouten.txt')
    const letters = names.filter((n) => n.endsWith('.docx'))
    expect(letters).toHaveLength(n)
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']))
    expect(JSON.stringify(manifest)).toContain(letters[0]?.split('/').pop())
    expect(manifest.gegevens).toBe('medewerkers-test.csv')
    expect(new TextDecoder().decode(files['fouten.txt'])).toContain('medewerkers-test.csv:3: kolom "schaal"')
    const first = letters.sort()[0] as string
    docx.brief = join(downloads, 'brief.docx')
    writeFileSync(docx.brief, files[first] as Uint8Array)
    // The uploaded data is gone after the download.
    const after = await page.request.get(jobUrl)
    expect(after.status()).toBe(404)
  })

  test('7 Publiceren: controle en downloads', async () => {
    await page.goto(`${served.base}/publiceren`)
    await a11y()
    await page.getByLabel('Publicatiebestand').selectOption('publicaties/sociaal-statuut-cgm-2012.md')
    await page.getByRole('button', { name: 'Controleer' }).click()
    await expect.poll(() => page.locator('h3', { hasText: 'Downloads' }).count()).toBe(1)
    await a11y()
    await page.screenshot({ path: join(IMG, 'serve-publiceren.png') })
    docx.publicatie = await download(
      () => page.getByRole('link', { name: 'Publicatietekst (Word)' }).click(),
      'publicatie.docx',
    )
    const html = readFileSync(
      await download(() => page.getByRole('link', { name: 'Publicatietekst (HTML)' }).click(), 'publicatie.html'),
      'utf8',
    )
    expect(html).toContain('Sociaal Statuut')
    const json = JSON.parse(
      readFileSync(
        await download(() => page.getByRole('link', { name: 'Metadata (JSON)' }).click(), 'metadata.json'),
        'utf8',
      ),
    )
    expect(JSON.stringify(json)).toContain('Sociaal Statuut')
    // The DROP route: the Word file for DROP and the sheet with the CVDR field names.
    docx.drop = await download(() => page.getByRole('link', { name: 'Besluit voor DROP (Word)' }).click(), 'drop.docx')
    const gegevens = readFileSync(
      await download(() => page.getByRole('link', { name: 'Gegevens voor DROP (HTML)' }).click(), 'drop.html'),
      'utf8',
    )
    expect(gegevens).toContain('Officiële naam regeling')
    expect(gegevens).toContain('Datum inwerkingtreding')
    const dropJson = readFileSync(
      await download(() => page.getByRole('link', { name: 'Gegevens voor DROP (JSON)' }).click(), 'drop.json'),
      'utf8',
    )
    expect(dropJson).toContain('Citeertitel')
  })

  test('de Word-bestanden openen in LibreOffice met de verwachte tekst', () => {
    const names = Object.keys(docx).sort()
    expect(names).toEqual(['besluit', 'brief', 'drop', 'publicatie', 'renvooi', 'waswordt'])
    const pdfs = convertToPdf(
      names.map((k) => docx[k] as string),
      join(downloads, 'pdf'),
      join(downloads, 'lo-profiel'),
    )
    const text = Object.fromEntries(names.map((n, i) => [n, pdfText(pdfs[i] as string)]))
    expect(text.renvooi).toContain('Ambtenarenwet')
    expect(text.waswordt).toMatch(/Was|Wordt/)
    expect(text.besluit).toContain('ARTIKEL I')
    expect(text.brief).toContain('Voorbeeld')
    expect(text.publicatie).toContain('Sociaal Statuut')
    expect(text.drop).toContain('Sociaal Statuut')
  })
})
