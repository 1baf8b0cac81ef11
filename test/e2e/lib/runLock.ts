// One e2e run at a time per checkout: runs share artifacts/e2e/ (each clears it first) and two
// code-servers plus two Chromiums on a 2-core machine make both runs slow and flaky. A second run waits
// for the first; a lock left by a process that no longer exists is taken over.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { onCleanup } from './cleanup';
import { step } from './log.cjs';
import { workDir } from './paths.cjs';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function acquireRunLock(timeoutMs = 15 * 60_000): Promise<void> {
  const file = join(workDir, 'e2e-run.lock');
  const deadline = Date.now() + timeoutMs;
  let told = false;
  for (;;) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      onCleanup('e2e run lock', () => rmSync(file, { force: true }));
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let owner = NaN;
    try {
      owner = Number(readFileSync(file, 'utf8'));
    } catch {
      continue; // released between our two calls
    }
    if (!Number.isInteger(owner) || !alive(owner)) {
      rmSync(file, { force: true });
      continue;
    }
    if (!told) {
      step(`another e2e run (pid ${owner}) is in progress in this checkout; waiting for it to finish`);
      told = true;
    }
    if (Date.now() > deadline)
      throw new Error(`another e2e run (pid ${owner}) held ${file} for over ${timeoutMs / 60_000} minutes`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}
