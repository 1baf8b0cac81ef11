// `npm run test:e2e`: the real-VS-Code tests. Loads the TypeScript runner (test/e2e/lib/main.ts) through
// tsx's CommonJS hook, in this same process so Ctrl-C reaches the teardown code directly.
import { createRequire } from 'node:module';
import { register } from 'tsx/cjs/api';

register();
const require = createRequire(import.meta.url);
const { main } = require('./lib/main.ts');
main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
