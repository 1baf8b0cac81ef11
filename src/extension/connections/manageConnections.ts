// Rename, edit, sign out of and remove a saved connection. Removing deletes the secret as well as the
// record; signing out deletes only the secret, so the connection stays in the tree as "Signed out".
import * as vscode from 'vscode';
import { addConnectionInteractive, type ConnectionDeps } from './addConnection';
import type { ConnectionRecord } from './model';

export async function pickConnection(
  deps: ConnectionDeps,
  placeHolder: string,
): Promise<ConnectionRecord | undefined> {
  const all = deps.store.list();
  if (all.length === 0) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('There are no Okta connections yet. Use "Add Okta Connection" first.'),
    );
    return undefined;
  }
  if (all.length === 1) return all[0];
  const picked = await deps.prompter().pick(
    all.map((c) => ({ label: c.name, description: c.orgUrl, value: c })),
    { placeHolder },
  );
  return picked?.value;
}

export async function renameConnection(
  deps: ConnectionDeps,
  record: ConnectionRecord,
  newName?: string,
): Promise<boolean> {
  const name =
    newName ??
    (await deps.prompter().input({
      prompt: vscode.l10n.t('New name for the connection "{0}"', record.name),
      value: record.name,
      validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('The name cannot be empty.')),
    }));
  if (name === undefined || !name.trim()) return false;
  await deps.store.upsert({ ...record, name: name.trim() });
  deps.log.info(`Renamed connection ${record.id} to "${name.trim()}"`);
  return true;
}

export async function editConnection(deps: ConnectionDeps, record: ConnectionRecord): Promise<boolean> {
  return (await addConnectionInteractive(deps, record)) !== undefined;
}

export async function removeConnection(
  deps: ConnectionDeps,
  record: ConnectionRecord,
  skipConfirm = false,
): Promise<boolean> {
  if (!skipConfirm) {
    const remove = vscode.l10n.t('Remove');
    const choice = await deps
      .prompter()
      .warnModal(
        vscode.l10n.t('Remove the Okta connection "{0}"?', record.name),
        vscode.l10n.t('Its stored credential is deleted from this machine. Tokens in Okta are not touched.'),
        remove,
      );
    if (choice !== remove) return false;
  }
  await deps.secrets.delete(record.id);
  await deps.store.remove(record.id);
  deps.log.info(`Removed connection ${record.id} ("${record.name}") and its stored credential`);
  return true;
}

export async function signOut(deps: ConnectionDeps, record: ConnectionRecord): Promise<void> {
  await deps.secrets.delete(record.id);
  deps.log.info(
    `Signed out of connection ${record.id} ("${record.name}"); the stored credential was deleted`,
  );
}
