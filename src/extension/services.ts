// What the extension host hands to the query features (src/extension/query): the log, the saved
// connections, an authenticated Okta client per connection, and the ids the tree has already loaded
// (for completion and quick fixes). Kept as a plain interface so the query side never reaches into the
// tree or the connection store directly.
import type * as vscode from 'vscode';
import type { OktaClient } from '../okta';
import type { Prompter } from './prompter';

/** A saved connection as other parts may see it: never carries a secret. */
export interface ConnectionSummary {
  id: string;
  name: string;
  orgUrl: string;
}

export interface CachedAuthServer {
  connectionId: string;
  id: string;
  name: string;
  issuer?: string;
}

export interface CachedClient {
  connectionId: string;
  authServerId: string;
  id: string;
  name?: string;
}

export interface CachedToken {
  connectionId: string;
  authServerId: string;
  clientId: string;
  id: string;
  userId?: string;
  /** The user's name as the token's user link titles it (the tree shows it; hovers and completion too). */
  userName?: string;
  status?: string;
}

/** Ids the tree has seen so far (only what was loaded; nothing is fetched to fill it). */
export interface IdCache {
  authServers(connectionId?: string): CachedAuthServer[];
  clients(connectionId?: string, authServerId?: string): CachedClient[];
  tokens(connectionId?: string, authServerId?: string, clientId?: string): CachedToken[];
  /** Fires whenever the tree loads or drops rows. */
  readonly onDidChange: vscode.Event<void>;
}

export interface ExtensionServices {
  /** The extension's one log channel (levels: trace…error). Never log secrets. */
  readonly logger: vscode.LogOutputChannel;
  /** Connections in the order the user added them. */
  listConnections(): ConnectionSummary[];
  readonly onDidChangeConnections: vscode.Event<void>;
  /**
   * An authenticated client for the connection, created on first use and reused (it owns the per-org
   * concurrency limiter). Rejects with a clear Error when the connection is unknown or its secret is
   * missing / unreadable.
   */
  getClient(connectionId: string): Promise<OktaClient>;
  readonly idCache: IdCache;
  /** The prompter in use now (the test API can swap it), so query confirmations can be scripted too. */
  prompter(): Prompter;
  /**
   * After a query revoked tokens: marks them REVOKED in the tree and reloads the client's open panels.
   * `at` is what the statement named: a server's client, a user's client, or an app (no server, no user).
   */
  tokensRevoked(
    connectionId: string,
    at: { clientId: string; authServerId?: string; userId?: string },
    tokenIds: readonly string[] | 'all',
  ): void;
}
