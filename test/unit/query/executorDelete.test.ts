// DELETE through the executor against the emulator over loopback HTTP: a revoke-all whose listing
// stops at the page cap says so (truncated + a note) while every token is still revoked; each row's
// outcome is the client's (a portal's 200 page is not a revoke, unknown ids are not-found, a 500 with
// the token still ACTIVE failed, a token revoked elsewhere already-gone); and a plan with a blank path
// parameter or a non-label subdomain is refused before any request is sent.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { OktaClient } from '../../../src/okta';
import { analyzeDocument } from '../../../src/query/analyzer';
import { allRevoked, execute, QueryExecutionError } from '../../../src/query/executor';
import type { DeletePlan, Plan } from '../../../src/query/planner';
import type { RunningEmulator } from '../../emulator/index';
import { withEmulator, type Harness } from '../okta/support';

const R = 'okta.authorizationservers.refresh_tokens';

describe('executor DELETE', () => {
  let h: Harness;
  let emu: RunningEmulator;
  let client: OktaClient;
  let server: string;
  let clients: string[];
  before(async () => {
    h = await withEmulator({
      seed: 9,
      size: { servers: 1, clientsPerServer: 3, tokensPerClient: 450, scopesPerServer: 1, users: 5 },
    });
    ({ emu, client } = h);
    server = emu.org.servers()[0]!.id;
    clients = emu.org.clients(server).map((c) => c.clientId);
  });
  after(() => h.close());

  function plan(sql: string): DeletePlan {
    const doc = analyzeDocument(sql);
    const p = doc.statements[0]!.plan;
    assert.equal(p?.kind, 'delete', JSON.stringify(doc.diagnostics));
    return p as DeletePlan;
  }
  const revokeAll = (clientId: string) =>
    `DELETE FROM ${R} WHERE subdomain = 'acme' AND authServerId = '${server}' AND clientId = '${clientId}';`;

  it('revoke-all listed only up to the page cap: result is truncated with a note, yet all tokens are revoked', async () => {
    const c = clients[0]!;
    const n = emu.org.counts(server, c);
    const unrevoked = n.total - n.revoked;
    assert.ok(n.total > 200, `needs more than one 200-token page, has ${n.total}`);
    const r = await execute(plan(revokeAll(c)), client, { pageCap: 1 });
    assert.equal(r.truncated, true);
    assert.ok(r.rows.length <= 200 && r.rows.length < unrevoked, `${r.rows.length} rows`);
    assert.ok(
      r.notes.some((n) => /ALL refresh tokens .* revoked, but only the first \d+ are listed/.test(n)),
    );
    assert.equal(r.pagesFetched, 1);
    assert.equal(emu.org.counts(server, c).active, 0, 'Okta revoked every one, listed or not');
  });

  it('revoke-all within the cap is not truncated and names every token', async () => {
    const c = clients[1]!;
    const n = emu.org.counts(server, c);
    const r = await execute(plan(revokeAll(c)), client, { pageCap: 10 });
    assert.equal(r.truncated, false);
    assert.deepEqual(r.notes, []);
    // Every token not already revoked is named (expired ones included: Okta still lists them).
    assert.equal(r.rows.length, n.total - n.revoked);
    assert.equal(emu.org.counts(server, c).active, 0);
  });

  it("revoke-all answered by a captive portal's 200 page: every row not revoked, tokens still ACTIVE, no 'were revoked' note", async () => {
    const c = clients[2]!;
    const before = emu.org.counts(server, c);
    emu.faults.add({ kind: 'html', status: 200, method: 'DELETE', path: '/api/v1/authorizationServers/**' });
    try {
      const r = await execute(plan(revokeAll(c)), client, { pageCap: 1 });
      assert.ok(r.revokes!.length > 0);
      assert.deepEqual([...new Set(r.revokes!.map((x) => x.outcome))], ['failed']);
      assert.equal(allRevoked(r), false);
      assert.ok(!r.notes.some((n) => /were revoked/.test(n)), r.notes.join('\n'));
    } finally {
      emu.faults.clear();
    }
    assert.deepEqual(emu.org.counts(server, c), before);
  });

  it('a DELETE naming a client or token that does not exist is one not-found row: nothing revoked', async () => {
    for (const sql of [
      revokeAll('0oaNoSuchClient'),
      `DELETE FROM ${R} WHERE subdomain = 'acme' AND authServerId = '${server}' AND clientId = '${clients[2]}' AND tokenId = 'oarNoSuchToken';`,
    ]) {
      const r = await execute(plan(sql), client);
      assert.deepEqual(
        r.revokes!.map((x) => x.outcome),
        ['not-found'],
      );
      assert.match(r.revokes![0]!.message ?? '', /^no such server\/client\/token — nothing was revoked/);
      assert.equal(allRevoked(r), false);
    }
  });

  it('a 500 on one token whose lookup shows it still ACTIVE is a failed row', async () => {
    const c = clients[2]!;
    const t = emu.org.listTokens(server, c).find((x) => x.status === 'ACTIVE')!;
    emu.faults.add({
      kind: 'status',
      status: 500,
      method: 'DELETE',
      path: '/api/v1/authorizationServers/**',
    });
    const r = await execute(
      plan(
        `DELETE FROM ${R} WHERE subdomain = 'acme' AND authServerId = '${server}' AND clientId = '${c}' AND tokenId = '${String(t.id)}';`,
      ),
      client,
    );
    assert.equal(r.revokes![0]!.outcome, 'failed');
    assert.match(r.revokes![0]!.message ?? '', /still ACTIVE/);
    assert.equal(emu.org.getToken(server, c, String(t.id))?.status, 'ACTIVE');
  });

  it('a token listed by a SELECT and revoked elsewhere before the DELETE is already-gone', async () => {
    const c = clients[2]!;
    const sel = await execute(
      analyzeDocument(
        `SELECT id, status FROM ${R} WHERE subdomain = 'acme' AND authServerId = '${server}' AND clientId = '${c}';`,
      ).statements[0]!.plan as Plan,
      client,
    );
    const id = String(sel.rows.find((t) => t.status === 'ACTIVE')!.id);
    const one = `DELETE FROM ${R} WHERE subdomain = 'acme' AND authServerId = '${server}' AND clientId = '${c}' AND tokenId = '${id}';`;
    await client.revokeRefreshToken(server, c, id); // another admin, another tool
    const r = await execute(plan(one), client);
    assert.equal(r.revokes![0]!.outcome, 'already-gone');
    assert.match(r.revokes![0]!.message ?? '', /REVOKED/);
    assert.equal(allRevoked(r), true);
  });

  it('a blank path parameter or a non-label subdomain in a plan is refused before any request', async () => {
    const c = clients[2]!;
    const before = emu.org.counts(server, c).active;
    const one = plan(
      `DELETE FROM ${R} WHERE subdomain = 'acme' AND authServerId = '${server}' AND clientId = '${c}' AND tokenId = 'oar1';`,
    );
    emu.resetStats();
    for (const params of [
      { ...one.params, tokenId: '' },
      { ...one.params, clientId: '  ' },
      { ...one.params, authServerId: '' },
      { ...one.params, subdomain: 'evil.example#' },
    ]) {
      await assert.rejects(
        execute({ ...one, params }, client),
        (e: unknown) => e instanceof QueryExecutionError && /^not run: /.test(e.message),
      );
    }
    assert.equal(emu.stats().total, 0, 'no request reached the org');
    assert.equal(emu.org.counts(server, c).active, before);
  });
});
