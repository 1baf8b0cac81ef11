// How the Watch, the timeline and "why it expires" read: every sentence they show, built from the pure
// results of src/okta/timeline.ts, lifetime.ts and watch/. Pure (no vscode import): the words come
// through the `l10n` argument (vscode.l10n in the extension, `english` in tests), like tree/format.ts.
import type { LifetimeExplanation, Reason, Warning } from '../../okta/lifetime';
import type { TimelineEntry } from '../../okta/timeline';
import type { RevokeCause, SeenToken } from '../../okta/watch/chains';
import type { WatchEvent, WatchStatus } from '../../okta/watch/session';
import { localDate, type L10n } from '../tree/format';

/** "90 days", "1 day 2 hours", "15 minutes". */
export function minutesText(l10n: L10n, minutes: number): string {
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = Math.round(minutes % 60);
  const parts: string[] = [];
  if (d) parts.push(d === 1 ? l10n.t('1 day') : l10n.t('{0} days', d));
  if (h) parts.push(h === 1 ? l10n.t('1 hour') : l10n.t('{0} hours', h));
  if (m || parts.length === 0) parts.push(m === 1 ? l10n.t('1 minute') : l10n.t('{0} minutes', m));
  return parts.join(' ');
}

/** "5 s", "12.5 s", "2 min". */
export function secondsText(l10n: L10n, ms: number): string {
  const s = ms / 1000;
  if (s >= 120 && s % 60 === 0) return l10n.t('{0} min', s / 60);
  return l10n.t('{0} s', Math.round(s * 10) / 10);
}

export function kindText(l10n: L10n, e: TimelineEntry): string {
  switch (e.kind) {
    case 'sign-in':
      return l10n.t('Token granted (sign-in)');
    case 'refresh':
      return l10n.t('Token granted (refresh)');
    case 'refresh-failed':
      return l10n.t('Refresh failed');
    case 'grant-failed':
      return l10n.t('Token request failed');
    case 'reuse-detected':
      return l10n.t('Refresh token reuse detected');
    case 'revoked':
      switch (e.revokedBy) {
        case 'admin':
          return l10n.t('Revoked by an admin (Management API)');
        case 'client':
          return l10n.t('Revoked by the app (/v1/revoke)');
        case 'implicit':
          return l10n.t('Revoked implicitly by Okta');
        default:
          return l10n.t('Revoked');
      }
    case 'authorize':
      return l10n.t('Authorize request');
    case 'scope-denied':
      return l10n.t('Scopes denied');
    case 'consent':
      return l10n.t('Consent');
    default:
      return e.displayMessage ?? e.eventType;
  }
}

/** What Okta's reasons mean, for the person reading the timeline. */
export function reasonText(l10n: L10n, reason: string | undefined): string | undefined {
  switch (reason) {
    case 'invalid_refresh_token':
      return l10n.t(
        'The refresh token is invalid or expired: it expired (lifetime or idle window), was rotated out, or was revoked.',
      );
    case 'refresh_token_reuse_detected':
      return l10n.t(
        'A rotated-out refresh token was used again after the leeway: Okta revoked the newest token of the chain.',
      );
    case 'invalid_authorization_code':
      return l10n.t('The authorization code is invalid or has expired.');
    case 'pkce_verification_failed':
      return l10n.t('PKCE verification failed: the code_verifier does not match the code_challenge.');
    default:
      return undefined;
  }
}

export function causeText(l10n: L10n, cause: RevokeCause): string {
  switch (cause) {
    case 'rotation':
      return l10n.t('by rotation');
    case 'reuse':
      return l10n.t('by reuse detection');
    case 'admin':
      return l10n.t('by an admin (Management API)');
    case 'client':
      return l10n.t('by the app (/v1/revoke)');
    case 'implicit':
      return l10n.t('implicitly by Okta');
    default:
      return l10n.t('cause unknown (no System Log event explains it)');
  }
}

/** One row of the Watch's event list. */
export interface WatchRow {
  at: string;
  /** A CSS class: new, rotated, revoked, reuse, failed, mark, info, error. */
  tone: 'new' | 'rotated' | 'revoked' | 'reuse' | 'failed' | 'mark' | 'info' | 'error';
  title: string;
  detail: string;
  /** The rotation chain (user|client|expiry) a token row belongs to. */
  chain?: string;
}

function who(e: { userId?: string; userName?: string; clientId?: string; clientName?: string }): string {
  const user = e.userName ? `${e.userName} (${e.userId})` : e.userId;
  const client = e.clientName ? `${e.clientName} (${e.clientId})` : e.clientId;
  return [user, client].filter(Boolean).join(' · ');
}

export function watchRow(
  l10n: L10n,
  e: WatchEvent,
  names: (userId?: string) => string | undefined,
  locale = 'en',
): WatchRow | undefined {
  switch (e.type) {
    case 'started':
      return {
        at: e.at,
        tone: 'info',
        title: l10n.t('Watching from now'),
        detail: l10n.t('{0} tokens listed', e.tokens),
      };
    case 'token-new': {
      const user = names(e.token.userId) ?? e.token.userId ?? '';
      return e.rotatedFrom
        ? {
            at: e.at,
            tone: 'rotated',
            title: l10n.t('Rotated: {0} → {1}', e.rotatedFrom, e.token.id),
            detail: l10n.t(
              '{0} · keeps the original expiry {1}',
              user,
              localDate(e.token.expiresAt, locale) ?? l10n.t('no expiry'),
            ),
          }
        : { at: e.at, tone: 'new', title: l10n.t('New token {0}', e.token.id), detail: user };
    }
    case 'token-revoked': {
      const user = names(e.token.userId) ?? e.token.userId ?? '';
      return {
        at: e.at,
        tone: e.cause === 'reuse' ? 'reuse' : e.cause === 'rotation' ? 'rotated' : 'revoked',
        title: l10n.t('Revoked {0} {1}', e.token.id, causeText(l10n, e.cause)),
        detail: [
          user,
          e.rotatedTo ? l10n.t('replaced by {0}', e.rotatedTo) : undefined,
          e.evidence ? l10n.t('System Log: {0}', e.evidence.eventType) : undefined,
          e.evidence?.transactionId ? l10n.t('transaction {0}', e.evidence.transactionId) : undefined,
        ]
          .filter(Boolean)
          .join(' · '),
      };
    }
    case 'log': {
      const x = e.entry;
      const failed = x.kind === 'refresh-failed' || x.kind === 'grant-failed';
      const parts = [
        e.tokenTypes
          ? e.tokenTypes.join(', ')
          : x.kind === 'sign-in' || x.kind === 'refresh'
            ? x.tokenType
            : undefined,
        who(x),
        x.reason ? l10n.t('reason: {0}', x.reason) : undefined,
        failed || x.kind === 'reuse-detected' ? reasonText(l10n, x.reason) : undefined,
        x.ip ? l10n.t('IP {0}', x.ip) : undefined,
        x.transactionId ? l10n.t('transaction {0}', x.transactionId) : undefined,
      ];
      return {
        at: e.at,
        tone:
          x.kind === 'reuse-detected'
            ? 'reuse'
            : failed
              ? 'failed'
              : x.kind === 'revoked'
                ? 'revoked'
                : 'info',
        title: kindText(l10n, x),
        detail: parts.filter(Boolean).join(' · '),
      };
    }
    case 'mark':
      return { at: e.at, tone: 'mark', title: e.label, detail: l10n.t('Mark') };
    case 'paused':
      return { at: e.at, tone: 'info', title: l10n.t('Paused'), detail: '' };
    case 'resumed':
      return { at: e.at, tone: 'info', title: l10n.t('Resumed'), detail: '' };
    case 'error':
      return { at: e.at, tone: 'error', title: l10n.t('A poll failed'), detail: e.message };
    case 'stopped':
      return { at: e.at, tone: 'info', title: l10n.t('Stopped'), detail: '' };
  }
}

/** The line under the Watch's toolbar: the interval, the share and how much of it the last window used. */
export function statusText(l10n: L10n, s: WatchStatus): string {
  const interval =
    s.effectiveIntervalMs > s.intervalMs
      ? l10n.t(
          'Polls every {0} (stretched from {1} to stay within its share)',
          secondsText(l10n, s.effectiveIntervalMs),
          secondsText(l10n, s.intervalMs),
        )
      : l10n.t('Polls every {0}', secondsText(l10n, s.intervalMs));
  const share =
    s.limit === undefined
      ? l10n.t('uses at most {0} % of the rate limit', Math.round(s.share * 100))
      : l10n.t(
          'uses at most {0} % of the rate limit: {1} of {2} requests a minute, {3} in the last minute',
          Math.round(s.share * 100),
          s.allowance,
          s.limit,
          s.usedInWindow,
        );
  const state =
    s.state === 'paused' ? l10n.t('Paused') : s.state === 'stopped' ? l10n.t('Stopped') : l10n.t('Watching');
  return `${state} · ${interval} · ${share} · ${l10n.t('{0} polls, {1} requests', s.polls, s.requests)}`;
}

export function ruleReasonText(l10n: L10n, r: Reason): string {
  switch (r.code) {
    case 'inactive':
      return l10n.t('inactive');
    case 'client-not-included':
      return l10n.t('its clients do not include {0}', r.clientId);
    case 'user-excluded':
      return l10n.t('the user is excluded');
    case 'user-not-included':
      return l10n.t('the user is neither listed nor in a listed group');
    case 'group-excluded':
      return l10n.t('the user is in an excluded group ({0})', r.groups.join(', '));
    case 'group-unknown':
      return l10n.t('applies only if the user is in group {0} (not checked)', r.groups.join(', '));
    case 'grant-type-not-included':
      return l10n.t('takes none of the grant types {0}', r.grantTypes.join(', '));
    case 'grant-type-unknown':
      return l10n.t(
        'takes {0}; the app may sign in with {1}',
        r.grantTypes.join(', '),
        r.candidates.join(', '),
      );
    case 'scope-not-included':
      return l10n.t("does not take the token's scopes {0}", r.scopes.join(' '));
    case 'earlier-policy-matched':
      return l10n.t('not evaluated: an earlier policy took the client');
  }
}

export function warningText(l10n: L10n, w: Warning): string {
  switch (w.code) {
    case 'idle-below-access':
      return l10n.t(
        'The idle window ({0}) is shorter than the access-token lifetime ({1}): Okta wants it between the access and the refresh lifetime.',
        minutesText(l10n, w.idleMinutes),
        minutesText(l10n, w.accessMinutes),
      );
    case 'idle-above-refresh':
      return l10n.t(
        'The idle window ({0}) is longer than the refresh-token lifetime ({1}): it can never end a token; Okta wants it between the access and the refresh lifetime.',
        minutesText(l10n, w.idleMinutes),
        minutesText(l10n, w.refreshMinutes),
      );
    case 'refresh-below-access':
      return l10n.t(
        'The refresh-token lifetime ({0}) is shorter than the access-token lifetime ({1}).',
        minutesText(l10n, w.refreshMinutes),
        minutesText(l10n, w.accessMinutes),
      );
    case 'no-matching-rule':
      return l10n.t(
        'No rule matches this token now: Okta would refuse a new sign-in (no_matching_policy). The policies may have changed since it was issued.',
      );
    case 'uncertain-match':
      return l10n.t(
        'An earlier rule depends on what could not be checked (group membership or the grant used); if it applies, its numbers hold instead.',
      );
    case 'refresh-zero-unconfirmed':
      return l10n.t(
        'The rule gives a refresh lifetime of 0, read as unlimited (Okta implies this but does not state it).',
      );
    case 'static-idle-basis':
      return l10n.t(
        "The app does not rotate tokens; the idle window is counted from the token's last update, since Okta does not say whether a refresh updates it.",
      );
  }
}

export function rotationText(l10n: L10n, x: LifetimeExplanation): string {
  return x.rotation === 'ROTATE'
    ? l10n.t(
        'Rotate: every refresh issues a new token with the same expiry; the old one works {0} s more (leeway)',
        x.leewaySeconds,
      )
    : l10n.t('Static: the same token is used for every refresh');
}

/** The rotation chains a watch saw change (session.chains()), each oldest first with what became of every token. */
export function chainViews(
  l10n: L10n,
  events: readonly WatchEvent[],
  chains: readonly (readonly SeenToken[])[],
  names: (userId?: string) => string | undefined,
  locale = 'en',
): {
  title: string;
  links: { id: string; state: 'active' | 'rotated' | 'reuse' | 'revoked'; note?: string }[];
}[] {
  const cause = new Map<string, RevokeCause>();
  for (const e of events) if (e.type === 'token-revoked') cause.set(e.token.id, e.cause);
  return chains.map((g) => {
    const first = g[0]!;
    const user = names(first.userId) ?? first.userId ?? '';
    const exp = localDate(first.expiresAt, locale) ?? l10n.t('no expiry');
    return {
      title: l10n.t('{0} · {1} · expires {2}', user, first.clientId ?? '', exp),
      links: g.map((t) => {
        const c = cause.get(t.id);
        const state: 'active' | 'rotated' | 'reuse' | 'revoked' =
          c === 'reuse'
            ? 'reuse'
            : c === 'rotation'
              ? 'rotated'
              : c || t.status === 'REVOKED'
                ? 'revoked'
                : 'active';
        return { id: t.id, state, ...(c ? { note: causeText(l10n, c) } : {}) };
      }),
    };
  });
}
