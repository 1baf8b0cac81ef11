// The webview shell: strict CSP with the nonce, no inline script without it, everything escaped; and the
// message/state guards the host relies on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contentSecurityPolicy, escapeHtml, makeNonce, panelHtml } from '../../../src/extension/panels/html';
import { isPageMessage, isPanelIds, panelIdsOf, panelKey } from '../../../src/extension/panels/protocol';

test('nonces are fresh and long', () => {
  const a = makeNonce();
  const b = makeNonce();
  assert.notEqual(a, b);
  assert.ok(a.length >= 32);
  assert.match(a, /^[A-Za-z0-9_-]+$/);
});

test('CSP starts from default-src none and allows scripts only by nonce', () => {
  const csp = contentSecurityPolicy('https://webview.example', 'N0NCE');
  assert.match(csp, /^default-src 'none'/);
  assert.match(csp, /script-src 'nonce-N0NCE'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
});

test('the shell carries the policy, the nonce on its one script, and escapes the title', () => {
  const html = panelHtml({
    cspSource: 'https://webview.example',
    nonce: 'abc123',
    scriptUri: 'https://webview.example/tokenPanel.js',
    styleUri: 'https://webview.example/panel.css',
    title: '<img src=x onerror=alert(1)>',
    loadingText: 'Loading…',
  });
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;/);
  assert.equal((html.match(/<script/g) ?? []).length, 1);
  assert.match(html, /<script nonce="abc123" src=/);
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
  assert.ok(!html.includes('<img'));
});

test('escapeHtml escapes all five markup characters', () => {
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
});

test('panel state must be complete ids, nothing else', () => {
  assert.equal(
    isPanelIds({ kind: 'token', connectionId: 'c', authServerId: 's', clientId: 'cl', tokenId: 't' }),
    true,
  );
  assert.equal(isPanelIds({ kind: 'token', connectionId: 'c', authServerId: 's', clientId: 'cl' }), false);
  assert.equal(isPanelIds({ kind: 'server', connectionId: 'c', authServerId: 's' }), true);
  assert.equal(isPanelIds(null), false);
  assert.equal(
    panelKey({ kind: 'client', connectionId: 'c', authServerId: 's', clientId: 'x' }),
    'client/c/s/x',
  );
});

test('page messages are recognised only in their typed shapes', () => {
  assert.equal(isPageMessage({ type: 'ready' }), true);
  assert.equal(isPageMessage({ type: 'action', action: 'revoke' }), true);
  assert.equal(isPageMessage({ type: 'action' }), false);
  assert.equal(isPageMessage({ type: 'open', key: 'oar1' }), true);
  assert.equal(isPageMessage({ type: 'eval', code: '1' }), false);
});

test('a page’s saved state (ids, sort, scroll) restores a panel from its ids alone', () => {
  const ids = { kind: 'client' as const, connectionId: 'c', authServerId: 's', clientId: 'cl' };
  assert.deepEqual(panelIdsOf({ ...ids, sort: { 0: { col: 2, asc: false } }, scrollY: 240 }), ids);
  assert.equal(panelIdsOf({ kind: 'client', connectionId: 'c', authServerId: 's' }), undefined);
  assert.equal(panelIdsOf('token'), undefined);
});
