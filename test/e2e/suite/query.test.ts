/// <reference types="mocha" />
// Queries as code in the real extension host: open the seed's SELECT (verbatim) in a .iql file, see
// StackQL's "missing required parameters" diagnostic from the language server, apply the quick fix
// (filled from ids the tree loaded), Run it, compare the rows with the org, and export them as CSV.
// A single-token DELETE run from the editor asks the same modal as the tree (answered here by the
// scripted prompter): dismissed, nothing is sent; confirmed, the org's token is REVOKED.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import {
  addConnection,
  explorerApi,
  removeConnectionQuietly,
  runFileByLens,
  ScriptedPrompter,
  startOrg,
  type Org,
  withPrompter,
} from './explorer/fixture';
import { tokenIdOf, tokenRows } from './explorer/orgTree';
import { hoverTextAt, waitFor } from './helpers';
import type { OktaTokenExplorerTestApi } from '../../../src/extension/testApi';
import type { ResultPayload } from '../../../src/extension/query/resultsProtocol';
import { SEED_SELECT } from '../../unit/query/helpers';

describe('queries as code (.iql)', function () {
  this.timeout(120_000);
  let api: OktaTokenExplorerTestApi;
  let org: Org;
  let id: string;
  let serverId: string;
  let clientId: string;
  const name = 'Query suite org';
  const dir = mkdtempSync(join(tmpdir(), 'iql-e2e-'));

  before(async () => {
    api = await explorerApi();
    org = await startOrg('tiny');
    id = await addConnection(org, name);
    serverId = org.em.org.servers()[0]!.id;
    clientId = org.em.org.clients(serverId)[0]!.clientId;
    // Expand the tree down to the client's tokens, as a user would, so its ids are cached.
    await tokenRows(api, id, serverId, clientId);
  });
  /** The org URL as the connection saved it (what the modal shows). */
  const orgUrl = () => api.connections().find((c) => c.id === id)!.orgUrl;
  after(async () => {
    api.setPrompter(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeConnectionQuietly(api, id);
    await org.em.close();
  });

  it('shows the seed diagnostic, fixes it with cached ids, runs it and exports the grid', async () => {
    const file = join(dir, 'seed.iql');
    writeFileSync(file, `-- connection: ${name}\n${SEED_SELECT}\n`);
    const uri = vscode.Uri.file(file);
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.languageId, 'stackql');
    await vscode.window.showTextDocument(doc);
    const miss = await waitFor(
      'the missing-parameters diagnostic',
      () =>
        vscode.languages
          .getDiagnostics(uri)
          .find(
            (d) =>
              d.message ===
              'query cannot be executed, missing required parameters: { authServerId, clientId }',
          ),
      30_000,
    );
    assert.equal(miss.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(doc.getText(miss.range).slice(0, 5), 'WHERE');

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      miss.range,
    );
    const fix = actions.find(
      (a) =>
        a.title.startsWith('Add missing parameters:') &&
        a.title.includes(`authServerId = ${serverId}`) &&
        a.title.includes(`clientId = ${clientId}`),
    );
    assert.ok(
      fix?.edit,
      `no quick fix filled from the tree; offered: ${actions.map((a) => a.title).join(' | ')}`,
    );
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(doc.getText(), new RegExp(`AND authServerId = '${serverId}' AND clientId = '${clientId}';`));

    // Fill the seed's template placeholders the way a user would edit them.
    const edit = new vscode.WorkspaceEdit();
    const text = doc.getText();
    for (const [ph, v] of [
      ["'{{ subdomain }}'", "'acme'"],
      ["'{{ expand }}'", "'scope'"],
      ["'{{ limit }}'", '200'],
    ] as const) {
      const at = text.indexOf(ph);
      edit.replace(uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + ph.length)), v);
    }
    const after = text.indexOf("AND after = '{{ after }}'");
    edit.delete(
      uri,
      new vscode.Range(doc.positionAt(after), doc.positionAt(after + "AND after = '{{ after }}'\n".length)),
    );
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor(
      'diagnostics to clear',
      () =>
        vscode.languages.getDiagnostics(uri).filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning)
          .length === 0,
      30_000,
    );

    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      uri,
    );
    assert.deepEqual(
      lenses.map((l) => l.command?.title),
      ['▶ Run'],
    );
    const results = await vscode.commands.executeCommand<ResultPayload[]>(
      lenses[0]!.command!.command,
      ...(lenses[0]!.command!.arguments ?? []),
    );
    assert.equal(results.length, 1);
    const r = results[0]!;
    assert.equal(r.error, undefined, r.error);
    assert.equal(r.connection, name);
    assert.equal(r.method, 'list_refresh_tokens_for_authorization_server_and_client');
    const expected = (org.em.org.listTokens(serverId, clientId) as { id: string }[]).map((t) => t.id).sort();
    assert.deepEqual(r.rows.map((x) => x.id).sort(), expected);
    assert.ok(r.pagesFetched >= 1 && r.pageCap === 20);
    await waitFor('the results panel tab', () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .find(
          (t) =>
            t.input instanceof vscode.TabInputWebview &&
            t.input.viewType.endsWith('oktaTokenExplorer.queryResults'),
        ),
    );

    const csv = join(dir, 'out.csv');
    assert.equal(await api.exportLast('csv', csv), csv);
    const lines = readFileSync(csv, 'utf8').trim().split('\r\n');
    assert.equal(
      lines[0],
      'id,_embedded,_links,clientId,created,expiresAt,issuer,lastUpdated,scopes,status,userId',
    );
    assert.equal(lines.length, expected.length + 1);
  });

  /** Opens a .iql file, waits until it is clean, and runs it through its "Run" code lens. */
  const runFile = (fileName: string, text: string) => runFileByLens(join(dir, fileName), text);

  describe('DELETE of one token from the editor', () => {
    const tokenStatus = (tokenId: string) =>
      (org.em.org.getToken(serverId, clientId, tokenId) as { status: string }).status;
    const revokeCalls = () =>
      Object.entries(org.em.stats().byRoute)
        .filter(([k]) => k.startsWith('DELETE '))
        .reduce((n, [, v]) => n + v, 0);
    const deleteSql = (tokenId: string) =>
      `-- connection: ${name}\nDELETE FROM okta.authorizationservers.refresh_tokens\nWHERE subdomain = 'acme' AND authServerId = '${serverId}' AND clientId = '${clientId}' AND tokenId = '${tokenId}';\n`;
    let active: string[];
    before(() => {
      active = (org.em.org.listTokens(serverId, clientId) as { id: string; status: string }[])
        .filter((t) => t.status === 'ACTIVE')
        .map((t) => t.id);
      // Two tests leave the first ACTIVE token alone; the last one revokes it.
      assert.ok(active.length >= 1, 'the tiny org should hold an ACTIVE token for the first client');
    });

    it('a dismissed confirmation sends no DELETE and the token stays ACTIVE', async () => {
      const tokenId = active[0]!;
      const before = revokeCalls();
      const p = new ScriptedPrompter().answer(undefined);
      const results = await withPrompter(api, p, () => runFile('delete-dismissed.iql', deleteSql(tokenId)));
      assert.equal(p.asked.length, 1, JSON.stringify(p.asked));
      assert.equal(p.asked[0]!.kind, 'modal');
      const clientName = org.em.org.clients(serverId)[0]!.name;
      // The file's "-- connection:" line picked the org: the modal names the connection and its URL.
      assert.equal(
        p.asked[0]!.text,
        `Revoke 1 refresh token of "${clientName}" on connection "${name}" (${orgUrl()})?`,
      );
      assert.equal(results.length, 1);
      assert.equal(results[0]!.error, 'Cancelled: nothing was revoked.');
      assert.equal(results[0]!.revokes, undefined);
      assert.equal(revokeCalls(), before, 'no DELETE reached the org');
      assert.equal(tokenStatus(tokenId), 'ACTIVE');
    });

    it('"Keep Tokens" revokes nothing either', async () => {
      const tokenId = active[0]!;
      const p = new ScriptedPrompter().answer('Keep Tokens');
      await withPrompter(api, p, async () => {
        const [r] = await runFile('delete-kept.iql', deleteSql(tokenId));
        assert.equal(r!.error, 'Cancelled: nothing was revoked.');
      });
      assert.equal(p.asked.length, 1);
      assert.equal(tokenStatus(tokenId), 'ACTIVE');
    });

    it('confirmed with "Revoke", the org revokes exactly that token', async () => {
      const tokenId = active[0]!;
      const statuses = () =>
        (org.em.org.listTokens(serverId, clientId) as { id: string; status: string }[]).map(
          (t) => `${t.id}:${t.status}`,
        );
      const before = statuses();
      const countsBefore = org.em.org.counts(serverId, clientId);
      const p = new ScriptedPrompter().answer('Revoke');
      const results = await withPrompter(api, p, () => runFile('delete-confirmed.iql', deleteSql(tokenId)));
      assert.equal(p.asked.length, 1);
      const r = results[0]!;
      assert.equal(r.error, undefined, r.error);
      assert.equal(r.method, 'revoke_refresh_token_for_authorization_server_and_client');
      assert.deepEqual(
        r.revokes?.map((x) => [x.tokenId, x.outcome]),
        [[tokenId, 'revoked']],
      );
      assert.equal(tokenStatus(tokenId), 'REVOKED');
      // Every other token of the client is as it was.
      assert.deepEqual(
        statuses(),
        before.map((x) => (x === `${tokenId}:ACTIVE` ? `${tokenId}:REVOKED` : x)),
      );
      const countsAfter = org.em.org.counts(serverId, clientId);
      assert.equal(countsAfter.revoked, countsBefore.revoked + 1);
      // The tree (loaded before the run, not reloaded since) shows the token as revoked too.
      const row = (await tokenRows(api, id, serverId, clientId)).find((x) => tokenIdOf(x) === tokenId);
      assert.equal(row?.contextValue, 'oktaToken.revoked');
    });
  });

  describe('DELETE of all tokens of a client from the editor', () => {
    let client2: { clientId: string; name: string };
    const bulkSql = () =>
      `-- connection: ${name}\nDELETE FROM okta.authorizationservers.refresh_tokens\nWHERE subdomain = 'acme' AND authServerId = '${serverId}' AND clientId = '${client2.clientId}';\n`;
    before(async () => {
      client2 = org.em.org.clients(serverId)[1]!;
      assert.ok(org.em.org.counts(serverId, client2.clientId).active > 0, 'the second client holds tokens');
      await tokenRows(api, id, serverId, client2.clientId);
    });

    it('asks "Revoke ALL" with the typed-name step; dismissing the name revokes nothing', async () => {
      const before = org.em.org.counts(serverId, client2.clientId);
      const p = new ScriptedPrompter().answer('Revoke All', undefined);
      const results = await withPrompter(api, p, () => runFile('delete-all-dismissed.iql', bulkSql()));
      assert.equal(p.asked[0]!.kind, 'modal');
      assert.equal(
        p.asked[0]!.text,
        `Revoke ALL refresh tokens of "${client2.name}" on connection "${name}" (${orgUrl()})?`,
      );
      // How many tokens Okta lists for the client right now, not only how many the tree loaded.
      const listed = before.active + before.expired;
      assert.match(
        p.asked[0]!.detail ?? '',
        new RegExp(`Okta lists ${listed} refresh tokens of this client`),
      );
      assert.equal(p.asked[1]?.kind, 'input', 'revoke-all asks to type the client name');
      assert.equal(results[0]!.error, 'Cancelled: nothing was revoked.');
      assert.deepEqual(org.em.org.counts(serverId, client2.clientId), before);
    });

    it('confirmed with the typed name, every token is revoked and the tree shows it', async () => {
      const p = new ScriptedPrompter().answer('Revoke All', client2.name);
      const results = await withPrompter(api, p, () => runFile('delete-all-confirmed.iql', bulkSql()));
      const r = results[0]!;
      assert.equal(r.error, undefined, r.error);
      assert.equal(r.method, 'revoke_refresh_tokens_for_authorization_server_and_client');
      const counts = org.em.org.counts(serverId, client2.clientId);
      assert.equal(counts.active + counts.expired, 0, JSON.stringify(counts));
      const rows = await tokenRows(api, id, serverId, client2.clientId);
      assert.ok(rows.length > 0 && rows.every((x) => x.contextValue === 'oktaToken.revoked'));
    });
  });

  describe('DELETE through the user and app paths from the editor', () => {
    type Tok = { id: string; status: string; userId: string };
    // A client other than the ones the tests above revoked from, holding two ACTIVE tokens, on any server.
    let c: { server: string; clientId: string; name: string };
    const tokens = () => org.em.org.listTokens(c.server, c.clientId) as Tok[];
    const rowStatus = async () =>
      new Map((await tokenRows(api, id, c.server, c.clientId)).map((x) => [tokenIdOf(x), x.contextValue]));
    before(async () => {
      const used = new Set([clientId, org.em.org.clients(serverId)[1]!.clientId]);
      const found = org.em.org
        .servers()
        .flatMap((s) => org.em.org.clients(s.id).map((x) => ({ server: s.id, ...x })))
        .find((x) => !used.has(x.clientId) && org.em.org.counts(x.server, x.clientId).active >= 2);
      assert.ok(found, 'the tiny org should have another client with two ACTIVE tokens');
      c = found;
      await rowStatus();
    });

    it('an app’s token revoked by its app id: the modal names the client, the server’s tree row shows it revoked', async () => {
      const t = tokens().find((x) => x.status === 'ACTIVE')!;
      const p = new ScriptedPrompter().answer('Revoke');
      const sql = `-- connection: ${name}\nDELETE FROM okta.apps.tokens\nWHERE subdomain = 'acme' AND appId = '${c.clientId}' AND tokenId = '${t.id}';\n`;
      const [r] = await withPrompter(api, p, () => runFile('delete-app-token.iql', sql));
      assert.equal(r!.error, undefined, r!.error);
      assert.equal(
        p.asked[0]!.text,
        `Revoke 1 refresh token of "${c.name}" on connection "${name}" (${orgUrl()})?`,
      );
      assert.deepEqual(
        r!.revokes?.map((x) => [x.tokenId, x.outcome]),
        [[t.id, 'revoked']],
      );
      assert.equal((org.em.org.getToken(c.server, c.clientId, t.id) as Tok).status, 'REVOKED');
      assert.equal((await rowStatus()).get(t.id), 'oktaToken.revoked');
    });

    it('all of a user’s tokens for a client revoked through the user path: only that user’s rows under the server show revoked', async () => {
      const t = tokens().find((x) => x.status === 'ACTIVE')!;
      const mine = new Set(
        tokens()
          .filter((x) => x.userId === t.userId)
          .map((x) => x.id),
      );
      const others = new Map(
        tokens()
          .filter((x) => !mine.has(x.id))
          .map((x) => [x.id, x.status]),
      );
      const before = await rowStatus();
      const p = new ScriptedPrompter().answer('Revoke All', c.name);
      const sql = `-- connection: ${name}\nDELETE FROM okta.users.oauth_tokens\nWHERE subdomain = 'acme' AND userId = '${t.userId}' AND clientId = '${c.clientId}';\n`;
      const [r] = await withPrompter(api, p, () => runFile('delete-user-tokens.iql', sql));
      assert.equal(r!.error, undefined, r!.error);
      assert.match(p.asked[0]!.text ?? '', new RegExp(`"${c.name}"`));
      for (const x of tokens()) {
        if (mine.has(x.id)) assert.equal(x.status, 'REVOKED', `${x.id} of the user`);
        else assert.equal(x.status, others.get(x.id), `${x.id} of another user changed`);
      }
      const after = await rowStatus();
      for (const [tid, v] of after) {
        if (mine.has(tid))
          assert.equal(v, 'oktaToken.revoked', `the tree still shows ${tid} of the user as ${v}`);
        else assert.equal(v, before.get(tid), `the tree changed ${tid} of another user`);
      }
    });
  });

  it('a list that breaks off mid-way shows the rows that arrived under the error, and they export', async () => {
    const all = (org.em.org.listTokens(serverId, clientId) as { id: string }[]).map((t) => t.id);
    assert.ok(all.length > 2, 'the client needs more than one page of two tokens');
    const file = join(dir, 'broken.iql');
    writeFileSync(
      file,
      `-- connection: ${name}\nSELECT id, status FROM okta.authorizationservers.refresh_tokens\n` +
        `WHERE subdomain = 'acme' AND authServerId = '${serverId}' AND clientId = '${clientId}' AND limit = '2';\n`,
    );
    const uri = vscode.Uri.file(file);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const lenses = await waitFor('a Run lens', async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        uri,
      );
      return l.length ? l : undefined;
    });
    // The first page is answered; every later request (retries included) has its connection reset.
    const fault = org.em.faults.add({
      kind: 'reset',
      after: 'request',
      method: 'GET',
      path: `/api/v1/authorizationServers/${serverId}/clients/${clientId}/tokens`,
      skip: 1,
      count: Infinity,
    });
    let results: ResultPayload[];
    try {
      results = await vscode.commands.executeCommand<ResultPayload[]>(
        lenses[0]!.command!.command,
        ...(lenses[0]!.command!.arguments ?? []),
      );
    } finally {
      org.em.faults.remove(fault);
    }
    const r = results[0]!;
    assert.match(r.error ?? '', /broke off after 1 page/);
    assert.match(r.error ?? '', /after = '[^']+'/, 'the error says how to fetch the rest');
    assert.deepEqual(
      r.rows.map((x) => x.id),
      all.slice(0, 2),
    );
    const csv = join(dir, 'partial.csv');
    assert.equal(await api.exportLast('csv', csv), csv);
    assert.equal(
      readFileSync(csv, 'utf8').trim().split('\r\n').length,
      3,
      'header and the two rows that arrived',
    );
  });

  it('asks for a {{ placeholder }} by its name, runs and shows the statement with the value, and suggests a named export file', async () => {
    const expected = (org.em.org.listTokens(serverId, clientId) as { id: string }[]).map((t) => t.id).sort();
    const p = new ScriptedPrompter().answer(clientId);
    const results = await withPrompter(api, p, () =>
      runFile(
        'placeholder.iql',
        `-- connection: ${name}\nSELECT id FROM okta.authorizationservers.refresh_tokens\n` +
          `WHERE subdomain = 'acme' AND authServerId = '${serverId}' AND clientId = '{{ client }}';\n`,
      ),
    );
    // The box names the placeholder (it used to read "Value for {{ {0} }}").
    assert.deepEqual(
      p.asked.map((a) => [a.kind, a.title, a.text]),
      [['input', 'Value for {{ client }}', 'The statement uses the placeholder {{ client }}.']],
    );
    assert.equal(results[0]!.error, undefined, results[0]!.error);
    assert.deepEqual(results[0]!.rows.map((x) => x.id).sort(), expected);
    // The results show the statement as it ran: with the value, not the placeholder.
    assert.match(results[0]!.statement, new RegExp(`clientId = '${clientId}';`));
    assert.ok(!results[0]!.statement.includes('{{'), results[0]!.statement);

    // Export without a target goes through the save dialog, which opens on a named file, not a bare folder.
    const target = join(dir, 'chosen.json');
    const save = new ScriptedPrompter().answer(target);
    await withPrompter(api, save, async () => {
      assert.equal(await api.exportLast('json'), target);
    });
    assert.equal(save.asked.length, 1);
    assert.equal(save.asked[0]!.kind, 'saveFile');
    assert.match(basename(save.asked[0]!.text), /^refresh_tokens-\d{4}-\d{2}-\d{2}\.json$/);
    assert.deepEqual(
      (JSON.parse(readFileSync(target, 'utf8')) as { id: string }[]).map((x) => x.id).sort(),
      expected,
    );
  });

  it('a second run offers the values given before, selected, for that document only; an unfilled after cursor is neither asked nor sent', async () => {
    const expected = (org.em.org.listTokens(serverId, clientId) as { id: string }[]).map((t) => t.id).sort();
    const file = join(dir, 'remembered.iql');
    const sql =
      `-- connection: ${name}\nSELECT id FROM okta.authorizationservers.refresh_tokens\n` +
      `WHERE subdomain = 'acme' AND authServerId = '{{ server }}' AND clientId = '{{ client }}'\n` +
      `  AND after = '{{ after }}';\n`;
    const boxes = (p: ScriptedPrompter) => p.asked.map((a) => [a.kind, a.title, a.value, a.selection]);

    // First run: empty boxes for the two ids; after is not asked, and the list starts at its first page.
    const first = new ScriptedPrompter().answer(serverId, clientId);
    const r1 = await withPrompter(api, first, () => runFileByLens(file, sql));
    assert.deepEqual(boxes(first), [
      ['input', 'Value for {{ server }}', '', [0, 0]],
      ['input', 'Value for {{ client }}', '', [0, 0]],
    ]);
    assert.equal(r1[0]!.error, undefined, r1[0]!.error);
    assert.deepEqual(r1[0]!.rows.map((x) => x.id).sort(), expected);

    // Second run of the same document: each box holds the value given before, all of it selected (so
    // typing replaces it); Enter on each runs the same query again.
    const second = new ScriptedPrompter().answer(
      ([v]) => v,
      ([v]) => v,
    );
    const r2 = await withPrompter(api, second, () => runFileByLens(file, sql));
    assert.deepEqual(boxes(second), [
      ['input', 'Value for {{ server }}', serverId, [0, serverId.length]],
      ['input', 'Value for {{ client }}', clientId, [0, clientId.length]],
    ]);
    assert.equal(r2[0]!.error, undefined, r2[0]!.error);
    assert.deepEqual(r2[0]!.rows.map((x) => x.id).sort(), expected);

    // Another document with the same placeholder name starts empty: values belong to their document.
    const other = new ScriptedPrompter().answer(undefined);
    await withPrompter(api, other, () => runFileByLens(join(dir, 'remembered-other.iql'), sql));
    assert.deepEqual(boxes(other), [['input', 'Value for {{ server }}', '', [0, 0]]]);

    // The editor's warnings advise the editor's way (asked at run; after left out), not the CLI's --var.
    // Shown again first: VS Code pulls diagnostics for files open in an editor, and drops a file's
    // when its tab closes (the other document took its place).
    const uri = vscode.Uri.file(file);
    await vscode.window.showTextDocument(uri);
    const messages = await waitFor('the unfilled-placeholder warnings', () => {
      const m = vscode.languages
        .getDiagnostics(uri)
        .filter((d) => d.code === 'unfilled-placeholder')
        .map((d) => d.message);
      return m.length === 3 ? m : undefined;
    });
    assert.deepEqual(messages, [
      'unfilled placeholder {{ server }}: its value is asked when the statement runs (or replace it with a value)',
      'unfilled placeholder {{ client }}: its value is asked when the statement runs (or replace it with a value)',
      'unfilled placeholder {{ after }}: after is a paging cursor, left out when the statement runs (write one here to continue a list)',
    ]);
  });

  it('hovering a client id shows the client name the tree loaded', async () => {
    const clientName = org.em.org.clients(serverId)[0]!.name;
    const doc = await vscode.workspace.openTextDocument({
      language: 'stackql',
      content: `SELECT id FROM okta.authorizationservers.refresh_tokens WHERE subdomain = 'acme' AND authServerId = '${serverId}' AND clientId = '${clientId}';`,
    });
    await vscode.window.showTextDocument(doc);
    const pos = doc.positionAt(doc.getText().indexOf(clientId) + 3);
    const text = await hoverTextAt(doc, pos, clientName, 'a hover naming the client');
    assert.match(text, new RegExp(`clientId\\*\\* \`${clientId}\` — client \\*\\*`));
  });

  it('completes resources and cached client ids in a new .iql document', async () => {
    const doc = await vscode.workspace.openTextDocument({
      language: 'stackql',
      content: `SELECT * FROM okta.authorizationservers.refresh_tokens WHERE authServerId = '${serverId}' AND clientId = '' `,
    });
    await vscode.window.showTextDocument(doc);
    const pos = doc.positionAt(doc.getText().lastIndexOf("''") + 1);
    const list = await waitFor('completion with cached client ids', async () => {
      const l = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        doc.uri,
        pos,
      );
      return l.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label) === clientId)
        ? l
        : undefined;
    });
    assert.ok(list.items.length >= 1);
  });
});
