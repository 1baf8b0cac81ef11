// The Okta org emulator, in process: `startEmulator(options)` serves an Okta-like org on loopback
// over real HTTP(S) and returns handles for tests (state inspection, faults, stats). See server.ts
// for the request pipeline and README "The Okta org emulator" for the options.
import type { KeyObject } from 'node:crypto';
import { appKeyPair } from './authServer/clientKeys';
import { EmulatorServer } from './server';
import type { MintJwtOptions } from './authServer/jwt';
import type { OrgNames, SizeOptions, SizePreset } from './data';
import type { ActiveFault, FaultRule } from './faults';
import type { OrgInspector } from './inspect';
import type { IssuedToken, ServiceApp } from './oauth';
import type { RateLimitConfig } from './ratelimit';
import type { EmulatorStats } from './stats';
import type { ScenarioName } from './authServer/scenario';
export { SCENARIOS, scenarioNamed, type ScenarioName } from './authServer/scenario';

export type { MintJwtOptions } from './authServer/jwt';
export type { OrgNames, SizeOptions, SizePreset } from './data';
export { SIZE_PRESETS, resolveSize } from './data';
export type { ActiveFault, FaultAction, FaultKind, FaultRule } from './faults';
export { FAULT_KINDS, parseFaultSpec } from './faults';
export type { OrgInspector, TokenCounts } from './inspect';
export type { IssuedToken, ServiceApp } from './oauth';
export type { RateLimitConfig } from './ratelimit';
export type { EmulatorStats } from './stats';
export { MARKUP_DESCRIPTION } from './names';

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. The emulator is meant for loopback only. */
  host?: string;
  /** Same seed (and epochMs) → byte-identical data. Default 1. */
  seed?: number | string;
  /** A preset ('tiny' | 'demo' | 'bench'), `servers=5,clients=3,tokens=40`, or numbers. Default 'demo'. */
  size?: SizePreset | string | Partial<SizeOptions>;
  /** Names for custom servers and apps instead of the generated ones (any text, as in Okta). */
  names?: OrgNames;
  /** Instant the generated timestamps are relative to. Default: the start of the current UTC day. */
  epochMs?: number;
  /** SSWS API tokens with full admin rights. */
  apiTokens?: string[];
  /** SSWS tokens whose admin is read-only (DELETE → 403 E0000006) or has no admin role (all → 403 E0000006). */
  ssws?: { readOnly?: string[]; noRole?: string[] };
  /** OAuth service apps that may use client_credentials + private_key_jwt. */
  serviceApps?: ServiceApp[];
  /** Lifetime of issued access tokens (default 3600, as Okta). */
  accessTokenTtlSeconds?: number;
  /** Fixed delay before each response, plus up to latencyJitterMs at random. */
  latencyMs?: number;
  latencyJitterMs?: number;
  /** The /api/v1 bucket, default 600 requests per 60 s. */
  rateLimit?: RateLimitConfig;
  /**
   * Per-bucket overrides: 'authorizationServers', 'users', 'apps', 'logs' (every /api/v1/<that>… call)
   * or 'api' (the rest).
   */
  rateLimitBuckets?: Record<string, RateLimitConfig>;
  /** Max /api/v1 requests in flight before a concurrency 429 (default unlimited; Okta: 75, 35 on free orgs). */
  concurrencyLimit?: number;
  /**
   * Per-principal share, in percent (above 0, at most 100): each SSWS token and each OAuth service app
   * may use at most this much of every bucket per window, then gets 429 E0000047 while the org bucket
   * still has room. X-Rate-Limit-* keep describing the org bucket. Okta's default is 50; off here unless
   * set, because how Okta's headers behave under it is not documented (test/emulator/README.md).
   */
  principalShare?: number;
  /** X-Rate-Limit-Remaining on a share 429: 'zero' (default, like a bucket 429) or 'org' (the org's room). */
  principalShareRemainingOn429?: 'zero' | 'org';
  /**
   * How fast the authorization servers' clock runs (default 1, real time; 60: a minute a second), so
   * idle windows and lifetimes pass in a test. Token times, expiry and System Log events follow it.
   */
  clockSpeed?: number;
  /**
   * 'rotation': a simulated app signs users in, refreshes (rotating) on a schedule, signs some out and
   * now and then reuses an old refresh token after the leeway, so the org has live traffic.
   */
  scenario?: ScenarioName;
  /** Real milliseconds between the scenario's steps (default 2000). */
  scenarioIntervalMs?: number;
  /** Serve HTTPS with this key and certificate (PEM). */
  tls?: { key: string | Buffer; cert: string | Buffer };
  /** Faults active from the start. */
  faults?: FaultRule[];
  /** Serve /__emulator/* (stats, faults, counts) for tests that drive the emulator from another process. */
  controlApi?: boolean;
  /** One line per request (method, path, status, ms); never headers or bodies, so never secrets. */
  log?: (line: string) => void;
}

export interface RunningEmulator {
  /** Origin, e.g. http://127.0.0.1:53211 — the "org URL". */
  url: string;
  port: number;
  org: OrgInspector;
  faults: {
    add(rule: FaultRule): number;
    remove(id: number): void;
    clear(): void;
    list(): ActiveFault[];
  };
  stats(): EmulatorStats;
  resetStats(): void;
  /** Starts fresh rate-limit windows for every bucket. */
  resetRateLimits(): void;
  setLatency(ms: number, jitterMs?: number): void;
  /** Issues an access token directly (no client assertion), e.g. an expired or under-scoped one. */
  mintAccessToken(token: Omit<IssuedToken, 'adminRole'> & { adminRole?: boolean }): string;
  /**
   * The org's authorization servers as an app sees them (serverId undefined = the org server):
   * signed JWTs as Okta issues them, and key rotation (POST /__emulator/jwt, /__emulator/keys/rotate
   * from another process).
   */
  authServers: {
    mintJwt(options?: MintJwtOptions): string;
    /** keyRotate: NEXT becomes ACTIVE, ACTIVE EXPIRED, a new NEXT is generated; returns the new kid. */
    rotateKeys(serverId?: string): string;
    activeKid(serverId?: string): string;
    /** `<org>/oauth2/<id>`, or the org URL for the org server. */
    issuer(serverId?: string): string;
  };
  /** The authorization servers' clock: its time, and moving it forward (no sleeping in tests). */
  clock: { now(): number; advance(ms: number): void };
  /** An app's client secret, for tests of confidential clients (Okta shows it only when it is set). */
  clientSecret(clientId: string): string;
  /** A private_key_jwt app's private key, for tests that sign its client assertions (never in an API body). */
  clientKey(clientId: string): KeyObject;
  /** One step of the rotation scenario's simulated app (whether or not its timer runs). */
  scenario: { step(): void };
  /** Stops listening and destroys every open socket, including hung and keep-alive ones. */
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const server = new EmulatorServer(options);
  await server.listen();
  return {
    url: server.origin,
    port: server.port,
    org: server.inspector,
    faults: {
      add: (rule) => server.faults.add(rule),
      remove: (id) => server.faults.remove(id),
      clear: () => server.faults.clear(),
      list: () => server.faults.list(),
    },
    stats: () => server.stats.snapshot(),
    resetStats: () => server.stats.reset(),
    resetRateLimits: () => server.limiter.reset(),
    setLatency: (ms, jitterMs = 0) => server.setLatency(ms, jitterMs),
    mintAccessToken: (t) => server.oauth.mint(t),
    authServers: {
      mintJwt: (o) => server.authServers.mint(o),
      rotateKeys: (id) => server.authServers.rotate(id),
      activeKid: (id) => server.authServers.activeKid(id),
      issuer: (id) => (id === undefined ? server.origin : `${server.origin}/oauth2/${id}`),
    },
    clock: { now: () => server.clock.now(), advance: (ms) => server.clock.advance(ms) },
    clientSecret: (clientId) => {
      const i = server.org.appIdxOf(clientId);
      if (i === undefined) throw new Error(`No app ${clientId} in this org.`);
      return server.flows.clientSecret(server.org.apps[i]);
    },
    clientKey: (clientId) => {
      const i = server.org.appIdxOf(clientId);
      if (i === undefined) throw new Error(`No app ${clientId} in this org.`);
      return appKeyPair(server.org, server.org.apps[i]).privateKey;
    },
    scenario: { step: () => server.scenario.step() },
    close: () => server.close(),
  };
}
