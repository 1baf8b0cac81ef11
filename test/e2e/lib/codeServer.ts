// Starts one code-server (a real VS Code workbench + extension host served over HTTP) on a free
// loopback port, with every piece of state (config, user data, extensions, XDG folders) inside one
// per-run folder so $HOME stays untouched and runs never see each other's settings or secrets.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startManaged, type Managed } from './proc';
import type { Toolchain } from './install.cjs';

export interface CodeServerOptions {
  toolchain: Toolchain;
  /** Per-run folder; code-server's state goes in here. */
  stateDir: string;
  /** Folder opened as the workspace. */
  workspace: string;
  /** Only with this flag does the workbench honour `?payload=` (extension tests); it also hides toasts. */
  smokeTestDriver: boolean;
  /** Extra environment for code-server, inherited by its extension host. */
  env?: Record<string, string>;
  /** Fixed port, or 0 / undefined for a free one chosen by the OS. */
  port?: number;
  echo?: boolean;
}

export interface CodeServer {
  url: string;
  port: number;
  userDataDir: string;
  extensionsDir: string;
  logFile: string;
  process: Managed;
  stop(): Promise<void>;
}

export function codeServerEnv(
  opts: Pick<CodeServerOptions, 'toolchain' | 'stateDir' | 'env'>,
): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...opts.env,
    PATH: `${opts.toolchain.nodeBinDir}:${process.env.PATH ?? ''}`,
    XDG_CONFIG_HOME: join(opts.stateDir, 'xdg-config'),
    XDG_DATA_HOME: join(opts.stateDir, 'xdg-data'),
    XDG_CACHE_HOME: join(opts.stateDir, 'xdg-cache'),
  };
}

/** Installs a .vsix into `extensionsDir` with code-server's own CLI (what a user's "Install from VSIX" does). */
export async function installVsix(
  toolchain: Toolchain,
  stateDir: string,
  extensionsDir: string,
  vsix: string,
): Promise<void> {
  mkdirSync(stateDir, { recursive: true });
  const logFile = join(stateDir, 'install-extension.log');
  const p = startManaged(
    'code-server --install-extension',
    toolchain.codeServerBin,
    [
      '--config',
      join(stateDir, 'config.yaml'),
      '--user-data-dir',
      join(stateDir, 'ud'),
      '--extensions-dir',
      extensionsDir,
      '--install-extension',
      vsix,
    ],
    { cwd: stateDir, env: codeServerEnv({ toolchain, stateDir }), logFile },
  );
  try {
    await p.waitFor(/was successfully installed/, 60_000);
  } finally {
    await p.stop();
  }
}

export async function startCodeServer(opts: CodeServerOptions): Promise<CodeServer> {
  const { stateDir } = opts;
  const userDataDir = join(stateDir, 'ud');
  const extensionsDir = join(stateDir, 'extensions');
  mkdirSync(userDataDir, { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  mkdirSync(opts.workspace, { recursive: true });
  const configFile = join(stateDir, 'config.yaml');
  writeFileSync(configFile, 'auth: none\ncert: false\n');
  // Quiet first-run UI that would otherwise cover the tree in screenshots.
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'security.workspace.trust.enabled': false,
        'extensions.autoUpdate': false,
        'extensions.autoCheckUpdates': false,
        'telemetry.telemetryLevel': 'off',
        'chat.disableAIFeatures': true,
        'remote.autoForwardPorts': false,
        // The run folders live inside this repo's .vscode-test/; don't offer to open the parent repository.
        'git.openRepositoryInParentFolders': 'never',
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        // The colour theme follows the browser's colour scheme and forced colours, as it follows a
        // person's OS: journeys switch themes by emulating those media features (Workbench.setTheme),
        // which the workbench applies at once, with no settings-file edit for it to miss.
        'window.autoDetectColorScheme': true,
        'window.autoDetectHighContrast': true,
        'workbench.preferredLightColorTheme': 'Default Light Modern',
        'workbench.preferredDarkColorTheme': 'Default Dark Modern',
        'workbench.preferredHighContrastColorTheme': 'Default High Contrast',
        'workbench.preferredHighContrastLightColorTheme': 'Default High Contrast Light',
      },
      null,
      2,
    ),
  );
  const logFile = join(stateDir, 'code-server.log');
  const args = [
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${opts.port ?? 0}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--config',
    configFile,
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
  ];
  if (opts.smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  args.push(opts.workspace);
  const proc = startManaged('code-server', opts.toolchain.codeServerBin, args, {
    cwd: stateDir,
    env: codeServerEnv(opts),
    logFile,
    echo: opts.echo,
  });
  const m = await proc.waitFor(/HTTP server listening on (http:\/\/127\.0\.0\.1:(\d+))\//, 60_000);
  const port = Number(m[2]);
  const url = `http://127.0.0.1:${port}`;
  // The listening line comes before the server answers; wait for the health endpoint too.
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline)
      throw new Error(`code-server at ${url} never answered /healthz; see ${logFile}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, port, userDataDir, extensionsDir, logFile, process: proc, stop: () => proc.stop() };
}
