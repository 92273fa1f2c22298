/**
 * A user's own house style, made in Word or LibreOffice, often lacks the styles letters use
 * (headings, `Citaat`, `Tabelkop`, the table style `Gegevenstabel`). Rather than letting those
 * paragraphs silently become Normal, the missing styles are added from regelwerk's own house style
 * (`templates/huisstijl.docx`, built by `scripts/build-huisstijl.mjs`: the definitions below are
 * its `styles.xml`) and the batch warns with their names. A style the user has, under its Word
 * name in any language's id (`Kop1` for "heading 1"), is kept as it is.
 */

/** regelwerk's definitions, by style id (the ids of `templates/huisstijl.docx`). */
const DEFAULTS: Record<string, string> = {
  Heading1:
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:after="120" w:before="360"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>',
  Heading2:
    '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:after="120" w:before="240"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>',
  Heading3:
    '<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:after="120" w:before="240"/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr></w:style>',
  Tabelkop:
    '<w:style w:type="paragraph" w:styleId="Tabelkop"><w:name w:val="Tabelkop"/><w:basedOn w:val="Normal"/><w:next w:val="Tabeltekst"/><w:pPr><w:keepNext/><w:spacing w:after="60" w:before="60"/><w:jc w:val="left"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style>',
  Tabeltekst:
    '<w:style w:type="paragraph" w:styleId="Tabeltekst"><w:name w:val="Tabeltekst"/><w:basedOn w:val="Normal"/><w:next w:val="Tabeltekst"/><w:pPr><w:spacing w:after="60"/></w:pPr></w:style>',
  Citaatkop:
    '<w:style w:type="paragraph" w:styleId="Citaatkop"><w:name w:val="Citaatkop"/><w:basedOn w:val="Normal"/><w:next w:val="Citaat"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:after="60" w:before="120"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style>',
  Citaat:
    '<w:style w:type="paragraph" w:styleId="Citaat"><w:name w:val="Citaat"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="80"/><w:ind w:left="567" w:right="567"/></w:pPr><w:rPr><w:i/><w:iCs/></w:rPr></w:style>',
  Opsomming:
    '<w:style w:type="paragraph" w:styleId="Opsomming"><w:name w:val="Opsomming"/><w:basedOn w:val="Normal"/><w:next w:val="Opsomming"/><w:qFormat/><w:pPr><w:spacing w:after="60"/><w:ind w:left="425" w:hanging="283"/></w:pPr></w:style>',
  Rechtsmiddel:
    '<w:style w:type="paragraph" w:styleId="Rechtsmiddel"><w:name w:val="Rechtsmiddel"/><w:basedOn w:val="Normal"/><w:next w:val="Rechtsmiddel"/><w:qFormat/><w:pPr><w:keepLines/><w:pBdr><w:top w:val="single" w:color="999999" w:sz="4" w:space="4"/></w:pBdr><w:spacing w:after="60" w:before="120"/></w:pPr><w:rPr><w:sz w:val="17"/><w:szCs w:val="17"/></w:rPr></w:style>',
  Gegevenstabel:
    '<w:style w:type="table" w:customStyle="1" w:styleId="Gegevenstabel"><w:name w:val="Gegevenstabel"/><w:uiPriority w:val="59"/><w:qFormat/><w:pPr><w:spacing w:after="0"/></w:pPr><w:rPr><w:lang w:val="nl-NL"/></w:rPr><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="8EAADB"/><w:left w:val="single" w:sz="4" w:space="0" w:color="8EAADB"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="8EAADB"/><w:right w:val="single" w:sz="4" w:space="0" w:color="8EAADB"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="8EAADB"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="8EAADB"/></w:tblBorders><w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="100" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="100" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblStylePr w:type="firstRow"><w:rPr><w:b/></w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="D9E2F3"/></w:tcPr></w:tblStylePr><w:tblStylePr w:type="firstCol"><w:rPr><w:b/></w:rPr></w:tblStylePr></w:style>',
}

/** What a letter needs: the style names looked for (first found wins) and regelwerk's own id. */
export const NEEDED_STYLES = [
  { logical: 'heading1', type: 'paragraph', names: ['heading 1'], id: 'Heading1' },
  { logical: 'heading2', type: 'paragraph', names: ['heading 2'], id: 'Heading2' },
  { logical: 'heading3', type: 'paragraph', names: ['heading 3'], id: 'Heading3' },
  { logical: 'citaat', type: 'paragraph', names: ['Citaat', 'Quote'], id: 'Citaat' },
  { logical: 'citaatkop', type: 'paragraph', names: ['Citaatkop'], id: 'Citaatkop' },
  { logical: 'opsomming', type: 'paragraph', names: ['Opsomming', 'List Bullet', 'List Paragraph'], id: 'Opsomming' },
  { logical: 'rechtsmiddel', type: 'paragraph', names: ['Rechtsmiddel'], id: 'Rechtsmiddel' },
  { logical: 'tabelkop', type: 'paragraph', names: ['Tabelkop'], id: 'Tabelkop' },
  { logical: 'tabeltekst', type: 'paragraph', names: ['Tabeltekst'], id: 'Tabeltekst' },
  { logical: 'tabel', type: 'table', names: ['Gegevenstabel', 'Table Grid'], id: 'Gegevenstabel' },
] as const

export type NeededStyle = (typeof NEEDED_STYLES)[number]

/** A style of the house style: `type:name in lower case` → id. */
export type StylesByName = Map<string, { id: string; type: string }>

/**
 * `styles.xml` with regelwerk's definition of every needed style the house style lacks. Ids that
 * the house style already uses for something else get a `Regelwerk` prefix; `basedOn`/`next`
 * point at the house style's own Normal. Returns the names added (as Word shows them).
 */
export function addMissingStyles(
  stylesXml: string,
  byName: StylesByName,
): { xml: string; added: string[]; byName: StylesByName } {
  const ids = new Set([...byName.values()].map((s) => s.id))
  const normalId = byName.get('paragraph:normal')?.id ?? 'Normal'
  const missing = NEEDED_STYLES.filter((s) => !s.names.some((n) => byName.has(`${s.type}:${n.toLowerCase()}`)))
  if (missing.length === 0 || !stylesXml.includes('</w:styles>')) return { xml: stylesXml, added: [], byName }
  // The id each added style gets, so that `next` of one added style can point at another.
  const newId = new Map<string, string>()
  for (const s of missing) newId.set(s.id, ids.has(s.id) ? `Regelwerk${s.id}` : s.id)
  const out = new Map(byName)
  let add = ''
  for (const s of missing) {
    const id = newId.get(s.id) as string
    const def = (DEFAULTS[s.id] as string)
      .replace(`w:styleId="${s.id}"`, `w:styleId="${id}"`)
      .replace(/(<w:(?:basedOn|next) w:val=")([^"]*)"/g, (_, open: string, ref: string) => {
        if (ref === 'Normal') return `${open}${normalId}"`
        const target = NEEDED_STYLES.find((n) => n.id === ref)
        const existing = target?.names.map((n) => byName.get(`${target.type}:${n.toLowerCase()}`)?.id).find(Boolean)
        return `${open}${existing ?? newId.get(ref) ?? normalId}"`
      })
    add += def
    out.set(`${s.type}:${s.names[0].toLowerCase()}`, { id, type: s.type })
  }
  return {
    xml: stylesXml.replace('</w:styles>', `${add}</w:styles>`),
    added: missing.map((s) => s.names[0]),
    byName: out,
  }
}
