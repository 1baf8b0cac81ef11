// Placeholder so the extension bundle builds before the query features land; the query engineer
// replaces this file with the real registration (language client, run command, results panel).
import type * as vscode from 'vscode';
import type { ExtensionServices } from '../services';

export function registerQueryFeatures(_context: vscode.ExtensionContext, _services: ExtensionServices): void {
  // Intentionally empty until src/extension/query lands.
}
