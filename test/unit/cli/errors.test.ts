// Bad input and bad networks at the command-line runner, against the org emulator over loopback: each
// failure says what happened, why and what to do, never shows the token, maps to the documented exit
// code, and loses nothing — configuration problems stop the run before any request, a failing
// statement is named by file:line:col with what did not run after it, rows that arrived before a list
// broke off are printed with a cursor that fetches the rest, and rate-limit waits are announced.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { EXIT } from '../../../src/cli/run';
import { cliRunner } from './support';

const TOKEN = 'cli-errors-token-7f3a9c';
const R = 'okta.authorizationservers.refresh_tokens';
let emu: RunningEmulator;
let server: string;
let client: string;
/** Called for every request the emulator answers (after the answer is decided, before it is sent). */
let onRequest: (line: string) => void = () => undefined;

before(async () => {
  emu = await startEmulator({
    port: 0,
    seed: 5,
    size: 'servers=1,clients=1,tokens=700,users=20',
    apiTokens: [TOKEN],
    log: (line) => onRequest(line),
  });
  server = emu.org.servers()[0]!.id;
  client = emu.org.clients(server)[0]!.clientId;
});
after(async () => emu.close());

const run = cliRunner(() => ({ url: emu.url, token: TOKEN }));

const list = (extra = '') =>
  `SELECT id FROM ${R} WHERE subdomain = 'acme' AND authServerId = '${server}' AND clientId = '${client}'${extra}`;
const allIds = () => (emu.org.listTokens(server, client) as { id: string }[]).map((t) => t.id).sort();

test('configuration problems stop the run before any request: exit 2, what and where to fix it', async () => {
  emu.resetStats();
  const env = (e: Record<string, string>) => ({ env: e });
  const httpHost = await run(['exec', list(), '--org-url', 'http://acme.okta.com']);
  assert.equal(httpHost.code, EXIT.usage, httpHost.err);
  assert.match(
    httpHost.err,
    /--org-url: "http:\/\/acme\.okta\.com" is not a usable org URL: plain http .*use https; nothing was run/,
  );

  const none = await run(['exec', list()], env({ OKTA_ORG_URL: emu.url }));
  assert.equal(none.code, EXIT.usage, none.err);
  assert.match(none.err, /no credentials: set OKTA_API_TOKEN .*; nothing was run/);

  const blank = await run(['exec', list()], env({ OKTA_ORG_URL: emu.url, OKTA_API_TOKEN: '   ' }));
  assert.equal(blank.code, EXIT.usage, blank.err);
  assert.match(blank.err, /OKTA_API_TOKEN: The API token is empty/);

  const keyFile = join(mkdtempSync(join(tmpdir(), 'cli-err-')), 'missing.pem');
  const noKey = await run(
    ['exec', list()],
    env({ OKTA_ORG_URL: emu.url, OKTA_CLIENT_ID: '0oa1', OKTA_PRIVATE_KEY_FILE: keyFile }),
  );
  assert.equal(noKey.code, EXIT.usage, noKey.err);
  assert.match(noKey.err, /OKTA_PRIVATE_KEY_FILE: cannot read .*missing\.pem: no such file/);
  assert.doesNotMatch(noKey.err, /unexpected error/);

  // A statement that needs no network, ahead of one that cannot run, does not run either.
  const mixed = await run(['exec', `SHOW METHODS IN ${R}; ${list()}`], env({ OKTA_ORG_URL: emu.url }));
  assert.equal(mixed.code, EXIT.usage, mixed.err);
  assert.equal(mixed.out, '');
  assert.equal(emu.stats().total, 0, 'no request reached the org');
});

test('an org URL with a user name and password is refused with exit 2, and the password is never printed', async () => {
  emu.resetStats();
  const flag = await run(['exec', list(), '--org-url', 'https://user:secret@acme.okta.com']);
  assert.equal(flag.code, EXIT.usage, flag.err);
  assert.match(flag.err, /--org-url: .*user name or password.*; nothing was run/);
  const fromEnv = await run(['exec', list()], {
    env: { OKTA_API_TOKEN: TOKEN, OKTA_ORG_URL: `http://admin:secret@${new URL(emu.url).host}` },
  });
  assert.equal(fromEnv.code, EXIT.usage, fromEnv.err);
  assert.match(fromEnv.err, /OKTA_ORG_URL: .*user name or password/);
  for (const r of [flag, fromEnv]) assert.ok(!`${r.out}${r.err}`.includes('secret'), r.err);
  assert.equal(emu.stats().total, 0, 'no request reached the org');
});

test('a wrong token: exit 3, the reason, and where okta-tokens took the token from', async () => {
  const r = await run(['exec', list()], {
    env: { OKTA_ORG_URL: emu.url, OKTA_API_TOKEN: 'wrong-secret-token-424242' },
  });
  assert.equal(r.code, EXIT.runtime);
  assert.match(r.err, /E0000011/);
  assert.match(r.err, /okta-tokens read it from OKTA_API_TOKEN/);
  assert.doesNotMatch(r.err, /wrong-secret-token-424242/);
});

test('a statement failing at run time is named by file:line:col, with the statements it left unrun', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-err-'));
  const f = join(dir, 'three.iql');
  writeFileSync(
    f,
    `${list(' LIMIT 1')};\n` +
      `SELECT id FROM ${R} WHERE subdomain = 'acme' AND authServerId = 'nosuch' AND clientId = '${client}';\n` +
      `${list(' LIMIT 1')};\n`,
  );
  const r = await run(['exec', '-i', f, '-o', 'json']);
  assert.equal(r.code, EXIT.runtime, r.err);
  assert.equal((JSON.parse(r.out) as unknown[]).length, 1, 'the first statement ran and printed');
  assert.match(r.err, new RegExp(`${f.replace(/[.\\/]/g, '\\$&')}:2:1: error: .*E0000007`));
  assert.match(r.err, /the 1 statement\(s\) after it were not run/);
});

test('a connection dropped mid-listing: rows that arrived are printed, and the cursor fetches the rest', async () => {
  // After the first page is answered, every later request has its connection reset (retries included).
  let pages = 0;
  let fault: number | undefined;
  onRequest = (line) => {
    if (/^GET .*\/tokens → 200/.test(line) && ++pages === 1)
      fault = emu.faults.add({ kind: 'reset', after: 'request', path: '/api/v1/**', count: Infinity });
  };
  let r;
  try {
    r = await run(['exec', list(), '-o', 'json']);
  } finally {
    onRequest = () => undefined;
    if (fault !== undefined) emu.faults.remove(fault);
  }
  assert.equal(r.code, EXIT.runtime, r.err);
  const first = (JSON.parse(r.out) as { id: string }[]).map((x) => x.id);
  assert.equal(first.length, 200, 'the first page is kept');
  assert.match(r.err, /note: incomplete: the list broke off after 1 page\(s\)/);
  assert.match(r.err, /<command-line>:1:1: error: The connection .* failed/);
  const cursor = /after = '([^']+)'/.exec(r.err)?.[1];
  assert.ok(cursor, r.err);
  const rest = await run(['exec', list(` AND after = '${cursor}'`), '-o', 'json']);
  assert.equal(rest.code, EXIT.ok, rest.err);
  const second = (JSON.parse(rest.out) as { id: string }[]).map((x) => x.id);
  assert.deepEqual([...first, ...second].sort(), allIds(), 'together, every token exactly once');
});

test('Ctrl-C during a listing: exit 130 naming the statement that did not finish and what was not run', async () => {
  const abort = new AbortController();
  onRequest = (line) => {
    if (/^GET .*\/tokens → 200/.test(line)) abort.abort();
  };
  try {
    const r = await run(['exec', `${list()}; ${list()}`], { signal: abort.signal });
    assert.equal(r.code, EXIT.interrupted, r.err);
    assert.match(r.err, /<command-line>:1:1: interrupted; this statement did not finish/);
    assert.match(r.err, /the 1 statement\(s\) after it were not run/);
  } finally {
    onRequest = () => undefined;
  }
});

test('rate-limit waits are announced on stderr while the run is held up', async () => {
  const id = emu.faults.add({ kind: 'rate-limit', resetSeconds: 1, path: '/api/v1/**', count: 1 });
  try {
    const r = await run(['exec', list(' LIMIT 1'), '-o', 'json']);
    assert.equal(r.code, EXIT.ok, r.err);
    assert.match(
      r.err,
      /-- GET \/api\/v1\/authorizationServers\/.*429 rate limited; waiting \d+ ms for the reset \(1\/\d\)/,
    );
  } finally {
    emu.faults.remove(id);
    emu.resetRateLimits();
  }
});

test('-i at a missing file or a directory, and a --var that matches no placeholder, say what to fix', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-err-'));
  const missing = await run(['exec', '-i', join(dir, 'nope.iql')]);
  assert.equal(missing.code, EXIT.usage);
  assert.match(missing.err, /cannot read .*nope\.iql: no such file; check the path/);
  const isDir = await run(['exec', '-i', dir]);
  assert.equal(isDir.code, EXIT.usage);
  assert.match(isDir.err, /cannot read .*: it is a directory; give the \.iql file inside it/);
  const typo = await run([
    'exec',
    `SELECT id FROM ${R} WHERE subdomain = 'acme' AND authServerId = '${server}' AND clientId = {{ cid }}`,
    '--var',
    `cdi=${client}`,
  ]);
  assert.equal(typo.code, EXIT.diagnostics);
  assert.match(typo.err, /unfilled placeholder \{\{ cid \}\}/);
  assert.match(typo.err, /--var 'cdi' matches no \{\{ cdi \}\} placeholder/);
});
