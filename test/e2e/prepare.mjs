// Installs what the real-VS-Code tests need (Playwright's client, Chromium's apt packages, Node 24 and
// code-server) without running anything. `npm test` starts it in the background beside the build and the
// unit tests, so a cold run downloads while the CPU-bound stages work; the e2e stage then finds it done.
import { createRequire } from 'node:module';
import { register } from 'tsx/cjs/api';

register();
const require = createRequire(import.meta.url);
const { ensureToolchain } = require('./lib/install.ts');
ensureToolchain().then(
  () => process.exit(0),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
