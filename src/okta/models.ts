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
  if (!Array.isArray(v)) return [];
  // Kept as it came when every item is a string (the usual case), like the objects parsed in place.
  return v.every((x) => typeof x === 'string')
    ? (v as string[])
    : v.filter((x): x is string => typeof x === 'string');
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
  // for…in rather than Object.entries: a token's six links would otherwise cost seven throwaway arrays,
  // about a tenth of what a crawl allocates per token. JSON.parse objects have no inherited enumerables.
  for (const rel in v) {
    const value = v[rel];
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

// ---- Users, apps, grants, policies and the System Log ----------------------------------------------
// These objects are passed through as Okta sent them (every property kept, so a query can project any
// field by name), with the properties this project reads typed and checked: a property of the wrong
// type is dropped rather than trusted, and only the id an object cannot do without is required.

/** Drops each named property whose value is not a string (null is kept where Okta documents it). */
function keepStrings(o: Json, keys: readonly string[], nullable = false): void {
  for (const k of keys) {
    const v = o[k];
    if (v === undefined || typeof v === 'string' || (nullable && v === null)) continue;
    delete o[k];
  }
}

export type UserStatus =
  | 'ACTIVE'
  | 'DEPROVISIONED'
  | 'LOCKED_OUT'
  | 'PASSWORD_EXPIRED'
  | 'PROVISIONED'
  | 'RECOVERY'
  | 'STAGED'
  | 'SUSPENDED';

/** The spec's UserProfile: the base attributes typed, custom ones kept as sent. */
export interface UserProfile {
  login?: string;
  email?: string;
  firstName?: string | null;
  lastName?: string | null;
  displayName?: string | null;
  [custom: string]: unknown;
}

/** The spec's User (a list item) or UserGetSingleton (one user). */
export interface User {
  id: string;
  status?: UserStatus | string;
  created?: string;
  activated?: string | null;
  statusChanged?: string | null;
  lastLogin?: string | null;
  lastUpdated?: string;
  passwordChanged?: string | null;
  transitioningToStatus?: string;
  type?: { id?: string };
  profile: UserProfile;
  credentials?: Record<string, unknown>;
  _links: Links;
  [extra: string]: unknown;
}

export function parseUser(v: unknown): User {
  const o = requireObject(v, 'user');
  requireId(o, 'id', 'user');
  keepStrings(o, ['status', 'created', 'lastUpdated', 'transitioningToStatus']);
  keepStrings(o, ['activated', 'statusChanged', 'lastLogin', 'passwordChanged'], true);
  const profile: Json = isObject(o.profile) ? o.profile : {};
  keepStrings(profile, ['login', 'email']);
  keepStrings(profile, ['firstName', 'lastName', 'displayName'], true);
  o.profile = profile;
  if (o.type !== undefined && !isObject(o.type)) delete o.type;
  if (o.credentials !== undefined && !isObject(o.credentials)) delete o.credentials;
  o._links = parseLinks(o._links);
  return o as unknown as User;
}

/** A person's name as Okta shows it: first and last name, else the login, else the id. */
export function userDisplayName(u: Pick<User, 'id' | 'profile'>): string {
  const p = u.profile ?? {};
  const name = [p.firstName, p.lastName].filter((x): x is string => typeof x === 'string' && !!x).join(' ');
  return name || (typeof p.displayName === 'string' && p.displayName) || p.login || p.email || u.id;
}

/** The spec's ApplicationCredentialsOAuthClient (`credentials.oauthClient` of an OIDC app). */
export interface AppOAuthClientCredentials {
  client_id?: string;
  token_endpoint_auth_method?: string;
  pkce_required?: boolean;
  autoKeyRotation?: boolean;
  [extra: string]: unknown;
}

/** The spec's OpenIdConnectApplicationSettingsClient (`settings.oauthClient`), the parts read here. */
export interface AppOAuthClientSettings {
  application_type?: string;
  grant_types?: string[];
  response_types?: string[];
  redirect_uris?: string[];
  consent_method?: string;
  issuer_mode?: string;
  refresh_token?: { rotation_type?: 'ROTATE' | 'STATIC' | string; leeway?: number };
  [extra: string]: unknown;
}

/** The spec's Application (an OpenIdConnectApplication when signOnMode is OPENID_CONNECT). */
export interface Application {
  id: string;
  name?: string;
  label?: string;
  status?: 'ACTIVE' | 'INACTIVE' | 'DELETED' | string;
  signOnMode?: string;
  created?: string;
  lastUpdated?: string;
  credentials?: { oauthClient?: AppOAuthClientCredentials; [extra: string]: unknown };
  settings?: { oauthClient?: AppOAuthClientSettings; [extra: string]: unknown };
  _links: Links;
  [extra: string]: unknown;
}

export function parseApplication(v: unknown): Application {
  const o = requireObject(v, 'application');
  requireId(o, 'id', 'application');
  keepStrings(o, ['name', 'label', 'status', 'signOnMode', 'created', 'lastUpdated']);
  for (const k of ['credentials', 'settings'] as const) {
    if (o[k] === undefined) continue;
    if (!isObject(o[k])) {
      delete o[k];
      continue;
    }
    const part = o[k] as Json;
    if (part.oauthClient !== undefined && !isObject(part.oauthClient)) delete part.oauthClient;
  }
  const oc = isObject(o.settings) && isObject(o.settings.oauthClient) ? o.settings.oauthClient : undefined;
  if (oc) {
    for (const k of ['grant_types', 'response_types', 'redirect_uris'] as const)
      if (oc[k] !== undefined) oc[k] = strArray(oc[k]);
    if (oc.refresh_token !== undefined && !isObject(oc.refresh_token)) delete oc.refresh_token;
  }
  const cc =
    isObject(o.credentials) && isObject(o.credentials.oauthClient) ? o.credentials.oauthClient : undefined;
  if (cc) keepStrings(cc, ['client_id', 'token_endpoint_auth_method']);
  o._links = parseLinks(o._links);
  return o as unknown as Application;
}

/**
 * The OAuth client id of an app: `credentials.oauthClient.client_id`, which Okta lets differ from the
 * app's own id (its spec example does), falling back to the app id it defaults to.
 */
export function appClientId(app: Pick<Application, 'id' | 'credentials'>): string {
  return app.credentials?.oauthClient?.client_id ?? app.id;
}

/** The spec's OAuth2ScopeConsentGrant: a user's (END_USER) or an admin's (ADMIN) consent to a scope. */
export interface OAuth2ScopeConsentGrant {
  id: string;
  status?: GrantOrTokenStatus | string;
  created?: string;
  lastUpdated?: string;
  clientId?: string;
  userId?: string;
  issuer?: string;
  scopeId?: string;
  source?: 'ADMIN' | 'END_USER' | string;
  createdBy?: { id?: string; type?: string };
  _embedded?: Record<string, unknown>;
  _links: Links;
  [extra: string]: unknown;
}

export function parseGrant(v: unknown): OAuth2ScopeConsentGrant {
  const o = requireObject(v, 'grant');
  requireId(o, 'id', 'grant');
  if (typeof o.clientId !== 'string' && typeof o.client_id === 'string') o.clientId = o.client_id;
  keepStrings(o, ['status', 'created', 'lastUpdated', 'clientId', 'userId', 'issuer', 'scopeId', 'source']);
  if (o.createdBy !== undefined && !isObject(o.createdBy)) delete o.createdBy;
  if (o._embedded !== undefined && !isObject(o._embedded)) delete o._embedded;
  o._links = parseLinks(o._links);
  return o as unknown as OAuth2ScopeConsentGrant;
}

/** A party of a System Log event (the spec's LogActor / LogTarget). */
export interface LogParty {
  id?: string;
  type?: string;
  alternateId?: string;
  displayName?: string;
  detailEntry?: Record<string, unknown> | null;
  [extra: string]: unknown;
}

/** The spec's LogEvent. `debugContext.debugData` is free-form and not a stable contract (Okta says so). */
export interface LogEvent {
  uuid: string;
  published?: string;
  eventType?: string;
  legacyEventType?: string;
  displayMessage?: string;
  version?: string;
  severity?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | string;
  actor?: LogParty;
  client?: Record<string, unknown>;
  outcome?: { result?: string; reason?: string };
  target: LogParty[];
  transaction?: { id?: string; type?: string; detail?: Record<string, unknown> };
  debugContext?: { debugData?: Record<string, unknown> };
  authenticationContext?: Record<string, unknown>;
  [extra: string]: unknown;
}

export function parseLogEvent(v: unknown): LogEvent {
  const o = requireObject(v, 'System Log event');
  requireId(o, 'uuid', 'System Log event');
  keepStrings(o, ['published', 'eventType', 'legacyEventType', 'displayMessage', 'version', 'severity']);
  for (const k of ['actor', 'client', 'outcome', 'transaction', 'debugContext', 'authenticationContext'])
    if (o[k] !== undefined && o[k] !== null && !isObject(o[k])) delete o[k];
  o.target = Array.isArray(o.target) ? o.target.filter(isObject) : [];
  return o as unknown as LogEvent;
}

/** The spec's AuthorizationServerPolicy (type OAUTH_AUTHORIZATION_POLICY). */
export interface AuthorizationServerPolicy {
  id: string;
  name?: string;
  description?: string;
  type?: string;
  status?: LifecycleStatus | string;
  priority?: number;
  system?: boolean;
  created?: string;
  lastUpdated?: string;
  conditions?: { clients?: { include?: string[] }; [extra: string]: unknown };
  _links: Links;
  [extra: string]: unknown;
}

/** The spec's AuthorizationServerPolicyRule (type RESOURCE_ACCESS): who, which grants and scopes, token lifetimes. */
export interface AuthorizationServerPolicyRule {
  id: string;
  name?: string;
  type?: string;
  status?: LifecycleStatus | string;
  priority?: number;
  system?: boolean;
  created?: string;
  lastUpdated?: string;
  conditions?: Record<string, unknown>;
  actions?: {
    token?: {
      accessTokenLifetimeMinutes?: number;
      refreshTokenLifetimeMinutes?: number;
      refreshTokenWindowMinutes?: number;
      [extra: string]: unknown;
    };
    [extra: string]: unknown;
  };
  _links: Links;
  [extra: string]: unknown;
}

function parsePolicyLike(o: Json, what: string): void {
  requireId(o, 'id', what);
  keepStrings(o, ['name', 'description', 'type', 'status', 'created', 'lastUpdated']);
  if (o.priority !== undefined && typeof o.priority !== 'number') delete o.priority;
  if (o.system !== undefined && typeof o.system !== 'boolean') delete o.system;
  if (o.conditions !== undefined && !isObject(o.conditions)) delete o.conditions;
  o._links = parseLinks(o._links);
}

export function parsePolicy(v: unknown): AuthorizationServerPolicy {
  const o = requireObject(v, 'policy');
  parsePolicyLike(o, 'policy');
  return o as unknown as AuthorizationServerPolicy;
}

export function parsePolicyRule(v: unknown): AuthorizationServerPolicyRule {
  const o = requireObject(v, 'policy rule');
  parsePolicyLike(o, 'policy rule');
  if (o.actions !== undefined && !isObject(o.actions)) delete o.actions;
  if (isObject(o.actions) && isObject(o.actions.token)) {
    const t = o.actions.token;
    for (const k of [
      'accessTokenLifetimeMinutes',
      'refreshTokenLifetimeMinutes',
      'refreshTokenWindowMinutes',
    ])
      if (t[k] !== undefined && typeof t[k] !== 'number') delete t[k];
  }
  return o as unknown as AuthorizationServerPolicyRule;
}
