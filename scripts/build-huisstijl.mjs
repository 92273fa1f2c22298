#!/usr/bin/env node
// Builds templates/huisstijl.docx, the reference Word file whose styles, header and footer every
// letter uses. Run after `npm run build`: `node scripts/build-huisstijl.mjs`. Same input, same bytes.
import { writeFileSync } from 'node:fs'
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
