/**
 * The batch page's live progress: asks the server for the state every quarter second and moves the
 * progress bar; when the letters are ready, the download button appears. Without JavaScript the page
 * shows the state at the time it was loaded.
 */
interface Stand {
  klaar: boolean
  afgebroken: boolean
  gedaan: number
  totaal: number
  tekst: string
}

const box = document.getElementById('voortgang')
const bar = document.getElementById('balk') as HTMLProgressElement | null
const stand = document.getElementById('stand')
const download = document.getElementById('download')

async function poll(url: string): Promise<void> {
  for (;;) {
    const res = await fetch(url, { credentials: 'same-origin' })
    if (!res.ok) return
    const s = (await res.json()) as Stand
    if (bar) {
      bar.max = Math.max(1, s.totaal)
      bar.value = s.gedaan
    }
    if (stand) stand.textContent = s.tekst
    if (s.klaar || s.afgebroken) {
      if (s.klaar && download) download.hidden = false
      return
    }
    await new Promise((r) => setTimeout(r, 250))
  }
}

if (box?.dataset.url && box.dataset.klaar !== 'true') void poll(box.dataset.url)
