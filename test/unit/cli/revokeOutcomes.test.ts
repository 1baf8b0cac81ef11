// What `okta-tokens exec "DELETE …"` reports, against the emulator over real HTTP: a token is called
// revoked only when the org answered 204; a captive portal's 200 page is not a revoke (exit 4, tokens
// still ACTIVE); ids that do not exist are not-found, nothing revoked, exit 4; a 500 whose lookup shows
// the token ACTIVE is failed; a token listed and then revoked elsewhere is already-gone, exit 0.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { EXIT } from '../../../src/cli/run';
import { cliRunner } from './support';

const TOKEN = 'cli-revoke-outcomes-token-5e1d';
const R = 'okta.authorizationservers.refresh_tokens';
const PORTAL = {
  kind: 'html',
  status: 200,
  method: 'DELETE',
  path: '/api/v1/authorizationServers/**',
} as const;
let emu: RunningEmulator;
let server: string;
let clients: string[];

before(async () => {
  emu = await startEmulator({
    port: 0,
    seed: 13,
    size: 'servers=1,clients=4,tokens=12,users=5',
    apiTokens: [TOKEN],
  });
  server = emu.org.servers()[0]!.id;
  clients = emu.org.clients(server).map((c) => c.clientId);
});
after(async () => emu.close());
beforeEach(() => emu.faults.clear());

const run = cliRunner(() => ({ url: emu.url, token: TOKEN }));
type Row = { tokenId: string; outcome: string; message: string | null };
const del = (clientId: string, tokenId?: string, authServerId = server) =>
  `DELETE FROM ${R} WHERE subdomain='acme' AND authServerId='${authServerId}' AND clientId='${clientId}'${tokenId ? ` AND tokenId='${tokenId}'` : ''}`;
const revokeJson = async (sql: string) => {
  const r = await run(['exec', sql, '--yes', '-o', 'json']);
  return { ...r, rows: r.out ? (JSON.parse(r.out) as Row[]) : [] };
};
const active = (clientId: string) =>
  (emu.org.listTokens(server, clientId) as { id: string; status: string }[])
    .filter((t) => t.status === 'ACTIVE')
    .map((t) => t.id);
const status = (clientId: string, id: string) =>
  (emu.org.getToken(server, clientId, id) as { status: string } | undefined)?.status;

test("a captive portal's 200 page answering DELETE of one token: not revoked, exit 4, the token still ACTIVE", async () => {
  const c = clients[0]!;
  const id = active(c)[0]!;
  emu.faults.add(PORTAL);
  const r = await revokeJson(del(c, id));
  assert.equal(r.code, EXIT.partial, r.err);
  assert.deepEqual(
    r.rows.map((x) => [x.tokenId, x.outcome]),
    [[id, 'failed']],
  );
  assert.match(r.rows[0]!.message ?? '', /HTML page, which is not Okta's answer.*still ACTIVE/);
  assert.match(r.err, /-- 0 of 1 revoked; 1 not revoked: 1 failed/);
  assert.equal(status(c, id), 'ACTIVE');
});

test("a captive portal's 200 page answering DELETE of all a client's tokens: none revoked, exit 4, all still ACTIVE", async () => {
  const c = clients[1]!;
  const before = emu.org.counts(server, c);
  assert.ok(before.active > 0);
  emu.faults.add(PORTAL);
  const r = await revokeJson(del(c));
  assert.equal(r.code, EXIT.partial, r.err);
  assert.ok(r.rows.length > 0);
  assert.ok(
    r.rows.every((x) => x.outcome === 'failed'),
    JSON.stringify(r.rows.map((x) => x.outcome)),
  );
  assert.doesNotMatch(r.out, /"revoked"/);
  assert.deepEqual(emu.org.counts(server, c), before, 'nothing was revoked');
});

test('ids that do not exist are not-found, nothing was revoked, exit 4', async () => {
  const c = clients[2]!;
  const before = emu.org.counts(server, c);
  for (const sql of [
    del(c, 'oarNoSuchToken0001'),
    del('0oaNoSuchClient0001'),
    del(c, undefined, 'ausNoSuch0001'),
  ]) {
    const r = await revokeJson(sql);
    assert.equal(r.code, EXIT.partial, `${sql}\n${r.err}`);
    assert.equal(r.rows.length, 1);
    assert.equal(r.rows[0]!.outcome, 'not-found');
    assert.match(r.rows[0]!.message ?? '', /^no such server\/client\/token — nothing was revoked/);
    assert.match(r.err, /not-found: no such server\/client\/token — nothing was revoked/);
  }
  assert.deepEqual(emu.org.counts(server, c), before);
});

test('a 500 on the DELETE whose lookup shows the token still ACTIVE is failed, exit 4', async () => {
  const c = clients[2]!;
  const id = active(c)[0]!;
  emu.faults.add({ kind: 'status', status: 500, method: 'DELETE', path: '/api/v1/authorizationServers/**' });
  const r = await revokeJson(del(c, id));
  assert.equal(r.code, EXIT.partial, r.err);
  assert.equal(r.rows[0]!.outcome, 'failed');
  assert.match(r.rows[0]!.message ?? '', /500.*still ACTIVE/);
  assert.equal(status(c, id), 'ACTIVE');
});

test('a token listed, then revoked elsewhere, is already-gone with the reason, exit 0', async () => {
  const c = clients[3]!;
  const listed = await run([
    'exec',
    `SELECT id, status FROM ${R} WHERE subdomain='acme' AND authServerId='${server}' AND clientId='${c}'`,
    '-o',
    'json',
  ]);
  const id = (JSON.parse(listed.out) as { id: string; status: string }[]).find(
    (t) => t.status === 'ACTIVE',
  )!.id;
  const elsewhere = await revokeJson(del(c, id));
  assert.equal(elsewhere.rows[0]!.outcome, 'revoked');
  const r = await revokeJson(del(c, id));
  assert.equal(r.code, EXIT.ok, r.err);
  assert.equal(r.rows[0]!.outcome, 'already-gone');
  assert.match(r.rows[0]!.message ?? '', /REVOKED/);
  assert.match(r.err, /-- 1 of 1 revoked \(1 already gone\)/);
});
