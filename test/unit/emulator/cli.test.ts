// The standalone emulator as a user starts it: prints its URL, serves the org, stops on SIGINT.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { REPO_ROOT } from './spec-schema';

function run(args: string[]): {
  url: Promise<string>;
  exit: Promise<number | null>;
  kill: () => void;
  output: () => string;
} {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', resolve(REPO_ROOT, 'test/emulator/cli.ts'), ...args],
    { cwd: REPO_ROOT },
  );
  let out = '';
  const url = new Promise<string>((res, rej) => {
    const onData = (c: Buffer): void => {
      out += c.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) res(m[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', () => rej(new Error(`emulator exited early:\n${out}`)));
  });
  url.catch(() => undefined);
  const exit = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  return { url, exit, kill: () => child.kill('SIGINT'), output: () => out };
}

describe('npm run emulator', () => {
  it('serves the org with the given token, logs requests without secrets, and stops on Ctrl-C', async () => {
    const p = run([
      '--port',
      '0',
      '--api-token',
      'cli-secret-token',
      '--size',
      'servers=3,clients=2,tokens=5',
      '--seed',
      '9',
      '--rate-limit',
      '100/60',
    ]);
    const url = await p.url;
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${url}/api/v1/authorizationServers`, {
      headers: { authorization: 'SSWS cli-secret-token' },
    });
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as unknown[]).length, 3);
    assert.equal(res.headers.get('x-rate-limit-limit'), '100');
    const bad = await fetch(`${url}/api/v1/authorizationServers`, {
      headers: { authorization: 'SSWS wrong' },
    });
    assert.equal(bad.status, 401);
    await bad.arrayBuffer();
    p.kill();
    assert.equal(await p.exit, 0);
    assert.match(p.output(), /GET \/api\/v1\/authorizationServers → 200/);
    assert.ok(!p.output().includes('cli-secret-token'), 'the token never appears in the output');
  });

  it('applies --fault and --latency', async () => {
    const p = run([
      '--port',
      '0',
      '--size',
      'tiny',
      '--fault',
      'GET /api/v1/authorizationServers status:503 x1',
      '--latency',
      '100',
    ]);
    const url = await p.url;
    const t = Date.now();
    const first = await fetch(`${url}/api/v1/authorizationServers`, {
      headers: { authorization: 'SSWS demo-token' },
    });
    assert.equal(first.status, 503);
    assert.ok(Date.now() - t >= 95);
    await first.arrayBuffer();
    assert.equal(
      (await fetch(`${url}/api/v1/authorizationServers`, { headers: { authorization: 'SSWS demo-token' } }))
        .status,
      200,
    );
    p.kill();
    await p.exit;
  });

  it('--scenario rotation gives the org live traffic: sign-ins and rotating refreshes in the System Log', async () => {
    const p = run([
      '--port',
      '0',
      '--quiet',
      '--scenario',
      'rotation',
      '--scenario-interval',
      '20',
      '--clock-speed',
      '60',
    ]);
    const url = await p.url;
    const query = `${url}/api/v1/logs?filter=${encodeURIComponent('eventType eq "app.oauth2.as.token.grant.refresh_token"')}`;
    let refreshed = false;
    // Waits on the condition (each poll is a real request), not on a fixed time.
    for (let i = 0; i < 500 && !refreshed; i++) {
      const res = await fetch(query, { headers: { authorization: 'SSWS demo-token' } });
      const events = (await res.json()) as Array<{ debugContext: { debugData: { grantType?: string } } }>;
      refreshed = events.some((e) => e.debugContext.debugData.grantType === 'refresh_token');
    }
    assert.ok(refreshed, 'a rotating refresh was logged');
    p.kill();
    assert.equal(await p.exit, 0);
  });

  it('refuses an unknown scenario', async () => {
    const p = run(['--scenario', 'chaos']);
    assert.equal(await p.exit, 2);
    assert.match(p.output(), /--scenario takes rotation, got "chaos"/);
  });

  it('refuses unknown options with a message and exit code 2', async () => {
    const p = run(['--bogus']);
    assert.equal(await p.exit, 2);
    assert.match(p.output(), /unknown option "--bogus"/);
  });
});
