// `npx okta-tokens`, as the README says to run it after `npm run build`: the build must leave the
// package's bin (dist/cli.js) executable with a shebang, or the shell answers "Permission denied". The
// build runs here into a scratch package (esbuild.mjs honours BUILD_OUTDIR), so this test neither
// depends on nor disturbs the dist/ other tests and the editor use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '../../..');

function run(
  cmd: string,
  args: string[],
  opts: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env });
    let out = '';
    let err = '';
    p.stdout.on('data', (c: Buffer) => (out += c.toString()));
    p.stderr.on('data', (c: Buffer) => (err += c.toString()));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, out, err }));
  });
}

test('after the build, `npx okta-tokens --version` runs the command, as the README says', async (t) => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
    bin: Record<string, string>;
  };
  const bin = pkg.bin['okta-tokens'];
  assert.equal(bin, './dist/cli.js');
  const dir = mkdtempSync(join(tmpdir(), 'okta-tokens-bin-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: pkg.name, version: pkg.version, bin: pkg.bin }),
  );

  const build = await run(process.execPath, ['esbuild.mjs'], {
    cwd: root,
    env: { ...process.env, BUILD_OUTDIR: join(dir, 'dist') },
  });
  assert.equal(build.code, 0, build.err);

  const cli = join(dir, bin);
  assert.ok(
    (statSync(cli).mode & 0o111) === 0o111,
    `dist/cli.js is not executable (mode ${statSync(cli).mode.toString(8)})`,
  );
  assert.equal(readFileSync(cli, 'utf8').split('\n')[0], '#!/usr/bin/env node');

  // What the shell does with the bin: exec the file itself.
  const direct = await run(cli, ['--version'], { cwd: dir });
  assert.equal(direct.code, 0, direct.err);
  assert.equal(direct.out.trim(), pkg.version);

  // npx resolves the package's own bin. Its cache is a scratch folder and it may not go online, so it
  // can never fetch some other package called okta-tokens from the registry instead.
  const npx = await run(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['okta-tokens', '--version'], {
    cwd: dir,
    env: {
      ...process.env,
      npm_config_cache: join(dir, '.npm-cache'),
      npm_config_offline: 'true',
      npm_config_update_notifier: 'false',
    },
  });
  assert.equal(npx.code, 0, npx.err);
  assert.equal(npx.out.trim(), pkg.version);
});
