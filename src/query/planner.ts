// The planner: turns an analyzed statement into API work. Method choice is "most specific satisfiable
// method" — of the methods for the SQL verb whose required parameters are all given as `=` predicates,
// the one with the most required parameters — never the YAML order StackQL uses, so a DELETE that names
// `tokenId` can never be read as "revoke all". Pure: no network, no vscode.
import type { Expr, OrderItem, SelectItem } from './ast';
import type { CatalogueMethod, CatalogueResource, SqlVerb } from './catalogue';

export interface MethodChoice {
  method?: CatalogueMethod;
  /** When no method is satisfiable: what the closest one still needs. */
  missing: string[];
  closest?: CatalogueMethod;
}

export function chooseMethod(
  resource: CatalogueResource,
  verb: SqlVerb,
  given: ReadonlySet<string>,
): MethodChoice {
  const candidates = resource.methods.filter((m) => m.sqlVerb === verb);
  const satisfiable = candidates.filter((m) => m.required.every((p) => given.has(p)));
  if (satisfiable.length > 0) {
    const best = satisfiable.reduce((a, b) => (b.required.length > a.required.length ? b : a));
    return { method: best, missing: [] };
  }
  let closest: CatalogueMethod | undefined;
  let missing: string[] = [];
  for (const m of candidates) {
    const miss = m.required.filter((p) => !given.has(p));
    // Fewest missing wins; on a tie prefer the method with fewer required params (the broader list).
    if (
      !closest ||
      miss.length < missing.length ||
      (miss.length === missing.length && m.required.length < closest.required.length)
    ) {
      closest = m;
      missing = miss;
    }
  }
  return closest ? { missing, closest } : { missing: [] };
}

export interface Projection {
  /** Output column name. */
  name: string;
  /** Source field, or a json_extract of a field. */
  field: string;
  jsonPath?: string;
}

export interface SelectPlan {
  kind: 'select';
  resource: CatalogueResource;
  method: CatalogueMethod;
  /** Request inputs (path, query and server parameters), values rendered. */
  params: Record<string, string>;
  /** Conjuncts evaluated locally on each row after fetching. */
  filters: Expr[];
  projection: Projection[] | '*';
  orderBy: OrderItem[];
  /** SQL LIMIT: maximum rows returned. */
  rowLimit?: number;
  /** Page size sent as the `limit` query parameter: the statement's `limit = …`, or LIMIT when it may stop the listing (≤ 200). */
  pageSize?: number;
  /**
   * Path parameters that are enumerated instead of given (/*+ FANOUT *\/): all servers / all clients for
   * a server's tokens, all of a user's clients for the user's tokens — whatever the resource's description
   * allows, filled from its parent's rows.
   */
  fanout: string[];
  connection?: string;
  items: SelectItem[];
}
export interface DeletePlan {
  kind: 'delete';
  resource: CatalogueResource;
  method: CatalogueMethod;
  params: Record<string, string>;
  /** True when the statement revokes every token of the client (no tokenId). */
  bulk: boolean;
  connection?: string;
}
export interface MetaPlan {
  kind: 'meta';
  columns: string[];
  rows: Record<string, unknown>[];
}
export type Plan = SelectPlan | DeletePlan | MetaPlan;

/**
 * True when the first `LIMIT n` rows fetched are the answer, so LIMIT may set the page size and stop the
 * listing once met: no local filter may drop rows, no ORDER BY needs every row, and no tokenId narrows
 * a fan-out. Otherwise every row is listed (pages of 200) and LIMIT applies after filtering and sorting.
 */
export function limitStopsListing(
  plan: Pick<SelectPlan, 'rowLimit' | 'filters' | 'orderBy' | 'fanout' | 'params'>,
): boolean {
  if (plan.rowLimit === undefined || plan.filters.length > 0 || plan.orderBy.length > 0) return false;
  return !(plan.fanout.length > 0 && plan.params.tokenId !== undefined);
}

/** `LIMIT n` → the page-size push-down (capped at what the API accepts), when LIMIT may stop the listing. */
export function pushDownLimit(
  method: CatalogueMethod,
  plan: Pick<SelectPlan, 'rowLimit' | 'filters' | 'orderBy' | 'fanout' | 'params'>,
): number | undefined {
  const p = method.params.find((x) => x.name === 'limit');
  if (!p || plan.rowLimit === undefined || !limitStopsListing(plan)) return undefined;
  return Math.max(1, Math.min(plan.rowLimit, p.maximum ?? 200));
}
