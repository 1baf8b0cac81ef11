// The shape of a resource description (see index.ts): what one StackQL resource is to this project —
// the client call behind each method, its ids and relations, how a row is named, and which ids the
// editor completes and names. Types only; the descriptions live in one file per service.
import type { CallOptions, OktaClient, PagedList, TokenPath } from '../../okta';

/**
 * The client calls the query engine makes (an OktaClient satisfies it). Every call a description makes
 * is listed here, so a description cannot reach for anything else.
 */
export type QueryClient = Pick<
  OktaClient,
  | 'listAuthorizationServers'
  | 'getAuthorizationServer'
  | 'listClients'
  | 'listRefreshTokens'
  | 'getRefreshToken'
  | 'revokeRefreshToken'
  | 'revokeRefreshTokens'
  | 'listTokensAt'
  | 'getTokenAt'
  | 'revokeTokenAt'
  | 'revokeTokensAt'
  | 'listScopes'
  | 'getScope'
  | 'listClaims'
  | 'getClaim'
  | 'listPolicies'
  | 'getPolicy'
  | 'listPolicyRules'
  | 'getPolicyRule'
  | 'listKeys'
  | 'getKey'
  | 'listAssociatedServers'
  | 'listUsers'
  | 'getUser'
  | 'listUserClients'
  | 'listUserGrants'
  | 'listUserClientGrants'
  | 'getUserGrant'
  | 'listApplications'
  | 'getApplication'
  | 'listAppGrants'
  | 'getAppGrant'
  | 'listLogEvents'
>;

/** A statement's request parameters, values rendered (path, query and server parameters). */
export type Params = Readonly<Record<string, string | undefined>>;

/** The page size and start cursor the engine settled on for a list (LIMIT push-down, `after`). */
export interface Paging {
  limit?: number;
  after?: string;
}

/** A SELECT method that lists: one PagedList, followed up to the page cap. */
export interface ListBinding {
  kind: 'list';
  call(client: QueryClient, p: Params, paging: Paging, opts: CallOptions): PagedList<object>;
}

/** A SELECT method that gets one object. */
export interface GetBinding {
  kind: 'get';
  call(client: QueryClient, p: Params, opts: CallOptions): Promise<object>;
}

/**
 * A DELETE method that revokes refresh tokens: which token path it works on, and whether it revokes one
 * token (`tokenId`) or all of the path's. Every revoke goes through the client's one revoke logic, so
 * the outcomes and the confirmations are the same whichever path a token is reached through.
 */
export interface RevokeBinding {
  kind: 'revoke';
  bulk: boolean;
  path(p: Params): TokenPath;
}

export type MethodBinding = ListBinding | GetBinding | RevokeBinding;

/**
 * The ids the editor can complete and name from what the Okta Tokens view has loaded (the language
 * server's CachedIdsParams): a parameter or field of a resource maps to one of these kinds.
 */
export type IdKind = 'authServerId' | 'clientId' | 'tokenId' | 'userId';

/** A parent resource and how this one's path parameters come from a parent row. */
export interface Relation {
  /** The parent's StackQL id, e.g. okta.users.users. */
  resource: string;
  /** This resource's parameter → the field of the parent row that gives its value. */
  params: Record<string, string>;
}

export interface ResourceDescription {
  /** StackQL name, okta.<service>.<resource>; its catalogue entry has the same id. */
  id: string;
  /** What one row is, for messages: 'refresh token', 'user'. */
  noun: string;
  /** The field holding a row's own id ('id', 'uuid', 'client_id', 'kid'). */
  idField: string;
  /** Where this resource hangs: each parent and which of its fields fill this one's path parameters. */
  parents: Relation[];
  /** How a row is named (a tree label, a confirmation): a name where Okta has one, else its id. */
  label(row: Record<string, unknown>): string;
  /** One line more about a row (status, login, dates): a tree description, a hover. */
  describe(row: Record<string, unknown>): string;
  /** Parameters and fields whose values complete and hover from the ids the tree loaded. */
  ids: Readonly<Record<string, IdKind>>;
  /** The client call behind each runnable method, by catalogue method name; others cannot run. */
  methods: Readonly<Record<string, MethodBinding>>;
  /**
   * Path parameters a SELECT may leave out with /*+ FANOUT *\/: listed from the org instead. The
   * refresh_tokens resource walks servers and clients itself; any other resource's fan-out lists the
   * parent whose relation gives those parameters and runs its own list once per parent row.
   */
  fanout?: readonly string[];
  /** For a revoke's confirmation: what it revokes, in words, from the statement's parameters. */
  revokeTarget?(p: Params, bulk: boolean): string;
}
