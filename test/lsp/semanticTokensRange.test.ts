// Semantic tokens for what is on screen: the server offers range requests only, so VS Code asks for the
// visible lines after an edit instead of the whole file, and answers them with those lines' tokens.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { createConnection } from 'vscode-languageserver/node';
import { startServer } from '../../src/server/startServer';
import { connectClient } from './client';

/** Lines of the tokens in LSP's relative encoding. */
function tokenLines(data: number[]): number[] {
  const out: number[] = [];
  let line = 0;
  for (let i = 0; i < data.length; i += 5) out.push((line += data[i]!));
  return out;
}

test('a range request gets the tokens of the visible lines, the same as in the whole file’s answer', async () => {
  const up = new PassThrough();
  const down = new PassThrough();
  startServer(createConnection(up, down));
  const client = await connectClient(down, up);
  const init = (await client.conn.sendRequest('initialize', {
    processId: null,
    rootUri: null,
    capabilities: {},
  })) as {
    capabilities: { semanticTokensProvider?: { full?: unknown; range?: unknown } };
  };
  assert.equal(init.capabilities.semanticTokensProvider?.range, true);
  assert.ok(!init.capabilities.semanticTokensProvider?.full, 'no whole-file requests after every edit');
  const uri = 'file:///many.iql';
  const stmt =
    "SELECT id, status\nFROM okta.authorizationservers.refresh_tokens\nWHERE subdomain = 'acme' AND authServerId = 'aus1';\n";
  client.open(uri, stmt.repeat(400));
  const range = { start: { line: 600, character: 0 }, end: { line: 630, character: 0 } };
  const part = (await client.conn.sendRequest('textDocument/semanticTokens/range', {
    textDocument: { uri },
    range,
  })) as {
    data: number[];
  };
  const lines = tokenLines(part.data);
  assert.ok(lines.length > 0);
  assert.ok(
    lines.every((l) => l >= 600 && l <= 630),
    `tokens outside the range: ${lines.filter((l) => l < 600 || l > 630).join(', ')}`,
  );
  const whole = (await client.conn.sendRequest('textDocument/semanticTokens/full', {
    textDocument: { uri },
  })) as {
    data: number[];
  };
  // The same tokens (line, column, length, type) as the whole file's answer on those lines.
  const absolute = (data: number[]) => {
    const out: string[] = [];
    let line = 0;
    let ch = 0;
    for (let i = 0; i < data.length; i += 5) {
      line += data[i]!;
      ch = data[i] === 0 ? ch + data[i + 1]! : data[i + 1]!;
      out.push(`${line}:${ch}:${data[i + 2]}:${data[i + 3]}`);
    }
    return out;
  };
  assert.deepEqual(
    absolute(part.data),
    absolute(whole.data).filter((t) => {
      const l = Number(t.split(':')[0]);
      return l >= 600 && l < 630;
    }),
  );
  assert.deepEqual(client.logs, []);
});
