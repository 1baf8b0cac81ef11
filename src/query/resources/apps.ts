// okta.apps.*: applications (an OIDC app's OAuth settings included), the refresh tokens issued to an
// app on any server for any user (the same token objects as under a server or a user), and the app's
// admin consent grants.
import { expandScope, line, text } from './rows';
import type { ResourceDescription } from './types';

const APP = { resource: 'okta.apps.applications', params: { appId: 'id' } };

export const APP_RESOURCES: ResourceDescription[] = [
  {
    id: 'okta.apps.applications',
    noun: 'application',
    idField: 'id',
    parents: [],
    label: (r) => text(r, 'label') ?? text(r, 'name') ?? text(r, 'id') ?? '',
    describe: (r) =>
      line(text(r, 'status'), text(r, 'signOnMode'), text(r, 'credentials.oauthClient.client_id')),
    ids: {},
    methods: {
      list_applications: {
        kind: 'list',
        call: (c, p, paging, o) =>
          c.listApplications(
            { ...(p.q ? { q: p.q } : {}), ...(p.filter ? { filter: p.filter } : {}), ...paging },
            o,
          ),
      },
      get_application: { kind: 'get', call: (c, p, o) => c.getApplication(p.appId!, o) },
    },
  },
  {
    id: 'okta.apps.tokens',
    noun: 'refresh token',
    idField: 'id',
    parents: [APP],
    label: (r) => text(r, 'id') ?? '',
    describe: (r) => line(text(r, 'status'), text(r, 'userId'), text(r, 'expiresAt')),
    ids: { tokenId: 'tokenId', id: 'tokenId', userId: 'userId', clientId: 'clientId' },
    methods: {
      list_oauth2_tokens_for_application: {
        kind: 'list',
        call: (c, p, paging, o) =>
          c.listTokensAt({ via: 'app', appId: p.appId! }, { expandScope: expandScope(p), ...paging }, o),
      },
      get_oauth2_token_for_application: {
        kind: 'get',
        call: (c, p, o) =>
          c.getTokenAt({ via: 'app', appId: p.appId! }, p.tokenId!, { expandScope: expandScope(p) }, o),
      },
      revoke_oauth2_token_for_application: {
        kind: 'revoke',
        bulk: false,
        path: (p) => ({ via: 'app', appId: p.appId! }),
      },
      revoke_oauth2_tokens_for_application: {
        kind: 'revoke',
        bulk: true,
        path: (p) => ({ via: 'app', appId: p.appId! }),
      },
    },
    revokeTarget: (p, bulk) =>
      bulk ? `ALL refresh tokens of app ${p.appId}` : `refresh token ${p.tokenId} of app ${p.appId}`,
  },
  {
    id: 'okta.apps.grants',
    noun: 'grant',
    idField: 'id',
    parents: [APP],
    label: (r) => text(r, 'scopeId') ?? text(r, 'id') ?? '',
    describe: (r) => line(text(r, 'status'), text(r, 'source'), text(r, 'issuer')),
    ids: {},
    methods: {
      list_scope_consent_grants: {
        kind: 'list',
        call: (c, p, _paging, o) => c.listAppGrants(p.appId!, { expandScope: expandScope(p) }, o),
      },
      get_scope_consent_grant: {
        kind: 'get',
        call: (c, p, o) => c.getAppGrant(p.appId!, p.grantId!, { expandScope: expandScope(p) }, o),
      },
    },
  },
];
