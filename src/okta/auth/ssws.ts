// SSWS API-token authentication: the token acts with its creating admin's privileges.

import type { AuthProvider } from './types';

export class SswsAuth implements AuthProvider {
  readonly kind = 'ssws' as const;

  constructor(private readonly token: string) {}

  async headersFor(): Promise<Record<string, string>> {
    return { authorization: `SSWS ${this.token}` };
  }

  handleChallenge(): boolean {
    // A rejected API token stays rejected: retrying only burns rate limit.
    return false;
  }

  secrets(): string[] {
    return [this.token];
  }
}
