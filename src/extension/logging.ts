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

const TRANSCRIPT_LIMIT = 2000;

/**
 * The LogOutputChannel handed to every part (including the query features): it masks known secrets in
 * every line before VS Code sees it, and keeps a bounded copy of the session's lines so the secret-leak
 * test can search what was logged.
 */
class MaskedLog implements vscode.LogOutputChannel {
  private readonly lines: string[] = [];
  constructor(
    private readonly inner: vscode.LogOutputChannel,
    private readonly masker: Masker,
  ) {}
  get name(): string {
    return this.inner.name;
  }
  get logLevel(): vscode.LogLevel {
    return this.inner.logLevel;
  }
  get onDidChangeLogLevel(): vscode.Event<vscode.LogLevel> {
    return this.inner.onDidChangeLogLevel;
  }
  private keep(level: string, text: string): string {
    const masked = this.masker.mask(text);
    this.lines.push(`[${level}] ${masked}`);
    if (this.lines.length > TRANSCRIPT_LIMIT) this.lines.splice(0, this.lines.length - TRANSCRIPT_LIMIT);
    return masked;
  }
  private args(args: unknown[]): unknown[] {
    return args.map((a) =>
      typeof a === 'string' ? this.masker.mask(a) : a instanceof Error ? this.masker.mask(a.message) : a,
    );
  }
  trace(message: string, ...args: unknown[]): void {
    this.inner.trace(this.keep('trace', message), ...this.args(args));
  }
  debug(message: string, ...args: unknown[]): void {
    this.inner.debug(this.keep('debug', message), ...this.args(args));
  }
  info(message: string, ...args: unknown[]): void {
    this.inner.info(this.keep('info', message), ...this.args(args));
  }
  warn(message: string, ...args: unknown[]): void {
    this.inner.warn(this.keep('warn', message), ...this.args(args));
  }
  error(error: string | Error, ...args: unknown[]): void {
    const text = typeof error === 'string' ? error : error.message;
    this.inner.error(this.keep('error', text), ...this.args(args));
  }
  append(value: string): void {
    this.inner.append(this.keep('raw', value));
  }
  appendLine(value: string): void {
    this.inner.appendLine(this.keep('raw', value));
  }
  replace(value: string): void {
    this.inner.replace(this.keep('raw', value));
  }
  clear(): void {
    this.inner.clear();
  }
  show(preserveFocus?: boolean): void;
  show(column?: vscode.ViewColumn, preserveFocus?: boolean): void;
  show(a?: boolean | vscode.ViewColumn, b?: boolean): void {
    if (typeof a === 'boolean' || a === undefined) this.inner.show(a);
    else this.inner.show(a, b);
  }
  hide(): void {
    this.inner.hide();
  }
  dispose(): void {
    this.inner.dispose();
  }
  transcript(): string {
    return this.lines.join('\n');
  }
}

export type ExtensionLog = vscode.LogOutputChannel & { transcript(): string };

export function createLog(masker: Masker): ExtensionLog {
  return new MaskedLog(vscode.window.createOutputChannel(LOG_NAME, { log: true }), masker);
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
