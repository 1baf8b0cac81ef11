// A minimal LSP client for tests: speaks JSON-RPC over a pair of streams (in-memory or a child
// process's stdio), answers the server's custom requests with canned data, and collects published
// diagnostics and any log messages so tests can assert that no handler error surfaced.
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { Readable, Writable } from 'node:stream';
import { Requests, type CachedIdsParams } from '../../src/server/protocol';

export interface TestClient {
  conn: ProtocolConnection;
  /** Resolves with the next diagnostics published for the uri (optionally matching a predicate). */
  diagnostics(uri: string, pred?: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]>;
  /** Resolves with the diagnostics published for that version of the document. */
  diagnosticsOf(uri: string, version: number): Promise<Diagnostic[]>;
  logs: string[];
  open(uri: string, text: string): void;
  change(
    uri: string,
    version: number,
    changes: {
      range?: { start: { line: number; character: number }; end: { line: number; character: number } };
      text: string;
    }[],
  ): void;
}

export const IDS = {
  authServers: [
    { id: 'ausDefault1', label: 'default' },
    { id: 'ausOther2', label: 'orders' },
  ],
  clients: {
    ausDefault1: [{ id: '0oaWeb1', label: 'Web App' }],
    ausOther2: [{ id: '0oaCli2', label: 'CLI' }],
  } as Record<string, { id: string; label: string }[]>,
  /** Users of the tokens the tree loaded, named as Okta titles each token's user link. */
  users: [{ id: '00uKaren1', label: 'Karen Easley' }],
};

/** Labels an org could return (names are free text in Okta), keyed by the id parameter they name. */
export const HOSTILE_IDS: Record<string, { id: string; label: string }[]> = {
  authServerId: [{ id: 'ausEvil1', label: '![t](https://any.host/pixel.png?u=1) <img src=x> Orders' }],
  clientId: [{ id: '0oaEvil1', label: '[Payments](https://login.evil.example/okta) **bold** `code`' }],
  tokenId: [{ id: 'oarEvil1', label: 'user <https://evil.example>\n# heading, ACTIVE' }],
};

export async function connectClient(
  input: Readable,
  output: Writable,
  /** What the client declares it supports (a client that pulls diagnostics: `{ textDocument: { diagnostic: {} } }`). */
  capabilities: object = {},
): Promise<TestClient> {
  const conn = createProtocolConnection(new StreamMessageReader(input), new StreamMessageWriter(output));
  const logs: string[] = [];
  const latest = new Map<string, Diagnostic[]>();
  const waiters: {
    uri: string;
    pred: (d: Diagnostic[], version?: number) => boolean;
    resolve: (d: Diagnostic[]) => void;
  }[] = [];
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    latest.set(p.uri, p.diagnostics);
    for (const w of [...waiters]) {
      if (w.uri === p.uri && w.pred(p.diagnostics, p.version)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(p.diagnostics);
      }
    }
  });
  conn.onNotification('window/logMessage', (p: { message: string }) => {
    logs.push(p.message);
  });
  conn.onRequest(Requests.connections, () => [{ name: 'Acme', subdomain: 'acme' }]);
  conn.onRequest(Requests.cachedIds, (p: CachedIdsParams) => {
    // A connection named by a "-- connection:" line has its own cache.
    if (p.connection === 'Other org')
      return p.param === 'clientId' ? [{ id: '0oaOther9', label: 'Other app' }] : [];
    // An org whose names carry Markdown: what the API returns is data and must render as text.
    if (p.connection === 'Hostile org') return HOSTILE_IDS[p.param] ?? [];
    if (p.param === 'authServerId') return IDS.authServers;
    if (p.param === 'clientId') return IDS.clients[p.given.authServerId ?? ''] ?? [];
    if (p.param === 'userId') return IDS.users;
    return [];
  });
  conn.onRequest(Requests.tokenCount, () => 3);
  conn.onRequest('workspace/codeLens/refresh', () => null);
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: null,
    rootUri: null,
    capabilities,
    workspaceFolders: null,
  });
  await conn.sendNotification('initialized', {});
  return {
    conn,
    logs,
    diagnostics(uri, pred = () => true) {
      return new Promise((resolve) => waiters.push({ uri, pred, resolve }));
    },
    diagnosticsOf(uri, version) {
      return new Promise((resolve) => waiters.push({ uri, pred: (_, v) => v === version, resolve }));
    },
    open(uri, text) {
      void conn.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'stackql', version: 1, text },
      });
    },
    change(uri, version, changes) {
      void conn.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: changes,
      });
    },
  };
}
