import { describe, expect, it } from 'vitest'
import { ROOT } from './helpers.js'
import { type ImportEdge, importCycles, importGraph, LAYERS, stageOf, stageViolations } from './stages/imports.js'

describe('src/ imports follow the stage order (docs/stages.md)', () => {
  const edges = importGraph(ROOT)

  it('reads the imports of src/', () => {
    expect(edges.length).toBeGreaterThan(300)
    expect(edges).toContainEqual(
      expect.objectContaining({ from: 'src/parse/ids.ts', specifier: '../model/nodes.js', to: 'src/model/nodes.ts' }),
    )
  })

  it('every stage folder has a layer', () => {
    const stages = new Set(edges.flatMap((e) => [stageOf(e.from), stageOf(e.to)]))
    expect([...stages].filter((s) => !LAYERS.some((layer) => layer.includes(s)))).toEqual([])
  })

  it('no stage imports a later one or one of its own layer', () => {
    expect(stageViolations(edges), 'imports against the stage order').toEqual([])
  })

  it('no import cycle', () => {
    expect(importCycles(edges), 'import cycles').toEqual([])
  })
})

describe('the checks themselves', () => {
  const edge = (from: string, to: string, line = 1): ImportEdge => ({ from, to, line, specifier: `./${to}` })

  it('reports a backward import with file, line and specifier', () => {
    const found = stageViolations([
      edge('src/amend/generate.ts', 'src/render/markdown.ts', 19),
      edge('src/render/text-diff.ts', 'src/diff/index.ts', 3),
    ])
    expect(found).toEqual([
      "src/amend/generate.ts:19: import './src/render/markdown.ts' (amend → render: stages of one layer do not import each other)",
    ])
    expect(stageViolations([edge('src/parse/index.ts', 'src/cli/io.ts', 4)])).toEqual([
      "src/parse/index.ts:4: import './src/cli/io.ts' (parse → cli: a lower stage imports a higher one)",
    ])
  })

  it('reports an import the layers allow but the design forbids', () => {
    expect(stageViolations([edge('src/render/amendment-docx.ts', 'src/parse/index.ts', 12)])).toEqual([
      "src/render/amendment-docx.ts:12: import './src/parse/index.ts' (render → parse: a renderer draws a model; it does not parse Markdown)",
    ])
  })

  it('reports a stage that has no layer', () => {
    expect(stageViolations([edge('src/nieuw/a.ts', 'src/model/nodes.ts')])[0]).toContain(
      "stage 'nieuw' is not in LAYERS",
    )
  })

  it('finds cycles across and within stages, and none in a tree', () => {
    expect(
      importCycles([
        edge('src/assemble/batch.ts', 'src/render/docx-letter.ts', 38),
        edge('src/render/docx-letter.ts', 'src/assemble/letter.ts', 11),
        edge('src/assemble/letter.ts', 'src/assemble/batch.ts', 2),
        edge('src/parse/a.ts', 'src/parse/a.ts', 5),
      ]),
    ).toEqual([
      'src/assemble/batch.ts:38 → src/render/docx-letter.ts:11 → src/assemble/letter.ts:2 → src/assemble/batch.ts',
      'src/parse/a.ts:5 → src/parse/a.ts',
    ])
    expect(importCycles([edge('src/a/x.ts', 'src/b/y.ts'), edge('src/a/z.ts', 'src/b/y.ts')])).toEqual([])
  })
})
