// `npm start` on a busy port: it says which port is busy and how to choose another, before anything is
// installed or started (code-server used to fail deep inside, pointing at a log cleanup had deleted).
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ensurePortFree, runDemo, scenarioArg } from '../../e2e/lib/demoMain';

describe('npm start on a busy port', () => {
  let squatter: Server;
  let busy: number;
  before(async () => {
    squatter = createServer();
    await new Promise<void>((r) => squatter.listen(0, '127.0.0.1', r));
    busy = (squatter.address() as { port: number }).port;
  });
  after(() => new Promise<void>((r) => squatter.close(() => r())));

  it('names the busy port and the option that chooses another', async () => {
    await assert.rejects(runDemo(['--port', String(busy)]), (e: Error) => {
      assert.match(e.message, new RegExp(`port ${busy} on 127\\.0\\.0\\.1 is busy`));
      assert.match(e.message, /npm start -- --port <port>/);
      assert.match(e.message, /leave --port out and a free port is picked/);
      return true;
    });
  });

  it('says the same of the emulator port', async () => {
    await assert.rejects(ensurePortFree(busy, '--emulator-port'), /busy.*--emulator-port <port>/);
  });

  it('lets a free port through', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const free = (probe.address() as { port: number }).port;
    await new Promise<void>((r) => probe.close(() => r()));
    await ensurePortFree(free, '--port');
  });
});

describe('npm start -- --scenario', () => {
  it('refuses a scenario the emulator does not have, naming the ones it has, before starting anything', async () => {
    await assert.rejects(runDemo(['--scenario', 'rotaton']), /--scenario takes rotation, got "rotaton"/);
  });

  it('takes rotation, and nothing when not asked', () => {
    assert.equal(scenarioArg(['--scenario', 'rotation']), 'rotation');
    assert.equal(scenarioArg(['--port', '8080']), undefined);
  });
});
