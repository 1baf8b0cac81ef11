// People, not ids: a token's user is found by name in the token filter (Okta titles each token's user
// link with the user's name), and "Open as Query" opens with a first line naming what it lists, which
// VS Code uses as the untitled tab's title.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchesTokenFilter, parseTokenFilter, tokenUserName } from '../../../src/extension/tree/filters';
import { openAsQueryText, queryHeading, type Translate } from '../../../src/extension/query/openAsQuery';
import { analyzeDocument } from '../../../src/query/analyzer';
import type { OAuth2RefreshToken } from '../../../src/okta/models';

/** What vscode.l10n does without a translation: the source string with its {0} placeholders filled. */
const english: Translate = {
  t: (m, ...args) => m.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)])),
};

const token = (userId: string, name?: string): OAuth2RefreshToken => ({
  id: `oar-${userId}`,
  userId,
  status: 'ACTIVE',
  scopes: ['openid'],
  _links: {
    user: { href: `https://acme.okta.com/api/v1/users/${userId}`, ...(name ? { title: name } : {}) },
  },
});

test('filtering tokens by a first name finds that person’s tokens, in any case; an id still finds by id', () => {
  const karen = token('00uKaren1', 'Karen Easley');
  const other = token('00uOther2', 'Dmitri Karenin');
  const nameless = token('00uNameless3');
  const pick = (text: string) => {
    const f = parseTokenFilter(text);
    assert.ok(f && !('error' in f), text);
    return [karen, other, nameless].filter((t) => matchesTokenFilter(t, f)).map((t) => t.userId);
  };
  assert.deepEqual(pick('Karen Easley'), ['00uKaren1']);
  assert.deepEqual(pick('karen   easley'), ['00uKaren1']);
  assert.deepEqual(pick('user:easley status:active'), ['00uKaren1']);
  // A part of a name matches wherever it is, as a search box does.
  assert.deepEqual(pick('Karen'), ['00uKaren1', '00uOther2']);
  assert.deepEqual(pick('00uNameless3'), ['00uNameless3']);
  assert.deepEqual(pick('00unameless'), [], 'an id is matched whole, not as part of a name');
  assert.equal(tokenUserName(nameless), undefined);
  assert.equal(tokenUserName(karen), 'Karen Easley');
});

const demo = { orgUrl: 'http://127.0.0.1:8124', connectionName: 'Demo org' };

test('Open as Query starts with a comment naming what it lists, so the tab is not titled "-- connection: …"', () => {
  const cases: [Parameters<typeof queryHeading>[0], Parameters<typeof queryHeading>[1], string][] = [
    [demo, {}, '-- Authorization servers of Demo org'],
    [
      { ...demo, authServerId: 'aus1' },
      { serverName: 'Payments API' },
      '-- Clients with tokens on Payments API',
    ],
    [
      { ...demo, authServerId: 'aus1', clientId: '0oa1' },
      { serverName: 'Payments API', clientName: 'Payments Web' },
      '-- Refresh tokens of Payments Web',
    ],
    [
      { ...demo, authServerId: 'aus1', clientId: '0oa1', tokenId: 'oar1' },
      { clientName: 'Payments Web', userName: 'Karen Easley' },
      '-- Refresh token of Karen Easley',
    ],
    [{ ...demo, authServerId: 'aus1', clientId: '0oa1' }, {}, '-- Refresh tokens of 0oa1'],
  ];
  for (const [ids, names, heading] of cases) {
    const text = openAsQueryText(ids, names, english);
    assert.equal(text.split('\n')[0], heading);
    // Still one statement that runs on the connection, with nothing to fix.
    const doc = analyzeDocument(text);
    assert.deepEqual(doc.diagnostics, [], text);
    assert.equal(doc.statements[0]!.connection, 'Demo org');
  }
});

test('a name with line breaks stays inside the heading comment and cannot add a statement', () => {
  const text = openAsQueryText(
    { ...demo, authServerId: 'aus1', clientId: '0oa1' },
    { clientName: 'Evil\nDELETE FROM okta.authorizationservers.refresh_tokens\u2028x' },
    english,
  );
  assert.equal(
    text.split('\n')[0],
    '-- Refresh tokens of Evil DELETE FROM okta.authorizationservers.refresh_tokens x',
  );
  const doc = analyzeDocument(text);
  assert.equal(doc.statements.length, 1);
  assert.equal(doc.statements[0]!.verb, 'select');
});
