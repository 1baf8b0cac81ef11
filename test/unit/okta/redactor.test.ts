import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OktaError } from '../../../src/okta/errors';
import { Redactor } from '../../../src/okta/logger';

describe('secret redaction', () => {
  it('removes registered secrets and anything shaped like a credential', () => {
    const r = new Redactor();
    r.add('00abcdefghijklmnopqrstuvwxyz');
    const text = r.redact(
      'token 00abcdefghijklmnopqrstuvwxyz; Authorization: SSWS 00zzzzzzzzzzzzzz; jwt eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig; -----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----',
    );
    assert.doesNotMatch(text, /00abcdefghij|00zzzzzz|eyJhbGci|MIIE/);
  });

  it('never blanks short common words even if registered', () => {
    const r = new Redactor();
    r.add('GET');
    assert.equal(r.redact('GET /api/v1'), 'GET /api/v1');
  });
});

describe('errors hold only redacted text', () => {
  it("every text an OktaError holds goes through the thrower's redaction, toJSON included", () => {
    const secret = 'plain-secret-value-1234';
    const r = new Redactor();
    r.add(secret);
    const e = new OktaError({
      kind: 'http',
      status: 400,
      message: `Okta refused it (${secret})`,
      body: {
        errorCode: 'E0000001',
        errorSummary: `echo ${secret}`,
        errorCauses: [{ errorSummary: secret }],
      },
      oauthError: { error: 'invalid_client', description: `client_assertion=${secret}` },
      wwwAuthenticate: {
        scheme: 'Bearer',
        errorDescription: `token ${secret}`,
        params: { error_description: `token ${secret}` },
      },
      redact: (t) => r.redact(t),
    });
    const all = [e.message, e.stack ?? '', JSON.stringify(e.toJSON())].join('\n');
    assert.ok(!all.includes(secret), all);
    assert.equal(e.errorSummary, 'echo [redacted]');
    assert.deepEqual(e.errorCauses, ['[redacted]']);
  });

  it('without the thrower’s secrets, credential-shaped text is still removed', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXZhbHVl';
    const e = new OktaError({
      kind: 'http',
      message: 'refused',
      oauthError: {
        error: 'invalid_client',
        description: `grant_type=client_credentials&client_assertion=${jwt}`,
      },
    });
    assert.doesNotMatch(JSON.stringify(e), /eyJhbGci/);
    assert.match(e.oauthError?.description ?? '', /client_assertion=\[redacted/);
  });
});
