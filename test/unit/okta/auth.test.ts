import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { OktaClient, OktaError } from '../../../src/okta';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { API_TOKEN, captureLogger } from './support';

const READ = 'okta.authorizationServers.read';
const MANAGE = 'okta.authorizationServers.manage';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const rsaPem = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const ecJwk = JSON.stringify({ ...ec.privateKey.export({ format: 'jwk' }), kid: 'ec-1' });
const pub = (k: typeof rsa.publicKey, kid: string) => ({ ...k.export({ format: 'jwk' }), kid });

describe('authentication', () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await startEmulator({
      port: 0,
      seed: 3,
      size: 'tiny',
      apiTokens: [API_TOKEN],
      ssws: { noRole: ['00NoRoleToken-abcdefghijklmnop'], readOnly: ['00ReadOnlyToken-abcdefghijklm'] },
      serviceApps: [
        { clientId: '0oaBearerApp', jwks: pub(rsa.publicKey, 'rsa-1'), scopes: [READ, MANAGE] },
        {
          clientId: '0oaDpopApp',
          jwks: pub(ec.publicKey, 'ec-1'),
          scopes: [READ, MANAGE],
          requireDpop: true,
        },
        { clientId: '0oaReadOnlyApp', jwks: pub(rsa.publicKey, 'rsa-1'), scopes: [READ] },
      ],
    });
  });
  after(() => emu.close());

  const oauth = (clientId: string, privateKey: string, scopes?: string[], logs: string[] = []) =>
    new OktaClient({
      orgUrl: emu.url,
      auth: {
        kind: 'oauth',
        clientId,
        privateKey,
        keyId: clientId === '0oaDpopApp' ? undefined : 'rsa-1',
        scopes,
      },
      logger: captureLogger(logs),
    });

  it('works with an SSWS API token', async () => {
    const c = new OktaClient({ orgUrl: emu.url, auth: { kind: 'ssws', token: API_TOKEN } });
    assert.ok((await c.listAuthorizationServers().toArray()).length > 0);
    await c.close();
  });

  it('rejects a wrong API token with E0000011 and never repeats the token', async () => {
    const bad = '00WrongToken-zyxwvutsrqponmlk';
    const c = new OktaClient({ orgUrl: emu.url, auth: { kind: 'ssws', token: bad } });
    await assert.rejects(c.testConnection(), (e: unknown) => {
      assert.ok(e instanceof OktaError);
      assert.equal(e.status, 401);
      assert.equal(e.errorCode, 'E0000011');
      assert.match(e.message, /Create a new one/);
      assert.ok(!JSON.stringify(e.toJSON()).includes(bad));
      return true;
    });
    await c.close();
  });

  it('explains a token whose admin lacks a role (E0000006)', async () => {
    const c = new OktaClient({
      orgUrl: emu.url,
      auth: { kind: 'ssws', token: '00NoRoleToken-abcdefghijklmnop' },
    });
    await assert.rejects(c.testConnection(), /API Access Management Administrator/);
    await c.close();
  });

  it('tells a read-only admin’s token that revoking needs a managing role, while listing works', async () => {
    const c = new OktaClient({
      orgUrl: emu.url,
      auth: { kind: 'ssws', token: '00ReadOnlyToken-abcdefghijklm' },
    });
    try {
      const [cl] = emu.org.clients('default');
      const tokens = await c.listRefreshTokens('default', cl!.clientId).toArray();
      assert.ok(tokens.length > 0, 'a read-only admin can list');
      const r = await c.revokeRefreshToken('default', cl!.clientId, tokens[0]!.id);
      assert.equal(r.status, 'failed');
      if (r.status === 'failed') {
        assert.equal(r.error.errorCode, 'E0000006');
        assert.match(r.error.message, /read-only role lets it list tokens, not revoke them/);
        assert.match(r.error.message, /okta\.authzServers\.manage/);
      }
    } finally {
      await c.close();
    }
  });

  it('gets a Bearer token with private_key_jwt (RSA PEM) and caches it across calls', async () => {
    emu.resetStats();
    const c = oauth('0oaBearerApp', rsaPem);
    await Promise.all([c.testConnection(), c.testConnection(), c.listClients('default').toArray()]);
    await c.testConnection();
    assert.equal(emu.stats().byRoute['POST token'], 1, 'one token request serves every call');
    await c.close();
  });

  it('does the DPoP nonce round when the app requires DPoP (EC JWK key)', async () => {
    emu.resetStats();
    const c = oauth('0oaDpopApp', ecJwk);
    const servers = await c.listAuthorizationServers().toArray();
    assert.ok(servers.length > 0);
    const [cl] = emu.org.clients('default');
    const [tok] = emu.org.listTokens('default', cl!.clientId).filter((t) => t.status === 'ACTIVE');
    assert.deepEqual(await c.revokeRefreshToken('default', cl!.clientId, String(tok!.id)), {
      status: 'revoked',
    });
    const tokenCalls = emu.stats().byRoute['POST token'];
    assert.ok(
      tokenCalls! >= 2 && tokenCalls! <= 3,
      `token endpoint called ${tokenCalls} times (plain, DPoP, DPoP+nonce)`,
    );
    await c.close();
  });

  it('names the missing scope when a read-only app tries to revoke', async () => {
    const c = oauth('0oaReadOnlyApp', rsaPem, [READ]);
    const [cl] = emu.org.clients('default');
    const [tok] = emu.org.listTokens('default', cl!.clientId).filter((t) => t.status === 'ACTIVE');
    const r = await c.revokeRefreshToken('default', cl!.clientId, String(tok!.id));
    assert.equal(r.status, 'failed');
    if (r.status === 'failed') {
      assert.equal(r.error.wwwAuthenticate?.error, 'insufficient_scope');
      assert.match(r.error.message, /lacks the scope okta\.authorizationServers\.manage/);
    }
    assert.equal(emu.org.getToken('default', cl!.clientId, String(tok!.id))?.status, 'ACTIVE');
    await c.close();
  });

  it('explains a key the app does not know (invalid_client) without leaking the assertion', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const logs: string[] = [];
    const c = oauth('0oaBearerApp', other, undefined, logs);
    await assert.rejects(c.testConnection(), (e: unknown) => {
      assert.ok(e instanceof OktaError);
      assert.equal(e.oauthError?.error, 'invalid_client');
      assert.match(e.message, /public half is registered/);
      assert.doesNotMatch(e.message + logs.join('\n'), /eyJ|BEGIN PRIVATE KEY/);
      return true;
    });
    await c.close();
  });

  it('a token-endpoint error that quotes the client assertion back shows it nowhere: message, toJSON, logs', async () => {
    // Some proxies and IdPs answer with the request repeated in error_description.
    emu.faults.add({ kind: 'echo', path: '/oauth2/v1/token' });
    const logs: string[] = [];
    const c = oauth('0oaBearerApp', rsaPem, undefined, logs);
    try {
      await assert.rejects(c.testConnection(), (e: unknown) => {
        assert.ok(e instanceof OktaError);
        assert.equal(e.oauthError?.error, 'invalid_client');
        // The echo arrived (the form is quoted), with the assertion's value taken out everywhere.
        assert.match(e.oauthError?.description ?? '', /client_assertion_type=.*client_assertion=\[redacted/);
        const everywhere = [e.message, String(e), e.stack, JSON.stringify(e), ...logs].join('\n');
        assert.match(e.message, /Client authentication failed for the request/);
        assert.doesNotMatch(everywhere, /eyJ[\w-]+\.[\w-]+\./);
        return true;
      });
    } finally {
      emu.faults.clear();
      await c.close();
    }
  });

  it("an API error that quotes the request's API token back keeps it out of errorSummary, causes and toJSON", async () => {
    emu.faults.add({ kind: 'echo', status: 403, path: '/api/v1/**' });
    const logs: string[] = [];
    const c = new OktaClient({
      orgUrl: emu.url,
      auth: { kind: 'ssws', token: API_TOKEN },
      logger: captureLogger(logs),
    });
    try {
      await assert.rejects(c.listAuthorizationServers().toArray(), (e: unknown) => {
        assert.ok(e instanceof OktaError);
        assert.equal(e.status, 403);
        assert.match(e.errorSummary ?? '', /authorization: SSWS \[redacted\]/);
        assert.ok(e.errorCauses.length > 0);
        const everywhere = [e.message, JSON.stringify(e.toJSON()), e.errorSummary, ...e.errorCauses, ...logs];
        assert.ok(!everywhere.join('\n').includes(API_TOKEN));
        return true;
      });
    } finally {
      emu.faults.clear();
      await c.close();
    }
  });

  it('connects read-only when the app lacks .manage: listing works and revoking names the scope', async () => {
    emu.resetStats();
    const c = oauth('0oaReadOnlyApp', rsaPem);
    const full = oauth('0oaBearerApp', rsaPem);
    try {
      // The connection test says so before any revoke is tried; an app with both scopes may revoke.
      assert.deepEqual(await c.testConnection(), { mayRevoke: false });
      assert.deepEqual(await full.testConnection(), { mayRevoke: true });
      assert.ok((await c.listAuthorizationServers().toArray()).length > 0);
      const [cl] = emu.org.clients('default');
      const [tok] = emu.org.listTokens('default', cl!.clientId).filter((t) => t.status === 'ACTIVE');
      const r = await c.revokeRefreshToken('default', cl!.clientId, String(tok!.id));
      assert.equal(r.status, 'failed');
      if (r.status === 'failed') assert.match(r.error.message, /okta\.authorizationServers\.manage/);
      assert.equal(emu.org.getToken('default', cl!.clientId, String(tok!.id))?.status, 'ACTIVE');
    } finally {
      await c.close();
      await full.close();
    }
  });

  it('asking for scopes the app was not granted is explained', async () => {
    const c = oauth('0oaReadOnlyApp', rsaPem, [READ, MANAGE]);
    await assert.rejects(c.testConnection(), /Okta API Scopes/);
    await c.close();
  });
});
