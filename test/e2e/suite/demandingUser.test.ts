/// <reference types="mocha" />
// The explorer as a demanding user sees it, in the real extension host against a private emulator:
// Sign In asks only for the credential; Try Again after fixing the URL does not keep a name derived from
// the old one; people are named (token tooltips, the token filter, the userId hover); completion offers
// each template once, connection names after "-- connection:", and client names on every row; "Open as
// Query" opens a tab titled after what it lists.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { startEmulator, type RunningEmulator } from '../../emulator';
import {
  addConnection,
  explorerApi,
  removeConnectionQuietly,
  ScriptedPrompter,
  startOrg,
  type Org,
  withPrompter,
} from './explorer/fixture';
import { clientRow, tokenIdOf, tokenRows } from './explorer/orgTree';
import { hoverTextAt, waitFor } from './helpers';
import type { OktaTokenExplorerTestApi, TreeRow } from '../../../src/extension/testApi';

const R = 'okta.authorizationservers.refresh_tokens';

/** A completion item's label text, whether VS Code gives a string or a label with details. */
const labelOf = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);

async function completionsAt(
  doc: vscode.TextDocument,
  pos: vscode.Position,
): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    doc.uri,
    pos,
  );
  return list.items;
}

describe('the explorer as a demanding user sees it', function () {
  this.timeout(120_000);
  let api: OktaTokenExplorerTestApi;
  let org: Org;
  let id: string;
  const name = 'Demanding org';
  const created: string[] = [];
  /** A server and client of the org holding tokens of a user whose first name is Karen. */
  let karen: { serverId: string; clientId: string; clientName: string; userId: string; userName: string };

  before(async () => {
    api = await explorerApi();
    org = await startOrg('demo');
    id = await addConnection(org, name);
    created.push(id);
    const o = org.em.org;
    const user = o.users().find((u) => u.name.startsWith('Karen '));
    assert.ok(user, 'the demo org (seed 7) has a user named Karen');
    for (const s of o.servers())
      for (const c of o.clients(s.id)) {
        const tokens = o.listTokens(s.id, c.clientId) as { userId: string }[];
        if (!karen && tokens.some((t) => t.userId === user.id))
          karen = {
            serverId: s.id,
            clientId: c.clientId,
            clientName: c.name,
            userId: user.id,
            userName: user.name,
          };
      }
    assert.ok(karen, 'no client holds a token of Karen');
  });
  after(async () => {
    api.setPrompter(undefined);
    await vscode.commands.executeCommand('oktaTokenExplorer.clearFilters');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const c of created) await removeConnectionQuietly(api, c);
    await org.em.close();
  });

  const connectionRow = async (connectionId: string): Promise<TreeRow> =>
    waitFor(`the row of connection ${connectionId}`, async () =>
      (await api.children()).find((r) => r.id === `c/${connectionId}`),
    );

  describe('signing in and adding (item 4)', () => {
    it('Sign In on a signed-out connection asks only for the API token and keeps its URL, name and kind', async () => {
      const signedOut = await addConnection(org, 'Signed-out org');
      created.push(signedOut);
      await vscode.commands.executeCommand(
        'oktaTokenExplorer.signOut',
        (await connectionRow(signedOut)).node,
      );
      assert.equal(await api.hasStoredSecret(signedOut), false);
      const before = api.connections().find((c) => c.id === signedOut);

      const p = new ScriptedPrompter().answer(org.token);
      const ok = await withPrompter(api, p, async () =>
        vscode.commands.executeCommand('oktaTokenExplorer.signIn', (await connectionRow(signedOut)).node),
      );
      assert.deepEqual(
        p.asked.map((a) => [a.kind, a.title]),
        [['input', 'Sign In to "Signed-out org"']],
        'Sign In asked more than the token',
      );
      assert.equal(ok, true);
      assert.equal(await api.hasStoredSecret(signedOut), true);
      assert.deepEqual(
        api.connections().find((c) => c.id === signedOut),
        before,
      );
      const row = await waitFor('the connection signed in again', async () => {
        const r = await connectionRow(signedOut);
        return r.contextValue === 'oktaConnection.signedIn' ? r : undefined;
      });
      const rows = (await api.children(row.node)).filter((r) => r.kind !== 'users');
      assert.ok(rows.length > 0 && rows.every((r) => r.kind === 'server'));
    });

    it('Sign In on a signed-out service-app connection asks only for the private key', async () => {
      const key = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const jwk = (k: typeof key.publicKey) => ({ ...k.export({ format: 'jwk' }), kid: 'k-sign-in' });
      const em: RunningEmulator = await startEmulator({
        port: 0,
        host: '127.0.0.1',
        size: 'tiny',
        seed: 3,
        serviceApps: [
          {
            clientId: '0oaSignInApp',
            jwks: jwk(key.publicKey),
            scopes: ['okta.authorizationServers.read', 'okta.authorizationServers.manage'],
          },
        ],
      });
      try {
        const privateKey = JSON.stringify(jwk(key.privateKey));
        const sa = await vscode.commands.executeCommand<string>('oktaTokenExplorer.addConnection', {
          name: 'Service app org',
          orgUrl: em.url.replace(/\/$/, ''),
          auth: { kind: 'oauth', clientId: '0oaSignInApp', privateKey },
        });
        created.push(sa);
        await vscode.commands.executeCommand('oktaTokenExplorer.signOut', (await connectionRow(sa)).node);
        const p = new ScriptedPrompter().answer('Paste a JWK or PEM', privateKey);
        const ok = await withPrompter(api, p, async () =>
          vscode.commands.executeCommand('oktaTokenExplorer.signIn', (await connectionRow(sa)).node),
        );
        assert.deepEqual(
          p.asked.map((a) => [a.kind, a.title]),
          [
            ['pick', 'Sign In to "Service app org"'],
            ['input', 'Private key'],
          ],
          'Sign In asked for more than the key',
        );
        assert.equal(ok, true);
        assert.equal(await api.hasStoredSecret(sa), true);
        await removeConnectionQuietly(api, sa);
      } finally {
        await em.close();
      }
    });

    it('Try Again after correcting the URL offers the new host as the name, not the old one', async () => {
      const port = new URL(org.url).port;
      const prefilled: string[] = [];
      const enter = ([shown]: string[]) => (prefilled.push(shown ?? ''), shown);
      // First try: localhost and a wrong token; the person accepts the offered name both times.
      const p = new ScriptedPrompter().answer(
        `http://localhost:${port}`,
        enter,
        'API token (SSWS)',
        '00NotTheRightToken-abcdefghijk',
        'Try Again',
        org.url,
        enter,
        'API token (SSWS)',
        org.token,
      );
      const added = await withPrompter(api, p, () =>
        vscode.commands.executeCommand<string | undefined>('oktaTokenExplorer.addConnection'),
      );
      assert.ok(added, `not added; asked: ${JSON.stringify(p.asked.map((a) => a.kind))}`);
      created.push(added);
      assert.deepEqual(prefilled, ['localhost', '127.0.0.1']);
      assert.equal(api.connections().find((c) => c.id === added)?.name, '127.0.0.1');
    });
  });

  describe('people, not ids (item 6)', () => {
    it('a token’s tooltip names its user, and filtering the client’s tokens by "Karen" shows exactly Karen’s tokens', async () => {
      const rows = await tokenRows(api, id, karen.serverId, karen.clientId);
      const theirs = (
        org.em.org.listTokens(karen.serverId, karen.clientId) as { id: string; userId: string }[]
      )
        .filter((t) => t.userId === karen.userId)
        .map((t) => t.id)
        .sort();
      const row = rows.find((r) => tokenIdOf(r) === theirs[0])!;
      // appendText writes spaces as &nbsp; (so Markdown cannot collapse them); read them as spaces.
      const tooltip = (row.tooltip?.markdown ?? '').replace(/&nbsp;/g, ' ');
      assert.ok(tooltip.includes(`**User:** ${karen.userName}`), tooltip);
      assert.ok(tooltip.includes(`**User ID:** ${karen.userId}`), tooltip);

      const client = await clientRow(api, id, karen.serverId, karen.clientId);
      await vscode.commands.executeCommand('oktaTokenExplorer.filterTokens', client.node, 'Karen');
      const shown = (await api.children(client.node)).filter((r) => r.kind === 'token');
      // Only Karens: any other user whose name holds "karen" would be listed too.
      const karens = (
        org.em.org.listTokens(karen.serverId, karen.clientId) as {
          id: string;
          _links: { user: { title: string } };
        }[]
      )
        .filter((t) => t._links.user.title.toLowerCase().includes('karen'))
        .map((t) => t.id)
        .sort();
      assert.ok(karens.length > 0);
      assert.deepEqual(shown.map(tokenIdOf).sort(), karens);
      assert.ok(shown.every((r) => r.label.includes('Karen')));
      assert.match(api.viewMessage() ?? '', /user:Karen/);
      await vscode.commands.executeCommand('oktaTokenExplorer.clearFilters');
    });

    it('hovering a userId in a .iql file names the user whose tokens the tree loaded', async () => {
      await tokenRows(api, id, karen.serverId, karen.clientId);
      const doc = await vscode.workspace.openTextDocument({
        language: 'stackql',
        content: `-- connection: ${name}\nSELECT /*+ FANOUT */ id FROM ${R} WHERE subdomain = 'x' AND userId = '${karen.userId}';`,
      });
      await vscode.window.showTextDocument(doc);
      const pos = doc.positionAt(doc.getText().indexOf(karen.userId) + 3);
      const text = await hoverTextAt(doc, pos, 'Karen', 'a hover naming the user');
      assert.match(
        text,
        new RegExp(`\\*\\*userId\\*\\* \`${karen.userId}\` — user \\*\\*${karen.userName}\\*\\*`),
      );
    });
  });

  describe('completion (item 8)', () => {
    it('an empty .iql file lists each statement template once ("get refresh token" once, no "get-token")', async () => {
      const doc = await vscode.workspace.openTextDocument({ language: 'stackql', content: '' });
      await vscode.window.showTextDocument(doc);
      // DESCRIBE comes only from the language server: wait until it answers, then count.
      const labels = await waitFor('the language server’s completion', async () => {
        const l = (await completionsAt(doc, new vscode.Position(0, 0))).map(labelOf);
        return l.includes('DESCRIBE') ? l : undefined;
      });
      assert.deepEqual(
        labels.filter((l) => l === 'get refresh token'),
        ['get refresh token'],
      );
      assert.ok(!labels.includes('get-token'), `labels: ${labels.join(', ')}`);
      assert.deepEqual(
        labels.filter((l, i) => labels.indexOf(l) !== i),
        [],
        'an entry is listed twice',
      );
    });

    it('after "-- connection: " completion offers the saved connection names, not words of the file', async () => {
      const doc = await vscode.workspace.openTextDocument({
        language: 'stackql',
        content: `-- connection: \nSELECT id, userId, status FROM ${R} WHERE subdomain = 'x';`,
      });
      await vscode.window.showTextDocument(doc);
      const labels = await waitFor('connection names after -- connection:', async () => {
        const l = (await completionsAt(doc, new vscode.Position(0, 15))).map(labelOf);
        return l.includes(name) ? l : undefined;
      });
      const saved = api.connections().map((c) => c.name);
      assert.deepEqual(
        labels.filter((l) => !saved.includes(l)),
        [],
        'offered something other than a saved connection',
      );
    });

    it('client ids in completion show the client’s name on every row', async () => {
      await tokenRows(api, id, karen.serverId, karen.clientId);
      const doc = await vscode.workspace.openTextDocument({
        language: 'stackql',
        content: `-- connection: ${name}\nSELECT * FROM ${R} WHERE subdomain = 'x' AND authServerId = '${karen.serverId}' AND clientId = ''`,
      });
      await vscode.window.showTextDocument(doc);
      const pos = doc.positionAt(doc.getText().length - 1);
      const items = await waitFor('client ids offered', async () => {
        const l = await completionsAt(doc, pos);
        return l.some((i) => labelOf(i) === karen.clientId) ? l : undefined;
      });
      const names = new Map(org.em.org.clients(karen.serverId).map((c) => [c.clientId, c.name]));
      const ids = items.filter((i) => names.has(labelOf(i)));
      assert.ok(ids.length > 0);
      for (const i of ids)
        assert.deepEqual(
          typeof i.label === 'string'
            ? { label: i.label }
            : { label: i.label.label, description: i.label.description },
          { label: labelOf(i), description: names.get(labelOf(i)) },
        );
    });
  });

  describe('Open as Query (item 9)', () => {
    it('opens a tab titled after what it lists, not "-- connection: …"', async () => {
      const client = await clientRow(api, id, karen.serverId, karen.clientId);
      await vscode.commands.executeCommand('oktaTokens.query.openAsQuery', client.node);
      const expected = `-- Refresh tokens of ${karen.clientName}`;
      const title = await waitFor('the tab titled after the client', () => {
        const label = vscode.window.tabGroups.activeTabGroup.activeTab?.label;
        return label === expected ? label : undefined;
      }).catch((e: Error) => {
        throw new Error(
          `${e.message}; the tab is "${vscode.window.tabGroups.activeTabGroup.activeTab?.label}"`,
        );
      });
      assert.equal(title, expected);
      const doc = vscode.window.activeTextEditor!.document;
      assert.equal(doc.isUntitled, true);
      assert.equal(doc.lineAt(1).text, `-- connection: ${name}`);
    });
  });
});
