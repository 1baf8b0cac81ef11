/// <reference types="mocha" />
// Revoking in the real extension host against a private emulator: one token, a selection across
// clients, a selection above the threshold (typed confirmation), a partial failure, a captive portal's
// 200 page (not a revoke), and all tokens of a client. Each path checks the modal's words, the outcomes,
// the tree rows and the org's own state.
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
import { clientRow, tokenIdOf, tokenRows } from './explorer/orgTree';
import type { OktaTokenExplorerTestApi, TreeRow } from '../../../src/extension/testApi';
import type { RevokeResult } from '../../../src/extension/commands/revokeTokens';

describe('revoking tokens', function () {
  let api: OktaTokenExplorerTestApi;
  let org: Org;
  let id: string;
  let serverId: string;
  let clients: { clientId: string; name: string }[];

  before(async () => {
    api = await explorerApi();
    org = await startOrg();
    id = await addConnection(org, 'Revoke suite org');
    serverId = org.em.org.servers()[0].id;
    clients = org.em.org.clients(serverId);
    assert.ok(clients.length >= 3, 'the demo org should have at least three clients on a server');
  });
  after(async () => {
    api.setPrompter(undefined);
    await setSetting('revoke.typeNameThreshold', undefined);
    await removeConnectionQuietly(api, id);
    await org.em.close();
  });

  const status = (clientId: string, tokenId: string) =>
    (org.em.org.getToken(serverId, clientId, tokenId) as { status: string }).status;
  const activeRows = async (clientId: string) =>
    (await tokenRows(api, id, serverId, clientId)).filter((r) => r.contextValue === 'oktaToken.active');

  async function revoke(p: ScriptedPrompter, clicked: TreeRow, selected?: TreeRow[]): Promise<RevokeResult> {
    return withPrompter(api, p, () =>
      vscode.commands.executeCommand<RevokeResult>(
        'oktaTokenExplorer.revokeToken',
        clicked.node,
        selected?.map((r) => r.node),
      ),
    );
  }

  it('revokes one token after a modal that names the count and the consequence', async () => {
    const c = clients[0];
    const [row] = await activeRows(c.clientId);
    const p = new ScriptedPrompter().answer('Revoke');
    const r = await revoke(p, row);
    assert.equal(p.asked.length, 1);
    assert.equal(p.asked[0].kind, 'modal');
    assert.equal(p.asked[0].text, `Revoke 1 refresh token of "${c.name}"?`);
    assert.match(p.asked[0].detail ?? '', /Access tokens minted with this refresh token are revoked too/);
    assert.deepEqual(
      r.outcomes.map((o) => o.outcome.status),
      ['revoked'],
    );
    assert.equal(status(c.clientId, tokenIdOf(row)), 'REVOKED');
    const after = (await tokenRows(api, id, serverId, c.clientId)).find((x) => x.id === row.id)!;
    assert.equal(after.contextValue, 'oktaToken.revoked');
    assert.match(after.description ?? '', /^Revoked/);
  });

  it('revokes nothing when the modal is dismissed', async () => {
    const c = clients[0];
    const [row] = await activeRows(c.clientId);
    const r = await revoke(new ScriptedPrompter().answer(undefined), row);
    assert.equal(r.confirmed, false);
    assert.equal(status(c.clientId, tokenIdOf(row)), 'ACTIVE');
  });

  it('revokes a multi-selection across two clients in one confirmation, naming an already revoked one it leaves out', async () => {
    const a = (await activeRows(clients[1].clientId)).slice(0, 2);
    const b = (await activeRows(clients[2].clientId)).slice(0, 1);
    const gone = (await tokenRows(api, id, serverId, clients[0].clientId)).find(
      (x) => x.contextValue === 'oktaToken.revoked',
    );
    assert.ok(gone, 'the first test left a revoked token');
    const selection = [...a, ...b, gone];
    const p = new ScriptedPrompter().answer('Revoke');
    const r = await revoke(p, selection[0], selection);
    assert.equal(p.asked.filter((x) => x.kind === 'modal').length, 1);
    assert.equal(p.asked[0].text, 'Revoke 3 refresh tokens of 2 clients?');
    assert.match(p.asked[0].detail ?? '', /1 selected token is already revoked and is left out\./);
    assert.match(p.asked[0].detail ?? '', /Access tokens minted with these refresh tokens are revoked too/);
    assert.deepEqual(
      r.outcomes.map((o) => o.outcome.status),
      ['revoked', 'revoked', 'revoked'],
    );
    for (const row of a) assert.equal(status(clients[1].clientId, tokenIdOf(row)), 'REVOKED');
    assert.equal(status(clients[2].clientId, tokenIdOf(b[0])), 'REVOKED');
    const rowsA = await tokenRows(api, id, serverId, clients[1].clientId);
    for (const row of a) assert.equal(rowsA.find((x) => x.id === row.id)?.contextValue, 'oktaToken.revoked');
  });

  it('asks for the client name above the threshold; a wrong name revokes nothing', async () => {
    await setSetting('revoke.typeNameThreshold', 2);
    const c = clients[3] ?? clients[0];
    const sel = (await activeRows(c.clientId)).slice(0, 3);
    let r = await revoke(new ScriptedPrompter().answer('Revoke', 'not the name'), sel[0], sel);
    assert.equal(r.confirmed, false);
    for (const row of sel) assert.equal(status(c.clientId, tokenIdOf(row)), 'ACTIVE');
    const p = new ScriptedPrompter().answer('Revoke', c.name);
    r = await revoke(p, sel[0], sel);
    assert.equal(p.asked[1].kind, 'input');
    assert.match(p.asked[1].text, new RegExp(`Type the client name "${c.name}"`));
    assert.equal(r.outcomes.filter((o) => o.outcome.status === 'revoked').length, 3);
    await setSetting('revoke.typeNameThreshold', undefined);
  });

  it('reports each token’s outcome; a token Okta refused stays active in the tree', async () => {
    const c = clients[0];
    const [ok, refused] = await activeRows(c.clientId);
    const fault = org.em.faults.add({
      kind: 'auth-challenge',
      status: 403,
      method: 'DELETE',
      path: `/api/v1/authorizationServers/${serverId}/clients/${c.clientId}/tokens/${tokenIdOf(refused)}`,
      count: Infinity,
    });
    try {
      const r = await revoke(new ScriptedPrompter().answer('Revoke'), ok, [ok, refused]);
      const byId = new Map(r.outcomes.map((o) => [o.tokenId, o.outcome]));
      assert.equal(byId.get(tokenIdOf(ok))?.status, 'revoked');
      const bad = byId.get(tokenIdOf(refused));
      assert.equal(bad?.status, 'failed');
      assert.ok(bad && 'reason' in bad && bad.reason.length > 0);
    } finally {
      org.em.faults.remove(fault);
    }
    assert.equal(status(c.clientId, tokenIdOf(refused)), 'ACTIVE');
    const rows = await tokenRows(api, id, serverId, c.clientId);
    assert.equal(rows.find((x) => x.id === refused.id)?.contextValue, 'oktaToken.active');
    assert.equal(rows.find((x) => x.id === ok.id)?.contextValue, 'oktaToken.revoked');
  });

  it("a captive portal's 200 page answering the DELETE is not a revoke: failed, and the rows stay active", async () => {
    const c = clients[1];
    const [row] = await activeRows(c.clientId);
    const before = org.em.org.counts(serverId, c.clientId);
    const portal = org.em.faults.add({
      kind: 'html',
      status: 200,
      method: 'DELETE',
      path: '/api/v1/authorizationServers/**',
      count: Infinity,
    });
    let all: { status: string; reason?: string } | undefined;
    try {
      const r = await revoke(new ScriptedPrompter().answer('Revoke'), row);
      assert.deepEqual(
        r.outcomes.map((o) => o.outcome.status),
        ['failed'],
      );
      const client = await clientRow(api, id, serverId, c.clientId);
      all = await withPrompter(api, new ScriptedPrompter().answer('Revoke All', c.name), () =>
        vscode.commands.executeCommand<{ status: string; reason?: string }>(
          'oktaTokenExplorer.revokeAllTokens',
          client.node,
        ),
      );
    } finally {
      org.em.faults.remove(portal);
    }
    assert.equal(all?.status, 'failed');
    assert.match(all?.reason ?? '', /not Okta's answer.*still ACTIVE/);
    assert.deepEqual(org.em.org.counts(serverId, c.clientId), before, 'nothing was revoked');
    const rows = await tokenRows(api, id, serverId, c.clientId);
    assert.equal(rows.find((x) => x.id === row.id)?.contextValue, 'oktaToken.active');
    assert.match(api.logText(), new RegExp(`Token ${tokenIdOf(row)} \\(client ${c.clientId}\\): failed: `));
  });

  it('in Restricted Mode Revoke and Revoke All revoke nothing, ask nothing and say why', async () => {
    // The suites run with workspace trust disabled, so Restricted Mode is simulated through the test API
    // (which reaches the trust gate); it can only make the gate stricter.
    const c = clients[0];
    const rows = await activeRows(c.clientId);
    assert.ok(rows.length >= 1, 'client 0 should still have an active token');
    const before = org.em.org.counts(serverId, c.clientId);
    const p = new ScriptedPrompter().answer('Revoke', 'Revoke All', c.name);
    api.simulateRestrictedMode(true);
    let one: RevokeResult;
    let all: unknown;
    try {
      one = await revoke(p, rows[0]);
      api.setPrompter(p);
      const client = await clientRow(api, id, serverId, c.clientId);
      all = await vscode.commands.executeCommand('oktaTokenExplorer.revokeAllTokens', client.node);
    } finally {
      api.simulateRestrictedMode(false);
      api.setPrompter(undefined);
    }
    assert.equal(one.confirmed, false);
    assert.deepEqual(one.outcomes, []);
    assert.equal(
      one.refused,
      'Revoking is disabled in Restricted Mode: trust this workspace to revoke tokens.',
    );
    assert.equal(all, undefined);
    assert.deepEqual(p.asked, [], 'no confirmation should be shown when revoking is refused');
    assert.deepEqual(org.em.org.counts(serverId, c.clientId), before);
    assert.equal(status(c.clientId, tokenIdOf(rows[0])), 'ACTIVE');
    assert.match(api.logText(), /Revoke refused: the workspace is not trusted/);
    // The tree's inline and context-menu Revoke items are hidden in Restricted Mode as well.
    const menus = (
      vscode.extensions.getExtension('okta-token-explorer.okta-token-explorer')!.packageJSON as {
        contributes: { menus: Record<string, { command: string; when?: string }[]> };
      }
    ).contributes.menus;
    const revokeItems = Object.values(menus)
      .flat()
      .filter((m) => /^oktaTokenExplorer\.revoke/.test(m.command));
    assert.ok(revokeItems.length >= 5);
    for (const m of revokeItems) assert.match(m.when ?? '', /isWorkspaceTrusted/, JSON.stringify(m));
  });

  it('revokes all tokens of a client only after the client name is typed', async () => {
    const c = clients[2];
    const row = await clientRow(api, id, serverId, c.clientId);
    const p = new ScriptedPrompter().answer('Revoke All', c.name);
    await withPrompter(api, p, async () => {
      const outcome = await vscode.commands.executeCommand<{ status: string }>(
        'oktaTokenExplorer.revokeAllTokens',
        row.node,
      );
      assert.equal(outcome?.status, 'revoked');
    });
    assert.equal(p.asked[0].text, `Revoke ALL refresh tokens of "${c.name}"?`);
    assert.equal(p.asked[1].kind, 'input');
    const counts = org.em.org.counts(serverId, c.clientId);
    assert.equal(counts.active + counts.expired, 0, `tokens left unrevoked: ${JSON.stringify(counts)}`);
    const rows = await tokenRows(api, id, serverId, c.clientId);
    assert.ok(rows.length > 0 && rows.every((x) => x.contextValue === 'oktaToken.revoked'));
  });
});
