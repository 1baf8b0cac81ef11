// The org authorization server's token endpoint (POST /oauth2/v1/token) for API service apps:
// client_credentials with private_key_jwt, granted Okta API scopes, optional DPoP binding with the
// use_dpop_nonce round trip. Also the store of access tokens the /api/v1 auth checks against.
import {
  createLocalJWKSet,
  decodeJwt,
  errors as joseErrors,
  jwtVerify,
  type JWK,
  type JSONWebKeySet,
} from 'jose';
import { randomBytes } from 'node:crypto';
import { DpopError, ReplayCache, verifyProof } from './dpop';
import { json, oauthError, type Reply } from './http';

export interface ServiceApp {
  clientId: string;
  /** The registered public key(s): one JWK, an array, or a JWKS `{ keys }`. */
  jwks: JWK | JWK[] | JSONWebKeySet;
  /** Okta API scopes granted to the app. */
  scopes: string[];
  /** "Require DPoP header in token requests" (settings.oauthClient.dpop_bound_access_tokens). */
  requireDpop?: boolean;
  /** false: the app has no admin role, so every API call is 403 E0000006 (default true). */
  adminRole?: boolean;
}

export interface IssuedToken {
  clientId: string;
  scopes: string[];
  expiresAt: number;
  /** JWK thumbprint of the DPoP key the token is bound to (cnf.jkt). */
  jkt?: string;
  adminRole: boolean;
}

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** Client-assertion algorithms the org's token endpoint accepts (also advertised in its metadata). */
export const ASSERTION_ALGS = ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512'];
/** Okta rejects client assertions that expire more than an hour ahead. */
const MAX_ASSERTION_LIFETIME_S = 3600;
/** Server nonces stay valid this long (Okta: renewed daily, accepted for 3 days). */
const NONCE_TTL_MS = 3 * 24 * 3600_000;

function keySet(jwks: ServiceApp['jwks']): JSONWebKeySet {
  if (Array.isArray(jwks)) return { keys: jwks };
  if ('keys' in jwks && Array.isArray(jwks.keys)) return jwks as JSONWebKeySet;
  return { keys: [jwks as JWK] };
}

export class OAuthServer {
  private readonly apps = new Map<string, ServiceApp>();
  private readonly issued = new Map<string, IssuedToken>();
  private readonly nonces = new Map<string, number>();
  private readonly assertionJtis = new ReplayCache(2 * MAX_ASSERTION_LIFETIME_S * 1000);
  readonly proofJtis = new ReplayCache(10 * 60_000);
  tokensIssued = 0;

  constructor(
    private readonly origin: string,
    apps: ServiceApp[],
    private readonly accessTokenTtlSeconds = 3600,
  ) {
    for (const app of apps) this.apps.set(app.clientId, app);
  }

  get tokenEndpoint(): string {
    return `${this.origin}/oauth2/v1/token`;
  }

  lookup(accessToken: string): IssuedToken | undefined {
    return this.issued.get(accessToken);
  }

  /** Mints a token without the JWT round trip, for tests of the /api/v1 side (e.g. expired tokens). */
  mint(token: Omit<IssuedToken, 'adminRole'> & { adminRole?: boolean }): string {
    const value = randomBytes(32).toString('base64url');
    this.issued.set(value, { adminRole: true, ...token });
    return value;
  }

  private newNonce(): string {
    const n = randomBytes(24).toString('base64url');
    this.nonces.set(n, Date.now() + NONCE_TTL_MS);
    return n;
  }

  private nonceValid(n: string | undefined): boolean {
    if (!n) return false;
    const exp = this.nonces.get(n);
    return exp !== undefined && exp > Date.now();
  }

  async handleToken(form: URLSearchParams, dpopHeader: string | undefined): Promise<Reply> {
    const grant = form.get('grant_type');
    if (!grant)
      return oauthError(400, 'invalid_request', 'The request is missing a required parameter: grant_type.');
    if (grant !== 'client_credentials') {
      return oauthError(
        400,
        'unsupported_grant_type',
        `The authorization grant type is not supported by the authorization server: ${grant}.`,
      );
    }
    const assertion = form.get('client_assertion');
    if (form.get('client_assertion_type') !== ASSERTION_TYPE || !assertion) {
      return oauthError(
        401,
        'invalid_client',
        'Client authentication failed: client_credentials requests to the org authorization server must use private_key_jwt (unsupported_auth_method_client_creds).',
      );
    }
    let claims: ReturnType<typeof decodeJwt>;
    try {
      claims = decodeJwt(assertion);
    } catch {
      return oauthError(401, 'invalid_client', 'The client_assertion is not a well-formed JWT.');
    }
    const clientId = typeof claims.iss === 'string' ? claims.iss : '';
    const app = this.apps.get(clientId);
    if (!app)
      return oauthError(401, 'invalid_client', 'The client_assertion iss does not name a registered client.');
    const formClient = form.get('client_id');
    if (formClient !== null && formClient !== clientId) {
      return oauthError(401, 'invalid_client', 'The client_id does not match the client_assertion iss.');
    }
    try {
      await jwtVerify(assertion, createLocalJWKSet(keySet(app.jwks)), {
        issuer: clientId,
        subject: clientId,
        audience: this.tokenEndpoint,
        algorithms: ASSERTION_ALGS,
        requiredClaims: ['exp'],
      });
    } catch (e) {
      return oauthError(401, 'invalid_client', assertionFailure(e));
    }
    if ((claims.exp as number) > Math.floor(Date.now() / 1000) + MAX_ASSERTION_LIFETIME_S + 60) {
      return oauthError(
        401,
        'invalid_client',
        'The client_assertion expires more than one hour ahead (client_assertion_exp_too_far).',
      );
    }

    let jkt: string | undefined;
    if (app.requireDpop) {
      if (!dpopHeader) {
        return oauthError(
          400,
          'invalid_request',
          'The DPoP proof JWT header is missing; this client requires DPoP-bound access tokens (dpop_proof_required_for_token).',
        );
      }
      try {
        const proof = await verifyProof(dpopHeader, { htm: 'POST', htu: this.tokenEndpoint }, this.proofJtis);
        if (!this.nonceValid(proof.nonce)) {
          return oauthError(400, 'use_dpop_nonce', 'Authorization server requires nonce in DPoP proof.', {
            'dpop-nonce': this.newNonce(),
          });
        }
        jkt = proof.jkt;
      } catch (e) {
        if (e instanceof DpopError)
          return oauthError(400, 'invalid_dpop_proof', `${e.message} (${e.reason})`);
        throw e;
      }
    }

    const requested = (form.get('scope') ?? '').split(' ').filter(Boolean);
    if (requested.length === 0) {
      return oauthError(
        400,
        'invalid_scope',
        "The authorization server resource does not have any configured default scopes, 'scope' must be provided.",
      );
    }
    const notGranted = requested.filter((s) => !app.scopes.includes(s));
    if (notGranted.length > 0) {
      return oauthError(
        400,
        'invalid_scope',
        `The following scopes are not granted to the client: ${notGranted.join(' ')}.`,
      );
    }
    // Replay protection last: a request refused for a missing DPoP nonce may resend the same assertion.
    if (typeof claims.jti === 'string' && !this.assertionJtis.remember(`${clientId}:${claims.jti}`)) {
      return oauthError(
        401,
        'invalid_client',
        'The client_assertion jti was already used (client_assertion_already_used).',
      );
    }

    const accessToken = randomBytes(32).toString('base64url');
    this.issued.set(accessToken, {
      clientId,
      scopes: requested,
      expiresAt: Date.now() + this.accessTokenTtlSeconds * 1000,
      jkt,
      adminRole: app.adminRole !== false,
    });
    this.tokensIssued++;
    return json(
      200,
      {
        token_type: jkt ? 'DPoP' : 'Bearer',
        expires_in: this.accessTokenTtlSeconds,
        access_token: accessToken,
        scope: requested.join(' '),
      },
      { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
    );
  }
}

function assertionFailure(e: unknown): string {
  if (e instanceof joseErrors.JWTExpired)
    return 'The client_assertion token is expired (client_assertion_expired_token).';
  if (e instanceof joseErrors.JWTClaimValidationFailed) {
    if (e.claim === 'aud') {
      return 'The audience in the client_assertion must be the token endpoint of the org authorization server (client_assertion_invalid_audience).';
    }
    return `The client_assertion claim "${e.claim}" is invalid: ${e.reason} (client_assertion_invalid_claims).`;
  }
  if (e instanceof joseErrors.JWSSignatureVerificationFailed || e instanceof joseErrors.JWKSNoMatchingKey) {
    return 'The client_assertion signature does not verify with any registered key of the client (client_assertion_invalid_signature).';
  }
  if (e instanceof joseErrors.JOSEAlgNotAllowed)
    return 'The client_assertion is signed with an unsupported algorithm.';
  return `The client_assertion is invalid: ${(e as Error).message}.`;
}
