// Hands out one OktaClient per connection, created on first use (never during activation) and thrown
// away when the connection's record, secret or the relevant settings change. One client per org matters:
// it owns the org's concurrency limiter and rate-limit pacing.
import * as vscode from 'vscode';
import type { OktaClient } from '../../okta';
import { oktaModule } from './oktaModule';
import type { Masker } from '../logging';
import type { ConnectionStore } from './connectionStore';
import type { ConnectionRecord, SecretPayload } from './model';
import type { SecretStore } from './secretStore';

export class MissingSecretError extends Error {
  constructor(readonly connection: ConnectionRecord) {
    super(
      vscode.l10n.t(
        'The connection "{0}" has no stored credential (it was signed out, or the keyring was reset). Use "Sign In" on the connection to enter it again.',
        connection.name,
      ),
    );
    this.name = 'MissingSecretError';
  }
}

export function buildClient(
  record: Pick<ConnectionRecord, 'orgUrl' | 'clientId' | 'keyId'>,
  secret: SecretPayload,
  log: vscode.LogOutputChannel,
  masker: Masker,
  version: string,
): OktaClient {
  masker.add(secret.kind === 'ssws' ? secret.token : secret.privateKey);
  const cfg = vscode.workspace.getConfiguration('oktaTokenExplorer');
  const auth =
    secret.kind === 'ssws'
      ? { kind: 'ssws' as const, token: secret.token }
      : {
          kind: 'oauth' as const,
          clientId: record.clientId ?? '',
          privateKey: secret.privateKey,
          keyId: record.keyId,
        };
  return new (oktaModule().OktaClient)({
    orgUrl: record.orgUrl,
    auth,
    concurrency: cfg.get<number>('requestConcurrency', 8),
    userAgent: `okta-token-explorer/${version}`,
    logger: {
      debug: (m: string) => log.debug(masker.mask(m)),
      info: (m: string) => log.info(masker.mask(m)),
      warn: (m: string) => log.warn(masker.mask(m)),
      error: (m: string) => log.error(masker.mask(m)),
    },
  });
}

export class ClientProvider {
  private readonly clients = new Map<string, Promise<OktaClient>>();

  constructor(
    private readonly store: ConnectionStore,
    private readonly secrets: SecretStore,
    private readonly log: vscode.LogOutputChannel,
    private readonly masker: Masker,
    private readonly version: string,
  ) {}

  get(connectionId: string): Promise<OktaClient> {
    let p = this.clients.get(connectionId);
    if (!p) {
      p = this.create(connectionId);
      this.clients.set(connectionId, p);
      // A failed creation (missing secret, keyring error) must not be cached, so Retry can succeed.
      p.catch(() => {
        if (this.clients.get(connectionId) === p) this.clients.delete(connectionId);
      });
    }
    return p;
  }

  forget(connectionId?: string): void {
    const dropped = connectionId ? [this.clients.get(connectionId)] : [...this.clients.values()];
    if (connectionId) this.clients.delete(connectionId);
    else this.clients.clear();
    // Release the old client's connection pool; requests already running finish on their own.
    for (const p of dropped) p?.then((c) => c.close()).catch(() => undefined);
  }

  private async create(connectionId: string): Promise<OktaClient> {
    const record = this.store.get(connectionId);
    if (!record) throw new Error(vscode.l10n.t('There is no Okta connection with id {0}.', connectionId));
    const secret = await this.secrets.get(connectionId);
    if (!secret) throw new MissingSecretError(record);
    return buildClient(record, secret, this.log, this.masker, this.version);
  }
}
