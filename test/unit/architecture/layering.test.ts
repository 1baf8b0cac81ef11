// DESIGN.md: dependencies point downward and nothing under okta/, query/, server/ or cli/ imports vscode.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
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
    const offenders = files(join(root, 'src/okta')).filter((f) =>
      importsOf(readFileSync(f, 'utf8')).some((s) => /\.\.\/(\.\.\/)?(query|server|extension|cli)\b/.test(s)),
    );
    assert.deepEqual(
      offenders.map((f) => relative(root, f)),
      [],
    );
  });

  it('the import scanner sees a vscode import when there is one', () => {
    assert.deepEqual(importsOf(`import * as vscode from 'vscode';\nconst x = require("vscode");`), [
      'vscode',
      'vscode',
    ]);
  });
});
