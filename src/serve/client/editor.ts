/**
 * The Markdown editor of "Nieuwe versie": CodeMirror 6 over the form's textarea (which stays the
 * field that is submitted), with `@codemirror/lint` showing the messages of `regelwerk check` at
 * their line while typing. The server checks the text (POST …/controle); nothing is checked here.
 */
import { markdown } from '@codemirror/lang-markdown'
import { type Diagnostic, linter, lintGutter } from '@codemirror/lint'
import { basicSetup, EditorView } from 'codemirror'

interface Bericht {
  regel: number
  kolom: number
  eindRegel: number
  eindKolom?: number
  ernst: 'fout' | 'waarschuwing' | 'info'
  bericht: string
  regelId: string | null
}

const area = document.getElementById('tekst') as HTMLTextAreaElement | null

if (area?.dataset.controle) {
  const url = area.dataset.controle
  const pad = area.dataset.pad ?? ''
  const check = linter(
    async (view) => {
      const res = await fetch(url, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tekst: view.state.doc.toString(), pad }),
      })
      if (!res.ok) return []
      const { berichten } = (await res.json()) as { berichten: Bericht[] }
      const doc = view.state.doc
      return berichten.map((b): Diagnostic => {
        const line = doc.line(Math.min(Math.max(1, b.regel), doc.lines))
        const from = Math.min(line.to, line.from + Math.max(0, b.kolom - 1))
        let to = line.to
        if (b.eindRegel === b.regel && b.eindKolom !== undefined) to = Math.min(line.to, line.from + b.eindKolom - 1)
        return {
          from,
          to: Math.max(from, to),
          severity: b.ernst === 'fout' ? 'error' : b.ernst === 'waarschuwing' ? 'warning' : 'info',
          message: `${b.bericht}${b.regelId ? ` [${b.regelId}]` : ''}`,
        }
      })
    },
    { delay: 400 },
  )
  const view = new EditorView({
    doc: area.value,
    extensions: [
      basicSetup,
      markdown(),
      lintGutter(),
      check,
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ 'aria-label': 'Tekst van de nieuwe versie (Markdown)' }),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) area.value = u.state.doc.toString()
      }),
    ],
  })
  area.hidden = true
  area.insertAdjacentElement('afterend', view.dom)
  area.form?.addEventListener('submit', () => {
    area.value = view.state.doc.toString()
  })
}
