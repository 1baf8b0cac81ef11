#!/usr/bin/env node
// The English l10n bundle (l10n/bundle.l10n.json) is the set of `vscode.l10n.t('…')` strings in
// src/extension, each mapped to itself; translators copy it to bundle.l10n.<locale>.json. This script
// extracts the strings and, with --write, rewrites the bundle; a unit test fails when the two drift.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE = join(root, 'l10n', 'bundle.l10n.json');

function tsFiles(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Every string literal passed first to l10n.t(…) under src/extension, sorted. */
export function extractL10nStrings(dir = join(root, 'src', 'extension')) {
  const out = new Set();
  // A single- or double-quoted literal, possibly on the next line after `l10n.t(`.
  const re = /l10n\.t\(\s*(?:'((?:\\.|[^'\\])*)'|"((?:\\.|[^"\\])*)")/g;
  for (const f of tsFiles(dir)) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(re)) out.add((m[1] ?? m[2]).replace(/\\(['"\\])/g, '$1'));
  }
  return [...out].sort();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const strings = extractL10nStrings();
  if (process.argv.includes('--write')) {
    writeFileSync(BUNDLE, `${JSON.stringify(Object.fromEntries(strings.map((s) => [s, s])), null, 2)}\n`);
    console.log(`wrote ${strings.length} strings to ${BUNDLE}`);
  } else console.log(strings.join('\n'));
}
