// Progress for work that is usually quick (a revoke): shown at once in the view's progress bar, and as
// a cancellable notification only once it has taken a while, as VS Code's UX guidelines prefer. VS Code
// keeps a progress notification up for at least 800 ms after it appeared, and an extension cannot
// shorten that, so a result toast shown the moment the work ends sat beside the "Revoking…" toast that
// was still closing. Here a notification that did appear is held until it has been up that long, and
// the returned promise settles only once VS Code was told to close it; the caller's result toast, sent
// after that on the same ordered channel, comes alone.
import * as vscode from 'vscode';

/** How long the work runs with only the view's progress bar before the notification (with Cancel) appears. */
export const NOTIFY_AFTER_MS = 1000;
/** VS Code's minimum time on screen for a progress notification (800 ms), with room for the way there. */
const MIN_VISIBLE_MS = 1000;

export interface ProgressReport {
  message?: string;
  increment?: number;
}

export async function withProgressThatCloses<T>(
  /** `viewId`: the view whose progress bar runs meanwhile (none when the work shows its own, as a query's panel does). */
  opts: { title: string; viewId?: string; notifyAfterMs?: number; cancellable?: boolean },
  task: (signal: AbortSignal, progress: { report(p: ProgressReport): void }) => Promise<T>,
): Promise<T> {
  const ac = new AbortController();
  let done = 0;
  let message: string | undefined;
  let notification: vscode.Progress<ProgressReport> | undefined;
  const work = task(ac.signal, {
    report(p) {
      done += p.increment ?? 0;
      message = p.message ?? message;
      notification?.report(p);
    },
  });
  const settled = work.then(
    () => undefined,
    () => undefined,
  );
  if (opts.viewId) void vscode.window.withProgress({ location: { viewId: opts.viewId } }, () => settled);
  let closed: Thenable<void> | undefined;
  const timer = setTimeout(() => {
    closed = vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: opts.title,
        // Only work that stops on the signal offers Cancel; a Cancel that changes nothing would mislead.
        cancellable: opts.cancellable ?? true,
      },
      async (p, token) => {
        token.onCancellationRequested(() => ac.abort());
        // What was reported before the notification existed, so its bar starts where the work is.
        if (done > 0 || message !== undefined) p.report({ message, increment: done });
        notification = p;
        const shown = Date.now();
        await settled;
        const left = MIN_VISIBLE_MS - (Date.now() - shown);
        // Cancel closes it at once; otherwise it stays until VS Code closes it the moment we return.
        if (left > 0 && !token.isCancellationRequested) await new Promise((r) => setTimeout(r, left));
      },
    );
  }, opts.notifyAfterMs ?? NOTIFY_AFTER_MS);
  try {
    return await work;
  } finally {
    clearTimeout(timer);
    if (closed) await closed;
  }
}
