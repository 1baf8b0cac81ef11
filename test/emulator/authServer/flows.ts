// The custom authorization servers' OAuth 2.0 flows (`/oauth2/{authServerId}/v1/authorize`, `/token`,
// `/revoke`): authorization code with PKCE (the emulator signs in the user named by `login_hint`,
// without a form), refresh_token with rotation per the app's `rotation_type` and `leeway`, and reuse
// detection. Refresh tokens are the Management API's tokens (`oar…` records added to the org), so a
// token minted here is listed, revoked and logged like the seeded ones. Lifetimes and idle windows
// come from the matching access-policy rule. Where Okta's documentation is silent, the choices are in
// test/emulator/README.md ("Authorization server").
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AppRec, OrgData, TokenRec } from '../data';
import { empty, json, oauthError, type Reply } from '../http';
import type { Routes } from '../routes';
import type { ServerConfig } from '../serverConfig';
import type { SystemLog } from '../systemLog';
import type { AuthServers } from './authServers';
import type { EmulatorClock } from './clock';
import { ReplayCache } from '../dpop';
import { assertionProblem } from './clientKeys';
import { matchRule, type MatchedRule } from './policy';

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** The request facts events need. */
export interface FlowContext {
  requestId: string;
  ip: string;
  userAgent: string;
}

interface CodeGrant {
  serverIdx: number;
  appIdx: number;
  userIdx: number;
  scopes: string[];
  redirectUri: string;
  challenge?: string;
  nonce?: string;
  rule: MatchedRule;
  expiresAt: number;
  authTime: number;
}

/** One sign-in's refresh tokens: a STATIC token, or a ROTATE chain. */
interface Chain {
  serverIdx: number;
  appIdx: number;
  userIdx: number;
  scopes: string[];
  rule: MatchedRule;
  /** The lifetime's end, fixed at sign-in (a rotated token keeps it); Infinity when unlimited. */
  expiresAt: number;
  authTime: number;
  tokens: TokenRec[];
}

interface Issued {
  chain: Chain;
  token: TokenRec;
  /** When a newer token replaced this one (ROTATE). */
  rotatedAt?: number;
}

const CODE_TTL_MS = 300_000;
const MINUTE = 60_000;
const ID_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const INVALID_REFRESH = 'The refresh token is invalid or expired.';
/** Users who cannot sign in. */
const CANNOT_SIGN_IN = new Set(['STAGED', 'PROVISIONED', 'DEPROVISIONED', 'SUSPENDED', 'LOCKED_OUT']);

function oarId(): string {
  const bytes = randomBytes(14);
  let s = 'oar';
  for (const b of bytes) s += ID_ALPHABET[b % ID_ALPHABET.length];
  return `${s}0h7`;
}

/** Only digits, letters and `-._~` (RFC 7636), 43–128 characters. */
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

export class AuthFlows {
  private readonly codes = new Map<string, CodeGrant>();
  /** Refresh token values (what the app holds) → their record. Values are never logged or listed. */
  private readonly issued = new Map<string, Issued>();
  /** Client assertions' jti, so one cannot be used twice (Okta: jti makes an assertion single use). */
  private readonly assertionJtis = new ReplayCache(2 * 3600_000);
  /** Access tokens by jti, with the sign-in chain they came from (revoking the chain ends them too). */
  private readonly accessTokens = new Map<string, { chain?: Chain; exp: number }>();

  constructor(
    private readonly org: OrgData,
    private readonly config: ServerConfig,
    private readonly servers: AuthServers,
    private readonly routes: Routes,
    private readonly log: SystemLog,
    private readonly clock: EmulatorClock,
  ) {}

  /** An app's client secret: derived from the seed, so tests can know it; Okta never returns it on a read. */
  clientSecret(app: AppRec): string {
    return createHash('sha256')
      .update(`${String(this.org.seed)}|client-secret|${app.clientId}`)
      .digest('base64url');
  }

  private event(
    eventType: string,
    ctx: FlowContext,
    more: {
      serverIdx: number;
      appIdx: number;
      userIdx?: number;
      token?: TokenRec;
      grantType?: string;
      failure?: string;
      actorApp?: boolean;
      requestUri: string;
    },
  ): void {
    this.log.record({
      eventType,
      severity: more.failure ? 'WARN' : 'INFO',
      result: more.failure ? 'FAILURE' : 'SUCCESS',
      reason: more.failure,
      actor:
        more.userIdx !== undefined && !more.actorApp
          ? { kind: 'user', userIdx: more.userIdx }
          : { kind: 'app', appIdx: more.appIdx },
      appIdx: more.appIdx,
      userIdx: more.userIdx,
      serverIdxs: [more.serverIdx],
      token: more.token ? this.log.tokenInfo(more.serverIdx, more.appIdx, more.token) : undefined,
      grantType: more.grantType,
      transactionId: ctx.requestId,
      requestUri: more.requestUri,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      published: this.clock.now(),
    });
  }

  // ---- /v1/authorize ---------------------------------------------------------------------------

  authorize(serverIdx: number, query: URLSearchParams, ctx: FlowContext): Reply {
    const clientId = query.get('client_id') ?? '';
    const appIdx = this.org.appIdxOf(clientId);
    if (appIdx === undefined)
      return oauthError(400, 'invalid_client', "Invalid value for 'client_id' parameter.");
    const app = this.org.apps[appIdx];
    const redirectUri = query.get('redirect_uri') ?? '';
    if (!app.redirectUris.includes(redirectUri)) {
      return oauthError(
        400,
        'invalid_request',
        "The 'redirect_uri' parameter must be a Login redirect URI in the client app settings.",
      );
    }
    const state = query.get('state') ?? '';
    const back = (params: Record<string, string>): Reply => {
      const u = new URL(redirectUri);
      for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
      if (state) u.searchParams.set('state', state);
      return empty(302, {
        Location: u.toString(),
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': 'no-store',
      });
    };
    const fail = (error: string, description: string): Reply =>
      back({ error, error_description: description });
    if (!state)
      return fail('invalid_request', "The 'state' parameter is required for authorization requests.");
    if (query.get('response_type') !== 'code')
      return fail(
        'unsupported_response_type',
        'The response type is not supported by the authorization server.',
      );
    const scopes = (query.get('scope') ?? '').split(' ').filter(Boolean);
    const known = new Set(this.org.scopes(serverIdx).map((s) => s.name));
    if (scopes.length === 0 || scopes.some((s) => !known.has(s)))
      return fail('invalid_scope', 'The requested scope is invalid, unknown, or malformed.');
    const challenge = query.get('code_challenge') ?? undefined;
    if (challenge === undefined && app.authMethod === 'none')
      return fail('invalid_request', 'PKCE code challenge is required by the application.');
    if (challenge !== undefined && (query.get('code_challenge_method') ?? 'plain') !== 'S256')
      return fail(
        'invalid_request',
        "PKCE code challenge method is not supported. Only 'S256' is supported.",
      );
    const login = query.get('login_hint');
    const userIdx = login ? this.org.userIdxOf(login) : undefined;
    if (userIdx === undefined)
      return fail(
        'login_required',
        'The emulator signs in only the user named by login_hint, without a form.',
      );
    if (CANNOT_SIGN_IN.has(this.org.users[userIdx].status))
      return fail('access_denied', 'The user cannot sign in.');
    const rule = matchRule(this.config.policies(serverIdx), clientId, 'authorization_code', scopes);
    if (!rule)
      return fail(
        'access_denied',
        'Policy evaluation failed for this request, please check the policy configurations.',
      );
    const now = this.clock.now();
    const code = randomBytes(32).toString('base64url');
    this.codes.set(code, {
      serverIdx,
      appIdx,
      userIdx,
      scopes,
      redirectUri,
      challenge,
      nonce: query.get('nonce') ?? undefined,
      rule,
      expiresAt: now + CODE_TTL_MS,
      authTime: now,
    });
    this.event('app.oauth2.as.authorize.code', ctx, {
      serverIdx,
      appIdx,
      userIdx,
      requestUri: `/oauth2/${this.org.servers[serverIdx].id}/v1/authorize`,
    });
    return back({ code });
  }

  // ---- client authentication ------------------------------------------------------------------

  /** The app a token/revoke request authenticates as, or the OAuth error. */
  private authenticate(
    form: URLSearchParams,
    authorization: string | undefined,
    /** The endpoint's full URL: a client assertion's `aud`. */
    endpoint: string,
  ): { appIdx: number } | Reply {
    let id = form.get('client_id') ?? undefined;
    let secret = form.get('client_secret') ?? undefined;
    const basic = /^Basic\s+(.+)$/i.exec(authorization ?? '');
    if (basic) {
      if (secret !== undefined || form.has('client_assertion'))
        return oauthError(
          401,
          'invalid_request',
          'Cannot supply multiple client credentials. Use one of the following: credentials in the Authorization header, credentials in the post body, or a client_assertion in the post body.',
        );
      const text = Buffer.from(basic[1], 'base64').toString('utf8');
      const at = text.indexOf(':');
      id = decodeURIComponent(text.slice(0, at < 0 ? text.length : at));
      secret = at < 0 ? '' : decodeURIComponent(text.slice(at + 1));
    }
    const assertion = form.get('client_assertion');
    if (assertion !== null) {
      if (secret !== undefined)
        return oauthError(
          401,
          'invalid_request',
          'Cannot supply multiple client credentials. Use one of the following: credentials in the Authorization header, credentials in the post body, or a client_assertion in the post body.',
        );
      if (form.get('client_assertion_type') !== ASSERTION_TYPE)
        return oauthError(400, 'invalid_request', 'The client_assertion_type is not supported.');
      const iss = decodeIss(assertion);
      const appIdx = iss === undefined ? undefined : this.org.appIdxOf(iss);
      if (appIdx === undefined || (id !== undefined && id !== iss))
        return oauthError(401, 'invalid_client', 'The client_assertion iss does not name this client.');
      const app = this.org.apps[appIdx];
      if (app.authMethod !== 'private_key_jwt')
        return oauthError(
          401,
          'invalid_client',
          'Client authentication failed: this client does not use private_key_jwt.',
        );
      // Assertions are signed with the wall clock, whatever the emulator clock says.
      const problem = assertionProblem(this.org, app, assertion, endpoint, Date.now());
      if (problem) return oauthError(401, 'invalid_client', problem);
      const jti = decodeClaims(assertion).jti;
      if (typeof jti === 'string' && !this.assertionJtis.remember(`${app.clientId}:${jti}`))
        return oauthError(
          401,
          'invalid_client',
          'The client_assertion token has already been used (jti replay).',
        );
      return { appIdx };
    }
    if (!id) return oauthError(401, 'invalid_client', 'No client credentials found.');
    const appIdx = this.org.appIdxOf(id);
    if (appIdx === undefined)
      return oauthError(401, 'invalid_client', "Invalid value for 'client_id' parameter.");
    const app = this.org.apps[appIdx];
    if (app.authMethod === 'none') {
      if (secret !== undefined)
        return oauthError(
          401,
          'invalid_client',
          'Client authentication failed. Either the client or the client credentials are invalid.',
        );
      return { appIdx };
    }
    if (app.authMethod === 'private_key_jwt')
      return oauthError(
        401,
        'invalid_client',
        'Client authentication failed: this client authenticates with private_key_jwt (a client_assertion).',
      );
    const want = Buffer.from(this.clientSecret(app));
    const got = Buffer.from(secret ?? '');
    if (got.length !== want.length || !timingSafeEqual(got, want))
      return oauthError(
        401,
        'invalid_client',
        'The client secret supplied for a confidential client is invalid.',
      );
    return { appIdx };
  }

  // ---- /v1/token --------------------------------------------------------------------------------

  token(
    serverIdx: number,
    form: URLSearchParams,
    authorization: string | undefined,
    ctx: FlowContext,
  ): Reply {
    const grant = form.get('grant_type');
    if (!grant)
      return oauthError(400, 'invalid_request', 'The request is missing a required parameter: grant_type.');
    const who = this.authenticate(form, authorization, this.endpoint(serverIdx, 'token'));
    if ('status' in who) return who;
    const app = this.org.apps[who.appIdx];
    if (grant !== 'authorization_code' && grant !== 'refresh_token' && grant !== 'client_credentials') {
      return oauthError(
        400,
        'unsupported_grant_type',
        `The authorization grant type is not supported by the authorization server. Configured grant types: [${app.grantTypes.join(', ')}].`,
      );
    }
    if (!app.grantTypes.includes(grant))
      return oauthError(
        400,
        'unauthorized_client',
        `The client is not authorized to use the provided grant type. Configured grant types: [${app.grantTypes.join(', ')}].`,
      );
    if (grant === 'client_credentials') return this.clientCredentials(serverIdx, who.appIdx, form, ctx);
    return grant === 'authorization_code'
      ? this.exchangeCode(serverIdx, who.appIdx, form, ctx)
      : this.refresh(serverIdx, who.appIdx, form, ctx);
  }

  /** client_credentials: an access token with no user (sub = client_id, no uid); no refresh or ID token. */
  private clientCredentials(
    serverIdx: number,
    appIdx: number,
    form: URLSearchParams,
    ctx: FlowContext,
  ): Reply {
    const scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
    if (scopes.length === 0) return oauthError(400, 'invalid_scope', 'No scopes were requested.');
    if (scopes.includes('openid'))
      return oauthError(400, 'invalid_scope', "Cannot request 'openid' scopes using client credentials.");
    const custom = new Set(
      this.org
        .scopes(serverIdx)
        .filter((s) => !s.system)
        .map((s) => s.name),
    );
    if (scopes.some((s) => !custom.has(s)))
      return oauthError(
        400,
        'invalid_scope',
        'The requested scope is invalid, unknown, malformed, or exceeds the scope granted by the resource owner.',
      );
    const clientId = this.org.apps[appIdx].clientId;
    const rule = matchRule(this.config.policies(serverIdx), clientId, 'client_credentials', scopes);
    if (!rule)
      return oauthError(
        401,
        'access_denied',
        'Policy evaluation failed for this request, please check the policy configurations.',
      );
    const iat = Math.floor(this.clock.now() / 1000);
    const lifetime = rule.accessTokenLifetimeMinutes * 60;
    const accessToken = this.servers.mint({
      serverId: this.org.servers[serverIdx].id,
      kind: 'access',
      clientId,
      userId: null,
      scopes,
      lifetimeSeconds: lifetime,
      issuedAt: iat,
    });
    const jti = decodeJti(accessToken);
    if (jti) this.accessTokens.set(jti, { exp: (iat + lifetime) * 1000 });
    this.event('app.oauth2.as.token.grant.access_token', ctx, {
      serverIdx,
      appIdx,
      grantType: 'client_credentials',
      requestUri: this.tokenUri(serverIdx),
    });
    return json(
      200,
      { token_type: 'Bearer', expires_in: lifetime, access_token: accessToken, scope: scopes.join(' ') },
      { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
    );
  }

  /** An endpoint's full URL (what a client assertion's aud must be). */
  private endpoint(serverIdx: number, what: 'token' | 'revoke' | 'introspect'): string {
    return `${this.servers.issuer(serverIdx)}/v1/${what}`;
  }

  private tokenUri(serverIdx: number): string {
    return `/oauth2/${this.org.servers[serverIdx].id}/v1/token`;
  }

  private exchangeCode(serverIdx: number, appIdx: number, form: URLSearchParams, ctx: FlowContext): Reply {
    const code = form.get('code') ?? '';
    const grant = this.codes.get(code);
    const now = this.clock.now();
    // Every refusal is a failed app.oauth2.as.token.grant with Okta's internal code as the reason.
    const refuse = (error: string, reason: string, description: string): Reply => {
      this.event('app.oauth2.as.token.grant', ctx, {
        serverIdx,
        appIdx,
        userIdx: grant?.userIdx,
        grantType: 'authorization_code',
        failure: reason,
        requestUri: this.tokenUri(serverIdx),
      });
      return oauthError(400, error, description);
    };
    if (!grant || grant.expiresAt <= now || grant.serverIdx !== serverIdx) {
      this.codes.delete(code);
      return refuse(
        'invalid_grant',
        'invalid_authorization_code',
        'The authorization code is invalid or has expired.',
      );
    }
    if (grant.appIdx !== appIdx)
      return refuse(
        'invalid_grant',
        'mismatched_client',
        "The grant was issued to another client. Please make sure the 'client_id' matches the one used at the authorize request.",
      );
    this.codes.delete(code); // single use
    if (form.get('redirect_uri') !== grant.redirectUri)
      return refuse(
        'invalid_grant',
        'mismatched_redirect_uri',
        "The 'redirect_uri' does not match the redirection URI used in the authorization request.",
      );
    const verifier = form.get('code_verifier');
    if (grant.challenge !== undefined) {
      if (!verifier)
        return refuse(
          'invalid_request',
          'pkce_missing_verifier',
          'PKCE code verifier is required by the application.',
        );
      const computed = createHash('sha256').update(verifier).digest('base64url');
      if (!VERIFIER.test(verifier) || computed !== grant.challenge)
        return refuse('invalid_grant', 'pkce_verification_failed', 'PKCE verification failed.');
    } else if (verifier) {
      return refuse(
        'invalid_request',
        'pkce_missing_challenge_verifier_present',
        'PKCE code challenge should be specified in the authorize request for code verification.',
      );
    }
    const app = this.org.apps[appIdx];
    let chain: Chain | undefined;
    let refreshValue: string | undefined;
    if (grant.scopes.includes('offline_access') && app.grantTypes.includes('refresh_token')) {
      const lifetime = grant.rule.refreshTokenLifetimeMinutes;
      chain = {
        serverIdx,
        appIdx,
        userIdx: grant.userIdx,
        scopes: grant.scopes,
        rule: grant.rule,
        expiresAt: lifetime > 0 ? now + lifetime * MINUTE : Infinity,
        authTime: grant.authTime,
        tokens: [],
      };
      refreshValue = this.newRefreshToken(chain, now);
    }
    return this.answer(
      chain,
      {
        serverIdx,
        appIdx,
        userIdx: grant.userIdx,
        scopes: grant.scopes,
        rule: grant.rule,
        nonce: grant.nonce,
        authTime: grant.authTime,
      },
      refreshValue,
      'authorization_code',
      ctx,
    );
  }

  /** Mints a refresh token in a chain: a Management API token record, and the value the app holds. */
  private newRefreshToken(chain: Chain, now: number): string {
    const scopes = this.org.scopes(chain.serverIdx);
    const rec: TokenRec = {
      id: oarId(),
      userIdx: chain.userIdx,
      status: 'ACTIVE',
      created: now,
      lastUpdated: now,
      expiresAt: this.expiry(chain, now),
      scopeIdx: chain.scopes
        .map((s) => scopes.findIndex((x) => x.name === s))
        .filter((i) => i >= 0)
        .sort((a, b) => a - b),
    };
    this.org.addToken(chain.serverIdx, chain.appIdx, rec);
    this.routes.tokensChanged(chain.serverIdx, chain.appIdx);
    chain.tokens.push(rec);
    const value = randomBytes(32).toString('base64url');
    this.issued.set(value, { chain, token: rec });
    return value;
  }

  /** The earlier of the lifetime's end and the idle window's end after `usedAt`. */
  private expiry(chain: Chain, usedAt: number): number {
    const idle = usedAt + chain.rule.refreshTokenWindowMinutes * MINUTE;
    return Math.min(chain.expiresAt, idle);
  }

  /** The token response: a signed access token, an ID token for openid, and the refresh token if any. */
  private answer(
    chain: Chain | undefined,
    s: {
      serverIdx: number;
      appIdx: number;
      userIdx: number;
      scopes: string[];
      rule: MatchedRule;
      nonce?: string;
      authTime: number;
    },
    refreshValue: string | undefined,
    grantType: string,
    ctx: FlowContext,
    rotated = true,
  ): Reply {
    const now = this.clock.now();
    const iat = Math.floor(now / 1000);
    const serverId = this.org.servers[s.serverIdx].id;
    const clientId = this.org.apps[s.appIdx].clientId;
    const userId = this.org.users[s.userIdx].id;
    const lifetime = s.rule.accessTokenLifetimeMinutes * 60;
    const accessToken = this.servers.mint({
      serverId,
      kind: 'access',
      clientId,
      userId,
      scopes: s.scopes,
      lifetimeSeconds: lifetime,
      issuedAt: iat,
      claims: { auth_time: Math.floor(s.authTime / 1000) },
    });
    const jti = decodeJti(accessToken);
    if (jti) this.accessTokens.set(jti, { chain, exp: (iat + lifetime) * 1000 });
    const body: Record<string, unknown> = {
      token_type: 'Bearer',
      expires_in: lifetime,
      access_token: accessToken,
      scope: s.scopes.join(' '),
    };
    const base = {
      serverIdx: s.serverIdx,
      appIdx: s.appIdx,
      userIdx: s.userIdx,
      grantType,
      requestUri: this.tokenUri(s.serverIdx),
    };
    this.event('app.oauth2.as.token.grant.access_token', ctx, base);
    if (refreshValue) {
      body.refresh_token = refreshValue;
      if (rotated && chain)
        this.event('app.oauth2.as.token.grant.refresh_token', ctx, {
          ...base,
          token: chain.tokens[chain.tokens.length - 1],
        });
    }
    if (s.scopes.includes('openid')) {
      body.id_token = this.servers.mint({
        serverId,
        kind: 'id',
        clientId,
        userId,
        lifetimeSeconds: 3600,
        issuedAt: iat,
        claims: { auth_time: Math.floor(s.authTime / 1000), ...(s.nonce ? { nonce: s.nonce } : {}) },
      });
      this.event('app.oauth2.as.token.grant.id_token', ctx, base);
    }
    return json(200, body, { 'Cache-Control': 'no-store', Pragma: 'no-cache' });
  }

  private refresh(serverIdx: number, appIdx: number, form: URLSearchParams, ctx: FlowContext): Reply {
    const value = form.get('refresh_token') ?? '';
    const hit = this.issued.get(value);
    const now = this.clock.now();
    const requestUri = this.tokenUri(serverIdx);
    const invalid = (userIdx?: number, token?: TokenRec): Reply => {
      // Okta support's recipe for invalid_grant: app.oauth2.as.token.grant with outcome.reason invalid_refresh_token.
      this.event('app.oauth2.as.token.grant', ctx, {
        serverIdx,
        appIdx,
        userIdx,
        token,
        grantType: 'refresh_token',
        failure: 'invalid_refresh_token',
        requestUri,
      });
      return oauthError(400, 'invalid_grant', INVALID_REFRESH);
    };
    if (!hit || hit.chain.serverIdx !== serverIdx || hit.chain.appIdx !== appIdx) return invalid();
    const { chain, token } = hit;
    const app = this.org.apps[appIdx];
    if (hit.rotatedAt !== undefined && now > hit.rotatedAt + app.leeway * 1000) {
      // Reuse outside the leeway: the chain's live tokens are revoked and the reuse logged (Okta's refresh-token guide).
      this.revokeChain(chain, now);
      this.event('app.oauth2.as.token.detect_reuse', ctx, {
        serverIdx,
        appIdx,
        userIdx: chain.userIdx,
        token,
        grantType: 'refresh_token',
        failure: 'refresh_token_reuse_detected',
        requestUri,
      });
      return invalid(chain.userIdx, token);
    }
    const inLeeway = hit.rotatedAt !== undefined;
    if (!inLeeway && (token.status === 'REVOKED' || token.expiresAt <= now))
      return invalid(chain.userIdx, token);
    if (inLeeway && chain.tokens.every((t) => t.status === 'REVOKED')) return invalid(chain.userIdx, token);
    const asked = (form.get('scope') ?? '').split(' ').filter(Boolean);
    if (asked.some((s) => !chain.scopes.includes(s)))
      return oauthError(
        400,
        'access_denied',
        'The requested scopes are not a subset of the scopes granted to the refresh token.',
      );
    const scopes = asked.length ? asked : chain.scopes;
    const answerFor = {
      serverIdx,
      appIdx,
      userIdx: chain.userIdx,
      scopes,
      rule: chain.rule,
      authTime: chain.authTime,
    };
    if (app.rotationType === 'STATIC') {
      // The same token again; its idle window starts over (without going past its lifetime).
      token.expiresAt = this.expiry(chain, now);
      this.routes.tokensChanged(serverIdx, appIdx);
      return this.answer(chain, answerFor, value, 'refresh_token', ctx, false);
    }
    // ROTATE: a new token in the chain; the used one is invalidated once the new one is issued, but stays
    // usable for `leeway` seconds (a retry in that time gets another new token).
    const next = this.newRefreshToken(chain, now);
    if (hit.rotatedAt === undefined) {
      hit.rotatedAt = now;
      if (token.status === 'ACTIVE') {
        token.status = 'REVOKED';
        token.lastUpdated = Math.max(now, token.lastUpdated + 1);
      }
      this.routes.tokensChanged(serverIdx, appIdx);
    }
    return this.answer(chain, answerFor, next, 'refresh_token', ctx);
  }

  private revokeChain(chain: Chain, now: number): void {
    for (const t of chain.tokens)
      if (t.status === 'ACTIVE') {
        t.status = 'REVOKED';
        t.lastUpdated = Math.max(now, t.lastUpdated + 1);
      }
    for (const [value, entry] of this.issued) if (entry.chain === chain) this.issued.delete(value);
    this.routes.tokensChanged(chain.serverIdx, chain.appIdx);
  }

  // ---- /v1/introspect -------------------------------------------------------------------------

  /**
   * Whether a token is active, for the client it was issued to (whether another client may introspect it
   * is not documented; the emulator says inactive). Inactive, expired and revoked tokens give only
   * `{"active": false}`. An access token is inactive once its sign-in's refresh tokens are all revoked.
   */
  introspect(
    serverIdx: number,
    form: URLSearchParams,
    query: URLSearchParams,
    authorization: string | undefined,
  ): Reply {
    // A public client sends client_id in the query string (Okta's OAuth spec).
    const creds = new URLSearchParams(form);
    const queryClient = query.get('client_id');
    if (!creds.has('client_id') && queryClient) creds.set('client_id', queryClient);
    const who = this.authenticate(creds, authorization, this.endpoint(serverIdx, 'introspect'));
    if ('status' in who) return who;
    const value = form.get('token');
    if (!value) return oauthError(400, 'invalid_request', 'The `token` parameter is required.');
    const now = this.clock.now();
    const noStore = { 'Cache-Control': 'no-store' };
    const inactive = json(200, { active: false }, noStore);
    const refresh = this.issued.get(value);
    if (refresh) {
      const { chain, token } = refresh;
      const usable = token.status === 'ACTIVE' && token.expiresAt > now;
      if (!usable || chain.appIdx !== who.appIdx || chain.serverIdx !== serverIdx) return inactive;
      const user = this.org.users[chain.userIdx];
      return json(
        200,
        {
          active: true,
          token_type: 'refresh_token',
          scope: chain.scopes.join(' '),
          client_id: this.org.apps[chain.appIdx].clientId,
          username: user.login,
          exp: Math.floor(token.expiresAt / 1000),
          sub: user.login,
          uid: user.id,
        },
        noStore,
      );
    }
    const jti = decodeJti(value);
    const access = jti ? this.accessTokens.get(jti) : undefined;
    if (!access || access.exp <= now) return inactive;
    if (access.chain && access.chain.tokens.every((t) => t.status === 'REVOKED')) return inactive;
    const claims = decodeClaims(value);
    if (claims.cid !== this.org.apps[who.appIdx].clientId || claims.iss !== this.servers.issuer(serverIdx))
      return inactive;
    return json(
      200,
      {
        active: true,
        token_type: 'Bearer',
        scope: Array.isArray(claims.scp) ? claims.scp.join(' ') : '',
        client_id: claims.cid,
        username: claims.sub,
        exp: claims.exp,
        iat: claims.iat,
        sub: claims.sub,
        aud: claims.aud,
        iss: claims.iss,
        jti: claims.jti,
        ...(claims.uid ? { uid: claims.uid } : {}),
      },
      noStore,
    );
  }

  // ---- /v1/revoke -----------------------------------------------------------------------------

  /** Okta answers 200 with no body, even for unknown, expired or already revoked tokens. */
  revoke(
    serverIdx: number,
    form: URLSearchParams,
    authorization: string | undefined,
    ctx: FlowContext,
  ): Reply {
    const who = this.authenticate(form, authorization, this.endpoint(serverIdx, 'revoke'));
    if ('status' in who) return who;
    const value = form.get('token');
    if (!value) return oauthError(400, 'invalid_request', 'The `token` parameter is required.');
    const hit = this.issued.get(value);
    // A client may revoke only its own tokens; others' are ignored like unknown ones.
    if (hit && hit.chain.appIdx === who.appIdx && hit.chain.serverIdx === serverIdx) {
      const now = this.clock.now();
      if (hit.token.status === 'ACTIVE') {
        hit.token.status = 'REVOKED';
        hit.token.lastUpdated = Math.max(now, hit.token.lastUpdated + 1);
        this.routes.tokensChanged(serverIdx, who.appIdx);
      }
      this.issued.delete(value);
      this.event('app.oauth2.as.token.revoke', ctx, {
        serverIdx,
        appIdx: who.appIdx,
        userIdx: hit.chain.userIdx,
        token: hit.token,
        actorApp: true,
        requestUri: `/oauth2/${this.org.servers[serverIdx].id}/v1/revoke`,
      });
    }
    return { status: 200, headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' }, body: '' };
  }
}

function decodeClaims(jwt: string): Record<string, unknown> {
  try {
    return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
  } catch {
    return {};
  }
}

function decodeIss(jwt: string): string | undefined {
  const iss = decodeClaims(jwt).iss;
  return typeof iss === 'string' ? iss : undefined;
}

function decodeJti(jwt: string): string | undefined {
  const jti = decodeClaims(jwt).jti;
  return typeof jti === 'string' ? jti : undefined;
}

export type FlowEndpoint = 'authorize' | 'token' | 'revoke' | 'introspect';

/** `/oauth2/{authServerId}/v1/{authorize|token|revoke|introspect}` for a custom server; undefined otherwise. */
export function flowPath(path: string): { serverId: string; what: FlowEndpoint } | undefined {
  const m = /^\/oauth2\/([^/]+)\/v1\/(authorize|token|revoke|introspect)$/.exec(path);
  if (!m || m[1] === 'v1') return undefined;
  let serverId: string;
  try {
    serverId = decodeURIComponent(m[1]);
  } catch {
    serverId = m[1];
  }
  return { serverId, what: m[2] as FlowEndpoint };
}
