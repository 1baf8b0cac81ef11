// Shared setup for the extension's own extension-host suites: the test API from activate(), a private
// Okta org emulator started inside the extension host (so each suite can inspect the org's state and
// inject faults), and a scripted prompter that answers modals / input boxes / pickers and records what
// was asked.
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { startEmulator, type OrgNames, type RunningEmulator } from '../../../emulator';
import type { ResultPayload } from '../../../../src/extension/query/resultsProtocol';
import type { OktaTokenExplorerTestApi, TreeRow } from '../../../../src/extension/testApi';
import type { PickItem, Prompter } from '../../../../src/extension/prompter';
import { extension, waitFor } from '../helpers';

export async function explorerApi(): Promise<OktaTokenExplorerTestApi> {
  const api = (await extension().activate()) as OktaTokenExplorerTestApi | undefined;
  if (!api || typeof api.children !== 'function')
    throw new Error(
      'activate() did not return the Okta Token Explorer test API: the extension hands it out only in a ' +
        'development/test host whose environment sets OKTA_TOKEN_EXPLORER_TEST_HOOKS=1 (test/e2e/README.md)',
    );
  return api;
}

export interface Org {
  em: RunningEmulator;
  url: string;
  token: string;
}

/** A private emulator org; `names` gives its custom servers and apps chosen names (see the emulator). */
export async function startOrg(size = 'demo', names?: OrgNames): Promise<Org> {
  const token = `00${randomBytes(30).toString('base64url').slice(0, 40)}`;
  const em = await startEmulator({
    port: 0,
    host: '127.0.0.1',
    size,
    apiTokens: [token],
    seed: 7,
    ...(names ? { names } : {}),
  });
  return { em, url: em.url.replace(/\/$/, ''), token };
}

export async function addConnection(org: Org, name: string): Promise<string> {
  return vscode.commands.executeCommand<string>('oktaTokenExplorer.addConnection', {
    name,
    orgUrl: org.url,
    auth: { kind: 'ssws', token: org.token },
  });
}

/** Runs `fn` with the extension asking `p` instead of a person, then restores the real prompter. */
export async function withPrompter<T>(
  api: OktaTokenExplorerTestApi,
  p: Prompter,
  fn: () => Thenable<T> | Promise<T>,
): Promise<T> {
  api.setPrompter(p);
  try {
    return await fn();
  } finally {
    api.setPrompter(undefined);
  }
}

export interface Asked {
  kind: 'modal' | 'input' | 'pick' | 'pickMany' | 'file' | 'saveFile' | 'error';
  text: string;
  detail?: string;
  /** The quick input's title (the step a multi-step flow is on). */
  title?: string;
  /** An input box's prefilled value, and which part of it is selected (typing replaces that part). */
  value?: string;
  selection?: readonly [number, number];
}

/** Answers prompts from a queue (first in, first out); an unexpected prompt is answered "cancel". */
export class ScriptedPrompter implements Prompter {
  readonly asked: Asked[] = [];
  private readonly answers: (string | undefined | ((labels: string[]) => string[] | string | undefined))[] =
    [];

  answer(...a: ScriptedPrompter['answers']): this {
    this.answers.push(...a);
    return this;
  }

  private next(): ScriptedPrompter['answers'][number] {
    return this.answers.shift();
  }

  async warnModal(message: string, detail: string): Promise<string | undefined> {
    this.asked.push({ kind: 'modal', text: message, detail });
    const a = this.next();
    return typeof a === 'function' ? undefined : a;
  }

  async input(options: vscode.InputBoxOptions): Promise<string | undefined> {
    this.asked.push({
      kind: 'input',
      text: options.prompt ?? options.title ?? '',
      title: options.title,
      ...(options.value !== undefined ? { value: options.value } : {}),
      ...(options.valueSelection ? { selection: options.valueSelection } : {}),
    });
    let a = this.next();
    // A function answer is Enter on the box as shown: it gets the prefilled value and may return it.
    if (typeof a === 'function') {
      const r = a([options.value ?? '']);
      a = Array.isArray(r) ? r[0] : r;
    }
    if (a === undefined) return undefined;
    // Like the real box: a value the validator rejects cannot be accepted with Enter.
    const problem = await options.validateInput?.(a);
    if (problem) return undefined;
    return a;
  }

  async pick<T>(items: PickItem<T>[], options: vscode.QuickPickOptions): Promise<PickItem<T> | undefined> {
    this.asked.push({ kind: 'pick', text: options.placeHolder ?? options.title ?? '', title: options.title });
    const a = this.next();
    const label = typeof a === 'function' ? a(items.map((i) => i.label)) : a;
    return items.find((i) => i.label === label || i.description === label);
  }

  async pickMany<T>(
    items: PickItem<T>[],
    options: vscode.QuickPickOptions,
  ): Promise<PickItem<T>[] | undefined> {
    this.asked.push({ kind: 'pickMany', text: options.placeHolder ?? '' });
    const a = this.next();
    const labels = typeof a === 'function' ? a(items.map((i) => i.label)) : a;
    const set = new Set(Array.isArray(labels) ? labels : labels ? [labels] : []);
    return items.filter((i) => set.has(i.label));
  }

  async openFile(): Promise<vscode.Uri | undefined> {
    this.asked.push({ kind: 'file', text: '' });
    const a = this.next();
    return typeof a === 'string' ? vscode.Uri.file(a) : undefined;
  }

  /** Records an error notification; an answer is the action chosen (none: the toast was closed). */
  async errorActions(message: string): Promise<string | undefined> {
    this.asked.push({ kind: 'error', text: message });
    const a = this.next();
    return typeof a === 'function' ? undefined : a;
  }

  /** Records the file the save dialog would suggest (its `text`); an answer is the path to save to. */
  async saveFile(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined> {
    this.asked.push({ kind: 'saveFile', text: options.defaultUri?.fsPath ?? '', title: options.title });
    const a = this.next();
    return typeof a === 'string' ? vscode.Uri.file(a) : undefined;
  }
}

export async function row(api: OktaTokenExplorerTestApi, path: string[]): Promise<TreeRow> {
  return waitFor(`tree row ${path.join(' › ')}`, () => api.find(path), 20_000);
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace
    .getConfiguration('oktaTokenExplorer')
    .update(key, value, vscode.ConfigurationTarget.Global);
}

export async function removeConnectionQuietly(api: OktaTokenExplorerTestApi, id: string): Promise<void> {
  const p = new ScriptedPrompter().answer('Remove');
  api.setPrompter(p);
  try {
    const rowOf = (await api.children()).find(
      (r) => r.node.kind === 'connection' && r.node.connectionId === id,
    );
    if (rowOf) await vscode.commands.executeCommand('oktaTokenExplorer.removeConnection', rowOf.node);
  } finally {
    api.setPrompter(undefined);
  }
}

/** Writes a .iql file, opens it, waits until it has no errors and one "Run" code lens, and runs it through the lens. */
export async function runFileByLens(file: string, text: string): Promise<ResultPayload[]> {
  writeFileSync(file, text);
  const uri = vscode.Uri.file(file);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  const lenses = await waitFor(
    'the Run code lens',
    async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        uri,
      );
      return l.length ? l : undefined;
    },
    30_000,
  );
  const errors = vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
  if (errors.length) throw new Error(`${file} has errors: ${errors.map((d) => d.message).join('; ')}`);
  if (lenses.length !== 1 || !/Run/.test(lenses[0]!.command!.title))
    throw new Error(
      `expected one Run lens in ${file}, got ${lenses.map((l) => l.command?.title).join(', ')}`,
    );
  return vscode.commands.executeCommand<ResultPayload[]>(
    lenses[0]!.command!.command,
    ...(lenses[0]!.command!.arguments ?? []),
  );
}
