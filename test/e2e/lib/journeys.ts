// Kind (b) of e2e suite: Playwright journeys. Finds test/e2e/journeys/**/*.journey.ts, starts the demo
// stack once, and runs each journey in a fresh browser page with a time limit; a failing journey leaves a
// FAILED screenshot next to its named ones in artifacts/e2e/journeys/<journey>/.
import { readFileSync, statSync } from 'node:fs';
import { filesUnder } from './files';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { launchBrowser } from './browser';
import { DEMO_CONNECTION_NAME, startDemoStack } from './demoStack';
import type { Toolchain } from './install.cjs';
import type { Journey } from './journey';
import { repoRoot } from './paths.cjs';
import type { Result } from './results';
import { step } from './log.cjs';
import { Workbench } from './workbench';

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);

/** The newest log file of the extension's output channel under a code-server user-data folder. */
function extensionLog(userDataDir: string): string | undefined {
  const found = filesUnder(join(userDataDir, 'logs'), (n) => n === 'Okta Token Explorer.log');
  return found.map((file) => ({ file, mtime: statSync(file).mtimeMs })).sort((a, b) => b.mtime - a.mtime)[0]
    ?.file;
}

/**
 * What a person would have seen when a journey failed — the side bar's rows, the toasts, and the tail of
 * the extension's log — so a failure on a CI machine whose artifacts are out of reach can still be read.
 */
async function whatWasOnScreen(wb: Workbench, userDataDir: string): Promise<string> {
  const rows = await wb.treeRows().catch(() => []);
  const toasts = await wb.toasts().catch(() => []);
  const log = extensionLog(userDataDir);
  const tail = log ? readFileSync(log, 'utf8').trimEnd().split('\n').slice(-12) : [];
  return [
    `\ntree rows: ${JSON.stringify(rows)}`,
    toasts.length ? `toasts: ${JSON.stringify(toasts)}` : '',
    tail.length
      ? `extension log (last ${tail.length} lines):\n  ${tail.join('\n  ')}`
      : 'extension log: none yet',
  ]
    .filter(Boolean)
    .join('\n');
}

export async function runJourneys(o: {
  toolchain: Toolchain;
  runDir: string;
  vsix: string;
  artifactsDir: string;
}): Promise<{ results: Result[]; codeServerLog?: string; userDataDir?: string; token?: string }> {
  const files = filesUnder(join(repoRoot, 'test', 'e2e', 'journeys'), (n) => n.endsWith('.journey.ts'));
  const grep = process.env.E2E_GREP ? new RegExp(process.env.E2E_GREP) : undefined;
  const req = createRequire(__filename);
  const journeys: { file: string; journey: Journey }[] = [];
  const results: Result[] = [];
  for (const file of files) {
    try {
      const mod = req(file) as { default?: Journey | Journey[] };
      const list = Array.isArray(mod.default) ? mod.default : mod.default ? [mod.default] : [];
      if (list.length === 0) throw new Error('it has no default export made with defineJourney()');
      for (const journey of list) if (!grep || grep.test(journey.title)) journeys.push({ file, journey });
    } catch (e) {
      results.push({
        kind: 'journey',
        title: relative(repoRoot, file),
        ok: false,
        error: `could not load: ${(e as Error).message}`,
      });
    }
  }
  if (journeys.length === 0) return { results };

  const stack = await startDemoStack({
    toolchain: o.toolchain,
    vsix: o.vsix,
    stateDir: join(o.runDir, 'demo'),
    controlApi: true,
  });
  step(`demo stack (journeys) on ${stack.codeServer.url}, emulator ${stack.emulator.url}`);
  const browser = await launchBrowser(o.toolchain, o.runDir);
  try {
    for (const { file, journey } of journeys) {
      const shotsDir = join(o.artifactsDir, slug(journey.title));
      const context = await browser.newContext({ viewport: { width: 1400, height: 850 } });
      const page = await context.newPage();
      const wb = new Workbench(page, shotsDir);
      const t0 = Date.now();
      const timeoutMs = journey.timeoutMs ?? 120_000;
      let timer: NodeJS.Timeout | undefined;
      try {
        // wb.ready() below waits for the workbench itself; 'load' can take over 30 s on a busy machine.
        await page.goto(stack.url, { waitUntil: 'commit', timeout: 120_000 });
        await wb.ready(120_000);
        await Promise.race([
          journey.run(wb, {
            orgUrl: stack.emulator.url,
            apiToken: stack.emulator.token,
            emulator: stack.emulator.handle,
            connectionName: DEMO_CONNECTION_NAME,
            url: stack.url,
            artifactsDir: shotsDir,
          }),
          new Promise(
            (_, rej) =>
              (timer = setTimeout(
                () => rej(new Error(`journey timed out after ${timeoutMs / 1000}s`)),
                timeoutMs,
              )),
          ),
        ]);
        results.push({ kind: 'journey', title: journey.title, ok: true, durationMs: Date.now() - t0 });
        process.stdout.write(`  ✔ journey: ${journey.title} (${Date.now() - t0} ms)\n`);
      } catch (e) {
        const shot = await wb.screenshot('FAILED').catch(() => undefined);
        // Playwright appends the browser's whole stderr to some errors; the first lines say what happened.
        // eslint-disable-next-line no-control-regex -- strips the ANSI colours Playwright puts in call logs
        const plain = (e as Error).message.replace(/\u001b\[[0-9;]*m/g, '');
        const first = plain.split('\n').slice(0, 6).join('\n');
        const seen = await whatWasOnScreen(wb, stack.codeServer.userDataDir);
        const msg = `${first}${shot ? `\n(screenshot: ${relative(repoRoot, shot)})` : ''}\n(${relative(repoRoot, file)})${seen}`;
        results.push({
          kind: 'journey',
          title: journey.title,
          ok: false,
          error: msg,
          durationMs: Date.now() - t0,
        });
        process.stdout.write(`  ✖ journey: ${journey.title}\n    ${msg.replace(/\n/g, '\n    ')}\n`);
      } finally {
        clearTimeout(timer);
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await stack.stop();
  }
  return {
    results,
    codeServerLog: stack.codeServer.logFile,
    userDataDir: stack.codeServer.userDataDir,
    token: stack.emulator.token,
  };
}
