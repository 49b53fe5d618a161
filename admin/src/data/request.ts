/**
 * The data provider's one request function for what the ra-data-graphql-simple convention
 * does not cover (map edits, reports, transitions, settings). Only the data provider's own
 * modules (admin/src/data/, admin/src/dataProvider.ts) import it: components call
 * data-provider methods (useWzDataProvider), never GraphQL directly.
 */
import { authFetch } from '../auth/session';
import { GqlRequestError, type GqlError } from './errors';

export { GqlRequestError, type GqlError };

/** A mutation's result with the id of the change it made (the map's undo stack keeps it). */
export interface Changed<T> {
  data: T;
  changeId?: string;
}

export type Describe = (errors: GqlError[]) => string;

export type Request = <T = any>(
  query: string,
  variables?: Record<string, unknown>,
  signal?: AbortSignal,
) => Promise<Changed<T>>;

/** POST /graphql with the session's token; errors say their reason in the UI language (`describe`). */
export function makeRequest(describe: Describe): Request {
  return async <T>(query: string, variables: Record<string, unknown> = {}, signal?: AbortSignal) => {
    const res = await authFetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
      signal,
    });
    const body = (await res.json().catch(() => ({}))) as {
      data?: T;
      errors?: GqlError[];
      extensions?: { changeIds?: unknown };
    };
    if (body.errors?.length) throw new GqlRequestError(describe(body.errors), body.errors);
    if (!res.ok || !body.data) throw new GqlRequestError(`HTTP ${res.status}`, []);
    const ids = Array.isArray(body.extensions?.changeIds) ? body.extensions.changeIds.map(String) : [];
    return { data: body.data, changeId: ids.at(-1) };
  };
}
