/// <reference types="mocha" />
// Users in the tree (issue 12): beside the servers, the org's users — found by name, email or login with
// Okta's user search — then the clients holding their tokens, then the tokens, with the same token panels,
// revoke confirmation, trust gate and outcome words as the server path; a revoke through the user shows
// REVOKED under the token's server; and a user panel with profile basics, clients, grants and token counts.
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
import { tokenRows } from './explorer/orgTree';
import { waitFor } from './helpers';
import type { OktaTokenExplorerTestApi, TreeRow } from '../../../src/extension/testApi';
import type { PanelIds } from '../../../src/extension/panels/protocol';
import type { RevokeResult } from '../../../src/extension/commands/revokeTokens';
import type { ResultPayload } from '../../../src/extension/query/resultsProtocol';

interface EmuToken {
  id: string;
  status: string;
  userId: string;
  expiresAt: string;
  clientId: string;
  _links: { authorizationServer: { href: string } };
}

describe('users in the tree', function () {
  let api: OktaTokenExplorerTestApi;
  let org: Org;
  let id: string;
  let conn: TreeRow;

  before(async () => {
    api = await explorerApi();
    org = await startOrg();
    id = await addConnection(org, 'Users suite org');
    conn = (await api.children()).find((r) => r.id === `c/${id}`)!;
  });
  after(async () => {
    api.simulateRestrictedMode(false);
    await vscode.commands.executeCommand('oktaTokenExplorer.clearFilters');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeConnectionQuietly(api, id);
    await org.em.close();
  });

  const usersRow = async () => (await api.children(conn.node)).find((r) => r.kind === 'users')!;
  const userRows = async () => (await api.children((await usersRow()).node)).filter((r) => r.kind === 'user');
  /** Every token of the org (through the server path), with the server it is on. */
  const allTokens = () =>
    org.em.org
      .servers()
      .flatMap((s) =>
        org.em.org
          .clients(s.id)
          .flatMap((c) =>
            (org.em.org.listTokens(s.id, c.clientId) as unknown as EmuToken[]).map((t) => ({ s, c, t })),
          ),
      );
  /** A user holding active tokens in at least two clients. */
  const holder = () => {
    const byUser = new Map<string, Set<string>>();
    for (const { c, t } of allTokens())
      if (t.status === 'ACTIVE' && Date.parse(t.expiresAt) > Date.now())
        byUser.set(t.userId, (byUser.get(t.userId) ?? new Set()).add(c.clientId));
    const userId = [...byUser].find(([, cs]) => cs.size >= 2)?.[0];
    assert.ok(userId, 'the demo org has no user with active tokens in two clients');
    return org.em.org.users().find((u) => u.id === userId)!;
  };
  const search = (text: string) =>
    vscode.commands.executeCommand('oktaTokenExplorer.searchUsers', conn.node, text);

  it('beside the servers, a Users row lists the org’s people by name, with their login', async () => {
    const rows = await api.children(conn.node);
    assert.deepEqual(
      rows.map((r) => r.kind),
      [...org.em.org.servers().map(() => 'server'), 'users'],
    );
    const users = await userRows();
    assert.ok(users.length > 0);
    const byId = new Map(org.em.org.users().map((u) => [u.id, u]));
    for (const r of users) {
      const u = byId.get(r.id.split('/users/')[1]!)!;
      assert.equal(r.label, u.name, 'a user row is named by the person, not the id');
      assert.match(r.description ?? '', new RegExp(u.email.replace(/[.]/g, '\\.')));
    }
  });

  it('Users page like every level: "Load more" brings the next page of people', async () => {
    await setSetting('pageSize', 10);
    try {
      let rows = await api.children((await usersRow()).node);
      assert.equal(rows.filter((r) => r.kind === 'user').length, 10);
      assert.equal(rows.at(-1)?.kind, 'loadMore');
      await vscode.commands.executeCommand('oktaTokenExplorer.loadMore', rows.at(-1)!.node);
      rows = await api.children((await usersRow()).node);
      const ids = rows.filter((r) => r.kind === 'user').map((r) => r.id);
      assert.equal(ids.length, 20);
      assert.equal(new Set(ids).size, 20, 'the second page repeated people of the first');
    } finally {
      await setSetting('pageSize', undefined);
    }
  });

  it('Search Users… finds a person by part of the name, by email, by login; the view says so; clearing lists everyone', async () => {
    const u = holder();
    const first = u.name.split(' ')[0]!;
    await search(first.slice(0, 4).toLowerCase());
    let found = await userRows();
    assert.ok(
      found.some((r) => r.label === u.name),
      `searching "${first.slice(0, 4)}" lost ${u.name}: ${found.map((r) => r.label).join(', ')}`,
    );
    assert.ok(found.length < org.em.org.users().length, 'the search did not narrow the list');
    assert.match((await usersRow()).description ?? '', /matching/);
    assert.match(api.viewMessage() ?? '', /users of Users suite org matching/);

    await search(u.email);
    found = await userRows();
    assert.deepEqual(
      found.map((r) => r.label),
      [u.name],
    );
    await search('zzz-nobody-here');
    assert.deepEqual(
      (await api.children((await usersRow()).node)).map((r) => [r.kind, r.label]),
      [['empty', 'No user matches the search']],
    );
    await vscode.commands.executeCommand('oktaTokenExplorer.clearFilters');
    assert.equal((await usersRow()).description, undefined);
    assert.ok((await userRows()).length > 1);
  });

  /** The user's rows: their clients, and the tokens of one client (after a search by name). */
  async function userPath(u: { id: string; name: string }) {
    await search(u.name);
    const user = (await userRows()).find((r) => r.id === `c/${id}/users/${u.id}`)!;
    assert.ok(user, `${u.name} not found by name`);
    const clients = (await api.children(user.node)).filter((r) => r.kind === 'userClient');
    return { user, clients };
  }

  it('a user’s clients hold only that user’s tokens, counted on the row; a token opens the same panel, naming the user', async () => {
    const u = holder();
    const { user, clients } = await userPath(u);
    const mine = allTokens().filter(({ t }) => t.userId === u.id);
    assert.deepEqual(
      clients.map((r) => r.id.split('/cl/')[1]).sort(),
      [...new Set(mine.map(({ c }) => c.clientId))].sort(),
    );
    const tokens = (await api.children(clients[0]!.node)).filter((r) => r.kind === 'token');
    const clientId = clients[0]!.id.split('/cl/')[1]!;
    assert.deepEqual(
      tokens.map((r) => r.id.split('/t/')[1]).sort(),
      mine
        .filter(({ c }) => c.clientId === clientId)
        .map(({ t }) => t.id)
        .sort(),
    );
    assert.ok(tokens.every((r) => r.label === u.name));
    // Its row now counts them (the level was loaded above; no search again, which would reload it).
    const counted = (await api.children(user.node)).find((r) => r.id === clients[0]!.id)!;
    assert.match(
      counted.description ?? '',
      new RegExp(`^${tokens.length} tokens? · \\d+ active · ${clientId}$`),
    );

    const ids = await vscode.commands.executeCommand<PanelIds>(
      'oktaTokenExplorer.openToken',
      tokens[0]!.node,
    );
    const p = await waitFor(
      'the token panel',
      () => api.panels().find((x) => JSON.stringify(x.ids) === JSON.stringify(ids) && x.view && x.ready),
      30_000,
    );
    const serverOf = mine.find(({ t }) => t.id === tokens[0]!.id.split('/t/')[1])!.s.id;
    assert.equal(
      ids.kind === 'token' && ids.authServerId,
      serverOf,
      'the panel reads the token on its server',
    );
    assert.equal(p.view!.fields.find((f) => f.label === 'User')?.value, u.name);
    assert.ok(p.view!.actions.some((a) => a.id === 'openUser'));
    assert.ok(p.view!.actions.some((a) => a.id === 'openClient'));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('revoking a token under its user asks the same modal, names the user, and shows it REVOKED under its server', async () => {
    const u = holder();
    const { clients } = await userPath(u);
    const tokens = (await api.children(clients[0]!.node)).filter(
      (r) => r.kind === 'token' && r.contextValue === 'oktaToken.active',
    );
    const row = tokens[0]!;
    const tokenId = row.id.split('/t/')[1]!;
    const { s, c } = allTokens().find(({ t }) => t.id === tokenId)!;
    // The same token under its server, loaded before the revoke.
    const before = (await tokenRows(api, id, s.id, c.clientId)).find((r) => r.id.endsWith(`/t/${tokenId}`))!;
    assert.equal(before.contextValue, 'oktaToken.active');

    // Restricted Mode: nothing asked, nothing sent, and why.
    api.simulateRestrictedMode(true);
    const refusedBy = new ScriptedPrompter();
    const refused = await withPrompter(api, refusedBy, () =>
      vscode.commands.executeCommand<RevokeResult>('oktaTokenExplorer.revokeToken', row.node),
    );
    api.simulateRestrictedMode(false);
    assert.match(refused?.refused ?? '', /Restricted Mode/);
    assert.equal(refusedBy.asked.length, 0);

    const userDeletes = () => org.em.stats().byRoute['DELETE revokeTokenForUserAndClient'] ?? 0;
    const deletesBefore = userDeletes();
    const p = new ScriptedPrompter().answer('Revoke');
    const r = await withPrompter(api, p, () =>
      vscode.commands.executeCommand<RevokeResult>('oktaTokenExplorer.revokeToken', row.node),
    );
    assert.equal(p.asked[0]?.kind, 'modal');
    assert.equal(p.asked[0]?.text, `Revoke 1 refresh token of "${c.name}"?`);
    assert.match(`${p.asked[0]?.text}\n${p.asked[0]?.detail}`, new RegExp(u.name));
    assert.deepEqual(
      r.outcomes.map((o) => [o.outcome.status, o.user]),
      [['revoked', u.name]],
    );
    assert.equal((org.em.org.getToken(s.id, c.clientId, tokenId) as { status: string }).status, 'REVOKED');
    assert.equal(userDeletes(), deletesBefore + 1, 'the token was not revoked through its user’s path');
    const under = async (rows: TreeRow[]) => rows.find((x) => x.id.endsWith(`/t/${tokenId}`))!;
    assert.equal(
      (await under(await tokenRows(api, id, s.id, c.clientId))).contextValue,
      'oktaToken.revoked',
      'the row under its server still says active',
    );
    assert.equal((await under(await api.children(clients[0]!.node))).contextValue, 'oktaToken.revoked');
  });

  it('Tokens of This User Everywhere on a user row lists their tokens of every server and client in the grid', async () => {
    const u = holder();
    const { user } = await userPath(u);
    const results = await vscode.commands.executeCommand<ResultPayload[]>(
      'oktaTokenExplorer.userTokensEverywhere',
      user.node,
    );
    assert.equal(results?.[0]?.error, undefined);
    assert.deepEqual(
      results![0]!.rows.map((r) => String(r.id)).sort(),
      allTokens()
        .filter(({ t }) => t.userId === u.id)
        .map(({ t }) => t.id)
        .sort(),
    );
    assert.match(results![0]!.statement, new RegExp(`userId = '${u.id}'`));
  });

  it('Revoke All Tokens on a user’s client revokes that user’s tokens of it only, after the client name is typed', async () => {
    const u = holder();
    const { clients } = await userPath(u);
    const client = clients[0]!;
    const clientId = client.id.split('/cl/')[1]!;
    const name = client.label;
    const ofClient = () => allTokens().filter(({ c }) => c.clientId === clientId);
    assert.ok(
      ofClient().some(({ t }) => t.userId !== u.id && t.status === 'ACTIVE'),
      'the client should hold active tokens of other users too',
    );
    const othersActive = ofClient().filter(({ t }) => t.userId !== u.id && t.status === 'ACTIVE').length;
    await api.children(client.node);
    const deletes = () => org.em.stats().byRoute['DELETE revokeTokensForUserAndClient'] ?? 0;
    const before = deletes();
    const p = new ScriptedPrompter().answer('Revoke All', name);
    await withPrompter(api, p, () =>
      vscode.commands.executeCommand('oktaTokenExplorer.revokeAllTokens', client.node),
    );
    assert.equal(p.asked[0]?.text, `Revoke ALL refresh tokens of ${u.name} for "${name}"?`);
    assert.match(p.asked[0]?.detail ?? '', /Other users keep theirs/);
    assert.equal(p.asked[1]?.kind, 'input', 'the client name is typed before anything is sent');
    assert.equal(deletes(), before + 1);
    assert.deepEqual(
      ofClient()
        .filter(({ t }) => t.userId === u.id)
        .map(({ t }) => t.status),
      ofClient()
        .filter(({ t }) => t.userId === u.id)
        .map(() => 'REVOKED'),
    );
    assert.equal(
      ofClient().filter(({ t }) => t.userId !== u.id && t.status === 'ACTIVE').length,
      othersActive,
      'other users’ tokens of the client were revoked too',
    );
    const rows = (await api.children(client.node)).filter((r) => r.kind === 'token');
    assert.ok(rows.length > 0 && rows.every((r) => r.contextValue === 'oktaToken.revoked'));
  });

  it('the user panel shows the profile, the clients, the grants and the token counts by status', async () => {
    const u = holder();
    const { user, clients } = await userPath(u);
    const ids = await vscode.commands.executeCommand<PanelIds>('oktaTokenExplorer.openUser', user.node);
    const p = await waitFor(
      'the user panel',
      () => api.panels().find((x) => JSON.stringify(x.ids) === JSON.stringify(ids) && x.view && x.ready),
      30_000,
    );
    const v = p.view!;
    const field = (label: string) => v.fields.find((f) => f.label === label)?.value;
    assert.equal(v.title, `User ${u.name}`);
    assert.equal(field('Name'), u.name);
    assert.equal(field('Email'), u.email);
    assert.equal(field('User ID'), u.id);
    const mine = allTokens().filter(({ t }) => t.userId === u.id);
    const now = Date.now();
    const revoked = mine.filter(({ t }) => t.status === 'REVOKED').length;
    const expired = mine.filter(({ t }) => t.status !== 'REVOKED' && Date.parse(t.expiresAt) <= now).length;
    assert.equal(field('Active tokens'), String(mine.length - revoked - expired));
    assert.equal(field('Expired tokens'), String(expired));
    assert.equal(field('Revoked tokens'), String(revoked));
    const [clientsTable, tokensTable, grantsTable] = v.tables;
    assert.equal(clientsTable!.rows.length, clients.length);
    assert.equal(tokensTable!.rows.length, mine.length);
    assert.ok(grantsTable!.caption.startsWith('Grants'));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
