// Scope consent grants (Okta's OAuth2ScopeConsentGrant), derived from the org's tokens so the two
// agree: a user has an END_USER grant for each scope their tokens on a (server, app) carry that needed
// consent — a custom scope whose consent is not IMPLICIT, or any scope when the app's consent_method is
// REQUIRED — dated at the first token that carried it. Apps have ADMIN grants of the Okta API scopes
// an admin gave them (issuer: the org). Revoking tokens leaves consent in place, as in Okta.
import type { OrgData } from './data';
import { Rng } from './rng';

export interface GrantRec {
  id: string;
  source: 'END_USER' | 'ADMIN';
  appIdx: number;
  /** END_USER grants: the user, the server and the index of the scope in the server's list. */
  userIdx?: number;
  serverIdx?: number;
  scopeIdx?: number;
  /** ADMIN grants: the Okta API scope name (its scopeId). */
  oktaScope?: string;
  status: 'ACTIVE' | 'REVOKED';
  created: number;
  lastUpdated: number;
}

export class Grants {
  private readonly byUser = new Map<number, GrantRec[]>();
  private readonly byApp = new Map<number, GrantRec[]>();

  constructor(private readonly org: OrgData) {}

  /** A user's END_USER grants in server, app, scope order. */
  ofUser(userIdx: number): GrantRec[] {
    let list = this.byUser.get(userIdx);
    if (!list) {
      const first = new Map<string, { s: number; a: number; k: number; created: number }>();
      for (const { serverIdx: s, appIdx: a, token } of this.org.tokensOfUser(userIdx)) {
        const scopes = this.org.scopes(s);
        const app = this.org.apps[a];
        for (const k of token.scopeIdx) {
          if (scopes[k].consent === 'IMPLICIT' && app.consentMethod !== 'REQUIRED') continue;
          const key = `${s}/${a}/${k}`;
          const seen = first.get(key);
          if (!seen || token.created < seen.created) first.set(key, { s, a, k, created: token.created });
        }
      }
      list = [...first.values()]
        .sort((x, y) => x.s - y.s || x.a - y.a || x.k - y.k)
        .map(({ s, a, k, created }) => ({
          id: new Rng(this.org.seed, 'grant', s, a, userIdx, k).oktaId('oag'),
          source: 'END_USER' as const,
          appIdx: a,
          userIdx,
          serverIdx: s,
          scopeIdx: k,
          status: 'ACTIVE' as const,
          created,
          lastUpdated: created,
        }));
      this.byUser.set(userIdx, list);
    }
    return list;
  }

  /** An app's ADMIN grants of Okta API scopes. */
  ofApp(appIdx: number): GrantRec[] {
    let list = this.byApp.get(appIdx);
    if (!list) {
      const app = this.org.apps[appIdx];
      list = app.oktaScopes.map((scope, i) => {
        const created = app.created + (i + 1) * 3600_000;
        return {
          id: new Rng(this.org.seed, 'app-grant', appIdx, i).oktaId('oag'),
          source: 'ADMIN' as const,
          appIdx,
          oktaScope: scope,
          status: 'ACTIVE' as const,
          created,
          lastUpdated: created,
        };
      });
      this.byApp.set(appIdx, list);
    }
    return list;
  }
}
