/// <reference types="mocha" />
// The token tree against a private emulator: every level (servers → clients → tokens) matches the org,
// tokens page by cursor with a "Load more" row that a double click cannot double-load, failures become
// an error row with Retry, filters show in the view's message and clear again, and "Load more" survives a
// Revoke All.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import {
  addConnection,
  explorerApi,
  removeConnectionQuietly,
  ScriptedPrompter,
  setSetting,
  startOrg,
  type Org,
  withPrompter,
} from './explorer/fixture';
import type { OktaTokenExplorerTestApi, TreeRow } from '../../../src/extension/testApi';

describe('token tree', function () {
  let api: OktaTokenExplorerTestApi;
  let org: Org;
  let id: string;
  let conn: TreeRow;

  before(async () => {
    api = await explorerApi();
    org = await startOrg();
    await setSetting('pageSize', 10);
    id = await addConnection(org, 'Tree suite org');
    conn = (await api.children()).find((r) => r.id === `c/${id}`)!;
  });
  after(async () => {
    await setSetting('pageSize', undefined);
    await vscode.commands.executeCommand('oktaTokenExplorer.clearFilters');
    await removeConnectionQuietly(api, id);
    await org.em.close();
  });

  const servers = () => api.children(conn.node).then((rows) => rows.filter((r) => r.kind === 'server'));

  it('lists the org’s authorization servers under the connection', async () => {
    const rows = await servers();
    assert.deepEqual(
      rows.map((r) => r.label),
      org.em.org.servers().map((s) => s.name),
    );
    const s0 = org.em.org.servers()[0];
    assert.equal(rows[0].id, `c/${id}/s/${s0.id}`);
    assert.match(rows[0].contextValue ?? '', /^oktaServer\.(active|inactive)$/);
  });

  it('lists the clients that hold tokens on a server', async () => {
    const s0 = org.em.org.servers()[0];
    const rows = (await api.children((await servers())[0].node)).filter((r) => r.kind === 'client');
    assert.deepEqual(
      rows.map((r) => r.description),
      org.em.org.clients(s0.id).map((c) => c.clientId),
    );
    assert.deepEqual(
      rows.map((r) => r.label),
      org.em.org.clients(s0.id).map((c) => c.name),
    );
  });

  it('pages a client’s tokens by cursor; a double click on "Load more" loads one page', async () => {
    const s0 = org.em.org.servers()[0];
    const c0 = org.em.org.clients(s0.id)[0];
    const expected = org.em.org.listTokens(s0.id, c0.clientId).map((t) => t.id as string);
    assert.ok(
      expected.length > 20,
      `the demo org should give a client more than two pages (has ${expected.length})`,
    );
    const client = (await api.children((await servers())[0].node)).find((r) => r.kind === 'client')!;
    let rows = await api.children(client.node);
    assert.equal(rows.filter((r) => r.kind === 'token').length, 10);
    let more = rows.at(-1)!;
    assert.equal(more.kind, 'loadMore');
    assert.equal(more.label, 'Load more');
    // Two clicks in a row: the second joins the first load.
    await Promise.all([
      vscode.commands.executeCommand('oktaTokenExplorer.loadMore', more.node),
      vscode.commands.executeCommand('oktaTokenExplorer.loadMore', more.node),
    ]);
    rows = await api.children(client.node);
    assert.equal(rows.filter((r) => r.kind === 'token').length, 20);
    more = rows.at(-1)!;
    assert.equal(more.kind, 'loadMore');
    await vscode.commands.executeCommand('oktaTokenExplorer.loadMore', more.node);
    rows = await api.children(client.node);
    assert.deepEqual(
      rows.filter((r) => r.kind === 'token').map((r) => r.id.split('/t/')[1]),
      expected,
    );
    assert.notEqual(rows.at(-1)!.kind, 'loadMore');
  });

  it('labels token rows by user and describes status, expiry and scope count; context value by state', async () => {
    const s0 = org.em.org.servers()[0];
    const c0 = org.em.org.clients(s0.id)[0];
    const client = (await api.children((await servers())[0].node)).find((r) => r.kind === 'client')!;
    const rows = (await api.children(client.node)).filter((r) => r.kind === 'token');
    for (const r of rows.slice(0, 10)) {
      const t = org.em.org.getToken(s0.id, c0.clientId, r.id.split('/t/')[1]) as {
        status: string;
        expiresAt: string;
        scopes: string[];
      };
      const state =
        t.status === 'REVOKED' ? 'revoked' : Date.parse(t.expiresAt) <= Date.now() ? 'expired' : 'active';
      assert.equal(r.contextValue, `oktaToken.${state}`);
      assert.match(r.description ?? '', new RegExp(`${t.scopes.length} scopes?$`));
      if (state === 'active') assert.match(r.description ?? '', /^Active · expires in /);
      if (state === 'expired') assert.match(r.description ?? '', /^Expired · expired .* ago/);
    }
  });

  it('shows a failing level as an error row inside the tree, and Retry loads it', async () => {
    const fault = org.em.faults.add({
      kind: 'status',
      status: 500,
      method: 'GET',
      path: '/api/v1/authorizationServers/*/clients',
      count: Infinity,
    });
    const server = (await servers())[1];
    await vscode.commands.executeCommand('oktaTokenExplorer.refreshNode', server.node);
    let rows = await api.children(server.node);
    assert.deepEqual(
      rows.map((r) => r.kind),
      ['error'],
    );
    assert.equal(rows[0].label, 'Failed to load clients');
    assert.match(rows[0].description ?? '', /500|server error|Okta/i);
    org.em.faults.remove(fault);
    await vscode.commands.executeCommand('oktaTokenExplorer.retry', rows[0].node);
    rows = await api.children(server.node);
    assert.ok(
      rows.length > 0 && rows.every((r) => r.kind === 'client'),
      `after retry: ${rows.map((r) => r.kind).join(', ')}`,
    );
  });

  it('filters servers with Okta’s q: a placeholder when nothing matches, the filter in the view message, clear restores', async () => {
    await vscode.commands.executeCommand('oktaTokenExplorer.filterServers', conn.node, 'zzz-no-such-server');
    let rows = await api.children(conn.node);
    assert.deepEqual(
      rows.map((r) => [r.kind, r.label]),
      [
        ['empty', 'No authorization server matches the filter'],
        ['users', 'Users'],
      ],
    );
    assert.match(api.viewMessage() ?? '', /zzz-no-such-server/);
    await vscode.commands.executeCommand('oktaTokenExplorer.clearFilters');
    assert.equal(api.viewMessage(), undefined);
    rows = await api.children(conn.node);
    assert.equal(rows.filter((r) => r.kind === 'server').length, org.em.org.servers().length);
  });

  it('filters a client’s loaded tokens by user', async () => {
    const client = (await api.children((await servers())[0].node)).find((r) => r.kind === 'client')!;
    const all = (await api.children(client.node)).filter((r) => r.kind === 'token');
    const user = (all[0].node as { token: { userId: string } }).token.userId;
    await vscode.commands.executeCommand('oktaTokenExplorer.filterTokens', client.node, `user:${user}`);
    const rows = (await api.children(client.node)).filter((r) => r.kind === 'token');
    assert.ok(rows.length >= 1);
    assert.ok(rows.every((r) => (r.node as { token: { userId: string } }).token.userId === user));
    assert.ok(
      rows.length < all.length ||
        all.every((r) => (r.node as { token: { userId: string } }).token.userId === user),
    );
    assert.match(api.viewMessage() ?? '', new RegExp(`user:${user}`));
    await vscode.commands.executeCommand('oktaTokenExplorer.clearFilters');
  });

  it('filters by the status the rows show: status:ACTIVE hides expired rows, status:EXPIRED finds them', async () => {
    // A client whose first page holds an expired token (Okta still calls it ACTIVE; the row says Expired).
    let client: TreeRow | undefined;
    let loaded: TreeRow[] = [];
    for (const server of await servers()) {
      for (const c of (await api.children(server.node)).filter((r) => r.kind === 'client')) {
        loaded = (await api.children(c.node)).filter((r) => r.kind === 'token');
        if (loaded.some((r) => r.contextValue === 'oktaToken.expired')) client = c;
        if (client) break;
      }
      if (client) break;
    }
    assert.ok(client, 'the org has no client with an expired token on its first page');
    const shown = (text: string) =>
      vscode.commands
        .executeCommand('oktaTokenExplorer.filterTokens', client.node, text)
        .then(() => api.children(client.node))
        .then((rows) => rows.filter((r) => r.kind === 'token').map((r) => r.contextValue));
    const count = (state: string) => loaded.filter((r) => r.contextValue === state).length;

    const active = await shown('status:ACTIVE');
    assert.deepEqual(active, Array(count('oktaToken.active')).fill('oktaToken.active'));
    const expired = await shown('status:expired');
    assert.deepEqual(expired, Array(count('oktaToken.expired')).fill('oktaToken.expired'));
    const revoked = await shown('status:REVOKED');
    assert.deepEqual(revoked, Array(count('oktaToken.revoked')).fill('oktaToken.revoked'));
    await vscode.commands.executeCommand('oktaTokenExplorer.clearFilters');
  });

  it('after Revoke All, "Load more" still reaches the client’s tokens beyond the loaded page, all revoked', async () => {
    // A client with more tokens than one page (pageSize is 10 here), on the last server so the tests
    // above are not affected by its tokens being revoked.
    const target = org.em.org
      .servers()
      .slice()
      .reverse()
      .flatMap((s) => org.em.org.clients(s.id).map((c) => ({ s, c })))
      .find(({ s, c }) => org.em.org.listTokens(s.id, c.clientId).length > 10);
    assert.ok(target, 'the demo org has no client with more than one page of tokens');
    const { s, c } = target;
    const expected = org.em.org.listTokens(s.id, c.clientId).map((t) => t.id as string);
    const server = (await servers()).find((r) => r.id === `c/${id}/s/${s.id}`)!;
    const client = (await api.children(server.node)).find(
      (r) => r.kind === 'client' && r.description === c.clientId,
    )!;
    let rows = await api.children(client.node);
    assert.equal(rows.at(-1)?.kind, 'loadMore');

    await withPrompter(api, new ScriptedPrompter().answer('Revoke All', c.name), () =>
      vscode.commands.executeCommand('oktaTokenExplorer.revokeAllTokens', client.node),
    );
    rows = await api.children(client.node);
    assert.equal(
      rows.at(-1)?.kind,
      'loadMore',
      `no "Load more" after Revoke All: ${rows.filter((r) => r.kind === 'token').length} of ${expected.length} tokens reachable`,
    );
    for (let guard = 0; rows.at(-1)?.kind === 'loadMore' && guard < 20; guard++) {
      await vscode.commands.executeCommand('oktaTokenExplorer.loadMore', rows.at(-1)!.node);
      rows = await api.children(client.node);
    }
    const tokens = rows.filter((r) => r.kind === 'token');
    assert.deepEqual(
      tokens.map((r) => r.id.split('/t/')[1]),
      expected,
    );
    assert.deepEqual(
      tokens.filter((r) => r.contextValue !== 'oktaToken.revoked').map((r) => r.description),
      [],
    );
  });
});
