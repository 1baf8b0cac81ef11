// When a revoke needs more than a click: "revoke all", selections above the threshold, or the
// "always type" setting require typing the client's name (or, across clients, the token count). And
// whose tokens they are: the users the modal names. Pure, unit tested.

/** A token the modal is about, with what the tree (or the query) knows of its user and client. */
export interface ConfirmToken {
  tokenId: string;
  /** The user as the tree names the token's row: Okta's name for the user, else the user id. */
  user?: string;
  userId?: string;
  clientName?: string;
}

export interface ConfirmRequest {
  /** Number of tokens, or undefined for "all tokens of the client" (count unknown until Okta answers). */
  count: number | undefined;
  /** Distinct client display names involved. */
  clientNames: string[];
  /** How many tokens of the client are loaded (for the revoke-all message). */
  loadedCount?: number;
  /** Selected tokens left out because they are already revoked (said in the modal, not silently dropped). */
  skipped?: number;
  /**
   * The connection and org the tokens are in, named in the modal when nothing on screen shows it: a
   * query's `-- connection:` line or subdomain picks the org, and the file may be anyone's.
   */
  connection?: { name: string; orgUrl: string };
  /**
   * For "all tokens" from a query: how many tokens not yet revoked Okta listed just before asking, or
   * null when the list could not be read. (The tree's revoke-all says loadedCount instead.)
   */
  listedCount?: number | null;
  /**
   * The tokens that go (for "all tokens": the ones loaded or listed now), so the modal names their users
   * and can list them. Required for a counted revoke: "Show Tokens…" is the modal's safe default.
   */
  tokens?: ConfirmToken[];
  /** For "all tokens" through a user (the Users rows): whose tokens of the client go, by name. */
  user?: string;
}

export interface ConfirmSettings {
  mode: 'modal' | 'typeName';
  threshold: number;
}

/** Which phrase the user must type, or undefined when the modal alone is enough. */
export function typedPhrase(req: ConfirmRequest, s: ConfirmSettings): string | undefined {
  const needs = req.count === undefined || s.mode === 'typeName' || req.count > s.threshold;
  if (!needs) return undefined;
  return req.clientNames.length === 1 ? req.clientNames[0] : String(req.count);
}

/**
 * The distinct users of these tokens, in the order first met (one user with several tokens is named
 * once: by user id when known, else by name), and how many tokens have no known user.
 */
export function usersOf(tokens: readonly ConfirmToken[]): { names: string[]; unknown: number } {
  const seen = new Set<string>();
  const names: string[] = [];
  let unknown = 0;
  for (const t of tokens) {
    const name = t.user ?? t.userId;
    if (name === undefined) {
      unknown++;
      continue;
    }
    const key = t.userId ?? `name:${name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    names.push(name);
  }
  return { names, unknown };
}

/** The names to print and how many more there are: all of them up to `max`, else `max - 1` and a count. */
export function shortList(names: readonly string[], max = 5): { shown: string[]; more: number } {
  if (names.length <= max) return { shown: [...names], more: 0 };
  return { shown: names.slice(0, max - 1), more: names.length - (max - 1) };
}
