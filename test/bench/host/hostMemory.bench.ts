/// <reference types="mocha" />
// bench:host's measurement, run by mocha inside code-server's extension host (test/bench/host.ts builds it
// with the e2e harness; `npm test` never picks it up — it is not under test/e2e/suite). The runner's org
// emulator holds one client with BENCH_HOST_TOKENS refresh tokens; this opens the Okta Tokens view, expands
// the connection, its server and the client, and clicks "Load more" until every token is listed — as a
// person would — then reads the extension host's memory and what the extension's caches hold: at the
// start, with every token listed, after Collapse All (the view's title button) and after Refresh. The
// figures go to OKTA_E2E_ARTIFACTS/host-memory.json for the runner to write BENCHMARKS.md.
import * as vscode from 'vscode';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
// Only the light helpers: the e2e fixture would bring the whole emulator into the host measured.
import { e2eEnv, extension, waitFor } from '../../e2e/suite/helpers';
import type { OktaTokenExplorerTestApi, TreeRow } from '../../../src/extension/testApi';

const TOKENS = Number(process.env.BENCH_HOST_TOKENS ?? 10_000);
const PAGE_SIZE = Number(process.env.BENCH_HOST_PAGE_SIZE ?? 200);

/** A full GC when the host lets us ask for one: --expose-gc cannot be passed to code-server's host, so
 * the flag is set at run time and `gc` taken from a fresh context (V8 installs it there once the flag is on). */
function findGc(): (() => void) | undefined {
  const g = (globalThis as { gc?: () => void }).gc;
  if (typeof g === 'function') return g;
  try {
    setFlagsFromString('--expose-gc');
    const f = runInNewContext('gc') as unknown;
    return typeof f === 'function' ? (f as () => void) : undefined;
  } catch {
    return undefined;
  }
}

/** One reading of the host's memory and the extension's caches (host.ts writes them to BENCHMARKS.md). */
export interface Sample {
  step: string;
  rssMiB: number;
  heapUsedMiB: number;
  heapTotalMiB: number;
  externalMiB: number;
  /** The most the host's RSS has been so far (getrusage). */
  peakRssMiB: number;
  caches: ReturnType<OktaTokenExplorerTestApi['cacheStats']>;
  /** Token rows the view lists under the client at this point (undefined when not asked). */
  listed?: number;
}

const mib = (b: number) => Math.round((b / 1024 / 1024) * 10) / 10;

describe('bench:host — the extension host with 10,000 tokens in the tree', function () {
  this.timeout(1_800_000);
  let api: OktaTokenExplorerTestApi;
  const gc = findGc();
  const samples: Sample[] = [];
  const timings: Record<string, number> = {};

  /** Lets the workbench fetch what changed, then collects garbage (twice: finalizers free more). */
  async function settle(): Promise<void> {
    await new Promise((r) => setTimeout(r, 1500));
    if (gc) {
      gc();
      await new Promise((r) => setTimeout(r, 100));
      gc();
    }
  }

  async function sample(step: string, listed?: number): Promise<void> {
    await settle();
    const m = process.memoryUsage();
    samples.push({
      step,
      rssMiB: mib(m.rss),
      heapUsedMiB: mib(m.heapUsed),
      heapTotalMiB: mib(m.heapTotal),
      externalMiB: mib(m.external),
      peakRssMiB: mib(process.resourceUsage().maxRSS * 1024),
      caches: api.cacheStats(),
      ...(listed !== undefined ? { listed } : {}),
    });
    console.log(`bench:host ${step}: ${JSON.stringify(samples.at(-1))}`);
  }

  async function row(path: string[]): Promise<TreeRow> {
    return waitFor(`tree row ${path.join(' › ')}`, () => api.find(path), 60_000);
  }

  before(async () => {
    api = (await extension().activate()) as OktaTokenExplorerTestApi;
    if (typeof api?.cacheStats !== 'function') throw new Error('the extension handed out no test API');
    await vscode.workspace
      .getConfiguration('oktaTokenExplorer')
      .update('pageSize', PAGE_SIZE, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('oktaTokenExplorer.tree.focus');
  });
  after(async () => {
    await vscode.workspace
      .getConfiguration('oktaTokenExplorer')
      .update('pageSize', undefined, vscode.ConfigurationTarget.Global);
    writeFileSync(
      join(e2eEnv('OKTA_E2E_ARTIFACTS'), 'host-memory.json'),
      JSON.stringify(
        {
          tokens: TOKENS,
          pageSize: PAGE_SIZE,
          gc: gc !== undefined,
          node: process.version,
          samples,
          timings,
        },
        null,
        2,
      ),
    );
  });

  it('lists every token with "Load more", then collapses and refreshes', async () => {
    await sample('start (view open, no connection)');
    await vscode.commands.executeCommand<string>('oktaTokenExplorer.addConnection', {
      name: 'Bench org',
      orgUrl: e2eEnv('OKTA_E2E_ORG_URL'),
      auth: { kind: 'ssws', token: e2eEnv('OKTA_E2E_API_TOKEN') },
    });
    const conn = await row(['Bench org']);
    await api.treeView.reveal(conn.node, { expand: true });
    const server = await row(['Bench org', 'default']);
    await api.treeView.reveal(server.node, { expand: true });
    const servers = await api.children(server.node);
    const client = servers.find((r) => r.kind === 'client');
    if (!client) throw new Error('the bench org has no client holding tokens on "default"');
    await api.treeView.reveal(client.node, { expand: true });

    let rows = await api.children(client.node);
    const firstPage = rows.filter((r) => r.kind === 'token').length;
    const more = rows.at(-1);
    rows = [];
    await sample('first page listed', firstPage);
    rows = more ? [more] : [];
    const t0 = Date.now();
    let clicks = 0;
    while (rows.at(-1)?.kind === 'loadMore') {
      await vscode.commands.executeCommand('oktaTokenExplorer.loadMore', rows.at(-1)!.node);
      clicks++;
      rows = await api.children(client.node);
    }
    timings.loadAllMs = Date.now() - t0;
    timings.loadMoreClicks = clicks;
    const listed = rows.filter((r) => r.kind === 'token').length;
    if (listed !== TOKENS) throw new Error(`listed ${listed} tokens, expected ${TOKENS}`);
    // The bench's own copy of the rows (10,000 TreeItems) must not be in what is measured.
    rows = [];
    await sample(`${TOKENS} tokens listed`, listed);

    // The view's own "Collapse All" title button.
    await vscode.commands.executeCommand('workbench.actions.treeView.oktaTokenExplorer.tree.collapseAll');
    await sample('after Collapse All');

    await vscode.commands.executeCommand('oktaTokenExplorer.refresh');
    await sample('after Refresh (collapsed)');

    // Expanding the client again: what the view lists then.
    await api.treeView.reveal(conn.node, { expand: true });
    await api.treeView.reveal(server.node, { expand: true });
    const again = (await api.children(server.node)).find((r) => r.kind === 'client');
    if (!again) throw new Error('the client row is gone after Refresh');
    await api.treeView.reveal(again.node, { expand: true });
    const afresh = (await api.children(again.node)).filter((r) => r.kind === 'token').length;
    await sample('client expanded again', afresh);
  });
});
