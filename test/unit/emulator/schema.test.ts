// Every kind of body the emulator sends, validated against Okta's OpenAPI component schemas.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningEmulator } from '../../emulator/index';
import { schemaErrors } from './spec-schema';
import { api, apiJson, firstPair, start, tokensPath } from './helpers';

function assertValid(schema: string, body: unknown): void {
  const errors = schemaErrors(schema, body);
  assert.deepEqual(errors, [], `${schema}: ${errors.slice(0, 10).join('; ')}`);
}

async function assertOktaError(
  res: Response,
  status: number,
  code: string,
): Promise<Record<string, unknown>> {
  assert.equal(res.status, status);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
  assert.ok(res.headers.get('x-okta-request-id'));
  const body = (await res.json()) as Record<string, unknown>;
  assertValid('Error', body);
  assert.equal(body.errorCode, code);
  assert.equal(body.errorLink, code);
  assert.ok(Array.isArray(body.errorCauses));
  assert.equal(typeof body.errorId, 'string');
  return body;
}

describe('the schema validator itself', () => {
  it('rejects a wrong type, a bad enum, a bad date and an undeclared field', () => {
    const broken = {
      id: 'oar1',
      status: 'EXPIRED',
      created: 'last week',
      scopes: 'openid',
      userId: 42,
      client_id: 'x',
    };
    const errors = schemaErrors('OAuth2RefreshToken', broken);
    assert.ok(
      errors.some((e) => e.includes('/status')),
      errors.join('\n'),
    );
    assert.ok(
      errors.some((e) => e.includes('/created') && e.includes('date-time')),
      errors.join('\n'),
    );
    assert.ok(
      errors.some((e) => e.includes('/scopes must be array')),
      errors.join('\n'),
    );
    assert.ok(
      errors.some((e) => e.includes('/userId must be string')),
      errors.join('\n'),
    );
    assert.ok(
      errors.some((e) => e.includes('/client_id is not a property')),
      errors.join('\n'),
    );
  });

  it('rejects an Error body whose errorCauses are not objects, and a non-array list', () => {
    assert.notDeepEqual(schemaErrors('Error', { errorCode: 'E0000007', errorCauses: ['text'] }), []);
    assert.notDeepEqual(schemaErrors('AuthorizationServer[]', { id: 'default' }), []);
    assert.notDeepEqual(schemaErrors('OAuth2Client[]', [{ client_id: 1 }]), []);
  });
});

describe('emulator responses match the spec', () => {
  let emu: RunningEmulator;
  let serverId: string;
  let clientId: string;
  let tokenId: string;
  before(async () => {
    emu = await start({
      size: 'demo',
      ssws: { noRole: ['no-role'] },
      rateLimitBuckets: { api: { limit: 1, windowSeconds: 60 } },
    });
    ({ serverId, clientId } = firstPair(emu));
    tokenId = emu.org.listTokens(serverId, clientId)[0].id as string;
  });
  after(() => emu.close());

  it('lists authorization servers (with default, INACTIVE and ACTIVE ones)', async () => {
    const { res, body } = await apiJson<Array<{ id: string; status: string }>>(
      emu,
      '/api/v1/authorizationServers',
    );
    assert.equal(res.status, 200);
    assertValid('AuthorizationServer[]', body);
    assert.equal(body[0].id, 'default');
    assert.ok(body.some((s) => s.status === 'INACTIVE'));
  });

  it('gets each authorization server', async () => {
    for (const s of emu.org.servers()) {
      const { res, body } = await apiJson(emu, `/api/v1/authorizationServers/${s.id}`);
      assert.equal(res.status, 200);
      assertValid('AuthorizationServer', body);
    }
  });

  it('lists the clients of a server', async () => {
    const { res, body } = await apiJson<unknown[]>(emu, `/api/v1/authorizationServers/${serverId}/clients`);
    assert.equal(res.status, 200);
    assert.equal(body.length, 4);
    assertValid('OAuth2Client[]', body);
  });

  it('lists tokens with and without expand=scope, and gets one both ways', async () => {
    const plain = await apiJson<Array<Record<string, unknown>>>(
      emu,
      `${tokensPath(serverId, clientId)}?limit=200`,
    );
    assertValid('OAuth2RefreshToken[]', plain.body);
    assert.ok(plain.body.every((t) => !('_embedded' in t)));
    const expanded = await apiJson<Array<Record<string, unknown>>>(
      emu,
      `${tokensPath(serverId, clientId)}?limit=200&expand=scope`,
    );
    assertValid('OAuth2RefreshToken[]', expanded.body);
    for (const t of expanded.body) {
      const embedded = (t._embedded as { scopes: unknown[] }).scopes;
      assert.equal(embedded.length, (t.scopes as string[]).length);
      for (const s of embedded) assertValid('OAuth2RefreshTokenScope', s);
    }
    const one = await apiJson(emu, `${tokensPath(serverId, clientId)}/${tokenId}`);
    assertValid('OAuth2RefreshToken', one.body);
    const oneExpanded = await apiJson(emu, `${tokensPath(serverId, clientId)}/${tokenId}?expand=scope`);
    assertValid('OAuth2RefreshToken', oneExpanded.body);
  });

  it('lists and gets scopes', async () => {
    const { body } = await apiJson<Array<{ id: string }>>(
      emu,
      `/api/v1/authorizationServers/${serverId}/scopes`,
    );
    assertValid('OAuth2Scope[]', body);
    const one = await apiJson(emu, `/api/v1/authorizationServers/${serverId}/scopes/${body[0].id}`);
    assertValid('OAuth2Scope', one.body);
  });

  it('lists and gets claims, policies, rules and keys of every server, all valid', async () => {
    for (const s of emu.org.servers()) {
      const base = `/api/v1/authorizationServers/${s.id}`;
      const claims = await apiJson<Array<{ id: string }>>(emu, `${base}/claims`);
      assert.equal(claims.res.status, 200);
      assert.ok(claims.res.headers.get('x-rate-limit-remaining'), 'rate-limit headers on claims');
      assertValid('OAuth2Claim[]', claims.body);
      assert.deepEqual(claims.body, emu.org.claims(s.id));
      assertValid('OAuth2Claim', (await apiJson(emu, `${base}/claims/${claims.body[0].id}`)).body);

      const policies = await apiJson<Array<{ id: string }>>(emu, `${base}/policies`);
      assertValid('AuthorizationServerPolicy[]', policies.body);
      assert.ok(policies.body.length >= 1);
      for (const p of policies.body) {
        assertValid('AuthorizationServerPolicy', (await apiJson(emu, `${base}/policies/${p.id}`)).body);
        const rules = await apiJson<Array<{ id: string }>>(emu, `${base}/policies/${p.id}/rules`);
        assertValid('AuthorizationServerPolicyRule[]', rules.body);
        assert.ok(rules.body.length >= 1);
        const rule = await apiJson(emu, `${base}/policies/${p.id}/rules/${rules.body[0].id}`);
        assertValid('AuthorizationServerPolicyRule', rule.body);
      }

      const keys = await apiJson<Array<{ kid: string; status: string }>>(emu, `${base}/credentials/keys`);
      assertValid('AuthorizationServerJsonWebKey[]', keys.body);
      assert.deepEqual(
        keys.body.map((k) => k.status),
        ['ACTIVE', 'NEXT', 'EXPIRED'],
      );
      const key = await apiJson(emu, `${base}/credentials/keys/${keys.body[0].kid}`);
      assertValid('AuthorizationServerJsonWebKey', key.body);
    }
  });

  it('lists associated servers, trusted and not, as AuthorizationServer bodies', async () => {
    const base = `/api/v1/authorizationServers/${serverId}/associatedServers`;
    const trusted = await apiJson<Array<{ id: string }>>(emu, `${base}?trusted=true`);
    assertValid('AuthorizationServer[]', trusted.body);
    assert.equal(trusted.body.length, 1);
    const untrusted = await apiJson<Array<{ id: string }>>(emu, `${base}?trusted=false`);
    assertValid('AuthorizationServer[]', untrusted.body);
    assert.equal(trusted.body.length + untrusted.body.length, emu.org.servers().length - 1);
    assert.ok(!untrusted.body.some((s) => s.id === serverId || s.id === trusted.body[0].id));
    await assertOktaError(await api(emu, `${base}?trusted=maybe`), 400, 'E0000001');
  });

  it('lists and gets users, a user’s clients, tokens and grants, apps, app tokens and grants, all valid', async () => {
    const users = await apiJson<Array<{ id: string; status: string }>>(emu, '/api/v1/users?limit=200');
    assert.equal(users.res.status, 200);
    assertValid('User[]', users.body);
    for (const u of users.body.slice(0, 3)) {
      assertValid('UserGetSingleton', (await apiJson(emu, `/api/v1/users/${u.id}`)).body);
      const clients = await apiJson<Array<{ client_id: string }>>(emu, `/api/v1/users/${u.id}/clients`);
      assertValid('OAuth2Client[]', clients.body);
      assert.ok(clients.body.length > 0, 'a token holder has clients');
      const path = `/api/v1/users/${u.id}/clients/${clients.body[0].client_id}`;
      const tokens = await apiJson<Array<{ id: string }>>(emu, `${path}/tokens?expand=scope`);
      assertValid('OAuth2RefreshToken[]', tokens.body);
      assertValid('OAuth2RefreshToken', (await apiJson(emu, `${path}/tokens/${tokens.body[0].id}`)).body);
      assertValid('OAuth2ScopeConsentGrant[]', (await apiJson(emu, `${path}/grants`)).body);
      const grants = await apiJson<Array<{ id: string }>>(emu, `/api/v1/users/${u.id}/grants?expand=scope`);
      assertValid('OAuth2ScopeConsentGrant[]', grants.body);
      if (grants.body[0])
        assertValid(
          'OAuth2ScopeConsentGrant',
          (await apiJson(emu, `/api/v1/users/${u.id}/grants/${grants.body[0].id}`)).body,
        );
    }
    const apps = await apiJson<Array<{ id: string }>>(emu, '/api/v1/apps?limit=200');
    assertValid('OpenIdConnectApplication[]', apps.body);
    let adminGrants = 0;
    for (const a of apps.body) {
      assertValid('OpenIdConnectApplication', (await apiJson(emu, `/api/v1/apps/${a.id}`)).body);
      const grants = await apiJson<Array<{ id: string }>>(emu, `/api/v1/apps/${a.id}/grants?expand=scope`);
      assertValid('OAuth2ScopeConsentGrant[]', grants.body);
      adminGrants += grants.body.length;
      for (const g of grants.body)
        assertValid(
          'OAuth2ScopeConsentGrant',
          (await apiJson(emu, `/api/v1/apps/${a.id}/grants/${g.id}`)).body,
        );
    }
    assert.ok(adminGrants > 0, 'some app has admin grants');
    const appTokens = await apiJson<Array<{ id: string }>>(
      emu,
      `/api/v1/apps/${clientId}/tokens?expand=scope`,
    );
    assertValid('OAuth2RefreshToken[]', appTokens.body);
    assertValid(
      'OAuth2RefreshToken',
      (await apiJson(emu, `/api/v1/apps/${clientId}/tokens/${tokenId}`)).body,
    );
  });

  it('sends System Log events as LogEvent bodies, including the revoke a DELETE writes', async () => {
    const active = emu.org.listTokens(serverId, clientId).find((t) => t.status === 'ACTIVE');
    const res = await api(emu, `${tokensPath(serverId, clientId)}/${String(active?.id)}`, {
      method: 'DELETE',
    });
    assert.equal(res.status, 204);
    const all = await apiJson<Array<{ eventType: string }>>(
      emu,
      '/api/v1/logs?since=2000-01-01T00:00:00.000Z&limit=1000',
    );
    assert.equal(all.res.status, 200);
    assertValid('LogEvent[]', all.body);
    const types = new Set(all.body.map((e) => e.eventType));
    for (const t of [
      'app.oauth2.as.token.grant.refresh_token',
      'app.oauth2.as.token.grant.access_token',
      'app.oauth2.as.token.grant',
      'app.oauth2.as.token.revoke',
    ])
      assert.ok(types.has(t), `an event of type ${t}`);
    await assertOktaError(await api(emu, '/api/v1/logs?filter=published%20gt%20%222026%22'), 400, 'E0000053');
  });

  it('sends Error bodies for 401, 403 (no session, no role), 404s, 400 and 405', async () => {
    await assertOktaError(await api(emu, '/api/v1/authorizationServers', { token: 'nope' }), 401, 'E0000011');
    await assertOktaError(await api(emu, '/api/v1/authorizationServers', { token: null }), 403, 'E0000005');
    await assertOktaError(
      await api(emu, '/api/v1/authorizationServers', { token: 'no-role' }),
      403,
      'E0000006',
    );
    const nf = await assertOktaError(await api(emu, '/api/v1/authorizationServers/ausNOPE'), 404, 'E0000007');
    assert.equal(nf.errorSummary, 'Not found: Resource not found: ausNOPE (AuthorizationServer)');
    await assertOktaError(await api(emu, tokensPath(serverId, '0oaNOPE')), 404, 'E0000007');
    await assertOktaError(await api(emu, `${tokensPath(serverId, clientId)}/oarNOPE`), 404, 'E0000007');
    await assertOktaError(
      await api(emu, `/api/v1/authorizationServers/${serverId}/scopes/scpNOPE`),
      404,
      'E0000007',
    );
    await assertOktaError(
      await api(emu, `/api/v1/authorizationServers/${serverId}/policies/00pNOPE/rules`),
      404,
      'E0000007',
    );
    await assertOktaError(
      await api(emu, `/api/v1/authorizationServers/${serverId}/credentials/keys/NOPE`),
      404,
      'E0000007',
    );
    await assertOktaError(await api(emu, `${tokensPath(serverId, clientId)}?limit=0`), 400, 'E0000001');
    const notAllowed = await api(emu, `/api/v1/authorizationServers/${serverId}/clients`, {
      method: 'DELETE',
    });
    await assertOktaError(notAllowed, 405, 'E0000022');
  });

  it('sends Error bodies for 429 (bucket), 500 and 503', async () => {
    await api(emu, '/api/v1/groups'); // uses up the 1-request 'api' bucket
    const limited = await api(emu, '/api/v1/groups');
    const body = await assertOktaError(limited, 429, 'E0000047');
    assert.equal(body.errorSummary, 'API call exceeded rate limit due to too many requests.');
    emu.faults.add({ kind: 'status', status: 500 });
    await assertOktaError(await api(emu, '/api/v1/authorizationServers'), 500, 'E0000009');
    emu.faults.add({ kind: 'status', status: 503 });
    await assertOktaError(await api(emu, '/api/v1/authorizationServers'), 503, 'E0000010');
  });

  it('token endpoint errors use the OAuth body, not the management Error', async () => {
    const res = await fetch(`${emu.url}/oauth2/v1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=password',
    });
    assert.equal(res.status, 400);
    const body = (await res.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body).sort(), ['error', 'error_description']);
    assert.equal(body.error, 'unsupported_grant_type');
  });
});
