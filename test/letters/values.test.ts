import { describe, expect, it } from 'vitest'
import { detectDelimiter } from '../../src/assemble/data.js'
import { applyFormatter, formatBedrag, parseBedrag, parseDatum, parseGetal } from '../../src/assemble/values.js'

describe('waarden uit een Nederlandse spreadsheet', () => {
  it('bedragen: 1.234,56 en € 3.245,17; een punt voor de centen wordt geweigerd', () => {
    expect(parseBedrag('1.234,56')).toEqual({ ok: true, value: { kind: 'bedrag', cents: 123456 } })
    expect(parseBedrag('€ 3.245,17')).toEqual({ ok: true, value: { kind: 'bedrag', cents: 324517 } })
    expect(parseBedrag('1234,5')).toEqual({ ok: true, value: { kind: 'bedrag', cents: 123450 } })
    const r = parseBedrag('1234.56')
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.reden).toContain('gebruik een komma')
    expect(parseBedrag('2.853.1').ok).toBe(false)
  })
  it('geheel getal: "1O" is geen geheel getal', () => {
    expect(parseGetal('1O')).toEqual({ ok: false, reden: '"1O" is geen geheel getal' })
    expect(parseGetal('32,5', 2)).toEqual({ ok: true, value: 32.5 })
  })
  it('datums: 03-01-2013, 2013-01-03, 3 januari 2013; 31-02-2013 bestaat niet', () => {
    expect(parseDatum('03-01-2013')).toEqual({ ok: true, value: '2013-01-03' })
    expect(parseDatum('3 januari 2013')).toEqual({ ok: true, value: '2013-01-03' })
    expect(parseDatum('31-02-2013').ok).toBe(false)
  })
  it('opmaak: datum, bedrag, rangtelwoord', () => {
    expect(applyFormatter('datum', '2013-01-01')).toBe('1 januari 2013')
    expect(formatBedrag(324517)).toBe('€ 3.245,17')
    expect(formatBedrag(100000000)).toBe('€ 1.000.000,00')
    expect(applyFormatter('rangtelwoord', 5)).toBe('vijfde')
    expect(applyFormatter('rangtelwoord', 21)).toBe('eenentwintigste')
  })
  it('scheidingsteken: ; of , uit de kopregel, niet binnen aanhalingstekens', () => {
    expect(detectDelimiter('a;b;"c,d"')).toBe(';')
    expect(detectDelimiter('a,b,"c;d;e"')).toBe(',')
  })
})
