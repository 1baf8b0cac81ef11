/// <reference types="mocha" />
// Watch Tokens, Show Timeline and Why It Expires in the real extension host, against a private emulator
// org: a watch on a client shows a token revoked through the Management API while it runs as revoked
// by an admin and exports what it saw; a token's timeline lists its sign-in (matched by its expiry) and
// that revoke with outcome, client, user, IP and transaction; "why it expires" names the policy and rule,
// the lifetimes and the deadlines.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  addConnection,
  explorerApi,
  removeConnectionQuietly,
  setSetting,
  startOrg,
  type Org,
} from './explorer/fixture';
import { clientRow, tokenIdOf, tokenRows } from './explorer/orgTree';
import { waitFor } from './helpers';
import type { OktaTokenExplorerTestApi } from '../../../src/extension/testApi';
import type { PanelIds } from '../../../src/extension/panels/protocol';

describe('watch, timeline and why it expires', function () {
  let api: OktaTokenExplorerTestApi;
  let org: Org;
  let id: string;
  let serverId: string;
  let clientId: string;
  let tokenId: string;
  const dir = mkdtempSync(join(tmpdir(), 'okta-watch-'));

  before(async () => {
    api = await explorerApi();
    org = await startOrg('tiny');
    id = await addConnection(org, 'Watch suite org');
    await setSetting('watch.intervalSeconds', 0.5);
    outer: for (const s of org.em.org.servers())
      for (const c of org.em.org.clients(s.id))
        for (const t of org.em.org.listTokens(s.id, c.clientId))
          if (t.status === 'ACTIVE' && Date.parse(t.expiresAt as string) > Date.now()) {
            serverId = s.id;
            clientId = c.clientId;
            tokenId = t.id as string;
            break outer;
          }
    assert.ok(tokenId, 'the org has an ACTIVE token');
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setSetting('watch.intervalSeconds', undefined);
    await removeConnectionQuietly(api, id);
    await org.em.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a watch on a client shows a revoke made while it runs as revoked by an admin, and exports it', async () => {
    const client = await clientRow(api, id, serverId, clientId);
    await vscode.commands.executeCommand('oktaTokenExplorer.watchTokens', client.node);
    const w = await waitFor('the watch to start', () =>
      api.watches().find((x) => x.events.some((e) => e.type === 'started')),
    );
    assert.match(w.state.title, /^Watch: /);
    // Half a second asked; at 10 % of the emulator's 600 a minute, two requests a poll allow one every 2 s.
    assert.match(w.state.status, /Polls every [\d.]+ s \(stretched from 0\.5 s to stay within its share\)/);
    assert.match(w.state.status, /uses at most 10 % of the rate limit/);
    const res = await fetch(
      `${org.url}/api/v1/authorizationServers/${serverId}/clients/${clientId}/tokens/${tokenId}`,
      { method: 'DELETE', headers: { authorization: `SSWS ${org.token}` } },
    );
    assert.equal(res.status, 204);
    const seen = await waitFor(
      'the revoke in the watch',
      () => {
        const x = api.watches()[0];
        return x?.state.rows.find((r) => r.title.includes(tokenId)) ? x : undefined;
      },
      30_000,
    );
    const row = seen.state.rows.find((r) => r.title.includes(tokenId))!;
    assert.equal(row.title, `Revoked ${tokenId} by an admin (Management API)`);
    assert.match(row.detail, /System Log: app\.oauth2\.as\.token\.revoke/);
    assert.ok(
      seen.state.rows.some((r) => r.title === 'Revoked by an admin (Management API)'),
      'the log event too',
    );
    assert.equal(seen.state.chains.length, 1, 'the chain of the revoked token');
    const file = join(dir, 'watch.json');
    assert.equal(await seen.exportJson(file), file);
    const exported = JSON.parse(readFileSync(file, 'utf8')) as { events: { type: string; cause?: string }[] };
    assert.ok(exported.events.some((e) => e.type === 'token-revoked' && e.cause === 'admin'));
    assert.ok(!readFileSync(file, 'utf8').includes(org.token), 'no API token in the export');
    // Opening it again reveals the same watch.
    await vscode.commands.executeCommand('oktaTokenExplorer.watchTokens', client.node);
    assert.equal(api.watches().length, 1);
  });

  it("a token's timeline (the token panel's button) lists its sign-in and the revoke, with who, where and which transaction", async () => {
    const rowOf = (await tokenRows(api, id, serverId, clientId)).find((r) => tokenIdOf(r) === tokenId)!;
    const ids = await vscode.commands.executeCommand<PanelIds>('oktaTokenExplorer.openToken', rowOf.node);
    await waitFor('the token panel', () => api.panels().find((p) => p.view && p.ids.kind === 'token'));
    const panel = api.panels().find((p) => p.ids.kind === 'token')!;
    assert.ok(panel.view!.actions.some((a) => a.id === 'timeline' && a.label === 'Show Timeline'));
    assert.ok(panel.view!.actions.some((a) => a.id === 'whyExpires' && a.label === 'Why It Expires'));
    await vscode.commands.executeCommand('oktaTokenExplorer.showTimeline', ids);
    const r = await waitFor(
      'the timeline',
      () => api.reports().find((x) => x.view && x.key.startsWith('timeline/token/')),
      30_000,
    );
    const table = r.view!.tables[0]!;
    const col = (name: string) => table.columns.indexOf(name);
    const revoke = table.rows.find((x) => x[col('What happened')] === 'Revoked by an admin (Management API)');
    assert.ok(revoke, JSON.stringify(table.rows));
    assert.equal(revoke[col('Outcome')], 'SUCCESS');
    assert.match(revoke[col('Client')]!, new RegExp(clientId));
    assert.ok(revoke[col('IP')], 'an IP');
    assert.ok(revoke[col('Transaction')], 'a transaction id');
    const signIn = table.rows.find((x) => x[col('What happened')] === 'Token granted (sign-in)');
    assert.ok(signIn, 'its sign-in');
    assert.equal(signIn[col('Matched by')], 'expiry');
    assert.match(r.view!.subtitle!, /do not name refresh-token ids/);
  });

  it('why it expires names the policy and rule, the lifetimes, rotation and the first deadline', async () => {
    const rowOf = (await tokenRows(api, id, serverId, clientId)).find((r) => tokenIdOf(r) === tokenId)!;
    await vscode.commands.executeCommand('oktaTokenExplorer.explainExpiry', rowOf.node);
    const r = await waitFor(
      'why it expires',
      () => api.reports().find((x) => (x.view || x.error) && x.key.startsWith('expiry/')),
      30_000,
    );
    assert.equal(r.error, undefined);
    const v = r.view!;
    const field = (label: string) => v.fields.find((f) => f.label === label);
    assert.match(v.subtitle!, /^Rule ".+" of policy ".+" sets its lifetime\.$/);
    assert.ok(field('Ends first'), 'the first deadline');
    assert.ok(field('Refresh token lifetime'));
    assert.ok(field('Idle window'));
    assert.ok(field('Access token lifetime'));
    assert.match(field('Rotation')!.value, /^(Rotate|Static)/);
    const rules = v.tables.find((t) => t.caption.startsWith('Policies and rules'))!;
    assert.ok(rules.rows.some((x) => x[3] === 'matches'));
  });
});
