// okta.authorizationservers.*: custom authorization servers and what hangs off them — the clients
// holding tokens on a server, their refresh tokens, scopes, claims, policies and rules, keys and
// associated servers. One description per resource (see types.ts).
import { QueryExecutionError } from '../errors';
import { expandScope, line, text } from './rows';
import type { Params, ResourceDescription } from './types';

const SERVER = {
  resource: 'okta.authorizationservers.authorization_servers',
  params: { authServerId: 'id' },
};

function trusted(v: string | undefined): { trusted?: boolean } {
  if (v === undefined || v === '') return {};
  const t = v.trim().toLowerCase();
  if (t === 'true') return { trusted: true };
  if (t === 'false') return { trusted: false };
  throw new QueryExecutionError(`trusted = '${v}' must be true or false`);
}

const q = (p: Params) => (p.q ? { q: p.q } : {});

export const AUTHORIZATION_SERVER_RESOURCES: ResourceDescription[] = [
  {
    id: 'okta.authorizationservers.authorization_servers',
    noun: 'authorization server',
    idField: 'id',
    parents: [],
    label: (r) => text(r, 'name') ?? text(r, 'id') ?? '',
    describe: (r) => line(text(r, 'status'), text(r, 'issuer')),
    ids: { authServerId: 'authServerId', id: 'authServerId' },
    methods: {
      list_authorization_servers: {
        kind: 'list',
        call: (c, p, paging, o) => c.listAuthorizationServers({ ...q(p), ...paging }, o),
      },
      get_authorization_server: {
        kind: 'get',
        call: (c, p, o) => c.getAuthorizationServer(p.authServerId!, o),
      },
    },
  },
  {
    id: 'okta.authorizationservers.clients',
    noun: 'client',
    idField: 'client_id',
    parents: [SERVER],
    label: (r) => text(r, 'client_name') ?? text(r, 'client_id') ?? '',
    describe: (r) => text(r, 'client_id') ?? '',
    ids: { authServerId: 'authServerId', client_id: 'clientId' },
    methods: {
      list_oauth2_clients_for_authorization_server: {
        kind: 'list',
        call: (c, p, _paging, o) => c.listClients(p.authServerId!, o),
      },
    },
  },
  {
    id: 'okta.authorizationservers.refresh_tokens',
    noun: 'refresh token',
    idField: 'id',
    parents: [
      {
        resource: 'okta.authorizationservers.clients',
        params: { clientId: 'client_id' },
      },
    ],
    label: (r) => text(r, 'id') ?? '',
    describe: (r) => line(text(r, 'status'), text(r, 'userId'), text(r, 'expiresAt')),
    ids: {
      authServerId: 'authServerId',
      clientId: 'clientId',
      tokenId: 'tokenId',
      id: 'tokenId',
      userId: 'userId',
    },
    fanout: ['authServerId', 'clientId'],
    methods: {
      list_refresh_tokens_for_authorization_server_and_client: {
        kind: 'list',
        call: (c, p, paging, o) =>
          c.listRefreshTokens(p.authServerId!, p.clientId!, { expandScope: expandScope(p), ...paging }, o),
      },
      get_refresh_token_for_authorization_server_and_client: {
        kind: 'get',
        call: (c, p, o) =>
          c.getRefreshToken(p.authServerId!, p.clientId!, p.tokenId!, { expandScope: expandScope(p) }, o),
      },
      revoke_refresh_token_for_authorization_server_and_client: {
        kind: 'revoke',
        bulk: false,
        path: (p) => ({ via: 'server', authServerId: p.authServerId!, clientId: p.clientId! }),
      },
      revoke_refresh_tokens_for_authorization_server_and_client: {
        kind: 'revoke',
        bulk: true,
        path: (p) => ({ via: 'server', authServerId: p.authServerId!, clientId: p.clientId! }),
      },
    },
    revokeTarget: (p, bulk) =>
      bulk
        ? `ALL refresh tokens of client ${p.clientId} on authorization server ${p.authServerId}`
        : `refresh token ${p.tokenId} of client ${p.clientId}`,
  },
  {
    id: 'okta.authorizationservers.scopes',
    noun: 'scope',
    idField: 'id',
    parents: [SERVER],
    label: (r) => text(r, 'name') ?? text(r, 'id') ?? '',
    describe: (r) => line(text(r, 'displayName'), text(r, 'consent')),
    ids: { authServerId: 'authServerId' },
    methods: {
      list_oauth2_scopes: {
        kind: 'list',
        call: (c, p, paging, o) => c.listScopes(p.authServerId!, { ...q(p), ...paging }, o),
      },
      get_oauth2_scope: { kind: 'get', call: (c, p, o) => c.getScope(p.authServerId!, p.scopeId!, o) },
    },
  },
  {
    id: 'okta.authorizationservers.claims',
    noun: 'claim',
    idField: 'id',
    parents: [SERVER],
    label: (r) => text(r, 'name') ?? text(r, 'id') ?? '',
    describe: (r) => line(text(r, 'claimType'), text(r, 'status')),
    ids: { authServerId: 'authServerId' },
    methods: {
      list_oauth2_claims: { kind: 'list', call: (c, p, _paging, o) => c.listClaims(p.authServerId!, o) },
      get_oauth2_claim: { kind: 'get', call: (c, p, o) => c.getClaim(p.authServerId!, p.claimId!, o) },
    },
  },
  {
    id: 'okta.authorizationservers.policies',
    noun: 'policy',
    idField: 'id',
    parents: [SERVER],
    label: (r) => text(r, 'name') ?? text(r, 'id') ?? '',
    describe: (r) => line(text(r, 'status'), text(r, 'priority') && `priority ${text(r, 'priority')}`),
    ids: { authServerId: 'authServerId' },
    methods: {
      list_authorization_server_policies: {
        kind: 'list',
        call: (c, p, _paging, o) => c.listPolicies(p.authServerId!, o),
      },
      get_authorization_server_policy: {
        kind: 'get',
        call: (c, p, o) => c.getPolicy(p.authServerId!, p.policyId!, o),
      },
    },
  },
  {
    id: 'okta.authorizationservers.rules',
    noun: 'policy rule',
    idField: 'id',
    parents: [{ resource: 'okta.authorizationservers.policies', params: { policyId: 'id' } }],
    label: (r) => text(r, 'name') ?? text(r, 'id') ?? '',
    describe: (r) =>
      line(
        text(r, 'status'),
        text(r, 'actions.token.accessTokenLifetimeMinutes') &&
          `access ${text(r, 'actions.token.accessTokenLifetimeMinutes')} min`,
        text(r, 'actions.token.refreshTokenWindowMinutes') &&
          `refresh idle ${text(r, 'actions.token.refreshTokenWindowMinutes')} min`,
      ),
    ids: { authServerId: 'authServerId' },
    methods: {
      list_authorization_server_policy_rules: {
        kind: 'list',
        call: (c, p, _paging, o) => c.listPolicyRules(p.authServerId!, p.policyId!, o),
      },
      get_authorization_server_policy_rule: {
        kind: 'get',
        call: (c, p, o) => c.getPolicyRule(p.authServerId!, p.policyId!, p.ruleId!, o),
      },
    },
  },
  {
    id: 'okta.authorizationservers.keys',
    noun: 'signing key',
    idField: 'kid',
    parents: [SERVER],
    label: (r) => text(r, 'kid') ?? '',
    describe: (r) => line(text(r, 'status'), text(r, 'alg')),
    ids: { authServerId: 'authServerId' },
    methods: {
      list_authorization_server_keys: {
        kind: 'list',
        call: (c, p, _paging, o) => c.listKeys(p.authServerId!, o),
      },
      get_authorization_server_key: {
        kind: 'get',
        call: (c, p, o) => c.getKey(p.authServerId!, p.keyId!, o),
      },
    },
  },
  {
    id: 'okta.authorizationservers.associated_servers',
    noun: 'associated server',
    idField: 'id',
    parents: [SERVER],
    label: (r) => text(r, 'name') ?? text(r, 'id') ?? '',
    describe: (r) => line(text(r, 'status'), text(r, 'issuer')),
    ids: { authServerId: 'authServerId' },
    methods: {
      list_associated_servers_by_trusted_type: {
        kind: 'list',
        call: (c, p, paging, o) =>
          c.listAssociatedServers(p.authServerId!, { ...trusted(p.trusted), ...q(p), ...paging }, o),
      },
    },
  },
];
