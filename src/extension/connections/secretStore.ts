// The one place that touches SecretStorage. Keys are per connection; failures of the OS keyring (common
// on Linux without a keyring daemon) become a SecretStoreError whose message says what to do instead of
// the raw keyring text. Never falls back to storing a secret anywhere else.
import * as vscode from 'vscode';
import { parseSecretPayload, type SecretPayload } from './model';

export const SECRET_PREFIX = 'oktaTokenExplorer.connection.';

export function secretKey(connectionId: string): string {
  return `${SECRET_PREFIX}${connectionId}`;
}

export class SecretStoreError extends Error {
  constructor(action: 'read' | 'save' | 'delete', cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(
      vscode.l10n.t(
        'VS Code could not {0} the Okta credential in the system keyring ({1}). Make sure a keyring (for example GNOME Keyring or KWallet) is running and unlocked, or set "password-store" in VS Code\'s argv.json, then try again.',
        action === 'read'
          ? vscode.l10n.t('read')
          : action === 'save'
            ? vscode.l10n.t('save')
            : vscode.l10n.t('delete'),
        why,
      ),
    );
    this.name = 'SecretStoreError';
  }
}

export class SecretStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  async get(connectionId: string): Promise<SecretPayload | undefined> {
    let raw: string | undefined;
    try {
      raw = await this.secrets.get(secretKey(connectionId));
    } catch (err) {
      throw new SecretStoreError('read', err);
    }
    return parseSecretPayload(raw);
  }

  async set(connectionId: string, payload: SecretPayload): Promise<void> {
    try {
      await this.secrets.store(secretKey(connectionId), JSON.stringify(payload));
    } catch (err) {
      throw new SecretStoreError('save', err);
    }
  }

  async delete(connectionId: string): Promise<void> {
    try {
      await this.secrets.delete(secretKey(connectionId));
    } catch (err) {
      throw new SecretStoreError('delete', err);
    }
  }

  /** Fires with the connection id when its secret changed, in this window or another one. */
  onDidChange(listener: (connectionId: string) => void): vscode.Disposable {
    return this.secrets.onDidChange((e) => {
      if (e.key.startsWith(SECRET_PREFIX)) listener(e.key.slice(SECRET_PREFIX.length));
    });
  }
}
