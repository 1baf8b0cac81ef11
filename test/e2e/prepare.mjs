// Installs what the real-VS-Code tests need (Chromium's apt packages, Node 24 and code-server) without
// running anything. `npm test` starts it first, beside `npm ci` and then the build and the unit tests, so
// a cold run downloads and compiles while the other stages work; the e2e stage then finds it done. It
// needs nothing from node_modules (Playwright's client comes with `npm ci` and is checked by the e2e run).
import { createRequire } from 'node:module';

const { installTools } = createRequire(import.meta.url)('./lib/install.cjs');
installTools().then(
  () => process.exit(0),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
