// The client against an org where its API token may use only half of each bucket (Okta's default
// per-principal share) while the X-Rate-Limit-* headers describe the whole org bucket: a crawl and a batch
// of revokes that need several windows still finish with nothing failed and no 429 reaching the caller.
// The 429s the client received on the way are reported as test diagnostics.
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { withEmulator } from './support';

// 20 requests per 1 s window, of which this token may use 10: every scenario below needs 4+ windows.
const RATE = { limit: 20, windowSeconds: 1 };
const SIZE = { servers: 3, clientsPerServer: 4, tokensPerClient: 450, scopesPerServer: 1, users: 20 };

for (const remainingOn429 of ['zero', 'org'] as const) {
  describe(`a 50 % share per API token (share 429 says Remaining: ${remainingOn429 === 'zero' ? '0' : "the org's room"})`, () => {
    // A share 429 that says Remaining 0 looks like another app emptying the bucket, so the client takes
    // it for its share only when a second window ends the same way: up to one 429 per request in
    // flight (8) in each window it needs to learn (one when the 429 shows the org's room, else two).
    const bound = remainingOn429 === 'zero' ? 16 : 8;
    const start = () =>
      withEmulator({
        size: SIZE,
        rateLimit: RATE,
        principalShare: 50,
        principalShareRemainingOn429: remainingOn429,
      });
    it('crawls every token of every client without a failure or a 429 reaching the caller', async (t: TestContext) => {
      const h = await start();
      try {
        const ids: string[] = [];
        const servers = await h.client.listAuthorizationServers().toArray();
        await Promise.all(
          servers.map(async (s) => {
            const clients = await h.client.listClients(s.id).toArray();
            await Promise.all(
              clients.map(async (c) => {
                for await (const tok of h.client.listRefreshTokens(s.id, c.client_id)) ids.push(tok.id);
              }),
            );
          }),
        );
        const expected = SIZE.servers * SIZE.clientsPerServer * SIZE.tokensPerClient;
        assert.equal(ids.length, expected);
        assert.equal(new Set(ids).size, expected);
        const stats = h.emu.stats();
        // 1 + 3 + 12 × 3 pages: four windows' worth of this token's share.
        assert.equal(stats.total - stats.rateLimited, 40);
        assert.equal(h.client.stats.received429, stats.rateLimited);
        // Every 429 was the share's (the org bucket never ran dry); the client learned the ceiling
        // within `bound` 429s and stayed under it afterwards. Without that, it ran into the share
        // every window (10–24 × 429).
        assert.equal(stats.principalRejected, stats.rateLimited);
        assert.ok(
          h.client.stats.received429 <= bound,
          `the client kept running into its share: ${h.client.stats.received429} × 429`,
        );
        t.diagnostic(`crawl: 40 requests, ${h.client.stats.received429} × 429 received`);
      } finally {
        await h.close();
      }
    });

    it('revokes a batch that needs several windows, every token revoked and none failed', async (t: TestContext) => {
      const h = await start();
      try {
        const server = h.emu.org.servers()[0]!.id;
        const picks = h.emu.org.clients(server).flatMap((c) =>
          h.emu.org
            .listTokens(server, c.clientId)
            .filter((tok) => tok.status === 'ACTIVE')
            .slice(0, 12)
            .map((tok) => ({ clientId: c.clientId, tokenId: String(tok.id) })),
        );
        assert.equal(picks.length, 48);
        const outcomes = await Promise.all(
          picks.map((p) => h.client.revokeRefreshToken(server, p.clientId, p.tokenId)),
        );
        assert.deepEqual(
          outcomes.filter((o) => o.status !== 'revoked'),
          [],
        );
        for (const p of picks) {
          const tok = h.emu.org.listTokens(server, p.clientId).find((x) => String(x.id) === p.tokenId);
          assert.equal(tok?.status, 'REVOKED', `token ${p.tokenId} is revoked in the org`);
        }
        const stats = h.emu.stats();
        assert.equal(stats.principalRejected, stats.rateLimited);
        assert.equal(h.client.stats.received429, stats.rateLimited);
        assert.ok(
          h.client.stats.received429 <= bound,
          `the client kept running into its share: ${h.client.stats.received429} × 429`,
        );
        t.diagnostic(`revoke: 48 DELETEs, ${h.client.stats.received429} × 429 received`);
      } finally {
        await h.close();
      }
    });
  });
}
