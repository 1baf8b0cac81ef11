import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OktaError } from '../../../src/okta/errors';
import { normalizeOrgUrl } from '../../../src/okta/orgUrl';

describe('org URL validation', () => {
  it('accepts an Okta or custom domain over https and keeps only the origin', () => {
    assert.equal(normalizeOrgUrl('https://acme.okta.com/').href, 'https://acme.okta.com/');
    assert.equal(normalizeOrgUrl('login.acme.example').href, 'https://login.acme.example/');
  });

  it('allows plain http only on loopback', () => {
    assert.equal(normalizeOrgUrl('http://127.0.0.1:8080').href, 'http://127.0.0.1:8080/');
    assert.throws(() => normalizeOrgUrl('http://acme.okta.com'), /only allowed for a local emulator/);
  });

  it('explains the common mistakes', () => {
    assert.throws(() => normalizeOrgUrl(''), /empty/);
    assert.throws(() => normalizeOrgUrl('https://acme-admin.okta.com'), /use acme\.okta\.com/);
    assert.throws(() => normalizeOrgUrl('https://acme.okta.com/oauth2/default'), /issuer URL/);
    assert.throws(() => normalizeOrgUrl('https://user:pw@acme.okta.com'), /user name or password/);
  });

  it('refuses a URL with a user name or password without repeating the password', () => {
    for (const input of [
      'https://user:s3cret-pw@acme.okta.com',
      'user:s3cret-pw@acme.okta.com',
      'https://s3cret-pw@acme.okta.com/',
      // Does not even parse, and is still not echoed.
      'https://user:s3cret-pw@acme okta.com',
    ]) {
      assert.throws(
        () => normalizeOrgUrl(input),
        (e: unknown) => {
          assert.ok(e instanceof OktaError && e.kind === 'auth-config', input);
          assert.ok(!e.message.includes('s3cret-pw'), e.message);
          assert.ok(!JSON.stringify(e.toJSON()).includes('s3cret-pw'));
          return true;
        },
      );
    }
  });

  it('refuses the Admin Console host of every Okta cloud, as the connection form does', () => {
    assert.throws(() => normalizeOrgUrl('https://acme-admin.okta-gov.com'), /use acme\.okta-gov\.com/);
    assert.throws(() => normalizeOrgUrl('https://acme-admin.okta.mil'), /use acme\.okta\.mil/);
    assert.equal(normalizeOrgUrl('https://acme-admins.okta.com').href, 'https://acme-admins.okta.com/');
  });
});
