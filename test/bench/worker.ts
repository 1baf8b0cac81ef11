// One contender running one scenario in a fresh process, so wall time and peak memory are its own.
// Contenders: our client (src/okta) and Okta's Node SDK used the way its README shows (await each call,
// `for await` over collections). run.ts bundles this file with esbuild, as the extension's code ships, and
// runs it on plain Node: each worker loads only its own contender's library, before the clock starts.

type Okta = typeof import('../../src/okta');
let okta: Okta;

export interface Job {
  contender: 'ours' | 'okta-sdk' | 'raw';
  scenario: 'crawl' | 'revoke';
  /** Ask for `expand=scope` on token lists (the tree does not; a detail view or an export may). */
  expand?: boolean;
  url: string;
  token: string;
  selection?: { serverId: string; clientId: string; tokenId: string }[];
}

export interface JobResult {
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
  /** RSS once the contender's library is loaded, before it makes a request. */
  loadedRssMb: number;
  tokens?: number;
  uniqueTokens?: number;
  outcomes?: string[];
  failures: number;
  errors: string[];
}

type Outcome = Omit<JobResult, 'wallMs' | 'peakRssMb' | 'cpuMs' | 'loadedRssMb'>;

async function ours(job: Job): Promise<Outcome> {
  // BENCH_LOG=1 prints the client's debug log with times since the start (when windows are waited out);
  // BENCH_LOG=0, like leaving it unset, does not.
  const t0 = performance.now();
  const log = (m: string) => console.error(`${(performance.now() - t0).toFixed(0).padStart(6)} ${m}`);
  const client = new okta.OktaClient({
    orgUrl: job.url,
    auth: { kind: 'ssws', token: job.token },
    ...(process.env.BENCH_LOG && process.env.BENCH_LOG !== '0'
      ? { logger: { debug: log, info: log, warn: log, error: log } }
      : {}),
  });
  const errors: string[] = [];
  try {
    if (job.scenario === 'crawl') {
      const servers = await client.listAuthorizationServers().toArray();
      // Like the SDK run below, keep each token's id (not the whole object). A server's clients are
      // walked as soon as its client list arrives; the client's limiter decides what runs when.
      const ids: string[] = [];
      await Promise.all(
        servers.map(async (s) => {
          const clients = await client.listClients(s.id).toArray();
          await Promise.all(
            clients.map(async (c) => {
              for await (const t of client.listRefreshTokens(s.id, c.client_id, {
                expandScope: !!job.expand,
              }))
                ids.push(t.id);
            }),
          );
        }),
      );
      return { tokens: ids.length, uniqueTokens: new Set(ids).size, failures: 0, errors };
    }
    const outcomes = await Promise.all(
      job.selection!.map((t) => client.revokeRefreshToken(t.serverId, t.clientId, t.tokenId)),
    );
    for (const o of outcomes)
      if (o.status === 'failed' || o.status === 'unknown') errors.push(o.error.message);
    return { outcomes: outcomes.map((o) => o.status), failures: errors.length, errors: errors.slice(0, 5) };
  } finally {
    await client.close();
  }
}

async function oktaSdk(job: Job): Promise<Outcome> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const okta = require('@okta/okta-sdk-nodejs') as typeof import('@okta/okta-sdk-nodejs');
  const sdk = new okta.Client({ orgUrl: job.url, token: job.token });
  const api = sdk.authorizationServerApi;
  const errors: string[] = [];
  if (job.scenario === 'crawl') {
    const ids: string[] = [];
    for await (const s of await api.listAuthorizationServers({})) {
      for await (const c of await api.listOAuth2ClientsForAuthorizationServer({ authServerId: s!.id! })) {
        const tokens = await api.listRefreshTokensForAuthorizationServerAndClient({
          authServerId: s!.id!,
          clientId: c!.client_id!,
          ...(job.expand ? { expand: 'scope' } : {}),
          limit: 200,
        });
        for await (const t of tokens) ids.push(t!.id!);
      }
    }
    return { tokens: ids.length, uniqueTokens: new Set(ids).size, failures: 0, errors };
  }
  const outcomes: string[] = [];
  for (const t of job.selection!) {
    try {
      await api.revokeRefreshTokenForAuthorizationServerAndClient({
        authServerId: t.serverId,
        clientId: t.clientId,
        tokenId: t.tokenId,
      });
      outcomes.push('revoked');
    } catch (e) {
      outcomes.push('failed');
      if (errors.length < 5) errors.push(String((e as Error).message));
    }
  }
  return { outcomes, failures: outcomes.filter((o) => o !== 'revoked').length, errors };
}

/**
 * The floor this machine allows: plain undici requests with the same concurrency, bodies parsed with
 * JSON.parse and nothing else — no models, no retries, no rate-limit bookkeeping.
 */
async function raw(job: Job): Promise<Outcome> {
  const { Agent, request } = await import('undici');
  const agent = new Agent({ connections: 16 });
  let active = 0;
  const queue: (() => void)[] = [];
  const slot = async () => {
    if (active >= 8) await new Promise<void>((r) => queue.push(r));
    active++;
  };
  const free = () => {
    active--;
    queue.shift()?.();
  };
  const get = async (url: string): Promise<{ body: unknown; next?: string }> => {
    await slot();
    try {
      const res = await request(url, {
        dispatcher: agent,
        headers: { authorization: `SSWS ${job.token}`, accept: 'application/json' },
      });
      const body = JSON.parse(await res.body.text());
      const link = ([] as string[]).concat(res.headers.link ?? []).join(', ');
      return { body, next: /<([^>]+)>;\s*rel="next"/.exec(link)?.[1] };
    } finally {
      free();
    }
  };
  const all = async (url: string) => {
    const out: { id: string; client_id: string }[] = [];
    for (let next: string | undefined = url; next;) {
      const page = await get(next);
      for (const item of page.body as { id: string; client_id: string }[])
        out.push({ id: item.id, client_id: item.client_id });
      next = page.next;
    }
    return out;
  };
  const base = job.url;
  const servers = await all(`${base}/api/v1/authorizationServers?limit=200`);
  const ids = (
    await Promise.all(
      servers.map(async (s) => {
        const clients = await all(`${base}/api/v1/authorizationServers/${s.id}/clients`);
        return (
          await Promise.all(
            clients.map((c) =>
              all(
                `${base}/api/v1/authorizationServers/${s.id}/clients/${c.client_id}/tokens?${job.expand ? 'expand=scope&' : ''}limit=200`,
              ),
            ),
          )
        ).flat();
      }),
    )
  )
    .flat()
    .map((t) => t.id);
  await agent.close();
  return { tokens: ids.length, uniqueTokens: new Set(ids).size, failures: 0, errors: [] };
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2]!) as Job;
  // Each contender's library is loaded before the clock starts, so wall time and the loaded RSS are the
  // same kind of number for each.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (job.contender === 'okta-sdk') require('@okta/okta-sdk-nodejs');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  else if (job.contender === 'ours') okta = require('../../src/okta') as Okta;
  else await import('undici');
  const loaded = process.memoryUsage().rss;
  let peak = loaded;
  // BENCH_MEM=1 also reports what the peak was made of (JS heap, buffers outside it).
  let parts = '';
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    if (m.rss > peak && process.env.BENCH_MEM) {
      const mb = (n: number) => (n / 2 ** 20).toFixed(0);
      parts = `rss ${mb(m.rss)} heapUsed ${mb(m.heapUsed)} heapTotal ${mb(m.heapTotal)} external ${mb(m.external)} arrayBuffers ${mb(m.arrayBuffers)}`;
    }
    peak = Math.max(peak, m.rss);
  }, 10);
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  let result: Outcome;
  try {
    result =
      job.contender === 'ours'
        ? await ours(job)
        : job.contender === 'raw'
          ? await raw(job)
          : await oktaSdk(job);
  } catch (e) {
    result = { failures: 1, errors: [String((e as Error)?.message ?? e)] };
  }
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  if (parts) console.error(`  ${job.contender} at its peak: ${parts} (MB)`);
  process.send!({
    ...result,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMb: peak / 2 ** 20,
    loadedRssMb: loaded / 2 ** 20,
  });
  setTimeout(() => process.exit(0), 50);
}

void main();
