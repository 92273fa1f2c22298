/**
 * The Word renvooi as data: the document model built from hand-made diff trees, and the XML parts
 * of the packed file. LibreOffice proves the revisions in `docx.test.ts`.
 */

import { inflateRawSync } from 'node:zlib'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { DiffNode, DiffResult, WordOp } from '../../src/model/changes.js'
import type { RegelingType } from '../../src/model/registry.js'
import {
  fixZipTimestamps,
  projectParagraphs,
  type RenvooiParagraph,
  renderRenvooiDocx,
  renvooiParagraphs,
  wasWordtRows,
} from '../../src/render/docx-renvooi.js'

// ---- hand-made diff trees ----------------------------------------------------------------------

const same = (text: string): WordOp => ({ op: 'gelijk', text })
const ins = (text: string): WordOp => ({ op: 'ins', text })
const del = (text: string): WordOp => ({ op: 'del', text })

function node(type: RegelingType, status: DiffNode['status'], extra: Partial<DiffNode> = {}): DiffNode {
  return { type, status, id: undefined, children: [], ...extra }
}

function alinea(status: DiffNode['status'], ...text: WordOp[]): DiffNode {
  return node('alinea', status, { text })
}

function numbered(
  type: RegelingType,
  status: DiffNode['status'],
  oud: string | undefined,
  nieuw: string | undefined,
  children: DiffNode[],
) {
  return node(type, status, { oudNum: oud, nieuwNum: nieuw, children })
}

/** Artikel 10 with a changed fifth lid, a deleted sixth and the seventh renumbered to sixth. */
function artikel10(): DiffNode {
  return numbered('artikel', 'gewijzigd', '10', '10', [
    numbered('lid', 'gewijzigd', '5', '5', [
      alinea(
        'gewijzigd',
        same('een toelage ter grootte van '),
        del('250%'),
        ins('300%'),
        same(' van de jaarlijkse toelage.'),
      ),
    ]),
    numbered('lid', 'verwijderd', '6', undefined, [alinea('verwijderd', del('Het verschil wordt afgekocht.'))]),
    numbered('lid', 'gewijzigd', '7', '6', [alinea('gelijk', same('De toelage blijft bestaan.'))]),
  ])
}

function regeling(...children: DiffNode[]): DiffNode {
  return node('regeling', 'gewijzigd', { children })
}

function result(tree: DiffNode, meta: Record<string, unknown> = {}): DiffResult {
  return { tree, changes: [], oudMeta: meta, nieuwMeta: meta }
}

function plain(paras: readonly RenvooiParagraph[]): string[] {
  return paras.map((p) => p.runs.map((r) => r.text).join(''))
}

const DATE = new Date('2013-01-01T00:00:00Z')

// ---- zip ---------------------------------------------------------------------------------------

/** The parts of a .docx file by path (stored or deflated entries; enough for what docx writes). */
function unzip(bytes: Uint8Array): Map<string, string> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let eocd = bytes.length - 22
  while (eocd >= 0 && view.getUint32(eocd, true) !== 0x06054b50) eocd--
  const parts = new Map<string, string>()
  let at = view.getUint32(eocd + 16, true)
  for (let n = view.getUint16(eocd + 10, true); n > 0; n--) {
    const method = view.getUint16(at + 10, true)
    const size = view.getUint32(at + 20, true)
    const nameLength = view.getUint16(at + 28, true)
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength))
    const local = view.getUint32(at + 42, true)
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true)
    const data = bytes.subarray(start, start + size)
    parts.set(name, new TextDecoder().decode(method === 8 ? inflateRawSync(data) : data))
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true)
  }
  return parts
}

// ---- the document model ------------------------------------------------------------------------

describe('renvooi document model', () => {
  it('marks changed words inside a lid as deleted and inserted runs', () => {
    const paras = renvooiParagraphs(regeling(artikel10()))
    const lid5 = paras[1]
    expect(lid5?.style).toBe('Lid')
    expect(lid5?.mark).toBe('gelijk')
    expect(lid5?.runs).toEqual([
      { op: 'gelijk', text: '5.\teen toelage ter grootte van ' },
      { op: 'del', text: '250%' },
      { op: 'ins', text: '300%' },
      { op: 'gelijk', text: ' van de jaarlijkse toelage.' },
    ])
  })

  it('deletes a whole lid: number, text and paragraph mark', () => {
    const lid6 = renvooiParagraphs(regeling(artikel10()))[2]
    expect(lid6).toEqual({
      style: 'Lid',
      mark: 'del',
      runs: [{ op: 'del', text: '6.\tHet verschil wordt afgekocht.' }],
    })
  })

  it('shows a renumbered lid as the old number deleted and the new one inserted', () => {
    const lid7 = renvooiParagraphs(regeling(artikel10()))[3]
    expect(lid7?.runs).toEqual([
      { op: 'del', text: '7.' },
      { op: 'ins', text: '6.' },
      { op: 'gelijk', text: '\tDe toelage blijft bestaan.' },
    ])
  })

  it('inserts a whole article with its heading, leden and onderdelen', () => {
    const added = numbered('artikel', 'toegevoegd', undefined, '10a', [
      numbered('lid', 'toegevoegd', undefined, '1', [
        alinea('toegevoegd', ins('De werkgever betaalt:')),
        numbered('onderdeel', 'toegevoegd', undefined, 'a', [alinea('toegevoegd', ins('de reiskosten;'))]),
      ]),
    ])
    added.heading = [ins('Reiskosten')]
    const paras = renvooiParagraphs(regeling(added))
    expect(paras.map((p) => [p.style, p.mark])).toEqual([
      ['Heading4', 'ins'],
      ['Lid', 'ins'],
      ['Onderdeel', 'ins'],
    ])
    expect(paras.every((p) => p.runs.every((r) => r.op === 'ins'))).toBe(true)
    expect(plain(paras)).toEqual(['Artikel 10a Reiskosten', '1.\tDe werkgever betaalt:', 'a.\tde reiskosten;'])
  })

  it('inserts the space before a heading together with a heading that is new', () => {
    const art = numbered('artikel', 'gewijzigd', '3', '3', [])
    art.heading = [ins('Extern advies')]
    expect(renvooiParagraphs(regeling(art))[0]?.runs).toEqual([
      { op: 'gelijk', text: 'Artikel 3' },
      { op: 'ins', text: ' Extern advies' },
    ])
  })

  it('drops operations of the other kind inside a wholly deleted provision', () => {
    const lid = numbered('lid', 'verwijderd', '2', undefined, [alinea('verwijderd', same('oud '), ins('nieuw'))])
    expect(renvooiParagraphs(regeling(lid))[0]?.runs).toEqual([{ op: 'del', text: '2.\toud ' }])
  })

  it('accepting gives the new text and rejecting the old, paragraph marks included', () => {
    const paras = renvooiParagraphs(regeling(artikel10()))
    expect(plain(projectParagraphs(paras, 'wordt'))).toEqual([
      'Artikel 10',
      '5.\teen toelage ter grootte van 300% van de jaarlijkse toelage.',
      '6.\tDe toelage blijft bestaan.',
    ])
    expect(plain(projectParagraphs(paras, 'was'))).toEqual([
      'Artikel 10',
      '5.\teen toelage ter grootte van 250% van de jaarlijkse toelage.',
      '6.\tHet verschil wordt afgekocht.',
      '7.\tDe toelage blijft bestaan.',
    ])
  })

  it('joins what is left of a paragraph whose mark is deleted to the next paragraph', () => {
    // The lid stays, its only paragraph is replaced by another: the number must survive both ways.
    const lid = numbered('lid', 'gewijzigd', '1', '1', [
      alinea('verwijderd', del('Oud.')),
      alinea('toegevoegd', ins('Nieuw.')),
    ])
    const paras = renvooiParagraphs(regeling(lid))
    expect(plain(projectParagraphs(paras, 'wordt'))).toEqual(['1.\tNieuw.'])
    expect(plain(projectParagraphs(paras, 'was'))).toEqual(['1.\tOud.'])
  })
})

describe('was-wordt rows', () => {
  it('gives one row per changed lid, cited in words', () => {
    const rows = wasWordtRows(regeling(artikel10()))
    expect(rows.map((r) => r.plaats)).toEqual([
      'Artikel 10, vijfde lid',
      'Artikel 10, zesde lid (vervalt)',
      'Artikel 10, zesde lid (was: zevende lid)',
    ])
    expect(plain(rows[0]?.was ?? [])).toEqual(['5.\teen toelage ter grootte van 250% van de jaarlijkse toelage.'])
    expect(plain(rows[0]?.wordt ?? [])).toEqual(['5.\teen toelage ter grootte van 300% van de jaarlijkse toelage.'])
    expect(rows[1]?.wordt).toEqual([])
    expect(plain(rows[2]?.was ?? [])).toEqual(['7.\tDe toelage blijft bestaan.'])
  })

  it('cites a paragraph of the aanhef by the aanhef', () => {
    const aanhef = node('aanhef', 'gewijzigd', { children: [alinea('gewijzigd', same('Gelet op '), ins('de wet'))] })
    expect(wasWordtRows(regeling(aanhef)).map((r) => r.plaats)).toEqual(['Aanhef'])
  })
})

// ---- the packed file ---------------------------------------------------------------------------

describe('renderRenvooiDocx', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('writes every change as a w:ins/w:del revision with author and date', async () => {
    const parts = unzip(
      await renderRenvooiDocx(result(regeling(artikel10())), { date: DATE, author: 'Juridische Zaken' }),
    )
    const doc = parts.get('word/document.xml') ?? ''
    const revision = /<w:(ins|del) w:id="(\d+)" w:author="([^"]*)" w:date="([^"]*)"/g
    const found = [...doc.matchAll(revision)]
    // lid 5: del + ins; lid 6: its text and its paragraph mark; lid 7: old and new number.
    expect(found.map((m) => m[1])).toEqual(['del', 'ins', 'del', 'del', 'del', 'ins'])
    expect(new Set(found.map((m) => m[3]))).toEqual(new Set(['Juridische Zaken']))
    expect(new Set(found.map((m) => m[4]))).toEqual(new Set(['2013-01-01T00:00:00Z']))
    expect(new Set(found.map((m) => m[2])).size).toBe(found.length)
    expect(doc).toContain('<w:delText xml:space="preserve">250%</w:delText>')
    // The paragraph mark of the deleted lid is deleted too.
    expect(doc).toMatch(/<w:pPr><w:pStyle w:val="Lid"\/><w:rPr><w:del w:id="\d+" w:author="Juridische Zaken"/)
  })

  it('uses A4, Dutch language tags and named styles', async () => {
    const parts = unzip(await renderRenvooiDocx(result(regeling(artikel10())), { date: DATE }))
    expect(parts.get('word/document.xml')).toMatch(/<w:pgSz w:w="11906" w:h="16838"/)
    const styles = parts.get('word/styles.xml') ?? ''
    expect(styles).toMatch(/<w:docDefaults><w:rPrDefault><w:rPr>.*<w:lang w:val="nl-NL"/)
    for (const name of ['Normal', 'heading 4', 'Lid', 'Onderdeel', 'Subonderdeel']) {
      expect(styles).toContain(`<w:name w:val="${name}"/>`)
    }
    expect(parts.get('word/document.xml')).not.toMatch(/<w:color /)
  })

  it('is byte-identical whatever the clock says', async () => {
    const input = result(regeling(artikel10()), { citeertitel: 'Testregeling' })
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2021-03-04T05:06:07Z'))
    const a = await renderRenvooiDocx(input, { date: DATE })
    vi.setSystemTime(new Date('2030-12-31T23:59:59Z'))
    const b = await renderRenvooiDocx(input, { date: DATE })
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true)
    const core = unzip(a).get('docProps/core.xml') ?? ''
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2013-01-01T00:00:00Z</dcterms:created>')
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2013-01-01T00:00:00Z</dcterms:modified>')
    expect(core).toContain('<dc:title>Renvooi Testregeling</dc:title>')
  })

  it('dates the revisions with the new version when no date is given, and refuses to guess otherwise', async () => {
    const dated = { ...result(regeling(artikel10())), nieuwMeta: { inwerkingtreding: '2014-07-01' } }
    const doc = unzip(await renderRenvooiDocx(dated)).get('word/document.xml') ?? ''
    expect(doc).toContain('w:date="2014-07-01T00:00:00Z"')
    await expect(renderRenvooiDocx(result(regeling(artikel10())))).rejects.toThrow(TypeError)
  })

  it('writes the was-wordt variant as a two-column table without revisions', async () => {
    const parts = unzip(await renderRenvooiDocx(result(regeling(artikel10())), { date: DATE, wasWordt: true }))
    const doc = parts.get('word/document.xml') ?? ''
    expect(doc).toContain('<w:tbl>')
    expect(doc).toMatch(/<w:tblHeader\/>.*Was<\/w:t>.*Wordt<\/w:t>/)
    expect(doc).toContain('Artikel 10, vijfde lid')
    expect(doc).not.toMatch(/<w:(ins|del) /)
    expect(doc).toContain('250%')
    expect(doc).toContain('300%')
  })

  it('sets the timestamps of all zip entries', () => {
    const zipped = new Uint8Array([
      // local header for "a", stored, 1 byte of data
      0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0,
      0x61, 0x78,
      // central directory entry
      0x50, 0x4b, 0x01, 0x02, 20, 0, 20, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1,
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x61,
      // end of central directory
      0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0, 1, 0, 1, 0, 47, 0, 0, 0, 32, 0, 0, 0, 0, 0,
    ])
    const fixed = fixZipTimestamps(zipped, new Date('2013-01-01T00:00:00Z'))
    const view = new DataView(fixed.buffer)
    const dosDate = (33 << 9) | (1 << 5) | 1
    expect([view.getUint16(10, true), view.getUint16(12, true)]).toEqual([0, dosDate])
    expect([view.getUint16(32 + 12, true), view.getUint16(32 + 14, true)]).toEqual([0, dosDate])
  })
})
