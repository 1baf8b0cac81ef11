// The org URL rules: https only, http only for loopback, admin domain caught, origin only kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkOrgUrl } from '../../../src/extension/connections/orgUrl';

test('accepts an Okta domain and keeps only the origin', () => {
  assert.deepEqual(checkOrgUrl('https://acme.okta.com/some/path?x=1'), {
    ok: true,
    origin: 'https://acme.okta.com',
  });
});

test('assumes https when the scheme is missing', () => {
  assert.deepEqual(checkOrgUrl(' acme.oktapreview.com '), {
    ok: true,
    origin: 'https://acme.oktapreview.com',
  });
});

test('accepts a custom domain', () => {
  assert.deepEqual(checkOrgUrl('https://login.example.com'), {
    ok: true,
    origin: 'https://login.example.com',
  });
});

test('allows plain http only for loopback hosts', () => {
  assert.deepEqual(checkOrgUrl('http://127.0.0.1:4010'), { ok: true, origin: 'http://127.0.0.1:4010' });
  assert.deepEqual(checkOrgUrl('http://localhost:8080/'), { ok: true, origin: 'http://localhost:8080' });
  assert.equal(checkOrgUrl('http://acme.okta.com').ok, false);
  const r = checkOrgUrl('http://acme.okta.com');
  assert.ok(!r.ok && r.problem === 'http-not-loopback');
});

test('rejects other schemes, credentials in the URL, bare words and empty input', () => {
  const problem = (s: string) => {
    const r = checkOrgUrl(s);
    return r.ok ? 'ok' : r.problem;
  };
  assert.equal(problem('ftp://acme.okta.com'), 'bad-scheme');
  assert.equal(problem('https://user:pw@acme.okta.com'), 'has-credentials');
  assert.equal(problem('acme'), 'not-a-domain');
  assert.equal(problem('   '), 'empty');
  assert.equal(problem('https://exa mple.com'), 'not-a-url');
});

test('points from the admin console domain to the org domain', () => {
  const r = checkOrgUrl('https://acme-admin.okta.com');
  assert.ok(!r.ok);
  assert.equal(r.problem, 'admin-domain');
  assert.equal(r.suggestion, 'https://acme.okta.com');
});

test('follows the client on the Admin Console hosts of every Okta cloud', () => {
  for (const [admin, org] of [
    ['https://acme-admin.oktapreview.com', 'https://acme.oktapreview.com'],
    ['https://acme-admin.okta-gov.com', 'https://acme.okta-gov.com'],
    ['https://acme-admin.okta.mil', 'https://acme.okta.mil'],
  ]) {
    const r = checkOrgUrl(admin!);
    assert.ok(
      !r.ok && r.problem === 'admin-domain' && r.suggestion === org,
      `${admin}: ${JSON.stringify(r)}`,
    );
  }
});
