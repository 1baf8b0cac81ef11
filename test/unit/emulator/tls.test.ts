// HTTPS mode (used by the Okta SDK benchmark, which insists on https org URLs): a self-signed
// certificate made with the openssl CLI for 127.0.0.1, trusted explicitly by the test's request.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, TOKEN } from './helpers';

function selfSigned(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'emu-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return {
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('tls', () => {
  it('serves https with an https origin in the URL and in every link', async () => {
    const tls = selfSigned();
    const emu = await start({ tls });
    try {
      assert.match(emu.url, /^https:\/\/127\.0\.0\.1:\d+$/);
      const { status, body } = await new Promise<{ status?: number; body: string }>((resolve, reject) => {
        const req = request(
          `${emu.url}/api/v1/authorizationServers`,
          { ca: tls.cert, headers: { authorization: `SSWS ${TOKEN}` } },
          (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (c: string) => (body += c));
            res.on('end', () => resolve({ status: res.statusCode, body }));
          },
        );
        req.on('error', reject);
        req.end();
      });
      assert.equal(status, 200);
      const servers = JSON.parse(body) as Array<{ issuer: string }>;
      assert.ok(servers.every((s) => s.issuer.startsWith(`${emu.url}/oauth2/`)));
    } finally {
      await emu.close();
    }
  });
});
