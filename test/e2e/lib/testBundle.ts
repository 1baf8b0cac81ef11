// Compiles the extension-host test code for one run: host/index.ts (the mocha loader) and every
// test/e2e/suite/**/*.test.ts, each bundled on its own (so mocha still loads them file by file) with
// `vscode` and `mocha` left external. The output lives under .vscode-test/, inside the repo, so that
// `require('mocha')` from the bundles resolves to the repo's pinned mocha.
import { build } from 'esbuild';
import { join, relative } from 'node:path';
import { filesUnder } from './files';
import { repoRoot } from './paths.cjs';

/**
 * Returns the path of the compiled index.js (extensionTestsPath) and the suite files it will load. A
 * benchmark passes its own folder and file suffix (bench:host), so its suites never run in `npm test`;
 * they are compiled to `*.test.js` all the same, which is what the loader picks up.
 */
export async function buildTestBundle(
  outDir: string,
  suiteDir = join(repoRoot, 'test', 'e2e', 'suite'),
  suffix = '.test.ts',
): Promise<{ index: string; suites: string[] }> {
  const suites = filesUnder(suiteDir, (n) => n.endsWith(suffix));
  const common = {
    bundle: true,
    platform: 'node' as const,
    format: 'cjs' as const,
    target: 'node20',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline' as const,
    logLevel: 'error' as const,
  };
  await build({
    ...common,
    entryPoints: [join(repoRoot, 'test', 'e2e', 'host', 'index.ts')],
    outfile: join(outDir, 'index.js'),
  });
  if (suites.length > 0) {
    await build({
      ...common,
      entryPoints: suites.map((s) => ({
        in: s,
        out: relative(suiteDir, s).slice(0, -suffix.length) + '.test',
      })),
      outdir: join(outDir, 'suite'),
    });
  }
  return { index: join(outDir, 'index.js'), suites: suites.map((s) => relative(repoRoot, s)) };
}
