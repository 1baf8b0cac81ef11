// Journey: a person opens the demo (the same stack `npm start` brings up), clicks "Okta Tokens" in the
// activity bar, expands the "Demo org" connection and sees the org's authorization servers — the names
// are read from the emulator's own API, so the check does not depend on the seed.
import assert from 'node:assert/strict';
import { defineJourney } from '../lib/journey';

export default defineJourney({
  title: 'demo: the Okta Tokens view lists the demo org’s authorization servers',
  timeoutMs: 120_000,
  async run(wb, ctx) {
    const res = await fetch(`${ctx.orgUrl}/api/v1/authorizationServers?limit=200`, {
      headers: { Authorization: `SSWS ${ctx.apiToken}`, Accept: 'application/json' },
    });
    assert.equal(res.status, 200, `the emulator did not list authorization servers (HTTP ${res.status})`);
    const servers = ((await res.json()) as { name: string }[]).map((s) => s.name);
    assert.ok(servers.length > 0, 'the demo org has no authorization servers');

    await wb.openView('Okta Tokens');
    await wb.expand(ctx.connectionName, 60_000);
    // The first page of servers is what the tree shows without scrolling or "Load more".
    const expected = servers.slice(0, 5);
    for (const name of expected) await wb.waitForTreeItem(name, 30_000);
    await wb.screenshot('demo-org-servers');
    const labels = await wb.treeLabels();
    // E2E_FAIL=1 also expects a server that does not exist, to prove a journey failure reaches the summary.
    if (process.env.E2E_FAIL === '1') expected.push('No Such Server (E2E_FAIL=1)');
    for (const name of expected)
      assert.ok(labels.includes(name), `tree rows ${JSON.stringify(labels)} lack server "${name}"`);
  },
});
