// The emulator's org data: a seeded, deterministic generator of authorization servers, OAuth apps,
// users, scopes and refresh tokens, plus the mutable state that revocations change. Tokens are
// generated lazily per (server, client) pair, so a 10^5-token org costs nothing until it is read.
import { Rng } from './rng';
import {
  APP_NAMES,
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

export interface AppRec {
  clientId: string;
  name: string;
}

export interface UserRec {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
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
    this.generateUsers();
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

  private generateApps(): void {
    const pool = Math.max(this.size.clientsPerServer, this.size.clientsPerServer + this.size.servers - 1);
    for (let i = 0; i < pool; i++) {
      const rng = new Rng(this.seed, 'app', i);
      this.apps.push({ clientId: rng.oktaId('0oa'), name: numbered(APP_NAMES, i) });
    }
  }

  private generateUsers(): void {
    for (let i = 0; i < this.size.users; i++) {
      const rng = new Rng(this.seed, 'user', i);
      const firstName = rng.pick(FIRST_NAMES);
      const lastName = rng.pick(LAST_NAMES);
      const local = `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z.]/g, '');
      this.users.push({ id: rng.oktaId('00u'), firstName, lastName, email: `${local}${i}@example.com` });
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

  scopes(serverIdx: number): ScopeRec[] {
    return this.scopesByServer[serverIdx];
  }

  /** App indexes of the clients holding tokens on a server (none when tokensPerClient is 0). */
  clientsOf(serverIdx: number): number[] {
    if (this.size.tokensPerClient === 0) return [];
    const out: number[] = [];
    for (let k = 0; k < this.size.clientsPerServer; k++) out.push((serverIdx + k) % this.apps.length);
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
        userIdx: rng.int(0, this.users.length - 1),
        status,
        created,
        lastUpdated,
        expiresAt,
        scopeIdx: scopeIdx.sort((a, b) => a - b),
      });
    }
    return out;
  }

  /** Every (server, app) pair that holds tokens; forces generation of all tokens when iterated with tokens(). */
  *pairs(): Generator<{ serverIdx: number; appIdx: number }> {
    for (let s = 0; s < this.servers.length; s++)
      for (const a of this.clientsOf(s)) yield { serverIdx: s, appIdx: a };
  }
}
