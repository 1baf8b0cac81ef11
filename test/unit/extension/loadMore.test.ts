// Cursor paging for tree levels: pages append, a double click loads one page, errors are kept (not
// retried on their own) and Retry repeats what failed; reset drops late pages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PagedLoader, type Page } from '../../../src/extension/tree/loadMore';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

test('first page, then next pages until the cursor runs out', async () => {
  const pages: Record<string, Page<number>> = { a: { items: [3, 4], nextUrl: 'b' }, b: { items: [5] } };
  const l = new PagedLoader<number>(
    async () => ({ items: [1, 2], nextUrl: 'a' }),
    async (u) => pages[u],
  );
  await l.ensureLoaded();
  assert.deepEqual(l.items, [1, 2]);
  assert.equal(l.hasMore, true);
  await l.loadMore();
  await l.loadMore();
  assert.deepEqual(l.items, [1, 2, 3, 4, 5]);
  assert.equal(l.hasMore, false);
  await l.loadMore(); // nothing left: no call, no change
  assert.deepEqual(l.items, [1, 2, 3, 4, 5]);
});

test('a double click while a page is loading loads that page once', async () => {
  let calls = 0;
  const d = deferred<Page<number>>();
  const l = new PagedLoader<number>(
    async () => ({ items: [1], nextUrl: 'n' }),
    () => {
      calls++;
      return d.promise;
    },
  );
  await l.ensureLoaded();
  const p1 = l.loadMore();
  const p2 = l.loadMore();
  assert.equal(l.loading, true);
  d.resolve({ items: [2] });
  await Promise.all([p1, p2]);
  assert.equal(calls, 1);
  assert.deepEqual(l.items, [1, 2]);
});

test('a failing first page is kept as the error and not retried by re-rendering', async () => {
  let calls = 0;
  const l = new PagedLoader<number>(
    async () => {
      calls++;
      if (calls === 1) throw new Error('HTTP 500');
      return { items: [7] };
    },
    async () => ({ items: [] }),
  );
  await l.ensureLoaded();
  assert.equal((l.error as Error).message, 'HTTP 500');
  await l.ensureLoaded();
  assert.equal(calls, 1, 'ensureLoaded after an error must not call again');
  await l.retry();
  assert.equal(calls, 2);
  assert.equal(l.error, undefined);
  assert.deepEqual(l.items, [7]);
});

test('a failing next page keeps the loaded rows and the cursor; retry loads it', async () => {
  let fail = true;
  const l = new PagedLoader<number>(
    async () => ({ items: [1], nextUrl: 'n' }),
    async () => {
      if (fail) throw new Error('reset');
      return { items: [2] };
    },
  );
  await l.ensureLoaded();
  await l.loadMore();
  assert.deepEqual(l.items, [1]);
  assert.ok(l.error);
  assert.equal(l.hasMore, true);
  fail = false;
  await l.retry();
  assert.deepEqual(l.items, [1, 2]);
});

test('reset drops a page that arrives afterwards', async () => {
  const d = deferred<Page<number>>();
  const l = new PagedLoader<number>(
    () => d.promise,
    async () => ({ items: [] }),
  );
  const p = l.ensureLoaded();
  l.reset();
  d.resolve({ items: [1] });
  await p;
  assert.deepEqual(l.items, []);
  assert.equal(l.loaded, false);
});

test('a local update keeps the remaining pages reachable', async () => {
  const l = new PagedLoader<{ id: string; s: string }>(
    async () => ({ items: [{ id: 'a', s: 'ACTIVE' }], nextUrl: 'x' }),
    async () => ({ items: [{ id: 'b', s: 'REVOKED' }] }),
  );
  await l.ensureLoaded();
  l.update((items) => items.map((t) => ({ ...t, s: 'REVOKED' })));
  assert.equal(l.hasMore, true);
  await l.loadMore();
  assert.deepEqual(l.items, [
    { id: 'a', s: 'REVOKED' },
    { id: 'b', s: 'REVOKED' },
  ]);
  assert.equal(l.hasMore, false);
});
