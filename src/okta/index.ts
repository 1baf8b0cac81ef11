// The Okta Management API client's public surface (see docs/okta-client-api.md).

export {
  OktaClient,
  DEFAULT_CONCURRENCY,
  DEFAULT_TIMEOUT_MS,
  MAX_PAGE_SIZE,
  MAX_LOG_PAGE_SIZE,
} from './client';
export type { OktaClientOptions, CallOptions, RevokeOptions, TokenPath, TokenListParams } from './client';
export { REVOKE_STATUSES, NOT_FOUND_TEXT, isRevoked, countRevokes, summarizeRevokes } from './revokeOutcome';
export type { RevokeOutcome, RevokeStatus, RevokeCounts } from './revokeOutcome';
export type { AuthConfig } from './auth/types';
export { OktaError, isOktaError, parseWwwAuthenticate } from './errors';
export type { OktaErrorKind, WwwAuthenticate } from './errors';
export { PagedList, DEFAULT_MAX_PAGES } from './pager';
export type { Page } from './pager';
export { normalizeOrgUrl, isLoopbackHost } from './orgUrl';
export type { OktaLogger } from './logger';
export { Redactor } from './logger';
export * from './models';
