// Teardown registry: every process, server and browser the harness starts registers a closer here, and
// the closers run (newest first) on normal exit, on failure and on Ctrl-C / SIGTERM, so no run leaves
// stray code-server or Chromium processes behind.
import { step } from './log.cjs';

type Closer = { name: string; close: () => Promise<void> | void };
const closers: Closer[] = [];
let installed = false;
let running: Promise<void> | undefined;

export function onCleanup(name: string, close: () => Promise<void> | void): () => void {
  const entry = { name, close };
  closers.push(entry);
  installSignalHandlers();
  return () => {
    const i = closers.indexOf(entry);
    if (i >= 0) closers.splice(i, 1);
  };
}

/** True once teardown has begun (so exit listeners of stopped processes can tell it was on purpose). */
export function isStopping(): boolean {
  return running !== undefined;
}

/** Runs every registered closer once; errors are reported but do not stop the others. */
export function cleanupAll(): Promise<void> {
  running ??= (async () => {
    while (closers.length > 0) {
      const c = closers.pop()!;
      try {
        await Promise.race([
          c.close(),
          new Promise((_, rej) => setTimeout(() => rej(new Error('timed out after 10s')), 10_000).unref()),
        ]);
      } catch (e) {
        step(`cleanup of ${c.name} failed: ${(e as Error).message}`);
      }
    }
  })();
  const p = running;
  return p.finally(() => {
    if (running === p) running = undefined;
  });
}

/** Process groups to SIGKILL synchronously if the runner dies without running the async closers. */
const groups = new Set<number>();
export function trackProcessGroup(pgid: number): () => void {
  groups.add(pgid);
  installSignalHandlers();
  return () => groups.delete(pgid);
}

function installSignalHandlers(): void {
  if (installed) return;
  installed = true;
  process.on('exit', () => {
    for (const g of groups) {
      try {
        process.kill(-g, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  });
  const crash = (what: string) => (e: unknown) => {
    step(`${what}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}; stopping everything`);
    void cleanupAll().finally(() => process.exit(1));
  };
  process.on('unhandledRejection', crash('unhandled rejection'));
  process.on('uncaughtException', crash('uncaught exception'));
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      step(`${sig} received: stopping everything`);
      void cleanupAll().finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
    });
  }
}
