import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextLink, parseLinkHeader } from '../../../src/okta/linkHeader';

describe('Link header paging', () => {
  it('finds the next page among separate self and next headers', () => {
    const headers = [
      '<https://acme.okta.com/api/v1/authorizationServers?limit=2>; rel="self"',
      '<https://acme.okta.com/api/v1/authorizationServers?after=abc%2C1&limit=2>; rel="next"',
    ];
    assert.equal(
      nextLink(headers),
      'https://acme.okta.com/api/v1/authorizationServers?after=abc%2C1&limit=2',
    );
  });

  it('finds the next page when the headers arrive joined with a comma', () => {
    const joined =
      '<https://acme.okta.com/x?limit=200>; rel="self", <https://acme.okta.com/x?after=00u1,00u2&limit=200>; rel="next"';
    assert.equal(nextLink(joined), 'https://acme.okta.com/x?after=00u1,00u2&limit=200');
  });

  it('says there is no next page on the last page', () => {
    assert.equal(nextLink('<https://acme.okta.com/x>; rel="self"'), undefined);
    assert.equal(nextLink(undefined), undefined);
  });

  it('accepts unquoted and multi-valued rel parameters', () => {
    const links = parseLinkHeader('<https://a/1>; rel=next; title="x", <https://a/2>; rel="prev self"');
    assert.deepEqual(
      links.map((l) => `${l.rel}:${l.url}`),
      ['next:https://a/1', 'prev:https://a/2', 'self:https://a/2'],
    );
  });
});
