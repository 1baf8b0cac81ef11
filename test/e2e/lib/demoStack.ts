// The demo stack, shared by `npm start` (scripts/demo.mjs) and the Playwright journeys so the journeys
// test exactly what a person gets: the org emulator with the realistic demo org, and code-server with
// the packaged .vsix installed (no smoke-test driver) whose extension host has
// OKTA_TOKEN_EXPLORER_DEMO set, so the extension saves the demo connection as it activates (demo.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installVsix, startCodeServer, type CodeServer } from './codeServer';
import type { ScenarioName } from '../../emulator';
import { startOrgEmulator, type OrgEmulator } from './emulator';
import type { Toolchain } from './install.cjs';

export const DEMO_CONNECTION_NAME = 'Demo org';

export interface DemoStack {
  emulator: OrgEmulator;
  codeServer: CodeServer;
  workspace: string;
  /** What to open in a browser. */
  url: string;
  stop(): Promise<void>;
}

export async function startDemoStack(o: {
  toolchain: Toolchain;
  vsix: string;
  stateDir: string;
  port?: number;
  emulatorPort?: number;
  echo?: boolean;
  /** Journeys turn on the emulator's /__emulator/* control endpoints; the demo leaves them off. */
  controlApi?: boolean;
  scenario?: ScenarioName;
}): Promise<DemoStack> {
  const emulator = await startOrgEmulator({
    size: 'demo',
    port: o.emulatorPort ?? 0,
    controlApi: o.controlApi,
    ...(o.scenario ? { scenario: o.scenario } : {}),
  });
  try {
    const csState = join(o.stateDir, 'code-server');
    await installVsix(o.toolchain, csState, join(csState, 'extensions'), o.vsix);
    const workspace = join(o.stateDir, 'workspace');
    mkdirSync(workspace, { recursive: true });
    writeFileSync(
      join(workspace, 'README.md'),
      '# Okta Token Explorer demo\n\nOpen the "Okta Tokens" view in the activity bar: the "Demo org" connection points at a local Okta org emulator.\n',
    );
    const codeServer = await startCodeServer({
      toolchain: o.toolchain,
      stateDir: csState,
      workspace,
      smokeTestDriver: false,
      port: o.port,
      echo: o.echo,
      env: {
        OKTA_TOKEN_EXPLORER_DEMO: JSON.stringify({
          orgUrl: emulator.url,
          token: emulator.token,
          name: DEMO_CONNECTION_NAME,
        }),
      },
    });
    return {
      emulator,
      codeServer,
      workspace,
      url: `${codeServer.url}/?folder=${encodeURIComponent(workspace)}`,
      stop: async () => {
        await codeServer.stop();
        await emulator.close();
      },
    };
  } catch (e) {
    await emulator.close();
    throw e;
  }
}
