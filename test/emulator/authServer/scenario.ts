// Live traffic for the demo org (`--scenario rotation`): a simulated app signs users in through the
// custom servers' flows, refreshes their tokens on a schedule (rotating ones rotate), now and then
// signs a user out (/v1/revoke), and now and then loses a race and reuses an old refresh token after
// the leeway — so reuse detection happens too. Choices come from the seed; timing from the interval
// and the emulator clock. Tests call step() and move the clock instead of waiting for the timer.
import { createHash, randomBytes } from 'node:crypto';
import type { OrgData } from '../data';
import type { Reply } from '../http';
import { Rng } from '../rng';
import type { EmulatorClock } from './clock';
import type { AuthFlows, FlowContext } from './flows';

export type ScenarioName = 'rotation';
export const SCENARIOS: readonly ScenarioName[] = ['rotation'];

/** The scenario a command-line flag names, or why it names none (the emulator's CLI and `npm start` share it). */
export function scenarioNamed(name: string): ScenarioName | { problem: string } {
  return (SCENARIOS as readonly string[]).includes(name)
    ? (name as ScenarioName)
    : { problem: `--scenario takes ${SCENARIOS.join(' | ')}, got "${name}"` };
}

interface Session {
  serverIdx: number;
  appIdx: number;
  current: string;
  /** The token the last rotation replaced, and when: what a racing second tab would still hold. */
  stale?: { value: string; at: number };
}

const MAX_SESSIONS = 4;

export class RotationScenario {
  private readonly rng: Rng;
  private readonly sessions: Session[] = [];
  private timer?: NodeJS.Timeout;
  private steps = 0;

  constructor(
    private readonly org: OrgData,
    private readonly flows: AuthFlows,
    private readonly clock: EmulatorClock,
  ) {
    this.rng = new Rng(org.seed, 'scenario');
  }

  /** Apps the simulated app can be: any that signs users in and needs no client assertion. */
  private apps(): number[] {
    return this.org.apps
      .map((_, i) => i)
      .filter(
        (i) =>
          this.org.apps[i].authMethod !== 'private_key_jwt' &&
          this.org.apps[i].grantTypes.includes('authorization_code'),
      );
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => this.step(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private ctx(): FlowContext {
    return {
      requestId: randomBytes(20).toString('base64url'),
      ip: `198.51.100.${1 + (this.steps % 200)}`,
      userAgent: 'okta-emulator-scenario/1 (simulated app)',
    };
  }

  private authHeader(appIdx: number): string | undefined {
    const app = this.org.apps[appIdx];
    if (app.authMethod === 'none') return undefined;
    return `Basic ${Buffer.from(`${app.clientId}:${this.flows.clientSecret(app)}`).toString('base64')}`;
  }

  private tokenRequest(s: { serverIdx: number; appIdx: number }, params: Record<string, string>): Reply {
    const form = new URLSearchParams(params);
    if (this.org.apps[s.appIdx].authMethod === 'none')
      form.set('client_id', this.org.apps[s.appIdx].clientId);
    return this.flows.token(s.serverIdx, form, this.authHeader(s.appIdx), this.ctx());
  }

  private signIn(): void {
    const apps = this.apps();
    const servers = this.org.servers.map((_, i) => i).filter((i) => this.org.servers[i].status === 'ACTIVE');
    const users = this.org.users
      .map((_, i) => i)
      .filter((i) => i < this.org.tokenHolders && this.org.users[i].status === 'ACTIVE');
    if (!apps.length || !servers.length || !users.length) return;
    const appIdx = this.rng.pick(apps);
    const serverIdx = this.rng.pick(servers);
    const app = this.org.apps[appIdx];
    const verifier = randomBytes(32).toString('base64url');
    const query = new URLSearchParams({
      client_id: app.clientId,
      redirect_uri: app.redirectUris[0],
      response_type: 'code',
      scope: 'openid offline_access',
      state: `s${this.steps}`,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
      login_hint: this.org.users[this.rng.pick(users)].login,
    });
    const redirect = this.flows.authorize(serverIdx, query, this.ctx());
    const location = redirect.headers.Location;
    const code = typeof location === 'string' ? new URL(location).searchParams.get('code') : null;
    if (!code) return;
    const reply = this.tokenRequest(
      { serverIdx, appIdx },
      { grant_type: 'authorization_code', code, redirect_uri: app.redirectUris[0], code_verifier: verifier },
    );
    const body = JSON.parse(reply.body) as { refresh_token?: string };
    if (reply.status === 200 && body.refresh_token)
      this.sessions.push({ serverIdx, appIdx, current: body.refresh_token });
  }

  /** One tick of the simulated app. */
  step(): void {
    this.steps++;
    if (this.sessions.length < MAX_SESSIONS) this.signIn();
    for (const s of [...this.sessions]) {
      const roll = this.rng.next();
      const leewayMs = this.org.apps[s.appIdx].leeway * 1000;
      if (s.stale && roll < 0.15 && this.clock.now() > s.stale.at + leewayMs) {
        // The racing tab comes back with the token the other tab already rotated: reuse detected.
        this.tokenRequest(s, { grant_type: 'refresh_token', refresh_token: s.stale.value });
        this.end(s);
      } else if (roll < 0.2) {
        // Sign-out: the app revokes its refresh token.
        const form = new URLSearchParams({ token: s.current, token_type_hint: 'refresh_token' });
        if (this.org.apps[s.appIdx].authMethod === 'none')
          form.set('client_id', this.org.apps[s.appIdx].clientId);
        this.flows.revoke(s.serverIdx, form, this.authHeader(s.appIdx), this.ctx());
        this.end(s);
      } else {
        const reply = this.tokenRequest(s, { grant_type: 'refresh_token', refresh_token: s.current });
        const body = JSON.parse(reply.body) as { refresh_token?: string };
        if (reply.status !== 200 || !body.refresh_token) {
          this.end(s);
        } else if (body.refresh_token !== s.current) {
          s.stale = { value: s.current, at: this.clock.now() };
          s.current = body.refresh_token;
        }
      }
    }
  }

  private end(s: Session): void {
    this.sessions.splice(this.sessions.indexOf(s), 1);
  }
}
