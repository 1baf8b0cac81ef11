// The emulator's org data: a seeded, deterministic generator of authorization servers, OIDC apps,
// users, scopes and refresh tokens, plus the mutable state that revocations change. Tokens are
// generated lazily per (server, client) pair, so a 10^5-token org costs nothing until it is read; the
// user and app views of the same token objects are indexed on first use.
import { Rng } from './rng';
import {
  APP_NAMES,
  APP_TYPES,
  FIRST_NAMES,
  LAST_NAMES,
  MARKUP_DESCRIPTION,
  SCOPE_VERBS,
  SERVER_THEMES,
  SYSTEM_SCOPES,
} from './names';

export interface SizeOptions {
  /** Custom authorization servers, the first one always being `default`. */
  servers: number;
  /** OAuth apps holding tokens on each server. */
  clientsPerServer: number;
  /** Refresh tokens per (server, client) pair. */
  tokensPerClient: number;
  /** Custom scopes per server, in addition to Okta's six system scopes. */
  scopesPerServer: number;
  users: number;
}

export type SizePreset = 'tiny' | 'demo' | 'bench';

export const SIZE_PRESETS: Readonly<Record<SizePreset, SizeOptions>> = {
  tiny: { servers: 2, clientsPerServer: 2, tokensPerClient: 3, scopesPerServer: 2, users: 5 },
  demo: { servers: 4, clientsPerServer: 4, tokensPerClient: 24, scopesPerServer: 5, users: 40 },
  bench: { servers: 10, clientsPerServer: 10, tokensPerClient: 1000, scopesPerServer: 8, users: 2000 },
};

const SIZE_ALIASES: Record<string, keyof SizeOptions> = {
  servers: 'servers',
  clients: 'clientsPerServer',
  clientsPerServer: 'clientsPerServer',
  tokens: 'tokensPerClient',
  tokensPerClient: 'tokensPerClient',
  scopes: 'scopesPerServer',
  scopesPerServer: 'scopesPerServer',
  users: 'users',
};

/** Accepts a preset name, `servers=5,clients=3,tokens=40`, or a partial object (missing keys from 'demo'). */
export function resolveSize(size: SizePreset | string | Partial<SizeOptions> | undefined): SizeOptions {
  if (size === undefined) return { ...SIZE_PRESETS.demo };
  let partial: Partial<SizeOptions>;
  if (typeof size === 'string') {
    if (size in SIZE_PRESETS) return { ...SIZE_PRESETS[size as SizePreset] };
    partial = {};
    for (const pair of size.split(',').filter(Boolean)) {
      const [k, v] = pair.split('=').map((s) => s.trim());
      const key = SIZE_ALIASES[k];
      const n = Number(v);
      if (!key || !Number.isInteger(n) || n < 0) {
        throw new Error(
          `Unknown emulator size "${size}": use a preset (${Object.keys(SIZE_PRESETS).join(', ')}) or ` +
            `key=value pairs with keys ${Object.keys(SIZE_ALIASES).join(', ')} and non-negative integers.`,
        );
      }
      partial[key] = n;
    }
  } else {
    partial = size;
  }
  const out = { ...SIZE_PRESETS.demo, ...partial };
  if (out.servers < 1) throw new Error('Emulator size: servers must be at least 1 (the `default` server).');
  if (out.users < 1) throw new Error('Emulator size: users must be at least 1 (tokens belong to users).');
  return out;
}

/**
 * Names to use instead of the generated ones. Okta lets an admin name servers and apps with any text,
 * so tests can give them hostile names (markup, terminal escape sequences) to prove clients show them
 * as data. Entries past the end of the org are ignored.
 */
export interface OrgNames {
  /** Custom servers in order: `servers[0]` names the first server after `default` (which keeps its name). */
  servers?: string[];
  /** Apps in order: `clients[0]` is the `default` server's first client. */
  clients?: string[];
}

export interface ServerRec {
  id: string;
  name: string;
  slug: string;
  description: string;
  audience: string;
  status: 'ACTIVE' | 'INACTIVE';
  created: number;
  lastUpdated: number;
  kid: string;
  lastRotated: number;
  rotationMode: 'AUTO' | 'MANUAL';
}

export type TokenAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt' | 'none';

/** An OIDC app (Okta's Application with signOnMode OPENID_CONNECT). Its id is its client_id (Okta's default). */
export interface AppRec {
  clientId: string;
  /** The app's label, shown as the client's name everywhere. */
  name: string;
  applicationType: 'web' | 'browser' | 'native' | 'service';
  authMethod: TokenAuthMethod;
  grantTypes: string[];
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  rotationType: 'ROTATE' | 'STATIC';
  /** Seconds an old refresh token stays usable after a rotation (0–60). */
  leeway: number;
  consentMethod: 'TRUSTED' | 'REQUIRED';
  created: number;
  lastUpdated: number;
  /** Okta API scopes an admin granted the app (admin consent grants, `/apps/{appId}/grants`). */
  oktaScopes: string[];
}

export type UserStatus =
  | 'ACTIVE'
  | 'LOCKED_OUT'
  | 'PASSWORD_EXPIRED'
  | 'RECOVERY'
  | 'SUSPENDED'
  | 'STAGED'
  | 'PROVISIONED'
  | 'DEPROVISIONED';

export interface UserRec {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  /** Okta's default login format is the email address. */
  login: string;
  status: UserStatus;
  created: number;
  /** null for users never activated (STAGED). */
  activated: number | null;
  statusChanged: number | null;
  lastLogin: number | null;
  passwordChanged: number | null;
  lastUpdated: number;
}

/** A token with the server and app it belongs to: the one object every path (server, user, app) reaches. */
export interface TokenRef {
  serverIdx: number;
  appIdx: number;
  token: TokenRec;
}

export interface ScopeRec {
  id: string;
  name: string;
  displayName: string;
  description: string;
  system: boolean;
  consent: 'REQUIRED' | 'IMPLICIT' | 'FLEXIBLE';
  metadataPublish: 'ALL_CLIENTS' | 'NO_CLIENTS';
  optional: boolean;
  default: boolean;
}

export interface TokenRec {
  id: string;
  userIdx: number;
  status: 'ACTIVE' | 'REVOKED';
  created: number;
  lastUpdated: number;
  expiresAt: number;
  /** Indexes into the server's scope list. */
  scopeIdx: number[];
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/**
 * Users past the token holders: one per status that cannot hold tokens (never activated, or
 * deactivated), then the org's administrator, who owns the API tokens (the actor of their calls in
 * the System Log) and holds no tokens of the demo apps.
 */
const TOKENLESS_STATUSES: readonly UserStatus[] = ['STAGED', 'PROVISIONED', 'DEPROVISIONED', 'ACTIVE'];
const OKTA_API_SCOPES = [
  'okta.users.read',
  'okta.apps.read',
  'okta.logs.read',
  'okta.authorizationServers.read',
];

/** Whole seconds, as Okta timestamps have `.000Z` milliseconds. */
function sec(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

function numbered(list: readonly string[], i: number): string {
  const base = list[i % list.length];
  const round = Math.floor(i / list.length);
  return round === 0 ? base : `${base} ${round + 1}`;
}

export class OrgData {
  readonly servers: ServerRec[] = [];
  /** App pool; server i holds tokens of apps [i, i + clientsPerServer) (mod pool size), so apps overlap servers. */
  readonly apps: AppRec[] = [];
  readonly users: UserRec[] = [];
  private readonly scopesByServer: ScopeRec[][] = [];
  private readonly tokenCache = new Map<string, TokenRec[]>();
  private readonly serverIndex = new Map<string, number>();
  private readonly appIndex = new Map<string, number>();
  private readonly userIndex = new Map<string, number>();
  /** Every token by user and by app, built on first use (it generates every token of the org). */
  private tokenIndex?: { byUser: Map<number, TokenRef[]>; byApp: Map<number, TokenRef[]> };

  constructor(
    readonly seed: number | string,
    readonly size: SizeOptions,
    /** The instant generated timestamps are relative to (ms); fixed, so data is byte-identical per seed. */
    readonly epochMs: number,
    names: OrgNames = {},
  ) {
    this.generateServers();
    this.generateApps();
    names.servers?.forEach((name, k) => {
      if (this.servers[k + 1]) this.servers[k + 1]!.name = name;
    });
    names.clients?.forEach((name, k) => {
      if (this.apps[k]) this.apps[k]!.name = name;
    });
    this.apps.forEach((a, i) => this.appIndex.set(a.clientId, i));
    this.generateUsers();
    this.users.forEach((u, i) => this.userIndex.set(u.id, i));
    for (let s = 0; s < this.servers.length; s++) this.scopesByServer.push(this.generateScopes(s));
  }

  private generateServers(): void {
    for (let i = 0; i < this.size.servers; i++) {
      const rng = new Rng(this.seed, 'server', i);
      const created = sec(this.epochMs - rng.int(200, 900) * DAY);
      const lastRotated = sec(this.epochMs - rng.int(1, 80) * DAY);
      const theme = SERVER_THEMES[(i - 1) % SERVER_THEMES.length];
      const round = Math.floor((i - 1) / SERVER_THEMES.length);
      const rec: ServerRec =
        i === 0
          ? {
              id: 'default',
              name: 'default',
              slug: 'api',
              description: 'Default Authorization Server',
              audience: 'api://default',
              status: 'ACTIVE',
              created,
              lastUpdated: sec(created + rng.int(1, 100) * DAY),
              kid: rng.oktaId('kid').slice(3),
              lastRotated,
              rotationMode: 'AUTO',
            }
          : {
              id: rng.oktaId('aus'),
              name: round === 0 ? theme.name : `${theme.name} ${round + 1}`,
              slug: round === 0 ? theme.slug : `${theme.slug}${round + 1}`,
              description: theme.description,
              audience: `api://${round === 0 ? theme.slug : `${theme.slug}${round + 1}`}`,
              // Every fourth custom server is deactivated, so INACTIVE shows up in any org of 4+ servers.
              status: i % 4 === 3 ? 'INACTIVE' : 'ACTIVE',
              created,
              lastUpdated: sec(created + rng.int(1, 100) * DAY),
              kid: rng.oktaId('kid').slice(3),
              lastRotated,
              rotationMode: rng.chance(0.7) ? 'AUTO' : 'MANUAL',
            };
      this.serverIndex.set(rec.id, i);
      this.servers.push(rec);
    }
  }

  /** Apps whose users hold tokens (the service app after them holds none: it has no users). */
  private poolSize = 0;

  private generateApps(): void {
    const pool = Math.max(this.size.clientsPerServer, this.size.clientsPerServer + this.size.servers - 1);
    this.poolSize = pool;
    for (let i = 0; i < pool; i++) {
      const rng = new Rng(this.seed, 'app', i);
      const clientId = rng.oktaId('0oa');
      const name = numbered(APP_NAMES, i);
      // A separate stream, so the client ids above stay what they were before apps had settings.
      const more = new Rng(this.seed, 'app-settings', i);
      const type: AppRec['applicationType'] = APP_TYPES[APP_NAMES[i % APP_NAMES.length]] ?? 'web';
      const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
      const base =
        type === 'native' ? `com.example.${slug.replace(/-/g, '')}:` : `https://${slug}.example.com`;
      const created = sec(this.epochMs - more.int(400, 1000) * DAY);
      this.apps.push({
        clientId,
        name,
        applicationType: type,
        // Public clients (SPA, native) have no secret; confidential ones mostly use a client secret.
        authMethod:
          type === 'web'
            ? more.pick([
                'client_secret_basic',
                'client_secret_basic',
                'client_secret_post',
                'private_key_jwt',
              ])
            : 'none',
        grantTypes: ['authorization_code', 'refresh_token'],
        redirectUris: [type === 'native' ? `${base}/callback` : `${base}/login/callback`],
        postLogoutRedirectUris: [type === 'native' ? `${base}/logout` : `${base}/`],
        // Okta's defaults: ROTATE for browser apps, STATIC for the others; some web and native apps rotate too.
        rotationType: type === 'browser' || more.chance(type === 'native' ? 0.6 : 0.3) ? 'ROTATE' : 'STATIC',
        leeway: more.pick([30, 30, 0, 60]),
        consentMethod: more.chance(0.3) ? 'REQUIRED' : 'TRUSTED',
        created,
        lastUpdated: sec(created + more.int(1, 300) * DAY),
        oktaScopes: type === 'web' ? more.sample(OKTA_API_SCOPES, more.int(0, 2)) : [],
      });
    }
    // A machine-to-machine app (client_credentials only): no user, so no refresh tokens.
    const svc = new Rng(this.seed, 'service-app', 0);
    const created = sec(this.epochMs - svc.int(100, 400) * DAY);
    this.apps.push({
      clientId: svc.oktaId('0oa'),
      name: 'Reporting Service',
      applicationType: 'service',
      authMethod: 'client_secret_basic',
      grantTypes: ['client_credentials'],
      redirectUris: [],
      postLogoutRedirectUris: [],
      rotationType: 'STATIC',
      leeway: 30,
      consentMethod: 'TRUSTED',
      created,
      lastUpdated: sec(created + svc.int(1, 50) * DAY),
      oktaScopes: ['okta.logs.read'],
    });
  }

  private generateUsers(): void {
    const total = this.size.users + TOKENLESS_STATUSES.length;
    for (let i = 0; i < total; i++) {
      const rng = new Rng(this.seed, 'user', i);
      const firstName = rng.pick(FIRST_NAMES);
      const lastName = rng.pick(LAST_NAMES);
      const local = `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z.]/g, '');
      const id = rng.oktaId('00u');
      const email = `${local}${i}@example.com`;
      // Profile dates and status from their own stream, so ids and names stay as they were.
      const more = new Rng(this.seed, 'user-profile', i);
      const holder = i < this.size.users;
      const roll = more.next();
      const status: UserStatus = !holder
        ? TOKENLESS_STATUSES[i - this.size.users]
        : roll < 0.04
          ? 'LOCKED_OUT'
          : roll < 0.08
            ? 'PASSWORD_EXPIRED'
            : roll < 0.1
              ? 'RECOVERY'
              : roll < 0.13
                ? 'SUSPENDED'
                : 'ACTIVE';
      // Token holders exist before their oldest possible token (120 days back).
      const created = sec(this.epochMs - more.int(130, 900) * DAY - more.int(0, 86_399) * 1000);
      const activated = status === 'STAGED' ? null : sec(created + more.int(0, 3) * DAY);
      const statusChanged =
        status === 'ACTIVE' || activated === null ? activated : sec(this.epochMs - more.int(1, 60) * DAY);
      const lastLogin =
        activated === null || status === 'PROVISIONED' ? null : sec(this.epochMs - more.int(1, 72) * HOUR);
      const passwordChanged = activated === null ? null : sec(activated + more.int(0, 100) * DAY);
      const lastUpdated = Math.max(created, statusChanged ?? 0, passwordChanged ?? 0);
      this.users.push({
        id,
        firstName,
        lastName,
        email,
        login: email,
        status,
        created,
        activated,
        statusChanged,
        lastLogin,
        passwordChanged,
        lastUpdated,
      });
    }
  }

  private generateScopes(serverIdx: number): ScopeRec[] {
    const server = this.servers[serverIdx];
    const rng = new Rng(this.seed, 'scopes', serverIdx);
    const out: ScopeRec[] = SYSTEM_SCOPES.map((s) => ({
      id: rng.oktaId('scp'),
      name: s.name,
      displayName: s.displayName,
      description: s.description,
      system: true,
      consent: 'IMPLICIT',
      metadataPublish: 'ALL_CLIENTS',
      optional: false,
      default: false,
    }));
    for (let i = 0; i < this.size.scopesPerServer; i++) {
      const v = SCOPE_VERBS[i % SCOPE_VERBS.length];
      const round = Math.floor(i / SCOPE_VERBS.length);
      const name = `${server.slug}:${v.verb}${round === 0 ? '' : round + 1}`;
      out.push({
        id: rng.oktaId('scp'),
        name,
        displayName: `${v.text} ${server.name === 'default' ? 'API' : server.name} data`,
        description: i === 0 ? MARKUP_DESCRIPTION : `${v.text} ${server.description.toLowerCase()}.`,
        system: false,
        consent: rng.pick(['REQUIRED', 'IMPLICIT', 'FLEXIBLE'] as const),
        metadataPublish: rng.chance(0.5) ? 'ALL_CLIENTS' : 'NO_CLIENTS',
        optional: rng.chance(0.2),
        default: i === 0,
      });
    }
    return out;
  }

  serverIdxOf(id: string): number | undefined {
    return this.serverIndex.get(id);
  }

  /** An app by its id, which is its client_id. */
  appIdxOf(appId: string): number | undefined {
    return this.appIndex.get(appId);
  }

  /** A user by id, or by login (ignoring case, as Okta matches logins). */
  userIdxOf(idOrLogin: string): number | undefined {
    const byId = this.userIndex.get(idOrLogin);
    if (byId !== undefined) return byId;
    const login = idOrLogin.toLowerCase();
    const i = this.users.findIndex((u) => u.login.toLowerCase() === login);
    return i < 0 ? undefined : i;
  }

  /** The org's administrator: the user behind the SSWS API tokens (`/users/me`, System Log actor). */
  get adminIdx(): number {
    return this.users.length - 1;
  }

  /** Users that can hold tokens (the rest were never activated, are deactivated, or are the admin). */
  get tokenHolders(): number {
    return this.size.users;
  }

  scopes(serverIdx: number): ScopeRec[] {
    return this.scopesByServer[serverIdx];
  }

  /** App indexes of the clients holding tokens on a server (none when tokensPerClient is 0). */
  clientsOf(serverIdx: number): number[] {
    if (this.size.tokensPerClient === 0) return [];
    const out: number[] = [];
    for (let k = 0; k < this.size.clientsPerServer; k++) out.push((serverIdx + k) % this.poolSize);
    return out;
  }

  appIdxOn(serverIdx: number, clientId: string): number | undefined {
    return this.clientsOf(serverIdx).find((a) => this.apps[a].clientId === clientId);
  }

  /** The (cached, mutable) token records of one client on one server, generated on first use. */
  tokens(serverIdx: number, appIdx: number): TokenRec[] {
    const key = `${serverIdx}/${appIdx}`;
    let list = this.tokenCache.get(key);
    if (!list) {
      list = this.generateTokens(serverIdx, appIdx);
      this.tokenCache.set(key, list);
    }
    return list;
  }

  private generateTokens(serverIdx: number, appIdx: number): TokenRec[] {
    const rng = new Rng(this.seed, 'tokens', serverIdx, appIdx);
    const scopes = this.scopesByServer[serverIdx];
    const offline = scopes.findIndex((s) => s.name === 'offline_access');
    const openid = scopes.findIndex((s) => s.name === 'openid');
    const profile = scopes.findIndex((s) => s.name === 'profile');
    const custom = scopes.map((s, i) => (s.system ? -1 : i)).filter((i) => i >= 0);
    const out: TokenRec[] = [];
    for (let t = 0; t < this.size.tokensPerClient; t++) {
      const created = sec(this.epochMs - rng.int(2 * 24, 120 * 24) * HOUR - rng.int(0, 3599) * 1000);
      const roll = rng.next();
      let status: TokenRec['status'] = 'ACTIVE';
      let expiresAt: number;
      let lastUpdated = created;
      if (roll < 0.15) {
        // Revoked some time after it was minted; expiry may lie before or after now.
        status = 'REVOKED';
        lastUpdated = sec(created + rng.next() * (this.epochMs - created));
        expiresAt = sec(created + rng.int(7, 180) * DAY);
      } else if (roll < 0.3) {
        // Still ACTIVE in Okta's eyes, but past expiresAt: the client must show it as expired.
        expiresAt = sec(created + rng.next() * (this.epochMs - created - HOUR) + HOUR / 2);
      } else {
        expiresAt = sec(this.epochMs + rng.int(2 * 24, 90 * 24) * HOUR);
      }
      const scopeIdx = [offline];
      if (rng.chance(0.8)) scopeIdx.unshift(openid);
      if (rng.chance(0.4)) scopeIdx.push(profile);
      scopeIdx.push(...rng.sample(custom, rng.int(0, Math.min(3, custom.length))));
      out.push({
        id: rng.oktaId('oar'),
        userIdx: rng.int(0, this.tokenHolders - 1),
        status,
        created,
        lastUpdated,
        expiresAt,
        scopeIdx: scopeIdx.sort((a, b) => a - b),
      });
    }
    return out;
  }

  private index(): { byUser: Map<number, TokenRef[]>; byApp: Map<number, TokenRef[]> } {
    if (!this.tokenIndex) {
      this.tokenIndex = { byUser: new Map(), byApp: new Map() };
      for (const { serverIdx, appIdx } of this.pairs())
        for (const token of this.tokens(serverIdx, appIdx)) this.indexToken({ serverIdx, appIdx, token });
    }
    return this.tokenIndex;
  }

  private indexToken(ref: TokenRef): void {
    const ix = this.tokenIndex!;
    const add = (m: Map<number, TokenRef[]>, k: number): void => {
      const list = m.get(k);
      if (list) list.push(ref);
      else m.set(k, [ref]);
    };
    add(ix.byUser, ref.token.userIdx);
    add(ix.byApp, ref.appIdx);
  }

  /** Every token of a user, on any server and app, in server then app then token order. */
  tokensOfUser(userIdx: number): TokenRef[] {
    return this.index().byUser.get(userIdx) ?? [];
  }

  /** Every token of an app, on any server. */
  tokensOfApp(appIdx: number): TokenRef[] {
    return this.index().byApp.get(appIdx) ?? [];
  }

  /** Adds a newly issued token to its (server, app) list and to the user and app views. */
  addToken(serverIdx: number, appIdx: number, token: TokenRec): TokenRef {
    const ref = { serverIdx, appIdx, token };
    this.tokens(serverIdx, appIdx).push(token);
    if (this.tokenIndex) this.indexToken(ref);
    return ref;
  }

  /** Every (server, app) pair that holds tokens; forces generation of all tokens when iterated with tokens(). */
  *pairs(): Generator<{ serverIdx: number; appIdx: number }> {
    for (let s = 0; s < this.servers.length; s++)
      for (const a of this.clientsOf(s)) yield { serverIdx: s, appIdx: a };
  }
}
