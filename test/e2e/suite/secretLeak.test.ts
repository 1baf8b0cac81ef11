/// <reference types="mocha" />
// The secret-leak test: after a full run of everything a user does (add an API-token connection and an
// OAuth service-app connection, browse every level, open panels, revoke, hit errors), neither the API
// token nor the private key appears anywhere except SecretStorage — not in the log (in memory or on disk),
// global state, global storage, settings, webview HTML or panel data, or any error message.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { explorerApi, removeConnectionQuietly, ScriptedPrompter } from './explorer/fixture';
import { waitFor } from './helpers';
import type { OktaTokenExplorerTestApi, TreeRow } from '../../../src/extension/testApi';
import type { PanelIds } from '../../../src/extension/panels/protocol';

function filesUnder(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) filesUnder(p, out);
    else if (st.size < 50 * 1024 * 1024) out.push(p);
  }
  return out;
}

describe('secret leak', function () {
  let api: OktaTokenExplorerTestApi;
  let em: RunningEmulator;
  const token = `00${randomBytes(30).toString('base64url').slice(0, 40)}`;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'leak-test-key', alg: 'RS256', use: 'sig' };
  const privateD = String(privateKey.export({ format: 'jwk' }).d);
  // The PEM body's longest line and the JWK private exponent: any fragment of the key counts as a leak.
  const pemLine = pem
    .split('\n')
    .filter((l) => !l.startsWith('-----'))
    .sort((a, b) => b.length - a.length)[0];
  const secrets = { 'API token': token, 'private key (PEM line)': pemLine, 'private key (JWK d)': privateD };
  const ids: string[] = [];
  const errors: string[] = [];

  before(async () => {
    api = await explorerApi();
    em = await startEmulator({
      port: 0,
      host: '127.0.0.1',
      size: 'demo',
      apiTokens: [token],
      serviceApps: [
        {
          clientId: '0oaLeakTestServiceApp',
          jwks: jwk,
          scopes: ['okta.authorizationServers.read', 'okta.authorizationServers.manage'],
        },
      ],
    });
  });
  after(async () => {
    for (const id of ids) await removeConnectionQuietly(api, id);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await em.close();
  });

  async function walk(connectionId: string): Promise<TreeRow[]> {
    const conn = (await api.children()).find((r) => r.id === `c/${connectionId}`)!;
    const servers = await api.children(conn.node);
    const clients = await api.children(servers[0].node);
    return (await api.children(clients[0].node)).filter((r) => r.kind === 'token');
  }

  it('uses both credential kinds through a full session', async () => {
    const url = em.url.replace(/\/$/, '');
    ids.push(
      await vscode.commands.executeCommand<string>('oktaTokenExplorer.addConnection', {
        name: 'Leak SSWS',
        orgUrl: url,
        auth: { kind: 'ssws', token },
      }),
    );
    ids.push(
      await vscode.commands.executeCommand<string>('oktaTokenExplorer.addConnection', {
        name: 'Leak OAuth',
        orgUrl: url,
        auth: { kind: 'oauth', clientId: '0oaLeakTestServiceApp', privateKey: pem, keyId: 'leak-test-key' },
      }),
    );
    for (const id of ids) {
      const rows = await walk(id);
      assert.ok(rows.length > 0);
      const panelIds = await vscode.commands.executeCommand<PanelIds>(
        'oktaTokenExplorer.openToken',
        rows[0].node,
      );
      await waitFor(
        'token panel',
        () => api.panels().find((p) => JSON.stringify(p.ids) === JSON.stringify(panelIds) && p.view),
        30_000,
      );
      api.setPrompter(new ScriptedPrompter().answer('Revoke'));
      try {
        await vscode.commands.executeCommand('oktaTokenExplorer.revokeToken', rows[1].node);
      } finally {
        api.setPrompter(undefined);
      }
    }
    // Errors too: a failing connection test and a failing tree level.
    for (const attempt of [
      { name: 'Leak bad token', orgUrl: url, auth: { kind: 'ssws', token: `${token}x` } },
      {
        name: 'Leak bad key',
        orgUrl: url,
        auth: { kind: 'oauth', clientId: '0oaUnknownApp', privateKey: pem },
      },
    ]) {
      try {
        await vscode.commands.executeCommand('oktaTokenExplorer.addConnection', attempt);
        assert.fail('a wrong credential was accepted');
      } catch (e) {
        errors.push(e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e));
      }
    }
    const fault = em.faults.add({ kind: 'status', status: 500, count: Infinity });
    await vscode.commands.executeCommand('oktaTokenExplorer.refresh');
    const conn = (await api.children()).find((r) => r.id === `c/${ids[1]}`)!;
    const errRows = await api.children(conn.node);
    errors.push(...errRows.map((r) => `${r.label} ${r.description ?? ''}`));
    em.faults.remove(fault);
    assert.equal(errRows[0]?.kind, 'error');
  });

  it('finds the secrets nowhere but SecretStorage', async () => {
    const places: Record<string, string> = {
      'the log (this session)': api.logText(),
      'global state': api.storage().globalStateJson,
      'connection list': JSON.stringify(api.connections()),
      'settings (all scopes)': JSON.stringify(vscode.workspace.getConfiguration('oktaTokenExplorer')),
      'webview HTML and panel data': JSON.stringify(api.panels()),
      'error messages': errors.join('\n'),
    };
    const { logDir, globalStorageDir } = api.storage();
    // The session's log folder (every channel of every extension, incl. ours on disk) and global storage
    // (state.vscdb holds global state for all extensions).
    const sessionLogs = dirname(dirname(logDir));
    for (const f of [...filesUnder(sessionLogs), ...filesUnder(dirname(globalStorageDir))]) {
      places[f] = readFileSync(f).toString('latin1');
    }
    const userSettings = join(dirname(dirname(globalStorageDir)), 'settings.json');
    if (existsSync(userSettings)) places[userSettings] = readFileSync(userSettings, 'utf8');
    // Positive controls: the search does reach places where non-secret connection data does land.
    assert.ok(
      api.logText().includes('Saved connection "Leak OAuth"'),
      'the log transcript is not being recorded',
    );
    assert.ok(
      places['global state'].includes(em.url.replace(/\/$/, '')),
      'global state does not hold the org URL: the search looks in the wrong place',
    );
    // (In code-server global state is persisted by the browser, not in a state.vscdb on this side; the
    // exact values it persists are the globalState JSON checked above.)
    const leaks: string[] = [];
    for (const [where, text] of Object.entries(places)) {
      for (const [what, value] of Object.entries(secrets))
        if (text.includes(value)) leaks.push(`${what} in ${where}`);
    }
    assert.deepEqual(
      leaks,
      [],
      `secrets found outside SecretStorage (values not shown): ${leaks.join('; ')}`,
    );
    for (const id of ids)
      assert.equal(await api.hasStoredSecret(id), true, 'the secret should still be in SecretStorage');
  });
});
