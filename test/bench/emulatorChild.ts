// The emulator in its own process for benchmarks, so it does not share an event loop (or a core) with
// the client being measured. The parent talks to it over IPC: stats, a revoke selection, state checks.

import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../emulator/index';

type Msg =
  | { type: 'stats' }
  | { type: 'select'; clients: number; perClient: number }
  | { type: 'check'; tokens: { serverId: string; clientId: string; tokenId: string }[] }
  | { type: 'expected-tokens' }
  | { type: 'stop' };

/**
 * Pages through every token list once, with latency and limits off, so the emulator has each token's
 * JSON cached: the benchmark measures clients, and the emulator's own rendering would otherwise
 * dominate a crawl. Counters and rate-limit windows are reset afterwards.
 */
async function warmUp(emu: RunningEmulator, opts: EmulatorOptions): Promise<void> {
  emu.setLatency(0);
  const headers = { authorization: `SSWS ${opts.apiTokens![0]}` };
  const get = async (url: string) => {
    const res = await fetch(url, { headers });
    const next = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
    return { body: (await res.json()) as { id: string; client_id: string }[], next };
  };
  for (const expand of ['', 'expand=scope&']) {
    for (const s of emu.org.servers()) {
      for (const c of emu.org.clients(s.id)) {
        let next: string | undefined =
          `${emu.url}/api/v1/authorizationServers/${s.id}/clients/${c.clientId}/tokens?${expand}limit=200`;
        while (next) {
          emu.resetRateLimits();
          next = (await get(next)).next;
        }
      }
    }
  }
  emu.setLatency(opts.latencyMs ?? 0, opts.latencyJitterMs ?? 0);
  emu.resetRateLimits();
  emu.resetStats();
}

async function main(): Promise<void> {
  const opts = JSON.parse(process.argv[2]!) as EmulatorOptions;
  const emu = await startEmulator({ ...opts, port: 0 });
  await warmUp(emu, opts);
  const send = (m: unknown) => process.send!(m);
  const cpuAtReady = process.cpuUsage();
  process.on('message', async (m: Msg) => {
    switch (m.type) {
      case 'stats':
        return send({
          type: 'stats',
          stats: emu.stats(),
          cpuMs: ((c) => (c.user + c.system) / 1000)(process.cpuUsage(cpuAtReady)),
        });
      case 'expected-tokens': {
        return send({ type: 'expected-tokens', total: emu.org.counts().total });
      }
      case 'select': {
        // ACTIVE, unexpired tokens from the first `clients` server/client pairs.
        const out: { serverId: string; clientId: string; tokenId: string }[] = [];
        const now = Date.now();
        for (const s of emu.org.servers()) {
          for (const c of emu.org.clients(s.id)) {
            if (out.length >= m.clients * m.perClient) break;
            const picked = emu.org
              .listTokens(s.id, c.clientId)
              .filter((t) => t.status === 'ACTIVE' && Date.parse(String(t.expiresAt)) > now)
              .slice(0, m.perClient);
            if (picked.length < m.perClient) continue;
            out.push(...picked.map((t) => ({ serverId: s.id, clientId: c.clientId, tokenId: String(t.id) })));
          }
        }
        return send({ type: 'select', tokens: out });
      }
      case 'check': {
        const revoked = m.tokens.map(
          (t) => emu.org.getToken(t.serverId, t.clientId, t.tokenId)?.status === 'REVOKED',
        );
        return send({ type: 'check', revoked });
      }
      case 'stop':
        await emu.close();
        process.exit(0);
    }
  });
  send({ type: 'ready', url: emu.url });
}

void main();
