// The pure parts of the tree's Users rows: what a person types into Search Users… becomes Okta's user
// `search` (every word contained in a name, email or login), a user is named as people call them, and a
// token reached through its user still knows its authorization server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenServerId, userDisplayName, userSearchExpression } from '../../../src/extension/tree/filters';
import { openAsQueryText } from '../../../src/extension/query/openAsQuery';
import { analyzeDocument } from '../../../src/query/analyzer';

test('Search Users… text becomes a search where every word is in a name, the email or the login', () => {
  assert.equal(userSearchExpression('   '), undefined);
  assert.equal(
    userSearchExpression('karen'),
    'profile.firstName co "karen" or profile.lastName co "karen" or profile.email co "karen" or profile.login co "karen"',
  );
  const two = userSearchExpression('Karen  Eas')!;
  assert.match(two, /^\(profile\.firstName co "Karen" or .*\) and \(profile\.firstName co "Eas" or .*\)$/);
  // A quote or backslash typed by a person cannot end the value early.
  assert.match(userSearchExpression('a"b\\c')!, /co "a\\"b\\\\c"/);
});

test('a user is named by first and last name, else display name, login, id', () => {
  assert.equal(
    userDisplayName({ id: '00u1', profile: { firstName: 'Karen', lastName: 'Easley' } }),
    'Karen Easley',
  );
  assert.equal(userDisplayName({ id: '00u1', profile: { firstName: null, displayName: 'KE' } }), 'KE');
  assert.equal(userDisplayName({ id: '00u1', profile: { login: 'karen@example.com' } }), 'karen@example.com');
  assert.equal(userDisplayName({ id: '00u1', profile: {} }), '00u1');
});

test('a token names its authorization server by its link, else by its issuer', () => {
  assert.equal(
    tokenServerId({
      issuer: 'https://acme.okta.com/oauth2/other',
      _links: { authorizationServer: { href: 'https://acme.okta.com/api/v1/authorizationServers/aus9' } },
    }),
    'aus9',
  );
  assert.equal(tokenServerId({ issuer: 'https://acme.okta.com/oauth2/default', _links: {} }), 'default');
  // The org authorization server has no id in the management API.
  assert.equal(tokenServerId({ issuer: 'https://acme.okta.com', _links: {} }), undefined);
});

test('Open as Query on a user or a user’s client writes the okta.users statement that lists the same rows', () => {
  const conn = { orgUrl: 'https://acme.okta.com', connectionName: 'Acme' };
  const en = { t: (m: string, ...a: unknown[]) => m.replace(/\{(\d+)\}/g, (_, i: string) => String(a[+i])) };
  const user = openAsQueryText({ ...conn, userId: '00u1' }, { userName: 'Karen Easley' }, en);
  const client = openAsQueryText(
    { ...conn, userId: '00u1', clientId: '0oa1' },
    { userName: 'Karen Easley', clientName: 'Payments Web' },
    en,
  );
  assert.equal(user.split('\n')[0], '-- Clients holding tokens of Karen Easley');
  assert.equal(client.split('\n')[0], '-- Refresh tokens of Karen Easley for Payments Web');
  const plan = (text: string) => {
    const st = analyzeDocument(text, { vars: {} }).statements[0]!;
    assert.deepEqual(
      st.diagnostics.filter((d) => d.severity === 'error'),
      [],
    );
    return st.plan as { method: { name: string }; params: Record<string, string> };
  };
  assert.equal(plan(user).method.name, 'list_user_clients');
  const p = plan(client);
  assert.equal(p.method.name, 'list_refresh_tokens_for_user_and_client');
  assert.deepEqual([p.params.userId, p.params.clientId, p.params.subdomain], ['00u1', '0oa1', 'acme']);
});
