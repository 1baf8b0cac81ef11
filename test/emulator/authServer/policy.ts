// Which access-policy rule decides a token request, read from the same policy and rule bodies the
// Management API serves: policies by priority (1 first), the first ACTIVE one whose clients include the
// app (or ALL_CLIENTS); in it, the first ACTIVE rule whose grant types include the grant and whose
// scopes cover the request ('*' covers all). Okta: the first matching policy and rule win; none → the
// request fails (no_matching_policy).
import type { PolicyBodies } from '../serverConfig';

export interface MatchedRule {
  policyId: string;
  policyName: string;
  ruleId: string;
  ruleName: string;
  accessTokenLifetimeMinutes: number;
  /** 0: unlimited (Okta's reference shows 0 for "Unlimited"). */
  refreshTokenLifetimeMinutes: number;
  refreshTokenWindowMinutes: number;
}

type Body = Record<string, unknown>;
const get = (o: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Body)[k] : undefined), o);
const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
const byPriority = (a: Body, b: Body): number => Number(a.priority) - Number(b.priority);

export function matchRule(
  policies: readonly PolicyBodies[],
  clientId: string,
  grantType: string,
  scopes: readonly string[],
): MatchedRule | undefined {
  const ordered = [...policies].sort((a, b) => byPriority(a.policy, b.policy));
  const policy = ordered.find(
    (p) =>
      p.policy.status === 'ACTIVE' &&
      list(get(p.policy, 'conditions', 'clients', 'include')).some(
        (c) => c === 'ALL_CLIENTS' || c === clientId,
      ),
  );
  if (!policy) return undefined;
  const rule = [...policy.rules].sort(byPriority).find((r) => {
    if (r.status !== 'ACTIVE') return false;
    if (!list(get(r, 'conditions', 'grantTypes', 'include')).includes(grantType)) return false;
    const allowed = list(get(r, 'conditions', 'scopes', 'include'));
    return allowed.includes('*') || scopes.every((s) => allowed.includes(s));
  });
  if (!rule) return undefined;
  const token = get(rule, 'actions', 'token') as Body;
  return {
    policyId: String(policy.policy.id),
    policyName: String(policy.policy.name),
    ruleId: String(rule.id),
    ruleName: String(rule.name),
    accessTokenLifetimeMinutes: Number(token.accessTokenLifetimeMinutes),
    refreshTokenLifetimeMinutes: Number(token.refreshTokenLifetimeMinutes),
    refreshTokenWindowMinutes: Number(token.refreshTokenWindowMinutes),
  };
}
