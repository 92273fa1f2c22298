/**
 * What registry.test.ts pins per map, pinned for the consumers themselves: a copy of the registry
 * with one more node type is compiled against every file that dispatches on the type, and each of
 * them must fail to compile because it does not handle the new type.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../helpers.js'

const REGISTRY = join(ROOT, 'src', 'model', 'registry.ts')
const NEW_TYPE = 'nieuwsoort'

/** Every file with a `Handlers<…>` or `Record<RegelingType, …>` map. */
const CONSUMERS = [
  'src/amend/generate.ts',
  'src/cli/commands/tree.ts',
  'src/diff/index.ts',
  'src/format/markdown.ts',
  'src/model/citation.ts',
  'src/publish/regeling-blocks.ts',
  'src/render/docx-renvooi.ts',
  'src/render/html-diff.ts',
  'src/render/text-diff.ts',
  'src/validate/rules/verwijzing-onbekend-artikel.ts',
].map((f) => join(ROOT, f))

/** The registry with `NEW_TYPE` appended to `REGELING_TYPES`. */
function registryWithNewType(): string {
  const text = readFileSync(REGISTRY, 'utf8')
  const patched = text.replace(/(\n {2}'koptekst',\n)(\] as const)/, `$1  '${NEW_TYPE}',\n$2`)
  if (patched === text) throw new Error('REGELING_TYPES no longer ends with koptekst: update this test')
  return patched
}

/** Per consumer file, the compile errors that name the new type. */
function errorsNamingNewType(): Map<string, string[]> {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'))
      },
    },
  )
  if (config === undefined) throw new Error('tsconfig.json not readable')
  const host = ts.createCompilerHost(config.options)
  const getSourceFile = host.getSourceFile.bind(host)
  const patched = registryWithNewType()
  host.getSourceFile = (fileName, languageVersion, ...rest) =>
    fileName === REGISTRY
      ? ts.createSourceFile(fileName, patched, languageVersion)
      : getSourceFile(fileName, languageVersion, ...rest)
  const program = ts.createProgram({ rootNames: CONSUMERS, options: config.options, host })
  const out = new Map<string, string[]>()
  for (const file of CONSUMERS) {
    const source = program.getSourceFile(file)
    if (source === undefined) throw new Error(`${file} is not part of the program`)
    const messages = program
      .getSemanticDiagnostics(source)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
      .filter((m) => m.includes(NEW_TYPE))
    out.set(file.slice(ROOT.length + 1), messages)
  }
  return out
}

describe('a node type added to the registry', () => {
  it('fails to compile in every consumer that must handle it', () => {
    const errors = errorsNamingNewType()
    const unhandled = [...errors].filter(([, messages]) => messages.length === 0).map(([file]) => file)
    expect(unhandled).toEqual([])
  })
})
