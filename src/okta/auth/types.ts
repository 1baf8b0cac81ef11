// The seam between the request executor and a credential: a provider adds the Authorization (and DPoP)
// headers for each request and says whether a rejected answer is worth one retry with fresh headers.

export interface ChallengeAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body when there was one. */
  body?: unknown;
}

export interface AuthProvider {
  readonly kind: 'ssws' | 'oauth';
  /** Headers for one request; `url` is the full request URL. */
  headersFor(method: string, url: URL, signal?: AbortSignal): Promise<Record<string, string>>;
  /** Given a 400/401 answer, prepare fresh credentials and return true when a retry may succeed. */
  handleChallenge(answer: ChallengeAnswer): boolean;
  /** Every secret value this provider holds or minted, for the redactor. */
  secrets(): string[];
  /**
   * Whether the credential may revoke tokens, when that is known before trying: a service app's
   * granted scopes are; an API token's admin role shows only when a revoke is refused.
   */
  mayRevoke?(): boolean | undefined;
}

export type AuthConfig =
  | { kind: 'ssws'; token: string }
  | {
      kind: 'oauth';
      clientId: string;
      /** PEM (PKCS#8 or PKCS#1/SEC1) or a private JWK as a JSON string or object. */
      privateKey: string | Record<string, unknown>;
      keyId?: string;
      scopes?: string[];
    };
