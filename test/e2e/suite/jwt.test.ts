/// <reference types="mocha" />
// Tokens in any file (issue 14) inside the extension host: a token's hover links its server and client,
// and user, and following those links selects them in the tree; an Okta id in a file hovers with its name; the
// languages setting turns the hover off; "Decode and Verify Token…" opens its panel.
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
import { hoverTextAt, waitFor } from './helpers';
import type { OktaTokenExplorerTestApi } from '../../../src/extension/testApi';

/** The target of the "Reveal in Tree" link on the hover line that starts with `label`. */
function revealTarget(markdown: string, label: string): unknown {
  const line = markdown.split('\n').find((l) => l.startsWith(`${label}: `));
  const m = line && /\(command:oktaTokenExplorer\.revealOktaId\?([^)]+)\)/.exec(line);
  assert.ok(m, `no Reveal in Tree link on the ${label} line:\n${markdown}`);
  return (JSON.parse(decodeURIComponent(m[1]!)) as unknown[])[0];
}

describe('tokens in any file', function () {
  let api: OktaTokenExplorerTestApi;
  let org: Org;
  let id: string;

  before(async () => {
    api = await explorerApi();
    org = await startOrg();
    id = await addConnection(org, 'Token hover org');
  });
  after(async () => {
    await setSetting('jwtHover.languages', undefined);
    await removeConnectionQuietly(api, id);
    await org.em.close();
  });

  it('Reveal in Tree on a token’s hover selects its server, its client and its user in the tree', async () => {
    const token = org.em.authServers.mintJwt({ serverId: 'default' });
    const doc = await vscode.workspace.openTextDocument({
      language: 'plaintext',
      content: `TOKEN=${token}\n`,
    });
    const text = await hoverTextAt(doc, new vscode.Position(0, 30), '**Valid**', 'the token hover');
    await vscode.commands.executeCommand('oktaTokenExplorer.revealOktaId', revealTarget(text, 'Server'));
    await waitFor(
      'the server selected in the tree',
      () => api.treeView.selection[0]?.id === `c/${id}/s/default`,
    );
    const clientId = org.em.org.clients('default')[0]!.clientId;
    await vscode.commands.executeCommand('oktaTokenExplorer.revealOktaId', revealTarget(text, 'Client'));
    await waitFor(
      'the client selected in the tree',
      () => api.treeView.selection[0]?.id === `c/${id}/s/default/cl/${clientId}`,
    );
    const userId = org.em.org.users()[0]!.id;
    await vscode.commands.executeCommand('oktaTokenExplorer.revealOktaId', revealTarget(text, 'User'));
    await waitFor(
      'the user selected under the Users row',
      () => api.treeView.selection[0]?.id === `c/${id}/users/${userId}`,
    );
  });

  it('an Okta id in a file hovers with its name; the languages setting turns the hover off', async () => {
    const server = org.em.org.servers()[1]!;
    const doc = await vscode.workspace.openTextDocument({
      language: 'plaintext',
      content: `issuer id: ${server.id}\n`,
    });
    const pos = new vscode.Position(0, 15);
    const text = await hoverTextAt(doc, pos, 'authorization server', 'the id hover');
    assert.ok(text.includes(server.name.replace(/[-.]/g, '\\$&')), text);
    await setSetting('jwtHover.languages', ['markdown']);
    await waitFor('no hover in plain text', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        doc.uri,
        pos,
      );
      return !hovers
        .flatMap((h) => h.contents)
        .some((c) => (typeof c === 'string' ? c : c.value).includes(server.id));
    });
    await setSetting('jwtHover.languages', undefined);
  });

  it('Decode and Verify Token… opens the panel with the verdict', async () => {
    const token = org.em.authServers.mintJwt({ serverId: 'default' });
    await vscode.commands.executeCommand('oktaTokenExplorer.decodeToken', token);
    await waitFor('the Decoded token panel', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.label === 'Decoded token'),
    );
  });
});
