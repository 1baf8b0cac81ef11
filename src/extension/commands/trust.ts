// Workspace trust for destructive actions: revoking is allowed only in a trusted workspace (the manifest's
// untrustedWorkspaces description promises this). Every revoke path — palette, tree inline and context
// menus, panel buttons — goes through revokeTokens.ts, which asks here first.
import * as vscode from 'vscode';

/**
 * Extension-host suites run with workspace trust disabled (so everything is trusted). They can force
 * Restricted Mode for this check by setting this global flag. It can only make the answer stricter:
 * it never lets an untrusted workspace revoke.
 */
export const SIMULATE_RESTRICTED_MODE = Symbol.for('oktaTokenExplorer.test.simulateRestrictedMode');

export function revokeAllowed(): boolean {
  const simulated = (globalThis as Record<symbol, unknown>)[SIMULATE_RESTRICTED_MODE] === true;
  return vscode.workspace.isTrusted && !simulated;
}

export function restrictedModeMessage(): string {
  return vscode.l10n.t('Revoking is disabled in Restricted Mode: trust this workspace to revoke tokens.');
}
