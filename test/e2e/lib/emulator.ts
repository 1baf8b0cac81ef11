// Starts the Okta org emulator (test/emulator) in this process on a free loopback port, with a fresh
// random API token, and registers its shutdown with the harness teardown.
import { randomBytes } from 'node:crypto';
import { startEmulator, type RunningEmulator, type ScenarioName } from '../../emulator';
import { onCleanup } from './cleanup';

export interface OrgEmulator {
  url: string;
  port: number;
  /** SSWS API token the emulator accepts; a secret: never log it. */
  token: string;
  close(): Promise<void>;
  /** The emulator's own handle (inspector, faults, stats) for journeys that need more. */
  handle: RunningEmulator;
}

export function newApiToken(): string {
  // Shaped like an Okta API token (00 + 40 url-safe chars) so code paths that check the shape are exercised.
  return `00${randomBytes(30).toString('base64url').slice(0, 40)}`;
}

export async function startOrgEmulator(
  opts: {
    size?: string;
    seed?: string | number;
    port?: number;
    controlApi?: boolean;
    /** A simulated app producing live traffic (sign-ins, rotations, reuse) — see the emulator's --scenario. */
    scenario?: ScenarioName;
  } = {},
): Promise<OrgEmulator> {
  const token = newApiToken();
  const em = await startEmulator({
    port: opts.port ?? 0,
    host: '127.0.0.1',
    size: opts.size ?? 'demo',
    apiTokens: [token],
    // /__emulator/{stats,faults,counts}: lets suites in the extension host (another process) drive it.
    controlApi: opts.controlApi ?? false,
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
    ...(opts.scenario !== undefined ? { scenario: opts.scenario } : {}),
  });
  const url = em.url.replace(/\/$/, '');
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    unregister();
    await em.close();
  };
  const unregister = onCleanup('org emulator', close);
  return { url, port: em.port, token, close, handle: em };
}
