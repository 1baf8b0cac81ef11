// When a revoke needs more than a click: "revoke all", selections above the threshold, or the
// "always type" setting require typing the client's name (or, across clients, the token count).
// Pure, unit tested.

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
