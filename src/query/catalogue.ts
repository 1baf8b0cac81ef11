// Typed access to the generated catalogue (catalogue/okta.catalogue.json, made by
// scripts/gen-catalogue.mjs from Okta's OpenAPI spec): name lookups for the analyzer, completion and
// hover, plus the "did you mean" suggestion used in diagnostics.
import raw from './catalogue/okta.catalogue.json';

export type SqlVerb = 'select' | 'insert' | 'update' | 'replace' | 'delete' | 'exec';

export interface CatalogueParam {
  name: string;
  in: 'server' | 'path' | 'query';
  type: string;
  format?: string;
  required: boolean;
  enum?: string[];
  description?: string;
  maximum?: number;
}
export interface CatalogueMethod {
  name: string;
  operationId: string;
  sqlVerb: SqlVerb;
  httpMethod: string;
  path: string;
  returns: 'list' | 'object' | 'none';
  required: string[];
  optional: string[];
  hasBody: boolean;
  summary: string;
  description: string;
  oauthScopes: string[];
  params: CatalogueParam[];
}
export interface CatalogueField {
  name: string;
  type: string;
  format?: string;
  enum?: string[];
  description?: string;
  example?: string;
}
export interface CatalogueResource {
  name: string;
  id: string;
  methods: CatalogueMethod[];
  fields: CatalogueField[];
}
export interface CatalogueService {
  name: string;
  description: string;
  resources: Record<string, CatalogueResource>;
}
export interface Catalogue {
  generatedFrom: string;
  specVersion: string;
  provider: string;
  services: Record<string, CatalogueService>;
}

export const catalogue = raw as unknown as Catalogue;
export const PROVIDER = catalogue.provider;

export function services(): CatalogueService[] {
  return Object.values(catalogue.services);
}
export function findService(name: string): CatalogueService | undefined {
  return catalogue.services[name.toLowerCase()];
}
export function findResource(service: string, resource: string): CatalogueResource | undefined {
  return findService(service)?.resources[resource.toLowerCase()];
}
export function allResources(): CatalogueResource[] {
  return services().flatMap((s) => Object.values(s.resources));
}

const fieldIndex = new Map<CatalogueResource, Map<string, CatalogueField>>();
const paramIndex = new Map<string, { list: CatalogueParam[]; byName: Map<string, CatalogueParam> }>();

/** Field lookup; names are matched exactly first, then case-insensitively (SQL habit). */
export function findField(r: CatalogueResource, name: string): CatalogueField | undefined {
  let m = fieldIndex.get(r);
  if (!m) {
    m = new Map();
    for (const f of r.fields) {
      m.set(f.name, f);
      if (!m.has(f.name.toLowerCase())) m.set(f.name.toLowerCase(), f);
    }
    fieldIndex.set(r, m);
  }
  return m.get(name) ?? m.get(name.toLowerCase());
}

function paramEntry(
  r: CatalogueResource,
  verb: SqlVerb,
): { list: CatalogueParam[]; byName: Map<string, CatalogueParam> } {
  const key = `${r.id}:${verb}`;
  let e = paramIndex.get(key);
  if (!e) {
    const m = new Map<string, CatalogueParam>();
    const methods = r.methods.filter((x) => x.sqlVerb === verb);
    const requiredEverywhere = (n: string) => methods.every((x) => x.required.includes(n));
    const all = methods.flatMap((x) => x.params);
    const sorted = [...all].sort(
      (a, b) =>
        Number(requiredEverywhere(b.name)) - Number(requiredEverywhere(a.name)) ||
        Number(b.required) - Number(a.required),
    );
    for (const p of sorted) if (!m.has(p.name)) m.set(p.name, p);
    const list = [...m.values()];
    const byName = new Map<string, CatalogueParam>();
    for (const p of list) byName.set(p.name, p);
    for (const p of list) if (!byName.has(p.name.toLowerCase())) byName.set(p.name.toLowerCase(), p);
    e = { list, byName };
    paramIndex.set(key, e);
  }
  return e;
}

/** Parameters accepted by any method of the verb, in required-first order (shared array: do not modify). */
export function paramsFor(r: CatalogueResource, verb: SqlVerb): readonly CatalogueParam[] {
  return paramEntry(r, verb).list;
}
export function findParam(r: CatalogueResource, verb: SqlVerb, name: string): CatalogueParam | undefined {
  const m = paramEntry(r, verb).byName;
  return m.get(name) ?? m.get(name.toLowerCase());
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** The closest candidate within a distance that scales with the word length, if any. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  const allowed = Math.max(2, Math.floor(w.length / 3));
  return best !== undefined && bestD <= allowed ? best : undefined;
}
