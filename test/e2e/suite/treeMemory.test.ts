/// <reference types="mocha" />
// What the tree lets go of (issue 15): a collapsed client's loaded tokens are kept only up to the
// oktaTokenExplorer.tree.keepCollapsedTokens setting — beyond it, collapsing the client drops its list, and
// expanding it again lists the first page afresh — and a refresh leaves no rows behind for tokens that are
// no longer listed. The client is collapsed as a person does it: the row focused in the view, then Left
// (list.collapse).
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import {
  addConnection,
  explorerApi,
  removeConnectionQuietly,
  setSetting,
  startOrg,
  type Org,
} from './explorer/fixture';
import { clientRow } from './explorer/orgTree';
import { waitFor } from './helpers';
import type { OktaTokenExplorerTestApi, TreeRow } from '../../../src/extension/testApi';
import type { TreeNode } from '../../../src/extension/tree/nodes';

describe('tree memory: what the tree keeps of collapsed clients', function () {
  this.timeout(120_000);
  let api: OktaTokenExplorerTestApi;
  let org: Org;
  let id: string;
  let serverId: string;
  let clientId: string;

  before(async () => {
    api = await explorerApi();
    org = await startOrg('demo');
    await setSetting('pageSize', 10);
    id = await addConnection(org, 'Tree memory org');
    serverId = org.em.org.servers()[0]!.id;
    // Demo clients hold 24 tokens: 10 on the first page, 20 after one "Load more".
    clientId = org.em.org.clients(serverId)[0]!.clientId;
  });
  after(async () => {
    await setSetting('tree.keepCollapsedTokens', undefined);
    await setSetting('pageSize', undefined);
    await removeConnectionQuietly(api, id);
    await org.em.close();
  });

  /** Token lists the org has answered so far. */
  const tokenLists = () => org.em.stats().byRoute['GET listRefreshTokens'] ?? 0;

  /** Opens the client in the view (its connection and server too) and loads two pages: 20 tokens. */
  async function openWithTwoPages(): Promise<TreeRow> {
    const client = await clientRow(api, id, serverId, clientId);
    await api.treeView.reveal(client.node, { expand: true });
    let rows = await api.children(client.node);
    assert.equal(rows.filter((r) => r.kind === 'token').length, 10);
    assert.equal(rows.at(-1)?.kind, 'loadMore');
    await vscode.commands.executeCommand('oktaTokenExplorer.loadMore', rows.at(-1)!.node);
    rows = await api.children(client.node);
    assert.equal(rows.filter((r) => r.kind === 'token').length, 20);
    return client;
  }

  /** Focuses the client's row in the view and presses Left; resolves once the view reported it collapsed. */
  async function collapse(client: TreeRow): Promise<void> {
    const collapsed = new Promise<void>((resolve) => {
      const sub = api.treeView.onDidCollapseElement((e: vscode.TreeViewExpansionEvent<TreeNode>) => {
        if (e.element.id !== client.id) return;
        sub.dispose();
        resolve();
      });
    });
    await api.treeView.reveal(client.node, { select: true, focus: true });
    await vscode.commands.executeCommand('list.collapse');
    await collapsed;
  }

  /** The client's row as its server lists it (listing the server does not list the client's tokens). */
  async function clientAsListed(): Promise<TreeRow> {
    const row = (await clientRow(api, id, serverId, clientId)) as TreeRow | undefined;
    assert.ok(row);
    return row;
  }

  it('collapsing a client with more loaded tokens than the limit frees its list; expanding it lists the first page afresh', async () => {
    await setSetting('tree.keepCollapsedTokens', 15);
    const client = await openWithTwoPages();
    assert.match((await clientAsListed()).description ?? '', /20\+/, 'the row counts the 20 loaded tokens');
    await collapse(client);
    // The row no longer counts tokens it does not hold.
    await waitFor(
      'the client row without counts',
      async () => (await clientAsListed()).description === clientId,
    );
    const requests = tokenLists();
    await api.treeView.reveal(client.node, { expand: true });
    const rows = await api.children(client.node);
    assert.equal(rows.filter((r) => r.kind === 'token').length, 10, 'the first page again');
    assert.equal(rows.at(-1)?.kind, 'loadMore');
    assert.ok(tokenLists() > requests, 'the tokens were listed from Okta again');
  });

  it('a collapsed client within the limit keeps its loaded tokens', async () => {
    await setSetting('tree.keepCollapsedTokens', 2000);
    await vscode.commands.executeCommand('oktaTokenExplorer.refresh');
    const client = await openWithTwoPages();
    await collapse(client);
    const requests = tokenLists();
    await api.treeView.reveal(client.node, { expand: true });
    const rows = await api.children(client.node);
    assert.equal(rows.filter((r) => r.kind === 'token').length, 20);
    assert.equal(tokenLists(), requests, 'nothing was listed again');
  });

  it('refreshing a client keeps rows only for the tokens it lists again', async () => {
    const client = await clientRow(api, id, serverId, clientId);
    await api.treeView.reveal(client.node, { expand: true });
    assert.equal((await api.children(client.node)).filter((r) => r.kind === 'token').length, 20);
    const before = api.cacheStats().tokenRows;
    await vscode.commands.executeCommand('oktaTokenExplorer.refreshNode', client.node);
    const listed = (await api.children(client.node)).filter((r) => r.kind === 'token').length;
    assert.equal(listed, 10);
    assert.equal(
      before - api.cacheStats().tokenRows,
      10,
      'the rows of the 10 tokens not listed again are gone',
    );
  });
});
