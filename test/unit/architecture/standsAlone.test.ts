// A clone with nothing beside it must build and pass its tests: nothing under src/, test/, scripts/,
// esbuild.mjs or package.json may name a path outside the repository (a folder beside it, a home or
// work directory). Relative paths are resolved from the file that names them; `..` steps taken from
// the repository's root, or more steps than a file is deep, leave the repository.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, it } from 'node:test';
import { filesUnder } from '../../e2e/lib/files';

const root = resolve(__dirname, '../../..');

/** Variables that hold the repository's root in this codebase's scripts and tests. */
const ROOT_NAMES = /^(root|repoRoot|REPO_ROOT|ROOT)$/;
/** Variables that hold the naming file's own folder. */
const HERE_NAMES = /^(__dirname|here|dir)$/;

function outside(abs: string): boolean {
  const rel = relative(root, abs);
  return rel === '..' || rel.startsWith(`..${sep}`);
}

/** Each way `text` (the file at `relPath` in the repository) refers to a place outside the repository. */
export function pathsOutside(relPath: string, text: string): string[] {
  const found: string[] = [];
  const fileDir = dirname(join(root, relPath));
  // A sibling folder of the repository named by its usual names.
  for (const m of text.matchAll(/(?:\.\.\/)+shared\b|['"]shared['"]\s*,\s*['"](okta|seed|docs)['"]/g))
    found.push(m[0]);
  // Quoted relative paths: '../x', "../../y".
  for (const m of text.matchAll(/['"`]((?:\.\.\/)+[^'"`\s]*)['"`]/g)) {
    if (outside(resolve(fileDir, m[1]!))) found.push(m[1]!);
  }
  // join/resolve(base, '..', '..', …): count the steps up from a known base.
  for (const m of text.matchAll(/\b(?:join|resolve)\(\s*([A-Za-z_$][\w$]*)\s*((?:,\s*['"]\.\.['"]\s*)+)/g)) {
    const base = m[1]!;
    const ups = (m[2]!.match(/\.\./g) ?? []).length;
    if (ROOT_NAMES.test(base) && ups > 0) found.push(m[0]);
    else if (HERE_NAMES.test(base) && outside(resolve(fileDir, ...Array<string>(ups).fill('..'))))
      found.push(m[0]);
  }
  // Absolute paths of this machine's work or home folders.
  for (const m of text.matchAll(/['"`](\/(?:work|root|home|Users)\/[^'"`]*)['"`]/g)) found.push(m[1]!);
  return found;
}

function scanned(): string[] {
  const code = (n: string) => /\.(ts|mts|cts|js|mjs|cjs|json)$/.test(n);
  return [
    ...['src', 'test', 'scripts'].flatMap((d) => filesUnder(join(root, d), code)),
    join(root, 'esbuild.mjs'),
    join(root, 'package.json'),
  ].filter((f) => !f.includes(`${sep}node_modules${sep}`));
}

describe('the repository stands alone', () => {
  it('nothing under src/, test/, scripts/, esbuild.mjs or package.json refers to a path outside the repository', () => {
    const offenders = scanned().flatMap((f) => {
      const rel = relative(root, f);
      return pathsOutside(rel, readFileSync(f, 'utf8')).map((p) => `${rel}: ${p}`);
    });
    assert.deepEqual(offenders, []);
  });

  it('the check catches each way a file can point outside the repository', () => {
    // The cases quote with « » so that this file's own text names no outside path: the first test scans
    // it like every other file.
    const quoted = (text: string) => text.replace(/[«»]/g, "'");
    const cases: Array<[string, string]> = [
      ['test/unit/query/helpers.ts', 'const seed = readFileSync(join(«shared», «seed», «x.txt»));'],
      ['scripts/gen.mjs', 'const spec = resolve(here, «../../sibling/okta/spec.yaml»);'],
      ['test/unit/emulator/spec.ts', 'const p = resolve(REPO_ROOT, «..», «other», «spec.yaml»);'],
      ['test/unit/emulator/spec.ts', 'const p = resolve(__dirname, «..», «..», «..», «..», «spec.yaml»);'],
      ['src/x.ts', 'const p = «/work/other/okta/spec.yaml»;'],
    ];
    for (const [rel, text] of cases)
      assert.notDeepEqual(pathsOutside(rel, quoted(text)), [], `${rel}: ${quoted(text)}`);
    // …and lets paths inside it through.
    assert.deepEqual(pathsOutside('test/unit/emulator/spec.ts', "resolve(__dirname, '..', '..', '..')"), []);
    assert.deepEqual(pathsOutside('scripts/gen.mjs', "resolve(here, '../vendor/okta/spec.yaml')"), []);
  });
});
