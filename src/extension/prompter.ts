// Every question the extension asks the user goes through this small interface, so the extension-host
// tests can answer modals, input boxes and pickers without a person (the same idea as Azure's
// TestUserInput). The default implementation is plain vscode.window.
import * as vscode from 'vscode';

export interface PickItem<T> extends vscode.QuickPickItem {
  value: T;
}

export interface Prompter {
  /** Modal warning; resolves to the chosen button title, or undefined when dismissed/cancelled. */
  warnModal(message: string, detail: string, ...buttons: string[]): Promise<string | undefined>;
  input(options: vscode.InputBoxOptions): Promise<string | undefined>;
  pick<T>(items: PickItem<T>[], options: vscode.QuickPickOptions): Promise<PickItem<T> | undefined>;
  pickMany<T>(items: PickItem<T>[], options: vscode.QuickPickOptions): Promise<PickItem<T>[] | undefined>;
  openFile(options: vscode.OpenDialogOptions): Promise<vscode.Uri | undefined>;
  saveFile(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined>;
  /** An error notification offering actions; resolves to the chosen one, or undefined when closed. */
  errorActions(message: string, ...actions: string[]): Promise<string | undefined>;
}

export const windowPrompter: Prompter = {
  async warnModal(message, detail, ...buttons) {
    return vscode.window.showWarningMessage(message, { modal: true, detail }, ...buttons);
  },
  async input(options) {
    return vscode.window.showInputBox({ ignoreFocusOut: true, ...options });
  },
  async pick(items, options) {
    return vscode.window.showQuickPick(items, { ignoreFocusOut: true, ...options });
  },
  async pickMany(items, options) {
    return vscode.window.showQuickPick(items, { ignoreFocusOut: true, ...options, canPickMany: true });
  },
  async openFile(options) {
    const r = await vscode.window.showOpenDialog({ canSelectMany: false, ...options });
    return r?.[0];
  },
  async saveFile(options) {
    return vscode.window.showSaveDialog(options);
  },
  async errorActions(message, ...actions) {
    return vscode.window.showErrorMessage(message, ...actions);
  },
};

/** Holder so tests can swap the prompter at run time through the test API. */
export class PromptHolder {
  current: Prompter = windowPrompter;
}
