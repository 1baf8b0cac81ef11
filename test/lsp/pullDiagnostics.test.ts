// A client that pulls diagnostics (LSP 3.17 textDocument/diagnostic, as VS Code's does) is answered
// "unchanged" when an edit changed no diagnostic, so a keystroke in a large file does not resend all of
// them; whatever it holds after any sequence of edits is what a fresh open of the final text reports.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { createConnection } from 'vscode-languageserver/node';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { startServer } from '../../src/server/startServer';
import { LineIndex } from '../../src/query/text';
import { connectClient, type TestClient } from './client';

let client: TestClient;

before(async () => {
  const up = new PassThrough();
  const down = new PassThrough();
  startServer(createConnection(up, down), { diagnosticsDelayMs: 5 });
  client = await connectClient(down, up, { textDocument: { diagnostic: { dynamicRegistration: false } } });
});

type Report =
  { kind: 'full'; resultId?: string; items: Diagnostic[] } | { kind: 'unchanged'; resultId: string };

/** Pulls as VS Code does: with the id of the last result, keeping what it holds when told "unchanged". */
function puller(uri: string) {
  let held: Diagnostic[] = [];
  let id: string | undefined;
  return async (): Promise<{ kind: string; items: Diagnostic[] }> => {
    const r = (await client.conn.sendRequest('textDocument/diagnostic', {
      textDocument: { uri },
      ...(id ? { previousResultId: id } : {}),
    })) as Report;
    if (r.kind === 'full') held = r.items;
    id = r.resultId;
    return { kind: r.kind, items: held };
  };
}

const MISSING = "select id from okta.authorizationservers.refresh_tokens where subdomain = 'acme';";
const OK =
  "SELECT id FROM okta.authorizationservers.refresh_tokens\nWHERE subdomain = 'acme' AND authServerId = 'aus1' AND clientId = '0oa1';";

async function freshPull(text: string, n: string): Promise<Diagnostic[]> {
  const uri = `file:///fresh-${n}.iql`;
  client.open(uri, text);
  const { items } = await puller(uri)();
  void client.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  return items;
}

test('an edit that changes no diagnostic is answered "unchanged"; one that moves lines gets them all, moved', async () => {
  const uri = 'file:///pull-basic.iql';
  let text = `-- block 0\n${OK}\n${MISSING}\n${OK}\n${MISSING}`;
  client.open(uri, text);
  const pull = puller(uri);
  const first = await pull();
  assert.equal(first.kind, 'full');
  assert.equal(first.items.filter((d) => d.code === 'missing-required-params').length, 2);
  // Typing in the comment on the first line moves no diagnostic.
  client.change(uri, 2, [
    { range: { start: { line: 0, character: 10 }, end: { line: 0, character: 10 } }, text: ' x' },
  ]);
  text = text.replace('-- block 0', '-- block 0 x');
  assert.equal((await pull()).kind, 'unchanged');
  // A new line above moves every diagnostic down one line.
  client.change(uri, 3, [
    { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' },
  ]);
  text = '\n' + text;
  const moved = await pull();
  assert.equal(moved.kind, 'full');
  assert.deepEqual(moved.items, await freshPull(text, 'basic'));
  assert.deepEqual(
    moved.items.map((d) => d.range.start.line),
    first.items.map((d) => d.range.start.line + 1),
  );
  // Filling in the parameters of one statement drops its diagnostics and only those.
  const at = text.indexOf(MISSING);
  const lines = new LineIndex(text);
  const fill = " AND authServerId = 'aus1' AND clientId = '0oa1'";
  const semi = at + MISSING.length - 1;
  client.change(uri, 4, [{ range: lines.range(semi, semi), text: fill }]);
  text = text.slice(0, semi) + fill + text.slice(semi);
  const filled = await pull();
  assert.equal(filled.kind, 'full');
  assert.equal(filled.items.filter((d) => d.code === 'missing-required-params').length, 1);
  assert.deepEqual(filled.items, await freshPull(text, 'filled'));
  // Two analyses before the next pull (a hover analyses the first edit): what the first one changed
  // further down is still reported, although the second edit touched only the first line.
  const second = text.indexOf(MISSING);
  const lines2 = new LineIndex(text);
  const semi2 = second + MISSING.length - 1;
  client.change(uri, 5, [{ range: lines2.range(semi2, semi2), text: fill }]);
  text = text.slice(0, semi2) + fill + text.slice(semi2);
  await client.conn.sendRequest('textDocument/hover', {
    textDocument: { uri },
    position: { line: 1, character: 1 },
  });
  client.change(uri, 6, [
    { range: { start: { line: 1, character: 2 }, end: { line: 1, character: 2 } }, text: 'y' },
  ]);
  text = text.replace('-- block', '--y block');
  const both = await pull();
  assert.equal(both.kind, 'full');
  assert.equal(both.items.filter((d) => d.code === 'missing-required-params').length, 0);
  assert.deepEqual(both.items, await freshPull(text, 'both'));
  assert.deepEqual(client.logs, []);
});

const STATEMENTS = [
  OK,
  MISSING,
  "-- connection: Other org\nSELECT name FROM okta.authorizationservers.clients WHERE authServerId = 'aus1';",
  "DELETE FROM okta.authorizationservers.refresh_tokens WHERE subdomain = 'acme'\n  AND authServerId = 'aus1' AND clientId = '0oa1';",
  "/* block */ SELECT * FROM okta.authorizationservers.servers WHERE subdomain = '{{ sub }}' LIMIT 500;",
  '-- a comment line',
];
const PIECES = [
  ';',
  "'",
  '--',
  '-- connection: Acme\n',
  '/*',
  '*/',
  '\n',
  ' x',
  ';\nSELECT 1',
  'WHERE ',
  ' ',
];
const change = fc.record({
  at: fc.nat(),
  remove: fc.oneof(fc.constant(0), fc.constant(0), fc.nat(30)),
  insert: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 5 })),
});

let n = 0;
test('diagnostics pulled after random incremental edits equal those of the same text opened afresh', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.constantFrom(...STATEMENTS), { minLength: 2, maxLength: 10 }),
      fc.array(
        fc.record({
          changes: fc.array(change, { minLength: 1, maxLength: 3 }),
          pull: fc.boolean(),
          hover: fc.boolean(),
        }),
        { minLength: 1, maxLength: 8 },
      ),
      async (stmts, notifications) => {
        const uri = `file:///pulled${++n}.iql`;
        let text = stmts.join('\n\n');
        let version = 1;
        client.open(uri, text);
        const pull = puller(uri);
        await pull();
        for (const note of notifications) {
          const sent = note.changes.map((c) => {
            const lines = new LineIndex(text);
            const start = c.at % (text.length + 1);
            const end = Math.min(text.length, start + c.remove);
            text = text.slice(0, start) + c.insert + text.slice(end);
            return { range: lines.range(start, end), text: c.insert };
          });
          client.change(uri, ++version, sent);
          // Analysed at this version without a pull (as a hover would), or pulled now.
          if (note.hover)
            await client.conn.sendRequest('textDocument/hover', {
              textDocument: { uri },
              position: { line: 0, character: 1 },
            });
          if (note.pull) await pull();
        }
        const held = (await pull()).items;
        assert.deepEqual(held, await freshPull(text, String(n)));
        void client.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
      },
    ),
    { numRuns: 150 },
  );
  assert.deepEqual(client.logs, []);
});
