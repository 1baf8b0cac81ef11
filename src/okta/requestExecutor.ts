// Sends one logical request to the org and gets a usable answer or a clear OktaError back. Around each
// attempt it takes a slot from the org's concurrency limiter and room from the rate-limit governor, adds
// the credential's headers, and bounds the attempt with a timeout. It waits out 429s until the bucket
// resets, retries GETs on 5xx and dropped connections with jittered backoff, retries once after an auth
// challenge (expired token, DPoP nonce), and never retries a DELETE whose effect may already have happened.

import { request, type Dispatcher } from './undici';
import type { AuthProvider } from './auth/types';
import {
  OktaError,
  abortedError,
  describeHttpError,
  describeTransportError,
  parseWwwAuthenticate,
} from './errors';
import type { ConcurrencyLimiter } from './limiter';
import { nextLink } from './linkHeader';
import type { OktaLogger } from './logger';
import { parseErrorBody } from './models';
import { JsonStreamParser, type ParsedJson } from './jsonStream';
import { RateLimitGovernor, bucketKeyFor, readRateLimitHeaders, sleep } from './rateLimit';

export interface RetryPolicy {
  /** Waits for a rate-limit reset before a 429 is handed to the caller (default 4). */
  max429Retries: number;
  /** Retries of idempotent requests after 5xx, bad bodies or dropped connections (default 3). */
  maxTransientRetries: number;
  /** First backoff step in ms; doubles per retry with full jitter (default 200). */
  backoffBaseMs: number;
  backoffMaxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  max429Retries: 4,
  maxTransientRetries: 3,
  backoffBaseMs: 200,
  backoffMaxMs: 8000,
};

export interface ExecutorStats {
  requests: number;
  retries: number;
  received429: number;
  rateLimitPauses: number;
}

export interface ApiRequest {
  method: 'GET' | 'DELETE' | 'POST';
  /** Absolute URL on the org, or a path with query. */
  url: URL;
  signal?: AbortSignal;
  /**
   * Expect a JSON body (GET) or none (DELETE: Okta answers 204). A 2xx that carries a body anyway is
   * not Okta's answer to it (a captive portal, a gateway) and is refused as a 'shape' error.
   */
  expectBody: boolean;
}

export interface ApiAnswer {
  status: number;
  body: unknown;
  nextUrl?: string;
  requestId?: string;
}

type Headers = Record<string, string | string[] | undefined>;

function first(h: Headers, name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
}

function tryJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

export interface ExecutorDeps {
  origin: URL;
  auth: AuthProvider;
  limiter: ConcurrencyLimiter;
  governor: RateLimitGovernor;
  dispatcher: Dispatcher;
  logger: OktaLogger;
  redact: (s: string) => string;
  timeoutMs: number;
  retry: RetryPolicy;
  userAgent: string;
  random?: () => number;
}

export class RequestExecutor {
  readonly stats: ExecutorStats = { requests: 0, retries: 0, received429: 0, rateLimitPauses: 0 };

  constructor(private readonly d: ExecutorDeps) {}

  private backoff(attempt: number): number {
    const cap = Math.min(this.d.retry.backoffMaxMs, this.d.retry.backoffBaseMs * 2 ** attempt);
    return Math.round((this.d.random ?? Math.random)() * cap);
  }

  private pathOf(url: URL): string {
    return `${url.pathname}${url.search}`;
  }

  async execute(req: ApiRequest): Promise<ApiAnswer> {
    const { method, url, signal } = req;
    const path = this.pathOf(url);
    const idempotentRead = method === 'GET';
    const key = bucketKeyFor(url.pathname);
    let n429 = 0;
    let nTransient = 0;
    let nChallenge = 0;
    let lastResetAt: Date | undefined;
    // One budget per call for transient failures: 5xx, unreadable bodies, dropped connections.
    const retryTransient = async (reason: string): Promise<boolean> => {
      if (nTransient >= this.d.retry.maxTransientRetries) return false;
      const wait = this.backoff(nTransient++);
      this.stats.retries++;
      this.d.logger.warn(`${method} ${path}: ${reason}; retry ${nTransient} in ${wait} ms`);
      await this.pause(wait, method, path, signal);
      return true;
    };
    // After retries, the message says so: "try again" reads differently once it has been tried four times.
    const spent = (err: OktaError): OktaError => {
      if (nTransient > 0) err.message = `${err.message} It failed on all ${nTransient + 1} attempts.`;
      return err;
    };

    for (;;) {
      if (signal?.aborted) throw abortedError(method, path, signal.reason);
      const outcome = await this.attempt(req, key, path);

      if (outcome.kind === 'transport') {
        const err = outcome.error;
        // A request that never left (refused, DNS) is safe to repeat; one that may have landed is only
        // repeated when it is a read.
        const safe = idempotentRead || !err.outcomeUnknown;
        if (err.retryable && safe && (await retryTransient(`${err.kind} (${err.message})`))) continue;
        throw spent(err);
      }

      const { status, headers, text, requestId } = outcome;
      const contentType = first(headers, 'content-type') ?? '';
      // A 2xx list page was parsed as it streamed in (text is then empty); anything else is parsed here.
      const parsed: ParsedJson =
        outcome.json ?? (text.length ? tryJson(text) : ({ ok: true, value: undefined } as const));
      const received = outcome.json ? outcome.bytes : text.length;

      if (status >= 200 && status < 300) {
        if (req.expectBody) {
          if (!parsed.ok || parsed.value === undefined) {
            const what = contentType.includes('html')
              ? 'an HTML page'
              : received
                ? 'a body that is not valid JSON'
                : 'an empty body';
            const err = new OktaError({
              kind: 'shape',
              method,
              path,
              status,
              requestId,
              retryable: true,
              message: `${this.d.origin.host} answered ${method} ${path} with ${what} instead of JSON. A proxy or captive portal may be in the way, or the answer was cut short; try again.`,
            });
            if (idempotentRead && (await retryTransient('unreadable body'))) continue;
            throw spent(err);
          }
        } else if (text.trim().length > 0) {
          // Okta answers a DELETE with 204 and nothing else. A 2xx with a page or JSON of its own came from
          // something in between, which may or may not have passed the request on: never "done".
          const what = contentType.includes('html')
            ? 'an HTML page'
            : parsed.ok
              ? 'a JSON body'
              : `a ${contentType.split(';')[0] || 'non-JSON'} body`;
          throw new OktaError({
            kind: 'shape',
            method,
            path,
            status,
            requestId,
            outcomeUnknown: method !== 'GET',
            message: `${this.d.origin.host} answered ${method} ${path} with ${status} and ${what}, which is not Okta's answer (Okta sends 204 with no body). A proxy, captive portal or gateway may have answered instead of Okta.`,
          });
        }
        return {
          status,
          body: parsed.ok ? parsed.value : undefined,
          nextUrl: nextLink(headers['link']),
          requestId,
        };
      }

      const rl = readRateLimitHeaders(headers);
      if (status === 429) {
        this.stats.received429++;
        const concurrency = rl.limit === 0 && rl.remaining === 0;
        this.d.governor.exhaust(key, rl);
        // A concurrency 429's reset is only Okta's estimate and the cause is requests in flight, not the
        // window: a short jittered wait is enough. A bucket 429 waits for the reset by the server's clock.
        const wait = concurrency
          ? Math.min(this.d.governor.retryAfter429(rl, 1000), 250 + this.backoff(n429 + 1))
          : this.d.governor.retryAfter429(rl, this.backoff(n429 + 2), key);
        if (rl.reset !== undefined) lastResetAt = new Date(rl.reset * 1000);
        if (n429 < this.d.retry.max429Retries) {
          n429++;
          this.stats.retries++;
          const conc = concurrency ? ' (concurrency limit)' : '';
          this.d.logger.warn(
            `${method} ${path}: 429 rate limited${conc}; waiting ${wait} ms for the reset (${n429}/${this.d.retry.max429Retries})`,
          );
          await this.pause(wait, method, path, signal);
          continue;
        }
      }

      const body = parsed.ok ? parsed.value : undefined;
      if (
        (status === 401 || status === 400) &&
        nChallenge < 2 &&
        this.d.auth.handleChallenge({ status, headers, body })
      ) {
        nChallenge++;
        this.d.logger.info(
          `${method} ${path}: ${status} auth challenge answered; retrying with fresh credentials`,
        );
        continue;
      }

      if (status >= 500 && idempotentRead && (await retryTransient(String(status)))) continue;

      const wwwAuthenticate = parseWwwAuthenticate(first(headers, 'www-authenticate'));
      const errorBody = parseErrorBody(body);
      const oauth =
        body && typeof body === 'object' && typeof (body as { error?: unknown }).error === 'string'
          ? {
              error: (body as { error: string }).error,
              description: (body as { error_description?: string }).error_description,
            }
          : undefined;
      throw spent(
        new OktaError({
          kind: 'http',
          method,
          path,
          status,
          body: errorBody,
          oauthError: oauth,
          requestId,
          wwwAuthenticate,
          // A 5xx to a DELETE may have been applied before the failure; only 503 says it was not.
          outcomeUnknown: method !== 'GET' && status >= 500 && status !== 503,
          // errorSummary, causes and descriptions too: a proxy may quote the request's credential back.
          redact: this.d.redact,
          message: this.d.redact(
            describeHttpError({
              method,
              path,
              host: this.d.origin.host,
              status,
              body: errorBody,
              oauthError: oauth,
              requestId,
              wwwAuthenticate,
              contentType,
              authKind: this.d.auth.kind,
              retriesSpent: status === 429 ? n429 : undefined,
              resetAt: lastResetAt,
            }),
          ),
        }),
      );
    }
  }

  private async pause(ms: number, method: string, path: string, signal?: AbortSignal): Promise<void> {
    try {
      await sleep(ms, signal);
    } catch (e) {
      throw abortedError(method, path, e);
    }
  }

  private async attempt(req: ApiRequest, key: string, path: string): Promise<Attempt> {
    const { method, url, signal } = req;
    let release: () => void;
    try {
      release = await this.d.limiter.acquire(signal);
    } catch (e) {
      throw abortedError(method, path, e);
    }
    let done: (() => void) | undefined;
    try {
      try {
        done = await this.d.governor.admit(key, signal, (waitMs) => {
          this.stats.rateLimitPauses++;
          this.d.logger.debug(`${method} ${path}: holding back ${waitMs} ms to stay inside the rate limit`);
        });
      } catch (e) {
        throw abortedError(method, path, e);
      }
      const authHeaders = await this.d.auth.headersFor(method, url, signal);
      const started = Date.now();
      this.stats.requests++;
      let status: number;
      let headers: Headers;
      let text: string;
      let json: ParsedJson | undefined;
      let bytes: number;
      try {
        ({ status, headers, text, json, bytes } = await exchange(this.d.dispatcher, url, this.d.timeoutMs, {
          method,
          signal,
          headers: { accept: 'application/json', 'user-agent': this.d.userAgent, ...authHeaders },
          streamJson: req.expectBody,
        }));
      } catch (e) {
        if (!(e instanceof OktaError) || e.kind === 'aborted') throw e;
        this.d.logger.warn(`${method} ${path}: ${e.message}`);
        return { kind: 'transport', error: e };
      }
      const receivedAt = Date.now();
      this.d.governor.observe(key, readRateLimitHeaders(headers), receivedAt, status !== 429, started);
      const requestId = first(headers, 'x-okta-request-id');
      this.d.logger.debug(
        `${method} ${path} → ${status} in ${receivedAt - started} ms${requestId ? ` [${requestId}]` : ''}`,
      );
      return { kind: 'answer', status, headers, text, json, bytes, requestId };
    } finally {
      done?.();
      release();
    }
  }
}

/**
 * One HTTP exchange, bounded by a timeout, with the body read to the end. A transport failure comes back
 * as an OktaError that says what failed (DNS, refused, TLS, timeout, dropped); a cancelled request as an
 * `aborted` one, marked as possibly carried out since it had been sent. With `streamJson`, a 2xx body is
 * parsed as it arrives (`json`, with `text` left empty); other answers come back as text.
 */
export async function exchange(
  dispatcher: Dispatcher,
  url: URL,
  timeoutMs: number,
  init: {
    method: ApiRequest['method'];
    headers: Record<string, string>;
    body?: string;
    signal?: AbortSignal;
    streamJson?: boolean;
  },
): Promise<{ status: number; headers: Headers; text: string; json?: ParsedJson; bytes: number }> {
  const path = `${url.pathname}${url.search}`;
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    const res = await request(url, {
      method: init.method,
      dispatcher,
      signal: init.signal ? AbortSignal.any([init.signal, timeout]) : timeout,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      headers: init.headers,
      body: init.body,
    });
    if (init.streamJson && res.statusCode >= 200 && res.statusCode < 300) {
      const parser = new JsonStreamParser();
      for await (const chunk of res.body) parser.push(chunk as Buffer);
      return {
        status: res.statusCode,
        headers: res.headers as Headers,
        text: '',
        json: parser.end(),
        bytes: parser.bytes,
      };
    }
    const text = await res.body.text();
    return { status: res.statusCode, headers: res.headers as Headers, text, bytes: text.length };
  } catch (e) {
    if (init.signal?.aborted) throw abortedError(init.method, path, init.signal.reason, true);
    throw describeTransportError(
      timeout.aborted ? Object.assign(new Error('timeout'), { code: 'TimeoutError' }) : e,
      { method: init.method, path, host: url.host, timeoutMs, sent: true },
    );
  }
}

type Attempt =
  | {
      kind: 'answer';
      status: number;
      headers: Headers;
      text: string;
      json?: ParsedJson;
      bytes: number;
      requestId?: string;
    }
  | { kind: 'transport'; error: OktaError };
