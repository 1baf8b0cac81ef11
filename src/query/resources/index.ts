// The one resource model: every StackQL resource this project knows, described once — its catalogue
// entry (generated from Okta's spec into catalogue/okta.catalogue.json, matched here by id), the client
// call behind each method, its parents and ids, how a row is named, which ids the editor completes and
// names. The executor runs methods from here (no method switch), the analyzer and SHOW METHODS read
// which methods can run, completion and hover read the ids, the CLI the revoke wording.
// Adding a resource: docs/architecture.md, "Adding a resource".
import { catalogue, type CatalogueMethod, type CatalogueResource } from '../catalogue';
import { APP_RESOURCES } from './apps';
import { AUTHORIZATION_SERVER_RESOURCES } from './authorizationServers';
import { LOG_RESOURCES } from './logs';
import type { IdKind, MethodBinding, Params, ResourceDescription } from './types';
import { USER_RESOURCES } from './users';

export type {
  GetBinding,
  IdKind,
  ListBinding,
  MethodBinding,
  Paging,
  Params,
  QueryClient,
  Relation,
  ResourceDescription,
  RevokeBinding,
} from './types';

export const RESOURCES: readonly ResourceDescription[] = [
  ...AUTHORIZATION_SERVER_RESOURCES,
  ...USER_RESOURCES,
  ...APP_RESOURCES,
  ...LOG_RESOURCES,
];

const byId = new Map(RESOURCES.map((r) => [r.id, r]));

/** The description of a catalogue resource (by its StackQL id), if this project describes it. */
export function describeResource(r: CatalogueResource | string | undefined): ResourceDescription | undefined {
  if (r === undefined) return undefined;
  return byId.get(typeof r === 'string' ? r : r.id);
}

/** The client call behind a method, or undefined when this project cannot run it. */
export function bindingOf(r: CatalogueResource, method: CatalogueMethod | string): MethodBinding | undefined {
  return describeResource(r)?.methods[typeof method === 'string' ? method : method.name];
}

/** True when this project can run the method (SHOW METHODS marks the others). */
export function canRun(r: CatalogueResource, method: CatalogueMethod | string): boolean {
  return bindingOf(r, method) !== undefined;
}

/** The resource's catalogue methods of a verb that can run here. */
export function runnableMethods(r: CatalogueResource, verb: CatalogueMethod['sqlVerb']): CatalogueMethod[] {
  return r.methods.filter((m) => m.sqlVerb === verb && canRun(r, m));
}

/** Resources some of whose methods revoke refresh tokens (DELETE / EXEC of a revoke method). */
export function revokes(r: CatalogueResource | undefined): boolean {
  const d = describeResource(r);
  return !!d && Object.values(d.methods).some((m) => m.kind === 'revoke');
}

const ID_KINDS: readonly IdKind[] = ['authServerId', 'clientId', 'tokenId', 'userId'];

/**
 * Which kind of loaded id a parameter or field takes values from, for completion and hover: the
 * resource's own `ids`, or, without a resource, a parameter named like one of the kinds.
 */
export function idKindOf(r: CatalogueResource | undefined, name: string): IdKind | undefined {
  const d = describeResource(r);
  if (d) return d.ids[name];
  return (ID_KINDS as readonly string[]).includes(name) ? (name as IdKind) : undefined;
}

/** What a revoke method revokes, in words, for confirmations (CLI, editor). */
export function revokeTarget(r: CatalogueResource, p: Params, bulk: boolean): string {
  const d = describeResource(r);
  return d?.revokeTarget?.(p, bulk) ?? (bulk ? `ALL ${d?.noun ?? 'item'}s` : `${d?.noun ?? 'item'}`);
}

/**
 * Every catalogue resource has a description and every binding names a method of its resource: a
 * resource added to the catalogue without one, or a binding left behind by a renamed method, fails here
 * (checked by test/unit/query/resources.test.ts).
 */
export function modelProblems(): string[] {
  const out: string[] = [];
  for (const svc of Object.values(catalogue.services))
    for (const r of Object.values(svc.resources)) {
      const d = byId.get(r.id);
      if (!d) {
        out.push(`${r.id} is in the catalogue but has no description in src/query/resources`);
        continue;
      }
      for (const name of Object.keys(d.methods))
        if (!r.methods.some((m) => m.name === name))
          out.push(`${r.id}: ${name} is not a method in the catalogue`);
      for (const rel of d.parents)
        if (!byId.has(rel.resource)) out.push(`${r.id}: parent ${rel.resource} is not described`);
    }
  for (const d of RESOURCES)
    if (!Object.values(catalogue.services).some((s) => Object.values(s.resources).some((r) => r.id === d.id)))
      out.push(`${d.id} is described but not in the catalogue (scripts/gen-catalogue.mjs SERVICES)`);
  return out;
}
