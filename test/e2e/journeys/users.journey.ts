// The Users rows as a person uses them in a real VS Code (issue 12): search a user by name from the Users
// row, open their client and their token's panel (which names them), revoke the token from the panel
// through the usual modal, and find it REVOKED under its authorization server.
import assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { defineJourney } from '../lib/journey';
import type { Workbench } from '../lib/workbench';

interface EmuToken {
  id: string;
  status: string;
  userId: string;
  expiresAt: string;
}

/** The side bar's tree row at `level` whose label is exactly `label`. */
function row(wb: Workbench, level: number, label: string): Locator {
  return wb.page
    .locator(`.part.sidebar .monaco-list-row[role="treeitem"][aria-level="${level}"]`)
    .filter({ has: wb.page.locator('.label-name', { hasText: new RegExp(`^${escape(label)}$`) }) })
    .first();
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Expands a row found by `find` (looked up again on every try) until it says it is expanded. */
async function expand(wb: Workbench, find: () => Locator, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const r = find();
    await r.waitFor({ state: 'visible', timeout: Math.max(1, deadline - Date.now()) });
    if ((await r.getAttribute('aria-expanded')) === 'true') return;
    if ((await r.locator('.codicon-tree-item-loading').count()) === 0) {
      await wb.clearHover();
      await r.click();
      if ((await r.getAttribute('aria-expanded')) === 'false') await r.press('ArrowRight');
    }
    try {
      await find()
        .and(wb.page.locator('[aria-expanded="true"]'))
        .waitFor({ timeout: Math.max(1, Math.min(3_000, deadline - Date.now())) });
      return;
    } catch {
      if (Date.now() > deadline)
        throw new Error(`${what} did not expand; rows: ${JSON.stringify(await wb.treeRows())}`);
    }
  }
}

export default defineJourney({
  title: 'users: search a user by name, open their token, revoke it, see it REVOKED under its server',
  timeoutMs: 180_000,
  async run(wb, ctx) {
    const org = ctx.emulator.org;
    const users = org.users();
    const now = Date.now();
    // A person with a name no one else has, holding exactly one token of some client (on any server),
    // and that token active: it is then the one row under their client, and the one row of theirs under
    // the client on its server.
    const all = org
      .servers()
      .flatMap((s) =>
        org
          .clients(s.id)
          .flatMap((c) =>
            (org.listTokens(s.id, c.clientId) as unknown as EmuToken[]).map((t) => ({ s, c, t })),
          ),
      );
    const pick = all.find(
      ({ c, t }) =>
        t.status === 'ACTIVE' &&
        Date.parse(t.expiresAt) > now + 3600e3 &&
        all.filter((x) => x.t.userId === t.userId && x.c.clientId === c.clientId).length === 1 &&
        users.filter((u) => u.name === users.find((v) => v.id === t.userId)?.name).length === 1,
    );
    assert.ok(pick, 'the demo org has no user with a single active token of a client');
    const { s, c, t } = pick;
    const user = users.find((u) => u.id === t.userId)!;

    await wb.openView('Okta Tokens');
    await wb.expand(ctx.connectionName, 60_000);
    const usersRow = () => row(wb, 2, 'Users');
    await usersRow().waitFor({ state: 'visible', timeout: 30_000 });
    await wb.clearHover();
    await wb.contextMenu(usersRow(), 'Search Users…');
    await wb.answerInput(user.name, /Search users of/);
    // The search opens the Users row on what it found: this person.
    await row(wb, 3, user.name).waitFor({ state: 'visible', timeout: 30_000 });
    await usersRow().locator('.label-description', { hasText: user.name }).waitFor({ timeout: 15_000 });
    await wb.screenshot('1-user-found');

    await expand(wb, () => row(wb, 3, user.name), user.name);
    await expand(wb, () => row(wb, 4, c.name), `${user.name} › ${c.name}`);
    const token = row(wb, 5, user.name);
    await token.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await token.innerText(), /Active ·/);
    await wb.clearHover();
    await token.click();

    const view = wb.webview();
    await view.locator('h1').filter({ hasText: t.id }).waitFor({ timeout: 30_000 });
    const field = (label: string) =>
      view
        .locator('dl.fields dt', { hasText: new RegExp(`^${label}$`) })
        .locator('xpath=following-sibling::dd[1]');
    assert.equal(
      (await field('User').innerText()).trim(),
      user.name,
      'the token panel does not name its user',
    );
    await view.getByRole('button', { name: 'Open User' }).waitFor({ timeout: 5_000 });
    await wb.screenshot('2-token-panel');

    await view.getByRole('button', { name: 'Revoke', exact: true }).click();
    const message = await wb.answerModal('Revoke');
    assert.match(message, new RegExp(`Revoke 1 refresh token of "${escape(c.name)}"`));
    await wb.waitForToast(/Revoked 1 refresh token/, 30_000);
    await view.locator('#state', { hasText: 'Revoked' }).waitFor({ timeout: 30_000 });
    assert.equal((org.getToken(s.id, c.clientId, t.id) as unknown as EmuToken).status, 'REVOKED');
    // Its row under the user says so too.
    await token.filter({ hasText: 'Revoked' }).waitFor({ timeout: 15_000 });

    // Under its server: the client's tokens, filtered to this person (a client holds many), read Revoked.
    await expand(wb, () => row(wb, 2, s.name), s.name);
    await expand(wb, () => row(wb, 3, c.name), `${s.name} › ${c.name}`);
    await wb.clearHover();
    await wb.contextMenu(row(wb, 3, c.name), 'Filter Tokens…');
    await wb.answerInput(user.name, /Filter tokens of/);
    const underServer = row(wb, 4, user.name);
    await underServer.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await underServer.innerText(), /Revoked/);
    await wb.screenshot('3-revoked-under-server');
  },
});
