// Sorting and grouping a client's tokens, the counts a client row shows (honest about pages not loaded),
// and the "Tokens of This User Everywhere" statement, which must analyse as a runnable fan-out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { english } from '../../../src/extension/tree/format';
import { groupTokens, orderTokens, tokenCountsText } from '../../../src/extension/tree/order';
import { userTokensQueryText } from '../../../src/extension/query/openAsQuery';
import { analyzeDocument } from '../../../src/query/analyzer';
import type { OAuth2RefreshToken } from '../../../src/okta/models';

const NOW = Date.parse('2026-06-01T00:00:00Z');
const day = 24 * 3600e3;
const tok = (id: string, status: string, expiresInDays?: number): OAuth2RefreshToken => ({
  id,
  status,
  scopes: [],
  _links: {},
  ...(expiresInDays !== undefined ? { expiresAt: new Date(NOW + expiresInDays * day).toISOString() } : {}),
});

const tokens = [
  tok('revokedSoon', 'REVOKED', 1),
  tok('activeLate', 'ACTIVE', 30),
  tok('expired', 'ACTIVE', -2),
  tok('noExpiry', 'ACTIVE'),
  tok('activeSoon', 'ACTIVE', 3),
];

test('tokens sort as Okta listed them, by expiry (soonest first, no expiry last) or by status (active first)', () => {
  const ids = (ts: OAuth2RefreshToken[]) => ts.map((t) => t.id);
  assert.deepEqual(ids(orderTokens(tokens, 'listed', NOW)), ids(tokens));
  assert.deepEqual(ids(orderTokens(tokens, 'expiry', NOW)), [
    'expired',
    'revokedSoon',
    'activeSoon',
    'activeLate',
    'noExpiry',
  ]);
  assert.deepEqual(ids(orderTokens(tokens, 'status', NOW)), [
    'activeSoon',
    'activeLate',
    'noExpiry',
    'expired',
    'revokedSoon',
  ]);
});

test('grouping by status keeps the statuses the loaded tokens have, in the order a person acts on them', () => {
  assert.deepEqual(
    groupTokens(tokens, NOW).map((g) => [g.state, g.tokens.map((t) => t.id)]),
    [
      ['active', ['activeSoon', 'activeLate', 'noExpiry']],
      ['expired', ['expired']],
      ['revoked', ['revokedSoon']],
    ],
  );
});

test('a client row counts its loaded tokens and says "24+" while Okta has more pages', () => {
  assert.equal(tokenCountsText(english, tokens, false, NOW), '5 tokens · 3 active');
  assert.equal(tokenCountsText(english, tokens, true, NOW), '5+ tokens · 3+ active');
  assert.equal(tokenCountsText(english, [tokens[2]], false, NOW), '1 token · 0 active');
  assert.equal(tokenCountsText(english, [], false, NOW), '0 tokens · 0 active');
});

test('"Tokens of This User Everywhere" is a FANOUT over every server and client, filtered to the user', () => {
  const text = userTokensQueryText(
    { orgUrl: 'https://acme.okta.com', connectionName: 'Acme' },
    { userId: "00u1'x", userName: 'Karen\nEasley' },
    english,
  );
  assert.equal(text.split('\n')[0], '-- Refresh tokens of Karen Easley on every server and client');
  const doc = analyzeDocument(text, { vars: {} });
  assert.equal(doc.statements.length, 1);
  const st = doc.statements[0]!;
  assert.deepEqual(
    st.diagnostics.filter((d) => d.severity === 'error'),
    [],
  );
  assert.equal(st.plan?.kind, 'select');
  const plan = st.plan as { fanout: string[]; params: Record<string, string> };
  assert.deepEqual([...plan.fanout].sort(), ['authServerId', 'clientId']);
  assert.equal(plan.params.subdomain, 'acme');
  assert.match(text, /userId = '00u1''x'/);
});
