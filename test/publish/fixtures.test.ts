/**
 * Publication fixtures: one folder per case under `test/fixtures/publish/<case>/` with
 * `publicaties/publicatie.md` and the regulations it names under `regulations/`. Expected:
 * `messages.txt` (every message, `path:line:col: ernst tekst [regel]`, paths relative to the case),
 * and when the publication could be built `tekst.txt` (the publication as plain text, part by part)
 * and `metadata.json`. Adding a case never means editing this file; `UPDATE=1` rewrites the
 * expected files (read the diff).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import type { PubBlock, Publicatie } from '../../src/publish/index.js'
import { metadataJson, preparePublication, runsText } from '../../src/publish/index.js'
import { formatMessage, sortMessages } from '../../src/util/messages.js'
import { ROOT } from '../helpers.js'

const DIR = join(ROOT, 'test', 'fixtures', 'publish')
const UPDATE = process.env.UPDATE === '1'

function blockText(b: PubBlock): string {
  switch (b.kind) {
    case 'kop':
      return `${'#'.repeat(b.level)} ${runsText(b.runs)}${b.id ? ` {#${b.id}}` : ''}`
    case 'alinea':
      return `${'  '.repeat(b.depth)}${b.num ? `${b.num} ` : ''}${runsText(b.runs)}`
    case 'tabel':
      return b.rows.map((r) => `| ${r.map(runsText).join(' | ')} |`).join('\n')
    case 'ondertekenaars':
      return b.ondertekenaars.map((o) => `${o.functie} / ${o.naam}`).join(' || ')
  }
}

/** The publication as a reader meets it, with the part names as markers. */
function publicationText(p: Publicatie): string {
  const part = (name: string, blocks: readonly PubBlock[]) =>
    blocks.length > 0 ? [`[${name}]`, ...blocks.map(blockText)] : []
  return [
    ...(p.voorbeeldmelding ? [`[voorbeeld] ${p.voorbeeldmelding}`] : []),
    `[opschrift] ${p.opschrift}`,
    ...part('aanhef', p.aanhef),
    ...(p.besluit ? [`[besluit] ${p.besluit}`] : []),
    ...part('dictum', p.dictum),
    ...part('ondertekening', p.ondertekening),
    ...part('toelichting', p.toelichting),
    ...part('bijlagen', p.bijlagen),
    '',
  ].join('\n')
}

function expectFile(path: string, actual: string): void {
  if (UPDATE || !existsSync(path)) writeFileSync(path, actual)
  expect(actual).toBe(readFileSync(path, 'utf8'))
}

const cases = readdirSync(DIR).sort()

describe('publication fixtures', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(10)
  })
  for (const name of cases) {
    it(name, () => {
      // Paths relative to the project, as a user would give them.
      const base = relative(ROOT, join(DIR, name))
      const path = join(base, 'publicaties', 'publicatie.md')
      const file = new VFile({ path, value: readFileSync(path) })
      const { sources, publicatie } = preparePublication(file)
      const lines = [...sources.files, file].flatMap((f) =>
        sortMessages(f.messages).map((m) => formatMessage(m, relative(base, f.path)).replaceAll(`${base}/`, '')),
      )
      expectFile(join(base, 'messages.txt'), lines.map((l) => `${l}\n`).join(''))
      const tekst = join(base, 'tekst.txt')
      const metadata = join(base, 'metadata.json')
      if (publicatie) {
        expectFile(tekst, publicationText(publicatie))
        // No file paths: versions are named by work id and date.
        const json = metadataJson(publicatie.metadata)
        expect(json).not.toMatch(/\.md\b|regulations\/|\/tmp\//)
        expectFile(metadata, json)
      } else {
        expect(existsSync(tekst), `${name}: tekst.txt zonder publicatie`).toBe(false)
      }
    })
  }
})
