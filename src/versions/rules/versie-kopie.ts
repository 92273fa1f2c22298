import { readFileSync } from 'node:fs'
import type { WorkRule } from './types.js'

/** The text after the front-matter, with line ends and trailing blanks normalised. */
function bodyOf(path: string): string | undefined {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    return undefined
  }
  text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  let body = text
  if (/^---[ \t]*\n/.test(text)) {
    const close = /\n(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(text.slice(3))
    body = close ? text.slice(3 + close.index + close[0].length) : ''
  }
  return body
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim()
}

/**
 * A version whose text is the previous version's text unchanged: a new version file was made
 * (copied) but the change was never written in, or the date belongs on the previous version.
 */
export const versieKopie: WorkRule = {
  id: 'versie-kopie',
  description: 'Een versie met precies dezelfde tekst als de vorige versie',
  run(work, report) {
    let previous: { name: string; body: string | undefined; bron: string | undefined } | undefined
    for (const v of work.versions) {
      const body = bodyOf(v.path)
      if (previous && body !== undefined && body !== '' && body === previous.body) {
        // A source that publishes its own consolidations (wetten.overheid.nl) can have a new
        // toestand without a change of text: then each version names its own source.
        const ownSource = v.bron !== undefined && previous.bron !== undefined && v.bron.trim() !== previous.bron.trim()
        if (ownSource) {
          report(
            v,
            'inwerkingtreding',
            `De tekst van deze versie is gelijk aan die van versie \`${previous.name}\`; de bron geeft een nieuwe toestand zonder tekstwijziging`,
            'info',
          )
        } else {
          report(
            v,
            'inwerkingtreding',
            `De tekst van deze versie is gelijk aan die van versie \`${previous.name}\`; alleen de front-matter verschilt. Schrijf de wijziging in deze versie, of verwijder dit bestand als er niets verandert`,
            'waarschuwing',
          )
        }
      }
      previous = { name: v.name, body, bron: v.bron }
    }
  },
}
