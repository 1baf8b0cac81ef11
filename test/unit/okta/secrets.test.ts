// No credential may leave the client: not in log lines, error messages or serialised errors, whatever
// goes wrong along the way.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { OktaClient, OktaError } from '../../../src/okta';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { API_TOKEN, captureLogger } from './support';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const jwkD = String(rsa.privateKey.export({ format: 'jwk' }).d);
const pemBody = pem.split('\n')[5]!;

describe('secrets never leak', () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await startEmulator({
      port: 0,
      size: 'tiny',
      apiTokens: [API_TOKEN],
      serviceApps: [
        {
          clientId: '0oaLeakApp',
          jwks: { ...rsa.publicKey.export({ format: 'jwk' }), kid: 'k' },
          scopes: ['okta.authorizationServers.read', 'okta.authorizationServers.manage'],
          requireDpop: true,
        },
      ],
    });
  });
  after(() => emu.close());

  async function exercise(client: OktaClient): Promise<string[]> {
    const texts: string[] = [];
    const grab = async (p: Promise<unknown>) => {
      try {
        await p;
      } catch (e) {
        texts.push(String(e), (e as Error).stack ?? '', JSON.stringify((e as OktaError).toJSON?.() ?? {}));
      }
    };
    const [c] = emu.org.clients('default');
    await grab(client.listAuthorizationServers().toArray());
    emu.faults.add({ kind: 'status', status: 500, count: 2 });
    await grab(client.listClients('default').toArray());
    emu.faults.add({ kind: 'auth-challenge', status: 401, count: 1 });
    await grab(client.getAuthorizationServer('default'));
    emu.faults.add({ kind: 'html', status: 502, count: 10 });
    await grab(client.getAuthorizationServer('default'));
    emu.faults.clear();
    await grab(client.getRefreshToken('default', c!.clientId, 'oarMissing'));
    const r = await client.revokeRefreshTokens('default', c!.clientId);
    texts.push(JSON.stringify(r));
    return texts;
  }

  it('keeps the API token out of logs and errors', async () => {
    const logs: string[] = [];
    const client = new OktaClient({
      orgUrl: emu.url,
      auth: { kind: 'ssws', token: API_TOKEN },
      logger: captureLogger(logs),
      retry: { backoffBaseMs: 1 },
    });
    const texts = await exercise(client);
    const bad = new OktaClient({
      orgUrl: emu.url,
      auth: { kind: 'ssws', token: `${API_TOKEN}-wrong` },
      logger: captureLogger(logs),
    });
    await bad.testConnection().catch((e: Error) => texts.push(String(e), JSON.stringify(e)));
    const all = [...logs, ...texts].join('\n');
    assert.ok(logs.length > 5, 'the run was logged');
    assert.ok(!all.includes(API_TOKEN), 'API token found in output');
    await client.close();
    await bad.close();
  });

  it('keeps the private key, assertions and access tokens out of logs and errors', async () => {
    const logs: string[] = [];
    const client = new OktaClient({
      orgUrl: emu.url,
      auth: { kind: 'oauth', clientId: '0oaLeakApp', privateKey: pem, keyId: 'k' },
      logger: captureLogger(logs),
      retry: { backoffBaseMs: 1 },
    });
    const texts = await exercise(client);
    const all = [...logs, ...texts].join('\n');
    assert.ok(!all.includes(pemBody) && !all.includes(jwkD), 'private key material found');
    assert.doesNotMatch(all, /eyJ[\w-]{10,}\.[\w-]{10,}/, 'a JWT (assertion, proof or token) found');
    assert.doesNotMatch(
      all,
      /(Bearer|DPoP|SSWS) (?!\[redacted\])[\w.~+/-]{12,}/,
      'an Authorization value found',
    );
    await client.close();
  });
});
