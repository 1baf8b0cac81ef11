// Validates emulator response bodies against the component schemas of Okta's official OpenAPI spec
// (the trimmed copy in vendor/okta/, made by scripts/trim-spec.mjs). The 3.4 MB YAML is parsed once and
// its schemas cached as JSON in the OS temp folder, keyed by the file's size and mtime.
// OpenAPI 3.0 differences handled here: `nullable: true` becomes a "null" type; boolean
// exclusiveMinimum/Maximum (draft-4 style) are dropped. On top of the spec, the top level of a body
// is closed: a field the schema does not declare is an error (the spec's schemas are all open).
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
export const SPEC_PATH = resolve(REPO_ROOT, 'vendor', 'okta', 'management-trimmed.yaml');

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Schema = { [k: string]: Json };

function convert(node: Json): Json {
  if (Array.isArray(node)) return node.map(convert);
  if (node === null || typeof node !== 'object') return node;
  const out: { [k: string]: Json } = {};
  for (const [k, v] of Object.entries(node)) {
    if ((k === 'exclusiveMinimum' || k === 'exclusiveMaximum') && typeof v === 'boolean') continue;
    if (k === 'example' || k === 'examples' || k.startsWith('x-')) continue;
    out[k] = convert(v);
  }
  if (out.nullable === false) delete out.nullable;
  if (out.nullable === true) {
    delete out.nullable;
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    else if (out.enum && Array.isArray(out.enum)) out.enum = [...out.enum, null];
    // `nullable` beside a $ref or allOf (OpenIdConnectApplication's settings do this): the thing or null.
    else return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

let schemasCache: Record<string, Schema> | undefined;

/** components.schemas of the spec, converted for Ajv (cached in memory and on disk). */
export function specSchemas(): Record<string, Schema> {
  if (schemasCache) return schemasCache;
  if (!existsSync(SPEC_PATH)) {
    throw new Error(
      `Okta's OpenAPI spec is missing at ${SPEC_PATH}; regenerate it with scripts/trim-spec.mjs (see vendor/okta/SOURCE.md).`,
    );
  }
  const st = statSync(SPEC_PATH);
  // The version names this conversion: a cache written by an older convert() is not reused.
  const cacheFile = join(tmpdir(), `okta-spec-schemas-v3-${st.size}-${Math.floor(st.mtimeMs)}.json`);
  if (existsSync(cacheFile)) {
    schemasCache = JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, Schema>;
    return schemasCache;
  }
  const doc = parse(readFileSync(SPEC_PATH, 'utf8')) as { components: { schemas: Record<string, Json> } };
  schemasCache = convert(doc.components.schemas as Json) as Record<string, Schema>;
  writeFileSync(cacheFile, JSON.stringify(schemasCache));
  return schemasCache;
}

let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();

function resolveProps(name: string): Set<string> {
  const schemas = specSchemas();
  const names = new Set<string>();
  const walk = (s: Json): void => {
    if (!s || typeof s !== 'object' || Array.isArray(s)) return;
    if (typeof s.$ref === 'string') walk(schemas[s.$ref.replace('#/components/schemas/', '')]);
    if (s.properties && typeof s.properties === 'object' && !Array.isArray(s.properties)) {
      for (const k of Object.keys(s.properties)) names.add(k);
    }
    if (Array.isArray(s.allOf)) s.allOf.forEach(walk);
  };
  walk(schemas[name]);
  return names;
}

/** Errors of `body` against components.schemas[name] (array bodies: pass `${name}[]`); [] when valid. */
export function schemaErrors(name: string, body: unknown): string[] {
  const isArray = name.endsWith('[]');
  const base = isArray ? name.slice(0, -2) : name;
  const schemas = specSchemas();
  if (!schemas[base]) throw new Error(`No schema ${base} in the spec`);
  if (!ajv) {
    ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    addFormats(ajv);
    ajv.addSchema({ $id: 'okta-spec', components: { schemas } });
  }
  let validate = validators.get(base);
  if (!validate) {
    validate = ajv.compile({ $ref: `okta-spec#/components/schemas/${base}` });
    validators.set(base, validate);
  }
  const items = isArray ? (Array.isArray(body) ? body : null) : [body];
  if (items === null) return [`expected an array of ${base}, got ${typeof body}`];
  const errors: string[] = [];
  const declared = resolveProps(base);
  items.forEach((item, i) => {
    const where = isArray ? `[${i}]` : '';
    if (!validate(item))
      for (const e of validate.errors ?? []) errors.push(`${where}${e.instancePath} ${e.message ?? ''}`);
    if (item && typeof item === 'object' && !Array.isArray(item)) {
      for (const k of Object.keys(item))
        if (!declared.has(k)) errors.push(`${where}/${k} is not a property of ${base}`);
    }
  });
  return errors;
}
