// docs/architecture.md: dependencies point downward (okta ← query ← server/cli, and the
// extension on top), nothing under okta/, query/, server/ or cli/ imports vscode, and no module imports
// itself back through others: a cycle makes load order decide which half sees the other's exports as
// undefined, and it is how one layer quietly starts to lean on the one above.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';

const root = join(__dirname, '../../..');

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|mts|cts|js|mjs)$/.test(n) ? [p] : [];
  });
}

const importsOf = (text: string) =>
  [
    ...text.matchAll(
      /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g,
    ),
  ].map((m) => m[1] ?? m[2] ?? m[3] ?? '');

/** The file a relative specifier names (`./x` → x.ts or x/index.ts; `./x.js` → x.ts), or undefined. */
function resolveRelative(from: string, spec: string, isFile: (p: string) => boolean): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(from), spec);
  const stem = base.replace(/\.[mc]?js$/, '');
  return [base, `${stem}.ts`, `${stem}.mts`, `${stem}.cts`, join(base, 'index.ts')].find(
    (p) => /\.[mc]?ts$/.test(p) && isFile(p),
  );
}

const isFile = (p: string) => existsSync(p) && statSync(p).isFile();

/** Every file under src/ with the src/ files it imports by a relative path (type-only imports included). */
function srcGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const f of files(join(root, 'src'))) {
    const deps = importsOf(readFileSync(f, 'utf8'))
      .map((s) => resolveRelative(f, s, isFile))
      .filter((p): p is string => p !== undefined);
    graph.set(relative(root, f), [...new Set(deps.map((p) => relative(root, p)))]);
  }
  return graph;
}

/**
 * One cycle per strongly connected component (Tarjan), written `a → b → a`, so a failure names the
 * imports to cut. A module importing itself counts.
 */
export function importCycles(graph: Map<string, string[]>): string[] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const c: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        c.push(w);
      } while (w !== v);
      if (c.length > 1 || (graph.get(v) ?? []).includes(v)) components.push(c);
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return components.map((c) => {
    // Walk from the component's first file inside the component until a file repeats.
    const inC = new Set(c);
    const path = [[...c].sort()[0]!];
    for (;;) {
      const last = path[path.length - 1]!;
      const w = (graph.get(last) ?? []).filter((x) => inC.has(x)).sort()[0]!;
      const seen = path.indexOf(w);
      if (seen >= 0) return [...path.slice(seen), w].join(' → ');
      path.push(w);
    }
  });
}

const importsFrom = (layer: string, pattern: RegExp) =>
  files(join(root, 'src', layer))
    .filter((f) => importsOf(readFileSync(f, 'utf8')).some((s) => pattern.test(s)))
    .map((f) => relative(root, f));

describe('layering', () => {
  for (const layer of ['okta', 'query', 'server', 'cli']) {
    it(`nothing under src/${layer} imports vscode`, () => {
      const offenders = files(join(root, 'src', layer)).filter((f) =>
        importsOf(readFileSync(f, 'utf8')).includes('vscode'),
      );
      assert.deepEqual(
        offenders.map((f) => relative(root, f)),
        [],
      );
    });
  }

  it('src/okta depends on nothing above it', () => {
    assert.deepEqual(importsFrom('okta', /\.\.\/(\.\.\/)*(query|server|extension|cli)\b/), []);
  });

  it('src/query depends on neither the language server, the extension nor the CLI', () => {
    assert.deepEqual(importsFrom('query', /\.\.\/(\.\.\/)*(server|extension|cli)\b/), []);
  });

  it('the language server does not import the extension', () => {
    assert.deepEqual(importsFrom('server', /\.\.\/(\.\.\/)*extension\b/), []);
  });

  it('the extension shares only the protocol module with the language server (a separate process)', () => {
    const offenders = files(join(root, 'src/extension')).flatMap((f) =>
      importsOf(readFileSync(f, 'utf8'))
        .filter((s) => /\.\.\/server\//.test(s) && !/\.\.\/server\/protocol$/.test(s))
        .map((s) => `${relative(root, f)}: ${s}`),
    );
    assert.deepEqual(offenders, []);
  });

  it('the emulator imports nothing from src/, so it cannot borrow the client’s assumptions', () => {
    const offenders = files(join(root, 'test/emulator')).filter((f) =>
      importsOf(readFileSync(f, 'utf8')).some((s) => /^(\.\.\/)+src\//.test(s)),
    );
    assert.deepEqual(
      offenders.map((f) => relative(root, f)),
      [],
    );
  });

  it('no module under src/ imports itself back through other modules', () => {
    assert.deepEqual(importCycles(srcGraph()), []);
  });

  it('the loopback, encrypted-PEM and SQL-quoting rules each have one definition under src/', () => {
    // Copies drift: two loopback patterns and two org-URL validators once disagreed.
    const rules: Array<[string, RegExp, string]> = [
      ['loopback hosts', /\\\[::1\\\]|\blocalhost\|/, 'src/okta/orgUrl.ts'],
      ['encrypted PEM', /function isEncryptedPem\b/, 'src/okta/auth/keys.ts'],
      ['SQL string quoting', /replace\(\/'\/g/, 'src/query/sqlString.ts'],
    ];
    for (const [what, pattern, home] of rules) {
      const where = files(join(root, 'src'))
        .filter((f) => pattern.test(readFileSync(f, 'utf8')))
        .map((f) => relative(root, f));
      assert.deepEqual(where, [home], what);
    }
  });

  it('the import scanner sees a vscode import when there is one', () => {
    assert.deepEqual(importsOf(`import * as vscode from 'vscode';\nconst x = require("vscode");`), [
      'vscode',
      'vscode',
    ]);
  });

  it('the cycle detector names a cycle when there is one, and only then', () => {
    const graph = new Map([
      ['analyzer.ts', ['meta.ts', 'lexer.ts']],
      ['meta.ts', ['rowFilter.ts']],
      ['rowFilter.ts', ['analyzer.ts', 'like.ts']],
      ['lexer.ts', []],
      ['like.ts', ['like.ts']],
      ['planner.ts', ['lexer.ts', 'like.ts']],
    ]);
    assert.deepEqual(importCycles(graph), [
      'like.ts → like.ts',
      'analyzer.ts → meta.ts → rowFilter.ts → analyzer.ts',
    ]);
    assert.deepEqual(
      importCycles(
        new Map([
          ['a.ts', ['b.ts']],
          ['b.ts', []],
        ]),
      ),
      [],
    );
  });

  it('the import graph resolves ./x to x.ts, ./dir to dir/index.ts and ./x.js to x.ts', () => {
    const existing = new Set(['/s/a.ts', '/s/okta/index.ts', '/s/b.ts']);
    const has = (p: string) => existing.has(p);
    assert.equal(resolveRelative('/s/c.ts', './a', has), '/s/a.ts');
    assert.equal(resolveRelative('/s/c.ts', './okta', has), '/s/okta/index.ts');
    assert.equal(resolveRelative('/s/q/c.ts', '../b.js', has), '/s/b.ts');
    assert.equal(resolveRelative('/s/c.ts', 'vscode', has), undefined);
  });
});
