// Launches Debian's Chromium headless through playwright-core, with its profile, crash reports and
// caches redirected into the run folder (Chromium otherwise writes under $HOME even with a temp profile).
import { chromium, type Browser } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { onCleanup } from './cleanup';
import type { Toolchain } from './install.cjs';

export async function launchBrowser(toolchain: Toolchain, stateDir: string): Promise<Browser> {
  const home = join(stateDir, 'chromium-home');
  mkdirSync(home, { recursive: true });
  const browser = await chromium.launch({
    executablePath: toolchain.chromiumPath,
    headless: process.env.E2E_HEADED !== '1',
    env: { ...process.env, XDG_CONFIG_HOME: join(home, 'config'), XDG_CACHE_HOME: join(home, 'cache') },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const unregister = onCleanup('chromium', () => browser.close());
  browser.on('disconnected', unregister);
  return browser;
}
