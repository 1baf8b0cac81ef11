// okta.logs.system_log_events: the org's System Log. Polled without `until`, Okta always sends a next
// link; the client ends a read at the first page with no events (see OktaClient.listLogEvents).
import { line, text } from './rows';
import type { ResourceDescription } from './types';

export const LOG_RESOURCES: ResourceDescription[] = [
  {
    id: 'okta.logs.system_log_events',
    noun: 'System Log event',
    idField: 'uuid',
    parents: [],
    label: (r) => text(r, 'displayMessage') ?? text(r, 'eventType') ?? text(r, 'uuid') ?? '',
    describe: (r) => line(text(r, 'published'), text(r, 'eventType'), text(r, 'outcome.result')),
    ids: {},
    methods: {
      list_log_events: {
        kind: 'list',
        call: (c, p, paging, o) => {
          const given = (k: string) => (p[k] !== undefined && p[k] !== '' ? { [k]: p[k] } : {});
          return c.listLogEvents(
            {
              ...given('since'),
              ...given('until'),
              ...given('filter'),
              ...given('q'),
              ...given('sortOrder'),
              ...paging,
            },
            o,
          );
        },
      },
    },
  },
];
