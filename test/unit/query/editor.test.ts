// Editor features as pure functions: completion per clause, hover text, formatting and semantic tokens.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { complete, completionContext, idRequestFor } from '../../../src/query/completion';
import { analyzeDocument } from '../../../src/query/analyzer';
import { hoverAt } from '../../../src/query/hover';
import { applyEdits, formatDocument } from '../../../src/query/format';
import { lensSpecs, lensTitle } from '../../../src/query/fixes';
import { semanticTokens, TOKEN_TYPES } from '../../../src/query/semanticTokens';
import { CORRECTED } from './helpers';

const R = 'okta.authorizationservers.refresh_tokens';
/** Completion labels at the `|` in the text. */
function labels(withCursor: string, env = {}): string[] {
  const off = withCursor.indexOf('|');
  return complete(withCursor.replace('|', ''), off, env)
    .sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label))
    .map((i) => i.label);
}

test('completion: statement keywords and snippets at the start', () => {
  const l = labels('|');
  for (const w of [
    'SELECT',
    'DELETE FROM',
    'SHOW',
    'DESCRIBE',
    'list refresh tokens',
    'revoke refresh token',
  ])
    assert.ok(l.includes(w), w);
});

test('completion: okta. → services → resources', () => {
  assert.deepEqual(labels('SELECT * FROM okta.|'), ['apps', 'authorizationservers', 'logs', 'users']);
  const res = labels('SELECT * FROM okta.authorizationservers.ref|');
  assert.equal(res[0], 'refresh_tokens');
  assert.equal(res.length, 9);
  assert.ok(labels('SELECT * FROM |').includes(R));
  assert.deepEqual(labels('DELETE FROM |').filter((x) => x.includes('.')).length > 0, true);
});

test('completion: columns in the select list come from the FROM resource written later', () => {
  const l = labels(`SELECT id, | FROM ${R}`);
  for (const f of ['userId', 'status', 'expiresAt', '_embedded', 'json_extract']) assert.ok(l.includes(f), f);
  assert.ok(labels(`SELECT | FROM ${R}`).includes('*'));
});

test('completion: WHERE offers parameters required-first, skipping those already given, then fields', () => {
  const l = labels(`SELECT * FROM ${R} WHERE subdomain = 'a' AND |`);
  assert.deepEqual(l.slice(0, 3), ['authServerId', 'clientId', 'tokenId']);
  assert.ok(!l.includes('subdomain'));
  assert.ok(l.indexOf('expand') > l.indexOf('tokenId'));
  assert.ok(l.includes('status'));
});

test('completion: values — enums, expand=scope, connection subdomains, cached ids', () => {
  assert.deepEqual(labels(`SELECT * FROM ${R} WHERE status = '|'`), ['ACTIVE', 'REVOKED']);
  assert.deepEqual(labels(`SELECT * FROM ${R} WHERE expand = |`), ['scope']);
  const unquoted = `SELECT * FROM ${R} WHERE expand = `;
  assert.equal(complete(unquoted, unquoted.length)[0]!.insertText, "'scope'");
  assert.deepEqual(labels(`SELECT * FROM ${R} WHERE subdomain = '|'`, { subdomains: ['acme', 'dev-1'] }), [
    'acme',
    'dev-1',
  ]);
  const text = `SELECT * FROM ${R} WHERE subdomain = 'acme' AND authServerId = 'aus1' AND clientId = '|'`;
  const at = completionContext(text.replace('|', ''), text.indexOf('|'));
  assert.deepEqual(idRequestFor(at), {
    param: 'clientId',
    given: { subdomain: 'acme', authServerId: 'aus1' },
  });
  assert.deepEqual(labels(text, { ids: [{ id: '0oa1', label: 'My App' }] }), ['0oa1']);
});

test('completion: nothing inside comments; keywords after a finished condition', () => {
  assert.deepEqual(labels('-- SELECT |'), []);
  const l = labels(`SELECT * FROM ${R} WHERE subdomain = 'a' |`);
  assert.deepEqual(l, ['AND', 'LIMIT', 'OR', 'ORDER BY']);
  assert.deepEqual(labels(`SHOW |`), ['EXTENDED', 'METHODS', 'RESOURCES', 'SERVICES']);
});

test('completion: the second statement works while the first is broken', () => {
  assert.ok(labels(`SELECT FROM WHERE ((( ;\nSELECT * FROM okta.|`).includes('authorizationservers'));
});

test('hover: resource shows the methods table; field shows type and enum; parameter shows where it goes', () => {
  const doc = analyzeDocument(CORRECTED.list);
  const at = (w: string, nth = 0) => {
    let i = -1;
    for (let k = 0; k <= nth; k++) i = CORRECTED.list.indexOf(w, i + 1);
    return hoverAt(doc, i + 1)!;
  };
  const res = at('refresh_tokens').markdown;
  assert.match(
    res,
    /\| SELECT \| `GET …\/\{authServerId\}\/clients\/\{clientId\}\/tokens` \| subdomain, authServerId, clientId \|/,
  );
  assert.match(
    res,
    /\| DELETE \| `DELETE …\/\{authServerId\}\/clients\/\{clientId\}\/tokens\/\{tokenId\}` \| subdomain, authServerId, clientId, tokenId \|/,
  );
  const status = at('status').markdown;
  assert.match(status, /Values: `ACTIVE` \| `REVOKED`/);
  const p = at('authServerId').markdown;
  assert.match(p, /path parameter/);
  assert.match(p, /Required by: list_refresh_tokens/);
  assert.match(at('subdomain').markdown, /server variable/);
  assert.match(at('expand').markdown, /query parameter.*\n[\s\S]*Values: `scope`/);
});

test('formatting: upper-case keywords, one clause per line, conditions indented; comments kept', () => {
  const src = `select id,status from ${R} where subdomain='a' and authServerId = 'x' -- the server\n and clientId='y' order by created desc limit 5;`;
  const out = applyEdits(src, formatDocument(analyzeDocument(src)));
  assert.equal(
    out,
    `SELECT id, status\nFROM ${R}\nWHERE subdomain = 'a'\n  AND authServerId = 'x' -- the server\n  AND clientId = 'y'\nORDER BY created DESC\nLIMIT 5;`,
  );
  // A column called limit stays lower case; broken statements are left alone.
  const broken = 'select from where ((;';
  assert.equal(applyEdits(broken, formatDocument(analyzeDocument(broken))), broken);
});

test('code lenses: Run per statement, DELETE states how many tokens it revokes', () => {
  const doc = analyzeDocument(
    `${CORRECTED.list}\n${CORRECTED.revokeOne}\n${CORRECTED.revokeAll}\nSHOW SERVICES;`,
  );
  const specs = lensSpecs(doc);
  assert.deepEqual(
    specs.map((s) => lensTitle(s)),
    ['▶ Run', '▶ Run — revokes 1 token', '▶ Run — revokes all tokens of the client', '▶ Run'],
  );
  assert.equal(lensTitle(specs[2]!, 7), '▶ Run — revokes 7 tokens');
});

test('code lenses: a revoke-all through the user or app path says whose tokens go, and an EXEC revoke is a revoke', () => {
  const doc = analyzeDocument(
    "DELETE FROM okta.users.oauth_tokens WHERE subdomain = 'a' AND userId = 'u' AND clientId = 'c';\n" +
      "DELETE FROM okta.apps.tokens WHERE subdomain = 'a' AND appId = 'p';\n" +
      "EXEC okta.apps.tokens.revoke_oauth2_token_for_application @subdomain = 'a', @appId = 'p', @tokenId = 't';\n" +
      "EXEC okta.apps.tokens.list_oauth2_tokens_for_application @subdomain = 'a', @appId = 'p';",
  );
  const specs = lensSpecs(doc);
  assert.deepEqual(
    specs.map((s) => lensTitle(s)),
    [
      "▶ Run — revokes all tokens of the user's client",
      '▶ Run — revokes all tokens of the app',
      '▶ Run — revokes 1 token',
      '▶ Run',
    ],
  );
  // The tree's token counts are per server and client: only the server path asks for one.
  assert.deepEqual(
    specs.map((s) => s.params),
    [undefined, undefined, undefined, undefined],
  );
});

test('semantic tokens: resource name, parameters vs fields, keywords and placeholders', () => {
  const src = `SELECT status FROM ${R} WHERE subdomain = '{{ s }}' AND authServerId = {{ a }} AND clientId = 'c' AND limit = 5`;
  const data = semanticTokens(analyzeDocument(src));
  const decoded: { text: string; type: string }[] = [];
  let line = 0;
  let ch = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i]!;
    ch = data[i] === 0 ? ch + data[i + 1]! : data[i + 1]!;
    assert.equal(line, 0, 'single-line source');
    decoded.push({ text: src.slice(ch, ch + data[i + 2]!), type: TOKEN_TYPES[data[i + 3]!]! });
  }
  const typeOf = (t: string) => decoded.find((d) => d.text === t)?.type;
  assert.equal(typeOf('SELECT'), 'keyword');
  assert.equal(typeOf('status'), 'property');
  assert.equal(typeOf('refresh_tokens'), 'class');
  assert.equal(typeOf('okta'), 'namespace');
  assert.equal(typeOf('subdomain'), 'parameter');
  assert.equal(typeOf('limit'), 'parameter');
  assert.equal(typeOf('{{ a }}'), 'macro');
});
