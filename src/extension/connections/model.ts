// The shape of a saved connection and of its secret. The record (no secret) lives in global state; the
// secret payload lives only in SecretStorage. Pure module: parsing here is what the unit tests exercise.

export type AuthKind = 'ssws' | 'oauth';

/** Everything about a connection except its secret. Safe to persist in global state and to log. */
export interface ConnectionRecord {
  id: string;
  name: string;
  orgUrl: string;
  authKind: AuthKind;
  /** OAuth service app only. */
  clientId?: string;
  /** OAuth service app only: the JWK `kid` to put in the assertion header. */
  keyId?: string;
}

/** What SecretStorage holds for one connection. */
export type SecretPayload = { kind: 'ssws'; token: string } | { kind: 'oauth'; privateKey: string };

/** Input accepted by the programmatic form of the "Add Okta Connection" command. */
export interface AddConnectionInput {
  name: string;
  orgUrl: string;
  auth:
    { kind: 'ssws'; token: string } | { kind: 'oauth'; clientId: string; privateKey: string; keyId?: string };
}

export function parseSecretPayload(raw: string | undefined): SecretPayload | undefined {
  if (!raw) return undefined;
  try {
    const v: unknown = JSON.parse(raw);
    if (typeof v !== 'object' || v === null) return undefined;
    const o = v as Record<string, unknown>;
    if (o.kind === 'ssws' && typeof o.token === 'string') return { kind: 'ssws', token: o.token };
    if (o.kind === 'oauth' && typeof o.privateKey === 'string')
      return { kind: 'oauth', privateKey: o.privateKey };
  } catch {
    // fall through: an unreadable payload is treated like a missing one
  }
  return undefined;
}

export function isConnectionRecord(v: unknown): v is ConnectionRecord {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return (
    typeof o.id === 'string' &&
    typeof o.name === 'string' &&
    typeof o.orgUrl === 'string' &&
    (o.authKind === 'ssws' || o.authKind === 'oauth')
  );
}

/** Validates the programmatic input; returns a problem description or undefined. */
export function checkAddInput(v: unknown): string | undefined {
  if (typeof v !== 'object' || v === null) return 'expected { name, orgUrl, auth }';
  const o = v as Record<string, unknown>;
  if (typeof o.name !== 'string' || !o.name.trim()) return '"name" must be a non-empty string';
  if (typeof o.orgUrl !== 'string') return '"orgUrl" must be a string';
  const a = o.auth as Record<string, unknown> | undefined;
  if (!a || typeof a !== 'object') return '"auth" is missing';
  if (a.kind === 'ssws')
    return typeof a.token === 'string' && a.token ? undefined : '"auth.token" is missing';
  if (a.kind === 'oauth') {
    if (typeof a.clientId !== 'string' || !a.clientId) return '"auth.clientId" is missing';
    if (typeof a.privateKey !== 'string' || !a.privateKey) return '"auth.privateKey" is missing';
    return undefined;
  }
  return '"auth.kind" must be "ssws" or "oauth"';
}

/**
 * A PEM pasted into a one-line input box arrives with its line breaks turned into spaces; put them back so
 * the key parses. JWK JSON and proper multi-line PEM are returned unchanged (trimmed).
 */
export function normalizePrivateKey(text: string): string {
  const t = text.trim();
  const m = /^(-----BEGIN [A-Z ]+-----)\s+([\s\S]+?)\s+(-----END [A-Z ]+-----)$/.exec(t);
  if (!m || t.includes('\n')) return t;
  const body = m[2].replace(/\s+/g, '');
  return `${m[1]}\n${body.match(/.{1,64}/g)?.join('\n') ?? body}\n${m[3]}\n`;
}
