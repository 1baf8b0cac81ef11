// Answers SHOW SERVICES | RESOURCES | METHODS and DESCRIBE [EXTENDED] from the static catalogue, with
// StackQL's column names so output looks familiar to StackQL users.
import type { ShowStmt } from './ast';
import { allResources, findResource, PROVIDER, services, type CatalogueResource } from './catalogue';
import type { MetaPlan } from './planner';
import { likeMatcher } from './like';

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
      ? ['MethodName', 'RequiredParams', 'SQLVerb', 'OptionalParams', 'HTTP', 'description']
      : ['MethodName', 'RequiredParams', 'SQLVerb'],
    rows,
  };
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
