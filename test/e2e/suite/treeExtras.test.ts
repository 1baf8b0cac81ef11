/// <reference types="mocha" />
// What users of the best explorers expect of the tree (issue 10): a client row counts its tokens once they
// are loaded — honestly, "10+" while Okta has more pages; tokens sort by status or expiry or group under
// one row per status, remembered for the workspace; and "Tokens of This User Everywhere" on a token lists
// that person's tokens on every server and client in the results grid.
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
import type { ResultPayload } from '../../../src/extension/query/resultsProtocol';
import type { PickItem, Prompter } from '../../../src/extension/prompter';

describe('tree extras', function () {
  let api: OktaTokenExplorerTestApi;
  let org: Org;
  let id: string;
  let conn: TreeRow;

  before(async () => {
    api = await explorerApi();
    org = await startOrg();
    await setSetting('pageSize', 10);
    id = await addConnection(org, 'Tree extras org');
    conn = (await api.children()).find((r) => r.id === `c/${id}`)!;
  });
  after(async () => {
    await setSetting('pageSize', undefined);
    await vscode.commands.executeCommand('oktaTokenExplorer.sortTokens', 'listed');
    await removeConnectionQuietly(api, id);
    await org.em.close();
  });

  const firstClient = async () => {
    const s0 = org.em.org.servers()[0];
    const c0 = org.em.org.clients(s0.id)[0];
    const server = (await api.children(conn.node)).find((r) => r.id === `c/${id}/s/${s0.id}`)!;
    const row = async () => (await api.children(server.node)).find((r) => r.kind === 'client')!;
    return { s0, c0, server, row };
  };

  it('a client row counts its loaded tokens: "10+ tokens" while pages remain, the exact count after the last', async () => {
    const { s0, c0, row } = await firstClient();
    assert.equal((await row()).description, c0.clientId, 'no counts before the tokens are loaded');
    const client = await row();
    let rows = await api.children(client.node);
    const loaded = rows.filter((r) => r.kind === 'token');
    const activeLoaded = loaded.filter((r) => r.contextValue === 'oktaToken.active').length;
    assert.equal((await row()).description, `10+ tokens · ${activeLoaded}+ active · ${c0.clientId}`);
    while (rows.at(-1)?.kind === 'loadMore') {
      await vscode.commands.executeCommand('oktaTokenExplorer.loadMore', rows.at(-1)!.node);
      rows = await api.children(client.node);
    }
    const counts = org.em.org.counts(s0.id, c0.clientId);
    assert.equal(
      (await row()).description,
      `${counts.total} tokens · ${counts.active} active · ${c0.clientId}`,
    );
  });

  it('Sort and Group Tokens orders every client’s tokens by expiry or groups them by status, and remembers it', async () => {
    const { s0, c0, row } = await firstClient();
    const client = await row();
    const p = new ScriptedPrompter().answer('By expiry (soonest first)');
    assert.equal(
      await withPrompter(api, p, () => vscode.commands.executeCommand('oktaTokenExplorer.sortTokens')),
      'expiry',
    );
    const expiry = (tokenId: string) =>
      Date.parse(String(org.em.org.getToken(s0.id, c0.clientId, tokenId)?.expiresAt));
    const ids = (await api.children(client.node))
      .filter((r) => r.kind === 'token')
      .map((r) => r.id.split('/t/')[1]!);
    assert.ok(ids.length > 10, 'the first test loaded every page');
    assert.deepEqual(
      ids,
      [...ids].sort((a, b) => expiry(a) - expiry(b)),
    );

    await vscode.commands.executeCommand('oktaTokenExplorer.sortTokens', 'groupByStatus');
    const groups = await api.children(client.node);
    const counts = org.em.org.counts(s0.id, c0.clientId);
    const want = [
      ['Active', counts.active],
      ['Expired', counts.expired],
      ['Revoked', counts.revoked],
    ].filter(([, n]) => n !== 0);
    assert.deepEqual(
      groups.map((g) => [g.kind, g.label, g.description]),
      want.map(([label, n]) => ['tokenGroup', label, String(n)]),
    );
    const active = await api.children(groups[0]!.node);
    assert.equal(active.length, counts.active);
    assert.ok(active.every((r) => r.kind === 'token' && r.contextValue === 'oktaToken.active'));

    // Asked again, the picker marks the order in force: it was kept (in the workspace's state).
    const marked: string[] = [];
    const looking = {
      pick: async (items: PickItem<unknown>[]) => {
        marked.push(...items.filter((i) => i.description === 'current').map((i) => i.label));
        return undefined;
      },
    } as unknown as Prompter;
    await withPrompter(api, looking, () => vscode.commands.executeCommand('oktaTokenExplorer.sortTokens'));
    assert.deepEqual(marked, ['Grouped by status']);
    await vscode.commands.executeCommand('oktaTokenExplorer.sortTokens', 'listed');
    assert.ok((await api.children(client.node)).every((r) => r.kind === 'token'));
  });

  it('Tokens of This User Everywhere lists that user’s tokens from every server and client in the results grid', async () => {
    const { row } = await firstClient();
    const token = (await api.children((await row()).node)).find((r) => r.kind === 'token')!;
    const userId = (token.node as { token: { userId: string } }).token.userId;
    const expected: string[] = [];
    for (const s of org.em.org.servers())
      for (const c of org.em.org.clients(s.id))
        for (const t of org.em.org.listTokens(s.id, c.clientId))
          if (t.userId === userId) expected.push(String(t.id));
    assert.ok(
      new Set(
        org.em.org.servers().flatMap((s) =>
          org.em.org
            .clients(s.id)
            .filter((c) => org.em.org.listTokens(s.id, c.clientId).some((t) => t.userId === userId))
            .map((c) => `${s.id}/${c.clientId}`),
        ),
      ).size > 1,
      'the user should hold tokens in more than one client',
    );
    const results = await vscode.commands.executeCommand<ResultPayload[]>(
      'oktaTokenExplorer.userTokensEverywhere',
      token.node,
    );
    assert.equal(results?.length, 1);
    const r = results![0]!;
    assert.equal(r.error, undefined);
    assert.deepEqual(r.rows.map((x) => String(x.id)).sort(), expected.sort());
    assert.ok(r.rows.every((x) => x.clientId !== undefined && x.issuer !== undefined));
    assert.match(r.statement, /FANOUT/);
    assert.deepEqual(api.lastResults(), results, 'the results grid shows the fan-out’s rows');
  });
});
