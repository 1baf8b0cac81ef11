// The extension's single log: one LogOutputChannel (levels chosen by the user in the Output view) and a
// masker that scrubs every secret the extension has handled from anything written to it or shown in an
// error message. Secrets should never reach a log line in the first place; the masker is the safety net.
import * as vscode from 'vscode';

export const LOG_NAME = 'Okta Token Explorer';

export class Masker {
  private readonly values = new Set<string>();

  /** Remember a secret (and its obvious fragments) so it can be scrubbed later. Short values are ignored. */
  add(secret: string | undefined): void {
    if (!secret || secret.length < 8) return;
    this.values.add(secret);
    // A PEM key is multi-line: scrub each long line too, in case a message quotes one line of it.
    for (const line of secret.split(/\r?\n/)) {
      const t = line.trim();
      if (t.length >= 16 && !t.startsWith('-----')) this.values.add(t);
    }
  }

  mask(text: string): string {
    let out = text;
    for (const v of this.values) out = out.split(v).join('•••');
    return out;
  }
}

export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel(LOG_NAME, { log: true });
}

/** The message of any thrown value, masked; never the stack (stacks go to the log at debug level). */
export function errorMessage(err: unknown, masker: Masker): string {
  const raw = err instanceof Error ? err.message : String(err);
  return masker.mask(raw);
}

export function logError(log: vscode.LogOutputChannel, masker: Masker, what: string, err: unknown): void {
  log.error(`${what}: ${errorMessage(err, masker)}`);
  if (err instanceof Error && err.stack) log.debug(masker.mask(err.stack));
}
