// The emulator as an authorization server, driven like an app drives Okta: authorize with PKCE,
// exchange the code, verify the access token against the server's keys (jose), refresh with rotation,
// reuse an old refresh token after the leeway — and see what Okta documents: invalid_grant, the chain
// REVOKED in the Management API, and the grant, refresh and reuse events in the System Log.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, decodeJwt, jwtVerify, SignJWT } from 'jose';
import type { RunningEmulator } from '../../emulator/index';
import { api, apiJson, EPOCH, start, tokensPath, type TokenJson } from './helpers';

interface AppJson {
  id: string;
  credentials: { oauthClient: { token_endpoint_auth_method: string } };
  settings: {
    oauthClient: { redirect_uris: string[]; refresh_token: { rotation_type: string; leeway: number } };
  };
}
interface TokenResponse {
  access_token: string;
  id_token?: string;
  refresh_token?: string;
  expires_in: number;
  scope: string;
  token_type: string;
}
interface LogJson {
  eventType: string;
  outcome: { result: string; reason?: string };
  target: Array<{ id: string; type: string }>;
  debugContext: { debugData: { grantType?: string } };
}

const SERVER = 'default';

describe('the emulator as an authorization server', () => {
  let emu: RunningEmulator;
  let user: { id: string; login: string };
  before(async () => {
    emu = await start({ size: 'demo', epochMs: EPOCH });
    const u = emu.org.users().find((x) => x.status === 'ACTIVE');
    assert.ok(u);
    user = u;
  });
  after(() => emu.close());

  const issuer = (): string => `${emu.url}/oauth2/${SERVER}`;

  function app(pick: (a: AppJson) => boolean): AppJson {
    const a = (emu.org.apps() as unknown as AppJson[]).find(pick);
    assert.ok(a, 'the demo org has such an app');
    return a;
  }

  /** Signs the user in (login_hint) and exchanges the code; returns the token response. */
  async function signIn(
    a: AppJson,
    scope = 'openid profile offline_access',
    secret?: string,
  ): Promise<TokenResponse> {
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const redirectUri = a.settings.oauthClient.redirect_uris[0];
    const q = new URLSearchParams({
      client_id: a.id,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope,
      state: 'st4te',
      nonce: 'n0nce',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      login_hint: user.login,
    });
    const res = await fetch(`${issuer()}/v1/authorize?${q}`, { redirect: 'manual' });
    assert.equal(res.status, 302);
    const location = new URL(res.headers.get('location') ?? '');
    assert.ok(location.href.startsWith(redirectUri), location.href);
    assert.equal(location.searchParams.get('state'), 'st4te');
    const code = location.searchParams.get('code');
    assert.ok(code, location.toString());
    const { status, body } = await token(
      a,
      { grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier },
      secret,
    );
    assert.equal(status, 200, JSON.stringify(body));
    return body as TokenResponse;
  }

  async function token(
    a: AppJson,
    params: Record<string, string>,
    secret?: string,
  ): Promise<{ status: number; body: TokenResponse | { error: string; error_description: string } }> {
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    const form = new URLSearchParams(params);
    if (secret) headers.authorization = `Basic ${Buffer.from(`${a.id}:${secret}`).toString('base64')}`;
    else form.set('client_id', a.id);
    const res = await fetch(`${issuer()}/v1/token`, { method: 'POST', headers, body: form });
    return { status: res.status, body: (await res.json()) as TokenResponse };
  }

  /** The user's tokens of the app, as the Management API's user path lists them (oldest first). */
  async function refreshRecord(a: AppJson): Promise<TokenJson[]> {
    const { body } = await apiJson<TokenJson[]>(
      emu,
      `/api/v1/users/${user.id}/clients/${a.id}/tokens?limit=200`,
    );
    return body;
  }

  async function events(types: string[]): Promise<LogJson[]> {
    const { body } = await apiJson<LogJson[]>(
      emu,
      `/api/v1/logs?since=2000-01-01T00:00:00Z&limit=1000&filter=${encodeURIComponent(
        types.map((t) => `eventType eq "${t}"`).join(' or '),
      )}&q=${user.id}`,
    );
    return body;
  }

  it('a public client signs in with PKCE; its access token verifies against the server’s keys and its refresh token is a Management API token', async () => {
    const spa = app(
      (a) =>
        a.credentials.oauthClient.token_endpoint_auth_method === 'none' &&
        a.settings.oauthClient.refresh_token.rotation_type === 'ROTATE',
    );
    const before = (await refreshRecord(spa)).length;
    const t = await signIn(spa);
    assert.equal(t.token_type, 'Bearer');
    assert.equal(t.expires_in, 3600, "the default rule's 60-minute access lifetime");
    const jwks = createRemoteJWKSet(new URL(`${issuer()}/v1/keys`));
    const { payload, protectedHeader } = await jwtVerify(t.access_token, jwks, {
      issuer: issuer(),
      audience: 'api://default',
    });
    assert.equal(protectedHeader.alg, 'RS256');
    assert.equal(protectedHeader.kid, emu.authServers.activeKid(SERVER));
    assert.equal(payload.cid, spa.id);
    assert.equal(payload.uid, user.id);
    assert.equal(payload.sub, user.login);
    assert.deepEqual(payload.scp, ['openid', 'profile', 'offline_access']);
    const id = await jwtVerify(t.id_token ?? '', jwks, { issuer: issuer(), audience: spa.id });
    assert.equal(id.payload.sub, user.id);
    assert.equal(id.payload.nonce, 'n0nce');
    assert.ok(t.refresh_token);
    const listed = await refreshRecord(spa);
    assert.equal(listed.length, before + 1);
    const mine = listed[listed.length - 1];
    assert.equal(mine.status, 'ACTIVE');
    assert.deepEqual(mine.scopes, ['openid', 'profile', 'offline_access']);
    const viaServer = await apiJson<TokenJson>(emu, `${tokensPath(SERVER, spa.id)}/${mine.id}`);
    assert.equal(viaServer.body.status, 'ACTIVE');
  });

  it('rotation: each refresh returns a new refresh token; reuse inside the leeway works, after it → invalid_grant, the chain REVOKED and detect_reuse logged', async () => {
    const spa = app(
      (a) =>
        a.credentials.oauthClient.token_endpoint_auth_method === 'none' &&
        a.settings.oauthClient.refresh_token.rotation_type === 'ROTATE' &&
        a.settings.oauthClient.refresh_token.leeway > 0,
    );
    const leeway = spa.settings.oauthClient.refresh_token.leeway;
    const first = await signIn(spa);
    const r1 = await token(spa, { grant_type: 'refresh_token', refresh_token: first.refresh_token ?? '' });
    assert.equal(r1.status, 200);
    const second = r1.body as TokenResponse;
    assert.ok(second.refresh_token && second.refresh_token !== first.refresh_token, 'rotated');
    assert.equal(decodeJwt(second.access_token).uid, user.id);
    const chain = (await refreshRecord(spa)).slice(-2);
    assert.deepEqual(
      chain.map((t) => t.status),
      ['REVOKED', 'ACTIVE'],
      'the used token is invalidated once the new one is issued',
    );
    // A retry with the old token inside the leeway (a second tab) still gets tokens.
    emu.clock.advance((leeway - 1) * 1000);
    const retry = await token(spa, { grant_type: 'refresh_token', refresh_token: first.refresh_token ?? '' });
    assert.equal(retry.status, 200);
    // After the leeway, the old token is a reuse.
    emu.clock.advance(2000);
    const reuse = await token(spa, { grant_type: 'refresh_token', refresh_token: first.refresh_token ?? '' });
    assert.equal(reuse.status, 400);
    assert.deepEqual(reuse.body, {
      error: 'invalid_grant',
      error_description: 'The refresh token is invalid or expired.',
    });
    const after = await refreshRecord(spa);
    assert.ok(
      after.slice(-3).every((t) => t.status === 'REVOKED'),
      'every token of the chain is REVOKED',
    );
    const dead = await token(spa, { grant_type: 'refresh_token', refresh_token: second.refresh_token });
    assert.equal(dead.status, 400, 'the newest token of the chain is gone too');
    const log = await events([
      'app.oauth2.as.token.grant.refresh_token',
      'app.oauth2.as.token.detect_reuse',
      'app.oauth2.as.token.grant',
    ]);
    assert.ok(
      log.some(
        (e) =>
          e.eventType === 'app.oauth2.as.token.grant.refresh_token' &&
          e.debugContext.debugData.grantType === 'refresh_token',
      ),
    );
    assert.ok(
      log.some(
        (e) => e.eventType === 'app.oauth2.as.token.detect_reuse' && e.target.some((x) => x.id === spa.id),
      ),
    );
    assert.ok(
      log.some(
        (e) =>
          e.eventType === 'app.oauth2.as.token.grant' &&
          e.outcome.result === 'FAILURE' &&
          e.outcome.reason === 'invalid_refresh_token',
      ),
    );
  });

  it('a STATIC confidential client gets the same refresh token back; an idle window without use ends it', async () => {
    const web = app(
      (a) =>
        a.credentials.oauthClient.token_endpoint_auth_method === 'client_secret_basic' &&
        a.settings.oauthClient.refresh_token.rotation_type === 'STATIC',
    );
    const secret = emu.clientSecret(web.id);
    const wrong = await token(web, { grant_type: 'refresh_token', refresh_token: 'x' }, 'not-the-secret');
    assert.equal(wrong.status, 401);
    const t = await signIn(web, 'openid offline_access', secret);
    const again = await token(
      web,
      { grant_type: 'refresh_token', refresh_token: t.refresh_token ?? '' },
      secret,
    );
    assert.equal(again.status, 200);
    assert.equal((again.body as TokenResponse).refresh_token, t.refresh_token);
    // The default rule's idle window is 7 days: six days later the token still works and its window starts over…
    emu.clock.advance(6 * 24 * 3600_000);
    assert.equal(
      (await token(web, { grant_type: 'refresh_token', refresh_token: t.refresh_token ?? '' }, secret))
        .status,
      200,
    );
    // …and 7 days without a refresh end it.
    emu.clock.advance(7 * 24 * 3600_000 + 1000);
    const idle = await token(
      web,
      { grant_type: 'refresh_token', refresh_token: t.refresh_token ?? '' },
      secret,
    );
    assert.equal(idle.status, 400);
    assert.equal((idle.body as { error: string }).error, 'invalid_grant');
  });

  async function introspect(a: AppJson, value: string): Promise<Record<string, unknown>> {
    const res = await fetch(`${issuer()}/v1/introspect?client_id=${a.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: value }),
    });
    assert.equal(res.status, 200);
    return (await res.json()) as Record<string, unknown>;
  }

  it('a refresh token revoked through the Management API cannot be used, and introspection says so for it and its access token', async () => {
    const spa = app((a) => a.credentials.oauthClient.token_endpoint_auth_method === 'none');
    const t = await signIn(spa);
    const live = await introspect(spa, t.refresh_token ?? '');
    assert.equal(live.active, true);
    assert.equal(live.uid, user.id);
    const access = await introspect(spa, t.access_token);
    assert.equal(access.active, true);
    assert.equal(access.client_id, spa.id);
    const listed = await refreshRecord(spa);
    const mine = listed[listed.length - 1];
    const res = await api(emu, `/api/v1/users/${user.id}/clients/${spa.id}/tokens/${mine.id}`, {
      method: 'DELETE',
    });
    assert.equal(res.status, 204);
    const r = await token(spa, { grant_type: 'refresh_token', refresh_token: t.refresh_token ?? '' });
    assert.equal(r.status, 400);
    assert.equal((r.body as { error: string }).error, 'invalid_grant');
    assert.deepEqual(await introspect(spa, t.refresh_token ?? ''), { active: false });
    assert.deepEqual(
      await introspect(spa, t.access_token),
      { active: false },
      'revoking a refresh token ends its access tokens',
    );
  });

  it('the rotation scenario signs users in, rotates their tokens and, losing a race after the leeway, gets caught reusing one', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 300 && !seen.has('app.oauth2.as.token.detect_reuse'); i++) {
      emu.scenario.step();
      emu.clock.advance(61_000); // past any leeway (at most 60 s)
      for (const e of emu.org.logEvents().slice(-30)) seen.add(String(e.eventType));
    }
    for (const t of [
      'app.oauth2.as.authorize.code',
      'app.oauth2.as.token.grant.refresh_token',
      'app.oauth2.as.token.detect_reuse',
    ])
      assert.ok(seen.has(t), `the scenario logged ${t}`);
  });

  it('a service app gets a user-less access token with client_credentials and its secret', async () => {
    const svc = (
      emu.org.apps() as unknown as Array<AppJson & { settings: { oauthClient: { grant_types: string[] } } }>
    ).find((a) => a.settings.oauthClient.grant_types.includes('client_credentials'));
    assert.ok(svc, 'the demo org has a service app');
    const scope =
      (emu.org.scopes(SERVER) as Array<{ name: string; system: boolean }>).find((x) => !x.system)?.name ?? '';
    const secret = emu.clientSecret(svc.id);
    const ok = await token(svc, { grant_type: 'client_credentials', scope }, secret);
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    const t = ok.body as TokenResponse;
    assert.equal(t.refresh_token, undefined);
    assert.equal(t.id_token, undefined);
    const { payload } = await jwtVerify(t.access_token, createRemoteJWKSet(new URL(`${issuer()}/v1/keys`)), {
      issuer: issuer(),
      audience: 'api://default',
    });
    assert.equal(payload.sub, svc.id);
    assert.equal(payload.cid, svc.id);
    assert.equal(payload.uid, undefined);
    assert.deepEqual(payload.scp, [scope]);
    const openid = await token(svc, { grant_type: 'client_credentials', scope: 'openid' }, secret);
    assert.equal((openid.body as { error: string }).error, 'invalid_scope');
    const spa = app((a) => a.credentials.oauthClient.token_endpoint_auth_method === 'none');
    const notAllowed = await token(spa, { grant_type: 'client_credentials', scope });
    assert.equal((notAllowed.body as { error: string }).error, 'unauthorized_client');
  });

  it('a private_key_jwt client authenticates with a signed client assertion by its registered key, once per jti', async () => {
    const web = app((a) => a.credentials.oauthClient.token_endpoint_auth_method === 'private_key_jwt');
    const registered = (
      web.settings.oauthClient as unknown as { jwks: { keys: Array<{ kid: string; n: string }> } }
    ).jwks.keys[0];
    const key = emu.clientKey(web.id);
    const assertion = (aud: string, jti: string): Promise<string> =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'RS256', kid: registered.kid })
        .setIssuer(web.id)
        .setSubject(web.id)
        .setAudience(aud)
        .setIssuedAt()
        .setExpirationTime('5m')
        .setJti(jti)
        .sign(key);
    const post = async (
      form: Record<string, string>,
    ): Promise<{ status: number; body: Record<string, unknown> }> => {
      const res = await fetch(`${issuer()}/v1/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          ...form,
        }),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    // Sign in, then refresh with an assertion.
    const verifier = randomBytes(32).toString('base64url');
    const redirectUri = web.settings.oauthClient.redirect_uris[0];
    const q = new URLSearchParams({
      client_id: web.id,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'openid offline_access',
      state: 's',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
      login_hint: user.login,
    });
    const redirect = await fetch(`${issuer()}/v1/authorize?${q}`, { redirect: 'manual' });
    const code = new URL(redirect.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const signedIn = await post({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
      client_assertion: await assertion(`${issuer()}/v1/token`, 'jti-1'),
    });
    assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body));
    const replay = await post({
      grant_type: 'refresh_token',
      refresh_token: String(signedIn.body.refresh_token),
      client_assertion: await assertion(`${issuer()}/v1/token`, 'jti-1'),
    });
    assert.equal(replay.status, 401, 'an assertion’s jti is single use');
    const wrongAud = await post({
      grant_type: 'refresh_token',
      refresh_token: String(signedIn.body.refresh_token),
      client_assertion: await assertion(`${emu.url}/oauth2/v1/token`, 'jti-2'),
    });
    assert.equal(wrongAud.status, 401, 'aud must be this server’s token endpoint');
    const refreshed = await post({
      grant_type: 'refresh_token',
      refresh_token: String(signedIn.body.refresh_token),
      client_assertion: await assertion(`${issuer()}/v1/token`, 'jti-3'),
    });
    assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));
    const withSecret = await token(
      web,
      { grant_type: 'refresh_token', refresh_token: 'x' },
      'a-secret-value',
    );
    assert.equal(withSecret.status, 401, 'a private_key_jwt client cannot use a secret');
  });

  it('refuses a wrong PKCE verifier, an unregistered redirect URI, a used code and an unknown server', async () => {
    const spa = app((a) => a.credentials.oauthClient.token_endpoint_auth_method === 'none');
    const redirectUri = spa.settings.oauthClient.redirect_uris[0];
    const q = (extra: Record<string, string>): string =>
      new URLSearchParams({
        client_id: spa.id,
        redirect_uri: redirectUri,
        response_type: 'code',
        scope: 'openid offline_access',
        state: 's',
        code_challenge: createHash('sha256').update('a'.repeat(43)).digest('base64url'),
        code_challenge_method: 'S256',
        login_hint: user.login,
        ...extra,
      }).toString();
    const bad = await fetch(
      `${issuer()}/v1/authorize?${q({ redirect_uri: 'https://evil.example.com/cb' })}`,
      { redirect: 'manual' },
    );
    assert.equal(bad.status, 400);
    const noPkce = await fetch(`${issuer()}/v1/authorize?${q({}).replace(/&code_challenge=[^&]*/, '')}`, {
      redirect: 'manual',
    });
    assert.equal(new URL(noPkce.headers.get('location') ?? '').searchParams.get('error'), 'invalid_request');
    const ok = await fetch(`${issuer()}/v1/authorize?${q({})}`, { redirect: 'manual' });
    const code = new URL(ok.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const wrong = await token(spa, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      code_verifier: 'b'.repeat(43),
    });
    assert.deepEqual(wrong.body, { error: 'invalid_grant', error_description: 'PKCE verification failed.' });
    const failed = emu.org
      .logEvents()
      .filter((e) => e.eventType === 'app.oauth2.as.token.grant')
      .map((e) => (e.outcome as { reason?: string }).reason);
    assert.ok(failed.includes('pkce_verification_failed'), 'the failed exchange is logged with its reason');
    const used = await token(spa, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      code_verifier: 'a'.repeat(43),
    });
    assert.equal(used.status, 400, 'a code is single use, even after a failed exchange');
    const unknown = await fetch(`${emu.url}/oauth2/ausNOPE/v1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=refresh_token',
    });
    assert.equal(unknown.status, 404);
  });
});
