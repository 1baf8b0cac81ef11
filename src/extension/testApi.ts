// What `activate` returns to the extension-host test suites — and only to them: it exists only when the
// harness asks for test hooks (testHooks.ts); a normal activation returns nothing. It exposes state to
// assert on — connections, tree rows, panels, the last query results, the activation time — and hooks
// that stand in for a person: answering prompts, exporting to a given path, forcing Restricted Mode.
// It never exposes a secret.
import type * as vscode from 'vscode';
import type { ConnectionSummary } from './services';
import type { Prompter } from './prompter';
import type { DetailView, PanelIds } from './panels/protocol';
import type { ResultPayload } from './query/resultsProtocol';
import type { TreeNode } from './tree/nodes';
import type { TreeCacheStats } from './tree/tokenTree';
import type { WatchEvent, WatchStatus } from '../okta/watch/session';
import type { WatchState } from './watch/protocol';

export interface TreeRow {
  id: string;
  kind: TreeNode['kind'];
  label: string;
  description?: string;
  contextValue?: string;
  /** The tooltip's Markdown source and whether VS Code would trust it (command links, HTML). */
  tooltip?: { markdown: string; isTrusted: boolean; supportHtml: boolean };
  node: TreeNode;
}

export interface PanelInfo {
  ids: PanelIds;
  viewType: string;
  title: string;
  view?: DetailView;
  error?: string;
  html: string;
  /** The page completed the ready handshake. */
  ready: boolean;
}

export interface OktaTokenExplorerTestApi {
  /** Milliseconds spent inside activate(). */
  readonly activationMs: number;
  connections(): ConnectionSummary[];
  /** Children of a node (or the roots) rendered as rows, loading them if needed — exactly what the view shows. */
  children(node?: TreeNode): Promise<TreeRow[]>;
  /** Finds a row by label path from the root, e.g. ['Demo org', 'default', 'My App']. */
  find(path: string[]): Promise<TreeRow | undefined>;
  treeView: vscode.TreeView<TreeNode>;
  /** Replace the prompter (modals, input boxes, pickers); pass undefined to restore the real one. */
  setPrompter(p: Prompter | undefined): void;
  /** Behave as in Restricted Mode (the suites run with workspace trust off); only ever stricter. */
  simulateRestrictedMode(on: boolean): void;
  /** What the results panel shows now (the last run's results). */
  lastResults(): ResultPayload[];
  /** Exports the last run's first result to `target`, or through the save dialog (the prompter) without one. */
  exportLast(format: 'csv' | 'json', target?: string): Promise<string | undefined>;
  panels(): PanelInfo[];
  /** Secret keys this extension uses for a connection (to prove deletion), never the values. */
  secretKeyFor(connectionId: string): string;
  /** Whether SecretStorage holds a credential for the connection (never the credential itself). */
  hasStoredSecret(connectionId: string): Promise<boolean>;
  /** Where this extension's data lands on disk, and its global state as JSON (for the secret-leak test). */
  storage(): { logDir: string; globalStorageDir: string; globalStateJson: string };
  /** Text of everything this extension wrote to its log channel in this session (for the secret-leak test). */
  logText(): string;
  /** The filter line shown above the tree, if any. */
  viewMessage(): string | undefined;
  /** Open Watch panels: what each page shows, the session's status and every event so far. */
  watches(): {
    state: WatchState;
    status: WatchStatus;
    events: WatchEvent[];
    /** Exports to this path without a dialog; resolves to it. */
    exportJson(target: string): Promise<string | undefined>;
  }[];
  /** What the extension's caches hold now — counts only (bench:host reports them beside the memory). */
  cacheStats(): TreeCacheStats & { resultRows: number; panels: number; watchEvents: number };
  /** Open timeline and "why it expires" panels. */
  reports(): { key: string; viewType: string; title: string; view?: DetailView; error?: string }[];
}
