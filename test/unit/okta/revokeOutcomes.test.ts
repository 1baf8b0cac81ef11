// What a revoke reports, against the emulator over real HTTP: `revoked` only when the org answered the
// DELETE with an empty 2xx; a 2xx carrying someone else's body (a captive portal's page, a gateway's
// JSON) is looked up, never taken as done; a 404 for ids never seen is `not-found`, nothing revoked;
// a 500 whose lookup shows the token ACTIVE is `failed`; `already-gone` only for a token seen before
// or one a lookup shows REVOKED; `unknown` only when the lookup cannot tell, with what to check.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { withEmulator, API_TOKEN, type Harness } from './support';

const ALL = '/api/v1/authorizationServers/**';
const NOT_FOUND = /^no such server\/client\/token — nothing was revoked/;

describe('revoke outcomes', () => {
  let h: Harness;
  let server: string;
  let clients: string[];
  before(async () => {
    h = await withEmulator(
      { size: { servers: 1, clientsPerServer: 4, tokensPerClient: 30, scopesPerServer: 1, users: 5 } },
      { timeoutMs: 2000 },
    );
    server = h.emu.org.servers()[0]!.id;
    clients = h.emu.org.clients(server).map((c) => c.clientId);
  });
  after(() => h.close());
  beforeEach(() => {
    h.emu.faults.clear();
    h.emu.resetStats();
  });

  const tokenStatus = (clientId: string, id: string) => h.emu.org.getToken(server, clientId, id)?.status;
  /** An active token of the client that no test has touched yet. */
  const used = new Set<string>();
  const freshActive = (clientId: string) => {
    const t = h.emu.org
      .listTokens(server, clientId)
      .find((x) => x.status === 'ACTIVE' && !used.has(String(x.id)));
    assert.ok(t, 'the client has an active token left');
    used.add(String(t.id));
    return String(t.id);
  };
  /** Another admin (or another tool) revokes the token behind this client's back. */
  const revokeElsewhere = async (clientId: string, id: string) => {
    const res = await fetch(
      `${h.emu.url}/api/v1/authorizationServers/${server}/clients/${clientId}/tokens/${id}`,
      { method: 'DELETE', headers: { authorization: `SSWS ${API_TOKEN}` } },
    );
    assert.equal(res.status, 204);
  };

  for (const kind of ['html', 'json'] as const) {
    const what = kind === 'html' ? "a captive portal's 200 HTML page" : "a gateway's 200 JSON body";
    it(`a revoke of one token answered with ${what} is not revoked: the lookup finds it ACTIVE, so it failed`, async () => {
      const c = clients[0]!;
      const id = freshActive(c);
      h.emu.faults.add({ kind, status: 200, method: 'DELETE', path: ALL });
      const r = await h.client.revokeRefreshToken(server, c, id);
      assert.equal(r.status, 'failed');
      assert.match(r.status === 'failed' ? r.message : '', /not Okta's answer.*still ACTIVE/s);
      assert.equal(tokenStatus(c, id), 'ACTIVE');
      assert.equal(h.emu.stats().byRoute['GET getRefreshToken'], 1, 'the token was looked up');
    });

    it(`a revoke of all of a client's tokens answered with ${what} is not revoked: a list shows them ACTIVE`, async () => {
      const c = kind === 'html' ? clients[1]! : clients[2]!;
      const before = h.emu.org.counts(server, c);
      assert.ok(before.active > 0);
      h.emu.faults.add({ kind, status: 200, method: 'DELETE', path: ALL });
      const r = await h.client.revokeRefreshTokens(server, c, { seen: true });
      assert.equal(r.status, 'failed');
      assert.match(r.status === 'failed' ? r.message : '', /\d+ of the client's tokens .*still ACTIVE/);
      assert.deepEqual(h.emu.org.counts(server, c), before, 'nothing was revoked');
    });
  }

  it('a 2xx with a body is decided by the lookup: a token already REVOKED there is already-gone, not revoked', async () => {
    const c = clients[0]!;
    const id = freshActive(c);
    await revokeElsewhere(c, id);
    h.emu.faults.add({ kind: 'html', status: 200, method: 'DELETE', path: ALL });
    const r = await h.client.revokeRefreshToken(server, c, id);
    assert.equal(r.status, 'already-gone');
    assert.match(r.status === 'already-gone' ? r.message : '', /REVOKED/);
  });

  it('a token, a client or a server that does not exist is not-found: nothing was revoked', async () => {
    const c = clients[0]!;
    const before = h.emu.org.counts(server, c);
    const token = await h.client.revokeRefreshToken(server, c, 'oarNoSuchToken123');
    assert.equal(token.status, 'not-found');
    assert.match(token.status === 'not-found' ? token.message : '', NOT_FOUND);
    assert.match(token.status === 'not-found' ? token.message : '', /oarNoSuchToken123/);
    const client = await h.client.revokeRefreshTokens(server, '0oaNoSuchClient');
    assert.equal(client.status, 'not-found');
    assert.match(client.status === 'not-found' ? client.message : '', NOT_FOUND);
    const srv = await h.client.revokeRefreshToken('ausNoSuchServer', c, freshActive(c));
    assert.equal(srv.status, 'not-found');
    assert.deepEqual(h.emu.org.counts(server, c), before);
  });

  it('a 500 on a revoke whose lookup shows the token still ACTIVE is failed: Okta did not do it', async () => {
    const c = clients[0]!;
    const id = freshActive(c);
    h.emu.faults.add({ kind: 'status', status: 500, method: 'DELETE', path: ALL });
    const r = await h.client.revokeRefreshToken(server, c, id);
    assert.equal(r.status, 'failed');
    assert.match(r.status === 'failed' ? r.message : '', /500.*still ACTIVE/s);
    assert.equal(h.emu.stats().byRoute['DELETE revokeRefreshToken'], 1, 'the DELETE was not repeated');
    assert.equal(tokenStatus(c, id), 'ACTIVE');
  });

  it("a 500 on revoke-all whose list shows the client's tokens still ACTIVE is failed", async () => {
    const c = clients[3]!;
    const before = h.emu.org.counts(server, c);
    h.emu.faults.add({ kind: 'status', status: 500, method: 'DELETE', path: ALL });
    const r = await h.client.revokeRefreshTokens(server, c, { seen: true });
    assert.equal(r.status, 'failed');
    assert.deepEqual(h.emu.org.counts(server, c), before);
  });

  it('a 500 whose lookup cannot be made either is unknown, and says what to check', async () => {
    const c = clients[0]!;
    const id = freshActive(c);
    h.emu.faults.add({ kind: 'status', status: 500, method: 'DELETE', path: ALL });
    h.emu.faults.add({ kind: 'html', status: 200, method: 'GET', path: ALL, count: Infinity });
    const r = await h.client.revokeRefreshToken(server, c, id);
    assert.equal(r.status, 'unknown');
    assert.match(r.status === 'unknown' ? r.message : '', /not known.*look the token up/is);
  });

  it('a token listed before and revoked elsewhere since is already-gone, with or without the caller saying it saw it', async () => {
    const c = clients[0]!;
    const listed = (await h.client.listRefreshTokens(server, c).toArray()).filter(
      (t) => t.status === 'ACTIVE' && !used.has(t.id),
    );
    const [a, b] = listed.map((t) => t.id);
    used.add(a!).add(b!);
    await revokeElsewhere(c, a!);
    await revokeElsewhere(c, b!);
    h.emu.resetStats();
    const seen = await h.client.revokeRefreshToken(server, c, a!, { seen: true });
    assert.equal(seen.status, 'already-gone');
    assert.match(seen.status === 'already-gone' ? seen.message : '', /already revoked or deleted/);
    assert.equal(h.emu.stats().byRoute['GET getRefreshToken'] ?? 0, 0, 'no lookup was needed');
    const unseen = await h.client.revokeRefreshToken(server, c, b!);
    assert.equal(unseen.status, 'already-gone');
    assert.match(unseen.status === 'already-gone' ? unseen.message : '', /REVOKED/);
  });

  it('a 204 is revoked, and the org agrees', async () => {
    const c = clients[0]!;
    const id = freshActive(c);
    assert.deepEqual(await h.client.revokeRefreshToken(server, c, id), { status: 'revoked' });
    assert.equal(tokenStatus(c, id), 'REVOKED');
  });
});
