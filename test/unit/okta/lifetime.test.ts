// "Why it expires" on policies and rules shaped like Okta's (AuthorizationServerPolicy / PolicyRule from
// the spec, parsed by the client's parsers): priority order, the client, people, grant type and scope
// conditions, the lifetimes and idle window of the matching rule, the app's rotation and leeway, the
// deadlines, and the warnings for numbers Okta's constraints rule out.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseApplication, parsePolicy, parsePolicyRule } from '../../../src/okta';
import { explainLifetime, type LifetimeInput } from '../../../src/okta/lifetime';

const CLIENT = '0oaSPA';
const USER = '00uKAREN';

function policy(id: string, priority: number, clients: string[] = ['ALL_CLIENTS'], status = 'ACTIVE') {
  return parsePolicy({
    id,
    type: 'OAUTH_AUTHORIZATION_POLICY',
    name: `Policy ${id}`,
    priority,
    status,
    conditions: { clients: { include: clients } },
    _links: {},
  });
}

function rule(
  id: string,
  priority: number,
  o: {
    groups?: string[];
    users?: string[];
    grantTypes?: string[];
    scopes?: string[];
    access?: number;
    refresh?: number;
    window?: number;
    status?: string;
  } = {},
) {
  return parsePolicyRule({
    id,
    type: 'RESOURCE_ACCESS',
    name: `Rule ${id}`,
    priority,
    status: o.status ?? 'ACTIVE',
    conditions: {
      people: {
        users: { include: o.users ?? [], exclude: [] },
        groups: { include: o.groups ?? ['EVERYONE'], exclude: [] },
      },
      grantTypes: { include: o.grantTypes ?? ['authorization_code'] },
      scopes: { include: o.scopes ?? ['*'] },
    },
    actions: {
      token: {
        accessTokenLifetimeMinutes: o.access ?? 60,
        refreshTokenLifetimeMinutes: o.refresh ?? 0,
        refreshTokenWindowMinutes: o.window ?? 10080,
      },
    },
    _links: {},
  });
}

function app(rotation?: { rotation_type: string; leeway?: number }, applicationType = 'browser') {
  return parseApplication({
    id: CLIENT,
    name: 'oidc_client',
    label: 'My SPA',
    signOnMode: 'OPENID_CONNECT',
    credentials: { oauthClient: { client_id: CLIENT, token_endpoint_auth_method: 'none' } },
    settings: {
      oauthClient: {
        application_type: applicationType,
        grant_types: ['authorization_code', 'refresh_token'],
        redirect_uris: ['http://localhost:3000/cb'],
        ...(rotation ? { refresh_token: rotation } : {}),
      },
    },
    _links: {},
  });
}

const token = {
  userId: USER,
  clientId: CLIENT,
  status: 'ACTIVE',
  created: '2026-12-01T10:00:00.000Z',
  lastUpdated: '2026-12-01T10:00:00.000Z',
  expiresAt: '2026-12-31T10:00:00.000Z',
  scopes: ['openid', 'offline_access', 'payments:read'],
};

function input(o: Partial<LifetimeInput>): LifetimeInput {
  return { token, clientId: CLIENT, policies: [], app: app({ rotation_type: 'ROTATE', leeway: 15 }), ...o };
}

describe('which policy and rule set a token’s lifetime', () => {
  it('evaluates policies by priority (1 first), whatever order Okta lists them in', () => {
    const x = explainLifetime(
      input({
        policies: [
          { policy: policy('p2', 2), rules: [rule('r2', 1, { window: 600 })] },
          { policy: policy('p1', 1), rules: [rule('r1', 1, { window: 300 })] },
        ],
      }),
    );
    assert.equal(x.matched?.policy.id, 'p1');
    assert.equal(x.matched?.rule.id, 'r1');
    assert.equal(x.idleWindowMinutes, 300);
    assert.deepEqual(
      x.evaluated.map((v) => [v.policyId, v.ruleId, v.verdict]),
      [
        ['p1', undefined, 'matches'],
        ['p1', 'r1', 'matches'],
        ['p2', undefined, 'no'],
      ],
    );
  });

  it('skips a policy for other clients and an inactive one; rules go by priority too', () => {
    const x = explainLifetime(
      input({
        policies: [
          { policy: policy('partners', 1, ['0oaPARTNER']), rules: [rule('rp', 1)] },
          { policy: policy('off', 2, ['ALL_CLIENTS'], 'INACTIVE'), rules: [rule('ro', 1)] },
          {
            policy: policy('default', 3),
            rules: [rule('late', 2, { access: 30 }), rule('early', 1, { access: 15 })],
          },
        ],
      }),
    );
    assert.equal(x.matched?.rule.id, 'early');
    assert.equal(x.accessTokenMinutes, 15);
    const partners = x.evaluated.find((v) => v.policyId === 'partners');
    assert.deepEqual(partners?.reasons, [{ code: 'client-not-included', clientId: CLIENT }]);
    assert.equal(x.evaluated.find((v) => v.policyId === 'off')?.verdict, 'inactive');
  });

  it("passes over a rule whose scopes leave out one of the token's (OIDC scopes are granted by default)", () => {
    const x = explainLifetime(
      input({
        policies: [
          {
            policy: policy('p', 1),
            rules: [
              rule('narrow', 1, { scopes: ['profile:read'] }),
              rule('payments', 2, { scopes: ['payments:read'], window: 120 }),
            ],
          },
        ],
      }),
    );
    assert.equal(x.matched?.rule.id, 'payments');
    const narrow = x.evaluated.find((v) => v.ruleId === 'narrow');
    assert.deepEqual(narrow?.reasons, [{ code: 'scope-not-included', scopes: ['payments:read'] }]);
  });

  it('a group condition it cannot check makes the rule "maybe" and the answer uncertain; known groups decide', () => {
    const policies = [
      {
        policy: policy('p', 1),
        rules: [rule('admins', 1, { groups: ['00gADMINS'], window: 30 }), rule('all', 2, { window: 600 })],
      },
    ];
    const unknown = explainLifetime(input({ policies }));
    assert.equal(unknown.evaluated.find((v) => v.ruleId === 'admins')?.verdict, 'maybe');
    assert.equal(unknown.matched?.rule.id, 'all');
    assert.ok(unknown.warnings.some((w) => w.code === 'uncertain-match'));
    assert.equal(explainLifetime(input({ policies, userGroups: ['00gADMINS'] })).matched?.rule.id, 'admins');
    assert.equal(explainLifetime(input({ policies, userGroups: ['00gOTHER'] })).matched?.rule.id, 'all');
    // A rule naming the user directly matches without any group.
    const named = [
      { policy: policy('p', 1), rules: [rule('me', 1, { users: [USER], groups: ['00gADMINS'] })] },
    ];
    assert.equal(explainLifetime(input({ policies: named })).matched?.rule.id, 'me');
  });

  it('a rule for other grant types does not match the code flow the app signs in with', () => {
    const x = explainLifetime(
      input({
        policies: [
          {
            policy: policy('p', 1),
            rules: [rule('machines', 1, { grantTypes: ['client_credentials'] }), rule('people', 2)],
          },
        ],
      }),
    );
    assert.equal(x.matched?.rule.id, 'people');
    assert.deepEqual(x.evaluated.find((v) => v.ruleId === 'machines')?.reasons, [
      { code: 'grant-type-not-included', grantTypes: ['authorization_code'] },
    ]);
  });

  it('no rule of the first policy taking the client matches: says so (Okta would refuse the request)', () => {
    const x = explainLifetime(
      input({ policies: [{ policy: policy('p', 1), rules: [rule('r', 1, { scopes: ['other'] })] }] }),
    );
    assert.equal(x.matched, undefined);
    assert.ok(x.warnings.some((w) => w.code === 'no-matching-rule'));
  });
});

describe('the numbers and deadlines', () => {
  it("a rotating app's token keeps the original expiry; its idle window runs from its own creation", () => {
    const x = explainLifetime(
      input({
        policies: [
          { policy: policy('p', 1), rules: [rule('r', 1, { access: 60, refresh: 43200, window: 1440 })] },
        ],
      }),
    );
    assert.equal(x.rotation, 'ROTATE');
    assert.equal(x.leewaySeconds, 15);
    assert.equal(x.keepsOriginalExpiry, true);
    assert.equal(x.refreshTokenMinutes, 43200);
    assert.equal(x.expiresAt, token.expiresAt, "Okta's expiresAt stands (inherited through rotations)");
    assert.equal(x.idleFrom, token.created);
    assert.equal(x.idleDeadline, '2026-12-02T10:00:00.000Z');
    assert.deepEqual(x.deadline, { at: '2026-12-02T10:00:00.000Z', by: 'idle' });
    assert.deepEqual(x.warnings, []);
  });

  it('warns when the idle window is not between the access and the refresh lifetime', () => {
    const below = explainLifetime(
      input({
        policies: [
          { policy: policy('p', 1), rules: [rule('r', 1, { access: 120, refresh: 1440, window: 60 })] },
        ],
      }),
    );
    assert.deepEqual(below.warnings, [{ code: 'idle-below-access', idleMinutes: 60, accessMinutes: 120 }]);
    const above = explainLifetime(
      input({
        policies: [
          { policy: policy('p', 1), rules: [rule('r', 1, { access: 60, refresh: 1440, window: 10080 })] },
        ],
      }),
    );
    assert.deepEqual(above.warnings, [
      { code: 'idle-above-refresh', idleMinutes: 10080, refreshMinutes: 1440 },
    ]);
  });

  it('a refresh lifetime of 0 reads as unlimited, flagged as what Okta only implies; then the expiry deadline stands', () => {
    const x = explainLifetime(
      input({
        token: { ...token, created: '2026-12-30T10:00:00.000Z' },
        policies: [{ policy: policy('p', 1), rules: [rule('r', 1, { refresh: 0, window: 10080 })] }],
      }),
    );
    assert.equal(x.refreshTokenMinutes, undefined);
    assert.ok(x.warnings.some((w) => w.code === 'refresh-zero-unconfirmed'));
    assert.deepEqual(x.deadline, { at: token.expiresAt, by: 'lifetime' });
  });

  it("the app's rotation defaults: ROTATE for a browser app, STATIC otherwise, leeway 30 s", () => {
    const rules = [{ policy: policy('p', 1), rules: [rule('r', 1)] }];
    const spa = explainLifetime(input({ policies: rules, app: app(undefined, 'browser') }));
    assert.deepEqual([spa.rotation, spa.leewaySeconds, spa.defaulted.rotation], ['ROTATE', 30, true]);
    const web = explainLifetime(input({ policies: rules, app: app(undefined, 'web') }));
    assert.equal(web.rotation, 'STATIC');
    assert.equal(web.keepsOriginalExpiry, false);
    assert.ok(web.warnings.some((w) => w.code === 'static-idle-basis'));
  });

  it('the org authorization server: 90 days, no idle window, no policies', () => {
    const x = explainLifetime(input({ orgServer: true }));
    assert.equal(x.refreshTokenMinutes, 90 * 24 * 60);
    assert.equal(x.idleWindowMinutes, undefined);
    assert.deepEqual(x.deadline, { at: token.expiresAt, by: 'lifetime' });
  });
});
