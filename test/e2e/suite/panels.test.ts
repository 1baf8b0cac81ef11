/// <reference types="mocha" />
// Detail panels in the real extension host: a token's panel shows every field, its embedded scopes and
// links after the ready handshake; it is revealed, not duplicated; API markup stays data; the CSP is
// strict with a fresh nonce; client and server panels show their tables.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { MARKUP_DESCRIPTION } from '../../emulator';
import { addConnection, explorerApi, removeConnectionQuietly, startOrg, type Org } from './explorer/fixture';
import { clientRow, serverRow, tokenIdOf, tokenRows } from './explorer/orgTree';
import { waitFor } from './helpers';
import type { OktaTokenExplorerTestApi, PanelInfo } from '../../../src/extension/testApi';
import type { PanelIds } from '../../../src/extension/panels/protocol';

describe('detail panels', function () {
  let api: OktaTokenExplorerTestApi;
  let org: Org;
  let id: string;
  // A server / client / token of the org whose token carries the scope with markup in its description.
  let serverId: string;
  let clientId: string;
  let tokenId: string;
  let markupScope: string | undefined;

  const panelFor = (ids: PanelIds) =>
    waitFor(
      `panel ${JSON.stringify(ids)} with content`,
      () => api.panels().find((p) => JSON.stringify(p.ids) === JSON.stringify(ids) && p.view && p.ready),
      30_000,
    );

  before(async () => {
    api = await explorerApi();
    org = await startOrg();
    id = await addConnection(org, 'Panels suite org');
    // Prefer a token holding the scope whose description contains markup, to prove it renders as text.
    outer: for (const s of org.em.org.servers()) {
      const scope = org.em.org.scopes(s.id).find((x) => x.description === MARKUP_DESCRIPTION);
      for (const c of org.em.org.clients(s.id)) {
        for (const t of org.em.org.listTokens(s.id, c.clientId)) {
          if (!scope || (t.scopes as string[]).includes(scope.name as string)) {
            serverId = s.id;
            clientId = c.clientId;
            tokenId = t.id as string;
            markupScope = scope?.name as string | undefined;
            if (scope) break outer;
          }
        }
      }
    }
    assert.ok(tokenId, 'the org has no token to open');
  });
  after(async () => {
    for (const p of api.panels()) if (p.ids.connectionId === id) await closePanel(p);
    await removeConnectionQuietly(api, id);
    await org.em.close();
  });

  async function closePanel(_p: PanelInfo) {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  }

  it('opens a token with every field, its embedded scopes as a table and its links', async () => {
    const row = (await tokenRows(api, id, serverId, clientId)).find((r) => tokenIdOf(r) === tokenId)!;
    const ids = await vscode.commands.executeCommand<PanelIds>('oktaTokenExplorer.openToken', row.node);
    const p = await panelFor(ids);
    const v = p.view!;
    const field = (label: string) => v.fields.find((f) => f.label === label)?.value;
    const t = org.em.org.getToken(serverId, clientId, tokenId, true) as {
      id: string;
      status: string;
      userId: string;
      issuer: string;
      expiresAt: string;
      _embedded: { scopes: { name: string; description?: string }[] };
    };
    assert.equal(field('Token ID'), t.id);
    const word =
      t.status === 'REVOKED' ? 'Revoked' : Date.parse(t.expiresAt) <= Date.now() ? 'Expired' : 'Active';
    assert.equal(field('Status'), word, 'the Status field says what the badge says');
    assert.equal(v.stateLabel, word);
    assert.equal(field('User ID'), t.userId);
    assert.equal(field('Client ID'), clientId);
    assert.equal(field('Issuer'), t.issuer);
    const expires = v.fields.find((f) => f.label === 'Expires');
    assert.equal(expires?.title, t.expiresAt, 'the exact expiry is not on hover');
    assert.doesNotMatch(expires?.value ?? '', /\d{4}-\d\d-\d\dT/, 'Expires shows a raw ISO date');
    assert.ok(expires?.note, 'Expires has no relative time');
    assert.ok(field('Created'));
    assert.deepEqual(
      v.tables[0].rows.map((r) => r[0]),
      t._embedded.scopes.map((s) => s.name),
    );
    const rels = v.links?.items.map((l) => l.rel) ?? [];
    for (const rel of ['self', 'user', 'client', 'authorizationServer'])
      assert.ok(rels.includes(rel), `links lack ${rel}: ${rels.join(', ')}`);
    // The panel leads to the token's user and client, and names the user beside the id.
    const core = ['revoke', 'openUser', 'openClient', 'copyId', 'copyQuery', 'refresh'];
    assert.deepEqual(
      v.actions.map((a) => a.id).filter((a) => core.includes(a)),
      core,
    );
    const user = (org.em.org.getToken(serverId, clientId, tokenId) as { _links: { user: { title: string } } })
      ._links.user.title;
    assert.equal(field('User'), user);
  });

  it('keeps API markup as data and serves a strict CSP with a fresh nonce', async () => {
    const p = api.panels().find((x) => x.ids.kind === 'token' && x.ids.connectionId === id)!;
    if (markupScope) {
      const desc = p.view!.tables[0].rows.find((r) => r[0] === markupScope)?.[2];
      assert.equal(
        desc,
        MARKUP_DESCRIPTION,
        'the description must reach the page verbatim, to be rendered as text',
      );
    }
    assert.ok(!p.html.includes('alert('), 'API data must never be part of the HTML shell');
    const csp = /Content-Security-Policy" content="([^"]+)"/.exec(p.html)?.[1].replace(/&#39;/g, "'") ?? '';
    assert.match(csp, /^default-src 'none'/);
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce && nonce.length >= 32, 'no strong nonce in the CSP');
    assert.ok(p.html.includes(`<script nonce="${nonce}"`));
    assert.equal((p.html.match(/<script/g) ?? []).length, 1);
  });

  it('reveals the open panel instead of opening a second one for the same token', async () => {
    const before = api.panels().length;
    const row = (await tokenRows(api, id, serverId, clientId)).find((r) => tokenIdOf(r) === tokenId)!;
    await vscode.commands.executeCommand('oktaTokenExplorer.openToken', row.node);
    assert.equal(api.panels().length, before);
  });

  it('opens a client panel with its tokens as a table', async () => {
    const c = await clientRow(api, id, serverId, clientId);
    const ids = await vscode.commands.executeCommand<PanelIds>('oktaTokenExplorer.openClient', c.node);
    const p = await panelFor(ids);
    const expected = org.em.org.listTokens(serverId, clientId).map((t) => t.id as string);
    assert.deepEqual(
      p.view!.tables[0].rows.map((r) => r[0]),
      expected,
    );
    assert.deepEqual(p.view!.tables[0].rowKeys, expected);
    assert.ok(p.view!.actions.some((a) => a.id === 'revokeAll' && a.destructive));
  });

  it('opens an authorization server panel with its metadata and scopes', async () => {
    const s = await serverRow(api, id, serverId);
    const ids = await vscode.commands.executeCommand<PanelIds>('oktaTokenExplorer.openServer', s.node);
    const p = await panelFor(ids);
    const server = org.em.org.getServer(serverId) as { name: string; issuer: string; audiences: string[] };
    const field = (label: string) => p.view!.fields.find((f) => f.label === label)?.value;
    assert.equal(field('Name'), server.name);
    assert.equal(field('Issuer'), server.issuer);
    assert.equal(field('Audiences'), server.audiences.join(', '));
    assert.deepEqual(
      p.view!.tables[0].rows.map((r) => r[0]),
      org.em.org.scopes(serverId).map((x) => x.name),
    );
  });
});
