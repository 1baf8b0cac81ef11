/// <reference types="mocha" />
// OAuth service-app connections added the way a person does it, in the real extension host against a
// private emulator: a key file that is an encrypted PEM (passphrase asked), a pasted JWK Set with several
// keys, rotating the key through "Edit Connection", an app that may only read, and an app that demands
// DPoP. Afterwards neither the key nor the passphrase may be found outside SecretStorage.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { explorerApi, removeConnectionQuietly, ScriptedPrompter, withPrompter } from './explorer/fixture';
import type { OktaTokenExplorerTestApi, TreeRow } from '../../../src/extension/testApi';
import type { RevokeResult } from '../../../src/extension/commands/revokeTokens';

const READ = 'okta.authorizationServers.read';
const MANAGE = 'okta.authorizationServers.manage';
const SERVICE_APP = 'OAuth service app';
const FROM_FILE = 'Choose a private key file…';
const PASTE = 'Paste a JWK or PEM';
/** Enter on an input box as prefilled. */
const keep = (v: string[]): string => v[0] ?? '';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const rsa2 = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pub = (k: KeyObject, kid: string) => ({ ...k.export({ format: 'jwk' }), kid });
const priv = (k: KeyObject, kid: string) => ({ ...k.export({ format: 'jwk' }), kid });
const passphrase = 'e2e-Passphrase-7f3c9a';

describe('service-app connections', function () {
  let api: OktaTokenExplorerTestApi;
  let em: RunningEmulator;
  let url: string;
  let dir: string;
  const ids: string[] = [];

  before(async () => {
    api = await explorerApi();
    dir = mkdtempSync(join(tmpdir(), 'okta-sa-'));
    em = await startEmulator({
      port: 0,
      host: '127.0.0.1',
      size: 'demo',
      seed: 11,
      serviceApps: [
        {
          clientId: '0oaDpopSeveralKeys',
          jwks: { keys: [pub(rsa2.publicKey, 'k-old'), pub(rsa.publicKey, 'k-rsa')] },
          scopes: [READ, MANAGE],
          requireDpop: true,
        },
        {
          clientId: '0oaSeveralKeys',
          jwks: { keys: [pub(rsa.publicKey, 'k-rsa'), pub(ec.publicKey, 'k-ec')] },
          scopes: [READ, MANAGE],
        },
        { clientId: '0oaReadOnly', jwks: pub(rsa.publicKey, 'k-rsa'), scopes: [READ] },
      ],
    });
    url = em.url.replace(/\/$/, '');
  });
  after(async () => {
    for (const id of ids) await removeConnectionQuietly(api, id);
    await em.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function interactive(p: ScriptedPrompter, command: string, ...args: unknown[]) {
    return withPrompter(api, p, () =>
      vscode.commands.executeCommand<string | boolean | undefined>(command, ...args),
    );
  }

  async function servers(connectionId: string): Promise<TreeRow[]> {
    const conn = (await api.children()).find((r) => r.id === `c/${connectionId}`)!;
    // The org's Users row sits beside the servers; these tests are about the servers.
    return (await api.children(conn.node)).filter((r) => r.kind !== 'users');
  }

  it('a key file that is not a private key is explained, and another file can be chosen', async () => {
    const publicPem = join(dir, 'public.pem');
    writeFileSync(publicPem, rsa.publicKey.export({ type: 'spki', format: 'pem' }));
    const privatePem = join(dir, 'private.pem');
    writeFileSync(privatePem, rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const p = new ScriptedPrompter().answer(
      url,
      'SA second file',
      SERVICE_APP,
      '0oaSeveralKeys',
      FROM_FILE,
      publicPem,
      'Choose Another File',
      dir, // a folder: cannot be read as a file
      'Choose Another File',
      privatePem,
      'k-rsa',
    );
    const id = await interactive(p, 'oktaTokenExplorer.addConnection');
    const errors = p.asked.filter((a) => a.kind === 'error').map((a) => a.text);
    assert.equal(errors.length, 2, JSON.stringify(p.asked));
    assert.match(errors[0]!, /public\.pem cannot be used: .*public key/i);
    assert.match(errors[1]!, /cannot be read \(EISDIR\)/);
    assert.equal(typeof id, 'string', `not added; asked: ${JSON.stringify(p.asked.map((a) => a.kind))}`);
    ids.push(id as string);
    assert.ok((await servers(id as string)).every((r) => r.kind === 'server'));
  });

  it('adds a DPoP app from an encrypted PEM file: asks its passphrase, refuses a wrong one, saves nothing then', async () => {
    const file = join(dir, 'service-app.pem');
    writeFileSync(
      file,
      rsa.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase }),
    );
    const before = api.connections().length;
    const wrong = new ScriptedPrompter().answer(
      url,
      'SA encrypted',
      SERVICE_APP,
      '0oaDpopSeveralKeys',
      FROM_FILE,
      file,
      'not-the-passphrase',
    );
    assert.equal(await interactive(wrong, 'oktaTokenExplorer.addConnection'), undefined);
    assert.equal(wrong.asked.at(-1)?.title, 'Passphrase of the private key');
    assert.equal(api.connections().length, before, 'a connection was saved after a wrong passphrase');

    const p = new ScriptedPrompter().answer(
      url,
      'SA encrypted',
      SERVICE_APP,
      '0oaDpopSeveralKeys',
      FROM_FILE,
      file,
      passphrase,
      'k-rsa',
    );
    const id = await interactive(p, 'oktaTokenExplorer.addConnection');
    assert.equal(typeof id, 'string', `not added; asked: ${JSON.stringify(p.asked.map((a) => a.title))}`);
    ids.push(id as string);
    const rows = await servers(id as string);
    assert.ok(
      rows.length > 0 && rows.every((r) => r.kind === 'server'),
      `tree: ${rows.map((r) => r.label).join(', ')}`,
    );
  });

  it('adds an app with several keys from a pasted JWK Set and the key id of the registered key', async () => {
    const set = JSON.stringify({
      keys: [priv(rsa2.privateKey, 'k-unregistered'), priv(ec.privateKey, 'k-ec')],
    });
    const p = new ScriptedPrompter().answer(url, 'SA set', SERVICE_APP, '0oaSeveralKeys', PASTE, set, 'k-ec');
    const id = await interactive(p, 'oktaTokenExplorer.addConnection');
    assert.equal(typeof id, 'string', `not added; asked: ${JSON.stringify(p.asked.map((a) => a.title))}`);
    ids.push(id as string);
    assert.ok((await servers(id as string)).every((r) => r.kind === 'server'));
  });

  it('rotates the key through Edit: a JWK carrying its own kid replaces the key id kept from the old one', async () => {
    const id = await vscode.commands.executeCommand<string>('oktaTokenExplorer.addConnection', {
      name: 'SA rotate',
      orgUrl: url,
      auth: {
        kind: 'oauth',
        clientId: '0oaSeveralKeys',
        privateKey: ec.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        keyId: 'k-ec',
      },
    });
    ids.push(id);
    const node = (await api.children()).find((r) => r.id === `c/${id}`)!.node;
    // The user presses Enter on every prefilled step and pastes the new private JWK (kid k-rsa).
    const p = new ScriptedPrompter().answer(
      keep,
      keep,
      SERVICE_APP,
      keep,
      PASTE,
      JSON.stringify(priv(rsa.privateKey, 'k-rsa')),
      keep,
    );
    assert.equal(await interactive(p, 'oktaTokenExplorer.editConnection', node), true);
    assert.ok(
      !p.asked.some((a) => a.title === 'Key id (optional)'),
      'the key id was asked although the JWK names its key',
    );
    assert.ok((await servers(id)).every((r) => r.kind === 'server'));
  });

  it('connects an app granted only .read, saying it is read-only: the tree lists, and revoking says the manage scope is missing', async () => {
    const id = await vscode.commands.executeCommand<string>('oktaTokenExplorer.addConnection', {
      name: 'SA read-only',
      orgUrl: url,
      auth: {
        kind: 'oauth',
        clientId: '0oaReadOnly',
        privateKey: JSON.stringify(priv(rsa.privateKey, 'k-rsa')),
      },
    });
    ids.push(id);
    // Said when it is added, not only at the first revoke.
    assert.match(
      api.logText(),
      /"SA read-only" is read-only: the service app is not granted okta\.authorizationServers\.manage/,
    );
    const serverRows = await servers(id);
    assert.equal(serverRows[0]?.kind, 'server', `tree: ${serverRows.map((r) => r.label).join(', ')}`);
    const clients = await api.children(serverRows[0].node);
    const tokens = (await api.children(clients[0].node)).filter((r) => r.kind === 'token');
    assert.ok(tokens.length > 0);
    const result = await interactive(
      new ScriptedPrompter().answer('Revoke'),
      'oktaTokenExplorer.revokeToken',
      tokens[0].node,
    );
    const outcome = (result as unknown as RevokeResult).outcomes[0]?.outcome;
    assert.equal(outcome?.status, 'failed');
    assert.match(outcome?.status === 'failed' ? outcome.reason : '', /okta\.authorizationServers\.manage/);
  });

  it('keeps the private key and passphrase nowhere but SecretStorage; signing out deletes the key', async () => {
    const d = String(rsa.privateKey.export({ format: 'jwk' }).d);
    const dEc = String(ec.privateKey.export({ format: 'jwk' }).d);
    const places = {
      log: api.logText(),
      'global state': api.storage().globalStateJson,
      connections: JSON.stringify(api.connections()),
      settings: JSON.stringify(vscode.workspace.getConfiguration('oktaTokenExplorer')),
    };
    assert.ok(places.log.includes('SA read-only'), 'the log transcript is not being recorded');
    for (const [where, text] of Object.entries(places)) {
      for (const [what, value] of Object.entries({ passphrase, 'RSA d': d, 'EC d': dEc }))
        assert.ok(!text.includes(value), `${what} found in ${where}`);
    }
    const node = (await api.children()).find((r) => r.id === `c/${ids[0]}`)!.node;
    await vscode.commands.executeCommand('oktaTokenExplorer.signOut', node);
    assert.equal(await api.hasStoredSecret(ids[0]), false);
    assert.equal((await servers(ids[0]))[0]?.kind, 'signedOut');
  });
});
