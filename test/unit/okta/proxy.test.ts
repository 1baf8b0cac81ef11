// The client goes through a proxy when told to (option) or when the environment says so
// (HTTP(S)_PROXY), and skips it for hosts in NO_PROXY.
import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { OktaClient } from '../../../src/okta';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { API_TOKEN } from './support';

describe('proxy support', () => {
  let emu: RunningEmulator;
  let proxy: Server;
  let proxyUrl: string;
  let hits = 0;
  before(async () => {
    emu = await startEmulator({ port: 0, size: 'tiny', apiTokens: [API_TOKEN] });
    // A minimal forward proxy on loopback: CONNECT tunnels and absolute-form requests.
    proxy = createServer((req, res) => {
      hits++;
      const target = new URL(req.url!);
      const up = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname + target.search,
          method: req.method,
          headers: req.headers,
        },
        (r) => {
          res.writeHead(r.statusCode!, r.headers);
          r.pipe(res);
        },
      );
      req.pipe(up);
    });
    proxy.on('connect', (req, socket, head) => {
      hits++;
      const [host, port] = req.url!.split(':');
      const up = connect(Number(port), host!, () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        up.write(head);
        up.pipe(socket);
        socket.pipe(up);
      });
      up.on('error', () => socket.destroy());
      socket.on('error', () => up.destroy());
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });
  after(async () => {
    await emu.close();
    proxy.closeAllConnections();
    await new Promise<void>((r) => proxy.close(() => r()));
  });

  it('uses an explicit proxy option', async () => {
    hits = 0;
    const c = new OktaClient({ orgUrl: emu.url, auth: { kind: 'ssws', token: API_TOKEN }, proxy: proxyUrl });
    assert.ok((await c.listAuthorizationServers().toArray()).length > 0);
    assert.ok(hits > 0, 'the request went through the proxy');
    await c.close();
  });

  it('honours HTTP_PROXY and NO_PROXY from the environment', async () => {
    const saved = { ...process.env };
    try {
      process.env.HTTP_PROXY = proxyUrl;
      process.env.NO_PROXY = '';
      hits = 0;
      const viaProxy = new OktaClient({ orgUrl: emu.url, auth: { kind: 'ssws', token: API_TOKEN } });
      await viaProxy.testConnection();
      assert.ok(hits > 0, 'HTTP_PROXY was used');
      await viaProxy.close();

      process.env.NO_PROXY = '127.0.0.1';
      hits = 0;
      const direct = new OktaClient({ orgUrl: emu.url, auth: { kind: 'ssws', token: API_TOKEN } });
      await direct.testConnection();
      assert.equal(hits, 0, 'NO_PROXY bypassed the proxy');
      await direct.close();
    } finally {
      process.env = saved;
    }
  });
});
