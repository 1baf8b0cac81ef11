import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
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
