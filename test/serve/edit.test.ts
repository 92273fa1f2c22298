/**
 * `regelwerk serve` flows that change the folder, in a git repository: 4 (Nieuwe versie in the
 * CodeMirror editor with `check` messages at their line, the renvooi, save as a commit in the
 * user's name) and 5 (Wijziging toepassen: the instructions, a placed error, the renvooi, save).
 * And the security of the app: token, Host and Origin checks, confined paths, upload limits.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { launchChromium, SKIP_CHROMIUM } from '../browser/chromium.js'
import { ROOT } from '../helpers.js'
import { copyProject, type Served, seriousViolations, serve } from './serve-helpers.js'

const STATUUT = 'regulations/sociaal-statuut-cgm'

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim()
}

describe.skipIf(SKIP_CHROMIUM)('regelwerk serve: bewerken en beveiliging', () => {
  let served: Served
  let browser: Browser
  let page: Page
  let besluit: string

  beforeAll(async () => {
    const dir = copyProject()
    git(dir, 'init', '-q')
    git(dir, '-c', 'user.name=Beheer', '-c', 'user.email=b@example.org', 'add', '.')
    git(dir, '-c', 'user.name=Beheer', '-c', 'user.email=b@example.org', 'commit', '-qm', 'begin')
    // A wijzigingsbesluit as a jurist writes it (Ar 6.6): artikel 10, vijfde lid, 250% → 275%, per 1 januari 2015.
    besluit = [
      '# Besluit tot wijziging van het Sociaal Statuut Samenwerking CGM 2012',
      '',
      '## ARTIKEL I',
      '',
      'Het Sociaal Statuut Samenwerking CGM 2012 wordt als volgt gewijzigd:',
      '',
      '### A',
      '',
      'In artikel 10, vijfde lid, wordt "250%" vervangen door "275%".',
      '',
      '## ARTIKEL II',
      '',
      'Dit besluit treedt in werking met ingang van 1 januari 2015.',
      '',
    ].join('\n')
    ;[served, browser] = await Promise.all([serve(dir), launchChromium()])
    page = await (await browser.newContext({ locale: 'nl-NL', viewport: { width: 1280, height: 900 } })).newPage()
    await page.goto(served.url)
  })

  afterAll(async () => {
    await browser?.close()
    await served?.stop()
    if (served) rmSync(served.dir, { recursive: true, force: true })
  })

  test('4 Nieuwe versie: editor met meldingen per regel, verschil, opslaan als commit', async () => {
    await page.goto(`${served.base}/werk/sociaal-statuut-cgm`)
    await page.getByRole('link', { name: 'Nieuwe versie' }).click()
    expect(await seriousViolations(page)).toEqual([])
    await page.getByLabel('Datum van inwerkingtreding').fill('2014-01-01')
    await page.getByLabel('Betreft').fill('wijziging artikel 10')
    await page.getByRole('button', { name: 'Begin de nieuwe versie' }).click()
    const editor = page.locator('.cm-content')
    await editor.waitFor()
    const text = await page.locator('#tekst').inputValue()
    expect(text).toContain('inwerkingtreding: 2014-01-01')
    // An impossible date: the check's fout appears at its line while typing.
    await editor.click()
    await page.keyboard.press('Control+a')
    await page.keyboard.insertText(text.replace('inwerkingtreding: 2014-01-01', 'inwerkingtreding: 2014-02-30'))
    // CodeMirror draws only the lines in view: back to the front-matter.
    await page.keyboard.press('Control+Home')
    const marked = page.locator('.cm-line', { has: page.locator('.cm-lintRange-error') })
    await marked.first().waitFor()
    expect(await marked.first().innerText()).toContain('2014-02-30')
    expect(await seriousViolations(page)).toEqual([])
    await page.screenshot({ path: join(ROOT, 'docs', 'img', 'serve-editor.png') })
    await page.keyboard.press('Control+a')
    await page.keyboard.insertText(text.replace('250% van de jaarlijkse toelage', '300% van de jaarlijkse toelage'))
    await expect.poll(() => page.locator('.cm-lintRange-error').count(), { timeout: 10_000 }).toBe(0)
    await page.getByRole('button', { name: 'Toon verschil met de vorige versie' }).click()
    const ins = page.locator('.renvooi-frame ins', { hasText: '300%' })
    await ins.first().waitFor()
    expect(await page.locator('.renvooi-frame del', { hasText: '250%' }).count()).toBeGreaterThan(0)
    expect(await seriousViolations(page)).toEqual([])
    await page.getByLabel(/Uw naam/).fill('Jurist Janssen')
    await page.getByRole('button', { name: 'Sla op als nieuwe versie' }).click()
    expect(await page.getByRole('status').innerText()).toMatch(/opgeslagen als .*2014-01-01\.md en vastgelegd in git/)
    const saved = readFileSync(join(served.dir, STATUUT, '2014-01-01.md'), 'utf8')
    expect(saved).toContain('300% van de jaarlijkse toelage')
    expect(git(served.dir, 'log', '-1', '--format=%an|%s')).toBe(
      'Jurist Janssen|Nieuwe versie 2014-01-01 van Sociaal Statuut Samenwerking CGM 2012: wijziging artikel 10',
    )
    // The base version now ends where the new one starts, in the same commit.
    expect(git(served.dir, 'show', '--name-only', '--format=', 'HEAD').split('\n').sort()).toEqual([
      `${STATUUT}/2013-01-03.md`,
      `${STATUUT}/2014-01-01.md`,
    ])
  })

  test('5 Wijziging toepassen: opdrachten, geplaatste fout, renvooi, opslaan', async () => {
    await page.goto(`${served.base}/werk/sociaal-statuut-cgm/wijziging`)
    expect(await seriousViolations(page)).toEqual([])
    await page.getByLabel('Versie waarop de wijziging wordt toegepast').selectOption('2013-01-03')
    // First a besluit that names an article the statuut does not have: refused, with its place.
    const wrong = besluit.replace('artikel 10, vijfde lid', 'artikel 99, vijfde lid')
    expect(wrong).not.toBe(besluit)
    await page.getByLabel('Tekst van het besluit').fill(wrong)
    await page.getByRole('button', { name: 'Lees de opdrachten' }).click()
    expect(await page.getByRole('alert').innerText()).toContain('kan niet worden toegepast')
    const melding = await page.locator('ul.meldingen li.fout').first().innerText()
    expect(melding).toMatch(/^besluit\.md:\d+:\d+: fout .*99/)
    const line = Number(/:(\d+):/.exec(melding)?.[1])
    expect(await page.locator(`#r${line}`).innerText()).toContain('99')
    expect(await page.locator(`#r${line}`).getAttribute('class')).toContain('mark')
    expect(await seriousViolations(page)).toEqual([])
    // Then the right one: instructions listed, renvooi, save.
    await page.getByLabel('Tekst van het besluit').fill(besluit)
    await page.getByRole('button', { name: 'Lees de opdrachten' }).click()
    const rows = await page.locator('table tbody tr').allInnerTexts()
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.join('\n')).toContain('In artikel 10, vijfde lid')
    await page.locator('.renvooi-frame ins', { hasText: '275%' }).first().waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await page.screenshot({ path: join(ROOT, 'docs', 'img', 'serve-wijziging.png') })
    await page.getByLabel(/Uw naam/).fill('Griffier de Vries')
    await page.getByRole('button', { name: 'Pas toe en sla op' }).click()
    expect(await page.getByRole('status').innerText()).toContain('2015-01-01.md')
    expect(readFileSync(join(served.dir, STATUUT, '2015-01-01.md'), 'utf8')).toContain('275% van de jaarlijkse toelage')
    expect(git(served.dir, 'log', '-1', '--format=%an')).toBe('Griffier de Vries')
  })

  test('zonder toegangsteken, met een vreemde Host of Origin: geweigerd', async () => {
    const cookie = `regelwerk_${served.port}=${served.token}`
    expect((await fetch(`${served.base}/`)).status).toBe(401)
    expect((await fetch(`${served.base}/?token=fout`)).status).toBe(401)
    expect(
      (await fetch(`${served.base}/`, { headers: { cookie: `regelwerk_${served.port}=x${served.token}` } })).status,
    ).toBe(401)
    const ok = await fetch(`${served.base}/`, { headers: { cookie } })
    expect(ok.status).toBe(200)
    expect(await ok.text()).toContain('lang="nl"')
    // DNS rebinding: another name for 127.0.0.1 in the Host header.
    const rebound = await new Promise<number>((resolve) => {
      request(`${served.base}/`, { headers: { host: `evil.example:${served.port}`, cookie } }, (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      }).end()
    })
    expect(rebound).toBe(403)
    // CSRF: a form post from another site changes nothing.
    const before = git(served.dir, 'rev-parse', 'HEAD')
    const csrf = await fetch(`${served.base}/werk/sociaal-statuut-cgm/opslaan`, {
      method: 'POST',
      headers: { cookie, origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'per=2016-01-01&naam=x&tekst=x',
    })
    expect(csrf.status).toBe(403)
    expect(existsSync(join(served.dir, STATUUT, '2016-01-01.md'))).toBe(false)
    expect(git(served.dir, 'rev-parse', 'HEAD')).toBe(before)
  })

  test('paden blijven in de map: ../, absolute paden en symlinks worden geweigerd', async () => {
    const cookie = `regelwerk_${served.port}=${served.token}`
    symlinkSync('/etc', join(served.dir, 'regulations', 'buiten'))
    writeFileSync(join(served.dir, 'geheim.md'), 'geheim')
    const get = (pad: string) => fetch(`${served.base}/bestand?pad=${encodeURIComponent(pad)}`, { headers: { cookie } })
    for (const pad of [
      '../../../../etc/passwd',
      'regulations/../geheim.md',
      'regulations/../../etc/passwd',
      '/etc/passwd',
      join(served.dir, 'geheim.md'),
      'regulations/buiten/passwd',
      'geheim.md',
      'C:\\Windows\\win.ini',
    ]) {
      const r = await get(pad)
      expect(r.status, pad).toBeGreaterThanOrEqual(400)
      const body = await r.text()
      expect(body, pad).not.toContain('root:')
      expect(body, pad).not.toContain('geheim</')
    }
    expect((await get(`${STATUUT}/2013-01-03.md`)).status).toBe(200)
    for (const werk of ['x..y', '..%2F..%2Fetc', '%2Fetc', 'buiten'])
      expect((await fetch(`${served.base}/werk/${werk}`, { headers: { cookie } })).status, werk).toBeGreaterThanOrEqual(
        400,
      )
    const tpl = await fetch(`${served.base}/brieven`, {
      method: 'POST',
      headers: { cookie, origin: served.base },
      body: (() => {
        const f = new FormData()
        f.set('sjabloon', '../templates/statusbrief.md')
        f.set('gegevens', new File(['a;b\n1;2\n'], 'x.csv'))
        return f
      })(),
    })
    expect(tpl.status).toBe(400)
  })

  test('te grote upload: 413 zonder het hele bestand te lezen', async () => {
    const cookie = `regelwerk_${served.port}=${served.token}`
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${served.base}/brieven`, {
        method: 'POST',
        headers: {
          cookie,
          origin: served.base,
          'content-type': 'multipart/form-data; boundary=x',
          'content-length': String(200 * 1024 * 1024),
        },
      })
      req.on('response', (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      })
      req.on('error', reject)
      req.write('--x\r\n')
    })
    expect(status).toBe(413)
  })

  test('--host 0.0.0.0 geeft een duidelijke waarschuwing; de logregels noemen geen gegevens', async () => {
    const open = await serve(served.dir, ['--host', '0.0.0.0'])
    try {
      expect(open.stderr()).toMatch(/WAARSCHUWING: .*andere computers in het netwerk/)
    } finally {
      await open.stop()
    }
    const log = served.stderr()
    expect(log).toMatch(/^POST /m)
    expect(log).not.toMatch(/Janssen|de Vries|275%|token=/)
  })
})
