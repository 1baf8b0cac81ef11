// Starts the `.iql` language server (dist/server.js) over IPC and answers its custom requests from the
// extension's state: saved connections (for subdomain completion), ids the tree has loaded (completion
// values and quick-fix fills) and how many tokens a bulk DELETE would revoke (code lens title).
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import type { ExtensionServices } from '../services';
import {
  CacheChangedNotification,
  LANGUAGE_ID,
  Requests,
  SERVER_EXEC_ARGV,
  type CachedId,
  type CachedIdsParams,
  type ConnectionInfo,
  type TokenCountParams,
} from '../../server/protocol';
import { offeredLabels, resolveConnection } from './connectionResolver';

function connectionIdFor(
  services: ExtensionServices,
  given: Record<string, string>,
  directive?: string,
): string | undefined {
  const r = resolveConnection(services.listConnections(), given.subdomain, directive);
  return r.ok ? r.connection.id : undefined;
}

export async function startLanguageClient(
  context: vscode.ExtensionContext,
  services: ExtensionServices,
): Promise<LanguageClient> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: SERVER_EXEC_ARGV } },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6019'] },
    },
  };
  const outputChannel = vscode.window.createOutputChannel('Okta Tokens: Query Language Server', {
    log: true,
  });
  context.subscriptions.push(outputChannel);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: LANGUAGE_ID }],
    outputChannel,
  };
  const client = new LanguageClient(
    'oktaTokens.iql',
    'Okta Tokens: Query Language Server',
    serverOptions,
    clientOptions,
  );

  client.onRequest(Requests.connections, (): ConnectionInfo[] => {
    const all = services.listConnections();
    const labels = offeredLabels(all);
    return all.map((c) => {
      const sub = labels.get(c.id);
      return sub ? { name: c.name, subdomain: sub } : { name: c.name };
    });
  });
  client.onRequest(Requests.cachedIds, (p: CachedIdsParams): CachedId[] => {
    const conn = connectionIdFor(services, p.given, p.connection);
    const cache = services.idCache;
    switch (p.param) {
      case 'authServerId':
        return cache.authServers(conn).map((s) => ({ id: s.id, label: s.name }));
      case 'clientId':
        return cache
          .clients(conn, p.given.authServerId)
          .map((c) => ({ id: c.id, ...(c.name ? { label: c.name } : {}) }));
      case 'tokenId':
        // Whose token it is, by name when the tree has one (people are not ids).
        return cache.tokens(conn, p.given.authServerId, p.given.clientId).map((t) => {
          const who = t.userName ?? t.userId;
          return { id: t.id, ...(who ? { label: `${who}, ${t.status ?? ''}` } : {}) };
        });
      case 'userId': {
        const seen = new Set<string>();
        return cache
          .tokens(conn, p.given.authServerId, p.given.clientId)
          .filter((t) => t.userId && !seen.has(t.userId) && (seen.add(t.userId), true))
          .map((t) => ({ id: t.userId!, ...(t.userName ? { label: t.userName } : {}) }));
      }
    }
  });
  client.onRequest(Requests.tokenCount, (p: TokenCountParams): number | null => {
    const conn = connectionIdFor(services, p.given, p.connection);
    if (!conn || !p.given.authServerId || !p.given.clientId) return null;
    const loaded = services.idCache
      .tokens(conn, p.given.authServerId, p.given.clientId)
      .filter((t) => t.status !== 'REVOKED');
    // Only a count the tree actually loaded; "all tokens" wording is used otherwise.
    return loaded.length > 0 ? loaded.length : null;
  });
  context.subscriptions.push(
    services.idCache.onDidChange(
      () => void client.sendNotification(CacheChangedNotification).catch(() => undefined),
    ),
    services.onDidChangeConnections(
      () => void client.sendNotification(CacheChangedNotification).catch(() => undefined),
    ),
  );
  await client.start();
  context.subscriptions.push({ dispose: () => void client.stop() });
  return client;
}
