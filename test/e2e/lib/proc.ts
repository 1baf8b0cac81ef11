// Starting long-running child processes (code-server, the standalone emulator) in their own process
// group, with output copied to a log file, and stopping the whole group: code-server forks an extension
// host, a pty host and file watchers, and killing only its pid would orphan them.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { onCleanup, trackProcessGroup } from './cleanup';

export interface Managed {
  child: ChildProcess;
  /** Resolves with the first match of `pattern` in stdout/stderr; rejects if the process exits first. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  stop(): Promise<void>;
}

export function startManaged(
  name: string,
  cmd: string,
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv; logFile: string; echo?: boolean },
): Managed {
  const log = createWriteStream(opts.logFile, { flags: 'a' });
  const child = spawn(cmd, args, {
    cwd: opts.cwd,
    env: opts.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const untrack = child.pid ? trackProcessGroup(child.pid) : () => undefined;
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (buf: Buffer) => {
    log.write(buf);
    if (opts.echo) process.stderr.write(buf);
    output += buf.toString('utf8');
    if (output.length > 1_000_000) output = output.slice(-500_000);
    for (const l of listeners) l();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  let exited = false;
  const exitPromise = new Promise<void>((res) =>
    child.on('exit', () => {
      exited = true;
      for (const l of listeners) l();
      res();
    }),
  );
  child.on('error', (e) => log.write(`\n[harness] could not start ${cmd}: ${e.message}\n`));

  const stop = async () => {
    unregister();
    if (!exited && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* group already gone */
      }
      const killed = await Promise.race([
        exitPromise.then(() => true),
        new Promise((r) => setTimeout(() => r(false), 5000)),
      ]);
      if (!killed) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* gone */
        }
        await exitPromise;
      }
    }
    // Children of the group (extension host, language server) can outlive the leader briefly; sweep once more.
    if (child.pid) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* nothing left */
      }
    }
    untrack();
    await new Promise<void>((r) => log.end(() => r()));
  };
  const unregister = onCleanup(name, stop);

  const waitFor = (pattern: RegExp, timeoutMs: number) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const m = output.match(pattern);
        if (m) return done(() => resolve(m));
        if (exited)
          return done(() =>
            reject(
              new Error(
                `${name} exited (code ${child.exitCode}) before printing ${pattern}; see ${opts.logFile}`,
              ),
            ),
          );
      };
      const timer = setTimeout(
        () =>
          done(() =>
            reject(new Error(`${name} did not print ${pattern} within ${timeoutMs} ms; see ${opts.logFile}`)),
          ),
        timeoutMs,
      );
      const done = (f: () => void) => {
        clearTimeout(timer);
        listeners.delete(check);
        f();
      };
      listeners.add(check);
      check();
    });

  return { child, waitFor, stop };
}
