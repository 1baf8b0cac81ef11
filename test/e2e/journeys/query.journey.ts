// Journey: queries as code, as a person does it in code-server. Expand the demo org down to a client
// (so the tree has loaded ids), type the seed page's SELECT into a new .iql editor, read StackQL's
// "missing required parameters" problem in the Problems view, apply the quick fix with Ctrl+., click
// the "▶ Run" code lens, fill the template placeholders when asked (the paging cursor `after` is not
// asked), and read the rows in the results grid — which fills the panel beside the editor under a
// one-line statement — then Run again and find the boxes holding the values given the first time.
// A second journey opens a client "as query" from the tree, runs it as written, and works the results
// grid with the keyboard alone.
import assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { defineJourney } from '../lib/journey';
import { SEED_SELECT } from '../../unit/query/helpers';

/** What has the keyboard focus inside the results page: "BUTTON:JSON", "TD:oar…", or "BODY". */
function focused(view: FrameLocator): Promise<string> {
  return view.locator('body').evaluate(() => {
    const a = document.activeElement;
    return a && a !== document.body ? `${a.tagName}:${(a.textContent ?? '').trim()}` : 'BODY';
  });
}

const seedJourney = defineJourney({
  title:
    'queries: the seed query’s problem, its quick fix, Run (after not asked), the grid filling the panel, and a second Run offering the values given',
  timeoutMs: 240_000,
  async run(wb, ctx) {
    const org = ctx.emulator.org;
    const server = org.servers()[0]!;
    const client = org.clients(server.id)[0]!;
    await wb.ready();
    await wb.openTreePath([ctx.connectionName, server.name, client.name]);

    // A new .iql editor with the seed query, verbatim, under a line naming the demo connection.
    await wb.newQueryEditor(`-- connection: ${ctx.connectionName}\n${SEED_SELECT}`);
    const editor = wb.page.locator('.monaco-editor .view-lines').first();

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

    const firstQuestion = wb.page.locator('.quick-input-widget .quick-input-title', {
      hasText: 'Value for {{ subdomain }}',
    });
    await wb.runLens(firstQuestion);
    // The seed's {{ subdomain }}, {{ expand }}, {{ limit }} placeholders are asked for in turn; its
    // {{ after }} is a paging cursor, left out of the request rather than asked.
    const answers = [
      ['subdomain', 'demo'],
      ['expand', 'scope'],
      ['limit', '200'],
    ] as const;
    const title = wb.page.locator('.quick-input-widget .quick-input-title');
    // A question for {{ after }} (before limit, as the seed orders them) would stall this loop.
    for (const [name, v] of answers) await wb.answerInput(v, `Value for {{ ${name} }}`);

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

    // The panel split beside the editor (under the Problems view) is for the rows: the statement is
    // one line, the page itself never scrolls, and the grid takes the rest of the height.
    const layout = () =>
      view.locator('body').evaluate(() => {
        const scroller = document.scrollingElement!;
        const root = document.getElementById('root')!;
        const grid = document.querySelector<HTMLElement>('.result .body')!;
        const box = grid.getBoundingClientRect();
        // The sticky cell, not its row group (which scrolls away under it).
        const head = grid.querySelector('th')!.getBoundingClientRect();
        const bottom = Math.min(box.bottom, window.innerHeight);
        const rows = Array.from(grid.querySelectorAll('tbody tr'), (r) => r.getBoundingClientRect());
        const summary = document.querySelector('details.statement > summary');
        return {
          panel: window.innerHeight,
          page: [scroller.scrollHeight, scroller.clientHeight, root.scrollHeight, root.clientHeight],
          grid: [grid.scrollHeight, grid.clientHeight],
          /** Rows wholly on screen, below the column headers. */
          visible: rows.filter((r) => r.top >= head.bottom - 1 && r.bottom <= bottom + 1).length,
          rowHeight: rows[0]!.height,
          headerGap: head.top - box.top,
          statementHeight: summary ? summary.getBoundingClientRect().height : -1,
          fontSize: parseFloat(getComputedStyle(document.body).fontSize),
        };
      });
    const before = await layout();
    const report = JSON.stringify(before);
    assert.ok(before.panel >= 300, `the results panel is only ${before.panel}px high: ${report}`);
    // Everything but about 240px of heading (statement, facts, toolbar) shows rows.
    const room = Math.floor((before.panel - 240) / before.rowHeight);
    assert.ok(
      before.visible >= Math.min(n, room),
      `${before.visible} of ${n} rows show in a ${before.panel}px panel (room for ${room}): ${report}`,
    );
    const [pageScroll, pageClient, rootScroll, rootClient] = before.page;
    assert.ok(pageScroll! <= pageClient! && rootScroll! <= rootClient!, `the page scrolls: ${report}`);
    assert.ok(
      before.statementHeight > 0 && before.statementHeight < 2 * before.fontSize,
      `the statement is not one line: ${report}`,
    );
    await wb.screenshot('4-grid-fills-the-panel');
    // The grid scrolls on its own, under column headers that stay in place.
    if (before.grid[0]! > before.grid[1]!) {
      await view.locator('.result .body').evaluate((g) => (g.scrollTop = g.scrollHeight));
      const scrolled = await layout();
      assert.ok(Math.abs(scrolled.headerGap) <= 1, `the headers scrolled away: ${JSON.stringify(scrolled)}`);
      assert.deepEqual(scrolled.page, before.page, 'scrolling the grid moved the page');
    }
    // Opened, the statement shows its lines (the seed spans many).
    await view.locator('details.statement > summary').click();
    assert.equal(await view.locator('details.statement').getAttribute('open'), '');
    const opened = await layout();
    assert.ok(opened.statementHeight > 4 * opened.fontSize, `opened: ${JSON.stringify(opened)}`);
    await wb.screenshot('5-statement-opened');

    // Run again: each box holds the value given the first time, selected so that typing replaces it.
    await view.locator('section.result').evaluate((e) => e.setAttribute('data-first-run', ''));
    await editor.click();
    await wb.page.keyboard.press('Control+Home');
    await wb.runLens(firstQuestion);
    for (const [name, v] of answers) {
      await title.filter({ hasText: `Value for {{ ${name} }}` }).waitFor({ timeout: 30_000 });
      const offered = await wb.page
        .waitForFunction(
          (want) => {
            const box = document.querySelector<HTMLInputElement>('.quick-input-widget input.input');
            return box && box.value === want ? [box.value, box.selectionStart, box.selectionEnd] : false;
          },
          v,
          { timeout: 10_000 },
        )
        .then((h) => h.jsonValue())
        .catch(async () => {
          const box = wb.page.locator('.quick-input-widget input.input');
          throw new Error(`the box for {{ ${name} }} offered "${await box.inputValue()}", not "${v}"`);
        });
      assert.deepEqual(offered, [v, 0, v.length]);
      await wb.page.locator('.quick-input-widget input.input').press('Enter');
      await title.filter({ hasText: `Value for {{ ${name} }}` }).waitFor({ state: 'hidden' });
    }
    await view.locator('section.result:not([data-first-run]) p.meta').waitFor({ timeout: 60_000 });
    assert.match((await view.locator('p.meta').first().innerText()).trim(), new RegExp(`^${n} rows?`));
  },
});

const keyboardJourney = defineJourney({
  title: 'queries: Open as Query on a client runs as written; the results grid by keyboard alone',
  timeoutMs: 180_000,
  async run(wb, ctx) {
    const org = ctx.emulator.org;
    const server = org.servers()[0]!;
    const client = org.clients(server.id)[0]!;
    await wb.ready();
    await wb.openTreePath([ctx.connectionName, server.name]);
    // The demo connection is named "Demo org": the query must not carry that name as its subdomain
    // (not a DNS label, so the statement was refused before it ran).
    await wb.contextMenu(await wb.waitForTreeItem(client.name), 'Open as Query');
    const view = wb.webview();
    const meta = view.locator('p.meta').first();
    await wb.runLens(meta);
    // The rows come alone: no "Running query" toast left beside them (VS Code holds a progress toast
    // for 800 ms after it appeared, so one shown while the query ran would still be up).
    assert.deepEqual(
      (await wb.toasts()).filter((t) => /Running query/.test(t)),
      [],
      'a "Running query" toast is left beside the results',
    );
    await wb.screenshot('1-opened-and-run');
    assert.equal(await view.locator('p.error').count(), 0, await view.locator('#root').innerText());
    const expected = org.listTokens(server.id, client.clientId) as { id: string; status: string }[];
    assert.match(
      (await meta.innerText()).trim(),
      new RegExp(`^${expected.length} rows? · on ${ctx.connectionName}`),
    );

    // Tab order: the toolbar, then one stop per column header.
    await view.getByRole('button', { name: 'Grid', exact: true }).click();
    const order: string[] = [];
    const columns = await view.locator('table.grid th').count();
    for (let i = 0; i < 4 + columns; i++) {
      await wb.page.keyboard.press('Tab');
      order.push(await focused(view));
    }
    const headers = await view.locator('table.grid th').allInnerTexts();
    assert.deepEqual(order, [
      'BUTTON:JSON',
      'BUTTON:Copy with headers',
      'BUTTON:Export CSV…',
      'BUTTON:Export JSON…',
      ...headers.map((h) => `BUTTON:${h.trim()}`),
    ]);
    // One more Tab enters the body at a single cell; the next one leaves the grid (no walk through every cell).
    await wb.page.keyboard.press('Tab');
    assert.equal(
      await focused(view),
      `TD:${expected.length ? await view.locator('table.grid tbody td').first().innerText() : ''}`,
    );
    assert.equal(await view.locator('table.grid td[tabindex="0"]').count(), 1);

    // Sorting from the keyboard: Space and Enter on a header; the focus stays on that header.
    const status = headers.findIndex((h) => h.trim() === 'status');
    assert.ok(status >= 0, `no status column in ${JSON.stringify(headers)}`);
    await view.locator('table.grid th button').nth(status).focus();
    await wb.page.keyboard.press('Space');
    assert.equal(await view.locator('table.grid th').nth(status).getAttribute('aria-sort'), 'ascending');
    assert.equal(await focused(view), 'BUTTON:status ▲');
    await wb.page.keyboard.press('Enter');
    assert.equal(await view.locator('table.grid th').nth(status).getAttribute('aria-sort'), 'descending');
    assert.equal(await focused(view), 'BUTTON:status ▼');
    const shown = (await view.locator(`table.grid tbody td:nth-child(${status + 1})`).allInnerTexts()).map(
      (s) => s.trim(),
    );
    assert.deepEqual(
      shown,
      [...shown].sort((a, b) => b.localeCompare(a)),
    );
    await wb.screenshot('2-sorted-by-keyboard');

    // The chosen view is not drawn like keyboard focus: Grid (pressed, not focused) has no outline,
    // the focused header has one.
    const outline = (name: string) =>
      view.getByRole('button', { name, exact: true }).evaluate((b) => getComputedStyle(b).outlineStyle);
    assert.equal(await outline('Grid'), 'none');
    assert.notEqual(await outline('status ▼'), 'none');

    // Arrow keys move the focused cell; Space shows the cell's full value.
    await view.locator('table.grid td[tabindex="0"]').focus();
    await wb.page.keyboard.press('Control+Home');
    await wb.page.keyboard.press('ArrowDown');
    const secondId = (
      await view.locator('table.grid tbody tr').nth(1).locator('td').first().innerText()
    ).trim();
    assert.equal(await focused(view), `TD:${secondId}`);
    await wb.page.keyboard.press('Space');
    const detail = view.locator('pre.detail');
    await detail.waitFor({ state: 'visible' });
    assert.match(await detail.innerText(), new RegExp(`^id\\n\\n${secondId}$`));
    // Focus stays on the cell, so the detail is announced through a live region.
    assert.equal(await detail.getAttribute('aria-live'), 'polite');
    await wb.screenshot('3-cell-detail');
    await wb.page.keyboard.press('Tab');
    assert.ok(!(await focused(view)).startsWith('TD:'), 'Tab leaves the grid');
  },
});

export default [seedJourney, keyboardJourney];
