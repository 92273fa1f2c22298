/**
 * Headless Chromium for the HTML tests, through playwright-core (no bundled browser download):
 * the system Chromium (Debian: `apt-get install -y chromium`) or `CHROMIUM_PATH`.
 */
import { accessSync, constants } from 'node:fs'
import { type Browser, chromium } from 'playwright-core'

const CANDIDATES = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
]

/** The Chromium executable, or undefined when none is installed. */
export const CHROMIUM = CANDIDATES.find((c): c is string => {
  if (!c) return false
  try {
    accessSync(c, constants.X_OK)
    return true
  } catch {
    return false
  }
})

/** Start a headless Chromium; the caller closes it. */
export async function launchChromium(): Promise<Browser> {
  if (!CHROMIUM) throw new Error('Geen Chromium gevonden; installeer het pakket `chromium` of zet CHROMIUM_PATH')
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] })
}

/** Skip the Chromium tests only when asked (`REGELWERK_ZONDER_CHROMIUM=1`) on a machine without it. */
export const SKIP_CHROMIUM = !CHROMIUM && process.env.REGELWERK_ZONDER_CHROMIUM === '1'
