// Whose tokens a revoke takes: the users the confirmation names, each once, and how the list is cut.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shortList, usersOf } from '../../../src/extension/commands/confirmPolicy';

test('a user with several tokens is named once; tokens with no known user are counted apart', () => {
  const r = usersOf([
    { tokenId: 'a', user: 'Karen Easley', userId: '00u1' },
    { tokenId: 'b', user: 'Bob Stone', userId: '00u2' },
    { tokenId: 'c', user: 'Karen Easley', userId: '00u1' },
    { tokenId: 'd' },
    { tokenId: 'e', userId: '00u3' },
  ]);
  assert.deepEqual(r, { names: ['Karen Easley', 'Bob Stone', '00u3'], unknown: 1 });
});

test('two users who share a name are two users when their ids differ', () => {
  const r = usersOf([
    { tokenId: 'a', user: 'Alex Kim', userId: '00u1' },
    { tokenId: 'b', user: 'Alex Kim', userId: '00u2' },
  ]);
  assert.deepEqual(r.names, ['Alex Kim', 'Alex Kim']);
});

test('up to five names are all shown; beyond that four and a count of the rest', () => {
  assert.deepEqual(shortList(['a', 'b', 'c', 'd', 'e']), { shown: ['a', 'b', 'c', 'd', 'e'], more: 0 });
  assert.deepEqual(shortList(['a', 'b', 'c', 'd', 'e', 'f', 'g']), { shown: ['a', 'b', 'c', 'd'], more: 3 });
});
