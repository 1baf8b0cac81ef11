// Shared helpers for extension-host suites: the values the runner passes through the payload's
// extensionEnvironment (emulator URL and token, artifacts folder…) and a polling helper.
import * as vscode from 'vscode';

export const EXTENSION_ID = 'okta-token-explorer.okta-token-explorer';

export function e2eEnv(
  name:
    | 'OKTA_E2E_ORG_URL'
    | 'OKTA_E2E_API_TOKEN'
    | 'OKTA_E2E_CONTROL_URL'
    | 'OKTA_E2E_ARTIFACTS'
    | 'OKTA_E2E_EXTENSION_PATH'
    | 'OKTA_E2E_WORKSPACE',
): string {
  const v = process.env[name];
  if (!v)
    throw new Error(
      `${name} is not set: run the suites through test/e2e/run.mjs, which passes it to the extension host`,
    );
  return v;
}

export function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded in this extension host`);
  return ext;
}

/** Calls the emulator's control API (GET/DELETE/POST /__emulator/{stats,faults,counts}). */
export async function emulatorControl<T = unknown>(
  method: 'GET' | 'POST' | 'DELETE',
  what: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${e2eEnv('OKTA_E2E_CONTROL_URL')}/${what}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok)
    throw new Error(`emulator control ${method} ${what} answered HTTP ${res.status}: ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** Polls `probe` until it returns a truthy value or the time is up. */
export async function waitFor<T>(
  what: string,
  probe: () => T | Promise<T>,
  timeoutMs = 15_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v as NonNullable<T>;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`,
      );
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The text of every hover VS Code shows at `pos` in `doc`, once it contains `expected`. */
export function hoverTextAt(
  doc: vscode.TextDocument,
  pos: vscode.Position,
  expected: string,
  what: string,
): Promise<string> {
  return waitFor(what, async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      pos,
    );
    const all = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .join('\n');
    return all.includes(expected) ? all : undefined;
  });
}
