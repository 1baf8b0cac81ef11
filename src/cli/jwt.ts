// `okta-tokens jwt <token|->`: prints a JWT's header and claims (times as dates, and how long ago or
// ahead) and a verdict. Only when the org given by --org-url / OKTA_ORG_URL is the token's own org
// (its org server or one of its custom servers) is anything fetched: that issuer's discovery document
// and keys, without credentials. Any other issuer is decoded with no request. With credentials in the
// environment, a custom server's audiences are looked up so aud is checked too. The token itself is
// never printed, and never sent anywhere.
import { OktaClient, normalizeOrgUrl, type AuthConfig } from '../okta';
import { makeDispatcher } from '../okta/client';
import { JwtVerifier, decodeJwt, issuerOf, publicJsonFetcher, type Verdict } from '../okta/jwt';
import type { CliArgs } from './args';

/** Exit codes of `jwt` (see USAGE): 0 only for a valid token. */
export const JWT_EXIT = { valid: 0, usage: 2, unreachable: 3, invalid: 6, notVerified: 7 } as const;

export interface JwtIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: Record<string, string | undefined>;
  readStdin?: () => Promise<string>;
  signal?: AbortSignal;
  /** Credentials from the environment, when any (run.ts's authFromEnv). */
  auth?: AuthConfig;
}

const TIME_CLAIMS = ['exp', 'iat', 'nbf', 'auth_time'];

function relative(seconds: number, nowS: number): string {
  const d = seconds - nowS;
  const a = Math.abs(d);
  const amount =
    a < 90
      ? `${Math.round(a)} s`
      : a < 5400
        ? `${Math.round(a / 60)} min`
        : a < 172_800
          ? `${Math.round(a / 3600)} h`
          : `${Math.round(a / 86_400)} days`;
  return d >= 0 ? `in ${amount}` : `${amount} ago`;
}

// Terminal escape sequences and other control characters in claim values are shown inert.
const inert = (s: string): string =>
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced
  s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

function fieldLines(obj: Record<string, unknown>, nowS: number, times: boolean): string {
  const width = Math.max(0, ...Object.keys(obj).map((k) => inert(k).length));
  return Object.entries(obj)
    .map(([k, v]) => {
      let text = inert(typeof v === 'string' ? v : JSON.stringify(v));
      if (times && TIME_CLAIMS.includes(k) && typeof v === 'number' && Number.isFinite(v)) {
        const date = new Date(v * 1000);
        if (!Number.isNaN(date.getTime())) text += `  (${date.toISOString()}, ${relative(v, nowS)})`;
      }
      return `  ${inert(k).padEnd(width)}  ${text}\n`;
    })
    .join('');
}

function exitFor(v: Verdict): number {
  switch (v.kind) {
    case 'valid':
      return JWT_EXIT.valid;
    case 'keys-unavailable':
      return JWT_EXIT.unreachable;
    case 'foreign-issuer':
    case 'org-access-token':
    case 'unsupported-alg':
      return JWT_EXIT.notVerified;
    default:
      return JWT_EXIT.invalid;
  }
}

const LABEL: Record<Verdict['kind'], string> = {
  valid: 'valid',
  'bad-signature': 'bad signature',
  'unknown-key': 'unknown key',
  expired: 'expired',
  'not-yet-valid': 'not yet valid',
  'wrong-audience': "audience not the server's",
  'wrong-issuer': 'issuer mismatch',
  'org-access-token': 'not verified (org-server access token)',
  'foreign-issuer': 'not verified (decoded only)',
  'unsupported-alg': 'not verified (algorithm)',
  'keys-unavailable': 'not verified (keys unavailable)',
  malformed: 'not a JWT',
};

export async function runJwt(args: CliArgs, io: JwtIo): Promise<number> {
  let text = args.token ?? '';
  if (text === '-') {
    if (!io.readStdin) {
      io.stderr('okta-tokens: jwt -: there is no standard input to read the token from\n');
      return JWT_EXIT.usage;
    }
    text = await io.readStdin();
  }
  // A token pasted with its scheme ("Bearer eyJ…") or in quotes is still the token.
  text = text
    .trim()
    .replace(/^(Bearer|DPoP)\s+/i, '')
    .replace(/^["']|["']$/g, '');
  const decoded = decodeJwt(text);
  if (!decoded.ok) {
    io.stderr(`okta-tokens: not a JWT: ${decoded.reason}\n`);
    return JWT_EXIT.invalid;
  }
  const { header, claims } = decoded.jwt;
  const nowS = Date.now() / 1000;

  const orgText = args.orgUrl ?? io.env.OKTA_ORG_URL;
  let verdict: Verdict;
  let client: OktaClient | undefined;
  try {
    if (!orgText) {
      verdict = {
        kind: 'foreign-issuer',
        valid: false,
        usedNetwork: false,
        message:
          'Decoded only: no org was given (--org-url or OKTA_ORG_URL), so no keys were fetched and the signature is not checked.',
      };
    } else {
      let orgUrl: URL;
      try {
        orgUrl = normalizeOrgUrl(orgText);
      } catch (e) {
        io.stderr(`okta-tokens: ${args.orgUrl ? '--org-url' : 'OKTA_ORG_URL'}: ${(e as Error).message}\n`);
        return JWT_EXIT.usage;
      }
      // Credentials are only used for this org's own issuers, to read a server's audiences.
      if (io.auth && issuerOf(claims.iss, orgUrl)) {
        try {
          client = new OktaClient({ orgUrl: orgUrl.href, auth: io.auth, userAgent: 'okta-tokens' });
        } catch {
          client = undefined; // unusable credentials: aud goes unchecked, the rest still is
        }
      }
      const fetchJson =
        client?.publicJson ??
        publicJsonFetcher({ orgUrl, dispatcher: makeDispatcher({}, 2), userAgent: 'okta-tokens' });
      const verifier = new JwtVerifier({
        orgUrl,
        fetchJson,
        audiencesOf: client
          ? async (serverId, signal) => (await client!.getAuthorizationServer(serverId, { signal })).audiences
          : undefined,
      });
      verdict = await verifier.verify(decoded.jwt, { signal: io.signal });
    }
  } finally {
    await client?.close().catch(() => undefined);
  }

  if (args.output === 'json') {
    io.stdout(
      `${JSON.stringify({ header, claims, verdict: { kind: verdict.kind, valid: verdict.valid, message: verdict.message } }, null, 2)}\n`,
    );
  } else {
    io.stdout(`Header\n${fieldLines(header, nowS, false)}Claims\n${fieldLines(claims, nowS, true)}`);
    const audNote =
      verdict.kind === 'valid' && verdict.issuer?.kind === 'custom' && !verdict.expectedAudiences
        ? ' (aud not checked: set OKTA_API_TOKEN or a service app to look up the server’s audiences)'
        : '';
    io.stdout(`Verdict: ${LABEL[verdict.kind]}${audNote}\n`);
  }
  if (!verdict.valid) io.stderr(`okta-tokens: ${verdict.message}\n`);
  return exitFor(verdict);
}
