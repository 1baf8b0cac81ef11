// Each fault kind, as a client sees it over real HTTP: what arrives, and that the rule stops after
// its count.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import type { RunningEmulator } from '../../emulator/index';
import { parseFaultSpec } from '../../emulator/index';
import { api, firstPair, start, TOKEN, tokensPath } from './helpers';

/** A raw GET that reports how the exchange ended, including a connection dropped mid-body. */
function rawGet(
  url: string,
  timeoutMs = 2000,
): Promise<{
  status?: number;
  headers?: Record<string, unknown>;
  body: string;
  outcome: 'complete' | 'aborted' | 'error' | 'timeout';
}> {
  return new Promise((resolve) => {
    let body = '';
    let status: number | undefined;
    let headers: Record<string, unknown> | undefined;
    const req = request(url, { headers: { authorization: `SSWS ${TOKEN}` }, agent: false }, (res) => {
      status = res.statusCode;
      headers = res.headers;
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status, headers, body, outcome: 'complete' }));
      res.on('aborted', () => resolve({ status, headers, body, outcome: 'aborted' }));
      res.on('error', () => resolve({ status, headers, body, outcome: 'aborted' }));
    });
    req.setTimeout(timeoutMs, () => {
      req.destroy();
      resolve({ status, headers, body, outcome: 'timeout' });
    });
    req.on('error', () => resolve({ status, headers, body, outcome: status ? 'aborted' : 'error' }));
    req.end();
  });
}

describe('faults', () => {
  let emu: RunningEmulator;
  let tokens: string;
  before(async () => {
    emu = await start({
      size: { servers: 1, clientsPerServer: 1, tokensPerClient: 30, scopesPerServer: 2, users: 5 },
    });
    const { serverId, clientId } = firstPair(emu);
    tokens = tokensPath(serverId, clientId);
  });
  after(() => emu.close());

  it('latency: delays only the matching method and path, for count requests', async () => {
    // Which request was delayed is read from the fault's own count, not from how long a request took:
    // on a busy machine any request can be slow, but only the delayed one uses up the fault.
    emu.faults.add({
      kind: 'latency',
      ms: 700,
      method: 'GET',
      path: '/api/v1/authorizationServers/*/clients/*/tokens',
      count: 1,
    });
    const base = emu.stats().faultsFired;
    const fired = () => emu.stats().faultsFired - base;
    await (await api(emu, '/api/v1/authorizationServers')).arrayBuffer();
    assert.equal(fired(), 0, 'another path was delayed');
    const t = Date.now();
    await (await api(emu, tokens)).arrayBuffer();
    assert.equal(fired(), 1, 'the matching path was not delayed');
    // A lower bound only: the delay itself is what is added, however busy the machine is.
    assert.ok(Date.now() - t >= 695, 'the matching request came back before its delay');
    await (await api(emu, tokens)).arrayBuffer();
    assert.equal(fired(), 1, 'the fault fired after its count was used up');
  });

  it('latency: a request its caller gives up on stops waiting, so no timer holds the process open', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const baseline = timers();
    emu.faults.add({ kind: 'latency', ms: 60_000, method: 'GET', path: tokens, count: 1 });
    const r = await rawGet(`${emu.url}${tokens}`, 300);
    assert.equal(r.outcome, 'timeout');
    // The emulator sees the socket close a moment after the client destroys it.
    for (let i = 0; i < 50 && timers() > baseline; i++) await new Promise((res) => setTimeout(res, 20));
    assert.equal(timers(), baseline, "the abandoned request's minute-long delay is still pending");
  });

  it('rate-limit storm: the next N requests are 429 with a Reset in the future, then normal again', async () => {
    emu.faults.add({ kind: 'rate-limit', count: 3, resetSeconds: 5 });
    for (let i = 0; i < 3; i++) {
      const res = await api(emu, tokens);
      assert.equal(res.status, 429);
      assert.equal(res.headers.get('x-rate-limit-remaining'), '0');
      assert.ok(Number(res.headers.get('x-rate-limit-reset')) >= Math.floor(Date.now() / 1000) + 4);
      assert.equal(((await res.json()) as { errorCode: string }).errorCode, 'E0000047');
    }
    assert.equal((await api(emu, tokens)).status, 200);
  });

  it('5xx: 500/503 as Okta JSON errors, 502/504 as HTML pages', async () => {
    for (const status of [500, 502, 503, 504] as const) {
      emu.faults.add({ kind: 'status', status });
      const res = await api(emu, tokens);
      assert.equal(res.status, status);
      const type = res.headers.get('content-type') ?? '';
      const text = await res.text();
      if (status === 500 || status === 503) {
        assert.match(type, /application\/json/);
        assert.equal(
          (JSON.parse(text) as { errorCode: string }).errorCode,
          status === 500 ? 'E0000009' : 'E0000010',
        );
      } else {
        assert.match(type, /text\/html/);
        assert.match(text, /<html>/);
      }
    }
  });

  it('connection reset before processing: no answer and no state change', async () => {
    const before = emu.org.counts();
    emu.faults.add({ kind: 'reset', after: 'request', method: 'DELETE' });
    await assert.rejects(api(emu, tokens, { method: 'DELETE' }));
    assert.deepEqual(emu.org.counts(), before);
  });

  it('skip: the first matching requests pass untouched, then the fault fires for its count', async () => {
    emu.faults.add({ kind: 'status', status: 503, method: 'GET', path: tokens, skip: 2, count: 1 });
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await api(emu, tokens)).status);
    assert.deepEqual(codes, [200, 200, 503, 200]);
    assert.throws(() => emu.faults.add({ kind: 'hang', skip: -1 }), /skip must be zero or more/);
  });

  it('connection reset: after the headers, and part-way through the body', async () => {
    emu.faults.add({ kind: 'reset', after: 'headers' });
    const a = await rawGet(`${emu.url}${tokens}`);
    assert.equal(a.status, 200);
    assert.equal(a.outcome, 'aborted');
    assert.equal(a.body, '');
    emu.faults.add({ kind: 'reset', after: 'partial-body' });
    const b = await rawGet(`${emu.url}${tokens}`);
    assert.equal(b.outcome, 'aborted');
    assert.ok(b.body.length > 10 && Number(b.headers?.['content-length']) > b.body.length);
    // fetch reports it as a failure while reading the body.
    emu.faults.add({ kind: 'reset' });
    const res = await api(emu, tokens);
    await assert.rejects(res.text());
  });

  it('malformed and truncated JSON arrive as complete 200 responses that do not parse', async () => {
    emu.faults.add({ kind: 'malformed-json' });
    const m = await api(emu, tokens);
    assert.equal(m.status, 200);
    assert.match(m.headers.get('content-type') ?? '', /json/);
    await assert.rejects(m.json(), SyntaxError);
    const full = await (await api(emu, `${tokens}?limit=5`)).text();
    emu.faults.add({ kind: 'truncated-json' });
    const t = await api(emu, `${tokens}?limit=5`);
    const text = await t.text();
    assert.equal(t.status, 200);
    assert.ok(full.startsWith(text) && text.length < full.length, 'a prefix of the real body');
    assert.throws(() => JSON.parse(text), SyntaxError);
  });

  it('HTML error pages with 200 and with 503', async () => {
    emu.faults.add({ kind: 'html' });
    const a = await api(emu, tokens);
    assert.equal(a.status, 200);
    assert.match(a.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await a.text(), /<!DOCTYPE html>/);
    emu.faults.add({ kind: 'html', status: 503 });
    const b = await api(emu, tokens);
    assert.equal(b.status, 503);
    assert.match(await b.text(), /<html>/);
  });

  it("json: a well-formed 2xx that is not Okta's answer, and a DELETE behind it changes nothing", async () => {
    const before = emu.org.counts();
    emu.faults.add({ kind: 'json', method: 'DELETE' });
    const a = await api(emu, tokens, { method: 'DELETE' });
    assert.equal(a.status, 200);
    assert.match(a.headers.get('content-type') ?? '', /application\/json/);
    assert.deepEqual(await a.json(), { status: 'ok' });
    assert.deepEqual(emu.org.counts(), before, 'nothing was revoked');
    emu.faults.add({ kind: 'json', status: 202, body: { accepted: true } });
    const b = await api(emu, tokens);
    assert.equal(b.status, 202);
    assert.deepEqual(await b.json(), { accepted: true });
  });

  it('401/403 challenges with an empty body and WWW-Authenticate', async () => {
    emu.faults.add({ kind: 'auth-challenge', status: 401 });
    const a = await api(emu, tokens);
    assert.equal(a.status, 401);
    assert.equal(await a.text(), '');
    assert.match(a.headers.get('www-authenticate') ?? '', /^Bearer .*error="invalid_token"/);
    emu.faults.add({ kind: 'auth-challenge', status: 403 });
    const b = await api(emu, tokens, { method: 'DELETE' });
    assert.equal(b.status, 403);
    assert.equal(await b.text(), '');
    assert.match(b.headers.get('www-authenticate') ?? '', /error="insufficient_scope"/);
    assert.equal(emu.org.counts().revoked < emu.org.counts().total, true, 'the DELETE did not run');
  });

  it('hang: never answers (the client times out), and close() still ends promptly', async () => {
    const id = emu.faults.add({ kind: 'hang', path: '/api/v1/authorizationServers' });
    assert.ok(emu.faults.list().some((f) => f.id === id));
    const t = Date.now();
    const r = await rawGet(`${emu.url}/api/v1/authorizationServers`, 400);
    assert.equal(r.outcome, 'timeout');
    assert.ok(Date.now() - t >= 390);
    // A second hang left pending must not keep close() waiting.
    emu.faults.add({ kind: 'hang' });
    const controller = new AbortController();
    const pending = api(emu, tokens, { signal: controller.signal }).catch((e: unknown) => e);
    await new Promise((res) => setTimeout(res, 50));
    const other = await start();
    other.faults.add({ kind: 'hang' });
    const hung = fetch(`${other.url}/api/v1/authorizationServers`).catch((e: unknown) => e);
    await new Promise((res) => setTimeout(res, 50));
    const c0 = Date.now();
    await other.close();
    // A close() that waited for the hung request would never end; any finite time shows it did not.
    assert.ok(Date.now() - c0 < 20_000, 'close() waited for the hung request');
    assert.ok((await hung) instanceof Error, 'the hung request fails once the emulator closes');
    controller.abort();
    await pending;
  });

  it('echo: an error that quotes the request back, client assertion or API token included', async () => {
    emu.faults.add({ kind: 'echo', path: '/oauth2/v1/token' });
    const assertion = 'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiIwb2ExIn0.c2lnbmF0dXJl';
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_assertion: assertion });
    const token = await fetch(`${emu.url}/oauth2/v1/token`, { method: 'POST', body: form });
    assert.equal(token.status, 400);
    const oauth = (await token.json()) as { error: string; error_description: string };
    assert.equal(oauth.error, 'invalid_client');
    assert.ok(oauth.error_description.includes(`client_assertion=${assertion}`), oauth.error_description);

    emu.faults.add({ kind: 'echo', status: 403, path: '/api/v1/**' });
    const res = await api(emu, tokens);
    assert.equal(res.status, 403);
    const body = (await res.json()) as { errorCode: string; errorSummary: string; errorCauses: unknown[] };
    assert.equal(body.errorCode, 'E0000001');
    assert.ok(body.errorSummary.includes(`SSWS ${TOKEN}`), body.errorSummary);
    assert.ok(body.errorCauses.some((c) => JSON.stringify(c).includes(TOKEN)));
    assert.equal((await api(emu, tokens)).status, 200, 'fires once');
  });

  it('counts fired faults in stats and clear() removes pending rules', async () => {
    emu.resetStats();
    emu.faults.add({ kind: 'status', status: 500, count: 2 });
    await (await api(emu, tokens)).arrayBuffer();
    assert.equal(emu.stats().faultsFired, 1);
    emu.faults.clear();
    assert.equal((await api(emu, tokens)).status, 200);
  });

  it('parses the CLI fault syntax and rejects nonsense with a clear message', () => {
    assert.deepEqual(parseFaultSpec('GET /api/v1/authorizationServers/** status:503 x3'), {
      method: 'GET',
      path: '/api/v1/authorizationServers/**',
      count: 3,
      kind: 'status',
      status: 503,
    });
    assert.equal(parseFaultSpec('* hang always').count, Infinity);
    assert.throws(() => parseFaultSpec('/x explode'), /unknown kind "explode".*Expected/);
    assert.throws(() => parseFaultSpec('/x status:418'), /status must be 500, 502, 503 or 504/);
    assert.deepEqual(parseFaultSpec('DELETE /api/v1/authorizationServers/** json:200'), {
      method: 'DELETE',
      path: '/api/v1/authorizationServers/**',
      count: 1,
      kind: 'json',
      status: 200,
    });
    assert.throws(() => parseFaultSpec('/x json:ok'), /json takes an HTTP status/);
    assert.deepEqual(parseFaultSpec('/oauth2/v1/token echo:401'), {
      method: undefined,
      path: '/oauth2/v1/token',
      count: 1,
      kind: 'echo',
      status: 401,
    });
    assert.throws(() => parseFaultSpec('/x echo:200'), /echo takes an error status/);
  });
});
