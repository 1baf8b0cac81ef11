// Demo bootstrap: when OKTA_TOKEN_EXPLORER_DEMO holds {"orgUrl","token","name"} (set by `npm start` and
// the e2e harness) and there is no connection yet, add that connection through the normal command, so
// the token goes to SecretStorage exactly as if a user had typed it. Runs after activate returns.
import * as vscode from 'vscode';

export interface DemoConfig {
  orgUrl: string;
  token: string;
  name: string;
}

export function readDemoConfig(env: NodeJS.ProcessEnv): DemoConfig | undefined {
  const raw = env.OKTA_TOKEN_EXPLORER_DEMO;
  if (!raw) return undefined;
  try {
    const v = JSON.parse(raw) as Partial<DemoConfig>;
    if (typeof v.orgUrl === 'string' && typeof v.token === 'string')
      return { orgUrl: v.orgUrl, token: v.token, name: typeof v.name === 'string' ? v.name : 'Demo org' };
  } catch {
    // fall through
  }
  return undefined;
}

export async function bootstrapDemo(
  cfg: DemoConfig,
  hasConnections: boolean,
  log: vscode.LogOutputChannel,
): Promise<void> {
  if (hasConnections) return;
  try {
    await vscode.commands.executeCommand('oktaTokenExplorer.addConnection', {
      name: cfg.name,
      orgUrl: cfg.orgUrl,
      auth: { kind: 'ssws', token: cfg.token },
    });
    log.info(`Demo connection "${cfg.name}" added for ${cfg.orgUrl}`);
  } catch (err) {
    // The command's error message is secret-free (it comes from the client / validation).
    log.error(`Demo connection could not be added: ${err instanceof Error ? err.message : String(err)}`);
  }
}
