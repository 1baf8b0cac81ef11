// Checks an org URL typed by the user before anything is sent to it. Pure (no vscode) so it is unit
// tested. The rules are the client's own (okta/orgUrl.ts: https only, plain http only for loopback, no
// user name or password, not the Admin Console host), so the form and the client cannot drift apart;
// the form adds that a single word is not a domain. The result is just the origin, so a stored token
// can only ever go to that one host.
import {
  checkOrgUrl as checkOktaOrgUrl,
  isLoopbackHost,
  type OrgUrlProblem as OktaProblem,
} from '../../okta/orgUrl';

export type OrgUrlProblem = OktaProblem | 'not-a-domain';

export type OrgUrlResult =
  { ok: true; origin: string } | { ok: false; problem: OrgUrlProblem; suggestion?: string };

export function checkOrgUrl(input: string): OrgUrlResult {
  const r = checkOktaOrgUrl(input);
  if (!r.ok) return r;
  const host = r.url.hostname;
  if (!isLoopbackHost(host) && !host.includes('.')) return { ok: false, problem: 'not-a-domain' };
  return { ok: true, origin: r.url.origin };
}
