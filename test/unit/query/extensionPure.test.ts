// Pure parts of the extension-side query features: which saved connection runs a statement, and the
// query "Open as Query" writes for a tree node (it must analyse clean and pick the listing method).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  connectionLabel,
  offeredLabels,
  resolveConnection,
} from '../../../src/extension/query/connectionResolver';
import { queryForNode } from '../../../src/extension/query/openAsQuery';
import { tokenQuery } from '../../../src/extension/commands/tokenQuery';
import { analyzeDocument } from '../../../src/query/analyzer';

const acme = { id: 'c1', name: 'Acme prod', orgUrl: 'https://acme.okta.com' };
const dev = { id: 'c2', name: 'dev', orgUrl: 'https://dev-123.oktapreview.com' };
const emu = { id: 'c3', name: 'Emulator', orgUrl: 'http://127.0.0.1:8123' };

test('subdomain maps to the connection whose host starts with it, or whose name equals it', () => {
  const r = resolveConnection([acme, dev], 'acme', undefined);
  assert.ok(r.ok && r.connection.id === 'c1');
  const d = resolveConnection([acme, dev], 'DEV-123', undefined);
  assert.ok(d.ok && d.connection.id === 'c2');
  const byName = resolveConnection([acme, dev, emu], 'emulator', undefined);
  assert.ok(byName.ok && byName.connection.id === 'c3');
});

test('the -- connection: directive wins (custom domains); unknown names are explained', () => {
  const r = resolveConnection([acme, dev], 'acme', 'dev');
  assert.ok(r.ok && r.connection.id === 'c2' && r.via === '-- connection: dev');
  const bad = resolveConnection([acme, dev], undefined, 'prod');
  assert.ok(
    !bad.ok &&
      bad.message.includes('No saved connection is named "prod"') &&
      bad.message.includes('Acme prod, dev'),
  );
});

test('no match is an error that says what to do — except a lone emulator connection', () => {
  const r = resolveConnection([acme], 'other', undefined);
  assert.ok(
    !r.ok && r.message.includes('https://other.okta.com') && r.message.includes('-- connection: <name>'),
  );
  const lone = resolveConnection([emu], 'acme', undefined);
  assert.ok(lone.ok && lone.connection.id === 'c3');
  assert.ok(!resolveConnection([], 'acme', undefined).ok);
});

test('Open as Query writes a statement that analyses clean and lists what the node shows', () => {
  const cases = [
    { ids: { orgUrl: acme.orgUrl, connectionName: acme.name }, method: 'list_authorization_servers' },
    {
      ids: { orgUrl: acme.orgUrl, connectionName: acme.name, authServerId: 'aus1' },
      method: 'list_oauth2_clients_for_authorization_server',
    },
    {
      ids: { orgUrl: acme.orgUrl, connectionName: acme.name, authServerId: 'aus1', clientId: "0o'a" },
      method: 'list_refresh_tokens_for_authorization_server_and_client',
    },
    {
      ids: {
        orgUrl: emu.orgUrl,
        connectionName: emu.name,
        authServerId: 'aus1',
        clientId: '0oa',
        tokenId: 'oar1',
      },
      method: 'get_refresh_token_for_authorization_server_and_client',
    },
  ];
  for (const c of cases) {
    const q = queryForNode(c.ids);
    const doc = analyzeDocument(q);
    assert.deepEqual(doc.diagnostics, [], q);
    const plan = doc.statements[0]!.plan!;
    assert.ok(plan.kind === 'select' && plan.method.name === c.method, q);
  }
  assert.match(
    queryForNode({ orgUrl: emu.orgUrl, connectionName: 'Emulator' }),
    /^-- connection: Emulator\n/,
  );
});

test('Open as Query on a loopback connection named with a space writes a query that runs on it', () => {
  // The demo's "Demo org": its name is not a DNS label, so `subdomain = 'Demo org'` would be refused.
  const demo = { id: 'c4', name: 'Demo org', orgUrl: 'http://127.0.0.1:8124' };
  for (const ids of [
    { orgUrl: demo.orgUrl, connectionName: demo.name },
    { orgUrl: demo.orgUrl, connectionName: demo.name, authServerId: 'default', clientId: '0oa1' },
  ]) {
    const q = queryForNode(ids);
    const doc = analyzeDocument(q);
    assert.deepEqual(doc.diagnostics, [], q);
    assert.match(q, /^-- connection: Demo org\n/);
    const plan = doc.statements[0]!.plan!;
    assert.ok(plan.kind === 'select');
    // The subdomain it wrote picks that connection even among others, without the directive.
    const r = resolveConnection([acme, emu, demo], plan.params.subdomain, undefined);
    assert.ok(r.ok && r.connection.id === 'c4', `${plan.params.subdomain}: ${JSON.stringify(r)}`);
  }
});

test('Copy as Query on a loopback or custom-domain connection writes a statement the analyzer accepts, run on that connection', () => {
  const demo = { id: 'c4', name: 'Demo org', orgUrl: 'http://127.0.0.1:8080' };
  const custom = { id: 'c5', name: 'Login (custom domain)', orgUrl: 'https://login.example.com' };
  const all = [acme, dev, emu, demo, custom];
  for (const c of all) {
    const q = tokenQuery(c, 'aus1', '0oa1', 'oar1');
    const doc = analyzeDocument(q);
    assert.deepEqual(doc.diagnostics, [], q);
    const st = doc.statements[0]!;
    assert.ok(
      st.plan?.kind === 'select' &&
        st.plan.method.name === 'get_refresh_token_for_authorization_server_and_client',
      q,
    );
    assert.doesNotMatch(q, /127\.0\.0\.1|example\.com/, 'the host is never written as a subdomain');
    const r = resolveConnection(all, st.plan.params.subdomain, st.connection);
    assert.ok(r.ok && r.connection.id === c.id, `${c.name}: ${q} → ${JSON.stringify(r)}`);
    // The statement Open as Query writes for the same token: one way to name a connection.
    assert.equal(
      q,
      queryForNode({
        orgUrl: c.orgUrl,
        connectionName: c.name,
        authServerId: 'aus1',
        clientId: '0oa1',
        tokenId: 'oar1',
      }),
    );
  }
  assert.match(tokenQuery(demo, 'aus1', '0oa1', 'oar1'), /^-- connection: Demo org\n/);
});

test('the subdomain offered for a connection (completion, quick fix) is always one DNS label that picks it', () => {
  const demo = { id: 'c4', name: 'Demo org', orgUrl: 'http://127.0.0.1:8124' };
  const custom = { id: 'c5', name: 'Login (custom domain)', orgUrl: 'https://login.example.com' };
  const all = [acme, dev, emu, demo, custom];
  for (const c of all) {
    const label = connectionLabel(c)!;
    assert.match(label, /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i, c.name);
    const r = resolveConnection(all, label, undefined);
    assert.ok(r.ok && r.connection.id === c.id, `${c.name} → ${label}: ${JSON.stringify(r)}`);
  }
  assert.equal(connectionLabel(demo), 'demo-org');
  assert.equal(connectionLabel({ name: '!!!', orgUrl: 'http://127.0.0.1:1' }), undefined);
});

test('a subdomain two connections answer to is refused, naming both, and neither is offered it', () => {
  const real = { id: 'r1', name: 'Acme dev', orgUrl: 'https://acme-dev.okta.com' };
  const local = { id: 'l1', name: 'acme_dev', orgUrl: 'http://127.0.0.1:8125' };
  const r = resolveConnection([real, local], 'acme-dev', undefined);
  assert.ok(!r.ok);
  assert.match(r.message, /matches several saved connections \("Acme dev", "acme_dev"\).*-- connection:/);
  // With the directive it is unambiguous.
  const picked = resolveConnection([real, local], 'acme-dev', 'acme_dev');
  assert.ok(picked.ok && picked.connection.id === 'l1');
  // Completion and the quick fix offer no label that would pick two orgs.
  const offered = offeredLabels([real, local, acme]);
  assert.equal(offered.get('r1'), undefined);
  assert.equal(offered.get('l1'), undefined);
  assert.equal(offered.get('c1'), 'acme');
});

test('a subdomain that is not one DNS label is refused before any connection is picked', () => {
  for (const bad of ['evil.example#', 'acme.evil.com', 'a/b', 'a?x', 'a@b', 'a:1', '-acme', '']) {
    // Even the lone emulator connection, which otherwise answers any subdomain, is not used.
    const r = resolveConnection([emu], bad, undefined);
    assert.ok(!r.ok && r.message.includes('not a single DNS label'), `${bad}: ${JSON.stringify(r)}`);
    const withDirective = resolveConnection([acme, emu], bad, 'Emulator');
    assert.ok(!withDirective.ok, bad);
  }
  assert.ok(resolveConnection([acme], 'ACME', undefined).ok);
});
