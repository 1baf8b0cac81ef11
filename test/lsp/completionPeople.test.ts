// Completion and hover over the real LSP protocol, as a person reads them: each statement template
// once, saved connection names after "-- connection:", names of cached ids on every row of the list
// (labelDetails), and a userId hover that says whose id it is.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { createConnection } from 'vscode-languageserver/node';
import type { CompletionItem, Hover, TextEdit } from 'vscode-languageserver-protocol';
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

const R = 'okta.authorizationservers.refresh_tokens';

async function completeAt(uri: string, line: number, character: number): Promise<CompletionItem[]> {
  return client.conn.sendRequest('textDocument/completion', {
    textDocument: { uri },
    position: { line, character },
  });
}

test('an empty document lists each statement template once', async () => {
  const uri = 'file:///empty.iql';
  client.open(uri, '');
  const labels = (await completeAt(uri, 0, 0)).map((i) => i.label);
  assert.ok(labels.includes('get refresh token'), JSON.stringify(labels));
  assert.deepEqual(
    labels.filter((l, i) => labels.indexOf(l) !== i),
    [],
  );
});

test('after "-- connection: " the saved connections are offered, not columns', async () => {
  const uri = 'file:///directive-name.iql';
  client.open(uri, `-- connection: \nSELECT id, userId FROM ${R} WHERE subdomain = 'acme';`);
  const items = await completeAt(uri, 0, 15);
  assert.deepEqual(
    items.map((i) => [i.label, i.detail]),
    [['Acme', 'saved connection']],
  );
  const edit = items[0]!.textEdit as TextEdit;
  assert.deepEqual(edit.range, { start: { line: 0, character: 15 }, end: { line: 0, character: 15 } });
  assert.equal(edit.newText, 'Acme');
});

test('client ids carry the client name on every row (labelDetails), not only on the highlighted one', async () => {
  const uri = 'file:///client-ids.iql';
  const text = `SELECT * FROM ${R} WHERE subdomain = 'acme' AND authServerId = 'ausDefault1' AND clientId = ''`;
  client.open(uri, text);
  const items = await completeAt(uri, 0, text.length - 1);
  assert.deepEqual(
    items.map((i) => [i.label, i.labelDetails?.description]),
    [['0oaWeb1', 'Web App']],
  );
});

test('hovering a userId names the user whose tokens the tree loaded', async () => {
  const uri = 'file:///user-hover.iql';
  const line = `SELECT /*+ FANOUT */ id FROM ${R} WHERE subdomain = 'acme' AND userId = '00uKaren1';`;
  const unknown = line.replace('00uKaren1', '00uNobody9');
  client.open(uri, `${line}\n${unknown}`);
  const hover = async (lineNo: number, text: string, needle: string) => {
    const h: Hover | null = await client.conn.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: lineNo, character: text.indexOf(needle) + 3 },
    });
    return h ? (h.contents as { value: string }).value : '';
  };
  assert.match(await hover(0, line, '00uKaren1'), /^\*\*userId\*\* `00uKaren1` — user \*\*Karen Easley\*\*/);
  assert.match(
    await hover(1, unknown, '00uNobody9'),
    /`00uNobody9` — none of the 1 user\(s\) whose tokens the Okta Tokens view has loaded here/,
  );
});
