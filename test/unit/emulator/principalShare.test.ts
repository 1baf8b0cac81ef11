// The per-principal share (principalShare): each SSWS token and each OAuth service app may use only its
// percentage of a bucket, the X-Rate-Limit-* headers keep describing the org bucket, and the share 429
// is the same spec-valid E0000047 Error as a bucket 429.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator } from '../../emulator/index';
import { schemaErrors } from './spec-schema';
import { api, start, TOKEN } from './helpers';

const OTHER = 'ssws-test-token-0002';
const PATH = '/api/v1/authorizationServers';

interface Seen {
  status: number;
  limit: number;
  remaining: number;
  reset: number;
}

async function call(emu: Awaited<ReturnType<typeof start>>, auth: string): Promise<Seen> {
  const res = await api(emu, PATH, { headers: { authorization: auth } });
  await res.arrayBuffer();
  return {
    status: res.status,
    limit: Number(res.headers.get('x-rate-limit-limit')),
    remaining: Number(res.headers.get('x-rate-limit-remaining')),
    reset: Number(res.headers.get('x-rate-limit-reset')),
  };
}

describe('per-principal share', () => {
  it('gives each SSWS token half of the bucket while the headers show the whole org bucket', async () => {
    const emu = await start({
      apiTokens: [TOKEN, OTHER],
      rateLimit: { limit: 10, windowSeconds: 60 },
      principalShare: 50,
    });
    try {
      const a: Seen[] = [];
      for (let i = 0; i < 6; i++) a.push(await call(emu, `SSWS ${TOKEN}`));
      assert.deepEqual(
        a.map((s) => s.status),
        [200, 200, 200, 200, 200, 429],
      );
      // The headers count the org bucket down (10 → 5 left), never the token's own share.
      assert.deepEqual(
        a.slice(0, 5).map((s) => s.remaining),
        [9, 8, 7, 6, 5],
      );
      assert.ok(a.every((s) => s.limit === 10));
      // The share 429 looks like a bucket 429 (Remaining 0) though the org bucket still has 5.
      assert.equal(a[5].remaining, 0);
      assert.equal(a[5].reset, a[0].reset);

      // Another token has its own share of what is left.
      const b: Seen[] = [];
      for (let i = 0; i < 6; i++) b.push(await call(emu, `SSWS ${OTHER}`));
      assert.deepEqual(
        b.map((s) => [s.status, s.remaining]),
        [
          [200, 4],
          [200, 3],
          [200, 2],
          [200, 1],
          [200, 0],
          [429, 0],
        ],
      );
      const stats = emu.stats();
      assert.equal(stats.rateLimited, 2);
      // The first token's 429 came from its share; the second token's from the empty org bucket.
      assert.equal(stats.principalRejected, 1);
    } finally {
      await emu.close();
    }
  });

  it("can report the org bucket's room on the share 429, and a new window restores the share", async () => {
    const emu = await start({
      rateLimit: { limit: 4, windowSeconds: 2 },
      principalShare: 50,
      principalShareRemainingOn429: 'org',
    });
    try {
      const seen: Seen[] = [];
      for (let i = 0; i < 3; i++) seen.push(await call(emu, `SSWS ${TOKEN}`));
      assert.deepEqual(
        seen.map((s) => [s.status, s.remaining]),
        [
          [200, 3],
          [200, 2],
          [429, 2],
        ],
      );
      await new Promise((r) => setTimeout(r, Math.max(0, seen[0].reset * 1000 - Date.now()) + 50));
      const fresh = await call(emu, `SSWS ${TOKEN}`);
      assert.deepEqual([fresh.status, fresh.remaining], [200, 3]);
    } finally {
      await emu.close();
    }
  });

  it('counts every access token of one service app against that app, apart from other apps', async () => {
    const emu = await start({ rateLimit: { limit: 6, windowSeconds: 60 }, principalShare: 50 });
    try {
      const expiresAt = Date.now() + 3600_000;
      const scopes = ['okta.authorizationServers.read'];
      const first = emu.mintAccessToken({ clientId: '0oaAppOne', scopes, expiresAt });
      const second = emu.mintAccessToken({ clientId: '0oaAppOne', scopes, expiresAt });
      const other = emu.mintAccessToken({ clientId: '0oaAppTwo', scopes, expiresAt });
      const statuses: number[] = [];
      for (const t of [first, second, first, second]) statuses.push((await call(emu, `Bearer ${t}`)).status);
      assert.deepEqual(statuses, [200, 200, 200, 429]);
      assert.equal((await call(emu, `Bearer ${other}`)).status, 200);
      assert.equal(emu.stats().principalRejected, 1);
    } finally {
      await emu.close();
    }
  });

  it('sends the share 429 as a spec-valid E0000047 Error body', async () => {
    const emu = await start({ rateLimit: { limit: 2, windowSeconds: 60 }, principalShare: 50 });
    try {
      assert.equal((await call(emu, `SSWS ${TOKEN}`)).status, 200);
      const res = await api(emu, PATH);
      assert.equal(res.status, 429);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
      const body = (await res.json()) as Record<string, unknown>;
      assert.deepEqual(schemaErrors('Error', body), []);
      assert.equal(body.errorCode, 'E0000047');
      assert.equal(body.errorSummary, 'API call exceeded rate limit due to too many requests.');
    } finally {
      await emu.close();
    }
  });

  it('leaves callers without a share unless asked, and refuses a share that is not a percentage', async () => {
    const emu = await start({ rateLimit: { limit: 4, windowSeconds: 60 } });
    try {
      for (let i = 0; i < 4; i++) assert.equal((await call(emu, `SSWS ${TOKEN}`)).status, 200);
      assert.equal(emu.stats().principalRejected, 0);
    } finally {
      await emu.close();
    }
    await assert.rejects(startEmulator({ principalShare: 0 }), /principalShare must be a percentage/);
    await assert.rejects(startEmulator({ principalShare: 150 }), /principalShare must be a percentage/);
  });
});
