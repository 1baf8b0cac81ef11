// Shared setup for the client's tests: a real emulator on loopback and a client pointed at it, with a
// logger that keeps every line so tests can search it for secrets.

import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator/index';
import { OktaClient, type OktaClientOptions } from '../../../src/okta';

export const API_TOKEN = '00TestApiToken-abcdefghijklmnopqrstuvwxyz';

export interface Harness {
  emu: RunningEmulator;
  client: OktaClient;
  logs: string[];
  close(): Promise<void>;
}

export function captureLogger(logs: string[]) {
  const push = (level: string) => (m: string) => logs.push(`${level} ${m}`);
  return {
    trace: push('trace'),
    debug: push('debug'),
    info: push('info'),
    warn: push('warn'),
    error: push('error'),
  };
}

export async function withEmulator(
  emuOpts: EmulatorOptions = {},
  clientOpts: Partial<OktaClientOptions> = {},
): Promise<Harness> {
  const emu = await startEmulator({ port: 0, seed: 7, size: 'tiny', apiTokens: [API_TOKEN], ...emuOpts });
  const logs: string[] = [];
  const client = new OktaClient({
    orgUrl: emu.url,
    auth: { kind: 'ssws', token: API_TOKEN },
    logger: captureLogger(logs),
    retry: { backoffBaseMs: 5, backoffMaxMs: 20 },
    ...clientOpts,
  });
  return {
    emu,
    client,
    logs,
    async close() {
      await client.close();
      await emu.close();
    },
  };
}
