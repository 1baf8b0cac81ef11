// Why a refresh token expires when it does: which access policy and rule of its authorization server
// matched (Okta evaluates policies by priority, 1 first, and the rules of the first policy whose clients
// match, by priority; the first rule whose people, grant type and scope conditions match wins), the
// token lifetimes and idle window that rule sets, the app's rotation type and leeway, and the deadlines
// that follow: the expiry (a rotated token keeps the original one, so Okta's expiresAt stands) and the
// idle deadline (the window restarts at every refresh). Warnings where the rule's numbers break Okta's
// constraints (the idle window must lie between the access and the refresh lifetime). What cannot be
// checked from here — group membership, the grant the app signed in with — makes a rule "maybe" instead
// of a guess. Reasons are codes with values; the extension and the CLI put them in words.
// Sources: Okta's customize-authz-server, configure-access-policy and refresh-tokens guides.

import type { OktaClient } from './client';
import {
  appClientId,
  type Application,
  type AuthorizationServerPolicy,
  type AuthorizationServerPolicyRule,
  type OAuth2RefreshToken,
} from './models';

/** Scopes a rule grants without listing them (Okta: "a rule grants the OIDC scopes by default"). */
export const OIDC_SCOPES = new Set([
  'openid',
  'profile',
  'email',
  'address',
  'phone',
  'offline_access',
  'groups',
  'device_sso',
]);

/** Grants that return a refresh token (with offline_access): the ones that can start a chain. */
export const REFRESH_GRANTS = [
  'authorization_code',
  'password',
  'interaction_code',
  'urn:ietf:params:oauth:grant-type:device_code',
  'urn:ietf:params:oauth:grant-type:token-exchange',
  'urn:ietf:params:oauth:grant-type:jwt-bearer',
  'urn:ietf:params:oauth:grant-type:saml2-bearer',
  'urn:openid:params:grant-type:ciba',
];

export const DEFAULTS = {
  accessTokenLifetimeMinutes: 60,
  refreshTokenWindowMinutes: 10_080,
  leewaySeconds: 30,
  /** The org authorization server's fixed refresh lifetime: 90 days, no idle window. */
  orgServerRefreshMinutes: 90 * 24 * 60,
};

export type Reason =
  | { code: 'inactive' }
  | { code: 'client-not-included'; clientId: string }
  | { code: 'user-excluded' }
  | { code: 'user-not-included' }
  | { code: 'group-excluded'; groups: string[] }
  | { code: 'group-unknown'; groups: string[] }
  | { code: 'grant-type-not-included'; grantTypes: string[] }
  | { code: 'grant-type-unknown'; grantTypes: string[]; candidates: string[] }
  | { code: 'scope-not-included'; scopes: string[] }
  | { code: 'earlier-policy-matched' };

export type Verdict = 'matches' | 'no' | 'maybe' | 'inactive';

export interface RuleVerdict {
  policyId: string;
  policyName?: string;
  policyPriority?: number;
  /** Undefined for the policy's own verdict (its client condition). */
  ruleId?: string;
  ruleName?: string;
  rulePriority?: number;
  verdict: Verdict;
  reasons: Reason[];
}

export type Warning =
  | { code: 'idle-below-access'; idleMinutes: number; accessMinutes: number }
  | { code: 'idle-above-refresh'; idleMinutes: number; refreshMinutes: number }
  | { code: 'refresh-below-access'; refreshMinutes: number; accessMinutes: number }
  | { code: 'no-matching-rule' }
  | { code: 'uncertain-match' }
  | { code: 'refresh-zero-unconfirmed' }
  | { code: 'static-idle-basis' };

export interface LifetimeExplanation {
  orgServer: boolean;
  evaluated: RuleVerdict[];
  matched?: { policy: AuthorizationServerPolicy; rule: AuthorizationServerPolicyRule };
  accessTokenMinutes: number;
  /** Undefined: unlimited. */
  refreshTokenMinutes?: number;
  /** Undefined: no idle window (the org server). */
  idleWindowMinutes?: number;
  /** Which numbers are Okta's defaults because the rule does not set them. */
  defaulted: { access: boolean; refresh: boolean; idle: boolean; rotation: boolean; leeway: boolean };
  rotation: 'ROTATE' | 'STATIC';
  leewaySeconds: number;
  /** With ROTATE, each refresh issues a new token that keeps this one's expiry. */
  keepsOriginalExpiry: boolean;
  /** Okta's expiresAt (the lifetime deadline; inherited through rotations). */
  expiresAt?: string;
  /** When the idle window started: the token's creation (ROTATE) or its last update (STATIC). */
  idleFrom?: string;
  idleDeadline?: string;
  /** Which deadline comes first, and when. */
  deadline?: { at: string; by: 'lifetime' | 'idle' };
  warnings: Warning[];
}

export interface LifetimeInput {
  token: Pick<
    OAuth2RefreshToken,
    'created' | 'lastUpdated' | 'expiresAt' | 'scopes' | 'clientId' | 'userId' | 'status'
  >;
  clientId: string;
  policies: { policy: AuthorizationServerPolicy; rules: AuthorizationServerPolicyRule[] }[];
  app?: Application;
  /** The user's group ids, when known; otherwise group conditions are "maybe". */
  userGroups?: string[];
  /** The grant that started the chain, when known; otherwise the app's grants that issue refresh tokens. */
  grantType?: string;
  /** The org authorization server (fixed lifetimes, no policies). */
  orgServer?: boolean;
}

function byPriority<T extends { priority?: number }>(xs: readonly T[]): T[] {
  // Priority 1 is evaluated first; a missing priority goes last, keeping Okta's list order otherwise.
  return xs
    .map((x, i) => ({ x, i }))
    .sort((a, b) => (a.x.priority ?? Infinity) - (b.x.priority ?? Infinity) || a.i - b.i)
    .map((p) => p.x);
}

function list(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function cond(rule: AuthorizationServerPolicyRule, ...path: string[]): unknown {
  let v: unknown = rule.conditions;
  for (const p of path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
  return v;
}

function isActive(x: { status?: string }): boolean {
  return x.status === undefined || x.status === 'ACTIVE';
}

/** Does the policy's client condition take this client? */
export function policyTakesClient(policy: AuthorizationServerPolicy, clientId: string): boolean {
  const include = list(policy.conditions?.clients?.include);
  return include.length === 0 || include.includes('ALL_CLIENTS') || include.includes(clientId);
}

/** The candidate grant types when the chain's first grant is not known. */
function grantCandidates(input: LifetimeInput): { types: string[]; known: boolean } {
  if (input.grantType) return { types: [input.grantType], known: true };
  const appGrants = list(input.app?.settings?.oauthClient?.grant_types).filter((g) =>
    REFRESH_GRANTS.includes(g),
  );
  return { types: appGrants.length ? appGrants : ['authorization_code'], known: false };
}

/** One rule against the token's user, grant and scopes. */
export function ruleVerdict(
  rule: AuthorizationServerPolicyRule,
  input: LifetimeInput,
): { verdict: Verdict; reasons: Reason[] } {
  if (!isActive(rule)) return { verdict: 'inactive', reasons: [{ code: 'inactive' }] };
  const reasons: Reason[] = [];
  let maybe = false;
  let no = false;
  const userId = input.token.userId;
  // People: included users OR included groups (EVERYONE, or none listed, takes everyone); exclusions win.
  const usersIn = list(cond(rule, 'people', 'users', 'include'));
  const usersOut = list(cond(rule, 'people', 'users', 'exclude'));
  const groupsIn = list(cond(rule, 'people', 'groups', 'include'));
  const groupsOut = list(cond(rule, 'people', 'groups', 'exclude'));
  if (userId && usersOut.includes(userId)) {
    no = true;
    reasons.push({ code: 'user-excluded' });
  }
  const groups = input.userGroups;
  if (groupsOut.length) {
    if (groups?.some((g) => groupsOut.includes(g))) {
      no = true;
      reasons.push({ code: 'group-excluded', groups: groupsOut.filter((g) => groups.includes(g)) });
    } else if (!groups) {
      maybe = true;
      reasons.push({ code: 'group-unknown', groups: groupsOut });
    }
  }
  const everyone = groupsIn.includes('EVERYONE') || (usersIn.length === 0 && groupsIn.length === 0);
  if (!everyone && !(userId && usersIn.includes(userId))) {
    if (groupsIn.length === 0) {
      no = true;
      reasons.push({ code: 'user-not-included' });
    } else if (groups) {
      if (!groups.some((g) => groupsIn.includes(g))) {
        no = true;
        reasons.push({ code: 'user-not-included' });
      }
    } else {
      maybe = true;
      reasons.push({ code: 'group-unknown', groups: groupsIn });
    }
  }
  // Grant type of the request that started the chain.
  const grantsIn = list(cond(rule, 'grantTypes', 'include'));
  if (grantsIn.length) {
    const c = grantCandidates(input);
    const ok = c.types.filter((g) => grantsIn.includes(g));
    if (ok.length === 0) {
      no = true;
      reasons.push({ code: 'grant-type-not-included', grantTypes: c.types });
    } else if (ok.length < c.types.length) {
      // The app may have signed in with a grant the rule does not take.
      maybe = true;
      reasons.push({ code: 'grant-type-unknown', grantTypes: grantsIn, candidates: c.types });
    }
  }
  // Scopes: every scope the token holds must be one the rule takes (or an OIDC scope).
  const scopesIn = list(cond(rule, 'scopes', 'include'));
  if (scopesIn.length && !scopesIn.includes('*')) {
    const missing = input.token.scopes.filter((s) => !scopesIn.includes(s) && !OIDC_SCOPES.has(s));
    if (missing.length) {
      no = true;
      reasons.push({ code: 'scope-not-included', scopes: missing });
    }
  }
  return { verdict: no ? 'no' : maybe ? 'maybe' : 'matches', reasons };
}

function addMinutes(iso: string | undefined, minutes: number): string | undefined {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(t) ? new Date(t + minutes * 60_000).toISOString() : undefined;
}

/** Explains a token's lifetime from its server's policies and rules and its app. Pure. */
export function explainLifetime(input: LifetimeInput): LifetimeExplanation {
  const evaluated: RuleVerdict[] = [];
  const warnings: Warning[] = [];
  let matched: LifetimeExplanation['matched'];
  let uncertain = false;
  if (!input.orgServer) {
    let policyHit = false;
    for (const policy of byPriority(input.policies.map((p) => ({ ...p, priority: p.policy.priority })))) {
      const p = policy.policy;
      const base = { policyId: p.id, policyName: p.name, policyPriority: p.priority };
      if (policyHit) {
        evaluated.push({ ...base, verdict: 'no', reasons: [{ code: 'earlier-policy-matched' }] });
        continue;
      }
      if (!isActive(p)) {
        evaluated.push({ ...base, verdict: 'inactive', reasons: [{ code: 'inactive' }] });
        continue;
      }
      if (!policyTakesClient(p, input.clientId)) {
        evaluated.push({
          ...base,
          verdict: 'no',
          reasons: [{ code: 'client-not-included', clientId: input.clientId }],
        });
        continue;
      }
      // The first policy that takes the client is the one evaluated; its rules decide.
      policyHit = true;
      evaluated.push({ ...base, verdict: 'matches', reasons: [] });
      for (const rule of byPriority(policy.rules)) {
        const v = ruleVerdict(rule, input);
        evaluated.push({
          ...base,
          ruleId: rule.id,
          ruleName: rule.name,
          rulePriority: rule.priority,
          ...v,
        });
        if (v.verdict === 'maybe') uncertain = true;
        if (v.verdict === 'matches') {
          matched = { policy: p, rule };
          break;
        }
      }
    }
    if (!matched) warnings.push({ code: 'no-matching-rule' });
    else if (uncertain) warnings.push({ code: 'uncertain-match' });
  }

  const t = matched?.rule.actions?.token ?? {};
  const access = input.orgServer ? 60 : (t.accessTokenLifetimeMinutes ?? DEFAULTS.accessTokenLifetimeMinutes);
  let refresh: number | undefined;
  let idle: number | undefined;
  if (input.orgServer) {
    refresh = DEFAULTS.orgServerRefreshMinutes;
    idle = undefined;
  } else {
    // Okta's default is "unlimited"; its examples show 0 for it, which the docs never state outright.
    refresh = t.refreshTokenLifetimeMinutes ? t.refreshTokenLifetimeMinutes : undefined;
    if (t.refreshTokenLifetimeMinutes === 0) warnings.push({ code: 'refresh-zero-unconfirmed' });
    idle = t.refreshTokenWindowMinutes ?? DEFAULTS.refreshTokenWindowMinutes;
  }
  if (matched || input.orgServer) {
    if (idle !== undefined && idle < access)
      warnings.push({ code: 'idle-below-access', idleMinutes: idle, accessMinutes: access });
    if (idle !== undefined && refresh !== undefined && idle > refresh)
      warnings.push({ code: 'idle-above-refresh', idleMinutes: idle, refreshMinutes: refresh });
    if (refresh !== undefined && refresh < access)
      warnings.push({ code: 'refresh-below-access', refreshMinutes: refresh, accessMinutes: access });
  }

  const rt = input.app?.settings?.oauthClient?.refresh_token;
  const appType = input.app?.settings?.oauthClient?.application_type;
  const rotation: 'ROTATE' | 'STATIC' =
    rt?.rotation_type === 'ROTATE' || rt?.rotation_type === 'STATIC'
      ? rt.rotation_type
      : appType === 'browser'
        ? 'ROTATE'
        : 'STATIC';
  const leeway = typeof rt?.leeway === 'number' ? rt.leeway : DEFAULTS.leewaySeconds;

  const tok = input.token;
  let idleFrom: string | undefined;
  if (idle !== undefined) {
    if (rotation === 'ROTATE') idleFrom = tok.created;
    else {
      // Okta does not say whether a refresh moves a STATIC token's lastUpdated; the later of the two is used.
      const c = tok.created ? Date.parse(tok.created) : NaN;
      const u = tok.lastUpdated ? Date.parse(tok.lastUpdated) : NaN;
      idleFrom = Number.isFinite(u) && (!Number.isFinite(c) || u > c) ? tok.lastUpdated : tok.created;
      warnings.push({ code: 'static-idle-basis' });
    }
  }
  const idleDeadline = idle === undefined ? undefined : addMinutes(idleFrom, idle);
  const exp = tok.expiresAt && Number.isFinite(Date.parse(tok.expiresAt)) ? tok.expiresAt : undefined;
  let deadline: LifetimeExplanation['deadline'];
  if (exp && idleDeadline)
    deadline =
      Date.parse(idleDeadline) < Date.parse(exp)
        ? { at: idleDeadline, by: 'idle' }
        : { at: exp, by: 'lifetime' };
  else if (exp) deadline = { at: exp, by: 'lifetime' };
  else if (idleDeadline) deadline = { at: idleDeadline, by: 'idle' };

  return {
    orgServer: !!input.orgServer,
    evaluated,
    matched,
    accessTokenMinutes: access,
    refreshTokenMinutes: refresh,
    idleWindowMinutes: idle,
    defaulted: {
      access: !input.orgServer && t.accessTokenLifetimeMinutes === undefined,
      refresh: !input.orgServer && t.refreshTokenLifetimeMinutes === undefined,
      idle: !input.orgServer && t.refreshTokenWindowMinutes === undefined,
      rotation: rt?.rotation_type !== 'ROTATE' && rt?.rotation_type !== 'STATIC',
      leeway: typeof rt?.leeway !== 'number',
    },
    rotation,
    leewaySeconds: leeway,
    keepsOriginalExpiry: rotation === 'ROTATE',
    expiresAt: exp,
    idleFrom,
    idleDeadline,
    deadline,
    warnings,
  };
}

/**
 * The app behind a client id. An app's client_id usually is its id, but Okta lets them differ, so a miss
 * looks through the apps' first pages for the one whose credentials name the client id.
 */
export async function findApp(
  client: Pick<OktaClient, 'getApplication' | 'listApplications'>,
  clientId: string,
  signal?: AbortSignal,
): Promise<Application | undefined> {
  try {
    const app = await client.getApplication(clientId, { signal });
    if (appClientId(app) === clientId) return app;
  } catch (e) {
    if ((e as { status?: number }).status !== 404) throw e;
  }
  for await (const page of client.listApplications({}, { signal }).pages({ maxPages: 5 }))
    for (const app of page.items) if (appClientId(app) === clientId) return app;
  return undefined;
}

/** Fetches what explainLifetime needs for a token on a custom server: policies, their rules, the app. */
export async function loadLifetimeInput(
  client: Pick<OktaClient, 'listPolicies' | 'listPolicyRules' | 'getApplication' | 'listApplications'>,
  authServerId: string,
  clientId: string,
  token: LifetimeInput['token'],
  signal?: AbortSignal,
): Promise<LifetimeInput> {
  const policies = await client.listPolicies(authServerId, { signal }).toArray({ maxPages: 5 });
  const withRules = await Promise.all(
    policies.map(async (policy) => ({
      policy,
      rules: await client.listPolicyRules(authServerId, policy.id, { signal }).toArray({ maxPages: 5 }),
    })),
  );
  const app = await findApp(client, clientId, signal).catch(() => undefined);
  return { token, clientId, policies: withRules, app };
}
