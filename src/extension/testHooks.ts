// When activate() hands out its test API (testApi.ts: answering prompts, exporting without a dialog,
// forcing Restricted Mode, reading the log). Only when both hold, checked once at activation:
// - VS Code runs the extension for development or tests (ExtensionMode Test or Development: loaded
//   through --extensionDevelopmentPath, which an installed .vsix never is), and
// - the host's environment sets OKTA_TOKEN_EXPLORER_TEST_HOOKS=1 (test/e2e's runners set it for the
//   extension host; see test/e2e/README.md).
// In every other case activate() returns nothing and registers no test-only command, so no other
// extension can answer the revoke modal or write files through this one. No vscode import: unit tested.

export const TEST_HOOKS_ENV = 'OKTA_TOKEN_EXPLORER_TEST_HOOKS';

export type ExtensionModeName = 'production' | 'development' | 'test';

export function testHooksRequested(
  mode: ExtensionModeName,
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  return mode !== 'production' && env[TEST_HOOKS_ENV] === '1';
}
