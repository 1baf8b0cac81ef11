// Over the real LSP protocol: the language server is the editor's, so an unfilled placeholder's
// warning says Run asks for the value (never the CLI's "--var"), and an unfilled `after` is left out.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { createConnection } from 'vscode-languageserver/node';
import { startServer } from '../../src/server/startServer';
import { connectClient, type TestClient } from './client';

let client: TestClient;

before(async () => {
  const up = new PassThrough();
  const down = new PassThrough();
  // Never end these streams: the node connection exits the process when its input closes.
  startServer(createConnection(up, down), { diagnosticsDelayMs: 10 });
  client = await connectClient(down, up);
});

test("the editor's unfilled-placeholder warnings give editor advice, not the CLI's --var", async () => {
  const uri = 'file:///placeholders.iql';
  const got = client.diagnostics(uri, (d) => d.some((x) => x.code === 'unfilled-placeholder'));
  client.open(
    uri,
    "SELECT id FROM okta.authorizationservers.refresh_tokens WHERE subdomain = 'acme' AND authServerId = 'aus1' AND clientId = '{{ client }}' AND after = '{{ after }}';",
  );
  const messages = (await got).filter((d) => d.code === 'unfilled-placeholder').map((d) => d.message);
  assert.deepEqual(messages, [
    'unfilled placeholder {{ client }}: its value is asked when the statement runs (or replace it with a value)',
    'unfilled placeholder {{ after }}: after is a paging cursor, left out when the statement runs (write one here to continue a list)',
  ]);
});
