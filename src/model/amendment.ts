/**
 * The wijzigingsbesluit as data (Ar 6.15): `ARTIKEL I` names the regulation and holds one lettered
 * item per changed article (`A`, `B`, … `Z`, `AA`), an item holds one instruction or several
 * numbered ones; `ARTIKEL II` gives the inwerkingtreding. Types only.
 *
 * Every instruction carries both its sentence as a Dutch lawyer reads it (`tekst`, `inhoud`) and
 * the operation it stands for (`operatie`), so that renderers need not parse and `apply` need not
 * guess. The operation is what `parseAmendment` reads back from the sentence.
 */
import type { DiffNode } from './changes.js'
import type { Regeling, RegelingNode } from './nodes.js'

/** A node the new text of an instruction may consist of: any node of the tree but its root. */
export type InhoudNode = Exclude<RegelingNode, Regeling>

/**
 * The new text of a generated instruction as data, so that no renderer parses `inhoud`: the
 * nodes of the new version it was written from, and the same text as the aligned tree of the
 * diff stage with every node `gelijk` (what the renvooi renderer draws).
 */
export interface NieuweTekst {
  nodes: InhoudNode[]
  weergave: DiffNode
}

/** One step of the path to a provision: `artikel 10`, `vijfde lid`, `onderdeel b`. */
export interface Stap {
  soort: StapSoort
  /** The number as written (`10`, `5`, `b`, `1°`, `IIa`); absent for singletons (aanhef, toelichting). */
  num?: string
  /**
   * A division without a number is cited by its title (`de paragraaf „Last onder bestuursdwang”`):
   * the words of its heading, plain text. Set only on such a division's step; `num` is then absent.
   */
  titel?: string
}

export type StapSoort =
  | 'artikel'
  | 'lid'
  | 'onderdeel'
  | 'subonderdeel'
  /**
   * An item without a number (`- …`) in a lid or onderdeel, cited by its place among the items
   * without a number of its parent (`het veertiende gedachtestreepje`): `num` is that place, `1`
   * for the first, in the text as it stands when the instruction is carried out.
   */
  | 'gedachtestreepje'
  | 'titel'
  | 'hoofdstuk'
  | 'afdeling'
  | 'paragraaf'
  | 'bijlage'
  | 'opschrift'
  | 'aanhef'
  | 'ondertekening'
  | 'toelichting'

/** A provision, from the regulation down: `[]` is the regulation itself. */
export type Plaats = Stap[]

/** One word replacement: `"oud"` becomes `"nieuw"` (empty: the words lapse). */
export interface Vervanging {
  /** The words as they stand (plain text, matched exactly once in the target). */
  oud: string
  /** The new words as Markdown inline text (may carry emphasis or links); `''` when they lapse. */
  nieuw: string
  /** `wordt "x" telkens vervangen door "y"`: every occurrence (at least one). */
  telkens?: boolean
  /**
   * At the end of the provision (`Aan het slot van artikel 5 wordt "…" toegevoegd`, `De punt aan het
   * slot van onderdeel d wordt vervangen door een puntkomma`, `Aan het eerste lid wordt een zin
   * toegevoegd, luidende: "…"`): `oud` (may be `''`) must be the very end of the last alinea.
   */
  aanHetSlot?: boolean
  /** `tweede zin, komt te luiden` / `vervalt`: the sentence by its number (`-1`: the last), replaced by `nieuw` (`''`: it lapses). */
  zin?: number
  /** `de tweede en derde volzin komen te luiden` / `vervallen`: the sentences `zin` up to and including this one. */
  totZin?: number
}

/** Renumbering of leden / onderdelen: `van[i]` becomes `naar[i]`. */
export interface Vernummering {
  soort: 'lid' | 'onderdeel' | 'subonderdeel'
  van: string[]
  naar: string[]
}

/**
 * The operation an instruction stands for. `inhoud` is regulation Markdown (docs/format.md): the
 * words of the besluit, which `apply` reads. A generated operation also keeps the `nodes` of the
 * new version that `inhoud` was written from (read from a file, it has none).
 */
export type Operatie =
  /** `Artikel 5 komt te luiden:` — the provision is replaced by `inhoud` (one or more nodes). */
  | {
      soort: 'komt-te-luiden'
      doel: Plaats
      inhoud: string
      nodes?: InhoudNode[]
      /** `Het eerste tot en met het derde lid komen te luiden:`: the last of consecutive siblings replaced together (`doel` is the first). */
      totEnMet?: Plaats
    }
  /** `Het opschrift van artikel 5 komt te luiden:` — `inhoud` is the heading line (`### Artikel 5 Titel`). */
  | {
      soort: 'opschrift'
      doel: Plaats
      inhoud: string
      /** The provision with its new heading and without its body, when generated. */
      nodes?: InhoudNode[]
      /** The new title as plain words, when a real text gives it inline (`Het opschrift komt te luiden: Ontheffing`). */
      titel?: string
    }
  /** `In artikel 5, tweede lid, wordt "x" vervangen door "y" en vervalt "z".` */
  | { soort: 'woorden'; doel: Plaats; vervangingen: Vervanging[] }
  /** `Artikel 5 vervalt.` / `De artikelen 5 en 6 vervallen.` / `Het tweede lid vervalt, onder vernummering …`. */
  | {
      soort: 'vervalt'
      doelen: Plaats[]
      vernummering?: Vernummering
      slotPunt?: Plaats
      /** `De artikelen 9 tot en met 11 vervallen`: everything from `doelen[0]` up to and including this, in the order of the text. */
      totEnMet?: Plaats
      /**
       * `Artikel 9, tweede tot en met vijfde lid, alsmede de aanduiding ‘1.’ voor het eerste lid
       * vervallen.`: the lid left over (`doel` of the aanduiding) loses its number, its text
       * becomes the text of the article.
       */
      aanduiding?: Plaats
    }
  /**
   * The number of the one lid of an article: `Voor de tekst wordt de aanduiding „1.” geplaatst.`
   * (`geplaatst`, `doel` the article: its text becomes lid 1, so that leden can be added) or `De
   * aanduiding „1.” voor het eerste lid vervalt.` (`vervalt`, `doel` that lid, the only one left).
   */
  | { soort: 'aanduiding'; doel: Plaats; actie: 'geplaatst' | 'vervalt' }
  /**
   * `Na artikel 5 wordt een artikel ingevoegd, luidende:` / `Aan artikel 5 wordt een lid toegevoegd,
   * luidende:` / `Onder vernummering van … wordt een lid ingevoegd, luidende:`. Inserted at the end
   * of `ouder` when neither `na` nor `voor` is given.
   */
  | {
      soort: 'invoegen'
      /** What is inserted (`artikel`, `lid`, `onderdeel`, `hoofdstuk`, `bijlage`, `toelichting`, …). */
      wat: string
      ouder: Plaats
      na?: Plaats
      voor?: Plaats
      inhoud: string
      nodes?: InhoudNode[]
      vernummering?: Vernummering
      /** `Onder vervanging van de punt aan het slot van onderdeel d door een puntkomma`. */
      puntkomma?: Plaats
      /** How many are inserted when more than one (`worden twee leden ingevoegd`). */
      aantal?: number
    }
  /**
   * `De tabel in artikel 16, eerste lid, komt te luiden:` / `In artikel 16, eerste lid, wordt de
   * tabel vervangen door:` (circulaire BZK BWBR0027067, onder H, L, M): the one table of the
   * provision `doel` is replaced by `inhoud`, which is one table. A table has no number; a
   * provision with none or more than one cannot be amended this way. A lid or onderdeel holds the
   * tables printed after it, before the next lid or onderdeel (in the Markdown a pipe table after
   * a list item stands in the article).
   */
  | { soort: 'tabel'; doel: Plaats; inhoud: string; nodes?: InhoudNode[] }
  /** `Artikel 3 wordt geplaatst na artikel 5.` (articles keep their number when moved). */
  | { soort: 'verplaatsen'; doel: Plaats; na?: Plaats; voor?: Plaats; ouder?: Plaats }
  /**
   * `Paragraaf 1 van hoofdstuk I wordt vernummerd tot afdeling 1.`: a division gets another kind
   * or number (a new indeling); its heading words and what is in it stay.
   */
  | { soort: 'vernummeren'; doel: Plaats; naar: Stap }
  /**
   * `Voor artikel 8 wordt ingevoegd:` followed by the heading of a division only (`§ 1. Inhoud van
   * de regeling`): a new division starts at that article and runs to the next heading of the same or
   * a higher level, as a heading does in the printed text. `inhoud` is the heading line.
   */
  | { soort: 'kop-invoegen'; voor: Plaats; inhoud: string; nodes?: InhoudNode[] }

/** One instruction: the sentence and, after a colon, the new text. */
export interface Opdracht {
  /** `1`, `2`, … when an item holds several instructions. */
  nummer?: string
  /** The sentence as signed: `In het derde lid wordt "250%" vervangen door "300%".` */
  tekst: string
  /** The new text that follows the colon, as regulation Markdown; absent when the sentence is all. */
  inhoud?: string
  /** The same new text as data, when the besluit was generated (`generateAmendment`). */
  nieuw?: NieuweTekst
  operatie: Operatie
}

/** One lettered item of ARTIKEL I. */
export interface WijzigingsItem {
  /** `A`, `B`, … `Z`, `AA`, `BB`. */
  letter: string
  /** What it changes, in words: `artikel 10`, `hoofdstuk 2`, `de toelichting`. */
  betreft: string
  /** `Artikel 8 wordt als volgt gewijzigd:` when the item holds several numbered instructions. */
  aanhef?: string
  opdrachten: Opdracht[]
}

/** ARTIKEL II: inwerkingtreding and, when the new version has it, terugwerkende kracht. */
export interface ArtikelII {
  /** The sentence: `Dit besluit treedt in werking met ingang van 1 januari 2016.` */
  tekst: string
  /** ISO date, when known. */
  inwerkingtreding?: string
  /** ISO date (`werkt terug tot en met`), when the new version has it. */
  terugwerkendeKracht?: string
}

/**
 * How coarse the instructions are. `fijn`: the smallest units (words, leden); `artikel`: some
 * changed articles or other units were replaced as a whole because the fine instructions would
 * not have given the new text exactly; `regeling`: the whole text was replaced.
 */
export type Grofheid = 'fijn' | 'artikel' | 'regeling'

/** A wijzigingsbesluit: the data that the Markdown and Word renderers and `apply` share. */
export interface Wijzigingsbesluit {
  /** Citeertitel of the regulation that is changed. */
  citeertitel: string
  /** Work id (folder name), when known. */
  work?: string
  /** `Besluit tot wijziging van de CAR-UWO`. */
  opschrift: string
  artikelI: {
    /** `De CAR-UWO wordt als volgt gewijzigd:` */
    aanhef: string
    items: WijzigingsItem[]
  }
  artikelII: ArtikelII
  grofheid: Grofheid
  /** Why the whole text is replaced (`grofheid: 'regeling'`), in Dutch. */
  reden?: string
  /** Units replaced as a whole where finer instructions were possible in principle (for reports). */
  geheelVervangen: string[]
  /**
   * Redactionele bijwerking: units whose provisions keep their words once ARTIKEL I is carried out,
   * but whose opmaak (links, nadruk, line breaks) or consolidator's notes in a hoofdstuk or paragraaf
   * ("Vervallen per 01-01-2015") differ: `Weergave van artikel 1, eerste lid:` + the unit as the new
   * version shows it. Not part of the besluit (a wijzigingsbesluit speaks of provisions and words)
   * and not signed; `apply` takes them over only after checking that the provisions keep their
   * words, so that the round trip gives the new text exactly.
   */
  redactioneel: Opdracht[]
}
