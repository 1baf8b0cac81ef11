// Cursor paging as Okta does it: `limit` + opaque `after`, and one `Link` header per relation
// (`self`, `next`) with absolute URLs on the org's own origin. A cursor is base64url of the next
// position, the last item's id and an HMAC tag, so a client can neither guess nor forge one, and a
// cursor from one list is refused by another.
import { createHmac } from 'node:crypto';

export interface Page<T> {
  items: T[];
  /** Cursor for the next page, absent on the last page. */
  nextAfter?: string;
}

export class PagingError extends Error {}

function tag(key: string, payload: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url').slice(0, 12);
}

export function encodeCursor(key: string, nextIndex: number, lastId: string): string {
  const payload = `${nextIndex}:${lastId}`;
  return Buffer.from(`${payload}|${tag(key, payload)}`, 'utf8').toString('base64url');
}

/** Returns the index of the first item after the cursor; throws PagingError for foreign or forged cursors. */
export function decodeCursor(
  key: string,
  after: string,
  idAt: (index: number) => string | undefined,
): number {
  const text = Buffer.from(after, 'base64url').toString('utf8');
  const m = /^((\d+):(.+))\|([\w-]+)$/.exec(text);
  if (!m || tag(key, m[1]) !== m[4])
    throw new PagingError(`after: "${after}" is not a cursor this org handed out`);
  const index = Number(m[2]);
  if (idAt(index - 1) !== m[3]) throw new PagingError(`after: "${after}" does not belong to this list`);
  return index;
}

export function paginate<T>(
  key: string,
  items: readonly T[],
  after: string | null,
  limit: number,
  idOf: (item: T) => string,
): Page<T> {
  const idAt = (i: number): string | undefined => (i >= 0 && i < items.length ? idOf(items[i]) : undefined);
  const start = after === null || after === '' ? 0 : decodeCursor(key, after, idAt);
  const slice = items.slice(start, start + limit);
  const end = start + slice.length;
  return end < items.length && slice.length > 0
    ? { items: slice, nextAfter: encodeCursor(key, end, idOf(items[end - 1])) }
    : { items: slice };
}

export interface LimitRule {
  /** Used when the parameter is absent. */
  defaultLimit: number;
  max: number;
  /** true: values above max are served as max (Okta's usual behaviour); false: 400. */
  clamp: boolean;
}

/** Parses `limit`; throws PagingError (→ 400 E0000001) for non-integers and values below 1. `-1` means "default". */
export function parseLimit(raw: string | null, rule: LimitRule): number {
  if (raw === null || raw === '') return rule.defaultLimit;
  if (!/^-?\d+$/.test(raw)) throw new PagingError(`limit: "${raw}" is not an integer`);
  const n = Number(raw);
  if (n === -1) return rule.defaultLimit;
  if (n < 1) throw new PagingError(`limit: ${n} is below the minimum of 1`);
  if (n > rule.max) {
    if (rule.clamp) return rule.max;
    throw new PagingError(`limit: ${n} is above the maximum of ${rule.max}`);
  }
  return n;
}

/** `Link` header values for a list response; `query` is the request's query, `after` replaced for next. */
export function linkHeaders(
  origin: string,
  path: string,
  query: URLSearchParams,
  nextAfter?: string,
): string[] {
  const selfQuery = query.toString();
  const links = [`<${origin}${path}${selfQuery ? `?${selfQuery}` : ''}>; rel="self"`];
  if (nextAfter) {
    const next = new URLSearchParams(query);
    next.set('after', nextAfter);
    links.push(`<${origin}${path}?${next.toString()}>; rel="next"`);
  }
  return links;
}
