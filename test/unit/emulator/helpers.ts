// Shared test helpers: start an emulator with a known SSWS token, call it over real HTTP, and
// read Link headers the way a client has to (fetch joins repeated headers with ", ").
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator/index';

export const TOKEN = 'ssws-test-token-0001';
/** A fixed data epoch so assertions about timestamps do not depend on the day the tests run. */
export const EPOCH = Date.UTC(2026, 0, 15);

export function start(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ size: 'tiny', seed: 7, apiTokens: [TOKEN], ...opts });
}

export function api(
  emu: RunningEmulator,
  path: string,
  init: RequestInit & { token?: string | null } = {},
): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.token !== null && !headers.has('authorization'))
    headers.set('authorization', `SSWS ${init.token ?? TOKEN}`);
  return fetch(path.startsWith('http') ? path : `${emu.url}${path}`, { ...init, headers });
}

export async function apiJson<T = unknown>(
  emu: RunningEmulator,
  path: string,
  init?: RequestInit & { token?: string | null },
): Promise<{ res: Response; body: T }> {
  const res = await api(emu, path, init);
  const text = await res.text();
  return { res, body: (text ? JSON.parse(text) : undefined) as T };
}

export function links(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of (res.headers.get('link') ?? '').matchAll(/<([^>]+)>\s*;\s*rel="([^"]+)"/g))
    out[m[2]] = m[1];
  return out;
}

export interface TokenJson {
  id: string;
  status: string;
  lastUpdated: string;
  expiresAt: string;
  clientId: string;
  scopes: string[];
  _embedded?: { scopes: Array<{ name: string; description: string }> };
}

/** First server id and one of its client ids. */
export function firstPair(emu: RunningEmulator): { serverId: string; clientId: string } {
  const serverId = emu.org.servers()[0].id;
  return { serverId, clientId: emu.org.clients(serverId)[0].clientId };
}

export function tokensPath(serverId: string, clientId: string): string {
  return `/api/v1/authorizationServers/${serverId}/clients/${clientId}/tokens`;
}
