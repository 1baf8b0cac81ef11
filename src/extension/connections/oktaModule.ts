// The Okta client and its HTTP stack (undici) are a bundle of their own (dist/okta.js, built from
// src/okta): nothing network-related is loaded until a connection is tested or a tree node expanded.
import type * as Okta from '../../okta';
import { lazyBundle } from '../lazyBundle';

export function oktaModule(): typeof Okta {
  return lazyBundle<typeof Okta>('okta.js', ['..', 'okta']);
}
