// Rename, edit, sign in to, sign out of and remove a saved connection. Removing deletes the secret as
// well as the record; signing out deletes only the secret, so the connection stays in the tree as
// "Signed out" — and signing in asks only for that secret again.
import * as vscode from 'vscode';
import { addConnectionInteractive, signInInteractive, type ConnectionDeps } from './addConnection';
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

/** Asks only for the credential (URL, name and kind are kept); true when it was tested and saved. */
export async function signIn(deps: ConnectionDeps, record: ConnectionRecord): Promise<boolean> {
  return (await signInInteractive(deps, record)) !== undefined;
}

export async function removeConnection(
  deps: ConnectionDeps,
  record: ConnectionRecord,
  skipConfirm = false,
): Promise<boolean> {
  if (!skipConfirm) {
    const remove = vscode.l10n.t('Remove');
    // VS Code focuses the first button an extension passes (Enter presses it) and adds its own Cancel
    // last, which no extension can focus. So the first button is the safe alternative to removing —
    // fixing the connection — rather than Remove or a second Cancel: Enter never removes.
    const edit = vscode.l10n.t('Edit Connection…');
    const choice = await deps
      .prompter()
      .warnModal(
        vscode.l10n.t('Remove the Okta connection "{0}"?', record.name),
        vscode.l10n.t('Its stored credential is deleted from this machine. Tokens in Okta are not touched.'),
        edit,
        remove,
      );
    if (choice === edit) await editConnection(deps, record);
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
