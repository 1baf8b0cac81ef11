/// <reference types="mocha" />
// What users of other explorers reach for: Delete revokes the selected tokens (the same modal and trust
// gate as the menu), "Open in Okta Admin Console" (refused for the emulator, which has none) and "Copy as
// cURL" (the API call with a placeholder for the credential, never the API token itself).
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import {
  addConnection,
  explorerApi,
  removeConnectionQuietly,
  ScriptedPrompter,
  startOrg,
  type Org,
  withPrompter,
} from './explorer/fixture';
import { serverRow, tokenIdOf, tokenRows } from './explorer/orgTree';
import { extension } from './helpers';
import type { OktaTokenExplorerTestApi } from '../../../src/extension/testApi';
import type { RevokeResult } from '../../../src/extension/commands/revokeTokens';

interface Keybinding {
  command: string;
  key: string;
  mac?: string;
  when?: string;
}

describe('explorer extras', function () {
  let api: OktaTokenExplorerTestApi;
  let org: Org;
  let id: string;
  let serverId: string;
  let clientId: string;

  before(async () => {
    api = await explorerApi();
    org = await startOrg();
    id = await addConnection(org, 'Extras suite org');
    serverId = org.em.org.servers()[0].id;
    clientId = org.em.org.clients(serverId)[0].clientId;
  });
  after(async () => {
    api.setPrompter(undefined);
    await removeConnectionQuietly(api, id);
    await org.em.close();
  });

  it('Delete on selected tokens in the tree runs Revoke, only in a trusted workspace', () => {
    const pkg = extension().packageJSON as { contributes: { keybindings: Keybinding[] } };
    const kb = pkg.contributes.keybindings.find((k) => k.command === 'oktaTokenExplorer.revokeToken');
    assert.ok(kb, 'Revoke Token(s) has a keybinding');
    assert.equal(kb.key, 'delete');
    assert.equal(kb.mac, 'cmd+backspace');
    for (const clause of [
      'focusedView == oktaTokenExplorer.tree',
      'oktaTokenExplorer.tokensSelected',
      'isWorkspaceTrusted',
    ])
      assert.ok(kb.when?.includes(clause), `the keybinding's when has ${clause}`);
  });

  it('revoking from the keybinding (the focused row alone) asks the same modal and revokes after yes', async () => {
    const [row] = (await tokenRows(api, id, serverId, clientId)).filter(
      (r) => r.contextValue === 'oktaToken.active',
    );
    const p = new ScriptedPrompter().answer('Revoke');
    const r = await withPrompter(api, p, () =>
      vscode.commands.executeCommand<RevokeResult>('oktaTokenExplorer.revokeToken', row.node),
    );
    assert.equal(p.asked.length, 1);
    assert.equal(p.asked[0].kind, 'modal');
    assert.match(p.asked[0].text, /^Revoke 1 refresh token of /);
    assert.deepEqual(
      r.outcomes.map((o) => o.outcome.status),
      ['revoked'],
    );
    const t = org.em.org.getToken(serverId, clientId, tokenIdOf(row)) as { status: string };
    assert.equal(t.status, 'REVOKED');
  });

  it('Open in Okta Admin Console opens nothing for the emulator, which has no Admin Console', async () => {
    assert.ok(
      (await vscode.commands.getCommands(true)).includes('oktaTokenExplorer.openInAdminConsole'),
      'the command is registered',
    );
    const s = await serverRow(api, id, serverId);
    const opened = await vscode.commands.executeCommand<string | undefined>(
      'oktaTokenExplorer.openInAdminConsole',
      s.node,
    );
    assert.equal(opened, undefined);
  });

  it('Copy as cURL copies the API call for the token with a placeholder, never the API token', async () => {
    const [row] = await tokenRows(api, id, serverId, clientId);
    const copied = await vscode.commands.executeCommand<boolean>('oktaTokenExplorer.copyAsCurl', row.node);
    assert.equal(copied, true);
    const text = await vscode.env.clipboard.readText();
    assert.ok(
      text.includes(
        `${org.url}/api/v1/authorizationServers/${serverId}/clients/${clientId}/tokens/${tokenIdOf(row)}`,
      ),
      text,
    );
    assert.ok(text.includes('Authorization: SSWS ${OKTA_API_TOKEN}'));
    assert.ok(!text.includes(org.token), 'the API token is not in the copied text');
  });
});
