/**
 * `regelwerk serve [map] [--port N] [--host H]`: the local web app (src/serve/) over a regelwerk
 * folder. The process works in that folder, so every path the library sees is relative to it.
 */
import { existsSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { EXIT, UsageError } from '../io.js'

export interface ServeCliOptions {
  port?: string
  host?: string
}

export async function runServe(folder: string | undefined, options: ServeCliOptions): Promise<number> {
  const dir = resolve(folder ?? '.')
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new UsageError(
      `De map \`${folder}\` bestaat niet; geef de map met \`regulations/\`, \`templates/\` en \`publicaties/\``,
    )
  const port = Number(options.port ?? 4321)
  if (!/^\d+$/.test(options.port ?? '4321') || port > 65535)
    throw new UsageError(`\`--port ${options.port}\` is geen poortnummer; geef een getal van 0 tot en met 65535`)
  const host = options.host ?? '127.0.0.1'
  if (!['regulations', 'templates', 'publicaties'].some((d) => existsSync(resolve(dir, d))))
    process.stderr.write(
      `waarschuwing: in \`${dir}\` staat geen \`regulations/\`, \`templates/\` of \`publicaties/\`; de app toont dan niets\n`,
    )
  process.chdir(dir)
  const { serveApp } = await import('../../serve/app.js')
  let running: Awaited<ReturnType<typeof serveApp>>
  try {
    running = await serveApp({ host, port, log: (line) => process.stderr.write(`${line}\n`) })
  } catch (error) {
    const code = (error as { code?: string }).code
    if (code === 'EADDRINUSE') {
      process.stderr.write(`fout: poort ${port} is al in gebruik; kies een andere met \`--port\`\n`)
      return EXIT.input
    }
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
      process.stderr.write(`fout: het adres \`${host}\` hoort niet bij deze computer; laat \`--host\` weg\n`)
      return EXIT.input
    }
    throw error
  }
  if (!['127.0.0.1', 'localhost', '::1'].includes(host))
    process.stderr.write(
      `WAARSCHUWING: de app luistert op ${host}: ook andere computers in het netwerk kunnen haar bereiken (met het toegangsteken). Gebruik dit alleen als u weet waarom; zonder --host is de app alleen op deze computer te openen.\n`,
    )
  process.stdout.write(`regelwerk draait over ${dir}\nOpen in uw browser:\n\n  ${running.url}\n\nStop met Ctrl+C.\n`)
  await new Promise<void>((done) => running.server.on('close', done))
  return EXIT.ok
}
