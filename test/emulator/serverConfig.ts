// The read-only configuration that hangs off each authorization server besides tokens: claims,
// access policies and their rules, signing keys and associated (trusted) servers. Generated per
// server from the seed on first use and rendered as the JSON bodies Okta sends (spec schemas
// OAuth2Claim, AuthorizationServerPolicy, AuthorizationServerPolicyRule, AuthorizationServerJsonWebKey,
// AuthorizationServer). Claims and policies do not change at run time, so they are built once; keys
// come from the servers' key rings (authServer/), which rotate.
import { AuthServers } from './authServer/authServers';
import type { OrgData } from './data';
import type { Renderer } from './render';
import { Rng } from './rng';

type Body = Record<string, unknown>;

export interface PolicyBodies {
  policy: Body;
  rules: Body[];
}

interface ServerConfigBodies {
  claims: Body[];
  policies: PolicyBodies[];
}

const DAY = 24 * 3600_000;
const iso = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString();

export class ServerConfig {
  private readonly cache = new Map<number, ServerConfigBodies>();
  /** Signing keys, JWKS and discovery of every authorization server (the org's too). */
  readonly authServers: AuthServers;

  constructor(
    private readonly org: OrgData,
    private readonly render: Renderer,
    private readonly origin: string,
  ) {
    this.authServers = new AuthServers(org, origin, (serverIdx) => {
      // The same stream as before real keys existed, so the kids of a seed stay what they were.
      const rng = new Rng(this.org.seed, 'keys', serverIdx);
      const next = rng.oktaId('kid').slice(3);
      const expired = rng.oktaId('kid').slice(3);
      return { next, expired, rng };
    });
  }

  private base(serverIdx: number): string {
    return `${this.origin}/api/v1/authorizationServers/${encodeURIComponent(this.org.servers[serverIdx].id)}`;
  }

  private bodies(serverIdx: number): ServerConfigBodies {
    let hit = this.cache.get(serverIdx);
    if (!hit) {
      hit = {
        claims: this.makeClaims(serverIdx),
        policies: this.makePolicies(serverIdx),
      };
      this.cache.set(serverIdx, hit);
    }
    return hit;
  }

  claims(serverIdx: number): Body[] {
    return this.bodies(serverIdx).claims;
  }

  policies(serverIdx: number): PolicyBodies[] {
    return this.bodies(serverIdx).policies;
  }

  /** The server's signing keys as credentials/keys lists them: ACTIVE (its kid), NEXT, EXPIRED. */
  keys(serverIdx: number): Body[] {
    return this.authServers.managementKeys(serverIdx, this.base(serverIdx));
  }

  /**
   * Servers associated with this one. Each server trusts the next one in the org (when there is
   * one); `trusted=false` lists the other servers, which could still be associated.
   */
  associated(serverIdx: number, trusted: boolean): number[] {
    const n = this.org.servers.length;
    const trustedIdx = n > 1 ? [(serverIdx + 1) % n] : [];
    if (trusted) return trustedIdx;
    return this.org.servers.map((_, i) => i).filter((i) => i !== serverIdx && !trustedIdx.includes(i));
  }

  associatedBody(serverIdx: number): Body {
    return this.render.server(serverIdx);
  }

  private makeClaims(serverIdx: number): Body[] {
    const rng = new Rng(this.org.seed, 'claims', serverIdx);
    const server = this.org.servers[serverIdx];
    const custom = this.org.scopes(serverIdx).filter((s) => !s.system);
    const specs: Array<Omit<Body, 'id' | '_links'>> = [
      {
        name: 'groups',
        status: 'ACTIVE',
        claimType: 'IDENTITY',
        valueType: 'GROUPS',
        value: `${server.slug}-`,
        group_filter_type: 'STARTS_WITH',
        alwaysIncludeInToken: true,
        conditions: { scopes: ['openid'] },
        system: false,
      },
      {
        name: 'email',
        status: 'ACTIVE',
        claimType: 'RESOURCE',
        valueType: 'EXPRESSION',
        value: 'user.email',
        alwaysIncludeInToken: true,
        conditions: { scopes: [] },
        system: false,
      },
      {
        name: 'tenant',
        // Disabled on every other server, so an INACTIVE claim shows up in any org.
        status: serverIdx % 2 === 0 ? 'INACTIVE' : 'ACTIVE',
        claimType: 'RESOURCE',
        valueType: 'EXPRESSION',
        value: `"${server.slug}"`,
        alwaysIncludeInToken: false,
        conditions: { scopes: custom.slice(0, 1).map((s) => s.name) },
        system: false,
      },
      {
        name: 'address',
        status: 'ACTIVE',
        claimType: 'IDENTITY',
        valueType: 'SYSTEM',
        value: '(appuser != null) ? appuser.address : user.address',
        alwaysIncludeInToken: false,
        conditions: { scopes: ['address'] },
        system: true,
      },
    ];
    return specs.map((s) => {
      const id = rng.oktaId('ocl');
      return { id, ...s, _links: { self: { href: `${this.base(serverIdx)}/claims/${id}` } } };
    });
  }

  private makePolicies(serverIdx: number): PolicyBodies[] {
    const rng = new Rng(this.org.seed, 'policies', serverIdx);
    const server = this.org.servers[serverIdx];
    // The partner policy names apps that hold no tokens on this server: its one-day refresh lifetime
    // would contradict the months-long expiries of the seeded tokens of the apps that do.
    const holders = this.org.clientsOf(serverIdx);
    const clients = this.org.apps.filter((_, a) => !holders.includes(a)).map((a) => a.clientId);
    const defs = [
      {
        name: 'Default Policy',
        description: 'Default policy for the authorization server',
        include: ['ALL_CLIENTS'],
        status: 'ACTIVE',
      },
      ...(clients.length
        ? [
            {
              name: `${server.name} partner apps`,
              description: `Short-lived tokens for the partner apps of ${server.name}`,
              include: clients.slice(0, 2),
              status: serverIdx % 3 === 2 ? 'INACTIVE' : 'ACTIVE',
            },
          ]
        : []),
    ];
    return defs.map((d, i) => {
      const id = rng.oktaId('00p');
      const created = server.created + rng.int(0, 30) * DAY;
      const href = `${this.base(serverIdx)}/policies/${id}`;
      const policy: Body = {
        id,
        type: 'OAUTH_AUTHORIZATION_POLICY',
        name: d.name,
        description: d.description,
        priority: i + 1,
        status: d.status,
        system: false,
        conditions: { clients: { include: d.include } },
        created: iso(created),
        lastUpdated: iso(created + rng.int(0, 60) * DAY),
        _links: {
          self: { href, hints: { allow: ['GET', 'PUT', 'DELETE'] } },
          ...(d.status === 'ACTIVE'
            ? { deactivate: { href: `${href}/lifecycle/deactivate`, hints: { allow: ['POST'] } } }
            : { activate: { href: `${href}/lifecycle/activate`, hints: { allow: ['POST'] } } }),
          rules: { href: `${href}/rules`, hints: { allow: ['GET'] } },
        },
      };
      return { policy, rules: this.makeRules(rng, serverIdx, href, i, created) };
    });
  }

  private makeRules(
    rng: Rng,
    serverIdx: number,
    policyHref: string,
    policyNo: number,
    created: number,
  ): Body[] {
    const custom = this.org
      .scopes(serverIdx)
      .filter((s) => !s.system)
      .map((s) => s.name);
    const defs =
      policyNo === 0
        ? [
            {
              name: 'Default Policy Rule',
              grants: ['authorization_code', 'client_credentials', 'interaction_code'],
              scopes: ['*'],
              access: 60,
              refresh: 0,
              window: 7 * 24 * 60,
            },
          ]
        : [
            {
              name: 'Refresh for 1 day',
              grants: ['authorization_code'],
              scopes: ['openid', 'offline_access', ...custom.slice(0, 2)],
              access: 15,
              refresh: 24 * 60,
              window: 24 * 60,
            },
            {
              name: 'Machine to machine',
              grants: ['client_credentials'],
              scopes: custom.slice(0, 1),
              access: 5,
              refresh: 0,
              window: 0,
            },
          ];
    return defs.map((d, i) => {
      const id = rng.oktaId('0pr');
      const href = `${policyHref}/rules/${id}`;
      const status = i === 1 && serverIdx % 2 === 1 ? 'INACTIVE' : 'ACTIVE';
      return {
        id,
        type: 'RESOURCE_ACCESS',
        name: d.name,
        priority: i + 1,
        status,
        system: policyNo === 0,
        conditions: {
          people: { groups: { include: ['EVERYONE'] } },
          grantTypes: { include: d.grants },
          scopes: { include: d.scopes },
        },
        actions: {
          token: {
            accessTokenLifetimeMinutes: d.access,
            refreshTokenLifetimeMinutes: d.refresh,
            refreshTokenWindowMinutes: d.window,
          },
        },
        created: iso(created + i * DAY),
        lastUpdated: iso(created + (i + rng.int(1, 20)) * DAY),
        _links: {
          self: { href, hints: { allow: ['GET', 'PUT', 'DELETE'] } },
          ...(status === 'ACTIVE'
            ? { deactivate: { href: `${href}/lifecycle/deactivate`, hints: { allow: ['POST'] } } }
            : { activate: { href: `${href}/lifecycle/activate`, hints: { allow: ['POST'] } } }),
        },
      };
    });
  }
}
