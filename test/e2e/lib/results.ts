// One shape for every result the harness counts (mocha tests, journeys, harness checks), and the
// artifacts/e2e-summary.json that scripts/test.mjs reads.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { artifactsRoot } from './paths.cjs';

export interface Result {
  kind: 'mocha' | 'journey' | 'harness';
  title: string;
  ok: boolean;
  error?: string;
  durationMs?: number;
}

export function writeSummary(results: Result[]): { passed: number; failed: number } {
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  mkdirSync(artifactsRoot, { recursive: true });
  writeFileSync(join(artifactsRoot, 'e2e-summary.json'), JSON.stringify({ passed, failed }) + '\n');
  writeFileSync(join(artifactsRoot, 'e2e', 'results.json'), JSON.stringify(results, null, 2) + '\n');
  return { passed, failed };
}
