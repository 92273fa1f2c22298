/**
 * The publications of the demo (`npm start`), in one list that the demo runs and the tests render
 * in LibreOffice: every Word file the demo writes is checked as a griffier would read it.
 */
import { join } from 'node:path'

export interface DemoPublicatie {
  /** The line the demo prints above the commands. */
  title: string
  /** The publication file under `publicaties/`. */
  file: string
  /** The base name of the outputs under `output/publicatie/`. */
  out: string
}

export const DEMO_PUBLICATIES: readonly DemoPublicatie[] = [
  {
    title: 'Publicatietekst van het sociaal statuut (Word, HTML, metadata en het Word-bestand voor DROP)',
    file: 'sociaal-statuut-cgm-2012.md',
    out: 'sociaal-statuut-cgm-2012',
  },
  {
    title:
      'Publicatie van een (fictief) collegebesluit dat de CAR-UWO-wijziging per 1 september 2015 overneemt, met terugwerkende kracht',
    file: 'voorbeeldstad-car-uwo-banenafspraak.md',
    out: 'voorbeeldstad-car-uwo',
  },
]

/** The formats the demo writes, and the file each goes to (`drop` also writes its two metadata sheets). */
export const DEMO_FORMATEN = ['docx', 'html', 'json', 'drop'] as const

/** The output file of one format: `<out>.docx`, …, `<out>-drop.docx`. */
export function demoOutput(dir: string, p: DemoPublicatie, format: (typeof DEMO_FORMATEN)[number]): string {
  return join(dir, format === 'drop' ? `${p.out}-drop.docx` : `${p.out}.${format}`)
}

/** The command line of one output. */
export function demoArgv(dir: string, p: DemoPublicatie, format: (typeof DEMO_FORMATEN)[number]): string[] {
  return ['publish', join('publicaties', p.file), '--format', format, '--out', demoOutput(dir, p, format)]
}
