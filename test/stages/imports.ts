/**
 * The import graph of `src/` and the stage order it must follow (docs/stages.md). Used by
 * `test/stages.test.ts`; kept apart so that the checks can also be tested on made-up graphs.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import ts from 'typescript'

/**
 * The stages from lowest to highest. A stage may import its own files and the stages of lower
 * layers, never a stage of its own layer or a higher one. `index` is `src/index.ts` (the public
 * API), which sits with the CLI on top.
 */
export const LAYERS: readonly (readonly string[])[] = [
  ['model', 'util'],
  ['parse'],
  ['validate', 'versions', 'diff', 'format'],
  ['amend', 'import', 'render', 'plugin', 'werken'],
  ['assemble', 'publish'],
  ['serve'],
  ['cli', 'index'],
]

/** Imports the layers allow but the design does not: `[from, to, why]`. */
export const FORBIDDEN: readonly (readonly [string, string, string])[] = [
  ['render', 'parse', 'a renderer draws a model; it does not parse Markdown'],
]

/** One relative import: where it stands and the file it names (relative to the repository). */
export interface ImportEdge {
  from: string
  line: number
  specifier: string
  to: string
}

/** Every `.ts` file under `dir`, as paths relative to `root` with `/` separators. */
function tsFiles(root: string, dir: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...tsFiles(root, path))
    else if (entry.name.endsWith('.ts')) out.push(relative(root, path).split(sep).join('/'))
  }
  return out.sort()
}

/**
 * The relative imports of every file under `root/src`: static and dynamic `import`, `export … from`,
 * type-only ones included (a type import is knowledge of the other stage too).
 */
export function importGraph(root: string): ImportEdge[] {
  const edges: ImportEdge[] = []
  for (const from of tsFiles(root, join(root, 'src'))) {
    const text = readFileSync(join(root, from), 'utf8')
    for (const imported of ts.preProcessFile(text, true, true).importedFiles) {
      const specifier = imported.fileName
      if (!specifier.startsWith('.')) continue
      const target = resolve(root, dirname(from), specifier.replace(/\.js$/, '.ts'))
      const to = relative(root, target).split(sep).join('/')
      const line = text.slice(0, imported.pos).split('\n').length
      edges.push({ from, line, specifier, to })
    }
  }
  return edges
}

/** The stage of a file under `src/`: its first folder, or `index` for files directly in `src/`. */
export function stageOf(path: string): string {
  const parts = path.split('/')
  return parts.length > 2 ? (parts[1] as string) : 'index'
}

function layerOf(stage: string, layers: readonly (readonly string[])[]): number {
  return layers.findIndex((layer) => layer.includes(stage))
}

/** Imports that run against the stage order, as `file:line: import 'x' (a → b: reason)`. */
export function stageViolations(edges: readonly ImportEdge[], layers = LAYERS, forbidden = FORBIDDEN): string[] {
  const out: string[] = []
  const where = (e: ImportEdge) => `${e.from}:${e.line}: import '${e.specifier}'`
  for (const e of edges) {
    const a = stageOf(e.from)
    const b = stageOf(e.to)
    if (a === b) continue
    const la = layerOf(a, layers)
    const lb = layerOf(b, layers)
    if (la < 0 || lb < 0) {
      const unknown = la < 0 ? a : b
      out.push(`${where(e)} (stage '${unknown}' is not in LAYERS of test/stages/imports.ts; give it a layer)`)
    } else if (lb > la) out.push(`${where(e)} (${a} → ${b}: a lower stage imports a higher one)`)
    else if (lb === la) out.push(`${where(e)} (${a} → ${b}: stages of one layer do not import each other)`)
    else {
      const rule = forbidden.find(([from, to]) => from === a && to === b)
      if (rule) out.push(`${where(e)} (${a} → ${b}: ${rule[2]})`)
    }
  }
  return out
}

/**
 * Every import cycle between files, each as `a.ts:3 → b.ts:7 → a.ts` (the line of each import).
 * Tarjan's strongly connected components; one cycle is shown per component.
 */
export function importCycles(edges: readonly ImportEdge[]): string[] {
  const next = new Map<string, ImportEdge[]>()
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e])
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const components: string[][] = []
  const visit = (v: string) => {
    index.set(v, index.size)
    low.set(v, index.get(v) as number)
    stack.push(v)
    onStack.add(v)
    for (const e of next.get(v) ?? []) {
      if (!index.has(e.to)) {
        visit(e.to)
        low.set(v, Math.min(low.get(v) as number, low.get(e.to) as number))
      } else if (onStack.has(e.to)) low.set(v, Math.min(low.get(v) as number, index.get(e.to) as number))
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = []
      let w: string
      do {
        w = stack.pop() as string
        onStack.delete(w)
        component.push(w)
      } while (w !== v)
      const selfImport = (next.get(v) ?? []).some((e) => e.to === v)
      if (component.length > 1 || selfImport) components.push(component)
    }
  }
  for (const v of [...next.keys()].sort()) if (!index.has(v)) visit(v)
  return components.map((component) => describeCycle(component, next))
}

/** A path through a component that comes back to where it started, with import lines. */
function describeCycle(component: string[], next: Map<string, ImportEdge[]>): string {
  const members = new Set(component)
  const start = [...component].sort()[0] as string
  // Breadth-first from `start` inside the component back to `start`: the shortest cycle through it.
  const via = new Map<string, ImportEdge>()
  const queue = [start]
  let closing: ImportEdge | undefined
  while (queue.length > 0 && !closing) {
    const v = queue.shift() as string
    for (const e of next.get(v) ?? []) {
      if (!members.has(e.to)) continue
      if (e.to === start) {
        closing = e
        break
      }
      if (!via.has(e.to)) {
        via.set(e.to, e)
        queue.push(e.to)
      }
    }
  }
  const path: ImportEdge[] = []
  for (let e = closing; e; e = e.from === start ? undefined : via.get(e.from)) path.unshift(e)
  return `${path.map((e) => `${e.from}:${e.line}`).join(' → ')} → ${start}`
}
