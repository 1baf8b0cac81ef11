import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isExpired, parseOAuth2Client, parseRefreshToken, ShapeError } from '../../../src/okta/models';

describe('tolerant parsing of Okta objects', () => {
  it('reads a refresh token whether Okta says clientId or client_id', () => {
    assert.equal(parseRefreshToken({ id: 'oar1', clientId: '0oa1' }).clientId, '0oa1');
    assert.equal(parseRefreshToken({ id: 'oar1', client_id: '0oa2' }).clientId, '0oa2');
  });

  it('keeps unknown link relations and drops links without href', () => {
    const t = parseRefreshToken({
      id: 'oar1',
      _links: {
        self: { href: 'https://a/1' },
        custom: { href: 'https://a/2', title: 'x' },
        broken: { itle: 'typo' },
      },
    });
    assert.deepEqual(Object.keys(t._links).sort(), ['custom', 'self']);
    assert.equal((t._links.custom as { title?: string }).title, 'x');
  });

  it('survives missing optional fields and embedded scopes without names', () => {
    const t = parseRefreshToken({ id: 'oar1', _embedded: { scopes: [{ id: 'scp1' }, { name: 'openid' }] } });
    assert.deepEqual(t.scopes, []);
    assert.deepEqual(
      t._embedded?.scopes.map((s) => s.name),
      ['openid'],
    );
  });

  it('rejects what is not an object at all, with a readable reason', () => {
    assert.throws(() => parseRefreshToken([{ id: 'oar1' }]), ShapeError);
    assert.throws(() => parseOAuth2Client({ client_name: 'x' }), /no "client_id"/);
  });

  it('counts a token as expired only when expiresAt has passed', () => {
    const now = Date.parse('2026-06-01T00:00:00Z');
    assert.equal(isExpired({ expiresAt: '2026-05-31T23:59:59Z' }, now), true);
    assert.equal(isExpired({ expiresAt: '2026-06-02T00:00:00Z' }, now), false);
    assert.equal(isExpired({}, now), false);
  });
});
