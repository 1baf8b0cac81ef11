// How a token report and an Okta id read, in the hover and in the token panel: the verdict's title
// and sentence, the times (local and relative), what a token names (server, client, user) and why an
// object cannot be revealed. Pure (no vscode import): the words come through the `l10n` argument —
// vscode.l10n in the extension, `english` in tests and the benchmark.
import type { Verdict } from '../../okta/jwt/verifier';
import { dateLine, dateText, serverState, statusWord, type L10n } from '../tree/format';
import type { ObjectInfo, TokenReport } from './jwtService';

export type VerdictTone = 'pass' | 'fail' | 'info';

export interface VerdictWords {
  tone: VerdictTone;
  title: string;
  detail: string;
}

const TIME_CLAIMS = ['exp', 'iat', 'nbf', 'auth_time'] as const;

function when(l10n: L10n, seconds: number, now: number, locale: string): string {
  const d = dateText(l10n, new Date(seconds * 1000).toISOString(), now, locale);
  return d ? dateLine(d) : String(seconds);
}

export function verdictWords(l10n: L10n, r: TokenReport, now: number, locale: string): VerdictWords {
  const v: Verdict = r.verdict;
  const iss = typeof r.jwt.claims.iss === 'string' ? r.jwt.claims.iss : undefined;
  const issuer = v.issuer?.url ?? iss ?? '';
  const kid = v.kid ?? l10n.t('(no kid)');
  switch (v.kind) {
    case 'valid':
      return {
        tone: 'pass',
        title: l10n.t('Valid'),
        detail:
          v.issuer?.kind === 'custom' && r.kind === 'access'
            ? v.expectedAudiences
              ? l10n.t(
                  "Signature checked against the keys of {0} (key {1}); not expired; audience is the server's.",
                  issuer,
                  kid,
                )
              : l10n.t(
                  "Signature checked against the keys of {0} (key {1}); not expired. The audience was not checked: the server's audiences could not be read.",
                  issuer,
                  kid,
                )
            : l10n.t('Signature checked against the keys of {0} (key {1}); not expired.', issuer, kid),
      };
    case 'bad-signature':
      return {
        tone: 'fail',
        title: l10n.t('Bad signature'),
        detail: l10n.t(
          'The token does not match its signature made with key {0} of {1}: it was altered, or signed by someone else. Do not trust its claims.',
          kid,
          issuer,
        ),
      };
    case 'unknown-key':
      return {
        tone: 'fail',
        title: l10n.t('Unknown signing key (rotated?)'),
        detail: l10n.t(
          'Key {0} is not among the keys {1} publishes now, even after fetching them again. It may have been rotated out, or another server signed the token.',
          kid,
          issuer,
        ),
      };
    case 'expired': {
      const exp = r.jwt.claims.exp as number;
      return {
        tone: 'fail',
        title: l10n.t('Expired'),
        detail: l10n.t('The signature is good, but the token expired: {0}.', when(l10n, exp, now, locale)),
      };
    }
    case 'not-yet-valid': {
      const nbf = typeof r.jwt.claims.nbf === 'number' ? r.jwt.claims.nbf : (r.jwt.claims.iat as number);
      return {
        tone: 'fail',
        title: l10n.t('Not yet valid'),
        detail: l10n.t(
          "The signature is good, but the token is valid only from {0}. Check this machine's clock.",
          when(l10n, nbf, now, locale),
        ),
      };
    }
    case 'wrong-audience':
      return {
        tone: 'fail',
        title: l10n.t("Audience not the server's"),
        detail: l10n.t(
          'The token is for {0}, but {1} issues tokens for {2}: an API expecting the server’s audience rejects it.',
          JSON.stringify(r.jwt.claims.aud),
          v.issuer?.kind === 'custom' ? v.issuer.serverId : issuer,
          (v.expectedAudiences ?? []).join(', '),
        ),
      };
    case 'wrong-issuer':
      return {
        tone: 'fail',
        title: l10n.t('Issuer mismatch'),
        detail: l10n.t(
          'The discovery document of {0} names another issuer, so the token was not issued there the way Okta issues tokens.',
          issuer,
        ),
      };
    case 'org-access-token':
      return {
        tone: 'info',
        title: l10n.t('Cannot be validated locally'),
        detail: l10n.t(
          'An access token from the org authorization server ({0}). Okta issues those for its own APIs; they cannot be validated with the published keys, only by Okta (for example with its introspect endpoint). Tokens for your own APIs come from a custom authorization server.',
          issuer,
        ),
      };
    case 'foreign-issuer':
      return {
        tone: 'info',
        title: l10n.t('Decoded only'),
        detail: iss
          ? l10n.t(
              'The issuer {0} is not the org of a saved connection, so nothing was fetched and the signature is not checked.',
              iss,
            )
          : l10n.t('The token names no issuer (iss), so there are no keys to check its signature against.'),
      };
    case 'unsupported-alg':
      return {
        tone: 'info',
        title: l10n.t('Signature not checked'),
        detail: l10n.t('The signature cannot be checked: {0}.', v.detail ?? ''),
      };
    case 'keys-unavailable':
      return {
        tone: 'info',
        title: l10n.t('Keys unavailable'),
        detail: l10n.t('The keys of {0} could not be fetched: {1}', issuer, v.detail ?? ''),
      };
    default:
      return { tone: 'fail', title: l10n.t('Not a readable JWT'), detail: v.message };
  }
}

export function tokenKindWords(l10n: L10n, r: TokenReport): string {
  return r.kind === 'access' ? l10n.t('access token') : r.kind === 'id' ? l10n.t('ID token') : l10n.t('JWT');
}

export interface TimeRow {
  claim: string;
  /** Local time and how long from now, e.g. "2 Dec 2026, 01:00:00 (in 55 minutes)". */
  text: string;
}

/** exp, iat, nbf, auth_time as local time with how long ago or ahead. */
export function timeRows(
  l10n: L10n,
  claims: Record<string, unknown>,
  now: number,
  locale: string,
): TimeRow[] {
  return TIME_CLAIMS.filter((c) => typeof claims[c] === 'number' && Number.isFinite(claims[c])).map(
    (claim) => ({
      claim,
      text: when(l10n, claims[claim] as number, now, locale),
    }),
  );
}

export function objectKindWords(l10n: L10n, kind: ObjectInfo['kind']): string {
  switch (kind) {
    case 'server':
      return l10n.t('authorization server');
    case 'client':
      return l10n.t('client');
    case 'user':
      return l10n.t('user');
    default:
      return l10n.t('refresh token');
  }
}

/** Where the name came from, or that nothing is known. */
export function knownFrom(l10n: L10n, o: ObjectInfo): string {
  if (o.source === 'tree') return l10n.t('loaded in the tree of {0}', o.connection?.name ?? '');
  if (o.source === 'lookup') return l10n.t('looked up in {0}', o.connection?.name ?? '');
  return l10n.t('not loaded in the tree, and no saved connection knows it');
}

/** Why "Reveal in Tree" is not offered for an object. */
export function whyNotRevealable(l10n: L10n, o: ObjectInfo): string | undefined {
  if ('target' in o.reveal) return undefined;
  switch (o.reveal.why) {
    case 'no-server':
      return l10n.t(
        'Not revealed: the tree lists clients under a server, and no loaded server lists this client.',
      );
    default:
      return o.kind === 'token'
        ? l10n.t('Not revealed: refresh tokens are found in the tree only once their client is expanded.')
        : l10n.t('Not revealed: no saved connection knows it.');
  }
}

/** The status word the tree and panels use ("Active", "Revoked"…; others in sentence case), or undefined. */
export function statusText(l10n: L10n, status: string | undefined): string | undefined {
  if (!status) return undefined;
  const s = status.toUpperCase();
  return statusWord(l10n, s === 'REVOKED' ? 'revoked' : serverState(s), status);
}
