// okta.users.*: users, the OAuth clients holding their tokens or grants, their refresh tokens per
// client (the same token objects as under a server or an app) and their consent grants.
import { userDisplayName, type User } from '../../okta';
import { expandScope, line, text } from './rows';
import type { Params, ResourceDescription } from './types';

const USER = { resource: 'okta.users.users', params: { userId: 'id' } };

const defined = (o: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as Record<
    string,
    string
  >;

export const USER_RESOURCES: ResourceDescription[] = [
  {
    id: 'okta.users.users',
    noun: 'user',
    idField: 'id',
    parents: [],
    label: (r) => userDisplayName({ id: text(r, 'id') ?? '', profile: (r.profile ?? {}) as User['profile'] }),
    describe: (r) => line(text(r, 'profile.login'), text(r, 'status')),
    ids: { id: 'userId' },
    methods: {
      list_users: {
        kind: 'list',
        call: (c, p: Params, paging, o) =>
          c.listUsers(
            {
              ...defined({
                q: p.q,
                filter: p.filter,
                search: p.search,
                sortBy: p.sortBy,
                sortOrder: p.sortOrder,
              }),
              ...paging,
            },
            o,
          ),
      },
      get_user: { kind: 'get', call: (c, p, o) => c.getUser(p.id!, o) },
    },
  },
  {
    id: 'okta.users.user_clients',
    noun: 'client',
    idField: 'client_id',
    parents: [USER],
    label: (r) => text(r, 'client_name') ?? text(r, 'client_id') ?? '',
    describe: (r) => text(r, 'client_id') ?? '',
    ids: { userId: 'userId', client_id: 'clientId' },
    methods: {
      list_user_clients: { kind: 'list', call: (c, p, _paging, o) => c.listUserClients(p.userId!, o) },
    },
  },
  {
    id: 'okta.users.oauth_tokens',
    noun: 'refresh token',
    idField: 'id',
    parents: [{ resource: 'okta.users.user_clients', params: { clientId: 'client_id' } }],
    label: (r) => text(r, 'id') ?? '',
    describe: (r) => line(text(r, 'status'), text(r, 'issuer'), text(r, 'expiresAt')),
    ids: { userId: 'userId', clientId: 'clientId', tokenId: 'tokenId', id: 'tokenId' },
    // "Which tokens does this user hold, in which apps?": every client of the user, then its tokens.
    fanout: ['clientId'],
    methods: {
      list_refresh_tokens_for_user_and_client: {
        kind: 'list',
        call: (c, p, paging, o) =>
          c.listTokensAt(
            { via: 'user', userId: p.userId!, clientId: p.clientId! },
            { expandScope: expandScope(p), ...paging },
            o,
          ),
      },
      get_refresh_token_for_user_and_client: {
        kind: 'get',
        call: (c, p, o) =>
          c.getTokenAt(
            { via: 'user', userId: p.userId!, clientId: p.clientId! },
            p.tokenId!,
            { expandScope: expandScope(p) },
            o,
          ),
      },
      revoke_token_for_user_and_client: {
        kind: 'revoke',
        bulk: false,
        path: (p) => ({ via: 'user', userId: p.userId!, clientId: p.clientId! }),
      },
      revoke_tokens_for_user_and_client: {
        kind: 'revoke',
        bulk: true,
        path: (p) => ({ via: 'user', userId: p.userId!, clientId: p.clientId! }),
      },
    },
    revokeTarget: (p, bulk) =>
      bulk
        ? `ALL refresh tokens of user ${p.userId} for client ${p.clientId}`
        : `refresh token ${p.tokenId} of user ${p.userId} for client ${p.clientId}`,
  },
  {
    id: 'okta.users.grants',
    noun: 'grant',
    idField: 'id',
    parents: [USER],
    label: (r) => text(r, 'scopeId') ?? text(r, 'id') ?? '',
    describe: (r) => line(text(r, 'status'), text(r, 'clientId'), text(r, 'source')),
    ids: { userId: 'userId', clientId: 'clientId' },
    methods: {
      list_user_grants: {
        kind: 'list',
        call: (c, p, paging, o) =>
          c.listUserGrants(
            p.userId!,
            { ...defined({ scopeId: p.scopeId }), expandScope: expandScope(p), ...paging },
            o,
          ),
      },
      list_grants_for_user_and_client: {
        kind: 'list',
        call: (c, p, paging, o) =>
          c.listUserClientGrants(p.userId!, p.clientId!, { expandScope: expandScope(p), ...paging }, o),
      },
      get_user_grant: {
        kind: 'get',
        call: (c, p, o) => c.getUserGrant(p.userId!, p.grantId!, { expandScope: expandScope(p) }, o),
      },
    },
  },
];
