// Black-box test of the shipped bundle: spawn dist/server.js with --stdio (building it first if it
// is missing), talk LSP over its stdio, check the seed diagnostic and completion, then shut it down
// with shutdown/exit and expect a clean exit code.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CompletionItem } from 'vscode-languageserver-protocol';
import { connectClient } from './client';
import { SEED_SELECT } from '../unit/query/helpers';

const root = join(__dirname, '../..');
const bundle = join(root, 'dist/server.js');
let child: ChildProcess | undefined;

after(() => {
  if (child && child.exitCode === null) child.kill();
});

test('spawned dist/server.js: seed diagnostic, completion, clean shutdown', async () => {
  if (!existsSync(bundle)) {
    const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
    assert.equal(r.status, 0, 'build failed');
  }
  child = spawn(process.execPath, [bundle, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  const client = await connectClient(child.stdout!, child.stdin!);
  const uri = 'file:///spawned/seed.iql';
  const got = client.diagnostics(uri);
  client.open(uri, SEED_SELECT);
  const diags = await got;
  assert.ok(
    diags.some(
      (d) =>
        d.message === 'query cannot be executed, missing required parameters: { authServerId, clientId }',
    ),
  );
  const items: CompletionItem[] = await client.conn.sendRequest('textDocument/completion', {
    textDocument: { uri },
    position: { line: 13, character: 6 },
  });
  assert.ok(
    items.some((i) => i.label === 'authServerId'),
    JSON.stringify(items.map((i) => i.label)),
  );
  await client.conn.sendRequest('shutdown');
  const exited = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)));
  void client.conn.sendNotification('exit');
  assert.equal(await exited, 0);
  assert.doesNotMatch(stderr, /failed|Error/);
  client.conn.dispose();
});
