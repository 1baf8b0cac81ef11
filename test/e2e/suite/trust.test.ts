/// <reference types="mocha" />
// Outcomes you can trust, in the real extension host: a DELETE in a .iql file passes the same Restricted
// Mode gate as the tree (nothing asked, nothing sent, the reason said), no command of the extension
// exports to a path or answers a prompt on another extension's behalf, and names an org's admins typed
// with Markdown in them show as text in tree tooltips and in query hovers.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  addConnection,
  explorerApi,
  removeConnectionQuietly,
  runFileByLens,
  ScriptedPrompter,
  startOrg,
  type Org,
  withPrompter,
} from './explorer/fixture';
import { clientRow, serverRow, tokenRows } from './explorer/orgTree';
import { extension, hoverTextAt, waitFor } from './helpers';
import type { OktaTokenExplorerTestApi, TreeRow } from '../../../src/extension/testApi';
import type { ResultPayload } from '../../../src/extension/query/resultsProtocol';

// What an Okta admin may type as names: an image that would load from any host, a look-alike link, HTML.
const SERVER_NAME = '![t](https://any.host/pixel.png?who=me) Orders <img src=x onerror=alert(1)>';
const CLIENT_NAME = '[Payments](https://login.evil.example/okta) **Web**';
const RESTRICTED = 'Revoking is disabled in Restricted Mode: trust this workspace to revoke tokens.';

/** Markdown source in which `![`, `](` and `<` only ever appear escaped, so nothing renders as markup. */
function assertInert(markdown: string): void {
  assert.doesNotMatch(markdown, /(?<!\\)!\[/, markdown);
  assert.doesNotMatch(markdown, /(?<!\\)\]\(/, markdown);
}

describe('trust: Restricted Mode for queries, no test hooks as commands, API names as text', function () {
  this.timeout(120_000);
  let api: OktaTokenExplorerTestApi;
  let org: Org;
  let id: string;
  let serverId: string;
  let client: { clientId: string; name: string };
  const name = 'Trust suite org';
  const dir = mkdtempSync(join(tmpdir(), 'iql-trust-'));

  before(async () => {
    api = await explorerApi();
    // tiny: `default` and one custom server; apps[0] is the default server's first client.
    org = await startOrg('tiny', { servers: [SERVER_NAME], clients: [CLIENT_NAME] });
    id = await addConnection(org, name);
    serverId = org.em.org.servers()[0]!.id;
    client = org.em.org.clients(serverId)[0]!;
    assert.equal(client.name, CLIENT_NAME);
    // Loaded in the tree, as a user would have it, so the query hover can name the client.
    await tokenRows(api, id, serverId, client.clientId);
  });
  after(async () => {
    api.simulateRestrictedMode(false);
    api.setPrompter(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeConnectionQuietly(api, id);
    await org.em.close();
  });

  const deletes = () =>
    Object.entries(org.em.stats().byRoute)
      .filter(([k]) => k.startsWith('DELETE '))
      .reduce((n, [, v]) => n + v, 0);
  const where = () =>
    `WHERE subdomain = 'acme' AND authServerId = '${serverId}' AND clientId = '${client.clientId}'`;

  it('in Restricted Mode a DELETE run from a .iql file asks nothing, revokes nothing and says why; a SELECT still runs', async () => {
    const active = (
      org.em.org.listTokens(serverId, client.clientId) as { id: string; status: string }[]
    ).find((t) => t.status === 'ACTIVE');
    assert.ok(active, 'the client should hold an ACTIVE token');
    const countsBefore = org.em.org.counts(serverId, client.clientId);
    const deletesBefore = deletes();
    // Were the gate missing, these answers would confirm both revokes.
    const p = new ScriptedPrompter().answer('Revoke', 'Revoke All', CLIENT_NAME);
    let one: ResultPayload[];
    let file: ResultPayload[] | undefined;
    api.simulateRestrictedMode(true);
    try {
      // The Run lens (Ctrl+Enter runs the same command) on a single-token DELETE …
      one = await withPrompter(api, p, () =>
        runFileByLens(
          join(dir, 'restricted-one.iql'),
          `-- connection: ${name}\nDELETE FROM okta.authorizationservers.refresh_tokens\n${where()} AND tokenId = '${active.id}';\n`,
        ),
      );
      // … and "Run File" (Ctrl+Shift+Enter) on a SELECT followed by a revoke-all.
      const uri = vscode.Uri.file(join(dir, 'restricted-file.iql'));
      writeFileSync(
        uri.fsPath,
        `-- connection: ${name}\nSELECT id, status FROM okta.authorizationservers.refresh_tokens\n${where()};\n` +
          `DELETE FROM okta.authorizationservers.refresh_tokens\n${where()};\n`,
      );
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      await waitFor('a Run lens per statement', async () => {
        const l = await vscode.commands.executeCommand<vscode.CodeLens[]>(
          'vscode.executeCodeLensProvider',
          uri,
        );
        return l.length === 2;
      });
      file = await withPrompter(api, p, () =>
        vscode.commands.executeCommand<ResultPayload[]>('oktaTokens.query.runFile'),
      );
    } finally {
      api.simulateRestrictedMode(false);
    }
    assert.deepEqual(p.asked, [], 'no confirmation is shown when revoking is refused');
    assert.equal(one.length, 1);
    assert.equal(one[0]!.error, RESTRICTED);
    assert.equal(one[0]!.revokes, undefined);
    assert.equal(file?.length, 2);
    assert.equal(file![0]!.error, undefined, file![0]!.error);
    assert.ok(file![0]!.rows.length > 0, 'reading still works in Restricted Mode');
    assert.equal(file![1]!.error, RESTRICTED);
    assert.equal(deletes(), deletesBefore, 'no DELETE reached the org');
    assert.deepEqual(org.em.org.counts(serverId, client.clientId), countsBefore);
    assert.match(api.logText(), /Query DELETE refused: the workspace is not trusted/);
  });

  it('no command of the extension exports to a path or answers prompts: only the manifest’s commands are registered', async () => {
    const ours = (await vscode.commands.getCommands(true)).filter((c) =>
      /^(oktaTokenExplorer|oktaTokens)\./.test(c),
    );
    assert.ok(ours.includes('oktaTokens.query.runFile'), 'the extension’s commands are registered');
    assert.ok(!ours.includes('oktaTokens.query.exportLast'), 'exportLast must not be a command');
    assert.ok(!ours.includes('oktaTokens.query.lastResults'), 'lastResults must not be a command');
    const manifest = extension().packageJSON as {
      contributes: { commands: { command: string }[]; views: Record<string, { id: string }[]> };
    };
    const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
    // VS Code itself adds <view id>.focus / .open / … for every contributed view.
    const views = Object.values(manifest.contributes.views)
      .flat()
      .map((v) => v.id);
    const byVsCode = (c: string) => views.some((v) => c.startsWith(`${v}.`));
    assert.deepEqual(
      ours.filter((c) => !contributed.has(c) && !byVsCode(c)),
      [],
      'a registered command the manifest does not declare is a hidden entry point',
    );
  });

  it('tree tooltips show server and client names carrying Markdown as escaped text, untrusted and without HTML', async () => {
    const custom = org.em.org.servers()[1]!;
    assert.equal(custom.name, SERVER_NAME);
    const rows: TreeRow[] = [
      await serverRow(api, id, custom.id),
      await clientRow(api, id, serverId, client.clientId),
    ];
    assert.deepEqual(
      rows.map((r) => r.label),
      [SERVER_NAME, CLIENT_NAME],
      'labels are plain text, as the API sent them',
    );
    for (const r of rows) {
      assert.ok(r.tooltip, `${r.label} has a tooltip`);
      assert.equal(r.tooltip.isTrusted, false);
      assert.equal(r.tooltip.supportHtml, false);
      assertInert(r.tooltip.markdown);
    }
  });

  it('a query hover names a client whose name carries Markdown as escaped text', async () => {
    const doc = await vscode.workspace.openTextDocument({
      language: 'stackql',
      content: `-- connection: ${name}\nSELECT id FROM okta.authorizationservers.refresh_tokens ${where()};`,
    });
    await vscode.window.showTextDocument(doc);
    const pos = doc.positionAt(doc.getText().indexOf(client.clientId) + 3);
    const text = await hoverTextAt(
      doc,
      pos,
      'as loaded in the Okta Tokens view',
      'a hover naming the client',
    );
    assertInert(text);
    // Unescaped, the hover reads the client's name exactly.
    assert.ok(text.replace(/\\(.)/g, '$1').includes(CLIENT_NAME), text);
  });
});
