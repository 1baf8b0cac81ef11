// "Open in Okta Admin Console" URLs and "Copy as cURL" text: the Admin Console host is the org host with
// -admin after its first label, the emulator and custom domains have none, and the copied command names
// the credential by a shell variable, never the secret.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adminConsoleUrl, tokenCurl } from '../../../src/extension/commands/external';

test('a server, an app and a user open on the org’s -admin host', () => {
  const org = 'https://acme.okta.com';
  assert.deepEqual(adminConsoleUrl(org, { kind: 'server', authServerId: 'aus1a2b3c' }), {
    ok: true,
    url: 'https://acme-admin.okta.com/admin/oauth2/as/aus1a2b3c',
  });
  assert.deepEqual(adminConsoleUrl(org, { kind: 'app', clientId: '0oa9xyz' }), {
    ok: true,
    url: 'https://acme-admin.okta.com/admin/app/oidc_client/instance/0oa9xyz',
  });
  assert.deepEqual(adminConsoleUrl('https://dev-123.oktapreview.com', { kind: 'user', userId: '00u42' }), {
    ok: true,
    url: 'https://dev-123-admin.oktapreview.com/admin/user/profile/view/00u42',
  });
});

test('an id cannot change the Admin Console path', () => {
  const r = adminConsoleUrl('https://acme.okta.com', { kind: 'user', userId: '../../x?y' });
  assert.ok(r.ok);
  assert.equal(r.url, 'https://acme-admin.okta.com/admin/user/profile/view/..%2F..%2Fx%3Fy');
});

test('the emulator and a custom domain have no Admin Console to open', () => {
  for (const org of ['http://127.0.0.1:8080', 'http://localhost:3000'])
    assert.deepEqual(adminConsoleUrl(org, { kind: 'server', authServerId: 'default' }), {
      ok: false,
      why: 'emulator',
    });
  assert.deepEqual(adminConsoleUrl('https://login.acme.com', { kind: 'app', clientId: '0oa1' }), {
    ok: false,
    why: 'custom-domain',
  });
});

test('Copy as cURL gets the token with a placeholder for the credential, never the secret', () => {
  const secret = '00abcDEFsecretTokenValue1234567890';
  const conn = { orgUrl: 'https://acme.okta.com', authKind: 'ssws' as const, secret };
  const text = tokenCurl(conn, 'aus1', '0oa2', 'oar3');
  assert.match(
    text,
    /^curl -sS 'https:\/\/acme\.okta\.com\/api\/v1\/authorizationServers\/aus1\/clients\/0oa2\/tokens\/oar3'/,
  );
  assert.match(text, /-H "Authorization: SSWS \$\{OKTA_API_TOKEN\}"/);
  assert.ok(!text.includes(secret), 'the API token must not be in the copied text');

  const key = '-----BEGIN PRIVATE KEY-----\nMIIEv...\n-----END PRIVATE KEY-----';
  const oauth = tokenCurl(
    { orgUrl: 'https://acme.okta.com', authKind: 'oauth', privateKey: key } as never,
    'aus1',
    '0oa2',
    'oar3',
  );
  assert.match(oauth, /-H "Authorization: Bearer \$\{ACCESS_TOKEN\}"/);
  assert.ok(!oauth.includes('PRIVATE KEY'), 'the private key must not be in the copied text');
});

test('an id with a quote cannot break out of the cURL argument', () => {
  const text = tokenCurl({ orgUrl: 'http://127.0.0.1:8080', authKind: 'ssws' }, "a'b", 'c', 'd');
  assert.match(text, /^curl -sS 'http:\/\/127\.0\.0\.1:8080\/api\/v1\/authorizationServers\/a'\\''b\//);
});
