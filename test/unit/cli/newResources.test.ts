// `okta-tokens exec` on the users, apps and System Log resources against the emulator over real HTTP:
// every new resource prints rows shaped as Okta's spec says, one refresh token is the same object
// through its server, its user and its app, a revoke through the user path shows REVOKED through the
// server path and as an event in the System Log, and EXEC runs the method it names.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { EXIT } from '../../../src/cli/run';
import { schemaErrors } from '../emulator/spec-schema';
import { cliRunner } from './support';

const TOKEN = 'cli-new-resources-token-4321';
let emu: RunningEmulator;

before(async () => {
  emu = await startEmulator({ port: 0, seed: 31, size: 'tiny', apiTokens: [TOKEN] });
});
after(async () => emu.close());

const run = cliRunner(() => ({ url: emu.url, token: TOKEN }));
const W = "WHERE subdomain = 'acme'";

async function json(sql: string): Promise<Record<string, unknown>[]> {
  const { code, out, err } = await run(['exec', sql, '-o', 'json']);
  assert.equal(code, EXIT.ok, `${sql}\n${err}`);
  return JSON.parse(out) as Record<string, unknown>[];
}

/** A row as Okta sent it: the columns the object did not have come out as null, so they are left out. */
function sent(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null));
}

function assertSpecShaped(schema: string, rows: Record<string, unknown>[], what: string): void {
  assert.ok(rows.length > 0, `${what}: no rows`);
  for (const r of rows) assert.deepEqual(schemaErrors(schema, sent(r)), [], `${what}: ${JSON.stringify(r)}`);
}

/** A token the server path lists, with its user and client: the starting point of the cross-path tests. */
async function someToken(): Promise<{ server: string; clientId: string; id: string; userId: string }> {
  const server = emu.org.servers()[0]!.id;
  for (const c of emu.org.clients(server)) {
    const rows = await json(
      `SELECT id, userId, status FROM okta.authorizationservers.refresh_tokens ${W} AND authServerId = '${server}' AND clientId = '${c.clientId}';`,
    );
    const t = rows.find((r) => r.status === 'ACTIVE' && typeof r.userId === 'string');
    if (t) return { server, clientId: c.clientId, id: t.id as string, userId: t.userId as string };
  }
  throw new Error('the emulator has no ACTIVE token with a user');
}

/** The app whose OAuth client is `clientId` (an app's id may differ from its client_id). */
async function appOf(clientId: string): Promise<string> {
  const apps = await json(`SELECT id, credentials FROM okta.apps.applications ${W};`);
  const app = apps.find(
    (a) =>
      (a.credentials as { oauthClient?: { client_id?: string } } | null)?.oauthClient?.client_id === clientId,
  );
  assert.ok(app, `an app with client_id ${clientId}`);
  return app.id as string;
}

test('a query of each new resource prints rows shaped as Okta’s spec says', async () => {
  const t = await someToken();
  const appId = await appOf(t.clientId);
  assertSpecShaped('User', await json(`SELECT * FROM okta.users.users ${W};`), 'users');
  assertSpecShaped(
    'User',
    await json(`SELECT * FROM okta.users.users ${W} AND id = '${t.userId}';`),
    'one user',
  );
  assertSpecShaped(
    'OAuth2Client',
    await json(`SELECT * FROM okta.users.user_clients ${W} AND userId = '${t.userId}';`),
    'user clients',
  );
  assertSpecShaped(
    'OAuth2RefreshToken',
    await json(
      `SELECT * FROM okta.users.oauth_tokens ${W} AND userId = '${t.userId}' AND clientId = '${t.clientId}';`,
    ),
    'user tokens',
  );
  assertSpecShaped(
    'OAuth2ScopeConsentGrant',
    await json(`SELECT * FROM okta.users.grants ${W} AND userId = '${t.userId}';`),
    'user grants',
  );
  assertSpecShaped(
    'OpenIdConnectApplication',
    await json(`SELECT * FROM okta.apps.applications ${W} AND appId = '${appId}';`),
    'one app',
  );
  assertSpecShaped(
    'OAuth2RefreshToken',
    await json(`SELECT * FROM okta.apps.tokens ${W} AND appId = '${appId}';`),
    'app tokens',
  );
  assertSpecShaped(
    'OAuth2ScopeConsentGrant',
    await json(`SELECT * FROM okta.apps.grants ${W} AND appId = '${appId}';`),
    'app grants',
  );
  assertSpecShaped(
    'LogEvent',
    await json(`SELECT * FROM okta.logs.system_log_events ${W} AND limit = 50;`),
    'System Log',
  );
  const policies = await json(
    `SELECT * FROM okta.authorizationservers.policies ${W} AND authServerId = '${t.server}';`,
  );
  assertSpecShaped('AuthorizationServerPolicy', policies, 'policies');
  assertSpecShaped(
    'AuthorizationServerPolicyRule',
    await json(
      `SELECT * FROM okta.authorizationservers.rules ${W} AND authServerId = '${t.server}' AND policyId = '${policies[0]!.id as string}';`,
    ),
    'rules',
  );
});

test('users are found with q, filter and search, and paged with limit and after', async () => {
  const all = await json(`SELECT id, profile FROM okta.users.users ${W};`);
  const first = all[0]!;
  const { firstName, login } = first.profile as { firstName: string; login: string };
  const byQ = await json(`SELECT id FROM okta.users.users ${W} AND q = '${firstName}';`);
  assert.ok(
    byQ.some((u) => u.id === first.id),
    'q finds the user by first name',
  );
  assert.deepEqual(
    await json(`SELECT id FROM okta.users.users ${W} AND filter = 'profile.login eq "${login}"';`),
    [{ id: first.id }],
  );
  assert.deepEqual(
    await json(`SELECT id FROM okta.users.users ${W} AND search = 'profile.login eq "${login}"';`),
    [{ id: first.id }],
  );
  // One page of 2, then the rest from the cursor the CLI names when the page cap stops it.
  const { code, err } = await run([
    'exec',
    `SELECT id FROM okta.users.users ${W} AND limit = 2;`,
    '--page-cap',
    '1',
  ]);
  assert.equal(code, EXIT.runtime, err);
  const paged = await json(`SELECT id FROM okta.users.users ${W} AND limit = 2;`);
  assert.deepEqual(
    paged,
    all.map((u) => ({ id: u.id })),
    'limit = 2 pages through every user',
  );
});

test('the same refresh token is listed through its server, its user and its app', async () => {
  const t = await someToken();
  const appId = await appOf(t.clientId);
  const cols = 'id, status, userId, clientId, issuer, scopes, expiresAt';
  const viaServer = await json(
    `SELECT ${cols} FROM okta.authorizationservers.refresh_tokens ${W} AND authServerId = '${t.server}' AND clientId = '${t.clientId}' AND tokenId = '${t.id}';`,
  );
  const viaUser = (
    await json(
      `SELECT ${cols} FROM okta.users.oauth_tokens ${W} AND userId = '${t.userId}' AND clientId = '${t.clientId}';`,
    )
  ).filter((r) => r.id === t.id);
  const viaApp = (await json(`SELECT ${cols} FROM okta.apps.tokens ${W} AND appId = '${appId}';`)).filter(
    (r) => r.id === t.id,
  );
  assert.equal(viaServer.length, 1);
  assert.deepEqual(viaUser, viaServer);
  assert.deepEqual(viaApp, viaServer);
});

test('a revoke through the user path shows REVOKED through the server path and as a System Log event', async () => {
  const t = await someToken();
  const since = new Date(Date.now() - 1000).toISOString();
  const del = await run([
    'exec',
    `DELETE FROM okta.users.oauth_tokens ${W} AND userId = '${t.userId}' AND clientId = '${t.clientId}' AND tokenId = '${t.id}';`,
    '-o',
    'json',
    '--yes',
  ]);
  assert.equal(del.code, EXIT.ok, del.err);
  assert.deepEqual(
    (JSON.parse(del.out) as Record<string, unknown>[]).map((r) => [r.tokenId, r.outcome]),
    [[t.id, 'revoked']],
  );
  assert.deepEqual(
    await json(
      `SELECT status FROM okta.authorizationservers.refresh_tokens ${W} AND authServerId = '${t.server}' AND clientId = '${t.clientId}' AND tokenId = '${t.id}';`,
    ),
    [{ status: 'REVOKED' }],
  );
  // A polling read (since, no until): the list ends at the first page with no events.
  const events = await json(
    `SELECT eventType, target, debugContext FROM okta.logs.system_log_events ${W} AND since = '${since}' AND filter = 'eventType eq "app.oauth2.as.token.revoke"';`,
  );
  const path = `/api/v1/users/${t.userId}/clients/${t.clientId}/tokens/${t.id}`;
  const mine = events.filter(
    (e) => (e.debugContext as { debugData?: { requestUri?: string } }).debugData?.requestUri === path,
  );
  assert.equal(mine.length, 1, JSON.stringify(events));
  assert.ok(
    (mine[0]!.target as { id?: string; type?: string }[]).some((x) => x.id === t.userId),
    'the event names the user',
  );
});

test('a revoke through the user path needs the same confirmation: without --yes nothing is revoked', async () => {
  const t = await someToken();
  const { code, err } = await run([
    'exec',
    `EXEC okta.users.oauth_tokens.revoke_token_for_user_and_client @subdomain = 'acme', @userId = '${t.userId}', @clientId = '${t.clientId}', @tokenId = '${t.id}';`,
  ]);
  assert.equal(code, EXIT.declined);
  assert.match(
    err,
    new RegExp(
      `revoke_token_for_user_and_client would revoke refresh token ${t.id} of user ${t.userId} for client ${t.clientId}; not run\\. Pass --yes`,
    ),
  );
  assert.deepEqual(
    await json(
      `SELECT status FROM okta.authorizationservers.refresh_tokens ${W} AND authServerId = '${t.server}' AND clientId = '${t.clientId}' AND tokenId = '${t.id}';`,
    ),
    [{ status: 'ACTIVE' }],
  );
});

test('EXEC get_refresh_token_for_authorization_server_and_client returns the token', async () => {
  const t = await someToken();
  const rows = await json(
    `EXEC okta.authorizationservers.refresh_tokens.get_refresh_token_for_authorization_server_and_client @subdomain = 'acme', @authServerId = '${t.server}', @clientId = '${t.clientId}', @tokenId = '${t.id}';`,
  );
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.id, t.id);
  assert.equal(rows[0]!.userId, t.userId);
  assert.equal(rows[0]!.status, 'ACTIVE');
  assertSpecShaped('OAuth2RefreshToken', rows, 'EXEC get');
});

test('FANOUT lists every token a user holds, client by client, through the user path', async () => {
  const t = await someToken();
  const without = await run([
    'exec',
    `SELECT id FROM okta.users.oauth_tokens ${W} AND userId = '${t.userId}';`,
  ]);
  assert.equal(without.code, EXIT.diagnostics);
  assert.match(
    without.err,
    /clientId left out: add the FANOUT hint to query the refresh tokens of every client/,
  );
  const clients = await json(
    `SELECT client_id FROM okta.users.user_clients ${W} AND userId = '${t.userId}';`,
  );
  const expected: string[] = [];
  for (const c of clients)
    for (const r of await json(
      `SELECT id FROM okta.users.oauth_tokens ${W} AND userId = '${t.userId}' AND clientId = '${c.client_id as string}';`,
    ))
      expected.push(r.id as string);
  const all = await json(
    `SELECT /*+ FANOUT */ id, clientId FROM okta.users.oauth_tokens ${W} AND userId = '${t.userId}';`,
  );
  assert.ok(clients.length > 1, 'the user holds tokens for more than one client');
  assert.deepEqual(
    all.map((r) => r.id),
    expected,
  );
  assert.ok(all.some((r) => r.id === t.id && r.clientId === t.clientId));
});
