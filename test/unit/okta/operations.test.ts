import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { OktaError } from '../../../src/okta';
import { withEmulator, type Harness } from './support';

describe('client operations against the emulator', () => {
  let h: Harness;
  before(async () => {
    h = await withEmulator({
      size: { servers: 3, clientsPerServer: 2, tokensPerClient: 7, scopesPerServer: 3, users: 6 },
    });
  });
  after(() => h.close());

  it('lists authorization servers, default among them, and filters with q', async () => {
    const servers = await h.client.listAuthorizationServers().toArray();
    assert.deepEqual(
      servers.map((s) => s.id),
      h.emu.org.servers().map((s) => s.id),
    );
    assert.ok(servers.some((s) => s.id === 'default'));
    const second = servers[1]!;
    const filtered = await h.client.listAuthorizationServers({ q: second.name }).toArray();
    assert.ok(filtered.some((s) => s.id === second.id));
    assert.ok(filtered.length < servers.length);
  });

  it('gets one server with its issuer and audiences', async () => {
    const s = await h.client.getAuthorizationServer('default');
    assert.equal(s.id, 'default');
    assert.ok(s.issuer?.startsWith(h.emu.url));
    assert.ok(s.audiences.length > 0);
  });

  it('lists the clients holding tokens on a server', async () => {
    const clients = await h.client.listClients('default').toArray();
    assert.deepEqual(
      clients.map((c) => c.client_id).sort(),
      h.emu.org
        .clients('default')
        .map((c) => c.clientId)
        .sort(),
    );
    assert.ok(clients.every((c) => c.client_name));
  });

  it("lists a client's refresh tokens with scopes embedded, sending limit explicitly", async () => {
    const [c] = h.emu.org.clients('default');
    h.emu.resetStats();
    const page = await h.client.listRefreshTokens('default', c!.clientId).firstPage();
    assert.equal(page.items.length, 7);
    assert.ok(page.items.every((t) => t.clientId === c!.clientId && t.userId && t._embedded?.scopes.length));
    const embedded = page.items[0]!._embedded!.scopes[0]!;
    assert.ok(embedded.name && embedded.description !== undefined);
    const paged = await h.client.listRefreshTokens('default', c!.clientId, { limit: 3 }).collect();
    assert.equal(paged.pages, 3, 'limit=3 over 7 tokens gives three pages');
  });

  it('gets one token, and a missing one fails with E0000007 and advice', async () => {
    const [c] = h.emu.org.clients('default');
    const [t] = h.emu.org.listTokens('default', c!.clientId);
    const token = await h.client.getRefreshToken('default', c!.clientId, String(t!.id));
    assert.equal(token.id, t!.id);
    assert.ok(token._embedded?.scopes.length);
    await assert.rejects(h.client.getRefreshToken('default', c!.clientId, 'oarNOPE'), (e: unknown) => {
      assert.ok(e instanceof OktaError);
      assert.equal(e.status, 404);
      assert.equal(e.errorCode, 'E0000007');
      assert.match(e.message, /deleted, or the id is wrong/);
      assert.ok(e.requestId);
      return true;
    });
  });

  it('revokes one token for real, and a second revoke says it is already gone', async () => {
    const [, c] = h.emu.org.clients('default');
    const active = h.emu.org.listTokens('default', c!.clientId).find((t) => t.status === 'ACTIVE')!;
    const first = await h.client.revokeRefreshToken('default', c!.clientId, String(active.id));
    assert.deepEqual(first, { status: 'revoked' });
    assert.equal(h.emu.org.getToken('default', c!.clientId, String(active.id))?.status, 'REVOKED');
    const again = await h.client.revokeRefreshToken('default', c!.clientId, String(active.id));
    assert.equal(again.status, 'already-gone');
  });

  it("revokes all of a client's tokens", async () => {
    const servers = h.emu.org.servers();
    const sid = servers[1]!.id;
    const [c] = h.emu.org.clients(sid);
    assert.ok(h.emu.org.counts(sid, c!.clientId).active > 0);
    assert.deepEqual(await h.client.revokeRefreshTokens(sid, c!.clientId), { status: 'revoked' });
    const counts = h.emu.org.counts(sid, c!.clientId);
    assert.equal(counts.active + counts.expired, 0);
  });

  it("lists a server's scopes with names, display names and descriptions", async () => {
    const scopes = await h.client.listScopes('default').toArray();
    assert.equal(scopes.length, h.emu.org.scopes('default').length);
    assert.ok(scopes.some((s) => s.name === 'offline_access'));
    assert.ok(scopes.every((s) => s.name && s.id));
  });

  it('tests a connection with one cheap call', async () => {
    h.emu.resetStats();
    await h.client.testConnection();
    assert.equal(h.emu.stats().total, 1);
  });
});
