// Which token lists the tree lets go when clients are collapsed (src/extension/tree/hiddenLists.ts): lists
// on screen are always kept; collapsed ones only while they hold no more tokens than the limit, and the
// ones collapsed longest ago go first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HiddenLists } from '../../../src/extension/tree/hiddenLists';

const server = 'c/1/s/default';
const a = `${server}/cl/a`;
const b = `${server}/cl/b`;
const other = 'c/1/s/other/cl/z';

test('collapsing a client with more tokens than the limit lets its list go', () => {
  const lists = new HiddenLists(() => 2000);
  assert.deepEqual(lists.collapse(a, new Map([[a, 10_000]])), [a]);
  assert.deepEqual(lists.hiddenLists(), []);
});

test('collapsed lists within the limit are kept; once over it, the one collapsed longest ago goes', () => {
  const lists = new HiddenLists(() => 100);
  const held = new Map([
    [a, 60],
    [b, 30],
    [other, 30],
  ]);
  assert.deepEqual(lists.collapse(a, held), []);
  assert.deepEqual(lists.collapse(b, held), []);
  assert.deepEqual(lists.hiddenLists(), [a, b]);
  // 60 + 30 + 30 > 100: a was collapsed first.
  assert.deepEqual(lists.collapse(other, held), [a]);
  assert.deepEqual(lists.hiddenLists(), [b, other]);
});

test('a client on screen keeps its list whatever it holds', () => {
  const lists = new HiddenLists(() => 0);
  // Collapsing another client does not touch a's list, which is open.
  assert.deepEqual(
    lists.collapse(
      b,
      new Map([
        [a, 10_000],
        [b, 5],
      ]),
    ),
    [b],
  );
});

test('collapsing a server hides its clients’ lists; expanding it again shows those still expanded', () => {
  const lists = new HiddenLists(() => 1000);
  const held = new Map([
    [a, 400],
    [b, 400],
    [other, 10],
  ]);
  assert.deepEqual(lists.collapse(b, held), []);
  assert.deepEqual(lists.collapse(server, held), []);
  assert.deepEqual(lists.hiddenLists(), [b, a]);
  lists.expand(server);
  // a is on screen again; b stays collapsed.
  assert.deepEqual(lists.hiddenLists(), [b]);
  // So a is not counted or dropped when more is collapsed.
  assert.deepEqual(lists.collapse(other, new Map([...held, [other, 700]])), [b]);
});

test('a client the view lists again is on screen, and so is every row above it', () => {
  const lists = new HiddenLists(() => 1000);
  const held = new Map([
    [a, 400],
    [b, 400],
  ]);
  lists.collapse(server, held);
  assert.deepEqual(lists.hiddenLists(), [a, b]);
  // The view asked for a's tokens (a reveal, say): a and its server are open.
  lists.listed(a);
  assert.deepEqual(lists.hiddenLists(), [b]);
  lists.expand(b);
  assert.deepEqual(lists.hiddenLists(), []);
});

test('a list reloaded for another reason (a refresh) is no longer counted', () => {
  const lists = new HiddenLists(() => 500);
  const held = new Map([
    [a, 400],
    [b, 400],
  ]);
  lists.collapse(a, held);
  lists.forget(a);
  assert.deepEqual(lists.collapse(b, held), []);
  assert.deepEqual(lists.hiddenLists(), [b]);
});
