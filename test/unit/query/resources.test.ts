// The one resource model (src/query/resources): every catalogue resource is described, its methods'
// client calls match what the catalogue says they return, rows are named, ids map to what the editor
// completes; EXEC runs a method with the checks of its verb, and `limit` over 200 is sent as 200.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/query/analyzer';
import { allResources, findResource } from '../../../src/query/catalogue';
import {
  bindingOf,
  describeResource,
  idKindOf,
  modelProblems,
  revokeTarget,
  RESOURCES,
} from '../../../src/query/resources';

const res = (id: string) => {
  const [, s, r] = id.split('.');
  return findResource(s!, r!)!;
};

test('every catalogue resource is described once, and every described method is in the catalogue', () => {
  assert.deepEqual(modelProblems(), []);
  assert.equal(new Set(RESOURCES.map((d) => d.id)).size, RESOURCES.length);
  assert.equal(RESOURCES.length, allResources().length);
});

test('a method runs as what the catalogue says it returns: lists list, gets get, DELETEs revoke', () => {
  for (const r of allResources())
    for (const m of r.methods) {
      const b = bindingOf(r, m);
      if (!b) continue;
      if (m.sqlVerb === 'select') assert.equal(b.kind, m.returns === 'list' ? 'list' : 'get', m.name);
      else assert.equal(b.kind === 'revoke' && m.sqlVerb, 'delete', m.name);
      if (b.kind === 'revoke') assert.equal(b.bulk, !m.required.includes('tokenId'), m.name);
    }
});

test('the issue’s new resources run their reads, and the three token paths their revokes', () => {
  const runs = (id: string) =>
    res(id)
      .methods.filter((m) => bindingOf(res(id), m))
      .map((m) => m.name)
      .sort();
  assert.deepEqual(runs('okta.users.users'), ['get_user', 'list_users']);
  assert.deepEqual(runs('okta.users.user_clients'), ['list_user_clients']);
  assert.deepEqual(runs('okta.users.oauth_tokens'), [
    'get_refresh_token_for_user_and_client',
    'list_refresh_tokens_for_user_and_client',
    'revoke_token_for_user_and_client',
    'revoke_tokens_for_user_and_client',
  ]);
  assert.deepEqual(runs('okta.users.grants'), [
    'get_user_grant',
    'list_grants_for_user_and_client',
    'list_user_grants',
  ]);
  assert.deepEqual(runs('okta.apps.applications'), ['get_application', 'list_applications']);
  assert.deepEqual(runs('okta.apps.tokens'), [
    'get_oauth2_token_for_application',
    'list_oauth2_tokens_for_application',
    'revoke_oauth2_token_for_application',
    'revoke_oauth2_tokens_for_application',
  ]);
  assert.deepEqual(runs('okta.apps.grants'), ['get_scope_consent_grant', 'list_scope_consent_grants']);
  assert.deepEqual(runs('okta.logs.system_log_events'), ['list_log_events']);
  const users = res('okta.users.users');
  assert.deepEqual(
    users.methods
      .find((m) => m.name === 'list_users')!
      .optional.filter((p) => ['q', 'filter', 'search', 'limit', 'after'].includes(p)),
    ['search', 'filter', 'q', 'after', 'limit'],
  );
  assert.deepEqual(res('okta.logs.system_log_events').methods[0]!.optional, [
    'since',
    'until',
    'after',
    'filter',
    'q',
    'limit',
    'sortOrder',
  ]);
});

test('rows are named as people read them: a user by name, an app by label, an event by its message', () => {
  const user = describeResource('okta.users.users')!;
  const row = {
    id: '00u1',
    status: 'ACTIVE',
    profile: { firstName: 'Karen', lastName: 'Easley', login: 'karen@example.com' },
  };
  assert.equal(user.label(row), 'Karen Easley');
  assert.equal(user.describe(row), 'karen@example.com · ACTIVE');
  assert.equal(user.label({ id: '00u2', profile: { login: 'x@example.com' } }), 'x@example.com');
  const app = describeResource('okta.apps.applications')!;
  assert.equal(app.label({ id: '0oa1', name: 'oidc_client', label: 'Payments Web' }), 'Payments Web');
  const ev = describeResource('okta.logs.system_log_events')!;
  assert.equal(ev.label({ uuid: 'u1', displayMessage: 'Revoke refresh token' }), 'Revoke refresh token');
  assert.deepEqual(describeResource('okta.users.oauth_tokens')!.parents, [
    { resource: 'okta.users.user_clients', params: { clientId: 'client_id' } },
  ]);
});

test('ids that complete and hover: a user id under users, token ids on every token path, none for apps', () => {
  assert.equal(idKindOf(res('okta.users.users'), 'id'), 'userId');
  for (const id of [
    'okta.users.oauth_tokens',
    'okta.apps.tokens',
    'okta.authorizationservers.refresh_tokens',
  ])
    assert.equal(idKindOf(res(id), 'tokenId'), 'tokenId', id);
  assert.equal(idKindOf(res('okta.users.oauth_tokens'), 'userId'), 'userId');
  assert.equal(idKindOf(res('okta.apps.applications'), 'appId'), undefined);
  assert.equal(idKindOf(undefined, 'clientId'), 'clientId');
});

test('a revoke is worded by the path it goes through', () => {
  const p = { userId: '00u1', clientId: '0oa1', tokenId: 'oar1' };
  assert.equal(
    revokeTarget(res('okta.users.oauth_tokens'), p, false),
    'refresh token oar1 of user 00u1 for client 0oa1',
  );
  assert.equal(
    revokeTarget(res('okta.users.oauth_tokens'), p, true),
    'ALL refresh tokens of user 00u1 for client 0oa1',
  );
  assert.equal(
    revokeTarget(res('okta.apps.tokens'), { appId: '0oa9' }, true),
    'ALL refresh tokens of app 0oa9',
  );
});

test('EXEC of a read runs that method as a SELECT of every field', () => {
  const doc = analyzeDocument(
    "EXEC okta.authorizationservers.refresh_tokens.get_refresh_token_for_authorization_server_and_client @subdomain='acme', @authServerId='aus1', @clientId='0oa1', @tokenId='oar1';",
  );
  const st = doc.statements[0]!;
  assert.deepEqual(st.diagnostics, []);
  assert.equal(st.plan?.kind, 'select');
  assert.equal(
    st.plan?.kind === 'select' && st.plan.method.name,
    'get_refresh_token_for_authorization_server_and_client',
  );
  assert.deepEqual(st.plan?.kind === 'select' && st.plan.params, {
    subdomain: 'acme',
    authServerId: 'aus1',
    clientId: '0oa1',
    tokenId: 'oar1',
  });
});

test('EXEC of a revoke is a DELETE: confirmed by the caller, and revoke-all warned about', () => {
  const doc = analyzeDocument(
    "EXEC okta.users.oauth_tokens.revoke_token_for_user_and_client @subdomain='acme', @userId='00u1', @clientId='0oa1', @tokenId='oar1';\n" +
      "EXEC okta.users.oauth_tokens.revoke_tokens_for_user_and_client @subdomain='acme', @userId='00u1', @clientId='0oa1';",
  );
  const [one, all] = doc.statements;
  assert.equal(one!.plan?.kind === 'delete' && one!.plan.bulk, false);
  assert.equal(all!.plan?.kind === 'delete' && all!.plan.bulk, true);
  assert.match(
    all!.diagnostics.find((d) => d.code === 'bulk-revoke')!.message,
    /ALL refresh tokens of user 00u1 for client 0oa1/,
  );
});

test('EXEC of a method this extension does not run, a misspelt method, a missing parameter and a body are errors', () => {
  const doc = analyzeDocument(
    "EXEC okta.apps.applications.activate_application @subdomain='acme', @appId='0oa1';\n" +
      "EXEC okta.apps.applications.get_aplication @subdomain='acme', @appId='0oa1';\n" +
      "EXEC okta.apps.tokens.get_oauth2_token_for_application @subdomain='acme', @appId='0oa1';\n" +
      "EXEC okta.apps.grants.grant_consent_to_scope @subdomain='acme', @appId='0oa1' @@json='{}';",
  );
  const [act, typo, missing, body] = doc.statements;
  assert.match(
    act!.diagnostics.find((d) => d.code === 'not-supported')!.message,
    /activate_application \(EXEC\) cannot run here/,
  );
  assert.equal(act!.plan, undefined);
  assert.match(typo!.diagnostics[0]!.message, /did you mean 'get_application'/);
  assert.match(
    missing!.diagnostics.find((d) => d.code === 'missing-required-params')!.message,
    /\{ tokenId \}/,
  );
  assert.ok(body!.diagnostics.some((d) => /@@json is a request body/.test(d.message)));
});

test('limit above 200 is sent as 200 with a warning, not refused (SELECT and EXEC)', () => {
  const doc = analyzeDocument(
    "SELECT id FROM okta.users.users WHERE subdomain = 'acme' AND limit = 500;\n" +
      "EXEC okta.logs.system_log_events.list_log_events @subdomain='acme', @limit='1000';",
  );
  for (const st of doc.statements) {
    const d = st.diagnostics.find((x) => x.code === 'limit-too-large')!;
    assert.equal(d.severity, 'warning');
    assert.match(d.message, /sent as 200/);
    assert.equal(st.plan?.kind === 'select' && st.plan.pageSize, 200);
  }
});
