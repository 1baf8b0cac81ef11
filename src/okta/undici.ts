// The parts of undici the client uses, loaded from their own modules. undici's index also pulls in
// fetch, WebSocket, caching and mocks; bundling only the request API, the agents and the proxy agents
// keeps the client's bundles about 200 KB smaller. Types still come from undici's public declarations.

/* eslint-disable @typescript-eslint/no-require-imports */
import type * as Undici from 'undici';

export type Dispatcher = Undici.Dispatcher;

export const Agent: typeof Undici.Agent = require('undici/lib/dispatcher/agent.js');
export const ProxyAgent: typeof Undici.ProxyAgent = require('undici/lib/dispatcher/proxy-agent.js');
export const EnvHttpProxyAgent: typeof Undici.EnvHttpProxyAgent = require('undici/lib/dispatcher/env-http-proxy-agent.js');

const api: {
  request: (
    this: Dispatcher,
    opts: Undici.Dispatcher.RequestOptions,
  ) => Promise<Undici.Dispatcher.ResponseData>;
} = require('undici/lib/api/index.js');
// undici's index installs its API (request, connect, …) on every dispatcher; the proxy agent relies on
// `connect` being there, so do the same here.
Object.assign(require('undici/lib/dispatcher/dispatcher.js').prototype, api);

/** `undici.request(url, options)` without undici's index: the same call, made on the given dispatcher. */
export function request(
  url: URL,
  opts: Omit<Undici.Dispatcher.RequestOptions, 'origin' | 'path'> & { dispatcher: Dispatcher },
): Promise<Undici.Dispatcher.ResponseData> {
  const { dispatcher, ...rest } = opts;
  return api.request.call(dispatcher, {
    ...rest,
    origin: url.origin,
    path: `${url.pathname}${url.search}`,
  } as Undici.Dispatcher.RequestOptions);
}
