// Journey: queries as code, as a person does it in code-server. Expand the demo org down to a client
// (so the tree has loaded ids), type the seed page's SELECT into a new .iql editor, read StackQL's
// "missing required parameters" problem in the Problems view, apply the quick fix with Ctrl+., click
// the "▶ Run" code lens, fill the template placeholders when asked, and read the rows in the results grid.
import assert from 'node:assert/strict';
import { defineJourney } from '../lib/journey';
import { SEED_SELECT } from '../../unit/query/helpers';

export default defineJourney({
  title: 'queries: the seed query’s problem, its quick fix, Run, and the results grid',
  timeoutMs: 240_000,
  async run(wb, ctx) {
    const org = ctx.emulator.org;
    const server = org.servers()[0]!;
    const client = org.clients(server.id)[0]!;
    await wb.ready();
    await wb.openView('Okta Tokens');
    await wb.expand(ctx.connectionName, 60_000);
    await wb.expand(server.name);
    await wb.expand(client.name);

    // A new .iql editor with the seed query, verbatim, under a line naming the demo connection.
    await wb.runCommand('Create: New File...');
    await wb.pick(/Text File/);
    await wb.runCommand('Change Language Mode');
    await wb.answerInput('stackql');
    const editor = wb.page.locator('.monaco-editor .view-lines').first();
    await editor.click();
    await wb.page.keyboard.insertText(`-- connection: ${ctx.connectionName}\n${SEED_SELECT}`);

    await wb.runCommand('View: Focus Problems');
    const problem = wb.page
      .locator('.markers-panel .monaco-list-row')
      .filter({ hasText: 'missing required parameters: { authServerId, clientId }' })
      .first();
    await problem.waitFor({ state: 'visible', timeout: 30_000 });
    await wb.screenshot('1-problems');

    // Quick fix from the problem's line: the first offer is filled from ids the tree loaded.
    // The fixes come from the language server's code-action request, which can take a moment on a cold
    // machine; ask again (as a person would) if the menu has not shown yet.
    const fix = wb.page.getByText(/Add missing parameters: authServerId =/).first();
    for (let attempt = 1; ; attempt++) {
      await problem.click();
      await wb.page.keyboard.press('Control+.');
      try {
        await fix.waitFor({ state: 'visible', timeout: 8_000 });
        break;
      } catch (e) {
        if (attempt === 3) throw e;
        await wb.page.keyboard.press('Escape');
      }
    }
    const fixTitle = (await fix.innerText()).trim();
    // The first offer is already highlighted; Enter applies it (a click on the label can be swallowed).
    await fix.hover();
    await wb.page.keyboard.press('Enter');
    await wb.page
      .locator('.markers-panel .monaco-list-row')
      .filter({ hasText: 'missing required parameters' })
      .waitFor({ state: 'detached', timeout: 15_000 });
    await wb.screenshot('2-fixed');
    // Back to the top of the editor, where the statement's code lens sits.
    await editor.click();
    await wb.page.keyboard.press('Control+Home');

    const lens = wb.page
      .locator('.contentWidgets .codelens-decoration a, .codelens-decoration a')
      .filter({ hasText: 'Run' })
      .first();
    await lens.waitFor({ state: 'visible', timeout: 30_000 });
    await lens.click();
    // The seed's {{ subdomain }}, {{ expand }}, {{ after }}, {{ limit }} placeholders are asked for in turn.
    for (const v of ['demo', 'scope', '', '200']) await wb.answerInput(v);

    const view = wb.webview();
    const meta = view.locator('p.meta').first();
    await meta.waitFor({ timeout: 60_000 });
    const metaText = (await meta.innerText()).trim();
    const rows = view.locator('table.grid tbody tr');
    const n = await rows.count();
    await wb.screenshot('3-results');
    assert.match(metaText, /list_refresh_tokens_for_authorization_server_and_client/);
    assert.match(metaText, /page(s)? fetched \(cap 20\)/);
    assert.ok(n > 0, `the grid shows no rows (${metaText}); fix was "${fixTitle}"`);
    assert.match(metaText, new RegExp(`^${n} rows?`));
    // Every row is a real token of the org: its id is in the server/client the fix named.
    const m = /authServerId = (\S+) .*clientId = (\S+)/.exec(fixTitle)!;
    const expected = (org.listTokens(m[1]!.replace(/,$/, ''), m[2]!.replace(/,$/, '')) as { id: string }[])
      .map((t) => t.id)
      .sort();
    const shown = (await rows.locator('td:first-child').allInnerTexts()).map((s) => s.trim()).sort();
    assert.deepEqual(shown, expected);
  },
});
