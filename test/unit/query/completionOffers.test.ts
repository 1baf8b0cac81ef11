// What completion offers a person, as pure functions: each statement template once (no second copy
// from a snippets file), saved connection names after "-- connection:", and the name of every cached
// id on its own row (labelDetails), not only on the highlighted one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { complete } from '../../../src/query/completion';

const R = 'okta.authorizationservers.refresh_tokens';
const at = (withCursor: string, env = {}) =>
  complete(withCursor.replace('|', ''), withCursor.indexOf('|'), env);

test('an empty document offers each statement template once, and the manifest contributes no copy of them', () => {
  const labels = at('|').map((i) => i.label);
  assert.deepEqual(
    labels.filter((l, i) => labels.indexOf(l) !== i),
    [],
    'a label is offered twice',
  );
  const snippets = at('|').filter((i) => i.insertTextFormat === 2);
  assert.deepEqual(
    snippets.map((s) => s.label),
    [
      'list refresh tokens',
      'get refresh token',
      'revoke refresh token',
      'revoke all refresh tokens of a client',
      'refresh tokens of a user',
      "a user's tokens for a client",
      'token revokes in the System Log',
    ],
  );
  // VS Code lists every prefix of a contributed snippet as one more entry ("get-token" next to "get
  // refresh token"): the templates come from the language server alone.
  const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as {
    contributes: Record<string, unknown>;
  };
  assert.equal(manifest.contributes.snippets, undefined);
});

test('after "-- connection: " completion offers saved connection names and replaces the name typed so far', () => {
  const env = { connectionNames: ['Demo org', 'Acme prod'] };
  const text = `-- connection: De|\nSELECT * FROM ${R};`;
  const items = at(text, env);
  assert.deepEqual(
    items.map((i) => [i.label, i.insertText]),
    [
      ['Demo org', 'Demo org'],
      ['Acme prod', 'Acme prod'],
    ],
  );
  const start = text.indexOf('De|');
  assert.deepEqual(items[0]!.replace, { start, end: start + 2 });
  // Any spelling the analyzer reads as the directive; other comments offer nothing.
  assert.equal(at('--CONNECTION :|', env).length, 2);
  assert.deepEqual(at('-- the connection: |', env), []);
  assert.deepEqual(at('-- conn|ection: ', env), []);
});

test('every cached id shows its name on its own row (labelDetails), not only when highlighted', () => {
  const items = at(`SELECT * FROM ${R} WHERE authServerId = 'aus1' AND clientId = '|'`, {
    ids: [{ id: '0oa1', label: 'Payments Web' }, { id: '0oa2', label: 'Mobile iOS' }, { id: '0oa3' }],
  });
  assert.deepEqual(
    items.map((i) => [i.label, i.labelDetails?.description]),
    [
      ['0oa1', 'Payments Web'],
      ['0oa2', 'Mobile iOS'],
      ['0oa3', undefined],
    ],
  );
});
