// What the editor knows about a JWT or an Okta id found in any file: the token decoded, its verdict
// from the keys of its issuer — only when that issuer is one of a saved connection's orgs (its org
// server or one of its custom servers), fetched through that connection's client and cached per issuer
// — and the server, client and user it names, from the ids the tree has loaded or a lookup through the
// connection. No vscode import, so the unit tests and the hover benchmark drive it directly. Tokens are
// never logged or kept: only verdicts' inputs live for the call, and only keys and names are cached.
import type { OktaClient } from '../../okta';
import { decodeJwt, oktaIdKind, type DecodedJwt, type OktaIdKind } from '../../okta/jwt/decode';
import { issuerOf, JwtVerifier, type Verdict } from '../../okta/jwt/verifier';
import type { ConnectionSummary, IdCache } from '../services';

export interface JwtServiceDeps {
  listConnections(): ConnectionSummary[];
  getClient(connectionId: string): Promise<OktaClient>;
  idCache: Pick<IdCache, 'authServers' | 'clients' | 'tokens'>;
  now?: () => number;
}

/** Where a reveal command finds an object in the tree. */
export interface RevealTarget {
  connectionId: string;
  kind: OktaIdKind;
  id: string;
  serverId?: string;
  clientId?: string;
}

export interface ObjectInfo {
  kind: OktaIdKind;
  id: string;
  name?: string;
  status?: string;
  /** The connection it was found through. */
  connection?: ConnectionSummary;
  /** 'tree': the tree had loaded it; 'lookup': asked the org; undefined: not known anywhere. */
  source?: 'tree' | 'lookup';
  /** How to reveal it in the tree, or why that is not possible. */
  reveal: { target: RevealTarget } | { why: 'unknown' | 'no-server' };
}

export type TokenKind = 'access' | 'id' | 'other';

export interface TokenReport {
  jwt: DecodedJwt;
  verdict: Verdict;
  kind: TokenKind;
  /** The saved connection whose org issued it (undefined: a foreign issuer). */
  connection?: ConnectionSummary;
  server?: ObjectInfo;
  client?: ObjectInfo;
  user?: ObjectInfo;
}

const LOOKUP_TTL_MS = 5 * 60_000;
const LOOKUP_TIMEOUT_MS = 8_000;

function tokenKind(claims: Record<string, unknown>): TokenKind {
  if (typeof claims.cid === 'string' || 'scp' in claims) return 'access';
  if (typeof claims.jti === 'string' && claims.jti.startsWith('AT.')) return 'access';
  if (typeof claims.jti === 'string' && claims.jti.startsWith('ID.')) return 'id';
  if ('amr' in claims || 'nonce' in claims || 'at_hash' in claims) return 'id';
  return 'other';
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

export class JwtService {
  private readonly verifiers = new Map<string, JwtVerifier>();
  private readonly audiences = new Map<string, Promise<string[] | undefined>>();
  private readonly lookups = new Map<
    string,
    { at: number; value: Promise<Partial<ObjectInfo> | undefined> }
  >();

  constructor(private readonly deps: JwtServiceDeps) {}

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  /** Drops cached keys, audiences and lookups (connections changed). */
  reset(): void {
    this.verifiers.clear();
    this.audiences.clear();
    this.lookups.clear();
  }

  /** The saved connection whose org the issuer belongs to, if any — decided without any request. */
  connectionForIssuer(iss: unknown): ConnectionSummary | undefined {
    if (typeof iss !== 'string') return undefined;
    return this.deps.listConnections().find((c) => {
      const origin = originOf(c.orgUrl);
      return origin !== undefined && issuerOf(iss, new URL(origin)) !== undefined;
    });
  }

  private verifier(c: ConnectionSummary): JwtVerifier {
    let v = this.verifiers.get(c.id);
    if (!v) {
      v = new JwtVerifier({
        orgUrl: originOf(c.orgUrl) ?? c.orgUrl,
        now: this.deps.now,
        fetchJson: async (url, signal) => (await this.deps.getClient(c.id)).publicJson(url, signal),
        audiencesOf: (serverId) => this.serverAudiences(c, serverId),
      });
      this.verifiers.set(c.id, v);
    }
    return v;
  }

  private serverAudiences(c: ConnectionSummary, serverId: string): Promise<string[] | undefined> {
    const key = `${c.id}\u0000${serverId}`;
    let p = this.audiences.get(key);
    if (!p) {
      p = (async () => {
        try {
          const client = await this.deps.getClient(c.id);
          const s = await client.getAuthorizationServer(serverId, {
            signal: AbortSignal.timeout(LOOKUP_TIMEOUT_MS),
          });
          return s.audiences;
        } catch {
          this.audiences.delete(key); // not known now; ask again next time
          return undefined;
        }
      })();
      this.audiences.set(key, p);
    }
    return p;
  }

  /** Decodes and verifies a token; undefined reason when it cannot be read. */
  async inspectToken(
    text: string,
    opts: { signal?: AbortSignal; lookups?: boolean } = {},
  ): Promise<{ ok: true; report: TokenReport } | { ok: false; reason: string }> {
    const d = decodeJwt(text);
    if (!d.ok) return d;
    const jwt = d.jwt;
    const { claims } = jwt;
    const connection = this.connectionForIssuer(claims.iss);
    // No saved connection's org issued it: decoded only, and nothing is fetched from anywhere.
    const verdict: Verdict = connection
      ? await this.verifier(connection).verify(jwt, { signal: opts.signal })
      : {
          kind: 'foreign-issuer',
          valid: false,
          usedNetwork: false,
          message: 'Decoded only: the issuer is not one of the saved connections’ orgs.',
        };
    const kind = tokenKind(claims);
    const report: TokenReport = { jwt, verdict, kind, connection };
    if (connection) {
      const issuer = issuerOf(claims.iss, new URL(originOf(connection.orgUrl)!));
      const serverId = issuer?.kind === 'custom' ? issuer.serverId : undefined;
      const clientId =
        typeof claims.cid === 'string'
          ? claims.cid
          : kind === 'id' && typeof claims.aud === 'string'
            ? claims.aud
            : undefined;
      const userId =
        typeof claims.uid === 'string'
          ? claims.uid
          : typeof claims.sub === 'string' && oktaIdKind(claims.sub) === 'user'
            ? claims.sub
            : undefined;
      const hint = { connectionId: connection.id, serverId };
      const [server, client, user] = await Promise.all([
        serverId ? this.describe(serverId, 'server', hint, opts.lookups) : undefined,
        clientId ? this.describe(clientId, 'client', hint, opts.lookups) : undefined,
        userId ? this.describe(userId, 'user', hint, opts.lookups) : undefined,
      ]);
      Object.assign(report, { server, client, user });
    }
    return { ok: true, report };
  }

  /**
   * What is known of an Okta id: the tree's loaded data first, then (with `lookups`) the org, through
   * the hinted connection or else each saved connection in turn. Never throws.
   */
  async describe(
    id: string,
    kind: OktaIdKind,
    hint: { connectionId?: string; serverId?: string } = {},
    lookups = true,
  ): Promise<ObjectInfo> {
    const connections = this.deps.listConnections();
    const byId = (cid: string | undefined) => connections.find((c) => c.id === cid);
    const cache = this.deps.idCache;
    const out: ObjectInfo = { kind, id, reveal: { why: 'unknown' } };
    const inHint = (connectionId: string) => !hint.connectionId || connectionId === hint.connectionId;

    if (kind === 'server') {
      const s = cache.authServers().find((x) => x.id === id && inHint(x.connectionId));
      if (s) Object.assign(out, { name: s.name, connection: byId(s.connectionId), source: 'tree' });
    } else if (kind === 'client') {
      const c =
        cache
          .clients()
          .find(
            (x) =>
              x.id === id && inHint(x.connectionId) && (!hint.serverId || x.authServerId === hint.serverId),
          ) ?? cache.clients().find((x) => x.id === id && inHint(x.connectionId));
      if (c)
        Object.assign(out, {
          name: c.name,
          connection: byId(c.connectionId),
          source: 'tree',
        });
      if (c) out.reveal = { target: { connectionId: c.connectionId, kind, id, serverId: c.authServerId } };
    } else if (kind === 'token') {
      const t = cache.tokens().find((x) => x.id === id && inHint(x.connectionId));
      if (t) {
        Object.assign(out, { status: t.status, connection: byId(t.connectionId), source: 'tree' });
        out.name = t.userName;
        out.reveal = {
          target: { connectionId: t.connectionId, kind, id, serverId: t.authServerId, clientId: t.clientId },
        };
      }
    } else {
      const t = cache.tokens().find((x) => x.userId === id && inHint(x.connectionId));
      if (t) Object.assign(out, { name: t.userName, connection: byId(t.connectionId), source: 'tree' });
    }

    // The tree has no status for servers, clients and users: the org has, as it has what the tree never loaded.
    const needsLookup = kind !== 'token' && (out.source === undefined || out.status === undefined);
    if (lookups && needsLookup) {
      const order = out.connection
        ? [out.connection]
        : hint.connectionId
          ? connections.filter((c) => c.id === hint.connectionId)
          : connections;
      for (const c of order) {
        const found = await this.lookup(c, kind, id);
        if (found) {
          Object.assign(out, {
            ...found,
            name: out.name ?? found.name,
            connection: c,
            source: out.source ?? 'lookup',
          });
          break;
        }
      }
    }
    // Servers sit under their connection, users under its Users row.
    if (out.connection && (kind === 'server' || kind === 'user'))
      out.reveal = { target: { connectionId: out.connection.id, kind, id } };
    if (out.connection && kind === 'client' && !('target' in out.reveal)) {
      out.reveal = hint.serverId
        ? { target: { connectionId: out.connection.id, kind, id, serverId: hint.serverId } }
        : { why: 'no-server' };
    }
    return out;
  }

  private lookup(
    c: ConnectionSummary,
    kind: OktaIdKind,
    id: string,
  ): Promise<Partial<ObjectInfo> | undefined> {
    const key = `${c.id}\u0000${kind}\u0000${id}`;
    const hit = this.lookups.get(key);
    if (hit && this.now() - hit.at < LOOKUP_TTL_MS) return hit.value;
    const value = (async (): Promise<Partial<ObjectInfo> | undefined> => {
      try {
        const client = await this.deps.getClient(c.id);
        const signal = AbortSignal.timeout(LOOKUP_TIMEOUT_MS);
        if (kind === 'server') {
          const s = await client.getAuthorizationServer(id, { signal });
          return { name: s.name, status: s.status };
        }
        if (kind === 'client') {
          const a = await client.getApplication(id, { signal });
          return { name: a.label ?? a.name, status: a.status };
        }
        if (kind === 'user') {
          const u = await client.getUser(id, { signal });
          const p = u.profile;
          const name = [p.firstName, p.lastName].filter(Boolean).join(' ') || p.displayName || p.login;
          return { name: name ?? undefined, status: u.status };
        }
        return undefined;
      } catch {
        return undefined;
      }
    })();
    this.lookups.set(key, { at: this.now(), value });
    return value;
  }
}
