// Journey: a query whose list stops at the page cap. A person pages one token at a time (limit = '1'),
// so the 20-page cap ends the listing with tokens left, and asks for the 3 newest. The results grid
// must say, above the rows, that they are only part of the result, name the cap, and say that ORDER BY …
// LIMIT picked them from what was fetched — never show them as the answer.
import assert from 'node:assert/strict';
import { defineJourney } from '../lib/journey';

export default defineJourney({
  title: 'queries: a result the page cap cut short says so above the rows',
  timeoutMs: 180_000,
  async run(wb, ctx) {
    const org = ctx.emulator.org;
    const server = org.servers()[0]!;
    const client = org.clients(server.id)[0]!;
    const tokens = org.listTokens(server.id, client.clientId).length;
    assert.ok(
      tokens > 20,
      `the demo client holds ${tokens} tokens; the journey needs more than the 20-page cap`,
    );
    await wb.ready();
    // As a person would: the org open in the tree first (it also gives the workbench focus).
    await wb.openTreePath([ctx.connectionName, server.name, client.name]);

    await wb.newQueryEditor(
      `-- connection: ${ctx.connectionName}\n` +
        `SELECT id, expiresAt FROM okta.authorizationservers.refresh_tokens\n` +
        `WHERE subdomain = 'demo' AND authServerId = '${server.id}' AND clientId = '${client.clientId}' AND limit = '1'\n` +
        `ORDER BY expiresAt DESC LIMIT 3;`,
    );
    await wb.page.keyboard.press('Control+Home');
    const view = wb.webview();
    const notice = view.locator('p.cut-short');
    await wb.runLens(notice);
    await wb.screenshot('1-cut-short');
    const text = (await notice.innerText()).trim();
    assert.match(
      text,
      /^Incomplete: a list stopped at the page cap \(20 pages per list\) with more rows left/,
    );
    assert.match(text, /only part of the result; ORDER BY … LIMIT 3 picked them from the rows fetched/);
    assert.match(text, /oktaTokenExplorer\.query\.pageCap, now 20/);
    assert.equal(await notice.getAttribute('role'), 'alert');
    // Above the rows: the notice comes before the grid in the page.
    const before = await view
      .locator('section.result')
      .first()
      .evaluate((section) => {
        const n = section.querySelector('p.cut-short');
        const grid = section.querySelector('table.grid');
        return !!n && !!grid && (n.compareDocumentPosition(grid) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
      });
    assert.ok(before, 'the notice is above the grid');
    assert.equal(await view.locator('table.grid tbody tr').count(), 3);
  },
});
