/// <reference types="mocha" />
// Connections in the real extension host against a private emulator: add (programmatic and interactive),
// a failing test call saves nothing, rename, sign out, and remove — which deletes the secret.
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
import type { OktaTokenExplorerTestApi } from '../../../src/extension/testApi';

describe('connections', function () {
  let api: OktaTokenExplorerTestApi;
  let org: Org;
  const created: string[] = [];

  before(async () => {
    api = await explorerApi();
    org = await startOrg();
  });
  after(async () => {
    for (const id of created) await removeConnectionQuietly(api, id);
    await org.em.close();
  });

  it('adds a connection after testing it; the secret is in SecretStorage, not in the connection list', async () => {
    const id = await addConnection(org, 'Conn suite org');
    created.push(id);
    const c = api.connections().find((x) => x.id === id);
    assert.deepEqual(c, { id, name: 'Conn suite org', orgUrl: org.url });
    assert.equal(await api.hasStoredSecret(id), true);
    assert.ok(
      !JSON.stringify(api.connections()).includes(org.token),
      'the API token leaked into the connection list',
    );
    const rootRow = (await api.children()).find((r) => r.id === `c/${id}`);
    assert.equal(rootRow?.contextValue, 'oktaConnection.signedIn');
  });

  it('does not save a connection whose credential Okta rejects, and the error does not echo the token', async () => {
    const before = api.connections().length;
    const wrong = '00thisIsNotTheRightTokenButLooksLikeOne1234';
    await assert.rejects(
      Promise.resolve(
        vscode.commands.executeCommand('oktaTokenExplorer.addConnection', {
          name: 'Bad',
          orgUrl: org.url,
          auth: { kind: 'ssws', token: wrong },
        }),
      ),
      (err: Error) => {
        assert.ok(!err.message.includes(wrong), `error message contains the token: ${err.message}`);
        assert.match(err.message, /401|invalid|token|authent/i);
        return true;
      },
    );
    assert.equal(api.connections().length, before);
  });

  it('refuses plain http for a non-loopback host before sending anything', async () => {
    await assert.rejects(
      Promise.resolve(
        vscode.commands.executeCommand('oktaTokenExplorer.addConnection', {
          name: 'X',
          orgUrl: 'http://acme.okta.com',
          auth: { kind: 'ssws', token: org.token },
        }),
      ),
      /only allowed for a local emulator/,
    );
  });

  it('adds a connection interactively: URL, name, credential kind, token', async () => {
    const p = new ScriptedPrompter().answer(org.url, 'Typed org', 'API token (SSWS)', org.token);
    const id = await withPrompter(api, p, () =>
      vscode.commands.executeCommand<string | undefined>('oktaTokenExplorer.addConnection'),
    );
    assert.ok(id, `interactive add returned nothing; asked: ${JSON.stringify(p.asked)}`);
    created.push(id);
    assert.deepEqual(
      p.asked.map((a) => a.kind),
      ['input', 'input', 'pick', 'input'],
    );
    assert.equal(api.connections().find((c) => c.id === id)?.name, 'Typed org');
  });

  it('a rejected token says why without saving; Try Again keeps the URL and name already typed', async () => {
    const before = api.connections().length;
    const prefilled: string[] = [];
    const enter = ([shown]: string[]) => (prefilled.push(shown ?? ''), shown);
    const p = new ScriptedPrompter().answer(
      org.url,
      'Retried org',
      'API token (SSWS)',
      '00NotTheRightToken-abcdefghijk',
      'Try Again',
      enter,
      enter,
      'API token (SSWS)',
      org.token,
    );
    const id = await withPrompter(api, p, () =>
      vscode.commands.executeCommand<string | undefined>('oktaTokenExplorer.addConnection'),
    );
    const error = p.asked.find((a) => a.kind === 'error');
    assert.match(error?.text ?? '', /^The connection was not saved: Okta rejected the credential/);
    assert.ok(!error?.text.includes('00NotTheRightToken'), 'the error echoes the token');
    assert.deepEqual(prefilled, [org.url, 'Retried org'], 'Try Again did not keep the answers');
    assert.ok(id, `not added after Try Again; asked: ${JSON.stringify(p.asked.map((a) => a.kind))}`);
    created.push(id);
    assert.equal(api.connections().length, before + 1, 'exactly one connection, the retried one, was saved');
  });

  it('edits a connection with every step titled "Edit", prefilled from the saved one', async () => {
    const id = created[0];
    const node = (await api.children()).find((r) => r.id === `c/${id}`)!.node;
    // Enter on the prefilled URL and name (the scripted prompter has no Enter; the saved values are typed).
    const p = new ScriptedPrompter().answer(org.url, 'Typed org', 'API token (SSWS)', org.token);
    await withPrompter(api, p, async () => {
      assert.equal(await vscode.commands.executeCommand('oktaTokenExplorer.editConnection', node), true);
    });
    assert.deepEqual(
      p.asked.slice(0, 3).map((a) => a.title),
      ['Edit Okta Connection (1/3)', 'Edit Okta Connection (2/3)', 'Edit Okta Connection (3/3)'],
    );
    assert.equal(api.connections().find((c) => c.id === id)?.name, 'Typed org');
  });

  it('renames a connection and the tree shows the new name', async () => {
    const id = created[0];
    const node = (await api.children()).find((r) => r.id === `c/${id}`)!.node;
    await vscode.commands.executeCommand('oktaTokenExplorer.renameConnection', node, 'Renamed org');
    const labels = (await api.children()).map((r) => r.label);
    assert.ok(labels.includes('Renamed org'), `roots: ${labels.join(', ')}`);
  });

  it('signs out: the secret is deleted and the connection shows a sign-in row', async () => {
    const id = created[1];
    const node = (await api.children()).find((r) => r.id === `c/${id}`)!.node;
    await vscode.commands.executeCommand('oktaTokenExplorer.signOut', node);
    assert.equal(await api.hasStoredSecret(id), false);
    const again = (await api.children()).find((r) => r.id === `c/${id}`)!;
    assert.equal(again.contextValue, 'oktaConnection.signedOut');
    const kids = await api.children(again.node);
    assert.deepEqual(
      kids.map((k) => k.kind),
      ['signedOut'],
    );
  });

  it('removes a connection after a modal confirmation, deleting its secret', async () => {
    const id = created.shift()!;
    const p = new ScriptedPrompter().answer('Remove');
    await withPrompter(api, p, async () => {
      const node = (await api.children()).find((r) => r.id === `c/${id}`)!.node;
      assert.equal(await vscode.commands.executeCommand('oktaTokenExplorer.removeConnection', node), true);
    });
    assert.equal(p.asked[0].kind, 'modal');
    assert.match(p.asked[0].detail ?? '', /credential is deleted/);
    assert.equal(
      api.connections().some((c) => c.id === id),
      false,
    );
    assert.equal(await api.hasStoredSecret(id), false);
  });

  it('keeps the connection when the removal modal is dismissed', async () => {
    const id = created[0];
    const p = new ScriptedPrompter().answer(undefined);
    await withPrompter(api, p, async () => {
      const node = (await api.children()).find((r) => r.id === `c/${id}`)!.node;
      assert.equal(await vscode.commands.executeCommand('oktaTokenExplorer.removeConnection', node), false);
    });
    assert.ok(api.connections().some((c) => c.id === id));
  });
});
