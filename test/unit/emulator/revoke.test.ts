// Revocation really changes the org: one token, then all of a client's, as seen over HTTP and
// through the in-process inspector.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningEmulator } from '../../emulator/index';
import { api, apiJson, start, tokensPath, type TokenJson } from './helpers';

describe('revocation', () => {
  let emu: RunningEmulator;
  let serverId: string;
  let clientId: string;
  before(async () => {
    emu = await start({
      size: { servers: 2, clientsPerServer: 3, tokensPerClient: 40, scopesPerServer: 2, users: 10 },
    });
    serverId = 'default';
    clientId = emu.org.clients(serverId)[0].clientId;
  });
  after(() => emu.close());

  it('DELETE one token → 204, the token stays listed as REVOKED with a later lastUpdated; a second DELETE → 404', async () => {
    const target = (emu.org.listTokens(serverId, clientId) as unknown as TokenJson[]).find(
      (t) => t.status === 'ACTIVE',
    );
    assert.ok(target);
    const before = emu.org.counts(serverId, clientId);
    const res = await api(emu, `${tokensPath(serverId, clientId)}/${target.id}`, { method: 'DELETE' });
    assert.equal(res.status, 204);
    assert.equal(await res.text(), '');
    const { body } = await apiJson<TokenJson>(emu, `${tokensPath(serverId, clientId)}/${target.id}`);
    assert.equal(body.status, 'REVOKED');
    assert.ok(Date.parse(body.lastUpdated) > Date.parse(target.lastUpdated));
    const list = await apiJson<TokenJson[]>(emu, `${tokensPath(serverId, clientId)}?limit=200`);
    assert.equal(list.body.find((t) => t.id === target.id)?.status, 'REVOKED');
    const afterCounts = emu.org.counts(serverId, clientId);
    assert.equal(afterCounts.revoked, before.revoked + 1);
    assert.equal(afterCounts.total, before.total);
    const again = await apiJson<{ errorCode: string }>(
      emu,
      `${tokensPath(serverId, clientId)}/${target.id}`,
      { method: 'DELETE' },
    );
    assert.equal(again.res.status, 404);
    assert.equal(again.body.errorCode, 'E0000007');
  });

  it('DELETE all of a client’s tokens → 204 and every one of them is REVOKED; other clients are untouched', async () => {
    const other = emu.org.clients(serverId)[1].clientId;
    const otherBefore = emu.org.counts(serverId, other);
    const res = await api(emu, tokensPath(serverId, clientId), { method: 'DELETE' });
    assert.equal(res.status, 204);
    const { body } = await apiJson<TokenJson[]>(emu, `${tokensPath(serverId, clientId)}?limit=200`);
    assert.equal(body.length, 40);
    assert.ok(body.every((t) => t.status === 'REVOKED'));
    assert.deepEqual(emu.org.counts(serverId, clientId), { total: 40, active: 0, revoked: 40, expired: 0 });
    assert.deepEqual(emu.org.counts(serverId, other), otherBefore);
  });

  it('revoking on an unknown client or server is 404 E0000007', async () => {
    assert.equal((await api(emu, tokensPath(serverId, '0oaUNKNOWN'), { method: 'DELETE' })).status, 404);
    assert.equal((await api(emu, tokensPath('ausUNKNOWN', clientId), { method: 'DELETE' })).status, 404);
  });
});
