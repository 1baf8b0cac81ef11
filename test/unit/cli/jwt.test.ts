// `okta-tokens jwt` against the emulator over real HTTP, with tokens its authorization servers mint:
// a valid token exits 0; a tampered signature, an unknown kid and an expired token each exit non-zero
// naming the problem; a token from another issuer is decoded without a single request to the org.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { cliRunner } from './support';

const TOKEN = 'cli-jwt-test-token-123456';
let emu: RunningEmulator;

before(async () => {
  emu = await startEmulator({ port: 0, seed: 11, size: 'tiny', apiTokens: [TOKEN] });
});
after(async () => emu.close());

const run = cliRunner(() => ({ url: emu.url, token: TOKEN }));

function tamper(token: string, change: Record<string, unknown>): string {
  const [h, p, s] = token.split('.');
  const claims = { ...(JSON.parse(Buffer.from(p!, 'base64url').toString()) as object), ...change };
  return `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
}

test('a valid token from one of the org’s servers prints its claims with dates and exits 0', async () => {
  const token = emu.authServers.mintJwt({ serverId: 'default' });
  const r = await run(['jwt', token, '--org-url', emu.url]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^Header\n {2}kid +\S+\n {2}alg +RS256\n/);
  assert.match(r.out, /\n {2}iss +http:\/\/127\.0\.0\.1:\d+\/oauth2\/default\n/);
  assert.match(r.out, /\n {2}exp +\d+ {2}\(\d{4}-\d\d-\d\dT[\d:.]+Z, in 60 min\)\n/);
  assert.match(r.out, /Verdict: valid\n$/);
  assert.ok(
    !r.out.includes(token.split('.')[2]!) && !r.err.includes(token.split('.')[2]!),
    'the token is not printed',
  );
});

test('a tampered signature exits 6 naming a bad signature', async () => {
  const token = tamper(emu.authServers.mintJwt({ serverId: 'default' }), { scp: ['admin'] });
  const r = await run(['jwt', token]);
  assert.equal(r.code, 6);
  assert.match(r.out, /Verdict: bad signature/);
  assert.match(r.err, /okta-tokens: Bad signature: the token does not match/);
});

test('an expired token exits 6 saying how long ago it expired', async () => {
  const now = Math.floor(Date.now() / 1000);
  const token = emu.authServers.mintJwt({ serverId: 'default', issuedAt: now - 7200, lifetimeSeconds: 600 });
  const r = await run(['jwt', token]);
  assert.equal(r.code, 6);
  assert.match(r.err, /Expired: the signature is good, but the token expired 110 min ago/);
});

test('a token whose kid was rotated out of the key set exits 6 naming the unknown kid', async () => {
  const serverId = emu.org.servers()[1]!.id;
  emu.authServers.rotateKeys(serverId);
  emu.authServers.rotateKeys(serverId);
  const token = emu.authServers.mintJwt({ serverId, signWith: 'dropped' });
  const kid = (JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { kid: string }).kid;
  const r = await run(['jwt', token]);
  assert.equal(r.code, 6);
  assert.match(r.out, /Verdict: unknown key/);
  assert.ok(r.err.includes(`Unknown signing key: kid ${kid} is not among the keys`), r.err);
});

test("a token for another API exits 6: its audience is not the server's", async () => {
  const token = emu.authServers.mintJwt({ serverId: 'default', audience: 'api://payments' });
  const r = await run(['jwt', token]);
  assert.equal(r.code, 6);
  assert.match(r.err, /Audience not the server's: .* default issues tokens for api:\/\/default/);
});

test('a token from another issuer is decoded with no request to the org and exits 7', async () => {
  const token = emu.authServers.mintJwt({ claims: { iss: 'https://other.okta.com/oauth2/default' } });
  emu.resetStats();
  const r = await run(['jwt', token, '--org-url', emu.url]);
  assert.equal(r.code, 7);
  assert.match(r.out, /iss +https:\/\/other\.okta\.com\/oauth2\/default/);
  assert.match(r.err, /Decoded only: the issuer https:\/\/other\.okta\.com\/oauth2\/default is not/);
  assert.equal(emu.stats().total, 0, 'the emulator saw no request');
});

test('reads the token from stdin with -, and prints json with -o json', async () => {
  const token = emu.authServers.mintJwt({ serverId: 'default' });
  const r = await run(['jwt', '-', '-o', 'json'], { readStdin: async () => `Bearer ${token}\n` });
  assert.equal(r.code, 0, r.err);
  const body = JSON.parse(r.out) as {
    header: { alg: string };
    claims: { iss: string };
    verdict: { kind: string };
  };
  assert.equal(body.header.alg, 'RS256');
  assert.equal(body.verdict.kind, 'valid');
});

test('garbage exits 6 with the reason, and no org given means decoded only (exit 7)', async () => {
  const g = await run(['jwt', 'eyJhbGciOi.not-a-token']);
  assert.equal(g.code, 6);
  assert.match(g.err, /not a JWT: A JWT has three parts/);
  emu.resetStats();
  const token = emu.authServers.mintJwt({ serverId: 'default' });
  const n = await run(['jwt', token], { env: {} });
  assert.equal(n.code, 7);
  assert.match(n.err, /no org was given/);
  assert.equal(emu.stats().total, 0);
});
