// "Add Okta Connection" (and "Edit Connection", which is the same flow prefilled): ask for the org URL,
// a name and the credential, test the credential with one cheap authenticated call, and only then save
// the record (global state) and the secret (SecretStorage). "Sign In" on a signed-out connection asks
// only for the credential again. Also callable programmatically with { name, orgUrl, auth } — the demo
// bootstrap and the tests use that form.
import { createPrivateKey, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { isEncryptedPem } from '../../okta/auth/keys';
import type { Masker } from '../logging';
import { withProgressThatCloses } from '../commands/progress';
import type { Prompter } from '../prompter';
import { buildClient } from './clientProvider';
import type { ConnectionStore } from './connectionStore';
import {
  checkAddInput,
  normalizePrivateKey,
  type AddConnectionInput,
  type ConnectionRecord,
  type SecretPayload,
} from './model';
import { checkOrgUrl, type OrgUrlResult } from './orgUrl';
import type { SecretStore } from './secretStore';

export interface ConnectionDeps {
  store: ConnectionStore;
  secrets: SecretStore;
  log: vscode.LogOutputChannel;
  masker: Masker;
  prompter: () => Prompter;
  version: string;
}

export function orgUrlMessage(r: OrgUrlResult): string | undefined {
  if (r.ok) return undefined;
  switch (r.problem) {
    case 'empty':
      return vscode.l10n.t('Enter your Okta org URL, for example https://acme.okta.com');
    case 'not-a-url':
      return vscode.l10n.t('This is not a URL. Enter your Okta org URL, for example https://acme.okta.com');
    case 'bad-scheme':
      return vscode.l10n.t('The org URL must start with https://');
    case 'http-not-loopback':
      return vscode.l10n.t(
        'Plain http:// is only allowed for a local emulator (127.0.0.1 or localhost); use https:// for an Okta org.',
      );
    case 'has-credentials':
      return vscode.l10n.t(
        'Remove the user name and password from the URL; the credential is asked for separately.',
      );
    case 'admin-domain':
      return vscode.l10n.t(
        'That is the Admin Console address. Use the org address instead: {0}',
        r.suggestion ?? '',
      );
    case 'not-a-domain':
      return vscode.l10n.t(
        'Enter a full domain name, for example https://acme.okta.com or your custom domain.',
      );
  }
}

/** Reads a private key from a file; accepts PEM or JWK JSON, rejects anything else without echoing it. */
export async function readPrivateKeyFile(path: string): Promise<string> {
  let text: string;
  try {
    text = (await readFile(path, 'utf8')).trim();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new Error(vscode.l10n.t('The file {0} cannot be read ({1}).', path, code));
  }
  const problem = keyProblem(text);
  if (problem) throw new Error(vscode.l10n.t('The file {0} cannot be used: {1}', path, problem));
  return text;
}

export function looksLikeKey(text: string): boolean {
  return keyProblem(text) === undefined;
}

/**
 * Why `text` cannot be a service app's private key, or undefined when it may be one. Says what was
 * given instead (a public key, a certificate, a JWK Set of public keys…) and never quotes the text.
 */
export function keyProblem(text: string): string | undefined {
  const t = text.trim();
  if (/^-----BEGIN (RSA |EC |ENCRYPTED )?PRIVATE KEY-----/.test(t)) return undefined;
  if (/^-----BEGIN (PUBLIC KEY|RSA PUBLIC KEY|CERTIFICATE)-----/.test(t))
    return vscode.l10n.t(
      'This is a public key or certificate. Use the private key whose public half is registered on the service app.',
    );
  if (t.startsWith('{')) {
    let o: unknown;
    try {
      o = JSON.parse(t);
    } catch {
      // JSON.parse's message quotes the input (the key): say only that it is not JSON.
      return vscode.l10n.t(
        'This looks like a JWK but is not valid JSON. Paste the whole JWK, exactly as saved.',
      );
    }
    if (typeof o !== 'object' || o === null) return undefined;
    const rec = o as Record<string, unknown>;
    if (Array.isArray(rec.keys)) {
      const hasPrivate = rec.keys.some((k) => typeof k === 'object' && k !== null && 'd' in k);
      return hasPrivate
        ? undefined
        : vscode.l10n.t(
            'This JWK Set holds only public keys. Use the private key whose public half is registered on the service app.',
          );
    }
    if (!('kty' in rec))
      return vscode.l10n.t(
        'This JSON is not a JWK (it has no "kty"). Paste the private JWK of the service app.',
      );
    if (!('d' in rec))
      return vscode.l10n.t(
        'This JWK has no private part ("d"): it is the public key registered in Okta. Paste the private key instead.',
      );
    return undefined;
  }
  return vscode.l10n.t('Paste a PEM private key (-----BEGIN PRIVATE KEY-----) or a JWK with "kty" and "d".');
}

/** Decrypts an encrypted PEM to unencrypted PKCS#8, or undefined when the passphrase is wrong. */
function decryptPem(pem: string, passphrase: string): string | undefined {
  try {
    return createPrivateKey({ key: pem, format: 'pem', passphrase })
      .export({ type: 'pkcs8', format: 'pem' })
      .toString();
  } catch {
    return undefined;
  }
}

/** The key id a single private JWK carries, which then needs no asking. */
function ownKid(key: string): string | undefined {
  if (!key.trim().startsWith('{')) return undefined;
  try {
    const o = JSON.parse(key) as Record<string, unknown>;
    return typeof o.kid === 'string' && !Array.isArray(o.keys) ? o.kid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Calls the org once with the credential. Throws the client's error (its message is secret-free).
 * Resolves with a warning when the credential can list but not revoke (a read-only service app).
 */
async function testCredential(
  deps: ConnectionDeps,
  record: ConnectionRecord,
  secret: SecretPayload,
): Promise<string | undefined> {
  const client = buildClient(record, secret, deps.log, deps.masker, deps.version);
  const { mayRevoke } = await client.testConnection();
  if (mayRevoke !== false) return undefined;
  const warning = vscode.l10n.t(
    '"{0}" is read-only: the service app is not granted okta.authorizationServers.manage, so it can list tokens but not revoke them. Grant that scope on the app\'s Okta API Scopes tab to revoke.',
    record.name,
  );
  deps.log.warn(warning);
  return warning;
}

async function save(deps: ConnectionDeps, record: ConnectionRecord, secret: SecretPayload): Promise<void> {
  // Secret first: if the keyring fails, no record without a credential is left behind.
  await deps.secrets.set(record.id, secret);
  await deps.store.upsert(record);
  deps.log.info(`Saved connection "${record.name}" (${record.orgUrl}, ${record.authKind}) as ${record.id}`);
}

/** The programmatic form: validates, tests, saves; throws a clear Error on any failure. */
export async function addConnectionFromInput(
  deps: ConnectionDeps,
  input: unknown,
  existingId?: string,
): Promise<string> {
  const problem = checkAddInput(input);
  if (problem) throw new Error(vscode.l10n.t('Cannot add the Okta connection: {0}.', problem));
  const i = input as AddConnectionInput;
  const url = checkOrgUrl(i.orgUrl);
  if (!url.ok) throw new Error(orgUrlMessage(url));
  const record: ConnectionRecord = {
    id: existingId ?? randomUUID(),
    name: i.name.trim(),
    orgUrl: url.origin,
    authKind: i.auth.kind,
    clientId: i.auth.kind === 'oauth' ? i.auth.clientId : undefined,
    keyId: i.auth.kind === 'oauth' ? i.auth.keyId : undefined,
  };
  const secret: SecretPayload =
    i.auth.kind === 'ssws'
      ? { kind: 'ssws', token: i.auth.token }
      : { kind: 'oauth', privateKey: normalizePrivateKey(i.auth.privateKey) };
  deps.masker.add(i.auth.kind === 'ssws' ? i.auth.token : i.auth.privateKey);
  await testCredential(deps, record, secret);
  await save(deps, record, secret);
  return record.id;
}

interface Draft {
  orgUrl?: string;
  name?: string;
  authKind?: 'ssws' | 'oauth';
  clientId?: string;
  keyId?: string;
}

/**
 * Tests the credential (with a progress notification) and saves it with the record. Resolves 'retry'
 * when the test failed and the user chose Try Again, undefined when they closed the error instead.
 */
async function testAndSave(
  deps: ConnectionDeps,
  ui: Prompter,
  record: ConnectionRecord,
  secret: SecretPayload,
): Promise<{ readOnly?: string } | 'retry' | undefined> {
  let readOnly: string | undefined;
  try {
    // Quick tests show no toast at all; a slow one's is gone before the result (or error) toast comes.
    readOnly = await withProgressThatCloses(
      { title: vscode.l10n.t('Testing the connection to {0}…', record.orgUrl), cancellable: false },
      () => testCredential(deps, record, secret),
    );
  } catch (err) {
    const msg = deps.masker.mask(err instanceof Error ? err.message : String(err));
    deps.log.warn(`Connection test for ${record.orgUrl} failed: ${msg}`);
    const again = vscode.l10n.t('Try Again');
    const choice = await ui.errorActions(vscode.l10n.t('The connection was not saved: {0}', msg), again);
    return choice === again ? 'retry' : undefined;
  }
  await save(deps, record, secret);
  return readOnly ? { readOnly } : {};
}

/** The name offered for an org URL before the user types one: its host name. */
function defaultName(orgUrl: string): string {
  return new URL(orgUrl).hostname;
}

/** The interactive form. Returns the connection id, or undefined if the user cancelled. */
export async function addConnectionInteractive(
  deps: ConnectionDeps,
  existing?: ConnectionRecord,
): Promise<string | undefined> {
  const draft: Draft = existing ? { ...existing } : {};
  for (;;) {
    const ui = deps.prompter();
    const previousUrl = draft.orgUrl;
    const orgUrl = await ui.input({
      title: existing
        ? vscode.l10n.t('Edit Okta Connection (1/3)')
        : vscode.l10n.t('Add Okta Connection (1/3)'),
      prompt: vscode.l10n.t('Okta org URL'),
      placeHolder: 'https://acme.okta.com',
      value: draft.orgUrl,
      validateInput: (v) => orgUrlMessage(checkOrgUrl(v)),
    });
    if (orgUrl === undefined) return undefined;
    const url = checkOrgUrl(orgUrl);
    if (!url.ok) return undefined;
    draft.orgUrl = url.origin;

    // A name the user typed is kept; one that was only the old URL's host name follows the new URL
    // (Try Again after correcting the URL offered the wrong org's host as the name).
    const typedName =
      draft.name !== undefined && (previousUrl === undefined || draft.name !== defaultName(previousUrl));
    const name = await ui.input({
      title: existing
        ? vscode.l10n.t('Edit Okta Connection (2/3)')
        : vscode.l10n.t('Add Okta Connection (2/3)'),
      prompt: vscode.l10n.t('A name for this connection, shown in the tree'),
      value: typedName ? draft.name : defaultName(url.origin),
      validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('The name cannot be empty.')),
    });
    if (name === undefined) return undefined;
    draft.name = name.trim();

    const kind = await ui.pick(
      [
        {
          label: vscode.l10n.t('API token (SSWS)'),
          detail: vscode.l10n.t('An Okta API token created under Security › API › Tokens.'),
          value: 'ssws' as const,
        },
        {
          label: vscode.l10n.t('OAuth service app'),
          detail: vscode.l10n.t(
            'Client id and private key of an API service app granted okta.authorizationServers.read/manage.',
          ),
          value: 'oauth' as const,
        },
      ],
      {
        title: existing
          ? vscode.l10n.t('Edit Okta Connection (3/3)')
          : vscode.l10n.t('Add Okta Connection (3/3)'),
        placeHolder: vscode.l10n.t('How should the extension sign in to {0}?', draft.orgUrl),
      },
    );
    if (!kind) return undefined;
    draft.authKind = kind.value;

    const secret = kind.value === 'ssws' ? await askToken(ui) : await askServiceApp(ui, draft);
    if (!secret) return undefined;
    deps.masker.add(secret.kind === 'ssws' ? secret.token : secret.privateKey);

    const record: ConnectionRecord = {
      id: existing?.id ?? randomUUID(),
      name: draft.name,
      orgUrl: draft.orgUrl,
      authKind: draft.authKind,
      clientId: draft.authKind === 'oauth' ? draft.clientId : undefined,
      keyId: draft.authKind === 'oauth' ? draft.keyId : undefined,
    };
    const saved = await testAndSave(deps, ui, record, secret);
    if (saved === 'retry') continue;
    if (!saved) return undefined;
    const connected = vscode.l10n.t('Connected to {0} as "{1}".', record.orgUrl, record.name);
    if (saved.readOnly) void vscode.window.showWarningMessage(`${connected} ${saved.readOnly}`);
    else void vscode.window.showInformationMessage(connected);
    return record.id;
  }
}

/**
 * "Sign In" on a signed-out connection: asks only for the credential its kind needs (the API token, or
 * the service app's private key) and keeps the URL, name, kind and client id; tests it and saves it.
 * Returns the connection id, or undefined if the user cancelled.
 */
export async function signInInteractive(
  deps: ConnectionDeps,
  record: ConnectionRecord,
): Promise<string | undefined> {
  const draft: Draft = { ...record };
  const title = vscode.l10n.t('Sign In to "{0}"', record.name);
  for (;;) {
    const ui = deps.prompter();
    const secret =
      record.authKind === 'ssws' ? await askToken(ui, title) : await askPrivateKey(ui, draft, title);
    if (!secret) return undefined;
    deps.masker.add(secret.kind === 'ssws' ? secret.token : secret.privateKey);
    const updated: ConnectionRecord = {
      ...record,
      keyId: record.authKind === 'oauth' ? draft.keyId : undefined,
    };
    const saved = await testAndSave(deps, ui, updated, secret);
    if (saved === 'retry') continue;
    if (!saved) return undefined;
    const signedIn = vscode.l10n.t('Signed in to "{0}" ({1}).', record.name, record.orgUrl);
    if (saved.readOnly) void vscode.window.showWarningMessage(`${signedIn} ${saved.readOnly}`);
    else void vscode.window.showInformationMessage(signedIn);
    return record.id;
  }
}

async function askToken(ui: Prompter, title?: string): Promise<SecretPayload | undefined> {
  const token = await ui.input({
    title: title ?? vscode.l10n.t('API token'),
    prompt: vscode.l10n.t("Paste the Okta API token. It is stored only in VS Code's secret storage."),
    password: true,
    validateInput: (v) =>
      v.trim().length >= 10 ? undefined : vscode.l10n.t('This is too short to be an Okta API token.'),
  });
  return token === undefined ? undefined : { kind: 'ssws', token: token.trim() };
}

async function askServiceApp(ui: Prompter, draft: Draft): Promise<SecretPayload | undefined> {
  const clientId = await ui.input({
    title: vscode.l10n.t('OAuth service app'),
    prompt: vscode.l10n.t('Client id of the service app (0oa…)'),
    value: draft.clientId,
    validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('The client id cannot be empty.')),
  });
  if (clientId === undefined) return undefined;
  draft.clientId = clientId.trim();
  return askPrivateKey(ui, draft);
}

/** The service app's private key (file or pasted, decrypted if need be) and its key id. */
async function askPrivateKey(ui: Prompter, draft: Draft, title?: string): Promise<SecretPayload | undefined> {
  const how = await ui.pick(
    [
      { label: vscode.l10n.t('Choose a private key file…'), value: 'file' as const },
      { label: vscode.l10n.t('Paste a JWK or PEM'), value: 'paste' as const },
    ],
    {
      title: title ?? vscode.l10n.t('Private key of the service app'),
      ...(title ? { placeHolder: vscode.l10n.t('Private key of the service app') } : {}),
    },
  );
  if (!how) return undefined;
  let privateKey: string | undefined;
  if (how.value === 'file') {
    // A wrong file (a public key, a certificate) is said and another one asked for; nothing typed is lost.
    const another = vscode.l10n.t('Choose Another File');
    while (privateKey === undefined) {
      const uri = await ui.openFile({
        title: vscode.l10n.t('Private key (PEM or JWK JSON)'),
        filters: { Keys: ['pem', 'key', 'json', 'jwk'] },
      });
      if (!uri) return undefined;
      try {
        privateKey = await readPrivateKeyFile(uri.fsPath);
      } catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        if ((await ui.errorActions(msg, another)) !== another) return undefined;
      }
    }
  } else {
    privateKey = await ui.input({
      title: vscode.l10n.t('Private key'),
      prompt: vscode.l10n.t(
        "Paste the private key as a JWK (JSON) or PEM. It is stored only in VS Code's secret storage.",
      ),
      password: true,
      validateInput: (v) => keyProblem(v),
    });
    if (privateKey === undefined) return undefined;
  }
  privateKey = normalizePrivateKey(privateKey);
  if (isEncryptedPem(privateKey)) {
    // Decrypted here and stored decrypted in SecretStorage, so the passphrase is never kept anywhere.
    const encrypted = privateKey;
    const passphrase = await ui.input({
      title: vscode.l10n.t('Passphrase of the private key'),
      prompt: vscode.l10n.t(
        'The private key is encrypted. Enter its passphrase; the key is kept decrypted in secret storage only.',
      ),
      password: true,
      validateInput: (v) =>
        decryptPem(encrypted, v) ? undefined : vscode.l10n.t('This passphrase does not decrypt the key.'),
    });
    if (passphrase === undefined) return undefined;
    privateKey = decryptPem(encrypted, passphrase);
    if (privateKey === undefined) return undefined;
  }
  if (ownKid(privateKey) !== undefined) {
    // The JWK names its key; a key id kept from an earlier key (Edit to rotate) would contradict it.
    draft.keyId = undefined;
    return { kind: 'oauth', privateKey };
  }
  const keyId = await ui.input({
    title: vscode.l10n.t('Key id (optional)'),
    prompt: vscode.l10n.t(
      'The key id (kid) registered for this key in Okta; needed when the app has several keys, or to pick a key from a JWK Set.',
    ),
    value: draft.keyId,
  });
  if (keyId === undefined) return undefined;
  draft.keyId = keyId.trim() || undefined;
  return { kind: 'oauth', privateKey };
}
