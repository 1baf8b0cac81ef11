// Builds every bundle the extension ships: the extension host bundle (vscode external), the language
// server, the command-line runner and each webview front-end. `--production` minifies and drops source
// maps from the output folder; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { chmodSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
// scripts/package.mjs builds into a staging folder so packaging never disturbs the dev bundles in dist/.
const outdir = process.env.BUILD_OUTDIR || 'dist';

/** @type {{ in: string, out: string, platform: 'node' | 'browser', banner?: string, executable?: boolean }[]} */
const entries = [
  { in: 'src/extension/extension.ts', out: 'extension', platform: 'node' },
  // The Okta client with its HTTP stack, loaded by the extension on first use (connections/oktaModule.ts).
  { in: 'src/okta/index.ts', out: 'okta', platform: 'node' },
  // The .iql language client, loaded when the first query document opens (extension/query/index.ts).
  { in: 'src/extension/query/languageClient.ts', out: 'languageClient', platform: 'node' },
  { in: 'src/server/server.ts', out: 'server', platform: 'node' },
  // package.json's `bin` (okta-tokens): run by the shell through its shebang, so it must stay executable.
  { in: 'src/cli/main.ts', out: 'cli', platform: 'node', banner: '#!/usr/bin/env node', executable: true },
  { in: 'media/tokenPanel.ts', out: 'webview/tokenPanel', platform: 'browser' },
  { in: 'media/clientPanel.ts', out: 'webview/clientPanel', platform: 'browser' },
  { in: 'media/serverPanel.ts', out: 'webview/serverPanel', platform: 'browser' },
  { in: 'media/userPanel.ts', out: 'webview/userPanel', platform: 'browser' },
  { in: 'media/resultsPanel.ts', out: 'webview/resultsPanel', platform: 'browser' },
  { in: 'media/watchPanel.ts', out: 'webview/watchPanel', platform: 'browser' },
  { in: 'media/reportPanel.ts', out: 'webview/reportPanel', platform: 'browser' },
].filter((e) => existsSync(e.in));

rmSync(outdir, { recursive: true, force: true });

/**
 * esbuild writes every file 0644, and the clean above recreates dist/cli.js each build, so without this
 * `npx okta-tokens` ends in "Permission denied". Also after each rebuild in --watch.
 */
const executable = (file) => ({
  name: 'executable',
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length === 0 && existsSync(file)) chmodSync(file, 0o755);
    });
  },
});

const contexts = await Promise.all(
  entries.map((e) =>
    esbuild.context({
      entryPoints: [{ in: e.in, out: e.out }],
      outdir,
      bundle: true,
      platform: e.platform,
      format: e.platform === 'node' ? 'cjs' : 'iife',
      target: e.platform === 'node' ? 'node20' : 'es2022',
      external: ['vscode'],
      minify: production,
      sourcemap: !production,
      sourcesContent: false,
      legalComments: production ? 'none' : 'inline',
      banner: e.banner ? { js: e.banner } : undefined,
      logLevel: 'warning',
      metafile: true,
      plugins: e.executable ? [executable(join(outdir, `${e.out}.js`))] : [],
    }),
  ),
);

if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
  console.log(`watching ${entries.length} bundles`);
} else {
  for (const c of contexts) {
    await c.rebuild();
    await c.dispose();
  }
  console.log(`built ${entries.map((e) => e.out).join(', ')}${production ? ' (production)' : ''}`);
}
