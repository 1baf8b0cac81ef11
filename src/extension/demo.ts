// Demo bootstrap: when OKTA_TOKEN_EXPLORER_DEMO holds {"orgUrl","token","name"} (set by `npm start` and
// the e2e harness) and there is no connection yet, save that connection the way a user's is saved (the
// token in SecretStorage, the record without it in global state) and show it at once. It used to go
// through "Add Okta Connection", which first loads the Okta client and makes a test call: the view stayed
// empty until the org had answered. A demo org that does not answer now shows that as an error row
// under the connection, where a user looks for it.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { ConnectionStore } from './connections/connectionStore';
import type { ConnectionRecord } from './connections/model';
import { checkOrgUrl } from './connections/orgUrl';
import type { SecretStore } from './connections/secretStore';

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

/**
 * Saves the demo connection unless there already is a connection; resolves with the new record, or
 * undefined when nothing was added. The secret is saved first, so the tree never shows the connection
 * as signed out.
 */
export async function bootstrapDemo(
  cfg: DemoConfig,
  deps: {
    store: ConnectionStore;
    secrets: SecretStore;
    log: vscode.LogOutputChannel;
  },
): Promise<ConnectionRecord | undefined> {
  if (deps.store.list().length > 0) return undefined;
  const url = checkOrgUrl(cfg.orgUrl);
  if (!url.ok) {
    deps.log.error(`Demo connection could not be added: the org URL is not usable (${url.problem})`);
    return undefined;
  }
  const record: ConnectionRecord = { id: randomUUID(), name: cfg.name, orgUrl: url.origin, authKind: 'ssws' };
  try {
    // The window reports the saved secret back as a change, and the tree reloads a connection whose
    // secret changed: waiting for that report (or 2 s) keeps it from reloading the freshly shown row.
    let settled: () => void = () => undefined;
    const reported = new Promise<void>((resolve) => (settled = resolve));
    const listener = deps.secrets.onDidChange((id) => id === record.id && settled());
    const timer = setTimeout(() => settled(), 2000);
    try {
      await deps.secrets.set(record.id, { kind: 'ssws', token: cfg.token });
      await reported;
    } finally {
      clearTimeout(timer);
      listener.dispose();
    }
    await deps.store.upsert(record);
  } catch (err) {
    // A keyring failure's message is secret-free (secretStore.ts words it).
    deps.log.error(`Demo connection could not be added: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
  deps.log.info(`Demo connection "${record.name}" added for ${record.orgUrl}`);
  return record;
}
