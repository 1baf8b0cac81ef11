// How the Watch, the timeline and "why it expires" read (src/extension/watch/words.ts), with the English
// source strings: the status line names the interval really used and the share of the rate limit, a
// revoke row says why, lifetimes read as days/hours/minutes, warnings name both numbers.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { english } from '../../../src/extension/tree/format';
import {
  chainViews,
  minutesText,
  statusText,
  warningText,
  watchRow,
} from '../../../src/extension/watch/words';
import type { WatchStatus } from '../../../src/okta/watch/session';
import type { SeenToken } from '../../../src/okta/watch/chains';

const status: WatchStatus = {
  state: 'running',
  intervalMs: 500,
  effectiveIntervalMs: 2000,
  share: 0.1,
  windowMs: 60_000,
  limit: 600,
  allowance: 60,
  usedInWindow: 14,
  polls: 7,
  requests: 14,
  heldBack: 0,
  requestsPerPoll: 2,
  tokens: 3,
  startedAt: '2026-12-01T10:00:00.000Z',
};

describe('watch words', () => {
  it('the status line says the interval really used, why, and how much of the rate limit the last minute took', () => {
    assert.equal(
      statusText(english, status),
      'Watching · Polls every 2 s (stretched from 0.5 s to stay within its share) · uses at most 10 % of the rate limit: 60 of 600 requests a minute, 14 in the last minute · 7 polls, 14 requests',
    );
    assert.match(
      statusText(english, { ...status, effectiveIntervalMs: 500, state: 'paused' }),
      /^Paused · Polls every 0\.5 s · /,
    );
  });

  it('lifetimes read in days, hours and minutes', () => {
    assert.equal(minutesText(english, 129_600), '90 days');
    assert.equal(minutesText(english, 1500), '1 day 1 hour');
    assert.equal(minutesText(english, 15), '15 minutes');
  });

  it('a warning about the idle window names both numbers and what Okta wants', () => {
    assert.equal(
      warningText(english, { code: 'idle-below-access', idleMinutes: 30, accessMinutes: 60 }),
      'The idle window (30 minutes) is shorter than the access-token lifetime (1 hour): Okta wants it between the access and the refresh lifetime.',
    );
  });

  it('a revoke row says why, with the System Log event that shows it', () => {
    const token: SeenToken = {
      id: 'oar2',
      userId: '00uK',
      clientId: '0oaSPA',
      status: 'REVOKED',
      scopes: [],
    };
    const row = watchRow(
      english,
      {
        type: 'token-revoked',
        at: '2026-12-01T10:00:05.000Z',
        token,
        cause: 'reuse',
        evidence: { uuid: 'u', eventType: 'app.oauth2.as.token.detect_reuse', transactionId: 'XtrA' },
      },
      (id) => (id === '00uK' ? 'Karen Smith' : undefined),
    );
    assert.deepEqual(row, {
      at: '2026-12-01T10:00:05.000Z',
      tone: 'reuse',
      title: 'Revoked oar2 by reuse detection',
      detail: 'Karen Smith · System Log: app.oauth2.as.token.detect_reuse · transaction XtrA',
    });
  });

  it('a chain lists its tokens oldest first with what became of each', () => {
    const t = (id: string, status: string): SeenToken => ({
      id,
      userId: '00uK',
      clientId: '0oaSPA',
      status,
      expiresAt: '2026-12-31T00:00:00.000Z',
      scopes: [],
    });
    const [view] = chainViews(
      english,
      [
        { type: 'token-revoked', at: 'x', token: t('oar1', 'REVOKED'), cause: 'rotation', rotatedTo: 'oar2' },
        { type: 'token-revoked', at: 'y', token: t('oar2', 'REVOKED'), cause: 'reuse' },
      ],
      [[t('oar1', 'REVOKED'), t('oar2', 'REVOKED')]],
      () => 'Karen Smith',
    );
    assert.deepEqual(view!.links, [
      { id: 'oar1', state: 'rotated', note: 'by rotation' },
      { id: 'oar2', state: 'reuse', note: 'by reuse detection' },
    ]);
    assert.match(view!.title, /^Karen Smith · 0oaSPA · expires /);
  });
});
