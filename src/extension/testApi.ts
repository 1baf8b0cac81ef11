// What `activate` returns: a small, stable surface for the extension-host test suites (and nothing a
// user relies on). It exposes state to assert on — connections, tree rows, panels, the activation time —
// and one hook to answer prompts without a person. It never exposes a secret.
import type * as vscode from 'vscode';
import type { ConnectionSummary } from './services';
import type { Prompter } from './prompter';
import type { DetailView, PanelIds } from './panels/protocol';
import type { TreeNode } from './tree/nodes';

export interface TreeRow {
  id: string;
  kind: TreeNode['kind'];
  label: string;
  description?: string;
  contextValue?: string;
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
}
