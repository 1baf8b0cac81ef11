// Harness progress output: one prefixed line per step, with elapsed seconds, on stderr so that stdout
// stays readable for test results.
const t0 = Date.now();

export function step(msg: string): void {
  process.stderr.write(`[e2e +${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}\n`);
}
