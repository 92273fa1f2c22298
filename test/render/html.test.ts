/**
 * `diff --format html` in a real browser: the page is loaded from disk in headless Chromium, must
 * not fetch anything else (self-contained), shows the changed words struck through and underlined
 * in the was-wordt table and the renvooi, is Dutch, is screenshotted, and prints to A4 PDF.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { diffRegelingen } from '../../src/diff/index.js'
import { renderDiffHtml } from '../../src/render/html-diff.js'
import { CHROMIUM, launchChromium } from '../browser/chromium.js'
import { parsePath, parseString, ROOT } from '../helpers.js'
import { bewerktStatuut, STATUUT } from './statuut-edit.js'

/**
 * Without chromium these tests fail (they are the point of the format); set REGELWERK_ZONDER_CHROMIUM=1 to skip them
 * knowingly on a machine without it. `.ci/run` installs it.
 */
const SKIP = !CHROMIUM && process.env.REGELWERK_ZONDER_CHROMIUM === '1'
const WHY_SKIPPED = SKIP ? ' (OVERGESLAGEN op verzoek: REGELWERK_ZONDER_CHROMIUM=1)' : ''

describe.skipIf(SKIP)(`diff als HTML in Chromium${WHY_SKIPPED}`, () => {
  let browser: Browser
  let page: Page
  let dir = ''
  const requests: string[] = []
  let file = ''

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'regelwerk-html-'))
    const result = diffRegelingen(
      parsePath(STATUUT).result.tree,
      parseString(bewerktStatuut(), 'bewerkt.md').result.tree,
    )
    file = join(dir, 'renvooi.html')
    writeFileSync(file, renderDiffHtml(result))
    browser = await launchChromium()
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } })
    page.on('request', (r) => requests.push(r.url()))
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' })
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('is Dutch and self-contained: nothing is fetched but the page itself', async () => {
    expect(await page.getAttribute('html', 'lang')).toBe('nl')
    expect(requests).toEqual([pathToFileURL(file).href])
    expect(await page.title()).toBe('Renvooi Sociaal Statuut Samenwerking CGM 2012')
  })

  it('the was-wordt table shows the old words beside the new ones', async () => {
    const table = page.locator('table.was-wordt')
    await expect.poll(() => table.isVisible()).toBe(true)
    const text = await table.innerText()
    expect(text).toMatch(/Was/)
    expect(text).toMatch(/Wordt/)
    expect(text).toContain('artikel 10, vijfde lid')
    expect(text).toContain('250%')
    expect(text).toContain('300%')
    expect(text).toContain('bovenformatief')
    // Each row links to its place in the renvooi.
    const hrefs = await table.locator('a[href^="#"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')))
    expect(hrefs.length).toBeGreaterThan(2)
    for (const href of hrefs) expect(await page.locator(href as string).count()).toBe(1)
  })

  it('list numbers ("5.", "a.") stand on the line of their text', async () => {
    const offsets = await page.$$eval('.lid, .onderdeel, .subonderdeel', (items) =>
      items.flatMap((item) => {
        const nr = item.querySelector(':scope > .nr')
        const inhoud = item.querySelector(':scope > .inhoud')
        if (!nr || !inhoud || (nr.textContent ?? '').trim() === '') return []
        // The first line of text in the item's content, wherever it is nested.
        const walker = document.createTreeWalker(inhoud, NodeFilter.SHOW_TEXT, {
          acceptNode: (n) =>
            (n.textContent ?? '').trim() === '' ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
        })
        const text = walker.nextNode()
        if (!text) return []
        const range = document.createRange()
        range.selectNodeContents(text)
        const line = range.getClientRects()[0]
        const num = document.createRange()
        num.selectNodeContents(nr)
        const box = num.getClientRects()[0]
        if (!line || !box) return []
        return [{ nr: (nr.textContent ?? '').trim(), dy: Math.abs(line.bottom - box.bottom) }]
      }),
    )
    expect(offsets.length).toBeGreaterThan(20)
    expect(offsets.filter((o) => o.dy > 1.5)).toEqual([])
  })

  it('the renvooi strikes through what goes and underlines what comes', async () => {
    const del = page.locator('del', { hasText: '250%' }).first()
    const ins = page.locator('ins', { hasText: '300%' }).first()
    expect(await del.isVisible()).toBe(true)
    expect(await ins.isVisible()).toBe(true)
    const style = async (sel: typeof del) => sel.evaluate((el) => getComputedStyle(el).textDecorationLine)
    expect(await style(del)).toContain('line-through')
    expect(await style(ins)).toContain('underline')
    // The removed lid 6 is shown struck through, whole.
    expect(
      await page.locator('del', { hasText: 'Indien een lagere dan de oorspronkelijke toelage' }).count(),
    ).toBeGreaterThan(0)
  })

  it('screenshots, and prints on A4', async () => {
    const png = join(dir, 'renvooi.png')
    await page.screenshot({ path: png, fullPage: true })
    expect(statSync(png).size).toBeGreaterThan(20_000)
    const pdf = await page.pdf({ format: 'A4' })
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    // More than one page: the full renvooi text is in the print, not only the table.
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []
    expect(pages.length).toBeGreaterThan(1)
  })

  it('a page for a real pair of law versions shows the changed words too', async () => {
    const result = diffRegelingen(
      parsePath(join(ROOT, 'regulations', 'ambtenarenwet', '2011-01-01.md')).result.tree,
      parsePath(join(ROOT, 'regulations', 'ambtenarenwet', '2011-06-22.md')).result.tree,
    )
    const other = join(dir, 'ambtenarenwet.html')
    writeFileSync(other, renderDiffHtml(result))
    const p = await browser.newPage()
    await p.goto(pathToFileURL(other).href)
    expect(await p.locator('ins', { hasText: 'uitsluitend elektronisch verzonden' }).first().isVisible()).toBe(true)
    expect(await p.locator('del', { hasText: 'bereikt.' }).first().isVisible()).toBe(true)
    await p.close()
  })
})
