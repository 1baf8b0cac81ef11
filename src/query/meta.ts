// Answers SHOW SERVICES | RESOURCES | METHODS and DESCRIBE [EXTENDED] from the static catalogue, with
// StackQL's column names so output looks familiar to StackQL users. SHOW METHODS adds a Runs column:
// whether this project runs the method (a read or a refresh-token revoke) or only knows it.
import type { ShowStmt } from './ast';
import { allResources, findResource, PROVIDER, services, type CatalogueResource } from './catalogue';
import type { MetaPlan } from './planner';
import { likeMatcher } from './like';
import { bindingOf } from './resources';

export function showPlan(
  stmt: ShowStmt,
  resource: CatalogueResource | undefined,
  serviceName: string | undefined,
): MetaPlan {
  const pat = stmt.like?.value;
  const matcher = pat === undefined ? undefined : likeMatcher(pat);
  const like = (value: string) => !matcher || matcher(value);
  if (stmt.what === 'providers') return { kind: 'meta', columns: ['name'], rows: [{ name: PROVIDER }] };
  if (stmt.what === 'services') {
    const rows = services()
      .filter((s) => like(s.name))
      .map((s) => ({ id: `${PROVIDER}.${s.name}`, name: s.name, title: s.description }));
    return { kind: 'meta', columns: ['id', 'name', 'title'], rows };
  }
  if (stmt.what === 'resources') {
    const list = serviceName ? Object.values(findServiceOrEmpty(serviceName)) : allResources();
    const rows = list
      .filter((r) => like(r.name))
      .map((r) => ({ name: r.name, id: r.id, ...(stmt.extended ? { methods: r.methods.length } : {}) }));
    return { kind: 'meta', columns: stmt.extended ? ['name', 'id', 'methods'] : ['name', 'id'], rows };
  }
  // METHODS
  const rows = (resource?.methods ?? [])
    .filter((m) => like(m.name))
    .map((m) => ({
      MethodName: m.name,
      RequiredParams: m.required.join(', '),
      SQLVerb: m.sqlVerb.toUpperCase(),
      Runs: runs(resource!, m.name),
      ...(stmt.extended
        ? {
            OptionalParams: m.optional.join(', '),
            HTTP: `${m.httpMethod} ${m.path}`,
            description: m.description,
          }
        : {}),
    }));
  return {
    kind: 'meta',
    columns: stmt.extended
      ? ['MethodName', 'RequiredParams', 'SQLVerb', 'Runs', 'OptionalParams', 'HTTP', 'description']
      : ['MethodName', 'RequiredParams', 'SQLVerb', 'Runs'],
    rows,
  };
}

/** 'yes', or why not: the method is known from Okta's spec but has no client call here. */
function runs(r: CatalogueResource, method: string): string {
  const b = bindingOf(r, method);
  if (!b) return 'no: not run by this extension';
  return b.kind === 'revoke' ? 'yes (revokes; asks to confirm)' : 'yes';
}

function findServiceOrEmpty(name: string): Record<string, CatalogueResource> {
  const r = services().find((s) => s.name === name)?.resources;
  return r ?? {};
}

export function describePlan(resource: CatalogueResource, extended: boolean): MetaPlan {
  const rows = resource.fields.map((f) => ({
    name: f.name,
    type: f.format ? `${f.type} (${f.format})` : f.type,
    ...(extended ? { description: f.description ?? '' } : {}),
  }));
  return { kind: 'meta', columns: extended ? ['name', 'type', 'description'] : ['name', 'type'], rows };
}

export { findResource };
