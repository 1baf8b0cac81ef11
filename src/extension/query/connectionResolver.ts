// Which saved connection runs a statement: the `-- connection: <name>` directive if present, else the
// connection whose org host starts with the statement's `subdomain` (acme → https://acme.okta.com) or
// whose name equals it (as written, or for a loopback org as the DNS label `connectionLabel` makes of
// it: "Demo org" → demo-org, which the analyzer accepts). A lone loopback connection (the emulator) also
// answers any subdomain, so the demo's queries run as written. Pure (no vscode), unit tested.
import { connectionLabel, nameLabel, subdomainOfUrl } from '../../okta/orgUrl';
import { isSubdomainLabel, subdomainProblem } from '../../query/subdomain';

export interface ConnectionLike {
  id: string;
  name: string;
  orgUrl: string;
}

export type Resolution =
  { ok: true; connection: ConnectionLike; via: string } | { ok: false; message: string };

// The rules themselves (loopback, host label, name label) live with the org URL rules in okta/orgUrl.ts.
export { connectionLabel, subdomainOfUrl };

/** How a statement names the connection it runs on. */
export interface StatementTarget {
  /** For a `-- connection: <name>` line: an org with no host label of its own (loopback) needs one. */
  connection?: string;
  /** For `subdomain = '…'`: always one DNS label, so the analyzer accepts it. */
  subdomain?: string;
}

/**
 * The one way a connection becomes part of a statement — Open as Query, Copy as Query and the subdomain
 * completion and quick fixes offer: `subdomain = '<first host label>'`; for a loopback org, a
 * `-- connection: <name>` line plus the name as a DNS label, so the statement still picks it when the
 * line is dropped. Never the host itself ('127.0.0.1:8080', 'login.example.com'), which the analyzer refuses.
 */
export function statementTarget(c: Pick<ConnectionLike, 'name' | 'orgUrl'>): StatementTarget {
  const subdomain = connectionLabel(c);
  // A name with a line break could not stay inside its comment line.
  const connection = subdomainOfUrl(c.orgUrl) === undefined && !/[\r\n]/.test(c.name) ? c.name : undefined;
  return { ...(connection ? { connection } : {}), ...(subdomain ? { subdomain } : {}) };
}

/** Every connection a subdomain names: by its org host's first label, its name, or (loopback) its name as a label. */
function connectionsFor(connections: ConnectionLike[], subdomain: string): ConnectionLike[] {
  const want = subdomain.toLowerCase();
  return connections.filter(
    (x) =>
      subdomainOfUrl(x.orgUrl)?.toLowerCase() === want ||
      x.name.toLowerCase() === want ||
      (subdomainOfUrl(x.orgUrl) === undefined && nameLabel(x.name) === want),
  );
}

/**
 * The subdomain to offer for each connection (completion, the missing-subdomain quick fix): its label,
 * unless that label would also pick another connection — then none, and the user names it with a
 * "-- connection:" line.
 */
export function offeredLabels(connections: ConnectionLike[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of connections) {
    const label = statementTarget(c).subdomain;
    if (label && connectionsFor(connections, label).length === 1) out.set(c.id, label);
  }
  return out;
}

export function resolveConnection(
  connections: ConnectionLike[],
  subdomain: string | undefined,
  directive: string | undefined,
): Resolution {
  if (connections.length === 0)
    return {
      ok: false,
      message: 'No Okta connection is saved. Add one in the Okta Tokens view, then run again.',
    };
  // The statement text must not be able to aim a saved connection's credential elsewhere, nor match
  // a connection by a look-alike: anything but one DNS label is refused before any lookup.
  if (subdomain !== undefined && !isSubdomainLabel(subdomain))
    return { ok: false, message: `Not run: ${subdomainProblem(subdomain)}.` };
  const eq = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  if (directive) {
    const c = connections.find((x) => eq(x.name, directive) || x.id === directive);
    return c
      ? { ok: true, connection: c, via: `-- connection: ${directive}` }
      : {
          ok: false,
          message: `No saved connection is named "${directive}" (from the -- connection: directive). Saved: ${connections.map((x) => x.name).join(', ')}.`,
        };
  }
  if (subdomain) {
    const matches = connectionsFor(connections, subdomain);
    // Two orgs answering one subdomain (an emulator named "acme dev" and https://acme-dev.okta.com):
    // picking either could revoke tokens in the wrong org, so the statement must say which.
    if (matches.length > 1)
      return {
        ok: false,
        message: `Not run: subdomain = '${subdomain}' matches several saved connections (${matches.map((x) => `"${x.name}"`).join(', ')}). Add a "-- connection: <name>" line above the statement to pick one.`,
      };
    if (matches.length === 1) return { ok: true, connection: matches[0]!, via: `subdomain = '${subdomain}'` };
  }
  const loopback = connections.filter((x) => subdomainOfUrl(x.orgUrl) === undefined);
  if (loopback.length === 1 && connections.length === 1)
    return { ok: true, connection: loopback[0]!, via: 'the only (local emulator) connection' };
  return {
    ok: false,
    message: subdomain
      ? `No saved connection matches subdomain '${subdomain}'. Add a connection for https://${subdomain}.okta.com, or name one with a "-- connection: <name>" line above the statement (for custom domains).`
      : 'The statement names no subdomain and no "-- connection: <name>" line; add one so it is clear which org it runs against.',
  };
}
