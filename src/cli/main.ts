// Entry point of the `okta-tokens` bundle (dist/cli.js, the package's `bin`). Wires the runner to the
// real process: stdout/stderr, environment, a terminal prompt for DELETE confirmation, Ctrl-C.
import { createInterface } from 'node:readline/promises';
import { runCli, EXIT } from './run';

const controller = new AbortController();
process.on('SIGINT', () => {
  if (controller.signal.aborted) process.exit(EXIT.interrupted);
  controller.abort();
});

const interactive = process.stdin.isTTY && process.stderr.isTTY;

runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  env: process.env,
  signal: controller.signal,
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  ...(interactive
    ? {
        ask: async (q: string) => {
          const rl = createInterface({ input: process.stdin, output: process.stderr });
          try {
            return await rl.question(q);
          } finally {
            rl.close();
          }
        },
      }
    : {}),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`okta-tokens: ${(e as Error).message}\n`);
    process.exitCode = EXIT.runtime;
  },
);
