// Rate-limit buckets, headers and 429s; the concurrency limit; latency; unlimited metadata.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { api, start } from './helpers';

function rl(res: Response): { limit: number; remaining: number; reset: number } {
  return {
    limit: Number(res.headers.get('x-rate-limit-limit')),
    remaining: Number(res.headers.get('x-rate-limit-remaining')),
    reset: Number(res.headers.get('x-rate-limit-reset')),
  };
}

describe('rate limits', () => {
  it('counts down X-Rate-Limit-Remaining, then answers 429 E0000047 until the window (started by the first call) resets', async () => {
    const emu = await start({ rateLimit: { limit: 3, windowSeconds: 3 } });
    try {
      const t0 = Date.now();
      const seen = [];
      for (let i = 0; i < 3; i++) {
        const res = await api(emu, '/api/v1/authorizationServers');
        assert.equal(res.status, 200);
        seen.push(rl(res));
        await res.arrayBuffer();
      }
      assert.deepEqual(
        seen.map((h) => h.remaining),
        [2, 1, 0],
      );
      assert.ok(seen.every((h) => h.limit === 3));
      // The window starts at the first request, so Reset is ~3 s after it, in epoch seconds.
      const reset = seen[0].reset;
      assert.ok(
        reset * 1000 >= t0 + 3000 && reset * 1000 <= Date.now() + 4000,
        `reset ${reset} vs start ${t0}`,
      );
      const limited = await api(emu, '/api/v1/authorizationServers/default');
      assert.equal(limited.status, 429);
      assert.deepEqual(rl(limited), { limit: 3, remaining: 0, reset });
      assert.equal(((await limited.json()) as { errorCode: string }).errorCode, 'E0000047');
      // Auth failures count too and still carry the headers.
      const unauth = await api(emu, '/api/v1/authorizationServers', { token: 'bad' });
      assert.equal(unauth.status, 429);
      await new Promise((r) => setTimeout(r, Math.max(0, reset * 1000 - Date.now()) + 50));
      const fresh = await api(emu, '/api/v1/authorizationServers');
      assert.equal(fresh.status, 200);
      assert.equal(rl(fresh).remaining, 2);
      const stats = emu.stats();
      assert.equal(stats.rateLimited, 2);
      assert.equal(stats.byStatus['429'], 2);
    } finally {
      await emu.close();
    }
  });

  it('keeps buckets apart per endpoint group and does not limit metadata or the token endpoint', async () => {
    const emu = await start({
      rateLimit: { limit: 50, windowSeconds: 60 },
      rateLimitBuckets: { authorizationServers: { limit: 1, windowSeconds: 60 } },
    });
    try {
      assert.equal((await api(emu, '/api/v1/authorizationServers')).status, 200);
      assert.equal((await api(emu, '/api/v1/authorizationServers')).status, 429);
      const other = await api(emu, '/api/v1/users');
      assert.equal(other.status, 200);
      assert.equal(rl(other).limit, 50);
      for (let i = 0; i < 5; i++) {
        const meta = await fetch(`${emu.url}/.well-known/oauth-authorization-server`);
        assert.equal(meta.status, 200);
        assert.equal(meta.headers.get('x-rate-limit-limit'), null);
        await meta.arrayBuffer();
        const token = await fetch(`${emu.url}/oauth2/v1/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: '',
        });
        assert.equal(token.status, 400);
        assert.equal(token.headers.get('x-rate-limit-limit'), null);
        await token.arrayBuffer();
      }
    } finally {
      await emu.close();
    }
  });

  it('answers 429 with Limit and Remaining 0 when more requests are in flight than the concurrency limit', async () => {
    const emu = await start({ concurrencyLimit: 3, latencyMs: 800 });
    try {
      const responses = await Promise.all(
        Array.from({ length: 8 }, () => api(emu, '/api/v1/authorizationServers')),
      );
      const ok = responses.filter((r) => r.status === 200);
      const limited = responses.filter((r) => r.status === 429);
      assert.equal(ok.length, 3);
      assert.equal(limited.length, 5);
      for (const r of limited) {
        assert.equal(r.headers.get('x-rate-limit-limit'), '0');
        assert.equal(r.headers.get('x-rate-limit-remaining'), '0');
        assert.ok(Number(r.headers.get('x-rate-limit-reset')) > 0);
        assert.equal(((await r.json()) as { errorCode: string }).errorCode, 'E0000047');
      }
      const stats = emu.stats();
      // All 8 arrived together; the 5 refused ones were in flight only briefly.
      assert.ok(stats.maxInFlight >= 3 && stats.maxInFlight <= 8, `maxInFlight ${stats.maxInFlight}`);
      assert.equal(stats.concurrencyRejected, 5);
      // Once the slow ones finish, there is room again.
      assert.equal((await api(emu, '/api/v1/authorizationServers')).status, 200);
    } finally {
      await emu.close();
    }
  });

  it('applies the configured latency before responding', async () => {
    // Bounds far apart, so a busy machine's slowness cannot be taken for the latency.
    const emu = await start({ latencyMs: 3000, latencyJitterMs: 100 });
    try {
      const t0 = Date.now();
      const res = await api(emu, '/api/v1/authorizationServers');
      await res.arrayBuffer();
      assert.ok(Date.now() - t0 >= 2995, `took ${Date.now() - t0} ms`);
      emu.setLatency(0);
      const t1 = Date.now();
      await (await api(emu, '/api/v1/authorizationServers')).arrayBuffer();
      assert.ok(Date.now() - t1 < 2500, 'the latency still applied after setLatency(0)');
    } finally {
      await emu.close();
    }
  });
});
