// Saved connections (name, org URL, auth kind, client id — never secrets) in the extension's global
// state, so they follow the user across workspaces and can't be planted by a workspace's settings.
import * as vscode from 'vscode';
import { isConnectionRecord, type ConnectionRecord } from './model';

const KEY = 'oktaTokenExplorer.connections';

export class ConnectionStore implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;

  constructor(private readonly state: vscode.Memento) {}

  list(): ConnectionRecord[] {
    const raw = this.state.get<unknown[]>(KEY, []);
    return Array.isArray(raw) ? raw.filter(isConnectionRecord) : [];
  }

  get(id: string): ConnectionRecord | undefined {
    return this.list().find((c) => c.id === id);
  }

  async upsert(record: ConnectionRecord): Promise<void> {
    const all = this.list();
    const i = all.findIndex((c) => c.id === record.id);
    if (i >= 0) all[i] = record;
    else all.push(record);
    await this.state.update(KEY, all);
    this.emitter.fire();
  }

  async remove(id: string): Promise<void> {
    await this.state.update(
      KEY,
      this.list().filter((c) => c.id !== id),
    );
    this.emitter.fire();
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
