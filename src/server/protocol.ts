// Custom LSP messages between the `.iql` language server and the extension host. The server has no
// credentials and no network; whatever only the extension knows (saved connections, ids the tree has
// loaded, how many tokens a client holds) it asks for with these requests. Shared by both sides; no
// `vscode` import.

export interface ConnectionInfo {
  name: string;
  /** First label of the org host (acme for https://acme.okta.com), when it has one. */
  subdomain?: string;
}

export interface CachedIdsParams {
  param: 'authServerId' | 'clientId' | 'tokenId' | 'userId';
  /** Parameters already written in the statement (subdomain, authServerId…), to narrow the ids. */
  given: Record<string, string>;
  connection?: string;
}
export interface CachedId {
  id: string;
  label?: string;
}

export interface TokenCountParams {
  given: Record<string, string>;
  connection?: string;
}

export const Requests = {
  connections: 'oktaTokens/connections',
  cachedIds: 'oktaTokens/cachedIds',
  tokenCount: 'oktaTokens/tokenCount',
} as const;

/** Sent by the extension when its cache of ids or its connections change (code lenses refresh). */
export const CacheChangedNotification = 'oktaTokens/cacheChanged';

/** The command a code lens runs: arguments [uri, offset of the statement]. */
export const RUN_STATEMENT_COMMAND = 'oktaTokens.query.runStatement';

/**
 * Node flags the server process runs with. It mostly waits for keystrokes and allocates in short
 * bursts (a change, a publish): a 2 MiB young generation instead of V8's default 16 MiB keeps its
 * resident memory near what it holds (about 90 → 76 MiB with a 5,000-line file open; bench:lsp).
 */
export const SERVER_EXEC_ARGV = ['--max-semi-space-size=2'];

export const LANGUAGE_ID = 'stackql';
export const DIAGNOSTIC_SOURCE = 'okta-iql';
