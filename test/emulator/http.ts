// Reply values shared by every emulator route: Okta's `Error` body, the OAuth error body, JSON,
// empty and HTML replies. Routes return a Reply instead of writing to the socket, so the server
// can still add rate-limit headers or apply a fault (truncate, reset mid-body) to the real bytes.
import type { ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';

export interface Reply {
  status: number;
  headers: Record<string, string | string[]>;
  /** Serialised body; empty for 204 and header-only replies. */
  body: string;
}

export function randomId(prefix: string, bytes = 16): string {
  return prefix + randomBytes(bytes).toString('base64url');
}

export interface OktaErrorBody {
  errorCode: string;
  errorSummary: string;
  errorLink: string;
  errorId: string;
  errorCauses: Array<{ errorSummary: string }>;
}

/** Okta's `Error` schema; `errorLink` repeats the code, as Okta does today. */
export function oktaError(errorCode: string, errorSummary: string, causes: string[] = []): OktaErrorBody {
  return {
    errorCode,
    errorSummary,
    errorLink: errorCode,
    errorId: randomId('oae', 16),
    errorCauses: causes.map((c) => ({ errorSummary: c })),
  };
}

export function json(status: number, body: unknown, headers: Record<string, string | string[]> = {}): Reply {
  return { status, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** A JSON reply whose body text is already serialised (e.g. an array joined from cached items). */
export function rawJson(
  status: number,
  text: string,
  headers: Record<string, string | string[]> = {},
): Reply {
  return { status, headers: { 'Content-Type': 'application/json', ...headers }, body: text };
}

export function empty(status: number, headers: Record<string, string | string[]> = {}): Reply {
  return { status, headers, body: '' };
}

export function oktaErrorReply(
  status: number,
  errorCode: string,
  errorSummary: string,
  causes: string[] = [],
  headers: Record<string, string | string[]> = {},
): Reply {
  return json(status, oktaError(errorCode, errorSummary, causes), headers);
}

/** The OAuth 2.0 error body used by /oauth2/v1/token (`OAuthError` in Okta's OAuth spec). */
export function oauthError(
  status: number,
  error: string,
  description: string,
  headers: Record<string, string> = {},
): Reply {
  return json(
    status,
    { error, error_description: description },
    { 'Cache-Control': 'no-store', Pragma: 'no-cache', ...headers },
  );
}

/** An HTML error page such as a load balancer or proxy in front of Okta would send. */
export function html(status: number, title: string): Reply {
  return {
    status,
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
    body:
      `<!DOCTYPE html>\n<html><head><title>${status} ${title}</title></head>` +
      `<body><h1>${title}</h1><p>The server encountered a temporary error. Please try again.</p></body></html>\n`,
  };
}

/** Writes a reply with an exact Content-Length. */
export function writeReply(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, { ...reply.headers, 'Content-Length': String(Buffer.byteLength(reply.body)) });
  res.end(reply.body);
}
