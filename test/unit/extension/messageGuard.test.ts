// The detail panels' message listener: a page action that fails must reach the error reporter (which
// logs and shows it) and must never surface as an unhandled promise rejection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { guardMessages, messageAction } from '../../../src/extension/panels/messageGuard';

/** Runs `body`, then lets pending microtasks and one macrotask settle, collecting unhandled rejections. */
async function unhandledDuring(body: () => void): Promise<unknown[]> {
  const seen: unknown[] = [];
  const listener = (reason: unknown) => seen.push(reason);
  process.on('unhandledRejection', listener);
  try {
    body();
    await new Promise((r) => setTimeout(r, 20));
  } finally {
    process.off('unhandledRejection', listener);
  }
  return seen;
}

test('a failing action is reported with the action name, not left as an unhandled rejection', async () => {
  const reported: { err: unknown; action: string }[] = [];
  const listener = guardMessages(
    async (m: unknown) => {
      await Promise.resolve();
      throw new Error(`revoke of ${JSON.stringify(m)} failed: HTTP 403`);
    },
    (err, m) => reported.push({ err, action: messageAction(m) }),
  );
  const unhandled = await unhandledDuring(() => listener({ type: 'action', action: 'revoke' }));
  assert.deepEqual(unhandled, []);
  assert.equal(reported.length, 1);
  assert.equal(reported[0].action, 'revoke');
  assert.match((reported[0].err as Error).message, /HTTP 403/);
});

test('a listener returns nothing VS Code could drop, and successful actions report nothing', async () => {
  let handled = 0;
  const reported: unknown[] = [];
  const listener = guardMessages(
    async () => {
      handled++;
    },
    (err) => reported.push(err),
  );
  const unhandled = await unhandledDuring(() => assert.equal(listener({ type: 'ready' }), undefined));
  assert.deepEqual(unhandled, []);
  assert.equal(handled, 1);
  assert.deepEqual(reported, []);
});

test('a reporter that itself throws still leaves no unhandled rejection', async () => {
  const listener = guardMessages(
    async () => {
      throw new Error('copy failed');
    },
    () => {
      throw new Error('the log is gone');
    },
  );
  assert.deepEqual(await unhandledDuring(() => listener({ type: 'action', action: 'copyId' })), []);
});

test('messageAction names what the page asked for', () => {
  assert.equal(messageAction({ type: 'action', action: 'revokeAll' }), 'revokeAll');
  assert.equal(messageAction({ type: 'open', key: 'tok1' }), 'open');
  assert.equal(messageAction({ type: 'ready' }), 'ready');
  assert.equal(messageAction(null), 'message');
  assert.equal(messageAction('x'), 'message');
});
