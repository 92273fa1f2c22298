// Real amendments (issue 6, point 4): every real wijzigingsbesluit or ledenbrief in regulations/ and
// ../shared/corpus/ is applied to its base version, when the base is there, and the result is
// compared with the official next version. Prints "N van M opdrachten toegepast, K van V versies
// gelijk aan de officiële tekst" and every miss with its reason. Run alone: `node
// bench/amendments.mjs` (after `npm run build`); `npm run bench` calls it at the end.
//
// How an amendment finds its regulation and versions, the same for every document:
// - the regulation: the `work` in its front-matter, else the title in "De <titel> wordt als volgt
//   gewijzigd" / "de <titel> als volgt te wijzigen", matched to a series by its citeertitel or by
//   the words of its folder name;
// - its date: ARTIKEL II / "met ingang van" (inwerkingtreding), else the front-matter
//   `ondertekening`, else the first date written out in the text (the date of the regeling);
// - the base: `<werk>/basis/voor-<naam van de wijziging>.md` when it exists, else the newest
//   version dated before that date; the official next version: the oldest version dated on or
//   after it. Without both there is nothing to compare, and that is reported as a miss.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, dirname, join, relative } from 'node:path'
import { VFile } from 'vfile'
import { applyOperatie, OpdrachtFout } from '../dist/amend/apply-operation.js'
import { sameBepalingen } from '../dist/amend/compare.js'
import { parseAmendment } from '../dist/amend/parse-amendment.js'
import { formatRegeling } from '../dist/format/markdown.js'
import { parseRegeling } from '../dist/parse/index.js'
import { dutchWordsToIso } from '../dist/util/dates.js'

const root = join(import.meta.dirname, '..')
const corpus = join(root, '..', 'shared', 'corpus')
const DATED = /^(\d{4}-\d{2}-\d{2})\.md$/

function dirs(base) {
  try {
    return readdirSync(base)
      .sort()
      .map((n) => join(base, n))
      .filter((p) => statSync(p).isDirectory())
  } catch {
    return []
  }
}

/** The amendment documents: ledenbrieven, and per corpus folder its newest text. */
function amendmentDocuments() {
  const out = []
  const brieven = join(root, 'regulations', 'ledenbrieven')
  for (const n of readdirSync(brieven).sort()) if (n.endsWith('.md')) out.push(join(brieven, n))
  for (const folder of [...dirs(join(corpus, 'amendments')), ...dirs(join(corpus, 'gemeenteblad'))]) {
    const files = readdirSync(folder)
      .filter((n) => DATED.test(n) || n === 'excerpt.txt')
      .sort()
    if (files.length > 0) out.push(join(folder, files[files.length - 1]))
  }
  return out
}

/** A work: its dated versions, its basis folder and the names it goes by. */
function series() {
  const out = []
  for (const dir of [
    ...dirs(join(root, 'regulations')),
    ...dirs(join(corpus, 'bwb')),
    ...dirs(join(corpus, 'bwb-legalize')),
  ]) {
    const versions = readdirSync(dir)
      .filter((n) => DATED.test(n))
      .sort()
      .map((n) => ({ date: DATED.exec(n)[1], path: join(dir, n) }))
    if (versions.length === 0) continue
    const newest = readFileSync(versions[versions.length - 1].path, 'utf8')
    const citeertitel = /^citeertitel:\s*(.+)$/m.exec(newest)?.[1]?.trim()
    const slug = basename(dir)
      .replace(/^BWBR\d+-/, '')
      .split('-')
    out.push({ dir, work: basename(dir), versions, citeertitel, slug })
  }
  return out
}

const words = (s) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []

function findSeries(all, text, meta) {
  if (typeof meta.work === 'string') return all.find((s) => s.work === meta.work)
  const m =
    /\b(?:De|Het)\s+([^\n]{3,200}?)\s+wordt als volgt gewijzigd/i.exec(text) ??
    /\b(?:de|het)\s+([^\n]{3,200}?)\s+als volgt te wijzigen/i.exec(text)
  if (!m) return undefined
  const title = m[1].replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
  const have = new Set(words(title))
  return all.find(
    (s) => (s.citeertitel && title.includes(s.citeertitel)) || s.slug.every((w) => have.has(w.toLowerCase())),
  )
}

function dateOf(read, text) {
  if (read.inwerkingtreding) return { date: read.inwerkingtreding, how: 'inwerkingtreding' }
  const o = read.meta.ondertekening
  if (o instanceof Date) return { date: o.toISOString().slice(0, 10), how: 'ondertekening' }
  if (typeof o === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(o)) return { date: o, how: 'ondertekening' }
  const months = 'januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december'
  const w = new RegExp(`\\b(\\d{1,2} (?:${months}) \\d{4})\\b`, 'i').exec(text)
  const iso = w ? dutchWordsToIso(w[1]) : undefined
  return iso ? { date: iso, how: `datum in de tekst (${w[1]})` } : undefined
}

const parse = (path) => parseRegeling(new VFile({ path, value: readFileSync(path) })).tree
const body = (tree) => formatRegeling({ ...tree, meta: {} })
const rel = (p) => relative(root, p)

export function amendmentsReport() {
  const all = series()
  const rows = []
  const misses = []
  let applied = 0
  let total = 0
  let identical = 0
  let compared = 0
  for (const path of amendmentDocuments()) {
    const text = readFileSync(path, 'utf8')
    const file = new VFile({ path, value: text })
    const read = parseAmendment(text, file)
    const name =
      (typeof read.meta.identificatie === 'string' && read.meta.identificatie) ||
      (basename(path) === 'excerpt.txt' || DATED.test(basename(path)) ? basename(dirname(path)) : basename(path, '.md'))
    const s = findSeries(all, text, read.meta)
    if (!s) {
      misses.push(`${name}: de gewijzigde regeling staat niet in het corpus`)
      continue
    }
    const when = dateOf(read, text)
    if (!when) {
      misses.push(`${name}: geen datum in de wijziging gevonden`)
      continue
    }
    const stem = basename(path).replace(/\.(md|txt)$/, '')
    const basis = join(s.dir, 'basis', `voor-${stem}.md`)
    let basePath
    try {
      if (statSync(basis).isFile()) basePath = basis
    } catch {}
    basePath ??= s.versions.filter((v) => v.date < when.date).pop()?.path
    const next = s.versions.find((v) => v.date >= when.date)
    if (!basePath) {
      misses.push(
        `${name}: geen basisversie — de wijziging is van ${when.date} (${when.how}), de oudste versie van ${s.work} in het corpus is van ${s.versions[0].date}`,
      )
      continue
    }
    if (!next) {
      misses.push(
        `${name}: geen officiële volgende versie — de wijziging is van ${when.date} (${when.how}), de nieuwste versie van ${s.work} is van ${s.versions[s.versions.length - 1].date}`,
      )
      continue
    }
    // Every instruction on its own: one that does not fit is a miss, the others are still applied.
    const tree = structuredClone(parse(basePath))
    const unread = file.messages.filter((m) => /wijziging-(onleesbaar|zonder-tekst)/.test(m.ruleId ?? ''))
    // A text that stops mid-sentence (an excerpt): say so at the instruction where it stops.
    const lines = text.trimEnd().split('\n')
    let lastPara = lines.length
    while (lastPara > 1 && lines[lastPara - 2].trim() !== '') lastPara--
    const cut = !/[.:;»”'")]$/.test(text.trimEnd())
    let ok = 0
    for (const op of read.opdrachten) {
      try {
        applyOperatie(tree, op.operatie)
        ok++
      } catch (error) {
        if (!(error instanceof OpdrachtFout)) throw error
        misses.push(
          `${name}: ${op.label} «${op.tekst}» (regel ${op.line}) past niet op ${error.doel}: ${error.message}`,
        )
      }
    }
    for (const m of unread)
      misses.push(
        `${name}: regel ${m.line}: ${m.reason}${cut && m.line === lastPara ? ' — de tekst van de wijziging houdt midden in deze opdracht op' : ''}`,
      )
    const m = read.opdrachten.length + unread.length
    applied += ok
    total += m
    compared++
    const official = parse(next.path)
    const same = body(tree) === body(official)
    if (same) identical++
    else if (ok === m)
      misses.push(
        `${name}: alle opdrachten toegepast, maar de uitkomst verschilt van ${rel(next.path)}${sameBepalingen(tree.children, official.children) ? ' (alleen in opmaak)' : ''}`,
      )
    rows.push(
      `  ${name} op ${rel(basePath)} → ${basename(next.path)}: ${ok} van ${m} opdrachten toegepast, ${same ? 'gelijk aan' : 'niet gelijk aan'} de officiële tekst`,
    )
  }
  console.log('Echte wijzigingen toegepast op hun basisversie (issue 6, punt 4)')
  for (const r of rows) console.log(r)
  console.log(
    `  ${applied} van ${total} opdrachten toegepast, ${identical} van ${compared} versies gelijk aan de officiële tekst`,
  )
  if (misses.length > 0) {
    console.log('  Missers:')
    for (const m of misses) console.log(`  - ${m}`)
  }
  return { applied, total, identical, compared, misses }
}

if (import.meta.url === `file://${process.argv[1]}`) amendmentsReport()
