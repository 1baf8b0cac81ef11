// OAuth 2.0 for Okta's own APIs with an API Services app: client_credentials with a private_key_jwt
// client assertion against the org authorization server (/oauth2/v1/token). The access token is cached
// until shortly before it expires and shared by concurrent callers. When the app demands DPoP, the
// `use_dpop_nonce` round is done and every API call carries `Authorization: DPoP` plus a fresh proof.

import { randomUUID } from 'node:crypto';
// jose's sign module alone: its index loads all 46 of its modules (JWE, JWKS fetching, …), 1 MB more
// heap when the client runs from source (tests, benchmarks); bundles keep only what is used either way.
import { SignJWT } from 'jose/jwt/sign';
import { OktaError, abortedError, describeOAuthError } from '../errors';
import { redactText } from '../logger';
import { DpopProver } from './dpop';
import { loadSigningKey, type SigningKey } from './keys';
import type { AuthProvider, ChallengeAnswer } from './types';

export const DEFAULT_SCOPES = ['okta.authorizationServers.read', 'okta.authorizationServers.manage'];
/**
 * What to ask for when the app was not granted the default pair: read alone still lets a user browse
 * tokens, and revoking then fails with a message naming the missing manage scope.
 */
const READ_ONLY_SCOPES = ['okta.authorizationServers.read'];

/**
 * One POST to the token endpoint, done by the client's transport (proxy, timeouts, TLS). It takes no
 * caller signal: one token fetch serves every caller (see `token()`).
 */
export type FormPoster = (
  url: URL,
  form: Record<string, string>,
  headers: Record<string, string>,
) => Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  requestId?: string;
}>;

interface CachedToken {
  value: string;
  type: 'Bearer' | 'DPoP';
  /** Local epoch ms after which the token is not used any more. */
  refreshAt: number;
  scope?: string;
}

function header(h: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
}

function oauthErrorOf(body: unknown): { error: string; description?: string } | undefined {
  if (body && typeof body === 'object' && typeof (body as { error?: unknown }).error === 'string') {
    const b = body as { error: string; error_description?: unknown };
    return {
      error: b.error,
      description: typeof b.error_description === 'string' ? b.error_description : undefined,
    };
  }
  return undefined;
}

/** True for the token endpoint's ways of saying "this app needs DPoP". */
function demandsDpop(e: { error: string; description?: string }): boolean {
  if (e.error === 'use_dpop_nonce') return false;
  return (
    /dpop/i.test(`${e.error} ${e.description ?? ''}`) &&
    (e.error === 'invalid_request' || e.error === 'invalid_dpop_proof')
  );
}

/** Settles with `p`, or rejects as soon as `signal` aborts (without cancelling `p` for others). */
function abortable<T>(p: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(abortedError('POST', '/oauth2/v1/token', signal.reason));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortedError('POST', '/oauth2/v1/token', signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => (signal.removeEventListener('abort', onAbort), resolve(v)),
      (e: unknown) => (signal.removeEventListener('abort', onAbort), reject(e)),
    );
  });
}

export class ServiceAppAuth implements AuthProvider {
  readonly kind = 'oauth' as const;
  private readonly key: SigningKey;
  private readonly tokenUrl: URL;
  private scopes: string[];
  /** True while the scopes are the defaults, which may be narrowed to read-only once. */
  private defaultScopes: boolean;
  private cached: CachedToken | undefined;
  private pending: Promise<CachedToken> | undefined;
  private dpop: DpopProver | undefined;
  private tokenNonce: string | undefined;
  private apiNonce: string | undefined;
  private readonly minted = new Set<string>();

  mayRevoke(): boolean {
    return this.scopes.includes('okta.authorizationServers.manage');
  }

  constructor(
    orgUrl: URL,
    private readonly clientId: string,
    privateKey: string | Record<string, unknown>,
    private readonly post: FormPoster,
    opts: { keyId?: string; scopes?: string[]; now?: () => number } = {},
  ) {
    if (!clientId.trim())
      throw new OktaError({ kind: 'auth-config', message: 'The service app needs a client id (0oa…).' });
    this.key = loadSigningKey(privateKey, opts.keyId);
    this.tokenUrl = new URL('/oauth2/v1/token', orgUrl);
    this.defaultScopes = !opts.scopes?.length;
    this.scopes = opts.scopes?.length ? opts.scopes : DEFAULT_SCOPES;
    this.now = opts.now ?? Date.now;
  }

  private readonly now: () => number;

  /** Whether the org made this app use DPoP (learned from the token endpoint). */
  get usesDpop(): boolean {
    return this.dpop !== undefined;
  }

  secrets(): string[] {
    const out = [...this.minted];
    const d = this.key.key.export({ format: 'jwk' }).d;
    if (d) out.push(d);
    return out;
  }

  async headersFor(method: string, url: URL, signal?: AbortSignal): Promise<Record<string, string>> {
    const token = await this.token(signal);
    if (token.type === 'DPoP' && this.dpop) {
      const proof = await this.dpop.proof({ method, url, accessToken: token.value, nonce: this.apiNonce });
      return { authorization: `DPoP ${token.value}`, dpop: proof };
    }
    return { authorization: `Bearer ${token.value}` };
  }

  handleChallenge(answer: ChallengeAnswer): boolean {
    const nonce = header(answer.headers, 'dpop-nonce');
    const www = header(answer.headers, 'www-authenticate') ?? '';
    const err = oauthErrorOf(answer.body);
    if (nonce && (err?.error === 'use_dpop_nonce' || /use_dpop_nonce/.test(www))) {
      this.apiNonce = nonce;
      return true;
    }
    if (answer.status === 401 && /invalid_token/.test(www)) {
      // Expired early or revoked: drop it so the retry mints a new one.
      this.cached = undefined;
      return true;
    }
    return false;
  }

  private async token(signal?: AbortSignal): Promise<CachedToken> {
    if (this.cached && this.now() < this.cached.refreshAt) return this.cached;
    // One fetch serves every caller, so it must not die with the first caller's signal: each caller
    // races its own cancellation against the shared fetch instead (the fetch has its own timeout).
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = undefined;
    });
    return abortable(this.pending, signal);
  }

  private async assertion(): Promise<string> {
    const jwt = await new SignJWT({})
      .setProtectedHeader(this.key.kid ? { alg: this.key.alg, kid: this.key.kid } : { alg: this.key.alg })
      .setIssuer(this.clientId)
      .setSubject(this.clientId)
      .setAudience(this.tokenUrl.href)
      .setIssuedAt()
      .setExpirationTime('5m')
      .setJti(randomUUID())
      .sign(this.key.key);
    this.minted.add(jwt);
    return jwt;
  }

  private async fetchToken(): Promise<CachedToken> {
    // At most: one switch to DPoP, one nonce round, one more nonce refresh, one narrowing to read-only.
    for (let attempt = 0; attempt < 5; attempt++) {
      const form = {
        grant_type: 'client_credentials',
        scope: this.scopes.join(' '),
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: await this.assertion(),
      };
      const headers: Record<string, string> = {};
      if (this.dpop)
        headers.dpop = await this.dpop.proof({ method: 'POST', url: this.tokenUrl, nonce: this.tokenNonce });
      const started = this.now();
      const res = await this.post(this.tokenUrl, form, headers);
      const err = oauthErrorOf(res.body);
      if (res.status === 200 && res.body && typeof res.body === 'object') {
        const b = res.body as {
          access_token?: unknown;
          token_type?: unknown;
          expires_in?: unknown;
          scope?: unknown;
        };
        if (typeof b.access_token !== 'string') break;
        const lifetimeMs = (typeof b.expires_in === 'number' ? b.expires_in : 3600) * 1000;
        // Renew a minute early (or at 90 % of very short lifetimes) so no request goes out with a dying token.
        const refreshAt = started + Math.max(lifetimeMs - 60_000, lifetimeMs * 0.9);
        const type = String(b.token_type).toLowerCase() === 'dpop' ? 'DPoP' : 'Bearer';
        this.minted.add(b.access_token);
        this.cached = {
          value: b.access_token,
          type,
          refreshAt,
          scope: typeof b.scope === 'string' ? b.scope : undefined,
        };
        return this.cached;
      }
      if (err?.error === 'use_dpop_nonce') {
        const nonce = header(res.headers, 'dpop-nonce');
        if (!nonce) break;
        this.dpop ??= new DpopProver();
        this.tokenNonce = nonce;
        continue;
      }
      if (err && demandsDpop(err) && !this.dpop) {
        this.dpop = new DpopProver();
        continue;
      }
      if (err && (err.error === 'invalid_scope' || err.error === 'consent_required') && this.defaultScopes) {
        // Not granted okta.authorizationServers.manage: connect read-only rather than not at all.
        this.defaultScopes = false;
        this.scopes = READ_ONLY_SCOPES;
        continue;
      }
      const where = `POST ${this.tokenUrl.pathname}`;
      throw new OktaError({
        // Some proxies and IdPs quote the request back in error_description, client assertion and all.
        redact: (text) => redactText(text, this.secrets()),
        kind: 'http',
        status: res.status,
        method: 'POST',
        path: this.tokenUrl.pathname,
        oauthError: err,
        requestId: res.requestId,
        message: err
          ? describeOAuthError(err, where)
          : `Okta answered ${res.status} without an OAuth error body to ${where}. Check the org URL.`,
      });
    }
    throw new OktaError({
      kind: 'shape',
      method: 'POST',
      path: this.tokenUrl.pathname,
      message: `Okta's token endpoint did not issue an access token after the DPoP nonce exchange. Check the service app's DPoP setting and this machine's clock.`,
    });
  }
}
