// After a code-server has stopped: copy its log and the extension host's logs (the extension's own
// output channel included) into artifacts/e2e/<kind>/, and check that no API token leaked into any of
// them — credentials must never reach a log (DESIGN.md, security rules).
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { filesUnder } from './files';
import { join, relative } from 'node:path';
import { repoRoot } from './paths.cjs';
import type { Result } from './results';

export function collectLogs(codeServerLog: string, userDataDir: string, dest: string): void {
  if (existsSync(codeServerLog)) cpSync(codeServerLog, join(dest, 'code-server.log'));
  const logs = join(userDataDir, 'logs');
  if (existsSync(logs)) cpSync(logs, join(dest, 'vscode-logs'), { recursive: true });
}

/** One harness result: passes when none of `secrets` occurs in any file under `dirs`. */
export function scanForSecrets(dirs: string[], secrets: string[]): Result {
  const leaks: string[] = [];
  for (const f of dirs.flatMap((d) => filesUnder(d, (n) => /\.(log|txt|json)$/.test(n)))) {
    const text = readFileSync(f, 'utf8');
    if (secrets.some((s) => s && text.includes(s))) leaks.push(relative(repoRoot, f));
  }
  return {
    kind: 'harness',
    title: 'no API token appears in code-server, extension-host or browser-console logs',
    ok: leaks.length === 0,
    // Name the files, never the secret.
    error: leaks.length ? `the emulator's API token appears in: ${leaks.join(', ')}` : undefined,
  };
}
