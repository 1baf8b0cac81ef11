// Word lists for realistic, human-readable emulator data (server, app, user and scope names).
// Plain data; the generator picks from these with a seeded Rng.

export const SERVER_THEMES: ReadonlyArray<{ name: string; slug: string; description: string }> = [
  { name: 'Payments API', slug: 'payments', description: 'Card payments, refunds and payouts' },
  { name: 'Orders API', slug: 'orders', description: 'Order capture and fulfilment' },
  { name: 'Customer Identity', slug: 'customers', description: 'Customer profiles and preferences' },
  { name: 'Partner Gateway', slug: 'partners', description: 'APIs exposed to resellers and partners' },
  { name: 'Internal Tools', slug: 'internal', description: 'Back-office tooling for staff' },
  { name: 'Analytics', slug: 'analytics', description: 'Reporting and metrics' },
  { name: 'Inventory', slug: 'inventory', description: 'Stock levels and warehouses' },
  { name: 'Shipping', slug: 'shipping', description: 'Carriers, labels and tracking' },
  { name: 'Loyalty Program', slug: 'loyalty', description: 'Points, tiers and rewards' },
  { name: 'Billing', slug: 'billing', description: 'Invoices and subscriptions' },
  { name: 'Messaging', slug: 'messaging', description: 'Email, SMS and push notifications' },
  { name: 'Search', slug: 'search', description: 'Catalogue search' },
];

export const APP_NAMES: readonly string[] = [
  'Payments Web',
  'Mobile iOS',
  'Mobile Android',
  'Admin Console',
  'Partner Portal',
  'Checkout SPA',
  'Support Desk',
  'Analytics Dashboard',
  'Billing Service',
  'Inventory Sync',
  'Customer Portal',
  'Reporting Batch',
  'Smart TV',
  'Kiosk App',
  'HR Portal',
  'Marketing Site',
  'CLI Tool',
  'Data Export Job',
  'Warehouse Scanner',
  'Legacy Intranet',
];

export const FIRST_NAMES: readonly string[] = [
  'Ada',
  'Alan',
  'Grace',
  'Linus',
  'Margaret',
  'Dennis',
  'Barbara',
  'Ken',
  'Frances',
  'Tim',
  'Radia',
  'Vint',
  'Hedy',
  'John',
  'Katherine',
  'Edsger',
  'Sophie',
  'Niklaus',
  'Annie',
  'Guido',
  'Joan',
  'Bjarne',
  'Mary',
  'James',
  'Evelyn',
  'Leslie',
  'Karen',
  'Donald',
  'Shafi',
  'Whitfield',
];

export const LAST_NAMES: readonly string[] = [
  'Lovelace',
  'Turing',
  'Hopper',
  'Torvalds',
  'Hamilton',
  'Ritchie',
  'Liskov',
  'Thompson',
  'Allen',
  'Berners-Lee',
  'Perlman',
  'Cerf',
  'Lamarr',
  'McCarthy',
  'Johnson',
  'Dijkstra',
  'Wilson',
  'Wirth',
  'Easley',
  'van Rossum',
  'Clarke',
  'Stroustrup',
  'Keller',
  'Gosling',
  'Berezin',
  'Lamport',
  'Spärck Jones',
  'Knuth',
  'Goldwasser',
  'Diffie',
];

/** Verbs for custom scopes: `<server slug>:<verb>`. */
export const SCOPE_VERBS: ReadonlyArray<{ verb: string; text: string }> = [
  { verb: 'read', text: 'Read' },
  { verb: 'write', text: 'Create and update' },
  { verb: 'admin', text: 'Administer' },
  { verb: 'export', text: 'Export' },
  { verb: 'delete', text: 'Delete' },
  { verb: 'report', text: 'Run reports on' },
  { verb: 'approve', text: 'Approve changes to' },
  { verb: 'audit', text: 'Audit' },
];

/** Okta's built-in OIDC scopes on every custom authorization server (system: true). */
export const SYSTEM_SCOPES: ReadonlyArray<{ name: string; displayName: string; description: string }> = [
  { name: 'openid', displayName: 'openid', description: 'Signals that a request is an OpenID request.' },
  {
    name: 'profile',
    displayName: 'profile',
    description: 'Allows this application to access your profile information.',
  },
  {
    name: 'email',
    displayName: 'email',
    description: 'Allows this application to access your email address.',
  },
  { name: 'address', displayName: 'address', description: 'Allows this application to access your address.' },
  {
    name: 'phone',
    displayName: 'phone',
    description: 'Allows this application to access your phone number.',
  },
  {
    name: 'offline_access',
    displayName: 'offline_access',
    description:
      'Requests a refresh token by default, used to obtain more access tokens without re-prompting the user for authentication.',
  },
];

/**
 * A description with markup and an ampersand. The first custom scope of every server carries it, so
 * the extension's webviews and tooltips can be shown to render API data as text, never as HTML.
 */
export const MARKUP_DESCRIPTION = 'Reads <b>bold</b> & <script>alert("scope")</script> records';

/**
 * What kind of OIDC app an app name is (settings.oauthClient.application_type). Names not listed are
 * server-side web apps. Public clients (browser SPAs and native apps) authenticate with `none` + PKCE.
 */
export const APP_TYPES: Readonly<Partial<Record<string, 'browser' | 'native'>>> = {
  'Checkout SPA': 'browser',
  'Analytics Dashboard': 'browser',
  'Customer Portal': 'browser',
  'Mobile iOS': 'native',
  'Mobile Android': 'native',
  'Smart TV': 'native',
  'Kiosk App': 'native',
  'CLI Tool': 'native',
  'Warehouse Scanner': 'native',
};
