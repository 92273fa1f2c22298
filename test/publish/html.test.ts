/**
 * The HTML publication in a real browser (headless Chromium): the page loads, the text is there,
 * it has one h1 and an outline without skipped levels, every in-page link lands on an element
 * (anchors are the stable provision ids), and the print style hides the table of contents.
 * `UPDATE=1` also writes the screenshot used in docs/publicatie.md.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { VFile } from 'vfile'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Publicatie, preparePublication } from '../../src/publish/index.js'
import { renderPublicationHtml } from '../../src/render/html-publication.js'
import { launchChromium, SKIP_CHROMIUM } from '../browser/chromium.js'
import { ROOT } from '../helpers.js'

const STATUUT = 'publicaties/sociaal-statuut-cgm-2012.md'

describe.skipIf(SKIP_CHROMIUM)('publish --format html in Chromium', () => {
  let browser: Browser
  let page: Page
  let html: string

  beforeAll(async () => {
    const file = new VFile({ path: STATUUT, value: readFileSync(join(ROOT, STATUUT)) })
    const { publicatie } = preparePublication(file)
    html = renderPublicationHtml(publicatie as Publicatie)
    const path = join(mkdtempSync(join(tmpdir(), 'regelwerk-publish-html-')), 'statuut.html')
    writeFileSync(path, html)
    browser = await launchChromium()
    page = await browser.newPage({ viewport: { width: 1000, height: 1300 } })
    await page.goto(`file://${path}`)
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
  })

  it('is self-contained Dutch HTML', async () => {
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('nl')
    expect(html).not.toMatch(/<script|<link |src="http/)
    expect(await page.title()).toBe('Sociaal Statuut Samenwerking CGM 2012')
  })

  it('shows the text of the besluit in its parts', async () => {
    const text = (await page.innerText('body')).replace(/\s+/g, ' ')
    for (const expected of [
      'Sociaal Statuut Samenwerking CGM 2012',
      'De colleges van burgemeester en wethouders van de gemeenten Cuijk, Grave en Mill en Sint Hubert;',
      'besluiten vast te stellen de volgende verordening:',
      'Artikel 10 Uitgangspunten individueel',
      'Aldus vastgesteld door:',
      'Terugwerkende kracht tot en met 1 januari 2013',
      'Datum bekendmaking 3 januari 2013',
    ])
      expect(text).toContain(expected)
  })

  it('has one h1 and headings that never skip a level', async () => {
    const levels = await page.$$eval('h1, h2, h3, h4, h5, h6', (hs) => hs.map((h) => Number(h.tagName.slice(1))))
    expect(levels.filter((l) => l === 1)).toHaveLength(1)
    expect(levels[0]).toBe(1)
    const skips = levels.filter((l, i) => i > 0 && l > (levels[i - 1] as number) + 1)
    expect(skips).toEqual([])
    expect(levels.length).toBeGreaterThan(40)
  })

  it('resolves every in-page link to an element; article anchors are the stable ids', async () => {
    const links = await page.$$eval('a[href^="#"]', (as) =>
      as.map((a) => {
        const id = decodeURIComponent((a.getAttribute('href') as string).slice(1))
        return { id, found: document.getElementById(id) !== null }
      }),
    )
    expect(links.length).toBeGreaterThan(35)
    expect(links.filter((l) => !l.found)).toEqual([])
    expect(links.map((l) => l.id)).toContain('hfd_3__par_o1__art_10')
    // A lid has its own anchor too, so `artikel 10, vijfde lid` can be linked.
    expect(await page.$('#hfd_3__par_o1__art_10__lid_5')).not.toBeNull()
    await page.click('a[href="#hfd_3__par_o1__art_10"]')
    expect(await page.evaluate(() => location.hash)).toBe('#hfd_3__par_o1__art_10')
    const top = await page.$eval('#hfd_3__par_o1__art_10', (e) => e.getBoundingClientRect().top)
    expect(Math.abs(top)).toBeLessThan(50)
  })

  it('shows a wijzigingsbesluit with its voorbeeld note and anchors for ARTIKEL I, its items and ARTIKEL II', async () => {
    const path = 'test/fixtures/publish/wijzigingsbesluit/publicaties/publicatie.md'
    const { publicatie } = preparePublication(new VFile({ path, value: readFileSync(join(ROOT, path)) }))
    const other = await browser.newPage()
    await other.setContent(renderPublicationHtml(publicatie as Publicatie))
    expect(await other.innerText('p.voorbeeld[role="note"]')).toContain('geen echte publicatie')
    const headings = await other.$$eval('main h2', (hs) => hs.map((h) => h.textContent))
    expect(headings).toEqual(['ARTIKEL I', 'ARTIKEL II', 'Toelichting'])
    for (const id of ['art_I', 'art_I__item_A', 'art_I__item_B', 'art_II'])
      expect(await other.$(`#${id}`), id).not.toBeNull()
    const broken = await other.$$eval('a[href^="#"]', (as) =>
      as.map((a) => (a.getAttribute('href') as string).slice(1)).filter((id) => !document.getElementById(id)),
    )
    expect(broken).toEqual([])
    expect((await other.innerText('body')).replace(/\s+/g, ' ')).toContain(
      'Dit besluit treedt in werking met ingang van 18 september 2015 en werkt terug tot en met 1 september 2015.',
    )
    await other.close()
  })

  it('sets every number ("1.", "a.") on the first line of its text (bounding boxes)', async () => {
    for (const media of ['screen', 'print'] as const) {
      await page.emulateMedia({ media })
      const offsets = await page.$$eval('.item', (items) =>
        items.flatMap((item) => {
          const nr = item.querySelector('.nr')
          const text = item.querySelector('.inhoud')
          if (!nr?.textContent || !text?.textContent) return []
          const box = (el: Element) => {
            const r = document.createRange()
            r.selectNodeContents(el)
            return r.getClientRects()[0] as DOMRect
          }
          const a = box(nr)
          const b = box(text)
          return [{ nr: nr.textContent, top: a.top - b.top, bottom: a.bottom - b.bottom }]
        }),
      )
      expect(offsets.length).toBeGreaterThan(50)
      expect(offsets.filter((o) => Math.abs(o.top) > 1 || Math.abs(o.bottom) > 1)).toEqual([])
    }
    await page.emulateMedia({ media: 'screen' })
  })

  it('shows the statuut table as a table, and no file path anywhere', async () => {
    const heads = await page.$$eval('table thead th', (ths) => ths.map((th) => th.textContent))
    expect(heads).toEqual([
      'Status van de plaatsing',
      'Vergelijking nieuwe functieschaal versus bestaande functieschaal.',
      'Inschaling in de nieuwe organisatie',
      'Bijzonderheden',
    ])
    expect(await page.$$eval('table tbody tr', (trs) => trs.length)).toBe(4)
    expect(html).not.toMatch(/regulations\/|publicaties\/|\.md\b/)
  })

  it('lays out a short table of contents in one column, a long one in two', async () => {
    expect(await page.$eval('nav.inhoud ul', (ul) => getComputedStyle(ul).columnCount)).toBe('2')
    const path = 'test/fixtures/publish/wijzigingsbesluit/publicaties/publicatie.md'
    const { publicatie } = preparePublication(new VFile({ path, value: readFileSync(join(ROOT, path)) }))
    const other = await browser.newPage({ viewport: { width: 1000, height: 1300 } })
    await other.setContent(renderPublicationHtml(publicatie as Publicatie))
    const lefts = await other.$$eval('nav.inhoud li', (lis) =>
      lis.map((li) => Math.round(li.getBoundingClientRect().left)),
    )
    expect(lefts).toHaveLength(3)
    expect(new Set(lefts).size).toBe(1)
    // The signatories side by side: same top, different left.
    const signers = await other.$$eval('.ondertekenaar', (ps) =>
      ps.map((p) => ({
        top: Math.round(p.getBoundingClientRect().top),
        left: Math.round(p.getBoundingClientRect().left),
      })),
    )
    expect(signers).toHaveLength(2)
    expect(signers[0]?.top).toBe(signers[1]?.top)
    expect(signers[0]?.left).toBeLessThan(signers[1]?.left as number)
    await other.close()
  })

  it('hides the table of contents in print and takes a screenshot', async () => {
    await page.evaluate(() => window.scrollTo(0, 0))
    const shot = await page.screenshot({ fullPage: false })
    expect(shot.length).toBeGreaterThan(20_000)
    if (process.env.UPDATE === '1') writeFileSync(join(ROOT, 'docs', 'img', 'publicatie-html.png'), shot)
    await page.emulateMedia({ media: 'print' })
    expect(await page.$eval('nav.inhoud', (n) => getComputedStyle(n).display)).toBe('none')
    await page.emulateMedia({ media: 'screen' })
  })
})
