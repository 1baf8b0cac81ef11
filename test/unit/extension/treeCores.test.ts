// Token filters, token state/expiry text, the confirmation policy, the programmatic add input and the
// "Copy as Query" statement.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchesTokenFilter, parseTokenFilter, formatTokenFilter } from '../../../src/extension/tree/filters';
import {
  dateText,
  english,
  expiryText,
  relativeTime,
  serverState,
  statusWord,
  tokenState,
} from '../../../src/extension/tree/format';
import { typedPhrase } from '../../../src/extension/commands/confirmPolicy';
import {
  checkAddInput,
  normalizePrivateKey,
  parseSecretPayload,
} from '../../../src/extension/connections/model';
import { tokenQuery } from '../../../src/extension/commands/tokenQuery';
import type { OAuth2RefreshToken } from '../../../src/okta/models';

const tok = (o: Partial<OAuth2RefreshToken>): OAuth2RefreshToken => ({
  id: 'oar1',
  scopes: [],
  _links: {},
  ...o,
});

test('token filter parses keys, bare user names or ids, and rejects unknown keys', () => {
  assert.deepEqual(parseTokenFilter('user:00u1 status:active scope:openid'), {
    user: '00u1',
    status: 'ACTIVE',
    scope: 'openid',
  });
  assert.deepEqual(parseTokenFilter('00u9'), { user: '00u9' });
  // A full name is one user, however it was typed.
  assert.deepEqual(parseTokenFilter('Karen Easley status:active'), {
    user: 'Karen Easley',
    status: 'ACTIVE',
  });
  assert.deepEqual(parseTokenFilter('user:Karen Easley'), { user: 'Karen Easley' });
  assert.equal(parseTokenFilter('   '), undefined);
  assert.deepEqual(parseTokenFilter('color:red'), { error: 'color' });
  assert.equal(formatTokenFilter({ user: 'u', status: 'REVOKED' }), 'user:u status:REVOKED');
});

test('token filter matches user, status and scope together', () => {
  const t = tok({ userId: 'u1', status: 'ACTIVE', scopes: ['openid', 'offline_access'] });
  assert.equal(matchesTokenFilter(t, { user: 'u1', scope: 'openid' }), true);
  assert.equal(matchesTokenFilter(t, { status: 'REVOKED' }), false);
  assert.equal(matchesTokenFilter(t, { scope: 'email' }), false);
  assert.equal(matchesTokenFilter(t, undefined), true);
});

test('token state folds expiry into status; revoked wins', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  assert.equal(tokenState({ status: 'ACTIVE', expiresAt: '2026-02-01T00:00:00Z' }, now), 'active');
  assert.equal(tokenState({ status: 'ACTIVE', expiresAt: '2025-12-01T00:00:00Z' }, now), 'expired');
  assert.equal(tokenState({ status: 'REVOKED', expiresAt: '2025-12-01T00:00:00Z' }, now), 'revoked');
  assert.equal(tokenState({ status: 'ACTIVE' }, now), 'active');
});

test('relative time reads naturally in both directions, and "just now" rather than "0 seconds ago"', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  assert.equal(relativeTime(english, '2026-01-04T00:00:00Z', now), 'in 3 days');
  assert.equal(relativeTime(english, '2025-12-31T22:00:00Z', now), '2 hours ago');
  assert.equal(relativeTime(english, '2026-01-01T00:00:00Z', now), 'just now');
  assert.equal(relativeTime(english, '2025-12-31T23:59:55Z', now), 'just now');
  assert.equal(relativeTime(english, '2025-12-31T23:59:30Z', now), '30 seconds ago');
  assert.equal(relativeTime(english, 'not a date', now), undefined);
  assert.equal(expiryText(english, { expiresAt: '2025-12-31T22:00:00Z' }, now), 'expired 2 hours ago');
  assert.equal(expiryText(english, {}, now), 'no expiry');
});

test('a date reads as local time with its distance from now, keeping the exact value', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  const d = dateText(english, '2026-01-04T00:00:00Z', now, 'en');
  assert.equal(d?.relative, 'in 3 days');
  assert.equal(d?.iso, '2026-01-04T00:00:00Z');
  assert.doesNotMatch(d?.text ?? '', /T00:00:00/);
  assert.match(d?.text ?? '', /2026/);
  assert.equal(dateText(english, 'soon', now)?.text, 'soon');
});

test('status words are the same for tokens and servers, never Okta’s upper case', () => {
  assert.equal(statusWord(english, tokenState({ status: 'ACTIVE' })), 'Active');
  assert.equal(statusWord(english, serverState('ACTIVE')), 'Active');
  assert.equal(statusWord(english, serverState(undefined)), 'Active');
  assert.equal(statusWord(english, serverState('INACTIVE')), 'Inactive');
  assert.equal(statusWord(english, 'revoked'), 'Revoked');
  assert.equal(statusWord(english, serverState('SUSPENDED'), 'SUSPENDED'), 'Suspended');
  assert.equal(statusWord(english, 'other'), 'Unknown status');
});

test('typing is required for revoke-all, above the threshold, and in typeName mode', () => {
  const s = { mode: 'modal' as const, threshold: 10 };
  assert.equal(typedPhrase({ count: 3, clientNames: ['App'] }, s), undefined);
  assert.equal(typedPhrase({ count: 10, clientNames: ['App'] }, s), undefined);
  assert.equal(typedPhrase({ count: 11, clientNames: ['App'] }, s), 'App');
  assert.equal(typedPhrase({ count: 11, clientNames: ['App', 'Other'] }, s), '11');
  assert.equal(typedPhrase({ count: undefined, clientNames: ['App'] }, s), 'App');
  assert.equal(typedPhrase({ count: 1, clientNames: ['App'] }, { mode: 'typeName', threshold: 10 }), 'App');
});

test('programmatic add input is checked field by field', () => {
  assert.equal(
    checkAddInput({ name: 'x', orgUrl: 'https://a.okta.com', auth: { kind: 'ssws', token: 't' } }),
    undefined,
  );
  assert.match(checkAddInput({ name: '', orgUrl: 'u', auth: { kind: 'ssws', token: 't' } }) ?? '', /name/);
  assert.match(
    checkAddInput({ name: 'x', orgUrl: 'u', auth: { kind: 'oauth', clientId: 'c' } }) ?? '',
    /privateKey/,
  );
  assert.match(checkAddInput({ name: 'x', orgUrl: 'u', auth: { kind: 'basic' } }) ?? '', /kind/);
});

test('secret payloads round-trip and garbage is treated as missing', () => {
  assert.deepEqual(parseSecretPayload(JSON.stringify({ kind: 'ssws', token: 'abc' })), {
    kind: 'ssws',
    token: 'abc',
  });
  assert.equal(parseSecretPayload('not json'), undefined);
  assert.equal(parseSecretPayload(JSON.stringify({ kind: 'ssws' })), undefined);
});

test('"Copy as Query" selects exactly the token, with quotes escaped', () => {
  const q = tokenQuery({ name: 'Acme prod', orgUrl: 'https://acme.okta.com' }, 'aus1', "0oa'x", 'oar9');
  assert.match(q, /FROM okta\.authorizationservers\.refresh_tokens/);
  assert.match(q, /subdomain = 'acme'/);
  assert.match(q, /clientId = '0oa''x'/);
  assert.match(q, /tokenId = 'oar9';/);
});

test('a PEM pasted on one line gets its line breaks back; JWK and multi-line PEM are untouched', () => {
  const body = 'A'.repeat(100);
  const oneLine = `-----BEGIN PRIVATE KEY----- ${body.slice(0, 50)} ${body.slice(50)} -----END PRIVATE KEY-----`;
  assert.equal(
    normalizePrivateKey(oneLine),
    `-----BEGIN PRIVATE KEY-----\n${'A'.repeat(64)}\n${'A'.repeat(36)}\n-----END PRIVATE KEY-----\n`,
  );
  const multi = `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----`;
  assert.equal(normalizePrivateKey(multi), multi);
  assert.equal(normalizePrivateKey(' {"kty":"RSA","d":"x"} '), '{"kty":"RSA","d":"x"}');
});
