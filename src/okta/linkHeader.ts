// Reads RFC 8288 `Link` headers the way Okta sends them: one header per relation, which HTTP stacks
// may hand over joined with ", ". The URLs are returned as sent, because Okta says cursors and query
// names may change and must never be rebuilt by clients.

export interface LinkRelation {
  url: string;
  rel: string;
}

/** Every `<url>; rel="…"` entry in one or more Link header values. */
export function parseLinkHeader(value: string | string[] | undefined | null): LinkRelation[] {
  if (!value) return [];
  const joined = Array.isArray(value) ? value.join(', ') : value;
  const out: LinkRelation[] = [];
  // A URL is delimited by <>, so commas inside it are safe; parameters follow up to the next "<".
  const re = /<([^>]*)>((?:\s*;\s*[^;,<]+)*)/g;
  for (const m of joined.matchAll(re)) {
    const params = m[2] ?? '';
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(params);
    const rels = (rel?.[1] ?? rel?.[2] ?? '').split(/\s+/).filter(Boolean);
    for (const r of rels) out.push({ url: m[1]!, rel: r.toLowerCase() });
  }
  return out;
}

/** The `next` link, if any. */
export function nextLink(value: string | string[] | undefined | null): string | undefined {
  return parseLinkHeader(value).find((l) => l.rel === 'next')?.url;
}
