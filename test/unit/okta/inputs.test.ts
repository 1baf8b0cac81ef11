// Inputs no request can be built from are refused before anything is sent, and one caller's
// cancellation never fails another caller that shares the same work.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { OktaClient, OktaError } from '../../../src/okta';
import { API_TOKEN, withEmulator, type Harness } from './support';

describe('a pasted API token', () => {
  let h: Harness;
  before(async () => {
    h = await withEmulator();
  });
  after(() => h.close());

  const clientWith = (token: string) => new OktaClient({ orgUrl: h.emu.url, auth: { kind: 'ssws', token } });

  it('works with surrounding blanks or the "SSWS " scheme copied from a curl example', async () => {
    for (const token of [`  ${API_TOKEN}\n`, `SSWS ${API_TOKEN}`, `ssws  ${API_TOKEN}\t`]) {
      const c = clientWith(token);
      try {
        await c.testConnection();
      } finally {
        await c.close();
      }
    }
  });

  it('with a line break, space or smart quote inside is refused before sending, without echoing it', () => {
    h.emu.resetStats();
    for (const [token, why] of [
      [`${API_TOKEN.slice(0, 10)}\n${API_TOKEN.slice(10)}`, /space or line break/],
      [`${API_TOKEN.slice(0, 10)} ${API_TOKEN.slice(10)}`, /space or line break/],
      [`\u201c${API_TOKEN}\u201d`, /outside plain ASCII/],
      ['SSWS', /empty/],
    ] as const) {
      assert.throws(
        () => clientWith(token),
        (e: unknown) => {
          assert.ok(e instanceof OktaError);
          assert.equal(e.kind, 'auth-config');
          assert.match(e.message, why);
          assert.ok(!e.message.includes(API_TOKEN.slice(10)), 'the message echoes the token');
          return true;
        },
      );
    }
    assert.equal(h.emu.stats().total, 0, 'no request reached the org');
  });
});

describe('empty ids', () => {
  let h: Harness;
  before(async () => {
    h = await withEmulator();
  });
  after(() => h.close());

  it('a revoke with an empty token id fails without sending anything (never "revoke all")', async () => {
    const [c] = h.emu.org.clients('default');
    const before = h.emu.org.counts('default', c!.clientId);
    h.emu.resetStats();
    for (const id of ['', '   ']) {
      const r = await h.client.revokeRefreshToken('default', c!.clientId, id);
      assert.equal(r.status, 'failed');
      if (r.status === 'failed') {
        assert.equal(r.error.kind, 'invalid-input');
        assert.match(r.error.message, /empty.*nothing was sent/);
      }
    }
    assert.equal((await h.client.revokeRefreshTokens('default', '')).status, 'failed');
    assert.equal(h.emu.stats().total, 0, 'no request reached the org');
    assert.deepEqual(h.emu.org.counts('default', c!.clientId), before);
  });

  it('reads with an empty id are refused with a clear error', async () => {
    await assert.rejects(h.client.getRefreshToken('default', 'x', ''), (e: unknown) => {
      assert.ok(e instanceof OktaError);
      assert.equal(e.kind, 'invalid-input');
      return true;
    });
    assert.throws(() => h.client.listRefreshTokens('', 'x'), /empty/);
  });
});

describe('a shared service-app token fetch', () => {
  it('is not cancelled for everyone when the first caller cancels', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const h = await withEmulator({
      apiTokens: [API_TOKEN],
      serviceApps: [
        {
          clientId: '0oaShared',
          jwks: { ...rsa.publicKey.export({ format: 'jwk' }), kid: 'k' },
          scopes: ['okta.authorizationServers.read', 'okta.authorizationServers.manage'],
        },
      ],
    });
    const client = new OktaClient({
      orgUrl: h.emu.url,
      auth: {
        kind: 'oauth',
        clientId: '0oaShared',
        privateKey: rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        keyId: 'k',
      },
    });
    try {
      h.emu.faults.add({ kind: 'latency', ms: 300, method: 'POST', path: '/oauth2/v1/token', count: 1 });
      const ac = new AbortController();
      const cancelled = client.testConnection({ signal: ac.signal });
      const other = client.listAuthorizationServers().toArray();
      setTimeout(() => ac.abort(), 50);
      await assert.rejects(cancelled, (e: unknown) => e instanceof OktaError && e.kind === 'aborted');
      assert.ok((await other).length > 0, 'the other caller still got its answer');
      assert.equal(h.emu.stats().byRoute['POST token'], 1);
    } finally {
      await client.close();
      await h.close();
    }
  });
});
