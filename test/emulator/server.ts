// The emulator's HTTP(S) server and request pipeline:
//   request id → classify route → (api) rate/concurrency admission → faults → latency →
//   auth + scopes → route → rate headers → (fault) truncate / reset → write.
// In-flight requests count toward the concurrency limit until their socket response closes.
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { ApiAuth, type Principal, type SswsRole } from './auth';
import { AuthServers, oauthPath } from './authServer/authServers';
import { EmulatorClock } from './authServer/clock';
import { AuthFlows, flowPath } from './authServer/flows';
import { RotationScenario } from './authServer/scenario';
import type { MintJwtOptions } from './authServer/jwt';
import { OrgData, resolveSize } from './data';
import { FaultSet, type FaultAction, type FaultRule } from './faults';
import { Grants } from './grants';
import { empty, html, json, oauthError, oktaErrorReply, writeReply, type Reply } from './http';
import type { EmulatorOptions } from './index';
import { OrgInspector } from './inspect';
import { OAuthServer } from './oauth';
import { RateLimiter, rateGroup } from './ratelimit';
import { Renderer } from './render';
import { matchRoute, Routes, type RequestContext } from './routes';
import { ServerConfig } from './serverConfig';
import { StatsRecorder } from './stats';
import { SystemLog } from './systemLog';

const MAX_FORM_BYTES = 64 * 1024;

function startOfUtcDay(ms: number): number {
  return Math.floor(ms / 86_400_000) * 86_400_000;
}

/** The caller's address and user agent, as the System Log shows them. */
function caller(req: IncomingMessage): { ip: string; userAgent: string } {
  return {
    ip: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
    userAgent: req.headers['user-agent'] ?? '',
  };
}

/**
 * Waits `ms` before answering, or less if the response closes first (the caller gave up, or close()
 * destroyed the socket): a cancelled slow request leaves no timer holding the process open.
 */
function delayAnswer(ms: number, res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      res.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    res.once('close', done);
  });
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_FORM_BYTES) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_FORM_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export class EmulatorServer {
  readonly stats = new StatsRecorder();
  readonly faults = new FaultSet();
  readonly org: OrgData;
  limiter: RateLimiter;
  // Set in listen(), once the origin (and so every absolute link) is known.
  oauth!: OAuthServer;
  inspector!: OrgInspector;
  authServers!: AuthServers;
  origin = '';
  port = 0;
  private routes!: Routes;
  /** The custom servers' OAuth flows (/oauth2/{id}/v1/authorize, token, revoke). */
  flows!: AuthFlows;
  /** The simulated app of `--scenario rotation` (started only when asked for; tests may step it). */
  scenario!: RotationScenario;
  readonly clock: EmulatorClock;
  private auth!: ApiAuth;
  private readonly http: Server;
  private readonly sockets = new Set<Socket>();
  private latencyMs: number;
  private jitterMs: number;

  constructor(private readonly opts: EmulatorOptions) {
    const share = opts.principalShare;
    if (share !== undefined && !(Number.isFinite(share) && share > 0 && share <= 100)) {
      throw new Error(
        `principalShare must be a percentage above 0 and at most 100 (Okta's default is 50); got ${share}.`,
      );
    }
    this.org = new OrgData(
      opts.seed ?? 1,
      resolveSize(opts.size),
      opts.epochMs ?? startOfUtcDay(Date.now()),
      opts.names,
    );
    this.limiter = new RateLimiter(
      opts.rateLimit ?? { limit: 600, windowSeconds: 60 },
      opts.rateLimitBuckets,
      opts.concurrencyLimit ?? Infinity,
      Date.now,
      opts.principalShare === undefined
        ? undefined
        : { percent: opts.principalShare, remainingOn429: opts.principalShareRemainingOn429 ?? 'zero' },
    );
    this.clock = new EmulatorClock(opts.clockSpeed ?? 1);
    this.latencyMs = opts.latencyMs ?? 0;
    this.jitterMs = opts.latencyJitterMs ?? 0;
    for (const f of opts.faults ?? []) this.faults.add(f);
    const handler = (req: IncomingMessage, res: ServerResponse): void => {
      this.handle(req, res).catch((e: unknown) => {
        opts.log?.(
          `emulator: internal error on ${req.method} ${req.url?.split('?')[0]}: ${(e as Error).stack ?? String(e)}`,
        );
        if (!res.headersSent) writeReply(res, oktaErrorReply(500, 'E0000009', 'Internal Server Error'));
        else res.destroy();
      });
    };
    this.http = opts.tls
      ? createHttpsServer({ key: opts.tls.key, cert: opts.tls.cert }, handler)
      : createHttpServer(handler);
    // Okta keeps connections alive; so does the emulator, and close() destroys them.
    this.http.keepAliveTimeout = 5000;
    // The raw TCP socket (also under TLS), so close() can end connections still in the handshake.
    this.http.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }

  setLatency(ms: number, jitterMs: number): void {
    this.latencyMs = ms;
    this.jitterMs = jitterMs;
  }

  async listen(): Promise<void> {
    const host = this.opts.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(this.opts.port ?? 0, host, () => {
        this.http.off('error', reject);
        resolve();
      });
    });
    this.port = (this.http.address() as AddressInfo).port;
    const shownHost =
      host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
    this.origin = `${this.opts.tls ? 'https' : 'http'}://${shownHost}:${this.port}`;
    const ssws = new Map<string, SswsRole>();
    for (const t of this.opts.apiTokens ?? []) ssws.set(t, 'full');
    for (const t of this.opts.ssws?.readOnly ?? []) ssws.set(t, 'read-only');
    for (const t of this.opts.ssws?.noRole ?? []) ssws.set(t, 'none');
    this.oauth = new OAuthServer(this.origin, this.opts.serviceApps ?? [], this.opts.accessTokenTtlSeconds);
    this.auth = new ApiAuth(this.origin, ssws, this.oauth);
    const renderer = new Renderer(this.org, this.origin);
    const config = new ServerConfig(this.org, renderer, this.origin);
    this.authServers = config.authServers;
    const log = new SystemLog(this.org, this.origin, () => this.clock.now());
    const grants = new Grants(this.org);
    this.routes = new Routes(this.org, renderer, this.origin, config, log, grants, () => this.clock.now());
    this.flows = new AuthFlows(this.org, config, this.authServers, this.routes, log, this.clock);
    this.scenario = new RotationScenario(this.org, this.flows, this.clock);
    if (this.opts.scenario === 'rotation') this.scenario.start(this.opts.scenarioIntervalMs ?? 2000);
    this.inspector = new OrgInspector(this.org, renderer, config, log, grants);
  }

  async close(): Promise<void> {
    this.scenario?.stop();
    const closed = new Promise<void>((resolve) => this.http.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    await closed;
  }

  private classify(
    method: string,
    path: string,
  ): { kind: 'api' | 'token' | 'flow' | 'metadata' | 'control' | 'unknown'; route: string } {
    if (path.startsWith('/api/v1/')) {
      const m = matchRoute(path);
      return { kind: 'api', route: m ? (m.ops[method] ?? 'methodNotAllowed') : 'unknown' };
    }
    if (path === '/oauth2/v1/token') return { kind: 'token', route: 'token' };
    const flow = flowPath(path);
    if (flow) return { kind: 'flow', route: `oauth2-${flow.what}` };
    const oauth = oauthPath(path);
    // Route names: 'keys' for a JWKS, 'metadata' for a discovery document (org or custom server).
    if (oauth) return { kind: 'metadata', route: oauth.what === 'keys' ? 'keys' : 'metadata' };
    if (this.opts.controlApi && path.startsWith('/__emulator/')) return { kind: 'control', route: 'control' };
    return { kind: 'unknown', route: 'unknown' };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', this.origin);
    const path = url.pathname;
    const requestId = randomBytes(20).toString('base64url');
    res.setHeader('X-Okta-Request-Id', requestId);
    const { kind, route } = this.classify(method, path);
    this.stats.request(method, route);
    this.stats.enter();
    let admitted = false;
    res.on('close', () => {
      this.stats.leave();
      if (admitted) this.limiter.release();
    });
    const finish = (reply: Reply, post?: FaultAction): void => {
      this.stats.status(reply.status);
      this.opts.log?.(`${method} ${path} → ${reply.status} (${Date.now() - started} ms)`);
      this.write(res, reply, post);
    };

    let rateHeaders: Record<string, string> = {};
    if (kind === 'api') {
      const decision = this.limiter.admit(rateGroup(path), this.auth.principalKey(req.headers));
      rateHeaders = decision.headers;
      if (!decision.allowed) {
        if (decision.reason === 'concurrency') this.stats.concurrencyRejected();
        if (decision.reason === 'principal') this.stats.principalRejected();
        req.resume();
        return finish(tooManyRequests(rateHeaders));
      }
      admitted = true;
    }

    const actions = this.faults.take(method, path);
    this.stats.faultFired(actions.length);
    const extra = actions.reduce((sum, a) => sum + (a.kind === 'latency' ? a.ms : 0), 0);
    const delay = this.latencyMs + (this.jitterMs > 0 ? Math.random() * this.jitterMs : 0) + extra;
    const body =
      kind === 'token' || kind === 'control' || kind === 'flow'
        ? await readBody(req)
        : (req.resume(), undefined);
    if (delay > 0) await delayAnswer(delay, res);
    if (res.destroyed) return;

    const fault = actions.find((a) => a.kind !== 'latency');
    if (fault?.kind === 'hang') return; // the socket is destroyed by the client or by close()
    if (fault?.kind === 'reset' && fault.after === 'request') {
      this.stats.status(0);
      res.socket?.destroy();
      return;
    }
    const early = fault && this.faultReply(fault, rateHeaders, { method, path, req, body });
    if (early) return finish(early);

    let reply = await this.reply(kind, method, path, url, req, body, requestId);
    if (kind === 'api') reply = { ...reply, headers: { ...reply.headers, ...rateHeaders } };
    finish(reply, fault);
  }

  private async reply(
    kind: 'api' | 'token' | 'flow' | 'metadata' | 'control' | 'unknown',
    method: string,
    path: string,
    url: URL,
    req: IncomingMessage,
    body: string | undefined,
    requestId: string,
  ): Promise<Reply> {
    switch (kind) {
      case 'api': {
        const who = await this.auth.authenticate(method, path, req.headers);
        if ('status' in who) return who;
        const denied = this.auth.authorize(who, method, path);
        if (denied) return denied;
        const m = matchRoute(path);
        if (!m) return oktaErrorReply(404, 'E0000007', `Not found: Resource not found: ${path} (Path)`);
        const op = m.ops[method];
        if (!op) {
          return oktaErrorReply(
            405,
            'E0000022',
            'The endpoint does not support the provided HTTP method',
            [],
            {
              Allow: Object.keys(m.ops).join(', '),
            },
          );
        }
        return this.routes.handle(op, m.params, path, url.searchParams, this.context(who, req, requestId));
      }
      case 'token': {
        if (method !== 'POST') return empty(405, { Allow: 'POST' });
        const type = req.headers['content-type'] ?? '';
        if (body === undefined || !type.startsWith('application/x-www-form-urlencoded')) {
          return json(400, {
            error: 'invalid_request',
            error_description:
              'The token request must be a form (application/x-www-form-urlencoded) of at most 64 KiB.',
          });
        }
        const dpop = req.headers.dpop;
        return this.oauth.handleToken(new URLSearchParams(body), typeof dpop === 'string' ? dpop : undefined);
      }
      case 'flow':
        return this.flow(method, path, url, req, body, requestId);
      case 'metadata': {
        const oauth = oauthPath(path);
        if (!oauth) return oktaErrorReply(404, 'E0000007', `Not found: Resource not found: ${path} (Path)`);
        return this.authServers.reply(oauth.serverId, oauth.what, url.searchParams);
      }
      case 'control':
        return this.control(method, path, url, body);
      default:
        return oktaErrorReply(404, 'E0000007', `Not found: Resource not found: ${path} (Path)`);
    }
  }

  /** /oauth2/{id}/v1/authorize (GET, or POST as a form), /token, /revoke and /introspect (POST forms). */
  private flow(
    method: string,
    path: string,
    url: URL,
    req: IncomingMessage,
    body: string | undefined,
    requestId: string,
  ): Reply {
    const f = flowPath(path);
    const serverIdx = f && this.org.serverIdxOf(f.serverId);
    if (!f || serverIdx === undefined)
      return oktaErrorReply(
        404,
        'E0000007',
        `Not found: Resource not found: ${f?.serverId ?? path} (AuthorizationServer)`,
      );
    const ctx = { requestId, ...caller(req) };
    const isForm = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
    if (f.what === 'authorize') {
      if (method === 'GET') return this.flows.authorize(serverIdx, url.searchParams, ctx);
      if (method === 'POST' && isForm && body !== undefined)
        return this.flows.authorize(serverIdx, new URLSearchParams(body), ctx);
      return empty(405, { Allow: 'GET, POST' });
    }
    if (method !== 'POST') return empty(405, { Allow: 'POST' });
    if (body === undefined || !isForm)
      return oauthError(
        400,
        'invalid_request',
        'The request must be a form (application/x-www-form-urlencoded) of at most 64 KiB.',
      );
    const form = new URLSearchParams(body);
    if (f.what === 'introspect')
      return this.flows.introspect(serverIdx, form, url.searchParams, req.headers.authorization);
    return f.what === 'token'
      ? this.flows.token(serverIdx, form, req.headers.authorization, ctx)
      : this.flows.revoke(serverIdx, form, req.headers.authorization, ctx);
  }

  /** The System Log's view of a request: the admin behind an API token, or the service app. */
  private context(who: Principal, req: IncomingMessage, requestId: string): RequestContext {
    const { ip, userAgent } = caller(req);
    if (who.kind === 'oauth')
      return { requestId, actor: { kind: 'service', clientId: who.token.clientId }, ip, userAgent };
    // An API token's id in Okta's 00T… form, from its opaque principal key, so its value never shows.
    const apiTokenId = `00T${who.key.replace(/\D/g, '').padStart(14, '0')}0h7`;
    return { requestId, actor: { kind: 'user', userIdx: this.org.adminIdx }, apiTokenId, ip, userAgent };
  }

  /** /__emulator/*: stats, faults and counts for tests that run the emulator in another process. */
  private control(method: string, path: string, url: URL, body: string | undefined): Reply {
    const what = path.slice('/__emulator/'.length);
    if (what === 'stats' && method === 'GET') return json(200, this.stats.snapshot());
    if (what === 'stats' && method === 'DELETE') return (this.stats.reset(), empty(204));
    if (what === 'counts' && method === 'GET') {
      return json(
        200,
        this.inspector.counts(
          url.searchParams.get('serverId') ?? undefined,
          url.searchParams.get('clientId') ?? undefined,
        ),
      );
    }
    if (what === 'jwt' && method === 'POST') {
      // A signed token from one of the org's authorization servers (authServer/jwt.ts for the options).
      try {
        return json(201, { token: this.authServers.mint(JSON.parse(body ?? '{}') as MintJwtOptions) });
      } catch (e) {
        return json(400, { error: `Token not minted: ${(e as Error).message}` });
      }
    }
    if (what === 'keys/rotate' && method === 'POST') {
      try {
        const { serverId } = JSON.parse(body || '{}') as { serverId?: string };
        return json(200, { kid: this.authServers.rotate(serverId) });
      } catch (e) {
        return json(400, { error: `Keys not rotated: ${(e as Error).message}` });
      }
    }
    if (what === 'faults' && method === 'GET') return json(200, this.faults.list());
    if (what === 'faults' && method === 'DELETE') return (this.faults.clear(), empty(204));
    if (what === 'faults' && method === 'POST') {
      try {
        const rule = JSON.parse(body ?? '') as FaultRule & { count?: number | null };
        if (rule.count === null) rule.count = Infinity;
        return json(201, { id: this.faults.add(rule) });
      } catch (e) {
        return json(400, { error: `Fault rule not accepted: ${(e as Error).message}` });
      }
    }
    return json(404, { error: `No control endpoint ${method} ${path}; see README "The Okta org emulator".` });
  }

  /** The reply a fault sends instead of the real one; undefined for faults applied to the real reply. */
  private faultReply(
    fault: FaultAction,
    rateHeaders: Record<string, string>,
    request: { method: string; path: string; req: IncomingMessage; body: string | undefined },
  ): Reply | undefined {
    switch (fault.kind) {
      case 'rate-limit': {
        const reset = Math.ceil(Date.now() / 1000) + (fault.resetSeconds ?? 1);
        return tooManyRequests({
          'X-Rate-Limit-Limit': rateHeaders['X-Rate-Limit-Limit'] ?? '600',
          'X-Rate-Limit-Remaining': '0',
          'X-Rate-Limit-Reset': String(reset),
        });
      }
      case 'status':
        if (fault.status === 500) return oktaErrorReply(500, 'E0000009', 'Internal Server Error');
        if (fault.status === 503) return oktaErrorReply(503, 'E0000010', 'Service is in read only mode');
        return html(fault.status, fault.status === 502 ? 'Bad Gateway' : 'Gateway Timeout');
      case 'malformed-json':
        return {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
          body: '[{"id":"oar-broken","status":ACTIVE,}',
        };
      case 'html':
        return html(
          fault.status ?? 200,
          fault.status && fault.status >= 500 ? 'Service Unavailable' : 'Sign In',
        );
      case 'json':
        return json(fault.status ?? 200, fault.body ?? { status: 'ok' });
      case 'auth-challenge': {
        const challenge =
          fault.wwwAuthenticate ??
          (fault.status === 401
            ? `Bearer authorization_uri="${this.origin}/oauth2/v1/authorize", realm="${this.origin}", error="invalid_token", error_description="The access token is invalid."`
            : `Bearer authorization_uri="${this.origin}/oauth2/v1/authorize", realm="${this.origin}", scope="okta.authorizationServers.manage", error="insufficient_scope", error_description="The access token provided does not contain the required scopes."`);
        return empty(fault.status, { 'WWW-Authenticate': challenge });
      }
      case 'echo': {
        const { method, path, req, body } = request;
        if (path === '/oauth2/v1/token')
          return oauthError(
            fault.status ?? 400,
            'invalid_client',
            `Client authentication failed for the request ${body ?? ''}`,
          );
        const headers = Object.entries(req.headers).map(([k, v]) => `${k}: ${String(v)}`);
        return oktaErrorReply(
          fault.status ?? 400,
          'E0000001',
          `Api validation failed: ${method} ${path} with authorization: ${req.headers.authorization ?? '(none)'}`,
          headers,
        );
      }
      default:
        return undefined;
    }
  }

  private write(res: ServerResponse, reply: Reply, post: FaultAction | undefined): void {
    if (post?.kind === 'truncated-json') {
      writeReply(res, { ...reply, body: reply.body.slice(0, Math.floor(reply.body.length / 2)) });
      return;
    }
    if (post?.kind === 'reset') {
      // Promise the whole body, then drop the connection part-way: the client sees a premature close.
      res.writeHead(reply.status, {
        ...reply.headers,
        'Content-Length': String(Buffer.byteLength(reply.body)),
      });
      if (post.after === 'headers') res.flushHeaders();
      else res.write(reply.body.slice(0, Math.floor(reply.body.length / 2)));
      setTimeout(() => res.socket?.destroy(), 20);
      return;
    }
    writeReply(res, reply);
  }
}

function tooManyRequests(headers: Record<string, string>): Reply {
  return oktaErrorReply(
    429,
    'E0000047',
    'API call exceeded rate limit due to too many requests.',
    [],
    headers,
  );
}
