// Reading a JWT without trusting it: base64url, the JOSE header and the claims, and finding tokens
// and Okta object ids inside a line of any file. Garbage is expected (a half-copied token, a log
// line that merely looks like one), so nothing here throws: a token that cannot be read comes back
// with a reason a person can act on. No network, no logging — the text may be a live credential.

export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  /** `header.payload`, the bytes the signature covers. */
  signingInput: string;
  signature: Buffer;
  alg?: string;
  kid?: string;
}

export type DecodeResult = { ok: true; jwt: DecodedJwt } | { ok: false; reason: string };

const B64URL = /^[A-Za-z0-9_-]*$/;

/** base64url text to bytes; undefined for text that is not base64url (padding `=` is tolerated). */
export function base64UrlDecode(text: string): Buffer | undefined {
  const t = text.replace(/=+$/, '');
  if (!B64URL.test(t) || t.length % 4 === 1) return undefined;
  return Buffer.from(t, 'base64url');
}

function jsonObject(
  part: string,
  what: string,
): { ok: true; value: Record<string, unknown> } | { ok: false; reason: string } {
  const bytes = base64UrlDecode(part);
  if (!bytes) return { ok: false, reason: `its ${what} is not base64url text` };
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    return { ok: false, reason: `its ${what} is not JSON once base64url-decoded` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { ok: false, reason: `its ${what} is JSON but not an object` };
  return { ok: true, value: value as Record<string, unknown> };
}

/** Decodes a compact JWS (three base64url parts). Never throws; an encrypted JWE (five parts) is named as such. */
export function decodeJwt(text: string): DecodeResult {
  const token = text.trim();
  if (!token) return { ok: false, reason: 'The text is empty.' };
  const parts = token.split('.');
  if (parts.length === 5)
    return {
      ok: false,
      reason: 'This is an encrypted JWT (JWE, five parts): its claims cannot be read without the key.',
    };
  if (parts.length !== 3)
    return { ok: false, reason: `A JWT has three parts separated by dots; this text has ${parts.length}.` };
  const header = jsonObject(parts[0], 'header (first part)');
  if (!header.ok) return { ok: false, reason: `Not a readable JWT: ${header.reason}.` };
  const claims = jsonObject(parts[1], 'payload (second part)');
  if (!claims.ok) return { ok: false, reason: `Not a readable JWT: ${claims.reason}.` };
  const signature = base64UrlDecode(parts[2]);
  if (!signature)
    return { ok: false, reason: 'Not a readable JWT: its signature (third part) is not base64url text.' };
  const h = header.value;
  return {
    ok: true,
    jwt: {
      header: h,
      claims: claims.value,
      signingInput: `${parts[0]}.${parts[1]}`,
      signature,
      alg: typeof h.alg === 'string' ? h.alg : undefined,
      kid: typeof h.kid === 'string' ? h.kid : undefined,
    },
  };
}

// A JOSE header is a JSON object, so it starts `{"` → base64url `eyJ`; so does a typical payload.
const JWT_SHAPE = /eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/g;
/** Okta object ids: 3-letter type prefix and 17 more letters or digits (20 in all). */
const OKTA_ID = /(?<![A-Za-z0-9])(aus|0oa|00u|oar)[A-Za-z0-9]{17}(?![A-Za-z0-9])/g;

export type OktaIdKind = 'server' | 'client' | 'user' | 'token';
const ID_KINDS: Record<string, OktaIdKind> = { aus: 'server', '0oa': 'client', '00u': 'user', oar: 'token' };

export interface Found<T> {
  start: number;
  end: number;
  text: string;
  value: T;
}

/** The JWT-shaped text covering `offset` on `line`, if any (only the match under the offset is examined). */
export function jwtAt(line: string, offset: number): Found<undefined> | undefined {
  return matchAt(line, offset, JWT_SHAPE, () => undefined);
}

/** The Okta id covering `offset` on `line`, and what kind of object it names. */
export function oktaIdAt(line: string, offset: number): Found<OktaIdKind> | undefined {
  return matchAt(line, offset, OKTA_ID, (m) => ID_KINDS[m[1]]);
}

/** The kind of object an Okta id names by its prefix, or undefined when it is not one of ours. */
export function oktaIdKind(id: string): OktaIdKind | undefined {
  OKTA_ID.lastIndex = 0;
  const m = OKTA_ID.exec(id);
  return m && m.index === 0 && m[0].length === id.length ? ID_KINDS[m[1]] : undefined;
}

function matchAt<T>(
  line: string,
  offset: number,
  re: RegExp,
  value: (m: RegExpExecArray) => T,
): Found<T> | undefined {
  // Scan only a window around the offset: a hover on a long line (minified JSON, a log) stays cheap.
  const from = Math.max(0, offset - 16_384);
  const text = line.slice(from, offset + 16_384);
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = from + m.index;
    const end = start + m[0].length;
    if (start > offset) return undefined;
    if (offset <= end) return { start, end, text: m[0], value: value(m) };
  }
  return undefined;
}

/** A claim as an epoch-seconds number, if it is one. */
export function numericDate(claims: Record<string, unknown>, name: string): number | undefined {
  const v = claims[name];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
