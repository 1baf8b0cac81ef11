import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeHttpError, describeTransportError, parseWwwAuthenticate } from '../../../src/okta/errors';

const base = {
  method: 'GET',
  path: '/api/v1/authorizationServers',
  host: 'acme.okta.com',
  authKind: 'ssws' as const,
};

describe('error messages say what happened and what to do', () => {
  it('parses an insufficient_scope challenge, commas inside quotes included', () => {
    const w = parseWwwAuthenticate(
      'Bearer authorization_uri="https://acme.okta.com/oauth2/v1/authorize", realm="https://acme.okta.com", scope="okta.authorizationServers.manage", error="insufficient_scope", error_description="The access token provided does not contain the required scopes, sorry.", resource="/api/v1/authorizationServers/default"',
    );
    assert.equal(w?.scheme, 'Bearer');
    assert.equal(w?.error, 'insufficient_scope');
    assert.equal(w?.scope, 'okta.authorizationServers.manage');
    assert.equal(
      w?.errorDescription,
      'The access token provided does not contain the required scopes, sorry.',
    );
    assert.equal(w?.resource, '/api/v1/authorizationServers/default');
  });

  it('tells a user with a bad API token to create a new one', () => {
    const m = describeHttpError({
      ...base,
      status: 401,
      body: { errorCode: 'E0000011', errorSummary: 'Invalid token provided' },
      requestId: 'req1',
    });
    assert.match(m, /E0000011: Invalid token provided/);
    assert.match(m, /Security → API → Tokens/);
    assert.match(m, /request id req1/);
  });

  it('tells a user without an admin role which role to ask for', () => {
    const m = describeHttpError({
      ...base,
      status: 403,
      body: { errorCode: 'E0000006', errorSummary: 'You do not have permission' },
    });
    assert.match(m, /API Access Management Administrator/);
  });

  it('speaks of the admin’s roles, not scopes, when an API token meets insufficient_scope', () => {
    const m = describeHttpError({
      ...base,
      authKind: 'ssws',
      status: 403,
      wwwAuthenticate: parseWwwAuthenticate('Bearer error="insufficient_scope"'),
    });
    assert.match(m, /the admin behind this API token may not do this/);
    assert.doesNotMatch(m, /access token|Okta API Scopes/);
  });

  it('names the missing scope for insufficient_scope', () => {
    const m = describeHttpError({
      ...base,
      authKind: 'oauth',
      status: 403,
      wwwAuthenticate: parseWwwAuthenticate(
        'Bearer error="insufficient_scope", scope="okta.authorizationServers.manage"',
      ),
    });
    assert.match(m, /lacks the scope okta\.authorizationServers\.manage/);
    assert.match(m, /Okta API Scopes/);
  });

  it('explains not found, rate limit and HTML gateway pages', () => {
    assert.match(
      describeHttpError({
        ...base,
        status: 404,
        body: { errorCode: 'E0000007', errorSummary: 'Not found: x' },
      }),
      /refresh and try again/,
    );
    assert.match(
      describeHttpError({
        ...base,
        status: 429,
        body: { errorCode: 'E0000047' },
        retriesSpent: 4,
        resetAt: new Date('2026-01-01T10:00:05Z'),
      }),
      /after 4 waits.*10:00:05 UTC.*concurrency/,
    );
    assert.match(
      describeHttpError({ ...base, status: 502, contentType: 'text/html' }),
      /HTML page instead of JSON/,
    );
  });

  it('maps DNS, refused, TLS and reset failures to specific advice', () => {
    const ctx = { method: 'GET', path: '/x', host: 'acme.okta.com', timeoutMs: 30000, sent: true };
    assert.equal(
      describeTransportError(Object.assign(new Error('x'), { code: 'ENOTFOUND' }), ctx).kind,
      'dns',
    );
    assert.match(
      describeTransportError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), ctx).message,
      /refused the connection/,
    );
    const tls = describeTransportError(
      Object.assign(new Error('self signed'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }),
      ctx,
    );
    assert.equal(tls.kind, 'tls');
    assert.match(tls.message, /NODE_EXTRA_CA_CERTS/);
    const reset = describeTransportError(
      Object.assign(new Error('other side closed'), { code: 'ECONNRESET' }),
      ctx,
    );
    assert.equal(reset.kind, 'network');
    assert.equal(reset.outcomeUnknown, true);
  });
});
