// Completion and hover of the users, apps and System Log resources over the real LSP protocol: the
// services and resources are offered, a user id completes and hovers with the user's name wherever the
// resource's description says the value is a user id (okta.users.users' `id`, `userId` on the user's
// tokens, EXEC arguments), EXEC completes methods and their parameters, and a resource's hover says
// which methods run here.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { createConnection } from 'vscode-languageserver/node';
import type { CompletionItem, Hover } from 'vscode-languageserver-protocol';
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

let n = 0;
/** Opens `text` with the cursor where `|` is, and asks for completion there. */
async function completeAt(text: string): Promise<CompletionItem[]> {
  const uri = `file:///new-resources-${n++}.iql`;
  const at = text.indexOf('|');
  const body = text.replace('|', '');
  client.open(uri, body);
  const before = body.slice(0, at).split('\n');
  return client.conn.sendRequest('textDocument/completion', {
    textDocument: { uri },
    position: { line: before.length - 1, character: before[before.length - 1]!.length },
  });
}

async function hoverAt(text: string, needle: string): Promise<string> {
  const uri = `file:///new-resources-${n++}.iql`;
  client.open(uri, text);
  const at = text.indexOf(needle) + 2;
  const before = text.slice(0, at).split('\n');
  const h: Hover | null = await client.conn.sendRequest('textDocument/hover', {
    textDocument: { uri },
    position: { line: before.length - 1, character: before[before.length - 1]!.length },
  });
  return h ? (h.contents as { value: string }).value : '';
}

test('okta. offers the users, apps and logs services, and okta.users. their resources', async () => {
  const services = (await completeAt('SELECT * FROM okta.|')).map((i) => i.label).sort();
  assert.deepEqual(services, ['apps', 'authorizationservers', 'logs', 'users']);
  const users = (await completeAt('SELECT * FROM okta.users.|')).map((i) => i.label).sort();
  assert.deepEqual(users, ['grants', 'oauth_tokens', 'user_clients', 'users']);
});

test('a user id completes with the user’s name: userId on a user’s tokens and id on users', async () => {
  for (const text of [
    "SELECT * FROM okta.users.oauth_tokens WHERE subdomain = 'acme' AND userId = '|'",
    "SELECT * FROM okta.users.users WHERE subdomain = 'acme' AND id = '|'",
    "EXEC okta.users.user_clients.list_user_clients @subdomain = 'acme', @userId = '|'",
  ]) {
    const items = await completeAt(text);
    assert.deepEqual(
      items.map((i) => [i.label, i.labelDetails?.description]),
      [['00uKaren1', 'Karen Easley']],
      text,
    );
  }
});

test('WHERE offers userId on a user’s tokens as a parameter whose values complete', async () => {
  const items = await completeAt("SELECT * FROM okta.users.oauth_tokens WHERE subdomain = 'acme' AND |");
  const userId = items.find((i) => i.label === 'userId')!;
  assert.equal(userId.detail, 'required path parameter');
  assert.equal(userId.command?.command, 'editor.action.triggerSuggest');
});

test('EXEC completes the resource’s methods, marking what does not run, then the method’s parameters', async () => {
  const methods = await completeAt('EXEC okta.apps.applications.|');
  assert.ok(methods.some((m) => m.label === 'get_application' && !/not run here/.test(m.detail ?? '')));
  assert.ok(methods.some((m) => m.label === 'activate_application' && /not run here/.test(m.detail ?? '')));
  const params = await completeAt(
    "EXEC okta.users.oauth_tokens.get_refresh_token_for_user_and_client @subdomain = 'acme', @|",
  );
  assert.deepEqual(
    params.map((p) => p.label),
    ['userId', 'clientId', 'tokenId', 'expand'],
  );
});

test('hovering a user id names the user, in a SELECT on users and in an EXEC', async () => {
  assert.match(
    await hoverAt(
      "SELECT * FROM okta.users.users WHERE subdomain = 'acme' AND id = '00uKaren1';",
      '00uKaren1',
    ),
    /^\*\*userId\*\* `00uKaren1` — user \*\*Karen Easley\*\*/,
  );
  assert.match(
    await hoverAt(
      "EXEC okta.users.oauth_tokens.list_refresh_tokens_for_user_and_client @subdomain = 'acme', @userId = '00uKaren1', @clientId = '0oaWeb1';",
      '00uKaren1',
    ),
    /— user \*\*Karen Easley\*\*/,
  );
});

test('hovering a new resource lists the methods that run and names the ones that do not', async () => {
  const md = await hoverAt("SELECT * FROM okta.users.users WHERE subdomain = 'acme';", 'users WHERE');
  assert.match(md, /\*\*okta\.users\.users\*\*/);
  assert.match(md, /\| SELECT \| `GET \/api\/v1\/users\/\{id\}` \| subdomain, id \|/);
  assert.match(md, /Not run here: create_user, update_user, replace_user, delete_user\./);
  const method = await hoverAt(
    "EXEC okta.logs.system_log_events.list_log_events @subdomain = 'acme';",
    'list_log_events',
  );
  assert.match(method, /^\*\*list_log_events\*\* — SELECT `GET \/api\/v1\/logs`/);
  assert.match(method, /optional: since, until, after, filter, q, limit, sortOrder/);
});
