// Typing into a large document: the server re-analyses only around each change (incremental sync),
// and what it publishes must be exactly what a fresh open of the same text publishes. Random bursts of
// incremental changes — several per notification, several notifications before the debounce fires,
// some analysed in between by a hover — are checked over the real protocol against a from-scratch open.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { createConnection } from 'vscode-languageserver/node';
import { startServer } from '../../src/server/startServer';
import { LineIndex } from '../../src/query/text';
import { connectClient, type TestClient } from './client';

let client: TestClient;

before(async () => {
  const up = new PassThrough();
  const down = new PassThrough();
  startServer(createConnection(up, down), { diagnosticsDelayMs: 5 });
  client = await connectClient(down, up);
});

const STATEMENTS = [
  "SELECT id, status FROM okta.authorizationservers.refresh_tokens\nWHERE subdomain = 'acme' AND authServerId = 'aus1' AND clientId = '0oa1';",
  "select id from okta.authorizationservers.refresh_tokens where subdomain = 'acme';",
  "-- connection: Other org\nSELECT name FROM okta.authorizationservers.clients WHERE authServerId = 'aus1';",
  "DELETE FROM okta.authorizationservers.refresh_tokens WHERE subdomain = 'acme'\n  AND authServerId = 'aus1' AND clientId = '0oa1';",
  "/* block */ SELECT * FROM okta.authorizationservers.servers WHERE subdomain = '{{ sub }}' LIMIT 500;",
];
const PIECES = [';', "'", '--', '-- connection: Acme\n', '/*', '*/', '\n', ' x', ';\nSELECT 1', 'WHERE '];

const change = fc.record({
  at: fc.nat(),
  remove: fc.oneof(fc.constant(0), fc.nat(30)),
  insert: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 5 })),
});

let n = 0;
test('diagnostics after random incremental edits equal those of the same text opened afresh', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.constantFrom(...STATEMENTS), { minLength: 2, maxLength: 10 }),
      fc.array(
        fc.record({ changes: fc.array(change, { minLength: 1, maxLength: 3 }), hover: fc.boolean() }),
        {
          minLength: 1,
          maxLength: 6,
        },
      ),
      async (stmts, notifications) => {
        const uri = `file:///typing${++n}.iql`;
        let text = stmts.join('\n\n');
        let version = 1;
        client.open(uri, text);
        let typed: Promise<unknown> = Promise.resolve();
        for (const note of notifications) {
          const sent = note.changes.map((c) => {
            const lines = new LineIndex(text);
            const start = c.at % (text.length + 1);
            const end = Math.min(text.length, start + c.remove);
            text = text.slice(0, start) + c.insert + text.slice(end);
            return { range: lines.range(start, end), text: c.insert };
          });
          client.change(uri, ++version, sent);
          // Waited for from now on: a hover that asks the client something can let the debounced
          // publish of this version arrive before the hover's answer.
          typed = client.diagnosticsOf(uri, version);
          // Analysed at this version before the next change comes, as a hover or completion would.
          if (note.hover)
            await client.conn.sendRequest('textDocument/hover', {
              textDocument: { uri },
              position: { line: 0, character: 1 },
            });
        }
        const fresh = `file:///fresh${n}.iql`;
        const opened = client.diagnosticsOf(fresh, 1);
        const last = await typed;
        client.open(fresh, text);
        assert.deepEqual(last, await opened);
      },
    ),
    { numRuns: 80 },
  );
  assert.deepEqual(client.logs, []);
});
