// `npm run test:electron`: the extension-host suites in desktop VS Code via @vscode/test-electron
// (downloads VS Code, or uses VSCODE_EXECUTABLE). The code-server runner (`npm run test:e2e`) is the
// one `npm test` uses, because these machines cannot download VS Code.
import { createRequire } from 'node:module';
import { register } from 'tsx/cjs/api';

register();
const require = createRequire(import.meta.url);
const { electronMain } = require('./lib/electronMain.ts');
electronMain().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
