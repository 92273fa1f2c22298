#!/usr/bin/env node
// Builds templates/huisstijl.docx, the reference Word file whose styles, header and footer every
// letter uses. Run after `npm run build`: `node scripts/build-huisstijl.mjs`. Same input, same bytes.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildHouseStyleDocx } from '../dist/render/docx-letter-huisstijl.js'

const root = join(import.meta.dirname, '..')
const bytes = await buildHouseStyleDocx({
  organisatie: 'Samenwerkingsverband CGM (voorbeeld)',
  afdeling: 'Personeel en Organisatie · Voorbeeldstraat 1 · 9999 ZZ Voorbeeldstad',
  datum: '2013-01-03',
})
const out = join(root, 'templates', 'huisstijl.docx')
writeFileSync(out, bytes)
console.log(`${out}: ${bytes.length} bytes`)

// The demo's samenwerkingsverband: each gemeente has its own letterhead (templates/organisaties.yaml).
mkdirSync(join(root, 'templates', 'huisstijl'), { recursive: true })
for (const [file, organisatie, afdeling] of [
  ['cuijk', 'Gemeente Cuijk (voorbeeld)', 'Personeel en Organisatie · Postbus 10001 · 9999 AA Voorbeeldstad'],
  ['grave', 'Gemeente Grave (voorbeeld)', 'Personeel en Organisatie · Postbus 10002 · 9999 AB Voorbeeldstad'],
  [
    'mill-en-sint-hubert',
    'Gemeente Mill en Sint Hubert (voorbeeld)',
    'Personeel en Organisatie · Postbus 10003 · 9999 AC Voorbeeldstad',
  ],
]) {
  const b = await buildHouseStyleDocx({ organisatie, afdeling, datum: '2013-01-03' })
  const p = join(root, 'templates', 'huisstijl', `${file}.docx`)
  writeFileSync(p, b)
  console.log(`${p}: ${b.length} bytes`)
}
