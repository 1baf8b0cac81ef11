// Generates the query catalogue (src/query/catalogue/okta.catalogue.json) from Okta's official OpenAPI
// spec: the services (authorizationservers, users, apps, logs), their resources, their methods (SQL verb, HTTP method,
// path, required and optional parameters) and their row fields. The JSON is checked in; a unit test
// re-runs `buildCatalogue` and fails when the spec and the file drift apart.
//
// Usage: node scripts/gen-catalogue.mjs [--spec path/to/management-minimal.yaml] [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_SPEC = resolve(here, '../vendor/okta/management-trimmed.yaml');
export const OUTPUT = join(here, '../src/query/catalogue/okta.catalogue.json');

const AS = '/api/v1/authorizationServers';
// Service → resource → the spec paths that belong to it (or { paths, fieldsFrom: <schema> } when the
// rows are better described by a subtype than by the response schema). StackQL's okta provider groups the same paths
// under these names; keeping the mapping explicit means a new spec path never silently moves. What each
// resource's methods call, its ids and relations are described in src/query/resources/.
export const SERVICES = {
  authorizationservers: {
    description:
      'Okta custom authorization servers and what hangs off them: clients holding tokens, refresh tokens, scopes, claims, policies, rules, keys.',
    resources: {
      authorization_servers: [
        AS,
        `${AS}/{authServerId}`,
        `${AS}/{authServerId}/lifecycle/activate`,
        `${AS}/{authServerId}/lifecycle/deactivate`,
      ],
      clients: [`${AS}/{authServerId}/clients`],
      refresh_tokens: [
        `${AS}/{authServerId}/clients/{clientId}/tokens`,
        `${AS}/{authServerId}/clients/{clientId}/tokens/{tokenId}`,
      ],
      scopes: [`${AS}/{authServerId}/scopes`, `${AS}/{authServerId}/scopes/{scopeId}`],
      claims: [`${AS}/{authServerId}/claims`, `${AS}/{authServerId}/claims/{claimId}`],
      policies: [
        `${AS}/{authServerId}/policies`,
        `${AS}/{authServerId}/policies/{policyId}`,
        `${AS}/{authServerId}/policies/{policyId}/lifecycle/activate`,
        `${AS}/{authServerId}/policies/{policyId}/lifecycle/deactivate`,
      ],
      rules: [
        `${AS}/{authServerId}/policies/{policyId}/rules`,
        `${AS}/{authServerId}/policies/{policyId}/rules/{ruleId}`,
        `${AS}/{authServerId}/policies/{policyId}/rules/{ruleId}/lifecycle/activate`,
        `${AS}/{authServerId}/policies/{policyId}/rules/{ruleId}/lifecycle/deactivate`,
      ],
      keys: [
        `${AS}/{authServerId}/credentials/keys`,
        `${AS}/{authServerId}/credentials/keys/{keyId}`,
        `${AS}/{authServerId}/credentials/lifecycle/keyRotate`,
      ],
      associated_servers: [
        `${AS}/{authServerId}/associatedServers`,
        `${AS}/{authServerId}/associatedServers/{associatedServerId}`,
      ],
    },
  },
  users: {
    description:
      'Okta users, the OAuth clients holding their tokens or grants, their refresh tokens per client, and their consent grants.',
    resources: {
      users: ['/api/v1/users', '/api/v1/users/{id}'],
      user_clients: ['/api/v1/users/{userId}/clients'],
      oauth_tokens: [
        '/api/v1/users/{userId}/clients/{clientId}/tokens',
        '/api/v1/users/{userId}/clients/{clientId}/tokens/{tokenId}',
      ],
      grants: [
        '/api/v1/users/{userId}/grants',
        '/api/v1/users/{userId}/grants/{grantId}',
        '/api/v1/users/{userId}/clients/{clientId}/grants',
      ],
    },
  },
  apps: {
    description:
      'Okta applications (OIDC apps with their OAuth settings), their refresh tokens and their scope grants.',
    resources: {
      // Application's own properties leave out what its subtypes add (name, credentials, settings);
      // the rows are described as OIDC apps, whose credentials.oauthClient and settings.oauthClient
      // are what a token debugger reads.
      applications: {
        paths: [
          '/api/v1/apps',
          '/api/v1/apps/{appId}',
          '/api/v1/apps/{appId}/lifecycle/activate',
          '/api/v1/apps/{appId}/lifecycle/deactivate',
        ],
        fieldsFrom: 'OpenIdConnectApplication',
      },
      tokens: ['/api/v1/apps/{appId}/tokens', '/api/v1/apps/{appId}/tokens/{tokenId}'],
      grants: ['/api/v1/apps/{appId}/grants', '/api/v1/apps/{appId}/grants/{grantId}'],
    },
  },
  logs: {
    description: "The org's System Log: events such as token grants, refreshes and revokes.",
    resources: { system_log_events: ['/api/v1/logs'] },
  },
};

// `subdomain` is the server variable of StackQL's okta provider (https://{subdomain}.okta.com/); StackQL
// counts server variables as required parameters of every method, so the catalogue does too.
const SUBDOMAIN = {
  name: 'subdomain',
  in: 'server',
  type: 'string',
  required: true,
  description:
    'The sub-domain of your Okta org in https://{subdomain}.okta.com/ (StackQL server variable, default my-org). Maps to a saved connection.',
};

const snake = (s) =>
  s
    .replace(/OAuth2/g, 'Oauth2')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
const oneLine = (s) => (typeof s === 'string' ? s.replace(/\s+/g, ' ').trim() : undefined);

function deref(spec, node, seen = new Set()) {
  if (!node || typeof node !== 'object' || typeof node.$ref !== 'string') return node;
  if (seen.has(node.$ref)) return {};
  seen.add(node.$ref);
  const parts = node.$ref.replace(/^#\//, '').split('/');
  let cur = spec;
  for (const p of parts) cur = cur?.[p];
  return deref(spec, cur, seen);
}

/** Flattens allOf and $ref into one schema object with merged properties. */
function flatten(spec, schema, depth = 0) {
  const s = deref(spec, schema);
  if (!s || typeof s !== 'object' || depth > 8) return {};
  if (Array.isArray(s.allOf)) {
    const out = { ...s, properties: { ...(s.properties ?? {}) } };
    delete out.allOf;
    for (const part of s.allOf) {
      const f = flatten(spec, part, depth + 1);
      Object.assign(out.properties, f.properties ?? {});
      for (const k of ['type', 'description', 'format', 'enum', 'items', 'readOnly'])
        if (out[k] === undefined && f[k] !== undefined) out[k] = f[k];
    }
    if (Object.keys(out.properties).length === 0) delete out.properties;
    return out;
  }
  return s;
}

function fieldOf(spec, name, schema) {
  const s = flatten(spec, schema);
  let type = s.type ?? (s.properties ? 'object' : 'string');
  if (type === 'array') {
    const items = flatten(spec, s.items);
    type = `array<${items.type ?? (items.properties ? 'object' : 'string')}>`;
  }
  const f = { name, type };
  if (s.format) f.format = s.format;
  if (Array.isArray(s.enum)) f.enum = s.enum.map(String);
  const d = oneLine(s.description);
  if (d) f.description = d;
  if (s.example !== undefined && typeof s.example !== 'object') f.example = String(s.example);
  return f;
}

function paramOf(spec, p) {
  const r = deref(spec, p);
  const schema = flatten(spec, r.schema ?? {});
  const out = { name: r.name, in: r.in, type: schema.type ?? 'string', required: Boolean(r.required) };
  if (schema.format) out.format = schema.format;
  if (Array.isArray(schema.enum)) out.enum = schema.enum.map(String);
  const d = oneLine(r.description);
  if (d) out.description = d;
  // Okta states page-size maxima only in prose; the limit pushdown cap (200) is what StackQL uses too.
  if (r.name === 'limit') out.maximum = 200;
  if (r.name === 'expand' && /scope/.test(d ?? '')) out.enum = ['scope'];
  return out;
}

function sqlVerbOf(httpMethod, path, operationId) {
  if (/\/lifecycle\//.test(path)) return 'exec';
  // Okta's partial updates are POSTs (updateUser); StackQL calls them UPDATE, not INSERT.
  if (httpMethod === 'post' && /^update/.test(operationId)) return 'update';
  return { get: 'select', post: 'insert', put: 'replace', delete: 'delete' }[httpMethod] ?? 'exec';
}

function buildService(spec, service, paths) {
  const resources = {};
  for (const [resource, entry] of Object.entries(paths)) {
    const resourcePaths = Array.isArray(entry) ? entry : entry.paths;
    const methods = [];
    let fields;
    if (!Array.isArray(entry) && entry.fieldsFrom) {
      const row = flatten(spec, { $ref: `#/components/schemas/${entry.fieldsFrom}` });
      fields = Object.entries(row?.properties ?? {}).map(([n, sch]) => fieldOf(spec, n, sch));
    }
    for (const path of resourcePaths) {
      const item = spec.paths?.[path];
      if (!item)
        throw new Error(
          `spec has no path ${path} (resource ${service}.${resource}); update SERVICES in scripts/gen-catalogue.mjs, or re-trim the spec (scripts/trim-spec.mjs)`,
        );
      const shared = (item.parameters ?? []).map((p) => paramOf(spec, p));
      for (const http of ['get', 'post', 'put', 'delete', 'patch']) {
        const op = item[http];
        if (!op) continue;
        const own = (op.parameters ?? []).map((p) => paramOf(spec, p));
        const params = [...shared, ...own.filter((o) => !shared.some((s) => s.name === o.name))].filter(
          (p) => p.in !== 'header',
        );
        const ok = op.responses?.['200'] ?? op.responses?.['201'];
        let schema = deref(spec, ok)?.content?.['application/json']?.schema;
        schema = flatten(spec, schema);
        const isList = schema?.type === 'array';
        if (http === 'get' && !fields) {
          const row = isList ? flatten(spec, schema.items) : schema;
          fields = Object.entries(row?.properties ?? {}).map(([n, s]) => fieldOf(spec, n, s));
        }
        const oauthScopes = (op.security ?? []).flatMap((s) => s.oauth2 ?? []);
        methods.push({
          name: snake(op.operationId),
          operationId: op.operationId,
          sqlVerb: sqlVerbOf(http, path, op.operationId),
          httpMethod: http.toUpperCase(),
          path,
          returns: http === 'get' ? (isList ? 'list' : 'object') : http === 'delete' ? 'none' : 'object',
          required: [SUBDOMAIN.name, ...params.filter((p) => p.required).map((p) => p.name)],
          optional: params.filter((p) => !p.required).map((p) => p.name),
          hasBody: Boolean(op.requestBody),
          summary: oneLine(op.summary) ?? '',
          description: oneLine(op.description) ?? '',
          oauthScopes,
          params: [SUBDOMAIN, ...params],
        });
      }
    }
    resources[resource] = {
      name: resource,
      id: `okta.${service}.${resource}`,
      methods,
      fields: fields ?? [],
    };
  }
  return resources;
}

export function buildCatalogue(specText) {
  const spec = parse(specText, { maxAliasCount: -1 });
  const services = {};
  for (const [name, svc] of Object.entries(SERVICES))
    services[name] = {
      name,
      description: svc.description,
      resources: buildService(spec, name, svc.resources),
    };
  return {
    generatedFrom: 'okta/management-minimal.yaml',
    specVersion: String(spec.info?.version ?? ''),
    provider: 'okta',
    services,
  };
}

export function render(catalogue) {
  return JSON.stringify(catalogue, null, 2) + '\n';
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--spec');
  const specPath = i > 0 ? process.argv[i + 1] : DEFAULT_SPEC;
  const text = render(buildCatalogue(readFileSync(specPath, 'utf8')));
  if (process.argv.includes('--check')) {
    const cur = readFileSync(OUTPUT, 'utf8');
    if (cur !== text) {
      console.error(`${OUTPUT} is out of date with ${specPath}; run: node scripts/gen-catalogue.mjs`);
      process.exit(1);
    }
    console.log('catalogue up to date');
  } else {
    writeFileSync(OUTPUT, text);
    console.log(`wrote ${OUTPUT}`);
  }
}
