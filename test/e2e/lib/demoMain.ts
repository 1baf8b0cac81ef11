// `npm start` (scripts/demo.mjs): installs the toolchain if needed, packs the .vsix, and brings up the
// demo stack (org emulator with the demo org + code-server with the packaged extension and a ready
// "Demo org" connection) on 127.0.0.1, then waits for Ctrl-C, which stops all of it.
import { mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { cleanupAll, isStopping, onCleanup } from './cleanup';
import { scenarioNamed, type ScenarioName } from '../../emulator';
import { startDemoStack } from './demoStack';
import { ensureToolchain } from './install.cjs';
import { step } from './log.cjs';
import { packageVsix } from './main';
import { workDir } from './paths.cjs';

function portArg(argv: string[], name: string): number | undefined {
  const i = argv.indexOf(name);
  if (i < 0) return undefined;
  const n = Number(argv[i + 1]);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new Error(`${name} needs a port number (0–65535), got "${argv[i + 1] ?? ''}"`);
  return n;
}

/** `--scenario rotation`: the emulator runs a simulated app, so the demo org has live traffic to Watch. */
export function scenarioArg(argv: string[]): ScenarioName | undefined {
  const i = argv.indexOf('--scenario');
  if (i < 0) return undefined;
  const named = scenarioNamed(argv[i + 1] ?? '');
  if (typeof named !== 'string') throw new Error(named.problem);
  return named;
}

/**
 * Refuses a fixed port another program already listens on, naming it and how to choose another, before
 * anything is installed or started (code-server would otherwise fail deep inside with EADDRINUSE).
 */
export async function ensurePortFree(port: number | undefined, flag: string): Promise<void> {
  if (!port) return;
  const busy = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
    const srv = createServer();
    srv.once('error', (e: NodeJS.ErrnoException) => resolve(e));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(undefined)));
  });
  if (!busy) return;
  const why = busy.code === 'EADDRINUSE' ? 'another program is listening there' : (busy.code ?? busy.message);
  throw new Error(
    `port ${port} on 127.0.0.1 is busy (${why}). Choose another with "npm start -- ${flag} <port>", ` +
      `or leave ${flag} out and a free port is picked.`,
  );
}

export async function runDemo(argv: string[]): Promise<void> {
  const port = portArg(argv, '--port');
  const emulatorPort = portArg(argv, '--emulator-port');
  const scenario = scenarioArg(argv);
  await ensurePortFree(port, '--port');
  await ensurePortFree(emulatorPort, '--emulator-port');
  const stateDir = join(workDir, 'demo', String(process.pid));
  mkdirSync(stateDir, { recursive: true });
  // The folder holds the logs the messages point at: it goes only after a clean stop (Ctrl-C),
  // and stays, named, when the demo failed.
  let failed = false;
  onCleanup('demo state', () => {
    if (failed) console.error(`demo: logs kept in ${stateDir}`);
    else rmSync(stateDir, { recursive: true, force: true });
  });
  try {
    step('checking the toolchain (Node 24, code-server, Chromium)');
    const toolchain = await ensureToolchain();
    step('packaging the extension');
    const { vsix } = packageVsix(stateDir);
    step('starting the org emulator and code-server');
    const stack = await startDemoStack({
      toolchain,
      vsix,
      stateDir,
      port,
      emulatorPort,
      ...(scenario ? { scenario } : {}),
    });
    console.log('');
    console.log(`  Okta Token Explorer demo is ready: ${stack.url}`);
    console.log(`  Open it in a browser, then click "Okta Tokens" in the activity bar.`);
    console.log(
      `  Org emulator: ${stack.emulator.url} (demo org; the connection "Demo org" is added by the extension)`,
    );
    if (scenario)
      console.log(`  Scenario "${scenario}": a simulated app signs users in and refreshes their tokens.`);
    console.log(`  code-server log: ${stack.codeServer.logFile}`);
    console.log('  Press Ctrl-C to stop.');
    console.log('');
    // The signal handlers in cleanup.ts stop everything and exit; if code-server dies, stop too.
    stack.codeServer.process.child.on('exit', (code) => {
      if (isStopping()) return;
      step(`code-server exited (code ${code}); stopping the demo`);
      failed = true;
      void cleanupAll().finally(() => process.exit(1));
    });
    await new Promise(() => undefined);
  } catch (e) {
    failed = true;
    await cleanupAll();
    throw e;
  }
}
