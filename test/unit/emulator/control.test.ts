// The /__emulator/* control endpoints that let tests in another process (the VS Code extension
// host) read stats and counts and program faults. Off unless controlApi is set.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { api, firstPair, start, tokensPath } from './helpers';

describe('control API', () => {
  it('is not served by default', async () => {
    const emu = await start();
    try {
      const res = await fetch(`${emu.url}/__emulator/stats`);
      assert.equal(res.status, 404);
      assert.equal(((await res.json()) as { errorCode: string }).errorCode, 'E0000007');
    } finally {
      await emu.close();
    }
  });

  it('adds, lists and clears faults, reports stats and counts', async () => {
    const emu = await start({ controlApi: true });
    try {
      const { serverId, clientId } = firstPair(emu);
      const ctl = `${emu.url}/__emulator`;
      const added = await fetch(`${ctl}/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          kind: 'status',
          status: 503,
          method: 'GET',
          path: '/api/v1/authorizationServers',
          count: null,
        }),
      });
      assert.equal(added.status, 201);
      assert.equal(typeof ((await added.json()) as { id: number }).id, 'number');
      const listed = (await (await fetch(`${ctl}/faults`)).json()) as Array<{ remaining: number | null }>;
      assert.equal(listed.length, 1);
      for (let i = 0; i < 3; i++) assert.equal((await api(emu, '/api/v1/authorizationServers')).status, 503);
      assert.equal((await fetch(`${ctl}/faults`, { method: 'DELETE' })).status, 204);
      assert.equal((await api(emu, '/api/v1/authorizationServers')).status, 200);

      const stats = (await (await fetch(`${ctl}/stats`)).json()) as {
        byRoute: Record<string, number>;
        byStatus: Record<string, number>;
      };
      assert.equal(stats.byRoute['GET listAuthorizationServers'], 4);
      assert.equal(stats.byStatus['503'], 3);

      assert.equal((await api(emu, tokensPath(serverId, clientId), { method: 'DELETE' })).status, 204);
      const counts = (await (
        await fetch(`${ctl}/counts?serverId=${serverId}&clientId=${clientId}`)
      ).json()) as { total: number; revoked: number };
      assert.equal(counts.revoked, counts.total);

      const bad = await fetch(`${ctl}/faults`, { method: 'POST', body: JSON.stringify({ kind: 'explode' }) });
      assert.equal(bad.status, 400);
      assert.match(((await bad.json()) as { error: string }).error, /Unknown fault kind "explode"/);
      assert.equal((await fetch(`${ctl}/stats`, { method: 'DELETE' })).status, 204);
    } finally {
      await emu.close();
    }
  });
});
