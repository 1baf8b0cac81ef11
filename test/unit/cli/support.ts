// Runs `okta-tokens` in process against an org, capturing what it prints, the way every CLI test does;
// each run also checks that the API token appears in neither output stream.
import assert from 'node:assert/strict';
import { runCli, type CliIo } from '../../../src/cli/run';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** `org` is read at call time, so a test can build the runner before its emulator has started. */
export function cliRunner(org: () => { url: string; token: string }) {
  return async (argv: string[], extra: Partial<CliIo> = {}): Promise<CliRun> => {
    const { url, token } = org();
    let out = '';
    let err = '';
    const code = await runCli(argv, {
      stdout: (s) => (out += s),
      stderr: (s) => (err += s),
      env: { OKTA_API_TOKEN: token, OKTA_ORG_URL: url },
      ...extra,
    });
    assert.ok(!err.includes(token) && !out.includes(token), 'the token never appears in output');
    return { code, out, err };
  };
}
