// ORDER BY … LIMIT and the page cap, against the org emulator over loopback: LIMIT only becomes the page
// size when the first rows fetched are the answer; otherwise every row is listed (pages of 200) before
// filtering, sorting and LIMIT, so the top rows are the real top rows. A result that a cap cut short is
// never presented as the answer: the result says so (what the results grid shows above the rows), and
// the CLI prints the rows under a label, names the cap and exits 3.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { EXIT } from '../../../src/cli/run';
import { analyzeDocument } from '../../../src/query/analyzer';
import { execute, type ExecuteOptions, type QueryResult } from '../../../src/query/executor';
import type { RunningEmulator } from '../../emulator/index';
import { cliRunner } from '../cli/support';
import { API_TOKEN, withEmulator, type Harness } from '../okta/support';

const R = 'okta.authorizationservers.refresh_tokens';

describe('LIMIT, ORDER BY and the page cap', () => {
  let h: Harness;
  let emu: RunningEmulator;
  let tokens: string;
  let listing: { id: string; expiresAt: string; status: string }[];
  before(async () => {
    h = await withEmulator({
      seed: 11,
      size: { servers: 1, clientsPerServer: 1, tokensPerClient: 300, scopesPerServer: 1, users: 20 },
    });
    emu = h.emu;
    const server = emu.org.servers()[0]!.id;
    const client = emu.org.clients(server)[0]!.clientId;
    tokens = `${R} WHERE subdomain = 'acme' AND authServerId = '${server}' AND clientId = '${client}'`;
    listing = emu.org.listTokens(server, client) as typeof listing;
  });
  after(() => h.close());

  function run(sql: string, opts: ExecuteOptions = {}): Promise<QueryResult> {
    const st = analyzeDocument(sql, { connectionGiven: true }).statements[0]!;
    assert.ok(st.plan, JSON.stringify(st.diagnostics));
    return execute(st.plan, h.client, opts);
  }

  /** The top n of the whole listing by expiresAt, newest first (ties keep the listing's order). */
  const newest = (n: number, rows = listing) =>
    [...rows]
      .sort((a, b) => (a.expiresAt < b.expiresAt ? 1 : a.expiresAt > b.expiresAt ? -1 : 0))
      .slice(0, n)
      .map((t) => ({ id: t.id, expiresAt: t.expiresAt }));

  it('ORDER BY expiresAt DESC LIMIT 3 gives the top 3 of the whole listing, in two pages of 200', async () => {
    emu.resetStats();
    const r = await run(`SELECT id, expiresAt FROM ${tokens} ORDER BY expiresAt DESC LIMIT 3;`);
    assert.deepEqual(r.rows, newest(3));
    assert.equal(r.pagesFetched, 2);
    assert.equal(emu.stats().total, 2);
    assert.equal(r.truncated, false);
    assert.equal(r.cutShort, undefined);
  });

  it('a local filter with LIMIT reads pages of 200: two calls for 300 tokens, the first matching rows', async () => {
    emu.resetStats();
    const r = await run(`SELECT id FROM ${tokens} AND status = 'ACTIVE' LIMIT 5;`);
    assert.deepEqual(
      r.rows.map((x) => x.id),
      listing
        .filter((t) => t.status === 'ACTIVE')
        .slice(0, 5)
        .map((t) => t.id),
    );
    // The filter may drop rows anywhere, so the whole list is read: 2 pages of 200, not 60 pages of 5.
    assert.equal(emu.stats().total, 2);
  });

  it('a result the page cap cut short says so, names the cap, and that ORDER BY … LIMIT saw only part', async () => {
    const r = await run(`SELECT id, expiresAt FROM ${tokens} ORDER BY expiresAt DESC LIMIT 3;`, {
      pageCap: 1,
    });
    // Only the first page of 200 was read: its newest three, which is what the notice is about.
    assert.deepEqual(r.rows, newest(3, listing.slice(0, 200)));
    assert.equal(r.truncated, true);
    assert.ok(r.cutShort, 'the result carries the cut-short notice the results grid shows');
    assert.equal(r.cutShort.cap, 'pages');
    assert.equal(r.cutShort.value, 1);
    assert.match(r.cutShort.message, /^Incomplete: a list stopped at the page cap \(1 page per list\)/);
    assert.match(r.cutShort.message, /only part of the result/);
    assert.match(r.cutShort.message, /ORDER BY … LIMIT 3 picked them from the rows fetched/);
  });

  it('LIMIT met within the cap is the whole answer: no notice', async () => {
    const r = await run(`SELECT id FROM ${tokens} LIMIT 3;`, { pageCap: 1 });
    assert.deepEqual(
      r.rows.map((x) => x.id),
      listing.slice(0, 3).map((t) => t.id),
    );
    assert.equal(r.cutShort, undefined);
  });

  it('the row cap cutting a result short is named too', async () => {
    const r = await run(`SELECT id FROM ${tokens};`, { rowCap: 100 });
    assert.equal(r.rows.length, 100);
    assert.equal(r.cutShort?.cap, 'rows');
    assert.equal(r.cutShort?.value, 100);
    assert.match(r.cutShort?.message ?? '', /row cap \(100 rows\)/);
  });

  describe('okta-tokens', () => {
    const cli = cliRunner(() => ({ url: emu.url, token: API_TOKEN }));

    it('prints the top 3 of the whole listing with exit 0', async () => {
      const r = await cli([
        'exec',
        `SELECT id, expiresAt FROM ${tokens} ORDER BY expiresAt DESC LIMIT 3;`,
        '-o',
        'json',
      ]);
      assert.equal(r.code, EXIT.ok, r.err);
      assert.deepEqual(JSON.parse(r.out), newest(3));
    });

    it('a result cut short by --page-cap: rows labelled incomplete, the cap named, exit 3, later statements not run', async () => {
      const sql = `SELECT id, expiresAt FROM ${tokens} ORDER BY expiresAt DESC LIMIT 3;\nSELECT id FROM ${tokens} LIMIT 1;`;
      const r = await cli(['exec', sql, '-o', 'json', '--page-cap', '1']);
      assert.equal(r.code, EXIT.runtime, r.err);
      assert.deepEqual(JSON.parse(r.out), newest(3, listing.slice(0, 200)), 'only the first statement ran');
      assert.match(
        r.err,
        /-- incomplete: the rows below are only part of the result \(stopped at the page cap of 1 page\(s\) per list\)/,
      );
      assert.match(r.err, /<command-line>:1:1: error: Incomplete: a list stopped at the page cap/);
      assert.match(r.err, /ORDER BY … LIMIT 3 picked them from the rows fetched/);
      assert.match(r.err, /--page-cap, now 1/);
      assert.match(r.err, /the 1 statement\(s\) after it were not run/);
      // The label comes before the rows' summary line, so a reader meets it first.
      assert.ok(r.err.indexOf('-- incomplete') < r.err.indexOf('row(s)'), r.err);
    });
  });
});
