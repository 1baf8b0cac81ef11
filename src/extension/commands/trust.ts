// Workspace trust for destructive actions: revoking is allowed only in a trusted workspace (the manifest's
// untrustedWorkspaces description promises this). refuseRevokeIfRestricted() is the one gate: every
// revoke path — palette and tree commands and panel buttons (through revokeTokens.ts) and a DELETE run
// from a .iql file (query/runner.ts) — calls it before it asks anything or sends anything.
import * as vscode from 'vscode';

/**
 * Extension-host suites run with workspace trust disabled (so everything is trusted). They force
 * Restricted Mode through the test API (testApi.ts, present only when the harness asks for test hooks).
 * It can only make the answer stricter: it never lets an untrusted workspace revoke.
 */
let simulatedRestrictedMode = false;

export function simulateRestrictedMode(on: boolean): void {
  simulatedRestrictedMode = on;
}

export function revokeAllowed(): boolean {
  return vscode.workspace.isTrusted && !simulatedRestrictedMode;
}

export function restrictedModeMessage(): string {
  return vscode.l10n.t('Revoking is disabled in Restricted Mode: trust this workspace to revoke tokens.');
}

/**
 * The trust gate: undefined when revoking may go ahead; otherwise logs, tells the user why, and returns
 * the reason (for the caller's result). Call it before any confirmation or request.
 */
export function refuseRevokeIfRestricted(log: vscode.LogOutputChannel, what = 'Revoke'): string | undefined {
  if (revokeAllowed()) return undefined;
  const why = restrictedModeMessage();
  log.warn(`${what} refused: the workspace is not trusted (Restricted Mode)`);
  void vscode.window.showWarningMessage(why);
  return why;
}
