// The command-line runner against the Okta org emulator over real HTTP: the corrected seed examples
// run and print the same rows the API holds, in table / json / csv; the seed example as published
// fails with file:line:col diagnostics and exit 1; DELETE needs --yes (or a typed "yes"); errors map to
// exit codes. One test spawns the built bundle as a user would (`node dist/cli.js`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { runCli, EXIT } from '../../../src/cli/run';
import { cliRunner } from './support';
import { SEED_SELECT } from '../query/helpers';

const TOKEN = 'cli-test-token-123456';
let emu: RunningEmulator;
let server: string;
let client: string;
let client2: string;

before(async () => {
  emu = await startEmulator({ port: 0, seed: 11, size: 'tiny', apiTokens: [TOKEN] });
  server = emu.org.servers()[0]!.id;
  [client, client2] = emu.org.clients(server).map((c) => c.clientId) as [string, string];
});
after(async () => emu.close());

const run = cliRunner(() => ({ url: emu.url, token: TOKEN }));

const R = 'okta.authorizationservers.refresh_tokens';
const list = () =>
  `SELECT id, userId, status, scopes FROM ${R} WHERE subdomain = 'acme' AND authServerId = '${server}' AND clientId = '${client}' AND expand = 'scope';`;

test('corrected list example prints exactly the tokens the org holds, as json', async () => {
  const r = await run(['exec', list(), '--output', 'json']);
  assert.equal(r.code, EXIT.ok, r.err);
  const rows = JSON.parse(r.out) as { id: string; userId: string; status: string; scopes: string[] }[];
  const expected = emu.org.listTokens(server, client) as { id: string; userId: string }[];
  assert.deepEqual(rows.map((x) => x.id).sort(), expected.map((x) => x.id).sort());
  assert.ok(rows.length > 0);
  assert.ok(Array.isArray(rows[0]!.scopes));
  assert.match(
    r.err,
    /list_refresh_tokens_for_authorization_server_and_client · 1 API call\(s\) · 1 page\(s\) \(cap 20\)/,
  );
});

test('table and csv outputs carry the same rows; csv header can be hidden', async () => {
  const j = JSON.parse((await run(['exec', list(), '-o', 'json'])).out) as Record<string, unknown>[];
  const t = await run(['exec', list()]);
  for (const row of j) assert.ok(t.out.includes(String(row.id)));
  assert.match(t.out.split('\n')[1]!, /^\| id +\| userId +\| status +\| scopes +\|$/);
  const c = await run(['exec', list(), '-o', 'csv']);
  const lines = c.out.trim().split('\r\n');
  assert.equal(lines[0], 'id,userId,status,scopes');
  assert.equal(lines.length, j.length + 1);
  assert.match(lines[1]!, /^oar|^[\w]+,/);
  const h = await run(['exec', list(), '-o', 'csv', '-H']);
  assert.equal(h.out.trim().split('\r\n').length, j.length);
});

test("the seed example as published: file:line:col diagnostics with the editor's wording, exit 1, nothing sent", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'iql-'));
  const f = join(dir, 'seed.iql');
  writeFileSync(f, SEED_SELECT);
  emu.resetStats();
  const r = await run(['exec', '-i', f]);
  assert.equal(r.code, EXIT.diagnostics);
  assert.ok(
    r.err.includes(
      `${f}:14:1: error: query cannot be executed, missing required parameters: { authServerId, clientId } [missing-required-params]`,
    ),
    r.err,
  );
  assert.ok(r.err.includes(`${f}:14:19: warning: unfilled placeholder {{ subdomain }}`), r.err);
  assert.equal(emu.stats().total, 0, 'no request reaches the org');
});

test('seed example after the fix runs with --var values; local filters, ORDER BY and LIMIT apply', async () => {
  const fixed = SEED_SELECT.replace(/;$/, ` AND authServerId = '${server}' AND clientId = '${client}';`);
  const r = await run([
    'exec',
    fixed,
    '--var',
    'subdomain=acme',
    '--var',
    'expand=scope',
    '--var',
    'after=',
    '--var',
    'limit=2',
    '-o',
    'json',
  ]);
  assert.equal(r.code, EXIT.ok, r.err);
  const rows = JSON.parse(r.out) as { id: string }[];
  assert.equal(rows.length, emu.org.listTokens(server, client).length);
  const one = await run([
    'exec',
    `SELECT id, userId FROM ${R} WHERE subdomain='x' AND authServerId='${server}' AND clientId='${client}' AND status = 'ACTIVE' ORDER BY id DESC LIMIT 1`,
    '-o',
    'json',
  ]);
  const got = JSON.parse(one.out) as { id: string }[];
  const active = (emu.org.listTokens(server, client) as { id: string; status: string }[])
    .filter((t) => t.status === 'ACTIVE')
    .map((t) => t.id)
    .sort();
  assert.deepEqual(
    got.map((x) => x.id),
    [active[active.length - 1]],
  );
});

test('FANOUT: tokens of one user across every server and client in one query', async () => {
  const all = emu.org
    .servers()
    .flatMap((s) =>
      emu.org
        .clients(s.id)
        .flatMap((c) => emu.org.listTokens(s.id, c.clientId) as { id: string; userId: string }[]),
    );
  const user = all[0]!.userId;
  const r = await run([
    'exec',
    `SELECT /*+ FANOUT */ id, userId FROM ${R} WHERE subdomain = 'acme' AND userId = '${user}'`,
    '-o',
    'json',
  ]);
  assert.equal(r.code, EXIT.ok, r.err);
  assert.deepEqual(
    (JSON.parse(r.out) as { id: string }[]).map((x) => x.id).sort(),
    all
      .filter((t) => t.userId === user)
      .map((t) => t.id)
      .sort(),
  );
  assert.match(r.err, /warning: FANOUT/);
});

test('DELETE needs --yes or a typed yes; outcomes per token; bulk revoke empties the client', async () => {
  const tokens = emu.org.listTokens(server, client2) as { id: string; status: string }[];
  const one = tokens[0]!.id;
  const del = `DELETE FROM ${R} WHERE subdomain='acme' AND authServerId='${server}' AND clientId='${client2}' AND tokenId='${one}'`;
  const refused = await run(['exec', del]);
  assert.equal(refused.code, EXIT.declined);
  assert.match(refused.err, /not run\. Pass --yes/);
  assert.ok(emu.org.getToken(server, client2, one), 'still there');
  const declined = await run(['exec', del], { ask: async () => 'no' });
  assert.equal(declined.code, EXIT.declined);
  const ok = await run(['exec', del, '-o', 'json'], {
    ask: async (q) => (assert.match(q, /Type 'yes'/), 'yes'),
  });
  assert.equal(ok.code, EXIT.ok, ok.err);
  assert.deepEqual(JSON.parse(ok.out), [{ tokenId: one, userId: null, outcome: 'revoked', message: null }]);
  const bulk = await run([
    'exec',
    `DELETE FROM ${R} WHERE subdomain='acme' AND authServerId='${server}' AND clientId='${client2}'`,
    '--yes',
    '-o',
    'json',
  ]);
  assert.equal(bulk.code, EXIT.ok, bulk.err);
  const outcomes = JSON.parse(bulk.out) as { outcome: string }[];
  assert.ok(outcomes.length >= 1 && outcomes.every((o) => o.outcome === 'revoked'));
  assert.match(bulk.err, /warning: no tokenId: this revokes ALL refresh tokens/);
  assert.equal(emu.org.counts(server, client2).active, 0);
});

test('exit codes: usage 2 (also for missing credentials), bad credentials 3 with a clear message and no secret', async () => {
  assert.equal((await run(['exec'])).code, EXIT.usage);
  assert.equal((await run(['frobnicate'])).code, EXIT.usage);
  assert.equal((await run(['exec', 'x', '--output', 'xml'])).code, EXIT.usage);
  let err = '';
  const bad = await runCli(['exec', list()], {
    stdout: () => undefined,
    stderr: (s) => (err += s),
    env: { OKTA_API_TOKEN: 'wrong-secret-token-999', OKTA_ORG_URL: emu.url },
  });
  assert.equal(bad, EXIT.runtime);
  assert.match(err, /error: .*(401|token|credential)/i);
  assert.doesNotMatch(err, /wrong-secret-token-999/);
  const none = await runCli(['exec', list()], {
    stdout: () => undefined,
    stderr: (s) => (err = s),
    env: { OKTA_ORG_URL: emu.url },
  });
  assert.equal(none, EXIT.usage);
  assert.match(err, /no credentials: set OKTA_API_TOKEN/);
  const check = await run(['check', `SHOW METHODS IN ${R}`]);
  assert.equal(check.code, EXIT.ok);
});

test('SHOW METHODS runs without credentials or network, and marks the methods that cannot run', async () => {
  let out = '';
  const code = await runCli(['exec', `SHOW METHODS IN ${R}`, '-o', 'csv'], {
    stdout: (s) => (out += s),
    stderr: () => undefined,
    env: {},
  });
  assert.equal(code, EXIT.ok);
  assert.match(out, /^MethodName,RequiredParams,SQLVerb,Runs\r\n/);
  assert.match(
    out,
    /list_refresh_tokens_for_authorization_server_and_client,"subdomain, authServerId, clientId",SELECT,yes\r\n/,
  );
  assert.match(
    out,
    /revoke_refresh_token_for_authorization_server_and_client,.*,DELETE,yes \(revokes; asks to confirm\)/,
  );
  let apps = '';
  await runCli(['exec', 'SHOW METHODS IN okta.apps.applications', '-o', 'csv'], {
    stdout: (s) => (apps += s),
    stderr: () => undefined,
    env: {},
  });
  assert.match(apps, /\r\nactivate_application,"subdomain, appId",EXEC,no: not run by this extension\r\n/);
  assert.match(apps, /\r\nget_application,"subdomain, appId",SELECT,yes\r\n/);
});

test('the built bundle runs as `node dist/cli.js` with the same rows', async () => {
  const root = join(__dirname, '../../..');
  if (!existsSync(join(root, 'dist/cli.js')))
    assert.equal(spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' }).status, 0);
  const inproc = JSON.parse((await run(['exec', list(), '-o', 'json'])).out) as unknown;
  // Async spawn: the emulator lives in this process and must keep answering while the child runs.
  const child = spawn(
    process.execPath,
    [join(root, 'dist/cli.js'), 'exec', list(), '-o', 'json', '--org-url', emu.url],
    {
      env: { ...process.env, OKTA_API_TOKEN: TOKEN, OKTA_ORG_URL: '' },
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const status = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  assert.equal(status, 0, stderr);
  assert.deepEqual(JSON.parse(stdout), inproc);
});

test('a subdomain that is not one DNS label never builds an org URL: exit 1, no connection to any host', async () => {
  // A bare TCP listener counts every connection, so even a TLS attempt at it would show.
  let connections = 0;
  const trap = createServer((sock) => {
    connections++;
    sock.destroy();
  });
  await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
  const port = (trap.address() as AddressInfo).port;
  try {
    emu.resetStats();
    for (const sub of [
      `127.0.0.1:${port}/x#`,
      `127.0.0.1:${port}?`,
      `x@127.0.0.1:${port}#`,
      'evil.example#',
    ]) {
      for (const sql of [
        `SELECT id FROM ${R} WHERE subdomain = '${sub}' AND authServerId = '${server}' AND clientId = '${client}'`,
        `DELETE FROM ${R} WHERE subdomain = '${sub}' AND authServerId = '${server}' AND clientId = '${client}'`,
      ]) {
        let err = '';
        const code = await runCli(['exec', sql, '--yes'], {
          stdout: () => undefined,
          stderr: (s) => (err += s),
          env: { OKTA_API_TOKEN: TOKEN },
        });
        assert.equal(code, EXIT.diagnostics, err);
        assert.match(err, /is not a single DNS label/);
        assert.match(err, /nothing was run/);
      }
      // Through a placeholder too.
      const ph = await run(
        [
          'exec',
          `SELECT id FROM ${R} WHERE subdomain = {{ org }} AND authServerId = '${server}' AND clientId = '${client}'`,
          '--var',
          `org=${sub}`,
        ],
        { env: { OKTA_API_TOKEN: TOKEN } },
      );
      assert.equal(ph.code, EXIT.diagnostics, ph.err);
    }
    assert.equal(connections, 0, 'no connection reached the listener');
    assert.equal(emu.stats().total, 0, 'no request reached the org');
  } finally {
    await new Promise((resolve) => trap.close(resolve));
  }
});

test('an empty tokenId (literal or --var) is refused: exit 1, nothing revoked, no request', async () => {
  const tokens = emu.org.listTokens(server, client) as { id: string }[];
  const before = emu.org.counts(server, client).active;
  assert.ok(tokens.length > 0);
  emu.resetStats();
  const lit = await run([
    'exec',
    `DELETE FROM ${R} WHERE subdomain='acme' AND authServerId='${server}' AND clientId='${client}' AND tokenId=''`,
    '--yes',
  ]);
  assert.equal(lit.code, EXIT.diagnostics, lit.err);
  assert.match(lit.err, /tokenId is empty/);
  const viaVar = await run([
    'exec',
    `DELETE FROM ${R} WHERE subdomain='acme' AND authServerId='${server}' AND clientId={{ c }} AND tokenId={{ t }}`,
    '--var',
    `c=${client}`,
    '--var',
    't=',
    '--yes',
  ]);
  assert.equal(viaVar.code, EXIT.diagnostics, viaVar.err);
  assert.match(viaVar.err, /tokenId is empty/);
  const blankClient = await run([
    'exec',
    `DELETE FROM ${R} WHERE subdomain='acme' AND authServerId='${server}' AND clientId='{{ c }}' AND tokenId='${tokens[0]!.id}'`,
    '--var',
    'c= ',
    '--yes',
  ]);
  assert.equal(blankClient.code, EXIT.diagnostics, blankClient.err);
  assert.match(blankClient.err, /clientId is empty/);
  assert.equal(emu.stats().total, 0, 'no request reached the org');
  assert.equal(emu.org.counts(server, client).active, before);
});
