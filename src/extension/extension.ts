// Entry point. activate() only wires objects together — no network, no secret reads, no client
// creation — so it returns in a few milliseconds; everything else happens when the user opens the view or
// runs a command. It returns the test API (testApi.ts) only when the test harness asks for it
// (testHooks.ts); a normal activation returns nothing another extension could use to answer prompts.
import * as vscode from 'vscode';
import { registerCommands } from './commands/register';
import { revokeTargets, revokeAllOfClient, type RevokeDeps } from './commands/revokeTokens';
import { copyValue } from './commands/copy';
import type { ConnectionDeps } from './connections/addConnection';
import { ClientProvider } from './connections/clientProvider';
import { ConnectionStore } from './connections/connectionStore';
import { SecretStore, secretKey } from './connections/secretStore';
import { bootstrapDemo, readDemoConfig } from './demo';
import { createLog, errorMessage, Masker } from './logging';
import { PanelManager } from './panels/panelManager';
import { PromptHolder } from './prompter';
import { registerJwtFeatures } from './jwt';
import { registerWatchFeatures } from './watch';
import { registerQueryFeatures, type QueryFeatures } from './query';
import type { ExtensionServices } from './services';
import type { OktaTokenExplorerTestApi, TreeRow } from './testApi';
import { testHooksRequested, type ExtensionModeName } from './testHooks';
import { simulateRestrictedMode } from './commands/trust';
import type { TreeNode } from './tree/nodes';
import { TokenTreeProvider } from './tree/tokenTree';
import { WalkthroughProgress } from './walkthrough';

const MODE_NAMES: Record<vscode.ExtensionMode, ExtensionModeName> = {
  [vscode.ExtensionMode.Production]: 'production',
  [vscode.ExtensionMode.Development]: 'development',
  [vscode.ExtensionMode.Test]: 'test',
};

export function activate(context: vscode.ExtensionContext): OktaTokenExplorerTestApi | undefined {
  const t0 = performance.now();
  // Decided once, here: later changes to the environment cannot turn the hooks on.
  const testHooks = testHooksRequested(MODE_NAMES[context.extensionMode] ?? 'production', process.env);
  const masker = new Masker();
  const log = createLog(masker);
  const prompts = new PromptHolder();
  const store = new ConnectionStore(context.globalState);
  const secrets = new SecretStore(context.secrets);
  const version = String((context.extension.packageJSON as { version?: unknown }).version ?? '0.0.0');
  const clients = new ClientProvider(store, secrets, log, masker, version);
  const getClient = (id: string) => clients.get(id);

  const tree = new TokenTreeProvider({
    store,
    secrets,
    getClient,
    log,
    masker,
    workspaceState: context.workspaceState,
  });
  const treeView = vscode.window.createTreeView('oktaTokenExplorer.tree', {
    treeDataProvider: tree,
    canSelectMany: true,
    showCollapseAll: true,
  });
  const updateMessage = () => {
    const msg = tree.filterSummary();
    treeView.message = msg;
    void vscode.commands.executeCommand('setContext', 'oktaTokenExplorer.filtered', msg !== undefined);
  };

  const conn: ConnectionDeps = { store, secrets, log, masker, prompter: () => prompts.current, version };
  const revoke: RevokeDeps = {
    tree,
    getClient,
    log,
    masker,
    prompter: () => prompts.current,
    // Runs only after activation, when `panels` below exists.
    onRevoked: (refs) => panels.clientsChanged(refs),
  };
  const panels = new PanelManager({
    extensionUri: context.extensionUri,
    store,
    tree,
    getClient,
    log,
    errorText: (err) => errorMessage(err, masker),
    revoke: (targets, onConfirmed) => revokeTargets(revoke, targets, onConfirmed),
    revokeAll: (ref, onConfirmed) => revokeAllOfClient(revoke, ref, onConfirmed),
    copy: copyValue,
  });

  // The walkthrough's "Connect" step completes on this context, so it must hold from activation on,
  // not only once the tree has been opened.
  const setHasConnections = () =>
    void vscode.commands.executeCommand(
      'setContext',
      'oktaTokenExplorer.hasConnections',
      store.list().length > 0,
    );
  setHasConnections();
  // The walkthrough's "Connect" and "Browse" steps are checked from what is true (walkthrough.ts).
  let viewSeen = treeView.visible;
  const walkthrough = new WalkthroughProgress({
    connect: () => store.list().length > 0,
    browse: () => viewSeen,
  });

  context.subscriptions.push(
    log,
    store,
    tree,
    treeView,
    panels,
    ...panels.register(),
    ...registerCommands({ conn, tree, treeView, panels, revoke, log }),
    tree.onDidChangeFilters(updateMessage),
    // Token lists of collapsed clients are dropped beyond a limit (tree/hiddenLists.ts).
    treeView.onDidExpandElement((e) => tree.expanded(e.element)),
    treeView.onDidCollapseElement((e) => tree.collapsed(e.element)),
    walkthrough,
    treeView.onDidChangeVisibility((e) => {
      if (!e.visible || viewSeen) return;
      viewSeen = true;
      walkthrough.update();
    }),
    store.onDidChange(() => walkthrough.update()),
    store.onDidChange(() => {
      clients.forget();
      tree.connectionsChanged();
      setHasConnections();
    }),
    // A secret changed here or in another window (sign-in, sign-out, edit): drop the cached client.
    secrets.onDidChange((connectionId) => {
      clients.forget(connectionId);
      tree.connectionsChanged(connectionId);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('oktaTokenExplorer.requestConcurrency')) clients.forget();
      if (e.affectsConfiguration('oktaTokenExplorer.pageSize')) tree.refresh();
    }),
  );

  const services: ExtensionServices = {
    logger: log,
    listConnections: () => store.list().map(({ id, name, orgUrl }) => ({ id, name, orgUrl })),
    onDidChangeConnections: store.onDidChange,
    getClient,
    idCache: tree.idCache,
    prompter: () => prompts.current,
    tokensRevoked: (connectionId, at, tokenIds) => {
      // Wherever the tree shows those tokens: under their server and under their users.
      tree.markRevoked({ connectionId, ...at }, tokenIds);
      panels.clientsChanged([
        { connectionId, authServerId: at.authServerId ?? '', clientId: at.clientId, clientName: at.clientId },
      ]);
    },
  };
  let query: QueryFeatures | undefined;
  try {
    query = registerQueryFeatures(context, services);
  } catch (err) {
    log.error(`Query features failed to start: ${errorMessage(err, masker)}`);
  }
  // Tokens and Okta ids in any file: hover, "Decode and Verify Token…", reveal in the tree.
  context.subscriptions.push(
    registerJwtFeatures({ services, tree, treeView, extensionUri: context.extensionUri }),
  );
  // Watch Tokens, Show Timeline and Why It Expires (issue 13).
  const watch = registerWatchFeatures({
    services,
    extensionUri: context.extensionUri,
    prompter: () => prompts.current,
    errorText: (err) => errorMessage(err, masker),
  });
  context.subscriptions.push(watch);

  const demo = readDemoConfig(process.env);
  if (demo) {
    masker.add(demo.token);
    // Saved now, with no connection test first (demo.ts): the first view shows the connection as soon
    // as it is stored, and its servers load when it is opened.
    void bootstrapDemo(demo, { store, secrets, log });
  }

  const activationMs = performance.now() - t0;
  log.info(`Activated in ${activationMs.toFixed(1)} ms`);
  if (!testHooks) return undefined;
  log.info('Test hooks are on (extension-host test harness)');

  const row = (node: TreeNode): TreeRow => {
    // With the tooltip VS Code would show on hover.
    const item = tree.resolveTreeItem(tree.getTreeItem(node), node);
    const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
    return {
      id: node.id,
      kind: node.kind,
      label,
      description: typeof item.description === 'string' ? item.description : undefined,
      contextValue: item.contextValue,
      ...(item.tooltip instanceof vscode.MarkdownString
        ? {
            tooltip: {
              markdown: item.tooltip.value,
              isTrusted: item.tooltip.isTrusted === true,
              supportHtml: item.tooltip.supportHtml === true,
            },
          }
        : {}),
      node,
    };
  };
  const children = async (node?: TreeNode) => (await tree.getChildren(node)).map(row);
  return {
    activationMs,
    connections: services.listConnections,
    children,
    async find(path) {
      let current: TreeRow | undefined;
      for (const label of path) {
        const rows = await children(current?.node);
        current = rows.find((r) => r.label === label || r.description === label);
        if (!current) return undefined;
      }
      return current;
    },
    treeView,
    setPrompter: (p) => {
      prompts.current = p ?? new PromptHolder().current;
    },
    simulateRestrictedMode,
    lastResults: () => query?.lastResults() ?? [],
    exportLast: async (format, target) => query?.exportLast(format, target),
    panels: () =>
      panels.list().map((p) => ({
        ids: p.ids,
        viewType: p.panel.viewType,
        title: p.panel.title,
        view: p.lastView,
        error: p.lastError,
        html: p.panel.webview.html,
        ready: p.isReady,
      })),
    secretKeyFor: secretKey,
    hasStoredSecret: async (id) => (await secrets.get(id)) !== undefined,
    logText: () => log.transcript(),
    storage: () => ({
      logDir: context.logUri.fsPath,
      globalStorageDir: context.globalStorageUri.fsPath,
      globalStateJson: JSON.stringify(
        Object.fromEntries(context.globalState.keys().map((k) => [k, context.globalState.get(k)])),
      ),
    }),
    viewMessage: () => treeView.message,
    watches: () =>
      watch.watchPanels().map((w) => ({
        state: w.state(),
        status: w.session.status(),
        events: [...w.session.events],
        exportJson: async (target: string) => (await w.exportJson(vscode.Uri.file(target)))?.fsPath,
      })),
    cacheStats: () => ({
      ...tree.cacheStats(),
      resultRows: (query?.lastResults() ?? []).reduce((n, r) => n + r.rows.length, 0),
      panels: panels.list().length,
      watchEvents: watch.watchPanels().reduce((n, w) => n + w.session.events.length, 0),
    }),
    reports: () =>
      watch.reportPanels().map((r) => ({
        key: r.key,
        viewType: r.panel.viewType,
        title: r.panel.title,
        view: r.lastView,
        error: r.lastError,
      })),
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
