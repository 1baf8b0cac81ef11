// Typed models for the Okta objects this extension reads, and tolerant parsers that turn whatever JSON
// an org sends into them. Okta's own examples disagree with its schemas (`client_id` vs `clientId`,
// extra or missing `_links`), so parsing never rejects an object for a missing optional field and keeps
// unknown link relations.

/** A link as Okta sends it in `_links` (the spec's HrefObject); extra properties such as `title` kept. */
export interface HrefObject {
  href: string;
  name?: string;
  title?: string;
  type?: string;
  templated?: boolean;
  hints?: { allow?: string[] };
  [extra: string]: unknown;
}

/** `_links` is open-ended: known relations are typed, anything else is kept as it came. */
export type Links = Record<string, HrefObject | HrefObject[] | undefined>;

export type LifecycleStatus = 'ACTIVE' | 'INACTIVE';
export type GrantOrTokenStatus = 'ACTIVE' | 'REVOKED';

export interface AuthorizationServerSigning {
  kid?: string;
  lastRotated?: string;
  nextRotation?: string;
  rotationMode?: 'AUTO' | 'MANUAL' | string;
  use?: 'sig' | string;
}

export interface AuthorizationServer {
  id: string;
  name: string;
  description?: string;
  audiences: string[];
  issuer?: string;
  issuerMode?: 'ORG_URL' | 'CUSTOM_URL' | 'DYNAMIC' | string;
  status?: LifecycleStatus | string;
  created?: string;
  lastUpdated?: string;
  credentials?: { signing?: AuthorizationServerSigning };
  accessTokenEncryptedResponseAlgorithm?: string;
  jwks?: { keys?: Record<string, unknown>[] };
  jwks_uri?: string;
  _links: Links;
}

/** A client app that holds tokens on an authorization server (the spec's OAuth2Client). */
export interface OAuth2Client {
  client_id: string;
  client_name?: string;
  client_uri?: string | null;
  logo_uri?: string | null;
  _links: Links;
}

/** One item of `_embedded.scopes` on a refresh token fetched with `expand=scope`. */
export interface OAuth2RefreshTokenScope {
  id?: string;
  name: string;
  displayName?: string;
  description?: string;
  _links: Links;
}

export interface OAuth2RefreshToken {
  id: string;
  status?: GrantOrTokenStatus | string;
  created?: string;
  lastUpdated?: string;
  expiresAt?: string;
  issuer?: string;
  /** Normalised from `clientId` or `client_id`, whichever the org sent. */
  clientId?: string;
  userId?: string;
  scopes: string[];
  /** Present only when the token was fetched with `expand=scope`. */
  _embedded?: { scopes: OAuth2RefreshTokenScope[] };
  _links: Links;
}

export interface OAuth2Scope {
  id?: string;
  name: string;
  displayName?: string;
  description?: string;
  consent?: 'REQUIRED' | 'IMPLICIT' | 'FLEXIBLE' | string;
  default?: boolean;
  optional?: boolean;
  system?: boolean;
  metadataPublish?: 'ALL_CLIENTS' | 'NO_CLIENTS' | string;
  _links: Links;
}

/** Okta's error body (the spec's `Error`). */
export interface OktaErrorBody {
  errorCode?: string;
  errorSummary?: string;
  errorLink?: string;
  errorId?: string;
  errorCauses?: { errorSummary?: string }[];
}

/** Thrown by the parsers when a body is not the shape asked for at all (not an object, no id). */
export class ShapeError extends Error {
  constructor(
    readonly what: string,
    detail: string,
  ) {
    super(`Okta sent a ${what} this extension cannot read: ${detail}`);
    this.name = 'ShapeError';
  }
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function strArray(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function bool(v: unknown): boolean | undefined {
  return typeof v === 'boolean' ? v : undefined;
}

/**
 * Normalises `_links` in place: keeps every relation whose value is a link (or a list of links) with an
 * `href`, drops the rest. Parsing works on objects fresh from JSON.parse, so it reuses them rather than
 * copying: a crawl holds 10^5 tokens, and copies doubled the garbage collector's work.
 */
export function parseLinks(v: unknown): Links {
  if (!isObject(v)) return {};
  for (const [rel, value] of Object.entries(v)) {
    if (Array.isArray(value)) {
      const items = value.filter((x) => isObject(x) && typeof x.href === 'string');
      if (items.length === value.length) continue;
      if (items.length) v[rel] = items;
      else delete v[rel];
    } else if (!isObject(value) || typeof value.href !== 'string') {
      delete v[rel];
    }
  }
  return v as Links;
}

function requireObject(v: unknown, what: string): Json {
  if (!isObject(v))
    throw new ShapeError(what, `expected a JSON object, got ${Array.isArray(v) ? 'an array' : typeof v}`);
  return v;
}

function requireId(o: Json, key: string, what: string): string {
  const id = o[key];
  if (typeof id !== 'string' || id === '') throw new ShapeError(what, `it has no "${key}"`);
  return id;
}

export function parseAuthorizationServer(v: unknown): AuthorizationServer {
  const o = requireObject(v, 'authorization server');
  const signing =
    isObject(o.credentials) && isObject(o.credentials.signing) ? o.credentials.signing : undefined;
  return {
    id: requireId(o, 'id', 'authorization server'),
    name: str(o.name) ?? requireId(o, 'id', 'authorization server'),
    description: str(o.description),
    audiences: strArray(o.audiences),
    issuer: str(o.issuer),
    issuerMode: str(o.issuerMode),
    status: str(o.status),
    created: str(o.created),
    lastUpdated: str(o.lastUpdated),
    credentials: signing
      ? {
          signing: {
            kid: str(signing.kid),
            lastRotated: str(signing.lastRotated),
            nextRotation: str(signing.nextRotation),
            rotationMode: str(signing.rotationMode),
            use: str(signing.use),
          },
        }
      : undefined,
    accessTokenEncryptedResponseAlgorithm: str(o.accessTokenEncryptedResponseAlgorithm),
    jwks: isObject(o.jwks)
      ? { keys: Array.isArray(o.jwks.keys) ? o.jwks.keys.filter(isObject) : undefined }
      : undefined,
    jwks_uri: str(o.jwks_uri),
    _links: parseLinks(o._links),
  };
}

export function parseOAuth2Client(v: unknown): OAuth2Client {
  const o = requireObject(v, 'client');
  const id = str(o.client_id) ?? str(o.clientId);
  if (!id) throw new ShapeError('client', 'it has no "client_id"');
  return {
    client_id: id,
    client_name: str(o.client_name) ?? str(o.clientName),
    client_uri: str(o.client_uri) ?? null,
    logo_uri: str(o.logo_uri) ?? null,
    _links: parseLinks(o._links),
  };
}

export function parseRefreshTokenScope(v: unknown): OAuth2RefreshTokenScope | undefined {
  if (!isObject(v) || typeof v.name !== 'string' || !v.name) return undefined;
  v._links = parseLinks(v._links);
  return v as unknown as OAuth2RefreshTokenScope;
}

export function parseRefreshToken(v: unknown): OAuth2RefreshToken {
  const o = requireObject(v, 'refresh token');
  requireId(o, 'id', 'refresh token');
  // Okta's own examples for these endpoints say client_id where the schema says clientId.
  if (typeof o.clientId !== 'string') {
    const alt = str(o.client_id);
    if (alt !== undefined) o.clientId = alt;
    else delete o.clientId;
  }
  if (typeof o.userId !== 'string' && typeof o.user_id === 'string') o.userId = o.user_id;
  for (const k of ['status', 'created', 'lastUpdated', 'expiresAt', 'issuer', 'userId'] as const) {
    if (o[k] !== undefined && typeof o[k] !== 'string') delete o[k];
  }
  o.scopes = strArray(o.scopes);
  if (isObject(o._embedded) && Array.isArray(o._embedded.scopes)) {
    const scopes = o._embedded.scopes
      .map(parseRefreshTokenScope)
      .filter((x): x is OAuth2RefreshTokenScope => !!x);
    o._embedded = { scopes };
  } else {
    delete o._embedded;
  }
  o._links = parseLinks(o._links);
  return o as unknown as OAuth2RefreshToken;
}

export function parseScope(v: unknown): OAuth2Scope {
  const o = requireObject(v, 'scope');
  const name = str(o.name);
  if (!name) throw new ShapeError('scope', 'it has no "name"');
  return {
    id: str(o.id),
    name,
    displayName: str(o.displayName),
    description: str(o.description),
    consent: str(o.consent),
    default: bool(o.default),
    optional: bool(o.optional),
    system: bool(o.system),
    metadataPublish: str(o.metadataPublish),
    _links: parseLinks(o._links),
  };
}

/** Reads an Okta `Error` body if the value looks like one; anything else yields undefined. */
export function parseErrorBody(v: unknown): OktaErrorBody | undefined {
  if (!isObject(v)) return undefined;
  if (typeof v.errorCode !== 'string' && typeof v.errorSummary !== 'string') return undefined;
  return {
    errorCode: str(v.errorCode),
    errorSummary: str(v.errorSummary),
    errorLink: str(v.errorLink),
    errorId: str(v.errorId),
    errorCauses: Array.isArray(v.errorCauses)
      ? v.errorCauses.filter(isObject).map((c) => ({ errorSummary: str(c.errorSummary) }))
      : [],
  };
}

/** True when the token's `expiresAt` lies before `now`; a token without one never counts as expired. */
export function isExpired(token: Pick<OAuth2RefreshToken, 'expiresAt'>, now: number = Date.now()): boolean {
  if (!token.expiresAt) return false;
  const t = Date.parse(token.expiresAt);
  return Number.isFinite(t) && t <= now;
}
