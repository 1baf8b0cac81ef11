// Turns an async webview message handler into the plain listener VS Code expects, without dropping its
// promise: a failing panel action (copy, revoke, open a row) is reported through `onError` — which logs
// it and tells the user — instead of becoming an unhandled rejection nobody sees.
// Kept free of the vscode module so it can be tested under plain Node.

export function guardMessages<M>(
  handle: (message: M) => Promise<void>,
  onError: (err: unknown, message: M) => void,
): (message: M) => void {
  return (message) => {
    void (async () => {
      try {
        await handle(message);
      } catch (err) {
        try {
          onError(err, message);
        } catch {
          // Reporting must never throw back into VS Code's event loop; there is nowhere left to report.
        }
      }
    })();
  };
}

/** A short name for what a page message asked for, for the log line and the error message. */
export function messageAction(message: unknown): string {
  if (typeof message !== 'object' || message === null) return 'message';
  const m = message as { type?: unknown; action?: unknown };
  if (m.type === 'action' && typeof m.action === 'string') return m.action;
  if (m.type === 'open') return 'open';
  return typeof m.type === 'string' ? m.type : 'message';
}
