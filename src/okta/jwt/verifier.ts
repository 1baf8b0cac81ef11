// Verifying a JWT against the keys of the Okta org it claims to come from. Only an issuer of this
// org — the org authorization server (iss = the org URL) or one of its custom servers (iss =
// <org>/oauth2/<id>) — is ever contacted: its discovery document gives the JWKS URL, the JWKS is
// cached per issuer and fetched again once when a token names a kid it does not hold (keys rotate).
// Any other issuer is decoded only, with no request at all: a token never leaves the machine except
// to the org it belongs to. Tokens are never logged or kept; only the issuers' public keys are cached.
import { decodeJwt, numericDate, type DecodedJwt } from './decode';
import { algProblem, checkSignature, type PublicJwk } from './signature';

export type Issuer = { kind: 'org'; url: string } | { kind: 'custom'; url: string; serverId: string };

/** Whether `iss` is this org's org server or one of its custom servers; undefined for anyone else. */
export function issuerOf(iss: unknown, orgUrl: URL): Issuer | undefined {
  if (typeof iss !== 'string') return undefined;
  let u: URL;
  try {
    u = new URL(iss);
  } catch {
    return undefined;
  }
  if (u.origin !== orgUrl.origin || u.search || u.hash || u.username || u.password) return undefined;
  if (u.pathname === '/' || u.pathname === '') return { kind: 'org', url: iss };
  const m = /^\/oauth2\/([^/]+)$/.exec(u.pathname);
  if (!m || m[1] === 'v1') return undefined;
  let serverId: string;
  try {
    serverId = decodeURIComponent(m[1]);
  } catch {
    return undefined;
  }
  return { kind: 'custom', url: iss, serverId };
}

export type VerdictKind =
  | 'valid'
  | 'bad-signature'
  | 'unknown-key'
  | 'expired'
  | 'not-yet-valid'
  | 'wrong-audience'
  | 'wrong-issuer'
  | 'org-access-token'
  | 'foreign-issuer'
  | 'unsupported-alg'
  | 'keys-unavailable'
  | 'malformed';

export interface Verdict {
  kind: VerdictKind;
  /** True only for 'valid'. */
  valid: boolean;
  /** One English sentence naming the problem (the CLI prints it; the extension words its own). */
  message: string;
  issuer?: Issuer;
  kid?: string;
  /** The audiences the server accepts, when they were known (a valid verdict without them did not check aud). */
  expectedAudiences?: string[];
  /** For unusable keys, fetch failures, unsupported algorithms: what exactly went wrong. */
  detail?: string;
  /** Whether any request was made to reach this verdict (false: decided from cache or without the network). */
  usedNetwork: boolean;
}

export interface JwtVerifierOptions {
  orgUrl: URL | string;
  /** A GET of public JSON on the org (discovery, keys): no credentials. Rejects with a readable Error. */
  fetchJson: (url: URL, signal?: AbortSignal) => Promise<unknown>;
  /** Epoch ms; default Date.now. */
  now?: () => number;
  /**
   * A custom server's audiences when they can be known (the tree's data, a Management API lookup);
   * undefined leaves aud unchecked and says so.
   */
  audiencesOf?: (
    serverId: string,
    signal?: AbortSignal,
  ) => Promise<string[] | undefined> | string[] | undefined;
  /** A kid still missing after a fetch is not fetched for again within this long (default 60 s). */
  unknownKidRetryMs?: number;
}

/** How long a failed key fetch is remembered before an issuer is asked again. */
const FAILURE_TTL_MS = 30_000;

/** Clock skew allowed on nbf and iat (exp is strict: a token expired a second ago is expired). */
const SKEW_S = 60;

interface IssuerKeys {
  jwksUri: URL;
  keys: PublicJwk[];
  fetchedAt: number;
  /** kid → when a fetch last failed to find it. */
  missing: Map<string, number>;
}

function isAccessToken(claims: Record<string, unknown>): boolean {
  // Okta access tokens carry cid and scp and a jti "AT.…"; ID tokens carry none of these.
  return (
    typeof claims.cid === 'string' ||
    'scp' in claims ||
    (typeof claims.jti === 'string' && claims.jti.startsWith('AT.'))
  );
}

function audiences(claims: Record<string, unknown>): string[] {
  const aud = claims.aud;
  if (typeof aud === 'string') return [aud];
  return Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : [];
}

function ago(seconds: number): string {
  const s = Math.abs(Math.round(seconds));
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172_800) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86_400)} days`;
}

export class JwtVerifier {
  readonly orgUrl: URL;
  private readonly cache = new Map<string, IssuerKeys>();
  private readonly inflight = new Map<string, Promise<IssuerKeys>>();
  private readonly failures = new Map<string, { at: number; detail: string }>();

  constructor(private readonly opts: JwtVerifierOptions) {
    this.orgUrl = new URL(typeof opts.orgUrl === 'string' ? opts.orgUrl : opts.orgUrl.href);
  }

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }

  /** Whether this issuer's keys are cached (a verdict then needs no request unless the kid is new). */
  hasKeysFor(issuer: string): boolean {
    return this.cache.has(issuer);
  }

  /** Forgets cached keys (all issuers, or one). */
  clear(issuer?: string): void {
    if (issuer === undefined) {
      this.cache.clear();
      this.failures.clear();
    } else {
      this.cache.delete(issuer);
      this.failures.delete(issuer);
    }
  }

  /**
   * The verdict on a token (text or already decoded). Never throws: a token that cannot be read, an
   * org that cannot be reached or a key that cannot be used each come back as a verdict saying so.
   */
  async verify(token: string | DecodedJwt, opts: { signal?: AbortSignal } = {}): Promise<Verdict> {
    let jwt: DecodedJwt;
    if (typeof token === 'string') {
      const d = decodeJwt(token);
      if (!d.ok) return { kind: 'malformed', valid: false, message: d.reason, usedNetwork: false };
      jwt = d.jwt;
    } else jwt = token;
    const { claims } = jwt;
    const issuer = issuerOf(claims.iss, this.orgUrl);
    if (!issuer) {
      return {
        kind: 'foreign-issuer',
        valid: false,
        usedNetwork: false,
        message:
          typeof claims.iss === 'string'
            ? `Decoded only: the issuer ${claims.iss} is not ${this.orgUrl.origin} or one of its authorization servers, so its keys were not fetched and the signature is not checked.`
            : `Decoded only: the token names no issuer (iss), so there are no keys to check its signature against.`,
      };
    }
    const base = { issuer, kid: jwt.kid };
    if (issuer.kind === 'org' && isAccessToken(claims)) {
      return {
        ...base,
        kind: 'org-access-token',
        valid: false,
        usedNetwork: false,
        message:
          'An access token from the org authorization server cannot be validated locally: Okta issues those for its own APIs, does not support validating them with the published keys, and only Okta can check them (send them to Okta, e.g. its introspect endpoint). Tokens for your own APIs come from a custom authorization server.',
      };
    }
    const unsupported = algProblem(jwt.alg);
    if (unsupported)
      return {
        ...base,
        kind: 'unsupported-alg',
        valid: false,
        usedNetwork: false,
        detail: unsupported,
        message: `The signature cannot be checked: ${unsupported}.`,
      };

    let usedNetwork = false;
    let refetched = false;
    let keys: IssuerKeys;
    // A fetch that just failed is not repeated for a while: a hover held over a token of an org that is
    // down answers at once instead of waiting out the timeout each time.
    const failed = this.failures.get(issuer.url);
    if (failed && this.now() - failed.at < FAILURE_TTL_MS && !this.cache.has(issuer.url))
      return {
        ...base,
        kind: 'keys-unavailable',
        valid: false,
        usedNetwork: false,
        detail: failed.detail,
        message: `The signature could not be checked: the keys of ${issuer.url} could not be fetched (${failed.detail}).`,
      };
    try {
      let cached = this.cache.get(issuer.url);
      if (!cached) {
        usedNetwork = true;
        cached = await this.load(issuer.url, opts.signal);
      }
      keys = cached;
      if (!this.findKey(keys, jwt) && jwt.kid !== undefined) {
        // A kid the cached JWKS lacks: the server may have rotated since. Fetch once more, unless this
        // kid was just looked for and missing (a hover repeated over an old token stays offline).
        const missedAt = keys.missing.get(jwt.kid);
        if (missedAt === undefined || this.now() - missedAt > (this.opts.unknownKidRetryMs ?? 60_000)) {
          usedNetwork = true;
          refetched = true;
          keys = await this.load(issuer.url, opts.signal, keys.jwksUri);
          if (!this.findKey(keys, jwt)) keys.missing.set(jwt.kid, this.now());
        }
      }
    } catch (e) {
      if (e instanceof WrongIssuerError)
        return { ...base, kind: 'wrong-issuer', valid: false, usedNetwork: true, message: e.message };
      const detail = e instanceof Error ? e.message : String(e);
      if (!opts.signal?.aborted) this.failures.set(issuer.url, { at: this.now(), detail });
      return {
        ...base,
        kind: 'keys-unavailable',
        valid: false,
        usedNetwork: true,
        detail,
        message: `The signature could not be checked: the keys of ${issuer.url} could not be fetched (${detail}).`,
      };
    }
    const key = this.findKey(keys, jwt);
    if (!key) {
      return {
        ...base,
        kind: 'unknown-key',
        valid: false,
        usedNetwork,
        message: `Unknown signing key: ${jwt.kid === undefined ? 'the token names no kid and the issuer has several keys' : `kid ${jwt.kid} is not among the keys ${issuer.url} publishes now`}${refetched ? ' (fetched again to be sure)' : ''}. It may have been rotated out, or the token was signed by another server.`,
      };
    }
    const sig = checkSignature(jwt.alg, key, jwt.signingInput, jwt.signature);
    if (!sig.ok) {
      if (sig.problem === 'bad-signature')
        return {
          ...base,
          kind: 'bad-signature',
          valid: false,
          usedNetwork,
          message: `Bad signature: the token does not match the signature made with key ${key.kid ?? ''} of ${issuer.url}; it was altered or signed by someone else. Do not trust its claims.`,
        };
      return {
        ...base,
        kind: 'unsupported-alg',
        valid: false,
        usedNetwork,
        detail: sig.reason,
        message: `The signature cannot be checked: ${sig.reason}.`,
      };
    }

    const nowS = this.now() / 1000;
    const exp = numericDate(claims, 'exp');
    if (exp !== undefined && exp <= nowS)
      return {
        ...base,
        kind: 'expired',
        valid: false,
        usedNetwork,
        message: `Expired: the signature is good, but the token expired ${ago(nowS - exp)} ago (exp ${new Date(exp * 1000).toISOString()}).`,
      };
    const nbf = numericDate(claims, 'nbf');
    const iat = numericDate(claims, 'iat');
    const early =
      nbf !== undefined && nbf > nowS + SKEW_S
        ? nbf
        : iat !== undefined && iat > nowS + SKEW_S
          ? iat
          : undefined;
    if (early !== undefined)
      return {
        ...base,
        kind: 'not-yet-valid',
        valid: false,
        usedNetwork,
        message: `Not yet valid: the signature is good, but the token is valid only from ${new Date(early * 1000).toISOString()} (in ${ago(early - nowS)}); check this machine's clock.`,
      };

    let expectedAudiences: string[] | undefined;
    if (issuer.kind === 'custom' && isAccessToken(claims) && this.opts.audiencesOf) {
      try {
        expectedAudiences = await this.opts.audiencesOf(issuer.serverId, opts.signal);
      } catch {
        expectedAudiences = undefined;
      }
      if (expectedAudiences && !audiences(claims).some((a) => expectedAudiences!.includes(a)))
        return {
          ...base,
          kind: 'wrong-audience',
          valid: false,
          usedNetwork,
          expectedAudiences,
          message: `Audience not the server's: the token is for ${JSON.stringify(claims.aud)}, but ${issuer.serverId} issues tokens for ${expectedAudiences.join(', ')}. An API expecting this server's audience will reject it.`,
        };
    }
    return {
      ...base,
      kind: 'valid',
      valid: true,
      usedNetwork,
      expectedAudiences,
      message: `Valid: signed by ${issuer.url} with key ${key.kid ?? ''}, not expired${expectedAudiences ? ', audience the server’s' : ''}.`,
    };
  }

  private findKey(keys: IssuerKeys, jwt: DecodedJwt): PublicJwk | undefined {
    const usable = keys.keys.filter((k) => k.use === undefined || k.use === 'sig');
    if (jwt.kid !== undefined) return usable.find((k) => k.kid === jwt.kid);
    return usable.length === 1 ? usable[0] : undefined;
  }

  /** Discovery (first time) then the JWKS; concurrent callers for one issuer share one fetch. */
  private load(issuer: string, signal: AbortSignal | undefined, jwksUri?: URL): Promise<IssuerKeys> {
    const running = this.inflight.get(issuer);
    if (running) return running;
    const p = (async () => {
      const uri = jwksUri ?? (await this.discover(issuer, signal));
      const body = await this.opts.fetchJson(uri, signal);
      const keys = (body as { keys?: unknown } | null)?.keys;
      if (!Array.isArray(keys)) throw new Error(`${uri.href} did not answer with a key set (no "keys" list)`);
      const entry: IssuerKeys = {
        jwksUri: uri,
        keys: keys.filter((k): k is PublicJwk => k !== null && typeof k === 'object' && !Array.isArray(k)),
        fetchedAt: this.now(),
        missing: this.cache.get(issuer)?.missing ?? new Map(),
      };
      this.cache.set(issuer, entry);
      this.failures.delete(issuer);
      return entry;
    })();
    this.inflight.set(issuer, p);
    return p.finally(() => this.inflight.delete(issuer));
  }

  private async discover(issuer: string, signal?: AbortSignal): Promise<URL> {
    const url = new URL(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
    const doc = (await this.opts.fetchJson(url, signal)) as { issuer?: unknown; jwks_uri?: unknown } | null;
    if (!doc || typeof doc !== 'object') throw new Error(`${url.href} is not a discovery document`);
    if (doc.issuer !== issuer)
      throw new WrongIssuerError(
        `Issuer mismatch: the token says ${issuer}, but that server's discovery document names ${JSON.stringify(doc.issuer)}; the token was not issued as Okta would issue it there.`,
      );
    if (typeof doc.jwks_uri !== 'string') throw new Error(`${url.href} names no jwks_uri`);
    let jwks: URL;
    try {
      jwks = new URL(doc.jwks_uri);
    } catch {
      throw new Error(`${url.href} names a jwks_uri that is not a URL`);
    }
    // Keys are fetched only from the org itself: a document pointing elsewhere is not followed.
    if (jwks.origin !== this.orgUrl.origin)
      throw new Error(
        `its discovery document points the keys at ${jwks.origin}, outside the org; not followed`,
      );
    return jwks;
  }
}

class WrongIssuerError extends Error {}
