/**
 * The house style of the Word documents regelwerk writes: A4, Dutch language tags, and named
 * styles (never direct formatting) so that a legal adviser can restyle the whole document in
 * Word with one change. Headings use Word's built-in ids (`Heading1` …) so the navigation pane
 * and a table of contents see them; leden and onderdelen have their own styles with a hanging
 * indent for the number.
 */
import { AlignmentType, type ISectionPropertiesOptions, type IStylesOptions, LineRuleType } from 'docx'

/** Language tag written on the document defaults (`w:lang w:val="nl-NL"`). */
export const LANGUAGE = 'nl-NL'

/** Style ids used by the renderers. Ids are ASCII; the names Word shows are Dutch. */
export const STYLE = {
  normal: 'Normal',
  title: 'Title',
  /** titel, hoofdstuk, bijlage, toelichting */
  heading1: 'Heading1',
  /** afdeling, artikeltoelichting */
  heading2: 'Heading2',
  /** paragraaf */
  heading3: 'Heading3',
  /** artikel */
  heading4: 'Heading4',
  /** A heading the parser could not place (`kop`). */
  tussenkop: 'Tussenkop',
  lid: 'Lid',
  lidVervolg: 'LidVervolg',
  onderdeel: 'Onderdeel',
  onderdeelVervolg: 'OnderdeelVervolg',
  subonderdeel: 'Subonderdeel',
  subonderdeelVervolg: 'SubonderdeelVervolg',
  /** The citation above a row of the was-wordt table (`artikel 10, vijfde lid`). */
  vindplaats: 'Vindplaats',
  tabelkop: 'Tabelkop',
  tabeltekst: 'Tabeltekst',
} as const

export type StyleId = (typeof STYLE)[keyof typeof STYLE]

/** 1 cm in twips (1/1440 inch). */
const CM = 567

/** A4 portrait, 2.5 cm margins. */
export const PAGE: ISectionPropertiesOptions = {
  page: {
    size: { width: 11906, height: 16838, orientation: 'portrait' },
    margin: {
      top: Math.round(2.5 * CM),
      bottom: Math.round(2.5 * CM),
      left: Math.round(2.5 * CM),
      right: Math.round(2.5 * CM),
    },
  },
}

/** Width of the text area of `PAGE`, in twips (for table columns). */
export const TEXT_WIDTH = 11906 - 2 * Math.round(2.5 * CM)

/** Indent step for leden › onderdelen › subonderdelen. */
const STEP = Math.round(0.75 * CM)

function heading(id: string, name: string, size: number, outlineLevel: number, before: number) {
  return {
    id,
    name,
    basedOn: STYLE.normal,
    next: STYLE.normal,
    quickFormat: true,
    run: { bold: true, size },
    paragraph: { keepNext: true, keepLines: true, outlineLevel, spacing: { before, after: 120 } },
  }
}

function item(id: string, vervolgId: string, name: string, level: number) {
  const left = level * STEP
  return [
    {
      id,
      name,
      basedOn: STYLE.normal,
      next: id,
      quickFormat: true,
      paragraph: { indent: { left, hanging: STEP } },
    },
    {
      id: vervolgId,
      name: `${name} vervolg`,
      basedOn: STYLE.normal,
      next: vervolgId,
      paragraph: { indent: { left } },
    },
  ]
}

/** The style definitions of every document regelwerk writes. */
export function documentStyles(): IStylesOptions {
  return {
    default: {
      document: {
        run: { font: 'Arial', size: 20, language: { value: LANGUAGE, eastAsia: LANGUAGE, bidirectional: LANGUAGE } },
        paragraph: { spacing: { after: 120, line: 276, lineRule: LineRuleType.AUTO } },
      },
    },
    paragraphStyles: [
      { id: STYLE.normal, name: 'Normal', quickFormat: true, run: { language: { value: LANGUAGE } } },
      {
        id: STYLE.title,
        name: 'Title',
        basedOn: STYLE.normal,
        next: STYLE.normal,
        quickFormat: true,
        run: { bold: true, size: 32 },
        paragraph: { keepNext: true, spacing: { after: 240 } },
      },
      heading(STYLE.heading1, 'heading 1', 28, 0, 360),
      heading(STYLE.heading2, 'heading 2', 24, 1, 240),
      heading(STYLE.heading3, 'heading 3', 22, 2, 240),
      heading(STYLE.heading4, 'heading 4', 20, 3, 240),
      {
        id: STYLE.tussenkop,
        name: 'Tussenkop',
        basedOn: STYLE.normal,
        next: STYLE.normal,
        quickFormat: true,
        run: { bold: true, italics: true },
        paragraph: { keepNext: true },
      },
      ...item(STYLE.lid, STYLE.lidVervolg, 'Lid', 1),
      ...item(STYLE.onderdeel, STYLE.onderdeelVervolg, 'Onderdeel', 2),
      ...item(STYLE.subonderdeel, STYLE.subonderdeelVervolg, 'Subonderdeel', 3),
      {
        id: STYLE.vindplaats,
        name: 'Vindplaats',
        basedOn: STYLE.normal,
        next: STYLE.tabeltekst,
        quickFormat: true,
        run: { bold: true },
        paragraph: { keepNext: true, spacing: { before: 60, after: 60 } },
      },
      {
        id: STYLE.tabelkop,
        name: 'Tabelkop',
        basedOn: STYLE.normal,
        next: STYLE.tabeltekst,
        run: { bold: true },
        paragraph: { alignment: AlignmentType.LEFT, keepNext: true, spacing: { before: 60, after: 60 } },
      },
      {
        id: STYLE.tabeltekst,
        name: 'Tabeltekst',
        basedOn: STYLE.normal,
        next: STYLE.tabeltekst,
        paragraph: { spacing: { after: 60 } },
      },
    ],
  }
}

// ---- renvooi and was-wordt (appended; used by docx-renvooi.ts) -----------------------------------

/** Style ids of the renvooi's opening block, header and footer, and the was-wordt cells. */
export const RENVOOI_STYLE = {
  /** Word's built-in header and footer styles. */
  koptekst: 'Header',
  voettekst: 'Footer',
  /** "Versie van … → versie van …" and the counts under the title. */
  versies: 'Versies',
  legenda: 'Legenda',
  /** One entry of the list of changed provisions. */
  inhoud: 'InhoudBepaling',
  /** Leden, onderdelen, subonderdelen inside a half-width was-wordt cell: a compact indent. */
  celNiveau1: 'CelNiveau1',
  celNiveau2: 'CelNiveau2',
  celNiveau3: 'CelNiveau3',
} as const

/** The compact indent step inside a was-wordt cell (half the page's 0.75 cm). */
const CEL_STEP = Math.round(0.5 * CM)

/** The styles the renvooi and was-wordt documents add to `documentStyles`. */
export function renvooiStyles(): NonNullable<IStylesOptions['paragraphStyles']> {
  const cel = (id: string, level: number) => ({
    id,
    name: `Cel niveau ${level}`,
    basedOn: STYLE.tabeltekst,
    next: id,
    paragraph: { indent: { left: level * CEL_STEP, hanging: CEL_STEP } },
  })
  return [
    {
      id: RENVOOI_STYLE.koptekst,
      name: 'header',
      basedOn: STYLE.normal,
      run: { size: 16, color: '444444' },
      paragraph: { spacing: { after: 0 } },
    },
    {
      id: RENVOOI_STYLE.voettekst,
      name: 'footer',
      basedOn: STYLE.normal,
      run: { size: 16, color: '444444' },
      paragraph: { alignment: AlignmentType.RIGHT, spacing: { after: 0 } },
    },
    {
      id: RENVOOI_STYLE.versies,
      name: 'Versies',
      basedOn: STYLE.normal,
      next: STYLE.normal,
      paragraph: { spacing: { after: 60 } },
    },
    {
      id: RENVOOI_STYLE.legenda,
      name: 'Legenda',
      basedOn: STYLE.normal,
      next: STYLE.normal,
      run: { size: 18 },
      paragraph: { spacing: { before: 120, after: 240 } },
    },
    {
      id: RENVOOI_STYLE.inhoud,
      name: 'Inhoud bepaling',
      basedOn: STYLE.normal,
      next: RENVOOI_STYLE.inhoud,
      paragraph: { indent: { left: CEL_STEP, hanging: CEL_STEP }, spacing: { after: 40 } },
    },
    cel(RENVOOI_STYLE.celNiveau1, 1),
    cel(RENVOOI_STYLE.celNiveau2, 2),
    cel(RENVOOI_STYLE.celNiveau3, 3),
  ]
}
