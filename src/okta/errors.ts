// The one error type every client call rejects with. It keeps what Okta said (status, errorCode,
// errorSummary, causes, ids, a parsed WWW-Authenticate) and carries a message that says what happened,
// why, and what to do about it. Messages are built from request metadata and Okta's own words only.
// Okta's words can carry a credential (a proxy or IdP echoing the request back), so the constructor is
// the one redaction point for every text an error holds — message, errorSummary, causes, OAuth and
// WWW-Authenticate descriptions — and toJSON() can only ever show redacted text.

import { redactText } from './logger';
import type { OktaErrorBody } from './models';

export type OktaErrorKind =
  | 'http' // Okta (or something in between) answered with an error status
  | 'network' // the connection failed or dropped
  | 'timeout' // no complete answer in time
  | 'aborted' // the caller cancelled
  | 'tls' // the TLS handshake or certificate check failed
  | 'dns' // the host name did not resolve
  | 'shape' // the answer was not what Okta's API sends (bad JSON, HTML, wrong shape)
  | 'auth-config' // the credential itself is unusable (bad key, bad org URL, …)
  | 'unsafe-link' // a paging link pointed away from the org
  | 'invalid-input'; // the caller passed something no request can be built from (nothing was sent)

/** `WWW-Authenticate: Bearer error="…", scope="…", …` split into its parameters. */
export interface WwwAuthenticate {
  scheme: string;
  error?: string;
  errorDescription?: string;
  scope?: string;
  realm?: string;
  resource?: string;
  params: Record<string, string>;
}

export interface OktaErrorInit {
  kind: OktaErrorKind;
  message: string;
  method?: string;
  /** Path and query of the request, without origin. */
  path?: string;
  status?: number;
  body?: OktaErrorBody;
  /** `{error, error_description}` from the OAuth endpoints. */
  oauthError?: { error: string; description?: string };
  requestId?: string;
  wwwAuthenticate?: WwwAuthenticate;
  retryable?: boolean;
  /** True when the request may have reached Okta and had its effect. */
  outcomeUnknown?: boolean;
  cause?: unknown;
  /**
   * The secrets-aware redaction of whoever throws (the client's, which knows its token, key and
   * assertions). Without it, only credential-shaped text (JWTs, Authorization values, keys) is removed.
   */
  redact?: (text: string) => string;
}

export class OktaError extends Error {
  readonly kind: OktaErrorKind;
  readonly method?: string;
  readonly path?: string;
  readonly status?: number;
  readonly errorCode?: string;
  readonly errorSummary?: string;
  readonly errorCauses: string[];
  readonly errorId?: string;
  readonly oauthError?: { error: string; description?: string };
  readonly requestId?: string;
  readonly wwwAuthenticate?: WwwAuthenticate;
  readonly retryable: boolean;
  readonly outcomeUnknown: boolean;

  constructor(init: OktaErrorInit) {
    const clean = (text: string) => redactText(init.redact ? init.redact(text) : text);
    super(clean(init.message), init.cause !== undefined ? { cause: init.cause } : undefined);
    this.name = 'OktaError';
    this.kind = init.kind;
    this.method = init.method;
    this.path = init.path;
    this.status = init.status;
    this.errorCode = init.body?.errorCode;
    this.errorSummary = init.body?.errorSummary === undefined ? undefined : clean(init.body.errorSummary);
    this.errorCauses = (init.body?.errorCauses ?? []).map((c) => clean(c.errorSummary ?? '')).filter(Boolean);
    this.errorId = init.body?.errorId;
    this.oauthError = init.oauthError && cleanStrings(init.oauthError, clean);
    this.requestId = init.requestId;
    const www = init.wwwAuthenticate;
    this.wwwAuthenticate = www && { ...cleanStrings(www, clean), params: cleanStrings(www.params, clean) };
    this.retryable = init.retryable ?? false;
    this.outcomeUnknown = init.outcomeUnknown ?? false;
  }

  /** A plain object for logs and result files: everything but the stack and the cause. */
  toJSON(): Record<string, unknown> {
    return {
      kind: this.kind,
      message: this.message,
      method: this.method,
      path: this.path,
      status: this.status,
      errorCode: this.errorCode,
      errorSummary: this.errorSummary,
      errorCauses: this.errorCauses,
      errorId: this.errorId,
      oauthError: this.oauthError,
      requestId: this.requestId,
      wwwAuthenticate: this.wwwAuthenticate,
    };
  }
}

/** A copy of `o` with each of its own string values redacted (the others kept as they are). */
function cleanStrings<T extends object>(o: T, clean: (text: string) => string): T {
  return Object.fromEntries(
    Object.entries(o).map(([k, v]) => [k, typeof v === 'string' ? clean(v) : v]),
  ) as T;
}

export function isOktaError(e: unknown): e is OktaError {
  return e instanceof OktaError;
}

/**
 * Parses one challenge of a WWW-Authenticate header. Okta sends a single Bearer (or DPoP) challenge with
 * quoted parameters; values may contain commas, so this walks the string rather than splitting it.
 */
export function parseWwwAuthenticate(header: string | undefined): WwwAuthenticate | undefined {
  if (!header) return undefined;
  const m = /^\s*([A-Za-z][\w-]*)\s*(.*)$/s.exec(header);
  if (!m) return undefined;
  const params: Record<string, string> = {};
  const re = /([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))\s*,?\s*/gy;
  const rest = m[2] ?? '';
  re.lastIndex = 0;
  let p: RegExpExecArray | null;
  while (re.lastIndex < rest.length && (p = re.exec(rest))) {
    params[p[1]!.toLowerCase()] = p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : (p[3] ?? '');
  }
  return {
    scheme: m[1]!,
    error: params.error,
    errorDescription: params.error_description,
    scope: params.scope,
    realm: params.realm,
    resource: params.resource,
    params,
  };
}

export interface HttpErrorContext {
  method: string;
  path: string;
  host: string;
  status: number;
  body?: OktaErrorBody;
  oauthError?: { error: string; description?: string };
  requestId?: string;
  wwwAuthenticate?: WwwAuthenticate;
  contentType?: string;
  /** What kind of credential was used, to tailor the advice. */
  authKind: 'ssws' | 'oauth';
  retriesSpent?: number;
  resetAt?: Date;
}

function okta(body: OktaErrorBody | undefined): string {
  if (!body?.errorCode && !body?.errorSummary) return '';
  const causes = (body.errorCauses ?? []).map((c) => c.errorSummary).filter(Boolean);
  return ` (${[body.errorCode, body.errorSummary].filter(Boolean).join(': ')}${causes.length ? `; ${causes.join('; ')}` : ''})`;
}

function ref(ctx: { requestId?: string; body?: OktaErrorBody }): string {
  const ids = [
    ctx.requestId && `request id ${ctx.requestId}`,
    ctx.body?.errorId && `error id ${ctx.body.errorId}`,
  ];
  const s = ids.filter(Boolean).join(', ');
  return s ? ` [${s}]` : '';
}

/** The message for an HTTP error answer: what happened, why, what to do. */
export function describeHttpError(ctx: HttpErrorContext): string {
  const what = `${ctx.method} ${ctx.path}`;
  const code = ctx.body?.errorCode;
  const www = ctx.wwwAuthenticate;
  const tail = ref(ctx);
  if (www?.error === 'insufficient_scope' && ctx.authKind === 'ssws') {
    // API tokens carry no scopes: what they may do is their admin's roles.
    return (
      `Okta refused ${what} (insufficient_scope): the admin behind this API token may not do this.` +
      ' Check that admin’s roles (API Access Management Administrator can read and revoke tokens), or use a token of an admin who has them.' +
      tail
    );
  }
  if (www?.error === 'insufficient_scope') {
    return (
      `Okta refused ${what}: the access token lacks the scope ${www.scope ?? '(not named)'}` +
      ` (insufficient_scope). Grant that scope to the service app on its "Okta API Scopes" tab, then reconnect.${tail}`
    );
  }
  if (www?.error === 'invalid_token') {
    return (
      `Okta rejected the access token for ${what} (invalid_token${www.errorDescription ? `: ${www.errorDescription}` : ''}).` +
      ` The token expired or was revoked; the connection will fetch a new one — if this repeats, check the service app.${tail}`
    );
  }
  if (www?.error && /dpop/i.test(`${www.error} ${www.errorDescription ?? ''}`)) {
    return (
      `Okta rejected the DPoP proof for ${what} (${www.error}${www.errorDescription ? `: ${www.errorDescription}` : ''}).` +
      ` Check that this machine's clock is correct; then reconnect.${tail}`
    );
  }
  switch (code) {
    case 'E0000011':
    case 'E0000004':
      return (
        `Okta rejected the credential for ${what}${okta(ctx.body)}.` +
        (ctx.authKind === 'ssws'
          ? ' The API token is wrong, expired (tokens lapse after 30 days unused) or revoked. Create a new one under Security → API → Tokens and update the connection.'
          : ' The access token was not accepted. Reconnect; if it repeats, check the service app in the Admin Console.') +
        tail
      );
    case 'E0000006':
      // A change refused is usually a read-only admin (listing works, revoking does not): say so.
      return ctx.method !== 'GET'
        ? `Okta denied ${what}${okta(ctx.body)}: the admin behind this credential may not change authorization servers (a read-only role lets it list tokens, not revoke them).` +
            ' Revoking needs the Super Administrator or API Access Management Administrator role, or a custom role with okta.authzServers.manage.' +
            tail
        : `Okta denied ${what}${okta(ctx.body)}: the admin behind this credential lacks a role for authorization servers.` +
            ' Give it the API Access Management Administrator role (or a custom role with okta.authzServers.read / .manage).' +
            tail;
    case 'E0000007':
      return `Okta could not find what ${what} asks for${okta(ctx.body)}. It was deleted, or the id is wrong; refresh and try again.${tail}`;
    case 'E0000047':
      return (
        `Okta's rate limit stopped ${what}${okta(ctx.body)}` +
        (ctx.retriesSpent ? ` after ${ctx.retriesSpent} waits for the limit to reset` : '') +
        `. Try again${ctx.resetAt ? ` after ${ctx.resetAt.toISOString().slice(11, 19)} UTC` : ' in a minute'}, or lower the concurrency setting; other apps may share this org's limits.${tail}`
      );
    case 'E0000015':
      return `Okta says the feature behind ${what} is not enabled for this org${okta(ctx.body)}. Custom authorization servers need API Access Management.${tail}`;
  }
  if (ctx.oauthError) {
    return describeOAuthError(ctx.oauthError, `${what}`) + tail;
  }
  if (ctx.status === 401) {
    return `Okta answered 401 Unauthorized to ${what}${okta(ctx.body)}. The credential was not accepted; check it and reconnect.${tail}`;
  }
  if (ctx.status === 403) {
    return `Okta answered 403 Forbidden to ${what}${okta(ctx.body)}. The credential lacks a role or scope for this action.${tail}`;
  }
  if (ctx.status === 404) {
    return `Okta answered 404 Not Found to ${what}${okta(ctx.body)}. Check the org URL and that the resource still exists.${tail}`;
  }
  if (ctx.status === 429) {
    return `Okta kept answering 429 Too Many Requests to ${what}. Wait a minute and try again, or lower the concurrency setting.${tail}`;
  }
  if (ctx.status >= 500) {
    const html = ctx.contentType?.includes('html')
      ? ' with an HTML page instead of JSON (likely a proxy or gateway)'
      : '';
    return `${ctx.host} answered ${ctx.status}${html} to ${what}${okta(ctx.body)}. This is a server-side problem; try again shortly, and check status.okta.com if it persists.${tail}`;
  }
  return `Okta answered ${ctx.status} to ${what}${okta(ctx.body)}.${tail}`;
}

/** The message for an `{error, error_description}` answer from an OAuth endpoint such as /oauth2/v1/token. */
export function describeOAuthError(e: { error: string; description?: string }, where: string): string {
  const said = `${e.error}${e.description ? `: ${e.description}` : ''}`;
  switch (e.error) {
    case 'invalid_client':
      if (/expired|issued.at|\biat\b|in the future|not yet valid|\bnbf\b/i.test(e.description ?? ''))
        return `Okta rejected the service app's client assertion as expired or not yet valid at ${where} (${said}). The assertion is signed with this machine's time, valid for 5 minutes: check that the clock is set correctly (automatic time sync), then try again.`;
      return `Okta rejected the service app's client assertion at ${where} (${said}). Check the client id, that this key's public half is registered on the app (and its key id), and that the app uses private_key_jwt.`;
    case 'invalid_scope':
      return `Okta refused the requested scopes at ${where} (${said}). Grant okta.authorizationServers.read and .manage to the service app on its "Okta API Scopes" tab.`;
    case 'consent_required':
      return `Okta refused the requested scopes at ${where} (${said}). The scopes were never granted to the service app; grant them on its "Okta API Scopes" tab.`;
    case 'unauthorized_client':
      return `Okta will not issue tokens to this app at ${where} (${said}). It must be an API Services app with the client_credentials grant.`;
    case 'invalid_dpop_proof':
      return `Okta rejected the DPoP proof at ${where} (${said}). Check that this machine's clock is correct, then reconnect.`;
    default:
      return `Okta refused the token request at ${where} (${said}).`;
  }
}

/** Node/undici error codes that mean the TLS layer failed. */
const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);

function codeOf(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === 'object'; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET' && code !== 'UND_ERR') return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  const top = (e as { code?: unknown } | undefined)?.code;
  return typeof top === 'string' ? top : undefined;
}

/**
 * Turns a transport failure (DNS, refused, reset, TLS, timeout) into an OktaError. `sent` says whether
 * the request may have reached the server, which decides whether a revoke's outcome is unknown.
 */
export function describeTransportError(
  e: unknown,
  ctx: { method: string; path: string; host: string; timeoutMs: number; sent: boolean },
): OktaError {
  const code = codeOf(e) ?? '';
  const what = `${ctx.method} ${ctx.path}`;
  const base = { method: ctx.method, path: ctx.path, cause: e };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new OktaError({
      ...base,
      kind: 'dns',
      retryable: code === 'EAI_AGAIN',
      message: `Could not find the host ${ctx.host} (DNS lookup failed, ${code}). Check the org URL for typos, and your network or VPN.`,
    });
  }
  if (TLS_CODES.has(code) || /certificate|SSL|TLS/i.test(String((e as Error)?.message ?? ''))) {
    return new OktaError({
      ...base,
      kind: 'tls',
      message: `Could not make a secure connection to ${ctx.host} (${code || 'TLS error'}). If a proxy inspects TLS on your network, point NODE_EXTRA_CA_CERTS at its CA certificate; otherwise check the org URL.`,
    });
  }
  if (code === 'ECONNREFUSED') {
    return new OktaError({
      ...base,
      kind: 'network',
      retryable: true,
      message: `${ctx.host} refused the connection for ${what} (ECONNREFUSED). Check the org URL and port, and any proxy settings.`,
    });
  }
  if (
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT' ||
    code === 'TimeoutError'
  ) {
    return new OktaError({
      ...base,
      kind: 'timeout',
      retryable: true,
      outcomeUnknown: ctx.sent && code !== 'UND_ERR_CONNECT_TIMEOUT',
      message: `${ctx.host} did not answer ${what} within ${Math.round(ctx.timeoutMs / 1000)} s. The org or the network is slow; try again, or raise the timeout setting.`,
    });
  }
  return new OktaError({
    ...base,
    kind: 'network',
    retryable: true,
    outcomeUnknown: ctx.sent,
    message: `The connection to ${ctx.host} failed during ${what} (${code || (e as Error)?.message || 'connection error'}). Check your network, VPN or proxy and try again.`,
  });
}

/** A cancelled call; `inFlight` marks one whose request had already gone out, so its effect is unknown. */
export function abortedError(method: string, path: string, reason?: unknown, inFlight = false): OktaError {
  return new OktaError({
    kind: 'aborted',
    method,
    path,
    cause: reason,
    outcomeUnknown: inFlight && method !== 'GET',
    message:
      inFlight && method !== 'GET'
        ? `${method} ${path} was cancelled after it was sent; Okta may or may not have carried it out.`
        : `${method} ${path} was cancelled.`,
  });
}
