// The shape of a Playwright journey file (test/e2e/journeys/**/*.journey.ts): a default export made
// with defineJourney(). The runner gives each journey a fresh browser page on the shared demo
// code-server (packaged extension installed, connected to the demo org) and a Workbench helper.
import type { RunningEmulator } from '../../emulator';
import type { Workbench } from './workbench';

export interface JourneyContext {
  /** The emulator the demo connection points at (URL and its SSWS token: a secret, never log it). */
  orgUrl: string;
  apiToken: string;
  /** The emulator's in-process handle: inspect the org (e.g. token counts after a revoke), add faults. */
  emulator: RunningEmulator;
  /** Name of the connection the demo bootstrap created. */
  connectionName: string;
  /** code-server URL with the workspace folder, as a person would open it. */
  url: string;
  /** Where the journey may write extra artifacts. */
  artifactsDir: string;
}

export interface Journey {
  title: string;
  timeoutMs?: number;
  run(wb: Workbench, ctx: JourneyContext): Promise<void>;
}

export function defineJourney(j: Journey): Journey {
  return j;
}
