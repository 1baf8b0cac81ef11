// The language server driven over the real LSP protocol through in-memory streams: diagnostics as
// you type (incremental sync), quick fix filled from the extension's cached ids, completion asking the
// extension for ids, hover, code lenses, formatting, semantic tokens — and a fuzz run proving no
// handler error reaches the client.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { createConnection } from 'vscode-languageserver/node';
import type { CodeAction, CodeLens, CompletionItem, Hover, TextEdit } from 'vscode-languageserver-protocol';
import { startServer } from '../../src/server/startServer';
import { connectClient, type TestClient } from './client';
import { SEED_SELECT } from '../unit/query/helpers';

let client: TestClient;

before(async () => {
  const up = new PassThrough();
  const down = new PassThrough();
  // Never end these streams: the node connection exits the process when its input closes.
  startServer(createConnection(up, down), { diagnosticsDelayMs: 10 });
  client = await connectClient(down, up);
});

function applyTextEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const off = (p: { line: number; character: number }) =>
    lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits]
    .sort((a, b) => off(b.range.start) - off(a.range.start))
    .reduce((t, e) => t.slice(0, off(e.range.start)) + e.newText + t.slice(off(e.range.end)), text);
}

test('seed query: "missing required parameters" diagnostic, and the quick fix inserts cached ids', async () => {
  const uri = 'file:///seed.iql';
  const got = client.diagnostics(uri);
  client.open(uri, SEED_SELECT);
  const diags = await got;
  const miss = diags.find((d) => d.code === 'missing-required-params')!;
  assert.equal(
    miss.message,
    'query cannot be executed, missing required parameters: { authServerId, clientId }',
  );
  assert.equal(miss.severity, 1);
  assert.equal(miss.source, 'okta-iql');
  assert.deepEqual(miss.range.start, { line: 13, character: 0 });
  const actions: CodeAction[] = await client.conn.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: miss.range,
    context: { diagnostics: [miss] },
  });
  assert.equal(
    actions[0]!.title,
    'Add missing parameters: authServerId = ausDefault1 (default), clientId = 0oaWeb1 (Web App)',
  );
  assert.equal(actions[0]!.isPreferred, true);
  assert.ok(
    actions.some((a) => a.title.includes('authServerId = ausOther2 (orders), clientId = 0oaCli2 (CLI)')),
  );
  const fixed = applyTextEdits(SEED_SELECT, actions[0]!.edit!.changes![uri]!);
  assert.match(fixed, /AND authServerId = 'ausDefault1' AND clientId = '0oaWeb1';$/);
  const after = client.diagnostics(uri, (d) => !d.some((x) => x.code === 'missing-required-params'));
  client.change(uri, 2, [{ text: fixed }]);
  const d2 = await after;
  assert.deepEqual(d2.map((d) => d.code).sort(), [
    'unfilled-placeholder',
    'unfilled-placeholder',
    'unfilled-placeholder',
    'unfilled-placeholder',
  ]);
});

test('incremental edits: a typo produces "did you mean" and fixing it clears the error', async () => {
  const uri = 'file:///inc.iql';
  const text =
    "SELECT id FROM okta.authorizationservers.refresh_tokens WHERE subdomain = 'acme' AND authServerId = 'a' AND clientId = 'c';";
  const first = client.diagnostics(uri);
  client.open(uri, text);
  assert.deepEqual(await first, []);
  const bad = client.diagnostics(uri, (d) => d.length > 0);
  client.change(uri, 2, [
    { range: { start: { line: 0, character: 7 }, end: { line: 0, character: 9 } }, text: 'idd' },
  ]);
  const d = await bad;
  assert.equal(
    d[0]!.message,
    "unknown column 'idd' of okta.authorizationservers.refresh_tokens; did you mean 'id'?",
  );
  const good = client.diagnostics(uri, (x) => x.length === 0);
  client.change(uri, 3, [
    { range: { start: { line: 0, character: 7 }, end: { line: 0, character: 10 } }, text: 'userId' },
  ]);
  assert.deepEqual(await good, []);
});

test('completion: resources after okta.authorizationservers. and cached client ids as values', async () => {
  const uri = 'file:///c.iql';
  const text =
    "SELECT * FROM okta.authorizationservers.\n;SELECT * FROM okta.authorizationservers.refresh_tokens WHERE subdomain = 'acme' AND authServerId = 'ausDefault1' AND clientId = ''";
  client.open(uri, text);
  const r1: CompletionItem[] = await client.conn.sendRequest('textDocument/completion', {
    textDocument: { uri },
    position: { line: 0, character: 40 },
  });
  assert.ok(r1.some((i) => i.label === 'refresh_tokens'));
  const r2: CompletionItem[] = await client.conn.sendRequest('textDocument/completion', {
    textDocument: { uri },
    position: { line: 1, character: text.split('\n')[1]!.length - 1 },
  });
  assert.deepEqual(
    r2.map((i) => [i.label, i.detail]),
    [['0oaWeb1', 'Web App']],
  );
  const r3: CompletionItem[] = await client.conn.sendRequest('textDocument/completion', {
    textDocument: { uri },
    position: { line: 1, character: 74 },
  });
  assert.ok(
    r3.some((i) => i.label === 'acme' && i.detail === 'saved connection'),
    JSON.stringify(r3.map((x) => x.label)),
  );
});

test('completion: cached ids come from the connection a "-- connection:" line names', async () => {
  const uri = 'file:///directive.iql';
  const line =
    "SELECT * FROM okta.authorizationservers.refresh_tokens WHERE subdomain = 'acme' AND authServerId = 'ausDefault1' AND clientId = ''";
  client.open(uri, `-- connection: Other org\n${line}`);
  const items: CompletionItem[] = await client.conn.sendRequest('textDocument/completion', {
    textDocument: { uri },
    position: { line: 1, character: line.length - 1 },
  });
  assert.deepEqual(
    items.map((i) => [i.label, i.detail]),
    [['0oaOther9', 'Other app']],
  );
});

test('completion: picking a WHERE parameter opens its values inside the quotes it inserted', async () => {
  const uri = 'file:///where.iql';
  const text = "SELECT * FROM okta.authorizationservers.refresh_tokens WHERE subdomain = 'acme' AND ";
  client.open(uri, text);
  const names: CompletionItem[] = await client.conn.sendRequest('textDocument/completion', {
    textDocument: { uri },
    position: { line: 0, character: text.length },
  });
  const asId = names.find((i) => i.label === 'authServerId')!;
  assert.equal((asId.textEdit as TextEdit).newText, "authServerId = '$1'");
  // Without a retrigger the list closed after the insert and the cached ids stayed out of sight until
  // the user thought of Ctrl+Space.
  assert.deepEqual(asId.command, { title: 'Suggest values', command: 'editor.action.triggerSuggest' });
  // A parameter with nothing to suggest does not reopen an empty list.
  assert.equal(names.find((i) => i.label === 'after')!.command, undefined);
  // What the reopened list holds once the snippet is in: the ids the tree loaded.
  const inserted = `${text}authServerId = ''`;
  client.change(uri, 2, [{ text: inserted }]);
  const values: CompletionItem[] = await client.conn.sendRequest('textDocument/completion', {
    textDocument: { uri },
    position: { line: 0, character: inserted.length - 1 },
  });
  assert.ok(
    values.some((i) => i.label === 'ausDefault1'),
    JSON.stringify(values.map((i) => i.label)),
  );
});

test('hover on an id names it from what the tree loaded, and flags an id the tree does not know', async () => {
  const uri = 'file:///ids.iql';
  const line =
    "SELECT * FROM okta.authorizationservers.refresh_tokens WHERE subdomain = 'acme' AND authServerId = 'ausDefault1' AND clientId = '0oaWeb1';";
  const typo = line.replace("'0oaWeb1'", "'0oaWebl'");
  client.open(uri, `${line}\n${typo}`);
  const at = async (lineNo: number, needle: string) => {
    const text = lineNo === 0 ? line : typo;
    const hover: Hover | null = await client.conn.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: lineNo, character: text.indexOf(needle) + 2 },
    });
    return hover ? (hover.contents as { value: string }).value : '';
  };
  assert.match(await at(0, "'0oaWeb1'"), /\*\*clientId\*\* `0oaWeb1` — client \*\*Web App\*\*/);
  assert.match(await at(1, "'0oaWebl'"), /`0oaWebl` — not among the 1 client id\(s\).*typo/);
  assert.match(await at(0, "'ausDefault1'"), /authorization server \*\*/);
});

test('hover, code lenses, formatting and semantic tokens answer over the protocol', async () => {
  const uri = 'file:///h.iql';
  const text =
    "select id from okta.authorizationservers.refresh_tokens where subdomain='acme' and authServerId='a' and clientId='c';\nDELETE FROM okta.authorizationservers.refresh_tokens WHERE subdomain='acme' AND authServerId='a' AND clientId='c';";
  client.open(uri, text);
  const hover: Hover = await client.conn.sendRequest('textDocument/hover', {
    textDocument: { uri },
    position: { line: 0, character: 45 },
  });
  assert.match(
    (hover.contents as { value: string }).value,
    /\*\*okta\.authorizationservers\.refresh_tokens\*\*/,
  );
  const lenses: CodeLens[] = await client.conn.sendRequest('textDocument/codeLens', {
    textDocument: { uri },
  });
  assert.deepEqual(
    lenses.map((l) => l.command!.title),
    ['▶ Run', '▶ Run — revokes 3 tokens'],
  );
  assert.deepEqual(lenses[1]!.command!.arguments, [uri, text.indexOf('DELETE')]);
  const edits: TextEdit[] = await client.conn.sendRequest('textDocument/formatting', {
    textDocument: { uri },
    options: { tabSize: 2, insertSpaces: true },
  });
  assert.match(
    applyTextEdits(text, edits),
    /^SELECT id\nFROM okta\.authorizationservers\.refresh_tokens\nWHERE subdomain = 'acme'\n {2}AND authServerId = 'a'/,
  );
  const st: { data: number[] } = await client.conn.sendRequest('textDocument/semanticTokens/full', {
    textDocument: { uri },
  });
  assert.ok(st.data.length > 20 && st.data.length % 5 === 0);
});

test('fuzz: random documents and positions never produce a failed request or a logged handler error', async () => {
  const uri = 'file:///fuzz.iql';
  client.open(uri, '');
  let version = 1;
  const words = [
    'SELECT',
    'FROM',
    'WHERE',
    'AND',
    'okta',
    '.',
    'authorizationservers',
    'refresh_tokens',
    'subdomain',
    '=',
    "'",
    "'x'",
    ';',
    '(',
    ')',
    '\n',
    '--',
    '/*',
    '{{',
    'clientId',
    'DELETE',
    '*',
    ',',
  ];
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.constantFrom(...words), { maxLength: 30 }),
      fc.nat(50),
      fc.nat(300),
      async (parts, line, ch) => {
        const text = parts.join(' ');
        client.change(uri, ++version, [{ text }]);
        const position = { line: line % 3, character: ch % (text.length + 2) };
        const pos = { textDocument: { uri }, position };
        await client.conn.sendRequest('textDocument/completion', pos);
        await client.conn.sendRequest('textDocument/hover', pos);
        await client.conn.sendRequest('textDocument/codeLens', { textDocument: { uri } });
        await client.conn.sendRequest('textDocument/formatting', {
          textDocument: { uri },
          options: { tabSize: 2, insertSpaces: true },
        });
        await client.conn.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } });
        await client.conn.sendRequest('textDocument/codeAction', {
          textDocument: { uri },
          range: { start: position, end: position },
          context: { diagnostics: [] },
        });
      },
    ),
    { numRuns: 150 },
  );
  assert.deepEqual(
    client.logs.filter((l) => l.includes('failed')),
    [],
  );
});
