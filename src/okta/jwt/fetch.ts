// GETs of an org's public OAuth documents (discovery, JWKS) for the JWT verifier: no credentials
// are sent (these endpoints need none, and an API token has no business travelling with them), only
// URLs on the org's own origin are fetched, redirects are not followed, and the answer must be JSON.
// The transport (proxy, CAs, timeouts) is the Okta client's, so these requests go where its go.
import { exchange } from '../requestExecutor';
import type { Dispatcher } from '../undici';

export interface PublicJsonOptions {
  orgUrl: URL;
  dispatcher: Dispatcher;
  timeoutMs?: number;
  userAgent?: string;
}

export function publicJsonFetcher(
  o: PublicJsonOptions,
): (url: URL, signal?: AbortSignal) => Promise<unknown> {
  return async (url, signal) => {
    if (url.origin !== o.orgUrl.origin)
      throw new Error(`${url.origin} is not the org ${o.orgUrl.origin}; nothing was sent there`);
    const res = await exchange(o.dispatcher, url, o.timeoutMs ?? 15_000, {
      method: 'GET',
      headers: { accept: 'application/json', 'user-agent': o.userAgent ?? 'okta-token-explorer' },
      signal,
    });
    if (res.status !== 200) {
      let why = '';
      try {
        const body = JSON.parse(res.text) as { errorSummary?: unknown };
        if (typeof body.errorSummary === 'string') why = `: ${body.errorSummary}`;
      } catch {
        // not Okta's JSON error
      }
      throw new Error(`GET ${url.pathname} answered ${res.status}${why}`);
    }
    try {
      return JSON.parse(res.text);
    } catch {
      throw new Error(`GET ${url.pathname} answered with something that is not JSON`);
    }
  };
}
