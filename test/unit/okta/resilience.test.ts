import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { OktaClient, OktaError } from '../../../src/okta';
import { API_TOKEN, withEmulator, type Harness } from './support';

const TOKENS = '/api/v1/authorizationServers/*/clients/*/tokens';

describe('resilience', () => {
  let h: Harness;
  let clientId: string;
  before(async () => {
    h = await withEmulator(
      { size: { servers: 1, clientsPerServer: 1, tokensPerClient: 40, scopesPerServer: 1, users: 5 } },
      { timeoutMs: 400 },
    );
    clientId = h.emu.org.clients('default')[0]!.clientId;
  });
  after(() => h.close());
  beforeEach(() => {
    h.emu.faults.clear();
    h.emu.resetStats();
  });

  const activeToken = () =>
    String(h.emu.org.listTokens('default', clientId).find((t) => t.status === 'ACTIVE')!.id);

  it('waits out a 429 storm and succeeds without the caller seeing a 429', async () => {
    h.emu.faults.add({ kind: 'rate-limit', method: 'GET', path: TOKENS, count: 2, resetSeconds: 1 });
    const started = Date.now();
    const page = await h.client.listRefreshTokens('default', clientId).firstPage();
    assert.equal(page.items.length, 40);
    // The org sent both 429s and the caller saw none. (The client's own count is not compared: on a
    // busy machine one of those answers can reach it after its 400 ms timeout, as a timeout instead.)
    assert.equal(h.emu.stats().byStatus['429'], 2);
    assert.ok(Date.now() - started >= 1000, 'it waited for the reset');
  });

  it('gives up after its bounded 429 retries with E0000047 and when to retry', async () => {
    const c = new OktaClient({
      orgUrl: h.emu.url,
      auth: { kind: 'ssws', token: API_TOKEN },
      retry: { max429Retries: 2 },
    });
    h.emu.faults.add({ kind: 'rate-limit', path: TOKENS, count: Infinity, resetSeconds: 0 });
    await assert.rejects(c.listRefreshTokens('default', clientId).firstPage(), (e: unknown) => {
      assert.ok(e instanceof OktaError);
      assert.equal(e.status, 429);
      assert.equal(e.errorCode, 'E0000047');
      assert.match(e.message, /after 2 waits for the limit to reset/);
      return true;
    });
    assert.equal(h.emu.stats().rateLimited, 3);
    await c.close();
  });

  for (const status of [500, 502, 503, 504] as const) {
    it(`retries a GET after a ${status} and returns the data`, async () => {
      h.emu.faults.add({ kind: 'status', status, method: 'GET', path: TOKENS, count: 2 });
      const page = await h.client.listRefreshTokens('default', clientId).firstPage();
      assert.equal(page.items.length, 40);
    });
  }

  it('does not repeat a DELETE after a 500; the lookup finds the token ACTIVE, so it failed', async () => {
    h.emu.faults.add({ kind: 'status', status: 500, method: 'DELETE', path: `${TOKENS}/*`, count: 1 });
    const r = await h.client.revokeRefreshToken('default', clientId, activeToken());
    assert.equal(r.status, 'failed');
    assert.equal(h.emu.stats().byRoute['DELETE revokeRefreshToken'], 1);
  });

  it('reports a DELETE answered 503 as failed: Okta did not do it', async () => {
    h.emu.faults.add({ kind: 'status', status: 503, method: 'DELETE', path: `${TOKENS}/*`, count: 1 });
    const id = activeToken();
    const r = await h.client.revokeRefreshToken('default', clientId, id);
    assert.equal(r.status, 'failed');
    assert.equal(h.emu.org.getToken('default', clientId, id)?.status, 'ACTIVE');
  });

  for (const after of ['headers', 'partial-body'] as const) {
    it(`retries a GET whose connection is reset (after ${after})`, async () => {
      h.emu.faults.add({ kind: 'reset', after, method: 'GET', path: TOKENS, count: 1 });
      const page = await h.client.listRefreshTokens('default', clientId).firstPage();
      assert.equal(page.items.length, 40);
    });
  }

  it('a revoke that gets no answer is checked, never done: the lookup finds it ACTIVE, so it failed', async () => {
    h.emu.faults.add({ kind: 'hang', method: 'DELETE', path: `${TOKENS}/*`, count: 1 });
    const id = activeToken();
    const r = await h.client.revokeRefreshToken('default', clientId, id);
    assert.equal(r.status, 'failed');
    if (r.status === 'failed') assert.equal(r.error.kind, 'timeout');
    assert.equal(h.emu.stats().byRoute['DELETE revokeRefreshToken'], 1, 'the DELETE was not repeated');
    assert.equal(h.emu.stats().byRoute['GET getRefreshToken'], 1, 'the outcome was checked with a GET');
    assert.equal(h.emu.org.getToken('default', clientId, id)?.status, 'ACTIVE');
  });

  it('a revoke whose 204 arrives before the connection drops counts as done', async () => {
    h.emu.faults.add({ kind: 'reset', after: 'headers', method: 'DELETE', path: `${TOKENS}/*`, count: 1 });
    const id = activeToken();
    assert.deepEqual(await h.client.revokeRefreshToken('default', clientId, id), { status: 'revoked' });
    assert.equal(h.emu.org.getToken('default', clientId, id)?.status, 'REVOKED');
  });

  for (const kind of ['malformed-json', 'truncated-json'] as const) {
    it(`retries a GET that returns ${kind}`, async () => {
      h.emu.faults.add({ kind, method: 'GET', path: TOKENS, count: 1 });
      const page = await h.client.listRefreshTokens('default', clientId).firstPage();
      assert.equal(page.items.length, 40);
    });
  }

  it('explains an HTML page where JSON was expected once retries are spent, and says it was retried', async () => {
    h.emu.faults.add({ kind: 'html', status: 200, method: 'GET', path: TOKENS, count: Infinity });
    await assert.rejects(h.client.listRefreshTokens('default', clientId).firstPage(), (e: unknown) => {
      assert.ok(e instanceof OktaError);
      assert.equal(e.kind, 'shape');
      assert.match(e.message, /HTML page instead of JSON.*proxy or captive portal/);
      assert.match(e.message, /It failed on all 4 attempts\.$/);
      return true;
    });
  });

  it('turns a bare 401/403 challenge into a readable error', async () => {
    h.emu.faults.add({ kind: 'auth-challenge', status: 403, method: 'GET', path: TOKENS, count: 1 });
    await assert.rejects(h.client.listRefreshTokens('default', clientId).firstPage(), (e: unknown) => {
      assert.ok(e instanceof OktaError);
      assert.equal(e.status, 403);
      assert.ok(e.wwwAuthenticate);
      assert.match(e.message, /scope|403/);
      return true;
    });
  });

  it('times out a request that never gets an answer, and retries it as a GET', async () => {
    h.emu.faults.add({ kind: 'hang', method: 'GET', path: TOKENS, count: 1 });
    const page = await h.client.listRefreshTokens('default', clientId).firstPage();
    assert.equal(page.items.length, 40);
    h.emu.faults.add({ kind: 'hang', method: 'GET', path: TOKENS, count: Infinity });
    await assert.rejects(h.client.listRefreshTokens('default', clientId).firstPage(), (e: unknown) => {
      assert.ok(e instanceof OktaError);
      assert.equal(e.kind, 'timeout');
      assert.match(e.message, /did not answer.*It failed on all \d+ attempts\.$/);
      return true;
    });
  });

  it('cancels a slow request promptly when the caller aborts', async () => {
    // A minute's latency: "promptly" is anything well short of it, however busy the machine.
    h.emu.faults.add({ kind: 'latency', ms: 60_000, method: 'GET', path: TOKENS, count: 1 });
    const ac = new AbortController();
    const started = Date.now();
    setTimeout(() => ac.abort(), 50);
    await assert.rejects(
      h.client.listRefreshTokens('default', clientId, {}, { signal: ac.signal }).firstPage(),
      (e: unknown) => {
        assert.ok(e instanceof OktaError);
        assert.equal(e.kind, 'aborted');
        return true;
      },
    );
    assert.ok(Date.now() - started < 30_000, 'the request ran on after the abort');
  });

  it('a revoke cancelled before it is sent is not carried out and says so', async () => {
    const ac = new AbortController();
    ac.abort();
    const id = activeToken();
    const r = await h.client.revokeRefreshToken('default', clientId, id, { signal: ac.signal });
    assert.equal(r.status, 'failed');
    assert.equal(h.emu.org.getToken('default', clientId, id)?.status, 'ACTIVE');
  });
});

describe('limits', () => {
  it('never has more requests in flight than its concurrency', async () => {
    const h = await withEmulator(
      {
        latencyMs: 20,
        size: { servers: 1, clientsPerServer: 1, tokensPerClient: 1, scopesPerServer: 1, users: 1 },
      },
      { concurrency: 3 },
    );
    try {
      await Promise.all(Array.from({ length: 20 }, () => h.client.testConnection()));
      assert.equal(h.emu.stats().maxInFlight, 3);
    } finally {
      await h.close();
    }
  });

  it('slows down before the bucket is empty, learning the limit from the headers', async () => {
    const h = await withEmulator({
      rateLimit: { limit: 15, windowSeconds: 1 },
      size: { servers: 1, clientsPerServer: 1, tokensPerClient: 1, scopesPerServer: 1, users: 1 },
    });
    try {
      const started = Date.now();
      await Promise.all(Array.from({ length: 40 }, () => h.client.testConnection()));
      assert.equal(h.emu.stats().rateLimited, 0, 'no 429 was needed');
      assert.equal(h.client.stats.received429, 0);
      assert.ok(Date.now() - started >= 1500, 'three windows were used');
      assert.ok(h.client.stats.rateLimitPauses > 0);
    } finally {
      await h.close();
    }
  });

  it('waits out a concurrency 429 (limit and remaining both 0)', async () => {
    const h = await withEmulator(
      {
        concurrencyLimit: 2,
        latencyMs: 30,
        size: { servers: 1, clientsPerServer: 1, tokensPerClient: 1, scopesPerServer: 1, users: 1 },
      },
      { concurrency: 4 },
    );
    try {
      await Promise.all(Array.from({ length: 8 }, () => h.client.testConnection()));
      assert.ok(h.emu.stats().concurrencyRejected > 0);
      assert.ok(h.logs.some((l) => /concurrency limit/.test(l)));
    } finally {
      await h.close();
    }
  });
});
