/** Sociaal Statuut Samenwerking CGM 2012, artikel 10, tweede lid: salary at the placement. */

/**
 * Artikel 10, tweede lid:
 * "De medewerker die in het samenwerkingsverband geplaatst wordt, behoudt het salaris en de
 * salarisaanspraken c.q. salarisperspectief, inclusief de individueel vastgelegde structurele
 * persoonlijke toelagen c.q. garantietoelagen, zoals die gelden op de dag voorafgaand aan de
 * plaatsing in het samenwerkingsverband, tenzij het salaris uit de nieuwe functie hoger of gelijk is
 * aan eerdere salaris plus de bijbehorende toelagen. (…)"
 *
 * Amounts in cents per month. `behoud`: the employee keeps the old salary and personal allowances;
 * `nieuw`: the new function's salary covers old salary plus allowances and applies.
 */
export function salarisBijPlaatsing(input: {
  salarisOud: number
  persoonlijkeToelagen: number
  salarisNieuw: number
}): { uitkomst: 'behoud' | 'nieuw'; salaris: number } {
  if (input.salarisNieuw >= input.salarisOud + input.persoonlijkeToelagen) {
    return { uitkomst: 'nieuw', salaris: input.salarisNieuw }
  }
  return { uitkomst: 'behoud', salaris: input.salarisOud }
}
