// A live watch on a client's or a user's refresh tokens: polls their token list and tails the System Log
// from the moment it started, and reports what changed as events — new tokens (and which token they were
// rotated from), revoked tokens with why (rotation, reuse detection, an admin, the app, Okta implicitly),
// failed refreshes with Okta's reason, reuse detections — plus marks a person sets and errors. Every
// request waits for room in the watch's share of the rate-limit buckets (budget.ts); the interval is the
// person's, stretched only when the share demands it, and both are reported. Pause stops requests; stop
// ends the loop. The whole run exports as JSON (no secret is ever held: the API never returns token
// values). No vscode import: the Watch panel and `okta-tokens watch` both drive this.

import type { TokenPath } from '../client';
import type { LogEvent, OAuth2Client, OAuth2RefreshToken } from '../models';
import type { Page, PagedList } from '../pager';
import { bucketKeyFor } from '../rateLimit';
import {
  OAUTH_EVENTS_FILTER,
  concerns,
  describeEvent,
  reasonExplained,
  type TimelineEntry,
  type TimelineScope,
} from '../timeline';
import { ShareBudget, DEFAULT_SHARE, DEFAULT_WINDOW_MS } from './budget';
import {
  chainKey,
  chainOrder,
  predecessorOf,
  revokeCause,
  seenToken,
  type RevokeCause,
  type SeenToken,
} from './chains';

export type WatchTarget =
  | { kind: 'client'; authServerId: string; clientId: string; name?: string }
  | { kind: 'user'; userId: string; name?: string };

/** The client calls a watch makes (OktaClient has them all). */
export interface WatchClient {
  listTokensAt(
    path: TokenPath,
    params?: { expandScope?: boolean; limit?: number; after?: string },
    opts?: { signal?: AbortSignal },
  ): PagedList<OAuth2RefreshToken>;
  listUserClients(userId: string, opts?: { signal?: AbortSignal }): PagedList<OAuth2Client>;
  listLogEvents(
    params: { since?: string; filter?: string; limit?: number },
    opts?: { signal?: AbortSignal },
  ): PagedList<LogEvent>;
  rateLimits?(): Record<string, { limit: number; ceiling?: number }>;
}

export type WatchEvent =
  | { type: 'started'; at: string; tokens: number }
  | {
      type: 'token-new';
      at: string;
      token: SeenToken;
      /** The token it replaced in its rotation chain. */
      rotatedFrom?: string;
    }
  | {
      type: 'token-revoked';
      at: string;
      token: SeenToken;
      cause: RevokeCause;
      rotatedTo?: string;
      /** The System Log event that shows the cause. */
      evidence?: { uuid: string; eventType: string; transactionId?: string };
    }
  | {
      type: 'log';
      at: string;
      entry: TimelineEntry;
      explanation?: string;
      /** A token request's grants reported together: the tokens it granted (refresh_token, access_token, id_token). */
      tokenTypes?: string[];
    }
  | { type: 'mark'; at: string; label: string }
  | { type: 'paused'; at: string }
  | { type: 'resumed'; at: string }
  | { type: 'error'; at: string; message: string }
  | { type: 'stopped'; at: string };

export interface WatchStatus {
  state: 'starting' | 'running' | 'paused' | 'stopped';
  intervalMs: number;
  /** The interval polls actually run at: the chosen one, or longer when the share demands it. */
  effectiveIntervalMs: number;
  share: number;
  windowMs: number;
  /** The smallest bucket limit learnt (requests per window); undefined before the first answer. */
  limit?: number;
  /** Requests the share allows per window. */
  allowance: number;
  /** Requests in the last window. */
  usedInWindow: number;
  polls: number;
  requests: number;
  heldBack: number;
  requestsPerPoll: number;
  lastPollAt?: string;
  nextPollAt?: string;
  tokens: number;
  startedAt: string;
}

export interface WatchSummary {
  newTokens: number;
  rotations: number;
  revoked: Record<RevokeCause, number>;
  reuseDetections: number;
  failedRefreshes: number;
  failedReasons: Record<string, number>;
  marks: number;
  polls: number;
  requests: number;
}

export interface WatchExport {
  format: 'okta-token-explorer.watch/1';
  target: WatchTarget;
  startedAt: string;
  exportedAt: string;
  options: { intervalMs: number; share: number; windowMs: number };
  summary: WatchSummary;
  events: WatchEvent[];
  tokens: SeenToken[];
  /** Rotation chains that changed while watched: token ids, oldest first. */
  chains: string[][];
}

export interface WatchOptions {
  intervalMs?: number;
  share?: number;
  windowMs?: number;
  /** Pages of 200 tokens per list per poll. */
  pageCap?: number;
  /** How long a revoked token waits for a System Log event to explain it before it is reported. */
  causeWaitMs?: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export const DEFAULT_INTERVAL_MS = 5000;
export const MIN_INTERVAL_MS = 250;
const LOG_PAGE = 1000;
/**
 * How many System Log uuids the watch remembers to drop repeats. The log is read forward from a cursor, so a
 * repeat can only come from the last pages read again; the uuids of a whole org's OAuth events over hours of
 * watching need not stay in memory.
 */
const SEEN_UUIDS = 4 * LOG_PAGE;

interface Pending {
  token: SeenToken;
  revokedAt: number;
  seenAt: number;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export class WatchSession {
  readonly target: WatchTarget;
  readonly startedAt: number;
  private readonly budget: ShareBudget;
  private readonly now: () => number;
  private readonly sleepFn: (ms: number, signal?: AbortSignal) => Promise<void>;
  private intervalMs: number;
  private readonly pageCap: number;
  private readonly causeWaitMs: number;
  private readonly tokens = new Map<string, SeenToken>();
  private readonly entries: TimelineEntry[] = [];
  private readonly seenUuids = new Set<string>();
  private readonly pending = new Map<string, Pending>();
  /** Old token id → the token seen replacing it in a rotation. */
  private readonly replacedBy = new Map<string, string>();
  private readonly listeners = new Set<(e: WatchEvent) => void>();
  readonly events: WatchEvent[] = [];
  private logList: PagedList<LogEvent> | undefined;
  private logNext: string | undefined;
  private state: WatchStatus['state'] = 'starting';
  private polls = 0;
  private requests = 0;
  private requestsPerPoll = 2;
  private lastPollAt: number | undefined;
  private nextPollAt: number | undefined;
  private readonly stopper = new AbortController();
  private wake: (() => void) | undefined;
  private baselined = false;
  private running = false;

  constructor(
    private readonly client: WatchClient,
    target: WatchTarget,
    opts: WatchOptions = {},
  ) {
    this.target = target;
    this.now = opts.now ?? Date.now;
    this.startedAt = this.now();
    this.intervalMs = Math.max(MIN_INTERVAL_MS, opts.intervalMs ?? DEFAULT_INTERVAL_MS);
    this.pageCap = opts.pageCap ?? 10;
    this.causeWaitMs = opts.causeWaitMs ?? Math.max(2 * this.intervalMs, 10_000);
    const buckets = [
      bucketKeyFor(target.kind === 'client' ? '/api/v1/authorizationServers' : '/api/v1/users'),
      bucketKeyFor('/api/v1/logs'),
    ];
    this.budget = new ShareBudget({
      share: opts.share ?? DEFAULT_SHARE,
      windowMs: opts.windowMs ?? DEFAULT_WINDOW_MS,
      buckets,
      limits: client.rateLimits ? () => client.rateLimits!() : undefined,
      now: this.now,
      sleep: opts.sleep,
    });
    this.sleepFn = opts.sleep ?? ((ms, signal) => this.budgetSleep(ms, signal));
  }

  private budgetSleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  onEvent(listener: (e: WatchEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(e: WatchEvent): void {
    this.events.push(e);
    for (const l of this.listeners) l(e);
  }

  /** The scope System Log entries must fall in. */
  private get scope(): TimelineScope {
    return this.target.kind === 'client'
      ? { clientId: this.target.clientId, authServerId: this.target.authServerId }
      : { userId: this.target.userId };
  }

  status(): WatchStatus {
    const now = this.now();
    return {
      state: this.state,
      intervalMs: this.intervalMs,
      effectiveIntervalMs: this.gapMs(),
      share: this.budget.share,
      windowMs: this.budget.windowMs,
      limit: this.budget.limit,
      allowance: this.budget.allowance,
      usedInWindow: this.budget.used(now),
      polls: this.polls,
      requests: this.requests,
      heldBack: this.budget.heldBack,
      requestsPerPoll: this.requestsPerPoll,
      lastPollAt: this.lastPollAt === undefined ? undefined : iso(this.lastPollAt),
      nextPollAt: this.nextPollAt === undefined ? undefined : iso(this.nextPollAt),
      tokens: this.tokens.size,
      startedAt: iso(this.startedAt),
    };
  }

  setInterval(ms: number): void {
    this.intervalMs = Math.max(MIN_INTERVAL_MS, ms);
    this.wake?.();
  }

  pause(): void {
    if (this.state !== 'running') return;
    this.state = 'paused';
    this.emit({ type: 'paused', at: iso(this.now()) });
  }

  resume(): void {
    if (this.state !== 'paused') return;
    this.state = 'running';
    this.emit({ type: 'resumed', at: iso(this.now()) });
    this.wake?.();
  }

  mark(label: string): void {
    this.emit({ type: 'mark', at: iso(this.now()), label: label.trim() || 'mark' });
  }

  /** Ends the watch: no further request; revoked tokens still waiting for a cause are reported as they stand. */
  stop(): void {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    this.stopper.abort();
    if (this.running) this.wake?.();
    else this.finish();
  }

  private finish(): void {
    this.settle();
    this.emit({ type: 'stopped', at: iso(this.now()) });
  }

  get stopped(): boolean {
    return this.state === 'stopped';
  }

  /** One request of the watch: waits for room in the share, then counts it. */
  private async request<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const done = await this.budget.take(this.stopper.signal);
    this.requests++;
    try {
      return await fn(this.stopper.signal);
    } finally {
      done();
    }
  }

  /** Between the starts of two polls: the person's interval, or longer when the share needs it. */
  private gapMs(): number {
    return Math.max(this.intervalMs, this.budget.minIntervalMs(this.requestsPerPoll));
  }

  private async listAll<T>(list: PagedList<T>): Promise<T[]> {
    const out: T[] = [];
    let page: Page<T> = await this.request(() => list.firstPage());
    out.push(...page.items);
    for (let n = 1; page.nextUrl && n < this.pageCap; n++) {
      const next = page.nextUrl;
      page = await this.request(() => list.pageAt(next));
      out.push(...page.items);
    }
    return out;
  }

  private async fetchTokens(): Promise<SeenToken[]> {
    const t = this.target;
    if (t.kind === 'client') {
      const path: TokenPath = { via: 'server', authServerId: t.authServerId, clientId: t.clientId };
      const list = this.client.listTokensAt(path, { expandScope: false }, { signal: this.stopper.signal });
      return (await this.listAll(list)).map((x) => seenToken(x, t.authServerId));
    }
    const clients = await this.listAll(
      this.client.listUserClients(t.userId, { signal: this.stopper.signal }),
    );
    const out: SeenToken[] = [];
    for (const c of clients) {
      const path: TokenPath = { via: 'user', userId: t.userId, clientId: c.client_id };
      const list = this.client.listTokensAt(path, { expandScope: false }, { signal: this.stopper.signal });
      for (const x of await this.listAll(list))
        out.push(seenToken({ ...x, clientId: x.clientId ?? c.client_id }));
    }
    return out;
  }

  /** New System Log entries for the watch's scope, from where the last read ended. */
  private async fetchLog(): Promise<TimelineEntry[]> {
    if (!this.logList)
      this.logList = this.client.listLogEvents(
        { since: iso(this.startedAt), filter: OAUTH_EVENTS_FILTER, limit: LOG_PAGE },
        { signal: this.stopper.signal },
      );
    const list = this.logList;
    const out: TimelineEntry[] = [];
    for (let n = 0; n < this.pageCap; n++) {
      const at = this.logNext;
      const page = await this.request(() => (at ? list.pageAt(at) : list.firstPage()));
      for (const e of page.items) {
        if (this.seenUuids.has(e.uuid)) continue;
        this.seenUuids.add(e.uuid);
        // A Set iterates in insertion order: the first is the oldest.
        if (this.seenUuids.size > SEEN_UUIDS) this.seenUuids.delete(this.seenUuids.values().next().value!);
        const entry = describeEvent(e);
        if (concerns(entry, this.scope)) out.push(entry);
      }
      if (page.pollUrl) {
        this.logNext = page.pollUrl;
        break;
      }
      if (!page.nextUrl) break;
      this.logNext = page.nextUrl;
      // A polling read: a short page means this read is caught up; its next link is where newer events
      // will appear, so the next poll continues there without spending a request on the empty page.
      if (page.items.length < LOG_PAGE) break;
    }
    return out;
  }

  /** One poll: the token list, then the System Log, then what changed. */
  async pollOnce(): Promise<void> {
    const before = this.requests;
    const now = () => this.now();
    const list = await this.fetchTokens();
    const entries = await this.fetchLog();
    this.polls++;
    this.lastPollAt = now();
    this.requestsPerPoll = Math.max(2, this.requests - before);
    this.entries.push(...entries);
    if (!this.baselined) {
      this.baselined = true;
      for (const t of list) this.tokens.set(t.id, t);
      this.emit({ type: 'started', at: iso(this.startedAt), tokens: list.length });
      if (this.state === 'starting') this.state = 'running';
      this.emitLogs(entries);
      return;
    }
    const at = iso(now());
    const fresh: SeenToken[] = [];
    for (const t of list) {
      const old = this.tokens.get(t.id);
      this.tokens.set(t.id, t);
      if (!old) fresh.push(t);
      if (t.status === 'REVOKED' && old?.status !== 'REVOKED') {
        const lu = t.lastUpdated ? Date.parse(t.lastUpdated) : NaN;
        this.pending.set(t.id, { token: t, revokedAt: Number.isFinite(lu) ? lu : now(), seenAt: now() });
      }
    }
    // The System Log's events first: they happened before the token list showed their effect.
    this.emitLogs(entries);
    // Oldest first, so a chain of several rotations in one poll reads in order.
    fresh.sort((a, b) => Date.parse(a.created ?? '') - Date.parse(b.created ?? ''));
    for (const t of fresh) {
      const prev = predecessorOf(t, this.tokens.values());
      if (prev) this.replacedBy.set(prev.id, t.id);
      this.emit({ type: 'token-new', at, token: t, ...(prev ? { rotatedFrom: prev.id } : {}) });
    }
    this.settle();
  }

  /**
   * One token request grants up to three tokens (refresh, access, ID), each its own event with the same
   * transaction: they are reported as one line naming the tokens granted.
   */
  private emitLogs(entries: readonly TimelineEntry[]): void {
    // The transaction of a token grant (a sign-in's or a refresh's), which its sibling grants share.
    const grantOf = (e: TimelineEntry) =>
      e.kind === 'sign-in' || e.kind === 'refresh' ? e.transactionId || undefined : undefined;
    const grants = new Map<string, TimelineEntry[]>();
    for (const e of entries) {
      const tx = grantOf(e);
      if (tx) grants.set(tx, [...(grants.get(tx) ?? []), e]);
    }
    for (const e of entries) {
      const tx = grantOf(e);
      const group = tx ? grants.get(tx) : undefined;
      if (group && group[0] !== e) continue;
      const types = group?.map((g) => g.tokenType).filter((t): t is string => !!t);
      // The refresh token's event speaks for the group (it carries the token's expiry).
      const lead = group?.find((g) => g.tokenType === 'refresh_token') ?? e;
      this.emitLog(lead, types && types.length > 1 ? types : undefined);
    }
  }

  private emitLog(entry: TimelineEntry, tokenTypes?: string[]): void {
    const explanation =
      entry.kind === 'refresh-failed' || entry.kind === 'reuse-detected' || entry.kind === 'grant-failed'
        ? reasonExplained(entry.reason)
        : undefined;
    this.emit({
      type: 'log',
      at: entry.published || iso(this.now()),
      entry,
      ...(explanation ? { explanation } : {}),
      ...(tokenTypes ? { tokenTypes } : {}),
    });
  }

  /** Reports revoked tokens whose cause is known, or that waited long enough for one. */
  private settle(): void {
    const now = this.now();
    for (const [id, p] of this.pending) {
      const final = now - p.seenAt >= this.causeWaitMs || this.state === 'stopped';
      const next = this.replacedBy.get(id);
      const found = revokeCause(
        p.token,
        p.revokedAt,
        this.tokens.values(),
        this.entries,
        final,
        next === undefined ? undefined : this.tokens.get(next),
      );
      if (!found) continue;
      this.pending.delete(id);
      this.emit({
        type: 'token-revoked',
        at: iso(now),
        token: p.token,
        cause: found.cause,
        ...(found.rotatedTo ? { rotatedTo: found.rotatedTo } : {}),
        ...(found.evidence
          ? {
              evidence: {
                uuid: found.evidence.uuid,
                eventType: found.evidence.eventType,
                transactionId: found.evidence.transactionId,
              },
            }
          : {}),
      });
    }
  }

  /**
   * Runs until stop(): polls, then waits the interval (or longer, when the share needs it). A failed
   * poll is reported and retried at the next interval. Resolves when stopped.
   */
  async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    while (this.state !== 'stopped') {
      if (this.state === 'paused') {
        this.nextPollAt = undefined;
        await this.waitForWake(undefined);
        continue;
      }
      const began = this.now();
      try {
        await this.pollOnce();
      } catch (e) {
        if (this.stopped) break;
        this.emit({ type: 'error', at: iso(this.now()), message: (e as Error).message });
        if (this.state === 'starting') this.state = 'running';
      }
      if (this.stopped) break;
      // Polls start a gap apart, so they are spread evenly over the window instead of spending the share
      // in a burst and then waiting most of a window with nothing shown.
      this.nextPollAt = Math.max(began + this.gapMs(), this.now());
      await this.waitForWake(this.nextPollAt - this.now());
    }
    this.running = false;
    this.finish();
  }

  private async waitForWake(ms: number | undefined): Promise<void> {
    const ctrl = new AbortController();
    this.wake = () => ctrl.abort();
    try {
      if (ms === undefined) {
        await new Promise<void>((resolve) => ctrl.signal.addEventListener('abort', () => resolve()));
      } else await this.sleepFn(ms, ctrl.signal).catch(() => undefined);
    } finally {
      this.wake = undefined;
    }
  }

  /**
   * The rotation chains the watch saw change (a token of it new or revoked), oldest token first: tokens
   * linked as they replaced each other, and tokens sharing their user, client and original expiry.
   */
  chains(): SeenToken[][] {
    const parent = new Map<string, string>();
    const find = (x: string): string => {
      let r = x;
      while (parent.get(r) !== undefined && parent.get(r) !== r) r = parent.get(r)!;
      parent.set(x, r);
      return r;
    };
    const union = (a: string, b: string) => parent.set(find(a), find(b));
    const byKey = new Map<string, string>();
    for (const t of this.tokens.values()) {
      parent.set(t.id, parent.get(t.id) ?? t.id);
      const k = chainKey(t);
      const other = byKey.get(k);
      if (other) union(t.id, other);
      else byKey.set(k, t.id);
    }
    for (const [old, next] of this.replacedBy)
      if (this.tokens.has(old) && this.tokens.has(next)) union(old, next);
    const touched = new Set<string>();
    for (const e of this.events)
      if (e.type === 'token-new' || e.type === 'token-revoked') touched.add(find(e.token.id));
    const groups = new Map<string, SeenToken[]>();
    for (const t of this.tokens.values()) {
      const r = find(t.id);
      if (touched.has(r)) groups.set(r, [...(groups.get(r) ?? []), t]);
    }
    return [...groups.values()].map((g) => chainOrder(g));
  }

  summary(): WatchSummary {
    const revoked: Record<RevokeCause, number> = {
      rotation: 0,
      reuse: 0,
      admin: 0,
      client: 0,
      implicit: 0,
      unknown: 0,
    };
    const failedReasons: Record<string, number> = {};
    let newTokens = 0;
    let rotations = 0;
    let reuse = 0;
    let failed = 0;
    let marks = 0;
    for (const e of this.events) {
      if (e.type === 'token-new') {
        newTokens++;
        if (e.rotatedFrom) rotations++;
      } else if (e.type === 'token-revoked') revoked[e.cause]++;
      else if (e.type === 'mark') marks++;
      else if (e.type === 'log') {
        if (e.entry.kind === 'reuse-detected') reuse++;
        if (e.entry.kind === 'refresh-failed' || e.entry.kind === 'grant-failed') {
          failed++;
          const r = e.entry.reason ?? 'no reason given';
          failedReasons[r] = (failedReasons[r] ?? 0) + 1;
        }
      }
    }
    return {
      newTokens,
      rotations,
      revoked,
      reuseDetections: reuse,
      failedRefreshes: failed,
      failedReasons,
      marks,
      polls: this.polls,
      requests: this.requests,
    };
  }

  export(): WatchExport {
    return {
      format: 'okta-token-explorer.watch/1',
      target: this.target,
      startedAt: iso(this.startedAt),
      exportedAt: iso(this.now()),
      options: { intervalMs: this.intervalMs, share: this.budget.share, windowMs: this.budget.windowMs },
      summary: this.summary(),
      events: [...this.events],
      tokens: [...this.tokens.values()],
      chains: this.chains().map((c) => c.map((t) => t.id)),
    };
  }
}
