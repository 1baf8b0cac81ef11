import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
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
});
