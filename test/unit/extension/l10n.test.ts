// Every UI string reaches translators: the English bundle holds exactly the strings the extension passes
// to l10n.t (regenerate with `node scripts/l10n.mjs --write`), and every %key% in the manifest has its
// text in package.nls.json, with none left unused.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
// @ts-expect-error -- a plain .mjs script without type declarations
import { BUNDLE, extractL10nStrings } from '../../../scripts/l10n.mjs';

const root = join(__dirname, '..', '..', '..');

test('the l10n bundle holds exactly the strings the extension translates', () => {
  const used = (extractL10nStrings as () => string[])();
  const bundle = JSON.parse(readFileSync(BUNDLE as string, 'utf8')) as Record<string, string>;
  const keys = Object.keys(bundle);
  assert.ok(used.length > 100, `only ${used.length} strings found: the extraction is broken`);
  assert.deepEqual(
    used.filter((s) => !(s in bundle)),
    [],
    'strings missing from l10n/bundle.l10n.json (run node scripts/l10n.mjs --write)',
  );
  assert.deepEqual(
    keys.filter((k) => !used.includes(k)),
    [],
    'strings in l10n/bundle.l10n.json that no code uses (run node scripts/l10n.mjs --write)',
  );
  for (const k of keys) assert.equal(bundle[k], k, 'the English bundle maps each string to itself');
});

test('every %key% of the manifest is in package.nls.json, and package.nls.json has no unused key', () => {
  const manifest = readFileSync(join(root, 'package.json'), 'utf8');
  const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
  const used = new Set([...manifest.matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]!));
  assert.ok(used.size > 20);
  assert.deepEqual(
    [...used].filter((k) => !(k in nls)),
    [],
    'manifest keys without text',
  );
  assert.deepEqual(
    Object.keys(nls).filter((k) => !used.has(k)),
    [],
    'package.nls.json keys the manifest does not use',
  );
});

test('every text the manifest shows (command titles and categories, views, settings…) comes from package.nls.json', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: unknown };
  const shown =
    /(^|\.)(title|category|description|markdownDescription|label|name|contents|altText|placeholder|detail)$/;
  const literal: string[] = [];
  const walk = (v: unknown, path: string): void => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
    else if (typeof v === 'string' && shown.test(path) && !/^%[^%]+%$/.test(v))
      literal.push(`${path} = ${v}`);
  };
  walk(manifest.contributes, 'contributes');
  // The query commands were English literals under their own "Okta Tokens" category.
  assert.deepEqual(literal, []);
});
