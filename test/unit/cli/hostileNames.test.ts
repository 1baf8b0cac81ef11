// `okta-tokens` against an org (the emulator over real HTTP) whose admins named an authorization server
// with terminal escape sequences and another like a spreadsheet formula: the table prints them as inert
// text (no ESC, BEL or C1 byte reaches the terminal) and CSV defuses the formula.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { EXIT } from '../../../src/cli/run';
import { cliRunner } from './support';

const TOKEN = 'cli-hostile-names-token-1234';
// Clear screen, red text, an OSC 8 hyperlink, a window-title change, and a one-byte C1 CSI.
const ESCAPING =
  '\u001b[2J\u001b[31mPayments\u001b[0m \u001b]8;;https://evil.example\u0007here\u001b]8;;\u0007';
const TITLE = '\u001b]0;owned\u0007Orders \u009b1A';
const FORMULA = '=HYPERLINK("https://evil.example","Audit")';
let emu: RunningEmulator;

before(async () => {
  emu = await startEmulator({
    port: 0,
    seed: 3,
    size: 'servers=4,clients=1,tokens=1',
    apiTokens: [TOKEN],
    names: { servers: [ESCAPING, TITLE, FORMULA] },
  });
});
after(async () => emu.close());

const run = cliRunner(() => ({ url: emu.url, token: TOKEN }));
const servers = `SELECT id, name FROM okta.authorizationservers.authorization_servers WHERE subdomain = 'acme';`;

test('the table shows server names with escape sequences as text, without any control character', async () => {
  assert.deepEqual(
    emu.org.servers().map((s) => s.name),
    ['default', ESCAPING, TITLE, FORMULA],
    'the org really holds the hostile names',
  );
  const r = await run(['exec', servers]);
  assert.equal(r.code, EXIT.ok, r.err);
  // eslint-disable-next-line no-control-regex -- asserting that no control character reaches the terminal
  assert.doesNotMatch(r.out, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/, JSON.stringify(r.out));
  assert.match(r.out, /\| \[2J\[31mPayments\[0m \]8;;https:\/\/evil\.examplehere\]8;; +\|/);
  assert.match(r.out, /\| \]0;ownedOrders 1A +\|/);
  // The table stays a table: every line is as wide as its border.
  assert.equal(
    new Set(
      r.out
        .trimEnd()
        .split('\n')
        .map((l) => l.length),
    ).size,
    1,
    r.out,
  );
});

test('CSV output defuses a server name that a spreadsheet would run as a formula', async () => {
  const r = await run(['exec', servers, '--output', 'csv']);
  assert.equal(r.code, EXIT.ok, r.err);
  const row = r.out.split('\r\n').find((l) => l.includes('HYPERLINK'));
  assert.ok(row?.endsWith(`,"'=HYPERLINK(""https://evil.example"",""Audit"")"`), row);
  // JSON carries the names exactly as the API sent them.
  const j = await run(['exec', servers, '--output', 'json']);
  assert.deepEqual(
    (JSON.parse(j.out) as { name: string }[]).map((x) => x.name),
    ['default', ESCAPING, TITLE, FORMULA],
  );
});
