// Starts the Okta org emulator (test/emulator) in this process on a free loopback port, with a fresh
// random API token, and registers its shutdown. Loaded lazily and shape-checked so the harness gives a
// clear message if the emulator module is missing or its API changed.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { onCleanup } from './cleanup';
import { repoRoot } from './paths';

export interface OrgEmulator {
  url: string;
  port: number;
  /** SSWS API token the emulator accepts; a secret: never log it. */
  token: string;
  close(): Promise<void>;
  /** The emulator's own handle, for suites that need more (reset, fault injection…). */
  handle: Record<string, unknown>;
}

interface EmulatorModule {
  startEmulator(opts: Record<string, unknown>): Promise<{ url: string; port: number; close(): Promise<void> | void }>;
}

export function newApiToken(): string {
  // Looks like an Okta API token (00 + 40 url-safe chars) so code paths that check the shape are exercised.
  return `00${randomBytes(30).toString('base64url').slice(0, 40)}`;
}

export async function startOrgEmulator(opts: { size?: string; seed?: string | number; port?: number } = {}): Promise<OrgEmulator> {
  const modulePath = join(repoRoot, 'test', 'emulator', 'index.ts');
  let mod: EmulatorModule;
  try {
    mod = createRequire(__filename)(modulePath) as EmulatorModule;
  } catch (e) {
    throw new Error(
      `The Okta org emulator could not be loaded from ${modulePath}: ${(e as Error).message}. ` +
        'The e2e suites and the demo need it; check that test/emulator/index.ts exists and exports startEmulator.',
    );
  }
  if (typeof mod.startEmulator !== 'function') {
    throw new Error(`${modulePath} does not export startEmulator(options); the harness cannot start the org emulator.`);
  }
  const token = newApiToken();
  const em = await mod.startEmulator({
    port: opts.port ?? 0,
    host: '127.0.0.1',
    size: opts.size ?? 'demo',
    apiTokens: [token],
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
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
  return { url, port: em.port, token, close, handle: em as unknown as Record<string, unknown> };
}
