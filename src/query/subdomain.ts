// The `subdomain` parameter picks the org host (https://<subdomain>.okta.com) that receives the
// credential, so it must be exactly one DNS label: any '.', '/', '?', '#', '@' or ':' would let the
// statement text point the request, and the API token with it, at another host.

import { isDnsLabel } from '../okta/orgUrl';

/** One DNS label (the org-URL module's rule, which connection labels also follow). */
export function isSubdomainLabel(value: string): boolean {
  return isDnsLabel(value);
}

/** Why a subdomain is refused, in words a user can act on (the value is shortened, never a secret). */
export function subdomainProblem(value: string): string {
  const shown = value.length > 80 ? `${value.slice(0, 80)}…` : value;
  return `subdomain = '${shown}' is not a single DNS label (letters, digits and '-', at most 63, e.g. 'acme' for https://acme.okta.com); it decides which host receives the credential, so it is refused. For a custom domain, give --org-url or a "-- connection: <name>" line instead`;
}

/** The org URL for a subdomain; throws when the value is not one DNS label. */
export function orgUrlForSubdomain(value: string): string {
  if (!isSubdomainLabel(value)) throw new Error(subdomainProblem(value));
  return `https://${value.toLowerCase()}.okta.com`;
}
